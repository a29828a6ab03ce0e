// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Decap: check what the parser could not (checksums, critical options, ECN
 * per RFC 6040 §4.2), then strip the outer headers by moving the frame's
 * head.  An L3 inner packet (GRE or GENEVE carrying IP) is given the
 * receiving vport's Ethernet header, written over the stripped bytes.
 * Offsets in the metadata keep referring to the original frame.
 */
#include "dp.h"
#include <mcnic/byteorder.h>
#include <mcnic/wire.h>

#define MCNIC_ECN_NOT_ECT	0
#define MCNIC_ECN_ECT1		1
#define MCNIC_ECN_ECT0		2
#define MCNIC_ECN_CE		3

static int mcnic_decap_csum_ok(u32 sum, const u8 *data, u32 len)
{
	return mcnic_csum_fold(mcnic_csum_add(sum, data, len)) == 0xffff;
}

/* The pseudo-header of RFC 768 / RFC 8200 §8.1 for the outer UDP. */
static u32 mcnic_decap_pseudo(const struct mcnic_layer *o, u16 ulen)
{
	u16 alen = o->l3 == MCNIC_L3_IPV4 ? 4 : 16;

	return mcnic_csum_add(mcnic_csum_add(0, o->saddr, alen), o->daddr,
			      alen) + MCNIC_IPPROTO_UDP + ulen;
}

static enum mcnic_drop mcnic_decap_check_udp(const u8 *pkt,
					     const struct mcnic_layer *o,
					     const struct mcnic_decap_cfg *cfg)
{
	const struct mcnic_udp_hdr *udp;
	u16 ulen;

	udp = (const struct mcnic_udp_hdr *)(pkt + o->l4_off);
	ulen = mcnic_ntohs(udp->len);
	if (!udp->check) {
		if (o->l3 == MCNIC_L3_IPV6 && !cfg->udp6_zero_ok)
			return MCNIC_DROP_OUTER_UDP6_ZERO;
		return MCNIC_DROP_NONE;
	}
	if (!mcnic_decap_csum_ok(mcnic_decap_pseudo(o, ulen),
				 pkt + o->l4_off, ulen))
		return MCNIC_DROP_OUTER_UDP_CSUM;
	return MCNIC_DROP_NONE;
}

static enum mcnic_drop mcnic_decap_check(const u8 *pkt,
					 const struct mcnic_pkt_meta *m,
					 const struct mcnic_decap_cfg *cfg)
{
	const struct mcnic_layer *o = &m->outer;
	enum mcnic_drop r;

	if (o->l3 == MCNIC_L3_IPV4 &&
	    !mcnic_decap_csum_ok(0, pkt + o->l3_off, o->l4_off - o->l3_off))
		return MCNIC_DROP_OUTER_IPV4_CSUM;
	switch (m->tun) {
	case MCNIC_TUN_VXLAN:
		return mcnic_decap_check_udp(pkt, o, cfg);
	case MCNIC_TUN_GENEVE:
		/* Act on option bits only once the bytes are known good. */
		r = mcnic_decap_check_udp(pkt, o, cfg);
		if (r)
			return r;
		if (m->tflags & MCNIC_TF_GNV_CRIT_UNK)
			return MCNIC_DROP_GENEVE_CRIT;
		/* RFC 8926 §3.4: a control packet's payload is never forwarded. */
		if (m->tflags & MCNIC_TF_GNV_OAM)
			return MCNIC_DROP_GENEVE_OAM;
		return MCNIC_DROP_NONE;
	case MCNIC_TUN_GRE:
		if ((m->tflags & MCNIC_TF_GRE_CSUM) &&
		    !mcnic_decap_csum_ok(0, pkt + o->l4_off, o->end - o->l4_off))
			return MCNIC_DROP_GRE_CSUM;
		return MCNIC_DROP_NONE;
	default:
		return MCNIC_DROP_DECAP_UNSUPPORTED;
	}
}

static void mcnic_decap_set_ecn(u8 *pkt, const struct mcnic_layer *in, u8 ecn)
{
	struct mcnic_ipv4_hdr *ip4;
	struct mcnic_ipv6_hdr *ip6;
	u16 old, new;
	u32 sum;

	if (in->l3 == MCNIC_L3_IPV6) {
		ip6 = (struct mcnic_ipv6_hdr *)(pkt + in->l3_off);
		ip6->ver_tc_flow = mcnic_htonl((mcnic_ntohl(ip6->ver_tc_flow) &
					       ~(3u << 20)) | (u32)ecn << 20);
		return;
	}
	ip4 = (struct mcnic_ipv4_hdr *)(pkt + in->l3_off);
	old = ip4->ver_ihl << 8 | ip4->tos;
	ip4->tos = (ip4->tos & 0xfc) | ecn;
	new = ip4->ver_ihl << 8 | ip4->tos;
	/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). */
	sum = (u16)~mcnic_ntohcsum(ip4->check) +
	      (u16)~old + new;
	ip4->check = mcnic_htoncsum((u16)~mcnic_csum_fold(sum));
}

/* RFC 6040 §4.2: what the outer ECN field does to the inner one. */
static enum mcnic_drop mcnic_decap_ecn(u8 *pkt, const struct mcnic_pkt_meta *m)
{
	const struct mcnic_layer *in = &m->inner;
	u8 o = m->outer.tos & 3, i = in->tos & 3;

	if (m->outer.l3 == MCNIC_L3_NONE || in->l3 == MCNIC_L3_NONE)
		return MCNIC_DROP_NONE;
	if (o == MCNIC_ECN_CE) {
		if (i == MCNIC_ECN_NOT_ECT)
			return MCNIC_DROP_ECN_CE_NOT_ECT;
		if (i != MCNIC_ECN_CE)
			mcnic_decap_set_ecn(pkt, in, MCNIC_ECN_CE);
	} else if (o == MCNIC_ECN_ECT1 && i == MCNIC_ECN_ECT0) {
		mcnic_decap_set_ecn(pkt, in, MCNIC_ECN_ECT1);
	}
	return MCNIC_DROP_NONE;
}

/* An inner Ethernet frame keeps its own padding but not the outer's. */
static u16 mcnic_decap_frame_end(const u8 *pkt, const struct mcnic_pkt_meta *m)
{
	const struct mcnic_udp_hdr *udp;

	if (m->tun == MCNIC_TUN_GRE)
		return m->outer.end;
	udp = (const struct mcnic_udp_hdr *)(pkt + m->outer.l4_off);
	return m->outer.l4_off + mcnic_ntohs(udp->len);
}

static enum mcnic_drop mcnic_decap_precheck(const struct mcnic_pkt_meta *m)
{
	if (m->outer.flags & MCNIC_LF_FRAG)
		return MCNIC_DROP_OUTER_FRAG;
	/* RFC 8200 §4.4: not the final destination yet; ours to forward. */
	if (m->outer.flags & MCNIC_LF_IPV6_RH_LEFT)
		return MCNIC_DROP_OUTER_ROUTING;
	if (m->tun == MCNIC_TUN_NONE)
		return MCNIC_DROP_NOT_TUNNEL;
	if (m->tun == MCNIC_TUN_ESP)
		return MCNIC_DROP_DECAP_UNSUPPORTED;
	if (m->inner.l2_off != MCNIC_OFF_NONE || m->inner.l3_off != MCNIC_OFF_NONE)
		return MCNIC_DROP_NONE;
	return m->tun == MCNIC_TUN_GRE ? MCNIC_DROP_GRE_PROTO :
					 MCNIC_DROP_GENEVE_PROTO;
}

enum mcnic_drop mcnic_decap(struct mcnic_pkt *p,
			    const struct mcnic_pkt_meta *m,
			    const struct mcnic_decap_cfg *cfg)
{
	u8 *pkt = mcnic_pkt_data(p);
	struct mcnic_eth_hdr *eth;
	enum mcnic_drop r;
	u16 start = m->inner_off, end = m->inner.end;

	r = mcnic_decap_precheck(m);
	if (!r)
		r = mcnic_decap_check(pkt, m, cfg);
	if (!r)
		r = mcnic_decap_ecn(pkt, m);
	if (r)
		return r;
	if (m->tflags & MCNIC_TF_INNER_L2) {
		end = mcnic_decap_frame_end(pkt, m);
	} else {
		start -= sizeof(*eth);
		eth = (struct mcnic_eth_hdr *)(pkt + start);
		__builtin_memcpy(eth->dst, cfg->l3_dmac, MCNIC_ETH_ALEN);
		__builtin_memcpy(eth->src, cfg->l3_smac, MCNIC_ETH_ALEN);
		eth->type = mcnic_htons(m->inner.l3 == MCNIC_L3_IPV4 ?
					MCNIC_ETH_P_IPV4 : MCNIC_ETH_P_IPV6);
	}
	p->head += start;
	p->len = end - start;
	return MCNIC_DROP_NONE;
}
