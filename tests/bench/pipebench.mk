# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the whole firmware pipeline (mcnic_pipe_rx: parse, flow
# cache, slow path, encap, counters) against an OVS-DPDK-style datapath
# built from DPDK 22.11's libraries in the same process -- egress hits
# (Mpps per core at 1 k and 64 k flows) and the miss rate the slow path
# sustains.  The smoke suite checks both forward every packet, decide
# every flow alike and send the same bytes.

PIPEBENCH	:= $(BENCH_DIR)/pipebench
PIPEBENCH_OBJS	:= $(BENCH_DIR)/pipebench.o $(BENCH_DIR)/pipebench-dpdk.o

$(BENCH_DIR)/pipebench.o: tests/bench/pipebench.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/pipebench-dpdk.o: tests/bench/pipebench-dpdk.c
	@pkg-config --exists libdpdk || { echo "bench: DPDK (libdpdk-dev) not found: run make deps" >&2; exit 1; }
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(PKTBENCH_DPDK_CFLAGS) -MMD -MP -c $< -o $@

$(PIPEBENCH): $(PIPEBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LTO_LDFLAGS) -o $@ $(PIPEBENCH_OBJS) \
		$(BENCHLIB_OBJS) $(DP_LIB) \
		$(DPDK_LIBS)

BENCH_DEPS	+= $(PIPEBENCH)
BENCH_RUNS	+= tests/bench/pipebench.sh

TEST_SUITES	+= bench/pipebench-smoke=tests/bench/pipebench-smoke.sh
TEST_DEPS	+= $(PIPEBENCH)

-include $(PIPEBENCH_OBJS:.o=.d)
