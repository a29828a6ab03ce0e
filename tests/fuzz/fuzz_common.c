// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The fuzz targets' oracle: what the parser must have found in a frame,
 * read again from the bytes the simple way (no spans, no shortcuts), plus
 * reference checksums.  See fuzz_common.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include <mcnic/wire.h>

void fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "\nFUZZ CHECK FAILED: %s at %s:%d\n", what, file, line);
	abort();
}

void fuzz_parse_cfg_from(const u8 *pre, struct mcnic_parse_cfg *cfg)
{
	u16 gport = fuzz_be16(pre + 6);

	mcnic_parse_cfg_init(cfg);
	cfg->vxlan_gbp = !!(pre[0] & FUZZ_PF_GBP);
	if (pre[0] & FUZZ_PF_NO_VXLAN)
		cfg->vxlan_port[0] = 0;
	cfg->vxlan_port[1] = fuzz_be16(pre + 2);
	cfg->vxlan_port[2] = fuzz_be16(pre + 4);
	if (pre[0] & FUZZ_PF_VXLAN_8472)
		cfg->vxlan_port[3] = 8472;
	cfg->geneve_port = pre[0] & FUZZ_PF_NO_GENEVE ? 0 :
			   gport ? gport : MCNIC_PORT_GENEVE;
	if (pre[0] & FUZZ_PF_NO_ESPINUDP)
		cfg->espinudp_port = 0;
}

u64 fuzz_sum(u64 sum, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

u16 fuzz_fold(u64 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

u32 fuzz_crc32c(u32 crc, const u8 *p, size_t len)
{
	size_t i;
	int k;

	crc = ~crc;
	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1)));
	}
	return ~crc;
}

u64 fuzz_pseudo_sum(const u8 *ip, int v6, u8 proto, u32 l4len)
{
	u64 s;

	if (v6)
		s = fuzz_sum(0, ip + 8, 32);
	else
		s = fuzz_sum(0, ip + 12, 8);
	return s + proto + (l4len >> 16) + (l4len & 0xffff);
}

static int fuzz_is_ipv6_ext(u8 nh)
{
	return nh == MCNIC_IPPROTO_HOPOPTS || nh == MCNIC_IPPROTO_ROUTING ||
	       nh == MCNIC_IPPROTO_FRAGMENT || nh == MCNIC_IPPROTO_DSTOPTS;
}

/* A layer as mcnic_parse leaves it when it was not looked at. */
static void fuzz_check_layer_empty(const struct mcnic_layer *l)
{
	struct mcnic_layer e;

	memset(&e, 0, sizeof(e));
	e.l2_off = MCNIC_OFF_NONE;
	e.l3_off = MCNIC_OFF_NONE;
	e.l4_off = MCNIC_OFF_NONE;
	FUZZ_CHECK(!memcmp(l, &e, sizeof(e)));
}

static void fuzz_check_l4(const u8 *pkt, const struct mcnic_layer *l)
{
	const u8 *h = pkt + l->l4_off;
	u16 avail = l->end - l->l4_off, ulen;

	switch (l->proto) {
	case MCNIC_IPPROTO_UDP:
		FUZZ_CHECK(avail >= 8);
		ulen = fuzz_be16(h + 4);
		FUZZ_CHECK(ulen >= 8);
		FUZZ_CHECK(ulen <= avail || (l->flags & MCNIC_LF_FRAG));
		break;
	case MCNIC_IPPROTO_TCP:
		FUZZ_CHECK(avail >= 20);
		FUZZ_CHECK((h[12] >> 4) >= 5 && (h[12] >> 4) * 4 <= avail);
		FUZZ_CHECK(l->tcp_flags == h[13]);
		break;
	case MCNIC_IPPROTO_ICMP:
	case MCNIC_IPPROTO_ICMPV6:
		FUZZ_CHECK(avail >= 8);
		FUZZ_CHECK(l->sport == fuzz_be16(h));
		/* Only echo request/reply carry an identifier. */
		FUZZ_CHECK(l->dport == (fuzz_icmp_is_echo(l->proto, h[0]) ?
					fuzz_be16(h + 4) : 0));
		FUZZ_CHECK(l->flags & MCNIC_LF_L4);
		return;
	default:
		FUZZ_CHECK(!(l->flags & MCNIC_LF_L4));
		FUZZ_CHECK(l->sport == 0 && l->dport == 0 && l->tcp_flags == 0);
		return;
	}
	FUZZ_CHECK(l->flags & MCNIC_LF_L4);
	FUZZ_CHECK(l->sport == fuzz_be16(h));
	FUZZ_CHECK(l->dport == fuzz_be16(h + 2));
}

static void fuzz_check_ipv4(const u8 *pkt, const struct mcnic_layer *l)
{
	const u8 *ip = pkt + l->l3_off;
	u16 ihl = (ip[0] & 0xf) * 4, tot = fuzz_be16(ip + 2);
	u16 frag = fuzz_be16(ip + 6);

	FUZZ_CHECK(ip[0] >> 4 == 4);
	FUZZ_CHECK(ihl >= 20 && tot >= ihl);
	FUZZ_CHECK(l->end == l->l3_off + tot);
	FUZZ_CHECK(l->tos == ip[1] && l->ttl == ip[8] && l->proto == ip[9]);
	FUZZ_CHECK(!memcmp(l->saddr, ip + 12, 4) && !memcmp(l->daddr, ip + 16, 4));
	FUZZ_CHECK(!(l->flags & MCNIC_LF_IPV6_EXT));
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_IPV4_DF) == !!(frag & MCNIC_IPV4_DF));
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_FRAG) ==
		   !!(frag & (MCNIC_IPV4_MF | MCNIC_IPV4_OFF_MASK)));
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_FRAG_LATER) ==
		   !!(frag & MCNIC_IPV4_OFF_MASK));
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_IPV4_OPTS) == (ihl > 20));
	if (!(l->flags & MCNIC_LF_FRAG_LATER))
		FUZZ_CHECK(l->l4_off == l->l3_off + ihl);
}

static void fuzz_check_ipv6(const u8 *pkt, const struct mcnic_layer *l)
{
	const u8 *ip = pkt + l->l3_off;
	u32 vtf = fuzz_be32(ip);
	u16 off = l->l3_off + 40, hl, fo;
	int n = 0, later = 0, frag = 0, rh_left = 0;
	u8 nh = ip[6];

	FUZZ_CHECK(vtf >> 28 == 6);
	FUZZ_CHECK(l->end == l->l3_off + 40 + fuzz_be16(ip + 4));
	FUZZ_CHECK(l->tos == ((vtf >> 20) & 0xff) && l->ttl == ip[7]);
	FUZZ_CHECK(!memcmp(l->saddr, ip + 8, 16) && !memcmp(l->daddr, ip + 24, 16));
	FUZZ_CHECK(!(l->flags & (MCNIC_LF_IPV4_DF | MCNIC_LF_IPV4_OPTS)));
	while (fuzz_is_ipv6_ext(nh) && !later) {
		FUZZ_CHECK(n < MCNIC_IPV6_EXT_MAX);
		FUZZ_CHECK(nh != MCNIC_IPPROTO_HOPOPTS || n == 0);
		FUZZ_CHECK(off + 8 <= l->end);
		if (nh == MCNIC_IPPROTO_FRAGMENT) {
			fo = fuzz_be16(pkt + off + 2);
			/* RFC 6946: an atomic fragment is a whole packet. */
			frag |= !!(fo & (MCNIC_IPV6_FRAG_OFF_MASK | MCNIC_IPV6_FRAG_MF));
			later = !!(fo & MCNIC_IPV6_FRAG_OFF_MASK);
			hl = 8;
		} else {
			hl = (pkt[off + 1] + 1) * 8;
			rh_left |= nh == MCNIC_IPPROTO_ROUTING && pkt[off + 3];
		}
		FUZZ_CHECK(off + hl <= l->end);
		nh = pkt[off];
		off += hl;
		n++;
	}
	FUZZ_CHECK(l->proto == nh);
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_IPV6_EXT) == (n > 0));
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_FRAG) == frag);
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_FRAG_LATER) == later);
	FUZZ_CHECK(!!(l->flags & MCNIC_LF_IPV6_RH_LEFT) == rh_left);
	if (!later)
		FUZZ_CHECK(l->l4_off == off);
}

/*
 * One header stack that parsed: Ethernet at base (l2) or IP at base with
 * the given ethertype, all of it inside [base, limit).
 */
static void fuzz_check_layer(const u8 *pkt, const struct mcnic_layer *l,
			     u16 base, u16 limit, int l2, u16 l3type)
{
	unsigned int l3_start = base, i;

	FUZZ_CHECK(base <= limit);
	FUZZ_CHECK(l->n_vlan <= MCNIC_VLAN_MAX);
	if (l2) {
		FUZZ_CHECK(l->l2_off == base);
		l3_start = base + 14 + 4 * l->n_vlan;
		FUZZ_CHECK(l3_start <= limit);
		FUZZ_CHECK(l->ethertype == fuzz_be16(pkt + l3_start - 2));
		FUZZ_CHECK(l->ethertype != MCNIC_ETH_P_8021Q &&
			   l->ethertype != MCNIC_ETH_P_8021AD);
		for (i = 0; i < l->n_vlan; i++) {
			FUZZ_CHECK(l->vlan_tci[i] == fuzz_be16(pkt + base + 14 + 4 * i));
			FUZZ_CHECK(fuzz_be16(pkt + base + 12 + 4 * i) == MCNIC_ETH_P_8021Q ||
				   fuzz_be16(pkt + base + 12 + 4 * i) == MCNIC_ETH_P_8021AD);
		}
		for (; i < MCNIC_VLAN_MAX; i++)
			FUZZ_CHECK(l->vlan_tci[i] == 0);
	} else {
		FUZZ_CHECK(l->l2_off == MCNIC_OFF_NONE && l->n_vlan == 0);
		FUZZ_CHECK(l->ethertype == l3type);
	}
	if (l->ethertype == MCNIC_ETH_P_IPV4)
		FUZZ_CHECK(l->l3 == MCNIC_L3_IPV4);
	else if (l->ethertype == MCNIC_ETH_P_IPV6)
		FUZZ_CHECK(l->l3 == MCNIC_L3_IPV6);
	else
		FUZZ_CHECK(l->l3 == MCNIC_L3_NONE);

	if (l->l3 == MCNIC_L3_NONE) {
		FUZZ_CHECK(l->l3_off == MCNIC_OFF_NONE && l->l4_off == MCNIC_OFF_NONE);
		FUZZ_CHECK(l->flags == 0 && l->end == limit);
		return;
	}
	/* l2 < l3 < l4 <= end <= limit */
	FUZZ_CHECK(l->l3_off == l3_start);
	FUZZ_CHECK(l->end <= limit);
	FUZZ_CHECK(l->l3_off + (l->l3 == MCNIC_L3_IPV4 ? 20 : 40) <= l->end);
	if (l->l3 == MCNIC_L3_IPV4)
		fuzz_check_ipv4(pkt, l);
	else
		fuzz_check_ipv6(pkt, l);
	if (l->flags & MCNIC_LF_FRAG_LATER) {
		FUZZ_CHECK(l->flags & MCNIC_LF_FRAG);
		FUZZ_CHECK(l->l4_off == MCNIC_OFF_NONE && !(l->flags & MCNIC_LF_L4));
		return;
	}
	FUZZ_CHECK(l->l4_off != MCNIC_OFF_NONE);
	FUZZ_CHECK(l->l3_off < l->l4_off && l->l4_off <= l->end);
	fuzz_check_l4(pkt, l);
}

/* Walks GENEVE options the way RFC 8926 reads them. */
static void fuzz_gnv_opts(const u8 *opt, u16 len, u16 *tflags, u16 *ident)
{
	u16 off = 0, olen;

	while (off < len) {
		FUZZ_CHECK(len - off >= 4);
		olen = 4 + (opt[off + 3] & 0x1f) * 4;
		FUZZ_CHECK(olen <= len - off);
		if (fuzz_be16(opt + off) == MCNIC_GENEVE_CLASS_MCNIC &&
		    opt[off + 2] == MCNIC_GENEVE_TYPE_IDENT && olen == 8) {
			*ident = fuzz_be16(opt + off + 4);
			*tflags |= MCNIC_TF_IDENT;
		} else if (opt[off + 2] & 0x80) {
			*tflags |= MCNIC_TF_GNV_CRIT_UNK;
		}
		off += olen;
	}
}

/* What an outer stack should have been classified as. */
static u8 fuzz_expect_tun(const u8 *pkt, const struct mcnic_layer *o,
			  const struct mcnic_parse_cfg *cfg)
{
	u16 ulen, i;

	if (o->l3 == MCNIC_L3_NONE || (o->flags & MCNIC_LF_FRAG))
		return MCNIC_TUN_NONE;
	switch (o->proto) {
	case MCNIC_IPPROTO_GRE:
		return MCNIC_TUN_GRE;
	case MCNIC_IPPROTO_ESP:
		return MCNIC_TUN_ESP;
	case MCNIC_IPPROTO_UDP:
		break;
	default:
		return MCNIC_TUN_NONE;
	}
	for (i = 0; i < MCNIC_VXLAN_PORTS_MAX; i++)
		if (cfg->vxlan_port[i] && cfg->vxlan_port[i] == o->dport)
			return MCNIC_TUN_VXLAN;
	if (cfg->geneve_port && cfg->geneve_port == o->dport)
		return MCNIC_TUN_GENEVE;
	ulen = fuzz_be16(pkt + o->l4_off + 4);
	if (cfg->espinudp_port && cfg->espinudp_port == o->dport && ulen >= 12 &&
	    fuzz_be32(pkt + o->l4_off + 8))
		return MCNIC_TUN_ESP;
	return MCNIC_TUN_NONE;
}

/* The inner frame of a GENEVE or GRE tunnel carrying protocol proto. */
static void fuzz_check_inner_proto(const u8 *pkt, const struct mcnic_pkt_meta *m,
				   u16 proto, u16 limit, u16 *tflags)
{
	if (proto == MCNIC_ETH_P_TEB) {
		*tflags |= MCNIC_TF_INNER_L2;
		fuzz_check_layer(pkt, &m->inner, m->inner_off, limit, 1, 0);
	} else if (proto == MCNIC_ETH_P_IPV4 || proto == MCNIC_ETH_P_IPV6) {
		fuzz_check_layer(pkt, &m->inner, m->inner_off, limit, 0, proto);
	} else {
		fuzz_check_layer_empty(&m->inner);
	}
}

static void fuzz_check_tunnel(const u8 *pkt, u16 len,
			      const struct mcnic_parse_cfg *cfg,
			      const struct mcnic_pkt_meta *m)
{
	const struct mcnic_layer *o = &m->outer;
	u16 tun_off, limit = o->end, tflags = 0, ident = 0, proto = 0;
	u16 gnv_off = 0, gnv_len = 0, fv, hl;
	u32 vni = 0, seq = 0, spi = 0;
	const u8 *h;

	FUZZ_CHECK(m->tun == fuzz_expect_tun(pkt, o, cfg));
	if (m->tun == MCNIC_TUN_NONE) {
		FUZZ_CHECK(m->inner_off == MCNIC_OFF_NONE);
		fuzz_check_layer_empty(&m->inner);
		FUZZ_CHECK(m->tun_off == 0 && m->tflags == 0 && m->vni == 0);
		FUZZ_CHECK(m->seq == 0 && m->spi == 0 && m->ident == 0);
		FUZZ_CHECK(m->tun_proto == 0 && m->gnv_opt_off == 0 &&
			   m->gnv_opt_len == 0);
		return;
	}
	tun_off = o->l4_off;
	if (o->proto == MCNIC_IPPROTO_UDP) {
		tun_off += 8;
		limit = o->l4_off + fuzz_be16(pkt + o->l4_off + 4);
	}
	/* The tunnel header offset is part of the metadata contract. */
	FUZZ_CHECK(m->tun_off == tun_off);
	FUZZ_CHECK(m->inner_off != MCNIC_OFF_NONE && m->inner_off <= limit);
	h = pkt + tun_off;
	switch (m->tun) {
	case MCNIC_TUN_VXLAN:
		FUZZ_CHECK(tun_off + 8 <= limit && (h[0] & MCNIC_VXLAN_F_I));
		vni = fuzz_be32(h + 4) >> 8;
		if (cfg->vxlan_gbp && (h[0] & MCNIC_VXLAN_F_G)) {
			tflags |= MCNIC_TF_GBP | MCNIC_TF_IDENT;
			if (h[1] & MCNIC_VXLAN_GBP_D)
				tflags |= MCNIC_TF_GBP_D;
			if (h[1] & MCNIC_VXLAN_GBP_A)
				tflags |= MCNIC_TF_GBP_A;
			ident = fuzz_be16(h + 2);
		}
		proto = MCNIC_ETH_P_TEB;
		FUZZ_CHECK(m->inner_off == tun_off + 8);
		tflags |= MCNIC_TF_INNER_L2;
		fuzz_check_layer(pkt, &m->inner, m->inner_off, limit, 1, 0);
		break;
	case MCNIC_TUN_GENEVE:
		FUZZ_CHECK(tun_off + 8 <= limit && (h[0] >> 6) == 0);
		gnv_off = tun_off + 8;
		gnv_len = (h[0] & 0x3f) * 4;
		FUZZ_CHECK(gnv_off + gnv_len <= limit);
		if (h[1] & MCNIC_GENEVE_F_O)
			tflags |= MCNIC_TF_GNV_OAM;
		if (h[1] & MCNIC_GENEVE_F_C)
			tflags |= MCNIC_TF_GNV_CRIT;
		fuzz_gnv_opts(pkt + gnv_off, gnv_len, &tflags, &ident);
		vni = fuzz_be32(h + 4) >> 8;
		proto = fuzz_be16(h + 2);
		FUZZ_CHECK(m->inner_off == gnv_off + gnv_len);
		fuzz_check_inner_proto(pkt, m, proto, limit, &tflags);
		break;
	case MCNIC_TUN_GRE:
		FUZZ_CHECK(tun_off + 4 <= limit);
		fv = fuzz_be16(h);
		/* RFC 2784 §2.5.1: R, s and recursion bits, version 0. */
		FUZZ_CHECK(!(fv & (MCNIC_GRE_VER_MASK | MCNIC_GRE_F_R | 0x0c00)));
		hl = 4 + 4 * (!!(fv & MCNIC_GRE_F_C) + !!(fv & MCNIC_GRE_F_K) +
			      !!(fv & MCNIC_GRE_F_S));
		FUZZ_CHECK(tun_off + hl <= limit);
		hl = 4;
		if (fv & MCNIC_GRE_F_C) {
			tflags |= MCNIC_TF_GRE_CSUM;
			hl += 4;
		}
		if (fv & MCNIC_GRE_F_K) {
			tflags |= MCNIC_TF_GRE_KEY;
			vni = fuzz_be32(h + hl);
			hl += 4;
		}
		if (fv & MCNIC_GRE_F_S) {
			tflags |= MCNIC_TF_GRE_SEQ;
			seq = fuzz_be32(h + hl);
			hl += 4;
		}
		proto = fuzz_be16(h + 2);
		FUZZ_CHECK(m->inner_off == tun_off + hl);
		fuzz_check_inner_proto(pkt, m, proto, limit, &tflags);
		break;
	case MCNIC_TUN_ESP:
		FUZZ_CHECK(tun_off + 8 <= limit);
		spi = fuzz_be32(h);
		seq = fuzz_be32(h + 4);
		if (o->proto == MCNIC_IPPROTO_UDP)
			tflags |= MCNIC_TF_ESP_UDP;
		FUZZ_CHECK(m->inner_off == tun_off + 8);
		fuzz_check_layer_empty(&m->inner);
		break;
	default:
		FUZZ_CHECK(!"unknown tunnel type");
	}
	FUZZ_CHECK(m->tflags == tflags);
	FUZZ_CHECK(m->ident == ident);
	FUZZ_CHECK(m->vni == vni && m->seq == seq && m->spi == spi);
	FUZZ_CHECK(m->tun_proto == proto);
	FUZZ_CHECK(m->gnv_opt_off == gnv_off && m->gnv_opt_len == gnv_len);
	/* Inner offsets lie after the tunnel header, inside the tunnel payload. */
	if (m->inner.l2_off != MCNIC_OFF_NONE || m->inner.l3_off != MCNIC_OFF_NONE) {
		FUZZ_CHECK(m->inner.end <= limit && limit <= len);
		FUZZ_CHECK(m->inner_off > tun_off);
	}
}

void fuzz_check_parse(const u8 *pkt, u16 len, const struct mcnic_parse_cfg *cfg,
		      enum mcnic_drop r, const struct mcnic_pkt_meta *m)
{
	const char *name = mcnic_drop_name(r);

	FUZZ_CHECK((unsigned int)r < MCNIC_DROP_COUNT);
	FUZZ_CHECK(name && strcmp(name, "unknown"));
	FUZZ_CHECK(m->len == len);
	FUZZ_CHECK((u32)m->gnv_opt_off + m->gnv_opt_len <= len);
	FUZZ_CHECK(m->pad[0] == 0 && m->pad[1] == 0);
	if (r != MCNIC_DROP_NONE) {
		/* Only parse-stage reasons come out of the parser. */
		FUZZ_CHECK(r <= MCNIC_DROP_ESP_TRUNC);
		if (m->err_inner) {
			FUZZ_CHECK(m->tun == MCNIC_TUN_VXLAN ||
				   m->tun == MCNIC_TUN_GENEVE ||
				   m->tun == MCNIC_TUN_GRE);
			FUZZ_CHECK(r <= MCNIC_DROP_ICMP_TRUNC);
			FUZZ_CHECK(m->inner_off != MCNIC_OFF_NONE);
		}
		return;
	}
	FUZZ_CHECK(m->err_inner == 0);
	fuzz_check_layer(pkt, &m->outer, 0, len, 1, 0);
	fuzz_check_tunnel(pkt, len, cfg, m);
}

void fuzz_check_same_layer(const struct mcnic_layer *a,
			   const struct mcnic_layer *b, u16 delta)
{
#define FUZZ_SHIFTED(x) ((x) == MCNIC_OFF_NONE ? MCNIC_OFF_NONE : (u16)((x) - delta))
	FUZZ_CHECK(a->l3_off == FUZZ_SHIFTED(b->l3_off));
	FUZZ_CHECK(a->l4_off == FUZZ_SHIFTED(b->l4_off));
	FUZZ_CHECK(a->end == (u16)(b->end - delta));
#undef FUZZ_SHIFTED
	FUZZ_CHECK(a->ethertype == b->ethertype && a->flags == b->flags);
	FUZZ_CHECK(a->l3 == b->l3 && a->proto == b->proto);
	FUZZ_CHECK(a->tos == b->tos && a->ttl == b->ttl);
	FUZZ_CHECK(a->tcp_flags == b->tcp_flags);
	FUZZ_CHECK(a->sport == b->sport && a->dport == b->dport);
	FUZZ_CHECK(!memcmp(a->saddr, b->saddr, 16) && !memcmp(a->daddr, b->daddr, 16));
}

void fuzz_fix_csums(u8 *pkt, const struct mcnic_pkt_meta *m)
{
	const struct mcnic_layer *o = &m->outer;
	u8 *ip = pkt + o->l3_off, *h;
	u16 c, ulen;
	u64 s;

	if (m->tun == MCNIC_TUN_NONE || o->l3 == MCNIC_L3_NONE ||
	    o->l4_off == MCNIC_OFF_NONE)
		return;
	if (o->l3 == MCNIC_L3_IPV4) {
		fuzz_put16(ip + 10, 0);
		fuzz_put16(ip + 10, ~fuzz_fold(fuzz_sum(0, ip, o->l4_off - o->l3_off)));
	}
	h = pkt + o->l4_off;
	if (o->proto == MCNIC_IPPROTO_UDP) {
		if (o->l3 == MCNIC_L3_IPV4 && !fuzz_be16(h + 6))
			return;
		ulen = fuzz_be16(h + 4);
		fuzz_put16(h + 6, 0);
		s = fuzz_pseudo_sum(ip, o->l3 == MCNIC_L3_IPV6, MCNIC_IPPROTO_UDP, ulen);
		c = ~fuzz_fold(fuzz_sum(s, h, ulen));
		fuzz_put16(h + 6, c ? c : 0xffff);
	} else if (o->proto == MCNIC_IPPROTO_GRE && (h[0] & 0x80)) {
		fuzz_put16(h + 4, 0);
		fuzz_put16(h + 4, ~fuzz_fold(fuzz_sum(0, h, o->end - o->l4_off)));
	}
}
