// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Encap templates (TMPL_SET, TMPL_DEL, DUMP and STATS of MCNIC_OBJ_TMPL).
 * The pipeline holds the built template; the firmware keeps the tunnel
 * parameters it was built from, which is what DUMP gives back.
 */
#include "cmd_priv.h"

static int mcnic_tbl_tmpl_check_key(struct mcnic_fw *fw, const void *e,
				    struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_tmpl *c = e;

	if (c->idx >= fw->lim.tmpls)
		return mcnic_cmd_fail(err, -MCNIC_ERANGE, "tmpl", "idx",
				      MCNIC_CMD_NOSUB, c->idx,
				      "beyond the table");
	return 0;
}

static int mcnic_tbl_tmpl_check(struct mcnic_fw *fw, const void *e,
				struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_tmpl *c = e;
	struct mcnic_encap_tmpl t;
	const char *why = NULL;
	int r = mcnic_tbl_tmpl_check_key(fw, e, err);

	if (r)
		return r;
	r = mcnic_tbl_check_zero("tmpl", "pad", &c->pad, sizeof(c->pad), err);
	if (!r)
		r = mcnic_tbl_check_zero("tmpl", "cfg.pad", c->cfg.pad,
					 sizeof(c->cfg.pad), err);
	if (r)
		return r;
	if (mcnic_tmpl_build(&c->cfg, &t, &why))
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "tmpl", why,
				      MCNIC_CMD_NOSUB, MCNIC_CMD_NOVAL, NULL);
	return 0;
}

static int mcnic_tbl_tmpl_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_tmpl *c = e;
	struct mcnic_cmd_tmpl *o = out;

	if (!mcnic_pipe_tmpl_exists(&fw->pipe, c->idx))
		return -MCNIC_ENOENT;
	o->idx = c->idx;
	o->pad = 0;
	o->cfg = fw->tcfg[c->idx];
	return 0;
}

static int mcnic_tbl_tmpl_set(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	const struct mcnic_cmd_tmpl *c = e;
	struct mcnic_encap_tmpl t;
	int r = mcnic_tmpl_build(&c->cfg, &t, why);

	if (!r)
		r = mcnic_pipe_tmpl_set(&fw->pipe, c->idx, &t, why);
	if (!r)
		fw->tcfg[c->idx] = c->cfg;
	return r;
}

static int mcnic_tbl_tmpl_del(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	const struct mcnic_cmd_tmpl *c = e;
	int r = mcnic_pipe_tmpl_del(&fw->pipe, c->idx, why);

	if (!r)
		__builtin_memset(&fw->tcfg[c->idx], 0, sizeof(fw->tcfg[0]));
	return r;
}

static int mcnic_tbl_tmpl_can_del(struct mcnic_fw *fw, const void *e,
				  const char **why)
{
	return mcnic_pipe_tmpl_can_del(&fw->pipe,
				       ((const struct mcnic_cmd_tmpl *)e)->idx,
				       why);
}

static int mcnic_tbl_tmpl_find(struct mcnic_fw *fw, u32 *pos)
{
	u32 i;

	for (i = *pos; i < fw->lim.tmpls; i++) {
		if (fw->pipe.tmpl[i].type) {
			*pos = i + 1;
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

static int mcnic_tbl_tmpl_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	struct mcnic_cmd_tmpl *o = out;

	if (mcnic_tbl_tmpl_find(fw, pos))
		return -MCNIC_ENOENT;
	o->idx = *pos - 1;
	o->pad = 0;
	o->cfg = fw->tcfg[o->idx];
	return 0;
}

static int mcnic_tbl_tmpl_ctr(struct mcnic_fw *fw, u32 *pos,
			      struct mcnic_cmd_ctr *c)
{
	u32 idx;

	if (mcnic_tbl_tmpl_find(fw, pos))
		return -MCNIC_ENOENT;
	idx = *pos - 1;
	__builtin_memset(c, 0, sizeof(*c));
	c->id = idx;
	c->c[0] = fw->pipe.tmpl_tx[idx].packets;
	c->c[1] = fw->pipe.tmpl_tx[idx].bytes;
	return 0;
}

static s64 mcnic_tbl_tmpl_key(const void *e)
{
	return ((const struct mcnic_cmd_tmpl *)e)->idx;
}

const struct mcnic_tbl_ops mcnic_tbl_tmpl = {
	.name = "tmpl",
	.size = sizeof(struct mcnic_cmd_tmpl),
	.check = mcnic_tbl_tmpl_check,
	.check_key = mcnic_tbl_tmpl_check_key,
	.get = mcnic_tbl_tmpl_get,
	.set = mcnic_tbl_tmpl_set,
	.del = mcnic_tbl_tmpl_del,
	.can_del = mcnic_tbl_tmpl_can_del,
	.next = mcnic_tbl_tmpl_next,
	.ctr_next = mcnic_tbl_tmpl_ctr,
	.key_name = "idx",
	.key = mcnic_tbl_tmpl_key,
};
