/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * BAR 0 of the simulated NIC (include/mcnic/regs.h): the block chain DEV,
 * MBOX, QM, IRQ, PORTS, with the mailbox executing through the device
 * model's dispatcher (dev.h), so a driver and a host-socket client see the
 * same device, and the QM block's queue windows handled by the queue
 * engine (qm.h).  Layout:
 *
 *   0x00000  DEV     0x00100  MBOX    0x00200  QM
 *   0x00300  IRQ     0x00400  PORTS (windows from 0x00420)
 *   0x10000  queue windows (TX, RX, CQ; 32 bytes each)
 *   0x20000  mailbox request buffer    0x30000  mailbox answer buffer
 *            (the DMA mode stages requests and answers there too)
 *
 * Accesses are 32-bit and aligned; others read all-ones and are ignored
 * on write, as a PCIe device would answer them.
 */
#ifndef MCNIC_SIM_REGS_H
#define MCNIC_SIM_REGS_H

#include <stddef.h>
#include <mcnic/regs.h>
#include "board.h"
#include "dev.h"
#include "qm.h"

#define MCNIC_REGS_DEV		0x00000u
#define MCNIC_REGS_MBOX		0x00100u
#define MCNIC_REGS_QM		0x00200u
#define MCNIC_REGS_IRQ		0x00300u
#define MCNIC_REGS_PORTS	0x00400u
#define MCNIC_REGS_QBASE	0x10000u
#define MCNIC_REGS_QSTRIDE	MCNIC_QM_STRIDE
#define MCNIC_REGS_MBOX_REQ	0x20000u
#define MCNIC_REGS_MBOX_RESP	0x30000u
#define MCNIC_REGS_MBOX_SIZE	0x10000u
#define MCNIC_REGS_IRQS		32u
#define MCNIC_REGS_IRQ_MBOX	0u	/* the mailbox's vector */

/* What fits: port windows, and host queues (TX + RX + 2 CQ windows each). */
#define MCNIC_REGS_PORTS_MAX \
	((MCNIC_REGS_QBASE - MCNIC_REGS_PORTS - MCNIC_PORTS_REG_BASE) / \
	 MCNIC_PORT_STRIDE)
#define MCNIC_REGS_QUEUES_MAX \
	((MCNIC_REGS_MBOX_REQ - MCNIC_REGS_QBASE) / (4 * MCNIC_REGS_QSTRIDE))

struct mcnic_regs;

/*
 * qm serves the queue windows (made for the same board); the mailbox's
 * DMA mode reaches host memory through dma.  Returns 0 or -EINVAL with
 * err when the board does not fit the BAR.
 */
int mcnic_regs_create(struct mcnic_regs **r, struct mcnic_dev *d,
		      const struct mcnic_board *b, struct mcnic_qm *qm,
		      struct mcnic_dma *dma, char *err, size_t errlen);
void mcnic_regs_destroy(struct mcnic_regs *r);

u32 mcnic_regs_read(struct mcnic_regs *r, u32 off);
void mcnic_regs_write(struct mcnic_regs *r, u32 off, u32 val);

/* Raise vector vec (ignored unless below MCNIC_REGS_IRQS). */
void mcnic_regs_irq_raise(struct mcnic_regs *r, u32 vec);
/*
 * Vectors raised and not masked since the last call (one bit each); a
 * masked one stays pending until unmasked.
 */
u32 mcnic_regs_irq_take(struct mcnic_regs *r);
/*
 * A firmware hang, for testing a host's recovery: the heartbeat stops,
 * mailbox requests stay BUSY, DEV STATUS reads FAULT, until a DEV RESET.
 */
void mcnic_regs_hang(struct mcnic_regs *r);
/* A port's link as the PORTS block shows it (a backend is attached). */
void mcnic_regs_port_link(struct mcnic_regs *r, u16 id, int up);

#endif /* MCNIC_SIM_REGS_H */
