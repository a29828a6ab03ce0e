/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * lpmbench: the interface between the driver (lpmbench.c, built with the
 * project's flags against libmcnic-dp) and the DPDK LPM baseline
 * (lpmbench-dpdk.c, built with DPDK's flags).  Plain C types only, so
 * neither side sees the other's headers.
 */
#ifndef LPMBENCH_H
#define LPMBENCH_H

#include <stddef.h>
#include <stdint.h>

/* The lookup variants timed, by family. */
enum lbd_v4 { LBD_LPM_BULK, LBD_LPM_X4, LBD_FIB, LBD_FIB_AVX512, LBD_V4_N };
enum lbd_v6 { LBD_LPM6, LBD_FIB6, LBD_FIB6_AVX512, LBD_V6_N };
#define LBD_NONE	0xffffffffu	/* a lookup's miss, as mcnic's */
#define LBD_BURST_MAX	256

const char *lbd_version(void);
int lbd_init(int core, unsigned int mem_mb, int verbose);
void lbd_fini(void);
/* EAL memory, so that mcnic's tables sit on the same pages as DPDK's. */
void *lbd_alloc(size_t size);
void lbd_free(void *p);
const char *lbd_v4_name(int v);
const char *lbd_v6_name(int v);
int lbd_v4_create(uint32_t max_rules, uint32_t tbl8s);
int lbd_v6_create(uint32_t max_rules, uint32_t tbl8s, uint32_t fib_tbl8s);
void lbd_v4_free(void);
void lbd_v6_free(void);
/* Whether this CPU has what variant v needs (AVX-512). */
int lbd_v4_usable(int v);
int lbd_v6_usable(int v);
/* fib: 0 rte_lpm(6), 1 rte_fib(6). */
int lbd_v4_add(int fib, uint32_t ip, uint8_t len, uint32_t nh);
int lbd_v4_del(int fib, uint32_t ip, uint8_t len);
int lbd_v6_add(int fib, const uint8_t *ip, uint8_t len, uint32_t nh);
int lbd_v6_del(int fib, const uint8_t *ip, uint8_t len);
/* n lookups in bursts of burst; with out, the next hops (or LBD_NONE). */
void lbd_v4_lookup(int v, const uint32_t *ips, uint32_t n, uint32_t burst,
		   uint32_t *out);
void lbd_v6_lookup(int v, const uint8_t (*ips)[16], uint32_t n,
		   uint32_t burst, uint32_t *out);

#endif /* LPMBENCH_H */
