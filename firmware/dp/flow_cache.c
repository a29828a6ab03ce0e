// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Exact-match flow cache: bucketized cuckoo hashing.
 *
 * Every flow has two candidate buckets, each one 64-byte line of eight
 * slots (a 16-bit tag and a 32-bit entry index).  The entries (key, gen,
 * action: one line each) and their counters are separate arrays indexed by
 * the entry index, which stays the same for the entry's life.
 *
 *   hash   CRC32C of the 44-byte key with the table's seed
 *   tag    the top 16 bits of hash * 0x9e3779b1 (never 0: 0 marks an
 *          empty slot); mixed so that flows sharing a bucket, whose hashes
 *          share their top bits, still get independent tags
 *   b1     (hash * nbkt) >> 32: multiply-shift, any bucket count works
 *   b2     (b1 + off(tag)) mod nbkt, off(tag) in [1, nbkt - 1]
 *
 * A slot keeps one bit saying whether it holds its flow's first or second
 * choice, so the other bucket of any slot follows from the slot alone
 * (b2 = b1 + off, b1 = b2 - off): moving a flow never reads its key.
 *
 * A hit in the first-choice bucket reads two lines of the table (bucket
 * and entry); a hit in the second choice reads three (both buckets and the
 * entry).  Inserts prefer the first choice, so most hits are the short kind
 * (mcnic_flow_cache_primary() says how many entries are).
 *
 * Each bucket also counts, for the writer alone, the flows that chose it
 * first but sit in their second choice (ovf; readers never load it).  A
 * flow can only be in its second bucket if its first one's count is not
 * zero, so the writer's duplicate check and its searches for a flow read
 * one bucket most of the time, and an insert into a first choice with room
 * touches one bucket line and the entry line, like a hit.  Bulk inserts
 * fetch the first-choice buckets and the entry lines of a batch before
 * inserting its keys, in order.  The bulk lookup
 * prefetches both buckets of every key of a batch, then the entries, then
 * compares: the memory latency of a whole batch overlaps.  Computing the
 * hash already starts fetching the first-choice bucket, so the fetches of
 * a batch are under way while its later keys are still being hashed.
 *
 * Concurrency: one writer, lock-free readers.  Each bucket has a sequence
 * count, odd while the writer changes the bucket or an entry it points to;
 * a table-wide change count goes up on every cuckoo displacement.  The
 * orderings, with the writer's stores on the left and a reader's loads on
 * the right (all accesses to shared words are __atomic; "rel"/"acq" fences
 * are __atomic_thread_fence):
 *
 *   writer, changing bucket B:        reader of bucket B:
 *     B.seq = s + 1      (relaxed)      s = B.seq          (acquire)
 *     fence rel                         tags, index, entry (relaxed)
 *     slots / entry      (relaxed)      fence acq
 *     B.seq = s + 2      (release)      valid if B.seq == s, s even
 *
 * (1) A reader that saw any store made after the first fence also sees
 * B.seq = s + 1 in its final load (the two fences synchronise), so a copy
 * mixing old and new words is always rejected; one that loaded s + 2 with
 * acquire sees everything before it.  This covers updates of gen and act in
 * place: the entry's bucket is odd around them.
 * (2) Deleted entries are reused: the writer issues a release fence before
 * writing a reused entry, after the delete made the old bucket's sequence
 * odd, so a reader that followed a stale index into the new contents sees
 * the old bucket's sequence moved and retries.
 * (3) A displacement writes the flow into its other bucket first, then
 * bumps the change count (release), then clears the old slot inside that
 * bucket's odd window (whose release fence orders the bump before the
 * clear).  The flow is never absent from both buckets, but a reader may
 * read the destination before the write and the source after the clear:
 * it loaded the change count (acquire) before the buckets and loads it
 * again after an acquire fence on a miss, and the clear it saw forces it
 * to see the bump, so it looks again.  rte_hash's lock-free mode does the
 * same (tbl_chng_cnt).  A hit needs no such check: its bucket validated it.
 *
 * Readers give up after MCNIC_FC_RETRIES attempts (-MCNIC_EAGAIN) so every
 * loop is bounded, as it will be in hardware.  The writer reads its own
 * data without atomics: nobody else writes it.
 */
#include "flow_cache.h"
#include "crc32c.h"
#include "dp.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "flow_cache.c reads tags and keys as little-endian 64-bit words"
#endif

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MCNIC_FC_SLOTS		8
#define MCNIC_FC_EMPTY		0xffffffffu	/* empty slot */
#define MCNIC_FC_BULK		32	/* keys in flight in a lookup */
#define MCNIC_FC_RETRIES	1024	/* reader attempts before -EAGAIN */
/* Cuckoo search: breadth first over at most this many buckets (4 levels). */
#define MCNIC_FC_BFS_NODES	1024
#define MCNIC_FC_PATH_MAX	8	/* > the longest path they allow */
#define MCNIC_FC_ROOT		0xffff
/*
 * Counters of cached drops by address pair (either order), for the slow
 * path's question "could the reply direction of this flow be cached as a
 * drop?": most allowed flows then skip the lookup that answers it.  One
 * per entry, 64 to 4096 of them (16 KiB).
 */
#define MCNIC_FC_PAIR_BITS_MIN	6
#define MCNIC_FC_PAIR_BITS_MAX	12

struct mcnic_fc_bucket {
	u16 tag[MCNIC_FC_SLOTS];	/* 0: the slot is empty */
	u32 idx[MCNIC_FC_SLOTS];	/* entry index */
	u32 seq;		/* odd while the writer changes this bucket */
	u32 alt;		/* bit i: slot i has its flow's 2nd choice */
	u32 ovf;		/* its flows sitting in their 2nd choice */
	u32 pad;
} __attribute__((aligned(64)));

MCNIC_ASSERT_SIZE(struct mcnic_fc_bucket, 64);

/* Readers load change; the writer's counters sit on another line. */
struct mcnic_fc_ctl {
	u32 change;		/* displacements, as readers check them */
	u32 pad0[15];
	u32 count;		/* entries in use */
	u32 nfree;		/* free[0..nfree) are free entry indices */
	u32 primary;		/* entries in their first-choice bucket */
	u32 pad1;
	u64 moves;		/* displacements since init */
	u64 pad2[5];
};

MCNIC_ASSERT_SIZE(struct mcnic_fc_ctl, 128);

/* A bucket of the cuckoo search, and which flow would move into it. */
struct mcnic_fc_node {
	u32 bkt;
	u16 parent;		/* node index, or MCNIC_FC_ROOT */
	u8 slot;		/* the parent bucket's slot that moves here */
	u8 pad;
};

/* Entry and tag memory is read as words: may_alias keeps gcc honest. */
typedef u64 __attribute__((may_alias)) mcnic_fc_word;

/* A key and where it goes. */
struct mcnic_fc_probe {
	const struct mcnic_flow_key *key;
	u32 b[2];		/* first and second choice */
	u16 tag;
};

/* What a reader copies out of a matching entry: words 5 (gen), 6 and 7. */
struct mcnic_fc_out {
	u64 w[3];
};

/* A bucket read in progress: its sequence and the slots whose tag matched. */
struct mcnic_fc_read {
	u32 seq;
	u32 match;
};

/* Word 5 of an entry: key bytes 40..43, then gen. */
#define MCNIC_FC_KEY5_MASK	0x00000000ffffffffull
#define MCNIC_FC_LANE_LO	0x7fff7fff7fff7fffull

struct mcnic_fc_layout {
	size_t ctl, bkt, ent, st, used, free, bfs, pairs, size;
	u32 cap;
	u32 pair_bits;
};

static size_t mcnic_fc_align(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

static void mcnic_fc_layout(u32 capacity, struct mcnic_fc_layout *l)
{
	u32 cap = (capacity + MCNIC_FC_SLOTS - 1) & ~(MCNIC_FC_SLOTS - 1);
	size_t off = 0;

	l->cap = cap;
	l->ctl = off;
	off += mcnic_fc_align(sizeof(struct mcnic_fc_ctl));
	l->bkt = off;
	off += (size_t)cap / MCNIC_FC_SLOTS * sizeof(struct mcnic_fc_bucket);
	l->ent = off;
	off += (size_t)cap * sizeof(struct mcnic_flow_entry);
	l->st = off;
	off += mcnic_fc_align((size_t)cap * sizeof(struct mcnic_flow_stats));
	l->used = off;
	off += mcnic_fc_align(((size_t)cap + 63) / 64 * sizeof(u64));
	l->free = off;
	off += mcnic_fc_align((size_t)cap * sizeof(u32));
	l->bfs = off;
	off += mcnic_fc_align(MCNIC_FC_BFS_NODES *
			      sizeof(struct mcnic_fc_node));
	l->pair_bits = MCNIC_FC_PAIR_BITS_MIN;
	while (l->pair_bits < MCNIC_FC_PAIR_BITS_MAX &&
	       (1u << l->pair_bits) < cap)
		l->pair_bits++;
	l->pairs = off;
	off += mcnic_fc_align(sizeof(u32) << l->pair_bits);
	l->size = off;
}

static inline u64 mcnic_fc_load64(const mcnic_fc_word *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void mcnic_fc_store64(mcnic_fc_word *p, u64 v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static inline void mcnic_fc_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static inline u16 mcnic_fc_tag(u32 hash)
{
	u16 t = (u32)(hash * 0x9e3779b1u) >> 16;

	return t ? t : 1;
}

static inline u32 mcnic_fc_off(const struct mcnic_flow_cache *fc, u16 tag)
{
	return 1 + (u32)(((u64)tag * (fc->nbkt - 1)) >> 16);
}

static inline u32 mcnic_fc_second(const struct mcnic_flow_cache *fc, u32 b,
				  u16 tag)
{
	u32 s = b + mcnic_fc_off(fc, tag);

	return s >= fc->nbkt ? s - fc->nbkt : s;
}

static inline u32 mcnic_fc_first(const struct mcnic_flow_cache *fc, u32 b,
				 u16 tag)
{
	u32 off = mcnic_fc_off(fc, tag);

	return b >= off ? b - off : b + fc->nbkt - off;
}

/* The bucket the flow in slot i of bucket bi would move to. */
static u32 mcnic_fc_other(const struct mcnic_flow_cache *fc, u32 bi, u32 i)
{
	const struct mcnic_fc_bucket *b = &fc->bkt[bi];

	if (b->alt >> i & 1)
		return mcnic_fc_first(fc, bi, b->tag[i]);
	return mcnic_fc_second(fc, bi, b->tag[i]);
}

/*
 * mcnic_fc_match(b, tag), bit i set: slot i's tag equals tag (tag 0 finds
 * the empty slots).  On x86 one compare of all eight tags; elsewhere the
 * portable form the NIC cores run, which unit/flow_cache-portable tests on
 * x86.
 */
#ifdef __SSE2__
static inline u32 mcnic_fc_match(const struct mcnic_fc_bucket *b, u16 tag)
{
	const mcnic_fc_word *t = (const mcnic_fc_word *)b->tag;
	__m128i v = _mm_set_epi64x(mcnic_fc_load64(&t[1]),
				   mcnic_fc_load64(&t[0]));

	v = _mm_cmpeq_epi16(v, _mm_set1_epi16(tag));
	return _mm_movemask_epi8(_mm_packs_epi16(v, _mm_setzero_si128()));
}
#else
/* Bit 15 of every 16-bit lane of w that is zero; exact (no borrows). */
static inline u64 mcnic_fc_zero_lanes(u64 w)
{
	return ~(((w & MCNIC_FC_LANE_LO) + MCNIC_FC_LANE_LO) | w |
		 MCNIC_FC_LANE_LO);
}

/* Bits 15, 31, 47, 63 to bits 0..3 (the products never overlap). */
static inline u32 mcnic_fc_gather(u64 z)
{
	return ((z >> 15 & 0x0001000100010001ull) * 0x0001000200040008ull) >>
	       48 & 0xf;
}

static inline u32 mcnic_fc_match(const struct mcnic_fc_bucket *b, u16 tag)
{
	const mcnic_fc_word *t = (const mcnic_fc_word *)b->tag;
	u64 rep = tag * 0x0001000100010001ull;

	return mcnic_fc_gather(mcnic_fc_zero_lanes(mcnic_fc_load64(&t[0]) ^
						   rep)) |
	       mcnic_fc_gather(mcnic_fc_zero_lanes(mcnic_fc_load64(&t[1]) ^
						   rep)) << 4;
}
#endif

/*
 * Word j of a key as the entry holds it; word 5 is key bytes 40..43 with
 * the gen bytes zero.  Loaded straight from the key: a copy on the stack
 * would be read back across the stores that wrote it (no forwarding).
 */
static inline u64 mcnic_fc_kw(const struct mcnic_flow_key *key, u32 j)
{
	u64 w;
	u32 t;

	if (j < 5) {
		__builtin_memcpy(&w, (const u8 *)key + 8 * j, 8);
		return w;
	}
	__builtin_memcpy(&t, (const u8 *)key + 40, 4);
	return t;
}

/* The first-choice bucket only: most lookups that hit need no other. */
static inline void mcnic_fc_probe_first(const struct mcnic_flow_cache *fc,
					struct mcnic_fc_probe *p,
					const struct mcnic_flow_key *key,
					u32 hash)
{
	p->key = key;
	p->tag = mcnic_fc_tag(hash);
	p->b[0] = ((u64)hash * fc->nbkt) >> 32;
}

static inline void mcnic_fc_probe_init(const struct mcnic_flow_cache *fc,
				       struct mcnic_fc_probe *p,
				       const struct mcnic_flow_key *key,
				       u32 hash)
{
	mcnic_fc_probe_first(fc, p, key, hash);
	p->b[1] = mcnic_fc_second(fc, p->b[0], p->tag);
}

/* Whether entry idx holds key; if so (and o), its gen and act words. */
static inline int mcnic_fc_entry_match(const struct mcnic_flow_cache *fc,
				       const struct mcnic_flow_key *key,
				       u32 idx, struct mcnic_fc_out *o)
{
	const mcnic_fc_word *w = (const mcnic_fc_word *)&fc->ent[idx];
	u64 w5 = mcnic_fc_load64(&w[5]);
	u64 d;

	d = (mcnic_fc_load64(&w[0]) ^ mcnic_fc_kw(key, 0)) |
	    (mcnic_fc_load64(&w[1]) ^ mcnic_fc_kw(key, 1)) |
	    (mcnic_fc_load64(&w[2]) ^ mcnic_fc_kw(key, 2)) |
	    (mcnic_fc_load64(&w[3]) ^ mcnic_fc_kw(key, 3)) |
	    (mcnic_fc_load64(&w[4]) ^ mcnic_fc_kw(key, 4)) |
	    ((w5 ^ mcnic_fc_kw(key, 5)) & MCNIC_FC_KEY5_MASK);
	if (d)
		return 0;
	if (o) {
		o->w[0] = w5;
		o->w[1] = mcnic_fc_load64(&w[6]);
		o->w[2] = mcnic_fc_load64(&w[7]);
	}
	return 1;
}

/* Word by word: one 16-byte load of two 8-byte stores would not forward. */
static inline void mcnic_fc_copy_out(const struct mcnic_fc_out *o, u32 *gen,
				     struct mcnic_tunnel_action *act)
{
	*gen = o->w[0] >> 32;
	__builtin_memcpy(act, &o->w[1], 8);
	__builtin_memcpy((u8 *)act + 8, &o->w[2], 8);
}

static inline void mcnic_fc_read_begin(const struct mcnic_fc_bucket *b,
				       u16 tag, struct mcnic_fc_read *r)
{
	r->seq = __atomic_load_n(&b->seq, __ATOMIC_ACQUIRE);
	r->match = mcnic_fc_match(b, tag);
}

/*
 * Finishes a bucket read: the index of the entry holding key, -MCNIC_ENOENT
 * when the bucket (as one consistent snapshot) has no such entry, or
 * -MCNIC_EAGAIN when the writer changed it meanwhile.
 */
static inline s32 mcnic_fc_read_end(const struct mcnic_flow_cache *fc,
				    const struct mcnic_fc_bucket *b,
				    const struct mcnic_fc_read *r,
				    const struct mcnic_flow_key *key,
				    struct mcnic_fc_out *o)
{
	s32 found = -MCNIC_ENOENT;
	u32 m, idx;

	/*
	 * No tag matched: a flow's tag lane does not change while it sits in
	 * its slot, and leaving the slot is a delete (gone) or a move (the
	 * change count), so this miss needs no validation.
	 */
	if (!r->match)
		return -MCNIC_ENOENT;
	if (r->seq & 1)
		return -MCNIC_EAGAIN;
	for (m = r->match; m; m &= m - 1) {
		idx = __atomic_load_n(&b->idx[__builtin_ctz(m)],
				      __ATOMIC_RELAXED);
		/* A torn read may pair a tag with an old index: check it. */
		if (idx < fc->cap && mcnic_fc_entry_match(fc, key, idx, o)) {
			found = idx;
			break;
		}
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (__atomic_load_n(&b->seq, __ATOMIC_RELAXED) != r->seq)
		return -MCNIC_EAGAIN;
	return found;
}

static inline s32 mcnic_fc_search(const struct mcnic_flow_cache *fc,
				  const struct mcnic_fc_probe *p, u32 c,
				  struct mcnic_fc_out *o)
{
	const struct mcnic_fc_bucket *b = &fc->bkt[p->b[c]];
	struct mcnic_fc_read r;

	mcnic_fc_read_begin(b, p->tag, &r);
	return mcnic_fc_read_end(fc, b, &r, p->key, o);
}

static inline u32 mcnic_fc_change(const struct mcnic_flow_cache *fc)
{
	return __atomic_load_n(&fc->ctl->change, __ATOMIC_ACQUIRE);
}

/* After a miss: did a displacement run since change was chg? */
static inline int mcnic_fc_changed(const struct mcnic_flow_cache *fc, u32 chg)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return __atomic_load_n(&fc->ctl->change, __ATOMIC_RELAXED) != chg;
}

size_t mcnic_flow_cache_mem_size(u32 capacity)
{
	struct mcnic_fc_layout l;

	if (!capacity || capacity > MCNIC_FLOW_CACHE_MAX)
		return 0;
	mcnic_fc_layout(capacity, &l);
	return l.size;
}

static inline __attribute__((always_inline)) u32
mcnic_fc_key_crc(const struct mcnic_flow_cache *fc,
		 const struct mcnic_flow_key *key)
{
	/* Inline, not mcnic_crc32c: its call was a fifth of the hash. */
	return ~mcnic_crc32c_update(~fc->seed, (const u8 *)key, sizeof(*key));
}

/*
 * Also starts fetching the key's first-choice bucket (home of about 87 %
 * of the flows of a 90 % full table): a lookup that follows finds it on
 * the way, as if the hash had been computed inside the lookup.
 */
u32 mcnic_flow_cache_hash(const struct mcnic_flow_cache *fc,
			  const struct mcnic_flow_key *key)
{
	u32 hash = mcnic_fc_key_crc(fc, key);

	__builtin_prefetch(&fc->bkt[((u64)hash * fc->nbkt) >> 32]);
	return hash;
}

s32 mcnic_flow_cache_lookup(const struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash,
			    u32 *gen, struct mcnic_tunnel_action *act)
{
	struct mcnic_fc_probe p;
	struct mcnic_fc_out o = { { 0 } };
	u32 try, chg;
	s32 r;

	mcnic_fc_probe_first(fc, &p, key, hash);
	for (try = 0; try < MCNIC_FC_RETRIES; try++) {
		chg = mcnic_fc_change(fc);
		r = mcnic_fc_search(fc, &p, 0, &o);
		if (r == -MCNIC_ENOENT) {
			p.b[1] = mcnic_fc_second(fc, p.b[0], p.tag);
			r = mcnic_fc_search(fc, &p, 1, &o);
		}
		if (r >= 0) {
			mcnic_fc_copy_out(&o, gen, act);
			return r;
		}
		if (r == -MCNIC_ENOENT && !mcnic_fc_changed(fc, chg))
			return r;
		mcnic_fc_relax();
	}
	return -MCNIC_EAGAIN;
}

/* Per-key state of a bulk lookup between its stages. */
struct mcnic_fc_bulk {
	const struct mcnic_fc_bucket *b[2];
	const struct mcnic_fc_bucket *mb;	/* tag matched here, or NULL */
	u32 seq;		/* of mb */
	u32 cand;		/* entry index in mb's first matching slot */
	u16 tag;
};

/* Stage 2: the first matching slot (first choice first); its entry fetched. */
static inline void mcnic_fc_bulk_tags(const struct mcnic_flow_cache *fc,
				      struct mcnic_fc_bulk *s)
{
	const struct mcnic_fc_bucket *b;
	u32 c, m;

	s->mb = NULL;
	for (c = 0; c < 2; c++) {
		b = s->b[c];
		s->seq = __atomic_load_n(&b->seq, __ATOMIC_ACQUIRE);
		m = mcnic_fc_match(b, s->tag);
		if (m) {
			s->mb = b;
			s->cand = __atomic_load_n(&b->idx[__builtin_ctz(m)],
						  __ATOMIC_RELAXED);
			if (s->cand < fc->cap)
				__builtin_prefetch(&fc->ent[s->cand]);
			return;
		}
	}
}

/*
 * Stage 3: the candidate's key compared and its bucket validated.  Anything
 * else -- a tag that matched another key, an odd or moved sequence -- is
 * -MCNIC_EAGAIN: that key is looked up again on its own.
 */
static inline s32 mcnic_fc_bulk_end(const struct mcnic_flow_cache *fc,
				    const struct mcnic_fc_bulk *s,
				    const struct mcnic_flow_key *key, u32 *gen,
				    struct mcnic_tunnel_action *act)
{
	struct mcnic_fc_out o;

	if (!s->mb)
		return -MCNIC_ENOENT;
	if (s->cand >= fc->cap || (s->seq & 1) ||
	    !mcnic_fc_entry_match(fc, key, s->cand, &o))
		return -MCNIC_EAGAIN;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (__atomic_load_n(&s->mb->seq, __ATOMIC_RELAXED) != s->seq)
		return -MCNIC_EAGAIN;
	mcnic_fc_copy_out(&o, gen, act);
	return s->cand;
}

/*
 * fc's fields are copied to a local: the stores to idx, gen and act could
 * alias them, which would have the compiler reload them for every key.
 */
static void mcnic_fc_lookup_batch(const struct mcnic_flow_cache *fc_arg,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, s32 *idx, u32 *gen,
				  struct mcnic_tunnel_action *act)
{
	const struct mcnic_flow_cache fcl = *fc_arg, *fc = &fcl;
	struct mcnic_fc_bulk s[MCNIC_FC_BULK];
	u32 i, b, chg, misses = 0;

	chg = mcnic_fc_change(fc);
	for (i = 0; i < n; i++) {
		s[i].tag = mcnic_fc_tag(hash[i]);
		b = ((u64)hash[i] * fc->nbkt) >> 32;
		s[i].b[0] = &fc->bkt[b];
		s[i].b[1] = &fc->bkt[mcnic_fc_second(fc, b, s[i].tag)];
		__builtin_prefetch(s[i].b[0]);
		__builtin_prefetch(s[i].b[1]);
	}
	for (i = 0; i < n; i++)
		mcnic_fc_bulk_tags(fc, &s[i]);
	for (i = 0; i < n; i++) {
		idx[i] = mcnic_fc_bulk_end(fc, &s[i], &keys[i], &gen[i],
					   &act[i]);
		if (idx[i] == -MCNIC_EAGAIN)
			idx[i] = mcnic_flow_cache_lookup(fc, &keys[i], hash[i],
							 &gen[i], &act[i]);
		else if (idx[i] < 0)
			misses++;
	}
	/* Misses need the change-count check a single lookup makes. */
	if (!misses || !mcnic_fc_changed(fc, chg))
		return;
	for (i = 0; i < n; i++)
		if (idx[i] == -MCNIC_ENOENT)
			idx[i] = mcnic_flow_cache_lookup(fc, &keys[i], hash[i],
							 &gen[i], &act[i]);
}

void mcnic_flow_cache_lookup_bulk(const struct mcnic_flow_cache *fc,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, s32 *idx, u32 *gen,
				  struct mcnic_tunnel_action *act)
{
	u32 i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < MCNIC_FC_BULK ? n - i : MCNIC_FC_BULK;
		mcnic_fc_lookup_batch(fc, keys + i, hash + i, k, idx + i,
				      gen + i, act + i);
	}
}

/* Writer side from here on, dumps included (they read its bookkeeping). */

static void mcnic_fc_seq_begin(struct mcnic_fc_bucket *b)
{
	__atomic_store_n(&b->seq, b->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void mcnic_fc_seq_end(struct mcnic_fc_bucket *b)
{
	__atomic_store_n(&b->seq, b->seq + 1, __ATOMIC_RELEASE);
}

/* Slot i of bucket b := (idx, tag, alt); tag 0 empties it. */
static inline void mcnic_fc_slot_set(struct mcnic_fc_bucket *b, u32 i, u32 idx,
			      u16 tag, u32 alt)
{
	mcnic_fc_word *t = (mcnic_fc_word *)b->tag + i / 4;
	u32 sh = i % 4 * 16;
	u64 w = (*t & ~(0xffffull << sh)) | (u64)tag << sh;

	mcnic_fc_seq_begin(b);
	__atomic_store_n(&b->idx[i], idx, __ATOMIC_RELAXED);
	mcnic_fc_store64(t, w);
	b->alt = (b->alt & ~(1u << i)) | alt << i;
	mcnic_fc_seq_end(b);
}

/*
 * How many of the probe's buckets can hold its flow: the second only when
 * the first has sent flows there (ovf), so most writes read one bucket.
 */
static inline u32 mcnic_fc_nsearch(const struct mcnic_flow_cache *fc,
				   const struct mcnic_fc_probe *p)
{
	return fc->bkt[p->b[0]].ovf ? 2 : 1;
}

/* The slot of bucket *bi holding the probe's key, or -MCNIC_ENOENT. */
static int mcnic_fc_find(const struct mcnic_flow_cache *fc,
			 const struct mcnic_fc_probe *p, u32 *bi)
{
	const struct mcnic_fc_bucket *b;
	u32 c, m, n = mcnic_fc_nsearch(fc, p);

	for (c = 0; c < n; c++) {
		b = &fc->bkt[p->b[c]];
		for (m = mcnic_fc_match(b, p->tag); m; m &= m - 1) {
			if (mcnic_fc_entry_match(fc, p->key,
						 b->idx[__builtin_ctz(m)],
						 NULL)) {
				*bi = p->b[c];
				return __builtin_ctz(m);
			}
		}
	}
	return -MCNIC_ENOENT;
}

/* The slot pointing at entry idx (bucket in *bi), or -MCNIC_ENOENT. */
static int mcnic_fc_find_idx(const struct mcnic_flow_cache *fc, s32 idx,
			     u32 *bi)
{
	const struct mcnic_fc_bucket *b;
	struct mcnic_fc_probe p;
	u32 c, m, n;

	if ((u32)idx >= fc->cap || !(fc->used[idx / 64] >> (idx % 64) & 1))
		return -MCNIC_ENOENT;
	mcnic_fc_probe_init(fc, &p, &fc->ent[idx].key,
			    mcnic_flow_cache_hash(fc, &fc->ent[idx].key));
	n = mcnic_fc_nsearch(fc, &p);
	for (c = 0; c < n; c++) {
		b = &fc->bkt[p.b[c]];
		for (m = mcnic_fc_match(b, p.tag); m; m &= m - 1) {
			if (b->idx[__builtin_ctz(m)] == (u32)idx) {
				*bi = p.b[c];
				return __builtin_ctz(m);
			}
		}
	}
	return -MCNIC_ENOENT;
}

/* The first empty slot of bucket bi, or -1. */
static int mcnic_fc_empty_slot(const struct mcnic_flow_cache *fc, u32 bi)
{
	u32 m = mcnic_fc_match(&fc->bkt[bi], 0);

	return m ? __builtin_ctz(m) : -1;
}

/* Moves the flow in (fb, fs) to its other bucket's empty slot (tb, ts). */
static void mcnic_fc_move(struct mcnic_flow_cache *fc, u32 fb, u32 fs,
			  u32 tb, u32 ts)
{
	struct mcnic_fc_bucket *f = &fc->bkt[fb];
	struct mcnic_fc_ctl *ctl = fc->ctl;
	u32 alt = !(f->alt >> fs & 1);

	mcnic_fc_slot_set(&fc->bkt[tb], ts, f->idx[fs], f->tag[fs], alt);
	__atomic_store_n(&ctl->change, ctl->change + 1, __ATOMIC_RELEASE);
	mcnic_fc_slot_set(f, fs, MCNIC_FC_EMPTY, 0, 0);
	ctl->moves++;
	if (alt) {
		f->ovf++;
		ctl->primary--;
	} else {
		fc->bkt[tb].ovf--;
		ctl->primary++;
	}
}

/*
 * Node n's bucket gives up slot i: the (bucket, slot) pairs on the path to
 * the root must differ, or a flow would be moved twice.
 */
static int mcnic_fc_path_ok(const struct mcnic_fc_node *q, u32 n, u32 i)
{
	u32 bkt[MCNIC_FC_PATH_MAX], slot[MCNIC_FC_PATH_MAX];
	u32 len, j, k;

	for (len = 0; len < MCNIC_FC_PATH_MAX; len++) {
		bkt[len] = q[n].bkt;
		slot[len] = i;
		if (q[n].parent == MCNIC_FC_ROOT)
			break;
		i = q[n].slot;
		n = q[n].parent;
	}
	if (len == MCNIC_FC_PATH_MAX)
		return 0;
	for (j = 0; j < len; j++)
		for (k = j + 1; k <= len; k++)
			if (bkt[j] == bkt[k] && slot[j] == slot[k])
				return 0;
	return 1;
}

/*
 * Runs the path from its end, each flow into the slot the previous move
 * emptied, so every flow is always in one of its buckets; returns the slot
 * of the root bucket left free (root index n = choice, into *alt).
 */
static int mcnic_fc_shift(struct mcnic_flow_cache *fc,
			  const struct mcnic_fc_node *q, u32 n, u32 i,
			  u32 tb, u32 ts, u32 *bi, u32 *alt)
{
	u32 k;

	for (k = 0; k < MCNIC_FC_PATH_MAX; k++) {
		mcnic_fc_move(fc, q[n].bkt, i, tb, ts);
		if (q[n].parent == MCNIC_FC_ROOT)
			break;
		tb = q[n].bkt;
		ts = i;
		i = q[n].slot;
		n = q[n].parent;
	}
	*bi = q[n].bkt;
	*alt = n;
	return i;
}

/* Breadth-first search for a cuckoo path ending at an empty slot. */
static int mcnic_fc_cuckoo(struct mcnic_flow_cache *fc,
			   const struct mcnic_fc_probe *p, u32 *bi, u32 *alt)
{
	struct mcnic_fc_node *q = fc->bfs;
	u32 head, tail, i, to;
	int e;

	q[0].bkt = p->b[0];
	q[0].parent = MCNIC_FC_ROOT;
	q[1].bkt = p->b[1];
	q[1].parent = MCNIC_FC_ROOT;
	tail = p->b[1] == p->b[0] ? 1 : 2;
	for (head = 0; head < tail; head++) {
		for (i = 0; i < MCNIC_FC_SLOTS; i++) {
			if (!fc->bkt[q[head].bkt].tag[i])
				continue;
			to = mcnic_fc_other(fc, q[head].bkt, i);
			if (to == q[head].bkt)
				continue;
			e = mcnic_fc_empty_slot(fc, to);
			if (e >= 0 && mcnic_fc_path_ok(q, head, i))
				return mcnic_fc_shift(fc, q, head, i, to, e,
						      bi, alt);
			if (tail < MCNIC_FC_BFS_NODES) {
				q[tail].bkt = to;
				q[tail].parent = head;
				q[tail].slot = i;
				tail++;
			}
		}
	}
	return -MCNIC_ENOSPC;
}

/* A slot for a new flow: first choice, second choice, else make room. */
static int mcnic_fc_room(struct mcnic_flow_cache *fc,
			 const struct mcnic_fc_probe *p, u32 *bi, u32 *alt)
{
	u32 c;
	int e;

	for (c = 0; c < 2; c++) {
		e = mcnic_fc_empty_slot(fc, p->b[c]);
		if (e >= 0) {
			*bi = p->b[c];
			*alt = c;
			return e;
		}
	}
	return mcnic_fc_cuckoo(fc, p, bi, alt);
}

/* A key's counter, which its reply shares: addresses swap, proto stays. */
static u32 mcnic_fc_pair(const struct mcnic_flow_cache *fc,
			 const struct mcnic_flow_key *key)
{
	u64 s[2], d[2], x;

	__builtin_memcpy(s, key->saddr, 16);
	__builtin_memcpy(d, key->daddr, 16);
	x = (s[0] ^ d[0] ^ s[1] ^ d[1]) + key->proto;
	return (x * 0x9e3779b97f4a7c15ull) >> (64 - fc->pair_bits);
}

static void mcnic_fc_pair_count(struct mcnic_flow_cache *fc,
				const struct mcnic_flow_key *key,
				const struct mcnic_tunnel_action *act, s32 d)
{
	if (act->type == MCNIC_ACT_DROP)
		fc->pairs[mcnic_fc_pair(fc, key)] += d;
}

int mcnic_flow_cache_drop_pair(const struct mcnic_flow_cache *fc,
			       const struct mcnic_flow_key *key)
{
	return fc->pairs[mcnic_fc_pair(fc, key)] != 0;
}

static void mcnic_fc_entry_write(struct mcnic_flow_cache *fc, u32 k,
				 const struct mcnic_flow_key *key, u32 gen,
				 const struct mcnic_tunnel_action *act)
{
	mcnic_fc_word *w = (mcnic_fc_word *)&fc->ent[k];
	u64 a[2];

	__builtin_memcpy(a, act, sizeof(a));
	/* Ordering (2): after the delete that freed k, before the reuse. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	mcnic_fc_store64(&w[0], mcnic_fc_kw(key, 0));
	mcnic_fc_store64(&w[1], mcnic_fc_kw(key, 1));
	mcnic_fc_store64(&w[2], mcnic_fc_kw(key, 2));
	mcnic_fc_store64(&w[3], mcnic_fc_kw(key, 3));
	mcnic_fc_store64(&w[4], mcnic_fc_kw(key, 4));
	mcnic_fc_store64(&w[5], mcnic_fc_kw(key, 5) | (u64)gen << 32);
	mcnic_fc_store64(&w[6], a[0]);
	mcnic_fc_store64(&w[7], a[1]);
}

static void mcnic_fc_stats_init(struct mcnic_flow_cache *fc, u32 k, u64 now)
{
	struct mcnic_flow_stats *s = &fc->st[k];

	__atomic_store_n(&s->packets, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&s->bytes, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&s->first_seen, now, __ATOMIC_RELAXED);
	__atomic_store_n(&s->last_seen, now, __ATOMIC_RELAXED);
}

static void mcnic_fc_count_set(struct mcnic_flow_cache *fc, u32 n)
{
	__atomic_store_n(&fc->ctl->count, n, __ATOMIC_RELAXED);
}

/*
 * Starts the write-fetch of the line the j-th next insert fills: entries
 * come off the free stack, so which one is known before the key's buckets.
 */
static inline void mcnic_fc_prefetch_entry(const struct mcnic_flow_cache *fc,
					   u32 j)
{
	u32 nfree = fc->ctl->nfree;

	if (j < nfree)
		__builtin_prefetch(&fc->ent[fc->free[nfree - 1 - j]], 1);
}

/*
 * The insert itself, once the fetches are under way.  The second choice
 * is read only when the first is full or has sent flows there (ovf).
 */
static s32 mcnic_fc_add(struct mcnic_flow_cache *fc,
			const struct mcnic_fc_probe *p, u32 hash, u32 gen,
			const struct mcnic_tunnel_action *act, u64 now)
{
	struct mcnic_fc_ctl *ctl = fc->ctl;
	u32 bi, alt, k;
	int i;

	/* Deletes and updates find an entry again by hashing its key. */
	if (hash != mcnic_fc_key_crc(fc, p->key))
		return -MCNIC_EINVAL;
	if (mcnic_fc_find(fc, p, &bi) >= 0)
		return -MCNIC_EEXIST;
	if (!ctl->nfree)
		return -MCNIC_ENOSPC;
	i = mcnic_fc_room(fc, p, &bi, &alt);
	if (i < 0)
		return i;
	k = fc->free[--ctl->nfree];
	fc->used[k / 64] |= 1ull << (k % 64);
	mcnic_fc_entry_write(fc, k, p->key, gen, act);
	mcnic_fc_pair_count(fc, p->key, act, 1);
	mcnic_fc_stats_init(fc, k, now);
	mcnic_fc_slot_set(&fc->bkt[bi], i, k, p->tag, alt);
	mcnic_fc_count_set(fc, ctl->count + 1);
	if (!alt)
		ctl->primary++;
	else
		fc->bkt[p->b[0]].ovf++;
	return k;
}

s32 mcnic_flow_cache_insert(struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash,
			    u32 gen, const struct mcnic_tunnel_action *act,
			    u64 now)
{
	struct mcnic_fc_probe p;

	mcnic_fc_probe_init(fc, &p, key, hash);
	mcnic_fc_prefetch_entry(fc, 0);
	return mcnic_fc_add(fc, &p, hash, gen, act, now);
}

/*
 * Fetches the first-choice buckets and the entry lines of a whole batch
 * before inserting its keys one by one, in order (so a key twice in a
 * batch gets -MCNIC_EEXIST the second time).
 */
static void mcnic_fc_insert_batch(struct mcnic_flow_cache *fc,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, const u32 *gen,
				  const struct mcnic_tunnel_action *act,
				  u64 now, s32 *idx)
{
	struct mcnic_fc_probe p[MCNIC_FC_BULK];
	u32 i;

	for (i = 0; i < n; i++) {
		mcnic_fc_probe_init(fc, &p[i], &keys[i], hash[i]);
		__builtin_prefetch(&fc->bkt[p[i].b[0]], 1);
		mcnic_fc_prefetch_entry(fc, i);
	}
	for (i = 0; i < n; i++)
		idx[i] = mcnic_fc_add(fc, &p[i], hash[i], gen[i], &act[i],
				      now);
}

void mcnic_flow_cache_insert_bulk(struct mcnic_flow_cache *fc,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, const u32 *gen,
				  const struct mcnic_tunnel_action *act,
				  u64 now, s32 *idx)
{
	u32 i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < MCNIC_FC_BULK ? n - i : MCNIC_FC_BULK;
		mcnic_fc_insert_batch(fc, keys + i, hash + i, k, gen + i,
				      act + i, now, idx + i);
	}
}

int mcnic_flow_cache_update(struct mcnic_flow_cache *fc, s32 idx, u32 gen,
			    const struct mcnic_tunnel_action *act)
{
	mcnic_fc_word *w;
	u64 a[2];
	u32 bi;

	if (mcnic_fc_find_idx(fc, idx, &bi) < 0)
		return -MCNIC_ENOENT;
	w = (mcnic_fc_word *)&fc->ent[idx];
	mcnic_fc_pair_count(fc, &fc->ent[idx].key, &fc->ent[idx].act, -1);
	mcnic_fc_pair_count(fc, &fc->ent[idx].key, act, 1);
	__builtin_memcpy(a, act, sizeof(a));
	/* Ordering (1): readers see the old or the new gen and act. */
	mcnic_fc_seq_begin(&fc->bkt[bi]);
	mcnic_fc_store64(&w[5], (w[5] & MCNIC_FC_KEY5_MASK) | (u64)gen << 32);
	mcnic_fc_store64(&w[6], a[0]);
	mcnic_fc_store64(&w[7], a[1]);
	mcnic_fc_seq_end(&fc->bkt[bi]);
	return 0;
}

static void mcnic_fc_remove(struct mcnic_flow_cache *fc, u32 bi, u32 i)
{
	struct mcnic_fc_bucket *b = &fc->bkt[bi];
	struct mcnic_fc_ctl *ctl = fc->ctl;
	u32 k = b->idx[i];

	if (!(b->alt >> i & 1))
		ctl->primary--;
	else
		fc->bkt[mcnic_fc_first(fc, bi, b->tag[i])].ovf--;
	mcnic_fc_slot_set(b, i, MCNIC_FC_EMPTY, 0, 0);
	mcnic_fc_pair_count(fc, &fc->ent[k].key, &fc->ent[k].act, -1);
	fc->used[k / 64] &= ~(1ull << (k % 64));
	fc->free[ctl->nfree++] = k;
	mcnic_fc_count_set(fc, ctl->count - 1);
}

int mcnic_flow_cache_delete(struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash)
{
	struct mcnic_fc_probe p;
	u32 bi;
	int i;

	mcnic_fc_probe_init(fc, &p, key, hash);
	i = mcnic_fc_find(fc, &p, &bi);
	if (i < 0)
		return i;
	mcnic_fc_remove(fc, bi, i);
	return 0;
}

int mcnic_flow_cache_delete_idx(struct mcnic_flow_cache *fc, s32 idx)
{
	u32 bi;
	int i = mcnic_fc_find_idx(fc, idx, &bi);

	if (i < 0)
		return i;
	mcnic_fc_remove(fc, bi, i);
	return 0;
}

/* Empties every bucket (readers just miss) and frees every entry. */
void mcnic_flow_cache_clear(struct mcnic_flow_cache *fc)
{
	struct mcnic_fc_ctl *ctl = fc->ctl;
	struct mcnic_fc_bucket *b;
	u32 i, j;

	for (i = 0; i < fc->nbkt; i++) {
		b = &fc->bkt[i];
		mcnic_fc_seq_begin(b);
		mcnic_fc_store64((mcnic_fc_word *)b->tag, 0);
		mcnic_fc_store64((mcnic_fc_word *)b->tag + 1, 0);
		for (j = 0; j < MCNIC_FC_SLOTS; j++)
			__atomic_store_n(&b->idx[j], MCNIC_FC_EMPTY,
					 __ATOMIC_RELAXED);
		b->alt = 0;
		b->ovf = 0;
		mcnic_fc_seq_end(b);
	}
	__builtin_memset(fc->used, 0, ((size_t)fc->cap + 63) / 64 * 8);
	__builtin_memset(fc->pairs, 0, sizeof(u32) << fc->pair_bits);
	/* Lowest indices first: a fresh table's dump is in insert order. */
	for (i = 0; i < fc->cap; i++)
		fc->free[i] = fc->cap - 1 - i;
	ctl->nfree = fc->cap;
	ctl->primary = 0;
	mcnic_fc_count_set(fc, 0);
}

int mcnic_flow_cache_init(struct mcnic_flow_cache *fc, void *mem,
			  size_t size, u32 capacity, u32 seed)
{
	struct mcnic_fc_layout l;
	u8 *m = mem;

	if (!capacity || capacity > MCNIC_FLOW_CACHE_MAX ||
	    ((uintptr_t)mem & 63))
		return -MCNIC_EINVAL;
	mcnic_fc_layout(capacity, &l);
	if (size < l.size)
		return -MCNIC_EINVAL;
	fc->ctl = (struct mcnic_fc_ctl *)(m + l.ctl);
	fc->bkt = (struct mcnic_fc_bucket *)(m + l.bkt);
	fc->ent = (struct mcnic_flow_entry *)(m + l.ent);
	fc->st = (struct mcnic_flow_stats *)(m + l.st);
	fc->used = (u64 *)(m + l.used);
	fc->free = (u32 *)(m + l.free);
	fc->bfs = (struct mcnic_fc_node *)(m + l.bfs);
	fc->pairs = (u32 *)(m + l.pairs);
	fc->pair_bits = l.pair_bits;
	fc->cap = l.cap;
	fc->nbkt = l.cap / MCNIC_FC_SLOTS;
	fc->seed = seed;
	__builtin_memset(fc->ctl, 0, sizeof(*fc->ctl));
	__builtin_memset(fc->bkt, 0, (size_t)fc->nbkt * sizeof(*fc->bkt));
	mcnic_flow_cache_clear(fc);
	return 0;
}

u32 mcnic_flow_cache_expire(struct mcnic_flow_cache *fc, u64 older_than,
			    u32 *cursor, u32 budget)
{
	u32 k = *cursor < fc->cap ? *cursor : 0, n = 0;
	s32 next;

	/* k only grows: at most one pass over the table. */
	while (n < budget && k < fc->cap) {
		next = mcnic_flow_cache_next(fc, k);
		if (next < 0) {
			k = fc->cap;
			break;
		}
		k = next;
		if (__atomic_load_n(&fc->st[k].last_seen, __ATOMIC_RELAXED) <
		    older_than) {
			mcnic_flow_cache_delete_idx(fc, k);
			n++;
		}
		k++;
	}
	/* Back to 0 at the end of a sweep: the caller sees a pass ended. */
	*cursor = k < fc->cap ? k : 0;
	return n;
}

s32 mcnic_flow_cache_next(const struct mcnic_flow_cache *fc, s32 idx)
{
	u32 nw = (fc->cap + 63) / 64, w;
	u64 bits;

	if (idx < 0)
		idx = 0;
	if ((u32)idx >= fc->cap)
		return -MCNIC_ENOENT;
	w = idx / 64;
	bits = fc->used[w] & (~0ull << (idx % 64));
	while (!bits && ++w < nw)
		bits = fc->used[w];
	return bits ? (s32)(w * 64 + __builtin_ctzll(bits)) : -MCNIC_ENOENT;
}

int mcnic_flow_cache_read(const struct mcnic_flow_cache *fc, s32 idx,
			  struct mcnic_flow_entry *e,
			  struct mcnic_flow_stats *st)
{
	const struct mcnic_flow_stats *s;

	if ((u32)idx >= fc->cap || !(fc->used[idx / 64] >> (idx % 64) & 1))
		return -MCNIC_ENOENT;
	if (e)
		__builtin_memcpy(e, &fc->ent[idx], sizeof(*e));
	if (st) {
		s = &fc->st[idx];
		st->packets = __atomic_load_n(&s->packets, __ATOMIC_RELAXED);
		st->bytes = __atomic_load_n(&s->bytes, __ATOMIC_RELAXED);
		st->first_seen = __atomic_load_n(&s->first_seen,
						 __ATOMIC_RELAXED);
		st->last_seen = __atomic_load_n(&s->last_seen,
						__ATOMIC_RELAXED);
	}
	return 0;
}

u32 mcnic_flow_cache_count(const struct mcnic_flow_cache *fc)
{
	return __atomic_load_n(&fc->ctl->count, __ATOMIC_RELAXED);
}

u32 mcnic_flow_cache_capacity(const struct mcnic_flow_cache *fc)
{
	return fc->cap;
}

u32 mcnic_flow_cache_primary(const struct mcnic_flow_cache *fc)
{
	return fc->ctl->primary;
}

u64 mcnic_flow_cache_moves(const struct mcnic_flow_cache *fc)
{
	return fc->ctl->moves;
}
