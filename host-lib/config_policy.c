// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Policy rules: each becomes a struct mcnic_policy_rule with its VRF and
 * segments resolved to ids and its match bits set for exactly the fields
 * given, so the classifier can take it as it is.
 */
#include <string.h>
#include "config_priv.h"
#include <mcnic/wire.h>

enum {
	POL_VRF, POL_ID, POL_PRIORITY, POL_ACTION, POL_DIRECTION, POL_SRC,
	POL_DST, POL_SRC_SEGMENT, POL_DST_SEGMENT, POL_PROTO, POL_SPORT,
	POL_DPORT, POL_COUNT,
};

static const struct mcnic_cfg_key mcnic_cfg_policy_keys[] = {
	[POL_VRF] = { "vrf", 1 },
	[POL_ID] = { "id", 1 },
	[POL_PRIORITY] = { "priority", 0 },
	[POL_ACTION] = { "action", 1 },
	[POL_DIRECTION] = { "direction", 0 },
	[POL_SRC] = { "src", 0 },
	[POL_DST] = { "dst", 0 },
	[POL_SRC_SEGMENT] = { "src_segment", 0 },
	[POL_DST_SEGMENT] = { "dst_segment", 0 },
	[POL_PROTO] = { "proto", 0 },
	[POL_SPORT] = { "sport", 0 },
	[POL_DPORT] = { "dport", 0 },
	[POL_COUNT] = { "count", 0 },
	{ NULL, 0 },
};

static const char *const mcnic_cfg_directions[] = {
	"egress", "ingress", "any", NULL,
};

static const u8 mcnic_cfg_direction_bits[] = {
	MCNIC_POLM_EGRESS, MCNIC_POLM_INGRESS, 0,
};

static const char *const mcnic_cfg_protos[] = {
	"tcp", "udp", "icmp", "icmpv6", "gre", NULL,
};

static const u8 mcnic_cfg_proto_nums[] = {
	MCNIC_IPPROTO_TCP, MCNIC_IPPROTO_UDP, MCNIC_IPPROTO_ICMP,
	MCNIC_IPPROTO_ICMPV6, MCNIC_IPPROTO_GRE,
};

/* A protocol by name, or its number. */
static int mcnic_cfg_proto(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			   const char *key, u8 *proto)
{
	char show[MCNIC_CFG_SHOW_MAX];
	u32 i;

	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length &&
	    n->data.scalar.value[0] >= '0' && n->data.scalar.value[0] <= '9')
		return mcnic_cfg_u8(ctx, n, key, 0, 255, proto);
	for (i = 0; mcnic_cfg_protos[i]; i++)
		if (n->type == YAML_SCALAR_NODE &&
		    n->data.scalar.length == strlen(mcnic_cfg_protos[i]) &&
		    !memcmp(n->data.scalar.value, mcnic_cfg_protos[i],
			    n->data.scalar.length)) {
			*proto = mcnic_cfg_proto_nums[i];
			return 0;
		}
	return mcnic_cfg_err(ctx, n, key,
			     "'%s' is not a protocol (tcp, udp, icmp, icmpv6, gre or 0..255)",
			     mcnic_cfg_show(n, show, sizeof(show)));
}

/* Prefixes: one family for both; ICMP of the other family never matches. */
static int mcnic_cfg_policy_addrs(struct mcnic_cfg_ctx *ctx,
				  const struct mcnic_cfg_map *m,
				  struct mcnic_policy_rule *r)
{
	u8 sfam = 0, dfam = 0;

	if (mcnic_cfg_prefix(ctx, MCNIC_CFG_AT(m, POL_SRC), &sfam, r->src,
			     &r->src_len) ||
	    mcnic_cfg_prefix(ctx, MCNIC_CFG_AT(m, POL_DST), &dfam, r->dst,
			     &r->dst_len))
		return -MCNIC_EINVAL;
	if (sfam && dfam && sfam != dfam)
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, POL_DST),
				     "an IPv%u dst with an IPv%u src",
				     dfam, sfam);
	r->family = sfam ? sfam : dfam;
	return 0;
}

static int mcnic_cfg_policy_proto(struct mcnic_cfg_ctx *ctx,
				  const struct mcnic_cfg_map *m,
				  struct mcnic_policy_rule *r)
{
	yaml_node_t *ports = m->val[POL_SPORT] ? m->key[POL_SPORT] :
						 m->key[POL_DPORT];

	r->sport_hi = 65535;
	r->dport_hi = 65535;
	if (m->val[POL_PROTO]) {
		if (mcnic_cfg_proto(ctx, MCNIC_CFG_AT(m, POL_PROTO), &r->proto))
			return -MCNIC_EINVAL;
		r->match |= MCNIC_POLM_PROTO;
	}
	if ((r->proto == MCNIC_IPPROTO_ICMP && r->family == 6) ||
	    (r->proto == MCNIC_IPPROTO_ICMPV6 && r->family == 4))
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, POL_PROTO),
				     "never matches IPv%u prefixes",
				     r->family);
	if (ports && (!(r->match & MCNIC_POLM_PROTO) ||
		      (r->proto != MCNIC_IPPROTO_TCP &&
		       r->proto != MCNIC_IPPROTO_UDP)))
		return mcnic_cfg_err(ctx, ports,
				     m->val[POL_SPORT] ? "sport" : "dport",
				     "ports need proto: tcp or udp");
	if (mcnic_cfg_range(ctx, MCNIC_CFG_AT(m, POL_SPORT), 0, 65535,
			    &r->sport_lo, &r->sport_hi) ||
	    mcnic_cfg_range(ctx, MCNIC_CFG_AT(m, POL_DPORT), 0, 65535,
			    &r->dport_lo, &r->dport_hi))
		return -MCNIC_EINVAL;
	return 0;
}

static int mcnic_cfg_policy_match(struct mcnic_cfg_ctx *ctx,
				  const struct mcnic_cfg_map *m,
				  struct mcnic_policy_rule *r)
{
	u8 dir = 2;

	if (mcnic_cfg_enum(ctx, MCNIC_CFG_AT(m, POL_DIRECTION),
			   mcnic_cfg_directions, &dir) ||
	    mcnic_cfg_segment_ref(ctx, MCNIC_CFG_AT(m, POL_SRC_SEGMENT),
				  &r->sseg) ||
	    mcnic_cfg_segment_ref(ctx, MCNIC_CFG_AT(m, POL_DST_SEGMENT),
				  &r->dseg) ||
	    mcnic_cfg_policy_addrs(ctx, m, r))
		return -MCNIC_EINVAL;
	r->match |= mcnic_cfg_direction_bits[dir];
	if (m->val[POL_SRC_SEGMENT])
		r->match |= MCNIC_POLM_SSEG;
	if (m->val[POL_DST_SEGMENT])
		r->match |= MCNIC_POLM_DSEG;
	return mcnic_cfg_policy_proto(ctx, m, r);
}

static int mcnic_cfg_policy(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			    void *elem)
{
	struct mcnic_cfg_policy *p = elem;
	struct mcnic_policy_rule *r = &p->rule;
	struct mcnic_cfg_map m;
	u8 count = 0;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_policy_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &p->loc);
	r->priority = 1000;
	if (mcnic_cfg_vrf_ref(ctx, MCNIC_CFG_AT(&m, POL_VRF), &r->vrf) ||
	    mcnic_cfg_u32(ctx, MCNIC_CFG_AT(&m, POL_ID), 0, 0xfffffffeu,
			  &r->id) ||
	    mcnic_cfg_u32(ctx, MCNIC_CFG_AT(&m, POL_PRIORITY), 0, 0xffffffffu,
			  &r->priority) ||
	    mcnic_cfg_enum(ctx, MCNIC_CFG_AT(&m, POL_ACTION),
			   mcnic_cfg_pol_actions, &r->action) ||
	    mcnic_cfg_bool(ctx, MCNIC_CFG_AT(&m, POL_COUNT), &count))
		return -MCNIC_EINVAL;
	if (count)
		r->flags |= MCNIC_POLF_COUNT;
	return mcnic_cfg_policy_match(ctx, &m, r);
}

static int mcnic_cfg_cmp_policy_id(const void *a, const void *b)
{
	const struct mcnic_cfg_policy *x = a, *y = b;

	return (x->rule.id > y->rule.id) - (x->rule.id < y->rule.id);
}

int mcnic_cfg_policies(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->policies);

	if (mcnic_cfg_section(ctx, list, "policies", sz,
			      (void **)&cfg->policies, &cfg->n_policies,
			      mcnic_cfg_policy) ||
	    mcnic_cfg_unique(ctx, cfg->policies, sz, cfg->n_policies,
			     mcnic_cfg_cmp_policy_id, list, "policies", "id",
			     "id"))
		return -MCNIC_EINVAL;
	return 0;
}
