/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Exact-match flow cache: bucketized cuckoo hashing over caller-provided
 * memory (sized at init, never grown, no allocation).  One writer at a time
 * (the caller serialises inserts, updates and deletes); any number of
 * readers on other cores, which never block and never see a half-written
 * entry.  Entry indices are stable for an entry's life: counters and flow
 * dumps use them.
 */
#ifndef MCNIC_DP_FLOW_CACHE_H
#define MCNIC_DP_FLOW_CACHE_H

#include <mcnic/types.h>
#include <mcnic/flow.h>

struct mcnic_fc_bucket;
struct mcnic_fc_ctl;
struct mcnic_fc_node;

/* Where the parts of the table sit in the caller's memory (see init). */
struct mcnic_flow_cache {
	struct mcnic_fc_bucket *bkt;	/* nbkt cache lines of 8 slots */
	struct mcnic_flow_entry *ent;	/* cap entries, one line each */
	struct mcnic_flow_stats *st;	/* cap counters, parallel to ent */
	struct mcnic_fc_ctl *ctl;	/* change count, writer's counters */
	u64 *used;			/* bitmap of entries in use */
	u32 *free;			/* stack of free entry indices */
	struct mcnic_fc_node *bfs;	/* the writer's cuckoo search queue */
	u32 *pairs;			/* cached drops by address pair */
	u32 nbkt;
	u32 cap;			/* entries: a multiple of 8 */
	u32 seed;
	u32 pair_bits;			/* log2 of the pairs counters */
};

/* The largest capacity init takes. */
#define MCNIC_FLOW_CACHE_MAX	(1u << 30)

/* Bytes of memory (64-byte aligned) a cache of capacity entries needs. */
size_t mcnic_flow_cache_mem_size(u32 capacity);
int mcnic_flow_cache_init(struct mcnic_flow_cache *fc, void *mem,
			  size_t size, u32 capacity, u32 seed);
/* CRC32C of the key; also starts fetching its first-choice bucket. */
u32 mcnic_flow_cache_hash(const struct mcnic_flow_cache *fc,
			  const struct mcnic_flow_key *key);

/*
 * Reader side: the entry index, or -MCNIC_ENOENT; gen and act copied out.
 * hash is mcnic_flow_cache_hash(key).  In the rare case that the writer
 * kept changing the key's buckets for the whole bounded retry (a preempted
 * writer), -MCNIC_EAGAIN: treat it as a miss or ask again.
 */
s32 mcnic_flow_cache_lookup(const struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash,
			    u32 *gen, struct mcnic_tunnel_action *act);
void mcnic_flow_cache_lookup_bulk(const struct mcnic_flow_cache *fc,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, s32 *idx, u32 *gen,
				  struct mcnic_tunnel_action *act);

/*
 * Per packet.  One core counts a table's entries: the one running its
 * pipeline, whose other counters are plain adds too.  So a count is a
 * relaxed load and store (OVS-DPDK's per-thread flow stats do the same),
 * not a locked add: that waits for every earlier store to drain, and two of
 * them were a tenth of an egress hit's time.  Readers on other cores (flow
 * dumps) still see whole 64-bit values.  An index from a lookup that raced
 * with a delete may count one packet to the entry's next flow: counters are
 * statistics.
 */
static inline void mcnic_fc_stat_add(u64 *c, u64 v)
{
	__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + v,
			 __ATOMIC_RELAXED);
}

/* add: packets of idx counted elsewhere (the HDL's flow table). */
static inline void mcnic_flow_cache_add(struct mcnic_flow_cache *fc, s32 idx,
					u64 packets, u64 bytes, u64 now)
{
	struct mcnic_flow_stats *s;

	if ((u32)idx >= fc->cap)
		return;
	s = &fc->st[idx];
	mcnic_fc_stat_add(&s->packets, packets);
	mcnic_fc_stat_add(&s->bytes, bytes);
	__atomic_store_n(&s->last_seen, now, __ATOMIC_RELAXED);
}

static inline void mcnic_flow_cache_hit(struct mcnic_flow_cache *fc, s32 idx,
					u32 bytes, u64 now)
{
	mcnic_flow_cache_add(fc, idx, 1, bytes, now);
}

/*
 * Writer side.  insert: the new entry's index, -MCNIC_EEXIST, -MCNIC_ENOSPC
 * (every installed entry stays where it was), or -MCNIC_EINVAL when hash is
 * not the key's.
 */
s32 mcnic_flow_cache_insert(struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash,
			    u32 gen, const struct mcnic_tunnel_action *act,
			    u64 now);
/*
 * The same for n keys, idx[i] what insert would return for keys[i] (the
 * keys go in in order); the table's memory latency overlaps across each
 * batch of keys, as in lookup_bulk.
 */
void mcnic_flow_cache_insert_bulk(struct mcnic_flow_cache *fc,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, const u32 *gen,
				  const struct mcnic_tunnel_action *act,
				  u64 now, s32 *idx);
/*
 * Writer side: 0 when no entry whose action is a drop has this key's two
 * addresses and protocol, in either order (so neither has the key's reply);
 * 1 when one may.
 */
int mcnic_flow_cache_drop_pair(const struct mcnic_flow_cache *fc,
			       const struct mcnic_flow_key *key);
int mcnic_flow_cache_update(struct mcnic_flow_cache *fc, s32 idx, u32 gen,
			    const struct mcnic_tunnel_action *act);
int mcnic_flow_cache_delete(struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash);
int mcnic_flow_cache_delete_idx(struct mcnic_flow_cache *fc, s32 idx);
void mcnic_flow_cache_clear(struct mcnic_flow_cache *fc);
/*
 * Deletes up to budget entries last seen before older_than; resumable:
 * *cursor is where the next call goes on, 0 again once a sweep ended.
 */
u32 mcnic_flow_cache_expire(struct mcnic_flow_cache *fc, u64 older_than,
			    u32 *cursor, u32 budget);

/*
 * Dumps, on the writer's side: the next used index at or after idx, or
 * -MCNIC_ENOENT.
 */
s32 mcnic_flow_cache_next(const struct mcnic_flow_cache *fc, s32 idx);
int mcnic_flow_cache_read(const struct mcnic_flow_cache *fc, s32 idx,
			  struct mcnic_flow_entry *e,
			  struct mcnic_flow_stats *st);
u32 mcnic_flow_cache_count(const struct mcnic_flow_cache *fc);
u32 mcnic_flow_cache_capacity(const struct mcnic_flow_cache *fc);
/* Entries that sit in their first-choice bucket (a hit reads two lines). */
u32 mcnic_flow_cache_primary(const struct mcnic_flow_cache *fc);
/* Cuckoo displacements since init: one per entry moved to its other bucket. */
u64 mcnic_flow_cache_moves(const struct mcnic_flow_cache *fc);

#endif /* MCNIC_DP_FLOW_CACHE_H */
