// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * MSI-X vectors (include/mcnic/regs.h, block IRQ).  Vector 0 is the
 * mailbox's; the others are shared by the queue pairs (netdev.c).
 * Vectors without a handler stay masked in the device, so it never
 * raises an interrupt nobody serves.
 */
#include <linux/interrupt.h>

#include "mcnic.h"

static irqreturn_t mcnic_irq_mbox(int irq, void *data)
{
	mcnic_mbox_irq(data);
	return IRQ_HANDLED;
}

/* data is the first queue pair on the vector. */
static irqreturn_t mcnic_irq_queues(int irq, void *data)
{
	struct mcnic_qp *qp;

	for (qp = data; qp; qp = qp->vec_next)
		napi_schedule_irqoff(&qp->napi);
	return IRQ_HANDLED;
}

static void mcnic_irq_unmask(struct mcnic_dev *d)
{
	mcnic_bus_write(&d->bus, d->rb.irq + MCNIC_IRQ_REG_MASK, ~d->vec_on);
}

int mcnic_irq_init(struct mcnic_dev *d)
{
	u32 count = mcnic_bus_read(&d->bus, d->rb.irq + MCNIC_IRQ_REG_COUNT);
	int n, rc;

	if (!count || count > ARRAY_SIZE(d->vec_qp)) {
		dev_err(&d->pdev->dev, "IRQ block: %u vectors\n", count);
		return -EIO;
	}
	d->vec_on = 0;
	mcnic_irq_unmask(d);
	n = pci_alloc_irq_vectors(d->pdev, 1, count, PCI_IRQ_MSIX);
	if (n < 0) {
		dev_err(&d->pdev->dev, "no MSI-X vectors (%d)\n", n);
		return n;
	}
	d->nvec = n;
	rc = request_irq(pci_irq_vector(d->pdev, 0), mcnic_irq_mbox, 0,
			 d->name, d);
	if (rc) {
		pci_free_irq_vectors(d->pdev);
		return rc;
	}
	d->vec_on = 1;
	mcnic_irq_unmask(d);
	return 0;
}

int mcnic_irq_queues_init(struct mcnic_dev *d)
{
	u32 v;
	int rc;

	for (v = 1; v < d->nvec; v++) {
		if (!d->vec_qp[v])
			continue;
		rc = request_irq(pci_irq_vector(d->pdev, v), mcnic_irq_queues, 0,
				 d->name, d->vec_qp[v]);
		if (rc)
			return rc;
		d->vec_on |= 1u << v;
	}
	mcnic_irq_unmask(d);
	return 0;
}

void mcnic_irq_queues_fini(struct mcnic_dev *d)
{
	u32 on = d->vec_on & ~1u, v;

	d->vec_on &= 1u;
	mcnic_irq_unmask(d);
	for (v = 1; v < d->nvec; v++)
		if (on & (1u << v))
			free_irq(pci_irq_vector(d->pdev, v), d->vec_qp[v]);
}

void mcnic_irq_fini(struct mcnic_dev *d)
{
	mcnic_irq_queues_fini(d);
	d->vec_on = 0;
	mcnic_irq_unmask(d);
	free_irq(pci_irq_vector(d->pdev, 0), d);
	pci_free_irq_vectors(d->pdev);
}
