# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# libmcnic and mcnicctl: cmocka tests of the plan and the diff, and of
# dumps from a misbehaving device (no device: internals, static library);
# the typed C API against mcnic-sim (public API, shared library); and
# end-to-end runs of mcnicctl against mcnic-sim run --socket.

HOST_TEST_DIR	:= $(BUILD)/tests/host
HOST_PLAN_TEST	:= $(HOST_TEST_DIR)/test_plan
HOST_DUMP_TEST	:= $(HOST_TEST_DIR)/test_dump
HOST_API_TEST	:= $(HOST_TEST_DIR)/test_api
HOST_TEST_OBJS	:= $(addprefix $(HOST_TEST_DIR)/,test_plan.o test_dump.o \
		   test_api.o)

$(HOST_TEST_DIR)/%.o: tests/host/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -Ihost-lib -DMCNIC_SRCDIR='"$(CURDIR)"' \
		-MMD -MP -c $< -o $@

$(HOST_PLAN_TEST) $(HOST_DUMP_TEST): %: %.o $(HOST_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $< $(HOST_LIBS) $(CMOCKA_LIBS) -o $@

# Only what <mcnic.h> exports: linked like any program using libmcnic.
$(HOST_API_TEST): $(HOST_TEST_DIR)/test_api.o $(LIBMCNIC_SO) $(LIBMCNIC_LINK)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $< -L$(BUILD)/lib -lmcnic \
		-Wl,-rpath,'$$ORIGIN/../../lib' $(CMOCKA_LIBS) -o $@

.SECONDARY: $(HOST_TEST_OBJS)

TEST_SUITES	+= host/plan=$(HOST_PLAN_TEST) \
		   host/dump=$(HOST_DUMP_TEST) \
		   host/api=tests/host/api.sh \
		   host/mcnicctl=tests/host/mcnicctl.sh \
		   host/flash=tests/host/flash.sh
TEST_DEPS	+= $(HOST_PLAN_TEST) $(HOST_DUMP_TEST) $(HOST_API_TEST) \
		   $(MCNICCTL) $(MCNIC_SIM) $(FW_BIN)

-include $(HOST_TEST_OBJS:.o=.d)
