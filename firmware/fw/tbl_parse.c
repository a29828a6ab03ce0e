// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* The parser's tunnel ports (PARSE_SET, DUMP of MCNIC_OBJ_PARSE). */
#include "cmd_priv.h"

static int mcnic_tbl_parse_check(struct mcnic_fw *fw, const void *e,
				 struct mcnic_cmd_err *err)
{
	const struct mcnic_parse_cfg *c = e;

	if (c->vxlan_gbp > 1)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "parse", "vxlan_gbp",
				      MCNIC_CMD_NOSUB, c->vxlan_gbp,
				      "must be 0 or 1");
	return mcnic_tbl_check_zero("parse", "pad", c->pad, sizeof(c->pad),
				    err);
}

static int mcnic_tbl_parse_get(struct mcnic_fw *fw, const void *e, void *out)
{
	__builtin_memcpy(out, &fw->pipe.parse, sizeof(fw->pipe.parse));
	return 0;
}

static int mcnic_tbl_parse_set(struct mcnic_fw *fw, const void *e,
			       const char **why)
{
	mcnic_pipe_parse_set(&fw->pipe, e);
	return 0;
}

static int mcnic_tbl_parse_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	if (*pos)
		return -MCNIC_ENOENT;
	*pos = 1;
	return mcnic_tbl_parse_get(fw, NULL, out);
}

const struct mcnic_tbl_ops mcnic_tbl_parse = {
	.name = "parse",
	.size = sizeof(struct mcnic_parse_cfg),
	.check = mcnic_tbl_parse_check,
	.get = mcnic_tbl_parse_get,
	.set = mcnic_tbl_parse_set,
	.next = mcnic_tbl_parse_next,
};
