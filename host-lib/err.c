// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Errors: every failing call leaves one message on its handle, and a
 * failed open (which has no handle yet) leaves it per thread.
 */
#include <stdio.h>
#include <string.h>

#include "mcnic_priv.h"

static __thread char mcnic_open_msg[MCNIC_ERR_MAX];

static int mcnic_verr(char *buf, int rc, const char *fmt, va_list ap)
{
	vsnprintf(buf, MCNIC_ERR_MAX, fmt, ap);
	return rc;
}

int mcnic_err(struct mcnic *h, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mcnic_verr(h->err, rc, fmt, ap);
	va_end(ap);
	return rc;
}

int mcnic_open_err(int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mcnic_verr(mcnic_open_msg, rc, fmt, ap);
	va_end(ap);
	return rc;
}

const char *mcnic_errmsg(const struct mcnic *h)
{
	return h ? h->err : mcnic_open_msg;
}

