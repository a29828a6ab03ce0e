// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * What the NIC accepts: VNIs and the VRF each maps to, and per VNI the
 * remote VTEPs (peers) allowed to send it.
 */
#include <stddef.h>

#include "dp/pipe.h"	/* MCNIC_VRF_ID_MAX */
#include "mcnic_priv.h"

static const struct mcnic_field mcnic_vni_fields[] = {
	{ MCNIC_FLD("vni", MCNIC_F_U32, MCNIC_FF_KEY,
		    offsetof(struct mcnic_cmd_vni, vni)) },
	{ MCNIC_FLD("vrf", MCNIC_F_U16, 0, offsetof(struct mcnic_cmd_vni, vrf)),
	  .max = MCNIC_VRF_ID_MAX },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_vni = {
	.name = "vni",
	.obj = MCNIC_OBJ_VNI,
	.size = sizeof(struct mcnic_cmd_vni),
	.set_op = MCNIC_CMD_VNI_SET,
	.del_op = MCNIC_CMD_VNI_DEL,
	.replace = 1,
	.fields = mcnic_vni_fields,
};

static const struct mcnic_field mcnic_peer_fields[] = {
	{ MCNIC_FLD("vni", MCNIC_F_U32, MCNIC_FF_KEY,
		    offsetof(struct mcnic_cmd_peer, vni)) },
	{ MCNIC_FLD("addr", MCNIC_F_ADDR, MCNIC_FF_KEY,
		    offsetof(struct mcnic_cmd_peer, addr)),
	  .aux = offsetof(struct mcnic_cmd_peer, family) },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_peer = {
	.name = "peer",
	.obj = MCNIC_OBJ_PEER,
	.size = sizeof(struct mcnic_cmd_peer),
	.set_op = MCNIC_CMD_PEER_ADD,
	.del_op = MCNIC_CMD_PEER_DEL,
	.fields = mcnic_peer_fields,
};

int mcnic_vni_set(struct mcnic *h, const struct mcnic_cmd_vni *e,
		  unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_VNI_SET, e, sizeof(*e), n);
}

int mcnic_vni_del(struct mcnic *h, const struct mcnic_cmd_vni *e,
		  unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_VNI_DEL, e, sizeof(*e), n);
}

int mcnic_vni_dump(struct mcnic *h, struct mcnic_cmd_vni **e, unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_VNI, sizeof(**e),
			  (void **)e, n);
}

int mcnic_peer_add(struct mcnic *h, const struct mcnic_cmd_peer *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_PEER_ADD, e, sizeof(*e), n);
}

int mcnic_peer_del(struct mcnic *h, const struct mcnic_cmd_peer *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_PEER_DEL, e, sizeof(*e), n);
}

int mcnic_peer_dump(struct mcnic *h, struct mcnic_cmd_peer **e,
		    unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_PEER, sizeof(**e),
			  (void **)e, n);
}
