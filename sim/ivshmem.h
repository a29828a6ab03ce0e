/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * mcnic-sim as an ivshmem-doorbell PCI device of a QEMU guest
 * (include/mcnic/pci.h): an ivshmem server (QEMU's
 * docs/specs/ivshmem-spec) for one QEMU at a time, in which the NIC is
 * itself the only other peer.  On connect QEMU gets protocol version 0,
 * its ID (MCNIC_IVSHMEM_CLIENT_ID), BAR 2 (the shm bus, shmbus.h), the
 * NIC's peer ID (hdr.sim_peer, MCNIC_IVSHMEM_SIM_PEER) with one eventfd
 * per vector for ringing it, and its own ID with one eventfd per vector
 * that the NIC writes to raise MSI-X vector v in the guest.  Only vector
 * MCNIC_SHM_VEC_BUS of the NIC is listened to: the shm bus's doorbell.
 * A second QEMU is refused (closed at once) while one is connected.
 *
 * The connected QEMU is the NIC's PCIe side, as a MAP client of the host
 * socket is: ops->claim must agree first (there is only one), and guest
 * RAM, a file QEMU shares (memory-backend-file,share=on), is DMA memory
 * at DMA address = file offset.  QEMU creates and sizes that file after
 * it connects, so it is mapped at connect if it is there already, else
 * at the first doorbell.  When QEMU goes, ops->unmap runs.
 *
 * After executing ring entries the server asks for a zero poll() timeout
 * for MCNIC_IVSHMEM_SPIN_US, so a driver's next access is taken without
 * a wake-up, and the daemon's rounds (interrupts, queues) go on while it
 * spins.
 */
#ifndef MCNIC_SIM_IVSHMEM_H
#define MCNIC_SIM_IVSHMEM_H

#include <poll.h>
#include <stddef.h>
#include <mcnic/simsock.h>
#include "shmbus.h"

#define MCNIC_IVSHMEM_POLL	3	/* descriptors fill() gives */
#define MCNIC_IVSHMEM_VECTORS_MAX	32	/* a u32 of raised vectors */
#define MCNIC_IVSHMEM_SIM_PEER	0
#define MCNIC_IVSHMEM_CLIENT_ID	1
#define MCNIC_IVSHMEM_SPIN_US	20

struct mcnic_ivshmem;

/* What the server asks of the rest of the daemon. */
struct mcnic_ivshmem_ops {
	/* BAR 0, as the shm bus's entries access it. */
	u32 (*reg_read)(void *ctx, u32 off);
	void (*reg_write)(void *ctx, u32 off, u32 val);
	/* A QEMU would be the PCIe side: 0, or -errno with err (refused). */
	int (*claim)(void *ctx, char *err, size_t errlen);
	/* Guest RAM for DMA: 0 or -errno with err; fd stays the caller's. */
	int (*map)(void *ctx, int fd, const struct mcnic_sock_map *m,
		   char *err, size_t errlen);
	/* The claimed PCIe side went away: no DMA from now on. */
	void (*unmap)(void *ctx);
};

struct mcnic_ivshmem_cfg {
	const char *path;		/* the UNIX socket QEMU connects to */
	const char *guest_ram;		/* the file QEMU's guest RAM is */
	u32 vectors;			/* MSI-X vectors the NIC raises */
	const struct mcnic_ivshmem_ops *ops;
	void *ctx;
};

struct mcnic_ivshmem_stats {
	u64 connects;
	u64 refused;		/* while one is connected, or not claimed */
	u64 accept_errors;
	u64 ram_maps;		/* guest RAM mapped */
	u64 ram_errors;		/* guest RAM that could not be mapped */
	u64 doorbells;		/* wake-ups on the bus's eventfd */
	u64 irqs;		/* eventfd writes to QEMU */
	u64 irqs_lost;		/* raised with no QEMU, or the write failed */
};

/*
 * Creates the shm bus and the NIC's eventfds and listens on cfg->path
 * (a stale socket there is replaced, as the host socket does).  0 or
 * -errno with err.
 */
int mcnic_ivshmem_open(struct mcnic_ivshmem **iv,
		       const struct mcnic_ivshmem_cfg *cfg, char *err,
		       size_t errlen);
/* Drops the client (ops->unmap), closes everything, unlinks the socket. */
void mcnic_ivshmem_close(struct mcnic_ivshmem *iv);

/* The descriptors to poll: always MCNIC_IVSHMEM_POLL (unused ones -1). */
unsigned int mcnic_ivshmem_fill(struct mcnic_ivshmem *iv,
				struct pollfd *pfd);
/* The poll() timeout the server needs (ms; 0 while spinning; -1: none). */
int mcnic_ivshmem_timeout(const struct mcnic_ivshmem *iv);
/*
 * Handles what poll() reported on fill()'s descriptors, and executes
 * what is in the ring while a QEMU is connected.
 */
void mcnic_ivshmem_events(struct mcnic_ivshmem *iv, const struct pollfd *pfd,
			  unsigned int n);

/* Nonzero while a QEMU is connected (and so the PCIe side). */
int mcnic_ivshmem_connected(const struct mcnic_ivshmem *iv);
/* Interrupt vectors raised (one bit each): an eventfd write each. */
void mcnic_ivshmem_irq(struct mcnic_ivshmem *iv, u32 vectors);

const struct mcnic_ivshmem_stats *
mcnic_ivshmem_stats(const struct mcnic_ivshmem *iv);
const struct mcnic_shmbus_stats *
mcnic_ivshmem_bus_stats(const struct mcnic_ivshmem *iv);

#endif /* MCNIC_SIM_IVSHMEM_H */
