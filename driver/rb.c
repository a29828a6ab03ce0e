// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The chain of self-describing register blocks (include/mcnic/regs.h).
 * The device is untrusted here: a chain that loops, runs outside BAR 0 or
 * is misaligned ends the walk with an error instead of being followed.
 */
#include "mcnic.h"

/* More blocks than a BAR 0 could sensibly hold means a looping chain. */
#define MCNIC_RB_MAX	64

static void mcnic_rb_take(struct mcnic_dev *d, u32 off, u32 type, u32 ver)
{
	struct { u32 type, ver, *slot; } const known[] = {
		{ MCNIC_RB_TYPE_DEV, MCNIC_RB_DEV_VER, &d->rb.dev },
		{ MCNIC_RB_TYPE_MBOX, MCNIC_RB_MBOX_VER, &d->rb.mbox },
		{ MCNIC_RB_TYPE_QM, MCNIC_RB_QM_VER, &d->rb.qm },
		{ MCNIC_RB_TYPE_IRQ, MCNIC_RB_IRQ_VER, &d->rb.irq },
		{ MCNIC_RB_TYPE_PORTS, MCNIC_RB_PORTS_VER, &d->rb.ports },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		if (known[i].type != type)
			continue;
		/* Same major version: newer minors only add registers. */
		if ((ver >> 16) != (known[i].ver >> 16)) {
			dev_warn(&d->pdev->dev,
				 "register block %#x at %#x: version %#x not supported, skipped\n",
				 type, off, ver);
			return;
		}
		/* The first of a kind counts (DEV sits at offset 0). */
		if (!(d->rb.found & BIT(i))) {
			*known[i].slot = off;
			d->rb.found |= BIT(i);
		}
		return;
	}
	dev_dbg(&d->pdev->dev, "register block %#x at %#x: unknown, skipped\n",
		type, off);
}

int mcnic_rb_init(struct mcnic_dev *d)
{
	u32 off = 0, hdr[3], n;
	int rc;

	for (n = 0; n < MCNIC_RB_MAX; n++) {
		rc = mcnic_bus_read_block(&d->bus, off, hdr, ARRAY_SIZE(hdr));
		if (rc)
			return rc;
		mcnic_rb_take(d, off, hdr[0], hdr[1]);
		if (!hdr[2])
			break;
		if (hdr[2] <= off || hdr[2] % 16 ||
		    hdr[2] > MCNIC_BAR0_SIZE - sizeof(struct mcnic_rb)) {
			dev_err(&d->pdev->dev,
				"register block at %#x points to %#x: chain broken\n",
				off, hdr[2]);
			return -EIO;
		}
		off = hdr[2];
	}
	if (n == MCNIC_RB_MAX) {
		dev_err(&d->pdev->dev, "register block chain longer than %u\n",
			MCNIC_RB_MAX);
		return -EIO;
	}
	if ((d->rb.found & MCNIC_RB_NEEDED) != MCNIC_RB_NEEDED) {
		dev_err(&d->pdev->dev, "register blocks missing:%s%s%s\n",
			d->rb.found & MCNIC_RB_HAS_DEV ? "" : " DEV",
			d->rb.found & MCNIC_RB_HAS_MBOX ? "" : " MBOX",
			d->rb.found & MCNIC_RB_HAS_IRQ ? "" : " IRQ");
		return -ENODEV;
	}
	return 0;
}
