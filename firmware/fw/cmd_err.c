// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Error messages of the mailbox ("route.len=33: more than 32") without
 * libc: appended piece by piece, cut at MCNIC_CMD_ERR_MSG - 1 bytes, always
 * NUL-terminated.
 */
#include "cmd_priv.h"

void mcnic_cmd_err_str(struct mcnic_cmd_err *e, const char *s)
{
	while (s && *s && e->len < MCNIC_CMD_ERR_MSG - 1)
		e->msg[e->len++] = *s++;
	e->msg[e->len] = 0;
}

void mcnic_cmd_err_num(struct mcnic_cmd_err *e, u64 v)
{
	char d[21];
	int n = 20;

	d[n] = 0;
	do {
		d[--n] = '0' + v % 10;
		v /= 10;
	} while (v);
	mcnic_cmd_err_str(e, &d[n]);
}

int mcnic_cmd_fail(struct mcnic_cmd_err *e, int status, const char *obj,
		   const char *field, s32 sub, s64 value, const char *what)
{
	e->len = 0;
	mcnic_cmd_err_str(e, obj);
	if (field) {
		mcnic_cmd_err_str(e, ".");
		mcnic_cmd_err_str(e, field);
	}
	if (sub != MCNIC_CMD_NOSUB) {
		mcnic_cmd_err_str(e, "[");
		mcnic_cmd_err_num(e, sub);
		mcnic_cmd_err_str(e, "]");
	}
	if (value != MCNIC_CMD_NOVAL) {
		mcnic_cmd_err_str(e, "=");
		mcnic_cmd_err_num(e, value);
	}
	if (what) {
		mcnic_cmd_err_str(e, ": ");
		mcnic_cmd_err_str(e, what);
	}
	return status;
}

int mcnic_cmd_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const char *mcnic_cmd_err_text(int status)
{
	switch (status) {
	case -MCNIC_ENOENT:
		return "no such entry";
	case -MCNIC_EEXIST:
		return "exists";
	case -MCNIC_ENOSPC:
		return "table full";
	case -MCNIC_ERANGE:
		return "out of range";
	case -MCNIC_EBUSY:
		return "in use";
	default:
		return "invalid";
	}
}
