// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The configuration loader (host-lib/config*.c, docs/config.md).
 *
 * Valid files: examples/multicloud.yaml, every field resolved as the file
 * says; tests/config/defaults.yaml, every default; tests/config/options.yaml,
 * every option.  Expected values are written out from the YAML by hand,
 * never taken from the loader.
 *
 * Errors: for each class, the exact "file:line:col: key: message".  Most
 * cases append to BASE below (28 lines, so their first line is 29) or are
 * small documents of their own; lines and columns are counted in the text
 * as written.  Every broken document must give NULL.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "host-lib/config.h"
#include "dp/dp.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define EXAMPLE		MCNIC_SRCDIR "/examples/multicloud.yaml"
#define FIXTURE(f)	MCNIC_SRCDIR "/tests/config/" f

static const u8 uplink_mac[6] = { 0x02, 0x00, 0x0a, 0x00, 0x00, 0x01 };
static const u8 nh_mac[6] = { 0x02, 0x00, 0x0a, 0x00, 0x00, 0xfe };

static void ip(const char *s, u8 *out)
{
	memset(out, 0, 16);
	if (inet_pton(AF_INET, s, out) != 1)
		assert_int_equal(inet_pton(AF_INET6, s, out), 1);
}

static void assert_addr(const u8 *got, const char *want)
{
	u8 a[16];

	ip(want, a);
	assert_memory_equal(got, a, 16);
}

static struct mcnic_config *load(const char *path)
{
	char err[512] = "stale";
	struct mcnic_config *c = mcnic_config_load_file(path, err, sizeof(err));

	if (!c)
		fail_msg("%s", err);
	assert_string_equal(err, "");
	return c;
}

/* Line and column (1-based) where needle starts in path's text. */
static void where(const char *path, const char *needle, u32 *line, u32 *col)
{
	static char text[1 << 16];
	const char *hit, *p;
	size_t n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	hit = strstr(text, needle);
	assert_non_null(hit);
	*line = 1;
	*col = 1;
	for (p = text; p < hit; p++) {
		if (*p == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static void assert_loc(const struct mcnic_cfg_loc *loc, const char *path,
		       const char *needle)
{
	u32 line, col;

	where(path, needle, &line, &col);
	assert_int_equal(loc->line, line);
	assert_int_equal(loc->col, col);
}

/* ---- examples/multicloud.yaml ------------------------------------------ */

static void test_example_device(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_cfg_port *p = c->ports;

	assert_string_equal(c->name, "cloud-a");
	assert_int_equal(c->parse.vxlan_port[0], 4789);
	assert_int_equal(c->parse.vxlan_port[1], 0);
	assert_int_equal(c->parse.geneve_port, 6081);
	assert_int_equal(c->parse.espinudp_port, 0);
	assert_int_equal(c->parse.vxlan_gbp, 1);

	assert_int_equal(c->n_ports, 4);
	assert_string_equal(p[0].name, "uplink0");
	assert_int_equal(p[0].kind, MCNIC_PORT_UPLINK);
	assert_int_equal(p[0].id, 0);
	assert_memory_equal(p[0].mac, uplink_mac, 6);
	assert_int_equal(p[0].mtu, 1500);
	assert_loc(&p[0].loc, EXAMPLE, "name: uplink0");

	assert_string_equal(p[1].name, "web-a");
	assert_int_equal(p[1].kind, MCNIC_PORT_VPORT);
	assert_int_equal(p[1].id, 16);
	assert_memory_equal(p[1].mac, "\x02\x00\x0a\x00\x01\x10", 6);
	assert_int_equal(p[1].mtu, 1450);
	assert_int_equal(p[1].queues, 2);
	assert_int_equal(p[1].vrf, 1);
	assert_int_equal(p[1].segment, 10);

	assert_string_equal(p[2].name, "db-a");
	assert_int_equal(p[2].id, 17);
	assert_int_equal(p[2].queues, 1);
	assert_int_equal(p[2].vrf, 1);
	assert_int_equal(p[2].segment, 20);
	assert_memory_equal(p[2].mac, "\x02\x00\x0a\x00\x01\x11", 6);

	assert_string_equal(p[3].name, "app-red");
	assert_int_equal(p[3].id, 18);
	assert_int_equal(p[3].vrf, 2);
	assert_int_equal(p[3].segment, 0);
	assert_int_equal(p[3].mtu, 1450);

	assert_int_equal(c->n_vrfs, 2);
	assert_string_equal(c->vrfs[0].name, "blue");
	assert_int_equal(c->vrfs[0].id, 1);
	assert_int_equal(c->vrfs[0].default_action, MCNIC_POL_DENY);
	assert_string_equal(c->vrfs[1].name, "red");
	assert_int_equal(c->vrfs[1].id, 2);
	assert_int_equal(c->vrfs[1].default_action, MCNIC_POL_ALLOW);
	assert_loc(&c->vrfs[1].loc, EXAMPLE, "{name: red");

	assert_int_equal(c->n_segments, 2);
	assert_string_equal(c->segments[0].name, "web");
	assert_int_equal(c->segments[0].id, 10);
	assert_string_equal(c->segments[1].name, "db");
	assert_int_equal(c->segments[1].id, 20);
	mcnic_config_free(c);
}

static void test_example_vteps(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_cfg_vtep *v = c->vteps;

	assert_int_equal(c->n_vteps, 3);
	assert_int_equal(v[0].family, 4);
	assert_int_equal(v[0].type, MCNIC_TUN_VXLAN);
	assert_int_equal(v[0].udp_port, 4789);
	assert_addr(v[0].addr, "192.0.2.1");
	assert_int_equal(v[1].type, MCNIC_TUN_GENEVE);
	assert_int_equal(v[1].udp_port, 6081);
	assert_int_equal(v[2].family, 6);
	assert_int_equal(v[2].type, MCNIC_TUN_GENEVE);
	assert_addr(v[2].addr, "2001:db8:a::1");
	mcnic_config_free(c);
}

/* What every tunnel of the example shares. */
static void assert_example_tunnel(const struct mcnic_cfg_tunnel *t,
				  const char *name, u8 type, const char *local,
				  const char *remote, u32 vni, u16 flags,
				  u16 ident)
{
	const struct mcnic_tunnel_cfg *c = &t->cfg;
	struct mcnic_encap_tmpl tmpl;

	assert_string_equal(t->name, name);
	assert_int_equal(c->type, type);
	assert_int_equal(c->flags, flags);
	assert_int_equal(c->ident, ident);
	assert_int_equal(c->vni, vni);
	assert_addr(c->saddr, local);
	assert_addr(c->daddr, remote);
	assert_memory_equal(c->smac, uplink_mac, 6);
	assert_memory_equal(c->dmac, nh_mac, 6);
	assert_int_equal(c->dport, type == MCNIC_TUN_VXLAN ? 4789 : 6081);
	assert_int_equal(c->sport_min, 49152);
	assert_int_equal(c->sport_max, 65535);
	assert_int_equal(c->mtu, 1500);
	assert_int_equal(c->ttl, 64);
	assert_int_equal(c->dscp, 0);
	assert_int_equal(c->vlan_tci, 0);
	assert_int_equal(c->gnv_opt_len, 0);
	assert_int_equal(t->uplink, 0);
	assert_int_equal(t->down, 0);
	assert_int_equal(mcnic_tmpl_build(c, &tmpl, NULL), 0);
}

static void test_example_tunnels(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_cfg_tunnel *t = c->tunnels;

	assert_int_equal(c->n_tunnels, 5);
	assert_example_tunnel(&t[0], "b1-blue", MCNIC_TUN_VXLAN, "192.0.2.1",
			      "198.51.100.1", 1001, MCNIC_TUNF_GBP, 10);
	assert_example_tunnel(&t[1], "b2-blue", MCNIC_TUN_VXLAN, "192.0.2.1",
			      "198.51.100.2", 1001, MCNIC_TUNF_GBP, 10);
	assert_example_tunnel(&t[2], "c-blue", MCNIC_TUN_GENEVE, "192.0.2.1",
			      "203.0.113.1", 1001, MCNIC_TUNF_IDENT_OPT, 10);
	assert_example_tunnel(&t[3], "b-red", MCNIC_TUN_VXLAN, "192.0.2.1",
			      "198.51.100.1", 2001, 0, 0);
	assert_example_tunnel(&t[4], "c-red", MCNIC_TUN_GENEVE,
			      "2001:db8:a::1", "2001:db8:c::1", 2001,
			      MCNIC_TUNF_OUTER_V6, 0);
	assert_loc(&t[2].loc, EXAMPLE, "name: c-blue");
	mcnic_config_free(c);
}

static void test_example_vnis(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_cfg_vni *v = c->vnis;

	assert_int_equal(c->n_vnis, 2);
	assert_int_equal(v[0].vni, 1001);
	assert_int_equal(v[0].vrf, 1);
	/* No peers: given, so the remotes of 1001's tunnels, in order. */
	assert_int_equal(v[0].n_peers, 3);
	assert_int_equal(v[0].peers[0].family, 4);
	assert_addr(v[0].peers[0].addr, "198.51.100.1");
	assert_addr(v[0].peers[1].addr, "198.51.100.2");
	assert_addr(v[0].peers[2].addr, "203.0.113.1");
	assert_int_equal(v[1].vni, 2001);
	assert_int_equal(v[1].vrf, 2);
	assert_int_equal(v[1].n_peers, 2);
	assert_addr(v[1].peers[0].addr, "198.51.100.1");
	assert_int_equal(v[1].peers[1].family, 6);
	assert_addr(v[1].peers[1].addr, "2001:db8:c::1");
	mcnic_config_free(c);
}

static void assert_nh(const struct mcnic_cfg_nh *nh, u8 kind, u16 ref,
		      u8 weight)
{
	assert_int_equal(nh->kind, kind);
	assert_int_equal(nh->ref, ref);
	assert_int_equal(nh->weight, weight);
}

static void test_example_nhgs(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_cfg_nhg *g = c->nhgs;

	assert_int_equal(c->n_nhgs, 2);
	assert_string_equal(g[0].name, "cloud-b-blue");
	assert_int_equal(g[0].n_members, 2);
	assert_nh(&g[0].members[0], MCNIC_CFG_NH_TUNNEL, 0, 1);
	assert_nh(&g[0].members[1], MCNIC_CFG_NH_TUNNEL, 1, 1);
	assert_int_equal(g[0].n_backups, 1);
	assert_nh(&g[0].backups[0], MCNIC_CFG_NH_TUNNEL, 2, 0);
	assert_string_equal(g[1].name, "red-remote");
	assert_int_equal(g[1].n_members, 2);
	assert_nh(&g[1].members[0], MCNIC_CFG_NH_TUNNEL, 3, 3);
	assert_nh(&g[1].members[1], MCNIC_CFG_NH_TUNNEL, 4, 1);
	assert_int_equal(g[1].n_backups, 0);
	mcnic_config_free(c);
}

static void assert_route(const struct mcnic_cfg_route *r, u16 vrf,
			 const char *prefix, u8 len, u8 kind, u16 vport,
			 u32 nhg, u16 segment)
{
	assert_int_equal(r->vrf, vrf);
	assert_int_equal(r->family, 4);
	assert_addr(r->prefix, prefix);
	assert_int_equal(r->len, len);
	assert_int_equal(r->kind, kind);
	assert_int_equal(r->vport, vport);
	assert_int_equal(r->nhg, nhg);
	assert_int_equal(r->segment, segment);
}

static void test_example_routes(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_cfg_route *r = c->routes;

	assert_int_equal(c->n_routes, 7);
	assert_route(&r[0], 1, "10.1.1.0", 24, MCNIC_CFG_ROUTE_VPORT, 16, 0, 0);
	assert_route(&r[1], 1, "10.1.2.0", 24, MCNIC_CFG_ROUTE_VPORT, 17, 0, 0);
	assert_route(&r[2], 1, "10.2.0.0", 16, MCNIC_CFG_ROUTE_NHG, 0, 0, 10);
	assert_route(&r[3], 1, "10.2.2.0", 24, MCNIC_CFG_ROUTE_NHG, 0, 0, 20);
	assert_route(&r[4], 1, "10.66.0.0", 16, MCNIC_CFG_ROUTE_BLACKHOLE,
		     0, 0, 0);
	assert_route(&r[5], 2, "10.1.0.0", 16, MCNIC_CFG_ROUTE_VPORT, 18, 0, 0);
	assert_route(&r[6], 2, "0.0.0.0", 0, MCNIC_CFG_ROUTE_NHG, 0, 1, 0);
	assert_loc(&r[4].loc, EXAMPLE, "{vrf: blue, prefix: 10.66.0.0/16");
	mcnic_config_free(c);
}

static void test_example_policies(void **state)
{
	struct mcnic_config *c = load(EXAMPLE);
	const struct mcnic_policy_rule *r;
	u8 net[16];

	assert_int_equal(c->n_policies, 6);
	r = &c->policies[0].rule;		/* web may not reach db */
	assert_int_equal(r->id, 20);
	assert_int_equal(r->vrf, 1);
	assert_int_equal(r->priority, 50);
	assert_int_equal(r->action, MCNIC_POL_DENY);
	assert_int_equal(r->match, MCNIC_POLM_EGRESS | MCNIC_POLM_SSEG |
				   MCNIC_POLM_DSEG | MCNIC_POLM_PROTO);
	assert_int_equal(r->sseg, 10);
	assert_int_equal(r->dseg, 20);
	assert_int_equal(r->proto, 6);
	assert_int_equal(r->family, 0);
	assert_int_equal(r->src_len, 0);
	assert_int_equal(r->dst_len, 0);
	assert_int_equal(r->sport_lo, 0);
	assert_int_equal(r->sport_hi, 65535);
	assert_int_equal(r->dport_lo, 5432);
	assert_int_equal(r->dport_hi, 5432);
	assert_int_equal(r->flags, MCNIC_POLF_COUNT);

	r = &c->policies[1].rule;		/* HTTPS to cloud-b */
	assert_int_equal(r->id, 10);
	assert_int_equal(r->priority, 100);
	assert_int_equal(r->action, MCNIC_POL_ALLOW);
	assert_int_equal(r->match, MCNIC_POLM_EGRESS | MCNIC_POLM_SSEG |
				   MCNIC_POLM_PROTO);
	assert_int_equal(r->family, 4);
	assert_int_equal(r->dst_len, 16);
	ip("10.2.0.0", net);
	assert_memory_equal(r->dst, net, 16);
	assert_int_equal(r->dport_lo, 443);
	assert_int_equal(r->dport_hi, 443);

	r = &c->policies[2].rule;		/* ICMP out */
	assert_int_equal(r->id, 11);
	assert_int_equal(r->match, MCNIC_POLM_EGRESS | MCNIC_POLM_PROTO);
	assert_int_equal(r->proto, 1);
	assert_int_equal(r->flags, 0);

	r = &c->policies[3].rule;		/* port 80 in */
	assert_int_equal(r->id, 12);
	assert_int_equal(r->priority, 120);
	assert_int_equal(r->match, MCNIC_POLM_INGRESS | MCNIC_POLM_DSEG |
				   MCNIC_POLM_PROTO);
	assert_int_equal(r->dseg, 10);
	assert_int_equal(r->dport_lo, 80);

	r = &c->policies[5].rule;		/* red: no SSH */
	assert_int_equal(r->id, 30);
	assert_int_equal(r->vrf, 2);
	assert_int_equal(r->action, MCNIC_POL_DENY);
	assert_int_equal(r->match, MCNIC_POLM_INGRESS | MCNIC_POLM_PROTO);
	assert_int_equal(r->dport_lo, 22);
	assert_int_equal(r->dport_hi, 22);
	assert_loc(&c->policies[5].loc, EXAMPLE, "{vrf: red, id: 30");
	mcnic_config_free(c);
}

/* The same text through load_buf gives the same configuration. */
static void test_example_buf(void **state)
{
	static char text[1 << 16];
	struct mcnic_config *a = load(EXAMPLE), *b;
	char err[256];
	FILE *f = fopen(EXAMPLE, "r");
	size_t n;

	assert_non_null(f);
	n = fread(text, 1, sizeof(text), f);
	fclose(f);
	b = mcnic_config_load_buf(text, n, "x.yaml", err, sizeof(err));
	assert_non_null(b);
	assert_memory_equal(a->tunnels, b->tunnels,
			    a->n_tunnels * sizeof(*a->tunnels));
	assert_memory_equal(a->policies, b->policies,
			    a->n_policies * sizeof(*a->policies));
	assert_memory_equal(a->vnis, b->vnis, a->n_vnis * sizeof(*a->vnis));
	mcnic_config_free(a);
	mcnic_config_free(b);
}

/* docs/config.md shows the example whole: the last yaml block is the file. */
static void test_example_documented(void **state)
{
	static char doc[1 << 16], example[1 << 16];
	const char *start, *p;
	FILE *f;
	size_t n;

	f = fopen(MCNIC_SRCDIR "/docs/config.md", "r");
	assert_non_null(f);
	n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = '\0';
	f = fopen(EXAMPLE, "r");
	assert_non_null(f);
	n = fread(example, 1, sizeof(example) - 1, f);
	fclose(f);
	example[n] = '\0';
	start = NULL;
	for (p = strstr(doc, "```yaml\n"); p; p = strstr(p + 1, "```yaml\n"))
		start = p + strlen("```yaml\n");
	assert_non_null(start);
	assert_true(strlen(start) >= n + 4);
	assert_memory_equal(start, example, n);
	assert_memory_equal(start + n, "```\n", 4);
}

/* ---- tests/config/defaults.yaml and options.yaml ------------------------ */

static void test_defaults(void **state)
{
	struct mcnic_config *c = load(FIXTURE("defaults.yaml"));
	const struct mcnic_tunnel_cfg *t;
	const struct mcnic_policy_rule *r;

	assert_string_equal(c->name, "mcnic");
	assert_int_equal(c->parse.vxlan_port[0], 4789);
	assert_int_equal(c->parse.vxlan_port[1], 0);
	assert_int_equal(c->parse.geneve_port, 6081);
	assert_int_equal(c->parse.espinudp_port, 0);
	assert_int_equal(c->parse.vxlan_gbp, 0);
	assert_int_equal(c->ports[0].mtu, 1500);
	assert_int_equal(c->ports[1].queues, 1);
	assert_int_equal(c->ports[1].segment, 0);
	assert_int_equal(c->vrfs[0].default_action, MCNIC_POL_DENY);
	assert_int_equal(c->vteps[0].udp_port, 4789);
	assert_int_equal(c->vteps[1].udp_port, 6081);
	assert_int_equal(c->vteps[2].udp_port, 0);

	t = &c->tunnels[0].cfg;
	assert_int_equal(t->flags, 0);
	assert_int_equal(t->ttl, 64);
	assert_int_equal(t->dscp, 0);
	assert_int_equal(t->dport, 4789);
	assert_int_equal(t->sport_min, 49152);
	assert_int_equal(t->sport_max, 65535);
	assert_int_equal(t->mtu, 1500);
	assert_int_equal(t->ident, 0);
	assert_int_equal(c->tunnels[0].uplink, 3);
	assert_int_equal(c->tunnels[0].down, 0);
	assert_int_equal(c->tunnels[1].cfg.dport, 6081);
	t = &c->tunnels[2].cfg;			/* gre without vni: no key */
	assert_int_equal(t->type, MCNIC_TUN_GRE);
	assert_int_equal(t->flags, 0);
	assert_int_equal(t->vni, 0);
	assert_int_equal(t->dport, 0);
	assert_int_equal(t->sport_min, 0);
	assert_int_equal(t->sport_max, 0);

	assert_int_equal(c->vnis[0].n_peers, 1);
	assert_addr(c->vnis[0].peers[0].addr, "192.0.2.9");
	assert_int_equal(c->nhgs[0].members[0].weight, 1);
	assert_int_equal(c->nhgs[0].n_backups, 0);
	assert_int_equal(c->routes[0].kind, MCNIC_CFG_ROUTE_NHG);
	assert_int_equal(c->routes[0].len, 0);

	r = &c->policies[0].rule;
	assert_int_equal(r->id, 0);
	assert_int_equal(r->vrf, 9);
	assert_int_equal(r->priority, 1000);
	assert_int_equal(r->action, MCNIC_POL_ALLOW);
	assert_int_equal(r->match, 0);
	assert_int_equal(r->family, 0);
	assert_int_equal(r->flags, 0);
	assert_int_equal(r->sport_lo, 0);
	assert_int_equal(r->sport_hi, 65535);
	assert_int_equal(r->dport_lo, 0);
	assert_int_equal(r->dport_hi, 65535);
	mcnic_config_free(c);
}

static void test_options_device(void **state)
{
	struct mcnic_config *c = load(FIXTURE("options.yaml"));

	assert_string_equal(c->name, "edge-7");
	assert_int_equal(c->parse.vxlan_port[0], 4789);
	assert_int_equal(c->parse.vxlan_port[1], 8472);
	assert_int_equal(c->parse.vxlan_port[2], 0);
	assert_int_equal(c->parse.geneve_port, 6082);
	assert_int_equal(c->parse.espinudp_port, 4500);
	assert_int_equal(c->parse.vxlan_gbp, 1);
	assert_int_equal(c->ports[1].id, 1023);
	assert_int_equal(c->ports[1].mtu, 576);
	assert_int_equal(c->ports[2].queues, 64);
	assert_int_equal(c->ports[2].vrf, 4095);
	assert_int_equal(c->ports[2].segment, 65535);
	assert_int_equal(c->vrfs[0].default_action, MCNIC_POL_ALLOW);
	assert_int_equal(c->vteps[0].udp_port, 8472);
	assert_int_equal(c->vteps[1].udp_port, 6082);
	mcnic_config_free(c);
}

static void test_options_tunnels(void **state)
{
	struct mcnic_config *c = load(FIXTURE("options.yaml"));
	const struct mcnic_tunnel_cfg *t = &c->tunnels[0].cfg;

	assert_int_equal(t->flags, MCNIC_TUNF_TTL_INHERIT |
				   MCNIC_TUNF_DSCP_INHERIT | MCNIC_TUNF_DF_SET |
				   MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_VLAN |
				   MCNIC_TUNF_GBP);
	assert_int_equal(t->vni, 16777215);
	assert_int_equal(t->vlan_tci, 100);
	assert_int_equal(t->ident, 65535);
	assert_int_equal(t->dport, 8472);
	assert_int_equal(t->sport_min, 1000);
	assert_int_equal(t->sport_max, 2000);
	assert_int_equal(t->ttl, 32);
	assert_int_equal(t->dscp, 46);
	assert_int_equal(t->mtu, 9000);		/* the uplink's */
	assert_int_equal(c->tunnels[0].down, 1);
	assert_int_equal(c->tunnels[0].uplink, 1);

	t = &c->tunnels[1].cfg;
	assert_int_equal(t->flags, MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_UDP6_ZERO |
				   MCNIC_TUNF_IDENT_OPT);
	assert_int_equal(t->vni, 0);
	assert_int_equal(t->mtu, 1280);
	assert_int_equal(t->sport_min, 7);
	assert_int_equal(t->sport_max, 7);
	assert_int_equal(t->dport, 6081);	/* the remote's, not ours */
	assert_memory_equal(t->smac, "\x02\x00\x00\x00\x00\x02", 6);
	assert_memory_equal(t->dmac, "\x02\x00\x00\x00\x00\xfd", 6);
	assert_addr(t->saddr, "2001:db8::1");
	assert_int_equal(c->tunnels[1].uplink, 1023);

	t = &c->tunnels[2].cfg;
	assert_int_equal(t->flags, MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_GRE_L3 |
				   MCNIC_TUNF_DF_INHERIT);
	assert_int_equal(t->vni, 0xffffffffu);
	assert_int_equal(t->dport, 0);
	mcnic_config_free(c);
}

static void test_options_rest(void **state)
{
	struct mcnic_config *c = load(FIXTURE("options.yaml"));
	const struct mcnic_policy_rule *r;
	u8 a[16];

	/* Derived from the keyed GRE tunnel; given explicitly. */
	assert_int_equal(c->vnis[0].n_peers, 1);
	assert_addr(c->vnis[0].peers[0].addr, "198.51.100.8");
	assert_int_equal(c->vnis[1].n_peers, 2);
	assert_int_equal(c->vnis[1].peers[1].family, 6);
	assert_addr(c->vnis[1].peers[1].addr, "2001:db8::9");

	assert_nh(&c->nhgs[0].members[0], MCNIC_CFG_NH_TUNNEL, 0, 255);
	assert_nh(&c->nhgs[0].members[1], MCNIC_CFG_NH_VPORT, 100, 2);
	assert_int_equal(c->nhgs[0].n_backups, 2);
	assert_nh(&c->nhgs[0].backups[0], MCNIC_CFG_NH_TUNNEL, 2, 0);
	assert_nh(&c->nhgs[0].backups[1], MCNIC_CFG_NH_TUNNEL, 1, 0);

	assert_int_equal(c->routes[0].family, 6);
	assert_int_equal(c->routes[0].len, 48);
	assert_addr(c->routes[0].prefix, "2001:db8:100::");
	assert_int_equal(c->routes[0].segment, 65535);
	assert_int_equal(c->routes[1].kind, MCNIC_CFG_ROUTE_VPORT);
	assert_int_equal(c->routes[1].vport, 100);
	assert_int_equal(c->routes[2].kind, MCNIC_CFG_ROUTE_BLACKHOLE);

	r = &c->policies[0].rule;
	assert_int_equal(r->id, 4294967294u);
	assert_int_equal(r->priority, 0);
	assert_int_equal(r->match, MCNIC_POLM_INGRESS | MCNIC_POLM_PROTO);
	assert_int_equal(r->family, 6);
	assert_int_equal(r->src_len, 32);
	ip("2001:db8::", a);
	assert_memory_equal(r->src, a, 16);
	assert_int_equal(r->dst_len, 48);
	assert_int_equal(r->proto, 17);
	assert_int_equal(r->sport_lo, 53);
	assert_int_equal(r->sport_hi, 53);
	assert_int_equal(r->dport_lo, 1000);
	assert_int_equal(r->dport_hi, 2000);
	r = &c->policies[1].rule;
	assert_int_equal(r->priority, 4294967295u);
	assert_int_equal(r->match, MCNIC_POLM_EGRESS | MCNIC_POLM_SSEG |
				   MCNIC_POLM_PROTO);
	assert_int_equal(r->sseg, 65535);
	assert_int_equal(r->proto, 47);
	assert_int_equal(r->flags, 0);
	r = &c->policies[2].rule;
	assert_int_equal(r->family, 6);
	assert_int_equal(r->dst_len, 0);
	assert_int_equal(r->proto, 58);
	assert_int_equal(r->match, MCNIC_POLM_PROTO);
	assert_int_equal(r->flags, MCNIC_POLF_COUNT);
	mcnic_config_free(c);
}

/* ---- errors --------------------------------------------------------------- */

static const char base[] =
	"ports:\n"					/*  1 */
	"  - name: up0\n"
	"    kind: uplink\n"
	"    id: 0\n"
	"    mac: 02:00:00:00:00:01\n"			/*  5 */
	"  - name: vp\n"
	"    kind: vport\n"
	"    id: 5\n"
	"    mac: 02:00:00:00:00:05\n"
	"    vrf: a\n"					/* 10 */
	"    segment: web\n"
	"vrfs:\n"
	"  - {name: a, id: 1}\n"
	"  - {name: b, id: 2, default: allow}\n"
	"segments:\n"					/* 15 */
	"  - {name: web, id: 10}\n"
	"vteps:\n"
	"  - {address: 192.0.2.1, type: vxlan}\n"
	"  - {address: 192.0.2.1, type: geneve}\n"
	"  - {address: \"2001:db8::1\", type: geneve}\n"	/* 20 */
	"tunnels:\n"
	"  - name: t1\n"
	"    type: vxlan\n"
	"    local: 192.0.2.1\n"
	"    remote: 198.51.100.1\n"			/* 25 */
	"    vni: 7\n"
	"    uplink: up0\n"
	"    nexthop_mac: 02:00:00:00:00:fe\n";		/* 28 */

/* A second tunnel, lines 29-35, for cases to change or extend. */
#define T2(name, type, local, remote, vni, uplink, mac)	\
	"  - name: " name "\n"				\
	"    type: " type "\n"				\
	"    local: " local "\n"				\
	"    remote: " remote "\n"			\
	"    vni: " vni "\n"				\
	"    uplink: " uplink "\n"			\
	"    nexthop_mac: " mac "\n"
#define T2_OK	T2("t2", "vxlan", "192.0.2.1", "198.51.100.2", "8", "up0", \
		   "02:00:00:00:00:fe")
#define T2_V6	T2("t2", "geneve", "\"2001:db8::1\"", "\"2001:db8::2\"", "8", \
		   "up0", "02:00:00:00:00:fe")

/* One uplink, lines 1-5, for documents without the rest of base. */
#define PORT	"ports:\n"				\
		"  - name: up0\n"			\
		"    kind: uplink\n"			\
		"    id: 0\n"				\
		"    mac: 02:00:00:00:00:01\n"

struct err_case {
	int with_base;		/* the text follows base[] */
	const char *text;
	const char *err;
};

static void check_case(const struct err_case *e)
{
	static char doc[4096];
	char err[512];
	struct mcnic_config *c;

	snprintf(doc, sizeof(doc), "%s%s", e->with_base ? base : "", e->text);
	c = mcnic_config_load_buf(doc, strlen(doc), "t.yaml", err, sizeof(err));
	if (c)
		fail_msg("loaded, expected: %s", e->err);
	assert_string_equal(err, e->err);
}

static void check_cases(const struct err_case *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_case(&e[i]);
}

#define CHECK_CASES(cases)	check_cases(cases, ARRAY_SIZE(cases))

/* The base itself loads: every case below breaks exactly what it shows. */
static void test_base_loads(void **state)
{
	static const char *const ok[] = { "", T2_OK, T2_V6 };
	struct mcnic_config *c;
	char doc[4096], err[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		snprintf(doc, sizeof(doc), "%s%s", base, ok[i]);
		c = mcnic_config_load_buf(doc, strlen(doc), "t.yaml", err,
					  sizeof(err));
		if (!c)
			fail_msg("%s", err);
		assert_int_equal(c->n_tunnels, i ? 2 : 1);
		mcnic_config_free(c);
	}
}

static void test_err_unknown_key(void **state)
{
	static const struct err_case cases[] = {
		{ 0, PORT "    mtuu: 1500\n",
		  "t.yaml:6:5: ports[0].mtuu: unknown key (did you mean 'mtu'?)" },
		{ 0, "portz:\n  - name: up0\n",
		  "t.yaml:1:1: portz: unknown key (did you mean 'ports'?)" },
		{ 1, "    colour: red\n",
		  "t.yaml:29:5: tunnels[0].colour: unknown key" },
		{ 1, "policies:\n  - {vrf: a, id: 1, action: allow, protocol: tcp}\n",
		  "t.yaml:30:36: policies[0].protocol: unknown key" },
	};

	CHECK_CASES(cases);
}

static void test_err_duplicate_key(void **state)
{
	static const struct err_case cases[] = {
		{ 0, "ports:\n  - name: up0\n    kind: uplink\n    id: 0\n"
		     "    id: 1\n    mac: 02:00:00:00:00:01\n",
		  "t.yaml:5:5: ports[0].id: duplicate key (first at line 4)" },
		{ 1, "vrfs: []\n",
		  "t.yaml:29:1: vrfs: duplicate key (first at line 12)" },
	};

	CHECK_CASES(cases);
}

static void test_err_wrong_type(void **state)
{
	static const struct err_case cases[] = {
		{ 0, "ports: up0\n", "t.yaml:1:8: ports: expected a list" },
		{ 0, "ports:\n  - up0\n",
		  "t.yaml:2:5: ports[0]: expected a mapping" },
		{ 0, "device: [cloud-a]\nports: []\n",
		  "t.yaml:1:9: device: expected a mapping" },
		{ 0, "ports:\n  - name: up0\n    kind: uplink\n    id: [1]\n"
		     "    mac: 02:00:00:00:00:01\n",
		  "t.yaml:4:9: ports[0].id: expected an integer" },
		{ 0, "ports:\n  - name: up0\n    kind: uplink\n    id: \"5\"\n"
		     "    mac: 02:00:00:00:00:01\n",
		  "t.yaml:4:9: ports[0].id: expected an integer, not a quoted string" },
		{ 0, PORT "    mtu: big\n",
		  "t.yaml:6:10: ports[0].mtu: expected an integer, not 'big'" },
		{ 0, "ports:\n  - name: up0\n    kind: switch\n    id: 0\n"
		     "    mac: 02:00:00:00:00:01\n",
		  "t.yaml:3:11: ports[0].kind: 'switch' is not one of: uplink, vport" },
		{ 0, "vrfs:\n  - {name: [a], id: 1}\nports: []\n",
		  "t.yaml:2:12: vrfs[0].name: expected a name" },
		{ 0, "vrfs:\n  - {name: a/b, id: 1}\nports: []\n",
		  "t.yaml:2:12: vrfs[0].name: 'a/b' is not a valid name (1 to 31 of A-Z a-z 0-9 _ . -)" },
		{ 1, "    down: yes\n",
		  "t.yaml:29:11: tunnels[0].down: expected true or false" },
		{ 1, "    inherit: ttl\n",
		  "t.yaml:29:14: tunnels[0].inherit: expected a list" },
		{ 1, "    inherit: [ttl, hop]\n",
		  "t.yaml:29:20: tunnels[0].inherit[1]: 'hop' is not one of: ttl, dscp, df" },
	};

	CHECK_CASES(cases);
}

static void test_err_missing_key(void **state)
{
	static const struct err_case cases[] = {
		{ 0, "ports:\n  - name: up0\n    kind: uplink\n    id: 0\n",
		  "t.yaml:2:5: ports[0].mac: missing required key" },
		{ 0, "vrfs: []\n", "t.yaml:1:1: ports: missing required key" },
		{ 0, "ports:\n"
		     "  - {name: up0, kind: uplink, id: 0, mac: 02:00:00:00:00:01}\n"
		     "  - {name: vp, kind: vport, id: 1, mac: 02:00:00:00:00:02}\n",
		  "t.yaml:3:5: ports[1].vrf: missing required key (a vport needs one)" },
		{ 1, "nexthop_groups:\n  - name: g\n",
		  "t.yaml:30:5: nexthop_groups[0].members: missing required key" },
		{ 0, "ports:\n  - {name: up0, kind: vport, id: 0, mac: 02:00:00:00:00:01, vrf: a}\n"
		     "vrfs: [{name: a, id: 1}]\n",
		  "t.yaml:2:3: ports: needs at least one uplink" },
	};

	CHECK_CASES(cases);
}

static void test_err_missing_vni(void **state)
{
	static const struct err_case cases[] = {
		{ 1, "  - name: t2\n    type: geneve\n    local: 192.0.2.1\n"
		     "    remote: 198.51.100.2\n    uplink: up0\n"
		     "    nexthop_mac: 02:00:00:00:00:fe\n",
		  "t.yaml:29:5: tunnels[1].vni: missing required key (a geneve tunnel needs one)" },
	};

	CHECK_CASES(cases);
}

static void test_err_bad_address(void **state)
{
	static const struct err_case cases[] = {
		{ 0, PORT "vteps:\n  - {address: 192.0.2.300, type: vxlan}\n",
		  "t.yaml:7:15: vteps[0].address: '192.0.2.300' is not an IPv4 or IPv6 address" },
		{ 0, PORT "vteps:\n  - {address: 224.0.0.1, type: vxlan}\n",
		  "t.yaml:7:15: vteps[0].address: 224.0.0.1 is not a unicast address" },
		{ 1, T2("t2", "vxlan", "192.0.2.1", "cloud-b", "8", "up0",
			"02:00:00:00:00:fe"),
		  "t.yaml:32:13: tunnels[1].remote: 'cloud-b' is not an IPv4 or IPv6 address" },
		{ 0, "ports:\n  - name: up0\n    kind: uplink\n    id: 0\n"
		     "    mac: 02:00:00:00:00\n",
		  "t.yaml:5:10: ports[0].mac: '02:00:00:00:00' is not a MAC address (like 02:00:00:00:00:01)" },
		{ 1, T2("t2", "vxlan", "192.0.2.1", "198.51.100.2", "8", "up0",
			"01:00:5e:00:00:01"),
		  "t.yaml:35:18: tunnels[1].nexthop_mac: 01:00:5e:00:00:01 is not a unicast MAC address" },
		{ 1, "vnis:\n  - {vni: 7, vrf: a, peers: [198.51.100.1, fe80::zz]}\n",
		  "t.yaml:30:44: vnis[0].peers[1]: 'fe80::zz' is not an IPv4 or IPv6 address" },
	};

	CHECK_CASES(cases);
}

static void test_err_prefix(void **state)
{
	static const struct err_case cases[] = {
		{ 1, "routes:\n  - {vrf: a, prefix: 10.2.0.1/16, blackhole: true}\n",
		  "t.yaml:30:22: routes[0].prefix: 10.2.0.1/16 has host bits set (did you mean 10.2.0.0/16?)" },
		{ 1, "routes:\n  - {vrf: a, prefix: \"2001:db8::1/64\", blackhole: true}\n",
		  "t.yaml:30:22: routes[0].prefix: 2001:db8::1/64 has host bits set (did you mean 2001:db8::/64?)" },
		{ 1, "routes:\n  - {vrf: a, prefix: 10.0.0.0/33, blackhole: true}\n",
		  "t.yaml:30:22: routes[0].prefix: 10.0.0.0/33: length 33 is longer than the address" },
		{ 1, "routes:\n  - {vrf: a, prefix: 10.0.0.0, blackhole: true}\n",
		  "t.yaml:30:22: routes[0].prefix: '10.0.0.0' is not a prefix (address/length)" },
		{ 1, "policies:\n  - {vrf: a, id: 1, action: allow, src: 10.1.1.1/24}\n",
		  "t.yaml:30:41: policies[0].src: 10.1.1.1/24 has host bits set (did you mean 10.1.1.0/24?)" },
		{ 1, "policies:\n  - {vrf: a, id: 1, action: allow, src: 10.0.0.0/8, dst: \"::/0\"}\n",
		  "t.yaml:30:58: policies[0].dst: an IPv6 dst with an IPv4 src" },
	};

	CHECK_CASES(cases);
}

static void test_err_unknown_name(void **state)
{
	static const struct err_case cases[] = {
		{ 1, "routes:\n  - {vrf: a, prefix: 10.2.0.0/16, group: cloud-b}\n",
		  "t.yaml:30:42: routes[0].group: unknown nexthop group 'cloud-b'" },
		{ 1, "routes:\n  - {vrf: green, prefix: 10.2.0.0/16, blackhole: true}\n",
		  "t.yaml:30:11: routes[0].vrf: unknown vrf 'green'" },
		{ 1, "nexthop_groups:\n  - {name: g, members: [{tunnel: t9}]}\n",
		  "t.yaml:30:34: nexthop_groups[0].members[0].tunnel: unknown tunnel 't9'" },
		{ 1, "policies:\n  - {vrf: a, id: 1, action: deny, dst_segment: db}\n",
		  "t.yaml:30:48: policies[0].dst_segment: unknown segment 'db'" },
		{ 1, T2("t2", "vxlan", "192.0.2.1", "198.51.100.2", "8", "vp",
			"02:00:00:00:00:fe"),
		  "t.yaml:34:13: tunnels[1].uplink: vp is a vport, not an uplink" },
		{ 1, "routes:\n  - {vrf: a, prefix: 10.2.0.0/16, vport: up0}\n",
		  "t.yaml:30:42: routes[0].vport: up0 is an uplink, not a vport" },
		{ 1, "routes:\n  - {vrf: b, prefix: 10.2.0.0/16, vport: vp}\n",
		  "t.yaml:30:42: routes[0].vport: vp is in vrf a, not b" },
		{ 0, "ports:\n  - {name: vp, kind: vport, id: 1, mac: 02:00:00:00:00:02, vrf: x}\n",
		  "t.yaml:2:65: ports[0].vrf: unknown vrf 'x'" },
	};

	CHECK_CASES(cases);
}

static void test_err_duplicate(void **state)
{
	static const struct err_case cases[] = {
		{ 0, "ports:\n"
		     "  - {name: up0, kind: uplink, id: 0, mac: 02:00:00:00:00:01}\n"
		     "  - {name: up1, kind: uplink, id: 0, mac: 02:00:00:00:00:02}\n",
		  "t.yaml:3:35: ports[1].id: duplicate id 0 (first at line 2)" },
		{ 1, T2("t1", "vxlan", "192.0.2.1", "198.51.100.2", "8", "up0",
			"02:00:00:00:00:fe"),
		  "t.yaml:29:11: tunnels[1].name: duplicate name t1 (first at line 22)" },
		{ 1, "policies:\n  - {vrf: a, id: 7, action: allow}\n"
		     "  - {vrf: b, id: 7, action: deny}\n",
		  "t.yaml:31:18: policies[1].id: duplicate id 7 (first at line 30)" },
		{ 1, "routes:\n  - {vrf: a, prefix: 10.2.0.0/16, blackhole: true}\n"
		     "  - {vrf: b, prefix: 10.2.0.0/16, blackhole: true}\n"
		     "  - {vrf: a, prefix: 10.2.0.0/16, blackhole: true}\n",
		  "t.yaml:32:22: routes[2].prefix: duplicate prefix 10.2.0.0/16 (first at line 30)" },
		{ 1, "vnis:\n  - {vni: 7, vrf: a}\n  - {vni: 7, vrf: b}\n",
		  "t.yaml:31:11: vnis[1].vni: duplicate vni 7 (first at line 30)" },
		{ 0, PORT "vteps:\n  - {address: 192.0.2.1, type: vxlan}\n"
		     "  - {address: 192.0.2.1, type: vxlan, port: 4789}\n",
		  "t.yaml:8:15: vteps[1].address: duplicate vtep (address, type, port) 192.0.2.1 (first at line 7)" },
		{ 0, "segments:\n  - {name: web, id: 10}\n  - {name: db, id: 10}\n"
		     "ports: []\n",
		  "t.yaml:3:20: segments[1].id: duplicate id 10 (first at line 2)" },
		{ 1, "nexthop_groups:\n  - {name: g, members: [{tunnel: t1}]}\n"
		     "  - {name: g, members: [{tunnel: t1}]}\n",
		  "t.yaml:31:12: nexthop_groups[1].name: duplicate name g (first at line 30)" },
		{ 1, "nexthop_groups:\n  - {name: g, members: [{tunnel: t1}], backups: [{tunnel: t1}]}\n",
		  "t.yaml:30:50: nexthop_groups[0].backups[0]: t1 is already in this group" },
	};

	CHECK_CASES(cases);
}

static void test_err_range(void **state)
{
	static const struct err_case cases[] = {
		{ 0, "ports:\n  - {name: up0, kind: uplink, id: 1024, mac: 02:00:00:00:00:01}\n",
		  "t.yaml:2:35: ports[0].id: 1024 is out of range (0..1023)" },
		{ 0, PORT "    mtu: 575\n",
		  "t.yaml:6:10: ports[0].mtu: 575 is out of range (576..9216)" },
		{ 0, "vrfs:\n  - {name: a, id: 4096}\nports: []\n",
		  "t.yaml:2:19: vrfs[0].id: 4096 is out of range (1..4095)" },
		{ 1, T2("t2", "vxlan", "192.0.2.1", "198.51.100.2", "16777216",
			"up0", "02:00:00:00:00:fe"),
		  "t.yaml:33:10: tunnels[1].vni: 16777216 is out of range (0..16777215)" },
		{ 1, T2_OK "    ttl: 0\n",
		  "t.yaml:36:10: tunnels[1].ttl: 0 is out of range (1..255)" },
		{ 1, T2_OK "    vlan: 4095\n",
		  "t.yaml:36:11: tunnels[1].vlan: 4095 is out of range (1..4094)" },
		{ 1, T2_OK "    dscp: -1\n",
		  "t.yaml:36:11: tunnels[1].dscp: -1 is out of range (0..63)" },
		{ 1, T2_OK "    sport_range: 0-100\n",
		  "t.yaml:36:18: tunnels[1].sport_range: 0-100 is out of range (1..65535)" },
		{ 1, T2_OK "    sport_range: 200-100\n",
		  "t.yaml:36:18: tunnels[1].sport_range: 200-100 is an empty range (low above high)" },
		{ 1, "nexthop_groups:\n  - {name: g, members: [{tunnel: t1, weight: 0}]}\n",
		  "t.yaml:30:46: nexthop_groups[0].members[0].weight: 0 is out of range (1..255)" },
		{ 1, "policies:\n  - {vrf: a, id: 4294967295, action: allow}\n",
		  "t.yaml:30:18: policies[0].id: 4294967295 is out of range (0..4294967294)" },
		{ 1, "policies:\n  - {vrf: a, id: 1, action: allow, proto: 256}\n",
		  "t.yaml:30:43: policies[0].proto: 256 is out of range (0..255)" },
		{ 1, "policies:\n  - {vrf: a, id: 1, action: allow, dport: 443}\n",
		  "t.yaml:30:36: policies[0].dport: ports need proto: tcp or udp" },
		{ 0, "device: {vxlan_ports: [4789, 8472, 1, 2, 3]}\nports: []\n",
		  "t.yaml:1:23: device.vxlan_ports: has 5 entries, at most 4" },
		{ 0, "device: {vxlan_ports: [4789, 8472], geneve_port: 8472}\nports: []\n",
		  "t.yaml:1:50: device.geneve_port: 8472 is also a vxlan port" },
	};

	CHECK_CASES(cases);
}

static void test_err_vtep_mismatch(void **state)
{
	static const struct err_case cases[] = {
		{ 1, T2("t2", "vxlan", "192.0.2.9", "198.51.100.2", "8", "up0",
			"02:00:00:00:00:fe"),
		  "t.yaml:31:12: tunnels[1].local: 192.0.2.9 is not a vtep address" },
		{ 1, T2("t2", "gre", "192.0.2.1", "198.51.100.2", "8", "up0",
			"02:00:00:00:00:fe"),
		  "t.yaml:31:12: tunnels[1].local: 192.0.2.1 is not a gre vtep" },
		{ 1, T2("t2", "vxlan", "192.0.2.1", "\"2001:db8::2\"", "8", "up0",
			"02:00:00:00:00:fe"),
		  "t.yaml:32:13: tunnels[1].remote: an IPv6 remote for an IPv4 local" },
		{ 0, PORT "vteps:\n  - {address: 192.0.2.1, type: vxlan, port: 8472}\n",
		  "t.yaml:7:45: vteps[0].port: vxlan port 8472 is not in device.vxlan_ports" },
		{ 0, PORT "vteps:\n  - {address: 192.0.2.1, type: gre, port: 1}\n",
		  "t.yaml:7:37: vteps[0].port: a gre vtep has no port" },
		{ 1, T2_OK "    segment: web\n",
		  "t.yaml:36:14: tunnels[1].segment: a vxlan tunnel carries a segment only with gbp: true" },
		{ 1, "vnis:\n  - {vni: 9, vrf: a}\n",
		  "t.yaml:30:5: vnis[0].peers: no tunnel sends vni 9: list the peers" },
	};

	CHECK_CASES(cases);
}

/* What mcnic_tmpl_build refuses, reported at the tunnel with its reason. */
static void test_err_template(void **state)
{
	static const struct err_case cases[] = {
		{ 1, T2_OK "    df: true\n    inherit: [df]\n",
		  "t.yaml:29:5: tunnels[1]: the data plane refuses this tunnel: flags: df set and df inherit exclude each other" },
		{ 1, T2_V6 "    mtu: 1000\n",
		  "t.yaml:29:5: tunnels[1]: the data plane refuses this tunnel: mtu: must be 576 (1280 for ipv6) to 9216" },
		{ 1, T2_V6 "    udp_csum: true\n",
		  "t.yaml:29:5: tunnels[1]: the data plane refuses this tunnel: flags: udp-csum/df options are for ipv4 underlays" },
		{ 1, T2_V6 "    gbp: true\n",
		  "t.yaml:29:5: tunnels[1]: the data plane refuses this tunnel: flags: gbp needs a vxlan tunnel" },
		{ 1, T2("t2", "vxlan", "192.0.2.1", "0.0.0.0", "8", "up0",
			"02:00:00:00:00:fe"),
		  "t.yaml:29:5: tunnels[1]: the data plane refuses this tunnel: daddr: must not be the unspecified address" },
	};

	CHECK_CASES(cases);
}

static void test_err_document(void **state)
{
	static const struct err_case cases[] = {
		{ 0, "", "t.yaml:1:1: (document): the document is empty" },
		{ 0, "# nothing\n", "t.yaml:1:1: (document): the document is empty" },
		{ 0, "hello\n", "t.yaml:1:1: (document): expected a mapping" },
		{ 0, "ports: &p\n"
		     "  - {name: up0, kind: uplink, id: 0, mac: 02:00:00:00:00:01}\n"
		     "vrfs: *p\n",
		  "t.yaml:3:7: vrfs: aliases are not supported" },
		{ 0, PORT "---\nports: []\n",
		  "t.yaml:6:1: (document): only one document is allowed" },
		{ 0, "ports: [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]\n",
		  "t.yaml:1:23: ports[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 16 levels" },
		{ 0, PORT "    mtu: [1500\n",
		  "t.yaml:7:1: ports[0].mtu[0]: did not find expected ',' or ']' (while parsing a flow sequence at 6:10)" },
		{ 0, "ports: [\x01]\n",
		  "t.yaml:1:9: (document): control characters are not allowed" },
	};

	CHECK_CASES(cases);
}

/* Bounds: a megabyte of text, 131072 nodes. */
static void test_err_limits(void **state)
{
	size_t n = (1 << 20) + 1, i;
	char *doc = malloc(n), err[256];

	assert_non_null(doc);
	memset(doc, ' ', n);
	assert_null(mcnic_config_load_buf(doc, n, "t.yaml", err, sizeof(err)));
	assert_string_equal(err, "t.yaml:1:1: (document): larger than 1048576 bytes");

	/* map, "ports", the list: item i is node 4 + i, at column 9 + 2i. */
	memcpy(doc, "ports: [", 8);
	for (i = 0; i < 131072; i++)
		memcpy(doc + 8 + 2 * i, "1,", 2);
	doc[8 + 2 * i] = ']';
	assert_null(mcnic_config_load_buf(doc, 9 + 2 * i, "t.yaml", err,
					  sizeof(err)));
	assert_string_equal(err, "t.yaml:1:262147: ports[131069]: more than 131072 nodes in the document");
	free(doc);
}

/* ---- the file API ----------------------------------------------------------- */

static void check_file(const char *path, const char *msg)
{
	char err[512], want[512];

	snprintf(want, sizeof(want), "%s:%s", path, msg);
	assert_null(mcnic_config_load_file(path, err, sizeof(err)));
	assert_string_equal(err, want);
}

static void test_err_files(void **state)
{
	check_file(FIXTURE("bad-template.yaml"),
		   "9:5: tunnels[0]: the data plane refuses this tunnel: mtu: must be 576 (1280 for ipv6) to 9216");
	check_file(FIXTURE("bad-dup-tunnel.yaml"),
		   "15:11: tunnels[1].name: duplicate name b1 (first at line 8)");
	check_file(FIXTURE("bad-typo.yaml"),
		   "11:5: routes[0].prefx: unknown key (did you mean 'prefix'?)");
	check_file(FIXTURE("no-such-file.yaml"), " No such file or directory");
}

/* err may be NULL; a success clears it. */
static void test_err_buffer(void **state)
{
	static const char doc[] = PORT;
	char err[8] = "x";
	struct mcnic_config *c;

	assert_null(mcnic_config_load_buf("x: 1", 4, NULL, NULL, 0));
	c = mcnic_config_load_buf(doc, strlen(doc), NULL, err, sizeof(err));
	assert_non_null(c);
	assert_string_equal(err, "");
	mcnic_config_free(c);
	/* A short buffer gets the start of the message. */
	assert_null(mcnic_config_load_buf("x: 1", 4, "t.yaml", err,
					  sizeof(err)));
	assert_string_equal(err, "t.yaml:");
	mcnic_config_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_device),
		cmocka_unit_test(test_example_vteps),
		cmocka_unit_test(test_example_tunnels),
		cmocka_unit_test(test_example_vnis),
		cmocka_unit_test(test_example_nhgs),
		cmocka_unit_test(test_example_routes),
		cmocka_unit_test(test_example_policies),
		cmocka_unit_test(test_example_buf),
		cmocka_unit_test(test_example_documented),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_options_device),
		cmocka_unit_test(test_options_tunnels),
		cmocka_unit_test(test_options_rest),
		cmocka_unit_test(test_base_loads),
		cmocka_unit_test(test_err_unknown_key),
		cmocka_unit_test(test_err_duplicate_key),
		cmocka_unit_test(test_err_wrong_type),
		cmocka_unit_test(test_err_missing_key),
		cmocka_unit_test(test_err_missing_vni),
		cmocka_unit_test(test_err_bad_address),
		cmocka_unit_test(test_err_prefix),
		cmocka_unit_test(test_err_unknown_name),
		cmocka_unit_test(test_err_duplicate),
		cmocka_unit_test(test_err_range),
		cmocka_unit_test(test_err_vtep_mismatch),
		cmocka_unit_test(test_err_template),
		cmocka_unit_test(test_err_document),
		cmocka_unit_test(test_err_limits),
		cmocka_unit_test(test_err_files),
		cmocka_unit_test(test_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
