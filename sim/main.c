// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic-sim: the simulated NIC.  Subcommands: run (the NIC as a daemon)
 * and replay (captures through a NIC programmed from a config).
 */
#include <stdio.h>
#include <string.h>

#include "replay.h"
#include "run.h"

static void sim_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-sim - the simulated mcnic SmartNIC\n\n"
"SYNOPSIS\n"
"    mcnic-sim run [--board FILE] [--socket PATH] [--port ID=KIND:ARGS]...\n"
"    mcnic-sim replay --config FILE --in PORT=IN.pcap ...\n"
"                     [--out PORT=OUT.pcap ...]\n"
"    mcnic-sim COMMAND --help\n\n"
"DESCRIPTION\n"
"    The mcnic NIC in software: the native firmware with a device model.\n\n"
"COMMANDS\n"
"    run       run one NIC as a daemon: hosts program it and exchange\n"
"              vport frames through a UNIX socket, its uplinks are UDP\n"
"              sockets, TAP interfaces or captures\n"
"    replay    run captures through one NIC programmed from a YAML config,\n"
"              write what leaves each port, print the counters\n\n"
"OPTIONS\n"
"    -h, --help    this text\n\n"
"EXIT STATUS\n"
"    That of the command; 2 for an unknown command.\n\n"
"EXAMPLES\n"
"    mcnic-sim run --socket /tmp/nic.sock \\\n"
"        --port 0=udp:127.0.0.1:7000:127.0.0.1:7001\n"
"    mcnic-sim replay --config examples/multicloud.yaml \\\n"
"        --in uplink0=in.pcap\n");
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return mcnic_run_main(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "replay"))
		return mcnic_replay_main(argc - 1, argv + 1);
	if (argc >= 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		sim_usage(stdout);
		return 0;
	}
	sim_usage(stderr);
	return 2;
}
