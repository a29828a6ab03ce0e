// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Longest-prefix match: one multibit trie for 32- and 128-bit addresses.
 * The root table has 1 << root_bits entries; below it, groups of 256
 * entries each take the next 8 bits (root_bits 24 is DIR-24-8 for IPv4).
 *
 * An entry is 32 bits: VALID | EXT | depth (8 bits) | data (22 bits).  EXT
 * entries point to a group (data is its index); leaves hold the value of
 * the prefix of length depth that set them.  A prefix is expanded over the
 * entries its span covers, and every entry remembers the depth of its
 * prefix, so an add overwrites only entries set by shorter prefixes and a
 * delete only its own (handing them to the longest prefix covering it).
 *
 * The prefixes themselves live in a hash table inside the caller's memory
 * (linear probing, at most half full, probe length bounded, backward-shift
 * delete): get, replace and the search for that covering prefix use it.
 *
 * Concurrency: one writer, lock-free readers.  Every change a reader can
 * see is one atomic 32-bit store with release ordering.  A group is filled
 * completely (with the entry it replaces, and the new prefix) before the
 * one store that links it in; readers load entries relaxed, and each load
 * after the root takes its address from the entry loaded before it, an
 * address dependency that orders the two on every CPU we build for (x86
 * TSO, RISC-V RVWMO: the rcu_dereference argument), so a reader that sees
 * the link sees the filled group.  A lookup reads one entry per level, and
 * a change rewrites only leaves (or swaps a whole subtree in or out through
 * one store), so each lookup sees a leaf either before or after the
 * change.  A group cut out of the trie stays intact on a deferred list
 * until mcnic_lpm_reclaim() says no reader can still be inside it.
 */
#include "lpm.h"
#include "dp.h"

#define LPM_VALID		(1u << 31)
#define LPM_EXT			(1u << 30)
#define LPM_DEPTH_SHIFT		22
#define LPM_DATA_MASK		(MCNIC_LPM_VALUE_MAX - 1)
#define LPM_GROUP_BITS		8
#define LPM_GROUP_SIZE		(1u << LPM_GROUP_BITS)
/* Group levels under an 8-bit root for IPv6: (128 - 8) / 8. */
#define LPM_LEVELS_MAX		15
#define LPM_NIL			0xffffffffu
/* Longest probe sequence of the prefix store (it is at most half full). */
#define LPM_PROBE_MAX		128
#define LPM_SLOT_USED		(1u << 31)
#define LPM_SLOT_LEN_SHIFT	22
/* Lookups a bulk call walks level by level together. */
#define LPM_BATCH		64

/* A prefix as the writer handles it: the address left-aligned in 128 bits. */
struct lpm_key {
	u64 hi;
	u64 lo;
};

/* The same as the prefix store keeps it: the first 1 (IPv4) or 4 words. */
struct lpm_skey {
	u32 w[4];
};

/* ---- entries ---- */

static inline u32 lpm_leaf(u32 depth, u32 value)
{
	return LPM_VALID | depth << LPM_DEPTH_SHIFT | value;
}

static inline u32 lpm_depth(u32 e)
{
	return (e >> LPM_DEPTH_SHIFT) & 0xff;
}

/* 0 for an empty entry, depth + 1 for a leaf: one order for both. */
static inline u32 lpm_rank(u32 e)
{
	return e & LPM_VALID ? lpm_depth(e) + 1 : 0;
}

static inline u32 lpm_result(u32 e)
{
	return e & LPM_VALID ? e & LPM_DATA_MASK : MCNIC_LPM_NONE;
}

static inline u32 *lpm_group(const struct mcnic_lpm *l, u32 e)
{
	return l->group + ((size_t)(e & LPM_DATA_MASK) << LPM_GROUP_BITS);
}

/* Readers: relaxed, ordered by the address dependency (see the top). */
static inline u32 lpm_load(const u32 *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* The writer, on an entry a reader may see. */
static inline void lpm_publish(u32 *p, u32 e)
{
	__atomic_store_n(p, e, __ATOMIC_RELEASE);
}

/* ---- addresses ---- */

static inline u32 lpm_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline u64 lpm_be64(const u8 *p)
{
	return (u64)lpm_be32(p) << 32 | lpm_be32(p + 4);
}

/* Root index of an address: its first root_bits (<= 24) bits. */
static inline u32 lpm_root_index(const struct mcnic_lpm *l, const u8 *a)
{
	return lpm_be32(a) >> (32 - l->root_bits);
}

/*
 * Index in a group of bits [off, off + 8) of an address of nbytes bytes;
 * off < addr_bits, and bits past the address read as zero.  aligned (a
 * constant where it matters) says off is a multiple of 8.
 */
static inline u32 lpm_group_index(const u8 *a, u32 off, u32 nbytes,
				  int aligned)
{
	u32 b = off >> 3, s = off & 7, w;

	if (aligned)
		return a[b];
	w = (u32)a[b] << 8;
	if (b + 1 < nbytes)
		w |= a[b + 1];
	return (w >> (8 - s)) & 0xff;
}

static struct lpm_key lpm_key_load(const struct mcnic_lpm *l, const u8 *a)
{
	struct lpm_key k;

	k.hi = (u64)lpm_be32(a) << 32;
	k.lo = 0;
	if (l->addr_bits == 128) {
		k.hi = lpm_be64(a);
		k.lo = lpm_be64(a + 8);
	}
	return k;
}

/* Bits [off, off + n) of k, 1 <= n <= 32; bits past 128 read as zero. */
static u32 lpm_key_bits(const struct lpm_key *k, u32 off, u32 n)
{
	u64 w;

	if (off >= 128)
		return 0;
	if (off >= 64)
		w = k->lo << (off - 64);
	else if (off)
		w = k->hi << off | k->lo >> (64 - off);
	else
		w = k->hi;
	return (u32)(w >> (64 - n));
}

static struct lpm_key lpm_key_mask(struct lpm_key k, u32 len)
{
	if (len < 64) {
		k.hi = len ? k.hi & ~0ull << (64 - len) : 0;
		k.lo = 0;
	} else if (len < 128) {
		k.lo = len > 64 ? k.lo & ~0ull << (128 - len) : 0;
	}
	return k;
}

/* ---- trie geometry ---- */

/* Level holding a prefix of length len: 0 is the root. */
static u32 lpm_level(const struct mcnic_lpm *l, u32 len)
{
	if (len <= l->root_bits)
		return 0;
	return (len - l->root_bits + LPM_GROUP_BITS - 1) / LPM_GROUP_BITS;
}

/* First address bit a level indexes with, and how many bits. */
static u32 lpm_level_off(const struct mcnic_lpm *l, u32 lvl)
{
	return lvl ? l->root_bits + (lvl - 1) * LPM_GROUP_BITS : 0;
}

static u32 lpm_level_bits(const struct mcnic_lpm *l, u32 lvl)
{
	return lvl ? LPM_GROUP_BITS : l->root_bits;
}

static u32 lpm_key_index(const struct mcnic_lpm *l, const struct lpm_key *k,
			 u32 lvl)
{
	return lpm_key_bits(k, lpm_level_off(l, lvl), lpm_level_bits(l, lvl));
}

/*
 * Follows k's path down to level want: tbl[i] is the table at level i.
 * Returns the deepest level reached, below want when the path ends in a
 * leaf (or an empty entry) above it.
 */
static u32 lpm_walk(const struct mcnic_lpm *l, const struct lpm_key *k,
		    u32 want, u32 **tbl)
{
	u32 lvl, e;

	tbl[0] = l->root;
	for (lvl = 0; lvl < want; lvl++) {
		e = tbl[lvl][lpm_key_index(l, k, lvl)];
		if (!(e & LPM_EXT))
			break;
		tbl[lvl + 1] = lpm_group(l, e);
	}
	return lvl;
}

struct lpm_span {
	u32 *tbl;
	u32 pos;
};

/* rank(x) in [rlo, rhi], as one unsigned compare. */
static inline int lpm_fill_match(u32 x, u32 rlo, u32 rhi)
{
	return lpm_rank(x) - rlo <= rhi - rlo;
}

/*
 * lpm_fill below an EXT entry: every group under it, depth first.  The
 * explicit stack is as deep as the trie; each step visits one entry or
 * leaves one group, so the bound counts every entry of every group once.
 */
static void lpm_fill_below(struct mcnic_lpm *l, u32 ext, u32 rlo, u32 rhi,
			   u32 e)
{
	struct lpm_span st[LPM_LEVELS_MAX];
	u64 steps = (u64)l->groups * (LPM_GROUP_SIZE + 1);
	struct lpm_span *s;
	u32 *p;
	int sp = 0;

	st[0].tbl = lpm_group(l, ext);
	st[0].pos = 0;
	for (; steps && sp >= 0; steps--) {
		s = &st[sp];
		if (s->pos == LPM_GROUP_SIZE) {
			sp--;
			continue;
		}
		p = &s->tbl[s->pos++];
		if (!(*p & LPM_EXT)) {
			if (lpm_fill_match(*p, rlo, rhi))
				lpm_publish(p, e);
		} else if (sp + 1 < LPM_LEVELS_MAX) {	/* always */
			s = &st[++sp];
			s->tbl = lpm_group(l, *p);
			s->pos = 0;
		}
	}
}

/*
 * Sets to e every leaf (or empty entry) of rank in [rlo, rhi] in entries
 * [first, first + count) of tbl and in every group below them.
 */
static void lpm_fill(struct mcnic_lpm *l, u32 *tbl, u32 first, u32 count,
		     u32 rlo, u32 rhi, u32 e)
{
	u32 i, x;

	for (i = first; i < first + count; i++) {
		x = tbl[i];
		if (x & LPM_EXT)
			lpm_fill_below(l, x, rlo, rhi, e);
		else if (lpm_fill_match(x, rlo, rhi))
			lpm_publish(&tbl[i], e);
	}
}

/* ---- groups ---- */

static u32 lpm_group_alloc(struct mcnic_lpm *l)
{
	u32 g = l->free_head;

	if (g != LPM_NIL)
		l->free_head = l->link[g];
	else
		g = l->fresh++;
	l->groups++;
	return g;
}

static u32 lpm_groups_avail(const struct mcnic_lpm *l)
{
	return l->max_groups - l->groups - l->defer_count;
}

static void lpm_group_defer(struct mcnic_lpm *l, u32 g)
{
	l->link[g] = LPM_NIL;
	if (l->defer_tail == LPM_NIL)
		l->defer_head = g;
	else
		l->link[l->defer_tail] = g;
	l->defer_tail = g;
	l->defer_count++;
	l->groups--;
}

void mcnic_lpm_reclaim(struct mcnic_lpm *l)
{
	if (l->defer_head == LPM_NIL)
		return;
	l->link[l->defer_tail] = l->free_head;
	l->free_head = l->defer_head;
	l->defer_head = LPM_NIL;
	l->defer_tail = LPM_NIL;
	l->defer_count = 0;
}

/*
 * A group at level lvl holds nothing of its own when every entry is the
 * leaf (or emptiness) its parent entry would have without it: no EXT, no
 * depth past the bits above the group.  All such entries are equal.
 */
static int lpm_group_uniform(const struct mcnic_lpm *l, const u32 *g,
			     u32 lvl)
{
	u32 e = g[0], i;

	if ((e & LPM_EXT) || lpm_rank(e) > lpm_level_off(l, lvl) + 1)
		return 0;
	for (i = 1; i < LPM_GROUP_SIZE; i++)
		if (g[i] != e)
			return 0;
	return 1;
}

/* ---- prefix store ---- */

static u32 lpm_key_words(const struct mcnic_lpm *l)
{
	return l->slot_words - 1;
}

static void lpm_key_pack(const struct lpm_key *k, struct lpm_skey *sk)
{
	sk->w[0] = k->hi >> 32;
	sk->w[1] = (u32)k->hi;
	sk->w[2] = k->lo >> 32;
	sk->w[3] = (u32)k->lo;
}

static u32 lpm_slot_home(const struct mcnic_lpm *l, const u32 *w, u32 len)
{
	return mcnic_crc32c(0x6c706d00 ^ len, w, 4 * lpm_key_words(l)) &
	       l->slot_mask;
}

static u32 *lpm_slot(const struct mcnic_lpm *l, u32 i)
{
	return l->slot + (size_t)i * l->slot_words;
}

static u32 lpm_slot_len(const u32 *s)
{
	return (s[0] >> LPM_SLOT_LEN_SHIFT) & 0xff;
}

static u32 lpm_slot_value(const u32 *s)
{
	return s[0] & LPM_DATA_MASK;
}

/*
 * Slot layout: word 0 is USED | len | value, the key words follow.
 * Returns 1 with *pos at the prefix, 0 with *pos at the free slot it would
 * take, -MCNIC_ENOSPC when its probe sequence is full.
 */
static int lpm_store_find(const struct mcnic_lpm *l, const u32 *w, u32 len,
			  u32 *pos)
{
	u32 i = lpm_slot_home(l, w, len), n, kw = lpm_key_words(l);
	const u32 *s;

	for (n = 0; n < LPM_PROBE_MAX; n++, i = (i + 1) & l->slot_mask) {
		s = lpm_slot(l, i);
		*pos = i;
		if (!(s[0] & LPM_SLOT_USED))
			return 0;
		if (lpm_slot_len(s) == len &&
		    !__builtin_memcmp(s + 1, w, 4 * kw))
			return 1;
	}
	return -MCNIC_ENOSPC;
}

static void lpm_store_put(struct mcnic_lpm *l, u32 pos, const u32 *w,
			  u32 len, u32 value)
{
	u32 *s = lpm_slot(l, pos);

	__builtin_memcpy(s + 1, w, 4 * lpm_key_words(l));
	s[0] = LPM_SLOT_USED | len << LPM_SLOT_LEN_SHIFT | value;
}

/*
 * Knuth's algorithm R: pull later entries of the cluster back over the
 * hole.  An entry at distance >= LPM_PROBE_MAX past the hole has its home
 * past it too, so the scan stops there.
 */
static void lpm_store_del(struct mcnic_lpm *l, u32 hole)
{
	u32 mask = l->slot_mask, i = hole, n, home, *s;

	for (n = 0; n <= mask; n++) {
		i = (i + 1) & mask;
		s = lpm_slot(l, i);
		if (!(s[0] & LPM_SLOT_USED) || ((i - hole) & mask) >= LPM_PROBE_MAX)
			break;
		home = lpm_slot_home(l, s + 1, lpm_slot_len(s));
		if (((i - home) & mask) >= ((i - hole) & mask)) {
			__builtin_memcpy(lpm_slot(l, hole), s,
					 4 * l->slot_words);
			hole = i;
		}
	}
	lpm_slot(l, hole)[0] = 0;
}

/* The longest stored prefix covering (k, len) that is shorter than len. */
static u32 lpm_parent(const struct mcnic_lpm *l, const struct lpm_key *k,
		      u32 len)
{
	struct lpm_key pk;
	struct lpm_skey sk;
	u32 pos, plen;

	for (plen = len; plen-- > 0;) {
		if (!l->len_count[plen])
			continue;
		pk = lpm_key_mask(*k, plen);
		lpm_key_pack(&pk, &sk);
		if (lpm_store_find(l, sk.w, plen, &pos) == 1)
			return lpm_leaf(plen, lpm_slot_value(lpm_slot(l, pos)));
	}
	return 0;
}

/* ---- setup ---- */

static u32 lpm_slots(u32 max_prefixes)
{
	u32 n = 8;

	while (n < 2 * max_prefixes)
		n <<= 1;
	return n;
}

static int lpm_params_ok(u8 addr_bits, u8 root_bits, u32 max_prefixes,
			 u32 max_groups)
{
	return (addr_bits == 32 || addr_bits == 128) &&
	       root_bits >= 8 && root_bits <= 24 &&
	       max_prefixes <= MCNIC_LPM_PREFIXES_MAX &&
	       max_groups <= MCNIC_LPM_GROUPS_MAX;
}

static size_t lpm_align(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

/* Byte offsets of the sections in the caller's memory; [5] is the end. */
static void lpm_layout(u8 addr_bits, u8 root_bits, u32 max_prefixes,
		       u32 max_groups, size_t *off)
{
	size_t slot_bytes = 4 * (addr_bits / 32 + 1);

	off[0] = 0;
	off[1] = off[0] + lpm_align((size_t)4 << root_bits);
	off[2] = off[1] + lpm_align((size_t)max_groups * 4 * LPM_GROUP_SIZE);
	off[3] = off[2] + lpm_align((size_t)max_groups * 4);
	off[4] = off[3] + lpm_align(lpm_slots(max_prefixes) * slot_bytes);
	off[5] = off[4] + lpm_align(4 * (addr_bits + 1));
}

size_t mcnic_lpm_mem_size(u8 addr_bits, u8 root_bits, u32 max_prefixes,
			  u32 max_groups)
{
	size_t off[6];

	if (!lpm_params_ok(addr_bits, root_bits, max_prefixes, max_groups))
		return 0;
	lpm_layout(addr_bits, root_bits, max_prefixes, max_groups, off);
	return off[5];
}

int mcnic_lpm_init(struct mcnic_lpm *l, u8 addr_bits, u8 root_bits,
		   void *mem, size_t size, u32 max_prefixes, u32 max_groups)
{
	u8 *m = mem;
	size_t off[6];

	if (!lpm_params_ok(addr_bits, root_bits, max_prefixes, max_groups) ||
	    !mem || ((uintptr_t)mem & 63))
		return -MCNIC_EINVAL;
	lpm_layout(addr_bits, root_bits, max_prefixes, max_groups, off);
	if (size < off[5])
		return -MCNIC_EINVAL;
	l->root = (u32 *)(m + off[0]);
	l->group = (u32 *)(m + off[1]);
	l->link = (u32 *)(m + off[2]);
	l->slot = (u32 *)(m + off[3]);
	l->len_count = (u32 *)(m + off[4]);
	l->slot_mask = lpm_slots(max_prefixes) - 1;
	l->max_prefixes = max_prefixes;
	l->max_groups = max_groups;
	l->prefixes = 0;
	l->groups = 0;
	l->fresh = 0;
	l->free_head = LPM_NIL;
	l->defer_head = LPM_NIL;
	l->defer_tail = LPM_NIL;
	l->defer_count = 0;
	l->addr_bits = addr_bits;
	l->root_bits = root_bits;
	l->levels = (addr_bits - root_bits + LPM_GROUP_BITS - 1) /
		    LPM_GROUP_BITS;
	l->slot_words = addr_bits / 32 + 1;
	/* Groups are filled when taken; everything else starts empty. */
	__builtin_memset(m + off[0], 0, off[1] - off[0]);
	__builtin_memset(m + off[3], 0, off[5] - off[3]);
	return 0;
}

/* ---- writer ---- */

struct lpm_prefix {
	struct lpm_key k;
	struct lpm_skey sk;
	u32 len;
	u32 lvl;		/* level holding its entries */
	u32 first;		/* its span there */
	u32 count;
	u32 *tbl[LPM_LEVELS_MAX + 1];
	u32 reached;		/* deepest level of its path built so far */
};

/* Checks a prefix the caller gave and packs it for the store. */
static int lpm_prefix_key(const struct mcnic_lpm *l, const u8 *prefix,
			  u32 len, struct lpm_key *k, struct lpm_skey *sk)
{
	struct lpm_key masked;

	if (!prefix || len > l->addr_bits)
		return -MCNIC_EINVAL;
	*k = lpm_key_load(l, prefix);
	masked = lpm_key_mask(*k, len);
	if (masked.hi != k->hi || masked.lo != k->lo)
		return -MCNIC_EINVAL;
	lpm_key_pack(k, sk);
	return 0;
}

static int lpm_prefix_parse(const struct mcnic_lpm *l, const u8 *prefix,
			    u32 len, struct lpm_prefix *p)
{
	u32 end;
	int r = lpm_prefix_key(l, prefix, len, &p->k, &p->sk);

	if (r)
		return r;
	p->len = len;
	p->lvl = lpm_level(l, len);
	p->first = lpm_key_index(l, &p->k, p->lvl);
	end = lpm_level_off(l, p->lvl) + lpm_level_bits(l, p->lvl);
	p->count = 1u << (end - len);
	p->reached = lpm_walk(l, &p->k, p->lvl, p->tbl);
	return 0;
}

/*
 * Builds the groups missing on p's path, deepest first, each filled with
 * the leaf they replace and the deepest one with the new prefix too, then
 * links them all in with one store.  Space was checked by the caller.
 */
static void lpm_add_path(struct mcnic_lpm *l, struct lpm_prefix *p, u32 leaf)
{
	u32 *parent = &p->tbl[p->reached][lpm_key_index(l, &p->k, p->reached)];
	u32 old = *parent, below = 0, lvl, i, g;
	u32 *grp;

	for (lvl = p->lvl; lvl > p->reached; lvl--) {
		g = lpm_group_alloc(l);
		grp = l->group + ((size_t)g << LPM_GROUP_BITS);
		for (i = 0; i < LPM_GROUP_SIZE; i++)
			grp[i] = old;
		if (lvl == p->lvl)
			for (i = 0; i < p->count; i++)
				grp[p->first + i] = leaf;
		else
			grp[lpm_key_index(l, &p->k, lvl)] = below;
		below = LPM_VALID | LPM_EXT | g;
	}
	lpm_publish(parent, below);
}

int mcnic_lpm_add(struct mcnic_lpm *l, const u8 *prefix, u8 len, u32 value)
{
	struct lpm_prefix p;
	u32 leaf = lpm_leaf(len, value), pos, *s;
	int r;

	if (value >= MCNIC_LPM_VALUE_MAX)
		return -MCNIC_EINVAL;
	r = lpm_prefix_parse(l, prefix, len, &p);
	if (r)
		return r;
	r = lpm_store_find(l, p.sk.w, len, &pos);
	if (r == 1) {
		s = lpm_slot(l, pos);
		lpm_fill(l, p.tbl[p.lvl], p.first, p.count, len + 1, len + 1,
			 leaf);
		s[0] = (s[0] & ~LPM_DATA_MASK) | value;
		return 0;
	}
	/* Everything an add needs is checked before anything is written. */
	if (r < 0 || l->prefixes >= l->max_prefixes ||
	    p.lvl - p.reached > lpm_groups_avail(l))
		return -MCNIC_ENOSPC;
	if (p.reached < p.lvl)
		lpm_add_path(l, &p, leaf);
	else
		lpm_fill(l, p.tbl[p.lvl], p.first, p.count, 0, len + 1,
			 leaf);
	lpm_store_put(l, pos, p.sk.w, len, value);
	l->len_count[len]++;
	l->prefixes++;
	return 0;
}

/* Folds groups on p's path that hold nothing of their own any more. */
static void lpm_collapse(struct mcnic_lpm *l, struct lpm_prefix *p)
{
	u32 lvl, *parent;

	for (lvl = p->lvl; lvl > 0; lvl--) {
		if (!lpm_group_uniform(l, p->tbl[lvl], lvl))
			break;
		parent = &p->tbl[lvl - 1][lpm_key_index(l, &p->k, lvl - 1)];
		lpm_publish(parent, p->tbl[lvl][0]);
		lpm_group_defer(l, (p->tbl[lvl] - l->group) >> LPM_GROUP_BITS);
	}
}

int mcnic_lpm_del(struct mcnic_lpm *l, const u8 *prefix, u8 len)
{
	struct lpm_prefix p;
	u32 pos;
	int r;

	r = lpm_prefix_parse(l, prefix, len, &p);
	if (r)
		return r;
	if (lpm_store_find(l, p.sk.w, len, &pos) != 1)
		return -MCNIC_ENOENT;
	/* A stored prefix always has its path built. */
	if (p.reached == p.lvl) {
		lpm_fill(l, p.tbl[p.lvl], p.first, p.count, len + 1, len + 1,
			 lpm_parent(l, &p.k, len));
		lpm_collapse(l, &p);
	}
	lpm_store_del(l, pos);
	l->len_count[len]--;
	l->prefixes--;
	return 0;
}

int mcnic_lpm_get(const struct mcnic_lpm *l, const u8 *prefix, u8 len,
		  u32 *value)
{
	struct lpm_key k;
	struct lpm_skey sk;
	u32 pos;
	int r = lpm_prefix_key(l, prefix, len, &k, &sk);

	if (r)
		return r;
	if (lpm_store_find(l, sk.w, len, &pos) != 1)
		return -MCNIC_ENOENT;
	*value = lpm_slot_value(lpm_slot(l, pos));
	return 0;
}

/* ---- readers ---- */

u32 mcnic_lpm_lookup(const struct mcnic_lpm *l, const u8 *addr)
{
	u32 e = lpm_load(&l->root[lpm_root_index(l, addr)]);
	u32 off = l->root_bits, nbytes = l->addr_bits / 8, lvl;

	for (lvl = 0; lvl < l->levels && (e & LPM_EXT); lvl++) {
		e = lpm_load(&lpm_group(l, e)[lpm_group_index(addr, off,
							      nbytes, 0)]);
		off += LPM_GROUP_BITS;
	}
	return lpm_result(e);
}

/*
 * Address i of a bulk call: from an array of pointers, or packed back to
 * back, nbytes each.  packed is a constant wherever this is inlined.
 */
static inline const u8 *lpm_addr(const void *addr, u32 i, u32 nbytes,
				 int packed)
{
	if (packed)
		return (const u8 *)addr + (size_t)i * nbytes;
	return ((const u8 *const *)addr)[i];
}

/*
 * Walk w of a batch (address a) has read entry e.  If e is EXT the walk
 * goes on with bits [off, off + 8): it stays pending, at slot m, with that
 * entry prefetched.  Returns the new number of pending walks.
 */
static inline __attribute__((always_inline)) u32
lpm_follow(const struct mcnic_lpm *l, const u8 *a, u32 e, u32 w, u32 off,
	   u32 nbytes, int aligned, const u32 **p, u8 *pend, u32 m)
{
	if (!(e & LPM_EXT))
		return m;
	p[m] = &lpm_group(l, e)[lpm_group_index(a, off, nbytes, aligned)];
	__builtin_prefetch(p[m]);
	pend[m] = w;
	return m + 1;
}

/*
 * Up to LPM_BATCH lookups, one trie level at a time.  The root loads of a
 * batch are independent of each other, and an Intel core overlaps their
 * misses on its own, but an AMD EPYC (Zen 4) did not: with a root too big
 * for the cache (24 bits: 64 MiB), prefetching the batch's root entries
 * first took 1 M-prefix IPv4 lookups from 0.4-0.7x DPDK's to 1.05-1.13x
 * rte_fib's AVX-512 lookup there; a 16-bit root stays cached and goes
 * without.  Each walk that
 * goes on prefetches its entry at
 * the next level and joins the pending list; the next pass reads those,
 * by then in flight for a whole pass, instead of queueing one lookup's
 * chain of misses behind the next.  nbytes, rb and packed are constants in
 * the common shapes, so the index arithmetic folds.
 */
static inline __attribute__((always_inline)) void
lpm_batch(const struct mcnic_lpm *l, const void *addr, u32 n, u32 *value,
	  u32 nbytes, u32 rb, int packed)
{
	const u32 *p[LPM_BATCH];
	u8 pend[LPM_BATCH];
	u32 off = rb, i, j, m = 0, next, lvl, e;
	int aligned = !(rb & 7);
	const u8 *a;

	/* A root past 16 bits misses the cache: ask for the batch first. */
	for (i = 0; rb > 16 && i < n; i++)
		__builtin_prefetch(&l->root[lpm_be32(lpm_addr(addr, i, nbytes,
							       packed)) >>
					    (32 - rb)]);
	for (i = 0; i < n; i++) {
		a = lpm_addr(addr, i, nbytes, packed);
		e = lpm_load(&l->root[lpm_be32(a) >> (32 - rb)]);
		value[i] = lpm_result(e);
		m = lpm_follow(l, a, e, i, off, nbytes, aligned, p, pend, m);
	}
	for (lvl = 0; lvl < l->levels && m; lvl++) {
		off += LPM_GROUP_BITS;
		for (j = 0, next = 0; j < m; j++) {
			i = pend[j];
			e = lpm_load(p[j]);
			value[i] = lpm_result(e);
			a = lpm_addr(addr, i, nbytes, packed);
			next = lpm_follow(l, a, e, i, off, nbytes, aligned, p,
					  pend, next);
		}
		m = next;
	}
}

static inline __attribute__((always_inline)) void
lpm_bulk_shape(const struct mcnic_lpm *l, const u8 *addr, u32 n, u32 *value,
	       u32 nbytes, u32 rb, int packed)
{
	u32 stride = packed ? nbytes : sizeof(u8 *), i, b;

	for (i = 0; i < n; i += b) {
		b = n - i < LPM_BATCH ? n - i : LPM_BATCH;
		lpm_batch(l, addr + (size_t)i * stride, b, value + i, nbytes,
			  rb, packed);
	}
}

/* One loop per common shape, each with lpm_batch inlined on constants. */
static inline __attribute__((always_inline)) void
lpm_bulk(const struct mcnic_lpm *l, const void *addr, u32 n, u32 *value,
	 int packed)
{
	u32 nb = l->addr_bits / 8, rb = l->root_bits;

	if (nb == 4 && rb == 24)
		lpm_bulk_shape(l, addr, n, value, 4, 24, packed);
	else if (nb == 16 && rb == 16)
		lpm_bulk_shape(l, addr, n, value, 16, 16, packed);
	else if (nb == 16 && rb == 24)
		lpm_bulk_shape(l, addr, n, value, 16, 24, packed);
	else
		lpm_bulk_shape(l, addr, n, value, nb, rb, packed);
}

void mcnic_lpm_lookup_bulk(const struct mcnic_lpm *l, const u8 *const *addr,
			   u32 n, u32 *value)
{
	lpm_bulk(l, addr, n, value, 0);
}

void mcnic_lpm_lookup_bulk_packed(const struct mcnic_lpm *l, const u8 *addr,
				  u32 n, u32 *value)
{
	lpm_bulk(l, addr, n, value, 1);
}

u32 mcnic_lpm_count(const struct mcnic_lpm *l)
{
	return l->prefixes;
}

u32 mcnic_lpm_capacity(const struct mcnic_lpm *l)
{
	return l->max_prefixes;
}

u32 mcnic_lpm_groups_used(const struct mcnic_lpm *l)
{
	return l->groups + l->defer_count;
}
