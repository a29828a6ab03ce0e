/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Descriptors and completions of the host queues (regs.h, block QM).
 * Rings live in host memory; the driver owns HEAD of TX/RX queues (it
 * posts), the device owns HEAD of completion queues.  A completion is new
 * when its phase bit equals the pass over the ring (it flips each time the
 * ring wraps), so the driver never reads the device's head register on the
 * fast path.  Little-endian.
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
	u16 index;		/* ring index completed */
	u32 len;		/* RX: frame bytes */
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

MCNIC_ASSERT_SIZE(struct mcnic_desc, 16);
MCNIC_ASSERT_SIZE(struct mcnic_cpl, 32);

#endif /* MCNIC_QUEUE_H */
