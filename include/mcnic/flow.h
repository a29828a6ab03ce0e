/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The exact-match flow cache: key and entry layouts both engines use.
 * An entry is one 64-byte cache line (key, generation, action); counters
 * live in a parallel array so a hit reads one bucket line and one entry
 * line, and the HDL can keep counters in their own RAM.
 */
#ifndef MCNIC_FLOW_H
#define MCNIC_FLOW_H

#include "types.h"
#include "tunnel.h"

/* struct mcnic_flow_key.kind */
#define MCNIC_FK_INGRESS	0x01	/* received on an uplink (else egress) */
#define MCNIC_FK_IPV6		0x02	/* addresses are IPv6 (else IPv4) */
#define MCNIC_FK_FRAG		0x04	/* IP fragment: ports are zero */

/*
 * Egress (from a host vport): the tenant packet; zone is the vport's VRF.
 * Ingress (from an uplink): the inner packet of a tunnel we terminate; zone
 * is the VNI.  IPv4 addresses sit in the first four bytes, the rest zero.
 * Every byte, padding included, is part of the key: build keys from zero.
 */
struct mcnic_flow_key {
	u8 saddr[16];
	u8 daddr[16];
	u32 zone;
	u16 sport;		/* ICMP: type << 8 | code */
	u16 dport;		/* ICMP: echo identifier */
	u16 port;		/* receiving port */
	u8 kind;		/* MCNIC_FK_* */
	u8 proto;
};

struct mcnic_flow_entry {
	struct mcnic_flow_key key;
	u32 gen;		/* VRF generation the action was decided at */
	struct mcnic_tunnel_action act;
};

struct mcnic_flow_stats {
	u64 packets;
	u64 bytes;
	u64 first_seen;		/* caller's clock (ns in mcnic-sim) */
	u64 last_seen;
};

/*
 * The flow hash (ECMP, RSS, UDP entropy) is CRC32C over this tuple; the
 * flow cache's own hash is CRC32C over the key, from the table's seed.
 */
struct mcnic_hash_tuple {
	u8 saddr[16];		/* IP source; non-IP: Ethernet source */
	u8 daddr[16];		/* IP destination; non-IP: Ethernet destination */
	__be16 sport;		/* non-IP: ethertype */
	__be16 dport;
	u8 proto;
	u8 l3;
	u8 pad[2];
};

MCNIC_ASSERT_SIZE(struct mcnic_flow_key, 44);
MCNIC_ASSERT_SIZE(struct mcnic_hash_tuple, 40);
MCNIC_ASSERT_SIZE(struct mcnic_flow_entry, 64);
MCNIC_ASSERT_OFF(struct mcnic_flow_entry, act, 48);
MCNIC_ASSERT_SIZE(struct mcnic_flow_stats, 32);

#endif /* MCNIC_FLOW_H */
