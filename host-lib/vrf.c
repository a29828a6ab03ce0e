// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* VRFs: tenants, each with the policy action no rule overrides. */
#include <stddef.h>

#include "dp/pipe.h"	/* MCNIC_VRF_ID_MAX */
#include "mcnic_priv.h"

static const char *const mcnic_pol_actions[] = { "deny", "allow", NULL };

static const struct mcnic_field mcnic_vrf_fields[] = {
	{ MCNIC_FLD("id", MCNIC_F_U16, MCNIC_FF_KEY,
		    offsetof(struct mcnic_cmd_vrf, id)),
	  .max = MCNIC_VRF_ID_MAX },
	{ MCNIC_FLD("default", MCNIC_F_ENUM, 0,
		    offsetof(struct mcnic_cmd_vrf, default_action)),
	  .names = mcnic_pol_actions },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_vrf = {
	.name = "vrf",
	.obj = MCNIC_OBJ_VRF,
	.size = sizeof(struct mcnic_cmd_vrf),
	.set_op = MCNIC_CMD_VRF_SET,
	.del_op = MCNIC_CMD_VRF_DEL,
	.replace = 1,
	.fields = mcnic_vrf_fields,
};

int mcnic_vrf_set(struct mcnic *h, const struct mcnic_cmd_vrf *e,
		  unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_VRF_SET, e, sizeof(*e), n);
}

int mcnic_vrf_del(struct mcnic *h, const struct mcnic_cmd_vrf *e,
		  unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_VRF_DEL, e, sizeof(*e), n);
}

int mcnic_vrf_dump(struct mcnic *h, struct mcnic_cmd_vrf **e, unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_VRF, sizeof(**e),
			  (void **)e, n);
}
