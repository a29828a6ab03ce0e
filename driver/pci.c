// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The PCI driver: binds to a real board, and to an ivshmem-doorbell
 * function that carries mcnic-sim's signature (include/mcnic/pci.h); any
 * other ivshmem device is left alone.  Probe brings the objects up in
 * order and removal takes them down in reverse; user space may still hold
 * /dev/mcnicN open, so the device structure lives until the last
 * reference goes.
 */
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <net/devlink.h>

#include "mcnic.h"

static DEFINE_IDA(mcnic_ida);

static void mcnic_dev_free(struct kref *ref)
{
	struct mcnic_dev *d = container_of(ref, struct mcnic_dev, ref);

	ida_free(&mcnic_ida, d->id);
	mcnic_shadow_fini(d);
	kfree(d);
}

void mcnic_dev_put(struct mcnic_dev *d)
{
	kref_put(&d->ref, mcnic_dev_free);
}

int mcnic_pci_ident(struct mcnic_dev *d)
{
	u32 id = mcnic_bus_read(&d->bus, d->rb.dev + MCNIC_DEV_REG_ID);
	u32 st = mcnic_bus_read(&d->bus, d->rb.dev + MCNIC_DEV_REG_STATUS);

	if (id != MCNIC_DEV_ID) {
		dev_err(&d->pdev->dev, "device id %#x, not %#x\n", id,
			MCNIC_DEV_ID);
		return -ENODEV;
	}
	d->fw_ver = mcnic_bus_read(&d->bus, d->rb.dev + MCNIC_DEV_REG_FW_VER);
	if (!(st & MCNIC_DEV_ST_READY))
		dev_warn(&d->pdev->dev, "firmware not running (status %#x)\n", st);
	return 0;
}

static int mcnic_pci_enable(struct pci_dev *pdev)
{
	int rc = pci_enable_device(pdev);

	if (rc)
		return rc;
	rc = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (!rc)
		rc = pci_request_regions(pdev, MCNIC_DRV_NAME);
	if (rc) {
		pci_disable_device(pdev);
		return rc;
	}
	pci_set_master(pdev);
	return 0;
}

static void mcnic_pci_disable(struct pci_dev *pdev)
{
	pci_clear_master(pdev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

/* The netdevs need the vectors; the vectors' handlers need the queues. */
int mcnic_pci_net_up(struct mcnic_dev *d)
{
	int rc;

	d->nvports = 0;
	rc = mcnic_caps_init(d);
	if (!rc && d->rb.found & MCNIC_RB_HAS_QM)
		rc = mcnic_queue_qm_init(d);
	if (!rc)
		rc = mcnic_netdev_init(d);
	if (!rc)
		rc = mcnic_irq_queues_init(d);
	if (!rc)
		rc = mcnic_netdev_register(d);
	return rc;
}

void mcnic_pci_net_down(struct mcnic_dev *d)
{
	mcnic_netdev_unregister(d);
	mcnic_irq_queues_fini(d);
	mcnic_netdev_fini(d);
}

static void mcnic_pci_down(struct mcnic_dev *d)
{
	mcnic_pci_net_down(d);
	mcnic_irq_fini(d);
	mcnic_mbox_fini(d);
}

static int mcnic_pci_up(struct mcnic_dev *d)
{
	int rc;

	rc = mcnic_rb_init(d);
	if (!rc)
		rc = mcnic_pci_ident(d);
	if (!rc)
		rc = mcnic_mbox_init(d);
	if (rc)
		return rc;
	rc = mcnic_irq_init(d);
	if (rc) {
		mcnic_mbox_fini(d);
		return rc;
	}
	rc = mcnic_pci_net_up(d);
	if (!rc)
		rc = mcnic_cdev_init(d);
	if (rc)
		mcnic_pci_down(d);
	return rc;
}

static int mcnic_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mcnic_dev *d;
	int rc;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	kref_init(&d->ref);
	init_rwsem(&d->gate);
	mcnic_shadow_init(d);
	d->pdev = pdev;
	d->id = ida_alloc(&mcnic_ida, GFP_KERNEL);
	if (d->id < 0) {
		rc = d->id;
		kfree(d);
		return rc;
	}
	snprintf(d->name, sizeof(d->name), "mcnic%d", d->id);
	rc = mcnic_devlink_alloc(d);
	if (rc)
		goto err_put;
	rc = mcnic_pci_enable(pdev);
	if (rc)
		goto err_devlink;
	rc = mcnic_bus_init(&d->bus, pdev);
	if (rc == -ENODEV && pdev->vendor == MCNIC_PCI_VENDOR_SIM)
		dev_info(&pdev->dev, "ivshmem device without the mcnic signature: not ours\n");
	if (rc)
		goto err_disable;
	rc = mcnic_pci_up(d);
	if (rc)
		goto err_bus;
	pci_set_drvdata(pdev, d);
	mcnic_devlink_register(d);
	if (mcnic_health_init(d))
		dev_warn(&pdev->dev, "no firmware health reporter\n");
	dev_info(&pdev->dev, "%s: firmware %u.%u.%u, %u MSI-X vectors, %s, mailbox by %s\n",
		 d->name, d->fw_ver >> 16, (d->fw_ver >> 8) & 0xff,
		 d->fw_ver & 0xff, d->nvec,
		 d->bus.shm ? "mcnic-sim over ivshmem" : "BAR 0 MMIO",
		 d->mbox.dma_buf ? "DMA" : "registers");
	return 0;
err_bus:
	mcnic_bus_fini(&d->bus);
err_disable:
	mcnic_pci_disable(pdev);
err_devlink:
	mcnic_devlink_free(d);
err_put:
	mcnic_dev_put(d);
	return rc;
}

static void mcnic_pci_remove(struct pci_dev *pdev)
{
	struct mcnic_dev *d = pci_get_drvdata(pdev);

	mcnic_health_fini(d);
	devlink_unregister(d->devlink);
	mcnic_cdev_fini(d);
	down_write(&d->gate);
	d->gone = true;
	up_write(&d->gate);
	mcnic_pci_down(d);
	mcnic_bus_fini(&d->bus);
	mcnic_pci_disable(pdev);
	mcnic_devlink_free(d);
	mcnic_dev_put(d);
}

static const struct pci_device_id mcnic_pci_ids[] = {
	{ PCI_DEVICE(MCNIC_PCI_VENDOR_HW, MCNIC_PCI_DEVICE_HW) },
	{ PCI_DEVICE(MCNIC_PCI_VENDOR_SIM, MCNIC_PCI_DEVICE_SIM) },
	{ }
};
MODULE_DEVICE_TABLE(pci, mcnic_pci_ids);

static struct pci_driver mcnic_pci_driver = {
	.name = MCNIC_DRV_NAME,
	.id_table = mcnic_pci_ids,
	.probe = mcnic_pci_probe,
	.remove = mcnic_pci_remove,
};
module_pci_driver(mcnic_pci_driver);

MODULE_DESCRIPTION("mcnic multicloud SmartNIC");
MODULE_LICENSE("Dual MIT/GPL");
