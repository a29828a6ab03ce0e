// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The parser (firmware/dp/parse.c): every drop reason it can return, from
 * a minimal frame that triggers it; the metadata of well-formed frames of
 * every kind, with offsets worked out by hand from the header sizes; and
 * every truncation of every well-formed frame, parsed right against an
 * unmapped page so that any read beyond the length faults.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "frame.h"

#define NONE		MCNIC_OFF_NONE
#define PORT_ALT	8472		/* Linux's historical VXLAN port */

static void cfg_default(struct mcnic_parse_cfg *c)
{
	mcnic_parse_cfg_init(c);
}

static enum mcnic_drop parse_cfg(const struct frame *f,
				 const struct mcnic_parse_cfg *c,
				 struct mcnic_pkt_meta *m)
{
	return mcnic_parse(f->b, f->len, c, m);
}

static enum mcnic_drop parse(const struct frame *f, struct mcnic_pkt_meta *m)
{
	struct mcnic_parse_cfg c;

	cfg_default(&c);
	return parse_cfg(f, &c, m);
}

/* ---- frame pieces ---------------------------------------------------- */

static void inner_eth_udp(struct frame *f)
{
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 5000, 53);
	fr_payload(f, 32, 1);
}

static void outer_udp4(struct frame *f, u16 dport)
{
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_OUT_SRC, FR_OUT_DST);
	fr_udp(f, 49152, dport);
}

static void outer_ip4(struct frame *f, u8 proto)
{
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, proto, FR_OUT_SRC, FR_OUT_DST);
}

/* ---- drop reasons ------------------------------------------------------ */

static void d_eth_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_ARP);
	f->len = 13;
}

static void d_vlan_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 100, MCNIC_ETH_P_IPV4);
	f->len = 17;
}

static void d_vlan_depth(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_8021AD);
	fr_vlan(f, 1, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 2, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 3, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

static void d_ipv4_trunc(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, 253);
	fr_finish(f);
	f->len = 14 + 19;
}

/* IHL 6 (24 bytes) where only 20 are present. */
static void d_ipv4_trunc_ihl(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, 253);
	fr_finish(f);
	f->b[14] = 0x46;
}

static void d_ipv4_version(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_udp(f, 1, 2);
	fr_finish(f);
	f->b[14] = 0x65;
}

static void d_ipv4_ihl(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_udp(f, 1, 2);
	fr_finish(f);
	f->b[14] = 0x44;
}

static void d_ipv4_len_over(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_udp(f, 1, 2);
	fr_finish(f);
	fr_put16(f->b + 16, 29);	/* 28 bytes are there */
}

static void d_ipv4_len_under(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_udp(f, 1, 2);
	fr_finish(f);
	fr_put16(f->b + 16, 19);
}

/* Total length 20 with a 24-byte header. */
static void d_ipv4_len_under_opts(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4_opts(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST, 4);
	fr_udp(f, 1, 2);
	fr_finish(f);
	fr_put16(f->b + 16, 20);
}

static void d_ipv6_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_NONE, 1, 2);
	fr_finish(f);
	f->len = 14 + 39;
}

static void d_ipv6_version(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
	fr_udp(f, 1, 2);
	fr_finish(f);
	f->b[14] = 0x40;
}

static void d_ipv6_len(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
	fr_udp(f, 1, 2);
	fr_finish(f);
	fr_put16(f->b + 18, 9);		/* 8 bytes of payload are there */
}

/* A hop-by-hop header needs at least 8 bytes; 4 are there. */
static void d_ipv6_ext_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_HOPOPTS, 1, 2);
	fr_bytes(f, "\x3b\x00\x01\x00", 4);
	fr_finish(f);
}

/* Hdr Ext Len 1 (16 bytes) where the datagram has 8. */
static void d_ipv6_ext_trunc_len(struct frame *f)
{
	u16 h;

	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_HOPOPTS, 1, 2);
	h = fr_ipv6_ext(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_NONE, 0);
	fr_finish(f);
	f->b[h + 1] = 1;
}

static void d_ipv6_frag_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_FRAGMENT, 1, 2);
	fr_bytes(f, "\x11\x00\x00\x01\x00\x00\x00", 7);
	fr_finish(f);
}

/* Five extension headers: one more than MCNIC_IPV6_EXT_MAX. */
static void d_ipv6_ext_depth(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_HOPOPTS, 1, 2);
	fr_ipv6_ext(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_DSTOPTS, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_ROUTING, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_DSTOPTS, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_DSTOPTS, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 0);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

/* RFC 8200 §4.1: hop-by-hop options only right after the IPv6 header. */
static void d_ipv6_hbh_pos(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_DSTOPTS, 1, 2);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_HOPOPTS, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_UDP, 0);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

static void d_udp_trunc(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_bytes(f, "\x00\x01\x00\x02\x00\x08\x00", 7);
	fr_finish(f);
}

static void d_udp6_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
	fr_bytes(f, "\x00\x01\x00\x02\x00\x08\x00", 7);
	fr_finish(f);
}

static void d_udp_len_short(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_udp(f, 1, 2);
	fr_payload(f, 4, 0);
	fr_finish(f);
	fr_put16(f->b + 34 + 4, 7);
}

static void d_udp_len_long(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_UDP);
	fr_udp(f, 1, 2);
	fr_payload(f, 4, 0);
	fr_finish(f);
	fr_put16(f->b + 34 + 4, 13);	/* 12 bytes in the datagram */
}

static void d_tcp_trunc(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_TCP);
	fr_payload(f, 19, 0);
	fr_finish(f);
}

static void d_tcp_doff_small(struct frame *f)
{
	u16 t;

	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_TCP);
	t = fr_tcp(f, 1, 2, 0x02, 0);
	fr_payload(f, 8, 0);
	fr_finish(f);
	f->b[t + 12] = 0x40;
}

static void d_tcp_doff_long(struct frame *f)
{
	u16 t;

	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_TCP);
	t = fr_tcp(f, 1, 2, 0x02, 0);
	fr_finish(f);
	f->b[t + 12] = 0x60;		/* 24 bytes, 20 there */
}

static void d_icmp_trunc(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_ICMP);
	fr_bytes(f, "\x08\x00\x00\x00\x00\x01\x00", 7);
	fr_finish(f);
}

static void d_icmp6_trunc(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_ICMPV6, 1, 2);
	fr_bytes(f, "\x80\x00\x00\x00\x00\x01\x00", 7);
	fr_finish(f);
}

static void d_vxlan_trunc(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_bytes(f, "\x08\x00\x00\x00\x00\x00\x01", 7);
	fr_finish(f);
}

/* RFC 7348 §5: the I flag must be set for a valid VNI. */
static void d_vxlan_flags(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, 0x00, 0, 0, 100);
	inner_eth_udp(f);
	fr_finish(f);
}

static void d_vxlan_flags_gbp_only(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_G, 0, 7, 100);
	inner_eth_udp(f);
	fr_finish(f);
}

static void d_geneve_trunc(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_bytes(f, "\x00\x00\x65\x58\x00\x00\x01", 7);
	fr_finish(f);
}

/* Opt Len 2 words where only one follows the header. */
static void d_geneve_trunc_opts(struct frame *f)
{
	static const u8 opt[4] = { 0x01, 0x02, 0x03, 0x00 };
	u16 g;

	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	g = fr_geneve(f, 0, MCNIC_ETH_P_TEB, 100, opt, 4);
	fr_finish(f);
	f->b[g] = 2;
}

static void d_geneve_version(struct frame *f)
{
	u16 g;

	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	g = fr_geneve(f, 0, MCNIC_ETH_P_TEB, 100, NULL, 0);
	inner_eth_udp(f);
	fr_finish(f);
	f->b[g] = 0x40;			/* version 1 */
}

/* A 4-byte option area holding an option that says it has 4 data bytes. */
static void d_geneve_opt(struct frame *f)
{
	static const u8 opt[4] = { 0x01, 0x02, 0x03, 0x01 };

	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, 0, MCNIC_ETH_P_TEB, 100, opt, 4);
	inner_eth_udp(f);
	fr_finish(f);
}

static void d_gre_trunc(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_bytes(f, "\x00\x00\x65", 3);
	fr_finish(f);
}

/* K set: 8 bytes of header, 4 there. */
static void d_gre_trunc_key(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_bytes(f, "\x20\x00\x65\x58", 4);
	fr_finish(f);
}

/* Version 1 is PPTP's enhanced GRE (RFC 2637), not ours. */
static void d_gre_version(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, 0x0001, MCNIC_ETH_P_TEB, 0, 0);
	inner_eth_udp(f);
	fr_finish(f);
}

static void d_gre_routing(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, MCNIC_GRE_F_R, MCNIC_ETH_P_TEB, 0, 0);
	fr_payload(f, 8, 0);
	inner_eth_udp(f);
	fr_finish(f);
}

static void d_esp_trunc(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_ESP);
	fr_bytes(f, "\x00\x00\x10\x00\x00\x00\x01", 7);
	fr_finish(f);
}

static void d_espinudp_trunc(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_ESPINUDP);
	fr_bytes(f, "\x00\x00\x10\x00\x00", 5);
	fr_finish(f);
}

/* Inner frames: the reason is the inner's, and err_inner says so. */
static void d_in_eth_trunc(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 100);
	fr_payload(f, 13, 0);
	fr_finish(f);
}

static void d_in_vlan_depth(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 100);
	fr_eth(f, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 1, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 2, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 3, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

static void d_in_ipv4_version(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 100);
	inner_eth_udp(f);
	fr_finish(f);
	f->b[50 + 14] = 0x55;
}

/*
 * The inner IPv4 total length fits the outer datagram but not the UDP
 * datagram (whose length was cut by 4): a tunnel owns only its UDP payload.
 */
static void d_in_beyond_udp(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 100);
	inner_eth_udp(f);
	fr_finish(f);
	fr_put16(f->b + 34 + 4, fr_get16(f->b + 34 + 4) - 4);
}

static void d_in_gre_ihl(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, 0, MCNIC_ETH_P_IPV4, 0, 0);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 1, 2);
	fr_finish(f);
	f->b[38] = 0x44;
}

static void d_in_geneve_ipv6_trunc(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, 0, MCNIC_ETH_P_IPV6, 100, NULL, 0);
	fr_payload(f, 39, 0x60);
	fr_finish(f);
	f->b[50] = 0x60;
}

static void d_in_udp_len(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, 0, MCNIC_ETH_P_TEB, 100, NULL, 0);
	inner_eth_udp(f);
	fr_finish(f);
	fr_put16(f->b + 50 + 34 + 4, 6);
}

static void d_in_tcp_doff(struct frame *f)
{
	u16 t;

	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, MCNIC_GRE_F_K, MCNIC_ETH_P_TEB, 9, 0);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_TCP, FR_IN_SRC, FR_IN_DST);
	t = fr_tcp(f, 1, 2, 0x10, 0);
	fr_finish(f);
	f->b[t + 12] = 0x30;
}

struct drop_case {
	const char *name;
	void (*build)(struct frame *f);
	enum mcnic_drop want;
	u8 inner;
};

#define DROP(fn, reason, in) \
	{ .name = #fn, .build = fn, .want = MCNIC_DROP_##reason, .inner = in }

static const struct drop_case drop_cases[] = {
	DROP(d_eth_trunc, ETH_TRUNC, 0),
	DROP(d_vlan_trunc, VLAN_TRUNC, 0),
	DROP(d_vlan_depth, VLAN_DEPTH, 0),
	DROP(d_ipv4_trunc, IPV4_TRUNC, 0),
	DROP(d_ipv4_trunc_ihl, IPV4_TRUNC, 0),
	DROP(d_ipv4_version, IPV4_VERSION, 0),
	DROP(d_ipv4_ihl, IPV4_IHL, 0),
	DROP(d_ipv4_len_over, IPV4_LEN, 0),
	DROP(d_ipv4_len_under, IPV4_LEN, 0),
	DROP(d_ipv4_len_under_opts, IPV4_LEN, 0),
	DROP(d_ipv6_trunc, IPV6_TRUNC, 0),
	DROP(d_ipv6_version, IPV6_VERSION, 0),
	DROP(d_ipv6_len, IPV6_LEN, 0),
	DROP(d_ipv6_ext_trunc, IPV6_EXT_TRUNC, 0),
	DROP(d_ipv6_ext_trunc_len, IPV6_EXT_TRUNC, 0),
	DROP(d_ipv6_frag_trunc, IPV6_EXT_TRUNC, 0),
	DROP(d_ipv6_ext_depth, IPV6_EXT_DEPTH, 0),
	DROP(d_ipv6_hbh_pos, IPV6_HBH_POS, 0),
	DROP(d_udp_trunc, UDP_TRUNC, 0),
	DROP(d_udp6_trunc, UDP_TRUNC, 0),
	DROP(d_udp_len_short, UDP_LEN, 0),
	DROP(d_udp_len_long, UDP_LEN, 0),
	DROP(d_tcp_trunc, TCP_TRUNC, 0),
	DROP(d_tcp_doff_small, TCP_DOFF, 0),
	DROP(d_tcp_doff_long, TCP_DOFF, 0),
	DROP(d_icmp_trunc, ICMP_TRUNC, 0),
	DROP(d_icmp6_trunc, ICMP_TRUNC, 0),
	DROP(d_vxlan_trunc, VXLAN_TRUNC, 0),
	DROP(d_vxlan_flags, VXLAN_FLAGS, 0),
	DROP(d_vxlan_flags_gbp_only, VXLAN_FLAGS, 0),
	DROP(d_geneve_trunc, GENEVE_TRUNC, 0),
	DROP(d_geneve_trunc_opts, GENEVE_TRUNC, 0),
	DROP(d_geneve_version, GENEVE_VERSION, 0),
	DROP(d_geneve_opt, GENEVE_OPT, 0),
	DROP(d_gre_trunc, GRE_TRUNC, 0),
	DROP(d_gre_trunc_key, GRE_TRUNC, 0),
	DROP(d_gre_version, GRE_VERSION, 0),
	DROP(d_gre_routing, GRE_ROUTING, 0),
	DROP(d_esp_trunc, ESP_TRUNC, 0),
	DROP(d_espinudp_trunc, ESP_TRUNC, 0),
	DROP(d_in_eth_trunc, ETH_TRUNC, 1),
	DROP(d_in_vlan_depth, VLAN_DEPTH, 1),
	DROP(d_in_ipv4_version, IPV4_VERSION, 1),
	DROP(d_in_beyond_udp, IPV4_LEN, 1),
	DROP(d_in_gre_ihl, IPV4_IHL, 1),
	DROP(d_in_geneve_ipv6_trunc, IPV6_TRUNC, 1),
	DROP(d_in_udp_len, UDP_LEN, 1),
	DROP(d_in_tcp_doff, TCP_DOFF, 1),
};

#define N_DROP_CASES (sizeof(drop_cases) / sizeof(drop_cases[0]))

static void run_drop_case(void **state)
{
	const struct drop_case *c = *state;
	struct mcnic_pkt_meta m;
	struct frame f;
	enum mcnic_drop r;

	c->build(&f);
	r = parse(&f, &m);
	if (r != c->want)
		print_error("got %s, want %s\n", mcnic_drop_name(r),
			    mcnic_drop_name(c->want));
	assert_int_equal(r, c->want);
	assert_int_equal(m.err_inner, c->inner);
}

/* Every reason the parser can return has a case above. */
static void test_drop_reasons_covered(void **state)
{
	static const enum mcnic_drop parser_reasons[] = {
		MCNIC_DROP_ETH_TRUNC, MCNIC_DROP_VLAN_TRUNC, MCNIC_DROP_VLAN_DEPTH,
		MCNIC_DROP_IPV4_TRUNC, MCNIC_DROP_IPV4_VERSION, MCNIC_DROP_IPV4_IHL,
		MCNIC_DROP_IPV4_LEN, MCNIC_DROP_IPV6_TRUNC, MCNIC_DROP_IPV6_VERSION,
		MCNIC_DROP_IPV6_LEN, MCNIC_DROP_IPV6_EXT_TRUNC,
		MCNIC_DROP_IPV6_EXT_DEPTH, MCNIC_DROP_IPV6_HBH_POS,
		MCNIC_DROP_UDP_TRUNC, MCNIC_DROP_UDP_LEN, MCNIC_DROP_TCP_TRUNC,
		MCNIC_DROP_TCP_DOFF, MCNIC_DROP_ICMP_TRUNC, MCNIC_DROP_VXLAN_TRUNC,
		MCNIC_DROP_VXLAN_FLAGS, MCNIC_DROP_GENEVE_TRUNC,
		MCNIC_DROP_GENEVE_VERSION, MCNIC_DROP_GENEVE_OPT,
		MCNIC_DROP_GRE_TRUNC, MCNIC_DROP_GRE_VERSION,
		MCNIC_DROP_GRE_ROUTING, MCNIC_DROP_ESP_TRUNC,
	};
	unsigned int i, j, found;

	for (i = 0; i < sizeof(parser_reasons) / sizeof(parser_reasons[0]); i++) {
		found = 0;
		for (j = 0; j < N_DROP_CASES; j++)
			found |= drop_cases[j].want == parser_reasons[i];
		assert_true(found);
	}
}

/*
 * RFC 2784 §2.5.1: "A receiver MUST discard a packet where any of bits 1-5
 * are non-zero, unless that receiver implements RFC 1701."  Bits 2 and 3
 * are RFC 2890's K and S, bit 1 is R (GRE_ROUTING); bits 4 (strict source
 * route, 0x0800) and 5 (first recursion-control bit, 0x0400) remain.
 */
static void test_gre_reserved0_bits_discarded(void **state)
{
	static const u16 bits[] = { 0x0800, 0x0400 };
	struct mcnic_pkt_meta m;
	struct frame f;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		fr_init(&f);
		outer_ip4(&f, MCNIC_IPPROTO_GRE);
		fr_gre(&f, bits[i], MCNIC_ETH_P_TEB, 0, 0);
		inner_eth_udp(&f);
		fr_finish(&f);
		if (parse(&f, &m) == MCNIC_DROP_NONE)
			print_error("GRE flags 0x%04x accepted\n", bits[i]);
		assert_int_not_equal(parse(&f, &m), MCNIC_DROP_NONE);
	}
	/* Bits 6-12 are reserved, "MUST be ignored on receipt". */
	fr_init(&f);
	outer_ip4(&f, MCNIC_IPPROTO_GRE);
	fr_gre(&f, 0x0200 | 0x0008, MCNIC_ETH_P_TEB, 0, 0);
	inner_eth_udp(&f);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GRE);
}

/* The parser leaves GENEVE_PROTO, GRE_PROTO and GENEVE_CRIT to decap. */
static void test_decap_reasons_not_parse_errors(void **state)
{
	static const u8 crit[4] = { 0x01, 0x03, 0x87, 0x00 };
	struct mcnic_pkt_meta m;
	struct frame f;

	fr_init(&f);
	outer_udp4(&f, MCNIC_PORT_GENEVE);
	fr_geneve(&f, MCNIC_GENEVE_F_C, MCNIC_ETH_P_TEB, 100, crit, 4);
	inner_eth_udp(&f);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);

	fr_init(&f);
	outer_ip4(&f, MCNIC_IPPROTO_GRE);
	fr_gre(&f, 0, 0x8847, 0, 0);		/* MPLS */
	fr_payload(&f, 20, 0);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
}

/* ---- well-formed frames ------------------------------------------------ */

static void assert_no_tunnel(const struct mcnic_pkt_meta *m)
{
	assert_int_equal(m->tun, MCNIC_TUN_NONE);
	assert_int_equal(m->inner_off, NONE);
	assert_int_equal(m->inner.l2_off, NONE);
	assert_int_equal(m->inner.l3_off, NONE);
	assert_int_equal(m->inner.l4_off, NONE);
	assert_int_equal(m->tflags, 0);
	assert_int_equal(m->err_inner, 0);
}

static void assert_addr4(const u8 *a, u32 want)
{
	u8 b[4] = { 0 };

	fr_put32(b, want);
	assert_memory_equal(a, b, 4);
}

static void assert_addr6(const u8 *a, u16 host)
{
	u8 b[16] = { 0 };

	fr_ip6addr(b, host);
	assert_memory_equal(a, b, 16);
}

static void w_ipv4_udp(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 1234, 80);
	fr_payload(f, 32, 0);
	fr_finish(f);
	f->b[15] = 0xb9;		/* DSCP 46, ECT(1) */
	f->b[22] = 17;			/* TTL */
	fr_finish(f);
}

static void test_ipv4_udp(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv4_udp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.len, 74);
	assert_int_equal(m.outer.l2_off, 0);
	assert_int_equal(m.outer.l3_off, 14);
	assert_int_equal(m.outer.l4_off, 34);
	assert_int_equal(m.outer.end, 74);
	assert_int_equal(m.outer.ethertype, MCNIC_ETH_P_IPV4);
	assert_int_equal(m.outer.n_vlan, 0);
	assert_int_equal(m.outer.l3, MCNIC_L3_IPV4);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.tos, 0xb9);
	assert_int_equal(m.outer.ttl, 17);
	assert_int_equal(m.outer.flags, MCNIC_LF_L4);
	assert_int_equal(m.outer.sport, 1234);
	assert_int_equal(m.outer.dport, 80);
	assert_addr4(m.outer.saddr, FR_IN_SRC);
	assert_addr4(m.outer.daddr, FR_IN_DST);
	assert_no_tunnel(&m);
}

static void w_vlan(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_8021Q);
	fr_vlan(f, 0x2064, MCNIC_ETH_P_IPV4);	/* PCP 1, VID 100 */
	fr_ipv4(f, MCNIC_IPPROTO_TCP, FR_IN_SRC, FR_IN_DST);
	fr_tcp(f, 40000, 443, 0x18, 0);
	fr_payload(f, 10, 0);
	fr_finish(f);
}

static void test_vlan(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vlan(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.n_vlan, 1);
	assert_int_equal(m.outer.vlan_tci[0], 0x2064);
	assert_int_equal(m.outer.ethertype, MCNIC_ETH_P_IPV4);
	assert_int_equal(m.outer.l3_off, 18);
	assert_int_equal(m.outer.l4_off, 38);
	assert_int_equal(m.outer.end, 18 + 20 + 20 + 10);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_TCP);
	assert_int_equal(m.outer.tcp_flags, 0x18);
}

static void w_qinq(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_8021AD);
	fr_vlan(f, 0xe005, MCNIC_ETH_P_8021Q);	/* S-tag PCP 7, VID 5 */
	fr_vlan(f, 0x0064, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

static void test_qinq(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_qinq(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.n_vlan, 2);
	assert_int_equal(m.outer.vlan_tci[0], 0xe005);
	assert_int_equal(m.outer.vlan_tci[1], 0x0064);
	assert_int_equal(m.outer.ethertype, MCNIC_ETH_P_IPV6);
	assert_int_equal(m.outer.l3_off, 22);
	assert_int_equal(m.outer.l4_off, 62);
	assert_int_equal(m.outer.end, 70);
}

static void w_ipv4_opts(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4_opts(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST, 8);
	fr_udp(f, 7, 9);
	fr_payload(f, 4, 0);
	fr_finish(f);
}

static void test_ipv4_options(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv4_opts(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l3_off, 14);
	assert_int_equal(m.outer.l4_off, 42);
	assert_int_equal(m.outer.end, 54);
	assert_int_equal(m.outer.flags, MCNIC_LF_IPV4_OPTS | MCNIC_LF_L4);
	assert_int_equal(m.outer.sport, 7);
	assert_int_equal(m.outer.dport, 9);
}

static void test_ipv4_df(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv4_udp(&f);
	fr_put16(f.b + 20, MCNIC_IPV4_DF);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.flags, MCNIC_LF_IPV4_DF | MCNIC_LF_L4);
}

/* First fragment: MF, offset 0; its UDP length covers the whole datagram. */
static void w_ipv4_frag_first(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_put16(f->b + 20, MCNIC_IPV4_MF);
	fr_udp_nocsum(f, 1234, 80);
	fr_payload(f, 24, 0);
	fr_finish(f);
	fr_put16(f->b + 34 + 4, 1000);
}

static void test_ipv4_frag_first(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv4_frag_first(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.flags, MCNIC_LF_FRAG | MCNIC_LF_L4);
	assert_int_equal(m.outer.l4_off, 34);
	assert_int_equal(m.outer.sport, 1234);
	assert_int_equal(m.outer.dport, 80);
	assert_int_equal(m.outer.end, 66);
}

static void w_ipv4_frag_later(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_put16(f->b + 20, MCNIC_IPV4_MF | 4);	/* offset 32 bytes */
	fr_payload(f, 24, 0);
	fr_finish(f);
}

static void test_ipv4_frag_later(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv4_frag_later(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.flags, MCNIC_LF_FRAG | MCNIC_LF_FRAG_LATER);
	assert_int_equal(m.outer.l4_off, NONE);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.sport, 0);
	assert_int_equal(m.outer.dport, 0);
	assert_int_equal(m.outer.end, 58);

	/* The last fragment: offset, no MF. */
	fr_put16(f.b + 20, 4);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.flags, MCNIC_LF_FRAG | MCNIC_LF_FRAG_LATER);
}

static void w_ipv6_udp(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2);
	fr_put32(f->b + 14, 0x6b812345);	/* TC 0xb8, flow label 0x12345 */
	f->b[21] = 3;				/* hop limit */
	fr_udp(f, 546, 547);
	fr_payload(f, 12, 0);
	fr_finish(f);
}

static void test_ipv6_udp(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv6_udp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l3, MCNIC_L3_IPV6);
	assert_int_equal(m.outer.l3_off, 14);
	assert_int_equal(m.outer.l4_off, 54);
	assert_int_equal(m.outer.end, 74);
	assert_int_equal(m.outer.tos, 0xb8);
	assert_int_equal(m.outer.ttl, 3);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.flags, MCNIC_LF_L4);
	assert_int_equal(m.outer.sport, 546);
	assert_int_equal(m.outer.dport, 547);
	assert_addr6(m.outer.saddr, 1);
	assert_addr6(m.outer.daddr, 2);
	assert_no_tunnel(&m);
}

static void w_ipv6_hbh(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_HOPOPTS, 1, 2);
	fr_ipv6_ext(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_UDP, 0);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

static void w_ipv6_rt(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_ROUTING, 1, 2);
	fr_ipv6_ext(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_TCP, 1);
	fr_tcp(f, 1, 2, 0x02, 4);
	fr_finish(f);
}

static void w_ipv6_dst(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_DSTOPTS, 1, 2);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_ICMPV6, 2);
	fr_icmp(f, 128, 0, 77, 1);
	fr_finish(f);
}

/* Four extension headers: the most the parser walks. */
static void w_ipv6_chain4(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_HOPOPTS, 1, 2);
	fr_ipv6_ext(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_DSTOPTS, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_ROUTING, 1);
	fr_ipv6_ext(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_DSTOPTS, 0);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 0);
	fr_udp(f, 1, 2);
	fr_finish(f);
}

static void test_ipv6_ext(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv6_hbh(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l4_off, 62);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.flags, MCNIC_LF_IPV6_EXT | MCNIC_LF_L4);

	w_ipv6_rt(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l4_off, 70);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_TCP);
	assert_int_equal(m.outer.flags, MCNIC_LF_IPV6_EXT | MCNIC_LF_L4);
	assert_int_equal(m.outer.tcp_flags, 0x02);

	w_ipv6_dst(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l4_off, 78);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_ICMPV6);
	assert_int_equal(m.outer.sport, 128 << 8);
	assert_int_equal(m.outer.dport, 77);
	assert_int_equal(m.outer.flags, MCNIC_LF_IPV6_EXT | MCNIC_LF_L4);

	w_ipv6_chain4(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l4_off, 54 + 8 + 16 + 8 + 8);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.flags, MCNIC_LF_IPV6_EXT | MCNIC_LF_L4);
	assert_int_equal(m.outer.end, 14 + 40 + 40 + 8);
}

static void w_ipv6_frag_first(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_FRAGMENT, 1, 2);
	fr_ipv6_frag(f, MCNIC_IPPROTO_UDP, 0, 1, 0xabcd);
	fr_udp_nocsum(f, 1234, 80);
	fr_payload(f, 16, 0);
	fr_finish(f);
	fr_put16(f->b + 62 + 4, 3000);
}

static void w_ipv6_frag_later(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_FRAGMENT, 1, 2);
	fr_ipv6_frag(f, MCNIC_IPPROTO_UDP, 3, 1, 0xabcd);
	fr_payload(f, 16, 0);
	fr_finish(f);
}

static void test_ipv6_frag(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv6_frag_first(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.flags,
			 MCNIC_LF_FRAG | MCNIC_LF_IPV6_EXT | MCNIC_LF_L4);
	assert_int_equal(m.outer.l4_off, 62);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.sport, 1234);

	w_ipv6_frag_later(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.flags,
			 MCNIC_LF_FRAG | MCNIC_LF_FRAG_LATER | MCNIC_LF_IPV6_EXT);
	assert_int_equal(m.outer.l4_off, NONE);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(m.outer.sport, 0);
	assert_int_equal(m.outer.end, 14 + 40 + 8 + 16);
}

/*
 * meta.h defines MCNIC_LF_FRAG as "IP fragment (MF or offset)", as for
 * IPv4.  An IPv6 atomic fragment (fragment header, offset 0, M clear) has
 * neither: RFC 6946 §4 says it MUST be processed in isolation, as the
 * whole packet it is.  So a VXLAN packet in one is a tunnel packet.
 */
static void test_ipv6_atomic_fragment(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV6);
	fr_ipv6(&f, MCNIC_IPPROTO_FRAGMENT, 1, 2);
	fr_ipv6_frag(&f, MCNIC_IPPROTO_UDP, 0, 0, 0x1234);
	fr_udp(&f, 49152, MCNIC_PORT_VXLAN);
	fr_vxlan(&f, MCNIC_VXLAN_F_I, 0, 0, 77);
	inner_eth_udp(&f);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l4_off, 62);
	assert_true(m.outer.flags & MCNIC_LF_IPV6_EXT);
	assert_false(m.outer.flags & MCNIC_LF_FRAG_LATER);
	assert_false(m.outer.flags & MCNIC_LF_FRAG);
	assert_int_equal(m.tun, MCNIC_TUN_VXLAN);
}

static void w_tcp_opts(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_TCP, FR_IN_SRC, FR_IN_DST);
	fr_tcp(f, 443, 51000, 0x12, 12);	/* SYN|ACK with options */
	fr_finish(f);
}

static void test_tcp(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_tcp_opts(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_TCP);
	assert_int_equal(m.outer.l4_off, 34);
	assert_int_equal(m.outer.end, 34 + 32);
	assert_int_equal(m.outer.sport, 443);
	assert_int_equal(m.outer.dport, 51000);
	assert_int_equal(m.outer.tcp_flags, 0x12);
	assert_int_equal(m.outer.flags, MCNIC_LF_L4);
}

static void w_icmp(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_ICMP, FR_IN_SRC, FR_IN_DST);
	fr_icmp(f, 3, 4, 0x1234, 1400);	/* frag needed: no identifier */
	fr_payload(f, 28, 0);
	fr_finish(f);
}

static void w_icmp_echo(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_ICMP, FR_IN_SRC, FR_IN_DST);
	fr_icmp(f, 8, 0, 0x4242, 7);
	fr_payload(f, 56, 0);
	fr_finish(f);
}

static void w_icmp6(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_ICMPV6, 1, 2);
	fr_icmp(f, 129, 0, 0x0102, 3);	/* echo reply */
	fr_finish(f);
}

static void test_icmp(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_icmp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_ICMP);
	assert_int_equal(m.outer.l4_off, 34);
	assert_int_equal(m.outer.sport, 0x0304);
	assert_int_equal(m.outer.dport, 0);
	assert_int_equal(m.outer.flags, MCNIC_LF_L4);

	w_icmp_echo(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.sport, 0x0800);
	assert_int_equal(m.outer.dport, 0x4242);

	w_icmp6(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_ICMPV6);
	assert_int_equal(m.outer.l4_off, 54);
	assert_int_equal(m.outer.sport, 129 << 8);
	assert_int_equal(m.outer.dport, 0x0102);
	assert_int_equal(m.outer.flags, MCNIC_LF_L4);
}

static void w_arp(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_ARP);
	fr_payload(f, 46, 0);
}

static void test_non_ip(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_arp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l2_off, 0);
	assert_int_equal(m.outer.l3_off, NONE);
	assert_int_equal(m.outer.l4_off, NONE);
	assert_int_equal(m.outer.l3, MCNIC_L3_NONE);
	assert_int_equal(m.outer.ethertype, MCNIC_ETH_P_ARP);
	assert_int_equal(m.outer.end, 60);
	assert_no_tunnel(&m);
}

/* A 48-byte IPv4 datagram padded to the 60-byte Ethernet minimum. */
static void w_ipv4_padded(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 1, 2);
	fr_payload(f, 6, 0);
	fr_finish(f);
	fr_trail(f, 12);
}

static void w_ipv6_padded(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_NONE, 1, 2);
	fr_finish(f);
	fr_trail(f, 6);
}

static void test_ethernet_padding(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_ipv4_padded(&f);
	assert_int_equal(f.len, 60);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.len, 60);
	assert_int_equal(m.outer.end, 48);
	assert_int_equal(m.outer.flags, MCNIC_LF_L4);

	w_ipv6_padded(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.end, 54);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_NONE);
	assert_int_equal(m.outer.flags, 0);
}

/* ---- tunnels ------------------------------------------------------------- */

static void w_vxlan(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 0x123456);
	inner_eth_udp(f);
	fr_finish(f);
}

static void assert_inner_eth_udp(const struct mcnic_layer *in, u16 at, u16 end)
{
	assert_int_equal(in->l2_off, at);
	assert_int_equal(in->l3_off, at + 14);
	assert_int_equal(in->l4_off, at + 34);
	assert_int_equal(in->end, end);
	assert_int_equal(in->ethertype, MCNIC_ETH_P_IPV4);
	assert_int_equal(in->l3, MCNIC_L3_IPV4);
	assert_int_equal(in->proto, MCNIC_IPPROTO_UDP);
	assert_int_equal(in->sport, 5000);
	assert_int_equal(in->dport, 53);
	assert_int_equal(in->flags, MCNIC_LF_L4);
	assert_addr4(in->saddr, FR_IN_SRC);
	assert_addr4(in->daddr, FR_IN_DST);
}

static void test_vxlan(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vxlan(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_VXLAN);
	assert_int_equal(m.vni, 0x123456);
	assert_int_equal(m.inner_off, 50);
	assert_int_equal(m.tun_proto, MCNIC_ETH_P_TEB);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2);
	assert_int_equal(m.ident, 0);
	assert_int_equal(m.err_inner, 0);
	assert_int_equal(m.outer.l4_off, 34);
	assert_int_equal(m.outer.dport, MCNIC_PORT_VXLAN);
	assert_int_equal(m.outer.end, 124);
	assert_inner_eth_udp(&m.inner, 50, 124);
}

static void w_vxlan_gbp(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_G | MCNIC_VXLAN_F_I,
		 MCNIC_VXLAN_GBP_D | MCNIC_VXLAN_GBP_A, 0xbeef, 42);
	inner_eth_udp(f);
	fr_finish(f);
}

static void test_vxlan_gbp(void **state)
{
	struct mcnic_parse_cfg c;
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vxlan_gbp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_VXLAN);
	assert_int_equal(m.vni, 42);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2 | MCNIC_TF_GBP |
			 MCNIC_TF_IDENT | MCNIC_TF_GBP_D | MCNIC_TF_GBP_A);
	assert_int_equal(m.ident, 0xbeef);

	/* D alone. */
	f.b[43] = MCNIC_VXLAN_GBP_D;
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2 | MCNIC_TF_GBP |
			 MCNIC_TF_IDENT | MCNIC_TF_GBP_D);

	/* No G: the group bytes are reserved and ignored (RFC 7348 §5). */
	f.b[42] = MCNIC_VXLAN_F_I;
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2);
	assert_int_equal(m.ident, 0);

	/* G set but GBP not enabled on the port: plain VXLAN. */
	w_vxlan_gbp(&f);
	cfg_default(&c);
	c.vxlan_gbp = 0;
	assert_int_equal(parse_cfg(&f, &c, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_VXLAN);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2);
	assert_int_equal(m.ident, 0);
}

static void w_vxlan_alt_port(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, PORT_ALT);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 9);
	inner_eth_udp(f);
	fr_finish(f);
}

static void test_vxlan_ports(void **state)
{
	struct mcnic_parse_cfg c;
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vxlan_alt_port(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);			/* 8472 is not configured */

	cfg_default(&c);
	c.vxlan_port[3] = PORT_ALT;
	assert_int_equal(parse_cfg(&f, &c, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_VXLAN);
	assert_int_equal(m.vni, 9);
	assert_inner_eth_udp(&m.inner, 50, 124);

	/* 4789 removed from the list: no longer VXLAN. */
	w_vxlan(&f);
	c.vxlan_port[0] = 0;
	assert_int_equal(parse_cfg(&f, &c, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);
	assert_int_equal(m.outer.dport, MCNIC_PORT_VXLAN);
}

/* Options: an unknown non-critical one (class 0x0102), then mcnic's ident. */
static const u8 gnv_opts[16] = {
	0x01, 0x02, 0x05, 0x01, 0xde, 0xad, 0xbe, 0xef,
	0xff, 0xf0, 0x01, 0x01, 0x00, 0x42, 0x00, 0x00,
};

static void w_geneve(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, 0, MCNIC_ETH_P_TEB, 0xabcdef, gnv_opts, 16);
	inner_eth_udp(f);
	fr_finish(f);
}

static void test_geneve_options(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_geneve(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GENEVE);
	assert_int_equal(m.vni, 0xabcdef);
	assert_int_equal(m.gnv_opt_off, 50);
	assert_int_equal(m.gnv_opt_len, 16);
	assert_int_equal(m.inner_off, 66);
	assert_int_equal(m.tun_proto, MCNIC_ETH_P_TEB);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2 | MCNIC_TF_IDENT);
	assert_int_equal(m.ident, 0x0042);
	assert_inner_eth_udp(&m.inner, 66, 140);

	/* Without options. */
	fr_init(&f);
	outer_udp4(&f, MCNIC_PORT_GENEVE);
	fr_geneve(&f, 0, MCNIC_ETH_P_TEB, 1, NULL, 0);
	inner_eth_udp(&f);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.gnv_opt_len, 0);
	assert_int_equal(m.inner_off, 50);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2);
}

/* An ident-class option of another type or size is not the ident option. */
static void test_geneve_ident_exact(void **state)
{
	static const u8 long_ident[12] = {
		0xff, 0xf0, 0x01, 0x02, 0x00, 0x42, 0x00, 0x00, 0, 0, 0, 0,
	};
	static const u8 other_type[8] = {
		0xff, 0xf0, 0x02, 0x01, 0x00, 0x42, 0x00, 0x00,
	};
	struct mcnic_pkt_meta m;
	struct frame f;

	fr_init(&f);
	outer_udp4(&f, MCNIC_PORT_GENEVE);
	fr_geneve(&f, 0, MCNIC_ETH_P_TEB, 1, long_ident, 12);
	inner_eth_udp(&f);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_false(m.tflags & MCNIC_TF_IDENT);

	fr_init(&f);
	outer_udp4(&f, MCNIC_PORT_GENEVE);
	fr_geneve(&f, 0, MCNIC_ETH_P_TEB, 1, other_type, 8);
	inner_eth_udp(&f);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_false(m.tflags & MCNIC_TF_IDENT);
	assert_int_equal(m.ident, 0);
}

/* RFC 8926 §3.5: type's high bit marks an option critical. */
static void w_geneve_crit(struct frame *f)
{
	static const u8 opts[12] = {
		0xff, 0xf0, 0x01, 0x01, 0x12, 0x34, 0x00, 0x00,	/* ident */
		0x01, 0x03, 0x87, 0x00,				/* critical */
	};

	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, MCNIC_GENEVE_F_O | MCNIC_GENEVE_F_C, MCNIC_ETH_P_TEB, 5,
		  opts, 12);
	inner_eth_udp(f);
	fr_finish(f);
}

static void test_geneve_critical(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_geneve_crit(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2 | MCNIC_TF_IDENT |
			 MCNIC_TF_GNV_OAM | MCNIC_TF_GNV_CRIT |
			 MCNIC_TF_GNV_CRIT_UNK);
	assert_int_equal(m.ident, 0x1234);
	assert_int_equal(m.gnv_opt_len, 12);
	assert_int_equal(m.inner_off, 62);

	/* The same option with the critical bit clear is merely unknown. */
	f.b[50 + 10] = 0x07;
	f.b[43] = 0;
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2 | MCNIC_TF_IDENT);
}

static void w_geneve_ipv4(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, 0, MCNIC_ETH_P_IPV4, 77, NULL, 0);
	fr_ipv4(f, MCNIC_IPPROTO_TCP, FR_IN_SRC, FR_IN_DST);
	fr_tcp(f, 22, 60000, 0x10, 0);
	fr_finish(f);
}

static void w_geneve_unknown(struct frame *f)
{
	fr_init(f);
	outer_udp4(f, MCNIC_PORT_GENEVE);
	fr_geneve(f, 0, 0x88b5, 77, NULL, 0);
	fr_payload(f, 30, 0);
	fr_finish(f);
}

static void test_geneve_protocols(void **state)
{
	struct mcnic_parse_cfg c;
	struct mcnic_pkt_meta m;
	struct frame f;

	w_geneve_ipv4(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GENEVE);
	assert_int_equal(m.tun_proto, MCNIC_ETH_P_IPV4);
	assert_int_equal(m.tflags, 0);
	assert_int_equal(m.inner_off, 50);
	assert_int_equal(m.inner.l2_off, NONE);
	assert_int_equal(m.inner.l3_off, 50);
	assert_int_equal(m.inner.l4_off, 70);
	assert_int_equal(m.inner.ethertype, MCNIC_ETH_P_IPV4);
	assert_int_equal(m.inner.proto, MCNIC_IPPROTO_TCP);
	assert_int_equal(m.inner.sport, 22);
	assert_int_equal(m.inner.end, 90);

	w_geneve_unknown(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GENEVE);
	assert_int_equal(m.tun_proto, 0x88b5);
	assert_int_equal(m.inner_off, 50);
	assert_int_equal(m.inner.l2_off, NONE);
	assert_int_equal(m.inner.l3_off, NONE);

	/* GENEVE disabled on the port. */
	w_geneve(&f);
	cfg_default(&c);
	c.geneve_port = 0;
	assert_int_equal(parse_cfg(&f, &c, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);
}

static void w_gre_teb(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, 0, MCNIC_ETH_P_TEB, 0, 0);
	inner_eth_udp(f);
	fr_finish(f);
}

static void w_gre_cks(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, MCNIC_GRE_F_C | MCNIC_GRE_F_K | MCNIC_GRE_F_S,
	       MCNIC_ETH_P_TEB, 0xdeadbeef, 0x01020304);
	inner_eth_udp(f);
	fr_finish(f);
}

static void w_gre_ipv4(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, MCNIC_GRE_F_K, MCNIC_ETH_P_IPV4, 7, 0);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_udp(f, 5000, 53);
	fr_payload(f, 32, 1);
	fr_finish(f);
}

static void w_gre_ipv6(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_GRE, 0x11, 0x22);
	fr_gre(f, MCNIC_GRE_F_S, MCNIC_ETH_P_IPV6, 0, 99);
	fr_ipv6(f, MCNIC_IPPROTO_ICMPV6, 1, 2);
	fr_icmp(f, 128, 0, 5, 6);
	fr_finish(f);
}

static void w_gre_mpls(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, 0, 0x8847, 0, 0);
	fr_payload(f, 24, 0);
	fr_finish(f);
}

static void test_gre(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_gre_teb(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GRE);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2);
	assert_int_equal(m.tun_proto, MCNIC_ETH_P_TEB);
	assert_int_equal(m.inner_off, 38);
	assert_int_equal(m.vni, 0);
	assert_inner_eth_udp(&m.inner, 38, 112);

	w_gre_cks(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tflags, MCNIC_TF_INNER_L2 | MCNIC_TF_GRE_CSUM |
			 MCNIC_TF_GRE_KEY | MCNIC_TF_GRE_SEQ);
	assert_int_equal(m.vni, 0xdeadbeef);
	assert_int_equal(m.seq, 0x01020304);
	assert_int_equal(m.inner_off, 50);
	assert_inner_eth_udp(&m.inner, 50, 124);
}

static void test_gre_protocols(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_gre_ipv4(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GRE);
	assert_int_equal(m.tflags, MCNIC_TF_GRE_KEY);
	assert_int_equal(m.vni, 7);
	assert_int_equal(m.tun_proto, MCNIC_ETH_P_IPV4);
	assert_int_equal(m.inner_off, 42);
	assert_int_equal(m.inner.l2_off, NONE);
	assert_int_equal(m.inner.l3_off, 42);
	assert_int_equal(m.inner.l4_off, 62);
	assert_int_equal(m.inner.end, 102);
	assert_int_equal(m.inner.sport, 5000);

	w_gre_ipv6(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l3, MCNIC_L3_IPV6);
	assert_int_equal(m.outer.proto, MCNIC_IPPROTO_GRE);
	assert_int_equal(m.tun, MCNIC_TUN_GRE);
	assert_int_equal(m.tflags, MCNIC_TF_GRE_SEQ);
	assert_int_equal(m.seq, 99);
	assert_int_equal(m.tun_proto, MCNIC_ETH_P_IPV6);
	assert_int_equal(m.inner_off, 62);
	assert_int_equal(m.inner.l3, MCNIC_L3_IPV6);
	assert_int_equal(m.inner.l3_off, 62);
	assert_int_equal(m.inner.l4_off, 102);
	assert_int_equal(m.inner.proto, MCNIC_IPPROTO_ICMPV6);
	assert_addr6(m.inner.saddr, 1);
	assert_addr6(m.outer.saddr, 0x11);

	w_gre_mpls(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_GRE);
	assert_int_equal(m.tun_proto, 0x8847);
	assert_int_equal(m.inner_off, 38);
	assert_int_equal(m.inner.l2_off, NONE);
	assert_int_equal(m.inner.l3_off, NONE);
}

static void w_esp(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_ESP);
	fr_esp(f, 0x00001000, 42);
	fr_payload(f, 48, 0);
	fr_finish(f);
}

static void w_esp6(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_ESP, 1, 2);
	fr_esp(f, 0xfedcba98, 0xffffffff);
	fr_payload(f, 32, 0);
	fr_finish(f);
}

static void w_espinudp(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_OUT_SRC, FR_OUT_DST);
	fr_udp_nocsum(f, MCNIC_PORT_ESPINUDP, MCNIC_PORT_ESPINUDP);
	fr_esp(f, 0x00002000, 1);
	fr_payload(f, 40, 0);
	fr_finish(f);
}

/* RFC 3948 §2.2: a zero "non-ESP marker" word means IKE follows. */
static void w_ike(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_OUT_SRC, FR_OUT_DST);
	fr_udp(f, MCNIC_PORT_ESPINUDP, MCNIC_PORT_ESPINUDP);
	fr_bytes(f, "\x00\x00\x00\x00", 4);
	fr_payload(f, 28, 0x11);
	fr_finish(f);
}

/* RFC 3948 §2.3: a NAT-keepalive is one 0xff byte. */
static void w_keepalive(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_OUT_SRC, FR_OUT_DST);
	fr_udp(f, MCNIC_PORT_ESPINUDP, MCNIC_PORT_ESPINUDP);
	fr_bytes(f, "\xff", 1);
	fr_finish(f);
}

static void test_esp(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_esp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_ESP);
	assert_int_equal(m.spi, 0x1000);
	assert_int_equal(m.seq, 42);
	assert_int_equal(m.inner_off, 42);
	assert_int_equal(m.tflags, 0);
	assert_int_equal(m.inner.l2_off, NONE);
	assert_int_equal(m.inner.l3_off, NONE);

	w_esp6(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_ESP);
	assert_int_equal(m.spi, 0xfedcba98);
	assert_int_equal(m.seq, 0xffffffff);
	assert_int_equal(m.inner_off, 62);
}

static void test_esp_in_udp(void **state)
{
	struct mcnic_parse_cfg c;
	struct mcnic_pkt_meta m;
	struct frame f;

	w_espinudp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.tun, MCNIC_TUN_ESP);
	assert_int_equal(m.tflags, MCNIC_TF_ESP_UDP);
	assert_int_equal(m.spi, 0x2000);
	assert_int_equal(m.seq, 1);
	assert_int_equal(m.inner_off, 50);

	w_ike(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);
	assert_int_equal(m.outer.dport, MCNIC_PORT_ESPINUDP);

	w_keepalive(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);
	assert_int_equal(m.outer.end, 43);

	/* Disabled: port 4500 is plain UDP. */
	w_espinudp(&f);
	cfg_default(&c);
	c.espinudp_port = 0;
	assert_int_equal(parse_cfg(&f, &c, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);
}

/* IPv6 underlay, a destination-options header before the UDP. */
static void w_vxlan6(struct frame *f)
{
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV6);
	fr_ipv6(f, MCNIC_IPPROTO_DSTOPTS, 0x11, 0x22);
	fr_ipv6_ext(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 0);
	fr_udp(f, 50000, MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 0xffffff);
	inner_eth_udp(f);
	fr_finish(f);
}

static void test_vxlan_ipv6_underlay(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vxlan6(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l4_off, 62);
	assert_int_equal(m.tun, MCNIC_TUN_VXLAN);
	assert_int_equal(m.vni, 0xffffff);
	assert_int_equal(m.inner_off, 78);
	assert_inner_eth_udp(&m.inner, 78, 152);
}

/* A tunnel packet that is a fragment is left for reassembly. */
static void w_vxlan_frag(struct frame *f)
{
	w_vxlan(f);
	fr_put16(f->b + 20, MCNIC_IPV4_MF);
	fr_finish(f);
}

static void test_tunnel_in_fragment(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vxlan_frag(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_true(m.outer.flags & MCNIC_LF_FRAG);
	assert_no_tunnel(&m);
}

/* Outer padding: the outer datagram ends before it, the inner too. */
static void w_vxlan_padded(struct frame *f)
{
	w_vxlan(f);
	fr_trail(f, 8);
}

static void w_gre_padded(struct frame *f)
{
	fr_init(f);
	outer_ip4(f, MCNIC_IPPROTO_GRE);
	fr_gre(f, 0, MCNIC_ETH_P_TEB, 0, 0);
	fr_eth(f, MCNIC_ETH_P_ARP);
	fr_finish(f);
	fr_trail(f, 8);			/* 52 -> 60 bytes */
}

static void test_tunnel_padding(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_vxlan_padded(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.len, 132);
	assert_int_equal(m.outer.end, 124);
	assert_int_equal(m.inner.end, 124);

	w_gre_padded(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.end, 52);
	assert_int_equal(m.inner.l2_off, 38);
	assert_int_equal(m.inner.ethertype, MCNIC_ETH_P_ARP);
	assert_int_equal(m.inner.l3, MCNIC_L3_NONE);
	/* A non-IP inner frame ends where the outer datagram does. */
	assert_int_equal(m.inner.end, 52);
}

/* meta.h: tun_off is the tunnel header (VXLAN/GENEVE/GRE/ESP). */
static void test_tun_off(void **state)
{
	static const struct {
		void (*build)(struct frame *f);
		u16 tun_off;
	} cases[] = {
		{ w_vxlan, 42 }, { w_vxlan6, 70 }, { w_geneve, 42 },
		{ w_gre_teb, 34 }, { w_gre_ipv6, 54 }, { w_esp, 34 },
		{ w_espinudp, 42 },
	};
	struct mcnic_pkt_meta m;
	struct frame f;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cases[i].build(&f);
		assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
		assert_int_not_equal(m.tun, MCNIC_TUN_NONE);
		if (m.tun_off != cases[i].tun_off)
			print_error("case %u: tun_off %u, want %u\n", i,
				    m.tun_off, cases[i].tun_off);
		assert_int_equal(m.tun_off, cases[i].tun_off);
	}
}

static void test_cfg_init(void **state)
{
	struct mcnic_parse_cfg c;
	unsigned int i;

	memset(&c, 0xa5, sizeof(c));
	mcnic_parse_cfg_init(&c);
	assert_int_equal(c.vxlan_port[0], MCNIC_PORT_VXLAN);
	for (i = 1; i < MCNIC_VXLAN_PORTS_MAX; i++)
		assert_int_equal(c.vxlan_port[i], 0);
	assert_int_equal(c.geneve_port, 6081);
	assert_int_equal(c.espinudp_port, 4500);
	assert_int_equal(c.vxlan_gbp, 1);
}

/* A meta reused from a tunnel packet carries nothing stale. */
static void test_meta_reset(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	w_geneve_crit(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	w_arp(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_no_tunnel(&m);
	assert_int_equal(m.vni, 0);
	assert_int_equal(m.ident, 0);
	assert_int_equal(m.gnv_opt_len, 0);
	assert_int_equal(m.outer.n_vlan, 0);
	assert_int_equal(m.outer.flags, 0);
}

/* ---- truncation ------------------------------------------------------------ */

static void (*const well_formed[])(struct frame *f) = {
	w_ipv4_udp, w_vlan, w_qinq, w_ipv4_opts, w_ipv4_frag_first,
	w_ipv4_frag_later, w_ipv6_udp, w_ipv6_hbh, w_ipv6_rt, w_ipv6_dst,
	w_ipv6_chain4, w_ipv6_frag_first, w_ipv6_frag_later, w_tcp_opts,
	w_icmp, w_icmp_echo, w_icmp6, w_arp, w_ipv4_padded, w_ipv6_padded,
	w_vxlan, w_vxlan_gbp, w_vxlan_alt_port, w_geneve, w_geneve_crit,
	w_geneve_ipv4, w_geneve_unknown, w_gre_teb, w_gre_cks, w_gre_ipv4,
	w_gre_ipv6, w_gre_mpls, w_esp, w_esp6, w_espinudp, w_ike,
	w_keepalive, w_vxlan6, w_vxlan_frag, w_vxlan_padded, w_gre_padded,
};

static u16 l4_min(u8 proto)
{
	switch (proto) {
	case MCNIC_IPPROTO_TCP:
		return 20;
	default:
		return 8;	/* UDP, ICMP, ICMPv6 */
	}
}

static void assert_layer_within(const struct mcnic_layer *l, u16 len)
{
	assert_true(l->end <= len);
	if (l->l2_off != NONE)
		assert_true(l->l2_off + 14 + 4 * l->n_vlan <= len);
	if (l->l3_off != NONE)
		assert_true(l->l3_off + (l->l3 == MCNIC_L3_IPV4 ? 20 : 40) <= l->end);
	if (l->l4_off != NONE)
		assert_true(l->l4_off <= l->end);
	if (l->flags & MCNIC_LF_L4)
		assert_true(l->l4_off + l4_min(l->proto) <= l->end);
}

static void assert_meta_within(const struct mcnic_pkt_meta *m, u16 len)
{
	assert_int_equal(m->len, len);
	assert_layer_within(&m->outer, len);
	if (m->tun == MCNIC_TUN_NONE)
		return;
	assert_true(m->inner_off <= m->outer.end);
	assert_true(m->tun_off <= m->inner_off);
	assert_true(m->gnv_opt_off + m->gnv_opt_len <= len);
	assert_layer_within(&m->inner, len);
	if (m->inner.l2_off != NONE || m->inner.l3_off != NONE)
		assert_true(m->inner.end <= m->outer.end);
}

/* Room for any frame, followed by a page that faults on access. */
static u8 *guarded_end(void)
{
	static u8 *end;
	long pg = sysconf(_SC_PAGESIZE);
	size_t room = (FR_MAX + pg - 1) / pg * pg;
	u8 *map;

	if (end)
		return end;
	map = mmap(NULL, room + pg, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(map != MAP_FAILED);
	assert_int_equal(mprotect(map + room, pg, PROT_NONE), 0);
	end = map + room;
	return end;
}

static void test_truncations(void **state)
{
	struct mcnic_pkt_meta m, full;
	struct mcnic_parse_cfg c;
	u8 *end = guarded_end();
	unsigned int i, len;
	struct frame f;
	enum mcnic_drop r;

	cfg_default(&c);
	c.vxlan_port[1] = PORT_ALT;
	for (i = 0; i < sizeof(well_formed) / sizeof(well_formed[0]); i++) {
		well_formed[i](&f);
		assert_int_equal(parse_cfg(&f, &c, &full), MCNIC_DROP_NONE);
		for (len = 0; len <= f.len; len++) {
			memcpy(end - len, f.b, len);
			r = mcnic_parse(end - len, len, &c, &m);
			if (len == f.len)
				assert_int_equal(r, MCNIC_DROP_NONE);
			if (r != MCNIC_DROP_NONE)
				continue;
			assert_meta_within(&m, len);
			/* An IP datagram cut short is never accepted. */
			if (full.outer.l3 != MCNIC_L3_NONE && len < full.outer.end) {
				print_error("frame %u accepted at %u of %u\n", i,
					    len, f.len);
				fail();
			}
		}
	}
}

/*
 * Truncation alone is caught by the outer IP length.  A sender can also cut
 * a frame and make the outer lengths agree; then it is the inner headers'
 * own bounds that must hold.  Each layer's IP and UDP lengths are refitted
 * to end at the cut.
 */
static void refit_layer(u8 *p, u16 len, const struct mcnic_layer *l)
{
	if (l->l3_off == NONE || len >= l->end)
		return;
	if (l->l3 == MCNIC_L3_IPV4 && len >= l->l3_off + 20)
		fr_put16(p + l->l3_off + 2, len - l->l3_off);
	if (l->l3 == MCNIC_L3_IPV6 && len >= l->l3_off + 40)
		fr_put16(p + l->l3_off + 4, len - l->l3_off - 40);
	if ((l->flags & MCNIC_LF_L4) && l->proto == MCNIC_IPPROTO_UDP &&
	    len >= l->l4_off + 8)
		fr_put16(p + l->l4_off + 4, len - l->l4_off);
}

static void test_truncations_refitted(void **state)
{
	struct mcnic_pkt_meta m, full;
	struct mcnic_parse_cfg c;
	u8 *end = guarded_end();
	unsigned int i, len, ok = 0;
	struct frame f;

	cfg_default(&c);
	c.vxlan_port[1] = PORT_ALT;
	for (i = 0; i < sizeof(well_formed) / sizeof(well_formed[0]); i++) {
		well_formed[i](&f);
		assert_int_equal(parse_cfg(&f, &c, &full), MCNIC_DROP_NONE);
		for (len = 0; len <= f.len; len++) {
			memcpy(end - len, f.b, len);
			refit_layer(end - len, len, &full.outer);
			refit_layer(end - len, len, &full.inner);
			if (mcnic_parse(end - len, len, &c, &m) != MCNIC_DROP_NONE)
				continue;
			assert_meta_within(&m, len);
			ok++;
		}
	}
	/* Some cuts do parse (in payloads), so the checks above did run. */
	assert_true(ok > 100);
}

static const struct CMUnitTest fixed_tests[] = {
	cmocka_unit_test(test_drop_reasons_covered),
	cmocka_unit_test(test_gre_reserved0_bits_discarded),
	cmocka_unit_test(test_decap_reasons_not_parse_errors),
	cmocka_unit_test(test_ipv4_udp),
	cmocka_unit_test(test_vlan),
	cmocka_unit_test(test_qinq),
	cmocka_unit_test(test_ipv4_options),
	cmocka_unit_test(test_ipv4_df),
	cmocka_unit_test(test_ipv4_frag_first),
	cmocka_unit_test(test_ipv4_frag_later),
	cmocka_unit_test(test_ipv6_udp),
	cmocka_unit_test(test_ipv6_ext),
	cmocka_unit_test(test_ipv6_frag),
	cmocka_unit_test(test_ipv6_atomic_fragment),
	cmocka_unit_test(test_tcp),
	cmocka_unit_test(test_icmp),
	cmocka_unit_test(test_non_ip),
	cmocka_unit_test(test_ethernet_padding),
	cmocka_unit_test(test_vxlan),
	cmocka_unit_test(test_vxlan_gbp),
	cmocka_unit_test(test_vxlan_ports),
	cmocka_unit_test(test_geneve_options),
	cmocka_unit_test(test_geneve_ident_exact),
	cmocka_unit_test(test_geneve_critical),
	cmocka_unit_test(test_geneve_protocols),
	cmocka_unit_test(test_gre),
	cmocka_unit_test(test_gre_protocols),
	cmocka_unit_test(test_esp),
	cmocka_unit_test(test_esp_in_udp),
	cmocka_unit_test(test_vxlan_ipv6_underlay),
	cmocka_unit_test(test_tunnel_in_fragment),
	cmocka_unit_test(test_tunnel_padding),
	cmocka_unit_test(test_tun_off),
	cmocka_unit_test(test_cfg_init),
	cmocka_unit_test(test_meta_reset),
	cmocka_unit_test(test_truncations),
	cmocka_unit_test(test_truncations_refitted),
};

#define N_FIXED (sizeof(fixed_tests) / sizeof(fixed_tests[0]))

int main(void)
{
	static struct CMUnitTest tests[N_DROP_CASES + N_FIXED];
	static char names[N_DROP_CASES][64];
	size_t i;

	/* One named test per drop case, so a failure says which frame. */
	for (i = 0; i < N_DROP_CASES; i++) {
		snprintf(names[i], sizeof(names[i]), "%s (%s)",
			 drop_cases[i].name, mcnic_drop_name(drop_cases[i].want));
		tests[i] = (struct CMUnitTest){
			.name = names[i], .test_func = run_drop_case,
			.initial_state = (void *)&drop_cases[i],
		};
	}
	for (i = 0; i < N_FIXED; i++)
		tests[N_DROP_CASES + i] = fixed_tests[i];
	return _cmocka_run_group_tests("unit/parse", tests,
				       N_DROP_CASES + N_FIXED, NULL, NULL);
}
