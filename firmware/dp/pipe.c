// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The pipeline's memory layout and its packet path.  One layout routine
 * serves both sizing (no base) and carving (base), so the two cannot
 * disagree.
 */
#include "pipe.h"
#include <mcnic/byteorder.h>

struct mcnic_carve {
	u8 *base;
	size_t used;
	size_t size;
};

static void *mcnic_carve(struct mcnic_carve *c, size_t n)
{
	void *r;

	c->used = (c->used + 63) & ~(size_t)63;
	r = c->base ? c->base + c->used : NULL;
	c->used += n;
	return r;
}

/* The pipeline's own arrays start zeroed: ports NONE, templates NONE... */
static void *mcnic_carve_zero(struct mcnic_carve *c, size_t n)
{
	void *r = mcnic_carve(c, n);

	if (r)
		__builtin_memset(r, 0, n);
	return r;
}

static int mcnic_pipe_layout(struct mcnic_pipe *p,
			     const struct mcnic_pipe_limits *lim,
			     struct mcnic_carve *c)
{
	size_t l4 = mcnic_lpm_mem_size(32, lim->lpm4_root_bits,
				       lim->lpm4_prefixes, lim->lpm4_groups);
	size_t l6 = mcnic_lpm_mem_size(128, lim->lpm6_root_bits,
				       lim->lpm6_prefixes, lim->lpm6_groups);
	size_t fc = mcnic_flow_cache_mem_size(lim->flows);
	size_t pt = mcnic_policy_table_mem_size(lim->rules);
	size_t rcm = mcnic_kvmap_mem_size(lim->counted_rules);
	size_t vm = mcnic_kvmap_mem_size(lim->vnis);
	size_t pm = mcnic_kvmap_mem_size(lim->peers);
	void *m;
	u32 i;
	int r = 0;

	p->port = mcnic_carve_zero(c, lim->ports * sizeof(*p->port));
	p->lpm4 = mcnic_carve_zero(c, lim->vrfs * sizeof(*p->lpm4));
	p->lpm6 = mcnic_carve_zero(c, lim->vrfs * sizeof(*p->lpm6));
	p->tmpl = mcnic_carve_zero(c, lim->tmpls * sizeof(*p->tmpl));
	p->tmpl_tx = mcnic_carve_zero(c, lim->tmpls * sizeof(*p->tmpl_tx));
	p->nh = mcnic_carve_zero(c, lim->nexthops * sizeof(*p->nh));
	p->nhg = mcnic_carve_zero(c, lim->nhgs * sizeof(*p->nhg));
	p->nhg_used = mcnic_carve_zero(c, lim->nhgs);
	p->tmpl_refs = mcnic_carve_zero(c, lim->tmpls * sizeof(u32));
	p->nh_refs = mcnic_carve_zero(c, lim->nexthops * sizeof(u32));
	p->nhg_refs = mcnic_carve_zero(c, lim->nhgs * sizeof(u32));
	p->port_nh_refs = mcnic_carve_zero(c, lim->ports * sizeof(u32));
	p->route = mcnic_carve_zero(c, lim->routes * sizeof(*p->route));
	p->rule_ctr = mcnic_carve_zero(c, lim->counted_rules * sizeof(*p->rule_ctr));
	p->peer_rx = mcnic_carve_zero(c, lim->peers * sizeof(*p->peer_rx));
	m = mcnic_carve(c, mcnic_idpool_mem_size(lim->vrfs));
	if (c->base)
		mcnic_idpool_init(&p->vrf_slots, m, lim->vrfs);
	m = mcnic_carve(c, mcnic_idpool_mem_size(lim->routes));
	if (c->base)
		mcnic_idpool_init(&p->route_ids, m, lim->routes);
	m = mcnic_carve(c, mcnic_idpool_mem_size(lim->counted_rules));
	if (c->base)
		mcnic_idpool_init(&p->rule_ctr_ids, m, lim->counted_rules);
	m = mcnic_carve(c, mcnic_idpool_mem_size(lim->peers));
	if (c->base)
		mcnic_idpool_init(&p->peer_ids, m, lim->peers);
	for (i = 0; i < lim->vrfs; i++) {
		m = mcnic_carve(c, l4);
		if (c->base && !r)
			r = mcnic_lpm_init(&p->lpm4[i], 32, lim->lpm4_root_bits,
					   m, l4, lim->lpm4_prefixes,
					   lim->lpm4_groups);
		m = mcnic_carve(c, l6);
		if (c->base && !r)
			r = mcnic_lpm_init(&p->lpm6[i], 128,
					   lim->lpm6_root_bits, m, l6,
					   lim->lpm6_prefixes,
					   lim->lpm6_groups);
	}
	m = mcnic_carve(c, fc);
	if (c->base && !r)
		r = mcnic_flow_cache_init(&p->flows, m, fc, lim->flows,
					  0x6d636e69);
	m = mcnic_carve(c, pt);
	if (c->base && !r)
		r = mcnic_policy_table_init(&p->rules, m, pt, lim->rules);
	m = mcnic_carve(c, rcm);
	if (c->base && !r)
		r = mcnic_kvmap_init(&p->rule_ctr_map, m, rcm,
				     lim->counted_rules);
	m = mcnic_carve(c, vm);
	if (c->base && !r)
		r = mcnic_kvmap_init(&p->vnis, m, vm, lim->vnis);
	m = mcnic_carve(c, pm);
	if (c->base && !r)
		r = mcnic_kvmap_init(&p->peers, m, pm, lim->peers);
	return r;
}

static int mcnic_pipe_limits_check(const struct mcnic_pipe_limits *lim)
{
	/* Route indices are LPM values. */
	if (!lim->ports || !lim->vrfs || lim->vrfs > MCNIC_VRF_ID_MAX ||
	    !lim->flows || !lim->tmpls || !lim->nexthops || !lim->nhgs ||
	    !lim->routes || lim->routes > MCNIC_LPM_VALUE_MAX ||
	    !lim->rules || !lim->counted_rules || !lim->vnis || !lim->peers)
		return -MCNIC_EINVAL;
	return 0;
}

size_t mcnic_pipe_mem_size(const struct mcnic_pipe_limits *lim)
{
	struct mcnic_carve c = { 0 };
	struct mcnic_pipe scratch;

	if (mcnic_pipe_limits_check(lim))
		return 0;
	mcnic_pipe_layout(&scratch, lim, &c);
	return c.used;
}

int mcnic_pipe_init(struct mcnic_pipe *p, const struct mcnic_pipe_limits *lim,
		    void *mem, size_t size)
{
	struct mcnic_carve c = { .base = mem, .size = size };

	if (mcnic_pipe_limits_check(lim) || ((uintptr_t)mem & 63) ||
	    size < mcnic_pipe_mem_size(lim))
		return -MCNIC_EINVAL;
	__builtin_memset(p, 0, sizeof(*p));
	p->lim = *lim;
	mcnic_parse_cfg_init(&p->parse);
	__builtin_memset(&p->parse_plain, 0, sizeof(p->parse_plain));
	return mcnic_pipe_layout(p, lim, &c);
}

void mcnic_pipe_occupancy(const struct mcnic_pipe *p,
			  struct mcnic_pipe_occupancy *o)
{
	struct mcnic_table_use *t;

	__builtin_memset(o, 0, sizeof(*o));
	t = o->t;
	t[MCNIC_TBL_FLOWS].used = mcnic_flow_cache_count(&p->flows);
	t[MCNIC_TBL_FLOWS].capacity = mcnic_flow_cache_capacity(&p->flows);
	t[MCNIC_TBL_ROUTES].used = p->route_ids.n - p->route_ids.top;
	t[MCNIC_TBL_ROUTES].capacity = p->route_ids.n;
	t[MCNIC_TBL_RULES].used = mcnic_policy_table_count(&p->rules);
	t[MCNIC_TBL_RULES].capacity = mcnic_policy_table_capacity(&p->rules);
	t[MCNIC_TBL_VRFS].used = p->vrf_slots.n - p->vrf_slots.top;
	t[MCNIC_TBL_VRFS].capacity = p->vrf_slots.n;
	t[MCNIC_TBL_VNIS].used = p->vnis.count;
	t[MCNIC_TBL_VNIS].capacity = p->vnis.max;
	t[MCNIC_TBL_PEERS].used = p->peers.count;
	t[MCNIC_TBL_PEERS].capacity = p->peers.max;
}
