# libFuzzer targets for the data plane and the configuration loader (see
# tests/fuzz/fuzz_*.c).  Each is built with clang, ASan and UBSan (no
# recovery) over its own copy of the dp sources, instrumented the same way,
# under $(BUILD)/tests/fuzz/; fuzz_config adds the host library's sources,
# compiled the same way, and links libyaml; fuzz_cmd adds the firmware's
# command handler (firmware/fw/cmd*.c, tbl_*.c); fuzz_pipe (the whole
# pipeline, mcnic_pipe_rx against mcnic_pipe_rx_burst) needs only dp.
#
#   make fuzz [FUZZ_SECONDS=60]   run every target for N seconds from the
#                                 committed corpus + $(BUILD)/fuzz/<target>/;
#                                 crash reproducers land there too
#   test suite fuzz/smoke         ~20 s per target plus every committed seed
#
# tests/fuzz/make_seeds.py (scapy) writes the committed corpus;
# tests/fuzz/make_cmd_seeds.py that of fuzz_cmd.

FUZZ_SECONDS	?= 60
FUZZ_TARGETS	:= fuzz_parse fuzz_decap fuzz_encap fuzz_config fuzz_cmd \
		   fuzz_pipe
FUZZ_OUT	:= $(BUILD)/tests/fuzz
FUZZ_BINS	:= $(addprefix $(FUZZ_OUT)/,$(FUZZ_TARGETS))
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	:= $(CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_DP_OBJS	:= $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(FW_DP_SRCS))
FUZZ_COMMON_OBJ	:= $(FUZZ_OUT)/obj/tests/fuzz/fuzz_common.o
# The loader and the address parsers it shares with the CLI (addr.c).
FUZZ_HOST_OBJS	:= $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,\
		   $(wildcard host-lib/config*.c) host-lib/addr.c)
FUZZ_CMD_OBJS	:= $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(FW_CMD_SRCS))
FUZZ_LDLIBS	:=

$(FUZZ_HOST_OBJS) $(FUZZ_OUT)/obj/tests/fuzz/fuzz_config.o: FUZZ_CFLAGS += -I.
$(FUZZ_OUT)/fuzz_config: $(FUZZ_HOST_OBJS)
$(FUZZ_OUT)/fuzz_config: FUZZ_LDLIBS := -lyaml
# fuzz_cmd adds the firmware's command handler, instrumented the same way.
$(FUZZ_OUT)/fuzz_cmd: $(FUZZ_CMD_OBJS)

$(FUZZ_OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BINS): $(FUZZ_OUT)/%: $(FUZZ_OUT)/obj/tests/fuzz/%.o $(FUZZ_COMMON_OBJ) $(FUZZ_DP_OBJS)
	$(call quiet_cmd,FUZZLD,$@)
	$(Q)$(CLANG) $(FUZZ_SAN) -fsanitize=fuzzer $^ $(FUZZ_LDLIBS) -o $@

fuzz: $(FUZZ_BINS)
	@BUILD=$(BUILD) tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

TEST_SUITES	+= fuzz/smoke=tests/fuzz/smoke.sh
TEST_DEPS	+= $(FUZZ_BINS)
ALL_TARGETS	+= $(FUZZ_BINS)

-include $(FUZZ_DP_OBJS:.o=.d) $(FUZZ_HOST_OBJS:.o=.d) \
	 $(FUZZ_CMD_OBJS:.o=.d) \
	 $(FUZZ_OUT)/obj/tests/fuzz/fuzz_common.d \
	 $(patsubst %,$(FUZZ_OUT)/obj/tests/fuzz/%.d,$(FUZZ_TARGETS))
