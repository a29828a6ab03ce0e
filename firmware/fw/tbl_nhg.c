// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Next-hop groups (NHG_SET, NHG_DEL, DUMP of MCNIC_OBJ_NHG).  Slots past
 * n_members and n_backups must be zero, so a dump gives back what was set.
 */
#include "cmd_priv.h"

static int mcnic_tbl_nhg_fail(struct mcnic_cmd_err *err, int status,
			      const char *field, s32 sub, s64 v,
			      const char *what)
{
	return mcnic_cmd_fail(err, status, "nhg", field, sub, v, what);
}

static int mcnic_tbl_nhg_check_key(struct mcnic_fw *fw, const void *e,
				   struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_nhg *c = e;

	if (c->idx >= fw->lim.nhgs)
		return mcnic_tbl_nhg_fail(err, -MCNIC_ERANGE, "idx",
					  MCNIC_CMD_NOSUB, c->idx,
					  "beyond the table");
	return 0;
}

/* One member or backup: a next hop that exists, or zero past the count. */
static int mcnic_tbl_nhg_check_nh(struct mcnic_fw *fw, const char *field,
				  u32 i, u32 n, u32 nh,
				  struct mcnic_cmd_err *err)
{
	if (i >= n) {
		if (nh)
			return mcnic_tbl_nhg_fail(err, -MCNIC_EINVAL, field, i,
						  nh, "past the count");
		return 0;
	}
	if (!mcnic_pipe_nh_exists(&fw->pipe, nh))
		return mcnic_tbl_nhg_fail(err, -MCNIC_ENOENT, field, i, nh,
					  "no such next hop");
	return 0;
}

static int mcnic_tbl_nhg_check_members(struct mcnic_fw *fw,
				       const struct mcnic_cmd_nhg *c,
				       struct mcnic_cmd_err *err)
{
	u32 i;
	int r;

	for (i = 0; i < MCNIC_NHG_MEMBERS_MAX; i++) {
		r = mcnic_tbl_nhg_check_nh(fw, "member", i, c->n_members,
					   c->member[i], err);
		if (r)
			return r;
		if (i < c->n_members ? !c->weight[i] : c->weight[i] != 0)
			return mcnic_tbl_nhg_fail(err, -MCNIC_EINVAL, "weight",
						  i, c->weight[i],
						  i < c->n_members ?
						  "must be 1..255" :
						  "past the count");
	}
	for (i = 0; i < MCNIC_NHG_BACKUPS_MAX; i++) {
		r = mcnic_tbl_nhg_check_nh(fw, "backup", i, c->n_backups,
					   c->backup[i], err);
		if (r)
			return r;
	}
	return 0;
}

static int mcnic_tbl_nhg_check(struct mcnic_fw *fw, const void *e,
			       struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_nhg *c = e;
	int r = mcnic_tbl_nhg_check_key(fw, e, err);

	if (r)
		return r;
	if (!c->n_members || c->n_members > MCNIC_NHG_MEMBERS_MAX) {
		mcnic_tbl_nhg_fail(err, -MCNIC_EINVAL, "n_members",
				   MCNIC_CMD_NOSUB, c->n_members, "must be 1..");
		mcnic_cmd_err_num(err, MCNIC_NHG_MEMBERS_MAX);
		return -MCNIC_EINVAL;
	}
	if (c->n_backups > MCNIC_NHG_BACKUPS_MAX) {
		mcnic_tbl_nhg_fail(err, -MCNIC_EINVAL, "n_backups",
				   MCNIC_CMD_NOSUB, c->n_backups, "must be 0..");
		mcnic_cmd_err_num(err, MCNIC_NHG_BACKUPS_MAX);
		return -MCNIC_EINVAL;
	}
	r = mcnic_tbl_check_zero("nhg", "pad", &c->pad, sizeof(c->pad), err);
	return r ? r : mcnic_tbl_nhg_check_members(fw, c, err);
}

static int mcnic_tbl_nhg_read(struct mcnic_fw *fw, u32 idx, void *out)
{
	const struct mcnic_nhg *g = &fw->pipe.nhg[idx];
	struct mcnic_cmd_nhg *o = out;

	__builtin_memset(o, 0, sizeof(*o));
	o->idx = idx;
	o->n_members = g->n_members;
	o->n_backups = g->n_backups;
	__builtin_memcpy(o->member, g->member, sizeof(o->member));
	__builtin_memcpy(o->weight, g->weight, sizeof(o->weight));
	__builtin_memcpy(o->backup, g->backup, sizeof(o->backup));
	return 0;
}

static int mcnic_tbl_nhg_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_nhg *c = e;

	if (!mcnic_pipe_nhg_exists(&fw->pipe, c->idx))
		return -MCNIC_ENOENT;
	return mcnic_tbl_nhg_read(fw, c->idx, out);
}

static int mcnic_tbl_nhg_set(struct mcnic_fw *fw, const void *e,
			     const char **why)
{
	const struct mcnic_cmd_nhg *c = e;
	struct mcnic_nhg g;

	__builtin_memset(&g, 0, sizeof(g));
	g.n_members = c->n_members;
	g.n_backups = c->n_backups;
	__builtin_memcpy(g.member, c->member, sizeof(g.member));
	__builtin_memcpy(g.weight, c->weight, sizeof(g.weight));
	__builtin_memcpy(g.backup, c->backup, sizeof(g.backup));
	return mcnic_pipe_nhg_set(&fw->pipe, c->idx, &g, why);
}

static int mcnic_tbl_nhg_del(struct mcnic_fw *fw, const void *e,
			     const char **why)
{
	return mcnic_pipe_nhg_del(&fw->pipe,
				  ((const struct mcnic_cmd_nhg *)e)->idx, why);
}

static int mcnic_tbl_nhg_can_del(struct mcnic_fw *fw, const void *e,
				 const char **why)
{
	return mcnic_pipe_nhg_can_del(&fw->pipe,
				      ((const struct mcnic_cmd_nhg *)e)->idx,
				      why);
}

static int mcnic_tbl_nhg_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	u32 i;

	for (i = *pos; i < fw->lim.nhgs; i++) {
		if (fw->pipe.nhg_used[i]) {
			*pos = i + 1;
			return mcnic_tbl_nhg_read(fw, i, out);
		}
	}
	return -MCNIC_ENOENT;
}

static s64 mcnic_tbl_nhg_key(const void *e)
{
	return ((const struct mcnic_cmd_nhg *)e)->idx;
}

const struct mcnic_tbl_ops mcnic_tbl_nhg = {
	.name = "nhg",
	.size = sizeof(struct mcnic_cmd_nhg),
	.check = mcnic_tbl_nhg_check,
	.check_key = mcnic_tbl_nhg_check_key,
	.get = mcnic_tbl_nhg_get,
	.set = mcnic_tbl_nhg_set,
	.del = mcnic_tbl_nhg_del,
	.can_del = mcnic_tbl_nhg_can_del,
	.next = mcnic_tbl_nhg_next,
	.key_name = "idx",
	.key = mcnic_tbl_nhg_key,
};
