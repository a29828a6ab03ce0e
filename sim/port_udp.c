// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * A UDP port back end: the underlay link between two simulators (or a
 * test) on one machine, one Ethernet frame per datagram.  The socket is
 * connected to the peer, so only the peer's datagrams arrive.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "simport.h"

/* "IP:PORT" at *s (advancing past it and a following ':'). */
static int udp_addr(const char **s, struct sockaddr_in *sa)
{
	const char *c = strchr(*s, ':');
	char ip[INET_ADDRSTRLEN];
	unsigned long port;
	char *end;

	if (!c || c - *s >= (long)sizeof(ip))
		return -EINVAL;
	memcpy(ip, *s, c - *s);
	ip[c - *s] = 0;
	port = strtoul(c + 1, &end, 10);
	if (inet_pton(AF_INET, ip, &sa->sin_addr) != 1 || end == c + 1 ||
	    !port || port > 65535 || (*end && *end != ':'))
		return -EINVAL;
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	*s = *end ? end + 1 : end;
	return 0;
}

static int udp_open(struct mcnic_simport *p, const char *arg, char *err,
		    size_t errlen)
{
	struct sockaddr_in local = { 0 }, peer = { 0 };
	const char *s = arg;
	int fd, r;

	if (udp_addr(&s, &local) || udp_addr(&s, &peer) || *s) {
		snprintf(err, errlen, "--port %s: expected udp:LOCALIP:LPORT:"
			 "PEERIP:PPORT (IPv4)", p->spec);
		return -EINVAL;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&local, sizeof(local)) ||
	    connect(fd, (struct sockaddr *)&peer, sizeof(peer))) {
		r = -errno;
		snprintf(err, errlen, "--port %s: %s", p->spec,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return r;
	}
	p->fd = fd;
	return 0;
}

static int udp_recv(struct mcnic_simport *p, u8 *buf, u32 max)
{
	ssize_t n = recv(p->fd, buf, max, MSG_TRUNC);

	if (n < 0)
		/* ECONNREFUSED: the peer is not up yet; nothing to read. */
		return errno == EAGAIN || errno == ECONNREFUSED ? 0 : -errno;
	if ((size_t)n > max)
		return -EMSGSIZE;
	return n;
}

static int udp_send(struct mcnic_simport *p, const u8 *frame, u32 len)
{
	return send(p->fd, frame, len, MSG_DONTWAIT) < 0 ? -errno : 0;
}

static void udp_close(struct mcnic_simport *p)
{
	close(p->fd);
	p->fd = -1;
}

const struct mcnic_simport_ops mcnic_port_udp_ops = {
	.kind = "udp",
	.open = udp_open,
	.recv = udp_recv,
	.send = udp_send,
	.close = udp_close,
};
