// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * DUMP and STATS: as many entries as fit the answer (or the request's
 * max), from the cursor on.  A cursor is a position in the object's table
 * (an index, a hash slot); the answer's next is the position after the
 * last entry sent, or 0 once nothing follows.  Entries changed between two
 * requests of a dump may be missed or sent twice; the others are sent once.
 */
#include "cmd_priv.h"

static const struct mcnic_tbl_ops *const mcnic_dump_objs[] = {
	[MCNIC_OBJ_PORT] = &mcnic_tbl_port,
	[MCNIC_OBJ_VRF] = &mcnic_tbl_vrf,
	[MCNIC_OBJ_VTEP] = &mcnic_tbl_vtep,
	[MCNIC_OBJ_VNI] = &mcnic_tbl_vni,
	[MCNIC_OBJ_PEER] = &mcnic_tbl_peer,
	[MCNIC_OBJ_TMPL] = &mcnic_tbl_tmpl,
	[MCNIC_OBJ_NH] = &mcnic_tbl_nh,
	[MCNIC_OBJ_NHG] = &mcnic_tbl_nhg,
	[MCNIC_OBJ_ROUTE] = &mcnic_tbl_route,
	[MCNIC_OBJ_RULE] = &mcnic_tbl_rule,
	[MCNIC_OBJ_FLOW] = &mcnic_tbl_flow,
	[MCNIC_OBJ_DROP] = &mcnic_tbl_drop,
	[MCNIC_OBJ_PARSE] = &mcnic_tbl_parse,
};

#define MCNIC_DUMP_OBJS	(sizeof(mcnic_dump_objs) / sizeof(mcnic_dump_objs[0]))

static int mcnic_dump_next(struct mcnic_fw *fw,
			   const struct mcnic_tbl_ops *ops, int stats,
			   u32 *pos, union mcnic_cmd_entry *e)
{
	return stats ? ops->ctr_next(fw, pos, &e->ctr) :
		       ops->next(fw, pos, e);
}

int mcnic_cmd_dump(struct mcnic_fw *fw, const struct mcnic_cmd_dump *d,
		   int stats, struct mcnic_cmd_ans *a,
		   struct mcnic_cmd_err *err)
{
	const struct mcnic_tbl_ops *ops = NULL;
	struct mcnic_cmd_dump_resp r = { 0 };
	union mcnic_cmd_entry e;
	u32 size, fit, pos = d->cursor, peek;

	if (d->obj < MCNIC_DUMP_OBJS)
		ops = mcnic_dump_objs[d->obj];
	if (!ops)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "dump", "obj",
				      MCNIC_CMD_NOSUB, d->obj,
				      "no such object");
	if (stats ? !ops->ctr_next : !ops->next)
		return mcnic_cmd_fail(err, -MCNIC_EOPNOTSUPP, "dump", "obj",
				      MCNIC_CMD_NOSUB, d->obj, stats ?
				      "has no counters" : "STATS only");
	size = stats ? sizeof(struct mcnic_cmd_ctr) : ops->size;
	if (a->room < sizeof(r) + size)
		return mcnic_cmd_fail(err, -MCNIC_E2BIG, "resp_max", NULL,
				      MCNIC_CMD_NOSUB, MCNIC_CMD_NOVAL,
				      "no room for one entry");
	fit = (a->room - sizeof(r)) / size;
	if (d->max && d->max < fit)
		fit = d->max;
	while (a->count < fit && !mcnic_dump_next(fw, ops, stats, &pos, &e)) {
		__builtin_memcpy(a->payload + sizeof(r) + a->count * size, &e,
				 size);
		a->count++;
	}
	peek = pos;
	if (a->count == fit && !mcnic_dump_next(fw, ops, stats, &peek, &e))
		r.next = pos;
	__builtin_memcpy(a->payload, &r, sizeof(r));
	a->len = sizeof(r) + a->count * size;
	return 0;
}
