// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnicctl stats: every counter once, or watched: rates per port and drops
 * per reason over each interval.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

void ctl_stats_help(FILE *f, const char *name)
{
	fprintf(f,
"NAME\n"
"    mcnicctl stats - the device's counters\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] stats [--json]\n"
"    mcnicctl [-d DEV] stats watch [--interval S] [--count N]\n\n"
"DESCRIPTION\n"
"    Without watch: packets and bytes per port (rx, tx, drop), per tunnel\n"
"    (tx), per peer (rx), per counted rule (and each VRF's default), per\n"
"    drop reason; the flow cache's hits, misses and installs; commands\n"
"    answered and refused; and how full each table is.\n\n"
"    watch samples every S seconds and prints the rates over the last\n"
"    interval: packets/s and bits/s per port, and drops/s per reason.\n"
"    On a terminal the screen is redrawn; otherwise one block per\n"
"    interval is printed.\n\n"
"OPTIONS\n"
"    --json          one JSON object (not with watch)\n"
"    --interval S    seconds between samples (default 1, may be 0.1)\n"
"    --count N       stop after N intervals (default: run until killed)\n"
"    -h, --help      this text\n\n"
"EXIT STATUS\n"
"    0 done; 1 the device refused or could not be reached; 2 usage error.\n\n"
"EXAMPLES\n"
"    mcnicctl stats\n"
"    mcnicctl stats --json\n"
"    mcnicctl stats watch --interval 0.5 --count 10\n");
}

/* What a sample holds, in this order: s->c[CTL_ST_PORT] are the ports. */
enum {
	CTL_ST_PORT, CTL_ST_TMPL, CTL_ST_PEER, CTL_ST_RULE, CTL_ST_DROP,
	CTL_N_STAT_OBJS
};

static const unsigned int ctl_stat_objs[CTL_N_STAT_OBJS] = {
	[CTL_ST_PORT] = MCNIC_OBJ_PORT,
	[CTL_ST_TMPL] = MCNIC_OBJ_TMPL,
	[CTL_ST_PEER] = MCNIC_OBJ_PEER,
	[CTL_ST_RULE] = MCNIC_OBJ_RULE,
	[CTL_ST_DROP] = MCNIC_OBJ_DROP,
};

/* struct mcnic_cmd_ctr c[]: packets and bytes; ports have three pairs. */
enum {
	CTL_C_PKTS = 0, CTL_C_BYTES = 1,	/* every object; ports: rx */
	CTL_C_TX_PKTS = 2, CTL_C_TX_BYTES = 3,
	CTL_C_DROP_PKTS = 4, CTL_C_DROP_BYTES = 5,
};

struct ctl_sample {
	struct mcnic_cmd_ctr *c[CTL_N_STAT_OBJS];
	unsigned int n[CTL_N_STAT_OBJS];
	double t;
};

static double ctl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void ctl_sample_free(struct ctl_sample *s)
{
	size_t i;

	for (i = 0; i < CTL_N_STAT_OBJS; i++)
		free(s->c[i]);
	memset(s, 0, sizeof(*s));
}

static int ctl_sample(struct ctl *c, struct ctl_sample *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->t = ctl_now();
	for (i = 0; i < CTL_N_STAT_OBJS; i++)
		if (mcnic_stats(c->h, ctl_stat_objs[i], &s->c[i], &s->n[i])) {
			ctl_sample_free(s);
			return ctl_fail(c, "stats");
		}
	return CTL_OK;
}

static const char *ctl_ctr_name(unsigned int obj,
				const struct mcnic_cmd_ctr *k, char *buf,
				size_t len)
{
	char a[64];

	switch (obj) {
	case MCNIC_OBJ_PEER:
		snprintf(buf, len, "vni %u %s", k->id,
			 mcnic_addr_str(k->family, k->addr, a, sizeof(a)));
		break;
	case MCNIC_OBJ_RULE:
		if (k->id == MCNIC_RULE_DEFAULT)
			snprintf(buf, len, "vrf %u default", k->aux);
		else
			snprintf(buf, len, "vrf %u rule %u", k->aux, k->id);
		break;
	case MCNIC_OBJ_DROP:
		snprintf(buf, len, "%s", mcnic_drop_reason_sym(k->id));
		break;
	default:
		snprintf(buf, len, "%s %u", mcnic_obj_name(obj), k->id);
	}
	return buf;
}

static void ctl_stats_text(const struct ctl_sample *s)
{
	const struct mcnic_cmd_ctr *port = s->c[CTL_ST_PORT];
	char name[96];
	unsigned int j, idle = 0;
	size_t i;

	printf("%-8s %14s %16s %14s %16s %12s\n", "port", "rx packets",
	       "rx bytes", "tx packets", "tx bytes", "drops");
	for (j = 0; j < s->n[CTL_ST_PORT]; j++) {
		const u64 *v = port[j].c;

		if (!(v[CTL_C_PKTS] | v[CTL_C_TX_PKTS] | v[CTL_C_DROP_PKTS])) {
			idle++;
			continue;
		}
		printf("%-8u %14llu %16llu %14llu %16llu %12llu\n", port[j].id,
		       (unsigned long long)v[CTL_C_PKTS],
		       (unsigned long long)v[CTL_C_BYTES],
		       (unsigned long long)v[CTL_C_TX_PKTS],
		       (unsigned long long)v[CTL_C_TX_BYTES],
		       (unsigned long long)v[CTL_C_DROP_PKTS]);
	}
	if (idle)
		printf("(%u ports without traffic)\n", idle);
	for (i = CTL_ST_PORT + 1; i < CTL_N_STAT_OBJS; i++) {
		printf("%s%s\n", mcnic_obj_name(ctl_stat_objs[i]),
		       i == CTL_ST_DROP ? "s by reason" :
		       i == CTL_ST_PEER ? "s (rx)" :
		       i == CTL_ST_TMPL ? "s (tx)" : "s");
		for (j = 0; j < s->n[i]; j++) {
			const struct mcnic_cmd_ctr *k = &s->c[i][j];

			if (i == CTL_ST_DROP && !k->c[CTL_C_PKTS])
				continue;
			printf("  %-40s %14llu packets %16llu bytes%s%s\n",
			       ctl_ctr_name(ctl_stat_objs[i], k, name,
					    sizeof(name)),
			       (unsigned long long)k->c[CTL_C_PKTS],
			       (unsigned long long)k->c[CTL_C_BYTES],
			       i == CTL_ST_DROP ? "  " : "",
			       i == CTL_ST_DROP ?
			       mcnic_drop_reason_name(k->id) : "");
		}
	}
}

/*
 * What identifies a counter, besides its name: a peer's VNI and address,
 * a rule's VRF; a VRF's default rule has the id "default".
 */
static void ctl_stats_json_id(unsigned int obj, const struct mcnic_cmd_ctr *k)
{
	char a[64];

	if (obj == MCNIC_OBJ_RULE && k->id == MCNIC_RULE_DEFAULT)
		printf("{\"id\": \"default\"");
	else
		printf("{\"id\": %u", k->id);
	if (obj == MCNIC_OBJ_PEER) {
		printf(", \"vni\": %u, \"family\": %u, \"address\": ", k->id,
		       k->family);
		mcnic_json_str(stdout, mcnic_addr_str(k->family, k->addr, a,
						      sizeof(a)));
	}
	if (obj == MCNIC_OBJ_RULE)
		printf(", \"vrf\": %u", k->aux);
}

static void ctl_stats_json_obj(const struct ctl_sample *s, size_t i)
{
	unsigned int obj = ctl_stat_objs[i], j;
	char name[96];

	printf(", \"%ss\": [", mcnic_obj_name(obj));
	for (j = 0; j < s->n[i]; j++) {
		const struct mcnic_cmd_ctr *k = &s->c[i][j];
		const u64 *v = k->c;

		printf("%s", j ? ", " : "");
		ctl_stats_json_id(obj, k);
		printf(", \"name\": ");
		mcnic_json_str(stdout,
			       ctl_ctr_name(obj, k, name, sizeof(name)));
		if (obj == MCNIC_OBJ_DROP) {
			printf(", \"text\": ");
			mcnic_json_str(stdout, mcnic_drop_reason_name(k->id));
		}
		if (obj == MCNIC_OBJ_PORT)
			printf(", \"rx_packets\": %llu, \"rx_bytes\": %llu, "
			       "\"tx_packets\": %llu, \"tx_bytes\": %llu, "
			       "\"drop_packets\": %llu, \"drop_bytes\": %llu}",
			       (unsigned long long)v[CTL_C_PKTS],
			       (unsigned long long)v[CTL_C_BYTES],
			       (unsigned long long)v[CTL_C_TX_PKTS],
			       (unsigned long long)v[CTL_C_TX_BYTES],
			       (unsigned long long)v[CTL_C_DROP_PKTS],
			       (unsigned long long)v[CTL_C_DROP_BYTES]);
		else
			printf(", \"packets\": %llu, \"bytes\": %llu}",
			       (unsigned long long)v[CTL_C_PKTS],
			       (unsigned long long)v[CTL_C_BYTES]);
	}
	printf("]");
}

static void ctl_pipe_print(const struct mcnic_cmd_pipe_stats *ps, int json)
{
	const char *name;
	unsigned int t;

	/* The same seven values in the same order, either way. */
	static const char *const fmt[2] = {
		"flow cache: %llu hits, %llu misses, %llu stale, %llu "
		"installs, %llu install failures\n"
		"commands: %llu answered, %llu refused\n"
		"tables (used/capacity):",
		", \"flow_cache\": {\"hits\": %llu, \"misses\": %llu, "
		"\"stale\": %llu, \"installs\": %llu, \"install_fail\": %llu}, "
		"\"commands\": %llu, \"command_errors\": %llu, \"tables\": {",
	};

	printf(fmt[!!json], (unsigned long long)ps->flow_hits,
	       (unsigned long long)ps->flow_misses,
	       (unsigned long long)ps->flow_stale,
	       (unsigned long long)ps->flow_installs,
	       (unsigned long long)ps->flow_install_fail,
	       (unsigned long long)ps->cmds,
	       (unsigned long long)ps->cmd_errors);
	for (t = 0; t < MCNIC_CMD_TBL_COUNT; t++) {
		name = mcnic_table_name(t);
		if (!name)
			continue;
		if (json)
			printf("%s\"%s\": {\"used\": %u, \"capacity\": %u}",
			       t ? ", " : "", name, ps->t[t].used,
			       ps->t[t].capacity);
		else
			printf(" %s %u/%u", name, ps->t[t].used,
			       ps->t[t].capacity);
	}
	printf(json ? "}}\n" : "\n");
}

static int ctl_stats_once(struct ctl *c)
{
	struct mcnic_cmd_pipe_stats ps;
	struct ctl_sample s;
	size_t i;

	if (ctl_sample(c, &s))
		return CTL_ERR;
	if (mcnic_pipe_stats(c->h, &ps)) {
		ctl_sample_free(&s);
		return ctl_fail(c, "stats");
	}
	if (c->json) {
		printf("{\"device\": ");
		mcnic_json_str(stdout, mcnic_dev_name(c->h));
		for (i = 0; i < CTL_N_STAT_OBJS; i++)
			ctl_stats_json_obj(&s, i);
	} else {
		ctl_stats_text(&s);
	}
	ctl_pipe_print(&ps, c->json);
	ctl_sample_free(&s);
	return CTL_OK;
}

/* The same counter in the previous sample (tables can change between). */
static const struct mcnic_cmd_ctr *ctl_prev(const struct ctl_sample *p,
					    size_t i, u32 id)
{
	unsigned int j;

	for (j = 0; j < p->n[i]; j++)
		if (p->c[i][j].id == id)
			return &p->c[i][j];
	return NULL;
}

static double ctl_rate(u64 now, const struct mcnic_cmd_ctr *p, int k,
		       double dt)
{
	u64 was = p ? p->c[k] : 0;

	return now >= was ? (now - was) / dt : 0;
}

static void ctl_watch_print(const struct ctl_sample *p,
			    const struct ctl_sample *s, int tty)
{
	double dt = s->t - p->t;
	const struct mcnic_cmd_ctr *k, *o;
	unsigned int j, any = 0;

	if (tty)
		printf("\033[H\033[J");
	printf("over %.2f s\n%-8s %12s %14s %12s %14s %12s\n", dt, "port",
	       "rx pps", "rx bps", "tx pps", "tx bps", "drops/s");
	for (j = 0; j < s->n[CTL_ST_PORT]; j++) {
		k = &s->c[CTL_ST_PORT][j];
		o = ctl_prev(p, CTL_ST_PORT, k->id);
		printf("%-8u %12.0f %14.0f %12.0f %14.0f %12.0f\n", k->id,
		       ctl_rate(k->c[CTL_C_PKTS], o, CTL_C_PKTS, dt),
		       8 * ctl_rate(k->c[CTL_C_BYTES], o, CTL_C_BYTES, dt),
		       ctl_rate(k->c[CTL_C_TX_PKTS], o, CTL_C_TX_PKTS, dt),
		       8 * ctl_rate(k->c[CTL_C_TX_BYTES], o, CTL_C_TX_BYTES,
				    dt),
		       ctl_rate(k->c[CTL_C_DROP_PKTS], o, CTL_C_DROP_PKTS,
				dt));
	}
	printf("drops/s by reason:\n");
	for (j = 0; j < s->n[CTL_ST_DROP]; j++) {
		k = &s->c[CTL_ST_DROP][j];
		o = ctl_prev(p, CTL_ST_DROP, k->id);
		if (ctl_rate(k->c[CTL_C_PKTS], o, CTL_C_PKTS, dt) > 0) {
			printf("  %-44s %12.0f\n", mcnic_drop_reason_sym(k->id),
			       ctl_rate(k->c[CTL_C_PKTS], o, CTL_C_PKTS, dt));
			any = 1;
		}
	}
	if (!any)
		printf("  (none)\n");
	fflush(stdout);
}

static int ctl_stats_watch(struct ctl *c, double interval, long count)
{
	struct ctl_sample prev, cur;
	struct timespec ts = {
		.tv_sec = (time_t)interval,
		.tv_nsec = (long)((interval - (time_t)interval) * 1e9),
	};
	int tty = isatty(STDOUT_FILENO);
	long i;

	if (ctl_sample(c, &prev))
		return CTL_ERR;
	for (i = 0; count < 0 || i < count; i++) {
		nanosleep(&ts, NULL);
		if (ctl_sample(c, &cur)) {
			ctl_sample_free(&prev);
			return CTL_ERR;
		}
		ctl_watch_print(&prev, &cur, tty);
		ctl_sample_free(&prev);
		prev = cur;
	}
	ctl_sample_free(&prev);
	return CTL_OK;
}

int ctl_stats_run(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = ctl_find("stats");
	double interval = 1;
	long count = -1;
	char *end;
	int i, watch = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "watch")) {
			watch = 1;
		} else if (!strcmp(argv[i], "--interval") && i + 1 < argc) {
			interval = strtod(argv[++i], &end);
			if (*end || !(interval >= 0.01 && interval <= 3600))
				return ctl_usage(cmd, "--interval %s: seconds, 0.01..3600",
						 argv[i]);
		} else if (!strcmp(argv[i], "--count") && i + 1 < argc) {
			count = strtol(argv[++i], &end, 10);
			if (*end || count < 1)
				return ctl_usage(cmd, "--count %s: a number >= 1",
						 argv[i]);
		} else {
			return ctl_usage(cmd, "unexpected '%s'", argv[i]);
		}
	}
	if (watch && c->json)
		return ctl_usage(cmd, "--json does not go with watch");
	if (ctl_open(c))
		return CTL_ERR;
	return watch ? ctl_stats_watch(c, interval, count) : ctl_stats_once(c);
}
