// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Next-hop groups: weighted ECMP spread over MCNIC_NHG_SLOTS hash slots by
 * largest remainder, so a member's share of flows is its share of the live
 * weight to within one slot; when no member is live, every slot names the
 * first live backup.  Slots are derived state: the hardware reads one byte
 * per decision, and the rule for filling them lives only here.
 */
#include "nhg.h"

#define MCNIC_NHG_BACKUP_BIT	0x80

_Static_assert(MCNIC_NHG_SLOTS == 64, "mcnic_nhg_slot_of takes 6 bits");

static int mcnic_nh_live(const struct mcnic_nexthop *nh, u32 idx)
{
	return nh[idx].kind != MCNIC_NH_NONE && !(nh[idx].flags & MCNIC_NHF_DOWN);
}

int mcnic_nhg_check(const struct mcnic_nhg *g, u32 n_nexthops,
		    const char **field)
{
	unsigned int i;

	if (!g->n_members || g->n_members > MCNIC_NHG_MEMBERS_MAX) {
		*field = "n_members";
		return -MCNIC_EINVAL;
	}
	if (g->n_backups > MCNIC_NHG_BACKUPS_MAX) {
		*field = "n_backups";
		return -MCNIC_EINVAL;
	}
	for (i = 0; i < g->n_members; i++) {
		if (g->member[i] >= n_nexthops) {
			*field = "member";
			return -MCNIC_EINVAL;
		}
		if (!g->weight[i]) {
			*field = "weight";
			return -MCNIC_EINVAL;
		}
	}
	for (i = 0; i < g->n_backups; i++) {
		if (g->backup[i] >= n_nexthops) {
			*field = "backup";
			return -MCNIC_EINVAL;
		}
	}
	return 0;
}

static void mcnic_nhg_fill(struct mcnic_nhg *g, u8 value)
{
	__builtin_memset(g->slot, value, MCNIC_NHG_SLOTS);
}

static u8 mcnic_nhg_backup(const struct mcnic_nhg *g,
			   const struct mcnic_nexthop *nh)
{
	unsigned int i;

	for (i = 0; i < g->n_backups && i < MCNIC_NHG_BACKUPS_MAX; i++)
		if (mcnic_nh_live(nh, g->backup[i]))
			return MCNIC_NHG_BACKUP_BIT | i;
	return MCNIC_NHG_SLOT_NONE;
}

void mcnic_nhg_build(struct mcnic_nhg *g, const struct mcnic_nexthop *nh)
{
	u32 share[MCNIC_NHG_MEMBERS_MAX], rem[MCNIC_NHG_MEMBERS_MAX];
	u32 total = 0, used = 0, best;
	unsigned int i, n = g->n_members, s = 0, k;

	for (i = 0; i < n; i++)
		if (mcnic_nh_live(nh, g->member[i]))
			total += g->weight[i];
	if (!total) {
		mcnic_nhg_fill(g, mcnic_nhg_backup(g, nh));
		return;
	}
	for (i = 0; i < n; i++) {
		u32 w = mcnic_nh_live(nh, g->member[i]) ? g->weight[i] : 0;

		share[i] = w * MCNIC_NHG_SLOTS / total;
		rem[i] = w * MCNIC_NHG_SLOTS % total;
		used += share[i];
	}
	/* Largest remainders take the slots rounding left over. */
	for (; used < MCNIC_NHG_SLOTS; used++) {
		best = 0;
		for (i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		share[best]++;
		rem[best] = 0;
	}
	/* Interleave members so neighbouring hashes spread too. */
	while (s < MCNIC_NHG_SLOTS)
		for (k = 0; k < n && s < MCNIC_NHG_SLOTS; k++)
			if (share[k]) {
				share[k]--;
				g->slot[s++] = k;
			}
}

/*
 * The flow hash is a CRC, linear in its input: flows that differ only in a
 * port's low bits differ in fixed hash bits, and taking hash % 64 put runs
 * of consecutive ports on one member.  A multiply (one DSP in the HDL)
 * mixes every input bit into the top bits we take.
 */
static u32 mcnic_nhg_slot_of(u32 hash)
{
	return (hash * 2654435761u) >> (32 - 6);
}

u32 mcnic_nhg_select(const struct mcnic_nhg *g, u32 hash)
{
	u8 s = g->slot[mcnic_nhg_slot_of(hash)];

	if (s == MCNIC_NHG_SLOT_NONE)
		return MCNIC_NH_INVALID;
	if (s & MCNIC_NHG_BACKUP_BIT)
		return g->backup[s & ~MCNIC_NHG_BACKUP_BIT];
	return g->member[s];
}
