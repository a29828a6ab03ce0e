// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * flowbench's baseline: DPDK 22.11's rte_hash holding the same 44-byte
 * flow keys, hashed with rte_hash_crc (CRC32C, as mcnic), each key's data
 * pointer pointing at its gen and action (struct fb_payload), looked up
 * with rte_hash_lookup_bulk_data.  Two flavours live side by side:
 * RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF (lock-free readers, as mcnic's
 * cache has) and the default flags (no reader/writer concurrency).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>
#include <rte_lcore.h>
#include <rte_version.h>

#include "benchlib.h"
#include "flowbench.h"

static struct rte_hash *fbd_h[2];

const char *fb_dpdk_version(void)
{
	return rte_version();
}

void fb_dpdk_fini(void)
{
	fb_dpdk_destroy(0);
	fb_dpdk_destroy(1);
	bench_eal_fini();
}

int fb_dpdk_create(int lf, uint32_t entries, uint32_t seed)
{
	struct rte_hash_parameters p = {
		.name = lf ? "flowbench-lf" : "flowbench",
		.entries = entries,
		.key_len = FB_KEY_LEN,
		.hash_func = rte_hash_crc,
		.hash_func_init_val = seed,
		.socket_id = (int)rte_socket_id(),
		.extra_flag = lf ? RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF : 0,
	};

	fb_dpdk_destroy(lf);
	fbd_h[lf] = rte_hash_create(&p);
	if (!fbd_h[lf]) {
		fprintf(stderr, "flowbench: rte_hash_create(%u entries): %s\n",
			entries, rte_strerror(rte_errno));
		return -1;
	}
	return 0;
}

void fb_dpdk_destroy(int lf)
{
	rte_hash_free(fbd_h[lf]);
	fbd_h[lf] = NULL;
}

void fb_dpdk_reset(int lf)
{
	rte_hash_reset(fbd_h[lf]);
}

uint32_t fb_dpdk_add(int lf, const uint8_t *keys, uint32_t n,
		     struct fb_payload *data)
{
	const uint8_t *k = keys;
	uint32_t i, fail = 0;

	for (i = 0; i < n; i++, k += FB_KEY_LEN)
		if (rte_hash_add_key_data(fbd_h[lf], k, &data[i]))
			fail++;
	return fail;
}

int fb_dpdk_del(int lf, const uint8_t *key)
{
	return rte_hash_del_key(fbd_h[lf], key) < 0 ? -1 : 0;
}

uint64_t fb_dpdk_lookup(int lf, const void *const *keys, uint64_t n,
			uint32_t batch, int copy, struct fb_payload *out,
			uint64_t *sum)
{
	const struct rte_hash *h = fbd_h[lf];
	struct fb_payload buf[FB_BULK_MAX], *o;
	void *data[FB_BULK_MAX];
	uint64_t i, hits = 0, s = 0, mask;
	uint32_t j, k;

	for (i = 0; i < n; i += k) {
		k = n - i < batch ? n - i : batch;
		rte_hash_lookup_bulk_data(h, (const void **)&keys[i], k, &mask,
					  data);
		hits += __builtin_popcountll(mask);
		if (!copy)
			continue;
		o = out ? out + i : buf;
		for (j = 0; j < k; j++) {
			if (!(mask >> j & 1)) {
				o[j].gen = FB_MISS;
				continue;
			}
			memcpy(&o[j], data[j],
			       offsetof(struct fb_payload, pad));
			s += fb_fold(o[j].gen, o[j].act);
		}
	}
	*sum = s;
	return hits;
}
