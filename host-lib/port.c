// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Ports and the parser's tunnel settings: the device-wide objects.  A port
 * is never deleted, only set back to kind "none".
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dp/pipe.h"	/* MCNIC_VRF_ID_MAX */
#include "mcnic_priv.h"

#define PORT_OFF(f)	offsetof(struct mcnic_cmd_port, f)
#define PARSE_OFF(f)	offsetof(struct mcnic_parse_cfg, f)

static const char *const mcnic_port_kinds[] = {
	"none", "uplink", "vport", NULL
};

static const struct mcnic_field mcnic_port_fields[] = {
	{ MCNIC_FLD("id", MCNIC_F_U16, MCNIC_FF_KEY, PORT_OFF(id)) },
	{ MCNIC_FLD("kind", MCNIC_F_ENUM, 0, PORT_OFF(kind)),
	  .names = mcnic_port_kinds },
	{ MCNIC_FLD("up", MCNIC_F_U8, 0, PORT_OFF(up)), .max = 1 },
	{ MCNIC_FLD("mtu", MCNIC_F_U16, 0, PORT_OFF(mtu)) },
	{ MCNIC_FLD("mac", MCNIC_F_MAC, MCNIC_FF_OPT, PORT_OFF(mac)) },
	{ MCNIC_FLD("vrf", MCNIC_F_U16, MCNIC_FF_OPT, PORT_OFF(vrf)),
	  .max = MCNIC_VRF_ID_MAX },
	{ MCNIC_FLD("segment", MCNIC_F_U16, MCNIC_FF_OPT, PORT_OFF(segment)) },
	{ MCNIC_FLD("queues", MCNIC_F_U16, MCNIC_FF_OPT, PORT_OFF(queues)) },
	{ NULL }
};

static void mcnic_port_del_entry(void *out, const void *e)
{
	const struct mcnic_cmd_port *p = e;
	struct mcnic_cmd_port *d = out;

	memset(d, 0, sizeof(*d));
	d->id = p->id;
	d->kind = MCNIC_CMD_PORT_NONE;
}

static void mcnic_port_defaults(void *e)
{
	struct mcnic_cmd_port *p = e;

	p->up = 1;
	p->mtu = 1500;
}

const struct mcnic_objtype mcnic_objtype_port = {
	.name = "port",
	.obj = MCNIC_OBJ_PORT,
	.size = sizeof(struct mcnic_cmd_port),
	.set_op = MCNIC_CMD_PORT_SET,
	.del_op = MCNIC_CMD_PORT_SET,
	.replace = 1,
	.del_entry = mcnic_port_del_entry,
	.defaults = mcnic_port_defaults,
	.fields = mcnic_port_fields,
};

static const struct mcnic_field mcnic_parse_fields[] = {
	{ MCNIC_FLD("vxlan-port", MCNIC_F_U16, MCNIC_FF_OPT,
		    PARSE_OFF(vxlan_port)) },
	{ MCNIC_FLD("vxlan-port2", MCNIC_F_U16, MCNIC_FF_OPT,
		    PARSE_OFF(vxlan_port) + 2) },
	{ MCNIC_FLD("vxlan-port3", MCNIC_F_U16, MCNIC_FF_OPT,
		    PARSE_OFF(vxlan_port) + 4) },
	{ MCNIC_FLD("vxlan-port4", MCNIC_F_U16, MCNIC_FF_OPT,
		    PARSE_OFF(vxlan_port) + 6) },
	{ MCNIC_FLD("geneve-port", MCNIC_F_U16, MCNIC_FF_OPT,
		    PARSE_OFF(geneve_port)) },
	{ MCNIC_FLD("espinudp-port", MCNIC_F_U16, MCNIC_FF_OPT,
		    PARSE_OFF(espinudp_port)) },
	{ MCNIC_FLD("gbp", MCNIC_F_FLAG, 0, PARSE_OFF(vxlan_gbp)), .size = 1,
	  .max = 1 },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_parse = {
	.name = "parse",
	.obj = MCNIC_OBJ_PARSE,
	.size = sizeof(struct mcnic_parse_cfg),
	.set_op = MCNIC_CMD_PARSE_SET,
	.replace = 1,
	.fields = mcnic_parse_fields,
};

int mcnic_port_set(struct mcnic *h, const struct mcnic_cmd_port *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_PORT_SET, e, sizeof(*e), n);
}

int mcnic_port_dump(struct mcnic *h, struct mcnic_cmd_port **e,
		    unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_PORT, sizeof(**e),
			  (void **)e, n);
}

int mcnic_parse_set(struct mcnic *h, const struct mcnic_parse_cfg *c)
{
	return mcnic_batch(h, MCNIC_CMD_PARSE_SET, c, sizeof(*c), 1);
}

int mcnic_parse_get(struct mcnic *h, struct mcnic_parse_cfg *c)
{
	struct mcnic_parse_cfg *e;
	unsigned int n;
	int r;

	r = mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_PARSE, sizeof(*e),
		       (void **)&e, &n);
	if (r)
		return r;
	if (n == 1)
		*c = *e;
	free(e);
	return n == 1 ? 0 : mcnic_err(h, -EPROTO,
				      "DUMP parse: %u entries, expected 1", n);
}
