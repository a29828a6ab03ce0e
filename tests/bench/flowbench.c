// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * flowbench: mcnic's exact-match flow cache against DPDK's rte_hash in the
 * same process, on the same keys (the baseline is in flowbench-dpdk.c).
 *
 * For 1 M and 4 M installed flows (44-byte keys):
 *   inserts  every flow into an empty table, hash computed per key: one
 *            mcnic_flow_cache_insert per key against one rte_hash_add_key_data
 *            per key; and a separate row for mcnic_flow_cache_insert_bulk
 *            (batches of 32, hashes computed just before), against the same
 *            single rte_hash adds (rte_hash has no bulk add);
 *   lookups  a stream of installed keys, uniform or Zipf (s = 0.99 over
 *            the installed keys, hot keys spread over the table), in
 *            batches of 32: mcnic_flow_cache_hash + lookup_bulk, which
 *            copies gen and action out; rte_hash_lookup_bulk_data (its
 *            hash computed inside), then gen and action read through each
 *            hit's data pointer, so both sides end with the action in hand.
 *            The stream is copied, untimed, into a cache-resident buffer
 *            16 K keys at a time before each side looks that part up: a NIC
 *            looks up keys it has just parsed, and streaming 44-byte keys
 *            from DRAM would add the same cost to both sides.  Each side
 *            first looks up an untimed quarter of the stream, so that it
 *            finds its own table as warm as the machine lets it.
 * mcnic's table has capacity n / 0.9 (90 % full); rte_hash gets the same
 * entries, which it rounds up to a power of two of slots (about 48 % full).
 * rte_hash runs twice: RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF (lock-free
 * readers, like mcnic) and default flags.  Each run measures every side
 * once, on one pinned core, in an order that rotates from run to run, in
 * the thread's CPU time; the median of the runs is printed.
 *
 * --smoke: a small table on both sides, the same key set; every bulk and
 * single lookup (hits and misses, before and after deleting a quarter of
 * the keys) must give the same answer on both; ends with "N passed, N
 * failed".  No timing claims.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dp/flow_cache.h"
#include "benchlib.h"
#include "flowbench.h"

#define FB_SEED		0x6d636e69u
#define FB_BATCH	32
#define FB_RUNS		5
#define FB_RUNS_MAX	31
#define FB_LOOKUPS	(1u << 22)
#define FB_ZIPF_S	0.99
#define FB_EAL_MB	3072
#define FB_SMOKE_N	20000
#define FB_SMOKE_CAP	24000
#define FB_CHUNK	16384	/* keys in the cache-resident buffer */

_Static_assert(sizeof(struct mcnic_flow_key) == FB_KEY_LEN, "key size");
_Static_assert(sizeof(struct mcnic_tunnel_action) ==
	       sizeof(((struct fb_payload *)0)->act), "action size");

enum { FB_UNIFORM, FB_ZIPF, FB_NDIST };
/* The timed sides of a lookup row: DPDK with and without the action read. */
enum { FB_MCNIC, FB_LF, FB_DEF, FB_LF_PTR, FB_DEF_PTR, FB_NSIDE };
/* The timed sides of an insert row. */
enum { FB_INS_MCNIC, FB_INS_LF, FB_INS_DEF, FB_INS_BULK, FB_NINS };

static const char *const fb_dist_name[FB_NDIST] = { "uniform", "zipf" };

struct fb_opts {
	unsigned int runs;
	unsigned int batch;
	unsigned int lookups;
	int smoke;
	int core;
	int quick;		/* 1 M only */
};

/* One table size: its keys, payloads, lookup streams and results. */
struct fb_size {
	u32 n;			/* installed flows */
	u32 cap;		/* entries asked of both tables */
	struct mcnic_flow_key *keys;
	struct fb_payload *pay;
	struct mcnic_flow_key *stream[FB_NDIST];
	struct mcnic_flow_cache fc;
	void *mem;
	/* M inserts/s: mcnic, LF, default, mcnic bulk */
	double ins[FB_NINS][FB_RUNS_MAX];
	double look[FB_NDIST][FB_NSIDE][FB_RUNS_MAX];	/* M lookups/s */
	u32 primary;
	int bad;
};

static struct fb_opts fb_o;
static struct bench_tally fb_tally;
/* Where timed lookups read keys from; rte_hash wants pointers to them. */
static struct mcnic_flow_key *fb_chunk;
static const void **fb_chunk_ptr;

static u64 fb_mix(u64 x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

static u64 fb_rand(u64 *s)
{
	*s += 0x9e3779b97f4a7c15ull;
	return fb_mix(*s);
}

/* Flow i: an IPv4 (even i) or IPv6 5-tuple; i in the source address. */
static void fb_key(u32 i, struct mcnic_flow_key *k)
{
	u64 a = fb_mix(i), b = fb_mix(a);

	memset(k, 0, sizeof(*k));
	if (i & 1) {
		k->kind = MCNIC_FK_IPV6;
		memcpy(k->saddr, &a, 8);
		memcpy(k->saddr + 12, &i, 4);
		memcpy(k->daddr, &b, 8);
	} else {
		memcpy(k->saddr, &i, 4);
		memcpy(k->daddr, &a, 4);
	}
	k->zone = 100 + (u32)(a >> 60);
	k->sport = (u16)(b >> 16);
	k->dport = i & 2 ? 443 : 53;
	k->port = i & 3;
	k->proto = i & 2 ? 6 : 17;
}

static void fb_act(u32 i, struct fb_payload *p)
{
	struct mcnic_tunnel_action a = {
		.type = 1,
		.port = (u16)i,
		.tmpl = i * 7,
		.rule = i ^ 0x5a5a,
	};

	memset(p, 0, sizeof(*p));
	p->gen = i % 13;
	memcpy(p->act, &a, sizeof(a));
}

static int fb_mcnic_create(struct fb_size *s)
{
	size_t size = mcnic_flow_cache_mem_size(s->cap);

	s->mem = bench_alloc(size);
	return mcnic_flow_cache_init(&s->fc, s->mem, size, s->cap, FB_SEED);
}

/* Inserts flows [from, to); returns how many failed. */
static u32 fb_mcnic_add(struct fb_size *s, u32 from, u32 to)
{
	struct mcnic_tunnel_action a;
	u32 i, fail = 0;

	for (i = from; i < to; i++) {
		memcpy(&a, s->pay[i].act, sizeof(a));
		if (mcnic_flow_cache_insert(&s->fc, &s->keys[i],
					    mcnic_flow_cache_hash(&s->fc,
								  &s->keys[i]),
					    s->pay[i].gen, &a, 0) < 0)
			fail++;
	}
	return fail;
}

/* The same in batches of FB_BATCH through insert_bulk. */
static u32 fb_mcnic_add_bulk(struct fb_size *s)
{
	struct mcnic_tunnel_action a[FB_BATCH];
	u32 h[FB_BATCH], gen[FB_BATCH], i, j, k, fail = 0;
	s32 idx[FB_BATCH];

	for (i = 0; i < s->n; i += k) {
		k = s->n - i < FB_BATCH ? s->n - i : FB_BATCH;
		for (j = 0; j < k; j++) {
			h[j] = mcnic_flow_cache_hash(&s->fc, &s->keys[i + j]);
			gen[j] = s->pay[i + j].gen;
			memcpy(&a[j], s->pay[i + j].act, sizeof(a[j]));
		}
		mcnic_flow_cache_insert_bulk(&s->fc, &s->keys[i], h, k, gen, a,
					     0, idx);
		for (j = 0; j < k; j++)
			fail += idx[j] < 0;
	}
	return fail;
}

/*
 * The timed mcnic loop: hash, bulk lookup, fold what hits returned.  With
 * out, each key's result is kept for the smoke comparison.
 */
static u64 fb_mcnic_lookup(const struct mcnic_flow_cache *fc,
			   const struct mcnic_flow_key *keys, u64 n,
			   u32 batch, struct fb_payload *out, u64 *sum)
{
	struct mcnic_tunnel_action act[FB_BULK_MAX];
	u32 h[FB_BULK_MAX], gen[FB_BULK_MAX], j, k;
	s32 idx[FB_BULK_MAX];
	u64 i, hits = 0, s = 0;

	for (i = 0; i < n; i += k) {
		k = n - i < batch ? n - i : batch;
		for (j = 0; j < k; j++)
			h[j] = mcnic_flow_cache_hash(fc, &keys[i + j]);
		mcnic_flow_cache_lookup_bulk(fc, &keys[i], h, k, idx, gen, act);
		for (j = 0; j < k; j++) {
			if (idx[j] < 0) {
				if (out)
					out[i + j].gen = FB_MISS;
				continue;
			}
			hits++;
			s += fb_fold(gen[j], &act[j]);
			if (out) {
				out[i + j].gen = gen[j];
				memcpy(out[i + j].act, &act[j], sizeof(act[j]));
			}
		}
	}
	*sum = s;
	return hits;
}

/* ---- streams ----------------------------------------------------------- */

/* Zipf(s) over n ranks: the cumulative weights, normalised. */
static double *fb_zipf_cdf(u32 n, double s)
{
	double *c = malloc(n * sizeof(*c)), t = 0;
	u32 i;

	if (!c) {
		fprintf(stderr, "flowbench: out of memory\n");
		exit(2);
	}
	for (i = 0; i < n; i++) {
		t += pow(i + 1.0, -s);
		c[i] = t;
	}
	for (i = 0; i < n; i++)
		c[i] /= t;
	return c;
}

static u32 fb_zipf_draw(const double *cdf, u32 n, u64 *rnd)
{
	double u = (fb_rand(rnd) >> 11) * 0x1p-53;
	u32 lo = 0, hi = n - 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* L lookups of installed keys; Zipf ranks go through a random permutation. */
static void fb_streams(struct fb_size *s, u32 len)
{
	u32 *perm = malloc((size_t)s->n * sizeof(*perm)), i, j, t, id;
	double *cdf = fb_zipf_cdf(s->n, FB_ZIPF_S);
	u64 rnd = 42;
	int d;

	if (!perm) {
		fprintf(stderr, "flowbench: out of memory\n");
		exit(2);
	}
	for (i = 0; i < s->n; i++)
		perm[i] = i;
	for (i = s->n - 1; i > 0; i--) {
		j = fb_rand(&rnd) % (i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	for (d = 0; d < FB_NDIST; d++) {
		s->stream[d] = bench_alloc((size_t)len * sizeof(*s->stream[d]));
		for (i = 0; i < len; i++) {
			if (d == FB_ZIPF)
				id = perm[fb_zipf_draw(cdf, s->n, &rnd)];
			else
				id = fb_rand(&rnd) % s->n;
			s->stream[d][i] = s->keys[id];
		}
	}
	free(cdf);
	free(perm);
}

static void fb_keys(struct fb_size *s)
{
	u32 i;

	s->keys = bench_alloc((size_t)s->n * sizeof(*s->keys));
	s->pay = bench_alloc((size_t)s->n * sizeof(*s->pay));
	for (i = 0; i < s->n; i++) {
		fb_key(i, &s->keys[i]);
		fb_act(i, &s->pay[i]);
	}
}

static void fb_size_free(struct fb_size *s)
{
	int d;

	for (d = 0; d < FB_NDIST; d++)
		free(s->stream[d]);
	free(s->keys);
	free(s->pay);
	free(s->mem);
}

/* ---- timing ------------------------------------------------------------ */

/*
 * Timing on this shared machine: each run measures every side once, in an
 * order that rotates from run to run, and the median of the runs is kept;
 * a side looks up an untimed quarter of the stream first, so that it finds
 * its own table as warm as the machine lets it, not the previous side's.
 */
static void fb_time_inserts(struct fb_size *s, unsigned int r)
{
	double t0;
	u32 fail;
	int k, side;

	for (k = 0; k < FB_NINS; k++) {
		side = (k + r) % FB_NINS;
		if (side == FB_INS_MCNIC || side == FB_INS_BULK)
			mcnic_flow_cache_clear(&s->fc);
		else
			fb_dpdk_reset(side == FB_INS_LF);
		t0 = bench_cpu_s();
		if (side == FB_INS_MCNIC)
			fail = fb_mcnic_add(s, 0, s->n);
		else if (side == FB_INS_BULK)
			fail = fb_mcnic_add_bulk(s);
		else
			fail = fb_dpdk_add(side == FB_INS_LF,
					   (const u8 *)s->keys, s->n, s->pay);
		s->ins[side][r] = s->n / (bench_cpu_s() - t0) / 1e6;
		if (fail) {
			fprintf(stderr, "flowbench: side %d: %u of %u inserts"
				" failed\n", side, fail, s->n);
			s->bad = 1;
		}
	}
}

/*
 * Side side over keys [from, to) of stream d, FB_CHUNK keys at a time (the
 * copy into the buffer untimed); returns the seconds spent looking up.
 */
static double fb_time_side(const struct fb_size *s, int d, int side, u64 from,
			   u64 to, u64 *hits, u64 *sum)
{
	static const int lf[FB_NSIDE] = { 0, 1, 0, 1, 0 };
	static const int copy[FB_NSIDE] = { 1, 1, 1, 0, 0 };
	u64 off, k, h, x;
	double t = 0, t0;

	*hits = 0;
	*sum = 0;
	for (off = from; off < to; off += k) {
		k = to - off < FB_CHUNK ? to - off : FB_CHUNK;
		memcpy(fb_chunk, s->stream[d] + off, k * sizeof(*fb_chunk));
		t0 = bench_cpu_s();
		if (side == FB_MCNIC)
			h = fb_mcnic_lookup(&s->fc, fb_chunk, k, fb_o.batch,
					    NULL, &x);
		else
			h = fb_dpdk_lookup(lf[side], fb_chunk_ptr, k,
					   fb_o.batch, copy[side], NULL, &x);
		t += bench_cpu_s() - t0;
		*hits += h;
		*sum += x;
	}
	return t;
}

/* One run of every lookup side on stream d; all must hit every key. */
static void fb_time_lookups(struct fb_size *s, int d, unsigned int r)
{
	u64 n = fb_o.lookups, hits, sum[FB_NSIDE];
	int k, side;
	double t;

	for (k = 0; k < FB_NSIDE; k++) {
		side = (k + r) % FB_NSIDE;
		fb_time_side(s, d, side, 0, n / 4, &hits, &sum[side]);
		t = fb_time_side(s, d, side, 0, n, &hits, &sum[side]);
		s->look[d][side][r] = n / t / 1e6;
		if (hits != n) {
			fprintf(stderr, "flowbench: %s side %d: %llu of %llu"
				" hits\n", fb_dist_name[d], side,
				(unsigned long long)hits,
				(unsigned long long)n);
			s->bad = 1;
		}
	}
	for (side = FB_LF; side < FB_LF_PTR; side++) {
		if (sum[side] != sum[FB_MCNIC]) {
			fprintf(stderr, "flowbench: %s side %d: the actions"
				" differ from mcnic's\n", fb_dist_name[d],
				side);
			s->bad = 1;
		}
	}
}

static int fb_prepare(struct fb_size *s, u32 n)
{
	memset(s, 0, sizeof(*s));
	s->n = n;
	s->cap = (u32)(n / 0.9);
	fprintf(stderr, "flowbench: %u flows: keys and streams\n", n);
	fb_keys(s);
	fb_streams(s, fb_o.lookups);
	if (fb_mcnic_create(s) || fb_dpdk_create(1, s->cap, FB_SEED) ||
	    fb_dpdk_create(0, s->cap, FB_SEED))
		return -1;
	return 0;
}

static int fb_measure(struct fb_size *s)
{
	unsigned int r;
	int d;

	for (r = 0; r < fb_o.runs; r++) {
		fprintf(stderr, "flowbench: %u flows: run %u of %u\n", s->n,
			r + 1, fb_o.runs);
		fb_time_inserts(s, r);
		for (d = 0; d < FB_NDIST; d++)
			fb_time_lookups(s, d, r);
	}
	s->primary = mcnic_flow_cache_primary(&s->fc);
	fb_dpdk_destroy(0);
	fb_dpdk_destroy(1);
	return s->bad;
}

/* ---- report ------------------------------------------------------------ */

static void fb_row(const char *name, double m, double d)
{
	printf("%-40s %8.2f %8.2f %7.2fx\n", name, m, d, m / d);
}

static void fb_report_size(const struct fb_size *s)
{
	static const char *const fl[2] = { "rte_hash LF", "rte_hash default" };
	char name[64];
	double m;
	int d, f;

	for (d = 0; d < FB_NDIST; d++) {
		m = bench_median(s->look[d][FB_MCNIC], fb_o.runs);
		for (f = 0; f < 2; f++) {
			snprintf(name, sizeof(name), "%uM %s lookups, %s",
				 s->n / 1000000, fb_dist_name[d], fl[f]);
			fb_row(name, m, bench_median(s->look[d][FB_LF + f],
						  fb_o.runs));
		}
	}
	/* rte_hash has no bulk add: its single adds are the baseline of both. */
	for (d = 0; d < 2; d++) {
		m = bench_median(s->ins[d ? FB_INS_BULK : FB_INS_MCNIC],
				 fb_o.runs);
		for (f = 0; f < 2; f++) {
			snprintf(name, sizeof(name), "%uM inserts%s, %s",
				 s->n / 1000000, d ? " bulk-32" : "", fl[f]);
			fb_row(name, m, bench_median(s->ins[FB_INS_LF + f],
						  fb_o.runs));
		}
	}
}

/* The same lookups when DPDK does not read the action (pointer only). */
static void fb_report_ptr(const struct fb_size *s)
{
	static const char *const fl[2] = { "rte_hash LF", "rte_hash default" };
	char name[64];
	double m;
	int d, f;

	for (d = 0; d < FB_NDIST; d++) {
		m = bench_median(s->look[d][FB_MCNIC], fb_o.runs);
		for (f = 0; f < 2; f++) {
			snprintf(name, sizeof(name), "%uM %s, %s, ptr only",
				 s->n / 1000000, fb_dist_name[d], fl[f]);
			fb_row(name, m, bench_median(s->look[d][FB_LF_PTR + f],
						  fb_o.runs));
		}
	}
}

/* rte_hash's slots for entries (without RTE_HASH_EXTRA_FLAGS_EXT_TABLE). */
static u32 fb_pow2(u32 entries)
{
	u32 p = 8;

	while (p < entries)
		p <<= 1;
	return p;
}

static void fb_report(const struct fb_size *sz, int nsz)
{
	double worst = 1e9, m;
	int i, d, f;

	printf("flowbench: mcnic flow cache vs %s rte_hash, same process,"
	       " pinned to cpu %d\n", fb_dpdk_version(), fb_o.core);
	printf("44-byte keys; mcnic capacity n/0.9 (90 %% full), rte_hash"
	       " asked for the same entries\n(it rounds slots up to a power"
	       " of two); lookups: streams of %u installed keys, read\nfrom a"
	       " cache-resident buffer of %u keys, after an untimed quarter;"
	       "\nbatches of %u, hash computed in the loop on both sides, the"
	       " action read on both\n(DPDK: through the data pointer);"
	       " thread CPU time, median of %u runs; inserts bulk-32:\n"
	       "mcnic_flow_cache_insert_bulk against rte_hash's single adds"
	       " (it has no bulk add)\n\n",
	       fb_o.lookups, FB_CHUNK, fb_o.batch, fb_o.runs);
	printf("%-40s %8s %8s %8s\n", "row (M/s)", "mcnic", "DPDK", "ratio");
	for (i = 0; i < nsz; i++)
		fb_report_size(&sz[i]);
	printf("\nfor reference, DPDK returning only the data pointer (no"
	       " action read):\n");
	for (i = 0; i < nsz; i++)
		fb_report_ptr(&sz[i]);
	printf("\n");
	for (i = 0; i < nsz; i++) {
		printf("%uM: mcnic %.1f %% of entries in their first-choice"
		       " bucket (hit = 2 lines), the rest 3,\n    table %zu MB;"
		       " rte_hash %u slots (%.0f %% full)\n", sz[i].n / 1000000,
		       100.0 * sz[i].primary / sz[i].n,
		       mcnic_flow_cache_mem_size(sz[i].cap) >> 20,
		       fb_pow2(sz[i].cap),
		       100.0 * sz[i].n / fb_pow2(sz[i].cap));
		for (d = 0; d < FB_NDIST; d++) {
			m = bench_median(sz[i].look[d][FB_MCNIC], fb_o.runs);
			for (f = 0; f < 2; f++)
				if (m / bench_median(sz[i].look[d][FB_LF + f],
						  fb_o.runs) < worst)
					worst = m / bench_median(
						sz[i].look[d][FB_LF + f],
						fb_o.runs);
		}
	}
	printf("goals: lookups >= 1.5x DPDK (lowest ratio above: %.2fx);"
	       " >= 1 M inserts/s (mcnic at %uM: %.2f)\n", worst,
	       sz[nsz - 1].n / 1000000,
	       bench_median(sz[nsz - 1].ins[FB_INS_MCNIC], fb_o.runs));
}

/* ---- smoke ------------------------------------------------------------- */

/* Every key's answer (hit or miss, and gen and action) equal on all sides. */
static void fb_smoke_compare(struct fb_size *s, const struct mcnic_flow_key *q,
			     const void **qp, u32 nq, u32 expect_hits,
			     const char *when)
{
	struct fb_payload *want = bench_alloc(nq * sizeof(*want));
	struct fb_payload *got = bench_alloc(nq * sizeof(*got));
	struct mcnic_tunnel_action a;
	u64 hits, sum;
	u32 i, bad;
	int lf;

	hits = fb_mcnic_lookup(&s->fc, q, nq, FB_BATCH, want, &sum);
	bench_check(&fb_tally, hits == expect_hits, "%s: mcnic bulk lookups hit"
		    " %llu of %u keys (want %u)", when,
		    (unsigned long long)hits, nq, expect_hits);
	for (i = 0, bad = 0; i < nq; i++) {
		u32 gen;
		s32 r = mcnic_flow_cache_lookup(&s->fc, &q[i],
						mcnic_flow_cache_hash(&s->fc,
								      &q[i]),
						&gen, &a);

		if (r < 0 ? want[i].gen != FB_MISS :
			    gen != want[i].gen ||
			    memcmp(&a, want[i].act, sizeof(a)))
			bad++;
	}
	bench_check(&fb_tally, !bad, "%s: mcnic single lookups equal bulk"
		    " (%u differ)", when, bad);
	for (lf = 1; lf >= 0; lf--) {
		fb_dpdk_lookup(lf, qp, nq, FB_BATCH, 1, got, &sum);
		for (i = 0, bad = 0; i < nq; i++)
			if (got[i].gen != want[i].gen ||
			    (got[i].gen != FB_MISS &&
			     memcmp(got[i].act, want[i].act, sizeof(a))))
				bad++;
		bench_check(&fb_tally, !bad, "%s: rte_hash%s gives the same"
			    " answers (%u of %u differ)", when,
			    lf ? " LF" : "", bad, nq);
	}
	free(want);
	free(got);
}

static void fb_smoke(void)
{
	struct fb_size s = { .n = FB_SMOKE_N, .cap = FB_SMOKE_CAP };
	struct mcnic_flow_key *q;
	const void **qp;
	u32 i, nq = 2 * FB_SMOKE_N, j, hits = FB_SMOKE_N, bad;
	u64 rnd = 7;
	int lf;

	fb_keys(&s);
	bench_check(&fb_tally, !fb_mcnic_create(&s) &&
		    !fb_dpdk_create(1, s.cap, FB_SEED) &&
		    !fb_dpdk_create(0, s.cap, FB_SEED),
		    "create the three tables");
	bench_check(&fb_tally, !fb_mcnic_add(&s, 0, s.n),
		    "mcnic: every insert succeeds");
	for (lf = 1; lf >= 0; lf--)
		bench_check(&fb_tally,
			    !fb_dpdk_add(lf, (const u8 *)s.keys, s.n, s.pay),
			    "rte_hash %s: every add succeeds",
			    lf ? "LF" : "default");
	/* Installed flows 0..n-1 and absent ones n..2n-1, shuffled. */
	q = bench_alloc(nq * sizeof(*q));
	qp = bench_alloc(nq * sizeof(*qp));
	for (i = 0; i < nq; i++)
		fb_key(i, &q[i]);
	for (i = nq - 1; i > 0; i--) {
		struct mcnic_flow_key t = q[i];

		j = fb_rand(&rnd) % (i + 1);
		q[i] = q[j];
		q[j] = t;
	}
	for (i = 0; i < nq; i++)
		qp[i] = &q[i];
	fb_smoke_compare(&s, q, qp, nq, hits, "full");

	/* Delete every fourth flow on every side; compare again. */
	for (i = 0, bad = 0; i < s.n; i += 4, hits--) {
		if (mcnic_flow_cache_delete(&s.fc, &s.keys[i],
					    mcnic_flow_cache_hash(&s.fc,
								  &s.keys[i])))
			bad++;
		for (lf = 0; lf < 2; lf++)
			if (fb_dpdk_del(lf, (const u8 *)&s.keys[i]))
				bad++;
	}
	bench_check(&fb_tally, !bad, "every delete succeeds on every side");
	fb_smoke_compare(&s, q, qp, nq, hits, "after deletes");
	bench_check(&fb_tally, mcnic_flow_cache_count(&s.fc) == hits,
		    "mcnic count");

	/* The timed paths themselves, once, on a short stream. */
	fb_o.lookups = 2 * FB_CHUNK;
	fb_streams(&s, fb_o.lookups);
	fb_time_inserts(&s, 0);
	for (i = 0; i < FB_NDIST; i++)
		fb_time_lookups(&s, i, 0);
	bench_check(&fb_tally, !s.bad,
		    "the timed insert and lookup loops all hit");
	fb_dpdk_destroy(0);
	fb_dpdk_destroy(1);
	fb_size_free(&s);
	free(q);
	free(qp);
}

/* ---- setup ------------------------------------------------------------- */

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define FB_SYNOPSIS(first, more)					\
	first "flowbench [--smoke] [--runs N] [--lookups N] [--batch N]\n" \
	more  "          [--core N] [--quick]\n"			\
	more  "flowbench --help\n"

static void __attribute__((noreturn)) fb_usage(void)
{
	fputs(FB_SYNOPSIS("usage: ", "       "), stderr);
	exit(2);
}

static void __attribute__((noreturn)) fb_help(void)
{
	printf("NAME\n"
	       "\tflowbench - mcnic's flow cache against DPDK's rte_hash\n"
	       "\n"
	       "SYNOPSIS\n"
	       FB_SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tTimes mcnic's exact-match flow cache against DPDK 22.11's\n"
	       "\trte_hash in the same process, on the same 44-byte keys, at\n"
	       "\t1 M and 4 M installed flows.  The baseline is in\n"
	       "\tflowbench-dpdk.c.\n"
	       "\n"
	       "\tInserts: every flow into an empty table, one\n"
	       "\tmcnic_flow_cache_insert per key against one\n"
	       "\trte_hash_add_key_data per key, and a row for\n"
	       "\tmcnic_flow_cache_insert_bulk in batches of %d.  Lookups: a\n"
	       "\tstream of installed keys, uniform or Zipf (s = %.2f), in\n"
	       "\tbatches: mcnic_flow_cache_hash and lookup_bulk against\n"
	       "\trte_hash_lookup_bulk_data, both ending with the action in\n"
	       "\thand.  mcnic's table is 90 %% full; rte_hash, given the\n"
	       "\tsame entries, runs with lock-free readers and with default\n"
	       "\tflags.\n"
	       "\n"
	       "\tEach run measures every side once, on one pinned core, in\n"
	       "\tthe thread's CPU time, in an order that rotates from run\n"
	       "\tto run; the median of the runs is printed.\n"
	       "\n"
	       "OPTIONS\n"
	       "\t--smoke      no timing: both sides must answer every key\n"
	       "\t             of a small table alike\n"
	       "\t--runs N     timed runs, 1..%d (default %d; 1 with\n"
	       "\t             --smoke)\n"
	       "\t--lookups N  keys looked up per timed run and\n"
	       "\t             distribution, at least %d (default %u)\n"
	       "\t--batch N    keys per bulk lookup call, 1..%d (default %d)\n"
	       "\t--core N     the cpu to pin to (default: the last one this\n"
	       "\t             process may run on)\n"
	       "\t--quick      1 M flows only, not 4 M as well\n"
	       "\t--help       print this page and exit\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when every lookup hit and both sides agreed (with\n"
	       "\t--smoke: every check passed).  1 when a smoke check\n"
	       "\tfailed, or in a timed run a side missed an installed key,\n"
	       "\treturned other actions than mcnic's or could not create\n"
	       "\tits table.  2 on bad arguments, or when DPDK's EAL cannot\n"
	       "\tstart or memory runs out.\n",
	       FB_BATCH, FB_ZIPF_S, FB_RUNS_MAX, FB_RUNS, FB_CHUNK, FB_LOOKUPS,
	       FB_BULK_MAX, FB_BATCH);
	exit(0);
}

static void fb_parse_opts(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "lookups", required_argument, NULL, 'n' },
		{ "batch", required_argument, NULL, 'b' },
		{ "core", required_argument, NULL, 'c' },
		{ "quick", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	fb_o.runs = FB_RUNS;
	fb_o.lookups = FB_LOOKUPS;
	fb_o.batch = FB_BATCH;
	fb_o.core = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': fb_o.smoke = 1; break;
		case 'r': fb_o.runs = strtoul(optarg, NULL, 0); break;
		case 'n': fb_o.lookups = strtoul(optarg, NULL, 0); break;
		case 'b': fb_o.batch = strtoul(optarg, NULL, 0); break;
		case 'c': fb_o.core = strtol(optarg, NULL, 0); break;
		case 'q': fb_o.quick = 1; break;
		case 'h': fb_help();
		default: fb_usage();
		}
	}
	if (optind != argc || fb_o.runs < 1 || fb_o.runs > FB_RUNS_MAX ||
	    fb_o.lookups < FB_CHUNK || fb_o.batch < 1 ||
	    fb_o.batch > FB_BULK_MAX) {
		fprintf(stderr, "flowbench: bad arguments (--runs 1..%d,"
			" --lookups >= %d, --batch 1..%d)\n", FB_RUNS_MAX,
			FB_CHUNK, FB_BULK_MAX);
		fb_usage();
	}
	if (fb_o.smoke)
		fb_o.runs = 1;
}

int main(int argc, char **argv)
{
	static const u32 sizes[] = { 1000000, 4000000 };
	static struct fb_size sz[2];
	int i, nsz = 2, rc = 0;

	fb_parse_opts(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	fb_o.core = bench_pin_core(fb_o.core);
	fb_chunk = bench_alloc(FB_CHUNK * sizeof(*fb_chunk));
	fb_chunk_ptr = bench_alloc(FB_CHUNK * sizeof(*fb_chunk_ptr));
	for (i = 0; i < FB_CHUNK; i++)
		fb_chunk_ptr[i] = &fb_chunk[i];
	if (bench_eal_init("flowbench", fb_o.core,
			   fb_o.smoke ? 256 : FB_EAL_MB, 0))
		return 2;
	if (fb_o.smoke) {
		fb_smoke();
		rc = bench_summary(&fb_tally);
		fb_dpdk_fini();
		free(fb_chunk);
		free(fb_chunk_ptr);
		return rc;
	}
	if (fb_o.quick)
		nsz = 1;
	for (i = 0; i < nsz && !rc; i++) {
		rc = fb_prepare(&sz[i], sizes[i]) || fb_measure(&sz[i]);
		/* Keep only the results: the next size needs the memory. */
		fb_size_free(&sz[i]);
	}
	if (!rc)
		fb_report(sz, nsz);
	else
		fprintf(stderr, "flowbench: FAILED (see above)\n");
	fb_dpdk_fini();
	free(fb_chunk);
	free(fb_chunk_ptr);
	return rc ? 1 : 0;
}
