/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Descriptors and completions of the host queues (regs.h, block QM).
 * Rings live in host memory; the driver owns HEAD of TX/RX queues (it
 * posts), the device owns HEAD of completion queues.  A completion is new
 * when its phase bit equals the pass over the ring (it flips each time the
 * ring wraps), so the driver never reads the device's head register on the
 * fast path.  Little-endian.
 *
 * Indices.  HEAD and TAIL are free-running 32-bit counters; the slot of
 * index i is i & (entries - 1), and HEAD - TAIL (mod 2^32) entries are
 * outstanding, never more than the ring holds.  Enabling a queue sets
 * both to 0.
 *
 * TX.  The driver writes descriptors, then HEAD.  The device takes
 * [TAIL, HEAD) in order (TAIL is the device's and readable), reads each
 * frame (addr, len) from host memory, sends it through the pipeline as
 * egress from the queue's VPORT and writes one completion per descriptor
 * to the queue's CQ: queue, index (the slot), drop (enum mcnic_drop when
 * the pipeline dropped it) or an error flag.  A full CQ stops the queue
 * until the driver frees an entry; nothing is overwritten.
 *
 * RX.  The driver posts empty buffers (addr, len) and moves HEAD.  A
 * frame the pipeline delivers to a vport with enabled RX queues goes to
 * the vport's q-th enabled RX queue (in queue order, q = the pipeline's
 * RSS queue modulo their number): it is written into the buffer at TAIL,
 * TAIL moves on and a completion says len, hash (the flow hash RSS used),
 * rule and flags.  With no buffer posted, or the CQ full or disabled, the
 * frame is dropped and counted for that queue; the device never waits.
 *
 * CQ.  The device writes entries at its HEAD (readable) with the phase
 * bit 1 on the first pass over the ring, 0 on the second, and so on; the
 * driver consumes them and writes TAIL (never past HEAD).  A CQ is full
 * when HEAD - TAIL equals its entries.
 *
 * Errors.  A descriptor whose buffer is not entirely inside host memory
 * given to the device (a MAP on mcnic-sim's socket), or whose length is
 * 0 or over the device's frame size (TX) or below the frame's (RX),
 * completes with MCNIC_CPL_ERR_DMA or MCNIC_CPL_ERR_LEN: nothing is sent,
 * nothing written, the buffer is consumed.  A ring the device cannot
 * reach stops its queue (CTRL.ENABLE reads 0).
 */
#ifndef MCNIC_QUEUE_H
#define MCNIC_QUEUE_H

#include "types.h"

/* A frame to send (TX) or a buffer to fill (RX). */
struct mcnic_desc {
	u64 addr;		/* DMA address */
	u32 len;		/* TX: frame bytes; RX: buffer bytes */
	u16 flags;		/* MCNIC_DESC_* */
	u16 pad;
};

#define MCNIC_DESC_CSUM		0x0001	/* TX: fill in the inner L4 csum */

struct mcnic_cpl {
	u16 queue;		/* TX or RX queue the entry completes */
	u16 index;		/* ring slot completed */
	u32 len;		/* RX: frame bytes (also with ERR_*) */
	u32 hash;		/* RX: flow hash (RSS) */
	u32 rule;		/* RX: policy rule that decided the flow */
	u16 flags;		/* MCNIC_CPL_* */
	u8 drop;		/* TX: enum mcnic_drop when not sent */
	u8 pad[5];
	u64 ts;			/* device time, ns */
};

#define MCNIC_CPL_PHASE		0x8000
#define MCNIC_CPL_RX		0x0001	/* RX completion (else TX) */
#define MCNIC_CPL_CSUM_OK	0x0002	/* RX: inner L4 checksum verified */
#define MCNIC_CPL_DECAP		0x0004	/* RX: arrived through a tunnel */
#define MCNIC_CPL_ERR_DMA	0x0008	/* buffer outside host memory */
#define MCNIC_CPL_ERR_LEN	0x0010	/* TX: len 0 or too long; RX: the
					 * buffer is shorter than len */

MCNIC_ASSERT_SIZE(struct mcnic_desc, 16);
MCNIC_ASSERT_SIZE(struct mcnic_cpl, 32);

#endif /* MCNIC_QUEUE_H */
