// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Routes: a prefix in a VRF to a next-hop group, or a blackhole. */
#include <stddef.h>

#include "dp/pipe.h"	/* MCNIC_VRF_ID_MAX */
#include "mcnic_priv.h"

#define RT_OFF(f)	offsetof(struct mcnic_cmd_route, f)

static const struct mcnic_field mcnic_route_fields[] = {
	{ MCNIC_FLD("vrf", MCNIC_F_U16, MCNIC_FF_KEY, RT_OFF(vrf)),
	  .max = MCNIC_VRF_ID_MAX },
	{ MCNIC_FLD("prefix", MCNIC_F_PREFIX, MCNIC_FF_KEY, RT_OFF(prefix)),
	  .aux = RT_OFF(family), .aux2 = RT_OFF(len) },
	{ MCNIC_FLD("group", MCNIC_F_U32, 0, RT_OFF(route.nhg)) },
	{ MCNIC_FLD("blackhole", MCNIC_F_FLAG, 0, RT_OFF(route.kind)),
	  .size = 1, .max = MCNIC_ROUTE_BLACKHOLE },
	{ MCNIC_FLD("segment", MCNIC_F_U16, MCNIC_FF_OPT,
		    RT_OFF(route.segment)) },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_route = {
	.name = "route",
	.obj = MCNIC_OBJ_ROUTE,
	.size = sizeof(struct mcnic_cmd_route),
	.set_op = MCNIC_CMD_ROUTE_ADD,
	.del_op = MCNIC_CMD_ROUTE_DEL,
	.replace = 1,
	.fields = mcnic_route_fields,
};

int mcnic_route_add(struct mcnic *h, const struct mcnic_cmd_route *e,
		    unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_ROUTE_ADD, e, sizeof(*e), n);
}

int mcnic_route_del(struct mcnic *h, const struct mcnic_cmd_route *e,
		    unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_ROUTE_DEL, e, sizeof(*e), n);
}

int mcnic_route_dump(struct mcnic *h, struct mcnic_cmd_route **e,
		     unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_ROUTE, sizeof(**e),
			  (void **)e, n);
}
