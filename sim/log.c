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

void mcnic_log(const char *fmt, ...)
{
	FILE *f = mcnic_log_file ? mcnic_log_file : stderr;
	char line[1024], stamp[32];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	int n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	n = snprintf(line, sizeof(line), "%s.%06ldZ %s: ", stamp,
		     ts.tv_nsec / 1000, mcnic_log_name);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	fprintf(f, "%s\n", line);
	fflush(f);
}
