// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Batches are all or nothing (include/mcnic/cmd.h): a refused batch leaves
 * every entry, counter and position as it was.  Every entry is checked
 * before any is applied.
 *
 * A batch of deletes is decided whole by the check: each entry must exist,
 * be unused (ops->can_del) and be named once.  Objects of one kind never
 * use each other, so the deletes then all succeed; nothing is deleted and
 * made again, which would zero its counters.
 *
 * A batch of sets is applied in order, each key's current entry saved
 * first.  When one is refused at apply time (a full table, a duplicate)
 * the entries already applied are undone in reverse order: the saved entry
 * is set back over the same object, which keeps its counters and place,
 * or, where there was none, the new one deleted.  Undo re-adds only what
 * the batch itself replaced, so it finds room.
 */
#include "cmd_priv.h"

static void mcnic_batch_entry(const struct mcnic_tbl_ops *ops, const u8 *src,
			      u32 i, union mcnic_cmd_entry *e)
{
	__builtin_memcpy(e, src + (size_t)i * ops->size, ops->size);
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

/*
 * Whether entry i (its current image in fw->undo) was named before in
 * the batch, by a hash of the images (fw->seen, sized for the batch and
 * cleared by mcnic_batch_check): linear in the batch, not quadratic.
 */
static int mcnic_batch_named(struct mcnic_fw *fw,
			     const struct mcnic_tbl_ops *ops, u32 i, u32 mask)
{
	const u8 *cur = fw->undo + (size_t)i * ops->size;
	u32 h = mcnic_crc32c(0, cur, ops->size) & mask;
	u16 k;

	while ((k = fw->seen[h])) {
		if (!__builtin_memcmp(fw->undo + (size_t)(k - 1) * ops->size,
				      cur, ops->size))
			return 1;
		h = (h + 1) & mask;
	}
	fw->seen[h] = i + 1;
	return 0;
}

/*
 * Delete entry i of a batch.  fw->undo holds the entries 0..i-1 name, as
 * get gives them: distinct and existing.
 */
static int mcnic_batch_check_del(struct mcnic_fw *fw,
				 const struct mcnic_tbl_ops *ops,
				 const union mcnic_cmd_entry *e, u32 i, u32 mask,
				 struct mcnic_cmd_err *err)
{
	union mcnic_cmd_entry cur;
	const char *why = NULL;
	int r;

	r = ops->check_key ? ops->check_key(fw, e, err) : 0;
	if (r)
		return r;
	__builtin_memset(&cur, 0, sizeof(cur));
	r = ops->get(fw, e, &cur);
	if (!r && ops->can_del)
		r = ops->can_del(fw, e, &why);
	if (r)
		return mcnic_batch_refused(ops, e, r, why, err);
	__builtin_memcpy(fw->undo + (size_t)i * ops->size, &cur, ops->size);
	if (mcnic_batch_named(fw, ops, i, mask))
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, ops->name,
				      ops->key_name, MCNIC_CMD_NOSUB,
				      ops->key ? ops->key(e) : MCNIC_CMD_NOVAL,
				      "named twice in the batch");
	return 0;
}

static int mcnic_batch_check(struct mcnic_fw *fw,
			     const struct mcnic_tbl_ops *ops, int del,
			     const u8 *payload, u16 count,
			     struct mcnic_cmd_err *err)
{
	union mcnic_cmd_entry e;
	u32 i, slots = 2;
	int r;

	if (del) {
		/* At least twice the entries, a power of two. */
		while (slots < 2u * count)
			slots <<= 1;
		__builtin_memset(fw->seen, 0, slots * sizeof(*fw->seen));
	}
	for (i = 0; i < count; i++) {
		mcnic_batch_entry(ops, payload, i, &e);
		if (del)
			r = mcnic_batch_check_del(fw, ops, &e, i, slots - 1,
						  err);
		else
			r = ops->check(fw, &e, err);
		if (r) {
			err->index = i;
			return r;
		}
	}
	return 0;
}

static void mcnic_batch_undo(struct mcnic_fw *fw,
			     const struct mcnic_tbl_ops *ops,
			     const u8 *payload, u32 n)
{
	union mcnic_cmd_entry e;

	while (n--) {
		if (fw->had[n]) {
			mcnic_batch_entry(ops, fw->undo, n, &e);
			ops->set(fw, &e, NULL);
		} else {
			mcnic_batch_entry(ops, payload, n, &e);
			ops->del(fw, &e, NULL);
		}
	}
}

/* Decided by the check: a refusal here would be a firmware bug. */
static int mcnic_batch_del(struct mcnic_fw *fw, const struct mcnic_tbl_ops *ops,
			   const u8 *payload, u16 count,
			   struct mcnic_cmd_err *err)
{
	union mcnic_cmd_entry e;
	const char *why;
	u32 i;
	int r;

	for (i = 0; i < count; i++) {
		mcnic_batch_entry(ops, payload, i, &e);
		why = NULL;
		r = ops->del(fw, &e, &why);
		if (r) {
			err->index = i;
			return mcnic_batch_refused(ops, &e, r, why, err);
		}
	}
	return 0;
}

static int mcnic_batch_set(struct mcnic_fw *fw, const struct mcnic_tbl_ops *ops,
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
		r = ops->set(fw, &e, &why);
		if (r) {
			mcnic_batch_undo(fw, ops, payload, i);
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

	if (r)
		return r;
	return del ? mcnic_batch_del(fw, ops, payload, count, err) :
		     mcnic_batch_set(fw, ops, payload, count, err);
}
