// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Nothing lost: every table write the NIC accepted through /dev/mcnicN is
 * kept, in the order the NIC applied it, and sent again after the NIC's
 * tables were cleared by booting firmware (reload fw_activate, or
 * FLASH_ACTIVATE from user space).  A RESET the user asked for empties
 * the journal.  The journal is bounded: past MCNIC_SHADOW_MAX bytes it
 * stops (said once in the log) rather than grow without end, and replay
 * says it is incomplete.
 */
#include <linux/slab.h>

#include "mcnic.h"

#define MCNIC_SHADOW_MAX	(64u << 20)

struct mcnic_shadow_msg {
	struct list_head node;
	u32 len;
	u8 msg[];
};

/* Table writes: replaying them in order rebuilds the tables. */
static bool mcnic_shadow_is_write(u16 op)
{
	return op >= MCNIC_CMD_PARSE_SET && op <= MCNIC_CMD_RULE_DEL;
}

void mcnic_shadow_init(struct mcnic_dev *d)
{
	INIT_LIST_HEAD(&d->shadow.log);
	mutex_init(&d->shadow.lock);
}

static void mcnic_shadow_clear(struct mcnic_dev *d)
{
	struct mcnic_shadow_msg *m, *t;

	list_for_each_entry_safe(m, t, &d->shadow.log, node) {
		list_del(&m->node);
		kvfree(m);
	}
	d->shadow.bytes = 0;
	d->shadow.entries = 0;
	d->shadow.overflow = false;
}

void mcnic_shadow_fini(struct mcnic_dev *d)
{
	mcnic_shadow_clear(d);
	mutex_destroy(&d->shadow.lock);
}

static void mcnic_shadow_add(struct mcnic_dev *d, const void *req, u32 len)
{
	const struct mcnic_cmd_hdr *h = req;
	struct mcnic_shadow_msg *m;

	if (d->shadow.overflow)
		return;
	m = kvmalloc(struct_size(m, msg, len), GFP_KERNEL);
	if (!m || d->shadow.bytes + len > MCNIC_SHADOW_MAX) {
		kvfree(m);
		d->shadow.overflow = true;
		dev_warn(&d->pdev->dev,
			 "table shadow full (%llu bytes): later writes will not be replayed after a reset\n",
			 d->shadow.bytes);
		return;
	}
	m->len = len;
	memcpy(m->msg, req, len);
	list_add_tail(&m->node, &d->shadow.log);
	d->shadow.bytes += len;
	d->shadow.entries += h->count;
}

int mcnic_shadow_call(struct mcnic_dev *d, void *req, u32 req_len, void *resp,
		      u32 resp_max)
{
	struct mcnic_cmd_hdr *h = req;
	const struct mcnic_cmd_hdr *a = resp;
	u16 op = h->opcode;
	int rc;

	mutex_lock(&d->shadow.lock);
	rc = mcnic_mbox_call(d, req, req_len, resp, resp_max);
	if (rc >= 0 && !a->status) {
		if (mcnic_shadow_is_write(op))
			mcnic_shadow_add(d, req, req_len);
		else if (op == MCNIC_CMD_RESET)
			mcnic_shadow_clear(d);
	}
	mutex_unlock(&d->shadow.lock);
	if (rc >= 0 && !a->status && op == MCNIC_CMD_FLASH_ACTIVATE)
		mcnic_shadow_replay(d);
	return rc;
}

/* Send every kept write again; logs how many entries went back. */
int mcnic_shadow_replay(struct mcnic_dev *d)
{
	struct mcnic_cmd_hdr *a;
	struct mcnic_shadow_msg *m;
	u64 entries = 0, msgs = 0, refused = 0;

	a = kvmalloc(MCNIC_CMD_MSG_MAX, GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	mutex_lock(&d->shadow.lock);
	list_for_each_entry(m, &d->shadow.log, node) {
		if (mcnic_mbox_call(d, m->msg, m->len, a, MCNIC_CMD_MSG_MAX) < 0 ||
		    a->status) {
			refused++;
			continue;
		}
		msgs++;
		entries += ((struct mcnic_cmd_hdr *)m->msg)->count;
	}
	d->shadow.replayed = entries;
	dev_info(&d->pdev->dev,
		 "%s: tables restored: %llu entries in %llu messages replayed, %llu refused%s\n",
		 d->name, entries, msgs, refused,
		 d->shadow.overflow ? " (incomplete: the shadow was full)" : "");
	mutex_unlock(&d->shadow.lock);
	kvfree(a);
	return refused ? -EIO : 0;
}
