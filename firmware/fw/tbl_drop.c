// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Drop counters (STATS of MCNIC_OBJ_DROP): one record for every reason,
 * zero or not (id: enum mcnic_drop), so the host sees the whole list.
 */
#include "cmd_priv.h"

static int mcnic_tbl_drop_ctr(struct mcnic_fw *fw, u32 *pos,
			      struct mcnic_cmd_ctr *c)
{
	u32 r = *pos ? *pos : MCNIC_DROP_NONE + 1;

	if (r >= MCNIC_DROP_COUNT)
		return -MCNIC_ENOENT;
	__builtin_memset(c, 0, sizeof(*c));
	c->id = r;
	c->c[0] = fw->pipe.drops[r].packets;
	c->c[1] = fw->pipe.drops[r].bytes;
	*pos = r + 1;
	return 0;
}

const struct mcnic_tbl_ops mcnic_tbl_drop = {
	.name = "drop",
	.size = sizeof(struct mcnic_cmd_ctr),
	.ctr_next = mcnic_tbl_drop_ctr,
};
