// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * CRC32C and the flow hash (firmware/dp/hash.c).  CRC32C against published
 * check values; the flow hash against the tuple layout docs/formats.md
 * makes part of the contract, and for which bytes it must and must not see.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"

/* RFC 3720 B.4: an iSCSI SCSI Read (10) command PDU, CRC 0xd9963a56. */
static const u8 iscsi_read_pdu[48] = {
	0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
	0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
	0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void test_crc32c_check_value(void **state)
{
	/* The CRC catalogue's check value for CRC-32C (Castagnoli). */
	assert_int_equal(mcnic_crc32c(0, "123456789", 9), 0xe3069283);
}

/* Bit-serial CRC32C: the definition, for every length and alignment. */
static u32 crc32c_bitwise(const u8 *p, u32 len)
{
	u32 crc = ~0u;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0x82f63b78 : crc >> 1;
	}
	return ~crc;
}

static void test_crc32c_every_length(void **state)
{
	u8 buf[80];
	u32 len, off, i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 37 + 11);
	for (off = 0; off < 8; off++)
		for (len = 0; len + off <= 72; len++)
			assert_int_equal(mcnic_crc32c(0, buf + off, len),
					 crc32c_bitwise(buf + off, len));
}

static void test_crc32c_rfc3720(void **state)
{
	u8 buf[32];
	unsigned int i;

	memset(buf, 0, sizeof(buf));
	assert_int_equal(mcnic_crc32c(0, buf, 32), 0x8a9136aa);
	memset(buf, 0xff, sizeof(buf));
	assert_int_equal(mcnic_crc32c(0, buf, 32), 0x62a8ab43);
	for (i = 0; i < 32; i++)
		buf[i] = i;
	assert_int_equal(mcnic_crc32c(0, buf, 32), 0x46dd794e);
	for (i = 0; i < 32; i++)
		buf[i] = 31 - i;
	assert_int_equal(mcnic_crc32c(0, buf, 32), 0x113fdb5c);
	assert_int_equal(mcnic_crc32c(0, iscsi_read_pdu, 48), 0xd9963a56);
}

static void test_crc32c_empty(void **state)
{
	/* Init and final inversion cancel on an empty message. */
	assert_int_equal(mcnic_crc32c(0, "", 0), 0);
	assert_int_equal(mcnic_crc32c(0x12345678, "", 0), 0x12345678);
}

/* "crc is the running value": pieces chain, at any split and alignment. */
static void test_crc32c_incremental(void **state)
{
	u8 buf[8 + sizeof(iscsi_read_pdu)];
	unsigned int split, off;

	for (split = 0; split <= 48; split++) {
		u32 c = mcnic_crc32c(0, iscsi_read_pdu, split);

		c = mcnic_crc32c(c, iscsi_read_pdu + split, 48 - split);
		assert_int_equal(c, 0xd9963a56);
	}
	for (off = 0; off < 8; off++) {
		memcpy(buf + off, iscsi_read_pdu, 48);
		assert_int_equal(mcnic_crc32c(0, buf + off, 48), 0xd9963a56);
		memcpy(buf + off, "123456789", 9);
		assert_int_equal(mcnic_crc32c(0, buf + off, 9), 0xe3069283);
	}
}

static enum mcnic_drop parse(const struct frame *f, struct mcnic_pkt_meta *m)
{
	struct mcnic_parse_cfg cfg;

	mcnic_parse_cfg_init(&cfg);
	return mcnic_parse(f->b, f->len, &cfg, m);
}

/* The 40-byte tuple exactly as docs/formats.md lays it out. */
static u32 tuple_hash(const u8 *saddr, const u8 *daddr, u16 alen, u16 sport,
		      u16 dport, u8 proto, u8 l3)
{
	u8 t[40];

	memset(t, 0, sizeof(t));
	memcpy(t, saddr, alen);
	memcpy(t + 16, daddr, alen);
	fr_put16(t + 32, sport);
	fr_put16(t + 34, dport);
	t[36] = proto;
	t[37] = l3;
	return mcnic_crc32c(0, t, sizeof(t));
}

static void build_udp4(struct frame *f, u16 sport, u16 dport, u8 ttl, u8 seed)
{
	u16 ip;

	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	ip = fr_ipv4(f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	f->b[ip + 8] = ttl;
	fr_udp(f, sport, dport);
	fr_payload(f, 32, seed);
	fr_finish(f);
}

static void test_flow_hash_tuple_layout(void **state)
{
	static const u8 s4[4] = { 10, 0, 0, 1 }, d4[4] = { 10, 0, 0, 2 };
	struct mcnic_pkt_meta m;
	struct frame f;
	u8 s6[16], d6[16];

	build_udp4(&f, 1234, 80, 64, 0);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer),
			 tuple_hash(s4, d4, 4, 1234, 80, MCNIC_IPPROTO_UDP, 4));

	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV6);
	fr_ipv6(&f, MCNIC_IPPROTO_TCP, 1, 2);
	fr_tcp(&f, 40000, 443, 0x02, 0);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	fr_ip6addr(s6, 1);
	fr_ip6addr(d6, 2);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer),
			 tuple_hash(s6, d6, 16, 40000, 443, MCNIC_IPPROTO_TCP, 6));

	/* ICMP: type << 8 | code and the echo identifier stand in for ports. */
	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&f, MCNIC_IPPROTO_ICMP, FR_IN_SRC, FR_IN_DST);
	fr_icmp(&f, 8, 0, 0x4242, 1);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer),
			 tuple_hash(s4, d4, 4, 0x0800, 0x4242, MCNIC_IPPROTO_ICMP, 4));

	/* Non-IP: Ethernet source, destination and the ethertype. */
	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_ARP);
	fr_payload(&f, 28, 3);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer),
			 tuple_hash(fr_mac_src, fr_mac_dst, 6, MCNIC_ETH_P_ARP, 0, 0, 0));
}

/* Payload, TTL, TOS, IP ID, VLAN tag and MACs are not part of an IP flow. */
static void test_flow_hash_ignores_non_tuple(void **state)
{
	static const u8 mac[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
	struct mcnic_pkt_meta m;
	struct frame f;
	u32 h;
	u16 ip;

	build_udp4(&f, 1234, 80, 64, 0);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	h = mcnic_flow_hash(f.b, &m.outer);

	build_udp4(&f, 1234, 80, 3, 0x77);	/* other TTL and payload */
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer), h);

	fr_init(&f);
	fr_eth_mac(&f, mac, mac, MCNIC_ETH_P_8021Q);
	fr_vlan(&f, 0x2064, MCNIC_ETH_P_IPV4);
	ip = fr_ipv4(&f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	f.b[ip + 1] = 0xb9;			/* DSCP EF, ECT(1) */
	fr_put16(f.b + ip + 4, 0x9999);		/* id */
	fr_put16(f.b + ip + 6, MCNIC_IPV4_DF);
	fr_udp(&f, 1234, 80);
	fr_payload(&f, 100, 9);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer), h);
}

static u32 hash_layer(const struct mcnic_layer *l)
{
	static const u8 none[1];

	return mcnic_flow_hash(none, l);
}

static void init_layer(struct mcnic_layer *l)
{
	memset(l, 0, sizeof(*l));
	l->l2_off = l->l3_off = l->l4_off = MCNIC_OFF_NONE;
	l->l3 = MCNIC_L3_IPV4;
	l->proto = MCNIC_IPPROTO_UDP;
	l->flags = MCNIC_LF_L4;
	memcpy(l->saddr, "\x0a\x00\x00\x01", 4);
	memcpy(l->daddr, "\x0a\x00\x00\x02", 4);
	l->sport = 1234;
	l->dport = 80;
}

/* Equal tuples hash equally; a change in any one field changes the hash. */
static void test_flow_hash_each_field(void **state)
{
	struct mcnic_layer a, b;
	u32 h;
	int i;

	init_layer(&a);
	h = hash_layer(&a);
	init_layer(&b);
	b.ttl = 9;
	b.tos = 0xfc;
	b.tcp_flags = 0x12;
	assert_int_equal(hash_layer(&b), h);

	for (i = 0; i < 16; i++) {
		init_layer(&b);
		b.l3 = MCNIC_L3_IPV6;
		init_layer(&a);
		a.l3 = MCNIC_L3_IPV6;
		b.saddr[i] ^= 0x01;
		assert_int_not_equal(hash_layer(&b), hash_layer(&a));
		init_layer(&b);
		b.l3 = MCNIC_L3_IPV6;
		b.daddr[i] ^= 0x80;
		assert_int_not_equal(hash_layer(&b), hash_layer(&a));
	}
	init_layer(&a);
	init_layer(&b);
	b.sport++;
	assert_int_not_equal(hash_layer(&b), h);
	init_layer(&b);
	b.dport++;
	assert_int_not_equal(hash_layer(&b), h);
	init_layer(&b);
	b.proto = MCNIC_IPPROTO_TCP;
	assert_int_not_equal(hash_layer(&b), h);
	/* The same four address bytes as IPv4 and as IPv6 are not one flow. */
	init_layer(&b);
	b.l3 = MCNIC_L3_IPV6;
	assert_int_not_equal(hash_layer(&b), h);
	/* Swapped direction is another flow (the hash is not symmetric). */
	init_layer(&b);
	b.sport = 80;
	b.dport = 1234;
	assert_int_not_equal(hash_layer(&b), h);
}

static void test_flow_hash_frames_differ(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;
	u32 h;

	build_udp4(&f, 1234, 80, 64, 0);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	h = mcnic_flow_hash(f.b, &m.outer);
	build_udp4(&f, 1235, 80, 64, 0);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_not_equal(mcnic_flow_hash(f.b, &m.outer), h);
	build_udp4(&f, 1234, 81, 64, 0);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_not_equal(mcnic_flow_hash(f.b, &m.outer), h);
}

static void build_arp(struct frame *f, const u8 *dst, const u8 *src, u16 type,
		      u8 seed)
{
	fr_init(f);
	fr_eth_mac(f, dst, src, type);
	fr_payload(f, 46, seed);
}

static void test_flow_hash_non_ip(void **state)
{
	static const u8 other[6] = { 0x02, 0, 0, 0, 0, 0x09 };
	struct mcnic_pkt_meta m;
	struct frame f;
	u32 h;

	build_arp(&f, fr_mac_dst, fr_mac_src, MCNIC_ETH_P_ARP, 1);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(m.outer.l3, MCNIC_L3_NONE);
	h = mcnic_flow_hash(f.b, &m.outer);

	build_arp(&f, fr_mac_dst, fr_mac_src, MCNIC_ETH_P_ARP, 2);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer), h);	/* payload */

	build_arp(&f, other, fr_mac_src, MCNIC_ETH_P_ARP, 1);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_not_equal(mcnic_flow_hash(f.b, &m.outer), h);
	build_arp(&f, fr_mac_dst, other, MCNIC_ETH_P_ARP, 1);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_not_equal(mcnic_flow_hash(f.b, &m.outer), h);
	build_arp(&f, fr_mac_dst, fr_mac_src, 0x88b5, 1);	/* local experimental */
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_not_equal(mcnic_flow_hash(f.b, &m.outer), h);

	/* Tagged: the ethertype after the tag; the tag itself is not hashed. */
	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_8021Q);
	fr_vlan(&f, 100, MCNIC_ETH_P_ARP);
	fr_payload(&f, 42, 1);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer), h);

	/* At an offset into the buffer: l2_off is honoured. */
	fr_init(&f);
	fr_payload(&f, 7, 0);
	fr_eth(&f, MCNIC_ETH_P_ARP);
	fr_payload(&f, 46, 1);
	memset(&m.outer, 0, sizeof(m.outer));
	m.outer.l2_off = 7;
	m.outer.l3_off = m.outer.l4_off = MCNIC_OFF_NONE;
	m.outer.ethertype = MCNIC_ETH_P_ARP;
	assert_int_equal(mcnic_flow_hash(f.b, &m.outer), h);
}

/*
 * docs/formats.md: "Non-first fragments hash with zero ports, so all
 * fragments of a datagram take the same path."  The first fragment of a
 * UDP datagram carries the ports, the others do not; both must still give
 * the one hash or ECMP splits and reorders the datagram.
 */
static void test_flow_hash_fragments_same_path(void **state)
{
	struct mcnic_pkt_meta m;
	struct frame f;
	u32 first, later;
	u16 ip, udp;

	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	ip = fr_ipv4(&f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_put16(f.b + ip + 4, 0x0bad);
	fr_put16(f.b + ip + 6, MCNIC_IPV4_MF);
	udp = fr_udp_nocsum(&f, 1234, 80);
	fr_payload(&f, 24, 0);
	fr_finish(&f);
	fr_put16(f.b + udp + 4, 8 + 24 + 40);	/* the whole datagram's length */
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_true(m.outer.flags & MCNIC_LF_FRAG);
	first = mcnic_flow_hash(f.b, &m.outer);

	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	ip = fr_ipv4(&f, MCNIC_IPPROTO_UDP, FR_IN_SRC, FR_IN_DST);
	fr_put16(f.b + ip + 4, 0x0bad);
	fr_put16(f.b + ip + 6, 4);		/* offset 32 bytes, last */
	fr_payload(&f, 40, 24);
	fr_finish(&f);
	assert_int_equal(parse(&f, &m), MCNIC_DROP_NONE);
	assert_true(m.outer.flags & MCNIC_LF_FRAG_LATER);
	later = mcnic_flow_hash(f.b, &m.outer);

	assert_int_equal(first, later);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32c_check_value),
		cmocka_unit_test(test_crc32c_rfc3720),
		cmocka_unit_test(test_crc32c_every_length),
		cmocka_unit_test(test_crc32c_empty),
		cmocka_unit_test(test_crc32c_incremental),
		cmocka_unit_test(test_flow_hash_tuple_layout),
		cmocka_unit_test(test_flow_hash_ignores_non_tuple),
		cmocka_unit_test(test_flow_hash_each_field),
		cmocka_unit_test(test_flow_hash_frames_differ),
		cmocka_unit_test(test_flow_hash_non_ip),
		cmocka_unit_test(test_flow_hash_fragments_same_path),
	};

	return cmocka_run_group_tests_name("unit/hash", tests, NULL, NULL);
}
