// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * fuzz_encap: tunnel templates and the encap/decap round trip.
 *
 * Input: a struct mcnic_tunnel_cfg as raw bytes (sizeof, 192), the flow
 * hash (4 bytes, big endian), the IPv4 ID (2), then the inner frame.
 *
 * mcnic_tmpl_build must refuse with a message (leaving the template alone)
 * exactly when the configuration breaks a rule of tunnel.h; otherwise the
 * template's layout is checked, the inner frame parsed and encapsulated in
 * a buffer of exactly MCNIC_HEADROOM + len bytes (and again with exactly
 * the headroom it needs, and one byte less).  A successful encap must parse
 * as the configured tunnel with the configured outer fields, and decap
 * (with a decap configuration that accepts it) must give back the inner
 * frame bit for bit -- for GRE-L3, the inner IP datagram behind a new
 * Ethernet header.  Nothing in a template changes the inner frame: ECN is
 * copied out (RFC 6040 normal mode) or not at all (compatibility mode), so
 * the decap side never has a reason to touch it.
 *
 * Every built template must pass mcnic_tmpl_valid, the gate for templates
 * that arrive as bytes; with bit 0 of the cfg's pad[0] set, the unused
 * pad[] bytes also corrupt a copy of the template for that gate (see
 * fuzz_encap_corrupt()).
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include <mcnic/wire.h>

#define FUZZ_ENCAP_HDR	(sizeof(struct mcnic_tunnel_cfg) + 4 + 2)

struct fuzz_encap_in {
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl t;
	u32 hash;
	u16 ip_id;
	const u8 *frame;	/* the inner frame, as given */
	u16 flen;
	struct mcnic_layer in;	/* its parsed outer stack */
};

static int fuzz_is_udp(u8 type)
{
	return type == MCNIC_TUN_VXLAN || type == MCNIC_TUN_GENEVE;
}

static int fuzz_opts_ok(const u8 *opt, u16 len)
{
	u16 off = 0, olen;

	while (off < len) {
		if (len - off < 4)
			return 0;
		olen = 4 + (opt[off + 3] & 0x1f) * 4;
		if (olen > len - off)
			return 0;
		off += olen;
	}
	return 1;
}

static u16 fuzz_hdr_len(const struct mcnic_tunnel_cfg *c)
{
	u16 len = 14 + (c->flags & MCNIC_TUNF_VLAN ? 4 : 0) +
		  (c->flags & MCNIC_TUNF_OUTER_V6 ? 40 : 20);

	if (c->type == MCNIC_TUN_GRE)
		return len + 4 + (c->flags & MCNIC_TUNF_GRE_KEY ? 4 : 0);
	len += 16;
	if (c->type == MCNIC_TUN_GENEVE)
		len += c->gnv_opt_len + (c->flags & MCNIC_TUNF_IDENT_OPT ? 8 : 0);
	return len;
}

/* The rules of struct mcnic_tunnel_cfg, read from tunnel.h. */
static int fuzz_is_zero(const u8 *a, int len)
{
	while (len--)
		if (a[len])
			return 0;
	return 1;
}

static int fuzz_cfg_valid(const struct mcnic_tunnel_cfg *c)
{
	u16 f = c->flags;
	int v6 = !!(f & MCNIC_TUNF_OUTER_V6), udp = fuzz_is_udp(c->type);
	int alen = v6 ? 16 : 4;

	if (f & ~MCNIC_TUNF_ALL)
		return 0;
	if (!udp && c->type != MCNIC_TUN_GRE)
		return 0;
	/*
	 * We send from a unicast MAC and address (not IPv6 multicast, not
	 * IPv4 multicast, class E or broadcast) to a specified address.
	 */
	if ((c->smac[0] & 1) || fuzz_is_zero(c->saddr, alen) ||
	    (v6 ? c->saddr[0] == 0xff : c->saddr[0] >= 0xe0) ||
	    fuzz_is_zero(c->daddr, alen))
		return 0;
	if (!udp && (f & (MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_UDP6_ZERO)))
		return 0;
	if (udp && (c->vni > 0xffffff || !c->dport || !c->sport_min ||
		    c->sport_min > c->sport_max))
		return 0;
	if (c->type != MCNIC_TUN_GRE &&
	    (f & (MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_GRE_L3)))
		return 0;
	if (c->type != MCNIC_TUN_VXLAN && (f & MCNIC_TUNF_GBP))
		return 0;
	if (c->type != MCNIC_TUN_GENEVE &&
	    (c->gnv_opt_len || (f & MCNIC_TUNF_IDENT_OPT)))
		return 0;
	if (c->gnv_opt_len % 4 || c->gnv_opt_len > MCNIC_TMPL_GNV_OPT_MAX ||
	    !fuzz_opts_ok(c->gnv_opt, c->gnv_opt_len))
		return 0;
	if (v6 && (f & (MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET |
			MCNIC_TUNF_DF_INHERIT)))
		return 0;
	if (!v6 && (f & MCNIC_TUNF_UDP6_ZERO))
		return 0;
	if ((f & MCNIC_TUNF_DF_SET) && (f & MCNIC_TUNF_DF_INHERIT))
		return 0;
	if (!c->ttl || c->dscp > 63)
		return 0;
	if ((f & MCNIC_TUNF_VLAN) && (c->vlan_tci & 0xfff) == 0xfff)
		return 0;
	if (c->mtu < (v6 ? 1280 : 576) || c->mtu > 9216)
		return 0;
	return fuzz_hdr_len(c) <= MCNIC_TMPL_HDR_MAX;
}

static void fuzz_check_tmpl(const struct mcnic_tunnel_cfg *c,
			    const struct mcnic_encap_tmpl *t)
{
	u8 l3 = 14 + (c->flags & MCNIC_TUNF_VLAN ? 4 : 0);
	u8 l4 = l3 + (c->flags & MCNIC_TUNF_OUTER_V6 ? 40 : 20);

	FUZZ_CHECK(t->type == c->type && t->flags == c->flags);
	FUZZ_CHECK(t->mtu == c->mtu && t->ttl == c->ttl && t->tos == c->dscp << 2);
	FUZZ_CHECK(t->hdr_len == fuzz_hdr_len(c) && t->hdr_len <= MCNIC_TMPL_HDR_MAX);
	FUZZ_CHECK(t->l3_off == l3 && t->l4_off == l4);
	FUZZ_CHECK(t->tun_off == l4 + (c->type == MCNIC_TUN_GRE ? 0 : 8));
	FUZZ_CHECK(!memcmp(t->hdr, c->dmac, 6) && !memcmp(t->hdr + 6, c->smac, 6));
}

/* What the outer IPv4 ID, DF, TTL and TOS must be for this inner stack. */
static u8 fuzz_exp_tos(const struct fuzz_encap_in *e)
{
	u8 tos = e->c.dscp << 2;

	if (e->in.l3 == MCNIC_L3_NONE)
		return tos;
	if (e->c.flags & MCNIC_TUNF_DSCP_INHERIT)
		tos = e->in.tos & 0xfc;
	if (!(e->c.flags & MCNIC_TUNF_ECN_COMPAT))
		tos |= e->in.tos & 3;
	return tos;
}

static u8 fuzz_exp_ttl(const struct fuzz_encap_in *e)
{
	/* RFC 1122 §3.2.1.7: a TTL of 0 is never sent, inherited or not. */
	if ((e->c.flags & MCNIC_TUNF_TTL_INHERIT) && e->in.l3 != MCNIC_L3_NONE &&
	    e->in.ttl)
		return e->in.ttl;
	return e->c.ttl;
}

static int fuzz_exp_df(const struct fuzz_encap_in *e)
{
	if (e->c.flags & MCNIC_TUNF_DF_SET)
		return 1;
	if (!(e->c.flags & MCNIC_TUNF_DF_INHERIT))
		return 0;
	return e->in.l3 == MCNIC_L3_IPV6 || (e->in.flags & MCNIC_LF_IPV4_DF);
}

/* The tunnel metadata the receiver must find. */
static void fuzz_check_tunnel_meta(const struct fuzz_encap_in *e,
				   const struct mcnic_pkt_meta *m)
{
	const struct mcnic_tunnel_cfg *c = &e->c;
	u16 ident = 0, tfl = 0, off, olen;

	FUZZ_CHECK(m->tun == c->type);
	if (c->type == MCNIC_TUN_GRE) {
		FUZZ_CHECK(m->vni == (c->flags & MCNIC_TUNF_GRE_KEY ? c->vni : 0));
		FUZZ_CHECK(!!(m->tflags & MCNIC_TF_GRE_KEY) ==
			   !!(c->flags & MCNIC_TUNF_GRE_KEY));
		FUZZ_CHECK(!(m->tflags & (MCNIC_TF_GRE_CSUM | MCNIC_TF_GRE_SEQ)));
		if (c->flags & MCNIC_TUNF_GRE_L3)
			FUZZ_CHECK(m->tun_proto == (e->in.l3 == MCNIC_L3_IPV4 ?
				   MCNIC_ETH_P_IPV4 : MCNIC_ETH_P_IPV6));
		else
			FUZZ_CHECK(m->tun_proto == MCNIC_ETH_P_TEB);
		return;
	}
	FUZZ_CHECK(m->vni == c->vni);
	FUZZ_CHECK(m->tun_proto == MCNIC_ETH_P_TEB);
	if (c->type == MCNIC_TUN_VXLAN) {
		if (c->flags & MCNIC_TUNF_GBP) {
			FUZZ_CHECK(m->tflags & MCNIC_TF_GBP);
			FUZZ_CHECK(!(m->tflags & (MCNIC_TF_GBP_D | MCNIC_TF_GBP_A)));
			tfl = MCNIC_TF_IDENT;
			ident = c->ident;
		}
	} else {
		for (off = 0; off < c->gnv_opt_len; off += olen) {
			olen = 4 + (c->gnv_opt[off + 3] & 0x1f) * 4;
			if (fuzz_be16(c->gnv_opt + off) == MCNIC_GENEVE_CLASS_MCNIC &&
			    c->gnv_opt[off + 2] == MCNIC_GENEVE_TYPE_IDENT &&
			    olen == 8) {
				tfl |= MCNIC_TF_IDENT;
				ident = fuzz_be16(c->gnv_opt + off + 4);
			} else if (c->gnv_opt[off + 2] & 0x80) {
				tfl |= MCNIC_TF_GNV_CRIT | MCNIC_TF_GNV_CRIT_UNK;
			}
		}
		if (c->flags & MCNIC_TUNF_IDENT_OPT) {
			tfl |= MCNIC_TF_IDENT;
			ident = c->ident;
		}
		FUZZ_CHECK(m->gnv_opt_len == c->gnv_opt_len +
			   (c->flags & MCNIC_TUNF_IDENT_OPT ? 8 : 0));
		FUZZ_CHECK(!(m->tflags & MCNIC_TF_GNV_OAM));
		FUZZ_CHECK((m->tflags & (MCNIC_TF_GNV_CRIT | MCNIC_TF_GNV_CRIT_UNK)) ==
			   (tfl & (MCNIC_TF_GNV_CRIT | MCNIC_TF_GNV_CRIT_UNK)));
	}
	FUZZ_CHECK(!!(m->tflags & MCNIC_TF_IDENT) == !!(tfl & MCNIC_TF_IDENT));
	FUZZ_CHECK(m->ident == ident);
}

/* The outer headers of the encapsulated frame o[0, olen). */
static void fuzz_check_outer(const struct fuzz_encap_in *e, const u8 *o,
			     u16 olen, const struct mcnic_pkt_meta *m)
{
	const struct mcnic_tunnel_cfg *c = &e->c;
	const struct mcnic_layer *l = &m->outer;
	int v6 = !!(c->flags & MCNIC_TUNF_OUTER_V6), df = fuzz_exp_df(e);
	const u8 *ip = o + e->t.l3_off, *udp = o + e->t.l4_off;
	int want_csum;
	u16 sport;

	FUZZ_CHECK(!memcmp(o, c->dmac, 6) && !memcmp(o + 6, c->smac, 6));
	FUZZ_CHECK(l->n_vlan == !!(c->flags & MCNIC_TUNF_VLAN));
	if (l->n_vlan)
		FUZZ_CHECK(l->vlan_tci[0] == c->vlan_tci);
	FUZZ_CHECK(l->l3 == (v6 ? MCNIC_L3_IPV6 : MCNIC_L3_IPV4));
	FUZZ_CHECK(!memcmp(l->saddr, c->saddr, v6 ? 16 : 4));
	FUZZ_CHECK(!memcmp(l->daddr, c->daddr, v6 ? 16 : 4));
	FUZZ_CHECK(l->end == olen && !(l->flags & MCNIC_LF_FRAG));
	FUZZ_CHECK(l->ttl == fuzz_exp_ttl(e) && l->tos == fuzz_exp_tos(e));
	if (v6) {
		/* RFC 6438: the flow label carries the inner flow's hash. */
		FUZZ_CHECK((fuzz_be32(ip) & 0xfffff) ==
			   ((e->hash & 0xfffff) ? (e->hash & 0xfffff) : 1));
	} else {
		FUZZ_CHECK(!!(l->flags & MCNIC_LF_IPV4_DF) == df);
		FUZZ_CHECK(fuzz_be16(ip + 4) == (df ? 0 : e->ip_id));
	}
	if (c->type == MCNIC_TUN_GRE)
		return;
	FUZZ_CHECK(l->dport == c->dport);
	sport = fuzz_be16(udp);
	FUZZ_CHECK(sport >= c->sport_min && sport <= c->sport_max);
	want_csum = v6 ? !(c->flags & MCNIC_TUNF_UDP6_ZERO) :
			 !!(c->flags & MCNIC_TUNF_UDP_CSUM);
	FUZZ_CHECK(!!fuzz_be16(udp + 6) == want_csum);
}

/* Parse and decap an encapsulated frame; it must come back as it went in. */
static void fuzz_round_trip(const struct fuzz_encap_in *e, struct mcnic_pkt *p)
{
	const struct mcnic_tunnel_cfg *c = &e->c;
	struct mcnic_decap_cfg dc = {
		.l3_dmac = { 0x02, 0x00, 0x00, 0x00, 0xdd, 0x01 },
		.l3_smac = { 0x02, 0x00, 0x00, 0x00, 0x55, 0x02 },
		.udp6_zero_ok = 1,
	};
	u16 hl = e->t.hdr_len, iplen, delta;
	int l3 = !!(c->flags & MCNIC_TUNF_GRE_L3);
	struct mcnic_parse_cfg pc;
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;
	const u8 *out;

	mcnic_parse_cfg_init(&pc);
	pc.vxlan_port[0] = c->type == MCNIC_TUN_VXLAN ? c->dport : 0;
	pc.geneve_port = c->type == MCNIC_TUN_GENEVE ? c->dport : 0;
	pc.espinudp_port = 0;
	r = mcnic_parse(mcnic_pkt_data(p), p->len, &pc, &m);
	fuzz_check_parse(mcnic_pkt_data(p), p->len, &pc, r, &m);
	FUZZ_CHECK(r == MCNIC_DROP_NONE);
	fuzz_check_tunnel_meta(e, &m);
	fuzz_check_outer(e, mcnic_pkt_data(p), p->len, &m);
	FUZZ_CHECK(m.inner_off == hl);
	/* The receiver sees the inner stack the sender parsed. */
	if (l3) {
		FUZZ_CHECK(m.inner.l3_off == hl && m.inner.l2_off == MCNIC_OFF_NONE);
		delta = e->in.l3_off - hl;
	} else {
		FUZZ_CHECK(m.inner.l2_off == hl && (m.tflags & MCNIC_TF_INNER_L2));
		FUZZ_CHECK(m.inner.n_vlan == e->in.n_vlan);
		delta = (u16)(0 - hl);
	}
	fuzz_check_same_layer(&m.inner, &e->in, delta);

	r = mcnic_decap(p, &m, &dc);
	if (m.tflags & MCNIC_TF_GNV_CRIT_UNK) {
		/* Options we sent but cannot vouch for: rightly refused. */
		FUZZ_CHECK(r == MCNIC_DROP_GENEVE_CRIT);
		return;
	}
	FUZZ_CHECK(r == MCNIC_DROP_NONE);
	FUZZ_CHECK((u32)p->head + p->len <= p->size);
	out = mcnic_pkt_data(p);
	if (!l3) {
		FUZZ_CHECK(p->len == e->flen);
		FUZZ_CHECK(!memcmp(out, e->frame, e->flen));
		return;
	}
	iplen = e->in.end - e->in.l3_off;
	FUZZ_CHECK(p->len == 14 + iplen);
	FUZZ_CHECK(!memcmp(out, dc.l3_dmac, 6) && !memcmp(out + 6, dc.l3_smac, 6));
	FUZZ_CHECK(fuzz_be16(out + 12) == (e->in.l3 == MCNIC_L3_IPV4 ?
					  MCNIC_ETH_P_IPV4 : MCNIC_ETH_P_IPV6));
	FUZZ_CHECK(!memcmp(out + 14, e->frame + e->in.l3_off, iplen));
}

/* The result mcnic_encap must give with headroom hr in front of the frame. */
static enum mcnic_drop fuzz_exp_encap(const struct fuzz_encap_in *e, u16 hr,
				      u16 *inner_mtu)
{
	u16 strip = 0, inner_len = e->flen, hl = e->t.hdr_len;
	u32 l3len;

	*inner_mtu = 0;
	if (e->c.flags & MCNIC_TUNF_GRE_L3) {
		if (e->in.l3 == MCNIC_L3_NONE)
			return MCNIC_DROP_ENCAP_NOT_IP;
		strip = e->in.l3_off;
		inner_len = e->in.end - e->in.l3_off;
	}
	if (hr + strip < hl)
		return MCNIC_DROP_ENCAP_HEADROOM;
	l3len = hl - e->t.l3_off + inner_len;
	if (l3len <= e->c.mtu)
		return MCNIC_DROP_NONE;
	/*
	 * docs/formats.md: the inner IP MTU that fits is mtu - outer overhead
	 * - inner L2 header.  Bytes after the inner datagram (padding) are
	 * not overhead a smaller datagram would carry.
	 */
	if (e->in.l3 != MCNIC_L3_NONE)
		*inner_mtu = e->c.mtu - (hl - e->t.l3_off) - (strip ? 0 : e->in.l3_off);
	return MCNIC_DROP_TOO_BIG;
}

/* One encap with exactly hr bytes of headroom; returns the result. */
static enum mcnic_drop fuzz_encap_one(const struct fuzz_encap_in *e, u16 hr,
				      int round_trip)
{
	struct mcnic_pkt p = {
		.size = hr + e->flen, .head = hr, .len = e->flen,
	};
	u16 inner_mtu = 0xdead, exp_mtu, strip;
	enum mcnic_drop r, exp = fuzz_exp_encap(e, hr, &exp_mtu);

	p.buf = malloc(p.size ? p.size : 1);
	FUZZ_CHECK(p.buf);
	memset(p.buf, 0x5a, hr);
	memcpy(p.buf + hr, e->frame, e->flen);
	r = mcnic_encap(&e->t, &p, &e->in, e->hash, e->ip_id, &inner_mtu);
	FUZZ_CHECK(r == exp);
	FUZZ_CHECK(p.size == hr + e->flen);
	if (r) {
		FUZZ_CHECK(p.head == hr && p.len == e->flen);
		FUZZ_CHECK(!memcmp(p.buf + hr, e->frame, e->flen));
		/* The MTU an ICMP "too big" will carry (0: not IP). */
		if (r == MCNIC_DROP_TOO_BIG)
			FUZZ_CHECK(inner_mtu == exp_mtu);
		free(p.buf);
		return r;
	}
	strip = e->c.flags & MCNIC_TUNF_GRE_L3 ? e->in.l3_off : 0;
	FUZZ_CHECK(p.head == hr + strip - e->t.hdr_len);
	FUZZ_CHECK(p.len == e->t.hdr_len +
		   (strip ? e->in.end - e->in.l3_off : e->flen));
	FUZZ_CHECK((u32)p.head + p.len <= p.size);
	if (round_trip)
		fuzz_round_trip(e, &p);
	free(p.buf);
	return r;
}

/* What encap touches in a template lies inside hdr[] (one 16-byte move). */
static int fuzz_tmpl_safe(const struct mcnic_encap_tmpl *t)
{
	u16 l3len = t->flags & MCNIC_TUNF_OUTER_V6 ? 40 : 20;

	if (t->type < MCNIC_TUN_VXLAN || t->type > MCNIC_TUN_GRE)
		return 0;
	if (t->hdr_len < 16 || t->hdr_len > MCNIC_TMPL_HDR_MAX)
		return 0;
	if (t->l3_off + l3len > t->hdr_len || t->l4_off < t->l3_off + l3len)
		return 0;
	if (t->type != MCNIC_TUN_GRE)
		return t->l4_off + 8 <= t->hdr_len;
	return !(t->flags & MCNIC_TUNF_GRE_L3) || t->tun_off + 4 <= t->hdr_len;
}

/*
 * Templates also arrive as bytes (table writes): mcnic_tmpl_valid is the
 * gate.  With pad[0] bit 0 set, the cfg's otherwise unused pad[] bytes
 * overwrite a copy of the built template's layout fields; what the gate
 * lets through must be safe to encap with (ASan watches the buffer).
 */
static void fuzz_encap_corrupt(const struct fuzz_encap_in *e)
{
	const u8 *pad = e->c.pad;
	struct mcnic_encap_tmpl t = e->t;
	struct mcnic_pkt p = {
		.size = MCNIC_HEADROOM + e->flen, .head = MCNIC_HEADROOM,
		.len = e->flen,
	};
	enum mcnic_drop r;
	u16 mtu;
	int rc;

	t.type = pad[1];
	t.l3_off = pad[2];
	t.l4_off = pad[3];
	t.tun_off = pad[4];
	t.hdr_len = fuzz_be16(pad + 5);
	t.mtu = fuzz_be16(pad + 7);
	t.flags = fuzz_be16(pad + 9);
	rc = mcnic_tmpl_valid(&t);
	FUZZ_CHECK(rc == 0 || rc == -MCNIC_EINVAL);
	if (rc)
		return;
	FUZZ_CHECK(fuzz_tmpl_safe(&t));
	p.buf = malloc(p.size);
	FUZZ_CHECK(p.buf);
	memcpy(p.buf + MCNIC_HEADROOM, e->frame, e->flen);
	r = mcnic_encap(&t, &p, &e->in, e->hash, e->ip_id, &mtu);
	FUZZ_CHECK((unsigned int)r < MCNIC_DROP_COUNT);
	if (r) {
		FUZZ_CHECK(p.head == MCNIC_HEADROOM && p.len == e->flen);
		FUZZ_CHECK(!memcmp(p.buf + MCNIC_HEADROOM, e->frame, e->flen));
	} else {
		FUZZ_CHECK((u32)p.head + p.len <= p.size);
	}
	free(p.buf);
}

/* An empty table slot (an all-zero template) is refused, untouched. */
static void fuzz_encap_empty_slot(const struct fuzz_encap_in *e)
{
	struct mcnic_encap_tmpl t;
	struct mcnic_pkt p = {
		.size = MCNIC_HEADROOM + e->flen, .head = MCNIC_HEADROOM,
		.len = e->flen,
	};

	memset(&t, 0, sizeof(t));
	FUZZ_CHECK(mcnic_tmpl_valid(&t) == -MCNIC_EINVAL);
	p.buf = malloc(p.size);
	FUZZ_CHECK(p.buf);
	memcpy(p.buf + MCNIC_HEADROOM, e->frame, e->flen);
	FUZZ_CHECK(mcnic_encap(&t, &p, &e->in, e->hash, e->ip_id, NULL) ==
		   MCNIC_DROP_TMPL_INVALID);
	FUZZ_CHECK(p.head == MCNIC_HEADROOM && p.len == e->flen);
	free(p.buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_encap_in e;
	struct mcnic_encap_tmpl t2;
	struct mcnic_parse_cfg pc;
	struct mcnic_pkt_meta m;
	const char *why = NULL;
	u16 hr, strip;
	int rc;

	if (size < FUZZ_ENCAP_HDR)
		return 0;
	if (size - FUZZ_ENCAP_HDR > FUZZ_FRAME_MAX)
		return -1;
	memset(&e, 0, sizeof(e));
	memcpy(&e.c, data, sizeof(e.c));
	e.hash = fuzz_be32(data + sizeof(e.c));
	e.ip_id = fuzz_be16(data + sizeof(e.c) + 4);
	e.frame = data + FUZZ_ENCAP_HDR;
	e.flen = size - FUZZ_ENCAP_HDR;

	memset(&e.t, 0xa5, sizeof(e.t));
	memcpy(&t2, &e.t, sizeof(t2));
	rc = mcnic_tmpl_build(&e.c, &e.t, &why);
	FUZZ_CHECK(rc == 0 || rc == -MCNIC_EINVAL);
	FUZZ_CHECK((rc == 0) == fuzz_cfg_valid(&e.c));
	if (rc) {
		/* Refused: says why, and changes nothing. */
		FUZZ_CHECK(why && why[0]);
		FUZZ_CHECK(!memcmp(&e.t, &t2, sizeof(t2)));
		FUZZ_CHECK(mcnic_tmpl_build(&e.c, &t2, NULL) == rc);
		return 0;
	}
	fuzz_check_tmpl(&e.c, &e.t);
	FUZZ_CHECK(mcnic_tmpl_valid(&e.t) == 0);
	FUZZ_CHECK(mcnic_tmpl_build(&e.c, &t2, NULL) == 0);
	FUZZ_CHECK(!memcmp(&e.t, &t2, sizeof(t2)));

	mcnic_parse_cfg_init(&pc);
	if (mcnic_parse(e.frame, e.flen, &pc, &m))
		return 0;	/* the egress path drops it before encap */
	e.in = m.outer;

	fuzz_encap_empty_slot(&e);
	fuzz_encap_one(&e, MCNIC_HEADROOM, 1);
	/* Exactly the headroom it needs, then one byte less. */
	strip = e.c.flags & MCNIC_TUNF_GRE_L3 && e.in.l3 != MCNIC_L3_NONE ?
		e.in.l3_off : 0;
	hr = e.t.hdr_len > strip ? e.t.hdr_len - strip : 0;
	fuzz_encap_one(&e, hr, 0);
	if (hr)
		fuzz_encap_one(&e, hr - 1, 0);
	if (e.c.pad[0] & 1)
		fuzz_encap_corrupt(&e);
	return 0;
}
