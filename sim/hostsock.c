// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The host socket server (hostsock.h).  Each client has an input buffer
 * holding at least one whole message and an output ring; both are
 * allocated when the client connects, never per message.  Closing is
 * deferred to the end of an event round, so a client found dead while
 * another client's frame is delivered is never freed under anyone's feet.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hostsock.h"
#include "log.h"

#define HS_HDR		sizeof(struct mcnic_sock_hdr)
#define HS_MSG_MAX	(HS_HDR + MCNIC_SOCK_MSG_MAX)
#define HS_IN_SIZE	(2 * HS_MSG_MAX)
#define HS_OUT_SIZE	(8 * HS_MSG_MAX)
#define HS_VPORTS	4096

struct hs_client {
	int fd;			/* -1: free slot */
	u32 id;
	int dead;		/* close at the end of this round */
	u8 *in;
	u32 in_len;
	u8 *out;		/* ring */
	u32 out_head;
	u32 out_len;
	u64 cmds, frames_in, frames_out, drops;
	u64 attached[HS_VPORTS / 64];
};

struct mcnic_hostsock {
	int fd;
	char path[108];
	const struct mcnic_hostsock_ops *ops;
	void *ctx;
	u32 next_id;
	struct mcnic_hostsock_stats st;
	int polled[MCNIC_HOSTSOCK_CLIENTS];	/* pollfd i + 1 -> client */
	struct hs_client client[MCNIC_HOSTSOCK_CLIENTS];
	u8 resp[HS_MSG_MAX];
};

int mcnic_hostsock_open(struct mcnic_hostsock **hsp, const char *path,
			const struct mcnic_hostsock_ops *ops, void *ctx,
			char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct mcnic_hostsock *hs;
	int i, r;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "socket %s: path longer than %zu bytes",
			 path, sizeof(sa.sun_path) - 1);
		return -ENAMETOOLONG;
	}
	hs = calloc(1, sizeof(*hs));
	if (!hs)
		return -ENOMEM;
	strcpy(sa.sun_path, path);
	strcpy(hs->path, path);
	hs->ops = ops;
	hs->ctx = ctx;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++)
		hs->client[i].fd = -1;
	hs->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);
	/* A socket file left by a killed daemon would make bind fail. */
	unlink(path);
	if (hs->fd < 0 || bind(hs->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(hs->fd, 16)) {
		r = -errno;
		snprintf(err, errlen, "socket %s: %s", path, strerror(errno));
		if (hs->fd >= 0)
			close(hs->fd);
		free(hs);
		return r;
	}
	*hsp = hs;
	return 0;
}

const struct mcnic_hostsock_stats *
mcnic_hostsock_stats(const struct mcnic_hostsock *hs)
{
	return &hs->st;
}

/* Writes as much of the output ring as the socket takes now. */
static void hs_flush(struct hs_client *c)
{
	u32 first;
	ssize_t n;

	while (c->out_len && !c->dead) {
		first = HS_OUT_SIZE - c->out_head;
		if (first > c->out_len)
			first = c->out_len;
		n = send(c->fd, c->out + c->out_head, first,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			c->dead = 1;
			return;
		}
		c->out_head = (c->out_head + n) % HS_OUT_SIZE;
		c->out_len -= n;
	}
}

static void hs_put(struct hs_client *c, const void *data, u32 len)
{
	u32 tail = (c->out_head + c->out_len) % HS_OUT_SIZE;
	u32 first = HS_OUT_SIZE - tail;

	if (first > len)
		first = len;
	memcpy(c->out + tail, data, first);
	memcpy(c->out, (const u8 *)data + first, len - first);
	c->out_len += len;
}

static u32 hs_room(const struct hs_client *c)
{
	return HS_OUT_SIZE - c->out_len;
}

static void hs_send(struct hs_client *c, const struct mcnic_sock_hdr *h,
		    const void *payload)
{
	hs_put(c, h, HS_HDR);
	hs_put(c, payload, h->len);
}

static void hs_close_client(struct mcnic_hostsock *hs, struct hs_client *c)
{
	mcnic_log("client %u: closed (%llu commands, %llu frames in, %llu "
		  "out, %llu dropped)", c->id, (unsigned long long)c->cmds,
		  (unsigned long long)c->frames_in,
		  (unsigned long long)c->frames_out,
		  (unsigned long long)c->drops);
	close(c->fd);
	free(c->in);
	free(c->out);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

static void hs_malformed(struct mcnic_hostsock *hs, struct hs_client *c,
			 const char *why)
{
	hs->st.malformed++;
	mcnic_log("client %u: malformed message: %s; closing it (malformed "
		  "messages: %llu)", c->id, why,
		  (unsigned long long)hs->st.malformed);
	c->dead = 1;
}

static void hs_accept(struct mcnic_hostsock *hs)
{
	struct hs_client *c = NULL;
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	int fd, i;

	fd = accept4(hs->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS && !c; i++)
		if (hs->client[i].fd < 0)
			c = &hs->client[i];
	if (c) {
		c->in = malloc(HS_IN_SIZE);
		c->out = malloc(HS_OUT_SIZE);
	}
	if (!c || !c->in || !c->out) {
		hs->st.refused++;
		mcnic_log("client refused: %s", c ? "out of memory" :
			  "too many clients");
		if (c) {
			free(c->in);
			free(c->out);
			c->in = c->out = NULL;
		}
		close(fd);
		return;
	}
	c->fd = fd;
	c->id = ++hs->next_id;
	hs->st.accepted++;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl))
		cred.pid = 0;
	mcnic_log("client %u: connected (pid %d)", c->id, (int)cred.pid);
}

static void hs_cmd(struct mcnic_hostsock *hs, struct hs_client *c,
		   const struct mcnic_sock_hdr *h)
{
	struct mcnic_sock_hdr *a = (void *)hs->resp;

	memset(a, 0, HS_HDR);
	a->type = MCNIC_SOCK_CMD;
	a->len = hs->ops->cmd(hs->ctx, h + 1, h->len, a + 1,
			      MCNIC_SOCK_MSG_MAX);
	hs_send(c, a, a + 1);
	c->cmds++;
	hs->st.cmds++;
}

static void hs_attach(struct mcnic_hostsock *hs, struct hs_client *c,
		      const struct mcnic_sock_hdr *h)
{
	struct mcnic_sock_hdr a = { .type = h->type, .port = h->port };
	u64 bit = 1ull << (h->port % 64);

	if (!hs->ops->is_vport(hs->ctx, h->port))
		a.status = -EINVAL;
	else if (h->type == MCNIC_SOCK_ATTACH)
		c->attached[h->port / 64] |= bit;
	else
		c->attached[h->port / 64] &= ~bit;
	if (!a.status)
		mcnic_log("client %u: %s vport %u", c->id,
			  h->type == MCNIC_SOCK_ATTACH ? "attached to" :
			  "detached from", h->port);
	hs_put(c, &a, HS_HDR);
}

/* Checks a header before its payload is awaited.  0: go on. */
static int hs_check(struct mcnic_hostsock *hs, struct hs_client *c,
		    const struct mcnic_sock_hdr *h)
{
	char why[96];

	if (h->type < MCNIC_SOCK_CMD || h->type > MCNIC_SOCK_DETACH)
		snprintf(why, sizeof(why), "type=%u: unknown", h->type);
	else if (h->len > MCNIC_SOCK_MSG_MAX)
		snprintf(why, sizeof(why), "len=%u: over %d", h->len,
			 MCNIC_SOCK_MSG_MAX);
	else if (h->type >= MCNIC_SOCK_ATTACH && h->len)
		snprintf(why, sizeof(why), "len=%u: ATTACH/DETACH carry none",
			 h->len);
	else if (h->type == MCNIC_SOCK_FRAME &&
		 !hs->ops->is_vport(hs->ctx, h->port))
		snprintf(why, sizeof(why), "port=%u: FRAME on a port that is "
			 "not a host vport", h->port);
	else
		return 0;
	hs_malformed(hs, c, why);
	return -1;
}

/*
 * Executes the whole messages in c's input buffer.  A command waits while
 * the output ring could not take its answer.
 */
static void hs_parse(struct mcnic_hostsock *hs, struct hs_client *c)
{
	const struct mcnic_sock_hdr *h;
	u32 off = 0;

	while (!c->dead && c->in_len - off >= HS_HDR) {
		h = (const void *)(c->in + off);
		if (hs_check(hs, c, h))
			return;
		if (c->in_len - off < HS_HDR + h->len)
			break;
		if (h->type == MCNIC_SOCK_CMD) {
			if (hs_room(c) < HS_MSG_MAX + HS_HDR)
				break;
			hs_cmd(hs, c, h);
		} else if (h->type == MCNIC_SOCK_FRAME) {
			c->frames_in++;
			hs->st.frames_in++;
			hs->ops->frame(hs->ctx, h->port, (const u8 *)(h + 1),
				       h->len);
		} else {
			if (hs_room(c) < HS_HDR)
				break;
			hs_attach(hs, c, h);
		}
		off += HS_HDR + h->len;
	}
	memmove(c->in, c->in + off, c->in_len - off);
	c->in_len -= off;
}

static void hs_read(struct mcnic_hostsock *hs, struct hs_client *c)
{
	ssize_t n = recv(c->fd, c->in + c->in_len, HS_IN_SIZE - c->in_len,
			 MSG_DONTWAIT);
	char why[64];

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		if (c->in_len) {
			snprintf(why, sizeof(why), "connection ended %u "
				 "bytes into a message", c->in_len);
			hs_malformed(hs, c, why);
		}
		c->dead = 1;
		return;
	}
	c->in_len += n;
	hs_parse(hs, c);
}

unsigned int mcnic_hostsock_fill(struct mcnic_hostsock *hs,
				 struct pollfd *pfd)
{
	unsigned int n = 1;
	int i;

	pfd[0].fd = hs->fd;
	pfd[0].events = POLLIN;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++) {
		struct hs_client *c = &hs->client[i];

		if (c->fd < 0)
			continue;
		pfd[n].fd = c->fd;
		pfd[n].events = c->out_len ? POLLOUT : 0;
		/* Don't read what could not be answered. */
		if (hs_room(c) >= HS_MSG_MAX + HS_HDR &&
		    c->in_len < HS_IN_SIZE)
			pfd[n].events |= POLLIN;
		hs->polled[n - 1] = i;
		n++;
	}
	return n;
}

static void hs_reap(struct mcnic_hostsock *hs)
{
	int i;

	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++)
		if (hs->client[i].fd >= 0 && hs->client[i].dead)
			hs_close_client(hs, &hs->client[i]);
}

void mcnic_hostsock_events(struct mcnic_hostsock *hs,
			   const struct pollfd *pfd, unsigned int n)
{
	unsigned int i;

	for (i = 1; i < n; i++) {
		struct hs_client *c = &hs->client[hs->polled[i - 1]];

		if (c->fd != pfd[i].fd || c->dead)
			continue;
		if (pfd[i].revents & POLLOUT) {
			hs_flush(c);
			/* Room again: commands that waited can go on. */
			hs_parse(hs, c);
		}
		if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
			hs_read(hs, c);
		hs_flush(c);
	}
	if (pfd[0].revents & POLLIN)
		hs_accept(hs);
	hs_reap(hs);
}

void mcnic_hostsock_deliver(struct mcnic_hostsock *hs, u16 port, u16 queue,
			    const u8 *frame, u32 len)
{
	struct mcnic_sock_hdr h = {
		.len = len, .type = MCNIC_SOCK_FRAME, .port = port,
		.queue = queue,
	};
	int i;

	if (port >= HS_VPORTS)
		return;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++) {
		struct hs_client *c = &hs->client[i];

		if (c->fd < 0 || c->dead ||
		    !(c->attached[port / 64] & (1ull << (port % 64))))
			continue;
		/* Keep room for an answer to a command being executed. */
		if (hs_room(c) < HS_HDR + len + HS_MSG_MAX + HS_HDR) {
			c->drops++;
			hs->st.out_drops++;
			continue;
		}
		hs_send(c, &h, frame);
		c->frames_out++;
		hs->st.frames_out++;
	}
}

void mcnic_hostsock_close(struct mcnic_hostsock *hs)
{
	int i;

	if (!hs)
		return;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++) {
		if (hs->client[i].fd < 0)
			continue;
		hs_flush(&hs->client[i]);
		hs_close_client(hs, &hs->client[i]);
	}
	close(hs->fd);
	unlink(hs->path);
	free(hs);
}
