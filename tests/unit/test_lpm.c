// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Longest-prefix match (firmware/dp/lpm.c) against references that share
 * nothing with it: a linear scan over the prefix list for the random and
 * edge-case tests, sorted per-length arrays with binary search for the
 * full-size tables.  IPv4 and IPv6, root strides 8, 12, 16, 20 and 24
 * (12 and 20 take the path for strides that are not whole bytes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <mcnic/types.h>
#include "dp/lpm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ---------------------------------------------------------- */

static u64 rng_state;

static void rng_seed(u64 s)
{
	rng_state = s;
}

/* splitmix64 */
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

struct t_lpm {
	struct mcnic_lpm l;
	void *mem;
	u32 bits;		/* address bits */
	u32 nbytes;
};

static void t_init(struct t_lpm *t, u8 bits, u8 root_bits, u32 prefixes,
		   u32 groups)
{
	size_t size = mcnic_lpm_mem_size(bits, root_bits, prefixes, groups);

	assert_true(size > 0);
	t->mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	assert_non_null(t->mem);
	/* Garbage where the LPM may not rely on zeroes. */
	memset(t->mem, 0xa5, size);
	assert_int_equal(mcnic_lpm_init(&t->l, bits, root_bits, t->mem, size,
					prefixes, groups), 0);
	t->bits = bits;
	t->nbytes = bits / 8;
}

static void t_fini(struct t_lpm *t)
{
	free(t->mem);
}

static int bit_get(const u8 *a, u32 i)
{
	return a[i / 8] >> (7 - i % 8) & 1;
}

static void bit_set(u8 *a, u32 i, int v)
{
	if (v)
		a[i / 8] |= 0x80 >> (i % 8);
	else
		a[i / 8] &= ~(0x80 >> (i % 8));
}

/* Clears (or with ones, sets) the bits of a past len. */
static void host_bits(u8 *a, u32 len, u32 nbytes, int ones)
{
	u32 i;

	for (i = len; i < nbytes * 8; i++)
		bit_set(a, i, ones);
}

static int prefix_match(const u8 *a, const u8 *p, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		if (bit_get(a, i) != bit_get(p, i))
			return 0;
	return 1;
}

/* a += d (d is +1 or -1), big-endian, wrapping. */
static void addr_step(u8 *a, u32 nbytes, int d)
{
	int i;

	for (i = nbytes - 1; i >= 0; i--) {
		a[i] += d;
		if ((d > 0 && a[i] != 0) || (d < 0 && a[i] != 0xff))
			break;
	}
}

/* ---- linear-scan reference ------------------------------------------- */

struct ref_prefix {
	u8 a[16];
	u32 len;
	u32 value;
};

struct ref {
	struct ref_prefix *p;
	u32 n;
	u32 cap;
};

static void ref_init(struct ref *r, u32 cap)
{
	r->p = calloc(cap, sizeof(*r->p));
	assert_non_null(r->p);
	r->n = 0;
	r->cap = cap;
}

static int ref_find(const struct ref *r, const u8 *a, u32 len)
{
	u32 i;

	for (i = 0; i < r->n; i++)
		if (r->p[i].len == len && !memcmp(r->p[i].a, a, 16))
			return i;
	return -1;
}

static u32 ref_lookup(const struct ref *r, const u8 *a)
{
	u32 i, best = MCNIC_LPM_NONE;
	int blen = -1;

	for (i = 0; i < r->n; i++)
		if ((int)r->p[i].len > blen &&
		    prefix_match(a, r->p[i].a, r->p[i].len)) {
			blen = r->p[i].len;
			best = r->p[i].value;
		}
	return best;
}

static void ref_put(struct ref *r, const u8 *a, u32 len, u32 value)
{
	int i = ref_find(r, a, len);

	if (i < 0) {
		assert_true(r->n < r->cap);
		i = r->n++;
		memset(r->p[i].a, 0, 16);
		memcpy(r->p[i].a, a, 16);
		r->p[i].len = len;
	}
	r->p[i].value = value;
}

static void ref_del(struct ref *r, u32 i)
{
	r->p[i] = r->p[--r->n];
}

/* Single, bulk and packed bulk lookups all agree with the reference. */
static void check_addrs(const struct t_lpm *t, const struct ref *r,
			u8 (*addr)[16], u32 n)
{
	u8 packed[300 * 16];
	const u8 *ptr[300];
	u32 got[300], gotp[300], i;

	assert_true(n <= ARRAY_SIZE(ptr));
	for (i = 0; i < n; i++) {
		ptr[i] = addr[i];
		memcpy(packed + i * t->nbytes, addr[i], t->nbytes);
	}
	mcnic_lpm_lookup_bulk(&t->l, ptr, n, got);
	mcnic_lpm_lookup_bulk_packed(&t->l, packed, n, gotp);
	for (i = 0; i < n; i++) {
		u32 want = ref_lookup(r, addr[i]);

		assert_int_equal(mcnic_lpm_lookup(&t->l, addr[i]), want);
		assert_int_equal(got[i], want);
		assert_int_equal(gotp[i], want);
	}
}

/* A random address near one of the prefixes, or anywhere. */
static void rand_addr(const struct t_lpm *t, const struct ref *r, u8 *a)
{
	u32 i;

	memset(a, 0, 16);
	for (i = 0; i < t->nbytes; i++)
		a[i] = rng();
	if (r->n && rng_below(4)) {
		const struct ref_prefix *p = &r->p[rng_below(r->n)];
		u32 keep = p->len ? rng_below(p->len + 1) : 0;

		for (i = 0; i < keep; i++)
			bit_set(a, i, bit_get(p->a, i));
	}
}

/*
 * Random lookups, then the edges of random prefixes: first and last
 * address, and one step outside each.
 */
static void check_lookups(const struct t_lpm *t, const struct ref *r,
			  u32 n_rand, u32 n_edge)
{
	u8 addr[256][16];
	u32 i, j, n = 0;

	for (i = 0; i < n_rand && n < 256; i++)
		rand_addr(t, r, addr[n++]);
	for (i = 0; i < n_edge && r->n && n + 4 <= 256; i++) {
		const struct ref_prefix *p = &r->p[rng_below(r->n)];

		for (j = 0; j < 4; j++) {
			memcpy(addr[n + j], p->a, 16);
			host_bits(addr[n + j], p->len, t->nbytes, j & 1);
		}
		addr_step(addr[n + 2], t->nbytes, -1);
		addr_step(addr[n + 3], t->nbytes, +1);
		n += 4;
	}
	check_addrs(t, r, addr, n);
}

/* ---- random add / replace / delete against the reference -------------- */

/* Any length, host routes, and lengths where the level changes. */
static u32 rand_len(u32 bits, u32 root_bits)
{
	u32 k, l;

	switch (rng_below(4)) {
	case 0:
		return rng_below(bits + 1);
	case 1:
		return bits;
	default:
		k = rng_below((bits - root_bits) / 8 + 1);
		l = root_bits + 8 * k + rng_below(3) - 1;
		return l > bits ? bits : l;
	}
}

/* Prefixes cluster around a few bases so that they nest and overlap. */
static void rand_prefix(const struct t_lpm *t, const u8 (*base)[16],
			u8 *a, u32 *len)
{
	u32 i, b = rng_below(4);

	memcpy(a, base[b], 16);
	*len = rand_len(t->bits, t->l.root_bits);
	for (i = 0; i < *len; i++)
		if (!rng_below(t->bits / 2))
			bit_set(a, i, !bit_get(a, i));
	host_bits(a, *len, t->nbytes, 0);
}

static void check_stored(const struct t_lpm *t, const struct ref *r)
{
	u32 i, v;

	assert_int_equal(mcnic_lpm_count(&t->l), r->n);
	for (i = 0; i < r->n; i++) {
		assert_int_equal(mcnic_lpm_get(&t->l, r->p[i].a, r->p[i].len,
					       &v), 0);
		assert_int_equal(v, r->p[i].value);
	}
}

static void random_ops(u8 bits, u8 root_bits, u32 ops, u64 seed)
{
	struct t_lpm t;
	struct ref r;
	u8 base[4][16], a[16];
	u32 op, len, v, i;
	int k;

	rng_seed(seed);
	t_init(&t, bits, root_bits, 2048, 32768);
	ref_init(&r, 2048);
	memset(base, 0, sizeof(base));
	for (i = 0; i < 4; i++)
		for (k = 0; k < (int)t.nbytes; k++)
			base[i][k] = rng();
	for (op = 0; op < ops; op++) {
		rand_prefix(&t, (const u8 (*)[16])base, a, &len);
		k = ref_find(&r, a, len);
		switch (r.n < 1200 ? rng_below(10) : 0) {
		case 0: case 1: case 2:
			/* Delete: a stored prefix, or one that is not. */
			if (k < 0) {
				assert_int_equal(mcnic_lpm_del(&t.l, a, len),
						 -MCNIC_ENOENT);
				if (!r.n)
					break;
				k = rng_below(r.n);
			}
			assert_int_equal(mcnic_lpm_del(&t.l, r.p[k].a,
						       r.p[k].len), 0);
			ref_del(&r, k);
			break;
		default:
			v = rng_below(MCNIC_LPM_VALUE_MAX);
			assert_int_equal(mcnic_lpm_add(&t.l, a, len, v), 0);
			ref_put(&r, a, len, v);
			break;
		}
		if (op % 64 == 0) {
			mcnic_lpm_reclaim(&t.l);
			check_lookups(&t, &r, 32, 8);
		}
	}
	check_lookups(&t, &r, 128, 32);
	check_stored(&t, &r);
	/* Delete everything, in random order, still matching. */
	while (r.n) {
		k = rng_below(r.n);
		assert_int_equal(mcnic_lpm_del(&t.l, r.p[k].a, r.p[k].len), 0);
		ref_del(&r, k);
		if (r.n % 16 == 0)
			check_lookups(&t, &r, 16, 4);
	}
	mcnic_lpm_reclaim(&t.l);
	assert_int_equal(mcnic_lpm_count(&t.l), 0);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 0);
	check_lookups(&t, &r, 64, 0);
	free(r.p);
	t_fini(&t);
}

static void test_random_v4_root8(void **state)
{
	random_ops(32, 8, 6000, 1);
}

static void test_random_v4_root12(void **state)
{
	random_ops(32, 12, 6000, 2);
}

static void test_random_v4_root16(void **state)
{
	random_ops(32, 16, 6000, 3);
}

static void test_random_v4_root24(void **state)
{
	random_ops(32, 24, 3000, 4);
}

static void test_random_v6_root8(void **state)
{
	random_ops(128, 8, 6000, 5);
}

static void test_random_v6_root16(void **state)
{
	random_ops(128, 16, 6000, 6);
}

static void test_random_v6_root20(void **state)
{
	random_ops(128, 20, 6000, 7);
}

static void test_random_v6_root24(void **state)
{
	random_ops(128, 24, 3000, 8);
}


/* ---- edge cases -------------------------------------------------------- */

static void ip4(u8 *a, u32 b0, u32 b1, u32 b2, u32 b3)
{
	memset(a, 0, 16);
	a[0] = b0;
	a[1] = b1;
	a[2] = b2;
	a[3] = b3;
}

static void test_default_and_host_routes(void **state)
{
	static const u8 roots[] = { 8, 16, 24 };
	struct t_lpm t;
	u8 z[16] = { 0 }, h[16], x[16];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(roots); i++) {
		t_init(&t, 32, roots[i], 16, 16);
		ip4(h, 192, 0, 2, 77);
		ip4(x, 192, 0, 2, 78);
		assert_int_equal(mcnic_lpm_lookup(&t.l, h), MCNIC_LPM_NONE);
		assert_int_equal(mcnic_lpm_add(&t.l, z, 0, 7), 0);
		assert_int_equal(mcnic_lpm_lookup(&t.l, h), 7);
		ip4(x, 255, 255, 255, 255);
		assert_int_equal(mcnic_lpm_lookup(&t.l, x), 7);
		assert_int_equal(mcnic_lpm_add(&t.l, h, 32, 9), 0);
		assert_int_equal(mcnic_lpm_lookup(&t.l, h), 9);
		ip4(x, 192, 0, 2, 76);
		assert_int_equal(mcnic_lpm_lookup(&t.l, x), 7);
		ip4(x, 192, 0, 2, 78);
		assert_int_equal(mcnic_lpm_lookup(&t.l, x), 7);
		assert_int_equal(mcnic_lpm_del(&t.l, z, 0), 0);
		assert_int_equal(mcnic_lpm_lookup(&t.l, x), MCNIC_LPM_NONE);
		assert_int_equal(mcnic_lpm_lookup(&t.l, h), 9);
		assert_int_equal(mcnic_lpm_del(&t.l, h, 32), 0);
		assert_int_equal(mcnic_lpm_lookup(&t.l, h), MCNIC_LPM_NONE);
		mcnic_lpm_reclaim(&t.l);
		assert_int_equal(mcnic_lpm_groups_used(&t.l), 0);
		t_fini(&t);
	}

	/* IPv6 ::/0 and a /128 */
	t_init(&t, 128, 16, 16, 64);
	memset(h, 0x20, 16);
	memcpy(x, h, 16);
	x[15] ^= 1;
	assert_int_equal(mcnic_lpm_add(&t.l, z, 0, 1), 0);
	assert_int_equal(mcnic_lpm_add(&t.l, h, 128, 2), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, h), 2);
	assert_int_equal(mcnic_lpm_lookup(&t.l, x), 1);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 14);
	assert_int_equal(mcnic_lpm_del(&t.l, h, 128), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, h), 1);
	mcnic_lpm_reclaim(&t.l);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 0);
	t_fini(&t);
}

static void shuffle(u32 *x, u32 n)
{
	u32 i, j, k;

	for (i = n; i > 1; i--) {
		j = rng_below(i);
		k = x[i - 1];
		x[i - 1] = x[j];
		x[j] = k;
	}
}

/* Edges of every nested prefix of base, and base itself. */
static void check_nest(const struct t_lpm *t, const struct ref *r,
		       const u8 *base, const u32 *lens, u32 n)
{
	u8 addr[256][16];
	u32 m = 0, j, k;

	for (j = 0; j < n; j++) {
		for (k = 0; k < 4; k++) {
			memcpy(addr[m + k], base, 16);
			host_bits(addr[m + k], lens[j], t->nbytes, k & 1);
		}
		addr_step(addr[m + 2], t->nbytes, -1);
		addr_step(addr[m + 3], t->nbytes, +1);
		m += 4;
	}
	memcpy(addr[m++], base, 16);
	check_addrs(t, r, addr, m);
}

/*
 * Nested prefixes of one address at every length where the level changes
 * (root_bits + 8k and one either side), added and deleted in random
 * orders; after every step each edge agrees with the reference.
 */
static void boundary_nest(u8 bits, u8 root_bits, u64 seed)
{
	struct t_lpm t;
	struct ref r;
	u8 base[16] = { 0 }, a[16];
	u32 lens[64], n = 0, i, j, k, round;

	rng_seed(seed);
	for (i = 0; i < bits / 8u; i++)
		base[i] = rng();
	for (k = 0; root_bits + 8 * k <= bits; k++)
		for (j = 0; j < 3; j++)
			if (root_bits + 8 * k + j - 1 <= bits)
				lens[n++] = root_bits + 8 * k + j - 1;
	t_init(&t, bits, root_bits, 64, 256);
	ref_init(&r, 64);
	for (round = 0; round < 4; round++) {
		shuffle(lens, n);
		for (i = 0; i < n; i++) {
			memcpy(a, base, 16);
			host_bits(a, lens[i], t.nbytes, 0);
			assert_int_equal(mcnic_lpm_add(&t.l, a, lens[i],
						       100 * round + i), 0);
			ref_put(&r, a, lens[i], 100 * round + i);
			check_nest(&t, &r, base, lens, n);
		}
		shuffle(lens, n);
		for (i = 0; i < n; i++) {
			memcpy(a, base, 16);
			host_bits(a, lens[i], t.nbytes, 0);
			assert_int_equal(mcnic_lpm_del(&t.l, a, lens[i]), 0);
			ref_del(&r, ref_find(&r, a, lens[i]));
			check_nest(&t, &r, base, lens, n);
		}
		mcnic_lpm_reclaim(&t.l);
		assert_int_equal(mcnic_lpm_groups_used(&t.l), 0);
	}
	free(r.p);
	t_fini(&t);
}

static void test_boundaries(void **state)
{
	boundary_nest(32, 8, 11);
	boundary_nest(32, 16, 12);
	boundary_nest(32, 24, 13);
	boundary_nest(32, 12, 14);
	boundary_nest(128, 8, 15);
	boundary_nest(128, 16, 16);
	boundary_nest(128, 24, 17);
}

static void test_replace(void **state)
{
	struct t_lpm t;
	u8 p[16], a[16];
	u32 v;

	t_init(&t, 32, 16, 16, 16);
	ip4(p, 10, 1, 2, 0);
	ip4(a, 10, 1, 2, 3);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 24, 5), 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 24, 6), 0);
	assert_int_equal(mcnic_lpm_count(&t.l), 1);
	assert_int_equal(mcnic_lpm_lookup(&t.l, a), 6);
	assert_int_equal(mcnic_lpm_get(&t.l, p, 24, &v), 0);
	assert_int_equal(v, 6);
	/* Replacing a shorter prefix leaves the longer one's entries. */
	ip4(p, 10, 1, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 16, 1), 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 16, 2), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, a), 6);
	ip4(a, 10, 1, 3, 3);
	assert_int_equal(mcnic_lpm_lookup(&t.l, a), 2);
	/* The largest value fits, one more does not. */
	assert_int_equal(mcnic_lpm_add(&t.l, p, 16, MCNIC_LPM_VALUE_MAX - 1),
			 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, a), MCNIC_LPM_VALUE_MAX - 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 16, MCNIC_LPM_VALUE_MAX),
			 -MCNIC_EINVAL);
	assert_int_equal(mcnic_lpm_lookup(&t.l, a), MCNIC_LPM_VALUE_MAX - 1);
	t_fini(&t);
}

static void test_invalid(void **state)
{
	struct t_lpm t;
	u8 p[16], a[16];
	u32 v = 0;

	t_init(&t, 32, 24, 16, 16);
	ip4(p, 10, 0, 0, 0);
	ip4(a, 10, 0, 0, 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 8, 3), 0);
	/* Length beyond the address. */
	assert_int_equal(mcnic_lpm_add(&t.l, p, 33, 1), -MCNIC_EINVAL);
	assert_int_equal(mcnic_lpm_del(&t.l, p, 33), -MCNIC_EINVAL);
	assert_int_equal(mcnic_lpm_get(&t.l, p, 33, &v), -MCNIC_EINVAL);
	/* Host bits set past the length: refused, never masked. */
	ip4(p, 10, 0, 0, 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 24, 1), -MCNIC_EINVAL);
	ip4(p, 10, 0, 1, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 8, 1), -MCNIC_EINVAL);
	assert_int_equal(mcnic_lpm_del(&t.l, p, 8), -MCNIC_EINVAL);
	assert_int_equal(mcnic_lpm_get(&t.l, p, 8, &v), -MCNIC_EINVAL);
	ip4(p, 128, 0, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 0, 1), -MCNIC_EINVAL);
	/* Not there: the same address at another length, or another one. */
	ip4(p, 10, 0, 0, 0);
	assert_int_equal(mcnic_lpm_del(&t.l, p, 16), -MCNIC_ENOENT);
	assert_int_equal(mcnic_lpm_get(&t.l, p, 16, &v), -MCNIC_ENOENT);
	ip4(p, 11, 0, 0, 0);
	assert_int_equal(mcnic_lpm_del(&t.l, p, 8), -MCNIC_ENOENT);
	assert_int_equal(mcnic_lpm_count(&t.l), 1);
	assert_int_equal(mcnic_lpm_lookup(&t.l, a), 3);
	t_fini(&t);

	t_init(&t, 128, 16, 16, 16);
	memset(p, 0, 16);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 129, 1), -MCNIC_EINVAL);
	p[15] = 1;
	assert_int_equal(mcnic_lpm_add(&t.l, p, 127, 1), -MCNIC_EINVAL);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 128, 1), 0);
	t_fini(&t);

	/* Parameters init refuses, and mem_size sizes as 0. */
	assert_int_equal(mcnic_lpm_mem_size(64, 16, 1, 1), 0);
	assert_int_equal(mcnic_lpm_mem_size(32, 7, 1, 1), 0);
	assert_int_equal(mcnic_lpm_mem_size(32, 25, 1, 1), 0);
	assert_int_equal(mcnic_lpm_mem_size(32, 16, 1,
					    MCNIC_LPM_GROUPS_MAX + 1), 0);
	{
		size_t size = mcnic_lpm_mem_size(32, 16, 8, 8);
		u8 *m = aligned_alloc(64, size + 64);

		assert_non_null(m);
		assert_int_equal(mcnic_lpm_init(&t.l, 32, 16, m, size - 1, 8,
						8), -MCNIC_EINVAL);
		assert_int_equal(mcnic_lpm_init(&t.l, 32, 16, m + 4, size, 8,
						8), -MCNIC_EINVAL);
		assert_int_equal(mcnic_lpm_init(&t.l, 32, 6, m, size, 8, 8),
				 -MCNIC_EINVAL);
		assert_int_equal(mcnic_lpm_init(&t.l, 32, 16, m, size, 8, 8),
				 0);
		free(m);
	}
}

/* Lookups of a fixed sample, to show a refused change changed nothing. */
static void snapshot(const struct t_lpm *t, u8 (*addr)[16], u32 n, u32 *out)
{
	u32 i;

	for (i = 0; i < n; i++)
		out[i] = mcnic_lpm_lookup(&t->l, addr[i]);
}

static void test_full_store(void **state)
{
	struct t_lpm t;
	struct ref r;
	u8 p[16], addr[64][16];
	u32 before[64], after[64], i;

	rng_seed(21);
	t_init(&t, 32, 16, 100, 400);
	ref_init(&r, 100);
	for (i = 0; i < 100; i++) {
		ip4(p, 10, i, i, 0);
		assert_int_equal(mcnic_lpm_add(&t.l, p, i % 2 ? 24 : 30, i), 0);
		ref_put(&r, p, i % 2 ? 24 : 30, i);
	}
	for (i = 0; i < 64; i++)
		ip4(addr[i], 10, i, i, rng_below(8));
	snapshot(&t, addr, 64, before);
	ip4(p, 10, 5, 5, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 25, 1000), -MCNIC_ENOSPC);
	ip4(p, 10, 6, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 16, 1000), -MCNIC_ENOSPC);
	snapshot(&t, addr, 64, after);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(mcnic_lpm_count(&t.l), 100);
	/* Replacing needs no room; a delete makes room. */
	ip4(p, 10, 1, 1, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 24, 77), 0);
	ref_put(&r, p, 24, 77);
	assert_int_equal(mcnic_lpm_del(&t.l, p, 24), 0);
	ref_del(&r, ref_find(&r, p, 24));
	ip4(p, 10, 6, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 16, 1000), 0);
	ref_put(&r, p, 16, 1000);
	check_addrs(&t, &r, addr, 64);
	free(r.p);
	t_fini(&t);
}

static void test_full_groups(void **state)
{
	struct t_lpm t;
	u8 p[16], addr[64][16];
	u32 before[64], after[64], i;

	/* Root 16: a /24 takes one group, a /32 two. */
	t_init(&t, 32, 16, 64, 3);
	ip4(p, 10, 0, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 24, 1), 0);
	ip4(p, 10, 1, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 24, 2), 0);
	ip4(p, 10, 2, 0, 0);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 15, 3), 0);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 2);
	for (i = 0; i < 64; i++)
		ip4(addr[i], 10, i % 4, i % 3, i);
	snapshot(&t, addr, 64, before);
	ip4(p, 10, 2, 0, 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 32, 4), -MCNIC_ENOSPC);
	snapshot(&t, addr, 64, after);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 2);
	assert_int_equal(mcnic_lpm_count(&t.l), 3);
	assert_int_equal(mcnic_lpm_get(&t.l, p, 32, &i), -MCNIC_ENOENT);
	/* One group left: enough under 10.0.0.0/24. */
	ip4(p, 10, 0, 0, 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 32, 5), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, p), 5);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 3);
	ip4(p, 10, 1, 0, 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 32, 6), -MCNIC_ENOSPC);
	/* A freed group is deferred: still used until reclaim. */
	ip4(p, 10, 0, 0, 1);
	assert_int_equal(mcnic_lpm_del(&t.l, p, 32), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, p), 1);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 3);
	ip4(p, 10, 1, 0, 1);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 32, 6), -MCNIC_ENOSPC);
	mcnic_lpm_reclaim(&t.l);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 2);
	assert_int_equal(mcnic_lpm_add(&t.l, p, 32, 6), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, p), 6);
	ip4(p, 10, 1, 0, 2);
	assert_int_equal(mcnic_lpm_lookup(&t.l, p), 2);
	t_fini(&t);
}

/* Groups fold back as soon as nothing below their parent remains. */
static void test_reclaim(void **state)
{
	struct t_lpm t;
	u8 p[16], q[16];

	t_init(&t, 128, 16, 64, 64);
	memset(p, 0, 16);
	p[0] = 0x20;
	p[1] = 0x01;
	p[2] = 0x0d;
	p[3] = 0xb8;
	memcpy(q, p, 16);
	q[6] = 0x12;
	assert_int_equal(mcnic_lpm_add(&t.l, p, 32, 1), 0);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 2);
	assert_int_equal(mcnic_lpm_add(&t.l, q, 56, 2), 0);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 5);
	/* Deleting the /32 leaves its groups: the /56 needs them. */
	assert_int_equal(mcnic_lpm_del(&t.l, p, 32), 0);
	mcnic_lpm_reclaim(&t.l);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 5);
	assert_int_equal(mcnic_lpm_lookup(&t.l, q), 2);
	assert_int_equal(mcnic_lpm_lookup(&t.l, p), MCNIC_LPM_NONE);
	assert_int_equal(mcnic_lpm_del(&t.l, q, 56), 0);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 5);
	mcnic_lpm_reclaim(&t.l);
	assert_int_equal(mcnic_lpm_groups_used(&t.l), 0);
	assert_int_equal(mcnic_lpm_lookup(&t.l, q), MCNIC_LPM_NONE);
	/* Reused groups start clean. */
	assert_int_equal(mcnic_lpm_add(&t.l, p, 40, 3), 0);
	q[6] = 0;
	q[7] = 0x33;
	assert_int_equal(mcnic_lpm_lookup(&t.l, q), 3);
	q[4] = 1;
	assert_int_equal(mcnic_lpm_lookup(&t.l, q), MCNIC_LPM_NONE);
	t_fini(&t);
}

static void test_bulk_sizes(void **state)
{
	struct t_lpm t;
	struct ref r;
	u8 addr[300][16], p[16];
	u32 i, n;

	rng_seed(31);
	t_init(&t, 32, 24, 512, 512);
	ref_init(&r, 512);
	for (i = 0; i < 400; i++) {
		u32 len = 20 + rng_below(13), v = rng_below(1000);

		ip4(p, 100, rng_below(4), rng(), rng());
		host_bits(p, len, 4, 0);
		assert_int_equal(mcnic_lpm_add(&t.l, p, len, v), 0);
		ref_put(&r, p, len, v);
	}
	for (n = 0; n <= 300; n += n < 70 ? 1 : 37) {
		for (i = 0; i < n; i++)
			ip4(addr[i], 100, rng_below(5), rng(), rng());
		check_addrs(&t, &r, addr, n);
	}
	free(r.p);
	t_fini(&t);
}

/* ---- one writer, one reader ------------------------------------------- */

#define CC_PROBES	24
#define CC_RING		16
#define CC_POOL		96

struct cc {
	struct t_lpm t;
	u8 probe[CC_PROBES][16];
	u32 exp[CC_RING][CC_PROBES];	/* results at version v % CC_RING */
	u64 version;			/* changes applied */
	u64 qs;				/* reader passes through probes */
	int stop;
	/* reader's tally */
	u64 strict;			/* answered within one change */
	u64 loose;			/* the change count moved more */
	u64 skipped;			/* ring overrun: not checkable */
	u64 bad;
	u32 bad_probe, bad_got;
	u64 bad_v1, bad_v2;
};

static u32 cc_exp(struct cc *c, u64 v, u32 i)
{
	return __atomic_load_n(&c->exp[v % CC_RING][i], __ATOMIC_RELAXED);
}

static void cc_check(struct cc *c, u32 i, u32 got, u64 v1)
{
	u64 v2, v3, v;
	int ok = 0;

	/* Whatever the lookup saw happened before this load. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	v2 = __atomic_load_n(&c->version, __ATOMIC_RELAXED);
	/* Versions v1..v2 were seen; v2 + 1 may be half applied. */
	for (v = v1; v <= v2 + 1 && v < v1 + CC_RING; v++)
		ok |= cc_exp(c, v, i) == got;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	v3 = __atomic_load_n(&c->version, __ATOMIC_RELAXED);
	if (v3 + 2 >= v1 + CC_RING) {
		c->skipped++;
		return;
	}
	if (!ok) {
		if (!c->bad++) {
			c->bad_probe = i;
			c->bad_got = got;
			c->bad_v1 = v1;
			c->bad_v2 = v2;
		}
		return;
	}
	if (v2 == v1)
		c->strict++;
	else
		c->loose++;
}

static void *cc_reader(void *arg)
{
	struct cc *c = arg;
	const u8 *ptr[CC_PROBES];
	u32 got[CC_PROBES], i, round;
	u64 v1;

	for (i = 0; i < CC_PROBES; i++)
		ptr[i] = c->probe[i];
	for (round = 0; !__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE);
	     round++) {
		if (round & 1) {
			for (i = 0; i < CC_PROBES; i++) {
				v1 = __atomic_load_n(&c->version,
						     __ATOMIC_ACQUIRE);
				got[i] = mcnic_lpm_lookup(&c->t.l, ptr[i]);
				cc_check(c, i, got[i], v1);
			}
		} else {
			v1 = __atomic_load_n(&c->version, __ATOMIC_ACQUIRE);
			mcnic_lpm_lookup_bulk(&c->t.l, ptr, CC_PROBES, got);
			for (i = 0; i < CC_PROBES; i++)
				cc_check(c, i, got[i], v1);
		}
		__atomic_store_n(&c->qs, c->qs + 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

struct cc_prefix {
	u8 a[16];
	u32 len;
	u32 value;
	int present;
};

static u32 cc_expect(const struct cc_prefix *pool, u32 npool, const u8 *a)
{
	u32 best = MCNIC_LPM_NONE, k;
	int blen = -1;

	for (k = 0; k < npool; k++)
		if (pool[k].present && (int)pool[k].len > blen &&
		    prefix_match(a, pool[k].a, pool[k].len)) {
			blen = pool[k].len;
			best = pool[k].value;
		}
	return best;
}

/* Grace period: the reader has finished every lookup that began before. */
static void cc_grace(struct cc *c)
{
	u64 q0;
	u32 spin;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	q0 = __atomic_load_n(&c->qs, __ATOMIC_ACQUIRE);
	for (spin = 0; spin < 100000000; spin++) {
		if (__atomic_load_n(&c->qs, __ATOMIC_ACQUIRE) >= q0 + 2)
			break;
		sched_yield();
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * Probes come from two bases, so the pool's short prefixes cover several
 * probes and its long ones build and fold groups (root 16: levels
 * 16-24 and 24-32 for IPv4; ten more for IPv6).  Each change computes
 * the answers after it into the ring first, so a reader can tell whether
 * an answer was right before or after the change in flight.
 */
static void concurrent(u8 bits, u64 seed, double seconds)
{
	static const u8 lens4[] = { 0, 8, 12, 15, 16, 17, 20, 23, 24, 25,
				    28, 31, 32 };
	static const u8 lens6[] = { 0, 16, 24, 31, 32, 33, 40, 48, 56, 64,
				    96, 120, 127, 128 };
	const u8 *lens = bits == 32 ? lens4 : lens6;
	u32 nlens = bits == 32 ? ARRAY_SIZE(lens4) : ARRAY_SIZE(lens6);
	struct cc_prefix *pool = calloc(CC_POOL, sizeof(*pool));
	struct cc *c = calloc(1, sizeof(*c));
	u8 base[2][16] = { { 0 } };
	u64 changes = 0, v;
	u32 i, k, npool = 0;
	pthread_t th;
	double t0;

	assert_non_null(pool);
	assert_non_null(c);
	rng_seed(seed);
	t_init(&c->t, bits, 16, CC_POOL, 4096);
	for (i = 0; i < bits / 8; i++)
		base[0][i] = base[1][i] = rng();
	base[1][1] ^= 0x40;
	for (i = 0; i < CC_PROBES; i++) {
		memcpy(c->probe[i], base[i & 1], 16);
		for (k = 0; k < 3; k++)
			bit_set(c->probe[i],
				bits - 1 - rng_below(bits / 2), rng() & 1);
	}
	for (i = 0; i < 100000 && npool < CC_POOL; i++) {
		struct cc_prefix *p = &pool[npool];

		memcpy(p->a, c->probe[rng_below(CC_PROBES)], 16);
		p->len = lens[rng_below(nlens)];
		host_bits(p->a, p->len, bits / 8, 0);
		for (k = 0; k < npool; k++)
			if (pool[k].len == p->len &&
			    !memcmp(pool[k].a, p->a, 16))
				break;
		npool += k == npool;
	}
	assert_true(npool >= 40);
	for (i = 0; i < CC_PROBES; i++)
		c->exp[0][i] = MCNIC_LPM_NONE;
	assert_int_equal(pthread_create(&th, NULL, cc_reader, c), 0);
	t0 = now_s();
	while (changes < 2000 || now_s() - t0 < seconds) {
		struct cc_prefix *p = &pool[rng_below(npool)];
		int del = p->present && rng_below(2);

		v = c->version;
		p->present = !del;
		p->value = 1 + (changes % (MCNIC_LPM_VALUE_MAX - 1));
		for (i = 0; i < CC_PROBES; i++)
			__atomic_store_n(&c->exp[(v + 1) % CC_RING][i],
					 cc_expect(pool, npool, c->probe[i]),
					 __ATOMIC_RELAXED);
		/* The trie's release stores order the ring before them. */
		if (del)
			assert_int_equal(mcnic_lpm_del(&c->t.l, p->a, p->len),
					 0);
		else
			assert_int_equal(mcnic_lpm_add(&c->t.l, p->a, p->len,
						       p->value), 0);
		__atomic_store_n(&c->version, v + 1, __ATOMIC_RELEASE);
		changes++;
		if (del && changes % 4 == 0) {
			cc_grace(c);
			mcnic_lpm_reclaim(&c->t.l);
		}
	}
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	print_message("lpm concurrent /%u: %llu changes, %llu strict + %llu "
		      "loose answers checked, %llu skipped, %llu wrong\n",
		      bits, (unsigned long long)changes,
		      (unsigned long long)c->strict,
		      (unsigned long long)c->loose,
		      (unsigned long long)c->skipped,
		      (unsigned long long)c->bad);
	if (c->bad)
		print_error("probe %u answered %u between versions %llu and "
			    "%llu\n", c->bad_probe, c->bad_got,
			    (unsigned long long)c->bad_v1,
			    (unsigned long long)c->bad_v2);
	assert_int_equal(c->bad, 0);
	assert_true(c->strict > 10000);
	assert_true(changes >= 2000);
	t_fini(&c->t);
	free(c);
	free(pool);
}

static void test_concurrent_v4(void **state) { concurrent(32, 41, 0.8); }
static void test_concurrent_v6(void **state) { concurrent(128, 42, 0.8); }

/* ---- full-size BGP-like tables ---------------------------------------- */

/*
 * The reference for a million prefixes: per length, the sorted prefixes
 * (as two 64-bit halves) and their values; a lookup binary-searches each
 * length from the longest.
 */
struct big_prefix {
	u64 hi, lo;
	u32 len;
	u32 value;
};

static int big_cmp(const void *x, const void *y)
{
	const struct big_prefix *a = x, *b = y;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

static void put_be64(u8 *p, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = v;
}

static void big_mask(struct big_prefix *p)
{
	if (p->len < 64) {
		p->hi = p->len ? p->hi & ~0ull << (64 - p->len) : 0;
		p->lo = 0;
	} else if (p->len < 128) {
		p->lo = p->len > 64 ? p->lo & ~0ull << (128 - p->len) : 0;
	}
}

static u32 big_ref_lookup(const struct big_prefix *sorted,
			  const u32 *start, u32 bits, u64 hi, u64 lo)
{
	struct big_prefix key;
	int len;

	for (len = bits; len >= 0; len--) {
		const struct big_prefix *f;

		if (start[len + 1] == start[len])
			continue;
		key.hi = hi;
		key.lo = lo;
		key.len = len;
		big_mask(&key);
		f = bsearch(&key, sorted + start[len], start[len + 1] -
			    start[len], sizeof(key), big_cmp);
		if (f)
			return f->value;
	}
	return MCNIC_LPM_NONE;
}

/* IPv4: /24 58 %, /22-/23 20 %, /16-/21 20 %, /8-/15 1 %, longer 1 %. */
static void gen_v4(struct big_prefix *p)
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
	p->hi = (u64)(1 + rng_below(223)) << 56 | (rng() & 0xffffff) << 32;
	p->lo = 0;
}

/*
 * IPv6: prefixes inside 40,000 provider allocations (/32s in 2001::/16
 * and in the RIR /12s): /48 45 %, /32 10 %, /29-/47 44 %, /56-/64 1 %.
 */
#define V6_ALLOCS	40000

static void gen_v6(struct big_prefix *p, const u64 *alloc)
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
	p->hi = alloc[rng_below(V6_ALLOCS)] | (rng() & 0xffffffff);
	p->lo = rng();
}

static u64 v6_alloc(void)
{
	static const u16 region[] = { 0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00 };
	u64 top = rng_below(5) ? region[rng_below(5)] | rng_below(16) : 0x2001;

	return top << 48 | (rng() & 0xffff) << 32;
}

/* Single, bulk and packed bulk lookups of n addresses against want. */
static void big_check(const struct t_lpm *t, u8 (*addr)[16], const u32 *want,
		      u32 n)
{
	u8 packed[256 * 16];
	const u8 *ptr[256];
	u32 got[256], gotp[256], i;

	for (i = 0; i < n; i++) {
		ptr[i] = addr[i];
		memcpy(packed + i * t->nbytes, addr[i], t->nbytes);
	}
	mcnic_lpm_lookup_bulk(&t->l, ptr, n, got);
	mcnic_lpm_lookup_bulk_packed(&t->l, packed, n, gotp);
	for (i = 0; i < n; i++) {
		assert_int_equal(mcnic_lpm_lookup(&t->l, addr[i]), want[i]);
		assert_int_equal(got[i], want[i]);
		assert_int_equal(gotp[i], want[i]);
	}
}

static void big_table(u8 bits, u8 root_bits, u32 count, u32 max_prefixes,
		      u32 max_groups, u32 lookups, u64 seed)
{
	u32 ncand = count + count / 8, n = 0, i, len, *start;
	struct big_prefix *cand = calloc(ncand, sizeof(*cand));
	u64 *alloc = calloc(V6_ALLOCS, sizeof(*alloc));
	u8 a[16], batch[256][16];
	u32 *order, want[256];
	struct t_lpm t;
	size_t size;

	assert_non_null(cand);
	assert_non_null(alloc);
	rng_seed(seed);
	for (i = 0; i < V6_ALLOCS; i++)
		alloc[i] = v6_alloc();
	for (i = 0; i < ncand; i++) {
		if (bits == 32)
			gen_v4(&cand[i]);
		else
			gen_v6(&cand[i], alloc);
		big_mask(&cand[i]);
		cand[i].value = rng_below(MCNIC_LPM_VALUE_MAX);
	}
	qsort(cand, ncand, sizeof(*cand), big_cmp);
	for (i = 0; i < ncand; i++)
		if (!n || big_cmp(&cand[n - 1], &cand[i]))
			cand[n++] = cand[i];
	assert_true(n >= count);
	/* Keep count of them, spread over the sorted list. */
	for (i = 0; i < count; i++)
		cand[i] = cand[(u64)i * n / count];
	n = count;
	start = calloc(bits + 2, sizeof(*start));
	order = malloc(n * sizeof(*order));
	assert_non_null(start);
	assert_non_null(order);
	for (i = 0, len = 0; len <= bits + 1u; len++) {
		while (i < n && cand[i].len < len)
			i++;
		start[len] = i;
	}
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n; i > 1; i--) {
		u32 j = rng_below(i), x = order[i - 1];

		order[i - 1] = order[j];
		order[j] = x;
	}

	t_init(&t, bits, root_bits, max_prefixes, max_groups);
	size = mcnic_lpm_mem_size(bits, root_bits, max_prefixes, max_groups);
	for (i = 0; i < n; i++) {
		const struct big_prefix *p = &cand[order[i]];

		memset(a, 0, 16);
		put_be64(a, p->hi);
		put_be64(a + 8, p->lo);
		assert_int_equal(mcnic_lpm_add(&t.l, a, p->len, p->value), 0);
	}
	assert_int_equal(mcnic_lpm_count(&t.l), n);
	print_message("lpm /%u: %u prefixes, %u groups, %.1f MiB\n", bits, n,
		      mcnic_lpm_groups_used(&t.l), size / 1048576.0);
	/* Addresses inside random prefixes, and anywhere, 256 at a time. */
	for (i = 0; i < lookups; i++) {
		const struct big_prefix *p = &cand[rng_below(n)];
		struct big_prefix m = { ~0ull, ~0ull, p->len, 0 };
		u32 k = i % 256;
		u64 hi, lo;

		big_mask(&m);
		hi = i % 4 ? p->hi | (rng() & ~m.hi) : rng();
		lo = i % 4 ? p->lo | (rng() & ~m.lo) : rng();
		if (bits == 32) {
			hi &= 0xffffffff00000000ull;
			lo = 0;
		}
		put_be64(batch[k], hi);
		put_be64(batch[k] + 8, lo);
		want[k] = big_ref_lookup(cand, start, bits, hi, lo);
		if (k == 255)
			big_check(&t, batch, want, 256);
	}
	t_fini(&t);
	free(order);
	free(start);
	free(alloc);
	free(cand);
}

static void test_big_v4(void **state)
{
	big_table(32, MCNIC_LPM4_ROOT_BITS, 1000000, MCNIC_LPM4_PREFIXES,
		  MCNIC_LPM4_GROUPS, 200000, 51);
}

static void test_big_v6(void **state)
{
	big_table(128, MCNIC_LPM6_ROOT_BITS, 250000, MCNIC_LPM6_PREFIXES,
		  MCNIC_LPM6_GROUPS, 100000, 52);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_v4_root8),
		cmocka_unit_test(test_random_v4_root12),
		cmocka_unit_test(test_random_v4_root16),
		cmocka_unit_test(test_random_v4_root24),
		cmocka_unit_test(test_random_v6_root8),
		cmocka_unit_test(test_random_v6_root16),
		cmocka_unit_test(test_random_v6_root20),
		cmocka_unit_test(test_random_v6_root24),
		cmocka_unit_test(test_default_and_host_routes),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_full_store),
		cmocka_unit_test(test_full_groups),
		cmocka_unit_test(test_reclaim),
		cmocka_unit_test(test_bulk_sizes),
		cmocka_unit_test(test_concurrent_v4),
		cmocka_unit_test(test_concurrent_v6),
		cmocka_unit_test(test_big_v4),
		cmocka_unit_test(test_big_v6),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
