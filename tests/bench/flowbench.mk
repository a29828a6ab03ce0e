# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the exact-match flow cache (firmware/dp/flow_cache.c) against
# DPDK 22.11's rte_hash in the same process -- lookups/s (uniform and Zipf
# keys, 1 M and 4 M flows) and inserts/s.  The smoke suite checks that both
# return the same answers for the same key set.

FLOWBENCH_DIR	:= $(BUILD)/tests/bench
FLOWBENCH	:= $(FLOWBENCH_DIR)/flowbench
FLOWBENCH_OBJS	:= $(FLOWBENCH_DIR)/flowbench.o \
		   $(FLOWBENCH_DIR)/flowbench-dpdk.o

$(FLOWBENCH_DIR)/flowbench.o: tests/bench/flowbench.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(FLOWBENCH_DIR)/flowbench-dpdk.o: tests/bench/flowbench-dpdk.c
	@pkg-config --exists libdpdk || { echo "bench: DPDK (libdpdk-dev) not found: run make deps" >&2; exit 1; }
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(PKTBENCH_DPDK_CFLAGS) -MMD -MP -c $< -o $@

$(FLOWBENCH): $(FLOWBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) -o $@ $(FLOWBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB) \
		$(DPDK_LIBS) -lm

BENCH_DEPS	+= $(FLOWBENCH)
BENCH_RUNS	+= tests/bench/flowbench.sh

TEST_SUITES	+= bench/flowbench-smoke=tests/bench/flowbench-smoke.sh
TEST_DEPS	+= $(FLOWBENCH)

-include $(FLOWBENCH_OBJS:.o=.d)
