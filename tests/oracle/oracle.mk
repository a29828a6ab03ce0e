# Independent-oracle vectors: gen_vectors.py writes expected results from
# scapy and RFC rules into $(BUILD)/gen/vectors.c; the same runner checks
# the native data plane (oracle/vectors) and its RISC-V build under QEMU
# (riscv/vectors), and tshark dissects every frame our encap produced
# (oracle/tshark).

ORACLE_OUT	:= $(BUILD)/tests/oracle
ORACLE_GEN	:= $(BUILD)/gen/vectors.c
ORACLE_BIN	:= $(ORACLE_OUT)/vectors
ORACLE_PCAP_BIN	:= $(ORACLE_OUT)/vectors-pcap
ORACLE_RV_ELF	:= $(ORACLE_OUT)/riscv/vectors.elf
ORACLE_CFLAGS	:= $(CFLAGS) -Itests/oracle

$(ORACLE_GEN): tests/oracle/gen_vectors.py
	@mkdir -p $(@D)
	$(call quiet_cmd,GEN,$@)
	$(Q)$(PY) tests/oracle/gen_vectors.py -o $@.tmp
	$(Q)mv $@.tmp $@

# Native
$(ORACLE_OUT)/vectors.o: $(ORACLE_GEN) tests/oracle/vectors.h
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(ORACLE_CFLAGS) -c $< -o $@

$(ORACLE_OUT)/%.o: tests/oracle/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(ORACLE_CFLAGS) -MMD -MP -c $< -o $@

$(ORACLE_BIN): $(ORACLE_OUT)/vectors_run.o $(ORACLE_OUT)/vectors.o $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(ORACLE_CFLAGS) $^ -o $@

# The runner again, with vectors_pcap.c's sink overriding its weak no-ops.
$(ORACLE_PCAP_BIN): $(ORACLE_OUT)/vectors_run.o $(ORACLE_OUT)/vectors_pcap.o \
		    $(ORACLE_OUT)/vectors.o $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(ORACLE_CFLAGS) $^ -lpcap -o $@

# RISC-V: the data plane compiled as the NIC cores' image is, plus
# picolibc's stdio over semihosting so the runner can print and hand its
# exit code back to QEMU.
ORACLE_RV_CFLAGS := $(RV_CFLAGS) --specs=picolibc.specs -Itests/oracle
ORACLE_RV_LDFLAGS := $(RV_ARCH) --specs=picolibc.specs --crt0=semihost \
		   --oslib=semihost -Wl,--gc-sections \
		   -Wl,--defsym=__flash=0x80000000 \
		   -Wl,--defsym=__flash_size=0x400000 \
		   -Wl,--defsym=__ram=0x80400000 \
		   -Wl,--defsym=__ram_size=0x1000000 \
		   -Wl,--defsym=__stack_size=0x10000
ORACLE_RV_OBJS	:= $(patsubst %.c,$(ORACLE_OUT)/riscv/%.o,$(FW_DP_SRCS)) \
		   $(ORACLE_OUT)/riscv/vectors_run.o $(ORACLE_OUT)/riscv/vectors.o

$(ORACLE_OUT)/riscv/firmware/dp/%.o: firmware/dp/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,RVCC,$@)
	$(Q)$(RV_CC) $(ORACLE_RV_CFLAGS) -MMD -MP -c $< -o $@

$(ORACLE_OUT)/riscv/vectors_run.o: tests/oracle/vectors_run.c
	@mkdir -p $(@D)
	$(call quiet_cmd,RVCC,$@)
	$(Q)$(RV_CC) $(ORACLE_RV_CFLAGS) -MMD -MP -c $< -o $@

$(ORACLE_OUT)/riscv/vectors.o: $(ORACLE_GEN) tests/oracle/vectors.h
	@mkdir -p $(@D)
	$(call quiet_cmd,RVCC,$@)
	$(Q)$(RV_CC) $(ORACLE_RV_CFLAGS) -c $< -o $@

$(ORACLE_RV_ELF): $(ORACLE_RV_OBJS)
	$(call quiet_cmd,RVLD,$@)
	$(Q)$(RV_CC) $(ORACLE_RV_LDFLAGS) $^ -o $@

ALL_TARGETS	+= $(ORACLE_BIN) $(ORACLE_PCAP_BIN) $(ORACLE_RV_ELF)
TEST_SUITES	+= oracle/vectors=$(ORACLE_BIN) \
		   oracle/tshark=tests/oracle/tshark.sh \
		   riscv/vectors=tests/oracle/riscv-vectors.sh
TEST_DEPS	+= $(ORACLE_BIN) $(ORACLE_PCAP_BIN) $(ORACLE_RV_ELF)

-include $(ORACLE_OUT)/vectors_run.d $(ORACLE_OUT)/vectors_pcap.d \
	 $(ORACLE_RV_OBJS:.o=.d)
