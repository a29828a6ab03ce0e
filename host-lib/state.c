// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * A device's objects, every table as mailbox entries: read from a device
 * with DUMP, or planned from a config (plan.c).  The diff compares two.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcnic_priv.h"

/* Dependencies first: what an entry names exists before it is added. */
const u16 mcnic_state_order[] = {
#define MCNIC_STATE_OBJ(obj, op, type) MCNIC_OBJ_##obj,
	MCNIC_OBJ_RESTORE_LIST(MCNIC_STATE_OBJ)
#undef MCNIC_STATE_OBJ
};
const unsigned int mcnic_state_n_order =
	sizeof(mcnic_state_order) / sizeof(mcnic_state_order[0]);

static int mcnic_objs_grow(struct mcnic_objs *o, size_t size, int with_loc)
{
	u32 cap = o->cap ? 2 * o->cap : 16;
	struct mcnic_cfg_loc *l;
	u8 *e;

	e = realloc(o->e, (size_t)cap * size);
	if (!e)
		return -ENOMEM;
	o->e = e;
	if (with_loc) {
		l = realloc(o->loc, cap * sizeof(*l));
		if (!l)
			return -ENOMEM;
		o->loc = l;
	}
	o->cap = cap;
	return 0;
}

void *mcnic_state_push(struct mcnic_state *st, u16 obj,
		       const struct mcnic_cfg_loc *loc)
{
	size_t size = mcnic_objtype(obj)->size;
	struct mcnic_objs *o = &st->o[obj];
	u8 *e;

	if (o->n == o->cap && mcnic_objs_grow(o, size, loc != NULL))
		return NULL;
	e = o->e + (size_t)o->n * size;
	memset(e, 0, size);
	if (loc && o->loc)
		o->loc[o->n] = *loc;
	o->n++;
	return e;
}

const void *mcnic_state_entry(const struct mcnic_state *st, u16 obj, u32 i)
{
	return st->o[obj].e + (size_t)i * mcnic_objtype(obj)->size;
}

void mcnic_state_free(struct mcnic_state *st)
{
	unsigned int i;

	for (i = 0; i <= MCNIC_OBJ_MAX; i++) {
		free(st->o[i].e);
		free(st->o[i].loc);
	}
	memset(st, 0, sizeof(*st));
}

/* Ports of kind none are unused: not objects anyone configured. */
static void mcnic_state_drop_unused_ports(struct mcnic_objs *o)
{
	struct mcnic_cmd_port *p = (void *)o->e;
	u32 i, k = 0;

	for (i = 0; i < o->n; i++)
		if (p[i].kind != MCNIC_CMD_PORT_NONE)
			p[k++] = p[i];
	o->n = k;
}

int mcnic_state_read(struct mcnic *h, struct mcnic_state *st)
{
	unsigned int i, n;
	void *e;
	u16 obj;
	int r;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < mcnic_state_n_order; i++) {
		obj = mcnic_state_order[i];
		r = mcnic_dump(h, MCNIC_CMD_DUMP, obj, mcnic_objtype(obj)->size,
			       &e, &n);
		if (r) {
			mcnic_state_free(st);
			return r;
		}
		st->o[obj].e = e;
		st->o[obj].n = n;
		st->o[obj].cap = n;
		if (obj == MCNIC_OBJ_PORT)
			mcnic_state_drop_unused_ports(&st->o[obj]);
	}
	return 0;
}
