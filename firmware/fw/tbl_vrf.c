// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* VRFs (VRF_SET, VRF_DEL, DUMP of MCNIC_OBJ_VRF). */
#include "cmd_priv.h"

static int mcnic_tbl_vrf_check_key(struct mcnic_fw *fw, const void *e,
				   struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_vrf *v = e;

	if (!v->id || v->id > MCNIC_VRF_ID_MAX) {
		mcnic_cmd_fail(err, -MCNIC_ERANGE, "vrf", "id",
			       MCNIC_CMD_NOSUB, v->id, "must be 1..");
		mcnic_cmd_err_num(err, MCNIC_VRF_ID_MAX);
		return -MCNIC_ERANGE;
	}
	return 0;
}

static int mcnic_tbl_vrf_check(struct mcnic_fw *fw, const void *e,
			       struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_vrf *v = e;
	int r = mcnic_tbl_vrf_check_key(fw, e, err);

	if (r)
		return r;
	if (v->default_action > MCNIC_POL_ALLOW)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "vrf",
				      "default_action", MCNIC_CMD_NOSUB,
				      v->default_action,
				      "must be 0 (deny) or 1 (allow)");
	return mcnic_tbl_check_zero("vrf", "pad", &v->pad, 1, err);
}

static void mcnic_tbl_vrf_read(struct mcnic_fw *fw, u16 id,
			       struct mcnic_cmd_vrf *v)
{
	v->id = id;
	v->default_action = fw->pipe.vrf[id].default_action;
	v->pad = 0;
}

static int mcnic_tbl_vrf_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_vrf *v = e;

	if (!mcnic_pipe_vrf_exists(&fw->pipe, v->id))
		return -MCNIC_ENOENT;
	mcnic_tbl_vrf_read(fw, v->id, out);
	return 0;
}

static int mcnic_tbl_vrf_set(struct mcnic_fw *fw, const void *e,
			     const char **why)
{
	const struct mcnic_cmd_vrf *v = e;

	return mcnic_pipe_vrf_set(&fw->pipe, v->id, v->default_action, why);
}

static int mcnic_tbl_vrf_del(struct mcnic_fw *fw, const void *e,
			     const char **why)
{
	return mcnic_pipe_vrf_del(&fw->pipe,
				  ((const struct mcnic_cmd_vrf *)e)->id, why);
}

static int mcnic_tbl_vrf_can_del(struct mcnic_fw *fw, const void *e,
				 const char **why)
{
	return mcnic_pipe_vrf_can_del(&fw->pipe,
				      ((const struct mcnic_cmd_vrf *)e)->id,
				      why);
}

static int mcnic_tbl_vrf_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	u32 i;

	for (i = *pos ? *pos : 1; i <= MCNIC_VRF_ID_MAX; i++) {
		if (fw->pipe.vrf[i].used) {
			mcnic_tbl_vrf_read(fw, i, out);
			*pos = i + 1;
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

static s64 mcnic_tbl_vrf_key(const void *e)
{
	return ((const struct mcnic_cmd_vrf *)e)->id;
}

const struct mcnic_tbl_ops mcnic_tbl_vrf = {
	.name = "vrf",
	.size = sizeof(struct mcnic_cmd_vrf),
	.check = mcnic_tbl_vrf_check,
	.check_key = mcnic_tbl_vrf_check_key,
	.get = mcnic_tbl_vrf_get,
	.set = mcnic_tbl_vrf_set,
	.del = mcnic_tbl_vrf_del,
	.can_del = mcnic_tbl_vrf_can_del,
	.next = mcnic_tbl_vrf_next,
	.key_name = "id",
	.key = mcnic_tbl_vrf_key,
};
