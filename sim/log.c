// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The daemon's log.  Each line is written with one call and flushed, so
 * a test (or an operator's tail -f) sees it at once and lines from a
 * killed daemon are never half-written.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"

static FILE *mcnic_log_file;
static const char *mcnic_log_name = "mcnic-sim";

int mcnic_log_open(const char *path, const char *name)
{
	if (name)
		mcnic_log_name = name;
	if (!path) {
		mcnic_log_file = stderr;
		return 0;
	}
	mcnic_log_file = fopen(path, "a");
	if (!mcnic_log_file) {
		mcnic_log_file = stderr;
		return -errno;
	}
	return 0;
}

void mcnic_log_close(void)
{
	if (mcnic_log_file && mcnic_log_file != stderr)
		fclose(mcnic_log_file);
	mcnic_log_file = NULL;
}

static void mcnic_log_line(const char *msg)
{
	FILE *f = mcnic_log_file ? mcnic_log_file : stderr;
	char stamp[32];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, "%s.%06ldZ %s: %s\n", stamp, ts.tv_nsec / 1000,
		mcnic_log_name, msg);
	fflush(f);
}

void mcnic_log(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mcnic_log_line(msg);
}

void mcnic_log_counted(u64 *count, const char *what, const char *fmt, ...)
{
	u64 n = ++*count;
	char msg[1024];
	va_list ap;
	int len;

	if (n > MCNIC_LOG_BURST && n % MCNIC_LOG_EVERY)
		return;
	va_start(ap, fmt);
	len = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(msg))
		len = strlen(msg);
	if (n == MCNIC_LOG_BURST)
		snprintf(msg + len, sizeof(msg) - len, " (%s: %llu; from now "
			 "on only every %dth is logged)", what,
			 (unsigned long long)n, MCNIC_LOG_EVERY);
	else
		snprintf(msg + len, sizeof(msg) - len, " (%s: %llu)", what,
			 (unsigned long long)n);
	mcnic_log_line(msg);
}
