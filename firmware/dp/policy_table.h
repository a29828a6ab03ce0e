/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The policy classifier: priority rules (include/mcnic/policy.h) for every
 * VRF of the device, over caller-provided memory.  Consulted by the slow
 * path only, which is also the only writer, so it needs no concurrency
 * control of its own.
 */
#ifndef MCNIC_DP_POLICY_TABLE_H
#define MCNIC_DP_POLICY_TABLE_H

#include <mcnic/types.h>
#include <mcnic/policy.h>

/* Largest max_rules mcnic_policy_table_mem_size() accepts. */
#define MCNIC_POLICY_MAX_RULES	(1u << 22)

struct mcnic_pol_bucket;
struct mcnic_pol_tuple;
struct mcnic_pol_tmeta;
struct mcnic_pol_link;

/* Pointers into the caller's memory and counters: see policy_table.c. */
struct mcnic_policy_table {
	struct mcnic_policy_rule *rules;	/* max_rules slots */
	struct mcnic_pol_link *links;		/* per slot: its lists */
	struct mcnic_pol_tuple *tuples;		/* max_rules tuples */
	struct mcnic_pol_tmeta *tmeta;		/* the rest of each */
	struct mcnic_pol_bucket *buckets;	/* entry hash table */
	u8 *filter;				/* entries per hash bits */
	u64 *fbits;				/* bit per nonzero filter */
	u32 *id_head;				/* id hash chains */
	u32 *vrf_head;				/* per VRF: its tuples */
	u32 max_rules;
	u32 count;
	u32 ntuples;
	u32 bucket_mask;
	u32 filter_shift;
	u32 id_mask;
	u32 rule_top;		/* slots below were used at least once */
	u32 rule_free;		/* freed slots, chained */
	u32 tuple_top;
	u32 tuple_free;
};

/*
 * Bytes of memory for max_rules rules of any shape (port ranges included:
 * their hash entries are provisioned for the worst case); 0 when max_rules
 * is 0 or above MCNIC_POLICY_MAX_RULES.  Any alignment.
 */
size_t mcnic_policy_table_mem_size(u32 max_rules);
/* -MCNIC_EINVAL (max_rules, mem), -MCNIC_ENOMEM (size too small). */
int mcnic_policy_table_init(struct mcnic_policy_table *pt, void *mem,
			    size_t size, u32 max_rules);

/* 0, or -MCNIC_EINVAL with *field naming the bad field ("src_len", ...). */
int mcnic_policy_rule_check(const struct mcnic_policy_rule *r,
			    const char **field);
/* -MCNIC_EINVAL (see check), -MCNIC_EEXIST (id), -MCNIC_ENOSPC. */
int mcnic_policy_table_add(struct mcnic_policy_table *pt,
			   const struct mcnic_policy_rule *r,
			   const char **field);
int mcnic_policy_table_del(struct mcnic_policy_table *pt, u32 id);
/* The rule with this id: 0, or -MCNIC_ENOENT. */
int mcnic_policy_table_get(const struct mcnic_policy_table *pt, u32 id,
			   struct mcnic_policy_rule *r);
/*
 * Dumps: the next rule at or after position *pos (0 first), *pos moved
 * past it; -MCNIC_ENOENT at the end.  Positions are rule slots.
 */
int mcnic_policy_table_next(const struct mcnic_policy_table *pt, u32 *pos,
			    struct mcnic_policy_rule *r);
void mcnic_policy_table_clear(struct mcnic_policy_table *pt);

/*
 * The winning rule's action (MCNIC_POL_ALLOW/DENY), its id and flags; or
 * -MCNIC_ENOENT when no rule of the VRF matches (the VRF default applies).
 */
int mcnic_policy_table_lookup(const struct mcnic_policy_table *pt,
			      const struct mcnic_policy_query *q,
			      u32 *rule_id, u8 *flags);

u32 mcnic_policy_table_count(const struct mcnic_policy_table *pt);
u32 mcnic_policy_table_capacity(const struct mcnic_policy_table *pt);
/* Tuples (hash tables probed by a lookup) in use, over every VRF. */
u32 mcnic_policy_table_tuples(const struct mcnic_policy_table *pt);

#endif /* MCNIC_DP_POLICY_TABLE_H */
