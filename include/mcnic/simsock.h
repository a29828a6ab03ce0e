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
 * A host can also be the NIC's PCIe side, as a driver in user space (or,
 * through QEMU, the kernel driver) is:
 *
 *   MAP        host -> NIC: host memory the NIC may DMA to and from: one
 *              file descriptor passed with SCM_RIGHTS (a memfd, or guest
 *              RAM) and a struct mcnic_sock_map saying which DMA addresses
 *              it backs.  The descriptor must travel in the sendmsg()
 *              that carries the MAP's first byte; one passed with any
 *              other message is malformed.  Answered by a MAP with status
 *              0, -EBADF (no descriptor), -EINVAL (more than one, or an
 *              empty, wrapping or overlapping range, or one past the
 *              file's end), -ENOSPC (8 windows in use), -EBUSY (another
 *              client is the PCIe side).  The first client whose MAP
 *              succeeds is the PCIe side until it closes; then every
 *              queue is disabled and its memory unmapped.
 *   REG_WRITE  host -> NIC: a 32-bit write to BAR 0 (struct mcnic_sock_reg);
 *              posted: no answer.  While a client has MAPped memory (the
 *              PCIe side), writes from other clients are dropped, counted.
 *   REG_READ   host -> NIC: a 32-bit read (struct mcnic_sock_reg, val 0);
 *              answered by a REG_READ with val.  As on PCIe, a read
 *              returns only after every earlier write took effect.
 *   IRQ        NIC -> host, to the PCIe side only: interrupt vector port
 *              was raised (len 0).  Raises of one vector not yet sent
 *              coalesce, as an MSI-X pending bit does.
 *
 * Integers are little-endian.  A malformed message (bad type, IRQ from
 * the host, len over MCNIC_SOCK_MSG_MAX or not the size of a MAP's or
 * REG_*'s body) closes the connection; the NIC counts it.
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
	MCNIC_SOCK_MAP = 5,
	MCNIC_SOCK_REG_WRITE = 6,
	MCNIC_SOCK_REG_READ = 7,
	MCNIC_SOCK_IRQ = 8,
};

struct mcnic_sock_hdr {
	u32 len;		/* bytes after this header */
	u16 type;		/* enum mcnic_sock_type */
	u16 port;		/* FRAME, ATTACH, DETACH: vport; IRQ: vector */
	u16 queue;		/* FRAME to the host: RSS queue */
	u16 pad;
	s32 status;		/* ATTACH, DETACH, MAP answers */
};

/* MAP: DMA addresses dma_addr .. dma_addr + size are the fd's bytes from
 * offset on. */
struct mcnic_sock_map {
	u64 dma_addr;
	u64 size;
	u64 offset;
};

struct mcnic_sock_reg {
	u32 off;		/* BAR 0 offset, 4-byte aligned */
	u32 val;
};

MCNIC_ASSERT_SIZE(struct mcnic_sock_hdr, 16);
MCNIC_ASSERT_SIZE(struct mcnic_sock_map, 24);
MCNIC_ASSERT_SIZE(struct mcnic_sock_reg, 8);

#endif /* MCNIC_SIMSOCK_H */
