/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Next-hop groups (include/mcnic/route.h): the table manager rebuilds a
 * group's hash slots whenever weights or next-hop states change; the slow
 * path picks a next hop with one slot read.
 */
#ifndef MCNIC_DP_NHG_H
#define MCNIC_DP_NHG_H

#include <mcnic/types.h>
#include <mcnic/route.h>

#define MCNIC_NH_INVALID	0xffffffffu

/* 0, or -MCNIC_EINVAL with *field naming what is wrong. */
int mcnic_nhg_check(const struct mcnic_nhg *g, u32 n_nexthops,
		    const char **field);
void mcnic_nhg_build(struct mcnic_nhg *g, const struct mcnic_nexthop *nh);
/* The next-hop index for a flow hash, or MCNIC_NH_INVALID. */
u32 mcnic_nhg_select(const struct mcnic_nhg *g, u32 hash);

#endif /* MCNIC_DP_NHG_H */
