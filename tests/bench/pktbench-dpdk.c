// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * pktbench's baseline: the same operations written with DPDK 22.11's own
 * APIs, on real mbufs from an rte_pktmbuf pool, the way DPDK-based data
 * planes do them.
 *
 *   parse  rte_net_get_ptype(RTE_PTYPE_ALL_MASK): DPDK's software
 *          packet-type parser, with header lengths.
 *   encap  "DPDK-API encap (OVS-DPDK tnl_push style)": rte_net_get_ptype
 *          for L2-L4, the flow tuple hashed with rte_hash_crc (the UDP
 *          source-port entropy), rte_pktmbuf_prepend, rte_memcpy of a
 *          prebuilt header, lengths and ECN patched, rte_ipv4_cksum.
 *   decap  rte_net_get_ptype, outer IPv4 checksum checked with
 *          rte_ipv4_cksum, the tunnel header checked, rte_pktmbuf_adj.
 *          22.11's parser does not look into UDP tunnels, so for VXLAN and
 *          GENEVE the inner frame gets a second rte_net_get_ptype after the
 *          adj (mcnic's parse covers the inner frame too); GRE/TEB it walks
 *          in one call.
 *
 * The flow tuple has mcnic's layout and rte_hash_crc is CRC32C, so both
 * sides choose the same source port and their encap output can be compared
 * byte for byte (pktbench --smoke does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_geneve.h>
#include <rte_gre.h>
#include <rte_hash_crc.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mbuf_ptype.h>
#include <rte_memcpy.h>
#include <rte_net.h>
#include <rte_udp.h>
#include <rte_version.h>
#include <rte_vxlan.h>

#include "benchlib.h"
#include "pktbench.h"

#define PBD_HDR_MAX		128
#define PBD_VXLAN_F_I		0x08000000
#define PBD_GENEVE_CLASS	0xfff0	/* mcnic's ident option */
#define PBD_GENEVE_TYPE_IDENT	0x01
#define PBD_L2_L4 (RTE_PTYPE_L2_MASK | RTE_PTYPE_L3_MASK | RTE_PTYPE_L4_MASK)

/* The hashed flow tuple (mcnic's layout: docs/formats.md). */
struct pbd_tuple {
	uint8_t saddr[16];
	uint8_t daddr[16];
	rte_be16_t sport;
	rte_be16_t dport;
	uint8_t proto;
	uint8_t l3;
	uint8_t pad[2];
};

struct pbd_tunnel {
	enum pb_tun type;
	uint16_t hlen;		/* prebuilt header bytes */
	uint16_t mtu;
	uint16_t sport_min;
	uint32_t sport_span;
	rte_be16_t dport;
	uint8_t hdr[PBD_HDR_MAX] __rte_aligned(64);
};

static struct {
	struct rte_mempool *pool;
	struct rte_mbuf **mb;
	uint16_t *len;
	uint16_t *want;
	unsigned int cap;
	unsigned int n;
	unsigned int mask;
	struct pbd_tunnel tun;
} pbd;

const char *pb_dpdk_version(void)
{
	return rte_version();
}

int pb_dpdk_init(int core, unsigned int nslots, int verbose)
{
	if (bench_eal_init("pktbench", core, 256, verbose))
		return -1;
	pbd.pool = rte_pktmbuf_pool_create("pktbench", nslots + 512, 256, 0,
					   RTE_MBUF_DEFAULT_BUF_SIZE,
					   rte_socket_id());
	pbd.mb = calloc(nslots, sizeof(*pbd.mb));
	pbd.len = calloc(nslots, sizeof(*pbd.len));
	pbd.want = calloc(nslots, sizeof(*pbd.want));
	if (!pbd.pool || !pbd.mb || !pbd.len || !pbd.want) {
		fprintf(stderr, "pktbench: mbuf pool: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	if (rte_pktmbuf_alloc_bulk(pbd.pool, pbd.mb, nslots)) {
		fprintf(stderr, "pktbench: cannot allocate %u mbufs\n", nslots);
		return -1;
	}
	pbd.cap = nslots;
	return 0;
}

void pb_dpdk_fini(void)
{
	if (pbd.pool) {
		rte_pktmbuf_free_bulk(pbd.mb, pbd.cap);
		rte_mempool_free(pbd.pool);
	}
	free(pbd.mb);
	free(pbd.len);
	free(pbd.want);
	bench_eal_fini();
	memset(&pbd, 0, sizeof(pbd));
}

static uint8_t *pbd_put_udp(const struct pb_tunnel *tp, uint8_t *p)
{
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)p;

	udp->dst_port = rte_cpu_to_be_16(tp->dport);
	return p + sizeof(*udp);
}

static uint8_t *pbd_put_tun(const struct pb_tunnel *tp, uint8_t *p)
{
	struct rte_vxlan_hdr *vx;
	struct rte_geneve_hdr *g;
	struct rte_gre_hdr *gre;
	rte_be32_t key;

	switch (tp->type) {
	case PB_VXLAN:
		p = pbd_put_udp(tp, p);
		vx = (struct rte_vxlan_hdr *)p;
		vx->vx_flags = rte_cpu_to_be_32(PBD_VXLAN_F_I);
		vx->vx_vni = rte_cpu_to_be_32(tp->vni << 8);
		return p + sizeof(*vx);
	case PB_GENEVE:
		p = pbd_put_udp(tp, p);
		g = (struct rte_geneve_hdr *)p;
		g->opt_len = 2;		/* one option: 4 + 4 bytes */
		g->proto = rte_cpu_to_be_16(RTE_ETHER_TYPE_TEB);
		g->vni[0] = tp->vni >> 16;
		g->vni[1] = tp->vni >> 8;
		g->vni[2] = tp->vni;
		p += sizeof(*g);
		p[0] = PBD_GENEVE_CLASS >> 8;
		p[1] = PBD_GENEVE_CLASS & 0xff;
		p[2] = PBD_GENEVE_TYPE_IDENT;
		p[3] = 1;
		p[4] = tp->ident >> 8;
		p[5] = tp->ident & 0xff;
		return p + 8;
	case PB_GRE:
		gre = (struct rte_gre_hdr *)p;
		gre->k = 1;
		gre->proto = rte_cpu_to_be_16(RTE_ETHER_TYPE_TEB);
		p += sizeof(*gre);
		key = rte_cpu_to_be_32(tp->vni);
		memcpy(p, &key, sizeof(key));
		return p + sizeof(key);
	default:
		return NULL;
	}
}

/* The header pushed in front of every packet, built once (tnl_push setup). */
int pb_dpdk_tunnel(const struct pb_tunnel *tp)
{
	struct pbd_tunnel *t = &pbd.tun;
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	uint8_t *p;

	memset(t, 0, sizeof(*t));
	eth = (struct rte_ether_hdr *)t->hdr;
	memcpy(&eth->dst_addr, tp->dmac, RTE_ETHER_ADDR_LEN);
	memcpy(&eth->src_addr, tp->smac, RTE_ETHER_ADDR_LEN);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = tp->ttl;
	ip->next_proto_id = tp->type == PB_GRE ? IPPROTO_GRE : IPPROTO_UDP;
	memcpy(&ip->src_addr, tp->saddr, 4);
	memcpy(&ip->dst_addr, tp->daddr, 4);
	p = pbd_put_tun(tp, (uint8_t *)(ip + 1));
	if (!p)
		return -1;
	t->type = tp->type;
	t->hlen = p - t->hdr;
	t->mtu = tp->mtu;
	t->sport_min = tp->sport_min;
	t->sport_span = (uint32_t)tp->sport_max - tp->sport_min + 1;
	t->dport = rte_cpu_to_be_16(tp->dport);
	return 0;
}

int pb_dpdk_load(const struct pb_load *l)
{
	unsigned int k;
	char *d;

	if (l->n > pbd.cap || (l->n & (l->n - 1)))
		return -1;
	for (k = 0; k < l->n; k++) {
		rte_pktmbuf_reset(pbd.mb[k]);
		d = rte_pktmbuf_append(pbd.mb[k], l->len[k]);
		if (!d)
			return -1;
		memcpy(d, l->frame[k], l->len[k]);
		pbd.len[k] = l->len[k];
		pbd.want[k] = l->want[k];
	}
	pbd.n = l->n;
	pbd.mask = l->n - 1;
	return 0;
}

const uint8_t *pb_dpdk_frame(unsigned int k, uint16_t *len)
{
	*len = rte_pktmbuf_data_len(pbd.mb[k]);
	return rte_pktmbuf_mtod(pbd.mb[k], const uint8_t *);
}

/* Slot k back to the frame it was loaded with: no copy, as a NIC refill. */
static inline struct rte_mbuf *pbd_slot(unsigned int k)
{
	struct rte_mbuf *m = pbd.mb[k];

	m->data_off = RTE_PKTMBUF_HEADROOM;
	m->data_len = pbd.len[k];
	m->pkt_len = pbd.len[k];
	return m;
}

uint64_t pb_dpdk_parse(uint64_t n, uint64_t *bad)
{
	struct rte_net_hdr_lens hl;
	uint64_t i, sink = 0, nbad = 0;
	unsigned int k = 0;
	uint32_t pt;

	for (i = 0; i < n; i++) {
		pt = rte_net_get_ptype(pbd_slot(k), &hl, RTE_PTYPE_ALL_MASK);
		if (!(pt & RTE_PTYPE_L4_MASK) ||
		    hl.l2_len + hl.l3_len != pbd.want[k])
			nbad++;
		sink += pt;
		k = (k + 1) & pbd.mask;
	}
	*bad += nbad;
	return sink;
}

/* The tuple of an IPv4/IPv6 frame; returns the ECN bits, or -1. */
static inline int pbd_tuple(const struct rte_mbuf *m, uint32_t pt,
			    const struct rte_net_hdr_lens *hl,
			    struct pbd_tuple *t)
{
	const uint8_t *l3 = rte_pktmbuf_mtod_offset(m, const uint8_t *,
						    hl->l2_len);
	const struct rte_ipv4_hdr *ip4;
	const struct rte_ipv6_hdr *ip6;
	uint32_t l4 = pt & RTE_PTYPE_L4_MASK;
	int ecn;

	memset(t, 0, sizeof(*t));
	if (RTE_ETH_IS_IPV4_HDR(pt)) {
		ip4 = (const struct rte_ipv4_hdr *)l3;
		memcpy(t->saddr, &ip4->src_addr, 4);
		memcpy(t->daddr, &ip4->dst_addr, 4);
		t->proto = ip4->next_proto_id;
		t->l3 = 4;
		ecn = ip4->type_of_service & 3;
	} else if (RTE_ETH_IS_IPV6_HDR(pt)) {
		ip6 = (const struct rte_ipv6_hdr *)l3;
		memcpy(t->saddr, ip6->src_addr, 16);
		memcpy(t->daddr, ip6->dst_addr, 16);
		t->proto = ip6->proto;
		t->l3 = 6;
		ecn = (rte_be_to_cpu_32(ip6->vtc_flow) >> 20) & 3;
	} else {
		return -1;
	}
	if (l4 == RTE_PTYPE_L4_TCP || l4 == RTE_PTYPE_L4_UDP)
		memcpy(&t->sport, l3 + hl->l3_len, 4);
	return ecn;
}

static inline int pbd_encap_one(const struct pbd_tunnel *c, struct rte_mbuf *m,
				uint32_t *hash)
{
	struct rte_net_hdr_lens hl;
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *udp;
	struct pbd_tuple t;
	uint32_t pt, h, l3len;
	int ecn;
	char *o;

	pt = rte_net_get_ptype(m, &hl, PBD_L2_L4);
	ecn = pbd_tuple(m, pt, &hl, &t);
	if (ecn < 0)
		return -1;
	/* CRC32C with mcnic's pre/post inversion. */
	h = ~rte_hash_crc(&t, sizeof(t), ~0u);
	l3len = rte_pktmbuf_pkt_len(m) + c->hlen - RTE_ETHER_HDR_LEN;
	if (l3len > c->mtu)
		return -1;
	o = rte_pktmbuf_prepend(m, c->hlen);
	if (unlikely(!o))
		return -1;
	rte_memcpy(o, c->hdr, c->hlen);
	ip = (struct rte_ipv4_hdr *)(o + RTE_ETHER_HDR_LEN);
	ip->type_of_service = ecn;	/* DSCP 0, ECN per RFC 6040 */
	ip->total_length = rte_cpu_to_be_16(l3len);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	if (c->type != PB_GRE) {
		udp = (struct rte_udp_hdr *)(ip + 1);
		udp->src_port = rte_cpu_to_be_16(c->sport_min +
			(uint16_t)(((uint64_t)h * c->sport_span) >> 32));
		udp->dgram_len = rte_cpu_to_be_16(l3len - sizeof(*ip));
	}
	*hash = h;
	return 0;
}

uint64_t pb_dpdk_encap(uint64_t n, uint64_t *bad)
{
	const struct pbd_tunnel *c = &pbd.tun;
	uint64_t i, sink = 0, nbad = 0;
	unsigned int k = 0;
	struct rte_mbuf *m;
	uint32_t h = 0;

	for (i = 0; i < n; i++) {
		m = pbd_slot(k);
		if (pbd_encap_one(c, m, &h) ||
		    rte_pktmbuf_pkt_len(m) != pbd.want[k])
			nbad++;
		sink += h;
		k = (k + 1) & pbd.mask;
	}
	*bad += nbad;
	return sink;
}

/* VXLAN/GENEVE after the outer UDP header: bytes to strip, or -1. */
static inline int pbd_udp_tun(const struct pbd_tunnel *c,
			      const struct rte_ipv4_hdr *ip,
			      const struct rte_udp_hdr *udp, uint32_t *vni)
{
	const struct rte_vxlan_hdr *vx = (const struct rte_vxlan_hdr *)(udp + 1);
	const struct rte_geneve_hdr *g = (const struct rte_geneve_hdr *)(udp + 1);

	if (udp->dst_port != c->dport)
		return -1;
	if (udp->dgram_cksum && rte_ipv4_udptcp_cksum_verify(ip, udp))
		return -1;
	if (c->type == PB_VXLAN) {
		if (!(vx->vx_flags & rte_cpu_to_be_32(PBD_VXLAN_F_I)))
			return -1;
		*vni = rte_be_to_cpu_32(vx->vx_vni) >> 8;
		return sizeof(*udp) + sizeof(*vx);
	}
	if (g->ver || g->critical ||
	    g->proto != rte_cpu_to_be_16(RTE_ETHER_TYPE_TEB))
		return -1;
	*vni = g->vni[0] << 16 | g->vni[1] << 8 | g->vni[2];
	return sizeof(*udp) + sizeof(*g) + g->opt_len * 4;
}

static inline int pbd_decap_one(const struct pbd_tunnel *c, struct rte_mbuf *m,
				uint32_t *vni)
{
	const struct rte_ipv4_hdr *ip;
	const struct rte_udp_hdr *udp;
	const struct rte_gre_hdr *gre;
	struct rte_net_hdr_lens hl;
	uint32_t pt, end;
	rte_be32_t key;
	int off, t;

	pt = rte_net_get_ptype(m, &hl, c->type == PB_GRE ? RTE_PTYPE_ALL_MASK :
							   PBD_L2_L4);
	if (!RTE_ETH_IS_IPV4_HDR(pt))
		return -1;
	ip = rte_pktmbuf_mtod_offset(m, const struct rte_ipv4_hdr *,
				     hl.l2_len);
	if (ip->fragment_offset & rte_cpu_to_be_16(RTE_IPV4_HDR_MF_FLAG |
						   RTE_IPV4_HDR_OFFSET_MASK))
		return -1;
	if (rte_ipv4_cksum(ip))
		return -1;
	off = hl.l2_len + hl.l3_len;
	if (c->type == PB_GRE) {
		if ((pt & RTE_PTYPE_TUNNEL_MASK) != RTE_PTYPE_TUNNEL_NVGRE ||
		    !(pt & RTE_PTYPE_INNER_L3_MASK))
			return -1;
		gre = (const struct rte_gre_hdr *)((const uint8_t *)ip +
						   hl.l3_len);
		if (!gre->k)
			return -1;
		memcpy(&key, (const uint8_t *)(gre + 1) + 4 * gre->c, 4);
		*vni = rte_be_to_cpu_32(key);
		return rte_pktmbuf_adj(m, off + hl.tunnel_len) ? 0 : -1;
	}
	if ((pt & RTE_PTYPE_L4_MASK) != RTE_PTYPE_L4_UDP)
		return -1;
	udp = (const struct rte_udp_hdr *)((const uint8_t *)ip + hl.l3_len);
	t = pbd_udp_tun(c, ip, udp, vni);
	if (t < 0)
		return -1;
	/* The inner frame ends with the UDP datagram, not the outer padding. */
	end = off + rte_be_to_cpu_16(udp->dgram_len);
	if (end < rte_pktmbuf_pkt_len(m) &&
	    rte_pktmbuf_trim(m, rte_pktmbuf_pkt_len(m) - end))
		return -1;
	if (!rte_pktmbuf_adj(m, off + t))
		return -1;
	pt = rte_net_get_ptype(m, &hl, PBD_L2_L4);
	return pt & RTE_PTYPE_L3_MASK ? 0 : -1;
}

uint64_t pb_dpdk_decap(uint64_t n, uint64_t *bad)
{
	const struct pbd_tunnel *c = &pbd.tun;
	uint64_t i, sink = 0, nbad = 0;
	unsigned int k = 0;
	struct rte_mbuf *m;
	uint32_t vni = 0;

	for (i = 0; i < n; i++) {
		m = pbd_slot(k);
		if (pbd_decap_one(c, m, &vni) ||
		    rte_pktmbuf_pkt_len(m) != pbd.want[k])
			nbad++;
		sink += vni;
		k = (k + 1) & pbd.mask;
	}
	*bad += nbad;
	return sink;
}
