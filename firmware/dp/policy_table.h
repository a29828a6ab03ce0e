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

struct mcnic_policy_table {
	/* implementation-defined: see policy_table.c */
};

size_t mcnic_policy_table_mem_size(u32 max_rules);
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

#endif /* MCNIC_DP_POLICY_TABLE_H */
