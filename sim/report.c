// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The counters a replay reports, by the names the config gave: ports,
 * tunnels, peers, counted rules, drop reasons, flows, table use.  They are
 * read from the NIC as a host reads them (STATS, PIPE_STATS).  The JSON
 * form has one fixed shape (docs/replay.md) for scripts.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

/* What STATS answered, by object; the tables looked up sorted by key. */
struct report {
	const struct mcnic_config *cfg;
	struct mcnic_cmd_ctr *c[MCNIC_OBJ_DROP + 1];
	unsigned int n[MCNIC_OBJ_DROP + 1];
	struct mcnic_cmd_pipe_stats ps;
};

static const u16 report_objs[] = {
	MCNIC_OBJ_PORT, MCNIC_OBJ_PEER, MCNIC_OBJ_TMPL, MCNIC_OBJ_RULE,
	MCNIC_OBJ_DROP,
};

static int report_cmp(const void *a, const void *b)
{
	const struct mcnic_cmd_ctr *x = a, *y = b;

	if (x->aux != y->aux)
		return x->aux < y->aux ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void report_free(struct report *r)
{
	unsigned int i;

	for (i = 0; i < sizeof(report_objs) / sizeof(report_objs[0]); i++)
		free(r->c[report_objs[i]]);
}

/* Peers keep the device's order: they are listed, not looked up. */
static int report_read(struct report *r, struct mcnic *h,
		       const struct mcnic_config *cfg)
{
	unsigned int i;
	u16 obj;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	for (i = 0; !rc && i < sizeof(report_objs) / sizeof(report_objs[0]);
	     i++) {
		obj = report_objs[i];
		rc = mcnic_stats(h, obj, &r->c[obj], &r->n[obj]);
		if (!rc && obj != MCNIC_OBJ_PEER)
			qsort(r->c[obj], r->n[obj], sizeof(*r->c[obj]),
			      report_cmp);
	}
	if (!rc)
		rc = mcnic_pipe_stats(h, &r->ps);
	if (rc)
		report_free(r);
	return rc;
}

static const struct mcnic_cmd_ctr *report_find(const struct report *r,
					       u16 obj, u32 id, u16 aux)
{
	struct mcnic_cmd_ctr key = { .id = id, .aux = aux };

	return bsearch(&key, r->c[obj], r->n[obj], sizeof(key), report_cmp);
}

/* Ports and templates the NIC holds always have counters. */
static const u64 *report_ctrs(const struct report *r, u16 obj, u32 id)
{
	static const u64 zero[6];
	const struct mcnic_cmd_ctr *c = report_find(r, obj, id, 0);

	return c ? c->c : zero;
}

static const char *report_vrf_name(const struct mcnic_config *cfg, u16 id)
{
	u32 i;

	for (i = 0; i < cfg->n_vrfs; i++)
		if (cfg->vrfs[i].id == id)
			return cfg->vrfs[i].name;
	return "?";
}

/* Calls fn for each counted rule: the config's, then each VRF default. */
typedef void (*report_rule_fn)(FILE *f, int first, const char *vrf,
			       u32 rule, const u64 *c);

static void report_rules(FILE *f, const struct report *r, report_rule_fn fn)
{
	const struct mcnic_config *cfg = r->cfg;
	const struct mcnic_cmd_ctr *c;
	int first = 1;
	u32 i;

	for (i = 0; i < cfg->n_policies; i++) {
		const struct mcnic_policy_rule *ru = &cfg->policies[i].rule;

		c = report_find(r, MCNIC_OBJ_RULE, ru->id, ru->vrf);
		if (!c)
			continue;
		fn(f, first, report_vrf_name(cfg, ru->vrf), ru->id, c->c);
		first = 0;
	}
	for (i = 0; i < cfg->n_vrfs; i++) {
		c = report_find(r, MCNIC_OBJ_RULE, MCNIC_RULE_DEFAULT,
				cfg->vrfs[i].id);
		if (!c)
			continue;
		fn(f, first, cfg->vrfs[i].name, MCNIC_RULE_DEFAULT, c->c);
		first = 0;
	}
}

static void report_rule_text(FILE *f, int first, const char *vrf, u32 rule,
			     const u64 *c)
{
	char id[16];

	if (first)
		fprintf(f, "\nrules          vrf        packets        bytes\n");
	snprintf(id, sizeof(id), "%u", rule);
	fprintf(f, "  %-12s %-8s %9" PRIu64 " %12" PRIu64 "\n",
		rule == MCNIC_RULE_DEFAULT ? "default" : id, vrf, c[0], c[1]);
}

static void report_peers_text(FILE *f, const struct report *r)
{
	const struct mcnic_cmd_ctr *c = r->c[MCNIC_OBJ_PEER];
	char a[64];
	u32 i;

	fprintf(f, "\n  %-24s %8s %9s %12s\n", "peers", "vni", "packets",
		"bytes");
	for (i = 0; i < r->n[MCNIC_OBJ_PEER]; i++)
		fprintf(f, "  %-24s %8u %9" PRIu64 " %12" PRIu64 "\n",
			mcnic_addr_str(c[i].family, c[i].addr, a, sizeof(a)),
			c[i].id, c[i].c[0], c[i].c[1]);
}

static void report_text(FILE *f, const struct report *r)
{
	const struct mcnic_config *cfg = r->cfg;
	const struct mcnic_cmd_table_use *t = r->ps.t;
	const struct mcnic_cmd_ctr *d = r->c[MCNIC_OBJ_DROP];
	const u64 *c;
	u32 i;

	fprintf(f, "ports          rx pkts    rx bytes   tx pkts    tx bytes  drops\n");
	for (i = 0; i < cfg->n_ports; i++) {
		c = report_ctrs(r, MCNIC_OBJ_PORT, cfg->ports[i].id);
		fprintf(f, "  %-10s %9" PRIu64 " %11" PRIu64 " %9" PRIu64
			" %11" PRIu64 " %6" PRIu64 "\n", cfg->ports[i].name,
			c[0], c[1], c[2], c[3], c[4]);
	}
	fprintf(f, "\ntunnels        tx pkts    tx bytes\n");
	for (i = 0; i < cfg->n_tunnels; i++) {
		c = report_ctrs(r, MCNIC_OBJ_TMPL, i);
		fprintf(f, "  %-10s %9" PRIu64 " %11" PRIu64 "\n",
			cfg->tunnels[i].name, c[0], c[1]);
	}
	report_peers_text(f, r);
	report_rules(f, r, report_rule_text);
	fprintf(f, "\ndrops\n");
	for (i = 0; i < r->n[MCNIC_OBJ_DROP]; i++)
		if (d[i].c[0])
			fprintf(f, "  %-18s %9" PRIu64 "  %s\n",
				mcnic_drop_sym(d[i].id), d[i].c[0],
				mcnic_drop_name(d[i].id));
	fprintf(f, "\nflows: %u cached, %" PRIu64 " hits, %" PRIu64
		" misses, %" PRIu64 " re-decided, %" PRIu64 " installed, %"
		PRIu64 " not cached (full)\n", t[MCNIC_CMD_TBL_FLOWS].used,
		r->ps.flow_hits, r->ps.flow_misses, r->ps.flow_stale,
		r->ps.flow_installs, r->ps.flow_install_fail);
	fprintf(f, "tables:");
	for (i = 0; i < MCNIC_CMD_TBL_COUNT; i++)
		if (mcnic_table_name(i))
			fprintf(f, " %s %u/%u", mcnic_table_name(i),
				t[i].used, t[i].capacity);
	fprintf(f, "\n");
}

/* "PFX_packets": c[0], "PFX_bytes": c[1] */
static void report_ctr_json(FILE *f, const char *pfx, const u64 *c)
{
	fprintf(f, "\"%s_packets\": %" PRIu64 ", \"%s_bytes\": %" PRIu64,
		pfx, c[0], pfx, c[1]);
}

static void report_rule_json(FILE *f, int first, const char *vrf, u32 rule,
			     const u64 *c)
{
	fprintf(f, "%s\n    {\"vrf\": \"%s\", ", first ? "" : ",", vrf);
	if (rule == MCNIC_RULE_DEFAULT)
		fprintf(f, "\"rule\": \"default\", ");
	else
		fprintf(f, "\"rule\": %u, ", rule);
	report_ctr_json(f, "matched", c);
	fprintf(f, "}");
}

static void report_ports_json(FILE *f, const struct report *r)
{
	const struct mcnic_config *cfg = r->cfg;
	const u64 *c;
	u32 i;

	fprintf(f, "  \"ports\": [");
	for (i = 0; i < cfg->n_ports; i++) {
		c = report_ctrs(r, MCNIC_OBJ_PORT, cfg->ports[i].id);
		fprintf(f, "%s\n    {\"name\": \"%s\", \"id\": %u, ",
			i ? "," : "", cfg->ports[i].name, cfg->ports[i].id);
		report_ctr_json(f, "rx", c);
		fprintf(f, ", ");
		report_ctr_json(f, "tx", c + 2);
		fprintf(f, ", ");
		report_ctr_json(f, "drop", c + 4);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n");
}

static void report_tunnels_json(FILE *f, const struct report *r)
{
	const struct mcnic_cmd_ctr *p = r->c[MCNIC_OBJ_PEER];
	char a[64];
	u32 i;

	fprintf(f, "  \"tunnels\": [");
	for (i = 0; i < r->cfg->n_tunnels; i++) {
		fprintf(f, "%s\n    {\"name\": \"%s\", ", i ? "," : "",
			r->cfg->tunnels[i].name);
		report_ctr_json(f, "tx", report_ctrs(r, MCNIC_OBJ_TMPL, i));
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n  \"peers\": [");
	for (i = 0; i < r->n[MCNIC_OBJ_PEER]; i++) {
		fprintf(f, "%s\n    {\"address\": \"%s\", \"vni\": %u, ",
			i ? "," : "",
			mcnic_addr_str(p[i].family, p[i].addr, a, sizeof(a)),
			p[i].id);
		report_ctr_json(f, "rx", p[i].c);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n");
}

static void report_drops_json(FILE *f, const struct report *r)
{
	const struct mcnic_cmd_ctr *d = r->c[MCNIC_OBJ_DROP];
	int first = 1;
	u32 i;

	fprintf(f, "  \"drops\": {");
	for (i = 0; i < r->n[MCNIC_OBJ_DROP]; i++) {
		if (!d[i].c[0])
			continue;
		fprintf(f, "%s\n    \"%s\": {\"code\": %u, \"packets\": %"
			PRIu64 ", \"bytes\": %" PRIu64 "}", first ? "" : ",",
			mcnic_drop_sym(d[i].id), d[i].id, d[i].c[0],
			d[i].c[1]);
		first = 0;
	}
	fprintf(f, "\n  },\n");
}

static void report_json(FILE *f, const struct report *r)
{
	const struct mcnic_cmd_table_use *t = r->ps.t;
	const char *sep = "";
	u32 i;

	fprintf(f, "{\n  \"device\": \"%s\",\n", r->cfg->name);
	report_ports_json(f, r);
	report_tunnels_json(f, r);
	fprintf(f, "  \"rules\": [");
	report_rules(f, r, report_rule_json);
	fprintf(f, "\n  ],\n");
	report_drops_json(f, r);
	fprintf(f, "  \"flows\": {\"cached\": %u, \"capacity\": %u, "
		"\"hits\": %" PRIu64 ", \"misses\": %" PRIu64
		", \"redecided\": %" PRIu64 ", \"installed\": %" PRIu64
		", \"not_cached\": %" PRIu64 "},\n  \"tables\": {",
		t[MCNIC_CMD_TBL_FLOWS].used, t[MCNIC_CMD_TBL_FLOWS].capacity,
		r->ps.flow_hits, r->ps.flow_misses, r->ps.flow_stale,
		r->ps.flow_installs, r->ps.flow_install_fail);
	for (i = 0; i < MCNIC_CMD_TBL_COUNT; i++) {
		if (!mcnic_table_name(i))
			continue;
		fprintf(f, "%s\"%s\": {\"used\": %u, \"capacity\": %u}", sep,
			mcnic_table_name(i), t[i].used, t[i].capacity);
		sep = ", ";
	}
	fprintf(f, "}\n}\n");
}

int mcnic_replay_report(FILE *f, struct mcnic *h,
			const struct mcnic_config *cfg, int json)
{
	struct report r;
	int rc = report_read(&r, h, cfg);

	if (rc)
		return rc;
	if (json)
		report_json(f, &r);
	else
		report_text(f, &r);
	report_free(&r);
	return 0;
}
