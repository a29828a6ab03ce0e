# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# cmocka unit tests, one program per data-plane object (firmware/dp/*.c),
# each linked with the native data-plane library and the frame builder.
# unit/hash-table runs the hash tests once more against hash.c built
# without SSE4.2: the CRC32C table walk the NIC cores execute.

UNIT_NAMES	:= $(patsubst tests/unit/test_%.c,%,$(sort $(wildcard tests/unit/test_*.c)))
UNIT_DIR	:= $(BUILD)/tests/unit
UNIT_BINS	:= $(addprefix $(UNIT_DIR)/test_,$(UNIT_NAMES)) \
		   $(UNIT_DIR)/test_hash_table
UNIT_OBJS	:= $(patsubst %,$(UNIT_DIR)/test_%.o,$(UNIT_NAMES)) \
		   $(UNIT_DIR)/frame.o $(UNIT_DIR)/hash_table.o

$(UNIT_DIR)/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

$(UNIT_DIR)/hash_table.o: firmware/dp/hash.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(filter-out -msse4.2,$(CFLAGS)) -MMD -MP -c $< -o $@

$(UNIT_DIR)/test_%: $(UNIT_DIR)/test_%.o $(UNIT_DIR)/frame.o $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) -pthread $^ $(CMOCKA_LIBS) -o $@

# hash_table.o comes first, so the library's hash.o is never pulled in.
$(UNIT_DIR)/test_hash_table: $(UNIT_DIR)/hash_table.o $(UNIT_DIR)/test_hash.o \
			     $(UNIT_DIR)/frame.o $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) -pthread $^ $(CMOCKA_LIBS) -o $@

.PHONY: unit-tests
unit-tests: $(UNIT_BINS)

# Keep the objects: make would otherwise delete them as intermediates.
.SECONDARY: $(UNIT_OBJS)

TEST_SUITES	+= $(foreach n,$(UNIT_NAMES),unit/$(n)=$(UNIT_DIR)/test_$(n)) \
		   unit/hash-table=$(UNIT_DIR)/test_hash_table
TEST_DEPS	+= $(UNIT_BINS)

-include $(UNIT_OBJS:.o=.d)
