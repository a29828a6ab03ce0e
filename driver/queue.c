// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Rings in host memory and their register windows (include/mcnic/regs.h
 * block QM, include/mcnic/queue.h): TX queues, then RX queues, then CQs,
 * one window each.  Completions are found by their phase bit, so the fast
 * path never reads a device register.
 */
#include <linux/dma-mapping.h>

#include <mcnic/queue.h>

#include "mcnic.h"

int mcnic_queue_qm_init(struct mcnic_dev *d)
{
	u32 qm = d->rb.qm, tx, rx, cq;

	if (!(d->rb.found & MCNIC_RB_HAS_QM))
		return -ENODEV;
	tx = mcnic_bus_read(&d->bus, qm + MCNIC_QM_REG_TXQ_COUNT);
	rx = mcnic_bus_read(&d->bus, qm + MCNIC_QM_REG_RXQ_COUNT);
	cq = mcnic_bus_read(&d->bus, qm + MCNIC_QM_REG_CQ_COUNT);
	d->qm.base = mcnic_bus_read(&d->bus, qm + MCNIC_QM_REG_QBASE);
	d->qm.stride = mcnic_bus_read(&d->bus, qm + MCNIC_QM_REG_QSTRIDE);
	d->qm.nq = tx;
	if (!tx || tx != rx || cq != 2 * tx || tx > 4096 ||
	    d->qm.stride < 0x20 || d->qm.stride % 4 ||
	    d->qm.base >= MCNIC_BAR0_SIZE ||
	    4 * tx > (MCNIC_BAR0_SIZE - d->qm.base) / d->qm.stride) {
		dev_err(&d->pdev->dev,
			"QM block: %u TX, %u RX, %u CQ queues, windows of %#x from %#x: not usable\n",
			tx, rx, cq, d->qm.stride, d->qm.base);
		return -EIO;
	}
	return 0;
}

int mcnic_ring_alloc(struct mcnic_dev *d, struct mcnic_ring *r, u32 log_size,
		     size_t entry)
{
	r->log_size = log_size;
	r->mask = (1u << log_size) - 1;
	r->ring = dma_alloc_coherent(&d->pdev->dev, entry << log_size, &r->dma,
				     GFP_KERNEL);
	return r->ring ? 0 : -ENOMEM;
}

void mcnic_ring_free(struct mcnic_dev *d, struct mcnic_ring *r, size_t entry)
{
	if (r->ring)
		dma_free_coherent(&d->pdev->dev, entry << r->log_size, r->ring,
				  r->dma);
	r->ring = NULL;
}

void mcnic_ring_reg(struct mcnic_dev *d, struct mcnic_ring *r, u32 reg,
		    u32 val)
{
	mcnic_bus_write(&d->bus, r->win + reg, val);
}

int mcnic_ring_enable(struct mcnic_dev *d, struct mcnic_ring *r, u32 cq,
		      u32 vport, u32 ctrl)
{
	mcnic_ring_reg(d, r, MCNIC_Q_REG_CTRL, 0);
	mcnic_ring_reg(d, r, MCNIC_Q_REG_BASE_LO, lower_32_bits(r->dma));
	mcnic_ring_reg(d, r, MCNIC_Q_REG_BASE_HI, upper_32_bits(r->dma));
	mcnic_ring_reg(d, r, MCNIC_Q_REG_LOG_SIZE, r->log_size);
	mcnic_ring_reg(d, r, MCNIC_Q_REG_CQ, cq);
	mcnic_ring_reg(d, r, MCNIC_Q_REG_VPORT, vport);
	mcnic_ring_reg(d, r, MCNIC_Q_REG_CTRL, ctrl | MCNIC_Q_CTRL_ENABLE);
	if (mcnic_bus_read(&d->bus, r->win + MCNIC_Q_REG_CTRL) &
	    MCNIC_Q_CTRL_ENABLE)
		return 0;
	dev_err(&d->pdev->dev, "queue window %#x: the device refused to enable it\n",
		r->win);
	return -EIO;
}

void mcnic_ring_disable(struct mcnic_dev *d, struct mcnic_ring *r)
{
	mcnic_ring_reg(d, r, MCNIC_Q_REG_CTRL, 0);
}

struct mcnic_cpl *mcnic_cq_next(struct mcnic_cq *cq)
{
	struct mcnic_cpl *c = (struct mcnic_cpl *)cq->r.ring +
			      (cq->tail & cq->r.mask);
	/* Phase is 1 on passes 0, 2, ... over the ring. */
	u16 want = (cq->tail >> cq->r.log_size) & 1 ? 0 : MCNIC_CPL_PHASE;

	if ((READ_ONCE(c->flags) & MCNIC_CPL_PHASE) != want)
		return NULL;
	dma_rmb();
	return c;
}

void mcnic_cq_arm(struct mcnic_dev *d, struct mcnic_cq *cq)
{
	mcnic_ring_reg(d, &cq->r, MCNIC_Q_REG_TAIL, cq->tail);
	mcnic_ring_reg(d, &cq->r, MCNIC_Q_REG_CTRL, cq->vec << 16 |
		       MCNIC_Q_CTRL_ENABLE | MCNIC_Q_CTRL_ARM);
}
