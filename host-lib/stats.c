// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Counters: per port, peer, template, counted rule and drop reason. */
#include <errno.h>

#include "mcnic_priv.h"
#include "dp/dp.h"

/* The data plane's names (dp/drop.c), exported under the library's. */
const char *mcnic_drop_reason_name(unsigned int reason)
{
	return mcnic_drop_name(reason);
}

const char *mcnic_drop_reason_sym(unsigned int reason)
{
	return mcnic_drop_sym(reason);
}

int mcnic_stats(struct mcnic *h, unsigned int obj, struct mcnic_cmd_ctr **c,
		unsigned int *n)
{
	if (obj != MCNIC_OBJ_PORT && obj != MCNIC_OBJ_PEER &&
	    obj != MCNIC_OBJ_TMPL && obj != MCNIC_OBJ_RULE &&
	    obj != MCNIC_OBJ_DROP)
		return mcnic_err(h, -EINVAL, "%s: has no counters",
				 mcnic_obj_name(obj));
	return mcnic_dump(h, MCNIC_CMD_STATS, obj, sizeof(**c), (void **)c, n);
}

static const char *const mcnic_table_names[MCNIC_CMD_TBL_COUNT] = {
	[MCNIC_CMD_TBL_FLOWS] = "flows",
	[MCNIC_CMD_TBL_ROUTES] = "routes",
	[MCNIC_CMD_TBL_RULES] = "rules",
	[MCNIC_CMD_TBL_VRFS] = "vrfs",
	[MCNIC_CMD_TBL_VNIS] = "vnis",
	[MCNIC_CMD_TBL_PEERS] = "peers",
	[MCNIC_CMD_TBL_TMPLS] = "templates",
	[MCNIC_CMD_TBL_NEXTHOPS] = "next-hops",
	[MCNIC_CMD_TBL_NHGS] = "groups",
};

const char *mcnic_table_name(unsigned int tbl)
{
	return tbl < MCNIC_CMD_TBL_COUNT ? mcnic_table_names[tbl] : NULL;
}
