// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Linear probing at most half full, with backward-shift deletion (no
 * tombstones, so probe lengths never grow with churn).  Readers copy a slot
 * out and retry when the table's sequence count moved: a writer's shift can
 * otherwise make a present key look absent for an instant.  A reader waits
 * only while a write is in progress, which is a few stores long.
 */
#include "kvmap.h"
#include "dp.h"

static u32 mcnic_kvmap_slots(u32 max_entries)
{
	u32 n = 8;

	while (n < 2 * max_entries && n < (1u << 30))
		n <<= 1;
	return n;
}

size_t mcnic_kvmap_mem_size(u32 max_entries)
{
	return (size_t)mcnic_kvmap_slots(max_entries) *
	       sizeof(struct mcnic_kvmap_slot);
}

int mcnic_kvmap_init(struct mcnic_kvmap *m, void *mem, size_t size,
		     u32 max_entries)
{
	u32 n = mcnic_kvmap_slots(max_entries);

	if (!max_entries || max_entries > (1u << 29) ||
	    size < mcnic_kvmap_mem_size(max_entries))
		return -MCNIC_EINVAL;
	m->slot = mem;
	m->mask = n - 1;
	m->max = max_entries;
	m->seq = 0;
	mcnic_kvmap_clear(m);
	return 0;
}

void mcnic_kvmap_clear(struct mcnic_kvmap *m)
{
	__atomic_store_n(&m->seq, m->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__builtin_memset(m->slot, 0, (size_t)(m->mask + 1) * sizeof(*m->slot));
	m->count = 0;
	__atomic_store_n(&m->seq, m->seq + 1, __ATOMIC_RELEASE);
}

static u32 mcnic_kvmap_home(const struct mcnic_kvmap *m,
			    const struct mcnic_kvmap_key *k)
{
	return mcnic_crc32c(0x6b766d61, k, sizeof(*k)) & m->mask;
}

static int mcnic_kvmap_eq(const struct mcnic_kvmap_key *a,
			  const struct mcnic_kvmap_key *b)
{
	return !__builtin_memcmp(a, b, sizeof(*a));
}

/* The slot holding k, or the empty slot ending its probe sequence. */
static u32 mcnic_kvmap_find(const struct mcnic_kvmap *m,
			    const struct mcnic_kvmap_key *k, int *found)
{
	u32 i = mcnic_kvmap_home(m, k), n;

	/* Never full: at most half the slots are used. */
	for (n = 0; n <= m->mask; n++, i = (i + 1) & m->mask) {
		if (!m->slot[i].used)
			break;
		if (mcnic_kvmap_eq(&m->slot[i].key, k)) {
			*found = 1;
			return i;
		}
	}
	*found = 0;
	return i;
}

static void mcnic_kvmap_write_begin(struct mcnic_kvmap *m)
{
	__atomic_store_n(&m->seq, m->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void mcnic_kvmap_write_end(struct mcnic_kvmap *m)
{
	__atomic_store_n(&m->seq, m->seq + 1, __ATOMIC_RELEASE);
}

int mcnic_kvmap_put(struct mcnic_kvmap *m, const struct mcnic_kvmap_key *k,
		    u32 value)
{
	int found;
	u32 i = mcnic_kvmap_find(m, k, &found);

	if (!found && m->count >= m->max)
		return -MCNIC_ENOSPC;
	mcnic_kvmap_write_begin(m);
	m->slot[i].key = *k;
	m->slot[i].value = value;
	m->slot[i].used = 1;
	m->count += !found;
	mcnic_kvmap_write_end(m);
	return 0;
}

/* Knuth's algorithm R: pull later entries back over the hole. */
static void mcnic_kvmap_shift(struct mcnic_kvmap *m, u32 hole)
{
	u32 i = hole, n, home;

	for (n = 0; n <= m->mask; n++) {
		i = (i + 1) & m->mask;
		if (!m->slot[i].used)
			break;
		home = mcnic_kvmap_home(m, &m->slot[i].key);
		/* Movable unless home lies cyclically in (hole, i]. */
		if (((i - home) & m->mask) >= ((i - hole) & m->mask)) {
			m->slot[hole] = m->slot[i];
			hole = i;
		}
	}
	__builtin_memset(&m->slot[hole], 0, sizeof(m->slot[hole]));
}

int mcnic_kvmap_del(struct mcnic_kvmap *m, const struct mcnic_kvmap_key *k)
{
	int found;
	u32 i = mcnic_kvmap_find(m, k, &found);

	if (!found)
		return -MCNIC_ENOENT;
	mcnic_kvmap_write_begin(m);
	mcnic_kvmap_shift(m, i);
	m->count--;
	mcnic_kvmap_write_end(m);
	return 0;
}

int mcnic_kvmap_get(const struct mcnic_kvmap *m,
		    const struct mcnic_kvmap_key *k, u32 *value)
{
	u32 s1, s2, i, v = 0;
	int found;

	/*
	 * Retry until a read fits between two writes: a miss here would drop
	 * a valid packet, and writes are short and rare (configuration).
	 */
	for (;;) {
		s1 = __atomic_load_n(&m->seq, __ATOMIC_ACQUIRE);
		if (s1 & 1)
			continue;
		i = mcnic_kvmap_find(m, k, &found);
		if (found)
			v = m->slot[i].value;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s2 = __atomic_load_n(&m->seq, __ATOMIC_RELAXED);
		if (s1 != s2)
			continue;
		if (!found)
			return -MCNIC_ENOENT;
		*value = v;
		return 0;
	}
}

int mcnic_kvmap_next(const struct mcnic_kvmap *m, u32 *pos,
		     struct mcnic_kvmap_key *k, u32 *value)
{
	u32 i;

	for (i = *pos; i <= m->mask; i++) {
		if (m->slot[i].used) {
			*k = m->slot[i].key;
			*value = m->slot[i].value;
			*pos = i + 1;
			return 0;
		}
	}
	*pos = i;
	return -MCNIC_ENOENT;
}
