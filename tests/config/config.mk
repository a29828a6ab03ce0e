# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The configuration loader's tests (cmocka): examples/multicloud.yaml, the
# fixtures in tests/config/, and every class of error.  The program finds
# those files through the source directory compiled into it.

CONFIG_TEST_DIR	:= $(BUILD)/tests/config
CONFIG_TEST	:= $(CONFIG_TEST_DIR)/test_config
CONFIG_TEST_OBJ	:= $(CONFIG_TEST_DIR)/test_config.o

$(CONFIG_TEST_OBJ): tests/config/test_config.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -DMCNIC_SRCDIR='"$(CURDIR)"' -MMD -MP -c $< -o $@

$(CONFIG_TEST): $(CONFIG_TEST_OBJ) $(HOST_LIB) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(CONFIG_TEST_OBJ) $(HOST_LIBS) $(CMOCKA_LIBS) -o $@

.SECONDARY: $(CONFIG_TEST_OBJ)

TEST_SUITES	+= config/load=$(CONFIG_TEST)
TEST_DEPS	+= $(CONFIG_TEST)

-include $(CONFIG_TEST_OBJ:.o=.d)
