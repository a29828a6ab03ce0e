// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Next-hop groups: weighted members and ordered backups.  The firmware
 * derives the hash slots, so only the members travel.
 */
#include <stddef.h>

#include "mcnic_priv.h"

#define NHG_OFF(f)	offsetof(struct mcnic_cmd_nhg, f)

static const struct mcnic_field mcnic_nhg_fields[] = {
	{ MCNIC_FLD("index", MCNIC_F_U32, MCNIC_FF_KEY, NHG_OFF(idx)) },
	{ MCNIC_FLD("members", MCNIC_F_NH_LIST, 0, NHG_OFF(member)),
	  .size = MCNIC_NHG_MEMBERS_MAX, .aux = NHG_OFF(weight),
	  .aux2 = NHG_OFF(n_members) },
	{ MCNIC_FLD("backups", MCNIC_F_NH_LIST, MCNIC_FF_OPT, NHG_OFF(backup)),
	  .size = MCNIC_NHG_BACKUPS_MAX, .aux2 = NHG_OFF(n_backups) },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_nhg = {
	.name = "group",
	.obj = MCNIC_OBJ_NHG,
	.size = sizeof(struct mcnic_cmd_nhg),
	.set_op = MCNIC_CMD_NHG_SET,
	.del_op = MCNIC_CMD_NHG_DEL,
	.replace = 1,
	.fields = mcnic_nhg_fields,
};

int mcnic_nhg_set(struct mcnic *h, const struct mcnic_cmd_nhg *e,
		  unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_NHG_SET, e, sizeof(*e), n);
}

int mcnic_nhg_del(struct mcnic *h, const struct mcnic_cmd_nhg *e,
		  unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_NHG_DEL, e, sizeof(*e), n);
}

int mcnic_nhg_dump(struct mcnic *h, struct mcnic_cmd_nhg **e, unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_NHG, sizeof(**e),
			  (void **)e, n);
}
