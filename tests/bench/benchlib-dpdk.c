// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * benchlib's DPDK side: EAL start-up and shutdown as every baseline has
 * them (see benchlib.h).
 */
#include <stdio.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "benchlib.h"

static int bench_eal_up;

int bench_eal_init(const char *prog, int core, unsigned int mem_mb,
		   int verbose)
{
	char lcore[16], mem[16];
	char *argv[] = {
		(char *)prog, "--no-huge", "--no-shconf", "--no-pci",
		"--no-telemetry", "-l", lcore, "-m", mem,
		verbose ? "--log-level=lib.eal:info" :
			  "--log-level=lib.eal:error",
		NULL,
	};
	int argc = sizeof(argv) / sizeof(argv[0]) - 1;

	snprintf(lcore, sizeof(lcore), "%d", core);
	snprintf(mem, sizeof(mem), "%u", mem_mb);
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "%s: rte_eal_init: %s\n", prog,
			rte_strerror(rte_errno));
		return -1;
	}
	bench_eal_up = 1;
	return 0;
}

void bench_eal_fini(void)
{
	if (bench_eal_up)
		rte_eal_cleanup();
	bench_eal_up = 0;
}
