// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Cached flows (DUMP of MCNIC_OBJ_FLOW); FLOW_FLUSH clears them. */
#include "cmd_priv.h"

static int mcnic_tbl_flow_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	const struct mcnic_flow_cache *fc = &fw->pipe.flows;
	struct mcnic_cmd_flow *o = out;
	struct mcnic_flow_entry ent;
	s32 idx;

	if (*pos >= mcnic_flow_cache_capacity(fc))
		return -MCNIC_ENOENT;
	idx = mcnic_flow_cache_next(fc, *pos);
	if (idx < 0 || mcnic_flow_cache_read(fc, idx, &ent, &o->st))
		return -MCNIC_ENOENT;
	o->key = ent.key;
	o->gen = ent.gen;
	o->act = ent.act;
	*pos = idx + 1;
	return 0;
}

const struct mcnic_tbl_ops mcnic_tbl_flow = {
	.name = "flow",
	.size = sizeof(struct mcnic_cmd_flow),
	.next = mcnic_tbl_flow_next,
};
