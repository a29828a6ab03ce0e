/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * BAR 0: a chain of self-describing register blocks, so one driver serves
 * every board variant.  The chain starts at offset 0; each block begins
 * with a struct mcnic_rb header (type, version, offset of the next block
 * or 0 for the last).  A driver walks the chain, uses the blocks it knows
 * (matching type, a version it supports) and skips the rest.  Registers
 * are 32-bit, little-endian; offsets below are from the block's start.
 */
#ifndef MCNIC_REGS_H
#define MCNIC_REGS_H

#include "types.h"

#define MCNIC_BAR0_SIZE		0x40000

struct mcnic_rb {
	u32 type;		/* MCNIC_RB_* */
	u32 version;		/* MAJOR << 16 | MINOR */
	u32 next;		/* offset of the next block in BAR 0; 0: end */
	u32 pad;
};

#define MCNIC_RB_TYPE_DEV	0x6d630001u	/* device identity and health */
#define MCNIC_RB_TYPE_MBOX	0x6d630002u	/* command mailbox */
#define MCNIC_RB_TYPE_QM	0x6d630003u	/* queue manager */
#define MCNIC_RB_TYPE_IRQ	0x6d630004u	/* interrupt vectors */
#define MCNIC_RB_TYPE_PORTS	0x6d630005u	/* port link state */

/* DEV, version 1.0 */
#define MCNIC_RB_DEV_VER	0x00010000u
#define MCNIC_DEV_REG_ID	0x10	/* MCNIC_DEV_ID */
#define MCNIC_DEV_REG_FW_VER	0x14	/* MAJOR << 16 | MINOR << 8 | PATCH */
#define MCNIC_DEV_REG_HEARTBEAT	0x18	/* increments every millisecond */
#define MCNIC_DEV_REG_STATUS	0x1c	/* MCNIC_DEV_ST_* */
#define MCNIC_DEV_REG_RESET	0x20	/* write MCNIC_DEV_RESET_KEY: reset */
#define MCNIC_DEV_REG_PORTS	0x24	/* number of ports */
#define MCNIC_DEV_REG_SLOT	0x28	/* flash slot booted */
#define MCNIC_DEV_ID		0x6d636e31u	/* "mcn1" */
#define MCNIC_DEV_ST_READY	0x1	/* firmware running, mailbox open */
#define MCNIC_DEV_ST_FAULT	0x2	/* firmware stopped; see the log */
#define MCNIC_DEV_RESET_KEY	0x52535421u

/*
 * MBOX, version 1.1.  Register mode (1.0): the host writes a request
 * (include/mcnic/cmd.h) at REQ_OFF, then its length to DOORBELL; the
 * device sets STATUS BUSY, executes, writes the answer at RESP_OFF and its
 * length to RESP_LEN, sets STATUS DONE and raises vector IRQ.
 *
 * DMA mode (1.1), which spares a 64 KiB request 16 K register writes: the
 * host puts the request in its own memory, writes its DMA address to
 * DMA_REQ and the answer's to DMA_RESP (at most DMA_RESP_MAX bytes; LO
 * first, HI second), then the request's length (at most SIZE) to
 * DMA_DOORBELL.  The device reads the request, executes it as above and
 * writes the answer to DMA_RESP; an answer longer than DMA_RESP_MAX is cut
 * there, RESP_LEN still holding its whole length.  A request or answer
 * address outside the host memory given to the device ends the request
 * with STATUS FAULT and nothing executed; the registers stay as they were.
 */
#define MCNIC_RB_MBOX_VER	0x00010001u
#define MCNIC_MBOX_REG_REQ_OFF	0x10	/* BAR offset of the request buffer */
#define MCNIC_MBOX_REG_RESP_OFF	0x14	/* BAR offset of the answer buffer */
#define MCNIC_MBOX_REG_SIZE	0x18	/* bytes in each buffer */
#define MCNIC_MBOX_REG_DOORBELL	0x1c	/* write: request length; executes */
#define MCNIC_MBOX_REG_STATUS	0x20	/* MCNIC_MBOX_ST_* */
#define MCNIC_MBOX_REG_RESP_LEN	0x24
#define MCNIC_MBOX_REG_IRQ	0x28	/* vector raised on completion */
#define MCNIC_MBOX_REG_DMA_REQ_LO	0x2c
#define MCNIC_MBOX_REG_DMA_REQ_HI	0x30
#define MCNIC_MBOX_REG_DMA_RESP_LO	0x34
#define MCNIC_MBOX_REG_DMA_RESP_HI	0x38
#define MCNIC_MBOX_REG_DMA_RESP_MAX	0x3c
#define MCNIC_MBOX_REG_DMA_DOORBELL	0x40	/* write: request length */
#define MCNIC_MBOX_DMA_MINOR	1	/* the version minor with DMA mode */
#define MCNIC_MBOX_ST_IDLE	0
#define MCNIC_MBOX_ST_BUSY	1
#define MCNIC_MBOX_ST_DONE	2
#define MCNIC_MBOX_ST_FAULT	3	/* a DMA transfer failed */

/*
 * QM, version 1.0: queues of descriptors in host memory
 * (include/mcnic/queue.h).  COUNT queues of each kind, one register window
 * of QSTRIDE bytes each from QBASE: TX queues, then RX, then completion.
 * TX and RX queues and CQs are numbered from 0 within their kind (a TX/RX
 * queue's CQ register holds a CQ number).
 *
 * A queue is configured while disabled (BASE, LOG_SIZE, CQ, VPORT; writes
 * to them while it is enabled are ignored) and enabled with CTRL.ENABLE:
 * CQs first, since a TX/RX queue needs an enabled CQ.  The device refuses
 * (ENABLE reads back 0) a LOG_SIZE outside 1..MCNIC_Q_LOG_SIZE_MAX, a
 * BASE not aligned to an entry, a ring not inside host memory given to the
 * device, a VPORT that is not a host vport.  Enabling sets HEAD and TAIL
 * to 0; disabling stops the queue where it is.
 *
 * Who writes what: HEAD of TX/RX queues and TAIL of CQs are the driver's;
 * a write more than a ring ahead of the other index, or backwards past
 * it, is ignored.  TAIL of TX/RX queues and HEAD of CQs are the device's
 * and read live.  A TX HEAD write (or enabling) starts the device on the
 * queue; a CQ TAIL write restarts TX queues that stopped on it being full.
 *
 * Interrupts: CTRL.ARM of a CQ asks for one interrupt.  After writing an
 * entry to an armed CQ the device clears ARM and raises the vector in
 * CTRL bits 16..31; arming a CQ that holds unconsumed entries (HEAD !=
 * TAIL) raises at once.  A vector masked in the IRQ block stays pending
 * and is raised when unmasked.
 */
#define MCNIC_RB_QM_VER		0x00010000u
#define MCNIC_QM_REG_TXQ_COUNT	0x10
#define MCNIC_QM_REG_RXQ_COUNT	0x14
#define MCNIC_QM_REG_CQ_COUNT	0x18
#define MCNIC_QM_REG_QBASE	0x1c	/* BAR offset of queue 0's window */
#define MCNIC_QM_REG_QSTRIDE	0x20
/* per-queue window */
#define MCNIC_Q_REG_BASE_LO	0x00	/* ring's DMA address */
#define MCNIC_Q_REG_BASE_HI	0x04
#define MCNIC_Q_REG_LOG_SIZE	0x08	/* ring entries = 1 << LOG_SIZE */
#define MCNIC_Q_REG_CQ		0x0c	/* TX/RX: its completion queue */
#define MCNIC_Q_REG_VPORT	0x10	/* TX/RX: the host vport it serves */
#define MCNIC_Q_REG_HEAD	0x14	/* producer index */
#define MCNIC_Q_REG_TAIL	0x18	/* consumer index */
#define MCNIC_Q_REG_CTRL	0x1c	/* MCNIC_Q_CTRL_*; CQ: IRQ vector << 16 */
#define MCNIC_Q_CTRL_ENABLE	0x1
#define MCNIC_Q_CTRL_ARM	0x2	/* CQ: interrupt on the next completion */
#define MCNIC_Q_LOG_SIZE_MAX	15	/* slots fit mcnic_cpl.index */

/*
 * IRQ, version 1.0: a raised vector is sent to the host at once unless its
 * MASK bit is set; then it stays pending (one bit: raises coalesce) and is
 * sent when the bit is cleared.  mcnic-sim sends it as an IRQ message to
 * its PCIe-side client (simsock.h).
 */
#define MCNIC_RB_IRQ_VER	0x00010000u
#define MCNIC_IRQ_REG_COUNT	0x10	/* vectors */
#define MCNIC_IRQ_REG_MASK	0x14	/* one bit per vector, 1: masked */

/* PORTS, version 1.0: COUNT, then one 16-byte window per port from 0x20. */
#define MCNIC_RB_PORTS_VER	0x00010000u
#define MCNIC_PORTS_REG_COUNT	0x10
#define MCNIC_PORTS_REG_BASE	0x20
#define MCNIC_PORT_REG_LINK	0x00	/* 1: link up */
#define MCNIC_PORT_REG_MAC_LO	0x04	/* MAC bytes 2..5 */
#define MCNIC_PORT_REG_MAC_HI	0x08	/* MAC bytes 0..1 */
#define MCNIC_PORT_REG_MTU	0x0c
#define MCNIC_PORT_STRIDE	0x10

MCNIC_ASSERT_SIZE(struct mcnic_rb, 16);

#endif /* MCNIC_REGS_H */
