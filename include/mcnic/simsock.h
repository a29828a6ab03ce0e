/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * mcnic-sim's host socket: a UNIX stream socket on which a host program
 * talks to the simulated NIC without a kernel driver.  It carries the
 * command mailbox (include/mcnic/cmd.h, byte for byte what the driver
 * puts in the BAR mailbox) and host vport traffic.
 *
 * Every message is a struct mcnic_sock_hdr followed by len bytes:
 *
 *   CMD     host -> NIC: one mailbox request; NIC -> host: its answer.
 *           Requests on one connection are answered in order.
 *   FRAME   host -> NIC: an Ethernet frame the host sends on vport port
 *           (egress); NIC -> host: a frame delivered to vport port, queue
 *           queue (only to connections attached to that vport).
 *   ATTACH  host -> NIC: deliver vport port's frames to this connection
 *           (len 0).  Answered by an ATTACH with status 0 or -errno.
 *   DETACH  host -> NIC: stop delivering vport port's frames.
 *
 * Integers are little-endian.  A malformed message (bad type, len over
 * MCNIC_SOCK_MSG_MAX) closes the connection; the NIC counts it.
 */
#ifndef MCNIC_SIMSOCK_H
#define MCNIC_SIMSOCK_H

#include "types.h"
#include "cmd.h"

#define MCNIC_SOCK_MSG_MAX	MCNIC_CMD_MSG_MAX

enum mcnic_sock_type {
	MCNIC_SOCK_CMD = 1,
	MCNIC_SOCK_FRAME = 2,
	MCNIC_SOCK_ATTACH = 3,
	MCNIC_SOCK_DETACH = 4,
};

struct mcnic_sock_hdr {
	u32 len;		/* bytes after this header */
	u16 type;		/* enum mcnic_sock_type */
	u16 port;		/* FRAME, ATTACH, DETACH: vport id */
	u16 queue;		/* FRAME to the host: RSS queue */
	u16 pad;
	s32 status;		/* ATTACH answer */
};

MCNIC_ASSERT_SIZE(struct mcnic_sock_hdr, 16);

#endif /* MCNIC_SIMSOCK_H */
