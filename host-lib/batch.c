// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Table writes: n entries of one type, as few messages as fit.  Each
 * message is all or nothing on the device; a refusal names the entry by
 * its index in the caller's array.
 */
#include <errno.h>
#include <string.h>

#include "mcnic_priv.h"

u32 mcnic_batch_max(size_t size)
{
	u32 n = (MCNIC_CMD_MSG_MAX - sizeof(struct mcnic_cmd_hdr)) / size;

	return n > 0xffff ? 0xffff : n;
}

/* A later message failed: say which entry, and that earlier ones hold. */
static int mcnic_batch_part(struct mcnic *h, int rc, unsigned int bad,
			    unsigned int n, unsigned int done)
{
	char m[MCNIC_ERR_MAX];

	memcpy(m, h->err, sizeof(m));
	return mcnic_err(h, rc, "%s (entry %u of %u; entries before %u are applied)",
			 m, bad, n, done);
}

int mcnic_batch(struct mcnic *h, u16 op, const void *e, size_t size,
		unsigned int n)
{
	u32 max = mcnic_batch_max(size), k;
	struct mcnic_req r = { .op = op };
	unsigned int done = 0;
	int rc;

	if (!n)
		return 0;
	while (done < n) {
		k = n - done < max ? n - done : max;
		r.count = k;
		r.data = (const u8 *)e + (size_t)done * size;
		r.len = k * size;
		rc = mcnic_call(h, &r);
		if (rc && n > k)
			return mcnic_batch_part(h, rc, done + r.err_index, n,
						done);
		if (rc)
			return rc;
		done += k;
	}
	return 0;
}
