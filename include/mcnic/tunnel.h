/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Tunnels: the description a host gives (struct mcnic_tunnel_cfg) and the
 * precomputed encap template both engines execute (struct mcnic_encap_tmpl).
 * One template serves every flow to the same remote endpoint; the per-packet
 * work is copying hdr[] in front of the inner frame and patching the few
 * fields the template records offsets for.
 */
#ifndef MCNIC_TUNNEL_H
#define MCNIC_TUNNEL_H

#include "types.h"

/* Three 64-byte beats of the HDL datapath. */
#define MCNIC_TMPL_HDR_MAX	192
/* GENEVE option bytes a template can carry: what fits in hdr[]. */
#define MCNIC_TMPL_GNV_OPT_MAX	112
/* Headroom a buffer must have in front of an inner frame. */
#define MCNIC_HEADROOM		256
/*
 * The largest VXLAN or GENEVE VNI (24 bits).  A GRE key travels in the same
 * u32 fields (vni) and may use all 32 bits.
 */
#define MCNIC_VNI_MAX		0xffffff

/* struct mcnic_tunnel_cfg.flags and struct mcnic_encap_tmpl.flags */
#define MCNIC_TUNF_OUTER_V6	0x0001	/* IPv6 underlay */
#define MCNIC_TUNF_VLAN		0x0002	/* outer 802.1Q tag */
#define MCNIC_TUNF_UDP_CSUM	0x0004	/* IPv4: compute outer UDP csum */
#define MCNIC_TUNF_UDP6_ZERO	0x0008	/* IPv6: zero csum (RFC 6935) */
#define MCNIC_TUNF_DF_SET	0x0010	/* outer IPv4 DF always */
#define MCNIC_TUNF_DF_INHERIT	0x0020	/* outer DF from inner IPv4 DF */
#define MCNIC_TUNF_TTL_INHERIT	0x0040	/* outer TTL from inner */
#define MCNIC_TUNF_DSCP_INHERIT	0x0080	/* outer DSCP from inner */
#define MCNIC_TUNF_ECN_COMPAT	0x0100	/* RFC 6040 compatibility: Not-ECT */
#define MCNIC_TUNF_GRE_KEY	0x0200	/* GRE key field carries vni */
#define MCNIC_TUNF_GRE_L3	0x0400	/* GRE carries IP, not Ethernet */
#define MCNIC_TUNF_GBP		0x0800	/* VXLAN-GBP group = ident */
#define MCNIC_TUNF_IDENT_OPT	0x1000	/* GENEVE mcnic ident option */
#define MCNIC_TUNF_ALL		0x1fff

struct mcnic_tunnel_cfg {
	u8 type;		/* enum mcnic_tun_type: VXLAN, GENEVE, GRE */
	u8 ttl;			/* outer TTL/hop limit (and when inner has none) */
	u8 dscp;		/* outer DSCP unless inherited */
	u8 gnv_opt_len;		/* bytes in gnv_opt[], a multiple of 4 */
	u16 flags;		/* MCNIC_TUNF_* */
	u16 vlan_tci;
	u8 smac[6];
	u8 dmac[6];		/* underlay next hop */
	u8 saddr[16];		/* local VTEP (IPv4 in the first 4 bytes) */
	u8 daddr[16];		/* remote VTEP */
	u32 vni;		/* VNI, or GRE key */
	u16 dport;		/* VXLAN/GENEVE UDP destination port */
	u16 sport_min;		/* entropy source-port range, inclusive */
	u16 sport_max;
	u16 mtu;		/* path MTU of the underlay (outer IP) */
	u16 ident;		/* segment tag sent in GBP or GENEVE option */
	u8 pad[14];
	u8 gnv_opt[MCNIC_TMPL_GNV_OPT_MAX];	/* raw GENEVE option TLVs */
};

struct mcnic_encap_tmpl {
	u8 hdr[MCNIC_TMPL_HDR_MAX];	/* outer headers as sent */
	u16 hdr_len;
	u16 mtu;
	u16 flags;		/* MCNIC_TUNF_* */
	u16 sport_min;
	u32 sport_span;		/* sport_max - sport_min + 1 */
	u32 ip_csum;		/* IPv4: unfolded sum of the fixed fields */
	u32 l4_csum;		/* UDP: unfolded pseudo-header addresses + proto */
	u8 type;		/* enum mcnic_tun_type */
	u8 l3_off;		/* outer IP header in hdr[] */
	u8 l4_off;		/* UDP or GRE header in hdr[] */
	u8 tun_off;		/* VXLAN/GENEVE/GRE header in hdr[] */
	u8 ttl;
	u8 tos;
	u8 pad[38];
};

/*
 * What a flow-table entry does with a packet: the result of the slow path,
 * cached per flow and executed by both engines on every hit.  Encap refers
 * to a shared template by index, so a route change rewrites one template,
 * not every flow.
 */
enum mcnic_act_type {
	MCNIC_ACT_DROP = 0,	/* count under drop_reason */
	MCNIC_ACT_FORWARD = 1,	/* unchanged, to port (no tunnel) */
	MCNIC_ACT_ENCAP = 2,	/* encap with template tmpl, out of port */
	MCNIC_ACT_DECAP = 3,	/* decap, deliver to host vport port, queue */
	MCNIC_ACT_TRANSIT = 4,	/* decap, then encap with tmpl (cloud router) */
};

/* struct mcnic_tunnel_action.flags */
#define MCNIC_ACTF_COUNT	0x01	/* count under the deciding rule too */
#define MCNIC_ACTF_SAMPLE	0x02	/* telemetry samples this flow */

struct mcnic_tunnel_action {
	u8 type;		/* enum mcnic_act_type */
	u8 flags;		/* MCNIC_ACTF_* */
	u16 port;		/* uplink or host vport */
	u16 queue;		/* host queue within the vport (DECAP) */
	u8 drop_reason;		/* enum mcnic_drop (DROP) */
	u8 pad;
	u32 tmpl;		/* encap template index (ENCAP, TRANSIT) */
	u32 rule;		/* policy rule that decided, for telemetry */
};

MCNIC_ASSERT_SIZE(struct mcnic_tunnel_action, 16);
MCNIC_ASSERT_OFF(struct mcnic_tunnel_action, tmpl, 8);
MCNIC_ASSERT_SIZE(struct mcnic_tunnel_cfg, 192);
MCNIC_ASSERT_SIZE(struct mcnic_encap_tmpl, 256);
MCNIC_ASSERT_OFF(struct mcnic_encap_tmpl, hdr_len, 192);
MCNIC_ASSERT_OFF(struct mcnic_encap_tmpl, type, 212);

#endif /* MCNIC_TUNNEL_H */
