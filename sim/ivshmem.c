// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The ivshmem server (ivshmem.h).  The whole set-up is sent the moment
 * QEMU connects: QEMU reads it synchronously while it realizes the
 * device, before its main loop runs, and 3 + 2 * vectors messages of 8
 * bytes fit a UNIX socket's buffer, so a send that would block means a
 * broken client and drops it.  QEMU sends nothing back; its end of the
 * socket is read only to see it close.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "hostsock.h"
#include "ivshmem.h"
#include "log.h"

#define IV_ACCEPT_PAUSE_NS	100000000ull
#define IV_PROTOCOL_VERSION	0
#define IV_SHM_MSG		(-1)	/* the message that carries BAR 2 */

enum iv_pfd { IV_PFD_LISTEN, IV_PFD_CLIENT, IV_PFD_BELL };

enum iv_ram {
	IV_RAM_WAIT,		/* not there yet: try at the next doorbell */
	IV_RAM_MAPPED,
	IV_RAM_FAILED,		/* logged; no DMA for this client */
};

struct mcnic_ivshmem {
	int fd;			/* listening */
	int cfd;		/* the QEMU, or -1 */
	char path[108];
	const char *ram_path;
	enum iv_ram ram;
	u32 nvec;
	int bell[MCNIC_IVSHMEM_VECTORS_MAX];	/* the NIC's, for QEMU */
	int irq[MCNIC_IVSHMEM_VECTORS_MAX];	/* QEMU's, per client */
	u64 hot_until;		/* ns: spin (timeout 0) until then */
	u64 accept_resume;	/* ns; listen again from then, 0: listening */
	struct mcnic_shmbus *bus;
	const struct mcnic_ivshmem_ops *ops;
	void *ctx;
	struct mcnic_ivshmem_stats st;
};

static u64 iv_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static u32 iv_reg_read(void *ctx, u32 off)
{
	struct mcnic_ivshmem *iv = ctx;

	return iv->ops->reg_read(iv->ctx, off);
}

static void iv_reg_write(void *ctx, u32 off, u32 val)
{
	struct mcnic_ivshmem *iv = ctx;

	iv->ops->reg_write(iv->ctx, off, val);
}

static const struct mcnic_shmbus_ops iv_bus_ops = {
	.reg_read = iv_reg_read,
	.reg_write = iv_reg_write,
};

static void iv_fds_close(int *fds, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}

static int iv_fds_open(int *fds, u32 n)
{
	u32 i;
	int e;

	for (i = 0; i < n; i++) {
		fds[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (fds[i] < 0) {
			e = errno;
			iv_fds_close(fds, i);
			return -e;
		}
	}
	return 0;
}

static int iv_listen(struct mcnic_ivshmem *iv, const char *path, char *err,
		     size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int rc;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "ivshmem %s: path longer than %zu bytes",
			 path, sizeof(sa.sun_path) - 1);
		return -ENAMETOOLONG;
	}
	strcpy(sa.sun_path, path);
	rc = mcnic_hostsock_claim_path(&sa, err, errlen);
	if (rc)
		return rc;
	iv->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);
	if (iv->fd < 0 || bind(iv->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(iv->fd, 4)) {
		rc = -errno;
		snprintf(err, errlen, "ivshmem %s: %s", path, strerror(-rc));
		return rc;
	}
	strcpy(iv->path, path);
	return 0;
}

int mcnic_ivshmem_open(struct mcnic_ivshmem **ivp,
		       const struct mcnic_ivshmem_cfg *cfg, char *err,
		       size_t errlen)
{
	struct mcnic_ivshmem *iv;
	int rc;

	if (!cfg->vectors || cfg->vectors > MCNIC_IVSHMEM_VECTORS_MAX) {
		snprintf(err, errlen, "ivshmem: %u vectors: 1..%d", cfg->vectors,
			 MCNIC_IVSHMEM_VECTORS_MAX);
		return -EINVAL;
	}
	iv = calloc(1, sizeof(*iv));
	if (!iv)
		return -ENOMEM;
	iv->fd = iv->cfd = -1;
	iv->nvec = cfg->vectors;
	iv->ram_path = cfg->guest_ram;
	iv->ops = cfg->ops;
	iv->ctx = cfg->ctx;
	memset(iv->bell, -1, sizeof(iv->bell));
	memset(iv->irq, -1, sizeof(iv->irq));
	rc = mcnic_shmbus_create(&iv->bus, MCNIC_IVSHMEM_SIM_PEER, iv->nvec,
				 &iv_bus_ops, iv, err, errlen);
	if (!rc) {
		rc = iv_fds_open(iv->bell, iv->nvec);
		if (rc)
			snprintf(err, errlen, "ivshmem: eventfd: %s",
				 strerror(-rc));
	}
	rc = rc ?: iv_listen(iv, cfg->path, err, errlen);
	if (rc) {
		mcnic_ivshmem_close(iv);
		return rc;
	}
	*ivp = iv;
	return 0;
}

/* One message: a little-endian int64 and, if fd >= 0, fd with it. */
static int iv_send(int sock, s64 msg, int fd)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	u64 le = htole64((u64)msg);
	struct iovec iov = { .iov_base = &le, .iov_len = sizeof(le) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	ssize_t n;

	if (fd >= 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	n = sendmsg(sock, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n == sizeof(le))
		return 0;
	return n < 0 ? -errno : -EIO;
}

/* The set-up of ivshmem-spec, in its order. */
static int iv_send_setup(struct mcnic_ivshmem *iv, int sock)
{
	int rc;
	u32 v;

	rc = iv_send(sock, IV_PROTOCOL_VERSION, -1);
	rc = rc ?: iv_send(sock, MCNIC_IVSHMEM_CLIENT_ID, -1);
	rc = rc ?: iv_send(sock, IV_SHM_MSG, mcnic_shmbus_fd(iv->bus));
	for (v = 0; v < iv->nvec && !rc; v++)
		rc = iv_send(sock, MCNIC_IVSHMEM_SIM_PEER, iv->bell[v]);
	for (v = 0; v < iv->nvec && !rc; v++)
		rc = iv_send(sock, MCNIC_IVSHMEM_CLIENT_ID, iv->irq[v]);
	return rc;
}

/*
 * q35's layout of guest RAM (QEMU's pc_q35_init): up to 2.75 GiB all of
 * it sits at guest physical 0; from 2.75 GiB on, the first 2 GiB do and
 * the rest sits at 4 GiB, continuing the file where the first part ends.
 */
#define IV_Q35_SPLIT_AT		0xb0000000ull
#define IV_Q35_LOWMEM		0x80000000ull
#define IV_Q35_HIGH_BASE	0x100000000ull

static int iv_map_q35(struct mcnic_ivshmem *iv, int fd, u64 size, char *err,
		      size_t errlen)
{
	struct mcnic_sock_map lo = { .size = size }, hi = { 0 };
	int rc;

	if (size >= IV_Q35_SPLIT_AT) {
		lo.size = IV_Q35_LOWMEM;
		hi = (struct mcnic_sock_map) {
			.dma_addr = IV_Q35_HIGH_BASE,
			.size = size - IV_Q35_LOWMEM,
			.offset = IV_Q35_LOWMEM,
		};
	}
	rc = iv->ops->map(iv->ctx, fd, &lo, err, errlen);
	if (!rc && hi.size) {
		rc = iv->ops->map(iv->ctx, fd, &hi, err, errlen);
		if (rc)
			iv->ops->unmap(iv->ctx);	/* all or nothing */
	}
	if (rc)
		return rc;
	if (hi.size)
		mcnic_log("ivshmem: guest RAM %s mapped: DMA 0x0..0x%llx and "
			  "0x%llx..0x%llx", iv->ram_path,
			  (unsigned long long)(lo.size - 1),
			  (unsigned long long)hi.dma_addr,
			  (unsigned long long)(hi.dma_addr + hi.size - 1));
	else
		mcnic_log("ivshmem: guest RAM %s mapped: DMA 0x0..0x%llx",
			  iv->ram_path, (unsigned long long)(lo.size - 1));
	return 0;
}

/*
 * Guest RAM as DMA memory, laid out as q35 lays it out.  A missing or
 * empty file is one QEMU has not created or sized yet.
 */
static void iv_map_ram(struct mcnic_ivshmem *iv, int at_connect)
{
	struct stat st;
	char err[192];
	int fd, rc;

	fd = open(iv->ram_path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT) {
		snprintf(err, sizeof(err), "%s", strerror(errno));
		rc = -1;
	} else if (fd < 0 || fstat(fd, &st) || !st.st_size) {
		if (at_connect)
			mcnic_log("ivshmem: guest RAM %s not there yet: mapped "
				  "at the first doorbell", iv->ram_path);
		if (fd >= 0)
			close(fd);
		return;
	} else {
		rc = iv_map_q35(iv, fd, st.st_size, err, sizeof(err));
		close(fd);
	}
	if (rc) {
		iv->ram = IV_RAM_FAILED;
		mcnic_log_counted(&iv->st.ram_errors, "guest RAM errors",
				  "ivshmem: guest RAM %s: %s; no DMA",
				  iv->ram_path, err);
		return;
	}
	iv->ram = IV_RAM_MAPPED;
	iv->st.ram_maps++;
}

static void iv_refuse(struct mcnic_ivshmem *iv, int fd, const char *why)
{
	mcnic_log_counted(&iv->st.refused, "ivshmem clients refused",
			  "ivshmem: client refused: %s", why);
	close(fd);
}

static void iv_connected(struct mcnic_ivshmem *iv, int fd)
{
	struct ucred cred;
	socklen_t cl = sizeof(cred);

	iv->cfd = fd;
	iv->ram = IV_RAM_WAIT;
	iv->st.connects++;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl))
		cred.pid = 0;
	mcnic_log("ivshmem: QEMU connected (pid %d): PCIe side, peer %d, the "
		  "NIC peer %d, %u vectors", (int)cred.pid,
		  MCNIC_IVSHMEM_CLIENT_ID, MCNIC_IVSHMEM_SIM_PEER, iv->nvec);
	iv_map_ram(iv, 1);
}

static void iv_accept(struct mcnic_ivshmem *iv)
{
	char err[192];
	int fd, rc;

	fd = accept4(iv->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED)
			return;
		/* Out of descriptors, the socket stays readable: pause. */
		mcnic_log_counted(&iv->st.accept_errors, "ivshmem accept "
				  "errors", "ivshmem: accept: %s",
				  strerror(errno));
		iv->accept_resume = iv_now() + IV_ACCEPT_PAUSE_NS;
		return;
	}
	if (iv->cfd >= 0) {
		iv_refuse(iv, fd, "a QEMU is connected");
		return;
	}
	rc = iv_fds_open(iv->irq, iv->nvec);
	if (rc) {
		snprintf(err, sizeof(err), "eventfd: %s", strerror(-rc));
		iv_refuse(iv, fd, err);
		return;
	}
	rc = iv->ops->claim(iv->ctx, err, sizeof(err));
	if (!rc) {
		rc = iv_send_setup(iv, fd);
		if (rc) {
			iv->ops->unmap(iv->ctx);
			snprintf(err, sizeof(err), "sending the set-up: %s",
				 strerror(-rc));
		}
	}
	if (rc) {
		iv_fds_close(iv->irq, iv->nvec);
		iv_refuse(iv, fd, err);
		return;
	}
	iv_connected(iv, fd);
}

static void iv_drop(struct mcnic_ivshmem *iv, const char *why)
{
	close(iv->cfd);
	iv->cfd = -1;
	iv_fds_close(iv->irq, iv->nvec);
	iv->ops->unmap(iv->ctx);
	iv->hot_until = 0;
	mcnic_log("ivshmem: QEMU %s: PCIe side gone: queues stopped, guest "
		  "RAM unmapped", why);
}

/* QEMU sends nothing: whatever comes is dropped, EOF is its going. */
static void iv_client_read(struct mcnic_ivshmem *iv)
{
	char buf[64];
	ssize_t n;

	n = recv(iv->cfd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR)))
		return;
	iv_drop(iv, n ? "connection failed" : "disconnected");
}

/* Clears the doorbell before the ring is read: a later ring rings anew. */
static void iv_doorbell(struct mcnic_ivshmem *iv)
{
	u64 cnt;

	if (read(iv->bell[MCNIC_SHM_VEC_BUS], &cnt, sizeof(cnt)) !=
	    sizeof(cnt))
		return;
	iv->st.doorbells++;
	if (iv->ram == IV_RAM_WAIT)
		iv_map_ram(iv, 0);
}

void mcnic_ivshmem_events(struct mcnic_ivshmem *iv, const struct pollfd *pfd,
			  unsigned int n)
{
	if (n < MCNIC_IVSHMEM_POLL)
		return;
	if (iv->cfd >= 0 && pfd[IV_PFD_CLIENT].fd == iv->cfd &&
	    pfd[IV_PFD_CLIENT].revents)
		iv_client_read(iv);
	if (iv->cfd >= 0 && pfd[IV_PFD_BELL].fd >= 0 &&
	    pfd[IV_PFD_BELL].revents & POLLIN)
		iv_doorbell(iv);
	/* Polled each round while connected: entries found spinning too. */
	if (iv->cfd >= 0 && mcnic_shmbus_run(iv->bus))
		iv->hot_until = iv_now() + MCNIC_IVSHMEM_SPIN_US * 1000ull;
	if (pfd[IV_PFD_LISTEN].fd >= 0 &&
	    pfd[IV_PFD_LISTEN].revents & POLLIN)
		iv_accept(iv);
}

unsigned int mcnic_ivshmem_fill(struct mcnic_ivshmem *iv,
				struct pollfd *pfd)
{
	int on = iv->cfd >= 0;

	if (iv->accept_resume && iv_now() >= iv->accept_resume)
		iv->accept_resume = 0;
	pfd[IV_PFD_LISTEN].fd = iv->accept_resume ? -1 : iv->fd;
	pfd[IV_PFD_CLIENT].fd = iv->cfd;
	pfd[IV_PFD_BELL].fd = on ? iv->bell[MCNIC_SHM_VEC_BUS] : -1;
	pfd[IV_PFD_LISTEN].events = pfd[IV_PFD_CLIENT].events =
		pfd[IV_PFD_BELL].events = POLLIN;
	return MCNIC_IVSHMEM_POLL;
}

int mcnic_ivshmem_timeout(const struct mcnic_ivshmem *iv)
{
	u64 now = iv_now();

	if (iv->cfd >= 0 && iv->hot_until > now)
		return 0;
	if (!iv->accept_resume)
		return -1;
	return iv->accept_resume > now ?
	       (int)((iv->accept_resume - now + 999999) / 1000000) : 0;
}

int mcnic_ivshmem_connected(const struct mcnic_ivshmem *iv)
{
	return iv->cfd >= 0;
}

void mcnic_ivshmem_irq(struct mcnic_ivshmem *iv, u32 vectors)
{
	const u64 one = 1;
	u32 v;

	while (vectors) {
		v = __builtin_ctz(vectors);
		vectors &= vectors - 1;
		if (iv->cfd >= 0 && v < iv->nvec &&
		    write(iv->irq[v], &one, sizeof(one)) == sizeof(one))
			iv->st.irqs++;
		else
			iv->st.irqs_lost++;
	}
}

const struct mcnic_ivshmem_stats *
mcnic_ivshmem_stats(const struct mcnic_ivshmem *iv)
{
	return &iv->st;
}

const struct mcnic_shmbus_stats *
mcnic_ivshmem_bus_stats(const struct mcnic_ivshmem *iv)
{
	return mcnic_shmbus_stats(iv->bus);
}

void mcnic_ivshmem_close(struct mcnic_ivshmem *iv)
{
	if (!iv)
		return;
	if (iv->cfd >= 0)
		iv_drop(iv, "dropped at shutdown");
	if (iv->fd >= 0) {
		close(iv->fd);
		if (iv->path[0])
			unlink(iv->path);
	}
	iv_fds_close(iv->bell, iv->nvec);
	mcnic_shmbus_destroy(iv->bus);
	free(iv);
}
