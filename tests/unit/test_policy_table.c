// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The policy classifier (firmware/dp/policy_table.c) against a brute-force
 * reference written here from the contract (include/mcnic/policy.h): a
 * linear scan over the live rules, byte-wise prefix compares.  Random rule
 * sets (prefixes, segments, protocols, port ranges, directions, families,
 * priorities with ties) and random queries, many built on rule edges, with
 * deletes and re-adds in between; then every refusal (each invalid field,
 * duplicate id, full table) with the table checked unchanged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <mcnic/policy.h>
#include "dp/policy_table.h"

#define PT_NQ		4000	/* queries per comparison */
#define PT_N(a)		(sizeof(a) / sizeof((a)[0]))

struct pt_ctx {
	struct mcnic_policy_table t;
	void *mem;
	u32 max;
	struct mcnic_policy_rule *live;	/* the reference's copy */
	u32 nlive;
};

/* ---- random numbers (xorshift64*: reproducible from the seed) ---------- */

static u64 pt_rng;
/* Rules of a few shapes only: few tuples, many rules in each. */
static int pt_few_shapes;

static u32 pt_rand(void)
{
	pt_rng ^= pt_rng >> 12;
	pt_rng ^= pt_rng << 25;
	pt_rng ^= pt_rng >> 27;
	return (u32)((pt_rng * 0x2545f4914f6cdd1dull) >> 32);
}

static u32 pt_below(u32 n)
{
	return pt_rand() % n;
}

/* ---- the reference ------------------------------------------------------ */

static int ref_prefix(const u8 *r, const u8 *q, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		if ((r[i / 8] ^ q[i / 8]) & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

static int ref_applies(const struct mcnic_policy_rule *r,
		       const struct mcnic_policy_query *q)
{
	int eg = r->match & MCNIC_POLM_EGRESS;
	int in = r->match & MCNIC_POLM_INGRESS;

	if (q->vrf != r->vrf)
		return 0;
	if ((eg || in) && !(q->ingress ? in : eg))
		return 0;
	if (r->family != 0 && r->family != q->family)
		return 0;
	if (!ref_prefix(r->src, q->src, r->src_len) ||
	    !ref_prefix(r->dst, q->dst, r->dst_len))
		return 0;
	if ((r->match & MCNIC_POLM_PROTO) && q->proto != r->proto)
		return 0;
	if ((r->match & MCNIC_POLM_SSEG) && q->sseg != r->sseg)
		return 0;
	if ((r->match & MCNIC_POLM_DSEG) && q->dseg != r->dseg)
		return 0;
	return r->sport_lo <= q->sport && q->sport <= r->sport_hi &&
	       r->dport_lo <= q->dport && q->dport <= r->dport_hi;
}

/* The winner's index in live[], or -1. */
static int ref_lookup(const struct pt_ctx *c,
		      const struct mcnic_policy_query *q)
{
	const struct mcnic_policy_rule *r, *b = NULL;
	int best = -1;
	u32 i;

	for (i = 0; i < c->nlive; i++) {
		r = &c->live[i];
		if (!ref_applies(r, q))
			continue;
		if (!b || r->priority < b->priority ||
		    (r->priority == b->priority && r->id < b->id)) {
			b = r;
			best = i;
		}
	}
	return best;
}

/* ---- fixture ------------------------------------------------------------ */

static struct pt_ctx *pt_new(u32 max)
{
	struct pt_ctx *c = calloc(1, sizeof(*c));
	size_t size = mcnic_policy_table_mem_size(max);

	assert_non_null(c);
	assert_true(size > 0);
	c->mem = malloc(size);
	c->live = calloc(max, sizeof(*c->live));
	assert_non_null(c->mem);
	assert_non_null(c->live);
	c->max = max;
	assert_int_equal(mcnic_policy_table_init(&c->t, c->mem, size, max), 0);
	return c;
}

static void pt_free(struct pt_ctx *c)
{
	free(c->mem);
	free(c->live);
	free(c);
}

static int pt_find_live(const struct pt_ctx *c, u32 id)
{
	u32 i;

	for (i = 0; i < c->nlive; i++)
		if (c->live[i].id == id)
			return i;
	return -1;
}

/* Add to both; the table must agree with the reference on the outcome. */
static int pt_add(struct pt_ctx *c, const struct mcnic_policy_rule *r)
{
	const char *field = NULL;
	int rc = mcnic_policy_table_add(&c->t, r, &field);

	if (pt_find_live(c, r->id) >= 0) {
		assert_int_equal(rc, -MCNIC_EEXIST);
	} else if (c->nlive == c->max) {
		assert_int_equal(rc, -MCNIC_ENOSPC);
	} else {
		assert_int_equal(rc, 0);
		c->live[c->nlive++] = *r;
	}
	assert_int_equal(mcnic_policy_table_count(&c->t), c->nlive);
	return rc;
}

static void pt_del(struct pt_ctx *c, u32 id)
{
	int i = pt_find_live(c, id);

	if (i < 0) {
		assert_int_equal(mcnic_policy_table_del(&c->t, id),
				 -MCNIC_ENOENT);
		return;
	}
	assert_int_equal(mcnic_policy_table_del(&c->t, id), 0);
	c->live[i] = c->live[--c->nlive];
	assert_int_equal(mcnic_policy_table_count(&c->t), c->nlive);
}

static void pt_check_query(const struct pt_ctx *c,
			   const struct mcnic_policy_query *q)
{
	int want = ref_lookup(c, q), rc;
	u32 id = 0x5a5a5a5a;
	u8 flags = 0xa5;

	rc = mcnic_policy_table_lookup(&c->t, q, &id, &flags);
	if (want < 0) {
		assert_int_equal(rc, -MCNIC_ENOENT);
		return;
	}
	if (id != c->live[want].id)
		print_error("vrf %u fam %u in %u proto %u seg %u/%u ports "
			    "%u/%u: rule %u (prio %u), want %u (prio %u)\n",
			    q->vrf, q->family, q->ingress, q->proto, q->sseg,
			    q->dseg, q->sport, q->dport, id,
			    pt_find_live(c, id) >= 0 ?
			    c->live[pt_find_live(c, id)].priority : ~0u,
			    c->live[want].id, c->live[want].priority);
	assert_int_equal(id, c->live[want].id);
	assert_int_equal(rc, c->live[want].action);
	assert_int_equal(flags, c->live[want].flags);
}

/* ---- random rules and queries ------------------------------------------ */

/*
 * Small pools of addresses, ports, segments and priorities, so that rules
 * overlap, nest, share keys and tie.
 */
static const u8 pt_v4[][4] = {
	{ 10, 0, 0, 0 }, { 10, 1, 2, 0 }, { 10, 1, 2, 128 }, { 192, 168, 0, 1 },
	{ 172, 16, 255, 255 }, { 0, 0, 0, 0 }, { 255, 255, 255, 255 },
};
static const u8 pt_v6[][16] = {
	{ 0x20, 0x01, 0x0d, 0xb8 },
	{ 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	{ 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0xff, 0xff,
	  0x80, 0, 0, 0, 0, 0, 0, 0 },
	{ 0xfd, 0x00, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff },
};
static const u16 pt_ports[] = { 0, 1, 22, 53, 80, 255, 256, 443, 511, 512,
				1023, 1024, 8080, 65534, 65535 };
static const u8 pt_protos[] = { 6, 17, 1, 58 };

static void pt_addr_mask(u8 *a, u32 len)
{
	u32 i;

	for (i = len; i < 128; i++)
		a[i / 8] &= ~(0x80 >> (i % 8));
}

static u32 pt_len(u32 alen)
{
	static const u8 common[] = { 0, 8, 16, 24, 32, 48, 64, 128 };
	u32 l;

	if (pt_few_shapes)
		return pt_below(2) ? 16 : 24;
	if (pt_below(3))
		do
			l = common[pt_below(PT_N(common))];
		while (l > alen);
	else
		l = pt_below(alen + 1);
	return l;
}

static void pt_pick_addr(u8 *a, u8 family)
{
	memset(a, 0, 16);
	if (family == 4)
		memcpy(a, pt_v4[pt_below(PT_N(pt_v4))], 4);
	else
		memcpy(a, pt_v6[pt_below(PT_N(pt_v6))], 16);
}

static void pt_range(u16 *lo, u16 *hi)
{
	u32 a, b, w;

	switch (pt_below(6)) {
	case 0:
	case 1:
		*lo = 0;
		*hi = 65535;
		return;
	case 2:
		*lo = *hi = pt_ports[pt_below(PT_N(pt_ports))];
		return;
	case 3:		/* small, often across a 256 boundary */
		a = pt_ports[pt_below(PT_N(pt_ports))];
		w = pt_below(600);
		*lo = a;
		*hi = a + w > 65535 ? 65535 : a + w;
		return;
	default:
		a = pt_ports[pt_below(PT_N(pt_ports))];
		b = pt_ports[pt_below(PT_N(pt_ports))];
		*lo = a < b ? a : b;
		*hi = a < b ? b : a;
		return;
	}
}

static void pt_rule(struct mcnic_policy_rule *r, u32 id, u32 nvrf,
		    u32 nprio)
{
	static const u8 fams[] = { 0, 4, 4, 4, 6, 6 };
	u32 alen;

	memset(r, 0, sizeof(*r));
	r->id = id;
	r->priority = pt_below(nprio);
	r->vrf = 1 + pt_below(nvrf);
	r->action = pt_below(2);
	r->flags = pt_below(2) ? MCNIC_POLF_COUNT : 0;
	r->family = fams[pt_below(PT_N(fams))];
	alen = r->family == 4 ? 32 : r->family == 6 ? 128 : 0;
	if (r->family) {
		r->src_len = pt_len(alen);
		r->dst_len = pt_len(alen);
		pt_pick_addr(r->src, r->family);
		pt_pick_addr(r->dst, r->family);
		pt_addr_mask(r->src, r->src_len);
		pt_addr_mask(r->dst, r->dst_len);
	}
	r->match = pt_below(32);
	r->proto = pt_protos[pt_below(PT_N(pt_protos))];
	/* Unmatched fields carry values too: the table must ignore them. */
	r->sseg = pt_below(4);
	r->dseg = pt_below(4);
	pt_range(&r->sport_lo, &r->sport_hi);
	pt_range(&r->dport_lo, &r->dport_hi);
	if (pt_few_shapes) {
		r->match &= MCNIC_POLM_PROTO;
		r->sport_lo = 0;
		r->sport_hi = 65535;
	}
}

static u16 pt_near(u16 lo, u16 hi)
{
	switch (pt_below(6)) {
	case 0:
		return lo;
	case 1:
		return hi;
	case 2:
		return lo - 1;
	case 3:
		return hi + 1;
	case 4:
		return lo + pt_below(hi - lo + 1);
	default:
		return pt_ports[pt_below(PT_N(pt_ports))];
	}
}

/* An address in or just outside the prefix (flip a bit at its edge). */
static void pt_near_addr(u8 *q, const u8 *p, u32 len, u8 family)
{
	u32 alen = family == 4 ? 32 : 128, bit, i;

	memcpy(q, p, 16);
	for (i = len; i < alen; i++)
		if (pt_below(2))
			q[i / 8] ^= 0x80 >> (i % 8);
	if (len && pt_below(4) == 0) {
		bit = len - 1;
		q[bit / 8] ^= 0x80 >> (bit % 8);
	}
	if (len < alen && pt_below(4) == 0)
		q[len / 8] ^= 0x80 >> (len % 8);
}

static void pt_query(const struct pt_ctx *c, struct mcnic_policy_query *q,
		     u32 nvrf)
{
	const struct mcnic_policy_rule *r;
	u8 a[16];

	memset(q, 0, sizeof(*q));
	if (!c->nlive || pt_below(4) == 0) {
		q->vrf = pt_below(nvrf + 2);	/* also 0 and unused VRFs */
		q->family = pt_below(2) ? 4 : 6;
		pt_pick_addr(a, q->family);
		pt_near_addr(q->src, a, pt_len(q->family == 4 ? 32 : 128),
			     q->family);
		pt_pick_addr(a, q->family);
		pt_near_addr(q->dst, a, pt_len(q->family == 4 ? 32 : 128),
			     q->family);
		q->sport = pt_ports[pt_below(PT_N(pt_ports))];
		q->dport = pt_ports[pt_below(PT_N(pt_ports))];
		q->proto = pt_protos[pt_below(PT_N(pt_protos))];
		q->sseg = pt_below(4);
		q->dseg = pt_below(4);
		q->ingress = pt_below(2);
		return;
	}
	r = &c->live[pt_below(c->nlive)];
	q->vrf = pt_below(16) ? r->vrf : 1 + pt_below(nvrf);
	q->family = r->family ? r->family : pt_below(2) ? 4 : 6;
	if (pt_below(16) == 0)
		q->family = 10 - q->family;
	if (r->family == q->family) {
		pt_near_addr(q->src, r->src, r->src_len, q->family);
		pt_near_addr(q->dst, r->dst, r->dst_len, q->family);
	} else {
		pt_pick_addr(q->src, q->family);
		pt_pick_addr(q->dst, q->family);
	}
	q->sport = pt_near(r->sport_lo, r->sport_hi);
	q->dport = pt_near(r->dport_lo, r->dport_hi);
	q->proto = pt_below(8) ? r->proto :
				 pt_protos[pt_below(PT_N(pt_protos))];
	q->sseg = pt_below(8) ? r->sseg : pt_below(4);
	q->dseg = pt_below(8) ? r->dseg : pt_below(4);
	q->ingress = pt_below(2);
	if (r->match & MCNIC_POLM_INGRESS && pt_below(4))
		q->ingress = 1;
	if (r->match & MCNIC_POLM_EGRESS && pt_below(4))
		q->ingress = 0;
}

/* Only the first 4 bytes of an IPv4 address count: noise in the rest. */
static void pt_v4_noise(u8 *a)
{
	u32 i;

	for (i = 4; i < 16; i++)
		a[i] = pt_rand();
}

static void pt_compare(const struct pt_ctx *c, u32 nvrf, u32 nq)
{
	struct mcnic_policy_query q;
	u32 i;

	for (i = 0; i < nq; i++) {
		pt_query(c, &q, nvrf);
		if (q.family == 4 && pt_below(8) == 0) {
			pt_v4_noise(q.src);
			pt_v4_noise(q.dst);
		}
		pt_check_query(c, &q);
	}
}

/* ---- against the reference --------------------------------------------- */

/*
 * One seed: fill, compare, delete a third at random, compare, re-add
 * (some with the deleted ids), compare; each phase also deletes an id
 * twice and adds a duplicate.
 */
static void pt_random_round(u64 seed, u32 nrules, u32 nvrf, u32 nprio)
{
	struct pt_ctx *c = pt_new(nrules + nrules / 4);
	struct mcnic_policy_rule r;
	u32 i, id, next_id = 1;

	pt_rng = seed;
	for (i = 0; i < nrules; i++) {
		pt_rule(&r, next_id, nvrf, nprio);
		next_id += 1 + pt_below(3);
		pt_add(c, &r);
	}
	pt_compare(c, nvrf, PT_NQ);
	for (i = 0; i < nrules / 3; i++) {
		id = c->live[pt_below(c->nlive)].id;
		pt_del(c, id);
		pt_del(c, id);
	}
	pt_compare(c, nvrf, PT_NQ);
	for (i = 0; i < nrules / 2; i++) {
		/* Every third re-add takes an id that may be free again. */
		id = i % 3 ? next_id++ : 1 + pt_below(next_id);
		pt_rule(&r, id, nvrf, nprio);
		pt_add(c, &r);
	}
	pt_compare(c, nvrf, PT_NQ);
	pt_free(c);
}

static void test_random_mixed(void **state)
{
	u64 seed;

	for (seed = 1; seed <= 6; seed++)
		pt_random_round(seed * 0x9e3779b97f4a7c15ull, 1500, 3, 64);
}

/* Few priorities: ties everywhere, decided by the lowest id. */
static void test_random_ties(void **state)
{
	u64 seed;

	for (seed = 1; seed <= 6; seed++)
		pt_random_round(seed * 0xbf58476d1ce4e5b9ull, 1000, 2, 3);
}

/*
 * One VRF, many rules: large tuples, merged tuples, full key groups, and
 * more rules than POL_NEAR_RULES (candidates checked a batch at a time).
 */
static void test_random_dense(void **state)
{
	pt_random_round(0x94d049bb133111ebull, 6000, 1, 1000);
}

/*
 * A tuple's best rule deleted, over and over: its place in the lookup
 * order must follow, or the walk stops before the rule that wins.
 */
static u32 pt_lowest(const struct pt_ctx *c)
{
	u32 i, lo = 0;

	for (i = 1; i < c->nlive; i++)
		if (c->live[i].priority < c->live[lo].priority)
			lo = i;
	return c->live[lo].id;
}

static void test_best_deleted(void **state)
{
	struct pt_ctx *c = pt_new(3000);
	struct mcnic_policy_rule r;
	u32 i, k;

	pt_rng = 0x3c6ef372fe94f82bull;
	pt_few_shapes = 1;
	for (i = 0; i < 3000; i++) {
		pt_rule(&r, i, 1, 1u << 20);
		/* Prefixes of at most 24 bits: valid IPv4 whatever drawn. */
		r.family = 4;
		pt_add(c, &r);
	}
	pt_compare(c, 1, PT_NQ);
	for (k = 0; k < 20; k++) {
		for (i = 0; i < 50; i++)
			pt_del(c, pt_lowest(c));
		pt_compare(c, 1, 1000);
	}
	pt_few_shapes = 0;
	pt_free(c);
}

/* Many rules with one key: overflowing buckets in a small table. */
static void test_same_key(void **state)
{
	struct pt_ctx *c = pt_new(40);
	struct mcnic_policy_rule r;
	u32 i;

	pt_rng = 7;
	memset(&r, 0, sizeof(r));
	r.vrf = 9;
	r.family = 4;
	r.src_len = 24;
	memcpy(r.src, pt_v4[1], 4);
	r.dport_hi = 65535;
	r.sport_hi = 65535;
	for (i = 0; i < 40; i++) {
		r.id = 1000 - i * 7;
		r.priority = pt_below(4);
		r.action = i & 1;
		r.sport_lo = pt_below(3);	/* shifts the winner around */
		pt_add(c, &r);
	}
	pt_compare(c, 9, PT_NQ);
	for (i = 0; i < 25; i++)
		pt_del(c, c->live[pt_below(c->nlive)].id);
	pt_compare(c, 9, PT_NQ);
	pt_free(c);
}

/* ---- the semantics, case by case --------------------------------------- */

static void pt_base_rule(struct mcnic_policy_rule *r, u32 id)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->priority = 10;
	r->vrf = 5;
	r->action = MCNIC_POL_ALLOW;
	r->family = 4;
	r->src_len = 16;
	r->src[0] = 10;
	r->src[1] = 1;
	r->dst_len = 32;
	memcpy(r->dst, pt_v4[3], 4);
	r->match = MCNIC_POLM_PROTO | MCNIC_POLM_EGRESS;
	r->proto = 6;
	r->sport_hi = 65535;
	r->dport_lo = 443;
	r->dport_hi = 443;
}

static void pt_base_query(struct mcnic_policy_query *q)
{
	memset(q, 0, sizeof(*q));
	q->vrf = 5;
	q->family = 4;
	q->src[0] = 10;
	q->src[1] = 1;
	q->src[2] = 200;
	q->src[3] = 7;
	memcpy(q->dst, pt_v4[3], 4);
	q->proto = 6;
	q->sport = 40000;
	q->dport = 443;
}

static int pt_lookup_id(struct pt_ctx *c, const struct mcnic_policy_query *q,
			u32 *id)
{
	u8 flags;

	return mcnic_policy_table_lookup(&c->t, q, id, &flags);
}

static void test_semantics(void **state)
{
	struct pt_ctx *c = pt_new(16);
	struct mcnic_policy_rule r;
	struct mcnic_policy_query q;
	u32 id;

	pt_base_rule(&r, 1);
	pt_add(c, &r);
	pt_base_query(&q);
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 1);
	q.ingress = 1;			/* egress-only rule */
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.ingress = 0;
	q.vrf = 6;			/* other VRF: its default applies */
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.vrf = 5;
	q.src[1] = 2;			/* outside 10.1/16 */
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.src[1] = 1;
	q.dport = 444;
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.dport = 443;
	q.proto = 17;
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.proto = 6;
	q.family = 6;			/* same bytes, other family */
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.family = 4;

	/* Both direction bits: both directions; family 0: both families. */
	pt_base_rule(&r, 2);
	r.match = MCNIC_POLM_EGRESS | MCNIC_POLM_INGRESS;
	r.family = 0;
	r.src_len = 0;
	r.dst_len = 0;
	memset(r.src, 0, 16);
	memset(r.dst, 0, 16);
	r.priority = 20;
	r.action = MCNIC_POL_DENY;
	pt_add(c, &r);
	q.ingress = 1;
	q.family = 6;
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_DENY);
	assert_int_equal(id, 2);

	/* Equal priority: the lower id wins, whatever the order added. */
	pt_base_rule(&r, 0);
	r.priority = 20;
	r.match = 0;
	r.family = 0;
	r.src_len = 0;
	r.dst_len = 0;
	memset(r.src, 0, 16);
	memset(r.dst, 0, 16);
	r.flags = MCNIC_POLF_COUNT;
	pt_add(c, &r);
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 0);
	pt_compare(c, 6, 500);
	pt_free(c);
}

/*
 * Tuple merging as policy_table.c describes it: rules of nearby prefix
 * lengths share a tuple, a full key pushes the next rule to a new one.
 */
/*
 * Rules that differ only in direction and family share a key: the class
 * each entry carries must keep them apart, for queries of any family.
 */
static void test_classes(void **state)
{
	struct pt_ctx *c = pt_new(16);
	struct mcnic_policy_rule r;
	struct mcnic_policy_query q;
	u32 id;

	pt_base_rule(&r, 1);		/* IPv4, egress, priority 10 */
	pt_add(c, &r);
	pt_base_rule(&r, 2);
	r.match = MCNIC_POLM_PROTO | MCNIC_POLM_INGRESS;
	r.priority = 20;
	pt_add(c, &r);
	pt_base_rule(&r, 3);		/* any family, both directions */
	r.family = 0;
	r.src_len = 0;
	r.dst_len = 0;
	memset(r.src, 0, sizeof(r.src));
	memset(r.dst, 0, sizeof(r.dst));
	r.match = MCNIC_POLM_PROTO;
	r.priority = 30;
	pt_add(c, &r);
	pt_base_query(&q);
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 1);
	q.ingress = 1;
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 2);
	q.family = 6;			/* same bytes, another family */
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 3);
	q.family = 0;			/* neither: family-0 rules only */
	q.ingress = 0;
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 3);
	assert_int_equal(mcnic_policy_table_del(&c->t, 3), 0);
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	q.family = 4;
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, 1);
	pt_free(c);
}

/* Rules a key of a tuple holds in a table this small: POL_GROUP_MAX_NEAR. */
#define PT_GROUP	16

static void test_merging(void **state)
{
	struct pt_ctx *c = pt_new(64);
	struct mcnic_policy_rule r;
	u32 i;

	pt_base_rule(&r, 1);
	r.dst_len = 24;
	r.dst[3] = 0;
	pt_add(c, &r);
	r.id = 2;
	r.dst_len = 28;			/* same byte: same tuple */
	pt_add(c, &r);
	r.id = 3;
	r.dst_len = 30;
	r.dport_lo = 80;		/* another port: another key */
	r.dport_hi = 80;
	pt_add(c, &r);
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 1);
	r.id = 4;
	r.dst_len = 16;			/* coarser than the tuple */
	r.dst[2] = 0;
	pt_add(c, &r);
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 2);
	/*
	 * PT_GROUP rules under one key fill it: the next PT_GROUP go to the
	 * coarser /16 tuple (under a key of their own there), the one after
	 * to a new tuple.
	 */
	for (i = 0; i < PT_GROUP - 2 + PT_GROUP; i++) {
		pt_base_rule(&r, 10 + i);
		r.dst_len = 24;
		r.dst[3] = 0;
		pt_add(c, &r);
	}
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 2);
	pt_base_rule(&r, 100);
	r.dst_len = 24;
	r.dst[3] = 0;
	pt_add(c, &r);
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 3);
	pt_compare(c, 6, 1000);
	pt_del(c, 100);
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 2);
	pt_compare(c, 6, 1000);
	pt_free(c);
}

/* One rule of the most entries fits the smallest table. */
static void test_one_rule(void **state)
{
	struct pt_ctx *c = pt_new(1);
	struct mcnic_policy_rule r;

	pt_base_rule(&r, 1);
	r.sport_lo = 200;
	r.sport_hi = 300;
	r.dport_lo = 500;
	r.dport_hi = 600;
	assert_int_equal(pt_add(c, &r), 0);
	pt_base_rule(&r, 2);
	assert_int_equal(pt_add(c, &r), -MCNIC_ENOSPC);
	pt_compare(c, 6, 1000);
	pt_del(c, 1);
	assert_int_equal(pt_add(c, &r), 0);
	pt_compare(c, 6, 1000);
	pt_free(c);
}

/* ---- refusals ------------------------------------------------------------ */

/* A fingerprint of what the table answers: must not move on a refusal. */
static u64 pt_answers(struct pt_ctx *c)
{
	struct mcnic_policy_query q;
	u64 h = mcnic_policy_table_count(&c->t);
	u32 i, id;
	u8 flags;
	int rc;

	pt_rng = 99;
	for (i = 0; i < 2000; i++) {
		pt_query(c, &q, 6);
		id = 0;
		flags = 0;
		rc = mcnic_policy_table_lookup(&c->t, &q, &id, &flags);
		h = h * 1000003 + (u32)rc * 31 + id * 7 + flags;
	}
	return h;
}

static void pt_fill(struct pt_ctx *c, u32 n, u64 seed)
{
	struct mcnic_policy_rule r;
	u32 i;

	pt_rng = seed;
	for (i = 0; i < n; i++) {
		pt_rule(&r, 100 + i, 6, 50);
		pt_add(c, &r);
	}
}

struct pt_bad {
	const char *field;
	void (*spoil)(struct mcnic_policy_rule *r);
};

static void b_family(struct mcnic_policy_rule *r) { r->family = 5; }
static void b_family8(struct mcnic_policy_rule *r) { r->family = 8; }
static void b_src_len(struct mcnic_policy_rule *r) { r->src_len = 33; }
static void b_dst_len(struct mcnic_policy_rule *r) { r->dst_len = 33; }
static void b_src_len6(struct mcnic_policy_rule *r)
{
	r->family = 6;
	r->src_len = 129;
}
static void b_dst_len0(struct mcnic_policy_rule *r)
{
	r->family = 0;
	r->src_len = 0;
	memset(r->src, 0, 16);
	memset(r->dst, 0, 16);
	r->dst_len = 8;
}
static void b_src_host(struct mcnic_policy_rule *r) { r->src[2] = 1; }
static void b_dst_host(struct mcnic_policy_rule *r)
{
	r->dst_len = 31;
	r->dst[3] |= 1;
}
static void b_src_beyond4(struct mcnic_policy_rule *r)
{
	r->src_len = 32;
	r->src[4] = 1;
}
static void b_dst_beyond4(struct mcnic_policy_rule *r) { r->dst[15] = 0x80; }
static void b_src_fam0(struct mcnic_policy_rule *r)
{
	r->family = 0;
	r->src_len = 0;
	r->dst_len = 0;
	memset(r->dst, 0, 16);
}
static void b_sport(struct mcnic_policy_rule *r)
{
	r->sport_lo = 10;
	r->sport_hi = 9;
}
static void b_dport(struct mcnic_policy_rule *r) { r->dport_lo = 444; }
static void b_action(struct mcnic_policy_rule *r) { r->action = 2; }
static void b_match(struct mcnic_policy_rule *r) { r->match = 0x20; }
static void b_flags(struct mcnic_policy_rule *r) { r->flags = 0x02; }
static void b_vrf0(struct mcnic_policy_rule *r) { r->vrf = 0; }
static void b_vrf4096(struct mcnic_policy_rule *r) { r->vrf = 4096; }
static void b_id(struct mcnic_policy_rule *r) { r->id = MCNIC_RULE_DEFAULT; }
static void b_pad(struct mcnic_policy_rule *r) { r->pad[2] = 1; }

static const struct pt_bad pt_bads[] = {
	{ "family", b_family }, { "family", b_family8 },
	{ "src_len", b_src_len }, { "dst_len", b_dst_len },
	{ "src_len", b_src_len6 }, { "dst_len", b_dst_len0 },
	{ "src", b_src_host }, { "dst", b_dst_host },
	{ "src", b_src_beyond4 }, { "dst", b_dst_beyond4 },
	{ "src", b_src_fam0 },
	{ "sport_lo", b_sport }, { "dport_lo", b_dport },
	{ "action", b_action }, { "match", b_match }, { "flags", b_flags },
	{ "vrf", b_vrf0 }, { "vrf", b_vrf4096 }, { "id", b_id },
	{ "pad", b_pad },
};

static void test_invalid_fields(void **state)
{
	struct pt_ctx *c = pt_new(400);
	struct mcnic_policy_rule r;
	const char *field;
	u64 before;
	u32 i, tuples;

	pt_fill(c, 300, 3);
	before = pt_answers(c);
	tuples = mcnic_policy_table_tuples(&c->t);
	pt_base_rule(&r, 7);
	assert_int_equal(mcnic_policy_rule_check(&r, &field), 0);
	for (i = 0; i < PT_N(pt_bads); i++) {
		pt_base_rule(&r, 7);
		pt_bads[i].spoil(&r);
		field = NULL;
		assert_int_equal(mcnic_policy_rule_check(&r, &field),
				 -MCNIC_EINVAL);
		assert_non_null(field);
		assert_string_equal(field, pt_bads[i].field);
		field = NULL;
		assert_int_equal(mcnic_policy_table_add(&c->t, &r, &field),
				 -MCNIC_EINVAL);
		assert_string_equal(field, pt_bads[i].field);
	}
	assert_int_equal(mcnic_policy_table_tuples(&c->t), tuples);
	assert_true(pt_answers(c) == before);
	/* The edges that are valid. */
	pt_base_rule(&r, 7);
	r.vrf = 4095;
	r.family = 6;
	r.src_len = 128;
	memset(r.src, 0xff, 16);
	r.match = MCNIC_POLM_ALL;
	r.id = MCNIC_RULE_DEFAULT - 1;
	r.priority = 0xffffffff;
	assert_int_equal(mcnic_policy_rule_check(&r, NULL), 0);
	pt_free(c);
}

/*
 * A rule with the largest priority and id wins when nothing else applies,
 * and loses a tie on that priority to a lower id: in a table walked tuple
 * by tuple, and in one with more rules in use than POL_NEAR_RULES (4096),
 * walked in batches.
 */
static void pt_extremes(u32 filler)
{
	struct pt_ctx *c = pt_new(filler + 2);
	struct mcnic_policy_rule r;
	struct mcnic_policy_query q;
	u32 i, id;

	for (i = 0; i < filler; i++) {
		pt_base_rule(&r, 100 + i);
		r.vrf = 1;
		r.dport_lo = r.dport_hi = i;
		pt_add(c, &r);
	}
	pt_base_rule(&r, MCNIC_RULE_DEFAULT - 1);
	r.vrf = 4095;
	r.family = 6;
	r.src_len = 128;
	memset(r.src, 0xff, 16);
	r.dst_len = 0;
	memset(r.dst, 0, 16);
	r.match = MCNIC_POLM_ALL;
	r.sseg = 7;
	r.dseg = 9;
	r.priority = 0xffffffff;
	pt_add(c, &r);
	memset(&q, 0, sizeof(q));
	q.vrf = 4095;
	q.family = 6;
	memset(q.src, 0xff, 16);
	q.dst[0] = 0x20;
	q.sseg = 7;
	q.dseg = 9;
	q.proto = 6;
	q.sport = 40000;
	q.dport = 443;
	q.ingress = 1;
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
	assert_int_equal(id, MCNIC_RULE_DEFAULT - 1);
	r.id = 3;
	r.action = MCNIC_POL_DENY;
	pt_add(c, &r);
	assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_DENY);
	assert_int_equal(id, 3);
	pt_check_query(c, &q);
	q.src[15] = 0xfe;		/* the /128's last bit */
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	pt_check_query(c, &q);
	pt_free(c);
}

static void test_extremes(void **state)
{
	pt_extremes(0);
	pt_extremes(4100);
}

static void test_duplicate_id(void **state)
{
	struct pt_ctx *c = pt_new(400);
	struct mcnic_policy_rule r;
	u64 before;
	u32 id;

	pt_fill(c, 300, 4);
	pt_base_rule(&r, 7);
	r.priority = 0;
	pt_add(c, &r);
	before = pt_answers(c);
	r.action = MCNIC_POL_DENY;	/* would win every query it covers */
	assert_int_equal(mcnic_policy_table_add(&c->t, &r, NULL),
			 -MCNIC_EEXIST);
	assert_true(pt_answers(c) == before);
	{
		struct mcnic_policy_query q;

		pt_base_query(&q);
		assert_int_equal(pt_lookup_id(c, &q, &id), MCNIC_POL_ALLOW);
		assert_int_equal(id, 7);
	}
	pt_free(c);
}

static void test_full(void **state)
{
	struct pt_ctx *c = pt_new(64);
	struct mcnic_policy_rule r;
	u64 before;

	pt_fill(c, 64, 5);
	assert_int_equal(c->nlive, 64);
	before = pt_answers(c);
	pt_base_rule(&r, 7);
	assert_int_equal(mcnic_policy_table_add(&c->t, &r, NULL),
			 -MCNIC_ENOSPC);
	assert_int_equal(mcnic_policy_table_count(&c->t), 64);
	assert_true(pt_answers(c) == before);
	pt_del(c, 120);
	assert_int_equal(pt_add(c, &r), 0);
	pt_compare(c, 6, 1000);
	pt_free(c);
}

static void test_del_missing(void **state)
{
	struct pt_ctx *c = pt_new(16);
	struct mcnic_policy_rule r;

	assert_int_equal(mcnic_policy_table_del(&c->t, 1), -MCNIC_ENOENT);
	pt_base_rule(&r, 1);
	pt_add(c, &r);
	assert_int_equal(mcnic_policy_table_del(&c->t, 2), -MCNIC_ENOENT);
	assert_int_equal(mcnic_policy_table_del(&c->t, MCNIC_RULE_DEFAULT),
			 -MCNIC_ENOENT);
	assert_int_equal(mcnic_policy_table_count(&c->t), 1);
	assert_int_equal(mcnic_policy_table_del(&c->t, 1), 0);
	assert_int_equal(mcnic_policy_table_del(&c->t, 1), -MCNIC_ENOENT);
	assert_int_equal(mcnic_policy_table_count(&c->t), 0);
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 0);
	pt_free(c);
}

static void test_clear(void **state)
{
	struct pt_ctx *c = pt_new(500);
	struct mcnic_policy_query q;
	struct mcnic_policy_rule r;
	u32 id;

	pt_fill(c, 500, 6);
	pt_base_query(&q);
	mcnic_policy_table_clear(&c->t);
	c->nlive = 0;
	assert_int_equal(mcnic_policy_table_count(&c->t), 0);
	assert_int_equal(mcnic_policy_table_tuples(&c->t), 0);
	assert_int_equal(mcnic_policy_table_capacity(&c->t), 500);
	assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	pt_compare(c, 6, 1000);
	/* The same ids again, and the whole capacity. */
	pt_fill(c, 500, 7);
	assert_int_equal(mcnic_policy_table_count(&c->t), 500);
	pt_base_rule(&r, 7);
	assert_int_equal(mcnic_policy_table_add(&c->t, &r, NULL),
			 -MCNIC_ENOSPC);
	pt_compare(c, 6, 1000);
	pt_free(c);
}

static void test_init(void **state)
{
	size_t size = mcnic_policy_table_mem_size(100);
	struct mcnic_policy_table t;
	u8 *mem = malloc(size + 1);

	assert_non_null(mem);
	assert_int_equal(mcnic_policy_table_mem_size(0), 0);
	assert_int_equal(
		mcnic_policy_table_mem_size(MCNIC_POLICY_MAX_RULES + 1), 0);
	assert_true(mcnic_policy_table_mem_size(200) > size);
	assert_int_equal(mcnic_policy_table_init(&t, mem, size, 0),
			 -MCNIC_EINVAL);
	assert_int_equal(mcnic_policy_table_init(&t, mem, size - 1, 100),
			 -MCNIC_ENOMEM);
	/* Unaligned memory of exactly the size asked for. */
	assert_int_equal(mcnic_policy_table_init(&t, mem + 1, size, 100), 0);
	assert_int_equal(mcnic_policy_table_capacity(&t), 100);
	assert_int_equal(mcnic_policy_table_count(&t), 0);
	free(mem);
}

/*
 * 65,536 rules, each with two port ranges across a 256-port boundary (the
 * most hash entries a rule takes), fit; one more does not.
 */
static void test_64k(void **state)
{
	struct pt_ctx *c = pt_new(65536);
	struct mcnic_policy_query q;
	struct mcnic_policy_rule r;
	u32 i, id;

	for (i = 0; i < 65536; i++) {
		memset(&r, 0, sizeof(r));
		r.id = i * 3;
		r.priority = i;
		r.vrf = 1 + i % 64;
		r.action = i & 1;
		r.family = 4;
		r.src_len = 32;
		r.src[0] = 10;
		r.src[1] = i >> 16;
		r.src[2] = i >> 8;
		r.src[3] = i;
		r.sport_lo = 250;
		r.sport_hi = 260;
		r.dport_lo = 1000 + i % 7;
		r.dport_hi = 1030 + i % 7;
		r.match = MCNIC_POLM_EGRESS;
		assert_int_equal(mcnic_policy_table_add(&c->t, &r, NULL), 0);
	}
	assert_int_equal(mcnic_policy_table_count(&c->t), 65536);
	r.id = 1;
	assert_int_equal(mcnic_policy_table_add(&c->t, &r, NULL),
			 -MCNIC_ENOSPC);
	for (i = 0; i < 65536; i += 251) {
		memset(&q, 0, sizeof(q));
		q.vrf = 1 + i % 64;
		q.family = 4;
		q.src[0] = 10;
		q.src[1] = i >> 16;
		q.src[2] = i >> 8;
		q.src[3] = i;
		q.sport = 256;
		q.dport = 1024;
		assert_int_equal(pt_lookup_id(c, &q, &id), i & 1);
		assert_int_equal(id, i * 3);
		q.sport = 261;
		assert_int_equal(pt_lookup_id(c, &q, &id), -MCNIC_ENOENT);
	}
	pt_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_mixed),
		cmocka_unit_test(test_random_ties),
		cmocka_unit_test(test_random_dense),
		cmocka_unit_test(test_best_deleted),
		cmocka_unit_test(test_same_key),
		cmocka_unit_test(test_semantics),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_merging),
		cmocka_unit_test(test_one_rule),
		cmocka_unit_test(test_invalid_fields),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_del_missing),
		cmocka_unit_test(test_clear),
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_64k),
	};

	return cmocka_run_group_tests_name("unit/policy_table", tests, NULL,
					   NULL);
}
