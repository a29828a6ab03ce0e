// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * lpmbench: mcnic's longest-prefix match (firmware/dp/lpm.c) beside DPDK
 * 22.11's rte_lpm, rte_fib, rte_lpm6 and rte_fib6 (lpmbench-dpdk.c), in
 * one process on one pinned core, on the same BGP-like tables and the same
 * lookup addresses.
 *
 *   IPv4  1,000,000 prefixes: /24 58 %, /22-/23 20 %, /16-/21 20 %,
 *         /8-/15 1 %, /25-/32 1 %, at random unicast addresses.
 *   IPv6  250,000 prefixes inside 40,000 provider allocations (/32s in
 *         2001::/16 and the RIR /12s): /48 45 %, /32 10 %, /29-/47 44 %,
 *         /56-/64 1 %.
 *
 * Lookups go to random addresses inside random installed prefixes, in
 * bursts (--burst, 64 by default).  mcnic is timed through both its bulk
 * calls: "pointers" (mcnic_lpm_lookup_bulk, an array of pointers to the
 * addresses, as a data plane has them in packet headers) and "packed"
 * (mcnic_lpm_lookup_bulk_packed, the addresses back to back, the input
 * shape DPDK's bulk calls take).  DPDK gets its own input prebuilt: host
 * order u32s for IPv4, the [][16] array for IPv6.  Each run times one pass
 * over all addresses with each mcnic call and with one DPDK variant, in an
 * order that rotates, so that all see the same machine noise; a row is the
 * median of --runs runs.  Inserts/s is the time to add the whole table, in
 * one random order, once per side, into tables whose memory is touched
 * beforehand.
 *
 * --smoke: smaller tables; mcnic's two bulk calls must agree, and every
 * DPDK variant must give mcnic's next hop for every lookup (inside
 * prefixes and anywhere), before and after a third of the prefixes are
 * deleted from every table.  Ends "N passed, N failed".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mcnic/types.h>
#include "dp/lpm.h"
#include "benchlib.h"
#include "lpmbench.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define RUNS_MAX	64
#define V6_ALLOCS	40000
/* Next hops stay below every side's limit (rte_lpm6: 21 bits). */
#define NH_LIMIT	(1u << 20)

struct opts {
	u32 v4;			/* prefixes */
	u32 v6;
	u32 lookups;
	u32 burst;
	u32 runs;
	int core;
	int smoke;
	int verbose;
};

struct prefix {
	u8 a[16];		/* network order, host bits clear */
	u8 len;
	u32 nh;
};

struct table {
	u32 bits;
	struct prefix *p;
	u32 n;
	struct mcnic_lpm lpm;
	void *mem;
	size_t mem_size;
	u8 *addr;		/* lookup addresses, network order, packed */
	const u8 **ptr;		/* mcnic's bulk call takes pointers */
	u32 *ip4;		/* rte_lpm / rte_fib take host-order u32 */
	u32 nlookups;
};

/* ---- generation ------------------------------------------------------ */

static u64 rng_state = 0x6c706d62656e6368ull;

static u64 rng(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static u32 rng_below(u32 n)
{
	return (u32)(rng() % n);
}

static void put_be64(u8 *p, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = v;
}

static void mask_bits(u8 *a, u32 len)
{
	u32 i;

	for (i = len; i < 128; i++)
		a[i / 8] &= ~(0x80 >> (i % 8));
}

static void gen_v4(struct prefix *p)
{
	u32 r = rng_below(1000);

	if (r < 580)
		p->len = 24;
	else if (r < 780)
		p->len = 22 + rng_below(2);
	else if (r < 980)
		p->len = 16 + rng_below(6);
	else if (r < 990)
		p->len = 8 + rng_below(8);
	else
		p->len = 25 + rng_below(8);
	memset(p->a, 0, 16);
	put_be64(p->a, (u64)(1 + rng_below(223)) << 56 | rng() << 8 >> 8);
}

static u64 v6_alloc(void)
{
	static const u16 region[] = { 0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00 };
	u64 top = rng_below(5) ? region[rng_below(5)] | rng_below(16) : 0x2001;

	return top << 48 | (rng() & 0xffff) << 32;
}

static void gen_v6(struct prefix *p, const u64 *alloc)
{
	static const u8 mid[] = { 29, 30, 31, 33, 34, 35, 36, 36, 38, 40,
				  40, 40, 42, 44, 44, 44, 44, 45, 46, 47 };
	static const u8 tail[] = { 56, 56, 60, 64 };
	u32 r = rng_below(1000);

	if (r < 450)
		p->len = 48;
	else if (r < 550)
		p->len = 32;
	else if (r < 990)
		p->len = mid[rng_below(ARRAY_SIZE(mid))];
	else
		p->len = tail[rng_below(ARRAY_SIZE(tail))];
	put_be64(p->a, alloc[rng_below(V6_ALLOCS)] | (rng() & 0xffffffff));
	put_be64(p->a + 8, rng());
}

static int prefix_cmp(const void *x, const void *y)
{
	const struct prefix *a = x, *b = y;
	int c = memcmp(a->a, b->a, 16);

	return c ? c : a->len - b->len;
}

/* n distinct prefixes, in random order, each with a random next hop. */
static int gen_table(struct table *t, u32 bits, u32 n)
{
	u32 ncand = n + n / 8, i, k = 0;
	u64 *alloc = malloc(V6_ALLOCS * sizeof(*alloc));
	struct prefix *c = calloc(ncand, sizeof(*c)), x;

	if (!alloc || !c)
		return -1;
	for (i = 0; i < V6_ALLOCS; i++)
		alloc[i] = v6_alloc();
	for (i = 0; i < ncand; i++) {
		if (bits == 32)
			gen_v4(&c[i]);
		else
			gen_v6(&c[i], alloc);
		mask_bits(c[i].a, c[i].len);
	}
	qsort(c, ncand, sizeof(*c), prefix_cmp);
	for (i = 0; i < ncand; i++)
		if (!k || prefix_cmp(&c[k - 1], &c[i]))
			c[k++] = c[i];
	if (k < n) {
		fprintf(stderr, "lpmbench: only %u distinct prefixes\n", k);
		return -1;
	}
	for (i = 0; i < n; i++)	/* spread over the address space */
		c[i] = c[(u64)i * k / n];
	for (i = n; i > 1; i--) {
		k = rng_below(i);
		x = c[i - 1];
		c[i - 1] = c[k];
		c[k] = x;
	}
	for (i = 0; i < n; i++)
		c[i].nh = rng_below(NH_LIMIT);
	free(alloc);
	t->bits = bits;
	t->p = c;
	t->n = n;
	return 0;
}

/*
 * Lookup addresses: inside random installed prefixes (so they hit), or,
 * for the smoke checks, every fourth one anywhere (misses too).
 */
static int gen_lookups(struct table *t, u32 n, int anywhere)
{
	u32 nb = t->bits / 8, i, j;
	u8 a[16];

	t->addr = malloc((size_t)n * nb);
	t->ptr = malloc(n * sizeof(*t->ptr));
	t->ip4 = malloc(n * sizeof(*t->ip4));
	if (!t->addr || !t->ptr || !t->ip4)
		return -1;
	for (i = 0; i < n; i++) {
		const struct prefix *p = &t->p[rng_below(t->n)];

		for (j = 0; j < 16; j++)
			a[j] = rng();
		if (!anywhere || i % 4)
			for (j = 0; j < p->len; j++)
				a[j / 8] = (a[j / 8] & ~(0x80 >> j % 8)) |
					   (p->a[j / 8] & (0x80 >> j % 8));
		memcpy(t->addr + (size_t)i * nb, a, nb);
		t->ptr[i] = t->addr + (size_t)i * nb;
		t->ip4[i] = (u32)a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
	}
	t->nlookups = n;
	return 0;
}

static const char *len_hist(const struct table *t, char *buf, size_t size)
{
	static const u8 v4[] = { 8, 16, 22, 24, 25, 33 };
	static const u8 v6[] = { 29, 32, 33, 48, 49, 56, 65 };
	const u8 *edge = t->bits == 32 ? v4 : v6;
	u32 ne = t->bits == 32 ? ARRAY_SIZE(v4) : ARRAY_SIZE(v6);
	size_t o = 0;
	u32 b, i, c;

	for (b = 0; b + 1 < ne; b++) {
		for (i = 0, c = 0; i < t->n; i++)
			c += t->p[i].len >= edge[b] &&
			     t->p[i].len < edge[b + 1];
		if (edge[b + 1] - edge[b] == 1)
			o += snprintf(buf + o, size - o, "%s/%u %.1f%%",
				      b ? ", " : "", edge[b], 100.0 * c / t->n);
		else
			o += snprintf(buf + o, size - o, "%s/%u-/%d %.1f%%",
				      b ? ", " : "", edge[b], edge[b + 1] - 1,
				      100.0 * c / t->n);
	}
	return buf;
}

/* ---- the two sides --------------------------------------------------- */

static u32 be32(const u8 *a)
{
	return (u32)a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
}

static int ours_create(struct table *t, u8 root_bits, u32 prefixes,
		       u32 groups)
{
	t->mem_size = mcnic_lpm_mem_size(t->bits, root_bits, prefixes, groups);
	t->mem = lbd_alloc(t->mem_size);
	if (!t->mem) {
		fprintf(stderr, "lpmbench: no %zu bytes for mcnic\n",
			t->mem_size);
		return -1;
	}
	/* Touched now, as DPDK zeroes its tables when it creates them. */
	memset(t->mem, 0, t->mem_size);
	return mcnic_lpm_init(&t->lpm, t->bits, root_bits, t->mem,
			      t->mem_size, prefixes, groups);
}

/* Adds the whole table to one side; returns seconds, or < 0 on error. */
static double add_all(struct table *t, int side)
{
	double t0 = bench_mono_s();
	u32 i;
	int r = 0;

	for (i = 0; i < t->n && !r; i++) {
		const struct prefix *p = &t->p[i];

		if (side < 0)
			r = mcnic_lpm_add(&t->lpm, p->a, p->len, p->nh);
		else if (t->bits == 32)
			r = lbd_v4_add(side, be32(p->a), p->len, p->nh);
		else
			r = lbd_v6_add(side, p->a, p->len, p->nh);
	}
	if (r) {
		fprintf(stderr, "lpmbench: add of prefix %u (side %d): %d\n",
			i - 1, side, r);
		return -1;
	}
	return bench_mono_s() - t0;
}

/* Result buffer for timed mcnic passes: a burst's worth, like DPDK's. */
u32 lb_res[LBD_BURST_MAX];

/* mcnic's two bulk calls: pointers to the addresses, or the packed array. */
enum { OURS_PTR, OURS_PACKED, OURS_N };

static const char *const ours_name[OURS_N] = {
	"mcnic_lpm_lookup_bulk", "mcnic_lpm_lookup_bulk_packed",
};

static void ours_lookup(const struct table *t, int packed, u32 burst,
			u32 *out)
{
	u32 nb = t->bits / 8, i, b;

	for (i = 0; i < t->nlookups; i += b) {
		b = t->nlookups - i < burst ? t->nlookups - i : burst;
		if (packed)
			mcnic_lpm_lookup_bulk_packed(&t->lpm,
						     t->addr + (size_t)i * nb,
						     b, out ? out + i : lb_res);
		else
			mcnic_lpm_lookup_bulk(&t->lpm, t->ptr + i, b,
					      out ? out + i : lb_res);
	}
}

static void dpdk_lookup(const struct table *t, int v, u32 burst, u32 *out)
{
	if (t->bits == 32)
		lbd_v4_lookup(v, t->ip4, t->nlookups, burst, out);
	else
		lbd_v6_lookup(v, (const u8 (*)[16])t->addr, t->nlookups,
			      burst, out);
}

static int dpdk_usable(const struct table *t, int v)
{
	return t->bits == 32 ? lbd_v4_usable(v) : lbd_v6_usable(v);
}

static const char *dpdk_name(const struct table *t, int v)
{
	return t->bits == 32 ? lbd_v4_name(v) : lbd_v6_name(v);
}

static int dpdk_variants(const struct table *t)
{
	return t->bits == 32 ? LBD_V4_N : LBD_V6_N;
}

/* Fills rte_lpm(6) (side 0) and rte_fib(6) (side 1), timing each. */
static int dpdk_fill(struct table *t, double *secs)
{
	int side;

	for (side = 0; side < 2; side++) {
		secs[side] = add_all(t, side);
		if (secs[side] < 0)
			return -1;
	}
	return 0;
}

/* rte_fib6 reserves tbl8s per prefix: see lbd_v6_create. */
static int tables_create(struct table *t, u32 tbl8s, u8 root_bits,
			 u32 groups)
{
	if (t->bits == 32 ? lbd_v4_create(t->n, tbl8s) :
			    lbd_v6_create(t->n, tbl8s, 3 * t->n))
		return -1;
	return ours_create(t, root_bits, t->n, groups);
}

static void tables_free(struct table *t)
{
	if (t->bits == 32)
		lbd_v4_free();
	else
		lbd_v6_free();
	lbd_free(t->mem);
	free(t->p);
	free(t->addr);
	free(t->ptr);
	free(t->ip4);
}

/* ---- smoke ----------------------------------------------------------- */

static u32 differ(const u32 *want, const u32 *got, u32 n, u32 *first)
{
	u32 i, bad = 0;

	for (i = 0; i < n; i++)
		if (got[i] != want[i] && !bad++)
			*first = i;
	return bad;
}

/*
 * mcnic's packed call must agree with its pointer call, and every DPDK
 * variant with both.
 */
static void compare(const struct table *t, const char *when, u32 burst,
		    struct bench_tally *tl)
{
	u32 *want = malloc(t->nlookups * sizeof(*want));
	u32 *got = malloc(t->nlookups * sizeof(*got));
	u32 bad, first = 0, fam = t->bits == 32 ? 4 : 6;
	int v;

	if (!want || !got) {
		tl->fail++;
		goto out;
	}
	ours_lookup(t, 0, burst, want);
	ours_lookup(t, 1, burst, got);
	bad = differ(want, got, t->nlookups, &first);
	printf("  IPv%u %-28s %s: %u lookups, %u differ from the pointer "
	       "call\n", fam, ours_name[OURS_PACKED], when, t->nlookups, bad);
	bench_count(tl, !bad);
	for (v = 0; v < dpdk_variants(t); v++) {
		if (!dpdk_usable(t, v)) {
			printf("  IPv%u %-28s not run: no AVX-512 lookup on "
			       "this CPU\n", fam, dpdk_name(t, v));
			continue;
		}
		dpdk_lookup(t, v, burst, got);
		bad = differ(want, got, t->nlookups, &first);
		printf("  IPv%u %-28s %s: %u lookups, %u differ from mcnic\n",
		       fam, dpdk_name(t, v), when, t->nlookups, bad);
		if (bad)
			printf("    first: lookup %u: mcnic %u, DPDK %u\n",
			       first, want[first], got[first]);
		bench_count(tl, !bad);
	}
out:
	free(want);
	free(got);
}

/* Deletes every third prefix from every table. */
static int del_third(struct table *t)
{
	u32 i;
	int side, r = 0;

	for (i = 0; i < t->n && !r; i += 3) {
		const struct prefix *p = &t->p[i];

		r = mcnic_lpm_del(&t->lpm, p->a, p->len);
		for (side = 0; side < 2 && !r; side++)
			r = t->bits == 32 ?
			    lbd_v4_del(side, be32(p->a), p->len) :
			    lbd_v6_del(side, p->a, p->len);
	}
	mcnic_lpm_reclaim(&t->lpm);
	return r;
}

static int smoke_family(const struct opts *o, u32 bits,
			struct bench_tally *tl)
{
	struct table t;
	double secs[2];
	u32 n = bits == 32 ? o->v4 : o->v6;

	memset(&t, 0, sizeof(t));
	if (gen_table(&t, bits, n) || gen_lookups(&t, o->lookups, 1) ||
	    tables_create(&t, bits == 32 ? n / 8 : n * 4,
			  bits == 32 ? MCNIC_LPM4_ROOT_BITS :
				       MCNIC_LPM6_ROOT_BITS,
			  bits == 32 ? n / 8 : n * 4) ||
	    add_all(&t, -1) < 0 || dpdk_fill(&t, secs)) {
		tl->fail++;
		tables_free(&t);
		return -1;
	}
	compare(&t, "full", o->burst, tl);
	if (del_third(&t)) {
		printf("  IPv%d: deleting a third of the prefixes failed\n",
		       bits == 32 ? 4 : 6);
		tl->fail++;
	} else {
		compare(&t, "after deletes", o->burst, tl);
	}
	tables_free(&t);
	return 0;
}

static int smoke(const struct opts *o)
{
	struct bench_tally tl = { 0, 0 };

	printf("lpmbench --smoke: mcnic vs %s on %u IPv4 and %u IPv6 "
	       "prefixes, %u lookups each (a quarter anywhere)\n",
	       lbd_version(), o->v4, o->v6, o->lookups);
	smoke_family(o, 32, &tl);
	smoke_family(o, 128, &tl);
	return bench_summary(&tl);
}

/* ---- timed ----------------------------------------------------------- */

static void row(const char *what, const char *vs, double ours, double dpdk,
		const char *unit)
{
	char name[80];

	snprintf(name, sizeof(name), "%s vs %s", what, vs);
	printf("%-48s %9.2f %9.2f  %5.2f  %s\n", name, ours, dpdk,
	       ours / dpdk, unit);
}

/* The answers must agree before any of them is timed. */
static int agree(const struct table *t, u32 burst, int v)
{
	u32 *want = malloc(t->nlookups * sizeof(*want));
	u32 *got = malloc(t->nlookups * sizeof(*got));
	u32 bad = 0, first = 0;

	if (!want || !got)
		return -1;
	ours_lookup(t, 0, burst, want);
	dpdk_lookup(t, v, burst, got);
	bad = differ(want, got, t->nlookups, &first);
	ours_lookup(t, 1, burst, got);
	bad += differ(want, got, t->nlookups, &first);
	free(want);
	free(got);
	if (bad)
		fprintf(stderr, "lpmbench: %s: %u of %u lookups differ\n",
			dpdk_name(t, v), bad, t->nlookups);
	return bad ? -1 : 0;
}

/*
 * One run: a pass of each mcnic call and of DPDK variant v, in an order
 * that rotates from run to run, so that none always follows the other.
 */
static void timed_run(const struct table *t, int v, u32 burst, u32 r,
		      double *mlps)
{
	double t0;
	u32 k, w;

	for (k = 0; k < OURS_N + 1; k++) {
		w = (k + r) % (OURS_N + 1);
		t0 = bench_mono_s();
		if (w < OURS_N)
			ours_lookup(t, w, burst, NULL);
		else
			dpdk_lookup(t, v, burst, NULL);
		mlps[w] = t->nlookups / (bench_mono_s() - t0) / 1e6;
	}
}

static int bench_lookups(const struct opts *o, const struct table *t)
{
	double m[OURS_N + 1][RUNS_MAX], run[OURS_N + 1];
	char what[64];
	u32 r, k;
	int v;

	for (v = 0; v < dpdk_variants(t); v++) {
		if (!dpdk_usable(t, v)) {
			printf("  %s: not run (no AVX-512 lookup here)\n",
			       dpdk_name(t, v));
			continue;
		}
		if (agree(t, o->burst, v))
			return -1;
		for (r = 0; r < o->runs; r++) {
			timed_run(t, v, o->burst, r, run);
			for (k = 0; k < OURS_N + 1; k++)
				m[k][r] = run[k];
		}
		for (k = 0; k < OURS_N; k++) {
			snprintf(what, sizeof(what), "IPv%d %s",
				 t->bits == 32 ? 4 : 6,
				 k == OURS_PACKED ? "packed" : "pointers");
			row(what, dpdk_name(t, v), bench_median(m[k], o->runs),
			    bench_median(m[OURS_N], o->runs), "Mlookups/s");
		}
	}
	return 0;
}

static int bench_family(const struct opts *o, u32 bits)
{
	const char *fam = bits == 32 ? "IPv4" : "IPv6";
	u8 root = bits == 32 ? MCNIC_LPM4_ROOT_BITS : MCNIC_LPM6_ROOT_BITS;
	u32 groups = bits == 32 ? MCNIC_LPM4_GROUPS : MCNIC_LPM6_GROUPS;
	double ours_add, dpdk_add[2];
	struct table t;
	char hist[256];
	int r;

	memset(&t, 0, sizeof(t));
	if (gen_table(&t, bits, bits == 32 ? o->v4 : o->v6) ||
	    gen_lookups(&t, o->lookups, 0) ||
	    tables_create(&t, groups, root, groups))
		return -1;
	ours_add = add_all(&t, -1);
	if (ours_add < 0 || dpdk_fill(&t, dpdk_add))
		return -1;
	printf("%s: %u prefixes (%s)\n", fam, t.n,
	       len_hist(&t, hist, sizeof(hist)));
	printf("  mcnic: root %u bits, %u groups of 256 used, %.1f MiB "
	       "(room for %u prefixes, %u groups)\n", root,
	       mcnic_lpm_groups_used(&t.lpm), t.mem_size / 1048576.0,
	       mcnic_lpm_capacity(&t.lpm), groups);
	r = bench_lookups(o, &t);
	row(bits == 32 ? "IPv4 insert" : "IPv6 insert",
	    bits == 32 ? "rte_lpm_add" : "rte_lpm6_add",
	    t.n / ours_add / 1e6, t.n / dpdk_add[0] / 1e6, "Minserts/s");
	row(bits == 32 ? "IPv4 insert" : "IPv6 insert",
	    bits == 32 ? "rte_fib_add" : "rte_fib6_add",
	    t.n / ours_add / 1e6, t.n / dpdk_add[1] / 1e6, "Minserts/s");
	tables_free(&t);
	return r;
}

static int bench(const struct opts *o)
{
	printf("lpmbench: mcnic vs %s, one core, bursts of %u, %u "
	       "lookups per pass, median of %u runs; both sides in EAL "
	       "memory (4 KiB pages)\n", lbd_version(), o->burst, o->lookups,
	       o->runs);
	printf("%-48s %9s %9s  %5s\n", "row", "mcnic", "DPDK", "ratio");
	if (bench_family(o, 32) || bench_family(o, 128))
		return 1;
	return 0;
}

/* Defaults; --smoke sets smaller tables and fewer lookups. */
static const struct opts opts_default = {
	.v4 = 1000000, .v6 = 250000, .lookups = 1u << 21,
	.burst = 64, .runs = 7, .core = 1,
};
static const struct opts opts_smoke = {
	.v4 = 50000, .v6 = 20000, .lookups = 200000,
};

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define SYNOPSIS(first, more)						\
	first "lpmbench [--smoke] [--runs N] [--burst N] [--v4 N] [--v6 N]\n" \
	more  "         [--lookups N] [--core N] [--verbose]\n"		\
	more  "lpmbench --help\n"

static void usage(void)
{
	fputs(SYNOPSIS("usage: ", "       "), stderr);
}

static void help(void)
{
	printf("NAME\n"
	       "\tlpmbench - mcnic's LPM against DPDK's rte_lpm and rte_fib\n"
	       "\n"
	       "SYNOPSIS\n"
	       SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tTimes mcnic's longest-prefix match (firmware/dp/lpm.c)\n"
	       "\tbeside DPDK 22.11's rte_lpm, rte_fib, rte_lpm6 and\n"
	       "\trte_fib6 (lpmbench-dpdk.c), in one process on one core, on\n"
	       "\tthe same BGP-like tables and the same lookup addresses.\n"
	       "\tIPv4: mostly /24 (58 %%), /22-/23 and /16-/21 (20 %%\n"
	       "\teach), at random unicast addresses.  IPv6: prefixes inside\n"
	       "\t%d provider allocations, mostly /48 (45 %%) and /29-/47\n"
	       "\t(44 %%).\n"
	       "\n"
	       "\tLookups go to random addresses inside random installed\n"
	       "\tprefixes, in bursts.  mcnic is timed through both its bulk\n"
	       "\tcalls: \"pointers\" (mcnic_lpm_lookup_bulk, pointers to\n"
	       "\tthe addresses, as a data plane has them in packet headers)\n"
	       "\tand \"packed\" (mcnic_lpm_lookup_bulk_packed, the\n"
	       "\taddresses back to back, as DPDK's bulk calls take them).\n"
	       "\tEach run times one pass over all addresses with each mcnic\n"
	       "\tcall and one DPDK variant, in an order that rotates; a row\n"
	       "\tis the median of the runs.  Inserts/s is the time to add\n"
	       "\tthe whole table, in one random order, once per side.\n"
	       "\n"
	       "OPTIONS\n"
	       "\t--smoke      no timing, smaller tables: every DPDK variant\n"
	       "\t             must give mcnic's next hops\n"
	       "\t--runs N     timed runs, 1..%d (default %u)\n"
	       "\t--burst N    addresses per lookup call, 1..%d (default %u)\n"
	       "\t--v4 N       IPv4 prefixes (default %u; --smoke sets %u)\n"
	       "\t--v6 N       IPv6 prefixes (default %u; --smoke sets %u)\n"
	       "\t--lookups N  lookup addresses per family (default %u;\n"
	       "\t             --smoke sets %u)\n"
	       "\t--core N     the cpu, as EAL lcore, to run on (default %d)\n"
	       "\t--verbose    EAL log level info (default: errors only)\n"
	       "\t--help       print this page and exit\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when every DPDK variant gave mcnic's next hops (with\n"
	       "\t--smoke: every check passed).  1 when a smoke check\n"
	       "\tfailed, a variant or mcnic's two calls disagreed, a table\n"
	       "\tcould not be built, memory ran out or DPDK's EAL could not\n"
	       "\tstart.  2 on bad arguments.\n",
	       V6_ALLOCS, RUNS_MAX, opts_default.runs, LBD_BURST_MAX,
	       opts_default.burst, opts_default.v4, opts_smoke.v4,
	       opts_default.v6, opts_smoke.v6, opts_default.lookups,
	       opts_smoke.lookups, opts_default.core);
}

#define GIVEN_V4	0x1
#define GIVEN_V6	0x2
#define GIVEN_LOOKUPS	0x4

/* --smoke's sizes, but not over those given, wherever --smoke stands. */
static void smoke_sizes(struct opts *o, int given)
{
	if (!(given & GIVEN_V4))
		o->v4 = opts_smoke.v4;
	if (!(given & GIVEN_V6))
		o->v6 = opts_smoke.v6;
	if (!(given & GIVEN_LOOKUPS))
		o->lookups = opts_smoke.lookups;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "burst", required_argument, NULL, 'b' },
		{ "v4", required_argument, NULL, '4' },
		{ "v6", required_argument, NULL, '6' },
		{ "lookups", required_argument, NULL, 'l' },
		{ "core", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = opts_default;
	int c, rc, given = 0;	/* bit: the size was given (GIVEN_*) */

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': o.smoke = 1; break;
		case 'r': o.runs = atoi(optarg); break;
		case 'b': o.burst = atoi(optarg); break;
		case '4': o.v4 = atoi(optarg); given |= GIVEN_V4; break;
		case '6': o.v6 = atoi(optarg); given |= GIVEN_V6; break;
		case 'l':
			o.lookups = atoi(optarg);
			given |= GIVEN_LOOKUPS;
			break;
		case 'c': o.core = atoi(optarg); break;
		case 'v': o.verbose = 1; break;
		case 'h':
			help();
			return 0;
		default:
			usage();
			return 2;
		}
	}
	if (o.smoke)
		smoke_sizes(&o, given);
	if (!o.runs || o.runs > RUNS_MAX || !o.burst ||
	    o.burst > LBD_BURST_MAX || !o.v4 || !o.v6 || !o.lookups) {
		usage();
		return 2;
	}
	if (lbd_init(o.core, o.smoke ? 1024 : 3072, o.verbose))
		return 1;
	rc = o.smoke ? smoke(&o) : bench(&o);
	lbd_fini();
	return rc;
}
