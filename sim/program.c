// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Config -> pipeline.  Objects go in dependency order (VRFs before the
 * vports bound to them, templates before next hops, groups before routes),
 * and any refusal is reported at the line of the object that caused it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"

static int prog_fail(const struct mcnic_program *pr,
		     const struct mcnic_cfg_loc *loc, char *err, size_t errlen,
		     int rc, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%u:%u: %s (%s)", pr->file, loc->line,
		 loc->col, what, strerror(rc < 0 ? -rc : rc));
	return rc < 0 ? rc : -rc;
}

void mcnic_program_limits(const struct mcnic_config *cfg,
			  struct mcnic_pipe_limits *lim)
{
	u32 i, max_port = 0;

	for (i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].id > max_port)
			max_port = cfg->ports[i].id;
	lim->ports = max_port + 1;
	lim->vrfs = cfg->n_vrfs ? cfg->n_vrfs : 1;
	lim->tmpls = cfg->n_tunnels ? cfg->n_tunnels : 1;
	lim->nexthops = cfg->n_tunnels + cfg->n_ports + 1;
	lim->nhgs = cfg->n_nhgs + cfg->n_ports + 1;
	lim->routes = cfg->n_routes + 1;
	lim->rules = cfg->n_policies + 1;
	lim->counted_rules = cfg->n_policies + cfg->n_vrfs + 1;
	lim->vnis = cfg->n_vnis + 1;
	lim->peers = 1;
	for (i = 0; i < cfg->n_vnis; i++)
		lim->peers += cfg->vnis[i].n_peers;
}

static int prog_vrfs(struct mcnic_program *pr, struct mcnic_pipe *p,
		     char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	const char *why = "";
	u32 i;
	int r;

	for (i = 0; i < c->n_vrfs; i++) {
		r = mcnic_pipe_vrf_set(p, c->vrfs[i].id,
				       c->vrfs[i].default_action, &why);
		if (r)
			return prog_fail(pr, &c->vrfs[i].loc, err, errlen, r,
					 "vrf %s: %s", c->vrfs[i].name, why);
	}
	return 0;
}

static int prog_ports(struct mcnic_program *pr, struct mcnic_pipe *p,
		      char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	struct mcnic_port_cfg pc;
	const char *why = "";
	u32 i;
	int r;

	for (i = 0; i < c->n_ports; i++) {
		const struct mcnic_cfg_port *cp = &c->ports[i];

		memset(&pc, 0, sizeof(pc));
		pc.kind = cp->kind == MCNIC_PORT_UPLINK ? MCNIC_PORTK_UPLINK :
							  MCNIC_PORTK_VPORT;
		pc.up = 1;
		pc.mtu = cp->mtu;
		pc.vrf = cp->vrf;
		pc.segment = cp->segment;
		pc.queues = cp->queues ? cp->queues : 1;
		memcpy(pc.mac, cp->mac, 6);
		r = mcnic_pipe_port_set(p, cp->id, &pc, &why);
		if (r)
			return prog_fail(pr, &cp->loc, err, errlen, r,
					 "port %s: %s", cp->name, why);
	}
	return 0;
}

static int prog_vteps(struct mcnic_program *pr, struct mcnic_pipe *p,
		      char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	struct mcnic_vtep v;
	const char *why = "";
	u32 i;
	int r;

	for (i = 0; i < c->n_vteps; i++) {
		memset(&v, 0, sizeof(v));
		v.family = c->vteps[i].family;
		v.type = c->vteps[i].type;
		v.udp_port = c->vteps[i].udp_port;
		memcpy(v.addr, c->vteps[i].addr, 16);
		r = mcnic_pipe_vtep_add(p, &v, &why);
		if (r)
			return prog_fail(pr, &c->vteps[i].loc, err, errlen, r,
					 "vtep: %s", why);
	}
	return 0;
}

static int prog_tunnels(struct mcnic_program *pr, struct mcnic_pipe *p,
			char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	struct mcnic_encap_tmpl t;
	struct mcnic_nexthop nh;
	const char *why = "";
	u32 i;
	int r;

	for (i = 0; i < c->n_tunnels; i++) {
		const struct mcnic_cfg_tunnel *ct = &c->tunnels[i];

		r = mcnic_tmpl_build(&ct->cfg, &t, &why);
		if (!r)
			r = mcnic_pipe_tmpl_set(p, i, &t, &why);
		if (!r) {
			memset(&nh, 0, sizeof(nh));
			nh.kind = MCNIC_NH_TUNNEL;
			nh.flags = ct->down ? MCNIC_NHF_DOWN : 0;
			nh.port = ct->uplink;
			nh.tmpl = i;
			r = mcnic_pipe_nh_set(p, i, &nh, &why);
		}
		if (r)
			return prog_fail(pr, &ct->loc, err, errlen, r,
					 "tunnel %s: %s", ct->name, why);
	}
	return 0;
}

/* Each vport is a next hop, and a one-member group for routes to it. */
static int prog_vport_nhs(struct mcnic_program *pr, struct mcnic_pipe *p,
			  char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	struct mcnic_nexthop nh;
	struct mcnic_nhg g;
	const char *why = "";
	u32 i, idx;
	int r;

	for (i = 0; i < c->n_ports; i++) {
		const struct mcnic_cfg_port *cp = &c->ports[i];

		if (cp->kind != MCNIC_PORT_VPORT)
			continue;
		idx = c->n_tunnels + i;
		memset(&nh, 0, sizeof(nh));
		nh.kind = MCNIC_NH_VPORT;
		nh.port = cp->id;
		r = mcnic_pipe_nh_set(p, idx, &nh, &why);
		memset(&g, 0, sizeof(g));
		g.n_members = 1;
		g.member[0] = idx;
		g.weight[0] = 1;
		if (!r)
			r = mcnic_pipe_nhg_set(p, c->n_nhgs + i, &g, &why);
		if (r)
			return prog_fail(pr, &cp->loc, err, errlen, r,
					 "port %s: %s", cp->name, why);
		pr->vport_nh[cp->id] = idx;
	}
	return 0;
}

static u32 prog_nh_index(const struct mcnic_program *pr,
			 const struct mcnic_cfg_nh *n)
{
	if (n->kind == MCNIC_CFG_NH_TUNNEL)
		return n->ref;
	return pr->vport_nh[n->ref];
}

static int prog_nhgs(struct mcnic_program *pr, struct mcnic_pipe *p,
		     char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	struct mcnic_nhg g;
	const char *why = "";
	u32 i, j;
	int r;

	for (i = 0; i < c->n_nhgs; i++) {
		const struct mcnic_cfg_nhg *cg = &c->nhgs[i];

		memset(&g, 0, sizeof(g));
		g.n_members = cg->n_members;
		g.n_backups = cg->n_backups;
		for (j = 0; j < cg->n_members; j++) {
			g.member[j] = prog_nh_index(pr, &cg->members[j]);
			g.weight[j] = cg->members[j].weight;
		}
		for (j = 0; j < cg->n_backups; j++)
			g.backup[j] = prog_nh_index(pr, &cg->backups[j]);
		r = mcnic_pipe_nhg_set(p, i, &g, &why);
		if (r)
			return prog_fail(pr, &cg->loc, err, errlen, r,
					 "nexthop group %s: %s", cg->name, why);
	}
	return 0;
}

static int prog_vnis(struct mcnic_program *pr, struct mcnic_pipe *p,
		     char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	const char *why = "";
	u32 i, j;
	int r;

	for (i = 0; i < c->n_vnis; i++) {
		const struct mcnic_cfg_vni *v = &c->vnis[i];

		r = mcnic_pipe_vni_set(p, v->vni, v->vrf, &why);
		for (j = 0; !r && j < v->n_peers; j++)
			r = mcnic_pipe_peer_add(p, v->vni, v->peers[j].family,
						v->peers[j].addr, &why);
		if (r)
			return prog_fail(pr, &v->loc, err, errlen, r,
					 "vni %u: %s", v->vni, why);
	}
	return 0;
}

static int prog_routes(struct mcnic_program *pr, struct mcnic_pipe *p,
		       char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	struct mcnic_route rt;
	const char *why = "";
	u32 i, k;
	int r;

	for (i = 0; i < c->n_routes; i++) {
		const struct mcnic_cfg_route *cr = &c->routes[i];

		memset(&rt, 0, sizeof(rt));
		rt.segment = cr->segment;
		if (cr->kind == MCNIC_CFG_ROUTE_BLACKHOLE) {
			rt.kind = MCNIC_ROUTE_BLACKHOLE;
		} else if (cr->kind == MCNIC_CFG_ROUTE_NHG) {
			rt.nhg = cr->nhg;
		} else {
			/* The vport's own group (see prog_vport_nhs). */
			k = pr->vport_nh[cr->vport] - c->n_tunnels;
			rt.nhg = c->n_nhgs + k;
		}
		r = mcnic_pipe_route_add(p, cr->vrf, cr->family, cr->prefix,
					 cr->len, &rt, &why);
		if (r)
			return prog_fail(pr, &cr->loc, err, errlen, r,
					 "route: %s", why);
	}
	return 0;
}

static int prog_policies(struct mcnic_program *pr, struct mcnic_pipe *p,
			 char *err, size_t errlen)
{
	const struct mcnic_config *c = pr->cfg;
	const char *why = "";
	u32 i;
	int r;

	for (i = 0; i < c->n_policies; i++) {
		r = mcnic_pipe_rule_add(p, &c->policies[i].rule, &why);
		if (r)
			return prog_fail(pr, &c->policies[i].loc, err, errlen,
					 r, "policy %u: %s",
					 c->policies[i].rule.id, why);
	}
	return 0;
}

int mcnic_program_apply(struct mcnic_program *pr, struct mcnic_pipe *p,
			const struct mcnic_config *cfg, const char *file,
			char *err, size_t errlen)
{
	int r;

	memset(pr, 0, sizeof(*pr));
	pr->cfg = cfg;
	pr->file = file;
	pr->vport_nh = malloc(p->lim.ports * sizeof(*pr->vport_nh));
	if (!pr->vport_nh) {
		snprintf(err, errlen, "%s: out of memory", file);
		return -ENOMEM;
	}
	memset(pr->vport_nh, 0xff, p->lim.ports * sizeof(*pr->vport_nh));
	mcnic_pipe_parse_set(p, &cfg->parse);
	r = prog_vrfs(pr, p, err, errlen);
	if (!r)
		r = prog_ports(pr, p, err, errlen);
	if (!r)
		r = prog_vteps(pr, p, err, errlen);
	if (!r)
		r = prog_tunnels(pr, p, err, errlen);
	if (!r)
		r = prog_vport_nhs(pr, p, err, errlen);
	if (!r)
		r = prog_nhgs(pr, p, err, errlen);
	if (!r)
		r = prog_vnis(pr, p, err, errlen);
	if (!r)
		r = prog_routes(pr, p, err, errlen);
	if (!r)
		r = prog_policies(pr, p, err, errlen);
	return r;
}

void mcnic_program_fini(struct mcnic_program *pr)
{
	free(pr->vport_nh);
	pr->vport_nh = NULL;
}
