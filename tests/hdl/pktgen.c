// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Packet generator for the HDL tests (see pktgen.h).  Plain byte writes,
 * big endian by hand: it shares no code with firmware/dp.
 */
#include <string.h>
#include <mcnic/wire.h>
#include "pktgen.h"

/* ---- randomness: xorshift64* --------------------------------------- */

void pg_seed(struct pg_rng *r, u64 seed)
{
	r->s = seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
	if (!r->s)
		r->s = 1;
}

u64 pg_rand64(struct pg_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

u32 pg_rand(struct pg_rng *r)
{
	return pg_rand64(r) >> 32;
}

u32 pg_below(struct pg_rng *r, u32 n)
{
	return (u32)(((u64)pg_rand(r) * n) >> 32);
}

int pg_pct(struct pg_rng *r, u32 pct)
{
	return pg_below(r, 100) < pct;
}

void pg_fill(struct pg_rng *r, u8 *p, u32 n)
{
	u64 v = 0;
	u32 i;

	for (i = 0; i < n; i++) {
		if (!(i & 7))
			v = pg_rand64(r);
		p[i] = v;
		v >>= 8;
	}
}

/* ---- builder --------------------------------------------------------- */

enum { PG_FIX_IPV4, PG_FIX_IPV6, PG_FIX_UDP };

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

void pg_init(struct pg_frame *f, struct pg_rng *rng)
{
	f->len = 0;
	f->hdr_end = 0;
	f->full = 0;
	f->nfix = 0;
	f->rng = rng;
}

/* Room for n more bytes, filled with filler; NULL when it does not fit. */
static u8 *pg_push(struct pg_frame *f, u16 n)
{
	u8 *p;

	if (f->full || n > PG_MAX - f->len) {
		f->full = 1;
		return NULL;
	}
	p = f->b + f->len;
	if (f->rng)
		pg_fill(f->rng, p, n);
	else
		memset(p, 0, n);
	f->len += n;
	f->hdr_end = f->len;
	return p;
}

static u16 pg_off(const struct pg_frame *f, const u8 *p, u16 n)
{
	return p ? (u16)(p - f->b) : (u16)(f->len - n);
}

static void pg_fix(struct pg_frame *f, u8 kind, const u8 *p)
{
	if (!p || f->nfix == PG_FIX_MAX)
		return;
	f->fix[f->nfix].kind = kind;
	f->fix[f->nfix].off = p - f->b;
	f->nfix++;
}

u16 pg_bytes(struct pg_frame *f, const void *data, u16 n)
{
	u8 *p = pg_push(f, n);

	if (p)
		memcpy(p, data, n);
	return pg_off(f, p, n);
}

u16 pg_eth(struct pg_frame *f, u16 type)
{
	u8 *p = pg_push(f, 14);

	if (p) {
		p[0] &= 0xfe;		/* unicast destination */
		put16(p + 12, type);
	}
	return pg_off(f, p, 14);
}

u16 pg_vlan(struct pg_frame *f, u16 tci, u16 type)
{
	u8 *p = pg_push(f, 4);

	if (p) {
		put16(p, tci);
		put16(p + 2, type);
	}
	return pg_off(f, p, 4);
}

u16 pg_ipv4(struct pg_frame *f, u8 proto, u8 ihl, u16 frag)
{
	u8 *p = pg_push(f, ihl * 4);

	if (p) {
		p[0] = 0x40 | (ihl & 0xf);
		put16(p + 6, frag);
		p[9] = proto;
		pg_fix(f, PG_FIX_IPV4, p);
	}
	return pg_off(f, p, ihl * 4);
}

u16 pg_ipv6(struct pg_frame *f, u8 nexthdr)
{
	u8 *p = pg_push(f, 40);

	if (p) {
		p[0] = 0x60 | (p[0] & 0x0f);
		p[6] = nexthdr;
		pg_fix(f, PG_FIX_IPV6, p);
	}
	return pg_off(f, p, 40);
}

u16 pg_ipv6_opt(struct pg_frame *f, u8 type, u8 nexthdr, u8 hdrlen, u8 segleft)
{
	u16 n = (hdrlen + 1) * 8;
	u8 *p = pg_push(f, n);

	(void)type;
	if (p) {
		p[0] = nexthdr;
		p[1] = hdrlen;
		p[3] = segleft;
	}
	return pg_off(f, p, n);
}

u16 pg_ipv6_frag(struct pg_frame *f, u8 nexthdr, u16 fo)
{
	u8 *p = pg_push(f, 8);

	if (p) {
		p[0] = nexthdr;
		p[1] = 0;
		put16(p + 2, fo);
	}
	return pg_off(f, p, 8);
}

u16 pg_udp(struct pg_frame *f, u16 sport, u16 dport)
{
	u8 *p = pg_push(f, 8);

	if (p) {
		put16(p, sport);
		put16(p + 2, dport);
		pg_fix(f, PG_FIX_UDP, p);
	}
	return pg_off(f, p, 8);
}

u16 pg_tcp(struct pg_frame *f, u16 sport, u16 dport, u8 doff, u8 flags)
{
	u16 n = doff >= 5 ? doff * 4 : 20;
	u8 *p = pg_push(f, n);

	if (p) {
		put16(p, sport);
		put16(p + 2, dport);
		p[12] = doff << 4;
		p[13] = flags;
	}
	return pg_off(f, p, n);
}

u16 pg_icmp(struct pg_frame *f, u8 type, u8 code, u16 id)
{
	u8 *p = pg_push(f, 8);

	if (p) {
		p[0] = type;
		p[1] = code;
		put16(p + 4, id);
	}
	return pg_off(f, p, 8);
}

u16 pg_vxlan(struct pg_frame *f, u8 flags, u8 gbp_flags, u16 group, u32 vni)
{
	u8 *p = pg_push(f, 8);

	if (p) {
		p[0] = flags;
		p[1] = gbp_flags;
		put16(p + 2, group);
		put32(p + 4, vni << 8);
	}
	return pg_off(f, p, 8);
}

u16 pg_geneve(struct pg_frame *f, u8 ver_optlen, u8 flags, u16 proto,
	      u32 vni, const u8 *opts, u16 optlen)
{
	u8 *p = pg_push(f, 8 + optlen);

	if (p) {
		p[0] = ver_optlen;
		p[1] = flags;
		put16(p + 2, proto);
		put32(p + 4, vni << 8);
		memcpy(p + 8, opts, optlen);
	}
	return pg_off(f, p, 8 + optlen);
}

u16 pg_geneve_opt(struct pg_rng *r, u8 *buf, u16 cls, u8 type, u8 len)
{
	u16 n = 4 + 4 * (len & 31);

	put16(buf, cls);
	buf[2] = type;
	buf[3] = len;
	if (r)
		pg_fill(r, buf + 4, n - 4);
	else
		memset(buf + 4, 0, n - 4);
	return n;
}

u16 pg_gre(struct pg_frame *f, u16 flags_ver, u16 proto, u32 key, u32 seq)
{
	u16 n = 4;
	u8 *p, *o;

	n += flags_ver & MCNIC_GRE_F_C ? 4 : 0;
	n += flags_ver & MCNIC_GRE_F_K ? 4 : 0;
	n += flags_ver & MCNIC_GRE_F_S ? 4 : 0;
	/* RFC 1701 routing: a source route entry follows; say 4 bytes. */
	n += flags_ver & MCNIC_GRE_F_R ? 4 : 0;
	p = pg_push(f, n);
	if (!p)
		return pg_off(f, p, n);
	put16(p, flags_ver);
	put16(p + 2, proto);
	o = p + 4;
	if (flags_ver & MCNIC_GRE_F_C)
		o += 4;
	if (flags_ver & MCNIC_GRE_F_K) {
		put32(o, key);
		o += 4;
	}
	if (flags_ver & MCNIC_GRE_F_S)
		put32(o, seq);
	return pg_off(f, p, n);
}

u16 pg_esp(struct pg_frame *f, u32 spi, u32 seq)
{
	u8 *p = pg_push(f, 8);

	if (p) {
		put32(p, spi);
		put32(p + 4, seq);
	}
	return pg_off(f, p, 8);
}

u16 pg_payload(struct pg_frame *f, u16 n)
{
	u16 end = f->hdr_end;
	u16 off;

	if (n > PG_MAX - f->len)
		n = PG_MAX - f->len;
	off = f->len;
	if (n) {
		pg_push(f, n);
		f->hdr_end = end;
	}
	return off;
}

void pg_finish(struct pg_frame *f)
{
	unsigned int i;

	for (i = 0; i < f->nfix; i++) {
		u8 *p = f->b + f->fix[i].off;
		u16 n = f->len - f->fix[i].off;

		switch (f->fix[i].kind) {
		case PG_FIX_IPV4:
			put16(p + 2, n);
			break;
		case PG_FIX_IPV6:
			put16(p + 4, n - 40);
			break;
		case PG_FIX_UDP:
			put16(p + 4, n);
			break;
		}
	}
}

void pg_pad(struct pg_frame *f, u16 n)
{
	u16 end = f->hdr_end;

	pg_payload(f, n);
	f->hdr_end = end;
}

/* ---- random frames ------------------------------------------------- */

void pg_knobs_default(struct pg_knobs *k)
{
	k->trunc_pct = 12;
	k->corrupt_pct = 12;
	k->badlen_pct = 8;
	k->long_pct = 8;
	k->jumbo_pct = 10;
	k->deep_pct = 6;
	k->tunnel_pct = 55;
}

/* The random maker's state for one frame. */
struct pg_gen {
	struct pg_rng *r;
	const struct pg_knobs *k;
	const struct mcnic_parse_cfg *cfg;
	struct pg_frame *f;
	int deep;		/* make headers big */
	int kind;
};

static void gen_l2(struct pg_gen *g, int inner);
static void gen_ip(struct pg_gen *g, u16 type, int inner);

static u16 pick(struct pg_gen *g, const u16 *v, unsigned int n)
{
	return v[pg_below(g->r, n)];
}

/* An ethertype after the tags: mostly IP. */
static u16 gen_ethertype(struct pg_gen *g)
{
	static const u16 other[] = {
		MCNIC_ETH_P_ARP, MCNIC_ETH_P_TEB, 0x88cc, 0x8847, 0x0000,
		0x0801, 0x86de, 0xffff,
	};
	u32 x = pg_below(g->r, 100);

	if (x < 48)
		return MCNIC_ETH_P_IPV4;
	if (x < 90)
		return MCNIC_ETH_P_IPV6;
	return pick(g, other, sizeof(other) / sizeof(other[0]));
}

static u8 gen_l4_proto(struct pg_gen *g, int inner)
{
	static const u8 other[] = {
		2, 4, 41, 59, 103, 132, 255, MCNIC_IPPROTO_NONE,
	};
	u32 x = pg_below(g->r, 100);

	if (!inner && pg_pct(g->r, g->k->tunnel_pct)) {
		x = pg_below(g->r, 100);
		if (x < 70)
			return MCNIC_IPPROTO_UDP;
		if (x < 88)
			return MCNIC_IPPROTO_GRE;
		return MCNIC_IPPROTO_ESP;
	}
	if (x < 38)
		return MCNIC_IPPROTO_UDP;
	if (x < 62)
		return MCNIC_IPPROTO_TCP;
	if (x < 74)
		return MCNIC_IPPROTO_ICMP;
	if (x < 86)
		return MCNIC_IPPROTO_ICMPV6;
	if (x < 90)
		return MCNIC_IPPROTO_GRE;
	if (x < 93)
		return MCNIC_IPPROTO_ESP;
	return other[pg_below(g->r, sizeof(other))];
}

/* An inner protocol for GENEVE or GRE. */
static u16 gen_tproto(struct pg_gen *g)
{
	static const u16 other[] = { 0x0806, 0x8847, 0x0000, 0x88be, 0x0801 };
	u32 x = pg_below(g->r, 100);

	if (x < 45)
		return MCNIC_ETH_P_TEB;
	if (x < 70)
		return MCNIC_ETH_P_IPV4;
	if (x < 92)
		return MCNIC_ETH_P_IPV6;
	return pick(g, other, sizeof(other) / sizeof(other[0]));
}

static void gen_inner(struct pg_gen *g, u16 proto)
{
	if (proto == MCNIC_ETH_P_TEB)
		gen_l2(g, 1);
	else if (proto == MCNIC_ETH_P_IPV4 || proto == MCNIC_ETH_P_IPV6)
		gen_ip(g, proto, 1);
}

static void gen_vxlan(struct pg_gen *g)
{
	u8 flags = MCNIC_VXLAN_F_I;

	if (pg_pct(g->r, 6))
		flags = pg_rand(g->r);		/* I may be clear */
	if (pg_pct(g->r, 35))
		flags |= MCNIC_VXLAN_F_G;
	pg_vxlan(g->f, flags, pg_pct(g->r, 50) ? pg_rand(g->r) :
		 pg_rand(g->r) & (MCNIC_VXLAN_GBP_D | MCNIC_VXLAN_GBP_A),
		 pg_rand(g->r), pg_rand(g->r) & 0xffffff);
	g->kind = PG_K_VXLAN;
	gen_inner(g, MCNIC_ETH_P_TEB);
}

/* GENEVE options: none, a few, many small ones, or (deep) big ones. */
static u16 gen_geneve_opts(struct pg_gen *g, u8 *opts)
{
	u32 cnt, i, mode = pg_below(g->r, 100);
	u16 n = 0, cls, at;
	u8 type, len;

	if (mode < 30)
		return 0;
	cnt = mode < 80 ? 1 + pg_below(g->r, 4) : 1 + pg_below(g->r, 63);
	for (i = 0; i < cnt && n + 4 <= 252; i++) {
		if (pg_pct(g->r, 35)) {
			cls = MCNIC_GENEVE_CLASS_MCNIC;
			type = MCNIC_GENEVE_TYPE_IDENT;
			len = pg_pct(g->r, 80) ? 1 : pg_below(g->r, 3);
			if (pg_pct(g->r, 10))
				type |= MCNIC_GENEVE_OPT_CRIT;
		} else {
			cls = pg_pct(g->r, 30) ? MCNIC_GENEVE_CLASS_MCNIC : pg_rand(g->r);
			type = pg_rand(g->r);
			if (pg_pct(g->r, 60))
				type &= ~MCNIC_GENEVE_OPT_CRIT;
			len = mode >= 80 ? 0 : pg_below(g->r, 4);
			if (g->deep)
				len = pg_below(g->r, 32);
		}
		if (4 + 4 * len > 252 - n)
			len = (252 - n - 4) / 4;
		at = n;
		n += pg_geneve_opt(g->r, opts + n, cls, type, len);
		/* The reserved bits beside the length are not part of it. */
		if (pg_pct(g->r, 3))
			opts[at + 3] |= pg_rand(g->r) & 0xe0;
		/* Now and then the last option overruns the option area. */
		if (i + 1 == cnt && len < 31 && pg_pct(g->r, 8))
			opts[at + 3] = len + 1 + pg_below(g->r, 31 - len);
	}
	return n;
}

static void gen_geneve(struct pg_gen *g)
{
	u8 opts[252 + 4];
	u16 optlen = gen_geneve_opts(g, opts), proto = gen_tproto(g);
	u8 ver = 0, flags = 0;

	if (pg_pct(g->r, 4))
		ver = 1 + pg_below(g->r, 3);
	if (pg_pct(g->r, 15))
		flags |= MCNIC_GENEVE_F_O;
	if (pg_pct(g->r, 15))
		flags |= MCNIC_GENEVE_F_C;
	if (pg_pct(g->r, 5))
		flags |= pg_rand(g->r) & 0x3f;
	pg_geneve(g->f, ver << 6 | optlen / 4, flags, proto,
		  pg_rand(g->r) & 0xffffff, opts, optlen);
	g->kind = PG_K_GENEVE;
	gen_inner(g, proto);
}

static void gen_gre(struct pg_gen *g)
{
	u16 fv = 0, proto = gen_tproto(g);

	if (pg_pct(g->r, 30))
		fv |= MCNIC_GRE_F_C;
	if (pg_pct(g->r, 50))
		fv |= MCNIC_GRE_F_K;
	if (pg_pct(g->r, 30))
		fv |= MCNIC_GRE_F_S;
	if (pg_pct(g->r, 4))
		fv |= MCNIC_GRE_F_R;
	if (pg_pct(g->r, 4))
		fv |= MCNIC_GRE_F_RES45 & pg_rand(g->r);
	if (pg_pct(g->r, 4))
		fv |= 1 + pg_below(g->r, 7);		/* version */
	if (pg_pct(g->r, 4))
		fv |= pg_rand(g->r) & 0x03f8;		/* reserved0 */
	pg_gre(g->f, fv, proto, pg_rand(g->r), pg_rand(g->r));
	g->kind = PG_K_GRE;
	gen_inner(g, proto);
}

static void gen_esp(struct pg_gen *g, int udp)
{
	u32 spi = pg_rand(g->r);

	/* In UDP, a zero SPI is the IKE marker: not ESP. */
	if (udp && pg_pct(g->r, 20))
		spi = 0;
	pg_esp(g->f, spi, pg_rand(g->r));
	g->kind = udp ? PG_K_ESPUDP : PG_K_ESP;
	/* ESP-in-UDP keepalive: one 0xff byte. */
	if (udp && !g->f->full && pg_pct(g->r, 5)) {
		g->f->len -= 7;
		g->f->hdr_end = g->f->len;
		g->f->b[g->f->len - 1] = 0xff;
	}
}

/* A UDP destination port: a tunnel's (of this cfg) or any. */
static u16 gen_udp_port(struct pg_gen *g, int inner)
{
	const struct mcnic_parse_cfg *c = g->cfg;
	static const u16 known[] = { 53, 123, 4789, 6081, 4500, 8472, 0 };
	u32 x = pg_below(g->r, 100);

	if (!inner && x < 80) {
		x = pg_below(g->r, 100);
		if (x < 35)
			return c->vxlan_port[pg_below(g->r, MCNIC_VXLAN_PORTS_MAX)];
		if (x < 75)
			return c->geneve_port;
		return c->espinudp_port;
	}
	if (x < 50)
		return known[pg_below(g->r, sizeof(known) / sizeof(known[0]))];
	return pg_rand(g->r);
}

static int is_vxlan_port(const struct mcnic_parse_cfg *c, u16 port)
{
	unsigned int i;

	for (i = 0; i < MCNIC_VXLAN_PORTS_MAX; i++)
		if (port && port == c->vxlan_port[i])
			return 1;
	return 0;
}

static void gen_l4(struct pg_gen *g, u8 proto, int inner)
{
	struct pg_frame *f = g->f;
	u16 port;
	u8 t;

	switch (proto) {
	case MCNIC_IPPROTO_UDP:
		port = gen_udp_port(g, inner);
		pg_udp(f, pg_rand(g->r), port);
		if (inner && !pg_pct(g->r, 10))
			break;
		if (is_vxlan_port(g->cfg, port))
			gen_vxlan(g);
		else if (port && port == g->cfg->geneve_port)
			gen_geneve(g);
		else if (port && port == g->cfg->espinudp_port)
			gen_esp(g, 1);
		break;
	case MCNIC_IPPROTO_TCP:
		pg_tcp(f, pg_rand(g->r), pg_rand(g->r),
		       pg_pct(g->r, 70) ? 5 : pg_pct(g->r, 90) ? 6 + pg_below(g->r, 10) :
		       pg_below(g->r, 5), pg_rand(g->r));
		break;
	case MCNIC_IPPROTO_ICMP:
	case MCNIC_IPPROTO_ICMPV6: {
		static const u8 types[] = { 0, 8, 128, 129, 3, 11, 1, 2, 135, 136 };

		t = pg_pct(g->r, 80) ? types[pg_below(g->r, sizeof(types))] :
		    pg_rand(g->r);
		pg_icmp(f, t, pg_pct(g->r, 80) ? 0 : pg_rand(g->r), pg_rand(g->r));
		break;
	}
	case MCNIC_IPPROTO_GRE:
		if (inner && !pg_pct(g->r, 10))
			pg_payload(f, 4);
		else
			gen_gre(g);
		break;
	case MCNIC_IPPROTO_ESP:
		gen_esp(g, 0);
		break;
	default:
		break;
	}
}

static u16 gen_frag4(struct pg_gen *g)
{
	u32 x = pg_below(g->r, 100);

	if (x < 60)
		return 0;
	if (x < 80)
		return MCNIC_IPV4_DF;
	if (x < 88)
		return MCNIC_IPV4_MF;				/* first */
	if (x < 96)
		return (pg_pct(g->r, 50) ? MCNIC_IPV4_MF : 0) |
		       (1 + pg_below(g->r, MCNIC_IPV4_OFF_MASK));	/* later */
	return pg_rand(g->r);
}

/* The IPv6 extension header chain; returns its first type (or l4). */
static u8 gen_ipv6_exts(struct pg_gen *g, u8 l4)
{
	static const u8 ext[] = {
		MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_ROUTING,
		MCNIC_IPPROTO_FRAGMENT, MCNIC_IPPROTO_DSTOPTS,
	};
	u8 types[6];
	u32 n, i, x = pg_below(g->r, 100);
	u16 fo;

	n = x < 55 ? 0 : x < 75 ? 1 : x < 87 ? 2 : 3 + pg_below(g->r, 3);
	for (i = 0; i < n; i++) {
		types[i] = ext[pg_below(g->r, 4)];
		/* Hop-by-hop belongs first; now and then it is not. */
		if (types[i] == MCNIC_IPPROTO_HOPOPTS && i && pg_pct(g->r, 70))
			types[i] = MCNIC_IPPROTO_DSTOPTS;
	}
	if (n && pg_pct(g->r, 40))
		types[0] = MCNIC_IPPROTO_HOPOPTS;
	for (i = 0; i < n; i++) {
		u8 nh = i + 1 < n ? types[i + 1] : l4;
		u8 hl = pg_pct(g->r, 70) ? pg_below(g->r, 2) : pg_below(g->r, 6);

		if (g->deep && pg_pct(g->r, 50))
			hl = 4 + pg_below(g->r, 28);
		if (pg_pct(g->r, 2))
			hl = 100 + pg_below(g->r, 156);	/* oversize */
		if (types[i] == MCNIC_IPPROTO_FRAGMENT) {
			x = pg_below(g->r, 100);
			fo = x < 30 ? 0 : x < 55 ? 1 : x < 85 ? (1 + pg_below(g->r, 8191)) << 3 |
			     pg_below(g->r, 2) : pg_rand(g->r);
			pg_ipv6_frag(g->f, nh, fo);
		} else {
			pg_ipv6_opt(g->f, types[i], nh, hl,
				    types[i] == MCNIC_IPPROTO_ROUTING && pg_pct(g->r, 50) ?
				    pg_rand(g->r) : 0);
		}
	}
	return n ? types[0] : l4;
}

static void gen_ip(struct pg_gen *g, u16 type, int inner)
{
	struct pg_frame *f = g->f;
	u8 l4 = gen_l4_proto(g, inner), ihl, nh;
	u16 off;

	if (type == MCNIC_ETH_P_IPV4) {
		ihl = pg_pct(g->r, 80) ? 5 : 6 + pg_below(g->r, 10);
		if (g->deep && pg_pct(g->r, 50))
			ihl = 15;
		if (pg_pct(g->r, 2))
			ihl = pg_below(g->r, 5);	/* too short */
		off = pg_ipv4(f, l4, ihl < 5 ? 5 : ihl, gen_frag4(g));
		if (!f->full && ihl < 5)
			f->b[off] = 0x40 | ihl;
		if (!f->full && pg_pct(g->r, 2))
			f->b[off] = (pg_rand(g->r) & 0xf0) | (f->b[off] & 0xf);
		if (!inner)
			g->kind = PG_K_IP4;
	} else {
		off = pg_ipv6(f, l4);
		if (!f->full && pg_pct(g->r, 2))
			f->b[off] = pg_rand(g->r);	/* version */
		nh = gen_ipv6_exts(g, l4);
		if (!f->full)
			f->b[off + 6] = nh;
		if (!inner)
			g->kind = PG_K_IP6;
	}
	gen_l4(g, l4, inner);
}

static void gen_l2(struct pg_gen *g, int inner)
{
	static const u16 tpid[] = { MCNIC_ETH_P_8021Q, MCNIC_ETH_P_8021AD };
	u16 type = gen_ethertype(g);
	u32 n, i, x = pg_below(g->r, 100);

	n = x < 62 ? 0 : x < 82 ? 1 : x < 94 ? 2 : 3;
	if (n == 0) {
		pg_eth(g->f, type);
	} else {
		pg_eth(g->f, pick(g, tpid, 2));
		for (i = 0; i < n; i++)
			pg_vlan(g->f, pg_rand(g->r), i + 1 < n ? pick(g, tpid, 2) : type);
	}
	if (!inner)
		g->kind = PG_K_NONIP;
	if (type == MCNIC_ETH_P_IPV4 || type == MCNIC_ETH_P_IPV6)
		gen_ip(g, type, inner);
}

/* ---- mutations ------------------------------------------------------ */

/* Offsets of the length fields pg_finish() filled. */
static void mut_badlen(struct pg_gen *g)
{
	struct pg_frame *f = g->f;
	unsigned int i;
	u8 *p;
	u16 v;

	if (!f->nfix)
		return;
	i = pg_below(g->r, f->nfix);
	p = f->b + f->fix[i].off + (f->fix[i].kind == PG_FIX_IPV6 ? 4 :
				    f->fix[i].kind == PG_FIX_IPV4 ? 2 : 4);
	v = (u16)(p[0] << 8 | p[1]);
	switch (pg_below(g->r, 4)) {
	case 0:
		v += 1 + pg_below(g->r, 16);
		break;
	case 1:
		v -= 1 + pg_below(g->r, 16);
		break;
	case 2:
		v = pg_below(g->r, 64);
		break;
	default:
		v = pg_rand(g->r);
		break;
	}
	put16(p, v);
}

static void mut_corrupt(struct pg_gen *g)
{
	struct pg_frame *f = g->f;
	u32 n = 1 + pg_below(g->r, 3), i, at;

	for (i = 0; i < n && f->hdr_end; i++) {
		at = pg_below(g->r, f->hdr_end);
		if (pg_pct(g->r, 50))
			f->b[at] ^= 1 << pg_below(g->r, 8);
		else
			f->b[at] = pg_rand(g->r);
	}
}

static void mut_trunc(struct pg_gen *g)
{
	struct pg_frame *f = g->f;
	u32 upto = f->hdr_end + 16;

	if (f->len <= 1)
		return;
	if (upto > f->len)
		upto = f->len;
	/* Mostly in the headers: every offset of them. */
	if (pg_pct(g->r, 80))
		f->len = 1 + pg_below(g->r, upto - 1 ? upto - 1 : 1);
	else
		f->len = 1 + pg_below(g->r, f->len - 1);
}

/* Payload length: small; some past the window; a few jumbo. */
static u16 gen_paylen(struct pg_gen *g)
{
	u32 x = pg_below(g->r, 100);

	if (pg_pct(g->r, g->k->long_pct)) {
		if (pg_pct(g->r, g->k->jumbo_pct))
			return 1500 + pg_below(g->r, PG_MAX - 1500);
		return 150 + pg_below(g->r, 1400);
	}
	if (x < 30)
		return pg_below(g->r, 8);
	return pg_below(g->r, 90);
}

int pg_random(struct pg_rng *r, const struct pg_knobs *k,
	      const struct mcnic_parse_cfg *cfg, struct pg_frame *f)
{
	struct pg_gen g = { .r = r, .k = k, .cfg = cfg, .f = f };
	u16 pad;

	pg_init(f, r);
	g.deep = pg_pct(r, k->deep_pct);
	gen_l2(&g, 0);
	pg_payload(f, gen_paylen(&g));
	pg_finish(f);
	/* Ethernet padding: to the minimum frame, or a little more. */
	pad = f->len < 60 && pg_pct(r, 50) ? 60 - f->len : 0;
	if (pg_pct(r, 10))
		pad += pg_below(r, 40);
	pg_pad(f, pad);
	if (pg_pct(r, k->badlen_pct))
		mut_badlen(&g);
	if (pg_pct(r, k->corrupt_pct))
		mut_corrupt(&g);
	if (pg_pct(r, k->trunc_pct))
		mut_trunc(&g);
	if (!f->len)
		f->len = 1;
	if (f->hdr_end > f->len)
		f->hdr_end = f->len;
	return g.kind;
}

void pg_random_cfg(struct pg_rng *r, struct mcnic_parse_cfg *c)
{
	static const u16 ports[] = { 4789, 8472, 6081, 4500, 4790, 1 };
	unsigned int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < MCNIC_VXLAN_PORTS_MAX; i++) {
		u32 x = pg_below(r, 100);

		c->vxlan_port[i] = x < 40 ? 0 : x < 70 ? ports[pg_below(r, 6)] :
				   (u16)pg_rand(r);
	}
	if (pg_pct(r, 50))
		c->vxlan_port[0] = MCNIC_PORT_VXLAN;
	c->geneve_port = pg_pct(r, 70) ? MCNIC_PORT_GENEVE :
			 pg_pct(r, 30) ? 0 : (u16)pg_rand(r);
	c->espinudp_port = pg_pct(r, 50) ? MCNIC_PORT_ESPINUDP :
			   pg_pct(r, 50) ? 0 : (u16)pg_rand(r);
	/* Now and then two tunnels on one port: VXLAN wins. */
	if (pg_pct(r, 5))
		c->geneve_port = c->vxlan_port[pg_below(r, MCNIC_VXLAN_PORTS_MAX)];
	c->vxlan_gbp = pg_pct(r, 50) ? 1 : pg_pct(r, 50) ? 0 : (u8)pg_rand(r);
	if (pg_pct(r, 20))
		pg_fill(r, c->pad, sizeof(c->pad));
}
