/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * benchlib: what every benchmark driver (tests/bench/<name>.c) and every
 * DPDK baseline (tests/bench/<name>-dpdk.c) would otherwise repeat.  Plain
 * C types only: the DPDK side includes this too.  Messages start with the
 * program's name.
 */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <stddef.h>

/* bench_median() takes at most this many values. */
#define BENCH_MEDIAN_MAX	64

/* ---- driver side (benchlib.c) ------------------------------------------ */

/*
 * Pins the calling thread to cpu want, or to the last cpu it may run on
 * when want < 0; returns the cpu.
 */
int bench_pin_core(int want);
/* Seconds on CLOCK_MONOTONIC. */
double bench_mono_s(void);
/*
 * Seconds of the calling thread's CPU time: on a shared machine a side
 * descheduled mid-measurement would otherwise be charged for another
 * process's work.
 */
double bench_cpu_s(void);
/* The median of v[0..n), 1 <= n <= BENCH_MEDIAN_MAX; v is left as it is. */
double bench_median(const double *v, unsigned int n);
/* n zeroed bytes, 64-byte aligned; exits with 2 when out of memory. */
void *bench_alloc(size_t n);

/* Smoke results: "ok   what" or "FAIL what" lines and the final count. */
struct bench_tally {
	unsigned int pass;
	unsigned int fail;
};

void bench_count(struct bench_tally *t, int ok);
void bench_check(struct bench_tally *t, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints "N passed, N failed"; 1 if anything failed, else 0. */
int bench_summary(const struct bench_tally *t);

/*
 * Instructions per packet from the lines "label packets Ir" a callgrind
 * driver (bench-callgrind.sh) writes: fn(label, Ir / packets) for each.
 */
void bench_read_ir(const char *path, void (*fn)(const char *label, double ir));
/* One Ir/pkt column: " %7.0f", or "-" when ir < 0 (not measured). */
void bench_print_ir(double ir);

/* ---- DPDK side (benchlib-dpdk.c) --------------------------------------- */

/*
 * rte_eal_init for a benchmark: no huge pages, no shared config, no PCI,
 * no telemetry; lcore core, mem_mb MB of memory, EAL's log at info when
 * verbose, else errors only.  0, or -1 with a message.
 */
int bench_eal_init(const char *prog, int core, unsigned int mem_mb,
		   int verbose);
/* rte_eal_cleanup, if bench_eal_init succeeded. */
void bench_eal_fini(void);

#endif /* BENCHLIB_H */
