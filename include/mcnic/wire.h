/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Wire formats: the headers mcnic parses, builds and strips.
 *
 * All structs are packed (alignment 1) because the NIC cores do not support
 * misaligned loads and an IP header behind a 14-byte Ethernet header is only
 * 2-byte aligned.  Multi-byte fields are big endian on the wire and typed so.
 */
#ifndef MCNIC_WIRE_H
#define MCNIC_WIRE_H

#include "types.h"

#define MCNIC_ETH_ALEN		6
#define MCNIC_ETH_HLEN		14
#define MCNIC_ETH_P_IPV4	0x0800
#define MCNIC_ETH_P_ARP		0x0806
#define MCNIC_ETH_P_TEB		0x6558	/* transparent Ethernet bridging */
#define MCNIC_ETH_P_8021Q	0x8100
#define MCNIC_ETH_P_8021AD	0x88a8
#define MCNIC_ETH_P_IPV6	0x86dd

#define MCNIC_IPPROTO_HOPOPTS	0
#define MCNIC_IPPROTO_ICMP	1
#define MCNIC_IPPROTO_TCP	6
#define MCNIC_IPPROTO_UDP	17
#define MCNIC_IPPROTO_ROUTING	43
#define MCNIC_IPPROTO_FRAGMENT	44
#define MCNIC_IPPROTO_GRE	47
#define MCNIC_IPPROTO_ESP	50
#define MCNIC_IPPROTO_ICMPV6	58
#define MCNIC_IPPROTO_NONE	59
#define MCNIC_IPPROTO_DSTOPTS	60

#define MCNIC_PORT_VXLAN	4789
#define MCNIC_PORT_GENEVE	6081
#define MCNIC_PORT_ESPINUDP	4500

struct mcnic_eth_hdr {
	u8 dst[MCNIC_ETH_ALEN];
	u8 src[MCNIC_ETH_ALEN];
	__be16 type;
} __mcnic_packed;

/* 802.1Q / 802.1ad tag, as it follows the addresses. */
struct mcnic_vlan_hdr {
	__be16 tci;
	__be16 type;
} __mcnic_packed;

#define MCNIC_VLAN_VID_MASK	0x0fff

#define MCNIC_IPV4_DF		0x4000
#define MCNIC_IPV4_MF		0x2000
#define MCNIC_IPV4_OFF_MASK	0x1fff

struct mcnic_ipv4_hdr {
	u8 ver_ihl;		/* version 4 in the high nibble, IHL in words */
	u8 tos;			/* DSCP << 2 | ECN */
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;	/* DF, MF, offset in 8-byte units */
	u8 ttl;
	u8 proto;
	__sum16 check;
	__be32 saddr;
	__be32 daddr;
} __mcnic_packed;

struct mcnic_ipv6_hdr {
	__be32 ver_tc_flow;	/* version 6, traffic class, flow label */
	__be16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	u8 saddr[16];
	u8 daddr[16];
} __mcnic_packed;

/* Hop-by-hop, routing and destination options share this prefix. */
struct mcnic_ipv6_opt_hdr {
	u8 nexthdr;
	u8 hdrlen;		/* in 8-byte units, not counting the first 8 */
} __mcnic_packed;

struct mcnic_ipv6_frag_hdr {
	u8 nexthdr;
	u8 reserved;
	__be16 frag_off;	/* offset << 3 | M */
	__be32 id;
} __mcnic_packed;

#define MCNIC_IPV6_FRAG_OFF_MASK 0xfff8
#define MCNIC_IPV6_FRAG_MF	0x0001

struct mcnic_udp_hdr {
	__be16 source;
	__be16 dest;
	__be16 len;
	__sum16 check;
} __mcnic_packed;

struct mcnic_tcp_hdr {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
	u8 doff_res;		/* data offset in words in the high nibble */
	u8 flags;
	__be16 window;
	__sum16 check;
	__be16 urg_ptr;
} __mcnic_packed;

/* ICMP and ICMPv6 share the first eight bytes' shape. */
struct mcnic_icmp_hdr {
	u8 type;
	u8 code;
	__sum16 check;
	__be16 id;		/* echo identifier; MTU for "too big" */
	__be16 seq;
} __mcnic_packed;

/*
 * VXLAN (RFC 7348) with the group-policy extension (VXLAN-GBP,
 * draft-smith-vxlan-group-policy): G, D and A bits and a 16-bit group.
 */
struct mcnic_vxlan_hdr {
	u8 flags;		/* G (0x80), I (0x08) */
	u8 gbp_flags;		/* D (0x40), A (0x08) */
	__be16 gbp_group;
	__be32 vni_res;		/* VNI << 8 */
} __mcnic_packed;

#define MCNIC_VXLAN_F_I		0x08
#define MCNIC_VXLAN_F_G		0x80
#define MCNIC_VXLAN_GBP_D	0x40
#define MCNIC_VXLAN_GBP_A	0x08

/* GENEVE (RFC 8926). */
struct mcnic_geneve_hdr {
	u8 ver_optlen;		/* version (2 bits), option length in words */
	u8 flags;		/* O (0x80), C (0x40) */
	__be16 proto;
	__be32 vni_res;		/* VNI << 8 */
} __mcnic_packed;

#define MCNIC_GENEVE_OPTLEN_MASK 0x3f
#define MCNIC_GENEVE_F_O	0x80
#define MCNIC_GENEVE_F_C	0x40

struct mcnic_geneve_opt {
	__be16 opt_class;
	u8 type;		/* critical bit 0x80 */
	u8 len;			/* data length in words, low 5 bits */
} __mcnic_packed;

#define MCNIC_GENEVE_OPT_CRIT	0x80
#define MCNIC_GENEVE_OPT_LEN_MASK 0x1f
/* Bytes of options a GENEVE header can carry (6-bit length in words). */
#define MCNIC_GENEVE_OPT_MAX	252

/*
 * mcnic's own GENEVE option: the sender's segment (identity) tag, so policy
 * at the receiving domain can check who sent a packet.  Class 0xfff0 is in
 * RFC 8926's experimental range; data is one word: segment(16) reserved(16).
 */
#define MCNIC_GENEVE_CLASS_MCNIC 0xfff0
#define MCNIC_GENEVE_TYPE_IDENT	0x01

/* GRE (RFC 2784, key and sequence from RFC 2890). */
struct mcnic_gre_hdr {
	__be16 flags_ver;
	__be16 proto;
} __mcnic_packed;

#define MCNIC_GRE_F_C		0x8000
#define MCNIC_GRE_F_R		0x4000
#define MCNIC_GRE_F_K		0x2000
#define MCNIC_GRE_F_S		0x1000
#define MCNIC_GRE_F_RES45	0x0c00	/* RFC 1701 s and recursion bits */
#define MCNIC_GRE_VER_MASK	0x0007

/* ESP (RFC 4303): the cleartext part only. */
struct mcnic_esp_hdr {
	__be32 spi;
	__be32 seq;
} __mcnic_packed;

MCNIC_ASSERT_SIZE(struct mcnic_eth_hdr, 14);
MCNIC_ASSERT_SIZE(struct mcnic_vlan_hdr, 4);
MCNIC_ASSERT_SIZE(struct mcnic_ipv4_hdr, 20);
MCNIC_ASSERT_SIZE(struct mcnic_ipv6_hdr, 40);
MCNIC_ASSERT_SIZE(struct mcnic_ipv6_frag_hdr, 8);
MCNIC_ASSERT_SIZE(struct mcnic_udp_hdr, 8);
MCNIC_ASSERT_SIZE(struct mcnic_tcp_hdr, 20);
MCNIC_ASSERT_SIZE(struct mcnic_icmp_hdr, 8);
MCNIC_ASSERT_SIZE(struct mcnic_vxlan_hdr, 8);
MCNIC_ASSERT_SIZE(struct mcnic_geneve_hdr, 8);
MCNIC_ASSERT_SIZE(struct mcnic_geneve_opt, 4);
MCNIC_ASSERT_SIZE(struct mcnic_gre_hdr, 4);
MCNIC_ASSERT_SIZE(struct mcnic_esp_hdr, 8);

#endif /* MCNIC_WIRE_H */
