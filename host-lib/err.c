// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Errors: every failing call leaves one message on its handle, and a
 * failed open (which has no handle yet) leaves it per thread.
 */
#include <stdio.h>
#include <string.h>

#include "mcnic_priv.h"

static __thread char mcnic_open_msg[MCNIC_ERR_MAX];

static int mcnic_verr(char *buf, int rc, const char *fmt, va_list ap)
{
	vsnprintf(buf, MCNIC_ERR_MAX, fmt, ap);
	return rc;
}

int mcnic_err(struct mcnic *h, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mcnic_verr(h->err, rc, fmt, ap);
	va_end(ap);
	return rc;
}

int mcnic_open_err(int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mcnic_verr(mcnic_open_msg, rc, fmt, ap);
	va_end(ap);
	return rc;
}

const char *mcnic_errmsg(const struct mcnic *h)
{
	return h ? h->err : mcnic_open_msg;
}

static const struct {
	u16 op;
	const char *name;
} mcnic_ops[] = {
	{ MCNIC_CMD_HEARTBEAT, "HEARTBEAT" },
	{ MCNIC_CMD_DEV_INFO, "DEV_INFO" },
	{ MCNIC_CMD_CAPS, "CAPS" },
	{ MCNIC_CMD_RESET, "RESET" },
	{ MCNIC_CMD_PARSE_SET, "PARSE_SET" },
	{ MCNIC_CMD_PORT_SET, "PORT_SET" },
	{ MCNIC_CMD_VRF_SET, "VRF_SET" },
	{ MCNIC_CMD_VRF_DEL, "VRF_DEL" },
	{ MCNIC_CMD_VTEP_ADD, "VTEP_ADD" },
	{ MCNIC_CMD_VTEP_DEL, "VTEP_DEL" },
	{ MCNIC_CMD_VNI_SET, "VNI_SET" },
	{ MCNIC_CMD_VNI_DEL, "VNI_DEL" },
	{ MCNIC_CMD_PEER_ADD, "PEER_ADD" },
	{ MCNIC_CMD_PEER_DEL, "PEER_DEL" },
	{ MCNIC_CMD_TMPL_SET, "TMPL_SET" },
	{ MCNIC_CMD_TMPL_DEL, "TMPL_DEL" },
	{ MCNIC_CMD_NH_SET, "NH_SET" },
	{ MCNIC_CMD_NH_DEL, "NH_DEL" },
	{ MCNIC_CMD_NH_STATE, "NH_STATE" },
	{ MCNIC_CMD_NHG_SET, "NHG_SET" },
	{ MCNIC_CMD_NHG_DEL, "NHG_DEL" },
	{ MCNIC_CMD_ROUTE_ADD, "ROUTE_ADD" },
	{ MCNIC_CMD_ROUTE_DEL, "ROUTE_DEL" },
	{ MCNIC_CMD_RULE_ADD, "RULE_ADD" },
	{ MCNIC_CMD_RULE_DEL, "RULE_DEL" },
	{ MCNIC_CMD_DUMP, "DUMP" },
	{ MCNIC_CMD_STATS, "STATS" },
	{ MCNIC_CMD_PIPE_STATS, "PIPE_STATS" },
	{ MCNIC_CMD_FLOW_FLUSH, "FLOW_FLUSH" },
	{ MCNIC_CMD_FLASH_BEGIN, "FLASH_BEGIN" },
	{ MCNIC_CMD_FLASH_WRITE, "FLASH_WRITE" },
	{ MCNIC_CMD_FLASH_COMMIT, "FLASH_COMMIT" },
	{ MCNIC_CMD_FLASH_ACTIVATE, "FLASH_ACTIVATE" },
	{ MCNIC_CMD_FLASH_STATUS, "FLASH_STATUS" },
};

const char *mcnic_op_name(u16 op)
{
	size_t i;

	for (i = 0; i < sizeof(mcnic_ops) / sizeof(mcnic_ops[0]); i++)
		if (mcnic_ops[i].op == op)
			return mcnic_ops[i].name;
	return "?";
}
