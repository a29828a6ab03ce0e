// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * A loaded config as the device objects that implement it (plan.h has the
 * index plan).  Pure: no device, so the same objects can go to a device
 * through the mailbox, be compared with what one holds, or be programmed
 * into a pipeline directly.
 */
#include <errno.h>
#include <string.h>

#include "plan.h"

int mcnic_plan_port_index(const struct mcnic_config *cfg, u16 port)
{
	u32 k;

	for (k = 0; k < cfg->n_ports; k++)
		if (cfg->ports[k].id == port)
			return k;
	return -1;
}

u32 mcnic_plan_vport_nh(const struct mcnic_config *cfg, u32 k)
{
	return cfg->n_tunnels + k;
}

u32 mcnic_plan_vport_nhg(const struct mcnic_config *cfg, u32 k)
{
	return cfg->n_nhgs + k;
}

static u32 mcnic_plan_nh(const struct mcnic_config *cfg,
			 const struct mcnic_cfg_nh *n)
{
	if (n->kind == MCNIC_CFG_NH_TUNNEL)
		return n->ref;
	return mcnic_plan_vport_nh(cfg, mcnic_plan_port_index(cfg, n->ref));
}

static int mcnic_plan_ports(const struct mcnic_config *cfg,
			    struct mcnic_state *st)
{
	struct mcnic_cmd_port *p;
	u32 k;

	for (k = 0; k < cfg->n_ports; k++) {
		const struct mcnic_cfg_port *cp = &cfg->ports[k];

		p = mcnic_state_push(st, MCNIC_OBJ_PORT, &cp->loc);
		if (!p)
			return -ENOMEM;
		p->id = cp->id;
		p->kind = cp->kind == MCNIC_PORT_UPLINK ?
			  MCNIC_CMD_PORT_UPLINK : MCNIC_CMD_PORT_VPORT;
		p->up = 1;
		p->mtu = cp->mtu;
		memcpy(p->mac, cp->mac, 6);
		if (cp->kind == MCNIC_PORT_UPLINK)
			continue;	/* no VRF, segment or queues */
		p->vrf = cp->vrf;
		p->segment = cp->segment;
		p->queues = cp->queues ? cp->queues : 1;
	}
	return 0;
}

static int mcnic_plan_vrfs_vteps(const struct mcnic_config *cfg,
				 struct mcnic_state *st)
{
	struct mcnic_cmd_vrf *v;
	struct mcnic_cmd_vtep *t;
	u32 i;

	for (i = 0; i < cfg->n_vrfs; i++) {
		v = mcnic_state_push(st, MCNIC_OBJ_VRF, &cfg->vrfs[i].loc);
		if (!v)
			return -ENOMEM;
		v->id = cfg->vrfs[i].id;
		v->default_action = cfg->vrfs[i].default_action;
	}
	for (i = 0; i < cfg->n_vteps; i++) {
		t = mcnic_state_push(st, MCNIC_OBJ_VTEP, &cfg->vteps[i].loc);
		if (!t)
			return -ENOMEM;
		t->family = cfg->vteps[i].family;
		t->type = cfg->vteps[i].type;
		t->udp_port = cfg->vteps[i].udp_port;
		memcpy(t->addr, cfg->vteps[i].addr, 16);
	}
	return 0;
}

static int mcnic_plan_vnis(const struct mcnic_config *cfg,
			   struct mcnic_state *st)
{
	struct mcnic_cmd_vni *v;
	struct mcnic_cmd_peer *p;
	u32 i, j;

	for (i = 0; i < cfg->n_vnis; i++) {
		const struct mcnic_cfg_vni *cv = &cfg->vnis[i];

		v = mcnic_state_push(st, MCNIC_OBJ_VNI, &cv->loc);
		if (!v)
			return -ENOMEM;
		v->vni = cv->vni;
		v->vrf = cv->vrf;
		for (j = 0; j < cv->n_peers; j++) {
			p = mcnic_state_push(st, MCNIC_OBJ_PEER, &cv->loc);
			if (!p)
				return -ENOMEM;
			p->vni = cv->vni;
			p->family = cv->peers[j].family;
			memcpy(p->addr, cv->peers[j].addr, 16);
		}
	}
	return 0;
}

static int mcnic_plan_tunnels(const struct mcnic_config *cfg,
			      struct mcnic_state *st)
{
	struct mcnic_cmd_tmpl *t;
	struct mcnic_cmd_nh *nh;
	u32 i;

	for (i = 0; i < cfg->n_tunnels; i++) {
		const struct mcnic_cfg_tunnel *ct = &cfg->tunnels[i];

		t = mcnic_state_push(st, MCNIC_OBJ_TMPL, &ct->loc);
		if (!t)
			return -ENOMEM;
		t->idx = i;
		t->cfg = ct->cfg;
		nh = mcnic_state_push(st, MCNIC_OBJ_NH, &ct->loc);
		if (!nh)
			return -ENOMEM;
		nh->idx = i;
		nh->nh.kind = MCNIC_NH_TUNNEL;
		nh->nh.flags = ct->down ? MCNIC_NHF_DOWN : 0;
		nh->nh.port = ct->uplink;
		nh->nh.tmpl = i;
	}
	return 0;
}

/* Each vport is a next hop, and a one-member group for routes to it. */
static int mcnic_plan_vport_nhs(const struct mcnic_config *cfg,
				struct mcnic_state *st)
{
	struct mcnic_cmd_nh *nh;
	struct mcnic_cmd_nhg *g;
	u32 k;

	for (k = 0; k < cfg->n_ports; k++) {
		const struct mcnic_cfg_port *cp = &cfg->ports[k];

		if (cp->kind != MCNIC_PORT_VPORT)
			continue;
		nh = mcnic_state_push(st, MCNIC_OBJ_NH, &cp->loc);
		if (!nh)
			return -ENOMEM;
		nh->idx = mcnic_plan_vport_nh(cfg, k);
		nh->nh.kind = MCNIC_NH_VPORT;
		nh->nh.port = cp->id;
		g = mcnic_state_push(st, MCNIC_OBJ_NHG, &cp->loc);
		if (!g)
			return -ENOMEM;
		g->idx = mcnic_plan_vport_nhg(cfg, k);
		g->n_members = 1;
		g->member[0] = nh->idx;
		g->weight[0] = 1;
	}
	return 0;
}

static int mcnic_plan_nhgs(const struct mcnic_config *cfg,
			   struct mcnic_state *st)
{
	struct mcnic_cmd_nhg *g;
	u32 i, j;

	for (i = 0; i < cfg->n_nhgs; i++) {
		const struct mcnic_cfg_nhg *cg = &cfg->nhgs[i];

		g = mcnic_state_push(st, MCNIC_OBJ_NHG, &cg->loc);
		if (!g)
			return -ENOMEM;
		g->idx = i;
		g->n_members = cg->n_members;
		g->n_backups = cg->n_backups;
		for (j = 0; j < cg->n_members; j++) {
			g->member[j] = mcnic_plan_nh(cfg, &cg->members[j]);
			g->weight[j] = cg->members[j].weight;
		}
		for (j = 0; j < cg->n_backups; j++)
			g->backup[j] = mcnic_plan_nh(cfg, &cg->backups[j]);
	}
	return 0;
}

static int mcnic_plan_routes(const struct mcnic_config *cfg,
			     struct mcnic_state *st)
{
	struct mcnic_cmd_route *r;
	u32 i;

	for (i = 0; i < cfg->n_routes; i++) {
		const struct mcnic_cfg_route *cr = &cfg->routes[i];

		r = mcnic_state_push(st, MCNIC_OBJ_ROUTE, &cr->loc);
		if (!r)
			return -ENOMEM;
		r->vrf = cr->vrf;
		r->family = cr->family;
		r->len = cr->len;
		memcpy(r->prefix, cr->prefix, 16);
		r->route.segment = cr->segment;
		if (cr->kind == MCNIC_CFG_ROUTE_BLACKHOLE)
			r->route.kind = MCNIC_ROUTE_BLACKHOLE;
		else if (cr->kind == MCNIC_CFG_ROUTE_NHG)
			r->route.nhg = cr->nhg;
		else
			r->route.nhg = mcnic_plan_vport_nhg(cfg,
				mcnic_plan_port_index(cfg, cr->vport));
	}
	return 0;
}

static int mcnic_plan_rest(const struct mcnic_config *cfg,
			   struct mcnic_state *st)
{
	static const struct mcnic_cfg_loc none;
	struct mcnic_parse_cfg *pc;
	struct mcnic_policy_rule *ru;
	u32 i;

	pc = mcnic_state_push(st, MCNIC_OBJ_PARSE, &none);
	if (!pc)
		return -ENOMEM;
	*pc = cfg->parse;
	for (i = 0; i < cfg->n_policies; i++) {
		ru = mcnic_state_push(st, MCNIC_OBJ_RULE,
				      &cfg->policies[i].loc);
		if (!ru)
			return -ENOMEM;
		*ru = cfg->policies[i].rule;
	}
	return 0;
}

int mcnic_plan_state(const struct mcnic_config *cfg, struct mcnic_state *st)
{
	int r;

	memset(st, 0, sizeof(*st));
	r = mcnic_plan_ports(cfg, st);
	if (!r)
		r = mcnic_plan_vrfs_vteps(cfg, st);
	if (!r)
		r = mcnic_plan_vnis(cfg, st);
	if (!r)
		r = mcnic_plan_tunnels(cfg, st);
	if (!r)
		r = mcnic_plan_vport_nhs(cfg, st);
	if (!r)
		r = mcnic_plan_nhgs(cfg, st);
	if (!r)
		r = mcnic_plan_routes(cfg, st);
	if (!r)
		r = mcnic_plan_rest(cfg, st);
	if (r)
		mcnic_state_free(st);
	return r;
}
