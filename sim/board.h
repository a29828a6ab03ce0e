/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The board description: what hardware a simulated NIC has.  A device
 * tree (sim/boards/default.dts is built in):
 *
 *   /                 model (string), clock-frequency (Hz)
 *   /ports/uplink@N   reg = <N> (port id), mac-address (6 bytes),
 *                     max-speed (Mb/s)
 *   /vports           id-range = <FIRST LAST> (host vport ids),
 *                     queues (host queues per vport),
 *                     mac-address (the first vport's; +1 per id)
 *   /tables           flows, routes, lpm4-prefixes, lpm4-groups,
 *                     lpm4-root-bits, lpm6-prefixes, lpm6-groups,
 *                     lpm6-root-bits, rules, counted-rules, vrfs, vnis,
 *                     peers, templates, next-hops, groups (one cell each;
 *                     dp/pipe.h struct mcnic_pipe_limits)
 *
 * Every property is required; port ids must be unique and have a window
 * in BAR 0 (below MCNIC_REGS_PORTS_MAX, 4030), and all vports' queues
 * together must fit BAR 0's queue windows (MCNIC_REGS_QUEUES_MAX, 512).
 */
#ifndef MCNIC_SIM_BOARD_H
#define MCNIC_SIM_BOARD_H

#include <stddef.h>
#include "dp/pipe.h"

#define MCNIC_BOARD_UPLINKS_MAX	16
#define MCNIC_BOARD_PORTS_MAX	4096
#define MCNIC_BOARD_MODEL_MAX	32

struct mcnic_board_uplink {
	u16 id;
	u8 mac[6];
	u32 speed;		/* Mb/s */
};

struct mcnic_board {
	char model[MCNIC_BOARD_MODEL_MAX];
	u32 clock_hz;
	u16 n_uplinks;
	u16 vport_first;
	u16 vport_last;
	u16 vport_queues;
	u8 vport_mac[6];
	struct mcnic_board_uplink uplink[MCNIC_BOARD_UPLINKS_MAX];
	struct mcnic_pipe_limits lim;	/* ports: highest id + 1 */
};

/*
 * Load the board from path (a .dts is compiled with dtc, anything else
 * must be a .dtb), or the built-in default when path is NULL.  Returns 0,
 * or -errno with the file, node and property that were wrong in err.
 */
int mcnic_board_load(struct mcnic_board *b, const char *path, char *err,
		     size_t errlen);

/* enum mcnic_port_kind of port id on this board. */
/* u32: register values must not be truncated into a valid id. */
int mcnic_board_port_kind(const struct mcnic_board *b, u32 id);
/* The uplink with this id, or NULL. */
const struct mcnic_board_uplink *mcnic_board_uplink(const struct mcnic_board *b,
						    u16 id);
/* Host queues of all vports together. */
u32 mcnic_board_queues(const struct mcnic_board *b);
/* The MAC a vport has before the host sets one. */
void mcnic_board_vport_mac(const struct mcnic_board *b, u16 id, u8 *mac);

#endif /* MCNIC_SIM_BOARD_H */
