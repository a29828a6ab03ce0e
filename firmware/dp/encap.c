// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Encap: put a template's outer headers in front of an inner frame (in the
 * buffer's headroom, no copy of the payload) and patch the per-packet
 * fields: lengths, TTL, TOS/ECN (RFC 6040), DF, the IPv4 checksum from the
 * template's partial sum, the UDP entropy source port (RFC 7348 §5), the
 * IPv6 flow label (RFC 6438) and the UDP checksum when asked for.
 */
#include "dp.h"
#include <mcnic/byteorder.h>
#include <mcnic/wire.h>

static u8 mcnic_encap_tos(const struct mcnic_encap_tmpl *t,
			  const struct mcnic_layer *in)
{
	u8 tos = t->tos;

	if (in->l3 == MCNIC_L3_NONE)
		return tos;
	if (t->flags & MCNIC_TUNF_DSCP_INHERIT)
		tos = in->tos & 0xfc;
	/* RFC 6040 §4.1 normal mode copies ECN, CE included. */
	if (!(t->flags & MCNIC_TUNF_ECN_COMPAT))
		tos |= in->tos & 0x03;
	return tos;
}

static u8 mcnic_encap_ttl(const struct mcnic_encap_tmpl *t,
			  const struct mcnic_layer *in)
{
	/* RFC 1122 §3.2.1.7: never send TTL 0, inherited or not. */
	if ((t->flags & MCNIC_TUNF_TTL_INHERIT) && in->l3 != MCNIC_L3_NONE &&
	    in->ttl)
		return in->ttl;
	return t->ttl;
}

static int mcnic_encap_df(const struct mcnic_encap_tmpl *t,
			  const struct mcnic_layer *in)
{
	if (t->flags & MCNIC_TUNF_DF_SET)
		return 1;
	if (!(t->flags & MCNIC_TUNF_DF_INHERIT))
		return 0;
	/* IPv6 is never fragmented on the way: keep that promise outside. */
	return in->l3 == MCNIC_L3_IPV6 || (in->flags & MCNIC_LF_IPV4_DF);
}

static void mcnic_encap_ipv4(const struct mcnic_encap_tmpl *t, u8 *o,
			     const struct mcnic_layer *in, u16 l3len, u16 ip_id)
{
	struct mcnic_ipv4_hdr *ip = (struct mcnic_ipv4_hdr *)(o + t->l3_off);
	u8 tos = mcnic_encap_tos(t, in), ttl = mcnic_encap_ttl(t, in);
	u16 frag = 0;
	u32 sum;

	/* RFC 6864: an atomic datagram's ID carries no meaning: send 0. */
	if (mcnic_encap_df(t, in)) {
		frag = MCNIC_IPV4_DF;
		ip_id = 0;
	}
	ip->tos = tos;
	ip->tot_len = mcnic_htons(l3len);
	ip->id = mcnic_htons(ip_id);
	ip->frag_off = mcnic_htons(frag);
	ip->ttl = ttl;
	sum = t->ip_csum + tos + l3len + ip_id + frag + (ttl << 8);
	ip->check = mcnic_htoncsum((u16)~mcnic_csum_fold(sum));
}

static void mcnic_encap_ipv6(const struct mcnic_encap_tmpl *t, u8 *o,
			     const struct mcnic_layer *in, u16 l3len, u32 hash)
{
	struct mcnic_ipv6_hdr *ip = (struct mcnic_ipv6_hdr *)(o + t->l3_off);
	u32 tc = mcnic_encap_tos(t, in), label = hash & 0xfffff;

	/* RFC 6437: label 0 means "unlabelled"; keep every flow labelled. */
	label |= !label;
	ip->ver_tc_flow = mcnic_htonl(6u << 28 | tc << 20 | label);
	ip->payload_len = mcnic_htons(l3len - sizeof(*ip));
	ip->hop_limit = mcnic_encap_ttl(t, in);
}

static int mcnic_encap_want_udp_csum(const struct mcnic_encap_tmpl *t)
{
	if (t->flags & MCNIC_TUNF_OUTER_V6)
		return !(t->flags & MCNIC_TUNF_UDP6_ZERO);
	return !!(t->flags & MCNIC_TUNF_UDP_CSUM);
}

static void mcnic_encap_udp(const struct mcnic_encap_tmpl *t, u8 *o,
			    u16 l3len, u32 hash)
{
	struct mcnic_udp_hdr *udp = (struct mcnic_udp_hdr *)(o + t->l4_off);
	u16 ulen = l3len - (t->l4_off - t->l3_off);
	u16 sport = t->sport_min + (u16)(((u64)hash * t->sport_span) >> 32);
	u16 c;

	udp->source = mcnic_htons(sport);
	udp->len = mcnic_htons(ulen);
	if (!mcnic_encap_want_udp_csum(t))
		return;
	c = ~mcnic_csum_fold(mcnic_csum_add(t->l4_csum + ulen, udp, ulen));
	/* RFC 768: a computed zero is sent as all ones. */
	udp->check = mcnic_htoncsum(c ? c : 0xffff);
}

/*
 * A valid template is at least 24 bytes (IPv4 and a GRE header): copy it in
 * 32-byte moves, the last one overlapping (16-byte ones below 32 bytes),
 * rather than a variable-length memcpy, whose start-up cost (rep movs on
 * x86) is most of an encap.
 */
static void mcnic_encap_copy(u8 *dst, const u8 *src, u16 len)
{
	u16 i;

	if (len <= 32) {
		__builtin_memcpy(dst, src, 16);
		__builtin_memcpy(dst + len - 16, src + len - 16, 16);
		return;
	}
	__builtin_memcpy(dst, src, 32);
	for (i = 32; i + 32 < len; i += 32)
		__builtin_memcpy(dst + i, src + i, 32);
	__builtin_memcpy(dst + len - 32, src + len - 32, 32);
}

enum mcnic_drop mcnic_encap(const struct mcnic_encap_tmpl *t,
			    struct mcnic_pkt *p, const struct mcnic_layer *in,
			    u32 hash, u16 ip_id, u16 *inner_mtu)
{
	u16 strip = 0, inner_len = p->len, hl = t->hdr_len;
	u32 l3len;
	struct mcnic_gre_hdr *gre;
	u8 *o;

	if (t->type == MCNIC_TUN_NONE)
		return MCNIC_DROP_TMPL_INVALID;
	if (t->flags & MCNIC_TUNF_GRE_L3) {
		if (in->l3 == MCNIC_L3_NONE)
			return MCNIC_DROP_ENCAP_NOT_IP;
		strip = in->l3_off;
		inner_len = in->end - in->l3_off;
	}
	if (p->head + strip < hl)
		return MCNIC_DROP_ENCAP_HEADROOM;
	l3len = hl - t->l3_off + inner_len;
	if (l3len > t->mtu) {
		/*
		 * The inner IP MTU that would have fit, for ICMP "too big":
		 * the outer headers and the inner L2 header are the overhead
		 * (bytes after the datagram are the frame's, not the path's).
		 */
		if (inner_mtu)
			*inner_mtu = in->l3 == MCNIC_L3_NONE ? 0 :
				     t->mtu - (hl - t->l3_off) -
				     (strip ? 0 : in->l3_off);
		return MCNIC_DROP_TOO_BIG;
	}

	p->head = p->head + strip - hl;
	p->len = hl + inner_len;
	o = mcnic_pkt_data(p);
	mcnic_encap_copy(o, t->hdr, hl);
	if (t->flags & MCNIC_TUNF_OUTER_V6)
		mcnic_encap_ipv6(t, o, in, l3len, hash);
	else
		mcnic_encap_ipv4(t, o, in, l3len, ip_id);
	if (t->type != MCNIC_TUN_GRE) {
		mcnic_encap_udp(t, o, l3len, hash);
	} else if (t->flags & MCNIC_TUNF_GRE_L3) {
		gre = (struct mcnic_gre_hdr *)(o + t->tun_off);
		gre->proto = mcnic_htons(in->l3 == MCNIC_L3_IPV4 ?
					 MCNIC_ETH_P_IPV4 : MCNIC_ETH_P_IPV6);
	}
	return MCNIC_DROP_NONE;
}
