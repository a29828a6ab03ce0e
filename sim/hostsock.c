// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The host socket server (hostsock.h).  Each client has an input buffer
 * holding at least one whole message and an output ring; both are
 * allocated when the client connects, never per message.  Messages sit
 * in the input buffer at any alignment: headers are copied out, and a
 * request is copied into an aligned buffer before the device reads it.
 * Closing is deferred to the end of an event round, so a client found
 * dead while another client's frame is delivered is never freed under
 * anyone's feet.
 *
 * File descriptors (SCM_RIGHTS) arrive with the recvmsg() that returns
 * the first byte of the sendmsg() that passed them -- but that read may
 * also return bytes of messages sent before it, so only the range of the
 * read is known.  Each descriptor is queued with that range: a MAP that
 * starts inside it takes them; one no MAP took by the time a message
 * starts past the range is malformed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "hostsock.h"
#include "log.h"

#define HS_HDR		sizeof(struct mcnic_sock_hdr)
#define HS_MSG_MAX	(HS_HDR + MCNIC_SOCK_MSG_MAX)
#define HS_IN_SIZE	(2 * HS_MSG_MAX)
#define HS_OUT_SIZE	(8 * HS_MSG_MAX)
#define HS_CMD_ROOM	(HS_MSG_MAX + HS_HDR)	/* ring room a command needs */
#define HS_VPORTS	MCNIC_BOARD_PORTS_MAX
#define HS_ACCEPT_PAUSE_MS	100
#define HS_FDS		4	/* descriptors received, not yet used */

struct hs_fd {
	int fd;
	u64 lo, hi;		/* stream range of the read it came with */
};

struct hs_client {
	int fd;			/* -1: free slot */
	u32 id;
	int dead;		/* close at the end of this round */
	int eof;		/* the client sends no more */
	u8 *in;
	u32 in_len;
	u64 in_pos;		/* stream position of in[0] */
	struct hs_fd fds[HS_FDS];
	u32 n_fds;
	u32 irq_pend;		/* vectors to send (PCIe side) */
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
	int pcie;		/* the PCIe side's client slot, or -1 */
	const char *pcie_other;	/* a PCIe side that is no client, or NULL */
	struct mcnic_hostsock_stats st;
	u64 accept_resume;	/* ms; listen again from then, 0: listening */
	int polled[MCNIC_HOSTSOCK_CLIENTS];	/* pollfd i + 1 -> client */
	struct hs_client client[MCNIC_HOSTSOCK_CLIENTS];
	u8 req[MCNIC_SOCK_MSG_MAX] __attribute__((aligned(8)));
	u8 resp[MCNIC_SOCK_MSG_MAX] __attribute__((aligned(8)));
};

static u64 hs_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* 0 if someone listens on the socket at sa, else why not (errno). */
static int hs_probe(const struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);
	int e;

	if (fd < 0)
		return errno;
	e = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) ? errno : 0;
	close(fd);
	/* A full backlog: somebody listens, just busy. */
	return e == EAGAIN ? 0 : e;
}

/*
 * A socket file left by a killed daemon would make bind fail, so it goes;
 * a file that is not a socket, or a socket a daemon still answers on, is
 * not ours to remove.
 */
int mcnic_hostsock_claim_path(const struct sockaddr_un *sa, char *err,
			      size_t errlen)
{
	const char *path = sa->sun_path;
	struct stat st;
	int e;

	if (lstat(path, &st)) {
		e = errno == ENOENT ? 0 : errno;
	} else if (!S_ISSOCK(st.st_mode)) {
		e = EEXIST;
	} else {
		e = hs_probe(sa);
		if (!e)
			e = EADDRINUSE;
		else if (e == ECONNREFUSED)
			e = unlink(path) ? errno : 0;
	}
	if (e == EEXIST)
		snprintf(err, errlen, "socket %s: exists and is not a socket",
			 path);
	else if (e == EADDRINUSE)
		snprintf(err, errlen, "socket %s: in use by another mcnic-sim",
			 path);
	else if (e)
		snprintf(err, errlen, "socket %s: %s", path, strerror(e));
	return -e;
}

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
	strcpy(sa.sun_path, path);
	r = mcnic_hostsock_claim_path(&sa, err, errlen);
	if (r)
		return r;
	hs = calloc(1, sizeof(*hs));
	if (!hs)
		return -ENOMEM;
	strcpy(hs->path, path);
	hs->ops = ops;
	hs->ctx = ctx;
	hs->pcie = -1;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++)
		hs->client[i].fd = -1;
	hs->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);
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

/* Closes the first n queued descriptors. */
static void hs_fds_drop(struct hs_client *c, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		close(c->fds[i].fd);
	memmove(c->fds, c->fds + n, (c->n_fds - n) * sizeof(c->fds[0]));
	c->n_fds -= n;
}

static void hs_close_client(struct mcnic_hostsock *hs, struct hs_client *c)
{
	if (hs->pcie == c - hs->client) {
		hs->ops->unmap(hs->ctx);
		hs->pcie = -1;
		mcnic_log("client %u: PCIe side gone: queues stopped, host "
			  "memory unmapped", c->id);
	}
	hs_fds_drop(c, c->n_fds);
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
	mcnic_log_counted(&hs->st.malformed, "malformed messages",
			  "client %u: malformed message: %s; closing it",
			  c->id, why);
	c->dead = 1;
}

/*
 * Out of descriptors (or memory), the listening socket stays readable
 * and poll() would return at once for ever: stop listening for a while,
 * or until a client closes.
 */
static void hs_accept_failed(struct mcnic_hostsock *hs, int e)
{
	mcnic_log_counted(&hs->st.accept_errors, "accept errors",
			  "accept: %s; not accepting for %d ms", strerror(e),
			  HS_ACCEPT_PAUSE_MS);
	hs->accept_resume = hs_now_ms() + HS_ACCEPT_PAUSE_MS;
}

static void hs_accept(struct mcnic_hostsock *hs)
{
	struct hs_client *c = NULL;
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	int fd, i;

	fd = accept4(hs->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR &&
		    errno != ECONNABORTED)
			hs_accept_failed(hs, errno);
		return;
	}
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS && !c; i++)
		if (hs->client[i].fd < 0)
			c = &hs->client[i];
	if (c) {
		c->in = malloc(HS_IN_SIZE);
		c->out = malloc(HS_OUT_SIZE);
	}
	if (!c || !c->in || !c->out) {
		mcnic_log_counted(&hs->st.refused, "clients refused",
				  "client refused: %s", c ? "out of memory" :
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
		   const struct mcnic_sock_hdr *h, const u8 *body)
{
	struct mcnic_sock_hdr a = { .type = MCNIC_SOCK_CMD };

	memcpy(hs->req, body, h->len);
	a.len = hs->ops->cmd(hs->ctx, hs->req, h->len, hs->resp,
			     sizeof(hs->resp));
	hs_send(c, &a, hs->resp);
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

int mcnic_hostsock_pcie_other(struct mcnic_hostsock *hs, const char *who)
{
	if (who && hs->pcie >= 0)
		return -EBUSY;
	hs->pcie_other = who;
	return 0;
}

/* The PCIe side if it is not c (named in buf), or NULL. */
static const char *hs_pcie_not(struct mcnic_hostsock *hs,
			       const struct hs_client *c, char *buf,
			       size_t len)
{
	if (hs->pcie_other)
		return hs->pcie_other;
	if (hs->pcie < 0 || hs->pcie == c - hs->client)
		return NULL;
	snprintf(buf, len, "client %u", hs->client[hs->pcie].id);
	return buf;
}

static void hs_map(struct mcnic_hostsock *hs, struct hs_client *c,
		   const u8 *body, u32 nfd)
{
	struct mcnic_sock_hdr a = { .type = MCNIC_SOCK_MAP };
	struct mcnic_sock_map m;
	char err[192] = "", who[32];
	const char *owner = hs_pcie_not(hs, c, who, sizeof(who));

	memcpy(&m, body, sizeof(m));
	if (nfd != 1) {
		a.status = nfd ? -EINVAL : -EBADF;
		snprintf(err, sizeof(err), "MAP: %u file descriptors passed "
			 "with it, need 1", nfd);
	} else if (owner) {
		a.status = -EBUSY;
		snprintf(err, sizeof(err), "MAP: %s is the PCIe side", owner);
	} else {
		a.status = hs->ops->map(hs->ctx, c->fds[0].fd, &m, err,
					sizeof(err));
	}
	if (a.status) {
		mcnic_log_counted(&hs->st.maps_refused, "maps refused",
				  "client %u: %s", c->id, err);
	} else {
		hs->pcie = c - hs->client;
		hs->st.maps++;
		mcnic_log("client %u: PCIe side: DMA 0x%llx..0x%llx mapped",
			  c->id, (unsigned long long)m.dma_addr,
			  (unsigned long long)(m.dma_addr + m.size - 1));
	}
	hs_put(c, &a, HS_HDR);
}

static void hs_reg(struct mcnic_hostsock *hs, struct hs_client *c,
		   const struct mcnic_sock_hdr *h, const u8 *body)
{
	struct mcnic_sock_hdr a = { .type = h->type, .len = h->len };
	struct mcnic_sock_reg reg;
	const char *owner;
	char who[32];

	memcpy(&reg, body, sizeof(reg));
	hs->st.regs++;
	if (h->type == MCNIC_SOCK_REG_WRITE) {
		/* While a driver owns the device, only it writes BAR 0. */
		owner = hs_pcie_not(hs, c, who, sizeof(who));
		if (owner)
			mcnic_log_counted(&hs->st.reg_writes_refused,
					  "BAR writes refused", "client %u: "
					  "REG_WRITE 0x%x: %s is the PCIe "
					  "side", c->id, reg.off, owner);
		else
			hs->ops->reg_write(hs->ctx, reg.off, reg.val);
		return;
	}
	reg.val = hs->ops->reg_read(hs->ctx, reg.off);
	hs_send(c, &a, &reg);
}

/* Room in c's output the answer to a message of this type needs. */
static u32 hs_answer_room(u16 type)
{
	switch (type) {
	case MCNIC_SOCK_CMD:
		return HS_CMD_ROOM;
	case MCNIC_SOCK_REG_READ:
		return HS_HDR + sizeof(struct mcnic_sock_reg);
	case MCNIC_SOCK_FRAME:
	case MCNIC_SOCK_REG_WRITE:
		return 0;
	default:
		return HS_HDR;
	}
}

static const char *const hs_type_name[] = {
	[MCNIC_SOCK_ATTACH] = "ATTACH", [MCNIC_SOCK_DETACH] = "DETACH",
	[MCNIC_SOCK_MAP] = "MAP", [MCNIC_SOCK_REG_WRITE] = "REG_WRITE",
	[MCNIC_SOCK_REG_READ] = "REG_READ",
};

/* The length a message of this type must have, or -1: any. */
static int hs_fixed_len(u16 type)
{
	switch (type) {
	case MCNIC_SOCK_ATTACH:
	case MCNIC_SOCK_DETACH:
		return 0;
	case MCNIC_SOCK_MAP:
		return sizeof(struct mcnic_sock_map);
	case MCNIC_SOCK_REG_WRITE:
	case MCNIC_SOCK_REG_READ:
		return sizeof(struct mcnic_sock_reg);
	default:
		return -1;
	}
}

/* Checks a header before its payload is awaited.  0: go on. */
static int hs_check(struct mcnic_hostsock *hs, struct hs_client *c,
		    const struct mcnic_sock_hdr *h)
{
	int fixed = hs_fixed_len(h->type);
	char why[96];

	/* IRQ only goes from the NIC to the host. */
	if (h->type < MCNIC_SOCK_CMD || h->type > MCNIC_SOCK_REG_READ)
		snprintf(why, sizeof(why), "type=%u: unknown", h->type);
	else if (h->len > MCNIC_SOCK_MSG_MAX)
		snprintf(why, sizeof(why), "len=%u: over %d", h->len,
			 MCNIC_SOCK_MSG_MAX);
	else if (fixed >= 0 && h->len != (u32)fixed)
		snprintf(why, sizeof(why), "len=%u: %s carries %d bytes",
			 h->len, hs_type_name[h->type], fixed);
	else if (h->type == MCNIC_SOCK_FRAME &&
		 !hs->ops->is_vport(hs->ctx, h->port))
		snprintf(why, sizeof(why), "port=%u: FRAME on a port that is "
			 "not a host vport", h->port);
	else
		return 0;
	hs_malformed(hs, c, why);
	return -1;
}

/* The descriptors a message starting at stream position s may take. */
static u32 hs_fds_at(const struct hs_client *c, u64 s)
{
	u32 n = 0;

	while (n < c->n_fds && c->fds[n].lo <= s && s < c->fds[n].hi)
		n++;
	return n;
}

/* Executes one whole message; its descriptors are nfd. */
static void hs_exec(struct mcnic_hostsock *hs, struct hs_client *c,
		    const struct mcnic_sock_hdr *h, const u8 *body, u32 nfd)
{
	switch (h->type) {
	case MCNIC_SOCK_CMD:
		hs_cmd(hs, c, h, body);
		break;
	case MCNIC_SOCK_FRAME:
		c->frames_in++;
		hs->st.frames_in++;
		hs->ops->frame(hs->ctx, h->port, body, h->len);
		break;
	case MCNIC_SOCK_MAP:
		hs_map(hs, c, body, nfd);
		break;
	case MCNIC_SOCK_REG_WRITE:
	case MCNIC_SOCK_REG_READ:
		hs_reg(hs, c, h, body);
		break;
	default:
		hs_attach(hs, c, h);
	}
}

/* The frames handed on since *framed was set are all there are for now. */
static void hs_frames_end(struct mcnic_hostsock *hs, int *framed)
{
	if (*framed)
		hs->ops->frames_end(hs->ctx);
	*framed = 0;
}

/*
 * Executes the whole messages in c's input buffer.  A request waits while
 * the output ring could not take its answer.  Consecutive frames may go
 * on together: they end before any other message runs, and before this
 * returns.
 */
static void hs_parse(struct mcnic_hostsock *hs, struct hs_client *c)
{
	struct mcnic_sock_hdr h;
	u32 off = 0, nfd;
	int framed = 0;
	char why[96];

	while (!c->dead && c->in_len - off >= HS_HDR) {
		memcpy(&h, c->in + off, HS_HDR);
		if (hs_check(hs, c, &h))
			break;
		if (c->in_len - off < HS_HDR + h.len ||
		    hs_room(c) < hs_answer_room(h.type))
			break;
		if (c->n_fds && c->fds[0].hi <= c->in_pos + off) {
			snprintf(why, sizeof(why), "a file descriptor came "
				 "without a MAP (before type=%u)", h.type);
			hs_malformed(hs, c, why);
			break;
		}
		if (h.type != MCNIC_SOCK_FRAME)
			hs_frames_end(hs, &framed);
		nfd = h.type == MCNIC_SOCK_MAP ?
		      hs_fds_at(c, c->in_pos + off) : 0;
		hs_exec(hs, c, &h, c->in + off + HS_HDR, nfd);
		hs_fds_drop(c, nfd);
		framed |= h.type == MCNIC_SOCK_FRAME;
		off += HS_HDR + h.len;
	}
	hs_frames_end(hs, &framed);
	if (c->dead)
		return;
	memmove(c->in, c->in + off, c->in_len - off);
	c->in_len -= off;
	c->in_pos += off;
}

/* Pending interrupts, as far as the output ring takes them. */
static void hs_irq_put(struct mcnic_hostsock *hs, struct hs_client *c)
{
	struct mcnic_sock_hdr h = { .type = MCNIC_SOCK_IRQ };

	while (c->irq_pend && hs_room(c) >= HS_HDR) {
		h.port = __builtin_ctz(c->irq_pend);
		c->irq_pend &= c->irq_pend - 1;
		hs_put(c, &h, HS_HDR);
		hs->st.irqs++;
	}
}

void mcnic_hostsock_irq(struct mcnic_hostsock *hs, u32 vectors)
{
	struct hs_client *c;

	if (!vectors)
		return;
	if (hs->pcie < 0) {
		hs->st.irqs_lost += __builtin_popcount(vectors);
		return;
	}
	c = &hs->client[hs->pcie];
	c->irq_pend |= vectors;
	hs_irq_put(hs, c);
}

/* Nonzero if c's input starts with a whole message. */
static int hs_whole(const struct hs_client *c)
{
	struct mcnic_sock_hdr h;

	if (c->in_len < HS_HDR)
		return 0;
	memcpy(&h, c->in, HS_HDR);
	return c->in_len - HS_HDR >= h.len;
}

/*
 * Executes what c sent and writes the answers until the rest waits on
 * the client: for room in the ring (POLLOUT then), or for more bytes.  A
 * flush that empties the ring makes room without any event, so parse
 * again then: nothing else would wake a client that sent everything.
 */
static void hs_pump(struct mcnic_hostsock *hs, struct hs_client *c)
{
	char why[64];

	do {
		hs_irq_put(hs, c);
		hs_parse(hs, c);
		hs_flush(c);
	} while (!c->dead && !c->out_len && hs_whole(c));
	if (c->dead || !c->eof || hs_whole(c))
		return;
	if (c->in_len) {
		snprintf(why, sizeof(why), "connection ended %u bytes into "
			 "a message", c->in_len);
		hs_malformed(hs, c, why);
	} else if (!c->out_len) {
		c->dead = 1;
	}
}

/*
 * Queues the descriptors a recvmsg() brought with the stream bytes lo..hi.
 * More than the queue holds, or a cut control message, is malformed: the
 * rest are closed (the kernel closed the cut ones).
 */
static void hs_take_fds(struct mcnic_hostsock *hs, struct hs_client *c,
			struct msghdr *mh, u64 lo, u64 hi)
{
	struct cmsghdr *cm;
	int lost = !!(mh->msg_flags & MSG_CTRUNC);
	u32 i, n;
	int fd;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET ||
		    cm->cmsg_type != SCM_RIGHTS)
			continue;
		n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int),
			       sizeof(fd));
			if (c->n_fds == HS_FDS) {
				close(fd);
				lost = 1;
				continue;
			}
			c->fds[c->n_fds].fd = fd;
			c->fds[c->n_fds].lo = lo;
			c->fds[c->n_fds++].hi = hi;
		}
	}
	if (lost)
		hs_malformed(hs, c, "more file descriptors than a MAP takes");
}

static void hs_read(struct mcnic_hostsock *hs, struct hs_client *c)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(HS_FDS * sizeof(int))];
	} ctl;
	struct iovec iov = {
		.iov_base = c->in + c->in_len,
		.iov_len = HS_IN_SIZE - c->in_len,
	};
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	ssize_t n;

	if (c->eof || c->in_len == HS_IN_SIZE)
		return;
	n = recvmsg(c->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0 && mh.msg_controllen)
		hs_take_fds(hs, c, &mh, c->in_pos + c->in_len,
			    c->in_pos + c->in_len + n);
	if (n < 0)
		c->dead = 1;
	else if (!n)
		c->eof = 1;
	else
		c->in_len += n;
}

/* -1, or the ms until the listening socket is polled again. */
int mcnic_hostsock_timeout(const struct mcnic_hostsock *hs)
{
	u64 now = hs_now_ms();

	if (!hs->accept_resume)
		return -1;
	return hs->accept_resume > now ? (int)(hs->accept_resume - now) : 0;
}

unsigned int mcnic_hostsock_fill(struct mcnic_hostsock *hs,
				 struct pollfd *pfd)
{
	unsigned int n = 1;
	int i;

	if (hs->accept_resume && hs_now_ms() >= hs->accept_resume)
		hs->accept_resume = 0;
	/* poll() skips a negative descriptor. */
	pfd[0].fd = hs->accept_resume ? -1 : hs->fd;
	pfd[0].events = POLLIN;
	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++) {
		struct hs_client *c = &hs->client[i];

		if (c->fd < 0)
			continue;
		pfd[n].fd = c->fd;
		pfd[n].events = c->out_len ? POLLOUT : 0;
		/* Don't read what could not be answered. */
		if (!c->eof && hs_room(c) >= HS_CMD_ROOM &&
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

	for (i = 0; i < MCNIC_HOSTSOCK_CLIENTS; i++) {
		if (hs->client[i].fd < 0 || !hs->client[i].dead)
			continue;
		hs_close_client(hs, &hs->client[i]);
		/* A descriptor is free: accept may work again. */
		hs->accept_resume = 0;
	}
}

void mcnic_hostsock_events(struct mcnic_hostsock *hs,
			   const struct pollfd *pfd, unsigned int n)
{
	unsigned int i;

	for (i = 1; i < n; i++) {
		struct hs_client *c = &hs->client[hs->polled[i - 1]];

		if (c->fd != pfd[i].fd || c->dead)
			continue;
		if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
			hs_read(hs, c);
		hs_pump(hs, c);
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
