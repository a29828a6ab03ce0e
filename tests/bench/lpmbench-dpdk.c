// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * lpmbench's baseline: DPDK 22.11's longest-prefix-match tables, used the
 * way a DPDK data plane uses them, in the same process as mcnic's.
 *
 *   IPv4  rte_lpm (DIR-24-8, 4-byte entries): rte_lpm_lookup_bulk and
 *         rte_lpm_lookupx4; rte_fib DIR24_8 with 4-byte next hops:
 *         rte_fib_lookup_bulk, scalar and (where the CPU has it) AVX-512.
 *   IPv6  rte_lpm6: rte_lpm6_lookup_bulk_func; rte_fib6 TRIE with 4-byte
 *         next hops: rte_fib6_lookup_bulk, scalar and AVX-512.
 *
 * Every table lives in EAL memory (--no-huge: 4 KiB pages), and so does
 * mcnic's (lbd_alloc), so both sides see the same TLB.  The AVX-512
 * variants are the same rte_fib tables with the vector lookup selected
 * (EAL's SIMD limit is raised to 512 bits so that it may be).  Lookups
 * write into a global burst buffer; callers that want results (the smoke
 * checks) get them converted to mcnic's convention afterwards, outside
 * what is timed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_fib.h>
#include <rte_fib6.h>
#include <rte_lcore.h>
#include <rte_lpm.h>
#include <rte_lpm6.h>
#include <rte_malloc.h>
#include <rte_vect.h>
#include <rte_version.h>

#include "benchlib.h"
#include "lpmbench.h"

/* fib's default next hop must fit its 31 bits; it stands for a miss. */
#define LBD_FIB_MISS	0x7fffffffu

static struct {
	struct rte_lpm *lpm;
	struct rte_fib *fib;
	struct rte_lpm6 *lpm6;
	struct rte_fib6 *fib6;
	int fib_avx;		/* the AVX-512 lookup can be selected */
	int fib6_avx;
} lbd;

/* Global so no compiler may drop a lookup whose results nobody reads. */
uint32_t lbd_res32[LBD_BURST_MAX];
int32_t lbd_res6[LBD_BURST_MAX];
uint64_t lbd_res64[LBD_BURST_MAX];

const char *lbd_version(void)
{
	return rte_version();
}

int lbd_init(int core, unsigned int mem_mb, int verbose)
{
	if (bench_eal_init("lpmbench", core, mem_mb, verbose))
		return -1;
	/* What --force-max-simd-bitwidth=512 would allow, before any lookup. */
	if (rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_512)) {
		fprintf(stderr, "lpmbench: cannot allow 512-bit SIMD\n");
		return -1;
	}
	return 0;
}

void lbd_fini(void)
{
	lbd_v4_free();
	lbd_v6_free();
	bench_eal_fini();
}

void *lbd_alloc(size_t size)
{
	return rte_malloc("lpmbench", size, 64);
}

void lbd_free(void *p)
{
	rte_free(p);
}

const char *lbd_v4_name(int v)
{
	static const char *const name[LBD_V4_N] = {
		"rte_lpm_lookup_bulk", "rte_lpm_lookupx4",
		"rte_fib DIR24_8 scalar", "rte_fib DIR24_8 avx512",
	};

	return name[v];
}

const char *lbd_v6_name(int v)
{
	static const char *const name[LBD_V6_N] = {
		"rte_lpm6_lookup_bulk_func", "rte_fib6 TRIE scalar",
		"rte_fib6 TRIE avx512",
	};

	return name[v];
}

static struct rte_fib *lbd_fib_create(const char *name, uint32_t max_rules,
				      uint32_t tbl8s)
{
	struct rte_fib_conf conf;

	memset(&conf, 0, sizeof(conf));
	conf.type = RTE_FIB_DIR24_8;
	conf.default_nh = LBD_FIB_MISS;
	conf.max_routes = max_rules;
	conf.dir24_8.nh_sz = RTE_FIB_DIR24_8_4B;
	conf.dir24_8.num_tbl8 = tbl8s;
	return rte_fib_create(name, SOCKET_ID_ANY, &conf);
}

static struct rte_fib6 *lbd_fib6_create(const char *name, uint32_t max_rules,
					uint32_t tbl8s)
{
	struct rte_fib6_conf conf;

	memset(&conf, 0, sizeof(conf));
	conf.type = RTE_FIB6_TRIE;
	conf.default_nh = LBD_FIB_MISS;
	conf.max_routes = max_rules;
	conf.trie.nh_sz = RTE_FIB6_TRIE_4B;
	conf.trie.num_tbl8 = tbl8s;
	return rte_fib6_create(name, SOCKET_ID_ANY, &conf);
}

int lbd_v4_create(uint32_t max_rules, uint32_t tbl8s)
{
	struct rte_lpm_config lc = {
		.max_rules = max_rules,
		.number_tbl8s = tbl8s,
	};

	lbd.lpm = rte_lpm_create("lpmbench", SOCKET_ID_ANY, &lc);
	lbd.fib = lbd_fib_create("lpmbench", max_rules, tbl8s);
	if (!lbd.lpm || !lbd.fib) {
		fprintf(stderr, "lpmbench: rte_lpm/rte_fib create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	/* Can it take the AVX-512 lookup?  It goes back to scalar below. */
	lbd.fib_avx = !rte_fib_select_lookup(lbd.fib,
					RTE_FIB_LOOKUP_DIR24_8_VECTOR_AVX512);
	return rte_fib_select_lookup(lbd.fib,
				     RTE_FIB_LOOKUP_DIR24_8_SCALAR_MACRO);
}

/*
 * rte_fib6 reserves tbl8s per prefix for the levels it might need (up to
 * three for a /48 under a 24-bit root), not for what it uses, so it gets
 * its own, larger count.
 */
int lbd_v6_create(uint32_t max_rules, uint32_t tbl8s, uint32_t fib_tbl8s)
{
	struct rte_lpm6_config lc = {
		.max_rules = max_rules,
		.number_tbl8s = tbl8s,
	};

	lbd.lpm6 = rte_lpm6_create("lpmbench6", SOCKET_ID_ANY, &lc);
	lbd.fib6 = lbd_fib6_create("lpmbench6", max_rules, fib_tbl8s);
	if (!lbd.lpm6 || !lbd.fib6) {
		fprintf(stderr, "lpmbench: rte_lpm6/rte_fib6 create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	lbd.fib6_avx = !rte_fib6_select_lookup(lbd.fib6,
					RTE_FIB6_LOOKUP_TRIE_VECTOR_AVX512);
	return rte_fib6_select_lookup(lbd.fib6, RTE_FIB6_LOOKUP_TRIE_SCALAR);
}

void lbd_v4_free(void)
{
	rte_lpm_free(lbd.lpm);
	rte_fib_free(lbd.fib);
	lbd.lpm = NULL;
	lbd.fib = NULL;
}

void lbd_v6_free(void)
{
	rte_lpm6_free(lbd.lpm6);
	rte_fib6_free(lbd.fib6);
	lbd.lpm6 = NULL;
	lbd.fib6 = NULL;
}

int lbd_v4_usable(int v)
{
	return v != LBD_FIB_AVX512 || lbd.fib_avx;
}

int lbd_v6_usable(int v)
{
	return v != LBD_FIB6_AVX512 || lbd.fib6_avx;
}

/* fib: 0 rte_lpm(6), 1 rte_fib(6). */
int lbd_v4_add(int fib, uint32_t ip, uint8_t len, uint32_t nh)
{
	if (fib)
		return rte_fib_add(lbd.fib, ip, len, nh);
	return rte_lpm_add(lbd.lpm, ip, len, nh);
}

int lbd_v4_del(int fib, uint32_t ip, uint8_t len)
{
	if (fib)
		return rte_fib_delete(lbd.fib, ip, len);
	return rte_lpm_delete(lbd.lpm, ip, len);
}

int lbd_v6_add(int fib, const uint8_t *ip, uint8_t len, uint32_t nh)
{
	if (fib)
		return rte_fib6_add(lbd.fib6, ip, len, nh);
	return rte_lpm6_add(lbd.lpm6, ip, len, nh);
}

int lbd_v6_del(int fib, const uint8_t *ip, uint8_t len)
{
	if (fib)
		return rte_fib6_delete(lbd.fib6, ip, len);
	return rte_lpm6_delete(lbd.lpm6, ip, len);
}

static void lbd_v4_burst(int v, const uint32_t *ips, uint32_t n)
{
	uint32_t i;

	switch (v) {
	case LBD_LPM_BULK:
		rte_lpm_lookup_bulk(lbd.lpm, ips, lbd_res32, n);
		break;
	case LBD_LPM_X4:
		for (i = 0; i + 4 <= n; i += 4)
			rte_lpm_lookupx4(lbd.lpm,
					 _mm_loadu_si128((const void *)&ips[i]),
					 &lbd_res32[i], LBD_NONE);
		for (; i < n; i++)
			if (rte_lpm_lookup(lbd.lpm, ips[i], &lbd_res32[i]))
				lbd_res32[i] = LBD_NONE;
		break;
	default:
		rte_fib_lookup_bulk(lbd.fib, (uint32_t *)ips, lbd_res64, n);
		break;
	}
}

/* DPDK's answers in mcnic's convention: the value, or LBD_NONE. */
static void lbd_v4_convert(int v, uint32_t n, uint32_t *out)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (v == LBD_LPM_BULK)
			out[i] = lbd_res32[i] & RTE_LPM_LOOKUP_SUCCESS ?
				 lbd_res32[i] & 0xffffff : LBD_NONE;
		else if (v == LBD_LPM_X4)
			out[i] = lbd_res32[i];
		else
			out[i] = lbd_res64[i] == LBD_FIB_MISS ? LBD_NONE :
				 (uint32_t)lbd_res64[i];
	}
}

void lbd_v4_lookup(int v, const uint32_t *ips, uint32_t n, uint32_t burst,
		   uint32_t *out)
{
	uint32_t i, b;

	if (v >= LBD_FIB)
		rte_fib_select_lookup(lbd.fib, v == LBD_FIB ?
				      RTE_FIB_LOOKUP_DIR24_8_SCALAR_MACRO :
				      RTE_FIB_LOOKUP_DIR24_8_VECTOR_AVX512);
	for (i = 0; i < n; i += b) {
		b = n - i < burst ? n - i : burst;
		lbd_v4_burst(v, ips + i, b);
		if (out)
			lbd_v4_convert(v, b, out + i);
	}
}

static void lbd_v6_burst(int v, const uint8_t (*ips)[16], uint32_t n)
{
	uint8_t (*a)[16] = (uint8_t (*)[16])ips;

	switch (v) {
	case LBD_LPM6:
		rte_lpm6_lookup_bulk_func(lbd.lpm6, a, lbd_res6, n);
		break;
	default:
		rte_fib6_lookup_bulk(lbd.fib6, a, lbd_res64, n);
		break;
	}
}

static void lbd_v6_convert(int v, uint32_t n, uint32_t *out)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (v == LBD_LPM6)
			out[i] = lbd_res6[i] < 0 ? LBD_NONE :
				 (uint32_t)lbd_res6[i];
		else
			out[i] = lbd_res64[i] == LBD_FIB_MISS ? LBD_NONE :
				 (uint32_t)lbd_res64[i];
	}
}

void lbd_v6_lookup(int v, const uint8_t (*ips)[16], uint32_t n,
		   uint32_t burst, uint32_t *out)
{
	uint32_t i, b;

	if (v >= LBD_FIB6)
		rte_fib6_select_lookup(lbd.fib6, v == LBD_FIB6 ?
				       RTE_FIB6_LOOKUP_TRIE_SCALAR :
				       RTE_FIB6_LOOKUP_TRIE_VECTOR_AVX512);
	for (i = 0; i < n; i += b) {
		b = n - i < burst ? n - i : burst;
		lbd_v6_burst(v, ips + i, b);
		if (out)
			lbd_v6_convert(v, b, out + i);
	}
}
