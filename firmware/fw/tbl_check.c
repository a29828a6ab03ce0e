// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Checks the table objects share: addresses, zero pads. */
#include "cmd_priv.h"

static int mcnic_tbl_is_zero(const void *p, u32 n)
{
	const u8 *b = p;

	while (n--)
		if (*b++)
			return 0;
	return 1;
}

int mcnic_tbl_check_zero(const char *obj, const char *field, const void *p,
			 u32 n, struct mcnic_cmd_err *err)
{
	if (mcnic_tbl_is_zero(p, n))
		return 0;
	return mcnic_cmd_fail(err, -MCNIC_EINVAL, obj, field, MCNIC_CMD_NOSUB,
			      MCNIC_CMD_NOVAL, "must be 0");
}

/* IPv4 sits in the first 4 bytes; the packet path compares all 16. */
int mcnic_tbl_check_addr(const char *obj, u8 family, const u8 *addr,
			 struct mcnic_cmd_err *err)
{
	if (family != 4 && family != 6)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, obj, "family",
				      MCNIC_CMD_NOSUB, family,
				      "must be 4 or 6");
	if (family == 4 && !mcnic_tbl_is_zero(addr + 4, 12))
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, obj, "addr",
				      MCNIC_CMD_NOSUB, MCNIC_CMD_NOVAL,
				      "bytes 4..15 of ipv4 must be 0");
	return 0;
}
