// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Reading a table or its counters back: DUMP and STATS (cmd.h) answer a
 * page of entries and the cursor of the next.  Pages are checked as
 * libmcnic checks them -- a length that is not the page's count of
 * entries, a cursor that does not grow, an empty page that is not the
 * last -- so no device can feed the driver a wrong-sized entry or keep a
 * dump going forever.
 */
#include <linux/slab.h>

#include "mcnic.h"

static int mcnic_dump_bad(struct mcnic_dev *d, u16 op, u16 obj, const char *why)
{
	dev_warn(&d->pdev->dev, "%s of object %u: %s\n", mcnic_cmd_op_name(op),
		 obj, why);
	return -EIO;
}

int mcnic_dump(struct mcnic_dev *d, u16 op, u16 obj, u32 size,
	       mcnic_dump_page_fn page, void *ctx)
{
	struct {
		struct mcnic_cmd_hdr h;
		struct mcnic_cmd_dump q;
	} req;
	const struct mcnic_cmd_dump_resp *r;
	struct mcnic_cmd_hdr *a;
	u32 cursor = 0;
	int rc;

	a = kvmalloc(MCNIC_CMD_MSG_MAX, GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	r = (const void *)(a + 1);
	do {
		memset(&req, 0, sizeof(req));
		req.h.version = MCNIC_CMD_VERSION;
		req.h.opcode = op;
		req.h.len = sizeof(req.q);
		req.q.obj = obj;
		req.q.cursor = cursor;
		rc = mcnic_mbox_call(d, &req, sizeof(req), a, MCNIC_CMD_MSG_MAX);
		if (rc < 0)
			break;
		if (a->status)
			rc = mcnic_dump_bad(d, op, obj, a->err_msg);
		else if (a->len < sizeof(*r) ||
			 a->len - sizeof(*r) != (u32)a->count * size)
			rc = mcnic_dump_bad(d, op, obj, "page length");
		else if (r->next && (r->next <= cursor || !a->count))
			rc = mcnic_dump_bad(d, op, obj, "cursor");
		else
			rc = a->count ? page(ctx, a->count, r + 1) : 0;
		cursor = r->next;
	} while (!rc && cursor);
	kvfree(a);
	return rc;
}
