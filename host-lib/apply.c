// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Config file -> plan -> device.  The plan is made against the state read
 * from the device just now; applying it runs its batches as a transaction
 * (txn.c), and a refusal is reported at the config line of the object the
 * device refused, after everything applied before it was undone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "plan.h"

int mcnic_plan_config(struct mcnic *h, const struct mcnic_config *cfg,
		      const char *file, struct mcnic_plan **plan)
{
	struct mcnic_plan *p = calloc(1, sizeof(*p));
	int r;

	*plan = NULL;
	if (!p)
		return mcnic_err(h, -ENOMEM, "out of memory");
	snprintf(p->file, sizeof(p->file), "%s", file);
	r = mcnic_plan_state(cfg, &p->want);
	if (r)
		mcnic_err(h, r, "%s: out of memory", file);
	else
		r = mcnic_state_read(h, &p->have);
	if (!r && mcnic_diff(p))
		r = mcnic_err(h, -ENOMEM, "%s: out of memory", file);
	if (r) {
		mcnic_plan_free(p);
		return r;
	}
	*plan = p;
	return 0;
}

int mcnic_plan_file(struct mcnic *h, const char *path,
		    struct mcnic_plan **plan)
{
	char err[MCNIC_ERR_MAX];
	struct mcnic_config *cfg;
	int r;

	*plan = NULL;
	cfg = mcnic_config_load_file(path, err, sizeof(err));
	if (!cfg)
		return mcnic_err(h, -EINVAL, "%s", err);
	r = mcnic_plan_config(h, cfg, path, plan);
	mcnic_config_free(cfg);	/* the plan copied the locations */
	return r;
}

void mcnic_plan_free(struct mcnic_plan *p)
{
	if (!p)
		return;
	mcnic_diff_free(p);
	mcnic_state_free(&p->want);
	mcnic_state_free(&p->have);
	free(p);
}

unsigned int mcnic_plan_ops(const struct mcnic_plan *p)
{
	return p->n_ops;
}

unsigned int mcnic_plan_batches(const struct mcnic_plan *p)
{
	return p->n_b;
}

static void mcnic_plan_where(const struct mcnic_plan *p,
			     const struct mcnic_cfg_loc *loc, char *buf,
			     size_t len)
{
	if (!loc)
		buf[0] = '\0';
	else if (!loc->line)
		snprintf(buf, len, "%s", p->file);
	else
		snprintf(buf, len, "%s:%u:%u", p->file, loc->line, loc->col);
}

int mcnic_plan_op(const struct mcnic_plan *p, unsigned int i,
		  struct mcnic_plan_op *op)
{
	const struct mcnic_dop *o;
	u32 b;

	if (i >= p->n_ops)
		return -ENOENT;
	o = &p->ops[i];
	for (b = 0; b < p->n_b; b++)
		if (i >= p->b[b].first && i < p->b[b].first + p->b[b].n)
			break;
	op->obj = b < p->n_b ? p->b[b].t->obj : 0;
	op->change = o->change;
	op->batch = b;
	op->removal_half = b < p->n_b && p->b[b].del &&
			   o->change == MCNIC_CHANGE_MODIFY;
	op->old = o->old;
	op->new = o->new;
	mcnic_plan_where(p, o->loc, op->where, sizeof(op->where));
	return 0;
}

/* "FILE:LINE:COL: route vrf 1 prefix ...: <device's message>" */
static int mcnic_plan_refused(struct mcnic *h, const struct mcnic_plan *p,
			      u32 bi, u16 idx, int rc)
{
	const struct mcnic_dbatch *b = &p->b[bi];
	const struct mcnic_dop *o;
	char dev[MCNIC_ERR_MAX], what[200], where[320];

	memcpy(dev, h->err, sizeof(dev));
	if (idx >= b->n)
		return rc;
	o = &p->ops[b->first + idx];
	mcnic_obj_format(b->t->obj, o->new ? o->new : o->old, 0, what,
			 sizeof(what));
	mcnic_plan_where(p, o->loc, where, sizeof(where));
	return mcnic_err(h, rc, "%s%s%s %s: %s", where, where[0] ? ": " : "",
			 b->t->name, what, dev);
}

static int mcnic_plan_undone(struct mcnic *h, struct mcnic_txn *x, int rc)
{
	char refused[MCNIC_ERR_MAX];
	u32 n = x->done;

	memcpy(refused, h->err, sizeof(refused));
	if (mcnic_txn_undo(x))
		return mcnic_err(h, rc, "%s; undoing the %u batches before it failed too (%s): the device is left partly changed",
				 refused, n, h->err);
	return mcnic_err(h, rc, "%s; nothing changed (%u batches undone)",
			 refused, n);
}

int mcnic_plan_apply(struct mcnic *h, struct mcnic_plan *p)
{
	struct mcnic_txn x = { .h = h, .p = p };
	u16 idx = 0xffff;
	u32 bi;
	int rc;

	for (bi = 0; bi < p->n_b; bi++) {
		rc = mcnic_txn_exec(&x, bi, &idx);
		if (rc) {
			mcnic_plan_refused(h, p, bi, idx, rc);
			return mcnic_plan_undone(h, &x, rc);
		}
	}
	return 0;
}
