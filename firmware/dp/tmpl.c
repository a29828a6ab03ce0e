// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Encap templates: a tunnel description checked field by field and turned
 * into the outer headers once, so encap per packet is a copy and a few
 * patches.  Runs on the control path (table writes), never per packet.
 */
#include "dp.h"
#include <mcnic/byteorder.h>
#include <mcnic/wire.h>

#define MCNIC_TMPL_FAIL(why_, msg)	\
	do {				\
		if (why_)		\
			*(why_) = (msg); \
		return -MCNIC_EINVAL;	\
	} while (0)

#define MCNIC_TUNF_V4_ONLY (MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET | \
			    MCNIC_TUNF_DF_INHERIT)

static int mcnic_tmpl_is_udp(u8 type)
{
	return type == MCNIC_TUN_VXLAN || type == MCNIC_TUN_GENEVE;
}

/* Each option's length must land exactly on the end of the list. */
static int mcnic_tmpl_opts_ok(const u8 *opt, u16 len)
{
	u16 off = 0, olen;

	while (off < len) {
		if (len - off < 4)
			return 0;
		olen = 4 + (opt[off + 3] & MCNIC_GENEVE_OPT_LEN_MASK) * 4;
		if (olen > len - off)
			return 0;
		off += olen;
	}
	return 1;
}

static u16 mcnic_tmpl_gnv_len(const struct mcnic_tunnel_cfg *c)
{
	return c->gnv_opt_len + (c->flags & MCNIC_TUNF_IDENT_OPT ? 8 : 0);
}

/*
 * The rules on type, flags, TTL, MTU and source ports hold for a tunnel
 * description and for a template alike: mcnic_tmpl_valid applies them too.
 */
static int mcnic_tmpl_check_flags(u8 type, u16 f, const char **why)
{
	int v6 = f & MCNIC_TUNF_OUTER_V6;

	if (f & ~MCNIC_TUNF_ALL)
		MCNIC_TMPL_FAIL(why, "flags: unknown bits set");
	if (!mcnic_tmpl_is_udp(type) && type != MCNIC_TUN_GRE)
		MCNIC_TMPL_FAIL(why, "type: must be vxlan, geneve or gre");
	if (type != MCNIC_TUN_GRE && (f & (MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_GRE_L3)))
		MCNIC_TMPL_FAIL(why, "flags: gre-key/gre-l3 need a gre tunnel");
	if (type == MCNIC_TUN_GRE &&
	    (f & (MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_UDP6_ZERO)))
		MCNIC_TMPL_FAIL(why, "flags: udp-csum/udp6-zero need a udp tunnel");
	if (type != MCNIC_TUN_VXLAN && (f & MCNIC_TUNF_GBP))
		MCNIC_TMPL_FAIL(why, "flags: gbp needs a vxlan tunnel");
	if (type != MCNIC_TUN_GENEVE && (f & MCNIC_TUNF_IDENT_OPT))
		MCNIC_TMPL_FAIL(why, "gnv_opt: options need a geneve tunnel");
	if (v6 && (f & MCNIC_TUNF_V4_ONLY))
		MCNIC_TMPL_FAIL(why, "flags: udp-csum/df options are for ipv4 underlays");
	if (!v6 && (f & MCNIC_TUNF_UDP6_ZERO))
		MCNIC_TMPL_FAIL(why, "flags: udp6-zero-csum needs an ipv6 underlay");
	if ((f & MCNIC_TUNF_DF_SET) && (f & MCNIC_TUNF_DF_INHERIT))
		MCNIC_TMPL_FAIL(why, "flags: df set and df inherit exclude each other");
	return 0;
}

static int mcnic_tmpl_check_limits(u8 type, u16 f, u8 ttl, u16 mtu,
				   u64 sport_min, u64 sport_max,
				   const char **why)
{
	if (!ttl)
		MCNIC_TMPL_FAIL(why, "ttl: must not be 0 (used when the inner has none)");
	/* Also keeps the MTU above any overhead: inner MTUs cannot wrap. */
	if (mtu < (f & MCNIC_TUNF_OUTER_V6 ? 1280 : 576) || mtu > 9216)
		MCNIC_TMPL_FAIL(why, "mtu: must be 576 (1280 for ipv6) to 9216");
	if (mcnic_tmpl_is_udp(type) &&
	    (!sport_min || sport_min > sport_max || sport_max > 0xffff))
		MCNIC_TMPL_FAIL(why, "sport_min/sport_max: need 0 < min <= max");
	return 0;
}

static int mcnic_tmpl_check_type(const struct mcnic_tunnel_cfg *c,
				 const char **why)
{
	if (mcnic_tmpl_check_flags(c->type, c->flags, why) ||
	    mcnic_tmpl_check_limits(c->type, c->flags, c->ttl, c->mtu,
				    c->sport_min, c->sport_max, why))
		return -MCNIC_EINVAL;
	if (c->type != MCNIC_TUN_GRE && c->vni > MCNIC_VNI_MAX)
		MCNIC_TMPL_FAIL(why, "vni: must be below 2^24");
	if (c->type != MCNIC_TUN_GENEVE && c->gnv_opt_len)
		MCNIC_TMPL_FAIL(why, "gnv_opt: options need a geneve tunnel");
	if (c->gnv_opt_len % 4 || c->gnv_opt_len > MCNIC_TMPL_GNV_OPT_MAX)
		MCNIC_TMPL_FAIL(why, "gnv_opt_len: must be a multiple of 4, at most 112");
	if (!mcnic_tmpl_opts_ok(c->gnv_opt, c->gnv_opt_len))
		MCNIC_TMPL_FAIL(why, "gnv_opt: option lengths do not add up");
	if (mcnic_tmpl_is_udp(c->type) && !c->dport)
		MCNIC_TMPL_FAIL(why, "dport: must not be 0");
	return 0;
}

static int mcnic_tmpl_is_zero(const u8 *a, u16 len)
{
	u8 acc = 0;

	while (len--)
		acc |= a[len];
	return !acc;
}

/* The local end must be a unicast address we can send from. */
static int mcnic_tmpl_check_addrs(const struct mcnic_tunnel_cfg *c,
				  const char **why)
{
	int v6 = c->flags & MCNIC_TUNF_OUTER_V6;
	u16 alen = v6 ? 16 : 4;

	if (c->smac[0] & 1)
		MCNIC_TMPL_FAIL(why, "smac: must be a unicast address");
	/* IPv6 multicast; IPv4 multicast, class E and limited broadcast. */
	if (mcnic_tmpl_is_zero(c->saddr, alen) ||
	    (v6 ? c->saddr[0] == 0xff : c->saddr[0] >= 0xe0))
		MCNIC_TMPL_FAIL(why, "saddr: must be a unicast address");
	if (mcnic_tmpl_is_zero(c->daddr, alen))
		MCNIC_TMPL_FAIL(why, "daddr: must not be the unspecified address");
	return 0;
}

static int mcnic_tmpl_check(const struct mcnic_tunnel_cfg *c, const char **why)
{
	if (mcnic_tmpl_check_type(c, why) || mcnic_tmpl_check_addrs(c, why))
		return -MCNIC_EINVAL;
	if (c->dscp > 63)
		MCNIC_TMPL_FAIL(why, "dscp: must be below 64");
	if ((c->flags & MCNIC_TUNF_VLAN) &&
	    (c->vlan_tci & MCNIC_VLAN_VID_MASK) == 0xfff)
		MCNIC_TMPL_FAIL(why, "vlan_tci: vid 4095 is reserved");
	return 0;
}

static u32 mcnic_tmpl_addr_sum(const u8 *a, u16 len)
{
	return mcnic_csum_add(0, a, len);
}

static u8 *mcnic_tmpl_put_l2(const struct mcnic_tunnel_cfg *c, u8 *p, u16 l3type)
{
	struct mcnic_eth_hdr *eth = (struct mcnic_eth_hdr *)p;
	struct mcnic_vlan_hdr *vlan;

	__builtin_memcpy(eth->dst, c->dmac, MCNIC_ETH_ALEN);
	__builtin_memcpy(eth->src, c->smac, MCNIC_ETH_ALEN);
	p += sizeof(*eth);
	if (!(c->flags & MCNIC_TUNF_VLAN)) {
		eth->type = mcnic_htons(l3type);
		return p;
	}
	eth->type = mcnic_htons(MCNIC_ETH_P_8021Q);
	vlan = (struct mcnic_vlan_hdr *)p;
	vlan->tci = mcnic_htons(c->vlan_tci);
	vlan->type = mcnic_htons(l3type);
	return p + sizeof(*vlan);
}

/* Fixed fields only; lengths, ids, TTL, TOS and checksums come per packet. */
static u8 *mcnic_tmpl_put_l3(const struct mcnic_tunnel_cfg *c,
			     struct mcnic_encap_tmpl *t, u8 *p, u8 proto)
{
	struct mcnic_ipv4_hdr *ip4;
	struct mcnic_ipv6_hdr *ip6;

	if (c->flags & MCNIC_TUNF_OUTER_V6) {
		ip6 = (struct mcnic_ipv6_hdr *)p;
		ip6->nexthdr = proto;
		__builtin_memcpy(ip6->saddr, c->saddr, 16);
		__builtin_memcpy(ip6->daddr, c->daddr, 16);
		t->l4_csum = mcnic_tmpl_addr_sum(c->saddr, 16) +
			     mcnic_tmpl_addr_sum(c->daddr, 16) + proto;
		return p + sizeof(*ip6);
	}
	ip4 = (struct mcnic_ipv4_hdr *)p;
	ip4->ver_ihl = 0x45;
	ip4->proto = proto;
	__builtin_memcpy(&ip4->saddr, c->saddr, 4);
	__builtin_memcpy(&ip4->daddr, c->daddr, 4);
	t->l4_csum = mcnic_tmpl_addr_sum(c->saddr, 4) +
		     mcnic_tmpl_addr_sum(c->daddr, 4) + proto;
	/* Version/IHL and protocol words; the addresses as for UDP. */
	t->ip_csum = t->l4_csum + (0x45 << 8);
	return p + sizeof(*ip4);
}

static u8 *mcnic_tmpl_put_udp(const struct mcnic_tunnel_cfg *c, u8 *p)
{
	struct mcnic_udp_hdr *udp = (struct mcnic_udp_hdr *)p;

	udp->dest = mcnic_htons(c->dport);
	return p + sizeof(*udp);
}

static u8 *mcnic_tmpl_put_vxlan(const struct mcnic_tunnel_cfg *c, u8 *p)
{
	struct mcnic_vxlan_hdr *vx = (struct mcnic_vxlan_hdr *)p;

	vx->flags = MCNIC_VXLAN_F_I;
	if (c->flags & MCNIC_TUNF_GBP) {
		vx->flags |= MCNIC_VXLAN_F_G;
		vx->gbp_group = mcnic_htons(c->ident);
	}
	vx->vni_res = mcnic_htonl(c->vni << 8);
	return p + sizeof(*vx);
}

static int mcnic_tmpl_opts_critical(const u8 *opt, u16 len)
{
	u16 off;

	for (off = 0; off < len;
	     off += 4 + (opt[off + 3] & MCNIC_GENEVE_OPT_LEN_MASK) * 4)
		if (opt[off + 2] & MCNIC_GENEVE_OPT_CRIT)
			return 1;
	return 0;
}

static u8 *mcnic_tmpl_put_geneve(const struct mcnic_tunnel_cfg *c, u8 *p)
{
	struct mcnic_geneve_hdr *g = (struct mcnic_geneve_hdr *)p;
	u16 optlen = mcnic_tmpl_gnv_len(c);

	g->ver_optlen = optlen / 4;
	if (mcnic_tmpl_opts_critical(c->gnv_opt, c->gnv_opt_len))
		g->flags = MCNIC_GENEVE_F_C;
	g->proto = mcnic_htons(MCNIC_ETH_P_TEB);
	g->vni_res = mcnic_htonl(c->vni << 8);
	p += sizeof(*g);
	__builtin_memcpy(p, c->gnv_opt, c->gnv_opt_len);
	p += c->gnv_opt_len;
	if (c->flags & MCNIC_TUNF_IDENT_OPT) {
		p[0] = MCNIC_GENEVE_CLASS_MCNIC >> 8;
		p[1] = MCNIC_GENEVE_CLASS_MCNIC & 0xff;
		p[2] = MCNIC_GENEVE_TYPE_IDENT;
		p[3] = 1;
		p[4] = c->ident >> 8;
		p[5] = c->ident & 0xff;
		p += 8;
	}
	return p;
}

static u8 *mcnic_tmpl_put_gre(const struct mcnic_tunnel_cfg *c, u8 *p)
{
	struct mcnic_gre_hdr *gre = (struct mcnic_gre_hdr *)p;
	__be32 key;

	/* An L3 template's protocol is patched per packet (IPv4 or IPv6). */
	gre->proto = mcnic_htons(MCNIC_ETH_P_TEB);
	p += sizeof(*gre);
	if (c->flags & MCNIC_TUNF_GRE_KEY) {
		gre->flags_ver = mcnic_htons(MCNIC_GRE_F_K);
		key = mcnic_htonl(c->vni);
		__builtin_memcpy(p, &key, 4);
		p += 4;
	}
	return p;
}

static u16 mcnic_tmpl_len(const struct mcnic_tunnel_cfg *c)
{
	u16 len = MCNIC_ETH_HLEN;

	len += c->flags & MCNIC_TUNF_VLAN ? 4 : 0;
	len += c->flags & MCNIC_TUNF_OUTER_V6 ? 40 : 20;
	if (c->type == MCNIC_TUN_GRE)
		return len + 4 + (c->flags & MCNIC_TUNF_GRE_KEY ? 4 : 0);
	len += 8 + 8;
	if (c->type == MCNIC_TUN_GENEVE)
		len += mcnic_tmpl_gnv_len(c);
	return len;
}

/*
 * Encap trusts a template's offsets per packet, so whatever installs a
 * template it did not build itself checks it here first: every header the
 * engines patch lies inside hdr[], and hdr[] is at least one 16-byte move.
 */
int mcnic_tmpl_valid(const struct mcnic_encap_tmpl *t)
{
	u16 l3len = t->flags & MCNIC_TUNF_OUTER_V6 ? 40 : 20;
	u16 l4len = t->type == MCNIC_TUN_GRE ? 4 : 8;
	u64 sport_max = (u64)t->sport_min + t->sport_span - 1;

	if (mcnic_tmpl_check_flags(t->type, t->flags, NULL) ||
	    mcnic_tmpl_check_limits(t->type, t->flags, t->ttl, t->mtu,
				    t->sport_min, sport_max, NULL))
		return -MCNIC_EINVAL;
	if (t->hdr_len < 16 || t->hdr_len > MCNIC_TMPL_HDR_MAX)
		return -MCNIC_EINVAL;
	if (t->l3_off + l3len > t->l4_off || t->l4_off + l4len > t->hdr_len ||
	    t->tun_off < t->l4_off || t->tun_off + 4 > t->hdr_len)
		return -MCNIC_EINVAL;
	return 0;
}

int mcnic_tmpl_build(const struct mcnic_tunnel_cfg *c,
		     struct mcnic_encap_tmpl *t, const char **why)
{
	u16 l3type = c->flags & MCNIC_TUNF_OUTER_V6 ? MCNIC_ETH_P_IPV6 :
						      MCNIC_ETH_P_IPV4;
	u8 *p;

	if (mcnic_tmpl_check(c, why))
		return -MCNIC_EINVAL;
	if (mcnic_tmpl_len(c) > MCNIC_TMPL_HDR_MAX)
		MCNIC_TMPL_FAIL(why, "gnv_opt: headers exceed the template size");
	__builtin_memset(t, 0, sizeof(*t));
	t->type = c->type;
	t->flags = c->flags;
	t->mtu = c->mtu;
	t->ttl = c->ttl;
	t->tos = c->dscp << 2;
	/* GRE has no ports: its template keeps none. */
	if (mcnic_tmpl_is_udp(c->type)) {
		t->sport_min = c->sport_min;
		t->sport_span = (u32)c->sport_max - c->sport_min + 1;
	}

	p = mcnic_tmpl_put_l2(c, t->hdr, l3type);
	t->l3_off = p - t->hdr;
	p = mcnic_tmpl_put_l3(c, t, p, c->type == MCNIC_TUN_GRE ?
				 MCNIC_IPPROTO_GRE : MCNIC_IPPROTO_UDP);
	t->l4_off = p - t->hdr;
	if (c->type == MCNIC_TUN_GRE) {
		t->tun_off = t->l4_off;
		p = mcnic_tmpl_put_gre(c, p);
	} else {
		p = mcnic_tmpl_put_udp(c, p);
		t->tun_off = p - t->hdr;
		if (c->type == MCNIC_TUN_VXLAN)
			p = mcnic_tmpl_put_vxlan(c, p);
		else
			p = mcnic_tmpl_put_geneve(c, p);
	}
	t->hdr_len = p - t->hdr;
	return 0;
}
