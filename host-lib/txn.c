// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Executing a plan's batches as one transaction.  The device makes each
 * batch all or nothing; across batches we count those applied, and undo
 * them newest first from the old state the plan was made against: an add
 * is removed, a change is set back, a removal is added back.  Every
 * intermediate state existed before, so the undo fits the tables too.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* n entries of t in buf as one message. */
static int mcnic_txn_send(struct mcnic *h, const struct mcnic_objtype *t,
			  u16 op, const u8 *buf, u32 n, u16 *err_index)
{
	struct mcnic_req r = {
		.op = op, .count = n, .data = buf, .len = n * t->size,
	};
	int rc;

	if (!n)
		return 0;
	rc = mcnic_call(h, &r);
	if (err_index)
		*err_index = r.err_index;
	return rc;
}

int mcnic_txn_exec(struct mcnic_txn *x, u32 bi, u16 *err_index)
{
	const struct mcnic_dbatch *b = &x->p->b[bi];
	const struct mcnic_objtype *t = b->t;
	const struct mcnic_dop *op;
	u8 *buf = malloc((size_t)b->n * t->size);
	u32 i;
	int rc;

	if (!buf)
		return mcnic_err(x->h, -ENOMEM, "out of memory");
	for (i = 0; i < b->n; i++) {
		op = &x->p->ops[b->first + i];
		if (b->del)
			mcnic_obj_del_entry(t, buf + (size_t)i * t->size,
					    op->old);
		else
			memcpy(buf + (size_t)i * t->size, op->new, t->size);
	}
	rc = mcnic_txn_send(x->h, t, b->op, buf, b->n, err_index);
	free(buf);
	if (!rc)
		x->done = bi + 1;
	return rc;
}

static int mcnic_txn_undo_one(struct mcnic_txn *x,
			      const struct mcnic_dbatch *b)
{
	const struct mcnic_objtype *t = b->t;
	size_t sz = t->size;
	u8 *set = malloc(b->n * sz), *del = malloc(b->n * sz);
	const struct mcnic_dop *op;
	u32 i, ns = 0, nd = 0;
	int rc;

	if (!set || !del) {
		rc = mcnic_err(x->h, -ENOMEM, "undo: out of memory");
		goto out;
	}
	for (i = b->n; i-- > 0;) {
		op = &x->p->ops[b->first + i];
		if (b->del || (t->replace && op->old))
			memcpy(set + ns++ * sz, op->old, sz);
		else if (t->del_op)
			mcnic_obj_del_entry(t, del + nd++ * sz, op->new);
	}
	rc = mcnic_txn_send(x->h, t, t->del_op, del, nd, NULL);
	if (!rc)
		rc = mcnic_txn_send(x->h, t, t->set_op, set, ns, NULL);
out:
	free(set);
	free(del);
	return rc;
}

/* Undo every applied batch; the first failure is returned (and kept). */
int mcnic_txn_undo(struct mcnic_txn *x)
{
	char first[MCNIC_ERR_MAX] = "";
	int rc = 0, r;

	while (x->done > 0) {
		r = mcnic_txn_undo_one(x, &x->p->b[--x->done]);
		if (r && !rc) {
			rc = r;
			memcpy(first, x->h->err, sizeof(first));
		}
	}
	if (rc)
		memcpy(x->h->err, first, sizeof(first));
	return rc;
}
