// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Next hops (NH_SET, NH_DEL, DUMP of MCNIC_OBJ_NH). */
#include "cmd_priv.h"

static int mcnic_tbl_nh_fail(struct mcnic_cmd_err *err, int status,
			     const char *field, s64 v, const char *what)
{
	return mcnic_cmd_fail(err, status, "nh", field, MCNIC_CMD_NOSUB, v,
			      what);
}

static int mcnic_tbl_nh_check_key(struct mcnic_fw *fw, const void *e,
				  struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_nh *c = e;

	if (c->idx >= fw->lim.nexthops)
		return mcnic_tbl_nh_fail(err, -MCNIC_ERANGE, "idx", c->idx,
					 "beyond the table");
	return 0;
}

static int mcnic_tbl_nh_check_port(struct mcnic_fw *fw,
				   const struct mcnic_nexthop *nh,
				   struct mcnic_cmd_err *err)
{
	u8 want = mcnic_pipe_nh_port_kind(nh->kind);

	if (nh->port >= fw->lim.ports ||
	    fw->pipe.port[nh->port].cfg.kind != want)
		return mcnic_tbl_nh_fail(err, -MCNIC_EINVAL, "port", nh->port,
					 want == MCNIC_PORTK_UPLINK ?
					 "not an uplink" : "not a vport");
	return 0;
}

static int mcnic_tbl_nh_check(struct mcnic_fw *fw, const void *e,
			      struct mcnic_cmd_err *err)
{
	const struct mcnic_nexthop *nh = &((const struct mcnic_cmd_nh *)e)->nh;
	int r = mcnic_tbl_nh_check_key(fw, e, err);

	if (r)
		return r;
	if (nh->kind != MCNIC_NH_TUNNEL && nh->kind != MCNIC_NH_VPORT)
		return mcnic_tbl_nh_fail(err, -MCNIC_EINVAL, "kind", nh->kind,
					 "must be 1 (tunnel) or 2 (vport)");
	if (nh->flags & ~MCNIC_NHF_DOWN)
		return mcnic_tbl_nh_fail(err, -MCNIC_EINVAL, "flags",
					 nh->flags, "only 1 (down) defined");
	r = mcnic_tbl_nh_check_port(fw, nh, err);
	if (r)
		return r;
	if (nh->kind == MCNIC_NH_VPORT && nh->tmpl)
		return mcnic_tbl_nh_fail(err, -MCNIC_EINVAL, "tmpl", nh->tmpl,
					 "a vport next hop has none");
	if (nh->kind == MCNIC_NH_TUNNEL &&
	    !mcnic_pipe_tmpl_exists(&fw->pipe, nh->tmpl))
		return mcnic_tbl_nh_fail(err, -MCNIC_ENOENT, "tmpl", nh->tmpl,
					 "no such template");
	return 0;
}

static int mcnic_tbl_nh_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_nh *c = e;
	struct mcnic_cmd_nh *o = out;

	if (!mcnic_pipe_nh_exists(&fw->pipe, c->idx))
		return -MCNIC_ENOENT;
	o->idx = c->idx;
	o->nh = fw->pipe.nh[c->idx];
	return 0;
}

static int mcnic_tbl_nh_set(struct mcnic_fw *fw, const void *e,
			    const char **why)
{
	const struct mcnic_cmd_nh *c = e;

	return mcnic_pipe_nh_set(&fw->pipe, c->idx, &c->nh, why);
}

static int mcnic_tbl_nh_del(struct mcnic_fw *fw, const void *e,
			    const char **why)
{
	return mcnic_pipe_nh_del(&fw->pipe,
				 ((const struct mcnic_cmd_nh *)e)->idx, why);
}

static int mcnic_tbl_nh_can_del(struct mcnic_fw *fw, const void *e,
				const char **why)
{
	return mcnic_pipe_nh_can_del(&fw->pipe,
				     ((const struct mcnic_cmd_nh *)e)->idx, why);
}

static int mcnic_tbl_nh_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	struct mcnic_cmd_nh *o = out;
	u32 i;

	for (i = *pos; i < fw->lim.nexthops; i++) {
		if (fw->pipe.nh[i].kind != MCNIC_NH_NONE) {
			o->idx = i;
			o->nh = fw->pipe.nh[i];
			*pos = i + 1;
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

static s64 mcnic_tbl_nh_key(const void *e)
{
	return ((const struct mcnic_cmd_nh *)e)->idx;
}

const struct mcnic_tbl_ops mcnic_tbl_nh = {
	.name = "nh",
	.size = sizeof(struct mcnic_cmd_nh),
	.check = mcnic_tbl_nh_check,
	.check_key = mcnic_tbl_nh_check_key,
	.get = mcnic_tbl_nh_get,
	.set = mcnic_tbl_nh_set,
	.del = mcnic_tbl_nh_del,
	.can_del = mcnic_tbl_nh_can_del,
	.next = mcnic_tbl_nh_next,
	.key_name = "idx",
	.key = mcnic_tbl_nh_key,
};

/*
 * NH_STATE: only idx and nh.flags (DOWN) count.  Undo sets the saved
 * entry back through the same path, so only its flags are restored.
 */
static int mcnic_tbl_nh_state_check(struct mcnic_fw *fw, const void *e,
				    struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_nh *c = e;
	union mcnic_cmd_entry old;
	int r = mcnic_tbl_nh_check_key(fw, e, err);

	if (r)
		return r;
	if (mcnic_tbl_nh_get(fw, e, &old))
		return mcnic_tbl_nh_fail(err, -MCNIC_ENOENT, "idx", c->idx,
					 "no such next hop");
	if (c->nh.flags & ~MCNIC_NHF_DOWN)
		return mcnic_tbl_nh_fail(err, -MCNIC_EINVAL, "flags",
					 c->nh.flags, "only 1 (down) defined");
	return 0;
}

static int mcnic_tbl_nh_state_set(struct mcnic_fw *fw, const void *e,
				  const char **why)
{
	const struct mcnic_cmd_nh *c = e;

	return mcnic_pipe_nh_state(&fw->pipe, c->idx,
				   c->nh.flags & MCNIC_NHF_DOWN);
}

const struct mcnic_tbl_ops mcnic_tbl_nh_state = {
	.name = "nh",
	.size = sizeof(struct mcnic_cmd_nh),
	.check = mcnic_tbl_nh_state_check,
	.get = mcnic_tbl_nh_get,
	.set = mcnic_tbl_nh_state_set,
	.key_name = "idx",
	.key = mcnic_tbl_nh_key,
};
