# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The simulated flash and signed images: flash/flash (cmocka: sim/flash.c
# and sim/fwimage.c, with images made from the real $(FW_BIN)'s parts) and
# flash/fwimage-tool (the mcnic-fwimage command line).

FLASH_TEST_DIR	:= $(BUILD)/tests/flash
FLASH_TEST	:= $(FLASH_TEST_DIR)/test_flash

$(FLASH_TEST_DIR)/%.o: tests/flash/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -MMD -MP -c $< -o $@

$(FLASH_TEST): $(FLASH_TEST_DIR)/test_flash.o $(FLASH_OBJS)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ $(FLASH_LIBS) $(CMOCKA_LIBS) -o $@

.SECONDARY: $(FLASH_TEST_DIR)/test_flash.o

TEST_SUITES	+= flash/flash=$(FLASH_TEST) \
		   flash/fwimage-tool=tests/flash/fwimage-tool.sh
TEST_DEPS	+= $(FLASH_TEST) $(FW_BIN) $(FWIMAGE_TOOL)

-include $(FLASH_TEST_DIR)/test_flash.d
