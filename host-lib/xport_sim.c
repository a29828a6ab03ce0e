// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The simulator's host socket (include/mcnic/simsock.h): each mailbox
 * request goes as one CMD message, and the answer comes back as one.
 * Frames for attached vports may arrive in between; this connection
 * attaches to none, so anything but CMD is skipped.  A read cut off by a
 * timeout leaves the stream mid-message, so the connection is dropped.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "mcnic_priv.h"

static void mcnic_sim_close(struct mcnic *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
}

static int mcnic_sim_lost(struct mcnic *h, int rc, const char *what)
{
	mcnic_sim_close(h);
	h->xp = NULL;
	return mcnic_err(h, rc, "%s: %s (%s)", h->dev, what, strerror(-rc));
}

static int mcnic_sim_send(struct mcnic *h, const void *msg, u32 len)
{
	struct mcnic_sock_hdr sh = { .len = len, .type = MCNIC_SOCK_CMD };
	struct iovec iov[2] = {
		{ .iov_base = &sh, .iov_len = sizeof(sh) },
		{ .iov_base = (void *)msg, .iov_len = len },
	};
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2 };
	ssize_t n;

	while (mh.msg_iovlen) {
		n = sendmsg(h->fd, &mh, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mcnic_sim_lost(h, -errno, "send");
		while (mh.msg_iovlen && (size_t)n >= mh.msg_iov->iov_len) {
			n -= mh.msg_iov->iov_len;
			mh.msg_iov++;
			mh.msg_iovlen--;
		}
		if (mh.msg_iovlen) {
			mh.msg_iov->iov_base = (u8 *)mh.msg_iov->iov_base + n;
			mh.msg_iov->iov_len -= n;
		}
	}
	return 0;
}

/* Exactly len bytes (buf NULL: discard them) before deadline. */
static int mcnic_sim_read(struct mcnic *h, void *buf, size_t len,
			  long long deadline)
{
	static u8 sink[4096];	/* skipped bytes: never read back */
	struct pollfd pfd = { .fd = h->fd, .events = POLLIN };
	long long left;
	ssize_t n;

	while (len) {
		left = deadline - mcnic_now_ms();
		if (left <= 0)
			return mcnic_sim_lost(h, -ETIMEDOUT, "no answer");
		n = poll(&pfd, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			continue;
		n = read(h->fd, buf ? buf : sink,
			 buf || len < sizeof(sink) ? len : sizeof(sink));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mcnic_sim_lost(h, -errno, "receive");
		if (!n)
			return mcnic_sim_lost(h, -ECONNRESET,
					      "the simulator closed the connection");
		len -= n;
		if (buf)
			buf = (u8 *)buf + n;
	}
	return 0;
}

static int mcnic_sim_recv(struct mcnic *h, void *buf, u32 max, u32 *len,
			  long long deadline)
{
	struct mcnic_sock_hdr sh;
	int r;

	for (;;) {
		r = mcnic_sim_read(h, &sh, sizeof(sh), deadline);
		if (r)
			return r;
		if (sh.len > MCNIC_SOCK_MSG_MAX)
			return mcnic_sim_lost(h, -EPROTO, "message too long");
		if (sh.type == MCNIC_SOCK_CMD && sh.len <= max)
			break;
		r = mcnic_sim_read(h, NULL, sh.len, deadline);
		if (r)
			return r;
	}
	*len = sh.len;
	return mcnic_sim_read(h, buf, sh.len, deadline);
}

static const struct mcnic_xport mcnic_xport_sim = {
	.name = "sim",
	.send = mcnic_sim_send,
	.recv = mcnic_sim_recv,
	.close = mcnic_sim_close,
};

int mcnic_xport_sim_open(struct mcnic *h, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int rc;

	if (!*path || strlen(path) >= sizeof(sa.sun_path))
		return mcnic_open_err(-EINVAL, "%s: socket path empty or too long",
				      h->dev);
	strcpy(sa.sun_path, path);
	h->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (h->fd < 0)
		return mcnic_open_err(-errno, "%s: socket: %s", h->dev,
				      strerror(errno));
	if (connect(h->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		rc = -errno;
		close(h->fd);
		h->fd = -1;
		return mcnic_open_err(rc, "%s: cannot connect: %s (is mcnic-sim run --socket %s running?)",
				      h->dev, strerror(-rc), path);
	}
	h->xp = &mcnic_xport_sim;
	return 0;
}
