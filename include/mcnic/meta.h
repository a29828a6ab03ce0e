/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Parsed-packet metadata: what the parser (firmware dp/parse.c, HDL parser)
 * hands to the rest of the pipeline.  Fixed layout, numbers in host order,
 * addresses as on the wire; the HDL carries the same fields on its metadata
 * bus, so the layout is asserted below.
 */
#ifndef MCNIC_META_H
#define MCNIC_META_H

#include "types.h"

/* An offset that is not present (no L4 in a non-first fragment, ...). */
#define MCNIC_OFF_NONE		0xffff
#define MCNIC_VLAN_MAX		2
#define MCNIC_IPV6_EXT_MAX	4
#define MCNIC_VXLAN_PORTS_MAX	4

enum mcnic_l3 {
	MCNIC_L3_NONE = 0,
	MCNIC_L3_IPV4 = 4,
	MCNIC_L3_IPV6 = 6,
};

enum mcnic_tun_type {
	MCNIC_TUN_NONE = 0,
	MCNIC_TUN_VXLAN = 1,
	MCNIC_TUN_GENEVE = 2,
	MCNIC_TUN_GRE = 3,
	MCNIC_TUN_ESP = 4,
};

/* struct mcnic_layer.flags */
#define MCNIC_LF_FRAG		0x0001	/* IP fragment (MF or offset) */
#define MCNIC_LF_FRAG_LATER	0x0002	/* not the first fragment: no L4 */
#define MCNIC_LF_IPV4_OPTS	0x0004
#define MCNIC_LF_IPV6_EXT	0x0008
#define MCNIC_LF_L4		0x0010	/* l4_off, sport and dport valid */
#define MCNIC_LF_IPV4_DF	0x0020
#define MCNIC_LF_IPV6_RH_LEFT	0x0040	/* routing header, segments left */

/* One header stack: the outer packet, or the inner frame of a tunnel. */
struct mcnic_layer {
	u16 l2_off;		/* Ethernet header, or MCNIC_OFF_NONE */
	u16 l3_off;		/* IP header, or MCNIC_OFF_NONE */
	u16 l4_off;		/* header after IP (any protocol), or OFF_NONE */
	u16 end;		/* end of the IP datagram (before L2 padding) */
	u16 ethertype;		/* after the VLAN tags */
	u16 vlan_tci[MCNIC_VLAN_MAX];
	u16 flags;		/* MCNIC_LF_* */
	u8 n_vlan;
	u8 l3;			/* enum mcnic_l3 */
	u8 proto;		/* L4 protocol after IPv6 extension headers */
	u8 tos;			/* IPv4 TOS / IPv6 traffic class */
	u8 ttl;			/* IPv4 TTL / IPv6 hop limit */
	u8 tcp_flags;
	u16 sport;		/* ICMP: type << 8 | code */
	u16 dport;		/* ICMP: echo identifier (0 for non-echo) */
	u8 saddr[16];		/* IPv4 in the first four bytes */
	u8 daddr[16];
};

/* struct mcnic_pkt_meta.tflags */
#define MCNIC_TF_GRE_CSUM	0x0001
#define MCNIC_TF_GRE_KEY	0x0002
#define MCNIC_TF_GRE_SEQ	0x0004
#define MCNIC_TF_GBP		0x0008	/* VXLAN-GBP G bit: ident valid */
#define MCNIC_TF_GBP_D		0x0010
#define MCNIC_TF_GBP_A		0x0020
#define MCNIC_TF_IDENT		0x0040	/* ident valid (GBP or option) */
#define MCNIC_TF_GNV_OAM	0x0080
#define MCNIC_TF_GNV_CRIT	0x0100	/* C bit set in the header */
#define MCNIC_TF_GNV_CRIT_UNK	0x0200	/* a critical option we don't know */
#define MCNIC_TF_INNER_L2	0x0400	/* inner frame starts at Ethernet */
#define MCNIC_TF_ESP_UDP	0x0800	/* ESP in UDP (RFC 3948) */

struct mcnic_pkt_meta {
	struct mcnic_layer outer;
	struct mcnic_layer inner;	/* valid when tun != NONE (not ESP) */
	u16 len;		/* bytes parsed */
	u16 tun_off;		/* tunnel header (VXLAN/GENEVE/GRE/ESP) */
	u16 inner_off;		/* first byte of the inner frame */
	u16 tflags;		/* MCNIC_TF_* */
	u16 gnv_opt_off;	/* GENEVE options, and their length */
	u16 gnv_opt_len;
	u16 ident;		/* segment tag from VXLAN-GBP or GENEVE */
	u16 tun_proto;		/* GENEVE/GRE protocol type */
	u8 tun;			/* enum mcnic_tun_type */
	u8 err_inner;		/* the error, if any, was in the inner frame */
	u8 pad[2];
	u32 vni;		/* VXLAN/GENEVE VNI, GRE key */
	u32 seq;		/* GRE sequence, ESP sequence */
	u32 spi;		/* ESP SPI */
};

MCNIC_ASSERT_SIZE(struct mcnic_layer, 58);
MCNIC_ASSERT_SIZE(struct mcnic_pkt_meta, 148);

/* What the parser recognises as tunnels (per device, set by the host). */
struct mcnic_parse_cfg {
	u16 vxlan_port[MCNIC_VXLAN_PORTS_MAX];	/* host order; 0 = unused */
	u16 geneve_port;
	u16 espinudp_port;	/* 0 disables ESP-in-UDP */
	u8 vxlan_gbp;		/* interpret the GBP bits */
	u8 pad[3];
};

#endif /* MCNIC_META_H */
