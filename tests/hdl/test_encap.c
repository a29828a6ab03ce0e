// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL encap engine (hdl/rtl/mcnic_encap.sv) against the firmware's
 * mcnic_encap() on a buffer with MCNIC_HEADROOM: templates from
 * mcnic_tmpl_build() on random tunnel descriptions (every type, IPv4/IPv6
 * underlay, VLAN, every flag, GENEVE options, tiny to jumbo MTUs, any
 * source-port range) plus invalid ones; inner frames of 1..9600 bytes
 * (Ethernet, VLAN tags, IPv4/IPv6, UDP/TCP/ICMP, padding, non-IP, some
 * malformed), described by mcnic_parse() with no tunnels configured.
 * Compared: drop reason, inner MTU, length, every output byte, tuser.
 * Random idle cycles on the inputs and back-pressure on the outputs; the
 * shim checks the AXI-Stream rules and runs a watchdog.  Last, cycles per
 * frame with no back-pressure, for a frame-size sweep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dp/dp.h"
#include <mcnic/wire.h>
#include <mcnic/hwpipe.h>
#include "encap_shim.h"

_Static_assert(sizeof(struct mcnic_encap_tmpl) == MCNIC_HDL_ENCAP_TMPL_BYTES,
	       "shim template size");
_Static_assert(sizeof(struct mcnic_layer) == MCNIC_HDL_ENCAP_LAYER_BYTES,
	       "shim layer size");
_Static_assert(MCNIC_HDL_ENCAP_OUT_MAX == MCNIC_HW_FRAME_MAX + MCNIC_TMPL_HDR_MAX,
	       "shim frame size");

#define N_RANDOM	100000
#define WINDOW		6	/* frames queued ahead of the one checked */

static u64 rs = 88172645463325252ull;
static unsigned int n_pass, n_fail, n_frames, n_mismatch;
static unsigned int drops_seen[MCNIC_DROP_COUNT];
static const struct mcnic_parse_cfg parse_plain;	/* no tunnels */

static u32 rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (u32)(rs >> 16);
}

static u32 below(u32 n)
{
	return n ? rnd() % n : 0;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void fill(u8 *p, unsigned int n)
{
	while (n--)
		*p++ = rnd();
}

static void check(int ok, const char *what)
{
	if (ok) {
		n_pass++;
		printf("ok: %s\n", what);
	} else {
		n_fail++;
		printf("FAIL: %s\n", what);
	}
}

/* Tunnel descriptions ---------------------------------------------------- */

static void rand_gnv_opts(struct mcnic_tunnel_cfg *c, u8 len)
{
	u8 off = 0, lf;

	c->gnv_opt_len = len;
	fill(c->gnv_opt, len);
	while (off < len) {
		lf = below((len - off) / 4);
		lf = lf > 31 ? 31 : lf;
		c->gnv_opt[off + 2] &= below(4) ? 0x7f : 0xff;	/* crit bit */
		c->gnv_opt[off + 3] = (c->gnv_opt[off + 3] & 0xe0) | lf;
		off += 4 + lf * 4;
	}
}

static u16 rand_mtu(int v6)
{
	u16 lo = v6 ? 1280 : 576;

	switch (below(6)) {
	case 0:
		return lo;
	case 1:
		return lo + below(64);
	case 2:
		return 1500;
	case 3:
		return 9216;
	default:
		return lo + below(9216 - lo + 1);
	}
}

static void rand_ports(struct mcnic_tunnel_cfg *c)
{
	switch (below(4)) {
	case 0:
		c->sport_min = 1;
		c->sport_max = 65535;
		break;
	case 1:
		c->sport_min = c->sport_max = 1 + below(65535);
		break;
	case 2:
		c->sport_min = 49152;
		c->sport_max = 65535;
		break;
	default:
		c->sport_min = 1 + below(65535);
		c->sport_max = c->sport_min + below(65536 - c->sport_min);
	}
}

static void rand_addrs(struct mcnic_tunnel_cfg *c, int v6)
{
	fill(c->smac, 6);
	fill(c->dmac, 6);
	c->smac[0] &= 0xfe;
	fill(c->saddr, 16);
	fill(c->daddr, 16);
	if (v6) {
		c->saddr[0] = 0x20 + below(0xd0);
		c->daddr[0] |= 1;
	} else {
		c->saddr[0] = 1 + below(223);
		c->daddr[0] |= 1;
	}
}

static u16 rand_flags(u8 type, int v6)
{
	u16 f = v6 ? MCNIC_TUNF_OUTER_V6 : 0;

	f |= below(3) ? 0 : MCNIC_TUNF_VLAN;
	f |= below(2) ? MCNIC_TUNF_TTL_INHERIT : 0;
	f |= below(2) ? MCNIC_TUNF_DSCP_INHERIT : 0;
	f |= below(2) ? MCNIC_TUNF_ECN_COMPAT : 0;
	if (!v6)
		f |= (u16[]){ 0, MCNIC_TUNF_DF_SET, MCNIC_TUNF_DF_INHERIT }[below(3)];
	if (type != MCNIC_TUN_GRE && v6)
		f |= below(2) ? MCNIC_TUNF_UDP6_ZERO : 0;
	if (type != MCNIC_TUN_GRE && !v6)
		f |= below(5) < 2 ? MCNIC_TUNF_UDP_CSUM : 0;
	if (type == MCNIC_TUN_GRE) {
		f |= below(2) ? MCNIC_TUNF_GRE_KEY : 0;
		f |= below(2) ? MCNIC_TUNF_GRE_L3 : 0;
	}
	if (type == MCNIC_TUN_VXLAN)
		f |= below(3) ? 0 : MCNIC_TUNF_GBP;
	if (type == MCNIC_TUN_GENEVE)
		f |= below(2) ? MCNIC_TUNF_IDENT_OPT : 0;
	return f;
}

static void rand_tmpl(struct mcnic_encap_tmpl *t)
{
	struct mcnic_tunnel_cfg c;
	const char *why;
	int v6;

	do {
		memset(&c, 0, sizeof(c));
		c.type = 1 + below(3);
		v6 = below(2);
		c.flags = rand_flags(c.type, v6);
		c.ttl = 1 + below(255);
		c.dscp = below(64);
		c.vlan_tci = rnd() & 0xeffe;
		rand_addrs(&c, v6);
		c.vni = c.type == MCNIC_TUN_GRE ? rnd() : rnd() & MCNIC_VNI_MAX;
		c.dport = 1 + below(65535);
		rand_ports(&c);
		c.mtu = rand_mtu(v6);
		c.ident = rnd();
		if (c.type == MCNIC_TUN_GENEVE)
			rand_gnv_opts(&c, 4 * below(MCNIC_TMPL_GNV_OPT_MAX / 4 + 1));
	} while (mcnic_tmpl_build(&c, t, &why));
}

/* An invalid template: empty (all zero) or garbage with type NONE. */
static void bad_tmpl(struct mcnic_encap_tmpl *t)
{
	memset(t, 0, sizeof(*t));
	if (below(2)) {
		fill((u8 *)t, sizeof(*t));
		t->type = MCNIC_TUN_NONE;
	}
}

/* Inner frames ------------------------------------------------------------ */

static u16 rand_len(void)
{
	switch (below(20)) {
	case 0 ... 7:
		return 1 + below(128);
	case 8 ... 12:
		return 129 + below(600 - 128);
	case 13 ... 16:
		return 601 + below(1600 - 600);
	case 17 ... 18:
		return 1601 + below(4096 - 1600);
	default:
		return 4097 + below(MCNIC_HW_FRAME_MAX - 4096);
	}
}

static void put_l4(u8 *p, u8 proto, unsigned int room)
{
	if (proto == MCNIC_IPPROTO_UDP) {
		put16(p + 4, below(16) ? room : rnd());
	} else if (proto == MCNIC_IPPROTO_TCP) {
		p[12] = (5 + below(11)) << 4;
	} else if (proto == MCNIC_IPPROTO_ICMP || proto == MCNIC_IPPROTO_ICMPV6) {
		p[0] = (u8[]){ 0, 8, 3, 128, 129, 2 }[below(6)];
	}
}

static u8 rand_proto(int v6)
{
	static const u8 p4[] = { MCNIC_IPPROTO_UDP, MCNIC_IPPROTO_TCP,
				 MCNIC_IPPROTO_ICMP, MCNIC_IPPROTO_GRE, 99 };
	static const u8 p6[] = { MCNIC_IPPROTO_UDP, MCNIC_IPPROTO_TCP,
				 MCNIC_IPPROTO_ICMPV6, MCNIC_IPPROTO_DSTOPTS,
				 MCNIC_IPPROTO_FRAGMENT, MCNIC_IPPROTO_NONE };

	return v6 ? p6[below(sizeof(p6))] : p4[below(sizeof(p4))];
}

/* IPv4 datagram of dlen bytes at p (the bytes are there, random). */
static void put_ipv4(u8 *p, unsigned int dlen)
{
	unsigned int ihl = below(5) ? 20 : 4 * (5 + below(11));
	u8 proto = rand_proto(0);

	p[0] = 0x40 | ihl / 4;
	put16(p + 2, below(32) ? dlen : rnd());
	put16(p + 6, (below(2) ? MCNIC_IPV4_DF : 0) |
		     (below(10) ? 0 : rnd() & 0x3fff));
	if (!below(10))
		p[8] = 0;
	p[9] = proto;
	if (dlen > ihl)
		put_l4(p + ihl, proto, dlen - ihl);
}

static void put_ipv6(u8 *p, unsigned int dlen)
{
	u8 nh = rand_proto(1);

	p[0] = 0x60 | (p[0] & 0x0f);
	put16(p + 4, below(32) ? dlen - 40 : rnd());
	p[6] = nh;
	if (!below(10))
		p[7] = 0;
	if (nh == MCNIC_IPPROTO_DSTOPTS || nh == MCNIC_IPPROTO_FRAGMENT) {
		p[40] = MCNIC_IPPROTO_UDP;
		p[41] = 0;
		if (nh == MCNIC_IPPROTO_FRAGMENT)
			p[42] = p[43] = 0;
		if (dlen > 48)
			put_l4(p + 48, MCNIC_IPPROTO_UDP, dlen - 48);
	} else if (dlen > 40) {
		put_l4(p + 40, nh, dlen - 40);
	}
}

/*
 * A frame of len bytes: Ethernet, 0..2 VLAN tags (3 now and then: a parse
 * error), then IPv4, IPv6, another ethertype, and maybe padding after the
 * datagram.  Lengths in the headers are right unless by chance.
 */
static void rand_frame(u8 *b, u16 len)
{
	static u8 tmp[MCNIC_HW_FRAME_MAX + 128];
	unsigned int nv = (u8[]){ 0, 0, 0, 0, 0, 1, 1, 2, 2, 3 }[below(10)];
	unsigned int l2 = 14 + 4 * nv, i, pad = 0, kind = below(20);
	u16 type;

	fill(tmp, len + 128);
	type = kind < 9 ? MCNIC_ETH_P_IPV4 : kind < 16 ? MCNIC_ETH_P_IPV6 :
	       kind < 19 ? MCNIC_ETH_P_ARP : rnd();
	for (i = 0; i < nv; i++)
		put16(tmp + 12 + 4 * i, below(2) ? MCNIC_ETH_P_8021Q :
						   MCNIC_ETH_P_8021AD);
	put16(tmp + 12 + 4 * nv, type);
	if (len > l2 + 60 && below(3) == 0)
		pad = below(4) ? 1 + below(60) : below(len - l2 - 60);
	if (len > l2 + pad && type == MCNIC_ETH_P_IPV4)
		put_ipv4(tmp + l2, len - l2 - pad);
	else if (len >= l2 + pad + 40 && type == MCNIC_ETH_P_IPV6)
		put_ipv6(tmp + l2, len - l2 - pad);
	memcpy(b, tmp, len);
}

/* One frame through both engines ----------------------------------------- */

struct job {
	struct mcnic_encap_tmpl t;
	struct mcnic_layer in;
	u32 hash;
	u16 ip_id, len;
	u64 tuser;
	u8 frame[MCNIC_HW_FRAME_MAX];
	/* what the firmware did */
	u8 drop;
	u16 inner_mtu, out_len;
	u8 out[MCNIC_HDL_ENCAP_OUT_MAX];
};

static void job_oracle(struct job *j)
{
	static u8 buf[MCNIC_HEADROOM + MCNIC_HW_FRAME_MAX];
	struct mcnic_pkt p = { .buf = buf, .size = sizeof(buf),
			       .head = MCNIC_HEADROOM, .len = j->len };

	memcpy(buf + MCNIC_HEADROOM, j->frame, j->len);
	j->inner_mtu = 0;
	j->drop = mcnic_encap(&j->t, &p, &j->in, j->hash, j->ip_id,
			      &j->inner_mtu);
	if (j->drop != MCNIC_DROP_TOO_BIG)
		j->inner_mtu = 0;
	j->out_len = j->drop ? 0 : p.len;
	if (!j->drop)
		memcpy(j->out, mcnic_pkt_data(&p), p.len);
}

/* Parse the frame (no tunnels), run the firmware, queue it to the HDL. */
static void job_push(struct job *j)
{
	struct mcnic_pkt_meta m;
	struct mcnic_hdl_encap_in hi;

	mcnic_parse(j->frame, j->len, &parse_plain, &m);
	j->in = m.outer;
	j->tuser = (u64)rnd() << 32 | rnd();
	job_oracle(j);
	hi.tmpl = &j->t;
	hi.in = &j->in;
	hi.hash = j->hash;
	hi.ip_id = j->ip_id;
	hi.len = j->len;
	hi.frame = j->frame;
	hi.tuser = j->tuser;
	mcnic_hdl_encap_push(&hi);
}

static void job_report(const struct job *j, const struct mcnic_hdl_encap_out *o)
{
	unsigned int i = 0;

	while (i < j->out_len && i < o->frame_len && j->out[i] == o->frame[i])
		i++;
	printf("  mismatch: tmpl type %u flags %#x hdr_len %u mtu %u; "
	       "frame len %u l3 %u l3_off %u end %u\n", j->t.type, j->t.flags,
	       j->t.hdr_len, j->t.mtu, j->len, j->in.l3, j->in.l3_off,
	       j->in.end);
	printf("  firmware: drop %u inner_mtu %u len %u; hdl: drop %u "
	       "inner_mtu %u len %u, %u bytes sent, tuser %s; first "
	       "difference at byte %u\n", j->drop, j->inner_mtu, j->out_len,
	       o->drop, o->inner_mtu, o->len, o->frame_len,
	       j->drop || o->tuser == j->tuser ? "ok" : "wrong", i);
}

/* 1 when the HDL's result for j (the oldest frame queued) agrees. */
static int job_check(const struct job *j)
{
	static struct mcnic_hdl_encap_out o;
	int ok;

	if (mcnic_hdl_encap_pop(&o)) {
		if (n_mismatch++ < 5)
			printf("  hdl: %s\n", mcnic_hdl_encap_error());
		return 0;
	}
	n_frames++;
	drops_seen[j->drop < MCNIC_DROP_COUNT ? j->drop : 0]++;
	ok = o.drop == j->drop && o.inner_mtu == j->inner_mtu &&
	     o.len == j->out_len && o.frame_len == j->out_len &&
	     !memcmp(o.frame, j->out, j->out_len) &&
	     (j->drop || o.tuser == j->tuser);
	if (!ok && n_mismatch++ < 5)
		job_report(j, &o);
	return ok;
}

/* Frames in flight: a ring of WINDOW + 1 jobs, checked in order. */
static struct job ring[WINDOW + 1];
static unsigned int ring_head, ring_n;

static struct job *ring_next(void)
{
	return &ring[(ring_head + ring_n) % (WINDOW + 1)];
}

static int ring_check_one(void)
{
	int ok = job_check(&ring[ring_head]);

	ring_head = (ring_head + 1) % (WINDOW + 1);
	ring_n--;
	return ok;
}

/* Queue the job just filled at ring_next(); check the oldest when full. */
static int ring_push(void)
{
	job_push(ring_next());
	ring_n++;
	return ring_n > WINDOW ? ring_check_one() : 1;
}

static int ring_drain(void)
{
	int ok = 1;

	while (ring_n)
		ok &= ring_check_one();
	return ok;
}

/* Directed cases -------------------------------------------------------- */

static void base_cfg(struct mcnic_tunnel_cfg *c, u8 type, u16 flags)
{
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->flags = flags;
	c->ttl = 64;
	c->dscp = 10;
	rand_addrs(c, flags & MCNIC_TUNF_OUTER_V6);
	c->vni = 5001;
	c->dport = type == MCNIC_TUN_GENEVE ? MCNIC_PORT_GENEVE : MCNIC_PORT_VXLAN;
	c->sport_min = 49152;
	c->sport_max = 65535;
	c->mtu = flags & MCNIC_TUNF_OUTER_V6 ? 1280 : 576;
}

static void base_tmpl(struct mcnic_encap_tmpl *t, u8 type, u16 flags, u16 mtu,
		      u8 gnv_opt_len)
{
	struct mcnic_tunnel_cfg c;
	const char *why = "";

	base_cfg(&c, type, flags);
	if (mtu)
		c.mtu = mtu;
	if (gnv_opt_len)
		rand_gnv_opts(&c, gnv_opt_len);
	if (mcnic_tmpl_build(&c, t, &why))
		printf("FAIL: template: %s\n", why);
}

/* An Ethernet + IPv4 (or IPv6) + UDP frame of len bytes, pad of it padding. */
static void ip_frame(u8 *b, u16 len, int v6, u16 pad)
{
	unsigned int dlen = len - 14 - pad;

	fill(b, len);
	put16(b + 12, v6 ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4);
	if (v6) {
		b[14] = 0x60;
		put16(b + 18, dlen - 40);
		b[20] = MCNIC_IPPROTO_UDP;
		put16(b + 54 + 4, dlen - 40);
	} else {
		b[14] = 0x45;
		put16(b + 16, dlen);
		b[23] = MCNIC_IPPROTO_UDP;
		put16(b + 34 + 4, dlen - 20);
	}
}

/* One frame through both, alone; 1 when they agree and drop is as wanted. */
static int one(struct job *j, int want_drop)
{
	ring_drain();
	job_push(j);
	return job_check(j) && j->drop == want_drop;
}

static void directed_drops(struct job *j)
{
	j->hash = rnd();
	j->ip_id = rnd();

	memset(&j->t, 0, sizeof(j->t));
	j->len = 100;
	ip_frame(j->frame, j->len, 0, 0);
	check(one(j, MCNIC_DROP_TMPL_INVALID), "TMPL_INVALID: all-zero template");
	bad_tmpl(&j->t);
	j->t.flags = MCNIC_TUNF_GRE_L3;
	put16(j->frame + 12, MCNIC_ETH_P_ARP);
	check(one(j, MCNIC_DROP_TMPL_INVALID),
	      "TMPL_INVALID before ENCAP_NOT_IP (type NONE, GRE-L3 flag, ARP)");

	base_tmpl(&j->t, MCNIC_TUN_GRE, MCNIC_TUNF_GRE_L3, 0, 0);
	check(one(j, MCNIC_DROP_ENCAP_NOT_IP), "ENCAP_NOT_IP: GRE-L3 and ARP");
	j->len = 9000;
	fill(j->frame + 14, j->len - 14);
	check(one(j, MCNIC_DROP_ENCAP_NOT_IP),
	      "ENCAP_NOT_IP before TOO_BIG (9000-byte ARP frame)");
	j->len = 5;
	check(one(j, MCNIC_DROP_ENCAP_NOT_IP),
	      "ENCAP_NOT_IP: GRE-L3 and a 5-byte frame");

	/* A template longer than the headroom (not one tmpl_build makes). */
	j->t.hdr_len = MCNIC_HEADROOM + 1;
	j->t.type = MCNIC_TUN_VXLAN;
	j->t.flags = 0;
	j->len = 100;
	ip_frame(j->frame, j->len, 0, 0);
	check(one(j, MCNIC_DROP_ENCAP_HEADROOM),
	      "ENCAP_HEADROOM: hdr_len 257 (no valid template has it)");
}

static void directed_mtu(struct job *j)
{
	int ok;

	/* VXLAN/IPv4, MTU 576: l3len = 36 + frame length. */
	base_tmpl(&j->t, MCNIC_TUN_VXLAN, 0, 576, 0);
	j->len = 540;
	ip_frame(j->frame, j->len, 0, 0);
	ok = one(j, MCNIC_DROP_NONE);
	j->len = 541;
	ip_frame(j->frame, j->len, 0, 0);
	ok &= one(j, MCNIC_DROP_TOO_BIG) && j->inner_mtu == 576 - 36 - 14;
	check(ok, "TOO_BIG at MTU + 1, not at MTU (VXLAN/IPv4), inner MTU");
	put16(j->frame + 12, MCNIC_ETH_P_ARP);
	check(one(j, MCNIC_DROP_TOO_BIG) && j->inner_mtu == 0,
	      "TOO_BIG of a non-IP frame reports inner MTU 0");

	/* GRE-L3/IPv6, MTU 1280: the inner L2 is not counted. */
	base_tmpl(&j->t, MCNIC_TUN_GRE, MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_GRE_L3 |
		  MCNIC_TUNF_VLAN, 1280, 0);
	j->len = 1500;
	ip_frame(j->frame, j->len, 1, 100);
	ok = one(j, MCNIC_DROP_TOO_BIG) && j->inner_mtu == 1280 - 44;
	ip_frame(j->frame, j->len, 1, 1500 - 14 - 1236);
	ok &= one(j, MCNIC_DROP_NONE) && j->out_len == 18 + 44 + 1236;
	check(ok, "GRE-L3/IPv6: TOO_BIG inner MTU, padding not carried");
}

/*
 * A UDP checksum that computes to zero is sent as 0xffff: change the last
 * whole 16-bit word of the payload so the sum comes out at zero.
 */
static void directed_csum_zero(struct job *j, u16 flags, const char *what)
{
	u16 ck, w, off;
	u32 s;
	int ok;

	base_tmpl(&j->t, MCNIC_TUN_VXLAN, flags, 9216, 0);
	j->len = 301;
	ip_frame(j->frame, j->len, 0, 0);
	ok = one(j, MCNIC_DROP_NONE);
	off = j->t.l4_off + 6;
	ck = j->out[off] << 8 | j->out[off + 1];
	w = j->frame[298] << 8 | j->frame[299];
	s = (u32)w + ck;
	s = (s & 0xffff) + (s >> 16);
	put16(j->frame + 298, s);
	ok &= one(j, MCNIC_DROP_NONE) && j->out[off] == 0xff &&
	      j->out[off + 1] == 0xff;
	check(ok, what);
}

/* Every length 1..320 through templates of every header length class. */
static void directed_sweep(void)
{
	static const struct { u8 type; u16 flags; u8 opt; } tm[] = {
		{ MCNIC_TUN_VXLAN, 0, 0 },
		{ MCNIC_TUN_VXLAN, MCNIC_TUNF_VLAN | MCNIC_TUNF_UDP_CSUM, 0 },
		{ MCNIC_TUN_VXLAN, MCNIC_TUNF_OUTER_V6, 0 },
		{ MCNIC_TUN_GENEVE, MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_VLAN, 100 },
		{ MCNIC_TUN_GENEVE, MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_IDENT_OPT, 12 },
		{ MCNIC_TUN_GRE, 0, 0 },
		{ MCNIC_TUN_GRE, MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_GRE_L3, 0 },
		{ MCNIC_TUN_GRE, MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_GRE_L3, 0 },
	};
	unsigned int i, len, ok = 1, n = 0;
	struct job *j;

	for (i = 0; i < sizeof(tm) / sizeof(tm[0]); i++) {
		for (len = 1; len <= 320; len++, n++) {
			j = ring_next();
			base_tmpl(&j->t, tm[i].type, tm[i].flags, 9216, tm[i].opt);
			j->len = len;
			rand_frame(j->frame, len);
			j->hash = rnd();
			j->ip_id = rnd();
			ok &= ring_push();
		}
	}
	ok &= ring_drain();
	printf("  %u frames\n", n);
	check(ok, "every frame length 1..320 with 8 header lengths");
}

static void directed(void)
{
	static struct job j;

	mcnic_hdl_encap_rates(70, 70, 60, 60);
	directed_drops(&j);
	directed_mtu(&j);
	directed_csum_zero(&j, MCNIC_TUNF_UDP_CSUM,
			   "UDP checksum 0 sent as 0xffff (IPv4 underlay)");
	directed_csum_zero(&j, MCNIC_TUNF_OUTER_V6,
			   "UDP checksum 0 sent as 0xffff (IPv6 underlay)");
	base_tmpl(&j.t, MCNIC_TUN_VXLAN, MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_UDP6_ZERO,
		  0, 0);
	j.len = 200;
	ip_frame(j.frame, j.len, 1, 0);
	j.hash = 0xabc00000;	/* flow label 0 -> 1 */
	check(one(&j, MCNIC_DROP_NONE) && j.out[14 + 3] == 1,
	      "IPv6 flow label 0 sent as 1");
	directed_sweep();
}

/* Random frames ---------------------------------------------------------- */

#define POOL 48

static void random_frames(unsigned int n)
{
	static struct mcnic_encap_tmpl pool[POOL];
	static const u8 rates[][4] = {
		{ 100, 100, 100, 100 }, { 90, 90, 50, 50 }, { 30, 50, 90, 90 },
		{ 100, 100, 20, 100 }, { 100, 100, 100, 10 }, { 50, 100, 70, 30 },
	};
	unsigned int i, ok = 1;
	const u8 *r;
	struct job *j;

	for (i = 0; i < POOL; i++)
		rand_tmpl(&pool[i]);
	for (i = 0; i < n; i++) {
		if (i % 500 == 0) {
			r = rates[below(sizeof(rates) / sizeof(rates[0]))];
			mcnic_hdl_encap_rates(r[0], r[1], r[2], r[3]);
			rand_tmpl(&pool[below(POOL)]);
		}
		j = ring_next();
		if (below(40))
			j->t = pool[below(POOL)];
		else
			bad_tmpl(&j->t);
		j->len = rand_len();
		rand_frame(j->frame, j->len);
		j->hash = below(8) ? rnd() : below(2) ? 0 : 0xffffffff;
		j->ip_id = rnd();
		ok &= ring_push();
	}
	ok &= ring_drain();
	printf("  %u frames\n", n);
	check(ok, "random frames agree with mcnic_encap");
}

/*
 * Templates no valid table write holds (random offsets, lengths, flags):
 * the engine's output is then undefined, but every frame must still give
 * one result, a frame of the length it reports, and no hang; valid frames
 * after them must come out right.
 */
static void garbage_templates(unsigned int n)
{
	static struct job j;
	static struct mcnic_hdl_encap_out o;
	struct mcnic_pkt_meta m;
	struct mcnic_hdl_encap_in hi = { .tmpl = &j.t, .in = &j.in,
					 .frame = j.frame };
	unsigned int i, ok = 1;

	ring_drain();
	for (i = 0; i < n; i++) {
		fill((u8 *)&j.t, sizeof(j.t));
		j.t.type |= 1;
		j.t.hdr_len %= MCNIC_TMPL_HDR_MAX + 1;
		hi.len = j.len = rand_len();
		rand_frame(j.frame, j.len);
		mcnic_parse(j.frame, j.len, &parse_plain, &m);
		j.in = m.outer;
		hi.hash = rnd();
		mcnic_hdl_encap_push(&hi);
	}
	for (i = 0; i < n; i++) {
		if (mcnic_hdl_encap_pop(&o)) {
			printf("  hdl: %s\n", mcnic_hdl_encap_error());
			ok = 0;
			break;
		}
		ok &= o.drop ? o.len == 0 : o.len == o.frame_len;
	}
	check(ok, "garbage templates: one result per frame, lengths, no hang");
	random_frames(2000);
}

/* Cycles per frame ------------------------------------------------------- */

static double perf_run(const struct mcnic_encap_tmpl *t, u16 len,
		       unsigned int n, int *ok)
{
	static struct job j;
	struct mcnic_hdl_encap_out *o = malloc(sizeof(*o));
	u64 c0 = 0, c1 = 0;
	unsigned int i, skip = n / 4;

	ring_drain();
	j.t = *t;
	j.len = len;
	ip_frame(j.frame, len, 0, 0);
	j.hash = 0x12345678;
	j.ip_id = 7;
	for (i = 0; i < n; i++)
		job_push(&j);
	for (i = 0; i < n; i++) {
		if (mcnic_hdl_encap_pop(o) || o->drop || o->frame_len != j.out_len ||
		    memcmp(o->frame, j.out, j.out_len))
			*ok = 0;
		if (i == skip)
			c0 = o->cycle;
		c1 = o->cycle;
	}
	free(o);
	return (double)(c1 - c0) / (n - 1 - skip);
}

static void perf(void)
{
	static const u16 sizes[] = { 64, 128, 512, 1500, 9000 };
	static const struct { const char *name; u8 type; u16 flags; u8 opt; } sc[] = {
		{ "VXLAN/IPv4", MCNIC_TUN_VXLAN, 0, 0 },
		{ "VXLAN/IPv6 zero csum", MCNIC_TUN_VXLAN,
		  MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_UDP6_ZERO, 0 },
		{ "GENEVE/IPv4 32B opts", MCNIC_TUN_GENEVE, 0, 32 },
		{ "GRE-L3/IPv4 key", MCNIC_TUN_GRE,
		  MCNIC_TUNF_GRE_L3 | MCNIC_TUNF_GRE_KEY, 0 },
		{ "VXLAN/IPv4 UDP csum", MCNIC_TUN_VXLAN, MCNIC_TUNF_UDP_CSUM, 0 },
		{ "VXLAN/IPv6 UDP csum", MCNIC_TUN_VXLAN, MCNIC_TUNF_OUTER_V6, 0 },
	};
	struct mcnic_encap_tmpl t;
	unsigned int s, k, in_b, out_b;
	double cpf, cpf64 = 0;
	int ok = 1;

	mcnic_hdl_encap_rates(100, 100, 100, 100);
	printf("cycles per frame, no back-pressure (in/out beats):\n");
	printf("  %-22s", "inner frame bytes");
	for (k = 0; k < 5; k++)
		printf(" %14u", sizes[k]);
	printf("\n");
	for (s = 0; s < sizeof(sc) / sizeof(sc[0]); s++) {
		base_tmpl(&t, sc[s].type, sc[s].flags, 9216, sc[s].opt);
		printf("  %-22s", sc[s].name);
		for (k = 0; k < 5; k++) {
			cpf = perf_run(&t, sizes[k], sizes[k] > 4000 ? 24 : 64, &ok);
			in_b = (sizes[k] + 63) / 64;
			out_b = (sizes[k] + t.hdr_len -
				 (t.flags & MCNIC_TUNF_GRE_L3 ? 14 : 0) + 63) / 64;
			printf(" %6.2f (%u/%u)", cpf, in_b, out_b);
			if (s == 0 && k == 0)
				cpf64 = cpf;
		}
		printf("\n");
	}
	base_tmpl(&t, MCNIC_TUN_VXLAN, 0, 9216, 0);
	cpf = perf_run(&t, 14, 64, &ok);
	printf("  VXLAN/IPv4, 14-byte frames (one output beat): %.2f\n", cpf);
	check(ok, "sweep frames agree with mcnic_encap");
	check(cpf64 <= 2.0 && cpf <= 1.0,
	      "back to back: 64-byte VXLAN/IPv4 2 cycles, 1-beat frames 1 cycle");
}

int main(void)
{
	struct timespec t0, t1;
	double secs;
	unsigned int i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	mcnic_hdl_encap_open(1);
	directed();
	random_frames(N_RANDOM);
	garbage_templates(2000);
	check(mcnic_hdl_encap_idle(1000) == 0, "nothing more comes out");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%u frames compared, %u mismatches, %llu cycles, %.1f s "
	       "(%.0f cycles/s)\n", n_frames, n_mismatch,
	       (unsigned long long)mcnic_hdl_encap_cycles(), secs,
	       mcnic_hdl_encap_cycles() / secs);
	printf("firmware drop reasons seen:");
	for (i = 0; i < MCNIC_DROP_COUNT; i++)
		if (drops_seen[i])
			printf(" %s %u", mcnic_drop_sym(i), drops_seen[i]);
	printf("\n");
	perf();
	mcnic_hdl_encap_close();
	printf("%u passed, %u failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}
