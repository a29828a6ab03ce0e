// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic-sim: the simulated NIC.  Subcommands: replay (captures through a
 * NIC programmed from a config).  The device daemon comes next.
 */
#include <stdio.h>
#include <string.h>

#include "replay.h"

static void sim_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-sim - the simulated mcnic SmartNIC\n\n"
"SYNOPSIS\n"
"    mcnic-sim replay --config FILE --in PORT=IN.pcap ... [--out PORT=OUT.pcap ...]\n"
"    mcnic-sim COMMAND --help\n\n"
"COMMANDS\n"
"    replay    run captures through one NIC programmed from a YAML config,\n"
"              write what leaves each port, print the counters\n");
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "replay"))
		return mcnic_replay_main(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		sim_usage(stdout);
		return 0;
	}
	sim_usage(stderr);
	return 2;
}
