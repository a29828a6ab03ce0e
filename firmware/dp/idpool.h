/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* A stack of free indices 0..n-1 over caller memory: O(1) get and put. */
#ifndef MCNIC_DP_IDPOOL_H
#define MCNIC_DP_IDPOOL_H

#include <mcnic/types.h>

struct mcnic_idpool {
	u32 *free;
	u32 top;		/* free[0..top) are free */
	u32 n;
};

static inline size_t mcnic_idpool_mem_size(u32 n)
{
	return (size_t)n * sizeof(u32);
}

static inline void mcnic_idpool_init(struct mcnic_idpool *p, void *mem, u32 n)
{
	u32 i;

	p->free = mem;
	p->n = n;
	/* Lowest indices come out first: dumps read in creation order. */
	for (i = 0; i < n; i++)
		p->free[i] = n - 1 - i;
	p->top = n;
}

static inline s64 mcnic_idpool_get(struct mcnic_idpool *p)
{
	return p->top ? (s64)p->free[--p->top] : -MCNIC_ENOSPC;
}

static inline void mcnic_idpool_put(struct mcnic_idpool *p, u32 id)
{
	if (p->top < p->n)
		p->free[p->top++] = id;
}

#endif /* MCNIC_DP_IDPOOL_H */
