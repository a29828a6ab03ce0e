/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Policy: priority rules per VRF over prefixes, segment (identity) tags,
 * protocol, port ranges and direction.  The lowest priority value wins;
 * between equal priorities the lowest rule id.  When no rule matches, the
 * VRF's default action decides, reported as rule MCNIC_RULE_DEFAULT.
 */
#ifndef MCNIC_POLICY_H
#define MCNIC_POLICY_H

#include "types.h"

#define MCNIC_RULE_DEFAULT	0xffffffffu

enum mcnic_pol_action {
	MCNIC_POL_DENY = 0,
	MCNIC_POL_ALLOW = 1,
};

/* struct mcnic_policy_rule.match: which fields the rule looks at */
#define MCNIC_POLM_PROTO	0x01
#define MCNIC_POLM_SSEG		0x02
#define MCNIC_POLM_DSEG		0x04
#define MCNIC_POLM_EGRESS	0x08	/* applies to egress (host -> cloud) */
#define MCNIC_POLM_INGRESS	0x10	/* applies to ingress (cloud -> host) */
#define MCNIC_POLM_ALL		0x1f

/* struct mcnic_policy_rule.flags */
#define MCNIC_POLF_COUNT	0x01	/* per-rule packet/byte counters */

struct mcnic_policy_rule {
	u32 id;			/* caller's id, reported with each decision */
	u32 priority;		/* lower wins */
	u16 vrf;
	u8 action;		/* enum mcnic_pol_action */
	u8 flags;		/* MCNIC_POLF_* */
	u8 match;		/* MCNIC_POLM_*; neither direction bit = both */
	u8 family;		/* 4 or 6; 0: both (no prefixes then) */
	u8 src_len;		/* prefix lengths; 0 matches any address */
	u8 dst_len;
	u8 src[16];
	u8 dst[16];
	u16 sseg;		/* segment tags, when MCNIC_POLM_SSEG/DSEG */
	u16 dseg;
	u16 sport_lo;		/* inclusive ranges; 0..65535 = any */
	u16 sport_hi;
	u16 dport_lo;
	u16 dport_hi;
	u8 proto;		/* when MCNIC_POLM_PROTO */
	u8 pad[3];
};

/* What a decision is taken over (the flow's first packet). */
struct mcnic_policy_query {
	u8 src[16];
	u8 dst[16];
	u16 sseg;		/* 0 when the packet carries no segment */
	u16 dseg;
	u16 sport;		/* 0 for fragments and protocols without ports */
	u16 dport;
	u16 vrf;
	u8 proto;
	u8 family;		/* 4 or 6 */
	u8 ingress;		/* 1: from an uplink */
	u8 pad[3];
};

MCNIC_ASSERT_SIZE(struct mcnic_policy_rule, 64);
MCNIC_ASSERT_SIZE(struct mcnic_policy_query, 48);

#endif /* MCNIC_POLICY_H */
