// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The exact-match flow cache (firmware/dp/flow_cache.c): the API's
 * contract (EEXIST, ENOENT, ENOSPC, every key byte significant, counters,
 * aging, dumps, clear), the load it reaches (4,000,000 flows in a table of
 * 4,400,000), bulk lookups and inserts against single ones, the writer's
 * second-bucket shortcut under churn, the counts of cached drops by
 * address pair, and one writer churning the table
 * near 90 % load under two lock-free readers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <cmocka.h>

#include "dp/flow_cache.h"

#define SEED	0x5eed1234u

struct tfc {
	struct mcnic_flow_cache fc;
	void *mem;
};

static void tfc_init(struct tfc *t, u32 capacity)
{
	size_t size = mcnic_flow_cache_mem_size(capacity);

	assert_true(size > 0);
	t->mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	assert_non_null(t->mem);
	assert_int_equal(mcnic_flow_cache_init(&t->fc, t->mem, size, capacity,
					       SEED), 0);
}

static void tfc_fini(struct tfc *t)
{
	free(t->mem);
}

static u64 mix64(u64 x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

/* Flow i: distinct for distinct i (i sits in saddr[12..15]). */
static void mk_key(u32 i, struct mcnic_flow_key *k)
{
	u64 a = mix64(i), b = mix64(a);

	memset(k, 0, sizeof(*k));
	memcpy(k->saddr, &a, 8);
	memcpy(k->saddr + 12, &i, 4);
	memcpy(k->daddr, &b, 8);
	k->zone = (u32)(b >> 40);
	k->sport = (u16)a;
	k->dport = (u16)(a >> 16);
	k->port = i & 3;
	k->kind = MCNIC_FK_IPV6 | (i & 1 ? MCNIC_FK_INGRESS : 0);
	k->proto = i & 2 ? 6 : 17;
}

static u32 hash_of(const struct tfc *t, const struct mcnic_flow_key *k)
{
	return mcnic_flow_cache_hash(&t->fc, k);
}

static u32 key_sum(const struct mcnic_flow_key *k)
{
	const u8 *p = (const u8 *)k;
	u32 h = 2166136261u;
	size_t i;

	for (i = 0; i < sizeof(*k); i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/*
 * The action and gen a flow gets at version v: every field derives from
 * the key's checksum and v, so a key paired with another flow's action,
 * or a gen from one version with an action from another, is detected.
 */
static void mk_act(const struct mcnic_flow_key *k, u32 v, u32 *gen,
		   struct mcnic_tunnel_action *a)
{
	u32 s = key_sum(k);

	memset(a, 0, sizeof(*a));
	a->type = 1 + v % 3;
	a->flags = s & 3;
	a->port = (u16)(s >> 8);
	a->queue = (u16)v;
	a->drop_reason = (u8)(s >> 24);
	a->tmpl = s ^ (v * 0x9e3779b9u);
	a->rule = v;
	*gen = ~s ^ v;
}

/* 1 if (gen, a) is what mk_act gives k at some version. */
static int act_ok(const struct mcnic_flow_key *k, u32 gen,
		  const struct mcnic_tunnel_action *a)
{
	struct mcnic_tunnel_action want;
	u32 wgen;

	mk_act(k, a->rule, &wgen, &want);
	return wgen == gen && !memcmp(&want, a, sizeof(want));
}

static s32 insert_v(struct tfc *t, const struct mcnic_flow_key *k, u32 v,
		    u64 now)
{
	struct mcnic_tunnel_action a;
	u32 gen;

	mk_act(k, v, &gen, &a);
	return mcnic_flow_cache_insert(&t->fc, k, hash_of(t, k), gen, &a, now);
}

static s32 lookup(struct tfc *t, const struct mcnic_flow_key *k, u32 *gen,
		  struct mcnic_tunnel_action *a)
{
	return mcnic_flow_cache_lookup(&t->fc, k, hash_of(t, k), gen, a);
}

/* Found with the action of version v. */
static void assert_found(struct tfc *t, const struct mcnic_flow_key *k,
			 s32 idx, u32 v)
{
	struct mcnic_tunnel_action a, want;
	u32 gen, wgen;

	mk_act(k, v, &wgen, &want);
	assert_int_equal(lookup(t, k, &gen, &a), idx);
	assert_int_equal(gen, wgen);
	assert_memory_equal(&a, &want, sizeof(a));
}

static void assert_absent(struct tfc *t, const struct mcnic_flow_key *k)
{
	struct mcnic_tunnel_action a;
	u32 gen;

	assert_int_equal(lookup(t, k, &gen, &a), -MCNIC_ENOENT);
}

static void test_init_args(void **state)
{
	size_t size = mcnic_flow_cache_mem_size(64);
	struct mcnic_flow_cache fc;
	u8 *mem = aligned_alloc(64, size + 64);

	assert_non_null(mem);
	assert_int_equal(mcnic_flow_cache_mem_size(0), 0);
	assert_int_equal(mcnic_flow_cache_mem_size(MCNIC_FLOW_CACHE_MAX + 1),
			 0);
	assert_int_equal(mcnic_flow_cache_init(&fc, mem, size, 0, 1),
			 -MCNIC_EINVAL);
	assert_int_equal(mcnic_flow_cache_init(&fc, mem, size - 1, 64, 1),
			 -MCNIC_EINVAL);
	assert_int_equal(mcnic_flow_cache_init(&fc, mem + 8, size, 64, 1),
			 -MCNIC_EINVAL);
	/* Capacity rounds up to whole buckets of 8 and mem_size follows. */
	assert_true(mcnic_flow_cache_mem_size(57) ==
		    mcnic_flow_cache_mem_size(64));
	assert_true(mcnic_flow_cache_mem_size(65) > size);
	assert_int_equal(mcnic_flow_cache_init(&fc, mem, size, 57, 1), 0);
	assert_int_equal(mcnic_flow_cache_capacity(&fc), 64);
	assert_int_equal(mcnic_flow_cache_count(&fc), 0);
	free(mem);
}

static void test_basics(void **state)
{
	struct mcnic_tunnel_action a, b;
	struct mcnic_flow_key k, k2;
	struct tfc t;
	u32 gen;
	s32 idx, idx2;

	tfc_init(&t, 100);
	assert_int_equal(mcnic_flow_cache_capacity(&t.fc), 104);
	mk_key(7, &k);
	mk_key(8, &k2);
	assert_absent(&t, &k);
	idx = insert_v(&t, &k, 1, 10);
	assert_true(idx >= 0);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 1);
	assert_found(&t, &k, idx, 1);
	assert_absent(&t, &k2);

	/* EEXIST leaves the installed action alone. */
	assert_int_equal(insert_v(&t, &k, 2, 11), -MCNIC_EEXIST);
	assert_found(&t, &k, idx, 1);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 1);
	/* A hash that is not the key's is refused, not filed wrongly. */
	mk_act(&k2, 1, &gen, &a);
	assert_int_equal(mcnic_flow_cache_insert(&t.fc, &k2,
						 hash_of(&t, &k2) ^ 1, gen,
						 &a, 0), -MCNIC_EINVAL);

	idx2 = insert_v(&t, &k2, 5, 12);
	assert_true(idx2 >= 0 && idx2 != idx);
	mk_act(&k, 9, &gen, &b);
	assert_int_equal(mcnic_flow_cache_update(&t.fc, idx, gen, &b), 0);
	assert_found(&t, &k, idx, 9);
	assert_found(&t, &k2, idx2, 5);

	assert_int_equal(mcnic_flow_cache_delete(&t.fc, &k, hash_of(&t, &k)),
			 0);
	assert_absent(&t, &k);
	assert_found(&t, &k2, idx2, 5);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 1);
	assert_int_equal(mcnic_flow_cache_delete(&t.fc, &k, hash_of(&t, &k)),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_update(&t.fc, idx, gen, &b),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_delete_idx(&t.fc, idx),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_delete_idx(&t.fc, -1),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_delete_idx(&t.fc, 104),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_delete_idx(&t.fc, idx2), 0);
	assert_absent(&t, &k2);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 0);
	/* Deleted flows come back as new ones. */
	idx = insert_v(&t, &k, 3, 13);
	assert_true(idx >= 0);
	assert_found(&t, &k, idx, 3);
	tfc_fini(&t);
}

/* A key differing from an installed one in any single byte is another flow. */
static void test_key_bytes(void **state)
{
	struct mcnic_flow_key base, k;
	s32 idx[1 + 2 * sizeof(k)];
	struct tfc t;
	u32 i, n = 0;

	tfc_init(&t, 1024);
	mk_key(42, &base);
	idx[n++] = insert_v(&t, &base, 0, 0);
	assert_true(idx[0] >= 0);
	for (i = 0; i < 2 * sizeof(k); i++) {
		k = base;
		/* Low bit, then high bit: byte i % 44. */
		((u8 *)&k)[i % sizeof(k)] ^= i < sizeof(k) ? 0x01 : 0x80;
		assert_absent(&t, &k);
		idx[n] = insert_v(&t, &k, n, 0);
		assert_true(idx[n] >= 0);
		n++;
	}
	assert_int_equal(mcnic_flow_cache_count(&t.fc), n);
	assert_found(&t, &base, idx[0], 0);
	for (i = 0; i < 2 * sizeof(k); i++) {
		k = base;
		((u8 *)&k)[i % sizeof(k)] ^= i < sizeof(k) ? 0x01 : 0x80;
		assert_found(&t, &k, idx[i + 1], i + 1);
	}
	tfc_fini(&t);
}

static void test_stats_and_aging(void **state)
{
	struct mcnic_flow_stats st;
	struct mcnic_flow_key k;
	struct tfc t;
	s32 idx[300];
	u32 i, cursor = 0, n, total = 0, calls = 0;

	tfc_init(&t, 512);
	for (i = 0; i < 300; i++) {
		mk_key(i, &k);
		idx[i] = insert_v(&t, &k, i, 1000 + i);
		assert_true(idx[i] >= 0);
	}
	assert_int_equal(mcnic_flow_cache_read(&t.fc, idx[5], NULL, &st), 0);
	assert_int_equal(st.packets, 0);
	assert_int_equal(st.bytes, 0);
	assert_int_equal(st.first_seen, 1005);
	assert_int_equal(st.last_seen, 1005);
	mcnic_flow_cache_hit(&t.fc, idx[5], 100, 5000);
	mcnic_flow_cache_hit(&t.fc, idx[5], 1400, 6000);
	mcnic_flow_cache_hit(&t.fc, idx[5], 64, 7000);
	mcnic_flow_cache_hit(&t.fc, -1, 64, 7000);	/* ignored */
	assert_int_equal(mcnic_flow_cache_read(&t.fc, idx[5], NULL, &st), 0);
	assert_int_equal(st.packets, 3);
	assert_int_equal(st.bytes, 1564);
	assert_int_equal(st.first_seen, 1005);
	assert_int_equal(st.last_seen, 7000);
	/* Flows 200..299 seen recently too. */
	for (i = 200; i < 300; i++)
		mcnic_flow_cache_hit(&t.fc, idx[i], 1, 8000);

	/* Everything last seen before 4000 goes, 16 at a time. */
	do {
		n = mcnic_flow_cache_expire(&t.fc, 4000, &cursor, 16);
		assert_true(n <= 16);
		total += n;
		calls++;
	} while (cursor && calls < 100);
	assert_int_equal(cursor, 0);
	assert_int_equal(total, 199);
	assert_true(calls >= 199 / 16);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 101);
	for (i = 0; i < 300; i++) {
		mk_key(i, &k);
		if (i == 5 || i >= 200)
			assert_found(&t, &k, idx[i], i);
		else
			assert_absent(&t, &k);
	}
	/* A second sweep finds nothing more; budget 0 deletes nothing. */
	assert_int_equal(mcnic_flow_cache_expire(&t.fc, 4000, &cursor, 1000),
			 0);
	assert_int_equal(mcnic_flow_cache_expire(&t.fc, 9000, &cursor, 0), 0);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 101);
	/* A reused entry starts from zero counters. */
	mk_key(1000, &k);
	n = insert_v(&t, &k, 1, 9999);
	assert_int_equal(mcnic_flow_cache_read(&t.fc, n, NULL, &st), 0);
	assert_int_equal(st.packets, 0);
	assert_int_equal(st.first_seen, 9999);
	tfc_fini(&t);
}

/* k's reply: addresses and ports swap, the receiving side differs. */
static void mk_reply(const struct mcnic_flow_key *k, struct mcnic_flow_key *r)
{
	*r = *k;
	memcpy(r->saddr, k->daddr, 16);
	memcpy(r->daddr, k->saddr, 16);
	r->sport = k->dport;
	r->dport = k->sport;
	r->zone = ~k->zone;
	r->port = k->port ^ 1;
	r->kind = k->kind ^ MCNIC_FK_INGRESS;
}

static s32 insert_drop(struct tfc *t, const struct mcnic_flow_key *k, int drop)
{
	struct mcnic_tunnel_action a;

	memset(&a, 0, sizeof(a));
	a.type = drop ? MCNIC_ACT_DROP : MCNIC_ACT_ENCAP;
	return mcnic_flow_cache_insert(&t->fc, k, hash_of(t, k), 1, &a, 10);
}

/* Every cached drop is seen from both directions; none is left over. */
static void assert_drop_pairs(struct tfc *t, const u8 *drop, u32 n)
{
	struct mcnic_flow_key k, r;
	u32 i, seen = 0;

	for (i = 0; i < n; i++) {
		mk_key(i, &k);
		mk_reply(&k, &r);
		seen += mcnic_flow_cache_drop_pair(&t->fc, &k);
		if (drop[i]) {
			assert_true(mcnic_flow_cache_drop_pair(&t->fc, &k));
			assert_true(mcnic_flow_cache_drop_pair(&t->fc, &r));
		}
	}
	if (!memchr(drop, 1, n))
		assert_int_equal(seen, 0);
}

/*
 * The drop counters by address pair follow inserts, updates (both ways),
 * deletes, aging and clear exactly: a count missed or taken twice would
 * leave a pair marked, or wrapped, once the drops are gone.
 */
static void test_drop_pairs(void **state)
{
	enum { N = 3000 };
	struct mcnic_tunnel_action a;
	struct mcnic_flow_key k;
	static u8 drop[N];
	static s32 idx[N];
	struct tfc t;
	u32 i, cursor = 0;

	tfc_init(&t, 4096);
	for (i = 0; i < N; i++) {
		mk_key(i, &k);
		drop[i] = mix64(i) % 3 == 0;
		idx[i] = insert_drop(&t, &k, drop[i]);
		assert_true(idx[i] >= 0);
	}
	assert_drop_pairs(&t, drop, N);
	/* Half the drops become allows and some allows drops. */
	memset(&a, 0, sizeof(a));
	for (i = 0; i < N; i += 2) {
		drop[i] = !drop[i];
		a.type = drop[i] ? MCNIC_ACT_DROP : MCNIC_ACT_ENCAP;
		assert_int_equal(mcnic_flow_cache_update(&t.fc, idx[i], 2, &a),
				 0);
	}
	assert_drop_pairs(&t, drop, N);
	for (i = 1; i < N; i += 4) {
		mk_key(i, &k);
		assert_int_equal(mcnic_flow_cache_delete(&t.fc, &k,
							 hash_of(&t, &k)), 0);
		drop[i] = 0;
	}
	for (i = 3; i < N; i += 4) {
		assert_int_equal(mcnic_flow_cache_delete_idx(&t.fc, idx[i]), 0);
		drop[i] = 0;
	}
	assert_drop_pairs(&t, drop, N);
	/* What is left ages out: then no pair is marked. */
	while (mcnic_flow_cache_expire(&t.fc, 11, &cursor, 100) || cursor)
		;
	memset(drop, 0, N);
	assert_drop_pairs(&t, drop, N);
	for (i = 0; i < N; i++) {
		mk_key(i, &k);
		drop[i] = 1;
		assert_true(insert_drop(&t, &k, 1) >= 0);
	}
	assert_drop_pairs(&t, drop, N);
	mcnic_flow_cache_clear(&t.fc);
	memset(drop, 0, N);
	assert_drop_pairs(&t, drop, N);
	tfc_fini(&t);
}

static void test_dump(void **state)
{
	struct mcnic_flow_key k;
	struct mcnic_flow_entry e;
	struct mcnic_tunnel_action want;
	struct tfc t;
	s32 idx[1000], j, prev = -1;
	u32 i, seen = 0, gen, *mark;

	tfc_init(&t, 1200);
	for (i = 0; i < 1000; i++) {
		mk_key(i, &k);
		idx[i] = insert_v(&t, &k, i, 0);
		assert_true(idx[i] >= 0);
	}
	for (i = 0; i < 1000; i += 3)
		assert_int_equal(mcnic_flow_cache_delete_idx(&t.fc, idx[i]),
				 0);
	mark = calloc(1200, sizeof(*mark));
	assert_non_null(mark);
	for (i = 0; i < 1000; i++)
		mark[idx[i]] = 1 + i;
	for (j = mcnic_flow_cache_next(&t.fc, 0); j >= 0;
	     j = mcnic_flow_cache_next(&t.fc, j + 1)) {
		assert_true(j > prev && j < 1200);
		prev = j;
		assert_true(mark[j]);
		i = mark[j] - 1;
		assert_true(i % 3 != 0);
		assert_int_equal(mcnic_flow_cache_read(&t.fc, j, &e, NULL), 0);
		mk_key(i, &k);
		mk_act(&k, i, &gen, &want);
		assert_memory_equal(&e.key, &k, sizeof(k));
		assert_int_equal(e.gen, gen);
		assert_memory_equal(&e.act, &want, sizeof(want));
		seen++;
	}
	assert_int_equal(seen, 666);
	assert_int_equal(seen, mcnic_flow_cache_count(&t.fc));
	assert_int_equal(mcnic_flow_cache_read(&t.fc, idx[0], &e, NULL),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_next(&t.fc, 1200), -MCNIC_ENOENT);
	assert_int_equal(mcnic_flow_cache_next(&t.fc, prev + 1),
			 -MCNIC_ENOENT);
	free(mark);
	tfc_fini(&t);
}

static void test_clear(void **state)
{
	struct mcnic_flow_key k;
	struct tfc t;
	u32 i;
	s32 idx;

	tfc_init(&t, 4096);
	for (i = 0; i < 3000; i++) {
		mk_key(i, &k);
		assert_true(insert_v(&t, &k, i, 0) >= 0);
	}
	mcnic_flow_cache_clear(&t.fc);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 0);
	assert_int_equal(mcnic_flow_cache_primary(&t.fc), 0);
	assert_int_equal(mcnic_flow_cache_next(&t.fc, 0), -MCNIC_ENOENT);
	for (i = 0; i < 3000; i++) {
		mk_key(i, &k);
		assert_absent(&t, &k);
	}
	/* Full capacity is available again. */
	for (i = 0; i < 3600; i++) {
		mk_key(i + 5000, &k);
		idx = insert_v(&t, &k, i, 0);
		assert_true(idx >= 0);
	}
	assert_int_equal(mcnic_flow_cache_count(&t.fc), 3600);
	tfc_fini(&t);
}

/* Every key of [from, to) found with the action of version = its number. */
static void assert_range_found(struct tfc *t, u32 from, u32 to)
{
	enum { B = 64 };
	struct mcnic_flow_key k[B];
	struct mcnic_tunnel_action a[B];
	u32 h[B], gen[B], i, j, n;
	s32 idx[B];
	u32 bad = 0;

	for (i = from; i < to; i += n) {
		n = to - i < B ? to - i : B;
		for (j = 0; j < n; j++) {
			mk_key(i + j, &k[j]);
			h[j] = hash_of(t, &k[j]);
		}
		mcnic_flow_cache_lookup_bulk(&t->fc, k, h, n, idx, gen, a);
		for (j = 0; j < n; j++)
			if (idx[j] < 0 || !act_ok(&k[j], gen[j], &a[j]) ||
			    a[j].rule != i + j)
				bad++;
	}
	assert_int_equal(bad, 0);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * 4,000,000 flows into a table of 4,400,000 (90.9 %): none may fail.  Then
 * every flow is found, absent ones are not, and filling on shows the load
 * of the first -MCNIC_ENOSPC.
 */
static void test_load_90(void **state)
{
	const u32 cap = 4400000, n = 4000000;
	struct mcnic_flow_key k;
	struct tfc t;
	double t0, t1;
	u32 i, fails = 0;
	s32 r = 0;

	tfc_init(&t, cap);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		mk_key(i, &k);
		if (insert_v(&t, &k, i, 0) < 0)
			fails++;
	}
	t1 = now_s();
	assert_int_equal(fails, 0);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), n);
	print_message("load %.1f %%: %.2f M inserts/s, %.1f %% of entries in "
		      "their first-choice bucket, %llu displacements\n",
		      100.0 * n / cap, n / (t1 - t0) / 1e6,
		      100.0 * mcnic_flow_cache_primary(&t.fc) / n,
		      (unsigned long long)mcnic_flow_cache_moves(&t.fc));
	/* Inserts prefer the first choice: most hits read two lines. */
	assert_true(mcnic_flow_cache_primary(&t.fc) > n / 10 * 8);
	assert_range_found(&t, 0, n);
	for (i = 0; i < 200000; i++) {
		mk_key(n + 1000000 + i * 7, &k);
		assert_absent(&t, &k);
	}

	/* Fill on until the first failure. */
	for (i = n; i < cap; i++) {
		mk_key(i, &k);
		r = insert_v(&t, &k, i, 0);
		if (r < 0)
			break;
	}
	assert_int_equal(r, -MCNIC_ENOSPC);
	print_message("first -ENOSPC with %u of %u entries: load %.2f %%\n",
		      mcnic_flow_cache_count(&t.fc), cap,
		      100.0 * mcnic_flow_cache_count(&t.fc) / cap);
	assert_true(mcnic_flow_cache_count(&t.fc) > cap / 100 * 95);
	tfc_fini(&t);
}

/* Fill until -ENOSPC: nothing lost, the failed insert changes nothing. */
static void test_full(void **state)
{
	const u32 cap = 20000;
	struct mcnic_flow_key k;
	struct tfc t;
	u32 i, ok = 0, first_fail = 0, count;
	s32 r;

	tfc_init(&t, cap);
	for (i = 0; i < 2 * cap; i++) {
		mk_key(i, &k);
		count = mcnic_flow_cache_count(&t.fc);
		r = insert_v(&t, &k, i, 0);
		if (r >= 0) {
			ok++;
			continue;
		}
		assert_int_equal(r, -MCNIC_ENOSPC);
		assert_int_equal(mcnic_flow_cache_count(&t.fc), count);
		assert_absent(&t, &k);
		if (!first_fail) {
			first_fail = i;
			print_message("first -ENOSPC at load %.2f %%\n",
				      100.0 * count / cap);
			assert_true(count >= cap / 100 * 95);
			/* Everything inserted so far is still there. */
			assert_range_found(&t, 0, i);
		}
	}
	assert_true(first_fail > 0);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), ok);
	print_message("after %u inserts: %u entries of %u\n", 2 * cap, ok, cap);
	/* Every success is findable (found by version = key number). */
	for (i = 0; i < 2 * cap; i++) {
		struct mcnic_tunnel_action a;
		u32 gen;

		mk_key(i, &k);
		r = lookup(&t, &k, &gen, &a);
		if (r >= 0) {
			assert_true(act_ok(&k, gen, &a));
			assert_int_equal(a.rule, i);
			ok--;
		}
	}
	assert_int_equal(ok, 0);
	/* Retries with other keys filled it; now the entry pool refuses. */
	assert_int_equal(mcnic_flow_cache_count(&t.fc), cap);
	mk_key(3 * cap, &k);
	assert_int_equal(insert_v(&t, &k, 0, 0), -MCNIC_ENOSPC);
	assert_int_equal(mcnic_flow_cache_count(&t.fc), cap);
	tfc_fini(&t);
}

/* Bulk lookups give what single lookups give, for any batch size. */
static void test_bulk_equals_single(void **state)
{
	static const u32 sizes[] = { 1, 7, 31, 32, 33, 64, 100, 1000 };
	enum { N = 2000 };
	struct mcnic_flow_key *k = calloc(N, sizeof(*k));
	struct mcnic_tunnel_action *a = calloc(N, sizeof(*a)), sa;
	u32 *h = calloc(N, sizeof(*h)), *gen = calloc(N, sizeof(*gen));
	s32 *idx = calloc(N, sizeof(*idx));
	u32 i, j, s, sg, hits = 0;
	struct tfc t;

	assert_true(k && a && h && gen && idx);
	tfc_init(&t, 40000);
	for (i = 0; i < 36000; i++) {
		struct mcnic_flow_key key;

		mk_key(2 * i, &key);
		assert_true(insert_v(&t, &key, i, 0) >= 0);
	}
	/* Even numbers below 72000 are present, the rest absent. */
	for (i = 0; i < N; i++) {
		mk_key((u32)(mix64(i) % 80000), &k[i]);
		h[i] = hash_of(&t, &k[i]);
	}
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		memset(idx, 0x55, N * sizeof(*idx));
		for (i = 0; i < N; i += sizes[s]) {
			j = N - i < sizes[s] ? N - i : sizes[s];
			mcnic_flow_cache_lookup_bulk(&t.fc, k + i, h + i, j,
						     idx + i, gen + i, a + i);
		}
		for (i = 0; i < N; i++) {
			s32 r = mcnic_flow_cache_lookup(&t.fc, &k[i], h[i],
							&sg, &sa);

			assert_int_equal(idx[i], r);
			if (r < 0)
				continue;
			hits++;
			assert_int_equal(gen[i], sg);
			assert_memory_equal(&a[i], &sa, sizeof(sa));
		}
	}
	assert_true(hits > N / 4 * 8 && hits < N * 8);
	tfc_fini(&t);
	free(k);
	free(a);
	free(h);
	free(gen);
	free(idx);
}

/* Op i of the bulk-insert sequence: flow i % 7001 (so many repeat). */
static void bulk_op(struct tfc *t, u32 i, struct mcnic_flow_key *k, u32 *h,
		    u32 *gen, struct mcnic_tunnel_action *a)
{
	mk_key(i % 7001, k);
	mk_act(k, i, gen, a);
	/* One op in 97 passes a hash that is not the key's. */
	*h = hash_of(t, k) ^ (i % 97 ? 0 : 0x100);
}

/*
 * insert_bulk returns, op for op, what single inserts return, and leaves
 * the same table: same indices, placements and displacements; the ops
 * repeat flows (inside a batch too), carry bad hashes and overfill it.
 */
static void test_insert_bulk(void **state)
{
	static const u32 sizes[] = { 1, 7, 31, 32, 33, 100 };
	enum { N = 9000, CAP = 6400 };
	struct mcnic_flow_key *k = calloc(N, sizeof(*k));
	struct mcnic_tunnel_action *a = calloc(N, sizeof(*a)), la, sa;
	u32 *h = calloc(N, sizeof(*h)), *gen = calloc(N, sizeof(*gen));
	s32 *idx = calloc(N, sizeof(*idx)), r;
	u32 i, j, s, lg, sg, seen[4] = { 0 };
	struct tfc one, bulk;

	assert_true(k && a && h && gen && idx);
	tfc_init(&one, CAP);
	tfc_init(&bulk, CAP);
	for (i = 0; i < N; i++)
		bulk_op(&one, i, &k[i], &h[i], &gen[i], &a[i]);
	for (i = 0, s = 0; i < N; i += j, s++) {
		j = sizes[s % 6] < N - i ? sizes[s % 6] : N - i;
		mcnic_flow_cache_insert_bulk(&bulk.fc, k + i, h + i, j,
					     gen + i, a + i, 0, idx + i);
	}
	for (i = 0; i < N; i++) {
		r = mcnic_flow_cache_insert(&one.fc, &k[i], h[i], gen[i],
					    &a[i], 0);
		assert_int_equal(idx[i], r);
		seen[r >= 0 ? 0 : r == -MCNIC_EEXIST ? 1 :
		     r == -MCNIC_EINVAL ? 2 : 3]++;
	}
	/* Every outcome occurred: successes, EEXIST, EINVAL, ENOSPC. */
	assert_true(seen[0] > CAP / 100 * 95 && seen[1] && seen[2] && seen[3]);
	assert_int_equal(seen[3] + seen[2] + seen[1] + seen[0], N);
	assert_int_equal(mcnic_flow_cache_count(&bulk.fc),
			 mcnic_flow_cache_count(&one.fc));
	assert_int_equal(mcnic_flow_cache_primary(&bulk.fc),
			 mcnic_flow_cache_primary(&one.fc));
	assert_true(mcnic_flow_cache_moves(&bulk.fc) > 0);
	assert_int_equal(mcnic_flow_cache_moves(&bulk.fc),
			 mcnic_flow_cache_moves(&one.fc));
	for (i = 0; i < 7001; i++) {
		mk_key(i, &k[0]);
		r = lookup(&bulk, &k[0], &lg, &la);
		assert_int_equal(r, lookup(&one, &k[0], &sg, &sa));
		if (r < 0)
			continue;
		assert_int_equal(lg, sg);
		assert_memory_equal(&la, &sa, sizeof(la));
		assert_true(act_ok(&k[0], lg, &la));
	}
	tfc_fini(&one);
	tfc_fini(&bulk);
	free(k);
	free(a);
	free(h);
	free(gen);
	free(idx);
}

/*
 * The writer reads a flow's second bucket only when its first one counts
 * flows sent there: after rounds of deletes (by key and by index) and
 * inserts near 95 % load, with many flows in their second choice, every
 * present flow must still be refused as a duplicate, updated in place and
 * deleted, every absent one inserted.
 */
static void test_second_choice(void **state)
{
	enum { CAP = 8000, IDS = 12000, ROUNDS = 6 };
	s32 *where = malloc(IDS * sizeof(*where));
	struct mcnic_tunnel_action a;
	struct mcnic_flow_key k;
	u32 i, round, n = 0, gen;
	u64 rnd = 99;
	struct tfc t;
	s32 r;

	assert_non_null(where);
	tfc_init(&t, CAP);
	for (i = 0; i < IDS; i++)
		where[i] = -1;
	for (round = 0; round < ROUNDS; round++) {
		/* Fill to 95 % with random ids, then delete a third. */
		while (n < CAP / 100 * 95) {
			i = mix64(++rnd) % IDS;
			mk_key(i, &k);
			r = insert_v(&t, &k, round, 0);
			if (where[i] >= 0) {
				assert_int_equal(r, -MCNIC_EEXIST);
				continue;
			}
			assert_true(r >= 0);
			where[i] = r;
			n++;
		}
		assert_int_equal(mcnic_flow_cache_count(&t.fc), n);
		/* Non-vacuous: many flows sit in their second bucket. */
		assert_true(mcnic_flow_cache_primary(&t.fc) < n / 100 * 95);
		for (i = 0; i < IDS; i++) {
			if (where[i] < 0 || mix64(++rnd) % 3)
				continue;
			mk_key(i, &k);
			if (i & 1)
				r = mcnic_flow_cache_delete(&t.fc, &k,
							    hash_of(&t, &k));
			else
				r = mcnic_flow_cache_delete_idx(&t.fc,
								where[i]);
			assert_int_equal(r, 0);
			where[i] = -1;
			n--;
		}
		for (i = 0; i < IDS; i++) {
			mk_key(i, &k);
			if (where[i] < 0) {
				assert_absent(&t, &k);
				continue;
			}
			assert_int_equal(insert_v(&t, &k, 0, 0),
					 -MCNIC_EEXIST);
			mk_act(&k, round + 100, &gen, &a);
			assert_int_equal(mcnic_flow_cache_update(&t.fc,
								 where[i],
								 gen, &a), 0);
			assert_found(&t, &k, where[i], round + 100);
		}
		assert_int_equal(mcnic_flow_cache_count(&t.fc), n);
	}
	/* All gone again: a clear table takes every flow back. */
	mcnic_flow_cache_clear(&t.fc);
	for (i = 0; i < CAP / 100 * 95; i++) {
		mk_key(i, &k);
		assert_true(insert_v(&t, &k, 0, 0) >= 0);
	}
	tfc_fini(&t);
	free(where);
}

/*
 * Concurrency: one writer, two readers, about 2 s, the table near 90 %.
 *
 * Stable flows (never deleted, but updated) must always be found: no false
 * miss, even while cuckoo displacements move them (the test checks that
 * displacements did happen).  Churn flows are inserted, updated and
 * deleted continuously, so their entries are reused by other flows while
 * readers look them up.  Every action is a checksum of its key and a
 * version, so a reader that got a key/action mixture, or half an update,
 * fails.  This covers delete-while-lookup (a churn flow is deleted and its
 * entry reused) and update-while-lookup (stable and churn flows are
 * rewritten in place).
 */
struct cc_cfg {
	u32 cap;
	u32 stable;		/* flows 0..stable-1 */
	u32 churn;		/* flows after those, 60 % present */
	u32 churn_every;	/* a reader's lookups of churn flows: 1 in n */
	double seconds;
};

struct cc_shared {
	const struct cc_cfg *cfg;
	struct tfc t;
	u32 stop;
	u32 *version;		/* writer's view, per flow */
};

struct cc_reader {
	struct cc_shared *sh;
	u64 seed;
	u64 lookups, false_miss, torn, eagain, churn_hits;
};

static u64 cc_rand(u64 *s)
{
	*s += 0x9e3779b97f4a7c15ull;
	return mix64(*s);
}

/* A reader retries -EAGAIN (a preempted writer), never counts it a miss. */
static s32 cc_lookup(struct cc_reader *r, const struct mcnic_flow_key *k,
		     u32 h, u32 *gen, struct mcnic_tunnel_action *a)
{
	s32 x;

	while ((x = mcnic_flow_cache_lookup(&r->sh->t.fc, k, h, gen, a)) ==
	       -MCNIC_EAGAIN)
		r->eagain++;
	return x;
}

static void *cc_read(void *arg)
{
	enum { B = 16 };
	struct cc_reader *r = arg;
	const struct cc_cfg *cfg = r->sh->cfg;
	struct mcnic_flow_key k[B];
	struct mcnic_tunnel_action a[B];
	u32 h[B], gen[B], id[B], j;
	s32 idx[B];
	u64 n = 0;

	while (!__atomic_load_n(&r->sh->stop, __ATOMIC_RELAXED)) {
		for (j = 0; j < B; j++) {
			id[j] = j % cfg->churn_every ?
				cc_rand(&r->seed) % cfg->stable :
				cfg->stable + cc_rand(&r->seed) % cfg->churn;
			mk_key(id[j], &k[j]);
			h[j] = mcnic_flow_cache_hash(&r->sh->t.fc, &k[j]);
		}
		if (n++ & 1) {
			mcnic_flow_cache_lookup_bulk(&r->sh->t.fc, k, h, B,
						     idx, gen, a);
			for (j = 0; j < B; j++)
				if (idx[j] == -MCNIC_EAGAIN)
					idx[j] = cc_lookup(r, &k[j], h[j],
							   &gen[j], &a[j]);
		} else {
			for (j = 0; j < B; j++)
				idx[j] = cc_lookup(r, &k[j], h[j], &gen[j],
						   &a[j]);
		}
		for (j = 0; j < B; j++) {
			r->lookups++;
			if (idx[j] < 0) {
				if (id[j] < cfg->stable)
					r->false_miss++;
				continue;
			}
			if (id[j] >= cfg->stable)
				r->churn_hits++;
			if (!act_ok(&k[j], gen[j], &a[j]))
				r->torn++;
		}
	}
	return NULL;
}

/* Updates one op in 3 of present flows, deletes the rest, inserts absent. */
static void cc_write(struct cc_shared *sh, u64 *ops)
{
	const struct cc_cfg *cfg = sh->cfg;
	struct mcnic_flow_cache *fc = &sh->t.fc;
	struct mcnic_tunnel_action a;
	struct mcnic_flow_key k;
	u64 rnd = 12345;
	double end = now_s() + cfg->seconds;
	u32 id, gen, r, h;
	s32 idx;

	while ((*ops & 1023) || now_s() < end) {
		(*ops)++;
		r = cc_rand(&rnd) % 16;
		/* One op in 16 updates a stable flow in place. */
		id = r ? cfg->stable + cc_rand(&rnd) % cfg->churn :
			 cc_rand(&rnd) % cfg->stable;
		mk_key(id, &k);
		h = mcnic_flow_cache_hash(fc, &k);
		idx = mcnic_flow_cache_lookup(fc, &k, h, &gen, &a);
		if (idx >= 0 && r < 6) {
			mk_act(&k, ++sh->version[id], &gen, &a);
			assert_int_equal(mcnic_flow_cache_update(fc, idx, gen,
								 &a), 0);
		} else if (idx >= 0) {
			assert_int_equal(mcnic_flow_cache_delete(fc, &k, h), 0);
		} else {
			assert_int_equal(idx, -MCNIC_ENOENT);
			mk_act(&k, ++sh->version[id], &gen, &a);
			idx = mcnic_flow_cache_insert(fc, &k, h, gen, &a, 0);
			assert_true(idx >= 0 || idx == -MCNIC_ENOSPC);
		}
	}
}

static void cc_run(const struct cc_cfg *cfg)
{
	struct cc_shared sh = { .cfg = cfg };
	struct cc_reader rd[2];
	pthread_t th[2];
	struct mcnic_flow_key k;
	u64 ops = 0, moves0, moves;
	u32 i;

	sh.version = calloc(cfg->stable + cfg->churn, sizeof(u32));
	assert_non_null(sh.version);
	tfc_init(&sh.t, cfg->cap);
	for (i = 0; i < cfg->stable + cfg->churn / 2; i++) {
		mk_key(i, &k);
		assert_true(insert_v(&sh.t, &k, 0, 0) >= 0);
	}
	moves0 = mcnic_flow_cache_moves(&sh.t.fc);
	for (i = 0; i < 2; i++) {
		memset(&rd[i], 0, sizeof(rd[i]));
		rd[i].sh = &sh;
		rd[i].seed = 1000 + i;
		assert_int_equal(pthread_create(&th[i], NULL, cc_read, &rd[i]),
				 0);
	}
	cc_write(&sh, &ops);
	__atomic_store_n(&sh.stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	moves = mcnic_flow_cache_moves(&sh.t.fc) - moves0;
	print_message("capacity %u: writer %llu ops, %llu displacements, "
		      "load %.1f %%\n", cfg->cap, (unsigned long long)ops,
		      (unsigned long long)moves,
		      100.0 * mcnic_flow_cache_count(&sh.t.fc) / cfg->cap);
	for (i = 0; i < 2; i++) {
		print_message("reader %u: %llu lookups (%llu churn hits), "
			      "%llu false misses, %llu torn, %llu EAGAIN\n", i,
			      (unsigned long long)rd[i].lookups,
			      (unsigned long long)rd[i].churn_hits,
			      (unsigned long long)rd[i].false_miss,
			      (unsigned long long)rd[i].torn,
			      (unsigned long long)rd[i].eagain);
		assert_true(rd[i].lookups > 10000);
		assert_true(rd[i].churn_hits > 0);
		assert_int_equal(rd[i].false_miss, 0);
		assert_int_equal(rd[i].torn, 0);
	}
	assert_true(moves > 0);
	/* Afterwards: every stable flow there with its latest version. */
	for (i = 0; i < cfg->stable; i++) {
		struct mcnic_tunnel_action a;
		u32 gen;

		mk_key(i, &k);
		assert_true(lookup(&sh.t, &k, &gen, &a) >= 0);
		assert_true(act_ok(&k, gen, &a));
		assert_int_equal(a.rule, sh.version[i]);
	}
	tfc_fini(&sh.t);
	free(sh.version);
}

/* 67 % stable flows plus 60 % of the churn set: about 89 % load. */
static void test_concurrent(void **state)
{
	static const struct cc_cfg cfg = { 65536, 44000, 24000, 2, 2.0 };

	cc_run(&cfg);
}

/*
 * The same on 32 buckets: each flow is moved far more often, so a reader
 * is much more likely to look a flow up while it changes buckets.
 */
static void test_concurrent_small(void **state)
{
	static const struct cc_cfg cfg = { 256, 140, 150, 8, 2.0 };

	cc_run(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_args),
		cmocka_unit_test(test_basics),
		cmocka_unit_test(test_key_bytes),
		cmocka_unit_test(test_stats_and_aging),
		cmocka_unit_test(test_drop_pairs),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_clear),
		cmocka_unit_test(test_bulk_equals_single),
		cmocka_unit_test(test_insert_bulk),
		cmocka_unit_test(test_second_choice),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_load_90),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_concurrent_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
