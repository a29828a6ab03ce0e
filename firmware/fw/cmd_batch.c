// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Batches are all or nothing (include/mcnic/cmd.h).  Every entry is checked
 * before any is applied; then each is applied after its key's current entry
 * is saved, and when one is refused at apply time (a full table, a
 * duplicate, a delete of something in use) the entries already applied are
 * undone in reverse order: the saved entry is set back, or, where there
 * was none, the new one deleted.  Undo re-adds what the batch itself freed,
 * so it finds room.
 */
#include "cmd_priv.h"

static void mcnic_batch_entry(const struct mcnic_tbl_ops *ops, const u8 *src,
			      u32 i, union mcnic_cmd_entry *e)
{
	__builtin_memcpy(e, src + (size_t)i * ops->size, ops->size);
}

static int mcnic_batch_check(struct mcnic_fw *fw,
			     const struct mcnic_tbl_ops *ops, int del,
			     const u8 *payload, u16 count,
			     struct mcnic_cmd_err *err)
{
	union mcnic_cmd_entry e;
	u32 i;
	int r;

	for (i = 0; i < count; i++) {
		mcnic_batch_entry(ops, payload, i, &e);
		if (del)
			r = ops->check_key ? ops->check_key(fw, &e, err) : 0;
		else
			r = ops->check(fw, &e, err);
		if (r) {
			err->index = i;
			return r;
		}
	}
	return 0;
}

/* "vrf.id=5: used by a route", "route.routes: table full" */
static int mcnic_batch_refused(const struct mcnic_tbl_ops *ops, const void *e,
			       int status, const char *why,
			       struct mcnic_cmd_err *err)
{
	s64 key = ops->key ? ops->key(e) : MCNIC_CMD_NOVAL;
	const char *field = ops->key ? ops->key_name : why;

	if (status == -MCNIC_EBUSY && why) {
		mcnic_cmd_fail(err, status, ops->name, field, MCNIC_CMD_NOSUB,
			       key, "used by ");
		mcnic_cmd_err_str(err, why);
		return status;
	}
	return mcnic_cmd_fail(err, status, ops->name, field, MCNIC_CMD_NOSUB,
			      key, mcnic_cmd_err_text(status));
}

static void mcnic_batch_undo(struct mcnic_fw *fw,
			     const struct mcnic_tbl_ops *ops, int del,
			     const u8 *payload, u32 n)
{
	union mcnic_cmd_entry e;

	while (n--) {
		if (del || fw->had[n]) {
			mcnic_batch_entry(ops, fw->undo, n, &e);
			ops->set(fw, &e, NULL);
		} else {
			mcnic_batch_entry(ops, payload, n, &e);
			ops->del(fw, &e, NULL);
		}
	}
}

static int mcnic_batch_apply(struct mcnic_fw *fw,
			     const struct mcnic_tbl_ops *ops, int del,
			     const u8 *payload, u16 count,
			     struct mcnic_cmd_err *err)
{
	union mcnic_cmd_entry e, old;
	const char *why;
	u32 i;
	int r;

	for (i = 0; i < count; i++) {
		mcnic_batch_entry(ops, payload, i, &e);
		fw->had[i] = !ops->get(fw, &e, &old);
		why = NULL;
		if (del)
			r = fw->had[i] ? ops->del(fw, &e, &why) : -MCNIC_ENOENT;
		else
			r = ops->set(fw, &e, &why);
		if (r) {
			mcnic_batch_undo(fw, ops, del, payload, i);
			err->index = i;
			return mcnic_batch_refused(ops, &e, r, why, err);
		}
		__builtin_memcpy(fw->undo + (size_t)i * ops->size, &old,
				 ops->size);
	}
	return 0;
}

int mcnic_cmd_batch(struct mcnic_fw *fw, const struct mcnic_tbl_ops *ops,
		    int del, const u8 *payload, u16 count,
		    struct mcnic_cmd_err *err)
{
	int r = mcnic_batch_check(fw, ops, del, payload, count, err);

	return r ? r : mcnic_batch_apply(fw, ops, del, payload, count, err);
}
