// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Next-hop groups and routes.  A group spreads flows over weighted members
 * (tunnels or local vports) and falls back to its backups, in order, when
 * every member is down; a route sends a prefix of a VRF to a group, to a
 * local vport of the same VRF, or into a blackhole.
 */
#include <string.h>
#include "config_priv.h"

enum {
	NH_TUNNEL, NH_VPORT, NH_WEIGHT,
};

static const struct mcnic_cfg_key mcnic_cfg_nh_keys[] = {
	[NH_TUNNEL] = { "tunnel", 0 },
	[NH_VPORT] = { "vport", 0 },
	[NH_WEIGHT] = { "weight", 0 },
	{ NULL, 0 },
};

/* A next hop appears once in a group, as a member or as a backup. */
static int mcnic_cfg_nh_dup(const struct mcnic_cfg_nhg *g,
			    const struct mcnic_cfg_nh *nh)
{
	u32 i;

	for (i = 0; i < g->n_members; i++)
		if (g->members[i].kind == nh->kind &&
		    g->members[i].ref == nh->ref)
			return 1;
	for (i = 0; i < g->n_backups; i++)
		if (g->backups[i].kind == nh->kind &&
		    g->backups[i].ref == nh->ref)
			return 1;
	return 0;
}

static int mcnic_cfg_nh_target(struct mcnic_cfg_ctx *ctx,
			       const struct mcnic_cfg_map *m,
			       struct mcnic_cfg_nh *nh)
{
	const struct mcnic_cfg_port *p;
	u32 i;

	if (m->val[NH_TUNNEL] && m->val[NH_VPORT])
		return mcnic_cfg_err(ctx, m->key[NH_VPORT], "vport",
				     "a next hop is a tunnel or a vport, not both");
	if (m->val[NH_VPORT]) {
		if (mcnic_cfg_port_ref(ctx, MCNIC_CFG_AT(m, NH_VPORT),
				       MCNIC_PORT_VPORT, &p))
			return -MCNIC_EINVAL;
		nh->kind = MCNIC_CFG_NH_VPORT;
		nh->ref = p->id;
		return 0;
	}
	if (!m->val[NH_TUNNEL])
		return mcnic_cfg_err(ctx, m->node, NULL,
				     "needs a tunnel or a vport");
	if (mcnic_cfg_ref(ctx, MCNIC_CFG_AT(m, NH_TUNNEL), MCNIC_CFG_IX_TUNNEL,
			  "tunnel", &i))
		return -MCNIC_EINVAL;
	/* ref is 16 bits; the node bound keeps tunnels far below that. */
	nh->kind = MCNIC_CFG_NH_TUNNEL;
	nh->ref = i;
	return 0;
}

static int mcnic_cfg_nh(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			const struct mcnic_cfg_nhg *g, int backup,
			struct mcnic_cfg_nh *nh)
{
	char show[MCNIC_CFG_SHOW_MAX];
	struct mcnic_cfg_map m;
	yaml_node_t *target;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_nh_keys, &m) ||
	    mcnic_cfg_nh_target(ctx, &m, nh))
		return -MCNIC_EINVAL;
	target = m.val[NH_TUNNEL] ? m.val[NH_TUNNEL] : m.val[NH_VPORT];
	if (mcnic_cfg_nh_dup(g, nh))
		return mcnic_cfg_err(ctx, n, NULL,
				     "%s is already in this group",
				     mcnic_cfg_show(target, show,
						    sizeof(show)));
	if (backup) {
		if (m.val[NH_WEIGHT])
			return mcnic_cfg_err(ctx, m.key[NH_WEIGHT], "weight",
					     "a backup has no weight");
		return 0;
	}
	nh->weight = 1;
	return mcnic_cfg_u8(ctx, MCNIC_CFG_AT(&m, NH_WEIGHT), 1, 255,
			    &nh->weight);
}

/* members (backup 0) or backups (backup 1) of group g. */
static int mcnic_cfg_nh_list(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
			     struct mcnic_cfg_nhg *g, int backup)
{
	const char *key = backup ? "backups" : "members";
	struct mcnic_cfg_nh *arr = backup ? g->backups : g->members;
	u8 *count = backup ? &g->n_backups : &g->n_members;
	size_t saved, item;
	u32 i, n;

	if (mcnic_cfg_list(ctx, list, key, !backup,
			   backup ? MCNIC_NHG_BACKUPS_MAX :
				    MCNIC_NHG_MEMBERS_MAX, &n))
		return -MCNIC_EINVAL;
	saved = mcnic_cfg_push(ctx, key);
	for (i = 0; i < n; i++) {
		item = mcnic_cfg_push_index(ctx, i);
		if (mcnic_cfg_nh(ctx, mcnic_cfg_item(ctx, list, i), g, backup,
				 &arr[i]))
			return -MCNIC_EINVAL;
		(*count)++;
		mcnic_cfg_pop(ctx, item);
	}
	mcnic_cfg_pop(ctx, saved);
	return 0;
}

enum {
	NHG_NAME, NHG_MEMBERS, NHG_BACKUPS,
};

static const struct mcnic_cfg_key mcnic_cfg_nhg_keys[] = {
	[NHG_NAME] = { "name", 1 },
	[NHG_MEMBERS] = { "members", 1 },
	[NHG_BACKUPS] = { "backups", 0 },
	{ NULL, 0 },
};

static int mcnic_cfg_nhg(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			 void *elem)
{
	struct mcnic_cfg_nhg *g = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_nhg_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &g->loc);
	if (mcnic_cfg_name(ctx, MCNIC_CFG_AT(&m, NHG_NAME), g->name) ||
	    mcnic_cfg_nh_list(ctx, m.val[NHG_MEMBERS], g, 0) ||
	    mcnic_cfg_nh_list(ctx, m.val[NHG_BACKUPS], g, 1))
		return -MCNIC_EINVAL;
	return 0;
}

int mcnic_cfg_nhgs(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->nhgs);

	if (mcnic_cfg_section(ctx, list, "nexthop_groups", sz,
			      (void **)&cfg->nhgs, &cfg->n_nhgs,
			      mcnic_cfg_nhg) ||
	    mcnic_cfg_named(ctx, MCNIC_CFG_IX_NHG, cfg->nhgs, sz, cfg->n_nhgs,
			    list, "nexthop_groups"))
		return -MCNIC_EINVAL;
	return 0;
}

enum {
	RT_VRF, RT_PREFIX, RT_GROUP, RT_VPORT, RT_BLACKHOLE, RT_SEGMENT,
};

static const struct mcnic_cfg_key mcnic_cfg_route_keys[] = {
	[RT_VRF] = { "vrf", 1 },
	[RT_PREFIX] = { "prefix", 1 },
	[RT_GROUP] = { "group", 0 },
	[RT_VPORT] = { "vport", 0 },
	[RT_BLACKHOLE] = { "blackhole", 0 },
	[RT_SEGMENT] = { "segment", 0 },
	{ NULL, 0 },
};

/* Exactly one of group, vport and blackhole: true. */
static int mcnic_cfg_route_kind(struct mcnic_cfg_ctx *ctx,
				const struct mcnic_cfg_map *m, u8 *kind)
{
	static const u8 keys[] = { RT_GROUP, RT_VPORT, RT_BLACKHOLE };
	static const u8 kinds[] = {
		MCNIC_CFG_ROUTE_NHG, MCNIC_CFG_ROUTE_VPORT,
		MCNIC_CFG_ROUTE_BLACKHOLE,
	};
	int found = 0;
	u8 bh = 0;
	u32 i;

	if (mcnic_cfg_bool(ctx, MCNIC_CFG_AT(m, RT_BLACKHOLE), &bh))
		return -MCNIC_EINVAL;
	for (i = 0; i < sizeof(keys); i++) {
		if (keys[i] == RT_BLACKHOLE ? !bh : !m->val[keys[i]])
			continue;
		if (found)
			return mcnic_cfg_err(ctx, m->key[keys[i]],
					     m->keys[keys[i]].name,
					     "only one of group, vport and blackhole: true");
		found = 1;
		*kind = kinds[i];
	}
	if (!found)
		return mcnic_cfg_err(ctx, m->node, NULL,
				     "needs one of group, vport or blackhole: true");
	return 0;
}

static int mcnic_cfg_route_target(struct mcnic_cfg_ctx *ctx,
				  const struct mcnic_cfg_map *m,
				  struct mcnic_cfg_route *r)
{
	const struct mcnic_cfg_port *p;

	if (mcnic_cfg_route_kind(ctx, m, &r->kind))
		return -MCNIC_EINVAL;
	if (r->kind == MCNIC_CFG_ROUTE_NHG)
		return mcnic_cfg_ref(ctx, MCNIC_CFG_AT(m, RT_GROUP),
				     MCNIC_CFG_IX_NHG, "nexthop group",
				     &r->nhg);
	if (r->kind != MCNIC_CFG_ROUTE_VPORT)
		return 0;
	if (mcnic_cfg_port_ref(ctx, MCNIC_CFG_AT(m, RT_VPORT),
			       MCNIC_PORT_VPORT, &p))
		return -MCNIC_EINVAL;
	/* Delivering into another VRF's vport would leak between tenants. */
	if (p->vrf != r->vrf)
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, RT_VPORT),
				     "%s is in vrf %s, not %s", p->name,
				     mcnic_cfg_vrf_name(ctx, p->vrf),
				     mcnic_cfg_vrf_name(ctx, r->vrf));
	r->vport = p->id;
	return 0;
}

static int mcnic_cfg_route(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			   void *elem)
{
	struct mcnic_cfg_route *r = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_route_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &r->loc);
	if (mcnic_cfg_vrf_ref(ctx, MCNIC_CFG_AT(&m, RT_VRF), &r->vrf) ||
	    mcnic_cfg_prefix(ctx, MCNIC_CFG_AT(&m, RT_PREFIX), &r->family,
			     r->prefix, &r->len) ||
	    mcnic_cfg_segment_ref(ctx, MCNIC_CFG_AT(&m, RT_SEGMENT),
				  &r->segment))
		return -MCNIC_EINVAL;
	return mcnic_cfg_route_target(ctx, &m, r);
}

static int mcnic_cfg_cmp_route(const void *a, const void *b)
{
	const struct mcnic_cfg_route *x = a, *y = b;

	if (x->vrf != y->vrf)
		return (int)x->vrf - (int)y->vrf;
	if (x->family != y->family)
		return (int)x->family - (int)y->family;
	if (x->len != y->len)
		return (int)x->len - (int)y->len;
	return memcmp(x->prefix, y->prefix, sizeof(x->prefix));
}

int mcnic_cfg_routes(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->routes);

	if (mcnic_cfg_section(ctx, list, "routes", sz, (void **)&cfg->routes,
			      &cfg->n_routes, mcnic_cfg_route) ||
	    mcnic_cfg_unique(ctx, cfg->routes, sz, cfg->n_routes,
			     mcnic_cfg_cmp_route, list, "routes", "prefix",
			     "prefix"))
		return -MCNIC_EINVAL;
	return 0;
}
