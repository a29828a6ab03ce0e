// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Reading tables back: DUMP and STATS answer a page of entries and a
 * cursor for the next page, so a table of any size is read by repeating
 * the request until the cursor comes back 0.  A cursor is a table position
 * past the entries answered (docs/mailbox.md), so it only grows, and a page
 * that does not end the dump has entries: a device breaking either rule is
 * a protocol error, not an endless loop.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcnic_priv.h"

static int mcnic_dump_grow(struct mcnic *h, u8 **buf, size_t *cap,
			   size_t need)
{
	size_t c = *cap ? *cap : 4096;
	u8 *p;

	while (c < need)
		c *= 2;
	if (c == *cap)
		return 0;
	p = realloc(*buf, c);
	if (!p)
		return mcnic_err(h, -ENOMEM, "dump: out of memory");
	*buf = p;
	*cap = c;
	return 0;
}

static int mcnic_dump_page(struct mcnic *h, u16 op, size_t size,
			   const struct mcnic_req *r, u32 cursor, u32 *next)
{
	struct mcnic_cmd_dump_resp dr;

	if (r->ans_len < sizeof(dr) ||
	    r->ans_len - sizeof(dr) != (size_t)r->ans_count * size)
		return mcnic_err(h, -EPROTO,
				 "%s: answer of %u bytes for %u entries of %zu",
				 mcnic_cmd_op_name(op), r->ans_len, r->ans_count,
				 size);
	memcpy(&dr, r->ans, sizeof(dr));
	*next = dr.next;
	if (dr.next && dr.next <= cursor)
		return mcnic_err(h, -EPROTO,
				 "%s: cursor %u after %u: cursors must grow",
				 mcnic_cmd_op_name(op), dr.next, cursor);
	if (dr.next && !r->ans_count)
		return mcnic_err(h, -EPROTO,
				 "%s: cursor %u with no entries",
				 mcnic_cmd_op_name(op), dr.next);
	return 0;
}

int mcnic_dump(struct mcnic *h, u16 op, u16 obj, size_t size, void **out,
	       unsigned int *n)
{
	struct mcnic_cmd_dump q = { .obj = obj };
	struct mcnic_req r = { .op = op, .data = &q, .len = sizeof(q) };
	size_t cap = 0, got = 0;
	u8 *buf = NULL;
	u32 next = 0;
	int rc;

	do {
		rc = mcnic_call(h, &r);
		if (!rc)
			rc = mcnic_dump_page(h, op, size, &r, q.cursor, &next);
		if (!rc && got + r.ans_count > MCNIC_DUMP_ENTRIES_MAX)
			rc = mcnic_err(h, -EPROTO, "%s: more than %u entries",
				       mcnic_cmd_op_name(op),
				       MCNIC_DUMP_ENTRIES_MAX);
		if (!rc)
			rc = mcnic_dump_grow(h, &buf, &cap,
					     (got + r.ans_count) * size + 1);
		if (rc) {
			free(buf);
			return rc;
		}
		memcpy(buf + got * size,
		       r.ans + sizeof(struct mcnic_cmd_dump_resp),
		       (size_t)r.ans_count * size);
		got += r.ans_count;
		q.cursor = next;
	} while (next);
	*out = buf;
	*n = got;
	return 0;
}
