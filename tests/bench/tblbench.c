// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Table programming rate through libmcnic: N IPv4 /32 routes added (and
 * then deleted) in batches of B entries, and single-entry commands for
 * the per-command cost.  DEV is whatever mcnic_open() takes: sim:PATH
 * (mcnic-sim's socket) or mcnicN (the kernel driver, through
 * /dev/mcnicN, the BAR mailbox and the firmware).  The NIC's tables are
 * reset first and after.
 *
 *   tblbench DEV [N [B]]       (defaults 60000 and every batch size of
 *                               1, 64, 1024 and the largest a message
 *                               holds)
 *
 * The routes go to VRFs 1, 2, ... TBL_PER_VRF at a time: the built-in
 * board holds 16384 IPv4 prefixes per VRF and 65536 routes in all.
 *
 * One line per batch size: entries/s for add and delete, and the time
 * per command.  Ends with "N passed, N failed" (a write the NIC refused,
 * or routes left behind, is a failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mcnic/cmd.h>

#include "mcnic.h"

static double tbl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define TBL_PER_VRF	15000
#define TBL_N		60000
/* The most one mailbox message holds. */
#define TBL_BATCH_MAX	\
	((MCNIC_CMD_MSG_MAX - sizeof(struct mcnic_cmd_hdr)) / \
	 sizeof(struct mcnic_cmd_route))

static unsigned int tbl_vrfs(unsigned int n)
{
	return (n + TBL_PER_VRF - 1) / TBL_PER_VRF;
}

static void tbl_routes(struct mcnic_cmd_route *r, unsigned int n)
{
	unsigned int i;

	memset(r, 0, n * sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].vrf = 1 + i / TBL_PER_VRF;
		r[i].family = 4;
		r[i].len = 32;
		r[i].prefix[0] = 10;
		r[i].prefix[1] = i >> 16;
		r[i].prefix[2] = i >> 8;
		r[i].prefix[3] = i;
		r[i].route.kind = MCNIC_ROUTE_BLACKHOLE;
	}
}

/* n entries in batches of b; returns seconds, or < 0 on a refusal. */
static double tbl_run(struct mcnic *h, int del, const struct mcnic_cmd_route *r,
		      unsigned int n, unsigned int b, unsigned int *calls)
{
	double t0 = tbl_now();
	unsigned int i, k;
	int rc;

	*calls = 0;
	for (i = 0; i < n; i += k) {
		k = n - i < b ? n - i : b;
		rc = del ? mcnic_route_del(h, r + i, k) :
			   mcnic_route_add(h, r + i, k);
		if (rc) {
			fprintf(stderr, "tblbench: %s\n", mcnic_errmsg(h));
			return -1;
		}
		(*calls)++;
	}
	return tbl_now() - t0;
}

static int tbl_reset(struct mcnic *h, unsigned int n)
{
	struct mcnic_cmd_vrf v = { .default_action = MCNIC_POL_ALLOW };
	unsigned int i;

	if (mcnic_reset(h))
		return -1;
	for (i = 1; i <= tbl_vrfs(n); i++) {
		v.id = i;
		if (mcnic_vrf_set(h, &v, 1))
			return -1;
	}
	return 0;
}

static int tbl_size(struct mcnic *h, struct mcnic_cmd_route *r, unsigned int n,
		    unsigned int b)
{
	unsigned int calls_a, calls_d;
	double ta, td;

	ta = tbl_run(h, 0, r, n, b, &calls_a);
	if (ta < 0)
		return -1;
	td = tbl_run(h, 1, r, n, b, &calls_d);
	if (td < 0)
		return -1;
	printf("%-10u %12.0f %12.0f %10u %14.1f\n", b, n / ta, n / td,
	       calls_a, ta / calls_a * 1e6);
	return 0;
}

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define TBL_SYNOPSIS(first, more)					\
	first "tblbench DEV [N [BATCH]]\n"				\
	more  "tblbench --help | -h\n"

static void tbl_usage(void)
{
	fputs(TBL_SYNOPSIS("usage: ", "       "), stderr);
}

static void tbl_help(void)
{
	printf("NAME\n"
	       "\ttblbench - the table-programming rate through libmcnic\n"
	       "\n"
	       "SYNOPSIS\n"
	       TBL_SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tTimes table programming through libmcnic: N IPv4 /32\n"
	       "\troutes added, then deleted, in batches of BATCH entries,\n"
	       "\tand single-entry commands for the per-command cost.  The\n"
	       "\tNIC's tables are reset first and after.  The routes go to\n"
	       "\tVRFs 1, 2, ... %d at a time: the built-in board holds\n"
	       "\t16384 IPv4 prefixes per VRF and 65536 routes in all.\n"
	       "\n"
	       "\tOne line per batch size: entries/s for add and delete, the\n"
	       "\tcommands sent and the time per command.  Ends with\n"
	       "\t\"N passed, N failed\": a write the NIC refused, or routes\n"
	       "\tleft behind, is a failure.  make bench\n"
	       "\t(tests/bench/tblbench.sh) runs it through mcnic-sim's\n"
	       "\tsocket and through the kernel driver in a QEMU guest.\n"
	       "\n"
	       "OPTIONS\n"
	       "\tDEV          the NIC: sim:PATH (mcnic-sim's socket) or\n"
	       "\t             mcnicN (the driver's /dev/mcnicN)\n"
	       "\tN            routes (default %d); batches of 1 time a\n"
	       "\t             tenth of them when N > 10000\n"
	       "\tBATCH        entries per command (default: each of 1, 64,\n"
	       "\t             1024 and %zu, the most one message holds)\n"
	       "\t-h, --help   print this page and exit\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when every batch size ran and no route was left behind.\n"
	       "\t1 when DEV cannot be opened, the setup fails (reset, VRFs,\n"
	       "\tmemory, an N of 0), the NIC refuses a write or routes are\n"
	       "\tleft behind.  2 when DEV is missing.\n",
	       TBL_PER_VRF, TBL_N, TBL_BATCH_MAX);
}

int main(int argc, char **argv)
{
	unsigned int sizes[] = { 1, 64, 1024, TBL_BATCH_MAX }, i, n, b, left;
	struct mcnic_cmd_route *r;
	struct mcnic_cmd_route *dump;
	struct mcnic *h;
	int pass = 0, fail = 0;

	if (argc > 1 && (!strcmp(argv[1], "--help") ||
			 !strcmp(argv[1], "-h"))) {
		tbl_help();
		return 0;
	}
	if (argc < 2) {
		tbl_usage();
		return 2;
	}
	n = argc > 2 ? strtoul(argv[2], NULL, 0) : TBL_N;
	if (mcnic_open(&h, argv[1])) {
		fprintf(stderr, "tblbench: %s\n", mcnic_errmsg(NULL));
		return 1;
	}
	r = calloc(n, sizeof(*r));
	if (!r || !n || tbl_reset(h, n)) {
		fprintf(stderr, "tblbench: setup: %s\n", mcnic_errmsg(h));
		return 1;
	}
	tbl_routes(r, n);
	printf("tblbench: %u IPv4 /32 routes in %u VRFs through %s\n", n,
	       tbl_vrfs(n), argv[1]);
	printf("%-10s %12s %12s %10s %14s\n", "batch", "add/s", "del/s",
	       "commands", "us/command");
	for (i = 0; i < 4; i++) {
		b = argc > 3 ? strtoul(argv[3], NULL, 0) : sizes[i];
		/* Single entries: a tenth of n is enough to time them. */
		if (tbl_size(h, r, b == 1 && n > 10000 ? n / 10 : n, b))
			fail++;
		else
			pass++;
		if (argc > 3)
			break;
	}
	if (mcnic_route_dump(h, &dump, &left) || left) {
		fprintf(stderr, "tblbench: %u routes left behind\n", left);
		fail++;
	} else {
		pass++;
	}
	mcnic_reset(h);
	mcnic_close(h);
	free(r);
	printf("%d passed, %d failed\n", pass, fail);
	return fail != 0;
}
