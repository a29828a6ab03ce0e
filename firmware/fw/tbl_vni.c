// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * VNI to VRF (VNI_SET, VNI_DEL, DUMP of MCNIC_OBJ_VNI).  A vni takes all 32
 * bits, not only MCNIC_VNI_MAX's 24: a keyed GRE packet's key is looked up
 * here too (dp/pipe_rx.c), and may be any 32-bit value.
 */
#include "cmd_priv.h"

static int mcnic_tbl_vni_check(struct mcnic_fw *fw, const void *e,
			       struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_vni *v = e;

	if (!mcnic_pipe_vrf_exists(&fw->pipe, v->vrf))
		return mcnic_cmd_fail(err, -MCNIC_ENOENT, "vni", "vrf",
				      MCNIC_CMD_NOSUB, v->vrf, "no such vrf");
	return mcnic_tbl_check_zero("vni", "pad", &v->pad, sizeof(v->pad),
				    err);
}

static int mcnic_tbl_vni_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_vni *v = e;
	struct mcnic_cmd_vni *o = out;
	struct mcnic_kvmap_key k;
	u32 vrf;

	mcnic_pipe_vni_key(&k, v->vni);
	if (mcnic_kvmap_get(&fw->pipe.vnis, &k, &vrf))
		return -MCNIC_ENOENT;
	o->vni = v->vni;
	o->vrf = vrf;
	o->pad = 0;
	return 0;
}

static int mcnic_tbl_vni_set(struct mcnic_fw *fw, const void *e,
			     const char **why)
{
	const struct mcnic_cmd_vni *v = e;

	return mcnic_pipe_vni_set(&fw->pipe, v->vni, v->vrf, why);
}

static int mcnic_tbl_vni_del(struct mcnic_fw *fw, const void *e,
			     const char **why)
{
	return mcnic_pipe_vni_del(&fw->pipe,
				  ((const struct mcnic_cmd_vni *)e)->vni);
}

static int mcnic_tbl_vni_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	struct mcnic_cmd_vni *o = out;
	struct mcnic_kvmap_key k;
	u32 vrf;

	if (mcnic_kvmap_next(&fw->pipe.vnis, pos, &k, &vrf))
		return -MCNIC_ENOENT;
	o->vni = k.w[0];
	o->vrf = vrf;
	o->pad = 0;
	return 0;
}

static s64 mcnic_tbl_vni_keyval(const void *e)
{
	return ((const struct mcnic_cmd_vni *)e)->vni;
}

const struct mcnic_tbl_ops mcnic_tbl_vni = {
	.name = "vni",
	.size = sizeof(struct mcnic_cmd_vni),
	.check = mcnic_tbl_vni_check,
	.get = mcnic_tbl_vni_get,
	.set = mcnic_tbl_vni_set,
	.del = mcnic_tbl_vni_del,
	.next = mcnic_tbl_vni_next,
	.key_name = "vni",
	.key = mcnic_tbl_vni_keyval,
};
