# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# cmocka unit tests, one program per data-plane object (firmware/dp/*.c),
# each linked with the native data-plane library and the frame builder.
# unit/<name>-portable runs the tests of the objects that have an x86 fast
# path once more against the object built without SSE: the code the NIC
# cores execute (CRC32C table walk, scalar tag compare, scalar hashing).

UNIT_NAMES	:= $(patsubst tests/unit/test_%.c,%,$(sort $(wildcard tests/unit/test_*.c)))
UNIT_DIR	:= $(BUILD)/tests/unit
UNIT_PORTABLE	:= hash flow_cache policy_table
UNIT_PORT_OBJS	:= $(patsubst %,$(UNIT_DIR)/portable/%.o,$(UNIT_PORTABLE))
UNIT_BINS	:= $(addprefix $(UNIT_DIR)/test_,$(UNIT_NAMES)) \
		   $(patsubst %,$(UNIT_DIR)/test_%_portable,$(UNIT_PORTABLE))
UNIT_OBJS	:= $(patsubst %,$(UNIT_DIR)/test_%.o,$(UNIT_NAMES)) \
		   $(UNIT_DIR)/frame.o $(UNIT_PORT_OBJS)

$(UNIT_DIR)/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

$(UNIT_DIR)/portable/%.o: firmware/dp/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(filter-out -msse4.2,$(CFLAGS)) -mno-sse2 -MMD -MP -c $< -o $@

$(UNIT_DIR)/test_%: $(UNIT_DIR)/test_%.o $(UNIT_DIR)/frame.o $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) -pthread $^ $(CMOCKA_LIBS) -o $@

# The command handler's test links the firmware library before the dp's.
$(UNIT_DIR)/test_cmd: $(UNIT_DIR)/test_cmd.o $(UNIT_DIR)/frame.o $(FW_LIB) \
		      $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) -pthread $^ $(CMOCKA_LIBS) -o $@

# The portable objects come first, so the library's are never pulled in.
$(UNIT_DIR)/test_%_portable: $(UNIT_PORT_OBJS) $(UNIT_DIR)/test_%.o \
			     $(UNIT_DIR)/frame.o $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) -pthread $^ $(CMOCKA_LIBS) -o $@

.PHONY: unit-tests
unit-tests: $(UNIT_BINS)

# Keep the objects: make would otherwise delete them as intermediates.
.SECONDARY: $(UNIT_OBJS)

TEST_SUITES	+= $(foreach n,$(UNIT_NAMES),unit/$(n)=$(UNIT_DIR)/test_$(n)) \
		   $(foreach n,$(UNIT_PORTABLE),unit/$(n)-portable=$(UNIT_DIR)/test_$(n)_portable)
TEST_DEPS	+= $(UNIT_BINS)

-include $(UNIT_OBJS:.o=.d)
