# Firmware: the data plane (dp/) builds twice -- natively, as a static
# library for the simulator, tools and tests, and freestanding for the NIC's
# RISC-V cores, linked with boot/, fw/, hal/ and rt/ into mcnic-fw.elf.

# Every object of the data plane: one file each (firmware/dp/*.c).
FW_DP_SRCS	:= $(sort $(wildcard firmware/dp/*.c))
# The command handler and table manager (firmware/fw/cmd*.c, tbl_*.c).
# The HDL pipeline's driver (firmware/hal/hwpipe.c) rides along.
FW_CMD_SRCS	:= $(sort $(wildcard firmware/fw/cmd*.c firmware/fw/tbl_*.c)) \
		   firmware/hal/hwpipe.c
FW_SRCS		:= $(FW_DP_SRCS) $(FW_CMD_SRCS) \
		   firmware/fw/main.c firmware/fw/selftest.c \
		   firmware/fw/pipetest.c firmware/fw/mboxtest.c \
		   firmware/hal/virt.c firmware/rt/string.c
FW_ASM		:= firmware/boot/start.S

# Native
DP_LIB		:= $(BUILD)/lib/libmcnic-dp.a
DP_OBJS		:= $(patsubst %.c,$(BUILD)/native/%.o,$(FW_DP_SRCS))
# The data plane's objects also carry GCC's intermediate code: a link that
# adds $(LTO_LDFLAGS) (mcnic-sim, pipebench) optimises the packet path
# across its files, and the others link the ordinary code beside it.
DP_LTO		:= -flto=auto -ffat-lto-objects
LTO_LDFLAGS	:= -flto=auto

$(BUILD)/native/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/native/firmware/dp/%.o: firmware/dp/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(DP_LTO) -MMD -MP -c $< -o $@

# gcc-ar: its index lists the intermediate code for an LTO link.
$(DP_LIB): $(DP_OBJS)
	@mkdir -p $(@D)
	$(call quiet_cmd,AR,$@)
	$(Q)rm -f $@ && gcc-ar rcs $@ $^

# Native command handler: link it before $(DP_LIB), which it calls.
FW_LIB		:= $(BUILD)/lib/libmcnic-fw.a
FW_CMD_OBJS	:= $(patsubst %.c,$(BUILD)/native/%.o,$(FW_CMD_SRCS))

$(FW_LIB): $(FW_CMD_OBJS)
	@mkdir -p $(@D)
	$(call quiet_cmd,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# RISC-V (rv64imac, lp64, freestanding)
RV_CC		:= riscv64-unknown-elf-gcc
RV_SIZE		:= riscv64-unknown-elf-size
RV_ARCH		:= -march=rv64imac -mabi=lp64 -mcmodel=medany
RV_CFLAGS	:= $(RV_ARCH) -std=gnu11 -O2 -g -Wall -Wextra -Werror \
		   -Wno-unused-parameter -ffreestanding -fno-common \
		   -ffunction-sections -fdata-sections -Iinclude -Ifirmware
FW_ELF		:= $(BUILD)/firmware/mcnic-fw.elf
FW_OBJS		:= $(patsubst %.c,$(BUILD)/riscv/%.o,$(FW_SRCS)) \
		   $(patsubst %.S,$(BUILD)/riscv/%.o,$(FW_ASM))

$(BUILD)/riscv/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet_cmd,RVCC,$@)
	$(Q)$(RV_CC) $(RV_CFLAGS) -MMD -MP -c $< -o $@

# Zicsr (csrr mhartid) was part of the base ISA before the 2019 split.
$(BUILD)/riscv/%.o: %.S
	@mkdir -p $(@D)
	$(call quiet_cmd,RVAS,$@)
	$(Q)$(RV_CC) $(RV_ARCH:rv64imac=rv64imac_zicsr) -c $< -o $@

$(FW_ELF): $(FW_OBJS) firmware/boot/mcnic-fw.ld
	@mkdir -p $(@D)
	$(call quiet_cmd,RVLD,$@)
	$(Q)$(RV_CC) $(RV_ARCH) -nostdlib -nostartfiles -static -Wl,--gc-sections \
		-T firmware/boot/mcnic-fw.ld $(FW_OBJS) -lgcc -o $@

firmware: $(FW_ELF)
	@$(RV_SIZE) $(FW_ELF)

ALL_TARGETS	+= $(DP_LIB) $(FW_LIB) $(FW_ELF)

-include $(DP_OBJS:.o=.d) $(FW_CMD_OBJS:.o=.d) $(FW_OBJS:.o=.d)
