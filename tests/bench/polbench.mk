# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the policy classifier (firmware/dp/policy_table.c) against
# DPDK's rte_acl in the same process -- rule inserts/s and lookups/s at
# 64 k rules.  The smoke suite checks both pick the same rule for every
# query of a smaller rule set.

POLBENCH	:= $(BENCH_DIR)/polbench
POLBENCH_OBJS	:= $(BENCH_DIR)/polbench.o $(BENCH_DIR)/polbench-dpdk.o

$(BENCH_DIR)/polbench.o: tests/bench/polbench.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# -Iinclude: the baseline converts our rules and queries itself.
$(BENCH_DIR)/polbench-dpdk.o: tests/bench/polbench-dpdk.c
	@pkg-config --exists libdpdk || { echo "bench: DPDK (libdpdk-dev) not found: run make deps" >&2; exit 1; }
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(PKTBENCH_DPDK_CFLAGS) -Iinclude -MMD -MP -c $< -o $@

$(POLBENCH): $(POLBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) -o $@ $(POLBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB) $(DPDK_LIBS)

BENCH_DEPS	+= $(POLBENCH)
BENCH_RUNS	+= tests/bench/polbench.sh

TEST_SUITES	+= bench/polbench-smoke=tests/bench/polbench-smoke.sh
TEST_DEPS	+= $(POLBENCH)

-include $(POLBENCH_OBJS:.o=.d)
