/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * pktbench: the interface between the benchmark driver (pktbench.c, built
 * with the project's flags against libmcnic-dp) and the DPDK baseline
 * (pktbench-dpdk.c, built with DPDK's flags).  Plain C types only, so
 * neither side sees the other's headers.
 */
#ifndef PKTBENCH_H
#define PKTBENCH_H

#include <stdint.h>

enum pb_tun {
	PB_VXLAN,
	PB_GENEVE,
	PB_GRE,
	PB_TUN_COUNT,
};

/*
 * One tunnel as both sides build it: mcnic through mcnic_tmpl_build(), the
 * baseline as a prebuilt header written with DPDK's structs.  IPv4
 * underlay, DF set, TTL from here, DSCP 0, ECN copied from the inner frame
 * (RFC 6040 normal mode), zero UDP checksum (RFC 7348 §5), no IP ID (DF).
 */
struct pb_tunnel {
	enum pb_tun type;
	uint8_t smac[6];
	uint8_t dmac[6];
	uint8_t saddr[4];
	uint8_t daddr[4];
	uint32_t vni;		/* VNI, or the GRE key */
	uint16_t dport;		/* VXLAN/GENEVE */
	uint16_t sport_min;
	uint16_t sport_max;
	uint16_t mtu;		/* of the outer IP datagram */
	uint16_t ident;		/* GENEVE: mcnic ident option */
	uint8_t ttl;
};

/* Frames handed to a ring: the bytes each slot starts from, for one op. */
struct pb_load {
	unsigned int n;			/* slots, a power of two */
	const uint8_t *const *frame;	/* what slot k starts from */
	const uint16_t *len;
	const uint16_t *want;		/* length each op must leave */
};

/* The DPDK side (pktbench-dpdk.c). */
int pb_dpdk_init(int core, unsigned int nslots, int verbose);
void pb_dpdk_fini(void);
const char *pb_dpdk_version(void);
int pb_dpdk_tunnel(const struct pb_tunnel *tp);
int pb_dpdk_load(const struct pb_load *l);
/* n packets round the ring; failures (drop or wrong length) go to *bad. */
uint64_t pb_dpdk_parse(uint64_t n, uint64_t *bad);
uint64_t pb_dpdk_encap(uint64_t n, uint64_t *bad);
uint64_t pb_dpdk_decap(uint64_t n, uint64_t *bad);
/* Slot k's current frame, for the smoke checks. */
const uint8_t *pb_dpdk_frame(unsigned int k, uint16_t *len);

#endif /* PKTBENCH_H */
