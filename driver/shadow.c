// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Nothing lost: every table write the NIC accepted through /dev/mcnicN is
 * kept, in the order the NIC applied it, and sent again after the NIC's
 * tables were cleared by booting firmware (reload fw_activate, a
 * recovered hang, or FLASH_ACTIVATE from user space).  A RESET the user
 * asked for empties the log.
 *
 * Churn must not grow the log without end, so past compact_at bytes it is
 * compacted: replaced by a snapshot of the NIC's tables, each one DUMPed
 * and kept as the batches that add its entries back, in the order that
 * restores them (MCNIC_OBJ_RESTORE_LIST).  The next compaction waits
 * until the log doubles, so its cost stays in proportion to the writes.
 * The log is bounded: past MCNIC_SHADOW_MAX bytes that no compaction can
 * shrink it stops (said once in the log), and replay says it is
 * incomplete.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "mcnic.h"

#define MCNIC_SHADOW_MAX	(64u << 20)

static unsigned int shadow_compact_kib = 4096;
module_param(shadow_compact_kib, uint, 0444);
MODULE_PARM_DESC(shadow_compact_kib, "compact the table shadow past this many KiB (default: 4096)");

struct mcnic_shadow_msg {
	struct list_head node;
	u32 len;
	u8 msg[];
};

struct mcnic_shadow_table {
	u16 obj;
	u16 op;
	u32 size;
};

static const struct mcnic_shadow_table mcnic_shadow_tables[] = {
#define MCNIC_SHADOW_TABLE(obj, op, type) \
	{ MCNIC_OBJ_##obj, MCNIC_CMD_##op, sizeof(type) },
	MCNIC_OBJ_RESTORE_LIST(MCNIC_SHADOW_TABLE)
#undef MCNIC_SHADOW_TABLE
};

/* Table writes: replaying them in order rebuilds the tables. */
static bool mcnic_shadow_is_write(u16 op)
{
	return op >= MCNIC_CMD_PARSE_SET && op <= MCNIC_CMD_RULE_DEL;
}

static void mcnic_shadow_log_init(struct mcnic_shadow_log *l)
{
	INIT_LIST_HEAD(&l->msgs);
	l->bytes = 0;
	l->entries = 0;
}

static void mcnic_shadow_log_free(struct mcnic_shadow_log *l)
{
	struct mcnic_shadow_msg *m, *t;

	list_for_each_entry_safe(m, t, &l->msgs, node) {
		list_del(&m->node);
		kvfree(m);
	}
	mcnic_shadow_log_init(l);
}

/* A message of hdr's opcode and count, with len bytes of payload. */
static int mcnic_shadow_log_add(struct mcnic_shadow_log *l,
				const struct mcnic_cmd_hdr *hdr,
				const void *payload, u32 len)
{
	struct mcnic_shadow_msg *m;
	struct mcnic_cmd_hdr *h;

	if (l->bytes + sizeof(*h) + len > MCNIC_SHADOW_MAX)
		return -ENOSPC;
	/* Padded to a word, as mcnic_mbox_call() wants it. */
	m = kvmalloc(struct_size(m, msg, round_up(sizeof(*h) + len, 4)),
		     GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	if ((sizeof(*h) + len) % 4)
		memset(m->msg + round_down(sizeof(*h) + len, 4), 0, 4);
	h = (struct mcnic_cmd_hdr *)m->msg;
	*h = (struct mcnic_cmd_hdr) {
		.version = MCNIC_CMD_VERSION,
		.opcode = hdr->opcode,
		.len = len,
		.count = hdr->count,
	};
	memcpy(h + 1, payload, len);
	m->len = sizeof(*h) + len;
	list_add_tail(&m->node, &l->msgs);
	l->bytes += m->len;
	l->entries += hdr->count;
	return 0;
}

void mcnic_shadow_init(struct mcnic_dev *d)
{
	mcnic_shadow_log_init(&d->shadow.log);
	mutex_init(&d->shadow.lock);
	d->shadow.compact_at = (u64)shadow_compact_kib << 10;
}

static void mcnic_shadow_clear(struct mcnic_dev *d)
{
	mcnic_shadow_log_free(&d->shadow.log);
	d->shadow.overflow = false;
}

void mcnic_shadow_fini(struct mcnic_dev *d)
{
	mcnic_shadow_clear(d);
	mutex_destroy(&d->shadow.lock);
}

struct mcnic_shadow_snap {
	const struct mcnic_shadow_table *t;
	struct mcnic_shadow_log log;
};

/* A DUMP page, kept as the batch that adds its entries back. */
static int mcnic_shadow_snap_page(void *ctx, u16 count, const void *e)
{
	struct mcnic_shadow_snap *s = ctx;
	struct mcnic_cmd_hdr h = { .opcode = s->t->op, .count = count };

	return mcnic_shadow_log_add(&s->log, &h, e, (u32)count * s->t->size);
}

/* The log becomes a snapshot of the NIC's tables; 0 or -errno. */
static int mcnic_shadow_compact(struct mcnic_dev *d)
{
	struct mcnic_shadow *s = &d->shadow;
	struct mcnic_shadow_snap snap;
	unsigned int i;
	int rc = 0;

	mcnic_shadow_log_init(&snap.log);
	for (i = 0; i < ARRAY_SIZE(mcnic_shadow_tables) && !rc; i++) {
		snap.t = &mcnic_shadow_tables[i];
		rc = mcnic_dump(d, MCNIC_CMD_DUMP, snap.t->obj, snap.t->size,
				mcnic_shadow_snap_page, &snap);
	}
	if (rc) {
		mcnic_shadow_log_free(&snap.log);
		return rc;
	}
	dev_dbg(&d->pdev->dev, "table shadow compacted: %llu bytes to %llu, %llu entries\n",
		s->log.bytes, snap.log.bytes, snap.log.entries);
	mcnic_shadow_log_free(&s->log);
	list_splice(&snap.log.msgs, &s->log.msgs);
	s->log.bytes = snap.log.bytes;
	s->log.entries = snap.log.entries;
	s->overflow = false;
	s->compactions++;
	return 0;
}

/* The NIC accepted req: keep it, or a snapshot that includes it. */
static void mcnic_shadow_add(struct mcnic_dev *d, const void *req, u32 len)
{
	struct mcnic_shadow *s = &d->shadow;
	u64 min = (u64)shadow_compact_kib << 10;
	int rc;

	if (s->log.bytes + len > s->compact_at) {
		rc = mcnic_shadow_compact(d);
		/* Failed or not, the next try waits for the log to double. */
		s->compact_at = max(min, 2 * (s->log.bytes + len));
		if (!rc)
			return;
	}
	if (s->overflow)
		return;
	rc = mcnic_shadow_log_add(&s->log, req, req + sizeof(struct mcnic_cmd_hdr),
				  len - sizeof(struct mcnic_cmd_hdr));
	if (rc) {
		s->overflow = true;
		dev_warn(&d->pdev->dev,
			 "table shadow full (%llu bytes, error %d): later writes will not be replayed after a reset\n",
			 s->log.bytes, rc);
	}
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
	list_for_each_entry(m, &d->shadow.log.msgs, node) {
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
