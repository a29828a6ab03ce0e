/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The queue engine behind BAR 0's QM block (include/mcnic/regs.h and
 * queue.h have the contract): TX, RX and completion queues in host
 * memory reached through the DMA windows (dma.h).  The engine owns the
 * queues' register windows; regs.c hands it every access to them.
 *
 * TX queues are worked from mcnic_qm_poll(), at most MCNIC_QM_BUDGET
 * descriptors per queue per call, so one busy queue cannot starve the
 * daemon's loop; their frames go to ops->tx, up to MCNIC_QM_TX_BURST at a
 * time, as egress from the queue's vport.  RX is pushed: the daemon hands every frame for a vport to
 * mcnic_qm_rx().  Nothing is allocated after mcnic_qm_create().
 */
#ifndef MCNIC_SIM_QM_H
#define MCNIC_SIM_QM_H

#include <mcnic/queue.h>
#include <mcnic/regs.h>
#include "board.h"
#include "dma.h"

#define MCNIC_QM_STRIDE		0x20u	/* bytes of one queue's window */
#define MCNIC_QM_BUDGET		64	/* TX descriptors per queue per poll */
#define MCNIC_QM_TX_BURST	32	/* TX frames handed to ops->tx at once */

struct mcnic_qm;

struct mcnic_qm_ops {
	/*
	 * Send n frames (1..MCNIC_QM_TX_BURST), in order, as egress from
	 * host vport: frame i in the engine's buffer i, len[i] bytes.
	 * drop[i] gets its enum mcnic_drop (MCNIC_DROP_NONE: sent).
	 */
	void (*tx)(void *ctx, u16 vport, const u32 *len, u32 n, u8 *drop);
	/* Interrupt vector vec was raised. */
	void (*irq)(void *ctx, u32 vec);
};

struct mcnic_qm_cfg {
	const struct mcnic_board *board;
	struct mcnic_dma *dma;
	u8 *buf;			/* TX frame i is read at buf + i *
					 * buf_stride (MCNIC_QM_TX_BURST) ... */
	u32 buf_stride;
	u32 buf_max;			/* ... up to this many bytes */
	u32 irqs;			/* vectors a CQ may raise */
	const struct mcnic_qm_ops *ops;
	void *ctx;
};

/* What an RX completion says besides the frame. */
struct mcnic_qm_rx {
	u32 hash;
	u32 rule;
	u16 flags;			/* MCNIC_CPL_DECAP, ... */
};

struct mcnic_qm_stats {
	u64 tx_sent;
	u64 tx_dropped;			/* by the pipeline */
	u64 tx_errors;			/* bad length, address outside memory */
	u64 rx_frames;
	u64 rx_no_buf;			/* dropped: no buffer posted */
	u64 rx_cq_full;			/* dropped: CQ full or disabled */
	u64 garbage;			/* completions corrupted on purpose */
	u64 rx_errors;			/* buffer too small or outside memory */
	u64 irqs;
	u64 bad_writes;			/* index or config writes refused */
	u64 ring_faults;		/* queues stopped: ring unreachable */
};

/* board->queues TX and RX queues, twice as many CQs.  0 or -ENOMEM. */
int mcnic_qm_create(struct mcnic_qm **qm, const struct mcnic_qm_cfg *cfg);
void mcnic_qm_destroy(struct mcnic_qm *qm);

/* Bytes of register windows from the QM block's QBASE. */
u32 mcnic_qm_window_size(const struct mcnic_qm *qm);
/* off: from QBASE, below mcnic_qm_window_size(), 4-byte aligned. */
u32 mcnic_qm_reg_read(struct mcnic_qm *qm, u32 off);
void mcnic_qm_reg_write(struct mcnic_qm *qm, u32 off, u32 val);

/* Disable every queue: a device reset, or the PCIe side went away. */
void mcnic_qm_reset(struct mcnic_qm *qm);
/*
 * The next n completions are written wrong (another slot, another queue,
 * an impossible length, in turn), to test that a host contains them.
 */
void mcnic_qm_garbage(struct mcnic_qm *qm, u32 n);

/* Nonzero while TX queues hold descriptors a poll would take. */
int mcnic_qm_busy(const struct mcnic_qm *qm);
void mcnic_qm_poll(struct mcnic_qm *qm);

/* Nonzero if vport has enabled RX queues. */
int mcnic_qm_has_rx(const struct mcnic_qm *qm, u16 vport);
/*
 * A frame delivered to vport, RSS queue queue: into the next posted
 * buffer of the vport's queue-th enabled RX queue (modulo their number).
 * 0: completed (possibly with an error flag); -ENOENT: the vport has no
 * enabled RX queue; -ENOBUFS: dropped and counted (no buffer posted, CQ
 * full or off).
 */
int mcnic_qm_rx(struct mcnic_qm *qm, u16 vport, u16 queue, const u8 *frame,
		u32 len, const struct mcnic_qm_rx *info);

const struct mcnic_qm_stats *mcnic_qm_stats(const struct mcnic_qm *qm);

#endif /* MCNIC_SIM_QM_H */
