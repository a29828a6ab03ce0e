// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * VRFs, segments and ports: the names everything after them refers to.
 * VRFs and segments are read first, so a vport can name its own.
 */
#include <stddef.h>
#include "config_priv.h"
#include "dp/pipe.h"	/* MCNIC_VRF_ID_MAX */

enum {
	VRF_NAME, VRF_ID, VRF_DEFAULT,
};

static const struct mcnic_cfg_key mcnic_cfg_vrf_keys[] = {
	[VRF_NAME] = { "name", 1 },
	[VRF_ID] = { "id", 1 },
	[VRF_DEFAULT] = { "default", 0 },
	{ NULL, 0 },
};

/* Indexed by enum mcnic_pol_action: VRF defaults and policy actions. */
const char *const mcnic_cfg_pol_actions[] = { "deny", "allow", NULL };

static int mcnic_cfg_vrf(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, void *elem)
{
	struct mcnic_cfg_vrf *v = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_vrf_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &v->loc);
	v->default_action = MCNIC_POL_DENY;
	if (mcnic_cfg_name(ctx, MCNIC_CFG_AT(&m, VRF_NAME), v->name) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(&m, VRF_ID), 1, MCNIC_VRF_ID_MAX,
			  &v->id) ||
	    mcnic_cfg_enum(ctx, MCNIC_CFG_AT(&m, VRF_DEFAULT),
			   mcnic_cfg_pol_actions, &v->default_action))
		return -MCNIC_EINVAL;
	return 0;
}

static int mcnic_cfg_cmp_vrf_id(const void *a, const void *b)
{
	const struct mcnic_cfg_vrf *x = a, *y = b;

	return (int)x->id - (int)y->id;
}

int mcnic_cfg_vrfs(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->vrfs);

	if (mcnic_cfg_section(ctx, list, "vrfs", sz, (void **)&cfg->vrfs,
			      &cfg->n_vrfs, mcnic_cfg_vrf) ||
	    mcnic_cfg_named(ctx, MCNIC_CFG_IX_VRF, cfg->vrfs, sz, cfg->n_vrfs,
			    list, "vrfs") ||
	    mcnic_cfg_unique(ctx, cfg->vrfs, sz, cfg->n_vrfs,
			     mcnic_cfg_cmp_vrf_id, list, "vrfs", "id", "id"))
		return -MCNIC_EINVAL;
	return 0;
}

enum {
	SEG_NAME, SEG_ID,
};

static const struct mcnic_cfg_key mcnic_cfg_segment_keys[] = {
	[SEG_NAME] = { "name", 1 },
	[SEG_ID] = { "id", 1 },
	{ NULL, 0 },
};

static int mcnic_cfg_segment(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			     void *elem)
{
	struct mcnic_cfg_segment *s = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_segment_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &s->loc);
	if (mcnic_cfg_name(ctx, MCNIC_CFG_AT(&m, SEG_NAME), s->name) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(&m, SEG_ID), 1, 65535, &s->id))
		return -MCNIC_EINVAL;
	return 0;
}

static int mcnic_cfg_cmp_segment_id(const void *a, const void *b)
{
	const struct mcnic_cfg_segment *x = a, *y = b;

	return (int)x->id - (int)y->id;
}

int mcnic_cfg_segments(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->segments);

	if (mcnic_cfg_section(ctx, list, "segments", sz,
			      (void **)&cfg->segments, &cfg->n_segments,
			      mcnic_cfg_segment) ||
	    mcnic_cfg_named(ctx, MCNIC_CFG_IX_SEGMENT, cfg->segments, sz,
			    cfg->n_segments, list, "segments") ||
	    mcnic_cfg_unique(ctx, cfg->segments, sz, cfg->n_segments,
			     mcnic_cfg_cmp_segment_id, list, "segments", "id",
			     "id"))
		return -MCNIC_EINVAL;
	return 0;
}

int mcnic_cfg_vrf_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		      const char *key, u16 *id)
{
	u32 i;

	if (!n)
		return 0;
	if (mcnic_cfg_ref(ctx, n, key, MCNIC_CFG_IX_VRF, "vrf", &i))
		return -MCNIC_EINVAL;
	*id = ctx->cfg->vrfs[i].id;
	return 0;
}

/* The name of a VRF that was resolved by mcnic_cfg_vrf_ref(). */
const char *mcnic_cfg_vrf_name(struct mcnic_cfg_ctx *ctx, u16 id)
{
	u32 i;

	for (i = 0; i < ctx->cfg->n_vrfs; i++)
		if (ctx->cfg->vrfs[i].id == id)
			return ctx->cfg->vrfs[i].name;
	return "?";
}

int mcnic_cfg_segment_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			  const char *key, u16 *id)
{
	u32 i;

	if (!n)
		return 0;
	if (mcnic_cfg_ref(ctx, n, key, MCNIC_CFG_IX_SEGMENT, "segment", &i))
		return -MCNIC_EINVAL;
	*id = ctx->cfg->segments[i].id;
	return 0;
}

enum {
	PORT_NAME, PORT_KIND, PORT_ID, PORT_MAC, PORT_MTU, PORT_QUEUES,
	PORT_VRF, PORT_SEGMENT,
};

static const struct mcnic_cfg_key mcnic_cfg_port_keys[] = {
	[PORT_NAME] = { "name", 1 },
	[PORT_KIND] = { "kind", 1 },
	[PORT_ID] = { "id", 1 },
	[PORT_MAC] = { "mac", 1 },
	[PORT_MTU] = { "mtu", 0 },
	[PORT_QUEUES] = { "queues", 0 },
	[PORT_VRF] = { "vrf", 0 },
	[PORT_SEGMENT] = { "segment", 0 },
	{ NULL, 0 },
};

/* Indexed by enum mcnic_cfg_port_kind. */
static const char *const mcnic_cfg_port_kinds[] = { "uplink", "vport", NULL };

/* Queues, VRF and segment belong to the host side: vports only. */
static int mcnic_cfg_vport(struct mcnic_cfg_ctx *ctx,
			   const struct mcnic_cfg_map *m,
			   struct mcnic_cfg_port *p)
{
	u32 k;

	if (p->kind == MCNIC_PORT_UPLINK) {
		for (k = PORT_QUEUES; k <= PORT_SEGMENT; k++)
			if (m->val[k])
				return mcnic_cfg_err(ctx, m->key[k],
						     m->keys[k].name,
						     "only a vport has this key");
		return 0;
	}
	if (!m->val[PORT_VRF])
		return mcnic_cfg_err(ctx, m->node, "vrf",
				     "missing required key (a vport needs one)");
	p->queues = 1;
	if (mcnic_cfg_u16(ctx, MCNIC_CFG_AT(m, PORT_QUEUES), 1, 64,
			  &p->queues) ||
	    mcnic_cfg_vrf_ref(ctx, MCNIC_CFG_AT(m, PORT_VRF), &p->vrf) ||
	    mcnic_cfg_segment_ref(ctx, MCNIC_CFG_AT(m, PORT_SEGMENT),
				  &p->segment))
		return -MCNIC_EINVAL;
	return 0;
}

static int mcnic_cfg_port(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			  void *elem)
{
	struct mcnic_cfg_port *p = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_port_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &p->loc);
	p->mtu = 1500;
	if (mcnic_cfg_name(ctx, MCNIC_CFG_AT(&m, PORT_NAME), p->name) ||
	    mcnic_cfg_enum(ctx, MCNIC_CFG_AT(&m, PORT_KIND),
			   mcnic_cfg_port_kinds, &p->kind) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(&m, PORT_ID), 0, 1023, &p->id) ||
	    mcnic_cfg_mac(ctx, MCNIC_CFG_AT(&m, PORT_MAC), p->mac) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(&m, PORT_MTU), 576, 9216, &p->mtu))
		return -MCNIC_EINVAL;
	return mcnic_cfg_vport(ctx, &m, p);
}

static int mcnic_cfg_cmp_port_id(const void *a, const void *b)
{
	const struct mcnic_cfg_port *x = a, *y = b;

	return (int)x->id - (int)y->id;
}

int mcnic_cfg_ports(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->ports);
	u32 i;

	if (mcnic_cfg_section(ctx, list, "ports", sz, (void **)&cfg->ports,
			      &cfg->n_ports, mcnic_cfg_port) ||
	    mcnic_cfg_named(ctx, MCNIC_CFG_IX_PORT, cfg->ports, sz,
			    cfg->n_ports, list, "ports") ||
	    mcnic_cfg_unique(ctx, cfg->ports, sz, cfg->n_ports,
			     mcnic_cfg_cmp_port_id, list, "ports", "id", "id"))
		return -MCNIC_EINVAL;
	for (i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].kind == MCNIC_PORT_UPLINK)
			return 0;
	return mcnic_cfg_err(ctx, list, "ports", "needs at least one uplink");
}

/* A port of the given kind, by name. */
int mcnic_cfg_port_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		       const char *key, u8 kind,
		       const struct mcnic_cfg_port **port)
{
	const struct mcnic_cfg_port *p;
	u32 i;

	if (mcnic_cfg_ref(ctx, n, key, MCNIC_CFG_IX_PORT,
			  mcnic_cfg_port_kinds[kind], &i))
		return -MCNIC_EINVAL;
	p = &ctx->cfg->ports[i];
	if (p->kind != kind)
		return mcnic_cfg_err(ctx, n, key, "%s is %s", p->name,
				     kind == MCNIC_PORT_UPLINK ?
				     "a vport, not an uplink" :
				     "an uplink, not a vport");
	*port = p;
	return 0;
}
