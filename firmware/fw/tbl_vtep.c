// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Local tunnel endpoints (VTEP_ADD, VTEP_DEL, DUMP of MCNIC_OBJ_VTEP).  The
 * whole entry is the key; adding one that exists changes nothing.
 */
#include "cmd_priv.h"

static int mcnic_tbl_vtep_check(struct mcnic_fw *fw, const void *e,
				struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_vtep *v = e;
	int r = mcnic_tbl_check_addr("vtep", v->family, v->addr, err);

	if (r)
		return r;
	if (!mcnic_vtep_type_valid(v->type))
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "vtep", "type",
				      MCNIC_CMD_NOSUB, v->type,
				      "must be vxlan, geneve or gre");
	if (!mcnic_vtep_port_valid(v->type, v->udp_port))
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "vtep", "udp_port",
				      MCNIC_CMD_NOSUB, v->udp_port,
				      v->udp_port ? "gre has no port" :
						    "must be set");
	return 0;
}

static void mcnic_tbl_vtep_from(struct mcnic_vtep *v,
				const struct mcnic_cmd_vtep *c)
{
	v->family = c->family;
	v->type = c->type;
	v->udp_port = c->udp_port;
	__builtin_memcpy(v->addr, c->addr, 16);
}

static void mcnic_tbl_vtep_to(struct mcnic_cmd_vtep *c,
			      const struct mcnic_vtep *v)
{
	c->family = v->family;
	c->type = v->type;
	c->udp_port = v->udp_port;
	__builtin_memcpy(c->addr, v->addr, 16);
}

static int mcnic_tbl_vtep_get(struct mcnic_fw *fw, const void *e, void *out)
{
	struct mcnic_vtep v;
	unsigned int i;

	mcnic_tbl_vtep_from(&v, e);
	for (i = 0; i < MCNIC_VTEPS_MAX; i++) {
		if (fw->pipe.vtep[i].family &&
		    !__builtin_memcmp(&fw->pipe.vtep[i], &v, sizeof(v))) {
			mcnic_tbl_vtep_to(out, &v);
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

static int mcnic_tbl_vtep_set(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	struct mcnic_cmd_vtep old;
	struct mcnic_vtep v;

	if (!mcnic_tbl_vtep_get(fw, e, &old))
		return 0;
	mcnic_tbl_vtep_from(&v, e);
	return mcnic_pipe_vtep_add(&fw->pipe, &v, why);
}

static int mcnic_tbl_vtep_del(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	struct mcnic_vtep v;

	mcnic_tbl_vtep_from(&v, e);
	return mcnic_pipe_vtep_del(&fw->pipe, &v);
}

static int mcnic_tbl_vtep_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	u32 i;

	for (i = *pos; i < MCNIC_VTEPS_MAX; i++) {
		if (fw->pipe.vtep[i].family) {
			mcnic_tbl_vtep_to(out, &fw->pipe.vtep[i]);
			*pos = i + 1;
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

const struct mcnic_tbl_ops mcnic_tbl_vtep = {
	.name = "vtep",
	.size = sizeof(struct mcnic_cmd_vtep),
	.check = mcnic_tbl_vtep_check,
	.check_key = mcnic_tbl_vtep_check,
	.get = mcnic_tbl_vtep_get,
	.set = mcnic_tbl_vtep_set,
	.del = mcnic_tbl_vtep_del,
	.next = mcnic_tbl_vtep_next,
};
