/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Longest-prefix match for one address family of one VRF: a multibit trie
 * (root stride root_bits, then 8-bit groups) over caller-provided memory.
 * Values are route indices below MCNIC_LPM_VALUE_MAX.  One writer at a
 * time; readers on other cores see every lookup answered with either the
 * old or the new state of a change, never a mixture.  Groups a change frees
 * are reused only after mcnic_lpm_reclaim(), which the caller calls once
 * every reader has passed a quiescent point.
 */
#ifndef MCNIC_DP_LPM_H
#define MCNIC_DP_LPM_H

#include <mcnic/types.h>

#define MCNIC_LPM_NONE		0xffffffffu

struct mcnic_lpm {
	/* implementation-defined: see lpm.c */
};

/* addr_bits: 32 (IPv4) or 128 (IPv6); root_bits: 8..24. */
size_t mcnic_lpm_mem_size(u8 addr_bits, u8 root_bits, u32 max_prefixes,
			  u32 max_groups);
int mcnic_lpm_init(struct mcnic_lpm *l, u8 addr_bits, u8 root_bits,
		   void *mem, size_t size, u32 max_prefixes, u32 max_groups);

/* Adds or replaces; -MCNIC_EINVAL, -MCNIC_ENOSPC (prefixes or groups). */
int mcnic_lpm_add(struct mcnic_lpm *l, const u8 *prefix, u8 len, u32 value);
int mcnic_lpm_del(struct mcnic_lpm *l, const u8 *prefix, u8 len);
int mcnic_lpm_get(const struct mcnic_lpm *l, const u8 *prefix, u8 len,
		  u32 *value);
void mcnic_lpm_reclaim(struct mcnic_lpm *l);

/* addr in network order; MCNIC_LPM_NONE when nothing matches. */
u32 mcnic_lpm_lookup(const struct mcnic_lpm *l, const u8 *addr);
void mcnic_lpm_lookup_bulk(const struct mcnic_lpm *l, const u8 *const *addr,
			   u32 n, u32 *value);

u32 mcnic_lpm_count(const struct mcnic_lpm *l);
u32 mcnic_lpm_capacity(const struct mcnic_lpm *l);
u32 mcnic_lpm_groups_used(const struct mcnic_lpm *l);

#endif /* MCNIC_DP_LPM_H */
