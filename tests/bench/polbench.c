// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * polbench: the policy classifier (firmware/dp/policy_table.c) against
 * DPDK's rte_acl (polbench-dpdk.c) in the same process, on the same rules
 * and the same queries.
 *
 * The rule set is a multi-tenant policy: VRFs sharing one address plan
 * (10.k/16 VPCs, 192.168.k/24 on-premises, 2001:db8:k::/48), mostly
 * prefix pairs with a protocol and a destination port or a small range,
 * some IPv6, segment (identity) rules, a few wide port ranges, subnet-wide
 * and ICMP rules; one or both directions; random priorities (ties
 * possible).  Queries are mostly points inside a random rule (so many
 * rules overlap them), the rest random addresses of the plan.
 *
 *   insert  ours: mcnic_policy_table_add of every rule into a cleared
 *           table; rte_acl: rte_acl_add_rules + rte_acl_build of the set
 *           (it has no incremental insert), both as rules per second.
 *   lookup  ours: mcnic_policy_table_lookup, one query at a time;
 *           rte_acl: rte_acl_classify, 32 queries a call, categories=1.
 *
 * Both sides run on one pinned core, alternating which goes first; the
 * medians of --runs runs are printed, and as the ratio the median of the
 * runs' own ratios (a run's two sides are timed back to back, so a burst
 * of load on this shared machine moves both).  The table memory of both
 * sides is on transparent huge pages unless --no-thp.  Every run's answers
 * are compared: a disagreement is an error, not a number.
 *
 * --smoke: a smaller rule set in a few variants (ties, edge queries,
 * deletes and re-adds), no timing: ours and rte_acl must pick the same
 * rule for every query; ends with "N passed, N failed".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <mcnic/policy.h>
#include "dp/policy_table.h"
#include "benchlib.h"

/* polbench-dpdk.c */
int pa_init(int core, unsigned int mem_mb, int thp, int verbose);
void pa_fini(void);
const char *pa_version(void);
const char *pa_mapping(void);
int pa_build(const struct mcnic_policy_rule *r, unsigned int n, double *ns);
int pa_load_queries(const struct mcnic_policy_query *q, unsigned int n);
void pa_classify(void);
void pa_winners(unsigned int n, u32 *ids);

#define PB_RUNS		5
#define PB_RUNS_MAX	31
#define PB_VRFS_MAX	4095
/* The other options' defaults, without and with --smoke. */
#define PB_RULES	65536
#define PB_RULES_SMOKE	2048
#define PB_VRFS		16
#define PB_VRFS_SMOKE	4
#define PB_QUERIES	(1u << 18)
#define PB_QUERIES_SMOKE (1u << 16)
#define PB_MEM_MB	4096
#define PB_MEM_MB_SMOKE	512
#define PB_TCP		6
#define PB_UDP		17
#define PB_ICMP		1
#define PB_N(a)		(sizeof(a) / sizeof((a)[0]))

static const u16 pb_svc[] = {
	22, 25, 53, 80, 123, 389, 443, 636, 1433, 1521, 2049, 3306, 3389,
	5432, 5672, 6379, 6443, 8080, 8443, 9092, 9200, 11211, 27017,
};

static struct {
	struct {
		unsigned int rules, vrfs, queries, runs, mem_mb;
		int core, smoke, thp, verbose;
	} o;
	struct mcnic_policy_table t;
	void *mem;
	size_t mem_len;
	struct mcnic_policy_rule *rules;
	unsigned int nrules;
	struct mcnic_policy_query *q;
	u32 *ours, *acl;		/* per query: winning rule id */
	u32 nprio;			/* priorities drawn from [0, nprio) */
	int edges;			/* queries on rule edges */
	u64 rng;
	struct bench_tally tally;
} pb;

/* ---- rules and queries -------------------------------------------------- */

static u32 pb_rand(void)
{
	pb.rng ^= pb.rng >> 12;
	pb.rng ^= pb.rng << 25;
	pb.rng ^= pb.rng >> 27;
	return (u32)((pb.rng * 0x2545f4914f6cdd1dull) >> 32);
}

static u32 pb_below(u32 n)
{
	return pb_rand() % n;
}

static void pb_mask(u8 *a, u32 len)
{
	u32 i;

	for (i = len; i < 128; i++)
		a[i / 8] &= ~(0x80 >> (i % 8));
}

/* A host of the plan: mostly VPCs, some on-premises. */
static void pb_addr(u8 *a, u8 family)
{
	u32 i;

	memset(a, 0, 16);
	if (family == 6) {
		a[0] = 0x20;
		a[1] = 0x01;
		a[2] = 0x0d;
		a[3] = 0xb8;
		a[5] = pb_below(32);
		a[7] = pb_below(64);
		for (i = 8; i < 16; i++)
			a[i] = pb_rand();
		return;
	}
	if (pb_below(100) < 85) {
		a[0] = 10;
		a[1] = pb_below(32);
		a[2] = pb_rand();
	} else {
		a[0] = 192;
		a[1] = 168;
		a[2] = pb_below(64);
	}
	a[3] = 1 + pb_below(254);
}

static u8 pb_len4(const u8 *w)
{
	u32 x = pb_below(100), i;

	for (i = 0; i < 4; i++) {
		if (x < w[i])
			return (u8[]){ 0, 16, 24, 32 }[i];
		x -= w[i];
	}
	return 0;
}

static void pb_prefix(struct mcnic_policy_rule *r, u8 family)
{
	/* Percent of /0, /16, /24, /32 */
	static const u8 src4[] = { 10, 30, 40, 20 };
	static const u8 dst4[] = { 10, 20, 40, 30 };
	static const u8 len6[] = { 0, 48, 64, 128 };

	r->family = family;
	if (family == 4) {
		r->src_len = pb_len4(src4);
		r->dst_len = pb_len4(dst4);
	} else {
		r->src_len = len6[pb_below(4)];
		r->dst_len = len6[pb_below(4)];
	}
	pb_addr(r->src, family);
	pb_addr(r->dst, family);
	pb_mask(r->src, r->src_len);
	pb_mask(r->dst, r->dst_len);
}

/* A service port, 75%, or a small range of them. */
static void pb_dport(struct mcnic_policy_rule *r)
{
	u16 p = pb_below(4) ? pb_svc[pb_below(PB_N(pb_svc))] :
			      1024 + pb_below(48000);

	r->dport_lo = p;
	r->dport_hi = pb_below(4) ? p : p + 1 + pb_below(100);
}

static void pb_rule(struct mcnic_policy_rule *r, u32 id)
{
	u32 kind = pb_below(100), d = pb_below(100);

	memset(r, 0, sizeof(*r));
	r->id = id;
	r->priority = pb_below(pb.nprio);
	r->vrf = 1 + pb_below(pb.o.vrfs);
	r->action = pb_below(100) < 65 ? MCNIC_POL_ALLOW : MCNIC_POL_DENY;
	r->flags = pb_below(5) ? 0 : MCNIC_POLF_COUNT;
	r->sport_hi = 65535;
	r->dport_hi = 65535;
	r->match = MCNIC_POLM_PROTO;
	r->proto = pb_below(4) ? PB_TCP : PB_UDP;
	if (kind < 60) {		/* prefix pair, proto, port(s) */
		pb_prefix(r, 4);
		pb_dport(r);
	} else if (kind < 70) {		/* the same in IPv6 */
		pb_prefix(r, 6);
		pb_dport(r);
	} else if (kind < 80) {		/* identities, either family */
		r->match = MCNIC_POLM_DSEG;
		if (pb_below(2))
			r->match |= MCNIC_POLM_SSEG;
		r->sseg = 1 + pb_below(32);
		r->dseg = 1 + pb_below(32);
		if (pb_below(2)) {
			r->match |= MCNIC_POLM_PROTO;
			pb_dport(r);
		}
	} else if (kind < 85) {		/* wide port ranges */
		pb_prefix(r, 4);
		if (pb_below(2)) {
			r->dport_lo = 1024;
		} else {
			r->sport_lo = 32768;
			r->sport_hi = 60999;
		}
	} else if (kind < 90) {		/* subnets, any protocol */
		pb_prefix(r, 4);
		r->match = 0;
	} else if (kind < 95) {		/* ICMP */
		pb_prefix(r, 4);
		r->proto = PB_ICMP;
	} else {			/* prefixes, ports and an identity */
		pb_prefix(r, 4);
		pb_dport(r);
		r->match |= MCNIC_POLM_DSEG;
		r->dseg = 1 + pb_below(32);
	}
	if (d < 45)
		r->match |= MCNIC_POLM_EGRESS;
	else if (d < 90)
		r->match |= MCNIC_POLM_INGRESS;
}

/* Unique, scattered, never MCNIC_RULE_DEFAULT (odd multiplier mod 2^31). */
static u32 pb_id(u32 i)
{
	return (i * 2654435761u) & 0x7fffffff;
}

static void pb_gen_rules(void)
{
	unsigned int i;

	for (i = 0; i < pb.nrules; i++)
		pb_rule(&pb.rules[i], pb_id(i));
}

static u16 pb_in_range(u16 lo, u16 hi)
{
	if (pb.edges && pb_below(2))
		return (u16[]){ lo - 1, lo, hi, hi + 1 }[pb_below(4)];
	return lo + pb_below(hi - lo + 1u);
}

static void pb_in_prefix(u8 *a, const u8 *p, u32 len, u8 family)
{
	u32 i, bit;

	pb_addr(a, family);
	for (i = 0; i < len; i++) {
		bit = 0x80 >> (i % 8);
		a[i / 8] = (a[i / 8] & ~bit) | (p[i / 8] & bit);
	}
	if (pb.edges && len && pb_below(4) == 0) {
		bit = len - 1 - pb_below(len < 3 ? len : 3);
		a[bit / 8] ^= 0x80 >> (bit % 8);
	}
}

static void pb_query_in(struct mcnic_policy_query *q,
			const struct mcnic_policy_rule *r)
{
	u8 dirs = r->match & (MCNIC_POLM_EGRESS | MCNIC_POLM_INGRESS);

	q->vrf = r->vrf;
	q->family = r->family ? r->family : pb_below(5) ? 4 : 6;
	pb_in_prefix(q->src, r->src, r->src_len, q->family);
	pb_in_prefix(q->dst, r->dst, r->dst_len, q->family);
	q->proto = r->match & MCNIC_POLM_PROTO ? r->proto :
		   pb_below(4) ? PB_TCP : PB_UDP;
	if (q->proto == PB_ICMP) {
		q->sport = 0;
		q->dport = 0;
	} else {
		q->sport = r->sport_hi == 65535 && !r->sport_lo ?
			   32768 + pb_below(28232) :
			   pb_in_range(r->sport_lo, r->sport_hi);
		q->dport = r->dport_hi == 65535 && !r->dport_lo ?
			   pb_svc[pb_below(PB_N(pb_svc))] :
			   pb_in_range(r->dport_lo, r->dport_hi);
	}
	q->sseg = r->match & MCNIC_POLM_SSEG ? r->sseg : pb_below(33);
	q->dseg = r->match & MCNIC_POLM_DSEG ? r->dseg : pb_below(33);
	q->ingress = dirs == MCNIC_POLM_INGRESS ? 1 :
		     dirs == MCNIC_POLM_EGRESS ? 0 : pb_below(2);
}

static void pb_query_random(struct mcnic_policy_query *q)
{
	q->vrf = 1 + pb_below(pb.o.vrfs);
	q->family = pb_below(100) < 85 ? 4 : 6;
	pb_addr(q->src, q->family);
	pb_addr(q->dst, q->family);
	q->proto = pb_below(4) ? PB_TCP : PB_UDP;
	q->sport = 32768 + pb_below(28232);
	q->dport = pb_svc[pb_below(PB_N(pb_svc))];
	q->sseg = pb_below(33);
	q->dseg = pb_below(33);
	q->ingress = pb_below(2);
}

static void pb_gen_queries(void)
{
	unsigned int i;

	memset(pb.q, 0, sizeof(*pb.q) * pb.o.queries);
	for (i = 0; i < pb.o.queries; i++)
		if (pb_below(10))
			pb_query_in(&pb.q[i], &pb.rules[pb_below(pb.nrules)]);
		else
			pb_query_random(&pb.q[i]);
}

/* ---- the two sides ------------------------------------------------------- */

/* Every rule into a cleared table; the time, or < 0 if one was refused. */
static double pb_ours_insert(void)
{
	const char *field = "?";
	unsigned int i;
	double t0;
	int rc;

	mcnic_policy_table_clear(&pb.t);
	t0 = bench_mono_s();
	for (i = 0; i < pb.nrules; i++) {
		rc = mcnic_policy_table_add(&pb.t, &pb.rules[i], &field);
		if (rc) {
			fprintf(stderr, "polbench: add rule %u: %d (%s)\n",
				pb.rules[i].id, rc, rc == -MCNIC_EINVAL ?
				field : "-");
			return -1;
		}
	}
	return (bench_mono_s() - t0) * 1e9;
}

static double pb_ours_lookup(void)
{
	unsigned int i;
	double t0 = bench_mono_s();
	u32 id;
	u8 flags;
	int rc;

	for (i = 0; i < pb.o.queries; i++) {
		rc = mcnic_policy_table_lookup(&pb.t, &pb.q[i], &id, &flags);
		pb.ours[i] = rc < 0 ? MCNIC_RULE_DEFAULT : id;
	}
	return (bench_mono_s() - t0) * 1e9;
}

static double pb_acl_lookup(void)
{
	double t0 = bench_mono_s(), t;

	pa_classify();
	t = (bench_mono_s() - t0) * 1e9;
	pa_winners(pb.o.queries, pb.acl);
	return t;
}

/* Queries whose winners differ; the first few are printed. */
static unsigned int pb_disagree(const char *what)
{
	unsigned int i, n = 0;
	const struct mcnic_policy_query *q;

	for (i = 0; i < pb.o.queries; i++) {
		if (pb.ours[i] == pb.acl[i])
			continue;
		q = &pb.q[i];
		if (n++ < 5)
			fprintf(stderr, "polbench: %s: query %u (vrf %u fam %u"
				" %s proto %u ports %u>%u segs %u>%u): ours"
				" %#x, rte_acl %#x\n", what, i, q->vrf,
				q->family, q->ingress ? "in" : "out", q->proto,
				q->sport, q->dport, q->sseg, q->dseg,
				pb.ours[i], pb.acl[i]);
	}
	return n;
}

static void pb_check(int ok, const char *what)
{
	printf("%-52s %s\n", what, ok ? "ok" : "FAIL");
	bench_count(&pb.tally, ok);
}

/* ---- smoke --------------------------------------------------------------- */

/* Both sides on the current rules; every query must get the same winner. */
static void pb_smoke_compare(const char *what)
{
	double ns;
	unsigned int bad;

	if (pa_build(pb.rules, pb.nrules, &ns) ||
	    pa_load_queries(pb.q, pb.o.queries)) {
		pb_check(0, what);
		return;
	}
	pb_ours_lookup();
	pb_acl_lookup();
	bad = pb_disagree(what);
	if (bad)
		fprintf(stderr, "polbench: %s: %u of %u queries differ\n",
			what, bad, pb.o.queries);
	pb_check(!bad, what);
}

/* Delete a third of the rules from our table, add as many new ones. */
static int pb_churn(void)
{
	unsigned int i, k, n = pb.nrules / 3;

	for (i = 0; i < n; i++) {
		k = pb_below(pb.nrules);
		if (mcnic_policy_table_del(&pb.t, pb.rules[k].id))
			return -1;
		pb.rules[k] = pb.rules[--pb.nrules];
	}
	for (i = 0; i < n; i++) {
		pb_rule(&pb.rules[pb.nrules], pb_id(pb.o.rules + i));
		if (mcnic_policy_table_add(&pb.t, &pb.rules[pb.nrules], NULL))
			return -1;
		pb.nrules++;
	}
	return 0;
}

static void pb_smoke(void)
{
	static const struct { u32 nprio; int edges; const char *what; } v[] = {
		{ 100000, 0, "realistic mix: same winner as rte_acl" },
		{ 4, 0, "4 priorities (ties by id): same winner" },
		{ 100000, 1, "queries on port and prefix edges: same winner" },
	};
	unsigned int i;

	for (i = 0; i < PB_N(v); i++) {
		pb.nprio = v[i].nprio;
		pb.edges = v[i].edges;
		pb.nrules = pb.o.rules;
		pb_gen_rules();
		pb_check(pb_ours_insert() >= 0, "every rule added");
		pb_gen_queries();
		pb_smoke_compare(v[i].what);
	}
	pb_check(!pb_churn(), "a third deleted, as many added");
	pb_gen_queries();
	pb_smoke_compare("after deletes and adds: same winner");
}

/* ---- timing -------------------------------------------------------------- */

enum { PB_INS_OURS, PB_INS_ACL, PB_LK_OURS, PB_LK_ACL, PB_NT };

/*
 * Lookup passes per run: rte_acl's build takes seconds, a lookup pass a
 * fraction of one, so each run times several back-to-back pairs.
 */
#define PB_LK_PASSES	5
#define PB_SAMPLES	(PB_RUNS_MAX * PB_LK_PASSES)

static int pb_run(unsigned int run, double t[PB_NT][PB_SAMPLES])
{
	unsigned int pass, side, k;

	if (run & 1) {
		if (pa_build(pb.rules, pb.nrules, &t[PB_INS_ACL][run]))
			return -1;
	}
	t[PB_INS_OURS][run] = pb_ours_insert();
	if (t[PB_INS_OURS][run] < 0)
		return -1;
	if (!(run & 1)) {
		if (pa_build(pb.rules, pb.nrules, &t[PB_INS_ACL][run]))
			return -1;
	}
	for (pass = 0; pass < PB_LK_PASSES; pass++) {
		k = run * PB_LK_PASSES + pass;
		for (side = 0; side < 2; side++) {
			/* who goes first alternates */
			if (((side + pass) & 1) == 0)
				t[PB_LK_OURS][k] = pb_ours_lookup();
			else
				t[PB_LK_ACL][k] = pb_acl_lookup();
		}
	}
	if (pb_disagree("timed run")) {
		fprintf(stderr, "polbench: ours and rte_acl disagree\n");
		return -1;
	}
	return 0;
}

static unsigned int pb_hits(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < pb.o.queries; i++)
		n += pb.ours[i] != MCNIC_RULE_DEFAULT;
	return n;
}

static int pb_bench(void)
{
	static double t[PB_NT][PB_SAMPLES];
	double m[PB_NT], ins[2], lk[2], rins[PB_RUNS_MAX], rlk[PB_SAMPLES];
	unsigned int run, k, nlk = pb.o.runs * PB_LK_PASSES;

	pb.nprio = 100000;
	pb.nrules = pb.o.rules;
	pb_gen_rules();
	pb_gen_queries();
	if (pa_load_queries(pb.q, pb.o.queries))
		return -1;
	fprintf(stderr, "polbench: %u rules, %u queries, %u runs\n",
		pb.nrules, pb.o.queries, pb.o.runs);
	for (run = 0; run < pb.o.runs; run++) {
		if (pb_run(run, t))
			return -1;
		k = run * PB_LK_PASSES;
		fprintf(stderr, "polbench: run %u: insert %.0f / %.0f ms,"
			" lookup %.0f / %.0f ms (first pass)\n", run,
			t[PB_INS_OURS][run] / 1e6, t[PB_INS_ACL][run] / 1e6,
			t[PB_LK_OURS][k] / 1e6, t[PB_LK_ACL][k] / 1e6);
		/* A run's two sides are timed back to back: its ratio. */
		rins[run] = t[PB_INS_ACL][run] / t[PB_INS_OURS][run];
	}
	/* So is each lookup pass's pair. */
	for (k = 0; k < nlk; k++)
		rlk[k] = t[PB_LK_ACL][k] / t[PB_LK_OURS][k];
	for (k = 0; k < PB_NT; k++)
		m[k] = bench_median(t[k], k < PB_LK_OURS ? pb.o.runs : nlk);
	ins[0] = pb.nrules / (m[PB_INS_OURS] / 1e9);
	ins[1] = pb.nrules / (m[PB_INS_ACL] / 1e9);
	lk[0] = pb.o.queries / (m[PB_LK_OURS] / 1e9);
	lk[1] = pb.o.queries / (m[PB_LK_ACL] / 1e9);

	printf("polbench: policy classifier vs %s rte_acl, one core,"
	       " median of %u runs (lookups: of %u passes, %u a run)\n",
	       pa_version(), pb.o.runs, nlk, PB_LK_PASSES);
	printf("rules: %u in %u VRFs (60%% IPv4 prefix pair + proto + dport"
	       " or small range, 10%% IPv6 the same,\n  10%% segment rules,"
	       " 5%% wide port ranges, 5%% subnet pairs, 5%% ICMP, 5%%"
	       " prefixes + ports + segment;\n  45%% egress, 45%% ingress,"
	       " 10%% both; priorities random in [0, %u))\n", pb.nrules,
	       pb.o.vrfs, pb.nprio);
	printf("queries: %u (90%% inside a random rule, 10%% random), %u"
	       " (%.1f%%) match a rule; winners identical on both sides\n",
	       pb.o.queries, pb_hits(), 100.0 * pb_hits() / pb.o.queries);
	printf("ours: %u tuples, %zu bytes of table memory (max_rules %u)\n",
	       mcnic_policy_table_tuples(&pb.t),
	       mcnic_policy_table_mem_size(pb.o.rules), pb.o.rules);
	printf("rte_acl mapping: %s\n", pa_mapping());
	printf("rte_acl insert = rte_acl_add_rules + rte_acl_build of the"
	       " whole set; rte_acl lookup = rte_acl_classify, 32 per call,"
	       " categories=1, default algorithm\n");
	printf("memory of both sides %s transparent huge pages; ratio:"
	       " median of the runs' (lookups: passes') own ratios\n\n",
	       pb.o.thp ? "on" : "not on");
	printf("%-26s %16s %16s %10s\n", "", "mcnic", "rte_acl",
	       "ours/DPDK");
	printf("%-26s %16.0f %16.0f %10.2f\n", "insert (rules/s)", ins[0],
	       ins[1], bench_median(rins, pb.o.runs));
	printf("%-26s %16.3f %16.3f\n", "  all rules (ms)",
	       m[PB_INS_OURS] / 1e6, m[PB_INS_ACL] / 1e6);
	printf("%-26s %16.0f %16.0f %10.2f\n", "lookup (lookups/s)", lk[0],
	       lk[1], bench_median(rlk, nlk));
	printf("%-26s %16.1f %16.1f\n", "  ns/lookup",
	       m[PB_LK_OURS] / pb.o.queries, m[PB_LK_ACL] / pb.o.queries);
	return 0;
}

/* ---- main ---------------------------------------------------------------- */

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define PB_SYNOPSIS(first, more)					\
	first "polbench [--smoke] [--runs N] [--rules N] [--vrfs N]\n"	\
	more  "         [--queries N] [--mem MB] [--core N] [--no-thp]\n" \
	more  "         [--verbose]\n"					\
	more  "polbench --help\n"

static void __attribute__((noreturn)) pb_usage(void)
{
	fputs(PB_SYNOPSIS("usage: ", "       "), stderr);
	exit(2);
}

static void __attribute__((noreturn)) pb_help(void)
{
	printf("NAME\n"
	       "\tpolbench - mcnic's policy classifier against rte_acl\n"
	       "\n"
	       "SYNOPSIS\n"
	       PB_SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tTimes the policy classifier (firmware/dp/policy_table.c)\n"
	       "\tagainst DPDK's rte_acl (polbench-dpdk.c) in the same\n"
	       "\tprocess, on the same rules and the same queries.  The rule\n"
	       "\tset is a multi-tenant policy: VRFs sharing one address\n"
	       "\tplan, mostly prefix pairs with a protocol and a\n"
	       "\tdestination port or a small range, some IPv6, segment\n"
	       "\trules, wide port ranges, subnet-wide and ICMP rules,\n"
	       "\trandom priorities.  Queries are mostly points inside a\n"
	       "\trandom rule, the rest random addresses of the plan.\n"
	       "\n"
	       "\tInsert: mcnic_policy_table_add of every rule into a\n"
	       "\tcleared table against rte_acl_add_rules and rte_acl_build\n"
	       "\tof the set, as rules per second.  Lookup:\n"
	       "\tmcnic_policy_table_lookup one query at a time against\n"
	       "\trte_acl_classify, 32 queries a call.  Both sides run on\n"
	       "\tone pinned core, alternating which goes first; the medians\n"
	       "\tof the runs are printed.  Every run's answers are\n"
	       "\tcompared: a disagreement is an error, not a number.\n"
	       "\n"
	       "OPTIONS\n"
	       "\t--smoke      no timing, smaller rule sets: both sides must\n"
	       "\t             pick the same rule for every query\n"
	       "\t--runs N     timed runs, 1..%d (default %d)\n"
	       "\t--rules N    rules, 3..%u (default %d, %d with --smoke)\n"
	       "\t--vrfs N     VRFs the rules are spread over, 1..%d\n"
	       "\t             (default %d, %d with --smoke)\n"
	       "\t--queries N  queries per lookup pass (default %u, %u with\n"
	       "\t             --smoke)\n"
	       "\t--mem MB     DPDK's EAL memory in MB (default %d, %d with\n"
	       "\t             --smoke)\n"
	       "\t--core N     the cpu to pin to (default: the last one this\n"
	       "\t             process may run on)\n"
	       "\t--no-thp     table memory of both sides not on transparent\n"
	       "\t             huge pages\n"
	       "\t--verbose    EAL log level info (default: errors only)\n"
	       "\t--help       print this page and exit\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when both sides picked the same rule for every query\n"
	       "\t(with --smoke: every check passed).  1 when a smoke check\n"
	       "\tfailed, or in a timed run the sides disagreed or a side\n"
	       "\tcould not take the rules or the queries.  2 on bad\n"
	       "\targuments, or when DPDK's EAL cannot start or memory runs\n"
	       "\tout.\n",
	       PB_RUNS_MAX, PB_RUNS, MCNIC_POLICY_MAX_RULES, PB_RULES,
	       PB_RULES_SMOKE, PB_VRFS_MAX, PB_VRFS, PB_VRFS_SMOKE, PB_QUERIES,
	       PB_QUERIES_SMOKE, PB_MEM_MB, PB_MEM_MB_SMOKE);
	exit(0);
}

static void pb_parse_opts(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "rules", required_argument, NULL, 'n' },
		{ "vrfs", required_argument, NULL, 'v' },
		{ "queries", required_argument, NULL, 'q' },
		{ "mem", required_argument, NULL, 'm' },
		{ "core", required_argument, NULL, 'c' },
		{ "no-thp", no_argument, NULL, 'H' },
		{ "verbose", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	pb.o.core = -1;
	pb.o.thp = 1;
	pb.o.runs = PB_RUNS;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': pb.o.smoke = 1; break;
		case 'r': pb.o.runs = atoi(optarg); break;
		case 'n': pb.o.rules = atoi(optarg); break;
		case 'v': pb.o.vrfs = atoi(optarg); break;
		case 'q': pb.o.queries = atoi(optarg); break;
		case 'm': pb.o.mem_mb = atoi(optarg); break;
		case 'c': pb.o.core = atoi(optarg); break;
		case 'H': pb.o.thp = 0; break;
		case 'V': pb.o.verbose = 1; break;
		case 'h': pb_help();
		default: pb_usage();
		}
	}
	/* Defaults where no option said otherwise: 0 is never valid. */
	if (!pb.o.rules)
		pb.o.rules = pb.o.smoke ? PB_RULES_SMOKE : PB_RULES;
	if (!pb.o.vrfs)
		pb.o.vrfs = pb.o.smoke ? PB_VRFS_SMOKE : PB_VRFS;
	if (!pb.o.queries)
		pb.o.queries = pb.o.smoke ? PB_QUERIES_SMOKE : PB_QUERIES;
	if (!pb.o.mem_mb)
		pb.o.mem_mb = pb.o.smoke ? PB_MEM_MB_SMOKE : PB_MEM_MB;
	if (!pb.o.runs || pb.o.runs > PB_RUNS_MAX || pb.o.rules < 3 ||
	    pb.o.rules > MCNIC_POLICY_MAX_RULES || !pb.o.vrfs ||
	    pb.o.vrfs > PB_VRFS_MAX || !pb.o.queries) {
		fprintf(stderr, "polbench: bad option value\n");
		pb_usage();
	}
}

/*
 * The table's memory on transparent huge pages when --thp (the default):
 * firmware tables sit in memory without page-table walks.
 */
static int pb_alloc(void)
{
	size_t size = mcnic_policy_table_mem_size(pb.o.rules);

	pb.mem_len = (size + (2u << 20) - 1) & ~(size_t)((2u << 20) - 1);
	pb.mem = mmap(NULL, pb.mem_len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pb.mem == MAP_FAILED)
		pb.mem = NULL;
	else if (pb.o.thp && madvise(pb.mem, pb.mem_len, MADV_HUGEPAGE))
		perror("polbench: madvise(MADV_HUGEPAGE)");
	pb.rules = calloc(pb.o.rules, sizeof(*pb.rules));
	pb.q = calloc(pb.o.queries, sizeof(*pb.q));
	pb.ours = calloc(pb.o.queries, sizeof(*pb.ours));
	pb.acl = calloc(pb.o.queries, sizeof(*pb.acl));
	if (!pb.mem || !pb.rules || !pb.q || !pb.ours || !pb.acl)
		return -1;
	return mcnic_policy_table_init(&pb.t, pb.mem, size, pb.o.rules);
}

int main(int argc, char **argv)
{
	int rc;

	pb_parse_opts(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	pb.rng = 0x853c49e6748fea9bull;
	pb.o.core = bench_pin_core(pb.o.core);
	if (pa_init(pb.o.core, pb.o.mem_mb, pb.o.thp, pb.o.verbose))
		return 2;
	if (pb_alloc()) {
		fprintf(stderr, "polbench: out of memory\n");
		return 2;
	}
	if (pb.o.smoke) {
		pb_smoke();
		rc = bench_summary(&pb.tally);
	} else {
		rc = pb_bench() ? 1 : 0;
	}
	pa_fini();
	if (pb.mem)
		munmap(pb.mem, pb.mem_len);
	free(pb.rules);
	free(pb.q);
	free(pb.ours);
	free(pb.acl);
	return rc;
}
