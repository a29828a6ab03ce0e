// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL decap engine (hdl/rtl/mcnic_decap.sv) against the firmware's
 * mcnic_decap().  Random tunnel frames up to MCNIC_HW_FRAME_MAX bytes
 * (VXLAN, GENEVE with options, GRE with C/K/S, ESP, plain frames; outer
 * IPv4/IPv6 with VLANs, options, extension headers and fragments; inner
 * Ethernet/IPv4/IPv6; every ECN pair; good, zero and broken checksums;
 * padding inside and after the datagrams) are parsed by mcnic_parse();
 * those it accepts go to both engines, which must agree on the drop code,
 * the length, tuser and every output byte.  Random idle cycles on the
 * inputs and back-pressure on the outputs (rates changed every 2048
 * frames, extremes included); the shim checks the AXI-Stream rules, a
 * watchdog the progress.  First one directed frame per drop reason, then
 * bursts that fill every queue, the random run, and the throughput of
 * steady streams (cycles per frame).  Each frame compared is one pass.
 *
 * The frames are built here, not with tests/unit/frame.c (4 KiB frames
 * at most): same idea, lengths and checksums filled in from the inside
 * out, RFC 1071 a 16-bit word at a time.
 *
 * Usage: test_decap [frames [seed]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mcnic/hwpipe.h>
#include <mcnic/wire.h>
#include "dp/dp.h"
#include "decap_shim.h"

#define FMAX		MCNIC_HW_FRAME_MAX
#define INFLIGHT	96
#define RING		128
#define WATCHDOG	200000

enum { T_VXLAN, T_GENEVE, T_GRE, T_ESP, T_ESP_UDP, T_UDP, T_TCP, T_ARP };
enum { CK_ZERO, CK_GOOD, CK_BAD };
enum { L4_UDP, L4_TCP, L4_ICMP, L4_RAW };

/* A frame to build: every choice the generator makes. */
struct spec {
	u8 tun;
	u8 n_vlan;		/* outer; 3 is one too many for the parser */
	u8 o_v6;
	u8 o_tos;
	u8 v4_optlen;
	u16 v4_frag;		/* flags and offset word */
	u8 n_ext;		/* IPv6 extension headers */
	u8 ext[3];
	u8 rh_left;		/* routing header: segments left */
	u16 v6_frag;
	u8 udp_ck;		/* CK_* */
	u16 dport;		/* T_UDP */
	u8 vx_flags, vx_gbp;
	u8 gnv_flags, gnv_ver;
	u8 opts[MCNIC_GENEVE_OPT_MAX];
	u8 optlen;
	u16 gre_flags;
	u8 gre_bad;
	u16 proto;		/* GENEVE/GRE: TEB, IPv4, IPv6 or other */
	u8 in_vlan;
	u16 in_etype;		/* behind an inner Ethernet header */
	u8 in_tos;
	u8 in_ck_bad;		/* inner IPv4 checksum: in_ck, not computed */
	u16 in_ck;
	u8 in_l4;
	u16 payload;		/* inner L4 payload (cut to fit) */
	u8 in_pad;		/* inner Ethernet padding */
	u8 udp_short;		/* outer IP bytes after the UDP datagram */
	u8 trail;		/* bytes after the outer IP datagram */
	u8 o_ck_bad;
	u8 flip_end;		/* flip the checksummed range's last byte */
};

struct fb {
	u8 b[FMAX + 64];
	u16 len;
};

/* What mcnic_decap() did with a frame, and what the HDL must do. */
struct exp {
	u8 drop;
	u16 len;
	u64 user;
	u8 out[FMAX];
};

static u64 rng;
static unsigned int n_pass, n_fail;
static struct exp ring[RING];
static unsigned int n_sent, n_res, n_frm;
static u64 last_progress;
static int stuck;
/* Output frames since the last reset, and when the first and last ended. */
static unsigned int batch_n;
static u64 batch_first, batch_last;
/* Frames sent out, by what they exercise. */
static struct {
	unsigned int out, l3, ecn, big, tail, aligned, two;
} cov;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (u32)(rng >> 17);
}

static u32 rn(u32 n)
{
	return rnd() % n;
}

static int pct(u32 p)
{
	return rn(100) < p;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static u64 sum16(u64 s, const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i + 1 < n; i += 2)
		s += (u32)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (u32)p[n - 1] << 8;
	return s;
}

static u16 fold(u64 s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (u16)s;
}

static u8 *grow(struct fb *f, u32 n)
{
	u8 *p = f->b + f->len;

	if (f->len + n > FMAX) {
		fprintf(stderr, "generator overflow\n");
		exit(2);
	}
	memset(p, 0, n);
	f->len += n;
	return p;
}

static void fill_rand(u8 *p, u32 n)
{
	while (n--)
		*p++ = rnd();
}

/* ---- frame builder ---- */

static u16 eth(struct fb *f, u8 n_vlan, u16 type)
{
	u16 off = f->len;
	u8 *p = grow(f, 12), i;

	fill_rand(p, 12);
	p[0] &= 0xfe;
	for (i = 0; i < n_vlan; i++) {
		p = grow(f, 4);
		put16(p, i ? MCNIC_ETH_P_8021Q : MCNIC_ETH_P_8021AD);
		put16(p + 2, rn(4096));
	}
	put16(grow(f, 2), type);
	return off;
}

static u16 ipv4(struct fb *f, u8 proto, u8 tos, u8 optlen, u16 frag)
{
	u16 off = f->len;
	u8 *p = grow(f, 20 + optlen);

	p[0] = 0x40 | (5 + optlen / 4);
	p[1] = tos;
	put16(p + 4, rnd());
	put16(p + 6, frag);
	p[8] = 1 + rn(255);
	p[9] = proto;
	fill_rand(p + 12, 8);
	memset(p + 20, 1, optlen);	/* NOPs */
	return off;
}

/* The extension headers, then next header proto; returns the IPv6 offset. */
static u16 ipv6(struct fb *f, const struct spec *s, u8 proto, u8 tc, int ext)
{
	u16 off = f->len;
	u8 *p = grow(f, 40);
	u8 i, n = ext ? s->n_ext : 0;

	put32(p, 6u << 28 | (u32)tc << 20 | rn(1 << 20));
	p[6] = n ? s->ext[0] : proto;
	p[7] = 1 + rn(255);
	fill_rand(p + 8, 32);
	for (i = 0; i < n; i++) {
		u8 t = s->ext[i], nh = i + 1 < n ? s->ext[i + 1] : proto;
		u8 hl = t == MCNIC_IPPROTO_FRAGMENT ? 0 : rn(3);

		p = grow(f, (hl + 1) * 8);
		p[0] = nh;
		p[1] = hl;
		if (t == MCNIC_IPPROTO_ROUTING) {
			p[2] = 253;
			p[3] = s->rh_left;
		} else if (t == MCNIC_IPPROTO_FRAGMENT) {
			p[1] = 0;
			put16(p + 2, s->v6_frag);
			put32(p + 4, rnd());
		} else {
			p[2] = 1;	/* PadN filling the header */
			p[3] = (hl + 1) * 8 - 4;
		}
	}
	return off;
}

static void ip_len(struct fb *f, u16 ip, u16 end)
{
	u8 *p = f->b + ip;

	if (p[0] >> 4 == 4)
		put16(p + 2, end - ip);
	else
		put16(p + 4, end - ip - 40);
}

static void ip4_csum(struct fb *f, u16 ip, int bad)
{
	u8 *p = f->b + ip;

	put16(p + 10, 0);
	put16(p + 10, (u16)~fold(sum16(0, p, (p[0] & 0xf) * 4)));
	if (bad)
		p[10 + rn(2)] ^= 1 + rn(255);
}

/* Inner L4 header and payload; the payload is cut to what still fits. */
static void inner_l4(struct fb *f, const struct spec *s, u16 room)
{
	u16 n = s->payload, hl = s->in_l4 == L4_TCP ? 20 :
				 s->in_l4 == L4_RAW ? 0 : 8;
	u8 *p = grow(f, hl);

	fill_rand(p, hl);
	if (s->in_l4 == L4_TCP)
		p[12] = 5 << 4;
	if (n + hl > room)
		n = room > hl ? room - hl : 0;
	if (s->in_l4 == L4_UDP)
		put16(p + 4, 8 + n);
	fill_rand(grow(f, n), n);
}

static u8 in_proto(const struct spec *s, int v6)
{
	switch (s->in_l4) {
	case L4_UDP:
		return MCNIC_IPPROTO_UDP;
	case L4_TCP:
		return MCNIC_IPPROTO_TCP;
	case L4_ICMP:
		return v6 ? MCNIC_IPPROTO_ICMPV6 : MCNIC_IPPROTO_ICMP;
	default:
		return 253;
	}
}

/* The inner IP packet (type IPv4 or IPv6), within room bytes. */
static void inner_ip(struct fb *f, const struct spec *s, u16 type, u16 room)
{
	int v6 = type == MCNIC_ETH_P_IPV6;
	u16 ip, hl = v6 ? 40 : 20;

	if (v6)
		ip = ipv6(f, s, in_proto(s, 1), s->in_tos, 0);
	else
		ip = ipv4(f, in_proto(s, 0), s->in_tos, 0, 0);
	inner_l4(f, s, room > hl ? room - hl : 0);
	ip_len(f, ip, f->len);
	if (v6)
		return;
	ip4_csum(f, ip, 0);
	if (s->in_ck_bad)
		put16(f->b + ip + 10, s->in_ck);
}

/* What the tunnel carries; room bytes left for it. */
static void inner(struct fb *f, const struct spec *s, u16 proto, u16 room)
{
	u16 type = proto;

	if (proto == MCNIC_ETH_P_TEB) {
		if (room < 14 + 4 * s->in_vlan)
			room = 14 + 4 * s->in_vlan;
		eth(f, s->in_vlan, s->in_etype);
		room -= 14 + 4 * s->in_vlan;
		type = s->in_etype;
	}
	if (type == MCNIC_ETH_P_IPV4 || type == MCNIC_ETH_P_IPV6)
		inner_ip(f, s, type, room);
	else
		fill_rand(grow(f, s->payload < room ? s->payload : room),
			  s->payload < room ? s->payload : room);
	if (proto == MCNIC_ETH_P_TEB)
		fill_rand(grow(f, s->in_pad), s->in_pad);
}

/* The VXLAN or GENEVE header; returns the protocol it carries. */
static u16 tun_hdr(struct fb *f, const struct spec *s)
{
	u8 *p;

	if (s->tun == T_VXLAN) {
		p = grow(f, 8);
		p[0] = s->vx_flags;
		p[1] = s->vx_gbp;
		put16(p + 2, rnd());
		put32(p + 4, rn(1 << 24) << 8);
		return MCNIC_ETH_P_TEB;
	}
	p = grow(f, 8 + s->optlen);
	p[0] = s->gnv_ver << 6 | s->optlen / 4;
	p[1] = s->gnv_flags;
	put16(p + 2, s->proto);
	put32(p + 4, rn(1 << 24) << 8);
	memcpy(p + 8, s->opts, s->optlen);
	return s->proto;
}

static u16 gre_hdr(struct fb *f, const struct spec *s)
{
	u16 n = 4 + 4 * (!!(s->gre_flags & MCNIC_GRE_F_C) +
			 !!(s->gre_flags & MCNIC_GRE_F_K) +
			 !!(s->gre_flags & MCNIC_GRE_F_S));
	u8 *p = grow(f, n);

	put16(p, s->gre_flags);
	put16(p + 2, s->proto);
	fill_rand(p + 4, n - 4);
	return s->proto;
}

static u8 outer_proto(const struct spec *s)
{
	switch (s->tun) {
	case T_GRE:
		return MCNIC_IPPROTO_GRE;
	case T_ESP:
		return MCNIC_IPPROTO_ESP;
	case T_TCP:
		return MCNIC_IPPROTO_TCP;
	default:
		return MCNIC_IPPROTO_UDP;
	}
}

static u16 udp_port(const struct spec *s)
{
	switch (s->tun) {
	case T_VXLAN:
		return MCNIC_PORT_VXLAN;
	case T_GENEVE:
		return MCNIC_PORT_GENEVE;
	case T_ESP_UDP:
		return MCNIC_PORT_ESPINUDP;
	default:
		return s->dport;
	}
}

/* The headers at l4 and what they carry, up to the datagram's end. */
static void l4_payload(struct fb *f, const struct spec *s, u16 room)
{
	u8 *p;

	switch (s->tun) {
	case T_VXLAN:
	case T_GENEVE:
		p = grow(f, 8);
		put16(p, 1024 + rn(60000));
		put16(p + 2, udp_port(s));
		inner(f, s, tun_hdr(f, s), room);
		break;
	case T_GRE:
		inner(f, s, gre_hdr(f, s), room);
		break;
	case T_ESP_UDP:
	case T_UDP:
		p = grow(f, 8);
		put16(p, 1024 + rn(60000));
		put16(p + 2, udp_port(s));
		/* fallthrough */
	case T_ESP:
		fill_rand(grow(f, 8 + room % 512), 8 + room % 512);
		break;
	case T_TCP:
		p = grow(f, 20);
		fill_rand(p, 20);
		p[12] = 5 << 4;
		fill_rand(grow(f, room % 512), room % 512);
		break;
	}
}

static void udp_csum(struct fb *f, const struct spec *s, u16 ip, u16 l4)
{
	u8 *p = f->b + l4, *h = f->b + ip;
	u16 ulen = (u16)(p[4] << 8 | p[5]), c;
	u64 sum;

	put16(p + 6, 0);
	if (s->udp_ck == CK_ZERO)
		return;
	sum = sum16(0, p, ulen) + MCNIC_IPPROTO_UDP + ulen;
	sum = s->o_v6 ? sum16(sum, h + 8, 32) : sum16(sum, h + 12, 8);
	c = (u16)~fold(sum);
	put16(p + 6, c ? c : 0xffff);
	if (s->udp_ck == CK_BAD)
		p[6 + rn(2)] ^= 1 + rn(255);
}

static void gre_csum(struct fb *f, const struct spec *s, u16 l4, u16 end)
{
	u8 *p = f->b + l4;

	if (!(s->gre_flags & MCNIC_GRE_F_C))
		return;
	put16(p + 4, 0);
	put16(p + 4, (u16)~fold(sum16(0, p, end - l4)));
	if (s->gre_bad)
		p[4 + rn(2)] ^= 1 + rn(255);
}

/* Fills in the outer lengths and checksums of a built frame. */
static void outer_fix(struct fb *f, const struct spec *s, u16 ip, u16 l4,
		      u16 udp_end, u16 ip_end)
{
	int udp = s->tun != T_GRE && s->tun != T_ESP && s->tun != T_TCP;

	ip_len(f, ip, ip_end);
	if (udp) {
		put16(f->b + l4 + 4, udp_end - l4);
		udp_csum(f, s, ip, l4);
		if (s->flip_end)
			f->b[udp_end - 1] ^= 1 << rn(8);
	} else if (s->tun == T_GRE) {
		gre_csum(f, s, l4, ip_end);
		if (s->flip_end)
			f->b[ip_end - 1] ^= 1 << rn(8);
	}
	if (!s->o_v6)
		ip4_csum(f, ip, s->o_ck_bad);
}

static void build(struct fb *f, const struct spec *s)
{
	u16 ip, l4, udp_end, ip_end, room;

	f->len = 0;
	if (s->tun == T_ARP) {
		eth(f, s->n_vlan, 0x0806);
		fill_rand(grow(f, 28 + s->payload % 64), 28 + s->payload % 64);
		return;
	}
	eth(f, s->n_vlan, s->o_v6 ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4);
	if (s->o_v6)
		ip = ipv6(f, s, outer_proto(s), s->o_tos, 1);
	else
		ip = ipv4(f, outer_proto(s), s->o_tos, s->v4_optlen, s->v4_frag);
	l4 = f->len;
	/* UDP and tunnel header (GRE: 16 at most), what follows the inner
	 * frame, and slack for an inner L4 header longer than the room. */
	room = FMAX - f->len - 32 - s->optlen - s->in_pad - s->udp_short -
	       s->trail;
	l4_payload(f, s, room);
	udp_end = f->len;
	fill_rand(grow(f, s->udp_short), s->udp_short);
	ip_end = f->len;
	fill_rand(grow(f, s->trail), s->trail);
	outer_fix(f, s, ip, l4, udp_end, ip_end);
}

/* ---- random choices ---- */

static void rand_opts(struct spec *s)
{
	u8 n = rn(5), i, len;

	s->optlen = 0;
	for (i = 0; i < n; i++) {
		u8 *o = s->opts + s->optlen;

		len = pct(30) ? 1 : rn(5);
		if (s->optlen + 4 + 4 * len > MCNIC_GENEVE_OPT_MAX)
			break;
		fill_rand(o, 4 + 4 * len);
		if (pct(30)) {
			put16(o, MCNIC_GENEVE_CLASS_MCNIC);
			o[2] = MCNIC_GENEVE_TYPE_IDENT | (pct(10) ? 0x80 : 0);
		} else {
			o[2] = rn(128) | (pct(15) ? MCNIC_GENEVE_OPT_CRIT : 0);
		}
		o[3] = len | (rnd() & 0xe0);
		s->optlen += 4 + 4 * len;
	}
	/* Now and then an option that overruns the header. */
	if (s->optlen && pct(2))
		s->opts[s->optlen - 1 - rn(4)] |= 0x1f;
}

static u16 rand_proto(int l2_ok)
{
	u32 r = rn(100);

	if (r < 45 && l2_ok)
		return MCNIC_ETH_P_TEB;
	if (r < 70)
		return MCNIC_ETH_P_IPV4;
	if (r < 95)
		return MCNIC_ETH_P_IPV6;
	return 0x0806;
}

static u16 rand_payload(void)
{
	u32 r = rn(100);

	if (r < 55)
		return rn(200);
	if (r < 85)
		return 200 + rn(1400);
	return 1600 + rn(8000);
}

static void rand_outer(struct spec *s)
{
	static const u8 ext[] = { MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_DSTOPTS,
				  MCNIC_IPPROTO_ROUTING,
				  MCNIC_IPPROTO_FRAGMENT };
	u8 i;

	s->n_vlan = pct(1) ? 3 : rn(3);
	s->o_v6 = pct(35);
	s->o_tos = rnd();
	s->v4_optlen = pct(15) ? 4 * (1 + rn(10)) : 0;
	if (pct(5))
		s->v4_frag = pct(50) ? MCNIC_IPV4_MF : 1 + rn(100);
	else
		s->v4_frag = pct(50) ? MCNIC_IPV4_DF : 0;
	s->n_ext = pct(25) ? 1 + rn(3) : 0;
	for (i = 0; i < s->n_ext; i++)
		s->ext[i] = ext[i ? 1 + rn(3) : rn(4)];
	s->rh_left = pct(30) ? 1 + rn(3) : 0;
	s->v6_frag = pct(50) ? 0 : pct(50) ? MCNIC_IPV6_FRAG_MF : 8 * (1 + rn(9));
	s->o_ck_bad = pct(4);
	s->trail = pct(25) ? rn(60) : 0;
}

static void rand_tunnel(struct spec *s)
{
	u32 r = rn(100);

	s->tun = r < 30 ? T_VXLAN : r < 60 ? T_GENEVE : r < 88 ? T_GRE :
		 r < 91 ? T_ESP : r < 93 ? T_ESP_UDP : r < 96 ? T_UDP :
		 r < 98 ? T_TCP : T_ARP;
	s->udp_ck = pct(25) ? CK_ZERO : pct(8) ? CK_BAD : CK_GOOD;
	s->dport = 1 + rn(4000);
	s->vx_flags = (pct(1) ? 0 : MCNIC_VXLAN_F_I) |
		      (pct(30) ? MCNIC_VXLAN_F_G : 0);
	s->vx_gbp = rnd();
	s->gnv_ver = pct(1);
	s->gnv_flags = (pct(5) ? MCNIC_GENEVE_F_O : 0) |
		       (pct(10) ? MCNIC_GENEVE_F_C : 0);
	rand_opts(s);
	s->gre_flags = (pct(50) ? MCNIC_GRE_F_C : 0) |
		       (pct(50) ? MCNIC_GRE_F_K : 0) |
		       (pct(50) ? MCNIC_GRE_F_S : 0);
	s->gre_bad = pct(10);
	s->proto = s->tun == T_VXLAN ? MCNIC_ETH_P_TEB : rand_proto(1);
	s->udp_short = pct(5) ? 1 + rn(7) : 0;
	s->flip_end = pct(5);
}

static void rand_inner(struct spec *s)
{
	/* Checksums around the fold of the RFC 1624 update. */
	static const u16 edge[] = { 0x0000, 0xffff, 0x0001, 0xfffe, 0xfffd,
				    0x0002, 0x8000, 0x7fff };
	u32 r = rn(100);

	s->in_vlan = rn(3);
	s->in_etype = r < 45 ? MCNIC_ETH_P_IPV4 : r < 90 ? MCNIC_ETH_P_IPV6 :
		      0x0806;
	s->in_tos = rnd();
	s->in_ck_bad = pct(30);
	s->in_ck = pct(50) ? edge[rn(8)] : rnd();
	s->in_l4 = rn(4);
	s->payload = rand_payload();
	s->in_pad = pct(20) ? rn(40) : 0;
}

static void rand_spec(struct spec *s)
{
	memset(s, 0, sizeof(*s));
	rand_outer(s);
	rand_tunnel(s);
	rand_inner(s);
}

/* ---- the two engines ---- */

static int exp_out(unsigned int i)
{
	return !ring[i % RING].drop;
}

static void fail_at(unsigned int i, const char *what)
{
	if (n_fail++ < 10)
		printf("FAIL frame %u: %s\n", i, what);
}

static void check_results(void)
{
	u8 drop;
	u16 len;
	char msg[96];

	while (mcnic_hdl_decap_result(&drop, &len)) {
		const struct exp *e = &ring[n_res % RING];

		if (n_res >= n_sent) {
			fail_at(n_res, "result for no frame");
		} else if (drop != e->drop || len != (e->drop ? 0 : e->len)) {
			snprintf(msg, sizeof(msg), "firmware %s len %u, hdl %s len %u",
				 mcnic_drop_sym(e->drop), e->len,
				 mcnic_drop_sym(drop), len);
			fail_at(n_res, msg);
		} else {
			n_pass++;
		}
		n_res++;
		last_progress = mcnic_hdl_decap_cycles();
	}
}

/* Output frames come only for frames not dropped. */
static void skip_drops(void)
{
	while (n_frm < n_sent && !exp_out(n_frm))
		n_frm++;
}

static void check_frames(void)
{
	static u8 buf[65536];
	const struct exp *e;
	u16 len;
	u64 user, done;

	while (mcnic_hdl_decap_frame(buf, &len, &user, &done)) {
		skip_drops();
		if (n_frm >= n_sent) {
			fail_at(n_frm, "output frame for no frame");
			continue;
		}
		e = &ring[n_frm % RING];
		if (len != e->len || memcmp(buf, e->out, len))
			fail_at(n_frm, "output bytes differ");
		else if (user != e->user)
			fail_at(n_frm, "tuser differs");
		if (!batch_n++)
			batch_first = done;
		batch_last = done;
		n_frm++;
		last_progress = mcnic_hdl_decap_cycles();
	}
	skip_drops();
}

static void step(void)
{
	mcnic_hdl_decap_step();
	check_results();
	check_frames();
	if (mcnic_hdl_decap_cycles() - last_progress > WATCHDOG &&
	    (n_res < n_sent || n_frm < n_sent)) {
		printf("FAIL watchdog: no progress for %u cycles (%u sent, %u results, %u frames)\n",
		       WATCHDOG, n_sent, n_res, n_frm);
		n_fail++;
		stuck = 1;
	}
	/* Enough to go on: stop rather than print a flood. */
	if (n_fail >= 10)
		stuck = 1;
}

static unsigned int in_flight(void)
{
	return n_sent - (n_res < n_frm ? n_res : n_frm);
}

static void count(const struct fb *f, const struct mcnic_pkt_meta *m,
		  u16 start, u16 len)
{
	u16 h = m->tflags & MCNIC_TF_INNER_L2 ? 0 : 14;
	u16 k = (len + 63) / 64, end = start + len;

	cov.out++;
	cov.l3 += !!h;
	cov.ecn += !!memcmp(ring[n_sent % RING].out + h, f->b + start + h,
			    len - h);
	cov.big += f->len > 4096;
	cov.tail += f->len > m->outer.end;
	cov.aligned += start % 64 == 0;
	/* The last input beat completes the last two output beats. */
	cov.two += start % 64 && k > 1 && (end - 1) / 64 == start / 64 + k - 1;
}

/* Decaps f on the firmware and sends it to the HDL; -1 if it doesn't parse. */
static int submit(const struct fb *f, const struct mcnic_parse_cfg *cfg,
		  int zero_ok, u8 *drop)
{
	static u8 buf[FMAX + 64];
	struct exp *e = &ring[n_sent % RING];
	struct mcnic_decap_cfg dc;
	struct mcnic_pkt_meta m;
	struct mcnic_pkt p;

	if (stuck)
		return -2;
	if (mcnic_parse(f->b, f->len, cfg, &m))
		return -1;
	while (in_flight() >= INFLIGHT && !stuck)
		step();
	memset(&dc, 0, sizeof(dc));
	fill_rand(dc.l3_dmac, 6);
	fill_rand(dc.l3_smac, 6);
	dc.udp6_zero_ok = zero_ok;
	memcpy(buf, f->b, f->len);
	p = (struct mcnic_pkt){ .buf = buf, .size = sizeof(buf), .head = 0,
				.len = f->len };
	e->drop = mcnic_decap(&p, &m, &dc);
	e->len = e->drop ? 0 : p.len;
	e->user = (u64)rnd() << 32 | rnd();
	if (!e->drop) {
		memcpy(e->out, mcnic_pkt_data(&p), p.len);
		count(f, &m, p.head, p.len);
	}
	mcnic_hdl_decap_send(f->b, f->len, &m, zero_ok, dc.l3_dmac,
			     dc.l3_smac, e->user);
	n_sent++;
	skip_drops();
	if (drop)
		*drop = e->drop;
	return 0;
}

static void drain(void)
{
	last_progress = mcnic_hdl_decap_cycles();
	while ((n_res < n_sent || n_frm < n_sent) && !stuck)
		step();
}

/* ---- random run ---- */

/* Idle and stall rates for the next stretch, extremes included. */
static void new_knobs(void)
{
	static const u8 lv[] = { 0, 5, 20, 50, 80, 95 };

	mcnic_hdl_decap_knobs(lv[rn(5)], lv[rn(6)], lv[rn(6)], lv[rn(6)]);
}

static unsigned int random_run(unsigned int want, unsigned int *skipped,
			       unsigned int *by_drop)
{
	static struct fb f;
	struct mcnic_parse_cfg cfg;
	struct spec s;
	unsigned int done = 0;
	u8 drop;
	int r;

	mcnic_parse_cfg_init(&cfg);
	while (done < want && !stuck) {
		rand_spec(&s);
		build(&f, &s);
		cfg.vxlan_gbp = rnd() & 1;
		r = submit(&f, &cfg, pct(50), &drop);
		if (r == -2)
			break;
		if (r) {
			(*skipped)++;
			continue;
		}
		by_drop[drop]++;
		done++;
		if (done % 2048 == 0)
			new_knobs();
	}
	drain();
	return done;
}

/*
 * Bursts that fill the result FIFO, the output FIFO and the frame buffer:
 * random frames of one size class against one stalled output.
 */
static void burst(unsigned int n, int big, u8 out_stall, u8 res_stall)
{
	static struct fb f;
	struct mcnic_parse_cfg cfg;
	struct spec s;

	mcnic_parse_cfg_init(&cfg);
	mcnic_hdl_decap_knobs(0, 0, out_stall, res_stall);
	while (n && !stuck) {
		rand_spec(&s);
		s.payload = big ? 7000 + rn(2000) : rn(64);
		build(&f, &s);
		if (!submit(&f, &cfg, 1, NULL))
			n--;
	}
	drain();
}

static void bursts(void)
{
	burst(500, 0, 0, 97);
	burst(500, 0, 97, 0);
	burst(500, 0, 97, 97);
	burst(40, 1, 90, 0);
	burst(40, 1, 0, 97);
}

/* ---- directed cases ---- */

static void base_spec(struct spec *s, u8 tun)
{
	memset(s, 0, sizeof(*s));
	s->tun = tun;
	s->udp_ck = CK_GOOD;
	s->vx_flags = MCNIC_VXLAN_F_I;
	s->proto = MCNIC_ETH_P_TEB;
	s->in_etype = MCNIC_ETH_P_IPV4;
	s->in_tos = 2;
	s->in_l4 = L4_UDP;
	s->payload = 100;
}

static void directed_one(const char *name, const struct spec *s, int zero_ok,
			 u8 want)
{
	static struct fb f;
	struct mcnic_parse_cfg cfg;
	u8 drop;
	int r;

	mcnic_parse_cfg_init(&cfg);
	build(&f, s);
	r = submit(&f, &cfg, zero_ok, &drop);
	if (r == -2)
		return;
	if (r) {
		printf("FAIL directed %s: does not parse\n", name);
		n_fail++;
		return;
	}
	drain();
	if (drop != want) {
		printf("FAIL directed %s: firmware says %s\n", name,
		       mcnic_drop_sym(drop));
		n_fail++;
	}
}

static void directed(void)
{
	struct spec s;

	base_spec(&s, T_VXLAN);
	s.v4_frag = MCNIC_IPV4_MF;
	directed_one("outer fragment", &s, 1, MCNIC_DROP_OUTER_FRAG);
	base_spec(&s, T_VXLAN);
	s.o_v6 = 1;
	s.n_ext = 1;
	s.ext[0] = MCNIC_IPPROTO_ROUTING;
	s.rh_left = 2;
	directed_one("routing header", &s, 1, MCNIC_DROP_OUTER_ROUTING);
	base_spec(&s, T_UDP);
	s.dport = 53;
	directed_one("not a tunnel", &s, 1, MCNIC_DROP_NOT_TUNNEL);
	base_spec(&s, T_ESP);
	directed_one("esp", &s, 1, MCNIC_DROP_DECAP_UNSUPPORTED);
	base_spec(&s, T_GRE);
	s.proto = 0x0806;
	directed_one("gre proto", &s, 1, MCNIC_DROP_GRE_PROTO);
	base_spec(&s, T_GENEVE);
	s.proto = 0x0806;
	directed_one("geneve proto", &s, 1, MCNIC_DROP_GENEVE_PROTO);
	base_spec(&s, T_VXLAN);
	s.o_ck_bad = 1;
	directed_one("outer ipv4 csum", &s, 1, MCNIC_DROP_OUTER_IPV4_CSUM);
	base_spec(&s, T_VXLAN);
	s.udp_ck = CK_BAD;
	directed_one("outer udp csum", &s, 1, MCNIC_DROP_OUTER_UDP_CSUM);
	base_spec(&s, T_GENEVE);
	s.flip_end = 1;
	directed_one("udp csum, last byte", &s, 1, MCNIC_DROP_OUTER_UDP_CSUM);
	base_spec(&s, T_VXLAN);
	s.o_v6 = 1;
	s.udp_ck = CK_ZERO;
	directed_one("udp6 zero", &s, 0, MCNIC_DROP_OUTER_UDP6_ZERO);
	directed_one("udp6 zero allowed", &s, 1, MCNIC_DROP_NONE);
	base_spec(&s, T_GENEVE);
	s.optlen = 8;
	s.opts[2] = MCNIC_GENEVE_OPT_CRIT | 5;
	s.opts[3] = 1;
	directed_one("geneve critical", &s, 1, MCNIC_DROP_GENEVE_CRIT);
	base_spec(&s, T_GENEVE);
	s.gnv_flags = MCNIC_GENEVE_F_O;
	directed_one("geneve oam", &s, 1, MCNIC_DROP_GENEVE_OAM);
	base_spec(&s, T_GRE);
	s.gre_flags = MCNIC_GRE_F_C | MCNIC_GRE_F_K;
	s.gre_bad = 1;
	directed_one("gre csum", &s, 1, MCNIC_DROP_GRE_CSUM);
	s.gre_bad = 0;
	s.flip_end = 1;
	directed_one("gre csum, last byte", &s, 1, MCNIC_DROP_GRE_CSUM);
	base_spec(&s, T_VXLAN);
	s.o_tos = 3;
	s.in_tos = 0;
	directed_one("ce over not-ect", &s, 1, MCNIC_DROP_ECN_CE_NOT_ECT);
	s.in_tos = 2;
	s.in_etype = MCNIC_ETH_P_IPV4;
	directed_one("ce over ect0 (ipv4)", &s, 1, MCNIC_DROP_NONE);
	base_spec(&s, T_GRE);
	s.proto = MCNIC_ETH_P_IPV6;
	s.o_tos = 1;
	s.in_tos = 2;
	directed_one("ect1 over ect0 (gre ipv6)", &s, 1, MCNIC_DROP_NONE);
	base_spec(&s, T_GENEVE);
	s.proto = MCNIC_ETH_P_IPV4;
	s.o_v6 = 1;
	s.trail = 33;
	s.payload = 3;
	directed_one("geneve ipv4 in ipv6, trailer", &s, 1, MCNIC_DROP_NONE);
}

/* ---- throughput ---- */

static void speed_spec(struct spec *s, u8 tun, u16 size, u8 udp_ck)
{
	base_spec(s, tun);
	s->udp_ck = udp_ck;
	s->o_tos = 0;
	if (tun == T_GENEVE) {
		s->optlen = 8;
		put16(s->opts, MCNIC_GENEVE_CLASS_MCNIC);
		s->opts[2] = MCNIC_GENEVE_TYPE_IDENT;
		s->opts[3] = 1;
	}
	/* An inner frame of size bytes: GRE carries IPv4 and gets an
	 * Ethernet header, so its output has that size too. */
	if (tun == T_GRE) {
		s->proto = MCNIC_ETH_P_IPV4;
		s->gre_flags = MCNIC_GRE_F_C | MCNIC_GRE_F_K;
	}
	s->payload = size - 14 - 20 - 8;
}

/*
 * A steady stream of one frame, no idle cycles, no back-pressure: cycles
 * between the ends of the first and the last output frame, per frame.
 */
static void speed_one(const char *name, u8 tun, u16 size, u8 udp_ck)
{
	static struct fb f;
	struct mcnic_parse_cfg cfg;
	struct spec s;
	unsigned int i, n = size > 4000 ? 60 : 300;
	u8 drop;

	mcnic_parse_cfg_init(&cfg);
	speed_spec(&s, tun, size, udp_ck);
	build(&f, &s);
	drain();
	batch_n = 0;
	for (i = 0; i < n; i++) {
		if (submit(&f, &cfg, 1, &drop) || drop) {
			printf("FAIL speed %s: frame not decapped (%s)\n", name,
			       mcnic_drop_sym(drop));
			n_fail++;
			return;
		}
	}
	drain();
	printf("  %-28s in %4u B %3u beats, out %4u B %3u beats: %.2f cycles/frame\n",
	       name, f.len, (f.len + 63) / 64, ring[(n_sent - 1) % RING].len,
	       (ring[(n_sent - 1) % RING].len + 63) / 64,
	       (double)(batch_last - batch_first) / (batch_n - 1));
}

/* Random frames, drops included, back to back: cycles per input beat. */
static void speed_mix(unsigned int n)
{
	static struct fb f;
	struct mcnic_parse_cfg cfg;
	struct spec s;
	u64 t0, in = 0, out = 0;
	unsigned int frames = 0;
	u8 drop;

	mcnic_parse_cfg_init(&cfg);
	drain();
	t0 = mcnic_hdl_decap_cycles();
	while (frames < n && !stuck) {
		rand_spec(&s);
		build(&f, &s);
		if (submit(&f, &cfg, 1, &drop))
			continue;
		frames++;
		in += (f.len + 63) / 64;
		out += drop ? 0 : (ring[(n_sent - 1) % RING].len + 63) / 64;
	}
	drain();
	printf("  random mix, %u frames: %llu input beats, %llu output beats, %llu cycles (%.3f per input beat)\n",
	       frames, (unsigned long long)in, (unsigned long long)out,
	       (unsigned long long)(mcnic_hdl_decap_cycles() - t0),
	       (double)(mcnic_hdl_decap_cycles() - t0) / in);
}

static void speed(void)
{
	static const u16 sizes[] = { 64, 512, 1500, 9000 };
	char name[64];
	unsigned int i;

	mcnic_hdl_decap_knobs(0, 0, 0, 0);
	printf("throughput (steady stream, no idle, no back-pressure):\n");
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "vxlan/ipv4 %u, udp csum 0",
			 sizes[i]);
		speed_one(name, T_VXLAN, sizes[i], CK_ZERO);
		snprintf(name, sizeof(name), "vxlan/ipv4 %u, udp csum", sizes[i]);
		speed_one(name, T_VXLAN, sizes[i], CK_GOOD);
		snprintf(name, sizeof(name), "geneve/ipv4 %u, opt, csum",
			 sizes[i]);
		speed_one(name, T_GENEVE, sizes[i], CK_GOOD);
		snprintf(name, sizeof(name), "gre/ipv4 ipv4 %u, csum", sizes[i]);
		speed_one(name, T_GRE, sizes[i], CK_GOOD);
	}
	speed_mix(20000);
}

int main(int argc, char **argv)
{
	unsigned int want = argc > 1 ? atoi(argv[1]) : 100000;
	unsigned int by_drop[256] = { 0 }, skipped = 0, done, i;
	u32 seed = argc > 2 ? atoi(argv[2]) : 1;
	clock_t c0 = clock();
	const char *err;

	rng = 0x2545f4914f6cdd1dull ^ seed;
	mcnic_hdl_decap_open(seed);
	mcnic_hdl_decap_knobs(20, 20, 30, 30);
	directed();
	bursts();
	done = random_run(want, &skipped, by_drop);
	printf("random: %u frames decapped (%u did not parse), seed %u, %.1f s\n",
	       done, skipped, seed, (double)(clock() - c0) / CLOCKS_PER_SEC);
	for (i = 0; i < 256; i++)
		if (by_drop[i])
			printf("  %-22s %u\n", mcnic_drop_sym(i), by_drop[i]);
	printf("sent out: %u: %u with an Ethernet header written, %u with ECN rewritten,\n"
	       "  %u from frames over 4 KiB, %u with bytes after the datagram,\n"
	       "  %u starting on a beat, %u ending two beats at once\n",
	       cov.out, cov.l3, cov.ecn, cov.big, cov.tail, cov.aligned, cov.two);
	speed();
	err = mcnic_hdl_decap_error();
	if (err) {
		printf("FAIL axi-stream: %s\n", err);
		n_fail++;
	}
	mcnic_hdl_decap_close();
	printf("%u passed, %u failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}
