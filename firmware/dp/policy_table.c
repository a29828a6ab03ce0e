// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The policy classifier: tuple space search with tuple merging.
 *
 * A rule determines some bits of a 48-byte key (struct pol_key): source and
 * destination prefixes, protocol, family, segments and port blocks.
 * Direction is not keyed: each entry carries the query classes (family and
 * direction) its rule applies to, so rules of both directions share tuples.
 * A tuple is one such set of bits (a mask) in one VRF; the rules
 * it holds are hashed on their key under that mask, all tuples sharing one
 * bucketised hash table (the tuple's index seeds the hash).  A lookup masks
 * the query with each tuple of its VRF and probes one bucket per tuple; a
 * rule found there is checked against the query in full, so a tuple may be
 * coarser than its rules: a rule goes to the most specific tuple that is
 * nowhere more specific than the rule and holds fewer than
 * POL_GROUP_MAX[_NEAR] rules under the rule's key, and a new tuple gets the
 * rule's mask with its prefixes cut to a byte (a /28 rule shares a /24
 * tuple).  That keeps the tuples, and so the probes per lookup, few.
 *
 * Most probes find nothing: a small bitmap, indexed by hash bits, says
 * which buckets can hold an entry, so only those are read.  Entries carry
 * their rule's priority, so a probe passes over those that cannot beat the
 * winner so far without reading their rules; and a VRF's tuples are ordered
 * by the best priority they hold, so the walk ends at the first tuple that
 * cannot beat it either.  How the walk overlaps its reads depends on the
 * table's size (POL_NEAR_RULES).
 *
 * A port range is keyed by the blocks of 1, 256 or 65536 ports it touches,
 * the smallest block size that needs at most two: a rule has at most 2 x 2
 * entries, and the hash table has room for that many for every rule.  So
 * the capacity is max_rules rules of any shape: an add is refused for
 * space only when max_rules rules are in the table.
 *
 * Every loop is bounded by a size fixed at init.  Costs: a lookup probes
 * the tuples of its VRF (until one cannot win); an add scans them once; a
 * delete that takes a tuple's last rule of its best priority rescans that
 * tuple's rules.
 */
#include "dp.h"
#include "policy_table.h"

#ifdef __SSE4_1__
#include <smmintrin.h>
#endif

#define POL_NONE	0xffffffffu
#define POL_VRFS	4096		/* VRF ids 1..4095 */
#define POL_WORDS	6		/* u64 words of a key */
#define POL_SLOTS	5		/* entries per 64-byte bucket */
_Static_assert(POL_SLOTS == 5, "pol_probe compares 5 slots");
#define POL_EXPAND	4		/* entries per rule, at most */
/*
 * Rule slots in use that a core's cache holds (256 KiB of rules): their
 * checks cost no misses, so a lookup walks the tuples one by one and checks
 * each entry as its probe finds it: the winner prunes the rest of the walk
 * sooner.  Beyond, tuples are hashed in batches and entries gathered, their
 * rules prefetched, so that a batch's reads overlap.
 */
#define POL_NEAR_RULES	4096
/*
 * Rules a tuple holds under one key before a new one goes elsewhere: each
 * is a full check for a lookup that hits the key.  While the rules are
 * near, a check costs less than probing one more tuple: a key holds more.
 */
#define POL_GROUP_MAX		8
#define POL_GROUP_MAX_NEAR	16
#define POL_DIRS	(MCNIC_POLM_EGRESS | MCNIC_POLM_INGRESS)

/* Key words 4 and 5: the fields beside the addresses. */
#define POL_W4_PROTO	0x00000000000000ffull
#define POL_W4_FAMILY	0x000000000000ff00ull
#define POL_W4_SSEG	0x0000ffff00000000ull
#define POL_W4_DSEG	0xffff000000000000ull

/* The masked fields, as words: src (0, 1), dst (2, 3), w4, ports. */
struct pol_key {
	u64 w[POL_WORDS];
};

/*
 * Entries: the hash of (tuple, key), the rule's slot and its priority (a
 * lookup skips what cannot win without reading the rule).  The hash's low
 * bits, which mostly repeat the bucket index, hold the query classes the
 * rule applies to instead (POL_CLS_*): a tuple holds rules of both
 * directions and families, and a lookup skips those of the others.
 */
struct mcnic_pol_bucket {
	u32 sig[POL_SLOTS];
	u32 ref[POL_SLOTS];
	u32 prio[POL_SLOTS];
	u16 used;		/* bit per slot */
	u16 ovf;		/* entries homed here or before that live
				 * further on; stuck at POL_OVF_STUCK once
				 * there (costing probes, never results) */
} __attribute__((aligned(64)));

#define POL_OVF_STUCK	0xffff

/* Query classes: a bit per family (IPv4, IPv6, other) and direction. */
#define POL_CLS_BITS	0x3fu
#define POL_CLS_V4	0x03u
#define POL_CLS_V6	0x0cu
#define POL_CLS_EGRESS	0x15u

/*
 * Beside the buckets, a bit per value of some hash bits: a lookup reads a
 * bucket only when its bit says some entry may be there.  The bits
 * (POL_FILTER per rule) are few enough to stay in a cache the buckets do
 * not fit in; a counter per bit, which lookups never read, says when to
 * clear it.  POL_FILTER_STUCK as for ovf.
 */
#define POL_FILTER	16
#define POL_FILTER_STUCK	0xff

/* What a lookup reads of a tuple, in one cache line. */
struct mcnic_pol_tuple {
	struct pol_key mask;
	u32 best;		/* lowest priority held */
	u32 next;		/* VRF order: best ascending */
} __attribute__((aligned(64)));

/* The rest of a tuple. */
struct mcnic_pol_tmeta {
	u32 n_best;		/* rules at the best priority */
	u32 prev;
	u32 nrules;
	u32 rules;		/* first rule slot */
	u16 vrf;
};

struct mcnic_pol_link {
	u32 tuple;
	u32 next;		/* the tuple's rules */
	u32 prev;
	u32 id_next;		/* id chain; free chain when unused */
};

MCNIC_ASSERT_SIZE(struct mcnic_pol_bucket, 64);
MCNIC_ASSERT_SIZE(struct mcnic_pol_tuple, 64);

static size_t pol_align(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

static u32 pol_pow2(u32 n)
{
	u32 p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

static u32 pol_nbuckets(u32 max_rules)
{
	return pol_pow2((max_rules * POL_EXPAND + POL_SLOTS - 1) / POL_SLOTS);
}

static u32 pol_nfilter(u32 max_rules)
{
	return pol_pow2(max_rules * POL_FILTER);
}

/* Bytes of the filter's bitmap, read a u64 at a time. */
static size_t pol_fbits_size(u32 max_rules)
{
	return (pol_nfilter(max_rules) + 63) / 64 * sizeof(u64);
}

size_t mcnic_policy_table_mem_size(u32 max_rules)
{
	if (!max_rules || max_rules > MCNIC_POLICY_MAX_RULES)
		return 0;
	/* 63: room to align the caller's memory to a cache line. */
	return 63 + pol_align(sizeof(struct mcnic_policy_rule) * max_rules) +
	       pol_align(sizeof(struct mcnic_pol_link) * max_rules) +
	       pol_align(sizeof(struct mcnic_pol_tuple) * max_rules) +
	       pol_align(sizeof(struct mcnic_pol_tmeta) * max_rules) +
	       sizeof(struct mcnic_pol_bucket) * pol_nbuckets(max_rules) +
	       pol_align(pol_nfilter(max_rules)) +
	       pol_align(pol_fbits_size(max_rules)) +
	       pol_align(sizeof(u32) * pol_pow2(max_rules)) +
	       pol_align(sizeof(u32) * POL_VRFS);
}

static void *pol_carve(u8 **p, size_t n)
{
	void *r = *p;

	*p += pol_align(n);
	return r;
}

int mcnic_policy_table_init(struct mcnic_policy_table *pt, void *mem,
			    size_t size, u32 max_rules)
{
	size_t need = mcnic_policy_table_mem_size(max_rules);
	u8 *p = (u8 *)(((uintptr_t)mem + 63) & ~(uintptr_t)63);

	if (!need || !mem)
		return -MCNIC_EINVAL;
	if (size < need)
		return -MCNIC_ENOMEM;
	__builtin_memset(pt, 0, sizeof(*pt));
	pt->max_rules = max_rules;
	pt->bucket_mask = pol_nbuckets(max_rules) - 1;
	pt->id_mask = pol_pow2(max_rules) - 1;
	pt->filter_shift = 32 - __builtin_ctz(pol_nfilter(max_rules));
	pt->rules = pol_carve(&p, sizeof(*pt->rules) * max_rules);
	pt->links = pol_carve(&p, sizeof(*pt->links) * max_rules);
	pt->tuples = pol_carve(&p, sizeof(*pt->tuples) * max_rules);
	pt->tmeta = pol_carve(&p, sizeof(*pt->tmeta) * max_rules);
	pt->buckets = pol_carve(&p, sizeof(*pt->buckets) *
				     (pt->bucket_mask + 1));
	pt->filter = pol_carve(&p, pol_nfilter(max_rules));
	pt->fbits = pol_carve(&p, pol_fbits_size(max_rules));
	pt->id_head = pol_carve(&p, sizeof(u32) * (pt->id_mask + 1));
	pt->vrf_head = pol_carve(&p, sizeof(u32) * POL_VRFS);
	mcnic_policy_table_clear(pt);
	return 0;
}

void mcnic_policy_table_clear(struct mcnic_policy_table *pt)
{
	/* Slots and tuples above the tops are never read: no need to wipe. */
	__builtin_memset(pt->buckets, 0,
			 sizeof(*pt->buckets) * (pt->bucket_mask + 1));
	__builtin_memset(pt->filter, 0, pol_nfilter(pt->max_rules));
	__builtin_memset(pt->fbits, 0, pol_fbits_size(pt->max_rules));
	__builtin_memset(pt->id_head, 0xff, sizeof(u32) * (pt->id_mask + 1));
	__builtin_memset(pt->vrf_head, 0xff, sizeof(u32) * POL_VRFS);
	pt->count = 0;
	pt->ntuples = 0;
	pt->rule_top = 0;
	pt->rule_free = POL_NONE;
	pt->tuple_top = 0;
	pt->tuple_free = POL_NONE;
}

u32 mcnic_policy_table_count(const struct mcnic_policy_table *pt)
{
	return pt->count;
}

u32 mcnic_policy_table_capacity(const struct mcnic_policy_table *pt)
{
	return pt->max_rules;
}

u32 mcnic_policy_table_tuples(const struct mcnic_policy_table *pt)
{
	return pt->ntuples;
}

/* ---- rules ----------------------------------------------------------- */

/* 8 bytes as they lie in memory <-> a number, the first byte highest. */
static u64 pol_be64(u64 v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The first len bits of 8 address bytes, as they lie in memory. */
static u64 pol_pfx64(u32 len)
{
	return pol_be64(len ? ~0ull << (64 - len) : 0);
}

static u64 pol_load64(const u8 *p)
{
	u64 v;

	__builtin_memcpy(&v, p, 8);
	return v;
}

/* Word half (0, 1) of the mask of a 128-bit prefix of len bits. */
static u64 pol_pfx_word(u32 len, u32 half)
{
	if (half)
		return pol_pfx64(len > 64 ? len - 64 : 0);
	return pol_pfx64(len < 64 ? len : 64);
}

static void pol_pfx_mask(struct pol_key *k, u32 w, u32 len)
{
	k->w[w] = pol_pfx_word(len, 0);
	k->w[w + 1] = pol_pfx_word(len, 1);
}

/* An address with no bit set past len (so none past its family's size). */
static int pol_pfx_clean(const u8 *a, u32 len)
{
	return !(pol_load64(a) & ~pol_pfx_word(len, 0)) &&
	       !(pol_load64(a + 8) & ~pol_pfx_word(len, 1));
}

static const char *pol_rule_bad(const struct mcnic_policy_rule *r)
{
	u32 alen = r->family == 4 ? 32 : r->family == 6 ? 128 : 0;

	if (r->family && r->family != 4 && r->family != 6)
		return "family";
	if (r->src_len > alen)
		return "src_len";
	if (r->dst_len > alen)
		return "dst_len";
	if (!pol_pfx_clean(r->src, r->src_len))
		return "src";
	if (!pol_pfx_clean(r->dst, r->dst_len))
		return "dst";
	if (r->sport_lo > r->sport_hi)
		return "sport_lo";
	if (r->dport_lo > r->dport_hi)
		return "dport_lo";
	if (r->action > MCNIC_POL_ALLOW)
		return "action";
	if (r->match & ~MCNIC_POLM_ALL)
		return "match";
	if (r->flags & ~MCNIC_POLF_COUNT)
		return "flags";
	if (!r->vrf || r->vrf >= POL_VRFS)
		return "vrf";
	if (r->id == MCNIC_RULE_DEFAULT)
		return "id";
	if (r->pad[0] || r->pad[1] || r->pad[2])
		return "pad";
	return NULL;
}

int mcnic_policy_rule_check(const struct mcnic_policy_rule *r,
			    const char **field)
{
	const char *bad = pol_rule_bad(r);

	if (!bad)
		return 0;
	if (field)
		*field = bad;
	return -MCNIC_EINVAL;
}

/* Ports a rule keys on: all 16 bits, the high 8 or none (see the top). */
static u64 pol_port_mask(u16 lo, u16 hi)
{
	if (lo == hi)
		return 0xffff;
	if ((hi >> 8) - (lo >> 8) <= 1)
		return 0xff00;
	return 0;
}

static u32 pol_rule_cls(const struct mcnic_policy_rule *r)
{
	u32 fam = r->family == 4 ? POL_CLS_V4 :
		  r->family == 6 ? POL_CLS_V6 : POL_CLS_BITS;
	u8 d = r->match & POL_DIRS;

	if (d == MCNIC_POLM_EGRESS)
		return fam & POL_CLS_EGRESS;
	if (d == MCNIC_POLM_INGRESS)
		return fam & ~POL_CLS_EGRESS;
	return fam;
}

static u32 pol_query_cls(const struct mcnic_policy_query *q)
{
	u32 f = q->family == 4 ? 0 : q->family == 6 ? 2 : 4;

	return 1u << (f + !!q->ingress);
}

/* The bits of the key a rule determines, and its values there. */
static void pol_rule_key(const struct mcnic_policy_rule *r,
			 struct pol_key *val, struct pol_key *mask)
{
	val->w[0] = pol_load64(r->src);
	val->w[1] = pol_load64(r->src + 8);
	val->w[2] = pol_load64(r->dst);
	val->w[3] = pol_load64(r->dst + 8);
	val->w[4] = r->proto | (u64)r->family << 8 | (u64)r->sseg << 32 |
		    (u64)r->dseg << 48;
	val->w[5] = r->sport_lo | (u64)r->dport_lo << 16;
	pol_pfx_mask(mask, 0, r->src_len);
	pol_pfx_mask(mask, 2, r->dst_len);
	mask->w[4] = (r->match & MCNIC_POLM_PROTO ? POL_W4_PROTO : 0) |
		     (r->family ? POL_W4_FAMILY : 0) |
		     (r->match & MCNIC_POLM_SSEG ? POL_W4_SSEG : 0) |
		     (r->match & MCNIC_POLM_DSEG ? POL_W4_DSEG : 0);
	mask->w[5] = pol_port_mask(r->sport_lo, r->sport_hi) |
		     pol_port_mask(r->dport_lo, r->dport_hi) << 16;
}

static void pol_query_key(const struct mcnic_policy_query *q,
			  struct pol_key *k)
{
	k->w[0] = pol_load64(q->src);
	k->w[1] = pol_load64(q->src + 8);
	k->w[2] = pol_load64(q->dst);
	k->w[3] = pol_load64(q->dst + 8);
	k->w[4] = q->proto | (u64)q->family << 8 | (u64)q->sseg << 32 |
		  (u64)q->dseg << 48;
	k->w[5] = q->sport | (u64)q->dport << 16;
}

#ifdef __SSE4_1__
/* The query in the rule's layout: ports twice, for the two bounds. */
struct pol_qvec {
	__m128i src, dst, rest;
};

static void pol_qvec_init(struct pol_qvec *v, const struct mcnic_policy_query *q)
{
	v->src = _mm_loadu_si128((const __m128i *)q->src);
	v->dst = _mm_loadu_si128((const __m128i *)q->dst);
	v->rest = _mm_setr_epi16(q->sseg, q->dseg, q->sport, q->sport,
				 q->dport, q->dport, q->proto, 0);
}
#endif

/* Tuples hashed, and their buckets prefetched, ahead of the probes. */
#define POL_BATCH	16
/* Candidates gathered before their rules are checked (cheapest first). */
#define POL_CANDS	32
/*
 * A lookup in progress: the winner so far, and the entries gathered from
 * the buckets that may beat it.  Gathered rules are checked in priority
 * order, so that the first that applies ends the checking (after any of
 * the same priority: ids decide).
 */
struct pol_lookup {
	const struct mcnic_policy_query *q;
	struct pol_key qk;
#ifdef __SSE4_1__
	struct pol_qvec qv;
#endif
	u32 cls;		/* the query's class bit */
	u32 best;		/* rule slot or POL_NONE */
	u32 best_prio;		/* and its priority and id: ~0 while */
	u32 best_id;		/* there is none */
	u32 n;
	u64 cand[POL_CANDS];	/* priority << 32 | slot */
};

#ifdef __SSE4_1__
/*
 * A rule's check in vectors: the two prefixes under masks of their
 * lengths, and bytes 48..63 of the rule (segments, port ranges, protocol)
 * against the query's, the ranges through unsigned min and max.  Half the
 * instructions of the field-by-field check, and one branch instead of ten.
 */
#define POL_PBITS(v)	((v) < 0 ? 0 : (v) > 8 ? 8 : (v))
#define POL_PB(l, b)	((0xff00 >> POL_PBITS((l) - 8 * (b))) & 0xff)
#define POL_PROW(l)	{ POL_PB(l, 0), POL_PB(l, 1), POL_PB(l, 2), \
			  POL_PB(l, 3), POL_PB(l, 4), POL_PB(l, 5), \
			  POL_PB(l, 6), POL_PB(l, 7), POL_PB(l, 8), \
			  POL_PB(l, 9), POL_PB(l, 10), POL_PB(l, 11), \
			  POL_PB(l, 12), POL_PB(l, 13), POL_PB(l, 14), \
			  POL_PB(l, 15) }
#define POL_PROW4(l)	POL_PROW(l), POL_PROW((l) + 1), POL_PROW((l) + 2), \
			POL_PROW((l) + 3)
#define POL_PROW16(l)	POL_PROW4(l), POL_PROW4((l) + 4), \
			POL_PROW4((l) + 8), POL_PROW4((l) + 12)

/* The mask of a prefix of each length, as its bytes lie in memory. */
static const u8 pol_pfx_bytes[129][16] __attribute__((aligned(16))) = {
	POL_PROW16(0), POL_PROW16(16), POL_PROW16(32), POL_PROW16(48),
	POL_PROW16(64), POL_PROW16(80), POL_PROW16(96), POL_PROW16(112),
	POL_PROW(128)
};

/*
 * The u16 lanes of rule bytes 48..63 compared, by the rule's match bits
 * (MCNIC_POLM_PROTO, _SSEG, _DSEG): sseg, dseg, the four port bounds
 * always, the protocol byte.
 */
#define POL_LANES(m)	{ (m) & MCNIC_POLM_SSEG ? 0xffff : 0, \
			  (m) & MCNIC_POLM_DSEG ? 0xffff : 0, \
			  0xffff, 0xffff, 0xffff, 0xffff, \
			  (m) & MCNIC_POLM_PROTO ? 0x00ff : 0, 0 }
static const u16 pol_rest_lanes[8][8] __attribute__((aligned(16))) = {
	POL_LANES(0), POL_LANES(1), POL_LANES(2), POL_LANES(3),
	POL_LANES(4), POL_LANES(5), POL_LANES(6), POL_LANES(7)
};

_Static_assert(offsetof(struct mcnic_policy_rule, src) == 16 &&
	       offsetof(struct mcnic_policy_rule, dst) == 32 &&
	       offsetof(struct mcnic_policy_rule, sseg) == 48 &&
	       offsetof(struct mcnic_policy_rule, dseg) == 50 &&
	       offsetof(struct mcnic_policy_rule, sport_lo) == 52 &&
	       offsetof(struct mcnic_policy_rule, dport_lo) == 56 &&
	       offsetof(struct mcnic_policy_rule, proto) == 60,
	       "pol_applies reads the rule as vectors");

static int pol_applies(const struct mcnic_policy_rule *r,
		       const struct pol_lookup *lk)
{
	const __m128i *rv = (const __m128i *)r;
	const struct pol_qvec *v = &lk->qv;
	__m128i a, b, x;

	if (r->vrf != lk->q->vrf)
		return 0;
	a = _mm_and_si128(_mm_xor_si128(_mm_load_si128(rv + 1), v->src),
			  _mm_load_si128((const __m128i *)
					 pol_pfx_bytes[r->src_len]));
	b = _mm_and_si128(_mm_xor_si128(_mm_load_si128(rv + 2), v->dst),
			  _mm_load_si128((const __m128i *)
					 pol_pfx_bytes[r->dst_len]));
	/* Lanes 2, 4: max(lo, port) == port; 3, 5: min(hi, port) == port. */
	x = _mm_load_si128(rv + 3);
	x = _mm_blend_epi16(x, _mm_max_epu16(x, v->rest), 0x14);
	x = _mm_blend_epi16(x, _mm_min_epu16(x, v->rest), 0x28);
	x = _mm_and_si128(_mm_xor_si128(x, v->rest),
			  _mm_load_si128((const __m128i *)
					 pol_rest_lanes[r->match & 7]));
	x = _mm_or_si128(x, _mm_or_si128(a, b));
	return _mm_testz_si128(x, x);
}
#else
/* The first len bits (len <= 128) of a and key words w, w + 1 agree. */
static int pol_pfx_match(const u8 *a, const struct pol_key *k, u32 w,
			 u32 len)
{
	u64 x = pol_be64(pol_load64(a) ^ k->w[w]);

	if (len <= 64)
		return !len || !(x >> (64 - len));
	if (x)
		return 0;
	x = pol_be64(pol_load64(a + 8) ^ k->w[w + 1]);
	return !(x >> (128 - len));
}

/*
 * The contract's definition of a rule applying to a query, but for
 * direction and family: the rule's entry was found under the query's class
 * (POL_CLS_*), which settles those.
 */
static int pol_applies(const struct mcnic_policy_rule *r,
		       const struct pol_lookup *lk)
{
	const struct mcnic_policy_query *q = lk->q;
	const struct pol_key *k = &lk->qk;

	if (r->vrf != q->vrf)
		return 0;
	if (!pol_pfx_match(r->src, k, 0, r->src_len) ||
	    !pol_pfx_match(r->dst, k, 2, r->dst_len))
		return 0;
	if ((r->match & MCNIC_POLM_PROTO) && r->proto != q->proto)
		return 0;
	if ((r->match & MCNIC_POLM_SSEG) && r->sseg != q->sseg)
		return 0;
	if ((r->match & MCNIC_POLM_DSEG) && r->dseg != q->dseg)
		return 0;
	return q->sport >= r->sport_lo && q->sport <= r->sport_hi &&
	       q->dport >= r->dport_lo && q->dport <= r->dport_hi;
}
#endif

/* ---- entries ---------------------------------------------------------- */

/*
 * The hash of key v under a tuple's mask m, seeded with the tuple's index.
 * Written out word by word: a lookup hashes every tuple of its VRF.
 */
static u32 pol_hash(u32 tuple, const struct pol_key *v,
		    const struct pol_key *m)
{
#if defined(__x86_64__) && defined(__SSE4_2__)
	u64 c = tuple;

	c = __builtin_ia32_crc32di(c, v->w[0] & m->w[0]);
	c = __builtin_ia32_crc32di(c, v->w[1] & m->w[1]);
	c = __builtin_ia32_crc32di(c, v->w[2] & m->w[2]);
	c = __builtin_ia32_crc32di(c, v->w[3] & m->w[3]);
	c = __builtin_ia32_crc32di(c, v->w[4] & m->w[4]);
	c = __builtin_ia32_crc32di(c, v->w[5] & m->w[5]);
	return (u32)c;
#else
	struct pol_key k;
	u32 i;

	for (i = 0; i < POL_WORDS; i++)
		k.w[i] = v->w[i] & m->w[i];
	return mcnic_crc32c(tuple, &k, sizeof(k));
#endif
}

static u32 pol_filter(const struct mcnic_policy_table *pt, u32 h)
{
	return (h * 0x9e3779b1u) >> pt->filter_shift;
}

static void pol_filter_add(struct mcnic_policy_table *pt, u32 h)
{
	u32 f = pol_filter(pt, h);

	pt->filter[f] += pt->filter[f] != POL_FILTER_STUCK;
	pt->fbits[f / 64] |= 1ull << (f % 64);
}

static void pol_filter_del(struct mcnic_policy_table *pt, u32 h)
{
	u32 f = pol_filter(pt, h);

	if (pt->filter[f] == POL_FILTER_STUCK || --pt->filter[f])
		return;
	pt->fbits[f / 64] &= ~(1ull << (f % 64));
}

/* Entries with this hash (the rule group of one key, plus collisions). */
static u32 pol_ent_count(const struct mcnic_policy_table *pt, u32 h)
{
	const struct mcnic_pol_bucket *b;
	u32 i, s, n = 0, bi = h & pt->bucket_mask;

	for (i = 0; i <= pt->bucket_mask; i++) {
		b = &pt->buckets[bi];
		for (s = 0; s < POL_SLOTS; s++)
			n += (b->used >> s & 1) &&
			     !((b->sig[s] ^ h) & ~POL_CLS_BITS);
		if (!b->ovf)
			break;
		bi = (bi + 1) & pt->bucket_mask;
	}
	return n;
}

/* The table holds POL_EXPAND entries per rule: a free slot exists. */
static void pol_ent_add(struct mcnic_policy_table *pt, u32 h, u32 slot,
			const struct mcnic_policy_rule *r)
{
	struct mcnic_pol_bucket *b;
	u32 i, s, bi = h & pt->bucket_mask;

	pol_filter_add(pt, h);
	for (i = 0; i <= pt->bucket_mask; i++) {
		b = &pt->buckets[bi];
		if (b->used != (1u << POL_SLOTS) - 1) {
			s = __builtin_ctz(~b->used);
			b->sig[s] = (h & ~POL_CLS_BITS) | pol_rule_cls(r);
			b->ref[s] = slot;
			b->prio[s] = r->priority;
			b->used |= 1u << s;
			return;
		}
		b->ovf += b->ovf != POL_OVF_STUCK;
		bi = (bi + 1) & pt->bucket_mask;
	}
}

static void pol_ent_del(struct mcnic_policy_table *pt, u32 h, u32 slot)
{
	struct mcnic_pol_bucket *b;
	u32 i, s, n, home = h & pt->bucket_mask, bi = home;

	pol_filter_del(pt, h);
	for (n = 0; n <= pt->bucket_mask; n++) {
		b = &pt->buckets[bi];
		for (s = 0; s < POL_SLOTS; s++) {
			if ((b->used >> s & 1) && b->ref[s] == slot &&
			    !((b->sig[s] ^ h) & ~POL_CLS_BITS)) {
				b->used &= ~(1u << s);
				for (i = 0; i < n; i++) {
					b = &pt->buckets[(home + i) &
							 pt->bucket_mask];
					b->ovf -= b->ovf != POL_OVF_STUCK;
				}
				return;
			}
		}
		bi = (bi + 1) & pt->bucket_mask;
	}
}

/*
 * The hashes of a rule's entries in tuple t: its key under the tuple's mask,
 * once per port block pair.  Returns how many (1..POL_EXPAND).
 */
static u32 pol_rule_hashes(const struct mcnic_policy_table *pt, u32 t,
			   const struct mcnic_policy_rule *r,
			   const struct pol_key *val, u32 *h)
{
	const struct pol_key *m = &pt->tuples[t].mask;
	u32 sm = m->w[5] & 0xffff, dm = m->w[5] >> 16;
	u32 sstep = (~sm & 0xffff) + 1, dstep = (~dm & 0xffff) + 1;
	u32 sp, dp, n = 0;
	struct pol_key k = *val;

	/* The tuple is no finer than the rule: at most 2 x 2 blocks. */
	for (sp = r->sport_lo & sm; sp <= (r->sport_hi & sm); sp += sstep)
		for (dp = r->dport_lo & dm;
		     dp <= (r->dport_hi & dm) && n < POL_EXPAND; dp += dstep) {
			k.w[5] = sp | (u64)dp << 16;
			h[n++] = pol_hash(t, &k, m);
		}
	return n;
}

/* ---- tuples ----------------------------------------------------------- */

static void pol_vrf_unlink(struct mcnic_policy_table *pt, u32 t)
{
	struct mcnic_pol_tuple *tp = &pt->tuples[t];
	struct mcnic_pol_tmeta *tm = &pt->tmeta[t];

	if (tm->prev != POL_NONE)
		pt->tuples[tm->prev].next = tp->next;
	else
		pt->vrf_head[tm->vrf] = tp->next;
	if (tp->next != POL_NONE)
		pt->tmeta[tp->next].prev = tm->prev;
}

/* Into its VRF's list after the last tuple whose best is <= its own. */
static void pol_vrf_link(struct mcnic_policy_table *pt, u32 t)
{
	struct mcnic_pol_tuple *tp = &pt->tuples[t];
	struct mcnic_pol_tmeta *tm = &pt->tmeta[t];
	u32 prev = POL_NONE, next = pt->vrf_head[tm->vrf], n;

	for (n = 0; next != POL_NONE && n < pt->max_rules; n++) {
		if (pt->tuples[next].best > tp->best)
			break;
		prev = next;
		next = pt->tuples[next].next;
	}
	tm->prev = prev;
	tp->next = next;
	if (prev != POL_NONE)
		pt->tuples[prev].next = t;
	else
		pt->vrf_head[tm->vrf] = t;
	if (next != POL_NONE)
		pt->tmeta[next].prev = t;
}

static void pol_tuple_best(struct mcnic_policy_table *pt, u32 t, u32 best,
			   u32 n_best)
{
	pt->tuples[t].best = best;
	pt->tmeta[t].n_best = n_best;
	pol_vrf_unlink(pt, t);
	pol_vrf_link(pt, t);
}

/*
 * A new tuple takes the rule's mask with its prefixes cut to a byte (IPv6:
 * 16 bits), so that rules of nearby lengths share it; when a tuple of that
 * mask exists already (it had no room), the rule's own mask.
 */
static void pol_relax(const struct mcnic_policy_rule *r,
		      const struct pol_key *mask, struct pol_key *relaxed)
{
	u32 cut = r->family == 6 ? ~15u : ~7u;

	*relaxed = *mask;
	pol_pfx_mask(relaxed, 0, r->src_len & cut);
	pol_pfx_mask(relaxed, 2, r->dst_len & cut);
}

static int pol_key_eq(const struct pol_key *a, const struct pol_key *b)
{
	u32 i;

	for (i = 0; i < POL_WORDS; i++)
		if (a->w[i] != b->w[i])
			return 0;
	return 1;
}

/* Bits of the key a tuple looks at, if it can hold the rule; else 0. */
static u32 pol_fits(const struct pol_key *tm, const struct pol_key *mask)
{
	u32 i, bits = 1;

	for (i = 0; i < POL_WORDS; i++) {
		if (tm->w[i] & ~mask->w[i])
			return 0;
		bits += __builtin_popcountll(tm->w[i]);
	}
	return bits;
}

/* No key of the rule at its group maximum in tuple t yet. */
static int pol_room(const struct mcnic_policy_table *pt, u32 t,
		    const struct mcnic_policy_rule *r,
		    const struct pol_key *val)
{
	u32 h[POL_EXPAND], n, i, max = pt->rule_top < POL_NEAR_RULES ?
					POL_GROUP_MAX_NEAR : POL_GROUP_MAX;

	n = pol_rule_hashes(pt, t, r, val, h);
	for (i = 0; i < n; i++)
		if (pol_ent_count(pt, h[i]) >= max)
			return 0;
	return 1;
}

/*
 * The most specific tuple of the rule's VRF that can hold it: none more
 * specific than the rule anywhere, with room under the rule's keys (most
 * specific first: the room check probes the hash table).  The mask for a
 * new tuple, if none can, in *fresh.
 */
static u32 pol_tuple_pick(const struct mcnic_policy_table *pt,
			  const struct mcnic_policy_rule *r,
			  const struct pol_key *val, const struct pol_key *mask,
			  struct pol_key *fresh)
{
	u32 t, n, bits, rank, round, best = POL_NONE, best_rank, below = ~0u;
	const struct mcnic_pol_tuple *tp;
	int taken = 0;

	pol_relax(r, mask, fresh);
	for (round = 0; round < pt->max_rules; round++) {
		best = POL_NONE;
		best_rank = 0;
		t = pt->vrf_head[r->vrf];
		for (n = 0; t != POL_NONE && n < pt->max_rules;
		     n++, t = tp->next) {
			tp = &pt->tuples[t];
			bits = pol_fits(&tp->mask, mask);
			if (!bits)
				continue;
			taken |= pol_key_eq(&tp->mask, fresh);
			/* (bits, index): 9 and 22 bits; each round the next. */
			rank = bits << 22 | t;
			if (rank < below && rank > best_rank) {
				best = t;
				best_rank = rank;
			}
		}
		if (best == POL_NONE || pol_room(pt, best, r, val))
			break;
		below = best_rank;
	}
	if (taken)
		*fresh = *mask;
	return best;
}

static u32 pol_tuple_new(struct mcnic_policy_table *pt, u16 vrf,
			 const struct pol_key *mask, u32 prio)
{
	struct mcnic_pol_tuple *tp;
	u32 t;

	if (pt->tuple_free != POL_NONE) {
		t = pt->tuple_free;
		pt->tuple_free = pt->tuples[t].next;
	} else {
		t = pt->tuple_top++;
	}
	tp = &pt->tuples[t];
	tp->mask = *mask;
	tp->best = prio;
	pt->tmeta[t].n_best = 0;
	pt->tmeta[t].vrf = vrf;
	pt->tmeta[t].nrules = 0;
	pt->tmeta[t].rules = POL_NONE;
	pol_vrf_link(pt, t);
	pt->ntuples++;
	return t;
}

static void pol_tuple_free(struct mcnic_policy_table *pt, u32 t)
{
	pol_vrf_unlink(pt, t);
	pt->tuples[t].next = pt->tuple_free;
	pt->tuple_free = t;
	pt->ntuples--;
}

/* The tuple's best rule went: find its new best among the rest. */
static void pol_tuple_rescan(struct mcnic_policy_table *pt, u32 t)
{
	u32 s = pt->tmeta[t].rules, n, best = POL_NONE, n_best = 0, p;

	for (n = 0; s != POL_NONE && n < pt->max_rules; n++) {
		p = pt->rules[s].priority;
		if (p < best) {
			best = p;
			n_best = 0;
		}
		n_best += p == best;
		s = pt->links[s].next;
	}
	pol_tuple_best(pt, t, best, n_best);
}

/* ---- add, delete, lookup --------------------------------------------- */

static u32 pol_id_bucket(const struct mcnic_policy_table *pt, u32 id)
{
	u32 h = id * 0x9e3779b1u;

	return (h ^ h >> 16) & pt->id_mask;
}

static u32 pol_id_find(const struct mcnic_policy_table *pt, u32 id)
{
	u32 s = pt->id_head[pol_id_bucket(pt, id)], n;

	for (n = 0; s != POL_NONE && n < pt->max_rules; n++) {
		if (pt->rules[s].id == id)
			return s;
		s = pt->links[s].id_next;
	}
	return POL_NONE;
}

static u32 pol_slot_alloc(struct mcnic_policy_table *pt)
{
	u32 s = pt->rule_free;

	if (s == POL_NONE)
		return pt->rule_top++;
	pt->rule_free = pt->links[s].id_next;
	return s;
}

static void pol_rule_link(struct mcnic_policy_table *pt, u32 s, u32 t)
{
	struct mcnic_pol_link *l = &pt->links[s];
	struct mcnic_pol_tuple *tp = &pt->tuples[t];
	struct mcnic_pol_tmeta *tm = &pt->tmeta[t];
	u32 *head = &pt->id_head[pol_id_bucket(pt, pt->rules[s].id)];
	u32 prio = pt->rules[s].priority;

	l->id_next = *head;
	*head = s;
	l->tuple = t;
	l->prev = POL_NONE;
	l->next = tm->rules;
	if (tm->rules != POL_NONE)
		pt->links[tm->rules].prev = s;
	tm->rules = s;
	tm->nrules++;
	if (prio < tp->best)
		pol_tuple_best(pt, t, prio, 1);
	else if (prio == tp->best)
		tm->n_best++;
}

int mcnic_policy_table_add(struct mcnic_policy_table *pt,
			   const struct mcnic_policy_rule *r,
			   const char **field)
{
	struct pol_key val, mask, fresh;
	u32 h[POL_EXPAND], t, s, i, n;
	int err = mcnic_policy_rule_check(r, field);

	if (err)
		return err;
	if (pol_id_find(pt, r->id) != POL_NONE)
		return -MCNIC_EEXIST;
	if (pt->count >= pt->max_rules)
		return -MCNIC_ENOSPC;
	/* From here on nothing can fail: every pool holds max_rules. */
	pol_rule_key(r, &val, &mask);
	t = pol_tuple_pick(pt, r, &val, &mask, &fresh);
	if (t == POL_NONE)
		t = pol_tuple_new(pt, r->vrf, &fresh, r->priority);
	s = pol_slot_alloc(pt);
	pt->rules[s] = *r;
	pol_rule_link(pt, s, t);
	n = pol_rule_hashes(pt, t, r, &val, h);
	for (i = 0; i < n; i++)
		pol_ent_add(pt, h[i], s, r);
	pt->count++;
	return 0;
}

int mcnic_policy_table_del(struct mcnic_policy_table *pt, u32 id)
{
	u32 s = pol_id_find(pt, id), h[POL_EXPAND], *pp, t, i, n, prio;
	struct mcnic_pol_link *l;
	struct mcnic_pol_tuple *tp;
	struct mcnic_pol_tmeta *tm;
	struct pol_key val, mask;

	if (s == POL_NONE)
		return -MCNIC_ENOENT;
	l = &pt->links[s];
	t = l->tuple;
	tp = &pt->tuples[t];
	tm = &pt->tmeta[t];
	pol_rule_key(&pt->rules[s], &val, &mask);
	n = pol_rule_hashes(pt, t, &pt->rules[s], &val, h);
	for (i = 0; i < n; i++)
		pol_ent_del(pt, h[i], s);
	/* Unchain from the id hash: s is on its bucket's chain. */
	pp = &pt->id_head[pol_id_bucket(pt, id)];
	for (i = 0; *pp != s && i < pt->max_rules; i++)
		pp = &pt->links[*pp].id_next;
	*pp = l->id_next;
	if (l->prev != POL_NONE)
		pt->links[l->prev].next = l->next;
	else
		tm->rules = l->next;
	if (l->next != POL_NONE)
		pt->links[l->next].prev = l->prev;
	prio = pt->rules[s].priority;
	l->id_next = pt->rule_free;
	pt->rule_free = s;
	pt->count--;
	if (!--tm->nrules)
		pol_tuple_free(pt, t);
	else if (prio == tp->best && !--tm->n_best)
		pol_tuple_rescan(pt, t);
	return 0;
}

int mcnic_policy_table_get(const struct mcnic_policy_table *pt, u32 id,
			   struct mcnic_policy_rule *r)
{
	u32 s = pol_id_find(pt, id);

	if (s == POL_NONE)
		return -MCNIC_ENOENT;
	*r = pt->rules[s];
	return 0;
}

/* A slot is in use when its rule's id leads back to it. */
int mcnic_policy_table_next(const struct mcnic_policy_table *pt, u32 *pos,
			    struct mcnic_policy_rule *r)
{
	u32 s;

	for (s = *pos; s < pt->rule_top; s++) {
		if (pol_id_find(pt, pt->rules[s].id) == s) {
			*r = pt->rules[s];
			*pos = s + 1;
			return 0;
		}
	}
	*pos = s;
	return -MCNIC_ENOENT;
}

/*
 * Rule slot, of priority prio (its entry's, no worse than the winner's:
 * both callers checked), against the winner.
 */
static void pol_consider(const struct mcnic_policy_table *pt,
			 struct pol_lookup *lk, u32 slot, u32 prio)
{
	const struct mcnic_policy_rule *r = &pt->rules[slot];

	if ((prio == lk->best_prio && r->id >= lk->best_id) ||
	    !pol_applies(r, lk))
		return;
	lk->best = slot;
	lk->best_prio = prio;
	lk->best_id = r->id;
}

/*
 * Checks the gathered entries, best first, while they can still win: a
 * lookup checks a few of the many it gathers, so each is found by a scan
 * rather than by keeping them all sorted.
 */
static void pol_settle(const struct mcnic_policy_table *pt,
		       struct pol_lookup *lk)
{
	u32 i, m;
	u64 c;

	while (lk->n) {
		for (m = 0, i = 1; i < lk->n; i++)
			m = lk->cand[i] < lk->cand[m] ? i : m;
		c = lk->cand[m];
		if (c >> 32 > lk->best_prio)
			break;
		lk->cand[m] = lk->cand[--lk->n];
		pol_consider(pt, lk, (u32)c, c >> 32);
	}
	lk->n = 0;
}

static void pol_gather(const struct mcnic_policy_table *pt,
		       struct pol_lookup *lk, u32 slot, u32 prio)
{
	if (lk->n == POL_CANDS)
		pol_settle(pt, lk);
	__builtin_prefetch(&pt->rules[slot]);
	lk->cand[lk->n++] = (u64)prio << 32 | slot;
}

/*
 * Bit per slot of b: an entry under (sig & m) == want that may be as good
 * as prio.  Every slot compared at once (POL_SLOTS of them).
 */
static u32 pol_hits(const struct mcnic_pol_bucket *b, u32 m, u32 want,
		    u32 prio)
{
	u32 hit = ((b->sig[4] & m) == want && b->prio[4] <= prio) << 4;
#ifdef __SSE4_1__
	__m128i s = _mm_load_si128((const __m128i *)b->sig);
	__m128i p = _mm_loadu_si128((const __m128i *)b->prio);

	s = _mm_cmpeq_epi32(_mm_and_si128(s, _mm_set1_epi32(m)),
			    _mm_set1_epi32(want));
	/* Unsigned p <= prio. */
	p = _mm_cmpeq_epi32(_mm_min_epu32(p, _mm_set1_epi32(prio)), p);
	hit |= _mm_movemask_ps(_mm_castsi128_ps(_mm_and_si128(s, p)));
#else
	hit |= ((b->sig[0] & m) == want && b->prio[0] <= prio) |
	       ((b->sig[1] & m) == want && b->prio[1] <= prio) << 1 |
	       ((b->sig[2] & m) == want && b->prio[2] <= prio) << 2 |
	       ((b->sig[3] & m) == want && b->prio[3] <= prio) << 3;
#endif
	return hit & b->used;
}

/*
 * The entries under hash h that may beat the current winner: checked at
 * once when the rules are near, else gathered.
 */
static inline __attribute__((always_inline)) void
pol_probe(const struct mcnic_policy_table *pt, struct pol_lookup *lk, u32 h,
	  int near)
{
	const struct mcnic_pol_bucket *b;
	u32 i, s, hit, bi = h & pt->bucket_mask;
	/* The hash, and the query's class among the entry's. */
	u32 m = ~POL_CLS_BITS | lk->cls, want = (h & ~POL_CLS_BITS) | lk->cls;

	for (i = 0; i <= pt->bucket_mask; i++) {
		b = &pt->buckets[bi];
		for (hit = pol_hits(b, m, want, lk->best_prio); hit;
		     hit &= hit - 1) {
			s = __builtin_ctz(hit);
			if (b->prio[s] > lk->best_prio)
				continue;
			if (near)
				pol_consider(pt, lk, b->ref[s], b->prio[s]);
			else
				pol_gather(pt, lk, b->ref[s], b->prio[s]);
		}
		if (!b->ovf)
			break;
		bi = (bi + 1) & pt->bucket_mask;
	}
}

/*
 * Hashes the next POL_BATCH tuples of the walk from *t on and prefetches
 * what their probes will read, the filter bits first, then the buckets they
 * allow: each pass's loads are under way together.  Keeps in tb, hb the
 * tuples whose filter bits allow a probe, returns how many.  A tuple whose
 * best cannot beat best_prio ends the walk (*t = POL_NONE): the rest are
 * no better.
 */
static u32 pol_batch(const struct mcnic_policy_table *pt,
		     const struct pol_key *qk, u32 best_prio, u32 *t,
		     u32 *tb, u32 *hb)
{
	const struct mcnic_pol_tuple *tp;
	u32 k, i, n = 0, f[POL_BATCH];

	for (k = 0; k < POL_BATCH && *t != POL_NONE; k++) {
		tp = &pt->tuples[*t];
		if (tp->best > best_prio) {
			*t = POL_NONE;
			break;
		}
		tb[k] = *t;
		hb[k] = pol_hash(*t, qk, &tp->mask);
		f[k] = pol_filter(pt, hb[k]);
		__builtin_prefetch(&pt->fbits[f[k] / 64]);
		*t = tp->next;
	}
	for (i = 0; i < k; i++) {
		if (!(pt->fbits[f[i] / 64] >> (f[i] % 64) & 1))
			continue;
		__builtin_prefetch(&pt->buckets[hb[i] & pt->bucket_mask]);
		tb[n] = tb[i];
		hb[n++] = hb[i];
	}
	return n;
}

/*
 * The walk over near rules: tuple by tuple, each probe's entries checked
 * as they are found, nothing to overlap.
 */
static void pol_walk_near(const struct mcnic_policy_table *pt,
			  struct pol_lookup *lk, u32 t)
{
	const struct mcnic_pol_tuple *tp;
	u32 n, h, f;

	for (n = 0; t != POL_NONE && n < pt->max_rules; n++, t = tp->next) {
		tp = &pt->tuples[t];
		/* Sorted by best: no tuple from here on can win. */
		if (tp->best > lk->best_prio)
			return;
		h = pol_hash(t, &lk->qk, &tp->mask);
		f = pol_filter(pt, h);
		if (pt->fbits[f / 64] >> (f % 64) & 1)
			pol_probe(pt, lk, h, 1);
	}
}

/* The walk over far rules, POL_BATCH tuples at a time. */
static void pol_walk_far(const struct mcnic_policy_table *pt,
			 struct pol_lookup *lk, u32 t)
{
	u32 n, i, k, tb[POL_BATCH], hb[POL_BATCH];

	for (n = 0; t != POL_NONE && n < pt->max_rules; n += POL_BATCH) {
		k = pol_batch(pt, &lk->qk, lk->best_prio, &t, tb, hb);
		for (i = 0; i < k; i++) {
			if (pt->tuples[tb[i]].best > lk->best_prio)
				break;
			pol_probe(pt, lk, hb[i], 0);
		}
		pol_settle(pt, lk);
		if (i < k)
			return;
	}
}

int mcnic_policy_table_lookup(const struct mcnic_policy_table *pt,
			      const struct mcnic_policy_query *q,
			      u32 *rule_id, u8 *flags)
{
	struct pol_lookup lk;

	if (!q->vrf || q->vrf >= POL_VRFS)
		return -MCNIC_ENOENT;
	lk.q = q;
#ifdef __SSE4_1__
	pol_qvec_init(&lk.qv, q);
#endif
	lk.cls = pol_query_cls(q);
	lk.best = POL_NONE;
	lk.best_prio = ~0u;
	lk.best_id = ~0u;
	lk.n = 0;
	pol_query_key(q, &lk.qk);
	if (pt->rule_top <= POL_NEAR_RULES)
		pol_walk_near(pt, &lk, pt->vrf_head[q->vrf]);
	else
		pol_walk_far(pt, &lk, pt->vrf_head[q->vrf]);
	if (lk.best == POL_NONE)
		return -MCNIC_ENOENT;
	*rule_id = pt->rules[lk.best].id;
	*flags = pt->rules[lk.best].flags;
	return pt->rules[lk.best].action;
}
