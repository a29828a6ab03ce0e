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

struct mcnic_flow_cache {
	/* implementation-defined: see flow_cache.c */
};

/* Bytes of memory (64-byte aligned) a cache of capacity entries needs. */
size_t mcnic_flow_cache_mem_size(u32 capacity);
int mcnic_flow_cache_init(struct mcnic_flow_cache *fc, void *mem,
			  size_t size, u32 capacity, u32 seed);
u32 mcnic_flow_cache_hash(const struct mcnic_flow_cache *fc,
			  const struct mcnic_flow_key *key);

/* Reader side: the entry index, or -MCNIC_ENOENT; gen and act copied out. */
s32 mcnic_flow_cache_lookup(const struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash,
			    u32 *gen, struct mcnic_tunnel_action *act);
void mcnic_flow_cache_lookup_bulk(const struct mcnic_flow_cache *fc,
				  const struct mcnic_flow_key *keys,
				  const u32 *hash, u32 n, s32 *idx, u32 *gen,
				  struct mcnic_tunnel_action *act);
void mcnic_flow_cache_hit(struct mcnic_flow_cache *fc, s32 idx, u32 bytes,
			  u64 now);

/* Writer side. */
s32 mcnic_flow_cache_insert(struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash,
			    u32 gen, const struct mcnic_tunnel_action *act,
			    u64 now);
int mcnic_flow_cache_update(struct mcnic_flow_cache *fc, s32 idx, u32 gen,
			    const struct mcnic_tunnel_action *act);
int mcnic_flow_cache_delete(struct mcnic_flow_cache *fc,
			    const struct mcnic_flow_key *key, u32 hash);
int mcnic_flow_cache_delete_idx(struct mcnic_flow_cache *fc, s32 idx);
void mcnic_flow_cache_clear(struct mcnic_flow_cache *fc);
/* Deletes up to budget entries last seen before older_than; resumable. */
u32 mcnic_flow_cache_expire(struct mcnic_flow_cache *fc, u64 older_than,
			    u32 *cursor, u32 budget);

/* Dumps: the next used index at or after idx, or -MCNIC_ENOENT. */
s32 mcnic_flow_cache_next(const struct mcnic_flow_cache *fc, s32 idx);
int mcnic_flow_cache_read(const struct mcnic_flow_cache *fc, s32 idx,
			  struct mcnic_flow_entry *e,
			  struct mcnic_flow_stats *st);
u32 mcnic_flow_cache_count(const struct mcnic_flow_cache *fc);
u32 mcnic_flow_cache_capacity(const struct mcnic_flow_cache *fc);

#endif /* MCNIC_DP_FLOW_CACHE_H */
