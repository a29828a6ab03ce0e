// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * BAR 0 access.  A real board maps it and uses readl/writel.  On
 * mcnic-sim (an ivshmem-doorbell function) every access is an entry in
 * the shm bus ring of include/mcnic/pci.h: writes are posted, a read
 * waits until the device has executed it and everything before it, so
 * callers see PCIe ordering either way.  A device that stops executing
 * entries is declared dead, as a surprise-removed PCIe device is: reads
 * return all-ones from then on and writes are dropped, so no caller
 * loops forever on a register.
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/ktime.h>

#include "mcnic.h"

/* A read the sim has not answered by then means it is gone. */
#define MCNIC_BUS_TIMEOUT_NS	(2 * NSEC_PER_SEC)

static bool mcnic_bus_is_shm(const struct mcnic_bus *b)
{
	return b->shm;
}

static void mcnic_bus_die(struct mcnic_bus *b)
{
	if (!b->dead)
		dev_err(&b->pdev->dev,
			"device stopped answering register accesses (shm bus cons %u, prod %u)\n",
			READ_ONCE(b->shm->cons), b->prod);
	b->dead = true;
}

/* Wait until the device has executed entries up to (not incl.) upto. */
static bool mcnic_bus_wait(struct mcnic_bus *b, u32 upto)
{
	u64 deadline = ktime_get_ns() + MCNIC_BUS_TIMEOUT_NS;

	/* Acquire: a READ's answer is written before cons passes it. */
	while ((s32)(smp_load_acquire(&b->shm->cons) - upto) < 0) {
		if (ktime_get_ns() > deadline) {
			mcnic_bus_die(b);
			return false;
		}
		cpu_relax();
	}
	return true;
}

static void mcnic_bus_kick(struct mcnic_bus *b)
{
	writel(b->doorbell, b->ivshmem + MCNIC_IVSHMEM_REG_DOORBELL);
}

/* Post one entry; returns its ring slot, or NULL on a dead device. */
static struct mcnic_shm_op *mcnic_bus_post(struct mcnic_bus *b, u16 op,
					   u32 off, u32 val)
{
	struct mcnic_shm_op *e;

	if (b->prod - READ_ONCE(b->shm->cons) > b->ring_mask) {
		mcnic_bus_kick(b);
		if (!mcnic_bus_wait(b, b->prod - b->ring_mask))
			return NULL;
	}
	e = &b->ring[b->prod & b->ring_mask];
	WRITE_ONCE(e->op, op);
	WRITE_ONCE(e->off, off);
	WRITE_ONCE(e->val, val);
	/* Release: the device must not see seq before op, off and val. */
	smp_store_release(&e->seq, b->prod + 1);
	b->prod++;
	return e;
}

u32 mcnic_bus_read(struct mcnic_bus *b, u32 off)
{
	unsigned long flags;
	u32 val = ~0u;

	if (!mcnic_bus_is_shm(b))
		return readl(b->regs + off);
	spin_lock_irqsave(&b->lock, flags);
	if (!b->dead && mcnic_bus_post(b, MCNIC_SHM_OP_READ, off, 0)) {
		mcnic_bus_kick(b);
		if (mcnic_bus_wait(b, b->prod))
			val = READ_ONCE(b->ring[(b->prod - 1) & b->ring_mask].val);
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return val;
}

void mcnic_bus_write(struct mcnic_bus *b, u32 off, u32 val)
{
	unsigned long flags;

	if (!mcnic_bus_is_shm(b)) {
		writel(val, b->regs + off);
		return;
	}
	spin_lock_irqsave(&b->lock, flags);
	if (!b->dead && mcnic_bus_post(b, MCNIC_SHM_OP_WRITE, off, val))
		mcnic_bus_kick(b);
	spin_unlock_irqrestore(&b->lock, flags);
}

void mcnic_bus_write_block(struct mcnic_bus *b, u32 off, const u32 *buf,
			   u32 n)
{
	unsigned long flags;
	u32 i;

	if (!mcnic_bus_is_shm(b)) {
		for (i = 0; i < n; i++)
			writel(buf[i], b->regs + off + 4 * i);
		return;
	}
	spin_lock_irqsave(&b->lock, flags);
	for (i = 0; i < n && !b->dead; i++)
		mcnic_bus_post(b, MCNIC_SHM_OP_WRITE, off + 4 * i, buf[i]);
	if (!b->dead)
		mcnic_bus_kick(b);
	spin_unlock_irqrestore(&b->lock, flags);
}

/* Up to a ring of reads in flight, then one wait for all of them. */
static bool mcnic_bus_read_chunk(struct mcnic_bus *b, u32 off, u32 *buf,
				 u32 n)
{
	u32 first = b->prod, i;

	for (i = 0; i < n; i++)
		if (!mcnic_bus_post(b, MCNIC_SHM_OP_READ, off + 4 * i, 0))
			return false;
	mcnic_bus_kick(b);
	if (!mcnic_bus_wait(b, b->prod))
		return false;
	for (i = 0; i < n; i++)
		buf[i] = READ_ONCE(b->ring[(first + i) & b->ring_mask].val);
	return true;
}

int mcnic_bus_read_block(struct mcnic_bus *b, u32 off, u32 *buf, u32 n)
{
	unsigned long flags;
	u32 i, k;
	bool ok = true;

	if (!mcnic_bus_is_shm(b)) {
		for (i = 0; i < n; i++)
			buf[i] = readl(b->regs + off + 4 * i);
		return 0;
	}
	for (i = 0; i < n && ok; i += k) {
		k = min(n - i, b->ring_mask + 1);
		spin_lock_irqsave(&b->lock, flags);
		ok = !b->dead && mcnic_bus_read_chunk(b, off + 4 * i, buf + i, k);
		spin_unlock_irqrestore(&b->lock, flags);
	}
	return ok ? 0 : -ENODEV;
}

static int mcnic_bus_init_mmio(struct mcnic_bus *b)
{
	struct pci_dev *pdev = b->pdev;

	if (pci_resource_len(pdev, MCNIC_PCI_BAR_REGS) < MCNIC_BAR0_SIZE) {
		dev_err(&pdev->dev, "BAR 0 is %llu bytes, under %u\n",
			(u64)pci_resource_len(pdev, MCNIC_PCI_BAR_REGS),
			MCNIC_BAR0_SIZE);
		return -ENODEV;
	}
	b->regs = pci_iomap(pdev, MCNIC_PCI_BAR_REGS, MCNIC_BAR0_SIZE);
	return b->regs ? 0 : -ENOMEM;
}

/* The shm header must describe a ring inside BAR 2 and our BAR 0. */
static int mcnic_bus_check_shm(struct mcnic_bus *b, u64 len)
{
	struct mcnic_shm_hdr *h = b->shm;
	u32 n = READ_ONCE(h->ring_size), off = READ_ONCE(h->ring_off);

	if (memcmp(h->magic, MCNIC_SHM_MAGIC, sizeof(h->magic)))
		return -ENODEV;
	if (READ_ONCE(h->version) != MCNIC_SHM_VERSION ||
	    READ_ONCE(h->bar0_size) != MCNIC_BAR0_SIZE || !is_power_of_2(n) ||
	    off % sizeof(*b->ring) || off < sizeof(*h) || off >= len ||
	    n > (len - off) / sizeof(*b->ring) || READ_ONCE(h->sim_peer) > 0xffff) {
		dev_err(&b->pdev->dev,
			"shm bus header not understood (version %u, ring %u at %#x, BAR 0 %#x bytes)\n",
			READ_ONCE(h->version), n, off, READ_ONCE(h->bar0_size));
		return -EPROTO;
	}
	b->ring = (struct mcnic_shm_op *)((u8 *)h + off);
	b->ring_mask = n - 1;
	b->prod = READ_ONCE(h->cons);
	b->doorbell = READ_ONCE(h->sim_peer) << 16 | MCNIC_SHM_VEC_BUS;
	return 0;
}

static int mcnic_bus_init_shm(struct mcnic_bus *b)
{
	struct pci_dev *pdev = b->pdev;
	u64 len = pci_resource_len(pdev, MCNIC_PCI_BAR_SHM);
	int rc;

	if (len < sizeof(struct mcnic_shm_hdr) ||
	    !(pci_resource_flags(pdev, MCNIC_PCI_BAR_SHM) & IORESOURCE_MEM))
		return -ENODEV;
	b->shm = memremap(pci_resource_start(pdev, MCNIC_PCI_BAR_SHM), len,
			  MEMREMAP_WB);
	if (!b->shm)
		return -ENOMEM;
	rc = mcnic_bus_check_shm(b, len);
	if (rc)
		goto err;
	b->ivshmem = pci_iomap(pdev, 0, 0);
	if (!b->ivshmem) {
		rc = -ENOMEM;
		goto err;
	}
	return 0;
err:
	memunmap(b->shm);
	b->shm = NULL;
	return rc;
}

int mcnic_bus_init(struct mcnic_bus *b, struct pci_dev *pdev)
{
	spin_lock_init(&b->lock);
	b->pdev = pdev;
	if (pdev->vendor == MCNIC_PCI_VENDOR_SIM &&
	    pdev->device == MCNIC_PCI_DEVICE_SIM)
		return mcnic_bus_init_shm(b);
	return mcnic_bus_init_mmio(b);
}

void mcnic_bus_fini(struct mcnic_bus *b)
{
	if (b->regs)
		pci_iounmap(b->pdev, b->regs);
	if (b->ivshmem)
		pci_iounmap(b->pdev, b->ivshmem);
	if (b->shm)
		memunmap(b->shm);
	b->regs = NULL;
	b->ivshmem = NULL;
	b->shm = NULL;
}
