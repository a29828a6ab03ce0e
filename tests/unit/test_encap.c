// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Encap (firmware/dp/encap.c): the outer headers it writes for each tunnel
 * type, checked field by field against what the tunnel description and
 * the inner frame call for, with every checksum verified by frame.c's own
 * RFC 1071 code; the per-packet rules (DF/ID per RFC 6864, TTL and DSCP,
 * ECN per RFC 6040 §4.1, source port and flow label per docs/formats.md);
 * and each refusal, which must leave the packet as it was.
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


/* A packet being encapsulated, and what we need to check it. */
struct enc {
	u8 buf[MCNIC_HEADROOM + FR_MAX];
	u8 before[MCNIC_HEADROOM + FR_MAX];
	struct mcnic_pkt p, p0;
	struct mcnic_pkt_meta m;
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;
	struct frame in;
	u16 inner_mtu;
};

static struct enc E;

static void cfg_v6(struct mcnic_tunnel_cfg *c)
{
	c->flags |= MCNIC_TUNF_OUTER_V6;
	fr_ip6addr(c->saddr, 0x11);
	fr_ip6addr(c->daddr, 0x22);
}

/* Inner frames ---------------------------------------------------------- */

static void inner_v4(struct frame *f, u8 tos, u8 ttl, int df, u16 payload)
{
	u16 ip;

	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	ip = fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	f->b[ip + 1] = tos;
	f->b[ip + 8] = ttl;
	fr_put16(f->b + ip + 6, df ? MCNIC_IPV4_DF : 0);
	fr_udp(f, 5000, 53);
	fr_payload(f, payload, 3);
	fr_finish(f);
}

static void inner_v4_vlan(struct frame *f, u16 payload)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 200, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 5000, 53);
	fr_payload(f, payload, 3);
	fr_finish(f);
}

static void inner_v6(struct frame *f, u8 tc, u8 hop, u16 payload)
{
	u16 ip;

	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	ip = fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
	fr_put32(f->b + ip, 0x60000000 | (u32)tc << 20 | 0xbeef);
	f->b[ip + 7] = hop;
	fr_udp(f, 5000, 53);
	fr_payload(f, payload, 5);
	fr_finish(f);
}

static void inner_arp(struct frame *f, u16 len)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_ARP);
	fr_payload(f, len - 14, 9);
}

/* Runs one encap of E.in with E.c; records the packet before it. */
static enum mcnic_drop run(u32 hash, u16 ip_id)
{
	struct mcnic_parse_cfg pc;
	const char *why = NULL;
	int r;

	r = mcnic_tmpl_build(&E.c, &E.t, &why);
	if (r)
		print_error("template refused: %s\n", why);
	assert_int_equal(r, 0);
	fr_to_pkt(&E.in, E.buf, sizeof(E.buf), MCNIC_HEADROOM, &E.p);
	mcnic_parse_cfg_init(&pc);
	assert_int_equal(mcnic_parse(mcnic_pkt_data(&E.p), E.p.len, &pc, &E.m),
			 MCNIC_DROP_NONE);
	memcpy(E.before, E.buf, sizeof(E.buf));
	E.p0 = E.p;
	E.inner_mtu = 0xdead;
	return mcnic_encap(&E.t, &E.p, &E.m.outer, hash, ip_id, &E.inner_mtu);
}

static void assert_unchanged(void)
{
	assert_int_equal(E.p.head, E.p0.head);
	assert_int_equal(E.p.len, E.p0.len);
	assert_memory_equal(E.buf, E.before, sizeof(E.buf));
}

/* Checking the output ---------------------------------------------------- */

struct want {
	u8 tos;			/* outer TOS / traffic class */
	u8 ttl;
	u8 df;			/* IPv4: DF expected */
	u16 id;			/* IPv4 ID expected */
};

static int is_v6(void)
{
	return E.c.flags & MCNIC_TUNF_OUTER_V6;
}

static u16 expected_sport(u32 hash)
{
	/* docs/formats.md: sport_min + ((hash * span) >> 32) */
	u64 span = (u64)E.c.sport_max - E.c.sport_min + 1;

	return (u16)(E.c.sport_min + (((u64)hash * span) >> 32));
}

static int want_udp_csum(void)
{
	if (is_v6())
		return !(E.c.flags & MCNIC_TUNF_UDP6_ZERO);
	return !!(E.c.flags & MCNIC_TUNF_UDP_CSUM);
}

/* The inner frame as it must follow the outer headers. */
static void inner_carried(const u8 **data, u16 *len)
{
	if (E.c.flags & MCNIC_TUNF_GRE_L3) {
		*data = E.in.b + E.m.outer.l3_off;
		*len = E.m.outer.end - E.m.outer.l3_off;
	} else {
		*data = E.in.b;
		*len = E.in.len;
	}
}

static u16 check_l2(const u8 *o)
{
	u16 type = is_v6() ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4;

	assert_memory_equal(o, fr_tun_dmac, 6);
	assert_memory_equal(o + 6, fr_tun_smac, 6);
	if (!(E.c.flags & MCNIC_TUNF_VLAN)) {
		assert_int_equal(fr_get16(o + 12), type);
		return 14;
	}
	assert_int_equal(fr_get16(o + 12), MCNIC_ETH_P_8021Q);
	assert_int_equal(fr_get16(o + 14), E.c.vlan_tci);
	assert_int_equal(fr_get16(o + 16), type);
	return 18;
}

static u16 check_l3(const u8 *o, u16 l3, u8 proto, u32 hash, const struct want *w)
{
	const u8 *ip = o + l3;

	if (is_v6()) {
		assert_int_equal(ip[0] >> 4, 6);
		assert_int_equal((fr_get32(ip) >> 20) & 0xff, w->tos);
		/* docs/formats.md: flow label = hash & 0xfffff, 0 -> 1 (RFC 6438) */
		assert_int_equal(fr_get32(ip) & 0xfffff,
				 (hash & 0xfffff) ? (hash & 0xfffff) : 1);
		assert_int_equal(fr_get16(ip + 4), E.p.len - l3 - 40);
		assert_int_equal(ip[6], proto);
		assert_int_equal(ip[7], w->ttl);
		assert_memory_equal(ip + 8, E.c.saddr, 16);
		assert_memory_equal(ip + 24, E.c.daddr, 16);
		return l3 + 40;
	}
	assert_int_equal(ip[0], 0x45);
	assert_int_equal(ip[1], w->tos);
	assert_int_equal(fr_get16(ip + 2), E.p.len - l3);
	assert_int_equal(fr_get16(ip + 4), w->id);
	assert_int_equal(fr_get16(ip + 6), w->df ? MCNIC_IPV4_DF : 0);
	assert_int_equal(ip[8], w->ttl);
	assert_int_equal(ip[9], proto);
	assert_memory_equal(ip + 12, E.c.saddr, 4);
	assert_memory_equal(ip + 16, E.c.daddr, 4);
	assert_true(fr_ipv4_csum_ok(ip));
	return l3 + 20;
}

static u16 check_udp(const u8 *o, u16 l3, u16 l4, u32 hash)
{
	const u8 *udp = o + l4;
	u16 sport = fr_get16(udp), csum = fr_get16(udp + 6);

	assert_in_range(sport, E.c.sport_min, E.c.sport_max);
	assert_int_equal(sport, expected_sport(hash));
	assert_int_equal(fr_get16(udp + 2), E.c.dport);
	assert_int_equal(fr_get16(udp + 4), E.p.len - l4);
	if (want_udp_csum()) {
		assert_int_not_equal(csum, 0);
		assert_true(fr_l4_csum_ok(o + l3, MCNIC_IPPROTO_UDP, udp,
					  E.p.len - l4));
	} else {
		assert_int_equal(csum, 0);
	}
	return l4 + 8;
}

static u16 check_vxlan(const u8 *o, u16 off)
{
	int gbp = E.c.flags & MCNIC_TUNF_GBP;

	assert_int_equal(o[off], gbp ? 0x88 : 0x08);
	assert_int_equal(o[off + 1], 0);
	assert_int_equal(fr_get16(o + off + 2), gbp ? E.c.ident : 0);
	assert_int_equal(fr_get32(o + off + 4), E.c.vni << 8);
	return off + 8;
}

static u16 check_geneve(const u8 *o, u16 off)
{
	u16 optlen = E.c.gnv_opt_len;

	if (E.c.flags & MCNIC_TUNF_IDENT_OPT)
		optlen += 8;
	assert_int_equal(o[off], optlen / 4);
	assert_int_equal(fr_get16(o + off + 2), MCNIC_ETH_P_TEB);
	assert_int_equal(fr_get32(o + off + 4), E.c.vni << 8);
	assert_memory_equal(o + off + 8, E.c.gnv_opt, E.c.gnv_opt_len);
	if (E.c.flags & MCNIC_TUNF_IDENT_OPT) {
		const u8 *id = o + off + 8 + E.c.gnv_opt_len;

		assert_int_equal(fr_get16(id), MCNIC_GENEVE_CLASS_MCNIC);
		assert_int_equal(id[2], MCNIC_GENEVE_TYPE_IDENT);
		assert_int_equal(id[3], 1);
		assert_int_equal(fr_get16(id + 4), E.c.ident);
		assert_int_equal(fr_get16(id + 6), 0);
	}
	return off + 8 + optlen;
}

static u16 check_gre(const u8 *o, u16 off)
{
	int key = E.c.flags & MCNIC_TUNF_GRE_KEY;
	u16 proto = MCNIC_ETH_P_TEB;

	if (E.c.flags & MCNIC_TUNF_GRE_L3)
		proto = E.m.outer.l3 == MCNIC_L3_IPV4 ? MCNIC_ETH_P_IPV4 :
							MCNIC_ETH_P_IPV6;
	assert_int_equal(fr_get16(o + off), key ? MCNIC_GRE_F_K : 0);
	assert_int_equal(fr_get16(o + off + 2), proto);
	if (!key)
		return off + 4;
	assert_int_equal(fr_get32(o + off + 4), E.c.vni);
	return off + 8;
}

/* The whole output of a successful encap. */
static void check_output(u32 hash, const struct want *w)
{
	const u8 *o = mcnic_pkt_data(&E.p), *data;
	u16 l3, l4, off, len;

	inner_carried(&data, &len);
	assert_int_equal(E.p.len, E.t.hdr_len + len);
	/* In place: the carried bytes have not moved in the buffer. */
	assert_int_equal(E.p.head + E.t.hdr_len, E.p0.head + (data - E.in.b));
	l3 = check_l2(o);
	if (E.c.type == MCNIC_TUN_GRE) {
		l4 = check_l3(o, l3, MCNIC_IPPROTO_GRE, hash, w);
		off = check_gre(o, l4);
	} else {
		l4 = check_l3(o, l3, MCNIC_IPPROTO_UDP, hash, w);
		off = check_udp(o, l3, l4, hash);
		off = E.c.type == MCNIC_TUN_VXLAN ? check_vxlan(o, off) :
						    check_geneve(o, off);
	}
	assert_int_equal(off, E.t.hdr_len);
	assert_memory_equal(o + off, data, len);
}

/* Per tunnel type ----------------------------------------------------------- */

static void test_vxlan_v4(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64, .df = 1, .id = 0 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	E.c.flags = MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET;
	inner_v4(&E.in, 0, 33, 0, 56);
	assert_int_equal(run(0x12345678, 77), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM - 50);
	assert_int_equal(E.p.len, 50 + 14 + 84);
	check_output(0x12345678, &w);

	/* No UDP checksum asked for: zero (RFC 7348 §5); no DF: the ID. */
	E.c.flags = 0;
	w.df = 0;
	w.id = 77;
	assert_int_equal(run(0x9abcdef0, 77), MCNIC_DROP_NONE);
	check_output(0x9abcdef0, &w);
}

static void test_vxlan_v4_vlan_gbp(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64, .df = 0, .id = 0xffff };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	E.c.flags = MCNIC_TUNF_VLAN | MCNIC_TUNF_GBP | MCNIC_TUNF_UDP_CSUM;
	E.c.vlan_tci = 0x6064;
	E.c.ident = 0x0bad;
	E.c.vni = 0xffffff;
	inner_v4(&E.in, 0, 64, 0, 100);
	assert_int_equal(run(0xffffffff, 0xffff), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM - 54);
	check_output(0xffffffff, &w);
}

static void test_vxlan_v6(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	cfg_v6(&E.c);
	inner_v4(&E.in, 0, 64, 0, 300);
	assert_int_equal(run(0xcafef00d, 1), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM - 70);
	check_output(0xcafef00d, &w);

	/* RFC 6935: zero checksum when the tunnel says so. */
	E.c.flags |= MCNIC_TUNF_UDP6_ZERO;
	assert_int_equal(run(0xcafef00d, 1), MCNIC_DROP_NONE);
	check_output(0xcafef00d, &w);
}

static void test_geneve(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64, .df = 1 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_GENEVE);
	E.c.flags = MCNIC_TUNF_IDENT_OPT | MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET;
	E.c.ident = 0x4242;
	E.c.gnv_opt_len = 8;
	memcpy(E.c.gnv_opt, "\x01\x02\x05\x01\xaa\xbb\xcc\xdd", 8);
	inner_v4(&E.in, 0, 64, 0, 61);		/* odd length */
	assert_int_equal(run(7, 0), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM - 66);
	check_output(7, &w);

	cfg_v6(&E.c);
	E.c.flags &= ~(MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET);
	inner_v6(&E.in, 0, 64, 20);
	assert_int_equal(run(0x80000000, 0), MCNIC_DROP_NONE);
	check_output(0x80000000, &w);
}

static void test_gre_teb(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64, .df = 1 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_GRE);
	E.c.flags = MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_DF_SET;
	E.c.vni = 0xdeadbeef;
	inner_v4(&E.in, 0, 64, 0, 40);
	assert_int_equal(run(1, 2), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM - 42);
	check_output(1, &w);

	E.c.flags = 0;
	w.df = 0;
	w.id = 2;
	assert_int_equal(run(1, 2), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM - 38);
	check_output(1, &w);

	cfg_v6(&E.c);
	inner_arp(&E.in, 60);
	assert_int_equal(run(0xfffff, 0), MCNIC_DROP_NONE);
	check_output(0xfffff, &w);
}

/* GRE-L3: the template replaces the inner Ethernet header; protocol patched. */
static void test_gre_l3(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_GRE);
	E.c.flags = MCNIC_TUNF_GRE_L3 | MCNIC_TUNF_GRE_KEY;
	E.c.vni = 99;
	w.id = 5;
	inner_v4(&E.in, 0, 64, 0, 80);
	assert_int_equal(run(3, 5), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 14 - 42);
	assert_int_equal(E.p.len, 42 + 108);
	assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 36), MCNIC_ETH_P_IPV4);
	check_output(3, &w);

	inner_v6(&E.in, 0, 64, 80);
	assert_int_equal(run(3, 5), MCNIC_DROP_NONE);
	assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 36), MCNIC_ETH_P_IPV6);
	check_output(3, &w);

	/* A tagged inner frame: the tag goes with the Ethernet header. */
	inner_v4_vlan(&E.in, 10);
	assert_int_equal(run(3, 5), MCNIC_DROP_NONE);
	assert_int_equal(E.p.head, MCNIC_HEADROOM + 18 - 42);
	check_output(3, &w);

	/* A padded inner frame: only the IP datagram is carried. */
	inner_v4(&E.in, 0, 64, 0, 2);
	fr_trail(&E.in, 16);
	assert_int_equal(E.in.len, 60);
	assert_int_equal(run(3, 5), MCNIC_DROP_NONE);
	assert_int_equal(E.p.len, 42 + 30);
	check_output(3, &w);

	/* IPv6 underlay. */
	cfg_v6(&E.c);
	inner_v4(&E.in, 0, 64, 0, 80);
	assert_int_equal(run(0x12345, 0), MCNIC_DROP_NONE);
	assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 56), MCNIC_ETH_P_IPV4);
	check_output(0x12345, &w);
}

/* A padded inner Ethernet frame is carried whole by an L2 tunnel. */
static void test_l2_keeps_inner_padding(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64, .id = 9 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	E.c.flags = MCNIC_TUNF_UDP_CSUM;
	inner_v4(&E.in, 0, 64, 0, 2);
	fr_trail(&E.in, 16);
	assert_int_equal(run(3, 9), MCNIC_DROP_NONE);
	assert_int_equal(E.p.len, 50 + 60);
	check_output(3, &w);
}

/* Per-packet rules ------------------------------------------------------------ */

/* docs/formats.md: sport = sport_min + ((hash * span) >> 32), in range. */
static void test_sport(void **state)
{
	static const u32 hashes[] = {
		0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x12345678,
	};
	struct want w = { .tos = 10 << 2, .ttl = 64, .id = 1 };
	unsigned int i, seen[4] = { 0 };
	u32 h;

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	inner_v4(&E.in, 0, 64, 0, 8);
	for (i = 0; i < ARRAY_SIZE(hashes); i++) {
		assert_int_equal(run(hashes[i], 1), MCNIC_DROP_NONE);
		check_output(hashes[i], &w);
	}
	assert_int_equal(run(0, 1), MCNIC_DROP_NONE);
	assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 34), 49152);
	assert_int_equal(run(0xffffffff, 1), MCNIC_DROP_NONE);
	assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 34), 65535);
	assert_int_equal(run(0x80000000, 1), MCNIC_DROP_NONE);
	assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 34), 49152 + 8192);

	/* A four-port range: every port is used, none outside. */
	E.c.sport_min = 1000;
	E.c.sport_max = 1003;
	for (h = 0; h < 64; h++) {
		u32 hash = h * 0x04000000u + h;
		u16 s;

		assert_int_equal(run(hash, 1), MCNIC_DROP_NONE);
		s = fr_get16(mcnic_pkt_data(&E.p) + 34);
		assert_in_range(s, 1000, 1003);
		seen[s - 1000]++;
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(seen[i], 16);

	/* One port: always that one. */
	E.c.sport_min = E.c.sport_max = 4242;
	for (h = 0; h < 8; h++) {
		assert_int_equal(run(h * 0x23456789u, 1), MCNIC_DROP_NONE);
		assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + 34), 4242);
	}
}

static void test_flow_label(void **state)
{
	static const u32 hashes[] = { 0, 1, 0xfffff, 0x100000, 0xabcdef12, 0xffffffff };
	struct want w = { .tos = 10 << 2, .ttl = 64 };
	unsigned int i;

	fr_tunnel_cfg(&E.c, MCNIC_TUN_GRE);
	cfg_v6(&E.c);
	inner_v4(&E.in, 0, 64, 0, 8);
	for (i = 0; i < ARRAY_SIZE(hashes); i++) {
		assert_int_equal(run(hashes[i], 0), MCNIC_DROP_NONE);
		check_output(hashes[i], &w);
	}
}

/* RFC 6864: ID 0 on atomic datagrams (DF set), the caller's ID otherwise. */
static void test_df_and_id(void **state)
{
	static const struct {
		u16 flags;
		int inner;	/* 0: v4 DF clear, 1: v4 DF set, 2: v6, 3: ARP */
		int df;
	} rows[] = {
		{ 0, 0, 0 }, { 0, 1, 0 }, { 0, 2, 0 }, { 0, 3, 0 },
		{ MCNIC_TUNF_DF_SET, 0, 1 }, { MCNIC_TUNF_DF_SET, 1, 1 },
		{ MCNIC_TUNF_DF_SET, 2, 1 }, { MCNIC_TUNF_DF_SET, 3, 1 },
		{ MCNIC_TUNF_DF_INHERIT, 0, 0 }, { MCNIC_TUNF_DF_INHERIT, 1, 1 },
		{ MCNIC_TUNF_DF_INHERIT, 2, 1 }, { MCNIC_TUNF_DF_INHERIT, 3, 0 },
	};
	struct want w = { .tos = 10 << 2, .ttl = 64 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
		E.c.flags = rows[i].flags;
		if (rows[i].inner < 2)
			inner_v4(&E.in, 0, 64, rows[i].inner, 20);
		else if (rows[i].inner == 2)
			inner_v6(&E.in, 0, 64, 20);
		else
			inner_arp(&E.in, 60);
		w.df = rows[i].df;
		w.id = rows[i].df ? 0 : 0x1234;
		assert_int_equal(run(5, 0x1234), MCNIC_DROP_NONE);
		check_output(5, &w);
	}
}

static void test_ttl(void **state)
{
	struct want w = { .tos = 10 << 2, .id = 1 };

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	E.c.ttl = 200;
	inner_v4(&E.in, 0, 17, 0, 20);
	w.ttl = 200;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	E.c.flags = MCNIC_TUNF_TTL_INHERIT;
	w.ttl = 17;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	inner_v6(&E.in, 0, 9, 20);
	w.ttl = 9;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	/* RFC 1122 §3.2.1.7: an inherited 0 is never sent; the tunnel's TTL. */
	inner_v4(&E.in, 0, 0, 0, 20);
	w.ttl = 200;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	/* Nothing to inherit from: the tunnel's TTL. */
	inner_arp(&E.in, 60);
	w.ttl = 200;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	/* Hop limit on an IPv6 underlay. */
	cfg_v6(&E.c);
	inner_v4(&E.in, 0, 1, 0, 20);
	w.ttl = 1;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);
}

static void test_dscp(void **state)
{
	struct want w = { .ttl = 64, .id = 1 };

	/* DSCP 46 (EF) inside, ECN Not-ECT. */
	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	E.c.dscp = 26;
	inner_v4(&E.in, 46 << 2, 64, 0, 20);
	w.tos = 26 << 2;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	E.c.flags = MCNIC_TUNF_DSCP_INHERIT;
	w.tos = 46 << 2;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	inner_v6(&E.in, 8 << 2, 64, 20);
	w.tos = 8 << 2;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	inner_arp(&E.in, 60);
	w.tos = 26 << 2;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);

	cfg_v6(&E.c);
	inner_v4(&E.in, 46 << 2, 64, 0, 20);
	w.tos = 46 << 2;
	assert_int_equal(run(5, 1), MCNIC_DROP_NONE);
	check_output(5, &w);
}

/*
 * RFC 6040 §4.1: normal mode copies the inner ECN field to the outer, CE
 * included; compatibility mode sends Not-ECT.  Each inner codepoint, both
 * modes, both underlays, with and without inherited DSCP.
 */
static void test_ecn(void **state)
{
	struct want w = { .ttl = 64, .id = 1 };
	unsigned int ecn, v6, compat, inherit, inner6;

	for (v6 = 0; v6 < 2; v6++)
	for (compat = 0; compat < 2; compat++)
	for (inherit = 0; inherit < 2; inherit++)
	for (inner6 = 0; inner6 < 2; inner6++)
	for (ecn = 0; ecn < 4; ecn++) {
		fr_tunnel_cfg(&E.c, MCNIC_TUN_GENEVE);
		if (v6)
			cfg_v6(&E.c);
		if (compat)
			E.c.flags |= MCNIC_TUNF_ECN_COMPAT;
		if (inherit)
			E.c.flags |= MCNIC_TUNF_DSCP_INHERIT;
		if (inner6)
			inner_v6(&E.in, 34 << 2 | ecn, 64, 20);
		else
			inner_v4(&E.in, 34 << 2 | ecn, 64, 0, 20);
		w.tos = (inherit ? 34 : 10) << 2 | (compat ? 0 : ecn);
		assert_int_equal(run(11, 1), MCNIC_DROP_NONE);
		check_output(11, &w);
	}
}

/* RFC 768: a computed checksum of zero is sent as 0xffff. */
static void test_udp_csum_zero_sent_as_ones(void **state)
{
	struct want w = { .tos = 10 << 2, .ttl = 64, .id = 1 };
	unsigned int v6;
	u8 *o;
	u16 l3, l4, ulen, s;

	for (v6 = 0; v6 < 2; v6++) {
		fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
		E.c.flags = v6 ? 0 : MCNIC_TUNF_UDP_CSUM;
		if (v6)
			cfg_v6(&E.c);
		inner_v4(&E.in, 0, 64, 0, 20);
		assert_int_equal(run(0, 1), MCNIC_DROP_NONE);
		o = mcnic_pkt_data(&E.p);
		l3 = 14;
		l4 = l3 + (v6 ? 40 : 20);
		ulen = E.p.len - l4;
		/* The sum without source port and checksum; pick the port
		 * that makes the total 0xffff, i.e. a computed checksum 0. */
		fr_put16(o + l4, 0);
		fr_put16(o + l4 + 6, 0);
		s = (u16)~fr_fold(fr_pseudo(o + l3, MCNIC_IPPROTO_UDP, ulen) +
				  fr_sum(0, o + l4, ulen));
		if (!s)
			s = 0xffff;
		E.c.sport_min = E.c.sport_max = s;
		assert_int_equal(run(0, 1), MCNIC_DROP_NONE);
		check_output(0, &w);
		assert_int_equal(fr_get16(mcnic_pkt_data(&E.p) + l4 + 6), 0xffff);
	}
}

/* Refusals ---------------------------------------------------------------------- */

static void test_headroom(void **state)
{
	struct mcnic_parse_cfg pc;
	struct want w = { .tos = 10 << 2, .ttl = 64, .id = 1 };
	u16 heads[] = { 0, 49, 50 };
	unsigned int i;

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	inner_v4(&E.in, 0, 64, 0, 20);
	assert_int_equal(mcnic_tmpl_build(&E.c, &E.t, NULL), 0);
	mcnic_parse_cfg_init(&pc);
	for (i = 0; i < ARRAY_SIZE(heads); i++) {
		fr_to_pkt(&E.in, E.buf, sizeof(E.buf), heads[i], &E.p);
		assert_int_equal(mcnic_parse(mcnic_pkt_data(&E.p), E.p.len, &pc,
					     &E.m), MCNIC_DROP_NONE);
		memcpy(E.before, E.buf, sizeof(E.buf));
		E.p0 = E.p;
		if (heads[i] < 50) {
			assert_int_equal(mcnic_encap(&E.t, &E.p, &E.m.outer, 1, 1, NULL),
					 MCNIC_DROP_ENCAP_HEADROOM);
			assert_unchanged();
		} else {
			assert_int_equal(mcnic_encap(&E.t, &E.p, &E.m.outer, 1, 1, NULL),
					 MCNIC_DROP_NONE);
			assert_int_equal(E.p.head, 0);
			check_output(1, &w);
		}
	}

	/* GRE-L3 reuses the 14 bytes of the inner Ethernet header. */
	fr_tunnel_cfg(&E.c, MCNIC_TUN_GRE);
	E.c.flags = MCNIC_TUNF_GRE_L3;
	assert_int_equal(mcnic_tmpl_build(&E.c, &E.t, NULL), 0);
	for (i = 0; i < 2; i++) {
		fr_to_pkt(&E.in, E.buf, sizeof(E.buf), 23 + i, &E.p);
		assert_int_equal(mcnic_parse(mcnic_pkt_data(&E.p), E.p.len, &pc,
					     &E.m), MCNIC_DROP_NONE);
		memcpy(E.before, E.buf, sizeof(E.buf));
		E.p0 = E.p;
		if (!i) {
			assert_int_equal(mcnic_encap(&E.t, &E.p, &E.m.outer, 1, 1, NULL),
					 MCNIC_DROP_ENCAP_HEADROOM);
			assert_unchanged();
		} else {
			assert_int_equal(mcnic_encap(&E.t, &E.p, &E.m.outer, 1, 1, NULL),
					 MCNIC_DROP_NONE);
			assert_int_equal(E.p.head, 0);
			check_output(1, &w);
		}
	}
}

struct big_case {
	const char *what;
	u8 type;
	u16 flags;
	int inner;		/* 0: v4, 1: v4 tagged, 2: v6 */
	u16 ip_mtu;		/* the inner IP MTU, worked out by hand */
};

/*
 * Outer IP length = outer IP header + tunnel headers + inner frame;
 * the inner IP MTU is what is left of the path MTU (1500) for the inner
 * IP datagram.
 */
static const struct big_case big_cases[] = {
	/* 20 + 8 + 8 + 14 */
	{ "vxlan/v4", MCNIC_TUN_VXLAN, 0, 0, 1450 },
	/* an outer tag is not part of the IP MTU */
	{ "vxlan/v4 outer tag", MCNIC_TUN_VXLAN, MCNIC_TUNF_VLAN, 0, 1450 },
	/* the inner tag is: 20 + 8 + 8 + 18 */
	{ "vxlan/v4 inner tag", MCNIC_TUN_VXLAN, 0, 1, 1446 },
	/* 40 + 8 + 8 + 14 */
	{ "vxlan/v6", MCNIC_TUN_VXLAN, MCNIC_TUNF_OUTER_V6, 0, 1430 },
	{ "vxlan/v6 inner v6", MCNIC_TUN_VXLAN, MCNIC_TUNF_OUTER_V6, 2, 1430 },
	/* 20 + 8 + 8 + 8 (ident option) + 14 */
	{ "geneve/v4 ident", MCNIC_TUN_GENEVE, MCNIC_TUNF_IDENT_OPT, 0, 1442 },
	/* 20 + 8 (GRE with key) + 14 */
	{ "gre/v4 key", MCNIC_TUN_GRE, MCNIC_TUNF_GRE_KEY, 0, 1458 },
	/* 20 + 4 */
	{ "gre-l3/v4", MCNIC_TUN_GRE, MCNIC_TUNF_GRE_L3, 0, 1476 },
	/* 20 + 8, the inner tag stripped with the Ethernet header */
	{ "gre-l3/v4 key inner tag", MCNIC_TUN_GRE,
	  MCNIC_TUNF_GRE_L3 | MCNIC_TUNF_GRE_KEY, 1, 1472 },
	/* 40 + 8 */
	{ "gre-l3/v6 key", MCNIC_TUN_GRE,
	  MCNIC_TUNF_GRE_L3 | MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_OUTER_V6, 2, 1452 },
};

static void build_sized(const struct big_case *b, u16 ip_len)
{
	fr_tunnel_cfg(&E.c, b->type);
	if (b->flags & MCNIC_TUNF_OUTER_V6)
		cfg_v6(&E.c);
	E.c.flags |= b->flags;
	E.c.vlan_tci = 7;
	if (b->inner == 0)
		inner_v4(&E.in, 0, 64, 1, ip_len - 28);
	else if (b->inner == 1)
		inner_v4_vlan(&E.in, ip_len - 28);
	else
		inner_v6(&E.in, 0, 64, ip_len - 48);
}

static void run_big_case(void **state)
{
	const struct big_case *b = *state;
	u16 *out = &E.inner_mtu;

	/* Exactly the MTU fits... */
	build_sized(b, b->ip_mtu);
	assert_int_equal(run(1, 1), MCNIC_DROP_NONE);
	assert_int_equal(E.p.len - (E.c.flags & MCNIC_TUNF_VLAN ? 18 : 14),
			 1500);
	/* ...one byte more does not, and says how much would have. */
	build_sized(b, b->ip_mtu + 1);
	assert_int_equal(run(1, 1), MCNIC_DROP_TOO_BIG);
	if (*out != b->ip_mtu)
		print_error("%s: inner mtu %u, want %u\n", b->what, *out, b->ip_mtu);
	assert_int_equal(*out, b->ip_mtu);
	assert_unchanged();
	/* The caller need not ask for the MTU. */
	assert_int_equal(mcnic_encap(&E.t, &E.p, &E.m.outer, 1, 1, NULL),
			 MCNIC_DROP_TOO_BIG);
	assert_unchanged();
}

static void test_too_big_non_ip(void **state)
{
	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	inner_arp(&E.in, 1465);		/* 36 + 1465 = 1501 */
	assert_int_equal(run(1, 1), MCNIC_DROP_TOO_BIG);
	assert_int_equal(E.inner_mtu, 0);	/* no IP MTU to report */
	assert_unchanged();
	inner_arp(&E.in, 1464);
	assert_int_equal(run(1, 1), MCNIC_DROP_NONE);
}

static void test_not_ip(void **state)
{
	fr_tunnel_cfg(&E.c, MCNIC_TUN_GRE);
	E.c.flags = MCNIC_TUNF_GRE_L3;
	inner_arp(&E.in, 60);
	assert_int_equal(run(1, 1), MCNIC_DROP_ENCAP_NOT_IP);
	assert_unchanged();
}

/* Each corruption of a good template is refused before anything is written. */
static void test_tmpl_invalid(void **state)
{
	struct mcnic_encap_tmpl good;
	unsigned int i, bad = 0;
	enum mcnic_drop r;

	fr_tunnel_cfg(&E.c, MCNIC_TUN_VXLAN);
	inner_v4(&E.in, 0, 64, 0, 20);
	assert_int_equal(run(1, 1), MCNIC_DROP_NONE);
	good = E.t;
	for (i = 0; i < 17; i++) {
		E.t = good;
		switch (i) {
		case 0: memset(&E.t, 0, sizeof(E.t)); break;
		case 1: E.t.type = MCNIC_TUN_NONE; break;
		case 2: E.t.type = MCNIC_TUN_ESP; break;
		case 3: E.t.type = 200; break;
		case 4: E.t.hdr_len = MCNIC_TMPL_HDR_MAX + 1; break;
		case 5: E.t.hdr_len = 0xffff; break;
		case 6: E.t.l4_off = E.t.hdr_len; break;
		case 7: E.t.l4_off = E.t.l3_off + 10; break;	/* inside the IP header */
		case 8: E.t.tun_off = E.t.hdr_len - 2; break;
		case 9: E.t.mtu = 0; break;
		case 10: E.t.l3_off = 200; break;
		case 11: E.t.hdr_len = 10; break;	/* shorter than its headers */
		/* Fields the per-packet arithmetic relies on. */
		case 12: E.t.mtu = 40; break;		/* inner MTU would wrap */
		case 13: E.t.ttl = 0; break;
		case 14: E.t.sport_span = 0; break;
		case 15: E.t.sport_span = 0x10000; break;	/* port wraps */
		case 16: E.t.flags |= MCNIC_TUNF_GRE_L3; break;	/* on vxlan */
		}
		/* Corrupt templates are stopped where they enter a table. */
		if (mcnic_tmpl_valid(&E.t) != -MCNIC_EINVAL) {
			print_error("corruption %u accepted\n", i);
			bad++;
		}
		if (i > 1)
			continue;
		/* An empty slot (type none) is also refused per packet. */
		fr_to_pkt(&E.in, E.buf, sizeof(E.buf), MCNIC_HEADROOM, &E.p);
		memcpy(E.before, E.buf, sizeof(E.buf));
		E.p0 = E.p;
		r = mcnic_encap(&E.t, &E.p, &E.m.outer, 1, 1, NULL);
		if (r != MCNIC_DROP_TMPL_INVALID || E.p.head != E.p0.head ||
		    E.p.len != E.p0.len || memcmp(E.buf, E.before, sizeof(E.buf))) {
			print_error("empty slot %u: %s\n", i, mcnic_drop_name(r));
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(mcnic_tmpl_valid(&good), 0);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_vxlan_v4),
		cmocka_unit_test(test_vxlan_v4_vlan_gbp),
		cmocka_unit_test(test_vxlan_v6),
		cmocka_unit_test(test_geneve),
		cmocka_unit_test(test_gre_teb),
		cmocka_unit_test(test_gre_l3),
		cmocka_unit_test(test_l2_keeps_inner_padding),
		cmocka_unit_test(test_sport),
		cmocka_unit_test(test_flow_label),
		cmocka_unit_test(test_df_and_id),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_dscp),
		cmocka_unit_test(test_ecn),
		cmocka_unit_test(test_udp_csum_zero_sent_as_ones),
		cmocka_unit_test(test_headroom),
		cmocka_unit_test(test_too_big_non_ip),
		cmocka_unit_test(test_not_ip),
		cmocka_unit_test(test_tmpl_invalid),
	};
	static struct CMUnitTest tests[ARRAY_SIZE(big_cases) + ARRAY_SIZE(fixed)];
	static char names[ARRAY_SIZE(big_cases)][64];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		tests[n++] = fixed[i];
	/* TOO_BIG, one named test per tunnel shape. */
	for (i = 0; i < ARRAY_SIZE(big_cases); i++) {
		snprintf(names[i], sizeof(names[i]), "too_big %s", big_cases[i].what);
		tests[n++] = (struct CMUnitTest){
			.name = names[i], .test_func = run_big_case,
			.initial_state = (void *)&big_cases[i],
		};
	}
	return _cmocka_run_group_tests("unit/encap", tests, n, NULL, NULL);
}
