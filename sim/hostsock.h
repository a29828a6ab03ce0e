/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The host socket server (include/mcnic/simsock.h): several clients at
 * once on a UNIX stream socket, all non-blocking.  Requests of one client
 * are answered in order.  Each client has a bounded output queue: a frame
 * for a client whose queue is full is dropped and counted, and a client
 * is not read while its queue could not take a command's answer, so a
 * slow or dead client never blocks the daemon.  A malformed message
 * closes that client only.  A client may send any number of requests
 * without reading in between; they are answered as it reads.
 *
 * One client at a time is the NIC's PCIe side: the first whose MAP
 * succeeds.  A MAP from any other client is answered -EBUSY while it is
 * connected.  Interrupts go to it; when it closes, ops->unmap runs (the
 * daemon stops the queues and drops the mappings).  The PCIe side may
 * also be no client at all (QEMU, through ivshmem.h): then every MAP is
 * answered -EBUSY and every REG_WRITE dropped.
 */
#ifndef MCNIC_SIM_HOSTSOCK_H
#define MCNIC_SIM_HOSTSOCK_H

#include <poll.h>
#include <stddef.h>
#include <sys/un.h>
#include <mcnic/simsock.h>

#define MCNIC_HOSTSOCK_CLIENTS	64

struct mcnic_hostsock;

/* What the socket asks of the rest of the daemon. */
struct mcnic_hostsock_ops {
	/* Execute a mailbox request; returns the answer's length. */
	u32 (*cmd)(void *ctx, const void *req, u32 len, void *resp, u32 max);
	/*
	 * A frame a client sends on host vport port.  It may wait, with
	 * the frames after it, until frames_end.
	 */
	void (*frame)(void *ctx, u16 port, const u8 *data, u32 len);
	/*
	 * The frames given so far are all a client has sent before its next
	 * other message (or for now): run those still waiting.
	 */
	void (*frames_end)(void *ctx);
	/* Nonzero if port is a host vport of this board. */
	int (*is_vport)(void *ctx, u16 port);
	/* BAR 0 accesses (REG_READ, REG_WRITE). */
	u32 (*reg_read)(void *ctx, u32 off);
	void (*reg_write)(void *ctx, u32 off, u32 val);
	/* Host memory for DMA from the PCIe side: 0 or -errno with err. */
	int (*map)(void *ctx, int fd, const struct mcnic_sock_map *m,
		   char *err, size_t errlen);
	/* The PCIe side went away: no DMA from now on. */
	void (*unmap)(void *ctx);
};

struct mcnic_hostsock_stats {
	u64 accepted;
	u64 refused;		/* over MCNIC_HOSTSOCK_CLIENTS */
	u64 accept_errors;	/* accept() failed (out of descriptors) */
	u64 malformed;		/* clients closed for a bad message */
	u64 cmds;
	u64 frames_in;
	u64 frames_out;
	u64 out_drops;		/* frames for clients with full queues */
	u64 maps;
	u64 maps_refused;
	u64 regs;		/* REG_READ and REG_WRITE */
	u64 reg_writes_refused;	/* by a client other than the PCIe side */
	u64 irqs;		/* IRQ messages sent */
	u64 irqs_lost;		/* raised with no PCIe side connected */
};

/*
 * Listen on path.  A socket there that nobody answers on (left by a
 * killed daemon) is replaced; a live one (-EADDRINUSE) or a file that is
 * not a socket (-EEXIST) is left alone.  0 or -errno with err.
 */
int mcnic_hostsock_open(struct mcnic_hostsock **hs, const char *path,
			const struct mcnic_hostsock_ops *ops, void *ctx,
			char *err, size_t errlen);
/*
 * Makes the UNIX socket path sa free to bind: a socket there that nobody
 * answers on is removed; a live one (-EADDRINUSE) or a file that is not
 * a socket (-EEXIST) is left alone.  0 or -errno with err.
 */
int mcnic_hostsock_claim_path(const struct sockaddr_un *sa, char *err,
			      size_t errlen);
/* Flush what can be flushed, close every client, unlink the socket. */
void mcnic_hostsock_close(struct mcnic_hostsock *hs);

/* The descriptors to poll (at most 1 + MCNIC_HOSTSOCK_CLIENTS). */
unsigned int mcnic_hostsock_fill(struct mcnic_hostsock *hs,
				 struct pollfd *pfd);
/*
 * The poll() timeout the socket needs (ms, -1: none): after accept()
 * failed, it listens again once this passes.
 */
int mcnic_hostsock_timeout(const struct mcnic_hostsock *hs);
/* Handle what poll() reported on the descriptors fill() gave. */
void mcnic_hostsock_events(struct mcnic_hostsock *hs,
			   const struct pollfd *pfd, unsigned int n);

/* A frame the NIC delivers to vport port, queue: to attached clients. */
void mcnic_hostsock_deliver(struct mcnic_hostsock *hs, u16 port, u16 queue,
			    const u8 *frame, u32 len);

/*
 * Interrupt vectors raised (one bit each): an IRQ message per vector to
 * the PCIe-side client, held while its output is full.
 */
void mcnic_hostsock_irq(struct mcnic_hostsock *hs, u32 vectors);

/*
 * who (a name the log shows, kept by pointer) is the PCIe side from now
 * on, or with NULL no longer is.  -EBUSY, and nothing changes, while a
 * client is the PCIe side.
 */
int mcnic_hostsock_pcie_other(struct mcnic_hostsock *hs, const char *who);

const struct mcnic_hostsock_stats *
mcnic_hostsock_stats(const struct mcnic_hostsock *hs);

#endif /* MCNIC_SIM_HOSTSOCK_H */
