// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * benchlib: the benchmark drivers' shared helpers (see benchlib.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchlib.h"

int bench_pin_core(int want)
{
	cpu_set_t set;
	int c;

	if (sched_getaffinity(0, sizeof(set), &set))
		return want < 0 ? 0 : want;
	if (want < 0)
		for (c = CPU_SETSIZE - 1; c >= 0; c--)
			if (CPU_ISSET(c, &set)) {
				want = c;
				break;
			}
	CPU_ZERO(&set);
	CPU_SET(want, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		fprintf(stderr, "%s: cannot pin to cpu %d\n",
			program_invocation_short_name, want);
	return want;
}

static double bench_clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double bench_mono_s(void)
{
	return bench_clock_s(CLOCK_MONOTONIC);
}

double bench_cpu_s(void)
{
	return bench_clock_s(CLOCK_THREAD_CPUTIME_ID);
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(const double *v, unsigned int n)
{
	double s[BENCH_MEDIAN_MAX];

	if (n < 1 || n > BENCH_MEDIAN_MAX)
		abort();
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), bench_cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

void *bench_alloc(size_t n)
{
	void *p = aligned_alloc(64, (n + 63) & ~(size_t)63);

	if (!p) {
		fprintf(stderr, "%s: out of memory (%zu bytes)\n",
			program_invocation_short_name, n);
		exit(2);
	}
	memset(p, 0, n);
	return p;
}

void bench_count(struct bench_tally *t, int ok)
{
	if (ok)
		t->pass++;
	else
		t->fail++;
}

void bench_check(struct bench_tally *t, int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%-4s ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	bench_count(t, ok);
}

int bench_summary(const struct bench_tally *t)
{
	printf("%u passed, %u failed\n", t->pass, t->fail);
	return t->fail ? 1 : 0;
}

void bench_read_ir(const char *path, void (*fn)(const char *label, double ir))
{
	unsigned long long pkts, ir;
	char label[96];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "%s: %s: cannot read; no Ir column\n",
			program_invocation_short_name, path);
		return;
	}
	while (fscanf(f, "%95s %llu %llu", label, &pkts, &ir) == 3)
		if (pkts)
			fn(label, (double)ir / pkts);
	fclose(f);
}

void bench_print_ir(double ir)
{
	if (ir < 0)
		printf(" %7s", "-");
	else
		printf(" %7.0f", ir);
}
