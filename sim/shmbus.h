/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The shm bus (include/mcnic/pci.h): BAR 2 of the ivshmem device that
 * mcnic-sim is in a QEMU guest, a header and a ring of BAR 0 accesses
 * the guest's driver fills.  The memory is a sealed memfd (it can
 * neither shrink nor grow, so no access to it ever faults) passed to
 * QEMU; the device side never trusts what the guest may have written
 * there besides the ring entries: its consumer index and counters are
 * kept here and only published to the header.
 */
#ifndef MCNIC_SIM_SHMBUS_H
#define MCNIC_SIM_SHMBUS_H

#include <stddef.h>
#include <mcnic/pci.h>

#define MCNIC_SHMBUS_RING_OFF	0x1000u	/* hdr.ring_off: a page in */
/* Entries per run: a guest that keeps the ring full cannot starve the
 * daemon's loop. */
#define MCNIC_SHMBUS_BUDGET	MCNIC_SHM_RING

struct mcnic_shmbus;

/* BAR 0 as the device model has it. */
struct mcnic_shmbus_ops {
	u32 (*reg_read)(void *ctx, u32 off);
	void (*reg_write)(void *ctx, u32 off, u32 val);
};

struct mcnic_shmbus_stats {
	u64 ops;		/* entries executed, skipped ones included */
	u64 reads;
	u64 writes;
	u64 skipped;		/* bad op, offset outside BAR 0, unaligned */
};

/*
 * Creates the shared memory with its header filled in: sim_peer is the
 * device's ivshmem peer ID, vectors the MSI-X vectors it raises.  0 or
 * -errno with err.
 */
int mcnic_shmbus_create(struct mcnic_shmbus **bus, u32 sim_peer,
			u32 vectors, const struct mcnic_shmbus_ops *ops,
			void *ctx, char *err, size_t errlen);
void mcnic_shmbus_destroy(struct mcnic_shmbus *bus);

/* The memfd QEMU maps as BAR 2 (stays the bus's). */
int mcnic_shmbus_fd(const struct mcnic_shmbus *bus);

/*
 * Executes the entries published so far, in order, each one's answer
 * and hdr.cons made visible before the next starts, at most
 * MCNIC_SHMBUS_BUDGET of them.  Returns how many.
 */
u32 mcnic_shmbus_run(struct mcnic_shmbus *bus);

const struct mcnic_shmbus_stats *
mcnic_shmbus_stats(const struct mcnic_shmbus *bus);

#endif /* MCNIC_SIM_SHMBUS_H */
