// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * NICs by PCI address: libpci finds the function and checks it is an
 * mcnic (vendor and device id).  Talking to it needs the kernel driver,
 * which owns the BAR mailbox, so a found NIC still ends in -ENODEV until
 * the driver's interface exists.  libpci reports errors by calling a
 * handler that must not return: we jump back out of it.
 */
#include <errno.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdio.h>

#include "mcnic_priv.h"

static __thread jmp_buf mcnic_pci_jmp;
static __thread char mcnic_pci_msg[160];

static void __attribute__((noreturn)) mcnic_pci_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(mcnic_pci_msg, sizeof(mcnic_pci_msg), msg, ap);
	va_end(ap);
	longjmp(mcnic_pci_jmp, 1);
}

static void mcnic_pci_quiet(char *msg, ...)
{
}

static struct pci_dev *mcnic_pci_find(struct pci_access *pa, unsigned int dom,
				      unsigned int bus, unsigned int dev,
				      unsigned int fn)
{
	struct pci_dev *d;

	pci_scan_bus(pa);
	for (d = pa->devices; d; d = d->next)
		if (d->domain == (int)dom && d->bus == bus && d->dev == dev &&
		    d->func == fn)
			return d;
	return NULL;
}

static int mcnic_pci_check(struct pci_access *pa, const char *addr)
{
	unsigned int dom, bus, dev, fn;
	struct pci_dev *d;

	if (sscanf(addr, "%x:%x:%x.%x", &dom, &bus, &dev, &fn) != 4 ||
	    bus > 0xff || dev > 0x1f || fn > 7)
		return mcnic_open_err(-EINVAL, "%s: not a PCI address", addr);
	d = mcnic_pci_find(pa, dom, bus, dev, fn);
	if (!d)
		return mcnic_open_err(-ENODEV, "%s: no such PCI device", addr);
	pci_fill_info(d, PCI_FILL_IDENT);
	if (d->vendor_id != MCNIC_PCI_VENDOR ||
	    d->device_id != MCNIC_PCI_DEVICE)
		return mcnic_open_err(-ENODEV,
				      "%s: PCI device %04x:%04x is not an mcnic (%04x:%04x)",
				      addr, d->vendor_id, d->device_id,
				      MCNIC_PCI_VENDOR, MCNIC_PCI_DEVICE);
	return mcnic_open_err(-ENODEV,
			      "%s: mcnic found; talking to it needs the kernel driver (mcnic.ko)",
			      addr);
}

int mcnic_xport_pci_open(struct mcnic *h, const char *addr)
{
	struct pci_access *pa = pci_alloc();
	int r;

	if (!pa)
		return mcnic_open_err(-ENOMEM, "%s: libpci: out of memory", addr);
	pa->error = mcnic_pci_error;
	pa->warning = mcnic_pci_quiet;
	pa->debug = mcnic_pci_quiet;
	if (setjmp(mcnic_pci_jmp)) {
		r = mcnic_open_err(-ENODEV, "%s: libpci: %s", addr,
				   mcnic_pci_msg);
	} else {
		pci_init(pa);
		r = mcnic_pci_check(pa, addr);
	}
	pci_cleanup(pa);
	return r;
}
