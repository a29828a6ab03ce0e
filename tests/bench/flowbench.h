/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * flowbench: the interface between the driver (flowbench.c, built with the
 * project's flags against libmcnic-dp) and the DPDK rte_hash baseline
 * (flowbench-dpdk.c, built with DPDK's flags).  Plain C types only, so
 * neither side sees the other's headers.
 */
#ifndef FLOWBENCH_H
#define FLOWBENCH_H

#include <stdint.h>

#define FB_KEY_LEN	44	/* sizeof(struct mcnic_flow_key) */
#define FB_BULK_MAX	64	/* RTE_HASH_LOOKUP_BULK_MAX */

/*
 * What an rte_hash entry's data pointer points at: the gen and action
 * mcnic keeps inside its entry line (struct mcnic_tunnel_action: 16 B).
 */
struct fb_payload {
	uint32_t gen;
	uint8_t act[16];
	uint8_t pad[12];
} __attribute__((aligned(32)));

/*
 * The DPDK side (flowbench-dpdk.c), after bench_eal_init(); one table at a
 * time per flavour.
 */
void fb_dpdk_fini(void);
const char *fb_dpdk_version(void);
/* lf: RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF, else default flags. */
int fb_dpdk_create(int lf, uint32_t entries, uint32_t seed);
void fb_dpdk_destroy(int lf);
void fb_dpdk_reset(int lf);
/* Adds keys[i] -> data[i]; returns how many adds failed. */
uint32_t fb_dpdk_add(int lf, const uint8_t *keys, uint32_t n,
		     struct fb_payload *data);
int fb_dpdk_del(int lf, const uint8_t *key);
/*
 * rte_hash_lookup_bulk_data over keys[0..n) in batches of batch (<= 64).
 * With copy, each hit's payload is read through its data pointer (the
 * action in hand, as mcnic's lookup gives it) and folded into *sum with
 * fb_fold(); into out[i] too when out is given (out[i].gen is FB_MISS on a
 * miss).  Returns the hits.
 */
uint64_t fb_dpdk_lookup(int lf, const void *const *keys, uint64_t n,
			uint32_t batch, int copy, struct fb_payload *out,
			uint64_t *sum);

#define FB_MISS		0xffffffffu

/* Both sides' checksum of what a hit returned. */
static inline uint64_t fb_fold(uint32_t gen, const void *act)
{
	uint32_t a;

	__builtin_memcpy(&a, act, sizeof(a));
	return (uint64_t)gen * 3 + a;
}

#endif /* FLOWBENCH_H */
