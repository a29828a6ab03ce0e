/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A small fixed-key hash map for the control tables the packet path reads
 * (tunnel peers, VNIs, per-rule counters): open addressing over caller
 * memory, one writer, readers that retry across a table-wide sequence
 * count.  Writes are rare (configuration), reads are per packet.
 */
#ifndef MCNIC_DP_KVMAP_H
#define MCNIC_DP_KVMAP_H

#include <mcnic/types.h>

#define MCNIC_KVMAP_KEY_WORDS	6

struct mcnic_kvmap_key {
	u32 w[MCNIC_KVMAP_KEY_WORDS];
};

struct mcnic_kvmap_slot {
	struct mcnic_kvmap_key key;
	u32 value;
	u32 used;
};

struct mcnic_kvmap {
	struct mcnic_kvmap_slot *slot;
	u32 mask;		/* slots - 1 (a power of two) */
	u32 count;
	u32 max;		/* entries allowed: half the slots */
	u32 seq;		/* odd while the writer changes slots */
};

size_t mcnic_kvmap_mem_size(u32 max_entries);
int mcnic_kvmap_init(struct mcnic_kvmap *m, void *mem, size_t size,
		     u32 max_entries);
/* Inserts or replaces; -MCNIC_ENOSPC when full. */
int mcnic_kvmap_put(struct mcnic_kvmap *m, const struct mcnic_kvmap_key *k,
		    u32 value);
int mcnic_kvmap_del(struct mcnic_kvmap *m, const struct mcnic_kvmap_key *k);
/* 0 and *value, or -MCNIC_ENOENT. */
int mcnic_kvmap_get(const struct mcnic_kvmap *m,
		    const struct mcnic_kvmap_key *k, u32 *value);
/* Iteration over used slots: the next at or after *pos, or -MCNIC_ENOENT. */
int mcnic_kvmap_next(const struct mcnic_kvmap *m, u32 *pos,
		     struct mcnic_kvmap_key *k, u32 *value);
void mcnic_kvmap_clear(struct mcnic_kvmap *m);

#endif /* MCNIC_DP_KVMAP_H */
