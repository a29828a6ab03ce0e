// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Decap (firmware/dp/decap.c).  Tunnel frames are built by frame.c around
 * an inner frame built on its own, so the expected output is that inner
 * frame, byte for byte: for an ECN change it is the inner frame rebuilt
 * with the new ECN field and a checksum computed from scratch, which the
 * incremental update (RFC 1624) must match.  Every refusal must leave the
 * packet as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define NOT_ECT	0
#define ECT1	1
#define ECT0	2
#define CE	3

enum { IN_V4, IN_V6, IN_ARP };

/* A tunnel frame to build. */
struct tspec {
	u8 type;		/* MCNIC_TUN_VXLAN, _GENEVE, _GRE */
	u8 outer_v6;
	u8 outer_ecn;
	u8 udp_zero;		/* outer UDP checksum left 0 */
	u16 gre_flags;		/* C, K, S */
	u16 proto;		/* GENEVE/GRE protocol type; 0: Ethernet */
	u8 inner;		/* IN_* */
	u8 inner_tos;
	const u8 *opts;		/* GENEVE options */
	u8 optlen;
	u8 outer_pad;		/* bytes after the outer datagram */
	u8 inner_pad;		/* padding inside an inner Ethernet frame */
	u8 outer_opts;		/* IPv4 option bytes / IPv6 dst-opts header */
};

static const struct mcnic_decap_cfg dcfg = {
	.l3_dmac = { 0x02, 0x00, 0x00, 0x00, 0xaa, 0x01 },
	.l3_smac = { 0x02, 0x00, 0x00, 0x00, 0xbb, 0x02 },
	.udp6_zero_ok = 0,
};

static struct {
	u8 buf[MCNIC_HEADROOM + FR_MAX];
	u8 before[MCNIC_HEADROOM + FR_MAX];
	struct mcnic_pkt p, p0;
	struct mcnic_pkt_meta m;
	struct frame f, inner;
} E;

static int is_l3(const struct tspec *s)
{
	return s->proto == MCNIC_ETH_P_IPV4 || s->proto == MCNIC_ETH_P_IPV6;
}

static void build_inner(struct frame *f, const struct tspec *s, u8 tos)
{
	u16 ip;

	fr_init(f);
	switch (s->inner) {
	case IN_V4:
		if (!is_l3(s))
			fr_eth(f, MCNIC_ETH_P_IPV4);
		ip = fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
		f->b[ip + 1] = tos;
		fr_put16(f->b + ip + 4, 0x7777);
		fr_udp(f, 5000, 53);
		fr_payload(f, 40, 1);
		break;
	case IN_V6:
		if (!is_l3(s))
			fr_eth(f, MCNIC_ETH_P_IPV6);
		ip = fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
		fr_put32(f->b + ip, 0x60000000 | (u32)tos << 20 | 0x54321);
		fr_udp(f, 5000, 53);
		fr_payload(f, 40, 1);
		break;
	default:
		fr_eth(f, MCNIC_ETH_P_ARP);
		fr_payload(f, 28, 1);
		break;
	}
	fr_finish(f);
	fr_trail(f, s->inner_pad);
}

static void build_tunnel(struct frame *f, const struct tspec *s,
			 const struct frame *inner)
{
	u8 proto = s->type == MCNIC_TUN_GRE ? MCNIC_IPPROTO_GRE : MCNIC_IPPROTO_UDP;
	u16 ip, tproto = s->proto ? s->proto : MCNIC_ETH_P_TEB;

	fr_init(f);
	if (s->outer_v6) {
		fr_eth(f, MCNIC_ETH_P_IPV6);
		ip = fr_ipv6(f, s->outer_opts ? MCNIC_IPPROTO_DSTOPTS : proto,
			     0x11, 0x22);
		fr_put32(f->b + ip, 0x60000000 | (u32)s->outer_ecn << 20 | 0xabc);
		if (s->outer_opts)
			fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, proto,
				    s->outer_opts / 8 - 1);
	} else {
		fr_eth(f, MCNIC_ETH_P_IPV4);
		ip = fr_ipv4_opts(f, proto, FR_OUT_SRC, FR_OUT_DST, s->outer_opts);
		f->b[ip + 1] = 0x28 | s->outer_ecn;
	}
	if (s->type == MCNIC_TUN_GRE) {
		fr_gre(f, s->gre_flags, tproto, 0x1234, 1);
	} else {
		u16 port = s->type == MCNIC_TUN_VXLAN ? MCNIC_PORT_VXLAN :
							MCNIC_PORT_GENEVE;

		if (s->udp_zero)
			fr_udp_nocsum(f, 49200, port);
		else
			fr_udp(f, 49200, port);
		if (s->type == MCNIC_TUN_VXLAN)
			fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 5001);
		else
			fr_geneve(f, 0, tproto, 5001, s->opts, s->optlen);
	}
	fr_bytes(f, inner->b, inner->len);
	fr_finish(f);
	fr_trail(f, s->outer_pad);
}

/* Parses E.f (which must parse) and decaps it. */
static enum mcnic_drop decap_frame(const struct mcnic_decap_cfg *dc)
{
	struct mcnic_parse_cfg pc;

	fr_to_pkt(&E.f, E.buf, sizeof(E.buf), MCNIC_HEADROOM, &E.p);
	mcnic_parse_cfg_init(&pc);
	assert_int_equal(mcnic_parse(mcnic_pkt_data(&E.p), E.p.len, &pc, &E.m),
			 MCNIC_DROP_NONE);
	memcpy(E.before, E.buf, sizeof(E.buf));
	E.p0 = E.p;
	return mcnic_decap(&E.p, &E.m, dc);
}

static enum mcnic_drop run(const struct tspec *s, const struct mcnic_decap_cfg *dc)
{
	build_inner(&E.inner, s, s->inner_tos);
	build_tunnel(&E.f, s, &E.inner);
	return decap_frame(dc);
}

static void assert_unchanged(void)
{
	assert_int_equal(E.p.head, E.p0.head);
	assert_int_equal(E.p.len, E.p0.len);
	assert_memory_equal(E.buf, E.before, sizeof(E.buf));
}

/* The output is want (an inner frame as built), with a MAC header if L3. */
static void assert_output(const struct tspec *s, const struct frame *want)
{
	const u8 *o = mcnic_pkt_data(&E.p);
	u16 at = E.m.inner_off;

	if (is_l3(s)) {
		at -= 14;
		assert_int_equal(E.p.len, 14 + want->len);
		assert_memory_equal(o, dcfg.l3_dmac, 6);
		assert_memory_equal(o + 6, dcfg.l3_smac, 6);
		assert_int_equal(fr_get16(o + 12), s->proto);
		o += 14;
	} else {
		assert_int_equal(E.p.len, want->len);
	}
	assert_int_equal(E.p.head, MCNIC_HEADROOM + at);
	assert_memory_equal(o, want->b, want->len);
}

/* Well-formed tunnels ------------------------------------------------------- */

static void test_vxlan(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V4 };

	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 50);
	assert_output(&s, &E.inner);

	/* RFC 768: a zero UDP checksum over IPv4 means none. */
	s.udp_zero = 1;
	s.inner = IN_V6;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);

	s.outer_v6 = 1;
	s.udp_zero = 0;
	s.inner = IN_ARP;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 70);
	assert_output(&s, &E.inner);
}

static void test_geneve(void **state)
{
	static const u8 opts[16] = {
		0x01, 0x02, 0x05, 0x01, 0xde, 0xad, 0xbe, 0xef,	/* not critical */
		0xff, 0xf0, 0x01, 0x01, 0x00, 0x42, 0x00, 0x00,	/* ident */
	};
	struct tspec s = { .type = MCNIC_TUN_GENEVE, .inner = IN_V4,
			   .opts = opts, .optlen = 16 };

	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 66);
	assert_output(&s, &E.inner);

	s.outer_v6 = 1;
	s.optlen = 0;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);
}

static void test_gre(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_GRE, .inner = IN_V4 };

	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 38);
	assert_output(&s, &E.inner);

	/* A correct GRE checksum (RFC 2784 §2.5), with key and sequence. */
	s.gre_flags = MCNIC_GRE_F_C | MCNIC_GRE_F_K | MCNIC_GRE_F_S;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 50);
	assert_output(&s, &E.inner);

	s.outer_v6 = 1;
	s.inner = IN_ARP;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);
}

/* An IP inner packet gets the vport's Ethernet header in front. */
static void test_l3_inner_mac_header(void **state)
{
	static const struct tspec specs[] = {
		{ .type = MCNIC_TUN_GRE, .proto = MCNIC_ETH_P_IPV4, .inner = IN_V4 },
		{ .type = MCNIC_TUN_GRE, .proto = MCNIC_ETH_P_IPV6, .inner = IN_V6,
		  .gre_flags = MCNIC_GRE_F_K },
		{ .type = MCNIC_TUN_GRE, .proto = MCNIC_ETH_P_IPV4, .inner = IN_V4,
		  .outer_v6 = 1, .gre_flags = MCNIC_GRE_F_C },
		{ .type = MCNIC_TUN_GENEVE, .proto = MCNIC_ETH_P_IPV4, .inner = IN_V4 },
		{ .type = MCNIC_TUN_GENEVE, .proto = MCNIC_ETH_P_IPV6, .inner = IN_V6,
		  .outer_v6 = 1 },
	};
	struct mcnic_decap_cfg other = dcfg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		assert_int_equal(run(&specs[i], &dcfg), MCNIC_DROP_NONE);
		assert_output(&specs[i], &E.inner);
	}
	/* The header comes from the cfg, not from anywhere else. */
	other.l3_dmac[5] = 0x99;
	other.l3_smac[0] = 0x06;
	assert_int_equal(run(&specs[0], &other), MCNIC_DROP_NONE);
	assert_memory_equal(mcnic_pkt_data(&E.p), other.l3_dmac, 6);
	assert_memory_equal(mcnic_pkt_data(&E.p) + 6, other.l3_smac, 6);
}

/* Outer padding is dropped; an inner Ethernet frame's own is kept. */
static void test_padding(void **state)
{
	static const struct tspec specs[] = {
		{ .type = MCNIC_TUN_VXLAN, .inner = IN_V4, .outer_pad = 8 },
		{ .type = MCNIC_TUN_VXLAN, .inner = IN_ARP, .outer_pad = 3,
		  .inner_pad = 18 },
		{ .type = MCNIC_TUN_GENEVE, .inner = IN_V6, .outer_pad = 5,
		  .outer_v6 = 1 },
		{ .type = MCNIC_TUN_GRE, .inner = IN_ARP, .outer_pad = 16 },
		{ .type = MCNIC_TUN_GRE, .inner = IN_ARP, .inner_pad = 4,
		  .outer_pad = 12, .gre_flags = MCNIC_GRE_F_C },
		{ .type = MCNIC_TUN_GRE, .inner = IN_V4, .proto = MCNIC_ETH_P_IPV4,
		  .outer_pad = 10 },
		{ .type = MCNIC_TUN_VXLAN, .inner = IN_V4, .inner_pad = 6 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		assert_int_equal(run(&specs[i], &dcfg), MCNIC_DROP_NONE);
		assert_output(&specs[i], &E.inner);
	}
}

/* Outer IPv4 options and IPv6 extension headers: checksums still verify. */
static void test_outer_options(void **state)
{
	static const struct tspec specs[] = {
		{ .type = MCNIC_TUN_VXLAN, .inner = IN_V4, .outer_opts = 8 },
		{ .type = MCNIC_TUN_GENEVE, .inner = IN_V6, .outer_opts = 40 },
		{ .type = MCNIC_TUN_GRE, .inner = IN_V4, .outer_opts = 4,
		  .gre_flags = MCNIC_GRE_F_C },
		{ .type = MCNIC_TUN_VXLAN, .inner = IN_V4, .outer_opts = 16,
		  .outer_v6 = 1 },
		{ .type = MCNIC_TUN_GRE, .inner = IN_V4, .outer_opts = 8,
		  .outer_v6 = 1, .proto = MCNIC_ETH_P_IPV4 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		assert_int_equal(run(&specs[i], &dcfg), MCNIC_DROP_NONE);
		assert_output(&specs[i], &E.inner);
	}
	/* A bad option byte is covered by the IPv4 header checksum. */
	build_inner(&E.inner, &specs[0], 0);
	build_tunnel(&E.f, &specs[0], &E.inner);
	E.f.b[14 + 20 + 2] ^= 0x01;
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_IPV4_CSUM);
	assert_unchanged();
}

/* Bytes in the outer datagram after the UDP datagram are not the inner's. */
static void test_udp_shorter_than_ip(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V4, .udp_zero = 1 };
	u16 ulen;

	build_inner(&E.inner, &s, 0);
	build_tunnel(&E.f, &s, &E.inner);
	/* 6 more bytes in the IP datagram, outside the UDP one. */
	fr_trail(&E.f, 6);
	ulen = fr_get16(E.f.b + 38);
	fr_put16(E.f.b + 16, fr_get16(E.f.b + 16) + 6);
	fr_put16(E.f.b + 24, 0);
	fr_put16(E.f.b + 24, (u16)~fr_fold(fr_sum(0, E.f.b + 14, 20)));
	assert_int_equal(fr_get16(E.f.b + 38), ulen);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);
}

/* RFC 6935/6936: a zero UDP checksum over IPv6 only where allowed. */
static void test_udp6_zero(void **state)
{
	struct mcnic_decap_cfg ok = dcfg;
	unsigned int t;

	ok.udp6_zero_ok = 1;
	for (t = 0; t < 2; t++) {
		struct tspec s = { .type = t ? MCNIC_TUN_GENEVE : MCNIC_TUN_VXLAN,
				   .outer_v6 = 1, .udp_zero = 1, .inner = IN_V4 };

		assert_int_equal(run(&s, &dcfg), MCNIC_DROP_OUTER_UDP6_ZERO);
		assert_unchanged();
		assert_int_equal(run(&s, &ok), MCNIC_DROP_NONE);
		assert_output(&s, &E.inner);
		/* A real checksum is still checked when zero is allowed. */
		s.udp_zero = 0;
		assert_int_equal(run(&s, &ok), MCNIC_DROP_NONE);
		E.f.b[54 + 6] ^= 0x40;
		assert_int_equal(decap_frame(&ok), MCNIC_DROP_OUTER_UDP_CSUM);
		assert_unchanged();
	}
}

/* ECN, RFC 6040 §4.2 ---------------------------------------------------------- */

/* Figure 4 of RFC 6040: [inner][outer] -> inner after decap; -1 = drop. */
static const int ecn_table[4][4] = {
	/* outer:     Not-ECT  ECT(1)  ECT(0)  CE   (codepoint order 0..3) */
	[NOT_ECT] = { NOT_ECT, NOT_ECT, NOT_ECT, -1 },
	[ECT1]    = { ECT1,    ECT1,    ECT1,    CE },
	[ECT0]    = { ECT0,    ECT1,    ECT0,    CE },
	[CE]      = { CE,      CE,      CE,      CE },
};

static void run_ecn(const struct tspec *base)
{
	unsigned int in, out;
	struct frame want;
	int r;

	for (in = 0; in < 4; in++) {
		for (out = 0; out < 4; out++) {
			struct tspec s = *base;

			s.inner_tos = 46 << 2 | in;	/* DSCP EF kept */
			s.outer_ecn = out;
			r = run(&s, &dcfg);
			if (ecn_table[in][out] < 0) {
				if (r != MCNIC_DROP_ECN_CE_NOT_ECT)
					print_error("inner %u outer %u: %s\n", in,
						    out, mcnic_drop_name(r));
				assert_int_equal(r, MCNIC_DROP_ECN_CE_NOT_ECT);
				assert_unchanged();
				continue;
			}
			if (r != MCNIC_DROP_NONE)
				print_error("inner %u outer %u: %s\n", in, out,
					    mcnic_drop_name(r));
			assert_int_equal(r, MCNIC_DROP_NONE);
			build_inner(&want, &s, 46 << 2 | ecn_table[in][out]);
			if (memcmp(mcnic_pkt_data(&E.p) + (is_l3(&s) ? 14 : 0),
				   want.b, want.len))
				print_error("inner %u outer %u: output differs\n",
					    in, out);
			assert_output(&s, &want);
			if (s.inner == IN_V4)
				assert_true(fr_ipv4_csum_ok(mcnic_pkt_data(&E.p) + 14));
		}
	}
}

static void test_ecn_vxlan_v4_inner_v4(void **state)
{
	const struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V4 };

	run_ecn(&s);
}

static void test_ecn_vxlan_v4_inner_v6(void **state)
{
	const struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V6 };

	run_ecn(&s);
}

static void test_ecn_geneve_v6_inner_v6(void **state)
{
	const struct tspec s = { .type = MCNIC_TUN_GENEVE, .outer_v6 = 1,
				 .inner = IN_V6 };

	run_ecn(&s);
}

static void test_ecn_gre_l3_inner_v4(void **state)
{
	const struct tspec s = { .type = MCNIC_TUN_GRE, .proto = MCNIC_ETH_P_IPV4,
				 .inner = IN_V4, .gre_flags = MCNIC_GRE_F_K };

	run_ecn(&s);
}

static void test_ecn_gre_v6_inner_v4(void **state)
{
	const struct tspec s = { .type = MCNIC_TUN_GRE, .outer_v6 = 1,
				 .inner = IN_V4 };

	run_ecn(&s);
}

/* The incremental checksum update at every TOS value, both directions. */
static void test_ecn_checksum_all_tos(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V4, .outer_ecn = CE };
	struct frame want;
	unsigned int tos;

	for (tos = 0; tos < 256; tos++) {
		if ((tos & 3) == NOT_ECT)
			continue;
		s.inner_tos = tos;
		assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
		build_inner(&want, &s, tos | CE);
		assert_output(&s, &want);
		assert_true(fr_ipv4_csum_ok(mcnic_pkt_data(&E.p) + 14));
	}
}

/* A non-IP inner frame has no ECN field: nothing to mark, nothing to drop. */
static void test_ecn_non_ip_inner(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_ARP,
			   .outer_ecn = CE };

	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);
}

/* Refusals ----------------------------------------------------------------------- */

static void test_not_tunnel(void **state)
{
	fr_init(&E.f);
	fr_eth(&E.f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&E.f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(&E.f, 1, 2);
	fr_payload(&E.f, 20, 0);
	fr_finish(&E.f);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_NOT_TUNNEL);
	assert_unchanged();

	fr_init(&E.f);
	fr_eth(&E.f, MCNIC_ETH_P_ARP);
	fr_payload(&E.f, 46, 0);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_NOT_TUNNEL);
	assert_unchanged();
}

static void test_outer_fragment(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V4 };

	build_inner(&E.inner, &s, 0);
	build_tunnel(&E.f, &s, &E.inner);
	fr_put16(E.f.b + 20, MCNIC_IPV4_MF);
	fr_finish(&E.f);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_FRAG);
	assert_unchanged();

	/* A later fragment, and an IPv6 first fragment. */
	fr_put16(E.f.b + 20, 100);
	fr_finish(&E.f);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_FRAG);
	assert_unchanged();

	fr_init(&E.f);
	fr_eth(&E.f, MCNIC_ETH_P_IPV6);
	fr_ipv6(&E.f, MCNIC_IPPROTO_FRAGMENT, 0x11, 0x22);
	fr_ipv6_frag(&E.f, MCNIC_IPPROTO_UDP, 0, 1, 5);
	fr_udp(&E.f, 49200, MCNIC_PORT_VXLAN);
	fr_vxlan(&E.f, MCNIC_VXLAN_F_I, 0, 0, 1);
	fr_bytes(&E.f, E.inner.b, E.inner.len);
	fr_finish(&E.f);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_FRAG);
	assert_unchanged();
}

static void test_esp_unsupported(void **state)
{
	fr_init(&E.f);
	fr_eth(&E.f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&E.f, MCNIC_IPPROTO_ESP, FR_OUT_SRC, FR_OUT_DST);
	fr_esp(&E.f, 0x1000, 1);
	fr_payload(&E.f, 40, 0);
	fr_finish(&E.f);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_DECAP_UNSUPPORTED);
	assert_unchanged();

	fr_init(&E.f);
	fr_eth(&E.f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&E.f, MCNIC_IPPROTO_UDP, FR_OUT_SRC, FR_OUT_DST);
	fr_udp_nocsum(&E.f, MCNIC_PORT_ESPINUDP, MCNIC_PORT_ESPINUDP);
	fr_esp(&E.f, 0x1000, 1);
	fr_payload(&E.f, 40, 0);
	fr_finish(&E.f);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_DECAP_UNSUPPORTED);
	assert_unchanged();
}

static void test_unknown_protocol(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_GRE, .proto = 0x8847, .inner = IN_ARP };

	/* (is_l3() is false, so the inner is an opaque Ethernet-looking blob.) */
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_GRE_PROTO);
	assert_unchanged();
	s.type = MCNIC_TUN_GENEVE;
	s.proto = 0x88b5;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_GENEVE_PROTO);
	assert_unchanged();
}

static void test_outer_ipv4_csum(void **state)
{
	static const u8 types[] = { MCNIC_TUN_VXLAN, MCNIC_TUN_GENEVE, MCNIC_TUN_GRE };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tspec s = { .type = types[i], .inner = IN_V4 };

		build_inner(&E.inner, &s, 0);
		build_tunnel(&E.f, &s, &E.inner);
		E.f.b[14 + 10] ^= 0x01;
		assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_IPV4_CSUM);
		assert_unchanged();
		/* A changed TTL with the old checksum is as bad. */
		build_tunnel(&E.f, &s, &E.inner);
		E.f.b[14 + 8]--;
		assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_IPV4_CSUM);
		assert_unchanged();
	}
}

static void test_outer_udp_csum(void **state)
{
	unsigned int v6, t;

	for (v6 = 0; v6 < 2; v6++) {
		for (t = 0; t < 2; t++) {
			struct tspec s = { .type = t ? MCNIC_TUN_GENEVE : MCNIC_TUN_VXLAN,
					   .outer_v6 = v6, .inner = IN_V4 };
			u16 udp = v6 ? 54 : 34;

			build_inner(&E.inner, &s, 0);
			build_tunnel(&E.f, &s, &E.inner);
			E.f.b[udp + 6] ^= 0x80;
			assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_UDP_CSUM);
			assert_unchanged();
			/* The checksum covers the inner frame's last byte too. */
			build_tunnel(&E.f, &s, &E.inner);
			E.f.b[E.f.len - 1] ^= 0x01;
			assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_UDP_CSUM);
			assert_unchanged();
			/* And the pseudo-header's source address. */
			build_tunnel(&E.f, &s, &E.inner);
			E.f.b[v6 ? 14 + 8 + 15 : 14 + 15] ^= 0x02;
			if (!v6) {	/* keep the IPv4 header itself valid */
				fr_put16(E.f.b + 24, 0);
				fr_put16(E.f.b + 24,
					 (u16)~fr_fold(fr_sum(0, E.f.b + 14, 20)));
			}
			assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_UDP_CSUM);
			assert_unchanged();
		}
	}
}

static void test_gre_csum(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_GRE, .inner = IN_V4,
			   .gre_flags = MCNIC_GRE_F_C | MCNIC_GRE_F_K };

	build_inner(&E.inner, &s, 0);
	build_tunnel(&E.f, &s, &E.inner);
	E.f.b[38] ^= 0x10;		/* the checksum field */
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_GRE_CSUM);
	assert_unchanged();
	build_tunnel(&E.f, &s, &E.inner);
	E.f.b[E.f.len - 1] ^= 0x01;	/* the payload's last byte */
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_GRE_CSUM);
	assert_unchanged();
	/* Outer padding is not covered: changing it changes nothing. */
	s.outer_pad = 7;
	build_tunnel(&E.f, &s, &E.inner);
	E.f.b[E.f.len - 1] ^= 0xff;
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);
}

/* RFC 8926 §3.5: a critical option we do not understand means drop. */
static void test_geneve_critical(void **state)
{
	static const u8 crit[12] = {
		0xff, 0xf0, 0x01, 0x01, 0x00, 0x42, 0x00, 0x00,	/* ident */
		0x01, 0x03, 0x87, 0x00,				/* critical */
	};
	struct tspec s = { .type = MCNIC_TUN_GENEVE, .inner = IN_V4,
			   .opts = crit, .optlen = 12 };

	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_GENEVE_CRIT);
	assert_unchanged();
	/* The ident option alone (not critical, and known) passes. */
	s.optlen = 8;
	assert_int_equal(run(&s, &dcfg), MCNIC_DROP_NONE);
	assert_output(&s, &E.inner);
}

/* RFC 8200 §4.4: with segments left, we are a waypoint, not the end. */
static void test_outer_routing_left(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_VXLAN, .inner = IN_V4 };
	u8 left;
	u16 rh;

	build_inner(&E.inner, &s, 0);
	for (left = 0; left < 2; left++) {
		fr_init(&E.f);
		fr_eth(&E.f, MCNIC_ETH_P_IPV6);
		fr_ipv6(&E.f, MCNIC_IPPROTO_ROUTING, 0x11, 0x22);
		rh = fr_ipv6_ext(&E.f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_UDP, 0);
		E.f.b[rh + 2] = 4;	/* segment routing */
		E.f.b[rh + 3] = left;
		fr_udp(&E.f, 49200, MCNIC_PORT_VXLAN);
		fr_vxlan(&E.f, MCNIC_VXLAN_F_I, 0, 0, 1);
		fr_bytes(&E.f, E.inner.b, E.inner.len);
		fr_finish(&E.f);
		if (left) {
			assert_int_equal(decap_frame(&dcfg),
					 MCNIC_DROP_OUTER_ROUTING);
			assert_true(E.m.outer.flags & MCNIC_LF_IPV6_RH_LEFT);
			assert_unchanged();
		} else {
			assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_NONE);
			assert_false(E.m.outer.flags & MCNIC_LF_IPV6_RH_LEFT);
		}
	}
}

/* Option bits are acted on only once the checksum vouches for them. */
static void test_geneve_csum_first(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_GENEVE, .inner = IN_V4 };
	u16 flags_at = 14 + 20 + 8 + 1;

	build_inner(&E.inner, &s, 0);
	build_tunnel(&E.f, &s, &E.inner);
	E.f.b[flags_at] |= MCNIC_GENEVE_F_O;	/* checksum now wrong */
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_OUTER_UDP_CSUM);
	assert_unchanged();
}

/* RFC 8926 §3.4: endpoints never forward a control packet's payload. */
static void test_geneve_oam(void **state)
{
	struct tspec s = { .type = MCNIC_TUN_GENEVE, .inner = IN_V4,
			   .udp_zero = 1 };
	u16 flags_at = 14 + 20 + 8 + 1;

	build_inner(&E.inner, &s, 0);
	build_tunnel(&E.f, &s, &E.inner);
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_NONE);
	build_tunnel(&E.f, &s, &E.inner);
	E.f.b[flags_at] |= MCNIC_GENEVE_F_O;
	assert_int_equal(decap_frame(&dcfg), MCNIC_DROP_GENEVE_OAM);
	assert_true(E.m.tflags & MCNIC_TF_GNV_OAM);
	assert_unchanged();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vxlan),
		cmocka_unit_test(test_geneve),
		cmocka_unit_test(test_gre),
		cmocka_unit_test(test_l3_inner_mac_header),
		cmocka_unit_test(test_padding),
		cmocka_unit_test(test_outer_options),
		cmocka_unit_test(test_udp_shorter_than_ip),
		cmocka_unit_test(test_udp6_zero),
		cmocka_unit_test(test_ecn_vxlan_v4_inner_v4),
		cmocka_unit_test(test_ecn_vxlan_v4_inner_v6),
		cmocka_unit_test(test_ecn_geneve_v6_inner_v6),
		cmocka_unit_test(test_ecn_gre_l3_inner_v4),
		cmocka_unit_test(test_ecn_gre_v6_inner_v4),
		cmocka_unit_test(test_ecn_checksum_all_tos),
		cmocka_unit_test(test_ecn_non_ip_inner),
		cmocka_unit_test(test_not_tunnel),
		cmocka_unit_test(test_outer_fragment),
		cmocka_unit_test(test_esp_unsupported),
		cmocka_unit_test(test_unknown_protocol),
		cmocka_unit_test(test_outer_ipv4_csum),
		cmocka_unit_test(test_outer_udp_csum),
		cmocka_unit_test(test_gre_csum),
		cmocka_unit_test(test_geneve_critical),
		cmocka_unit_test(test_geneve_oam),
		cmocka_unit_test(test_geneve_csum_first),
		cmocka_unit_test(test_outer_routing_left),
	};

	return cmocka_run_group_tests_name("unit/decap", tests, NULL, NULL);
}
