// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * fuzz_config: the configuration loader (host-lib/config*.c).
 *
 * Input: a YAML document, as a file would hold it.  Whatever the bytes,
 * the loader must not crash, leak (LSan) or read out of bounds, and must
 * give the same answer twice.  A refusal is one message of the form
 * "fuzz.yaml:LINE:COL: KEY: what" with LINE and COL from 1.  An accepted
 * configuration must keep every promise docs/config.md makes about it,
 * checked here from the model alone: ids in their ranges and unique,
 * every reference resolving to an object of the right kind, every tunnel
 * building its template from a local VTEP of its type, prefixes without
 * host bits, policy fields consistent with their match bits.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "host-lib/config.h"

#define FUZZ_CFG_ERR	512
#define FUZZ_POLM_DIRS	(MCNIC_POLM_EGRESS | MCNIC_POLM_INGRESS)

static const struct mcnic_cfg_port *fuzz_port(const struct mcnic_config *c,
					      u16 id)
{
	u32 i;

	for (i = 0; i < c->n_ports; i++)
		if (c->ports[i].id == id)
			return &c->ports[i];
	return NULL;
}

static int fuzz_has_vrf(const struct mcnic_config *c, u16 id)
{
	u32 i;

	for (i = 0; i < c->n_vrfs; i++)
		if (c->vrfs[i].id == id)
			return 1;
	return 0;
}

static int fuzz_has_segment(const struct mcnic_config *c, u16 id)
{
	u32 i;

	for (i = 0; i < c->n_segments; i++)
		if (c->segments[i].id == id)
			return 1;
	return 0;
}

static void fuzz_check_name(const char *name)
{
	size_t len = strnlen(name, MCNIC_CFG_NAME_MAX);

	FUZZ_CHECK(len > 0 && len < MCNIC_CFG_NAME_MAX);
	FUZZ_CHECK(strspn(name, "abcdefghijklmnopqrstuvwxyz"
			  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == len);
}

/* Names unique in a list whose elements start with their name. */
static void fuzz_check_names(const void *base, size_t stride, u32 n)
{
	const char *a, *b;
	u32 i, j;

	for (i = 0; i < n; i++) {
		a = (const char *)base + i * stride;
		fuzz_check_name(a);
		for (j = 0; j < i; j++) {
			b = (const char *)base + j * stride;
			FUZZ_CHECK(strcmp(a, b));
		}
	}
}

static void fuzz_check_ports(const struct mcnic_config *c)
{
	const struct mcnic_cfg_port *p;
	int uplinks = 0;
	u32 i, j;

	fuzz_check_names(c->ports, sizeof(*c->ports), c->n_ports);
	for (i = 0; i < c->n_ports; i++) {
		p = &c->ports[i];
		FUZZ_CHECK(p->id < 1024 && !(p->mac[0] & 1));
		FUZZ_CHECK(p->mtu >= 576 && p->mtu <= 9216);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(c->ports[j].id != p->id);
		if (p->kind == MCNIC_PORT_UPLINK) {
			uplinks++;
			FUZZ_CHECK(!p->queues && !p->vrf && !p->segment);
			continue;
		}
		FUZZ_CHECK(p->kind == MCNIC_PORT_VPORT);
		FUZZ_CHECK(p->queues >= 1 && p->queues <= 64);
		FUZZ_CHECK(fuzz_has_vrf(c, p->vrf));
		FUZZ_CHECK(!p->segment || fuzz_has_segment(c, p->segment));
	}
	FUZZ_CHECK(uplinks > 0);
	fuzz_check_names(c->vrfs, sizeof(*c->vrfs), c->n_vrfs);
	for (i = 0; i < c->n_vrfs; i++) {
		FUZZ_CHECK(c->vrfs[i].id >= 1 && c->vrfs[i].id <= 4095);
		FUZZ_CHECK(c->vrfs[i].default_action <= MCNIC_POL_ALLOW);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(c->vrfs[j].id != c->vrfs[i].id);
	}
	fuzz_check_names(c->segments, sizeof(*c->segments), c->n_segments);
	for (i = 0; i < c->n_segments; i++) {
		FUZZ_CHECK(c->segments[i].id >= 1);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(c->segments[j].id != c->segments[i].id);
	}
}

static int fuzz_is_vtep(const struct mcnic_config *c,
			const struct mcnic_tunnel_cfg *t)
{
	u8 family = t->flags & MCNIC_TUNF_OUTER_V6 ? 6 : 4;
	u32 i;

	for (i = 0; i < c->n_vteps; i++)
		if (c->vteps[i].type == t->type &&
		    c->vteps[i].family == family &&
		    !memcmp(c->vteps[i].addr, t->saddr, 16))
			return 1;
	return 0;
}

static void fuzz_check_tunnels(const struct mcnic_config *c)
{
	const struct mcnic_cfg_tunnel *t;
	const struct mcnic_cfg_port *up;
	struct mcnic_encap_tmpl tmpl;
	u32 i, j;

	for (i = 0; i < c->n_vteps; i++) {
		FUZZ_CHECK(c->vteps[i].family == 4 || c->vteps[i].family == 6);
		FUZZ_CHECK((c->vteps[i].type == MCNIC_TUN_GRE) ==
			   !c->vteps[i].udp_port);
	}
	fuzz_check_names(c->tunnels, sizeof(*c->tunnels), c->n_tunnels);
	for (i = 0; i < c->n_tunnels; i++) {
		t = &c->tunnels[i];
		up = fuzz_port(c, t->uplink);
		FUZZ_CHECK(up && up->kind == MCNIC_PORT_UPLINK);
		FUZZ_CHECK(!memcmp(t->cfg.smac, up->mac, 6));
		FUZZ_CHECK(fuzz_is_vtep(c, &t->cfg));
		FUZZ_CHECK(mcnic_tmpl_build(&t->cfg, &tmpl, NULL) == 0);
		FUZZ_CHECK(t->down <= 1);
		if (t->cfg.ident)
			FUZZ_CHECK(fuzz_has_segment(c, t->cfg.ident));
	}
	for (i = 0; i < c->n_vnis; i++) {
		FUZZ_CHECK(fuzz_has_vrf(c, c->vnis[i].vrf));
		FUZZ_CHECK(c->vnis[i].n_peers >= 1 &&
			   c->vnis[i].n_peers <= MCNIC_CFG_PEERS_MAX);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(c->vnis[j].vni != c->vnis[i].vni);
	}
}

static void fuzz_check_nh(const struct mcnic_config *c,
			  const struct mcnic_cfg_nh *nh, int backup)
{
	const struct mcnic_cfg_port *p;

	FUZZ_CHECK(backup ? nh->weight == 0 : nh->weight >= 1);
	if (nh->kind == MCNIC_CFG_NH_TUNNEL) {
		FUZZ_CHECK(nh->ref < c->n_tunnels);
		return;
	}
	FUZZ_CHECK(nh->kind == MCNIC_CFG_NH_VPORT);
	p = fuzz_port(c, nh->ref);
	FUZZ_CHECK(p && p->kind == MCNIC_PORT_VPORT);
}

static int fuzz_host_bits(const u8 *a, u8 len)
{
	u8 i;

	for (i = len; i < 128; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return 1;
	return 0;
}

static void fuzz_check_routes(const struct mcnic_config *c)
{
	const struct mcnic_cfg_route *r;
	const struct mcnic_cfg_nhg *g;
	const struct mcnic_cfg_port *p;
	u32 i, j;

	fuzz_check_names(c->nhgs, sizeof(*c->nhgs), c->n_nhgs);
	for (i = 0; i < c->n_nhgs; i++) {
		g = &c->nhgs[i];
		FUZZ_CHECK(g->n_members >= 1 &&
			   g->n_members <= MCNIC_NHG_MEMBERS_MAX);
		FUZZ_CHECK(g->n_backups <= MCNIC_NHG_BACKUPS_MAX);
		for (j = 0; j < g->n_members; j++)
			fuzz_check_nh(c, &g->members[j], 0);
		for (j = 0; j < g->n_backups; j++)
			fuzz_check_nh(c, &g->backups[j], 1);
	}
	for (i = 0; i < c->n_routes; i++) {
		r = &c->routes[i];
		FUZZ_CHECK(fuzz_has_vrf(c, r->vrf));
		FUZZ_CHECK(r->family == 4 || r->family == 6);
		FUZZ_CHECK(r->len <= (r->family == 4 ? 32 : 128));
		FUZZ_CHECK(!fuzz_host_bits(r->prefix, r->len));
		FUZZ_CHECK(!r->segment || fuzz_has_segment(c, r->segment));
		if (r->kind == MCNIC_CFG_ROUTE_NHG) {
			FUZZ_CHECK(r->nhg < c->n_nhgs);
		} else if (r->kind == MCNIC_CFG_ROUTE_VPORT) {
			p = fuzz_port(c, r->vport);
			FUZZ_CHECK(p && p->kind == MCNIC_PORT_VPORT &&
				   p->vrf == r->vrf);
		} else {
			FUZZ_CHECK(r->kind == MCNIC_CFG_ROUTE_BLACKHOLE);
		}
	}
}

static void fuzz_check_policies(const struct mcnic_config *c)
{
	const struct mcnic_policy_rule *r;
	u32 i, j;

	for (i = 0; i < c->n_policies; i++) {
		r = &c->policies[i].rule;
		FUZZ_CHECK(r->id != MCNIC_RULE_DEFAULT);
		FUZZ_CHECK(fuzz_has_vrf(c, r->vrf));
		FUZZ_CHECK(r->action <= MCNIC_POL_ALLOW);
		FUZZ_CHECK(!(r->flags & ~MCNIC_POLF_COUNT));
		FUZZ_CHECK(!(r->match & ~MCNIC_POLM_ALL));
		FUZZ_CHECK((r->match & FUZZ_POLM_DIRS) != FUZZ_POLM_DIRS);
		FUZZ_CHECK(r->family == 0 || r->family == 4 || r->family == 6);
		if (!r->family)
			FUZZ_CHECK(!r->src_len && !r->dst_len);
		FUZZ_CHECK(!fuzz_host_bits(r->src, r->src_len));
		FUZZ_CHECK(!fuzz_host_bits(r->dst, r->dst_len));
		FUZZ_CHECK(r->sport_lo <= r->sport_hi);
		FUZZ_CHECK(r->dport_lo <= r->dport_hi);
		FUZZ_CHECK(!!(r->match & MCNIC_POLM_SSEG) == !!r->sseg);
		FUZZ_CHECK(!!(r->match & MCNIC_POLM_DSEG) == !!r->dseg);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(c->policies[j].rule.id != r->id);
	}
}

/* An empty list is a NULL array. */
static int fuzz_same(const void *a, const void *b, size_t len)
{
	return !len || !memcmp(a, b, len);
}

/* "fuzz.yaml:LINE:COL: KEY: message", LINE and COL from 1. */
static void fuzz_check_err(const char *err)
{
	const char *p = err + strlen("fuzz.yaml:");
	char *end;

	FUZZ_CHECK(!strncmp(err, "fuzz.yaml:", strlen("fuzz.yaml:")));
	FUZZ_CHECK(strtoul(p, &end, 10) >= 1 && *end == ':');
	FUZZ_CHECK(strtoul(end + 1, &end, 10) >= 1 && *end == ':');
	FUZZ_CHECK(end[1] == ' ' && end[2]);
	FUZZ_CHECK(strstr(end + 2, ": ") && strlen(err) < FUZZ_CFG_ERR - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[FUZZ_CFG_ERR], err2[FUZZ_CFG_ERR];
	struct mcnic_config *a, *b;

	a = mcnic_config_load_buf((const char *)data, size, "fuzz.yaml",
				  err, sizeof(err));
	b = mcnic_config_load_buf((const char *)data, size, "fuzz.yaml",
				  err2, sizeof(err2));
	FUZZ_CHECK(!a == !b && !strcmp(err, err2));
	if (!a) {
		fuzz_check_err(err);
		return 0;
	}
	FUZZ_CHECK(!err[0]);
	fuzz_check_ports(a);
	fuzz_check_tunnels(a);
	fuzz_check_routes(a);
	fuzz_check_policies(a);
	/* Deterministic to the byte: no uninitialised padding, no pointers. */
	FUZZ_CHECK(fuzz_same(a->tunnels, b->tunnels,
			     a->n_tunnels * sizeof(*a->tunnels)));
	FUZZ_CHECK(fuzz_same(a->routes, b->routes,
			     a->n_routes * sizeof(*a->routes)));
	FUZZ_CHECK(fuzz_same(a->policies, b->policies,
			     a->n_policies * sizeof(*a->policies)));
	mcnic_config_free(a);
	mcnic_config_free(b);
	return 0;
}
