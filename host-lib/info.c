// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* The device itself: who it is, whether it lives, and starting over. */
#include <errno.h>
#include <string.h>

#include "mcnic_priv.h"

/* A fixed-size answer: exactly size bytes, or the device is confused. */
static int mcnic_fixed(struct mcnic *h, u16 op, void *out, size_t size)
{
	struct mcnic_req r = { .op = op };
	int rc = mcnic_call(h, &r);

	if (rc)
		return rc;
	if (r.ans_len != size)
		return mcnic_err(h, -EPROTO, "%s: answer of %u bytes, expected %zu",
				 mcnic_cmd_op_name(op), r.ans_len, size);
	memcpy(out, r.ans, size);
	return 0;
}

int mcnic_info(struct mcnic *h, struct mcnic_cmd_info *info)
{
	int r = mcnic_fixed(h, MCNIC_CMD_DEV_INFO, info, sizeof(*info));

	if (!r) {
		info->board[sizeof(info->board) - 1] = '\0';
		info->fw_version[sizeof(info->fw_version) - 1] = '\0';
	}
	return r;
}

int mcnic_heartbeat(struct mcnic *h, struct mcnic_cmd_heartbeat *hb)
{
	return mcnic_fixed(h, MCNIC_CMD_HEARTBEAT, hb, sizeof(*hb));
}

int mcnic_reset(struct mcnic *h)
{
	struct mcnic_req r = { .op = MCNIC_CMD_RESET };

	return mcnic_call(h, &r);
}

int mcnic_pipe_stats(struct mcnic *h, struct mcnic_cmd_pipe_stats *st)
{
	return mcnic_fixed(h, MCNIC_CMD_PIPE_STATS, st, sizeof(*st));
}

int mcnic_flash_status(struct mcnic *h, struct mcnic_cmd_flash_status *st)
{
	return mcnic_fixed(h, MCNIC_CMD_FLASH_STATUS, st, sizeof(*st));
}
