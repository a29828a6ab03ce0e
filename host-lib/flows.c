// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* The flow cache as the device holds it: keys, actions and counters. */
#include "mcnic_priv.h"

int mcnic_flows(struct mcnic *h, struct mcnic_cmd_flow **f, unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_FLOW, sizeof(**f),
			  (void **)f, n);
}

int mcnic_flow_flush(struct mcnic *h)
{
	struct mcnic_req r = { .op = MCNIC_CMD_FLOW_FLUSH };

	return mcnic_call(h, &r);
}
