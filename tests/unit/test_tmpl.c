// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Encap templates (firmware/dp/tmpl.c): every refusal returns -EINVAL with
 * a message naming the field and leaves the template untouched; valid
 * descriptions give the outer headers written out by hand below.  Bytes
 * that encap fills per packet (lengths, ID, TTL, TOS, checksums, source
 * port, IPv6 first word) are not compared.
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


static void cfg_v6(struct mcnic_tunnel_cfg *c)
{
	c->flags |= MCNIC_TUNF_OUTER_V6;
	fr_ip6addr(c->saddr, 1);
	fr_ip6addr(c->daddr, 2);
}

/* ---- refusals ------------------------------------------------------------ */

struct bad_case {
	const char *what;
	void (*mangle)(struct mcnic_tunnel_cfg *c);
	u8 type;
	const char *field;	/* the message must start "field:" */
};

static void m_flags_unknown(struct mcnic_tunnel_cfg *c) { c->flags |= 0x8000; }
static void m_flags_unknown2(struct mcnic_tunnel_cfg *c) { c->flags |= 0x2000; }
static void m_type_none(struct mcnic_tunnel_cfg *c) { c->type = MCNIC_TUN_NONE; }
static void m_type_esp(struct mcnic_tunnel_cfg *c) { c->type = MCNIC_TUN_ESP; }
static void m_type_9(struct mcnic_tunnel_cfg *c) { c->type = 9; }
static void m_vni_big(struct mcnic_tunnel_cfg *c) { c->vni = 1u << 24; }
static void m_gre_key(struct mcnic_tunnel_cfg *c) { c->flags |= MCNIC_TUNF_GRE_KEY; }
static void m_gre_l3(struct mcnic_tunnel_cfg *c) { c->flags |= MCNIC_TUNF_GRE_L3; }
static void m_gbp(struct mcnic_tunnel_cfg *c) { c->flags |= MCNIC_TUNF_GBP; }
static void m_ident_opt(struct mcnic_tunnel_cfg *c) { c->flags |= MCNIC_TUNF_IDENT_OPT; }

static void m_gnv_opt(struct mcnic_tunnel_cfg *c)
{
	c->gnv_opt_len = 4;
	memcpy(c->gnv_opt, "\x01\x02\x03\x00", 4);
}

static void m_gnv_len_odd(struct mcnic_tunnel_cfg *c) { c->gnv_opt_len = 6; }
static void m_gnv_len_big(struct mcnic_tunnel_cfg *c) { c->gnv_opt_len = 116; }

/* An option whose length field claims 8 data bytes in a 4-byte list. */
static void m_gnv_overrun(struct mcnic_tunnel_cfg *c)
{
	c->gnv_opt_len = 4;
	memcpy(c->gnv_opt, "\x01\x02\x03\x02", 4);
}

/* Two options, the second one 4 bytes short. */
static void m_gnv_overrun2(struct mcnic_tunnel_cfg *c)
{
	c->gnv_opt_len = 12;
	memcpy(c->gnv_opt, "\x01\x02\x03\x00\x01\x02\x04\x02\x00\x00\x00\x00", 12);
}

static void m_dport0(struct mcnic_tunnel_cfg *c) { c->dport = 0; }
static void m_sport_min0(struct mcnic_tunnel_cfg *c) { c->sport_min = 0; }

static void m_sport_inverted(struct mcnic_tunnel_cfg *c)
{
	c->sport_min = 50000;
	c->sport_max = 49999;
}

static void m_smac_mcast(struct mcnic_tunnel_cfg *c) { c->smac[0] = 0x01; }
static void m_saddr_zero(struct mcnic_tunnel_cfg *c) { memset(c->saddr, 0, 16); }
static void m_saddr_mcast(struct mcnic_tunnel_cfg *c) { c->saddr[0] = 224; }
static void m_saddr_mcast_hi(struct mcnic_tunnel_cfg *c) { c->saddr[0] = 239; }

/* RFC 1122 §3.2.1.3: 255.255.255.255 "MUST NOT be used as a source address". */
static void m_saddr_bcast(struct mcnic_tunnel_cfg *c)
{
	memset(c->saddr, 0xff, 4);
}

static void m_daddr_zero(struct mcnic_tunnel_cfg *c) { memset(c->daddr, 0, 16); }

static void m_v6_saddr_zero(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	memset(c->saddr, 0, 16);
}

static void m_v6_saddr_mcast(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	c->saddr[0] = 0xff;
	c->saddr[1] = 0x02;
}

static void m_v6_daddr_zero(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	memset(c->daddr, 0, 16);
}

static void m_v6_udp_csum(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	c->flags |= MCNIC_TUNF_UDP_CSUM;
}

/* UDP checksum options mean nothing on GRE: a sign the cfg is confused. */
static void m_gre_udp_csum(struct mcnic_tunnel_cfg *c)
{
	c->flags |= MCNIC_TUNF_UDP_CSUM;
}

static void m_gre_udp6_zero(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	c->flags |= MCNIC_TUNF_UDP6_ZERO;
}

/* 240.0.0.0/4 is reserved (RFC 1112 §4), never a sender's address. */
static void m_saddr_class_e(struct mcnic_tunnel_cfg *c) { c->saddr[0] = 240; }

static void m_v6_df_set(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	c->flags |= MCNIC_TUNF_DF_SET;
}

static void m_v6_df_inherit(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	c->flags |= MCNIC_TUNF_DF_INHERIT;
}

static void m_v4_udp6_zero(struct mcnic_tunnel_cfg *c) { c->flags |= MCNIC_TUNF_UDP6_ZERO; }

static void m_df_both(struct mcnic_tunnel_cfg *c)
{
	c->flags |= MCNIC_TUNF_DF_SET | MCNIC_TUNF_DF_INHERIT;
}

static void m_ttl0(struct mcnic_tunnel_cfg *c) { c->ttl = 0; }
static void m_dscp64(struct mcnic_tunnel_cfg *c) { c->dscp = 64; }
static void m_dscp255(struct mcnic_tunnel_cfg *c) { c->dscp = 255; }

static void m_vid4095(struct mcnic_tunnel_cfg *c)
{
	c->flags |= MCNIC_TUNF_VLAN;
	c->vlan_tci = 0xefff;		/* PCP 7, DEI 0, VID 4095 */
}

static void m_mtu0(struct mcnic_tunnel_cfg *c) { c->mtu = 0; }
static void m_mtu575(struct mcnic_tunnel_cfg *c) { c->mtu = 575; }
static void m_mtu9217(struct mcnic_tunnel_cfg *c) { c->mtu = 9217; }

static void m_v6_mtu1279(struct mcnic_tunnel_cfg *c)
{
	cfg_v6(c);
	c->mtu = 1279;
}

/* 14 + 4 + 40 + 8 + 8 + 112 + 8 = 194 bytes: two more than hdr[] holds. */
static void m_too_large(struct mcnic_tunnel_cfg *c)
{
	unsigned int off;

	cfg_v6(c);
	c->flags |= MCNIC_TUNF_VLAN | MCNIC_TUNF_IDENT_OPT;
	c->vlan_tci = 100;
	c->gnv_opt_len = 112;
	for (off = 0; off < 112; off += 8)
		memcpy(c->gnv_opt + off, "\x01\x02\x03\x01\x00\x00\x00\x00", 8);
}

#define BAD(fn, ty, fld) { #fn, fn, MCNIC_TUN_##ty, fld }

static const struct bad_case bad_cases[] = {
	BAD(m_flags_unknown, VXLAN, "flags"),
	BAD(m_flags_unknown2, GRE, "flags"),
	BAD(m_type_none, VXLAN, "type"),
	BAD(m_type_esp, VXLAN, "type"),
	BAD(m_type_9, VXLAN, "type"),
	BAD(m_vni_big, VXLAN, "vni"),
	BAD(m_vni_big, GENEVE, "vni"),
	BAD(m_gre_key, VXLAN, "flags"),
	BAD(m_gre_l3, GENEVE, "flags"),
	BAD(m_gbp, GENEVE, "flags"),
	BAD(m_gbp, GRE, "flags"),
	BAD(m_gnv_opt, VXLAN, "gnv_opt"),
	BAD(m_gnv_opt, GRE, "gnv_opt"),
	BAD(m_ident_opt, VXLAN, "gnv_opt"),
	BAD(m_ident_opt, GRE, "gnv_opt"),
	BAD(m_gnv_len_odd, GENEVE, "gnv_opt_len"),
	BAD(m_gnv_len_big, GENEVE, "gnv_opt_len"),
	BAD(m_gnv_overrun, GENEVE, "gnv_opt"),
	BAD(m_gnv_overrun2, GENEVE, "gnv_opt"),
	BAD(m_dport0, VXLAN, "dport"),
	BAD(m_dport0, GENEVE, "dport"),
	BAD(m_sport_min0, VXLAN, "sport_min/sport_max"),
	BAD(m_sport_inverted, GENEVE, "sport_min/sport_max"),
	BAD(m_smac_mcast, GRE, "smac"),
	BAD(m_saddr_zero, VXLAN, "saddr"),
	BAD(m_saddr_mcast, VXLAN, "saddr"),
	BAD(m_saddr_mcast_hi, GRE, "saddr"),
	BAD(m_saddr_bcast, VXLAN, "saddr"),
	BAD(m_daddr_zero, GENEVE, "daddr"),
	BAD(m_v6_saddr_zero, VXLAN, "saddr"),
	BAD(m_v6_saddr_mcast, GRE, "saddr"),
	BAD(m_v6_daddr_zero, VXLAN, "daddr"),
	BAD(m_v6_udp_csum, VXLAN, "flags"),
	BAD(m_gre_udp_csum, GRE, "flags"),
	BAD(m_gre_udp6_zero, GRE, "flags"),
	BAD(m_saddr_class_e, VXLAN, "saddr"),
	BAD(m_v6_df_set, GRE, "flags"),
	BAD(m_v6_df_inherit, GENEVE, "flags"),
	BAD(m_v4_udp6_zero, VXLAN, "flags"),
	BAD(m_df_both, VXLAN, "flags"),
	BAD(m_ttl0, VXLAN, "ttl"),
	BAD(m_dscp64, GENEVE, "dscp"),
	BAD(m_dscp255, GRE, "dscp"),
	BAD(m_vid4095, VXLAN, "vlan_tci"),
	BAD(m_mtu0, VXLAN, "mtu"),
	BAD(m_mtu575, GRE, "mtu"),
	BAD(m_mtu9217, VXLAN, "mtu"),
	BAD(m_v6_mtu1279, VXLAN, "mtu"),
	BAD(m_too_large, GENEVE, "gnv_opt"),
};

#define N_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

static void run_bad_case(void **state)
{
	const struct bad_case *b = *state;
	struct mcnic_encap_tmpl t, before;
	struct mcnic_tunnel_cfg c;
	const char *why = NULL;
	char prefix[32];
	int r;

	fr_tunnel_cfg(&c, b->type);
	b->mangle(&c);
	memset(&t, 0xa5, sizeof(t));
	before = t;
	r = mcnic_tmpl_build(&c, &t, &why);
	if (r != -MCNIC_EINVAL)
		print_error("%s accepted (%d)\n", b->what, r);
	assert_int_equal(r, -MCNIC_EINVAL);
	assert_non_null(why);
	snprintf(prefix, sizeof(prefix), "%s:", b->field);
	if (strncmp(why, prefix, strlen(prefix)))
		print_error("message \"%s\" does not start with \"%s\"\n", why, prefix);
	assert_int_equal(strncmp(why, prefix, strlen(prefix)), 0);
	assert_true(strlen(why) > strlen(prefix) + 4);
	/* "changes nothing" */
	assert_memory_equal(&t, &before, sizeof(t));
	/* The caller may not want the message. */
	assert_int_equal(mcnic_tmpl_build(&c, &t, NULL), -MCNIC_EINVAL);
	assert_memory_equal(&t, &before, sizeof(t));
}

/* Each refusal above, undone, is accepted: the base is valid for each type. */
static void test_bases_valid(void **state)
{
	static const u8 types[] = { MCNIC_TUN_VXLAN, MCNIC_TUN_GENEVE, MCNIC_TUN_GRE };
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;
	const char *why = NULL;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		fr_tunnel_cfg(&c, types[i]);
		assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
		cfg_v6(&c);
		assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	}
}

/* Values at the edges of each range are accepted. */
static void test_boundaries_accepted(void **state)
{
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;
	const char *why = NULL;

	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	c.mtu = 576;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	c.mtu = 9216;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	cfg_v6(&c);
	c.mtu = 1280;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);

	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	c.vni = 0xffffff;
	c.dscp = 63;
	c.ttl = 1;
	c.sport_min = c.sport_max = 1;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	assert_int_equal(t.sport_span, 1);
	c.sport_max = 65535;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	assert_int_equal(t.sport_span, 65535);
	assert_int_equal(t.tos, 63 << 2);

	/* A GRE key is a full 32 bits; VNI limits do not apply. */
	fr_tunnel_cfg(&c, MCNIC_TUN_GRE);
	c.flags = MCNIC_TUNF_GRE_KEY;
	c.vni = 0xffffffff;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);

	/* VID 4095 is fine in vlan_tci when no tag is sent. */
	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	c.vlan_tci = 0x0fff;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	c.flags = MCNIC_TUNF_VLAN;
	c.vlan_tci = 0x0ffe;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);

	/* Largest templates that fit: 190 bytes (IPv6) and 174 (IPv4 + tag). */
	fr_tunnel_cfg(&c, MCNIC_TUN_GENEVE);
	m_too_large(&c);
	c.flags &= ~MCNIC_TUNF_VLAN;
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	assert_int_equal(t.hdr_len, 190);
	fr_tunnel_cfg(&c, MCNIC_TUN_GENEVE);
	m_too_large(&c);
	c.flags &= ~MCNIC_TUNF_OUTER_V6;
	memcpy(c.saddr, fr_tun_local4, 4);
	memset(c.saddr + 4, 0, 12);
	memcpy(c.daddr, fr_tun_remote4, 4);
	memset(c.daddr + 4, 0, 12);
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	assert_int_equal(t.hdr_len, 174);
}

/* ---- valid templates -------------------------------------------------------- */

struct dc {
	u16 off, len;
};

#define DC_IPV4(l3) { (l3) + 1, 1 }, { (l3) + 2, 6 }, { (l3) + 8, 1 }, { (l3) + 10, 2 }
#define DC_IPV6(l3) { (l3), 6 }, { (l3) + 7, 1 }
#define DC_UDP(l4) { (l4), 2 }, { (l4) + 4, 4 }

static void assert_hdr(const struct mcnic_encap_tmpl *t, const u8 *want, u16 len,
		       const struct dc *dc, unsigned int n_dc)
{
	u8 got[MCNIC_TMPL_HDR_MAX], exp[MCNIC_TMPL_HDR_MAX];
	unsigned int i;

	assert_int_equal(t->hdr_len, len);
	memcpy(got, t->hdr, len);
	memcpy(exp, want, len);
	for (i = 0; i < n_dc; i++) {
		memset(got + dc[i].off, 0, dc[i].len);
		memset(exp + dc[i].off, 0, dc[i].len);
	}
	for (i = 0; i < len; i++)
		if (got[i] != exp[i])
			print_error("hdr[%u] = %02x, want %02x\n", i, got[i], exp[i]);
	assert_memory_equal(got, exp, len);
}

/* IPv4: the fixed words 4500, 00:proto and the addresses (RFC 791). */
static void assert_ip_csum(const struct mcnic_encap_tmpl *t, const u8 *s,
			   const u8 *d, u8 proto)
{
	u64 want = 0x4500 + proto + fr_sum(0, s, 4) + fr_sum(0, d, 4);

	assert_int_equal(mcnic_csum_fold(t->ip_csum), fr_fold(want));
}

/* The pseudo-header of RFC 768 / RFC 8200 §8.1 but its length. */
static void assert_l4_csum(const struct mcnic_encap_tmpl *t, const u8 *s,
			   const u8 *d, u16 alen)
{
	u64 want = fr_sum(0, s, alen) + fr_sum(0, d, alen) + MCNIC_IPPROTO_UDP;

	assert_int_equal(mcnic_csum_fold(t->l4_csum), fr_fold(want));
}

static void build_ok(const struct mcnic_tunnel_cfg *c, struct mcnic_encap_tmpl *t)
{
	const char *why = NULL;
	int r = mcnic_tmpl_build(c, t, &why);

	if (r)
		print_error("refused: %s\n", why ? why : "(no message)");
	assert_int_equal(r, 0);
}

static void test_vxlan_v4(void **state)
{
	static const u8 want[50] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x08, 0x00,
		/* IPv4: 198.51.100.1 -> 203.0.113.1, UDP */
		0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00,
		0xc6, 0x33, 0x64, 0x01, 0xcb, 0x00, 0x71, 0x01,
		/* UDP to 4789 */
		0x00, 0x00, 0x12, 0xb5, 0x00, 0x00, 0x00, 0x00,
		/* VXLAN: I, VNI 5001 = 0x001389 */
		0x08, 0x00, 0x00, 0x00, 0x00, 0x13, 0x89, 0x00,
	};
	static const struct dc dc[] = { DC_IPV4(14), DC_UDP(34) };
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;

	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	c.flags = MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET;
	build_ok(&c, &t);
	assert_hdr(&t, want, 50, dc, ARRAY_SIZE(dc));
	assert_int_equal(t.type, MCNIC_TUN_VXLAN);
	assert_int_equal(t.l3_off, 14);
	assert_int_equal(t.l4_off, 34);
	assert_int_equal(t.tun_off, 42);
	assert_int_equal(t.flags, MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET);
	assert_int_equal(t.mtu, 1500);
	assert_int_equal(t.ttl, 64);
	assert_int_equal(t.tos, 10 << 2);
	assert_int_equal(t.sport_min, 49152);
	assert_int_equal(t.sport_span, 16384);
	assert_ip_csum(&t, fr_tun_local4, fr_tun_remote4, MCNIC_IPPROTO_UDP);
	assert_l4_csum(&t, fr_tun_local4, fr_tun_remote4, 4);
}

static void test_vxlan_vlan_gbp(void **state)
{
	static const u8 want[54] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x81, 0x00, 0x60, 0x64, 0x08, 0x00,	/* PCP 3, VID 100 */
		0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00,
		0xc6, 0x33, 0x64, 0x01, 0xcb, 0x00, 0x71, 0x01,
		0x00, 0x00, 0x12, 0xb5, 0x00, 0x00, 0x00, 0x00,
		/* VXLAN-GBP: G|I, group 0x0bad, VNI 0xabcdef */
		0x88, 0x00, 0x0b, 0xad, 0xab, 0xcd, 0xef, 0x00,
	};
	static const struct dc dc[] = { DC_IPV4(18), DC_UDP(38) };
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;

	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	c.flags = MCNIC_TUNF_VLAN | MCNIC_TUNF_GBP;
	c.vlan_tci = 0x6064;
	c.ident = 0x0bad;
	c.vni = 0xabcdef;
	build_ok(&c, &t);
	assert_hdr(&t, want, 54, dc, ARRAY_SIZE(dc));
	assert_int_equal(t.l3_off, 18);
	assert_int_equal(t.l4_off, 38);
	assert_int_equal(t.tun_off, 46);
}

static void test_vxlan_v6(void **state)
{
	static const u8 want[70] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x86, 0xdd,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
		0x00, 0x00, 0x12, 0xb5, 0x00, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	};
	static const struct dc dc[] = { DC_IPV6(14), DC_UDP(54) };
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;

	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	cfg_v6(&c);
	c.vni = 1;
	c.mtu = 9000;
	build_ok(&c, &t);
	assert_hdr(&t, want, 70, dc, ARRAY_SIZE(dc));
	assert_int_equal(t.l3_off, 14);
	assert_int_equal(t.l4_off, 54);
	assert_int_equal(t.tun_off, 62);
	assert_int_equal(t.mtu, 9000);
	assert_l4_csum(&t, c.saddr, c.daddr, 16);
}

/* A critical user option sets C (RFC 8926 §3.4); mcnic's ident option is not critical. */
static void test_geneve_options(void **state)
{
	static const u8 want[66] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x08, 0x00,
		0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00,
		0xc6, 0x33, 0x64, 0x01, 0xcb, 0x00, 0x71, 0x01,
		0x00, 0x00, 0x17, 0xc1, 0x00, 0x00, 0x00, 0x00,	/* UDP to 6081 */
		/* GENEVE: 4 words of options, C, TEB, VNI 5001 */
		0x04, 0x40, 0x65, 0x58, 0x00, 0x13, 0x89, 0x00,
		0x01, 0x02, 0x85, 0x01, 0xaa, 0xbb, 0xcc, 0xdd,	/* user, critical */
		0xff, 0xf0, 0x01, 0x01, 0x12, 0x34, 0x00, 0x00,	/* ident 0x1234 */
	};
	static const struct dc dc[] = { DC_IPV4(14), DC_UDP(34) };
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;

	fr_tunnel_cfg(&c, MCNIC_TUN_GENEVE);
	c.flags = MCNIC_TUNF_IDENT_OPT;
	c.ident = 0x1234;
	c.gnv_opt_len = 8;
	memcpy(c.gnv_opt, "\x01\x02\x85\x01\xaa\xbb\xcc\xdd", 8);
	build_ok(&c, &t);
	assert_hdr(&t, want, 66, dc, ARRAY_SIZE(dc));
	assert_int_equal(t.type, MCNIC_TUN_GENEVE);
	assert_int_equal(t.tun_off, 42);

	/* The option not critical: C clear. */
	c.gnv_opt[2] = 0x05;
	build_ok(&c, &t);
	assert_int_equal(t.hdr[43], 0x00);
	assert_int_equal(t.hdr[52], 0x05);
	assert_int_equal(t.hdr_len, 66);

	/* Only the ident option: one 8-byte option, 2 words. */
	c.gnv_opt_len = 0;
	build_ok(&c, &t);
	assert_int_equal(t.hdr_len, 58);
	assert_int_equal(t.hdr[42], 0x02);
	assert_int_equal(t.hdr[43], 0x00);
	assert_memory_equal(t.hdr + 50, "\xff\xf0\x01\x01\x12\x34\x00\x00", 8);

	/* No options at all. */
	c.flags = 0;
	build_ok(&c, &t);
	assert_int_equal(t.hdr_len, 50);
	assert_memory_equal(t.hdr + 42, "\x00\x00\x65\x58\x00\x13\x89\x00", 8);
}

static void test_gre(void **state)
{
	static const u8 want_key[42] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x08, 0x00,
		0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00,
		0xc6, 0x33, 0x64, 0x01, 0xcb, 0x00, 0x71, 0x01,
		0x20, 0x00, 0x65, 0x58, 0xfe, 0xdc, 0xba, 0x98,	/* K, TEB, key */
	};
	static const struct dc dc[] = { DC_IPV4(14) };
	u8 want_nokey[38];
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;

	fr_tunnel_cfg(&c, MCNIC_TUN_GRE);
	c.flags = MCNIC_TUNF_GRE_KEY;
	c.vni = 0xfedcba98;
	build_ok(&c, &t);
	assert_hdr(&t, want_key, 42, dc, ARRAY_SIZE(dc));
	assert_int_equal(t.type, MCNIC_TUN_GRE);
	assert_int_equal(t.l3_off, 14);
	assert_int_equal(t.l4_off, 34);
	assert_int_equal(t.tun_off, 34);
	assert_ip_csum(&t, fr_tun_local4, fr_tun_remote4, MCNIC_IPPROTO_GRE);

	/* No key: a bare 4-byte header, the VNI not sent. */
	memcpy(want_nokey, want_key, 38);
	want_nokey[34] = 0x00;
	c.flags = 0;
	build_ok(&c, &t);
	assert_hdr(&t, want_nokey, 38, dc, ARRAY_SIZE(dc));
}

static void test_gre_l3_v6(void **state)
{
	static const u8 want[66] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x86, 0xdd,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2f, 0x00,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
		0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07,	/* K, (proto), key 7 */
	};
	/* The protocol type is the inner's, set per packet. */
	static const struct dc dc[] = { DC_IPV6(14), { 56, 2 } };
	struct mcnic_encap_tmpl t;
	struct mcnic_tunnel_cfg c;

	fr_tunnel_cfg(&c, MCNIC_TUN_GRE);
	cfg_v6(&c);
	c.flags |= MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_GRE_L3;
	c.vni = 7;
	c.mtu = 1280;
	build_ok(&c, &t);
	assert_hdr(&t, want, 62, dc, ARRAY_SIZE(dc));
	assert_int_equal(t.l4_off, 54);
	assert_int_equal(t.tun_off, 54);
	assert_int_equal(t.flags, MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_GRE_KEY |
			 MCNIC_TUNF_GRE_L3);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_bases_valid),
		cmocka_unit_test(test_boundaries_accepted),
		cmocka_unit_test(test_vxlan_v4),
		cmocka_unit_test(test_vxlan_vlan_gbp),
		cmocka_unit_test(test_vxlan_v6),
		cmocka_unit_test(test_geneve_options),
		cmocka_unit_test(test_gre),
		cmocka_unit_test(test_gre_l3_v6),
	};
	static struct CMUnitTest tests[N_BAD + ARRAY_SIZE(fixed)];
	static char names[N_BAD][64];
	size_t i, n = 0;

	/* One named test per refusal, so a failure says which. */
	for (i = 0; i < N_BAD; i++) {
		snprintf(names[i], sizeof(names[i]), "refuse %s (type %u)",
			 bad_cases[i].what, bad_cases[i].type);
		tests[n++] = (struct CMUnitTest){
			.name = names[i], .test_func = run_bad_case,
			.initial_state = (void *)&bad_cases[i],
		};
	}
	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		tests[n++] = fixed[i];
	return _cmocka_run_group_tests("unit/tmpl", tests, n, NULL, NULL);
}
