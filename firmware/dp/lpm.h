/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Longest-prefix match for one address family of one VRF: a multibit trie
 * (root stride root_bits, then 8-bit groups) over caller-provided memory.
 * Values are route indices below MCNIC_LPM_VALUE_MAX.  One writer at a
 * time; readers on other cores see every lookup answered with either the
 * old or the new state of a change, never a mixture.  Groups a change frees
 * are reused only after mcnic_lpm_reclaim(), which the caller calls once
 * every reader has passed a quiescent point.
 *
 * A prefix must have every bit beyond its length clear (10.1.0.0/16, not
 * 10.1.2.3/16): add, del and get refuse one that does not with -EINVAL
 * rather than guess whether the caller meant the masked prefix.
 */
#ifndef MCNIC_DP_LPM_H
#define MCNIC_DP_LPM_H

#include <mcnic/types.h>

#define MCNIC_LPM_NONE		0xffffffffu
/* Values and group indices share the 22 data bits of a trie entry. */
#define MCNIC_LPM_VALUE_MAX	(1u << 22)
#define MCNIC_LPM_GROUPS_MAX	(1u << 22)
#define MCNIC_LPM_PREFIXES_MAX	(1u << 28)

/*
 * Sizes that hold a full BGP table, with room to spare (tests/bench/
 * lpmbench measures them: 1 M BGP-like IPv4 prefixes used 10,500 groups,
 * 250 k IPv6 prefixes 223,000):
 *   IPv4  24-bit root, 2^20 prefixes,  32 Ki groups: 112 MiB
 *   IPv6  16-bit root, 2^18 prefixes, 256 Ki groups: 267 MiB
 * The IPv6 root is 16 bits: its top two levels stay in cache, and lookups
 * measured no slower than with a 24-bit root, which would add 64 MiB.
 */
#define MCNIC_LPM4_ROOT_BITS	24
#define MCNIC_LPM4_PREFIXES	(1u << 20)
#define MCNIC_LPM4_GROUPS	(1u << 15)
#define MCNIC_LPM6_ROOT_BITS	16
#define MCNIC_LPM6_PREFIXES	(1u << 18)
#define MCNIC_LPM6_GROUPS	(1u << 18)

struct mcnic_lpm {
	u32 *root;		/* 1 << root_bits entries */
	u32 *group;		/* max_groups groups of 256 entries */
	u32 *link;		/* per group: next on the free/deferred list */
	u32 *slot;		/* prefix store: slot_words u32 per slot */
	u32 *len_count;		/* prefixes stored per length */
	u32 slot_mask;
	u32 max_prefixes;
	u32 max_groups;
	u32 prefixes;
	u32 groups;		/* in the trie */
	u32 fresh;		/* groups [fresh, max_groups) never used yet */
	u32 free_head;
	u32 defer_head;
	u32 defer_tail;
	u32 defer_count;
	u8 addr_bits;
	u8 root_bits;
	u8 levels;		/* group levels below the root */
	u8 slot_words;
};

/*
 * addr_bits: 32 (IPv4) or 128 (IPv6); root_bits: 8..24.  mem must be
 * 64-byte aligned; mem_size returns 0 for parameters init would refuse.
 */
size_t mcnic_lpm_mem_size(u8 addr_bits, u8 root_bits, u32 max_prefixes,
			  u32 max_groups);
int mcnic_lpm_init(struct mcnic_lpm *l, u8 addr_bits, u8 root_bits,
		   void *mem, size_t size, u32 max_prefixes, u32 max_groups);

/*
 * Writer side, one caller at a time.  add adds or replaces: -MCNIC_EINVAL,
 * -MCNIC_ENOSPC (prefixes or groups; nothing changed); del: -MCNIC_ENOENT.
 */
int mcnic_lpm_add(struct mcnic_lpm *l, const u8 *prefix, u8 len, u32 value);
int mcnic_lpm_del(struct mcnic_lpm *l, const u8 *prefix, u8 len);
int mcnic_lpm_get(const struct mcnic_lpm *l, const u8 *prefix, u8 len,
		  u32 *value);
void mcnic_lpm_reclaim(struct mcnic_lpm *l);

/*
 * Readers, any number, concurrently with the writer.  addr in network
 * order; MCNIC_LPM_NONE when nothing matches.
 */
u32 mcnic_lpm_lookup(const struct mcnic_lpm *l, const u8 *addr);
void mcnic_lpm_lookup_bulk(const struct mcnic_lpm *l, const u8 *const *addr,
			   u32 n, u32 *value);
/* The same for n addresses packed back to back (4 or 16 bytes each). */
void mcnic_lpm_lookup_bulk_packed(const struct mcnic_lpm *l, const u8 *addr,
				  u32 n, u32 *value);

u32 mcnic_lpm_count(const struct mcnic_lpm *l);
u32 mcnic_lpm_capacity(const struct mcnic_lpm *l);
u32 mcnic_lpm_groups_used(const struct mcnic_lpm *l);

#endif /* MCNIC_DP_LPM_H */
