# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# HDL tests: each drives a Verilator model (hdl/hdl.mk) from C, beside the
# native firmware, and compares the two.  HDL_TEST_LINK links one.
HDL_TEST_DIR	:= $(BUILD)/tests/hdl

$(HDL_TEST_DIR)/%.o: tests/hdl/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -Ihdl/tb -Itests/unit -MMD -MP -c $< -o $@

# $(call hdl_test,NAME,MODEL_TOP,EXTRA_OBJS): build/tests/hdl/test_NAME
define hdl_test
$(HDL_TEST_DIR)/test_$(1): $(HDL_TEST_DIR)/test_$(1).o $(3) \
			   $(BUILD)/hdl/$(2)/lib$(2).a $(FW_LIB) $(DP_LIB)
	$$(call quiet_cmd,LD,$$@)
	$$(Q)g++ -o $$@ $$^ $(HDL_LDLIBS)
TEST_SUITES	+= hdl/$(1)=$(HDL_TEST_DIR)/test_$(1)
TEST_DEPS	+= $(HDL_TEST_DIR)/test_$(1)
endef

# The generated package matches the headers.
TEST_SUITES	+= hdl/gen-check=tests/hdl/gen_check.sh
TEST_DEPS	+= $(HDL_GEN)

include $(sort $(wildcard tests/hdl/*.mk.inc))
