/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * pipebench: the interface between the driver (pipebench.c, built with the
 * project's flags against libmcnic-dp) and the DPDK datapath it is
 * compared with (pipebench-dpdk.c, built with DPDK's flags).  Plain C
 * types only, so neither side sees the other's headers.  Both sides are
 * programmed from one description (struct pbp_prog) and fed the same
 * frames.
 */
#ifndef PIPEBENCH_H
#define PIPEBENCH_H

#include <stdint.h>

#define PBP_KEY_LEN		44	/* sizeof(struct mcnic_flow_key) */
#define PBP_GROUP_MAX		4
#define PBP_BURST		32u	/* OVS-DPDK's NETDEV_MAX_BURST */
#define PBP_HDR_LEN		50	/* Ethernet + IPv4 + UDP + VXLAN */
#define PBP_RULE_DEFAULT	0xffffffffu	/* MCNIC_RULE_DEFAULT */
/* The TCP source port of an IPv4 frame without options or VLAN tags. */
#define PBP_SPORT_OFF		34

/* The flow key both sides build: struct mcnic_flow_key's layout. */
struct pbp_key {
	uint8_t saddr[16];	/* IPv4 in the first four bytes */
	uint8_t daddr[16];
	uint32_t zone;		/* the vport's VRF */
	uint16_t sport;		/* host order */
	uint16_t dport;
	uint16_t port;		/* receiving vport */
	uint8_t kind;		/* MCNIC_FK_* */
	uint8_t proto;
};

/*
 * A VXLAN tunnel over IPv4: DF set (so IP ID 0), TTL ttl, DSCP 0 with the
 * inner ECN copied (RFC 6040 normal mode), zero UDP checksum, the UDP
 * source port sport_min + ((u64)hash * span >> 32) of the inner flow hash.
 */
struct pbp_tunnel {
	uint8_t smac[6];
	uint8_t dmac[6];
	uint8_t saddr[4];
	uint8_t daddr[4];
	uint32_t vni;
	uint16_t dport;
	uint16_t sport_min;
	uint16_t sport_max;
	uint16_t mtu;		/* of the outer IP datagram */
	uint8_t ttl;
};

/* ECMP over equal-weight tunnels. */
struct pbp_group {
	uint8_t n;
	uint8_t tunnel[PBP_GROUP_MAX];
};

struct pbp_route {
	uint8_t prefix[4];
	uint8_t len;
	uint8_t group;
};

/* IPv4 5-tuple rule for the egress direction of the one VRF. */
struct pbp_rule {
	uint32_t id;
	uint32_t priority;	/* lower wins, then the lower id */
	uint8_t allow;
	uint8_t proto;		/* 0: any */
	uint8_t src_len;
	uint8_t dst_len;
	uint8_t src[4];
	uint8_t dst[4];
	uint16_t sport_lo;
	uint16_t sport_hi;
	uint16_t dport_lo;
	uint16_t dport_hi;
};

/* One vport in one VRF whose default denies; routes and rules in it. */
struct pbp_prog {
	const struct pbp_tunnel *tun;
	const struct pbp_group *grp;
	const struct pbp_route *rt;
	const struct pbp_rule *rule;
	unsigned int ntun, nrt, nrule;
	uint32_t flows;		/* flow table capacity */
	uint32_t zone;
	uint16_t vport;
	uint16_t mtu;		/* the vport's IP MTU */
};

enum pbp_verdict {
	PBP_FWD,
	PBP_DENY,
	PBP_NO_ROUTE,
};

/* A cached flow as the DPDK side holds it (the smoke compares them). */
struct pbp_flow {
	uint32_t rule;		/* PBP_RULE_DEFAULT: the VRF default */
	uint8_t verdict;	/* enum pbp_verdict */
	uint8_t tunnel;		/* PBP_FWD: index into pbp_prog.tun */
	uint64_t packets;
	uint64_t bytes;
};

struct pbp_stats {
	uint64_t hits;
	uint64_t misses;
	uint64_t installs;
	uint64_t install_fail;
};

/*
 * The miss rows' fresh flows: packet i of a chunk is ring slot i % ring
 * (each slot a different source address) with this TCP source port, so
 * no key repeats within a chunk of up to ring * 64512 packets.
 */
static inline uint16_t pbp_fresh_sport(uint64_t i, unsigned int ring)
{
	return (uint16_t)(1024 + i / ring);
}

/* The DPDK side (pipebench-dpdk.c). */
int pbp_dpdk_init(int core, unsigned int mem_mb, unsigned int slots,
		  int verbose);
void pbp_dpdk_fini(void);
const char *pbp_dpdk_version(void);
int pbp_dpdk_program(const struct pbp_prog *prog);
/* Ring slot k starts from frame[k]; n a power of two. */
int pbp_dpdk_load(const uint8_t *const *frame, const uint16_t *len,
		  unsigned int n);
/* Empties the flow table and zeroes the stats. */
void pbp_dpdk_clear(void);
/*
 * n packets round the ring, one at a time or PBP_BURST at a time; a packet
 * not forwarded or of the wrong length afterwards counts in *bad.
 */
uint64_t pbp_dpdk_rx(uint64_t n, uint64_t *bad);
uint64_t pbp_dpdk_rx_burst(uint64_t n, uint64_t *bad);
/* Packets first..first+n-1 of a chunk of fresh flows (pbp_fresh_sport). */
uint64_t pbp_dpdk_fresh(uint64_t first, uint64_t n, uint64_t *bad);
const uint8_t *pbp_dpdk_frame(unsigned int k, uint16_t *len);
void pbp_dpdk_stats(struct pbp_stats *st);
/* Walks the flow table: 0 and the next flow, or -1 at the end. */
int pbp_dpdk_flow_next(uint32_t *iter, struct pbp_key *key,
		       struct pbp_flow *f);

#endif /* PIPEBENCH_H */
