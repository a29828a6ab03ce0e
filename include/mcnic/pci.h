/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * How a host reaches the NIC over PCI.
 *
 * A real board is a PCI function with MCNIC_PCI_VENDOR_HW:DEVICE_HW whose
 * BAR 0 is the register space of regs.h, read and written with MMIO.
 *
 * mcnic-sim, in a QEMU guest, is an ivshmem-doorbell device (1af4:1110)
 * served by mcnic-sim itself: QEMU connects to mcnic-sim's ivshmem socket
 * (docs/specs/ivshmem-spec in QEMU), receives the shared memory that is
 * the device's BAR 2 and one eventfd per MSI-X vector.  ivshmem traps no
 * MMIO of ours, so the BAR 0 accesses of regs.h travel through a ring in
 * BAR 2, the "shm bus", with PCIe's ordering: writes are posted, a read
 * returns only after every earlier access took effect.  Guest RAM is a
 * shared file mcnic-sim maps too: DMA address = guest physical address
 * = file offset, which holds for RAM below q35's PCI hole (a guest of at
 * most 2 GiB).
 * Another ivshmem device (a plain shared-memory one) is told apart by the
 * signature at the start of BAR 2.
 *
 * BAR 2 layout (little-endian):
 *
 *   0                 struct mcnic_shm_hdr (the device fills it before
 *                     QEMU can connect; the driver only reads it)
 *   hdr.ring_off      hdr.ring_size entries of struct mcnic_shm_op
 *
 * The driver owns a free-running producer index p, starting at hdr.cons
 * when it binds.  To access BAR 0 it waits until p - hdr.cons <
 * ring_size, fills entry p % ring_size (op, off, val), then writes its
 * seq = p + 1 last, moves p on and writes hdr.sim_peer << 16 |
 * MCNIC_SHM_VEC_BUS to ivshmem's Doorbell register.  The device executes
 * entries in order while entry[cons % ring_size].seq == cons + 1; for a
 * READ it writes the value into val before it moves hdr.cons past the
 * entry.  A READ's answer is valid once hdr.cons > its index.  Entries
 * with a bad op, or an offset outside BAR 0 or not 4-byte aligned, are
 * skipped and counted in hdr.skipped, and their val set to 0xffffffff
 * (what a PCIe read that fails returns).
 *
 * Interrupts: the device's vector v (regs.h, block IRQ) is MSI-X vector
 * v of the ivshmem device; hdr.vectors says how many the device raises,
 * and QEMU must be given at least that many (ivshmem-doorbell,vectors=).
 */
#ifndef MCNIC_PCI_H
#define MCNIC_PCI_H

#include "types.h"

/* A development ID for FPGA boards; a product would get its own. */
#define MCNIC_PCI_VENDOR_HW	0x1234
#define MCNIC_PCI_DEVICE_HW	0x6d63
#define MCNIC_PCI_VENDOR_SIM	0x1af4	/* Red Hat: ivshmem */
#define MCNIC_PCI_DEVICE_SIM	0x1110
#define MCNIC_PCI_BAR_REGS	0	/* real board: regs.h */
#define MCNIC_PCI_BAR_SHM	2	/* ivshmem: the shared memory */

/* ivshmem's own BAR 0 registers */
#define MCNIC_IVSHMEM_REG_IVPOS		0x08
#define MCNIC_IVSHMEM_REG_DOORBELL	0x0c

#define MCNIC_SHM_MAGIC		"MCNICSHM"	/* 8 bytes, no NUL */
#define MCNIC_SHM_VERSION	1
#define MCNIC_SHM_VEC_BUS	0	/* the device's doorbell vector */
#define MCNIC_SHM_SIZE		0x100000	/* BAR 2: a power of two */
#define MCNIC_SHM_RING		1024	/* entries, a power of two */

struct mcnic_shm_hdr {
	u8 magic[8];		/* MCNIC_SHM_MAGIC */
	u32 version;		/* MCNIC_SHM_VERSION */
	u32 ring_off;		/* BAR 2 offset of the ring */
	u32 ring_size;		/* entries; a power of two */
	u32 sim_peer;		/* ivshmem peer ID of the device */
	u32 bar0_size;		/* MCNIC_BAR0_SIZE (regs.h) */
	u32 vectors;		/* MSI-X vectors the device raises */
	u32 pad0[8];
	/* device-written, on its own cache line */
	u32 cons;		/* entries executed */
	u32 skipped;		/* entries refused (bad op or offset) */
	u32 pad1[14];
};

enum mcnic_shm_opcode {
	MCNIC_SHM_OP_READ = 1,
	MCNIC_SHM_OP_WRITE = 2,
};

struct mcnic_shm_op {
	u32 seq;		/* driver: its index + 1, written last */
	u16 op;			/* enum mcnic_shm_opcode */
	u16 pad;
	u32 off;		/* BAR 0 offset, 4-byte aligned */
	u32 val;		/* WRITE: the value; READ: the answer */
};

MCNIC_ASSERT_SIZE(struct mcnic_shm_hdr, 128);
MCNIC_ASSERT_SIZE(struct mcnic_shm_op, 16);

#endif /* MCNIC_PCI_H */
