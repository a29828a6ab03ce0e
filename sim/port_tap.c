// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * A TAP port back end: the uplink is a Linux TAP interface, so the host
 * kernel (a VXLAN device, a bridge, a namespace) is the underlay.  The
 * interface is brought up; it disappears when the daemon exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "simport.h"

static int tap_up(const char *name)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r = 0;

	if (s < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		r = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!r && ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
		r = -errno;
	close(s);
	return r;
}

static int tap_open(struct mcnic_simport *p, const char *arg, char *err,
		    size_t errlen)
{
	struct ifreq ifr;
	int fd, r;

	if (!*arg || strlen(arg) >= IFNAMSIZ) {
		snprintf(err, errlen, "--port %s: expected tap:IFNAME (1..%d "
			 "characters)", p->spec, IFNAMSIZ - 1);
		return -EINVAL;
	}
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "--port %s: /dev/net/tun: %s", p->spec,
			 strerror(errno));
		return r;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", arg);
	r = ioctl(fd, TUNSETIFF, &ifr) < 0 ? -errno : tap_up(arg);
	if (r) {
		snprintf(err, errlen, "--port %s: %s: %s", p->spec, arg,
			 strerror(-r));
		close(fd);
		return r;
	}
	p->fd = fd;
	return 0;
}

static int tap_recv(struct mcnic_simport *p, u8 *buf, u32 max)
{
	ssize_t n = read(p->fd, buf, max);

	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	return n;
}

static int tap_send(struct mcnic_simport *p, const u8 *frame, u32 len)
{
	return write(p->fd, frame, len) < 0 ? -errno : 0;
}

static void tap_close(struct mcnic_simport *p)
{
	close(p->fd);
	p->fd = -1;
}

const struct mcnic_simport_ops mcnic_port_tap_ops = {
	.kind = "tap",
	.open = tap_open,
	.recv = tap_recv,
	.send = tap_send,
	.close = tap_close,
};
