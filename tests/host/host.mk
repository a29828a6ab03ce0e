# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# libmcnic and mcnicctl: cmocka tests of the plan and the diff (no device),
# and end-to-end runs of mcnicctl against mcnic-sim run --socket.

HOST_TEST_DIR	:= $(BUILD)/tests/host
HOST_PLAN_TEST	:= $(HOST_TEST_DIR)/test_plan
HOST_PLAN_OBJ	:= $(HOST_TEST_DIR)/test_plan.o

$(HOST_PLAN_OBJ): tests/host/test_plan.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -Ihost-lib -DMCNIC_SRCDIR='"$(CURDIR)"' \
		-MMD -MP -c $< -o $@

$(HOST_PLAN_TEST): $(HOST_PLAN_OBJ) $(HOST_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(HOST_PLAN_OBJ) $(HOST_LIBS) $(CMOCKA_LIBS) -o $@

.SECONDARY: $(HOST_PLAN_OBJ)

TEST_SUITES	+= host/plan=$(HOST_PLAN_TEST) \
		   host/mcnicctl=tests/host/mcnicctl.sh \
		   host/flash=tests/host/flash.sh
TEST_DEPS	+= $(HOST_PLAN_TEST) $(MCNICCTL) $(MCNIC_SIM) $(FW_BIN)

-include $(HOST_PLAN_OBJ:.o=.d)
