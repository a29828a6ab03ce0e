// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The pipeline's table manager: the single writer.  Every function checks
 * its whole input before changing anything, and bumps the generation of
 * each VRF whose decisions the change can alter before it returns.
 */
#include "pipe.h"
#include "nhg.h"

static int mcnic_ctl_fail(const char **why, const char *field, int err)
{
	if (why)
		*why = field;
	return err;
}

void mcnic_pipe_vrf_bump(struct mcnic_pipe *p, u16 vrf)
{
	__atomic_store_n(&p->vrf[vrf].gen, p->vrf[vrf].gen + 1,
			 __ATOMIC_RELEASE);
	if (p->notify && p->notify->gen)
		p->notify->gen(p->notify->priv, vrf, p->vrf[vrf].gen);
}

/* The VTEP table changed (the HDL keeps a copy). */
static void mcnic_pipe_notify_vteps(struct mcnic_pipe *p)
{
	if (p->notify && p->notify->vteps)
		p->notify->vteps(p->notify->priv);
}

/* A VNI or peer went or moved: what was learnt from the maps is stale. */
static void mcnic_pipe_notify_tunnels(struct mcnic_pipe *p)
{
	if (p->notify && p->notify->tunnels)
		p->notify->tunnels(p->notify->priv);
}

void mcnic_pipe_flows_clear(struct mcnic_pipe *p)
{
	mcnic_flow_cache_clear(&p->flows);
	if (p->notify && p->notify->flows_clear)
		p->notify->flows_clear(p->notify->priv);
}

static void mcnic_pipe_bump_all(struct mcnic_pipe *p)
{
	unsigned int i;

	for (i = 1; i <= MCNIC_VRF_ID_MAX; i++)
		if (p->vrf[i].used)
			mcnic_pipe_vrf_bump(p, i);
}

struct mcnic_lpm *mcnic_pipe_lpm(const struct mcnic_pipe *p, u16 vrf,
				 u8 family)
{
	const struct mcnic_vrf *v;

	if (!mcnic_pipe_vrf_exists(p, vrf))
		return NULL;
	v = &p->vrf[vrf];
	return family == 6 ? &p->lpm6[v->slot] : &p->lpm4[v->slot];
}

void mcnic_pipe_parse_set(struct mcnic_pipe *p,
			  const struct mcnic_parse_cfg *cfg)
{
	p->parse = *cfg;
	if (p->notify && p->notify->parse)
		p->notify->parse(p->notify->priv);
}

static int mcnic_rule_ctr_add(struct mcnic_pipe *p, u32 rule, u16 vrf);
static void mcnic_rule_ctr_del(struct mcnic_pipe *p, u32 rule, u16 vrf);

int mcnic_pipe_port_kind_busy(const struct mcnic_pipe *p, u16 id, u8 kind)
{
	return p->port_nh_refs[id] && p->port[id].cfg.kind != kind;
}

int mcnic_pipe_port_set(struct mcnic_pipe *p, u16 id,
			const struct mcnic_port_cfg *cfg, const char **why)
{
	struct mcnic_port *pt;

	if (id >= p->lim.ports)
		return mcnic_ctl_fail(why, "id", -MCNIC_ERANGE);
	if (cfg->kind > MCNIC_PORTK_VPORT)
		return mcnic_ctl_fail(why, "kind", -MCNIC_EINVAL);
	if (cfg->kind != MCNIC_PORTK_NONE && cfg->mtu < MCNIC_PORT_MTU_MIN)
		return mcnic_ctl_fail(why, "mtu", -MCNIC_EINVAL);
	if (cfg->kind == MCNIC_PORTK_VPORT) {
		if (!mcnic_pipe_vrf_exists(p, cfg->vrf))
			return mcnic_ctl_fail(why, "vrf", -MCNIC_ENOENT);
		if (!cfg->queues)
			return mcnic_ctl_fail(why, "queues", -MCNIC_EINVAL);
	}
	if (mcnic_pipe_port_kind_busy(p, id, cfg->kind))
		return mcnic_ctl_fail(why, "a next hop", -MCNIC_EBUSY);
	pt = &p->port[id];
	/* A vport's VRF or segment feeds decisions: re-decide its flows. */
	if (pt->cfg.kind == MCNIC_PORTK_VPORT && pt->cfg.vrf) {
		p->vrf[pt->cfg.vrf].ports--;
		mcnic_pipe_vrf_bump(p, pt->cfg.vrf);
	}
	pt->cfg = *cfg;
	if (cfg->kind == MCNIC_PORTK_VPORT) {
		p->vrf[cfg->vrf].ports++;
		mcnic_pipe_vrf_bump(p, cfg->vrf);
	}
	if (p->notify && p->notify->port)
		p->notify->port(p->notify->priv, id);
	return 0;
}

int mcnic_pipe_vrf_set(struct mcnic_pipe *p, u16 id, u8 default_action,
		       const char **why)
{
	struct mcnic_vrf *v;
	s64 slot;

	if (!id || id > MCNIC_VRF_ID_MAX)
		return mcnic_ctl_fail(why, "id", -MCNIC_ERANGE);
	if (default_action > MCNIC_POL_ALLOW)
		return mcnic_ctl_fail(why, "default", -MCNIC_EINVAL);
	v = &p->vrf[id];
	if (!v->used) {
		/* Zero trust shows its work: default decisions are counted. */
		if (mcnic_rule_ctr_add(p, MCNIC_RULE_DEFAULT, id) < 0)
			return mcnic_ctl_fail(why, "id", -MCNIC_ENOSPC);
		slot = mcnic_idpool_get(&p->vrf_slots);
		if (slot < 0) {
			mcnic_rule_ctr_del(p, MCNIC_RULE_DEFAULT, id);
			return mcnic_ctl_fail(why, "id", -MCNIC_ENOSPC);
		}
		v->slot = slot;
		v->used = 1;
	}
	v->default_action = default_action;
	mcnic_pipe_vrf_bump(p, id);
	return 0;
}

int mcnic_pipe_vrf_can_del(const struct mcnic_pipe *p, u16 id,
			   const char **why)
{
	const struct mcnic_vrf *v;

	if (!mcnic_pipe_vrf_exists(p, id))
		return mcnic_ctl_fail(why, "id", -MCNIC_ENOENT);
	v = &p->vrf[id];
	if (v->ports)
		return mcnic_ctl_fail(why, "a port", -MCNIC_EBUSY);
	if (v->vnis)
		return mcnic_ctl_fail(why, "a vni", -MCNIC_EBUSY);
	if (mcnic_lpm_count(&p->lpm4[v->slot]) ||
	    mcnic_lpm_count(&p->lpm6[v->slot]))
		return mcnic_ctl_fail(why, "a route", -MCNIC_EBUSY);
	if (v->rules)
		return mcnic_ctl_fail(why, "a rule", -MCNIC_EBUSY);
	return 0;
}

int mcnic_pipe_vrf_del(struct mcnic_pipe *p, u16 id, const char **why)
{
	struct mcnic_vrf *v;
	int r = mcnic_pipe_vrf_can_del(p, id, why);

	if (r)
		return r;
	v = &p->vrf[id];
	mcnic_rule_ctr_del(p, MCNIC_RULE_DEFAULT, id);
	mcnic_idpool_put(&p->vrf_slots, v->slot);
	v->used = 0;
	v->default_action = 0;
	/* The generation lives on: a VRF made again never sees old flows. */
	mcnic_pipe_vrf_bump(p, id);
	return 0;
}

int mcnic_pipe_vtep_add(struct mcnic_pipe *p, const struct mcnic_vtep *v,
			const char **why)
{
	unsigned int i, free = MCNIC_VTEPS_MAX;

	if (v->family != 4 && v->family != 6)
		return mcnic_ctl_fail(why, "family", -MCNIC_EINVAL);
	if (!mcnic_vtep_type_valid(v->type))
		return mcnic_ctl_fail(why, "type", -MCNIC_EINVAL);
	if (!mcnic_vtep_port_valid(v->type, v->udp_port))
		return mcnic_ctl_fail(why, "udp_port", -MCNIC_EINVAL);
	for (i = 0; i < MCNIC_VTEPS_MAX; i++) {
		if (!p->vtep[i].family) {
			if (free == MCNIC_VTEPS_MAX)
				free = i;
		} else if (!__builtin_memcmp(&p->vtep[i], v, sizeof(*v))) {
			return mcnic_ctl_fail(why, "addr", -MCNIC_EEXIST);
		}
	}
	if (free == MCNIC_VTEPS_MAX)
		return mcnic_ctl_fail(why, "addr", -MCNIC_ENOSPC);
	p->vtep[free] = *v;
	mcnic_pipe_notify_vteps(p);
	return 0;
}

int mcnic_pipe_vtep_del(struct mcnic_pipe *p, const struct mcnic_vtep *v)
{
	unsigned int i;

	for (i = 0; i < MCNIC_VTEPS_MAX; i++) {
		if (p->vtep[i].family &&
		    !__builtin_memcmp(&p->vtep[i], v, sizeof(*v))) {
			__builtin_memset(&p->vtep[i], 0, sizeof(p->vtep[i]));
			mcnic_pipe_notify_vteps(p);
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

int mcnic_pipe_vni_set(struct mcnic_pipe *p, u32 vni, u16 vrf,
		       const char **why)
{
	struct mcnic_kvmap_key k;
	u32 old;
	int r, had;

	if (!mcnic_pipe_vrf_exists(p, vrf))
		return mcnic_ctl_fail(why, "vrf", -MCNIC_ENOENT);
	mcnic_pipe_vni_key(&k, vni);
	had = !mcnic_kvmap_get(&p->vnis, &k, &old);
	r = mcnic_kvmap_put(&p->vnis, &k, vrf);
	if (r)
		return mcnic_ctl_fail(why, "vni", r);
	if (had) {
		p->vrf[old].vnis--;
		mcnic_pipe_vrf_bump(p, old);
		mcnic_pipe_notify_tunnels(p);
	}
	p->vrf[vrf].vnis++;
	mcnic_pipe_vrf_bump(p, vrf);
	return 0;
}

int mcnic_pipe_vni_del(struct mcnic_pipe *p, u32 vni)
{
	struct mcnic_kvmap_key k;
	u32 old;

	mcnic_pipe_vni_key(&k, vni);
	if (mcnic_kvmap_get(&p->vnis, &k, &old))
		return -MCNIC_ENOENT;
	mcnic_kvmap_del(&p->vnis, &k);
	p->vrf[old].vnis--;
	mcnic_pipe_vrf_bump(p, old);
	mcnic_pipe_notify_tunnels(p);
	return 0;
}

/* Peers are checked per packet: no cached decision depends on them. */
int mcnic_pipe_peer_add(struct mcnic_pipe *p, u32 vni, u8 family,
			const u8 *addr, const char **why)
{
	struct mcnic_kvmap_key k;
	s64 id;
	u32 old;
	int r;

	if (family != 4 && family != 6)
		return mcnic_ctl_fail(why, "family", -MCNIC_EINVAL);
	mcnic_pipe_peer_key(&k, vni, family, addr);
	if (!mcnic_kvmap_get(&p->peers, &k, &old))
		return 0;
	id = mcnic_idpool_get(&p->peer_ids);
	if (id < 0)
		return mcnic_ctl_fail(why, "peer", -MCNIC_ENOSPC);
	p->peer_rx[id].packets = 0;
	p->peer_rx[id].bytes = 0;
	r = mcnic_kvmap_put(&p->peers, &k, id);
	if (r) {
		mcnic_idpool_put(&p->peer_ids, id);
		return mcnic_ctl_fail(why, "peer", r);
	}
	return 0;
}

int mcnic_pipe_peer_del(struct mcnic_pipe *p, u32 vni, u8 family,
			const u8 *addr)
{
	struct mcnic_kvmap_key k;
	u32 id;

	mcnic_pipe_peer_key(&k, vni, family, addr);
	if (mcnic_kvmap_get(&p->peers, &k, &id))
		return -MCNIC_ENOENT;
	mcnic_kvmap_del(&p->peers, &k);
	mcnic_idpool_put(&p->peer_ids, id);
	mcnic_pipe_notify_tunnels(p);
	return 0;
}

int mcnic_pipe_tmpl_set(struct mcnic_pipe *p, u32 idx,
			const struct mcnic_encap_tmpl *t, const char **why)
{
	if (idx >= p->lim.tmpls)
		return mcnic_ctl_fail(why, "index", -MCNIC_ERANGE);
	if (mcnic_tmpl_valid(t))
		return mcnic_ctl_fail(why, "template", -MCNIC_EINVAL);
	/*
	 * Written in place: a packet on another core mid-copy could send a
	 * mixture, so to change a template in use, write a fresh index and
	 * point the next hop at it (mcnic_pipe_nh_set) instead.
	 */
	if (!p->tmpl[idx].type)
		p->tmpls_used++;
	p->tmpl[idx] = *t;
	if (p->notify && p->notify->tmpl)
		p->notify->tmpl(p->notify->priv, idx);
	mcnic_pipe_bump_all(p);
	return 0;
}

int mcnic_pipe_tmpl_can_del(const struct mcnic_pipe *p, u32 idx,
			    const char **why)
{
	if (idx >= p->lim.tmpls)
		return mcnic_ctl_fail(why, "index", -MCNIC_ERANGE);
	if (!p->tmpl[idx].type)
		return mcnic_ctl_fail(why, "index", -MCNIC_ENOENT);
	if (p->tmpl_refs[idx])
		return mcnic_ctl_fail(why, "a next hop", -MCNIC_EBUSY);
	return 0;
}

int mcnic_pipe_tmpl_del(struct mcnic_pipe *p, u32 idx, const char **why)
{
	int r = mcnic_pipe_tmpl_can_del(p, idx, why);

	if (r)
		return r;
	__builtin_memset(&p->tmpl[idx], 0, sizeof(p->tmpl[idx]));
	__builtin_memset(&p->tmpl_tx[idx], 0, sizeof(p->tmpl_tx[idx]));
	p->tmpls_used--;
	if (p->notify && p->notify->tmpl)
		p->notify->tmpl(p->notify->priv, idx);
	mcnic_pipe_bump_all(p);
	return 0;
}

static void mcnic_pipe_nhg_rebuild(struct mcnic_pipe *p, u32 nh)
{
	unsigned int i, j;

	for (i = 0; i < p->lim.nhgs; i++) {
		struct mcnic_nhg *g = &p->nhg[i];
		int uses = 0;

		if (!p->nhg_used[i])
			continue;
		for (j = 0; j < g->n_members; j++)
			uses |= g->member[j] == nh;
		for (j = 0; j < g->n_backups; j++)
			uses |= g->backup[j] == nh;
		if (uses)
			mcnic_nhg_build(g, p->nh);
	}
}

/* What a next hop uses: its port, and a tunnel's template. */
static void mcnic_pipe_nh_ref(struct mcnic_pipe *p,
			      const struct mcnic_nexthop *nh, int delta)
{
	p->port_nh_refs[nh->port] += delta;
	if (nh->kind == MCNIC_NH_TUNNEL)
		p->tmpl_refs[nh->tmpl] += delta;
}

int mcnic_pipe_nh_set(struct mcnic_pipe *p, u32 idx,
		      const struct mcnic_nexthop *nh, const char **why)
{
	if (idx >= p->lim.nexthops)
		return mcnic_ctl_fail(why, "index", -MCNIC_ERANGE);
	if (nh->kind != MCNIC_NH_TUNNEL && nh->kind != MCNIC_NH_VPORT)
		return mcnic_ctl_fail(why, "kind", -MCNIC_EINVAL);
	if (nh->flags & ~MCNIC_NHF_DOWN)
		return mcnic_ctl_fail(why, "flags", -MCNIC_EINVAL);
	if (nh->port >= p->lim.ports ||
	    p->port[nh->port].cfg.kind != mcnic_pipe_nh_port_kind(nh->kind))
		return mcnic_ctl_fail(why, "port", -MCNIC_EINVAL);
	if (nh->kind == MCNIC_NH_TUNNEL && !mcnic_pipe_tmpl_exists(p, nh->tmpl))
		return mcnic_ctl_fail(why, "tmpl", -MCNIC_EINVAL);
	if (p->nh[idx].kind == MCNIC_NH_NONE)
		p->nexthops_used++;
	else
		mcnic_pipe_nh_ref(p, &p->nh[idx], -1);
	mcnic_pipe_nh_ref(p, nh, 1);
	p->nh[idx] = *nh;
	mcnic_pipe_nhg_rebuild(p, idx);
	mcnic_pipe_bump_all(p);
	return 0;
}

int mcnic_pipe_nh_can_del(const struct mcnic_pipe *p, u32 idx,
			  const char **why)
{
	if (idx >= p->lim.nexthops)
		return mcnic_ctl_fail(why, "index", -MCNIC_ERANGE);
	if (p->nh[idx].kind == MCNIC_NH_NONE)
		return mcnic_ctl_fail(why, "index", -MCNIC_ENOENT);
	if (p->nh_refs[idx])
		return mcnic_ctl_fail(why, "a group", -MCNIC_EBUSY);
	return 0;
}

/* No group holds it (refs), so no group's slots need rebuilding. */
int mcnic_pipe_nh_del(struct mcnic_pipe *p, u32 idx, const char **why)
{
	struct mcnic_nexthop *nh;
	int r = mcnic_pipe_nh_can_del(p, idx, why);

	if (r)
		return r;
	nh = &p->nh[idx];
	mcnic_pipe_nh_ref(p, nh, -1);
	__builtin_memset(nh, 0, sizeof(*nh));
	p->nexthops_used--;
	mcnic_pipe_bump_all(p);
	return 0;
}

int mcnic_pipe_nh_state(struct mcnic_pipe *p, u32 idx, int down)
{
	if (!mcnic_pipe_nh_exists(p, idx))
		return -MCNIC_ENOENT;
	if (down)
		p->nh[idx].flags |= MCNIC_NHF_DOWN;
	else
		p->nh[idx].flags &= ~MCNIC_NHF_DOWN;
	mcnic_pipe_nhg_rebuild(p, idx);
	mcnic_pipe_bump_all(p);
	return 0;
}

/* A group's members and backups must be next hops that exist. */
static int mcnic_pipe_nhg_exist(const struct mcnic_pipe *p,
				const struct mcnic_nhg *g, const char **why)
{
	unsigned int i;

	for (i = 0; i < g->n_members; i++)
		if (!mcnic_pipe_nh_exists(p, g->member[i]))
			return mcnic_ctl_fail(why, "member", -MCNIC_ENOENT);
	for (i = 0; i < g->n_backups; i++)
		if (!mcnic_pipe_nh_exists(p, g->backup[i]))
			return mcnic_ctl_fail(why, "backup", -MCNIC_ENOENT);
	return 0;
}

static void mcnic_pipe_nhg_ref(struct mcnic_pipe *p, const struct mcnic_nhg *g,
			       int delta)
{
	unsigned int i;

	for (i = 0; i < g->n_members; i++)
		p->nh_refs[g->member[i]] += delta;
	for (i = 0; i < g->n_backups; i++)
		p->nh_refs[g->backup[i]] += delta;
}

static void mcnic_pipe_route_ref(struct mcnic_pipe *p,
				 const struct mcnic_route *r, int delta)
{
	if (r->kind == MCNIC_ROUTE_NHG)
		p->nhg_refs[r->nhg] += delta;
}

int mcnic_pipe_nhg_set(struct mcnic_pipe *p, u32 idx,
		       const struct mcnic_nhg *g, const char **why)
{
	struct mcnic_nhg *dst;
	int r;

	if (idx >= p->lim.nhgs)
		return mcnic_ctl_fail(why, "index", -MCNIC_ERANGE);
	r = mcnic_nhg_check(g, p->lim.nexthops, why);
	if (r)
		return r;
	r = mcnic_pipe_nhg_exist(p, g, why);
	if (r)
		return r;
	dst = &p->nhg[idx];
	if (p->nhg_used[idx])
		mcnic_pipe_nhg_ref(p, dst, -1);
	else
		p->nhgs_used++;
	mcnic_pipe_nhg_ref(p, g, 1);
	*dst = *g;
	mcnic_nhg_build(dst, p->nh);
	p->nhg_used[idx] = 1;
	mcnic_pipe_bump_all(p);
	return 0;
}

int mcnic_pipe_nhg_can_del(const struct mcnic_pipe *p, u32 idx,
			   const char **why)
{
	if (idx >= p->lim.nhgs)
		return mcnic_ctl_fail(why, "index", -MCNIC_ERANGE);
	if (!p->nhg_used[idx])
		return mcnic_ctl_fail(why, "index", -MCNIC_ENOENT);
	if (p->nhg_refs[idx])
		return mcnic_ctl_fail(why, "a route", -MCNIC_EBUSY);
	return 0;
}

int mcnic_pipe_nhg_del(struct mcnic_pipe *p, u32 idx, const char **why)
{
	int r = mcnic_pipe_nhg_can_del(p, idx, why);

	if (r)
		return r;
	mcnic_pipe_nhg_ref(p, &p->nhg[idx], -1);
	p->nhg_used[idx] = 0;
	__builtin_memset(&p->nhg[idx], 0, sizeof(p->nhg[idx]));
	p->nhgs_used--;
	mcnic_pipe_bump_all(p);
	return 0;
}

static int mcnic_route_check(const struct mcnic_pipe *p, u16 vrf, u8 family,
			     u8 len, const struct mcnic_route *r,
			     const char **why)
{
	if (!mcnic_pipe_vrf_exists(p, vrf))
		return mcnic_ctl_fail(why, "vrf", -MCNIC_ENOENT);
	if (family != 4 && family != 6)
		return mcnic_ctl_fail(why, "family", -MCNIC_EINVAL);
	if (len > mcnic_family_bits(family))
		return mcnic_ctl_fail(why, "len", -MCNIC_EINVAL);
	if (r->kind != MCNIC_ROUTE_NHG && r->kind != MCNIC_ROUTE_BLACKHOLE)
		return mcnic_ctl_fail(why, "kind", -MCNIC_EINVAL);
	if (r->kind == MCNIC_ROUTE_NHG && !mcnic_pipe_nhg_exists(p, r->nhg))
		return mcnic_ctl_fail(why, "nhg", -MCNIC_ENOENT);
	return 0;
}

int mcnic_pipe_route_add(struct mcnic_pipe *p, u16 vrf, u8 family,
			 const u8 *prefix, u8 len,
			 const struct mcnic_route *r, const char **why)
{
	struct mcnic_lpm *lpm;
	u32 old;
	s64 id;
	int err;

	err = mcnic_route_check(p, vrf, family, len, r, why);
	if (err)
		return err;
	lpm = mcnic_pipe_lpm(p, vrf, family);
	if (!mcnic_lpm_get(lpm, prefix, len, &old)) {
		/* Replace: one route entry, rewritten between two bumps. */
		mcnic_pipe_route_ref(p, &p->route[old], -1);
		mcnic_pipe_route_ref(p, r, 1);
		p->route[old] = *r;
		mcnic_pipe_vrf_bump(p, vrf);
		return 0;
	}
	id = mcnic_idpool_get(&p->route_ids);
	if (id < 0)
		return mcnic_ctl_fail(why, "routes", -MCNIC_ENOSPC);
	p->route[id] = *r;
	err = mcnic_lpm_add(lpm, prefix, len, id);
	if (err) {
		mcnic_idpool_put(&p->route_ids, id);
		return mcnic_ctl_fail(why, err == -MCNIC_ENOSPC ? "routes" :
					   "prefix", err);
	}
	mcnic_pipe_route_ref(p, r, 1);
	mcnic_pipe_vrf_bump(p, vrf);
	return 0;
}

int mcnic_pipe_route_del(struct mcnic_pipe *p, u16 vrf, u8 family,
			 const u8 *prefix, u8 len)
{
	struct mcnic_lpm *lpm = mcnic_pipe_lpm(p, vrf, family);
	u32 id;
	int err;

	if (!lpm || mcnic_lpm_get(lpm, prefix, len, &id))
		return -MCNIC_ENOENT;
	err = mcnic_lpm_del(lpm, prefix, len);
	if (err)
		return err;
	mcnic_pipe_route_ref(p, &p->route[id], -1);
	mcnic_pipe_vrf_bump(p, vrf);
	/* Single-writer native build: readers of this table are this core. */
	mcnic_lpm_reclaim(lpm);
	mcnic_idpool_put(&p->route_ids, id);
	return 0;
}

static void mcnic_rule_ctr_key(struct mcnic_kvmap_key *k, u32 rule, u16 vrf)
{
	__builtin_memset(k, 0, sizeof(*k));
	k->w[0] = rule;
	k->w[1] = vrf;
}

static int mcnic_rule_ctr_add(struct mcnic_pipe *p, u32 rule, u16 vrf)
{
	struct mcnic_kvmap_key k;
	u32 old;
	s64 id;
	int r;

	mcnic_rule_ctr_key(&k, rule, vrf);
	if (!mcnic_kvmap_get(&p->rule_ctr_map, &k, &old))
		return 0;	/* already there: not ours to undo */
	id = mcnic_idpool_get(&p->rule_ctr_ids);
	if (id < 0)
		return -MCNIC_ENOSPC;
	p->rule_ctr[id].packets = 0;
	p->rule_ctr[id].bytes = 0;
	r = mcnic_kvmap_put(&p->rule_ctr_map, &k, id);
	if (r) {
		mcnic_idpool_put(&p->rule_ctr_ids, id);
		return r;
	}
	return 1;
}

static void mcnic_rule_ctr_del(struct mcnic_pipe *p, u32 rule, u16 vrf)
{
	struct mcnic_kvmap_key k;
	u32 id;

	mcnic_rule_ctr_key(&k, rule, vrf);
	if (mcnic_kvmap_get(&p->rule_ctr_map, &k, &id))
		return;
	mcnic_kvmap_del(&p->rule_ctr_map, &k);
	mcnic_idpool_put(&p->rule_ctr_ids, id);
}

int mcnic_pipe_rule_add(struct mcnic_pipe *p,
			const struct mcnic_policy_rule *r, const char **why)
{
	int err, created;

	if (!mcnic_pipe_vrf_exists(p, r->vrf))
		return mcnic_ctl_fail(why, "vrf", -MCNIC_ENOENT);
	created = 0;
	if (r->flags & MCNIC_POLF_COUNT)
		created = mcnic_rule_ctr_add(p, r->id, r->vrf);
	if (created < 0)
		return mcnic_ctl_fail(why, "count", created);
	err = mcnic_policy_table_add(&p->rules, r, why);
	if (err) {
		if (created)
			mcnic_rule_ctr_del(p, r->id, r->vrf);
		return err;
	}
	p->vrf[r->vrf].rules++;
	mcnic_pipe_vrf_bump(p, r->vrf);
	return 0;
}

/* Rule ids are unique over all VRFs; vrf must be the rule's. */
int mcnic_pipe_rule_del(struct mcnic_pipe *p, u32 id, u16 vrf)
{
	struct mcnic_policy_rule r;

	if (mcnic_policy_table_get(&p->rules, id, &r) || r.vrf != vrf)
		return -MCNIC_ENOENT;
	mcnic_policy_table_del(&p->rules, id);
	mcnic_rule_ctr_del(p, id, vrf);
	p->vrf[vrf].rules--;
	mcnic_pipe_vrf_bump(p, vrf);
	return 0;
}

const struct mcnic_ctr *mcnic_pipe_rule_ctr(const struct mcnic_pipe *p,
					    u32 rule, u16 vrf)
{
	struct mcnic_kvmap_key k;
	u32 id;

	mcnic_rule_ctr_key(&k, rule, vrf);
	if (mcnic_kvmap_get(&p->rule_ctr_map, &k, &id))
		return NULL;
	return &p->rule_ctr[id];
}
