# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench (and make bench-hdl alone): the HDL pipeline's cycles per
# frame from its Verilator model, a frame-size sweep with and without
# encap, and the rate this gives at 322 MHz beside 100 GbE line rate.
HDLBENCH	:= $(BENCH_DIR)/hdlbench

$(BENCH_DIR)/hdlbench.o: tests/bench/hdlbench.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -Ihdl/tb -Itests/unit -MMD -MP -c $< -o $@

$(HDLBENCH): $(BENCH_DIR)/hdlbench.o $(BUILD)/tests/unit/frame.o \
	     $(SIM_DIR)/hdl_engine.o $(SIM_HDL_LIB) $(FW_LIB) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)g++ -o $@ $^ $(HDL_LDLIBS)

.PHONY: bench-hdl
bench-hdl: deps
	$(Q)$(MAKE) $(HDLBENCH)
	$(Q)$(HDLBENCH)

BENCH_DEPS	+= $(HDLBENCH)
BENCH_RUNS	+= $(HDLBENCH)

-include $(BENCH_DIR)/hdlbench.d
