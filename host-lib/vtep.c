// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Local tunnel endpoints: every field is the identity. */
#include <stddef.h>

#include "mcnic_priv.h"

#define VTEP_OFF(f)	offsetof(struct mcnic_cmd_vtep, f)

static const char *const mcnic_tun_types[] = {
	"none", "vxlan", "geneve", "gre", "esp", NULL
};

static const struct mcnic_field mcnic_vtep_fields[] = {
	{ MCNIC_FLD("addr", MCNIC_F_ADDR, MCNIC_FF_KEY, VTEP_OFF(addr)),
	  .aux = VTEP_OFF(family) },
	{ MCNIC_FLD("type", MCNIC_F_ENUM, MCNIC_FF_KEY, VTEP_OFF(type)),
	  .names = mcnic_tun_types },
	{ MCNIC_FLD("port", MCNIC_F_U16, MCNIC_FF_KEY, VTEP_OFF(udp_port)) },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_vtep = {
	.name = "vtep",
	.obj = MCNIC_OBJ_VTEP,
	.size = sizeof(struct mcnic_cmd_vtep),
	.set_op = MCNIC_CMD_VTEP_ADD,
	.del_op = MCNIC_CMD_VTEP_DEL,
	.fields = mcnic_vtep_fields,
};

int mcnic_vtep_add(struct mcnic *h, const struct mcnic_cmd_vtep *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_VTEP_ADD, e, sizeof(*e), n);
}

int mcnic_vtep_del(struct mcnic *h, const struct mcnic_cmd_vtep *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_VTEP_DEL, e, sizeof(*e), n);
}

int mcnic_vtep_dump(struct mcnic *h, struct mcnic_cmd_vtep **e,
		    unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_VTEP, sizeof(**e),
			  (void **)e, n);
}
