/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The kernel driver's interface to user space: one character device per
 * NIC, /dev/mcnicN, whose ioctls carry the same mailbox messages as
 * mcnic-sim's host socket (cmd.h), so libmcnic speaks one protocol over
 * either.
 *
 * MCNIC_IOC_CMD: req points at a request (struct mcnic_cmd_hdr and its
 * payload, req_len bytes in all); the driver checks it, sends it through
 * the BAR mailbox with a sequence number of its own, and copies the
 * answer (at most resp_max bytes, header first, the caller's seq put
 * back) to resp, its length to resp_len.  The ioctl returns 0 when the
 * NIC answered, whatever the answer's status.  It fails with
 *
 *   -EINVAL   a malformed request: req_len under a header or over
 *             MCNIC_CMD_MSG_MAX, hdr.len not req_len minus the header,
 *             a wrong version, flags set, an unknown opcode, resp_max
 *             under a header;
 *   -EFAULT   a bad pointer;
 *   -ETIMEDOUT / -EIO   the NIC did not answer, or answered garbage;
 *   -ENODEV   the NIC is gone or being reset.
 *
 * For -EINVAL the driver also writes an answer header to resp (when
 * resp_max allows) whose status and err_msg say what was wrong, as the
 * firmware's refusals do, and sets resp_len; dmesg has it at debug level.
 */
#ifndef MCNIC_UAPI_H
#define MCNIC_UAPI_H

#include <linux/ioctl.h>
#include "types.h"

struct mcnic_ioc_cmd {
	u64 req;		/* user pointer to the request */
	u64 resp;		/* user pointer to the answer buffer */
	u32 req_len;
	u32 resp_max;
	u32 resp_len;		/* out: the answer's length */
	u32 pad;		/* must be 0 */
};

#define MCNIC_IOC_MAGIC		0xb7
#define MCNIC_IOC_CMD		_IOWR(MCNIC_IOC_MAGIC, 1, struct mcnic_ioc_cmd)

MCNIC_ASSERT_SIZE(struct mcnic_ioc_cmd, 32);

#endif /* MCNIC_UAPI_H */
