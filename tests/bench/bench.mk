# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the packet path (parse, encap, decap for VXLAN, GENEVE and GRE)
# against a DPDK 22.11 baseline in the same process -- ns/packet, Mpps and
# callgrind instructions/packet.  The smoke suite runs the same binary
# quickly and checks every benchmarked operation succeeds.

BENCH_DIR	:= $(BUILD)/tests/bench
PKTBENCH	:= $(BENCH_DIR)/pktbench
PKTBENCH_OBJS	:= $(BENCH_DIR)/pktbench.o $(BENCH_DIR)/pktbench-dpdk.o
# Every benchmark links these (tests/bench/benchlib.h): the driver-side
# helpers and the DPDK side's EAL start-up.
BENCHLIB_OBJS	:= $(BENCH_DIR)/benchlib.o $(BENCH_DIR)/benchlib-dpdk.o

# Recursive (=): pkg-config runs only when a DPDK object is built.
DPDK_CFLAGS	= $(shell pkg-config --cflags libdpdk)
DPDK_LIBS	= $(shell pkg-config --libs libdpdk)
# DPDK's headers with its own -march (corei7: SSE4.2, as ours); the
# experimental API for rte_ipv4_udptcp_cksum_verify; gcc 12 sees
# rte_memcpy.h's 128-byte block moves as out of bounds for a variable
# length (a false positive in DPDK's header, not in our code).
PKTBENCH_DPDK_CFLAGS = -std=gnu11 -g -O2 -Wall -Wextra -Werror \
		   -Wno-unused-parameter -Wno-array-bounds \
		   $(DPDK_CFLAGS) -DALLOW_EXPERIMENTAL_API

$(BENCH_DIR)/pktbench.o $(BENCH_DIR)/benchlib.o: \
		$(BENCH_DIR)/%.o: tests/bench/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/pktbench-dpdk.o $(BENCH_DIR)/benchlib-dpdk.o: \
		$(BENCH_DIR)/%.o: tests/bench/%.c
	@pkg-config --exists libdpdk || { echo "bench: DPDK (libdpdk-dev) not found: run make deps" >&2; exit 1; }
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(PKTBENCH_DPDK_CFLAGS) -MMD -MP -c $< -o $@

$(PKTBENCH): $(PKTBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) -o $@ $(PKTBENCH_OBJS) $(BENCHLIB_OBJS) $(DP_LIB) $(DPDK_LIBS)

# Other benchmarks (tests/bench/*.mk) add a program to BENCH_DEPS and a
# command to BENCH_RUNS; make bench runs them after the packet path.
BENCH_DEPS	+= $(PKTBENCH)
BENCH_RUNS	+= tests/bench/bench.sh

bench: deps
	$(Q)$(MAKE) $(BENCH_DEPS)
	@set -e; for r in $(BENCH_RUNS); do BUILD=$(BUILD) $$r; done

TEST_SUITES	+= bench/smoke=tests/bench/smoke.sh
TEST_DEPS	+= $(PKTBENCH)

# Every benchmark's --help (tests/bench/help.sh).  The programs by path:
# TEST_DEPS expands what is added to it at once, and the .mk files that
# name them (FLOWBENCH, HDLBENCH, ...) are read after this one.
TEST_SUITES	+= bench/help=tests/bench/help.sh
TEST_DEPS	+= $(addprefix $(BENCH_DIR)/,pktbench flowbench lpmbench \
		   polbench pipebench hdlbench tblbench)

-include $(PKTBENCH_OBJS:.o=.d) $(BENCHLIB_OBJS:.o=.d)
