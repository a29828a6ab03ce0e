// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The counters a replay (and later the daemon) reports, by the names the
 * config gave: ports, tunnels, peers, counted rules, drop reasons, flows.
 * The JSON form has one fixed shape (docs/replay.md) for scripts.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "replay.h"

static const char *const report_drop_sym[MCNIC_DROP_COUNT] = {
#define REPORT_DROP_SYM(name, val, str) [val] = #name,
	MCNIC_DROP_LIST(REPORT_DROP_SYM)
#undef REPORT_DROP_SYM
};

const char *mcnic_replay_drop_symbol(unsigned int reason)
{
	return reason < MCNIC_DROP_COUNT ? report_drop_sym[reason] : "?";
}

static const char *report_addr(u8 family, const u8 *addr, char *buf,
			       size_t len)
{
	return inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, buf, len);
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
			       u32 rule, const struct mcnic_ctr *c);

static void report_rules(FILE *f, const struct mcnic_config *cfg,
			 const struct mcnic_pipe *p, report_rule_fn fn)
{
	const struct mcnic_ctr *c;
	int first = 1;
	u32 i;

	for (i = 0; i < cfg->n_policies; i++) {
		const struct mcnic_policy_rule *r = &cfg->policies[i].rule;

		c = mcnic_pipe_rule_ctr(p, r->id, r->vrf);
		if (!c)
			continue;
		fn(f, first, report_vrf_name(cfg, r->vrf), r->id, c);
		first = 0;
	}
	for (i = 0; i < cfg->n_vrfs; i++) {
		c = mcnic_pipe_rule_ctr(p, MCNIC_RULE_DEFAULT, cfg->vrfs[i].id);
		if (!c)
			continue;
		fn(f, first, cfg->vrfs[i].name, MCNIC_RULE_DEFAULT, c);
		first = 0;
	}
}

static void report_rule_text(FILE *f, int first, const char *vrf, u32 rule,
			     const struct mcnic_ctr *c)
{
	char id[16];

	if (first)
		fprintf(f, "\nrules          vrf        packets        bytes\n");
	snprintf(id, sizeof(id), "%u", rule);
	fprintf(f, "  %-12s %-8s %9" PRIu64 " %12" PRIu64 "\n",
		rule == MCNIC_RULE_DEFAULT ? "default" : id, vrf, c->packets,
		c->bytes);
}

static void report_peers_text(FILE *f, const struct mcnic_config *cfg,
			      const struct mcnic_pipe *p)
{
	struct mcnic_kvmap_key k;
	char a[64];
	u32 pos = 0, id;

	fprintf(f, "\n  %-24s %8s %9s %12s\n", "peers", "vni", "packets",
		"bytes");
	while (!mcnic_kvmap_next(&p->peers, &pos, &k, &id))
		fprintf(f, "  %-24s %8u %9" PRIu64 " %12" PRIu64 "\n",
			report_addr(k.w[1], (const u8 *)&k.w[2], a, sizeof(a)),
			k.w[0], p->peer_rx[id].packets, p->peer_rx[id].bytes);
}

static const char *const report_table_names[MCNIC_TBL_COUNT] = {
	[MCNIC_TBL_FLOWS] = "flows",
	[MCNIC_TBL_ROUTES] = "routes",
	[MCNIC_TBL_RULES] = "rules",
	[MCNIC_TBL_VRFS] = "vrfs",
	[MCNIC_TBL_VNIS] = "vnis",
	[MCNIC_TBL_PEERS] = "peers",
};

static const struct mcnic_table_use *
report_tables(const struct mcnic_pipe *p, struct mcnic_pipe_occupancy *o)
{
	mcnic_pipe_occupancy(p, o);
	return o->t;
}

void mcnic_replay_report_text(FILE *f, const struct mcnic_config *cfg,
			      const struct mcnic_pipe *p)
{
	struct mcnic_pipe_occupancy o;
	const struct mcnic_table_use *t = report_tables(p, &o);
	u32 i;

	fprintf(f, "ports          rx pkts    rx bytes   tx pkts    tx bytes  drops\n");
	for (i = 0; i < cfg->n_ports; i++) {
		const struct mcnic_port *pt = &p->port[cfg->ports[i].id];

		fprintf(f, "  %-10s %9" PRIu64 " %11" PRIu64 " %9" PRIu64
			" %11" PRIu64 " %6" PRIu64 "\n", cfg->ports[i].name,
			pt->rx.packets, pt->rx.bytes, pt->tx.packets,
			pt->tx.bytes, pt->drop.packets);
	}
	fprintf(f, "\ntunnels        tx pkts    tx bytes\n");
	for (i = 0; i < cfg->n_tunnels; i++)
		fprintf(f, "  %-10s %9" PRIu64 " %11" PRIu64 "\n",
			cfg->tunnels[i].name, p->tmpl_tx[i].packets,
			p->tmpl_tx[i].bytes);
	report_peers_text(f, cfg, p);
	report_rules(f, cfg, p, report_rule_text);
	fprintf(f, "\ndrops\n");
	for (i = 1; i < MCNIC_DROP_COUNT; i++)
		if (p->drops[i].packets)
			fprintf(f, "  %-18s %9" PRIu64 "  %s\n",
				report_drop_sym[i], p->drops[i].packets,
				mcnic_drop_name(i));
	fprintf(f, "\nflows: %u cached, %" PRIu64 " hits, %" PRIu64
		" misses, %" PRIu64 " re-decided, %" PRIu64 " installed, %"
		PRIu64 " not cached (full)\n",
		mcnic_flow_cache_count(&p->flows), p->st.flow_hits,
		p->st.flow_misses, p->st.flow_stale, p->st.flow_installs,
		p->st.flow_install_fail);
	fprintf(f, "tables:");
	for (i = 0; i < MCNIC_TBL_COUNT; i++)
		fprintf(f, " %s %u/%u", report_table_names[i], t[i].used,
			t[i].capacity);
	fprintf(f, "\n");
}

static void report_ctr_json(FILE *f, const char *pfx,
			    const struct mcnic_ctr *c)
{
	fprintf(f, "\"%s_packets\": %" PRIu64 ", \"%s_bytes\": %" PRIu64,
		pfx, c->packets, pfx, c->bytes);
}

static void report_rule_json(FILE *f, int first, const char *vrf, u32 rule,
			     const struct mcnic_ctr *c)
{
	fprintf(f, "%s\n    {\"vrf\": \"%s\", ", first ? "" : ",", vrf);
	if (rule == MCNIC_RULE_DEFAULT)
		fprintf(f, "\"rule\": \"default\", ");
	else
		fprintf(f, "\"rule\": %u, ", rule);
	report_ctr_json(f, "matched", c);
	fprintf(f, "}");
}

static void report_ports_json(FILE *f, const struct mcnic_config *cfg,
			      const struct mcnic_pipe *p)
{
	u32 i;

	fprintf(f, "  \"ports\": [");
	for (i = 0; i < cfg->n_ports; i++) {
		const struct mcnic_port *pt = &p->port[cfg->ports[i].id];

		fprintf(f, "%s\n    {\"name\": \"%s\", \"id\": %u, ",
			i ? "," : "", cfg->ports[i].name, cfg->ports[i].id);
		report_ctr_json(f, "rx", &pt->rx);
		fprintf(f, ", ");
		report_ctr_json(f, "tx", &pt->tx);
		fprintf(f, ", ");
		report_ctr_json(f, "drop", &pt->drop);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n");
}

static void report_tunnels_json(FILE *f, const struct mcnic_config *cfg,
				const struct mcnic_pipe *p)
{
	struct mcnic_kvmap_key k;
	char a[64];
	u32 i, pos = 0, id;

	fprintf(f, "  \"tunnels\": [");
	for (i = 0; i < cfg->n_tunnels; i++) {
		fprintf(f, "%s\n    {\"name\": \"%s\", ", i ? "," : "",
			cfg->tunnels[i].name);
		report_ctr_json(f, "tx", &p->tmpl_tx[i]);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n  \"peers\": [");
	for (i = 0; !mcnic_kvmap_next(&p->peers, &pos, &k, &id); i++) {
		fprintf(f, "%s\n    {\"address\": \"%s\", \"vni\": %u, ",
			i ? "," : "",
			report_addr(k.w[1], (const u8 *)&k.w[2], a, sizeof(a)),
			k.w[0]);
		report_ctr_json(f, "rx", &p->peer_rx[id]);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n");
}

void mcnic_replay_report_json(FILE *f, const struct mcnic_config *cfg,
			      const struct mcnic_pipe *p)
{
	struct mcnic_pipe_occupancy o;
	const struct mcnic_table_use *t = report_tables(p, &o);
	int first = 1;
	u32 i;

	fprintf(f, "{\n  \"device\": \"%s\",\n", cfg->name);
	report_ports_json(f, cfg, p);
	report_tunnels_json(f, cfg, p);
	fprintf(f, "  \"rules\": [");
	report_rules(f, cfg, p, report_rule_json);
	fprintf(f, "\n  ],\n  \"drops\": {");
	for (i = 1; i < MCNIC_DROP_COUNT; i++) {
		if (!p->drops[i].packets)
			continue;
		fprintf(f, "%s\n    \"%s\": {\"code\": %u, \"packets\": %"
			PRIu64 ", \"bytes\": %" PRIu64 "}", first ? "" : ",",
			report_drop_sym[i], i, p->drops[i].packets,
			p->drops[i].bytes);
		first = 0;
	}
	fprintf(f, "\n  },\n  \"flows\": {\"cached\": %u, \"capacity\": %u, "
		"\"hits\": %" PRIu64 ", \"misses\": %" PRIu64
		", \"redecided\": %" PRIu64 ", \"installed\": %" PRIu64
		", \"not_cached\": %" PRIu64 "},\n  \"tables\": {",
		mcnic_flow_cache_count(&p->flows),
		mcnic_flow_cache_capacity(&p->flows), p->st.flow_hits,
		p->st.flow_misses, p->st.flow_stale, p->st.flow_installs,
		p->st.flow_install_fail);
	for (i = 0; i < MCNIC_TBL_COUNT; i++)
		fprintf(f, "%s\"%s\": {\"used\": %u, \"capacity\": %u}",
			i ? ", " : "", report_table_names[i], t[i].used,
			t[i].capacity);
	fprintf(f, "}\n}\n");
}
