/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Routing: next hops, next-hop groups and routes, as the slow path reads
 * them.  An LPM lookup in a VRF yields a route index; the route names a
 * next-hop group; the group picks a member by flow hash.
 */
#ifndef MCNIC_ROUTE_H
#define MCNIC_ROUTE_H

#include "types.h"

enum mcnic_nh_kind {
	MCNIC_NH_NONE = 0,	/* empty slot */
	MCNIC_NH_TUNNEL = 1,	/* encap with template tmpl, out of port */
	MCNIC_NH_VPORT = 2,	/* deliver to host vport port */
};

/* struct mcnic_nexthop.flags */
#define MCNIC_NHF_DOWN		0x01	/* marked down (health, operator) */

struct mcnic_nexthop {
	u8 kind;		/* enum mcnic_nh_kind */
	u8 flags;		/* MCNIC_NHF_* */
	u16 port;		/* uplink (TUNNEL) or host vport (VPORT) */
	u32 tmpl;		/* encap template index (TUNNEL) */
};

#define MCNIC_NHG_MEMBERS_MAX	16
#define MCNIC_NHG_BACKUPS_MAX	4
/* Hash slots a group spreads its weights over (a power of two). */
#define MCNIC_NHG_SLOTS		64
#define MCNIC_NHG_SLOT_NONE	0xff

/*
 * Weighted ECMP over member[]; when every member is down, the first live
 * entry of backup[] in order.  slot[] is derived state, rebuilt by the
 * table manager whenever a weight or a next hop's state changes.  A flow
 * takes slot (hash * 2654435761) >> 26, the top six bits of a Fibonacci
 * multiply; the slot holds the index into member[] (or, with bit 7 set,
 * into backup[]), or MCNIC_NHG_SLOT_NONE when nothing is live.
 */
struct mcnic_nhg {
	u32 member[MCNIC_NHG_MEMBERS_MAX];	/* next-hop indices */
	u8 weight[MCNIC_NHG_MEMBERS_MAX];	/* 1..255 */
	u32 backup[MCNIC_NHG_BACKUPS_MAX];	/* next-hop indices, in order */
	u8 n_members;
	u8 n_backups;
	u8 pad[2];
	u8 slot[MCNIC_NHG_SLOTS];
};

enum mcnic_route_kind {
	MCNIC_ROUTE_NHG = 0,		/* forward through group nhg */
	MCNIC_ROUTE_BLACKHOLE = 1,	/* drop, counted as BLACKHOLE */
};

/* What an LPM result indexes. */
struct mcnic_route {
	u32 nhg;		/* next-hop group index */
	u16 segment;		/* segment of the destination prefix (0: none) */
	u8 kind;		/* enum mcnic_route_kind */
	u8 pad;
};

MCNIC_ASSERT_SIZE(struct mcnic_nexthop, 8);
MCNIC_ASSERT_SIZE(struct mcnic_nhg, 164);
MCNIC_ASSERT_SIZE(struct mcnic_route, 8);

#endif /* MCNIC_ROUTE_H */
