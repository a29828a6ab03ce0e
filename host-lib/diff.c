// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Desired objects vs. the device's: which to add, change and remove, in
 * make-before-break order.  Adds and changes go first, dependencies
 * before what names them (mcnic_state_order: parse, VRFs, ports, VTEPs,
 * VNIs, peers, templates, next hops, groups, routes, rules); removals
 * follow in the reverse order, so nothing in use disappears before what
 * uses it has moved.  A rule that changed but kept its id is removed and
 * added again (the device has no rule change), right next to each other.
 * Objects pair up by identity (their key fields), sorted, so large tables
 * diff in n log n.
 */
#define _GNU_SOURCE	/* qsort_r */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* Each want entry's partner in have (or -1), and have's matched marks. */
struct mcnic_match {
	s64 *w2h;
	u8 *hmatched;
	u8 *wdup;
};

static int mcnic_idx_cmp(const void *a, const void *b, void *arg)
{
	const void *const *ea = a, *const *eb = b;
	int c = mcnic_obj_cmp(arg, *ea, *eb);

	if (c)
		return c;
	return *ea < *eb ? -1 : *ea > *eb;	/* stable: first wins */
}

static const u8 **mcnic_sorted(const struct mcnic_objtype *t,
			       const struct mcnic_objs *o)
{
	const u8 **v = malloc((o->n ? o->n : 1) * sizeof(*v));
	u32 i;

	if (!v)
		return NULL;
	for (i = 0; i < o->n; i++)
		v[i] = o->e + (size_t)i * t->size;
	qsort_r(v, o->n, sizeof(*v), mcnic_idx_cmp, (void *)t);
	return v;
}

static void mcnic_merge(const struct mcnic_objtype *t,
			const struct mcnic_objs *w, const struct mcnic_objs *h,
			const u8 **sw, const u8 **sh, struct mcnic_match *m)
{
	u32 i = 0, j = 0;
	int c;

	while (i < w->n) {
		u32 wi = (sw[i] - w->e) / t->size;

		if (i && !mcnic_obj_cmp(t, sw[i - 1], sw[i])) {
			m->wdup[wi] = 1;	/* the same object twice */
			i++;
			continue;
		}
		c = j < h->n ? mcnic_obj_cmp(t, sw[i], sh[j]) : -1;
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			m->w2h[wi] = (sh[j] - h->e) / t->size;
			m->hmatched[m->w2h[wi]] = 1;
			i++;
			j++;
		}
	}
}

static int mcnic_match(const struct mcnic_objtype *t,
		       const struct mcnic_objs *w, const struct mcnic_objs *h,
		       struct mcnic_match *m)
{
	const u8 **sw = mcnic_sorted(t, w), **sh = mcnic_sorted(t, h);
	u32 i;

	m->w2h = malloc((w->n + 1) * sizeof(*m->w2h));
	m->hmatched = calloc(h->n + 1, 1);
	m->wdup = calloc(w->n + 1, 1);
	if (!sw || !sh || !m->w2h || !m->hmatched || !m->wdup) {
		free(sw);
		free(sh);
		return -ENOMEM;
	}
	for (i = 0; i < w->n; i++)
		m->w2h[i] = -1;
	mcnic_merge(t, w, h, sw, sh, m);
	free(sw);
	free(sh);
	return 0;
}

static void mcnic_match_free(struct mcnic_match *m)
{
	free(m->w2h);
	free(m->hmatched);
	free(m->wdup);
}

static int mcnic_push_op(struct mcnic_plan *p, const u8 *old, const u8 *new,
			 const struct mcnic_cfg_loc *loc, u8 change)
{
	struct mcnic_dop *o;

	if (p->n_ops == p->cap_ops) {
		u32 cap = p->cap_ops ? 2 * p->cap_ops : 64;

		o = realloc(p->ops, cap * sizeof(*o));
		if (!o)
			return -ENOMEM;
		p->ops = o;
		p->cap_ops = cap;
	}
	o = &p->ops[p->n_ops++];
	o->old = old;
	o->new = new;
	o->loc = loc;
	o->change = change;
	return 0;
}

/* Close the ops since first into batches of at most a message each. */
static int mcnic_push_batches(struct mcnic_plan *p,
			      const struct mcnic_objtype *t, u16 op, u8 del,
			      u32 first)
{
	u32 max = mcnic_batch_max(t->size), k;
	struct mcnic_dbatch *b;

	while (first < p->n_ops) {
		k = p->n_ops - first < max ? p->n_ops - first : max;
		if (p->n_b == p->cap_b) {
			u32 cap = p->cap_b ? 2 * p->cap_b : 32;

			b = realloc(p->b, cap * sizeof(*b));
			if (!b)
				return -ENOMEM;
			p->b = b;
			p->cap_b = cap;
		}
		b = &p->b[p->n_b++];
		b->t = t;
		b->op = op;
		b->del = del;
		b->first = first;
		b->n = k;
		first += k;
	}
	return 0;
}

/* want[i] vs its partner: 0 same, 1 changed, -1 new (or a duplicate). */
static int mcnic_state_of(const struct mcnic_objtype *t,
			  const struct mcnic_objs *w,
			  const struct mcnic_objs *h,
			  const struct mcnic_match *m, u32 i)
{
	if (m->wdup[i])
		return 0;
	if (m->w2h[i] < 0)
		return -1;
	return memcmp(w->e + (size_t)i * t->size,
		      h->e + (size_t)m->w2h[i] * t->size, t->size) != 0;
}

static const struct mcnic_cfg_loc *mcnic_loc(const struct mcnic_objs *w,
					     u32 i)
{
	return w->loc ? &w->loc[i] : NULL;
}

/* A changed object the device cannot change in place: remove it first. */
static int mcnic_diff_readd(struct mcnic_plan *p, const struct mcnic_objtype *t,
			    const struct mcnic_match *m)
{
	const struct mcnic_objs *w = &p->want.o[t->obj];
	const struct mcnic_objs *h = &p->have.o[t->obj];
	u32 first = p->n_ops, i;
	int r = 0;

	for (i = 0; i < w->n && !r; i++)
		if (mcnic_state_of(t, w, h, m, i) == 1)
			r = mcnic_push_op(p, h->e + (size_t)m->w2h[i] * t->size,
					  w->e + (size_t)i * t->size,
					  mcnic_loc(w, i), MCNIC_CHANGE_MODIFY);
	return r ? r : mcnic_push_batches(p, t, t->del_op, 1, first);
}

static int mcnic_diff_adds(struct mcnic_plan *p, const struct mcnic_objtype *t,
			   const struct mcnic_match *m)
{
	const struct mcnic_objs *w = &p->want.o[t->obj];
	const struct mcnic_objs *h = &p->have.o[t->obj];
	const u8 *old;
	u32 first, i;
	int r = 0, s;

	if (!t->replace && t->del_op)
		r = mcnic_diff_readd(p, t, m);
	first = p->n_ops;
	for (i = 0; i < w->n && !r; i++) {
		s = mcnic_state_of(t, w, h, m, i);
		if (!s)
			continue;
		old = s > 0 ? h->e + (size_t)m->w2h[i] * t->size : NULL;
		r = mcnic_push_op(p, old, w->e + (size_t)i * t->size,
				  mcnic_loc(w, i), old ? MCNIC_CHANGE_MODIFY :
				  MCNIC_CHANGE_ADD);
	}
	return r ? r : mcnic_push_batches(p, t, t->set_op, 0, first);
}

static int mcnic_diff_removes(struct mcnic_plan *p,
			      const struct mcnic_objtype *t,
			      const struct mcnic_match *m)
{
	const struct mcnic_objs *h = &p->have.o[t->obj];
	u32 first = p->n_ops, j;
	int r = 0;

	if (!t->del_op)
		return 0;
	for (j = 0; j < h->n && !r; j++)
		if (!m->hmatched[j])
			r = mcnic_push_op(p, h->e + (size_t)j * t->size, NULL,
					  NULL, MCNIC_CHANGE_REMOVE);
	return r ? r : mcnic_push_batches(p, t, t->del_op, 1, first);
}

int mcnic_diff(struct mcnic_plan *p)
{
	struct mcnic_match m[MCNIC_OBJ_MAX + 1];
	unsigned int i;
	const struct mcnic_objtype *t;
	int r = 0;

	memset(m, 0, sizeof(m));
	for (i = 0; i < mcnic_state_n_order && !r; i++) {
		t = mcnic_objtype(mcnic_state_order[i]);
		r = mcnic_match(t, &p->want.o[t->obj], &p->have.o[t->obj],
				&m[t->obj]);
		if (!r)
			r = mcnic_diff_adds(p, t, &m[t->obj]);
	}
	for (i = mcnic_state_n_order; i-- > 0 && !r;) {
		t = mcnic_objtype(mcnic_state_order[i]);
		r = mcnic_diff_removes(p, t, &m[t->obj]);
	}
	for (i = 0; i <= MCNIC_OBJ_MAX; i++)
		mcnic_match_free(&m[i]);
	return r;
}

void mcnic_diff_free(struct mcnic_plan *p)
{
	free(p->ops);
	free(p->b);
	p->ops = NULL;
	p->b = NULL;
	p->n_ops = p->cap_ops = p->n_b = p->cap_b = 0;
}
