# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# lpmbench: mcnic's longest-prefix match (firmware/dp/lpm.c) against DPDK
# 22.11's rte_lpm, rte_fib, rte_lpm6 and rte_fib6 on BGP-like tables, in
# the same process.  make bench runs the timed comparison; the smoke suite
# checks on smaller tables that both sides give the same next hops.
# DPDK_LIBS and PKTBENCH_DPDK_CFLAGS come from bench.mk (recursive, so the
# order the .mk files are read in does not matter).

LPMBENCH_DIR	:= $(BUILD)/tests/bench
LPMBENCH	:= $(LPMBENCH_DIR)/lpmbench
LPMBENCH_OBJS	:= $(LPMBENCH_DIR)/lpmbench.o $(LPMBENCH_DIR)/lpmbench-dpdk.o

$(LPMBENCH_DIR)/lpmbench.o: tests/bench/lpmbench.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(LPMBENCH_DIR)/lpmbench-dpdk.o: tests/bench/lpmbench-dpdk.c
	@pkg-config --exists libdpdk || { echo "lpmbench: DPDK (libdpdk-dev) not found: run make deps" >&2; exit 1; }
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(PKTBENCH_DPDK_CFLAGS) -MMD -MP -c $< -o $@

$(LPMBENCH): $(LPMBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) -o $@ $(LPMBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB) $(DPDK_LIBS)

BENCH_DEPS	+= $(LPMBENCH)
BENCH_RUNS	+= tests/bench/lpmbench.sh
TEST_SUITES	+= bench/lpmbench-smoke=tests/bench/lpmbench-smoke.sh
TEST_DEPS	+= $(LPMBENCH)

-include $(LPMBENCH_OBJS:.o=.d)
