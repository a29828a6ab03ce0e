// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Runs in the QEMU guest: /dev/mcnicN (include/mcnic/uapi.h) answers a
 * good request, and refuses every malformed one with the errno the uapi
 * promises and, for -EINVAL, an answer header naming the bad field.
 * Prints one line per check and "N passed, N failed".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <mcnic/cmd.h>
#include <mcnic/uapi.h>

static int passed, failed;
static unsigned char resp[MCNIC_CMD_MSG_MAX];

static void check(int ok, const char *what, const char *detail)
{
	printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what, detail ? ": " : "",
	       detail ? detail : "");
	if (ok)
		passed++;
	else
		failed++;
}

static struct mcnic_cmd_hdr hdr(unsigned int op, unsigned int len)
{
	struct mcnic_cmd_hdr h = {
		.version = MCNIC_CMD_VERSION, .opcode = op, .seq = 77, .len = len,
	};
	return h;
}

/* ioctl's errno (0 on success); c gets the kernel's resp_len. */
static int call(int fd, const void *req, unsigned int req_len,
		unsigned int resp_max, struct mcnic_ioc_cmd *c)
{
	memset(c, 0, sizeof(*c));
	c->req = (unsigned long)req;
	c->req_len = req_len;
	c->resp = (unsigned long)resp;
	c->resp_max = resp_max;
	memset(resp, 0, sizeof(resp));
	return ioctl(fd, MCNIC_IOC_CMD, c) ? errno : 0;
}

static const struct mcnic_cmd_hdr *answer(void)
{
	return (const void *)resp;
}

/* req is refused -EINVAL with an answer whose message starts with msg. */
static void refused(int fd, const char *what, const void *req,
		    unsigned int len, const char *msg)
{
	struct mcnic_ioc_cmd c;
	int e = call(fd, req, len, sizeof(resp), &c);
	char d[160];

	snprintf(d, sizeof(d), "errno %d, resp_len %u, status %d, \"%.48s\"",
		 e, c.resp_len, answer()->status, answer()->err_msg);
	check(e == EINVAL && c.resp_len == sizeof(struct mcnic_cmd_hdr) &&
	      answer()->status == -MCNIC_EINVAL &&
	      !strncmp(answer()->err_msg, msg, strlen(msg)), what, d);
}

static void good(int fd)
{
	struct mcnic_cmd_hdr h = hdr(MCNIC_CMD_HEARTBEAT, 0);
	struct mcnic_ioc_cmd c;
	int e = call(fd, &h, sizeof(h), sizeof(resp), &c);
	char d[128];

	snprintf(d, sizeof(d), "errno %d, resp_len %u, status %d, seq %u",
		 e, c.resp_len, answer()->status, answer()->seq);
	check(!e && c.resp_len == sizeof(h) + sizeof(struct mcnic_cmd_heartbeat) &&
	      !answer()->status && answer()->seq == 77 &&
	      answer()->opcode == MCNIC_CMD_HEARTBEAT, "HEARTBEAT answered", d);
}

static void malformed(int fd)
{
	struct { struct mcnic_cmd_hdr h; unsigned char pad[8]; } m;

	m.h = hdr(MCNIC_CMD_HEARTBEAT, 0);
	refused(fd, "request shorter than a header", &m, 10, "req_len=10");
	m.h.version = 9;
	refused(fd, "wrong version", &m, sizeof(m.h), "version=9");
	m.h = hdr(MCNIC_CMD_HEARTBEAT, 8);
	refused(fd, "len disagrees with req_len", &m, sizeof(m.h), "len=8");
	m.h = hdr(MCNIC_CMD_HEARTBEAT, 0);
	m.h.flags = 1;
	refused(fd, "flags set", &m, sizeof(m.h), "flags=");
	m.h = hdr(0x7777, 0);
	refused(fd, "unknown opcode", &m, sizeof(m.h), "opcode=0x7777");
}

static void bad_args(int fd)
{
	struct mcnic_cmd_hdr h = hdr(MCNIC_CMD_HEARTBEAT, 0);
	struct mcnic_ioc_cmd c;
	int e;

	e = call(fd, &h, sizeof(h), 8, &c);
	check(e == EINVAL, "resp_max under a header: EINVAL", NULL);
	e = call(fd, &h, MCNIC_CMD_MSG_MAX + 1, sizeof(resp), &c);
	check(e == EINVAL, "req_len over MCNIC_CMD_MSG_MAX: EINVAL", NULL);
	e = call(fd, (void *)16, sizeof(h), sizeof(resp), &c);
	check(e == EFAULT, "request pointer unmapped: EFAULT", NULL);
	memset(&c, 0, sizeof(c));
	c.req = (unsigned long)&h;
	c.req_len = sizeof(h);
	c.resp = 16;
	c.resp_max = sizeof(resp);
	e = ioctl(fd, MCNIC_IOC_CMD, &c) ? errno : 0;
	check(e == EFAULT, "answer pointer unmapped: EFAULT", NULL);
	c.resp = (unsigned long)resp;
	c.pad = 1;
	e = ioctl(fd, MCNIC_IOC_CMD, &c) ? errno : 0;
	check(e == EINVAL, "pad set: EINVAL", NULL);
	e = ioctl(fd, MCNIC_IOC_CMD, (void *)16) ? errno : 0;
	check(e == EFAULT, "argument unmapped: EFAULT", NULL);
	e = ioctl(fd, _IO(MCNIC_IOC_MAGIC, 99), 0) ? errno : 0;
	check(e == ENOTTY, "unknown ioctl: ENOTTY", NULL);
}

/* CAPS answers kilobytes: a small buffer gets ENOSPC and the length. */
static void small_buffer(int fd)
{
	struct mcnic_cmd_hdr h = hdr(MCNIC_CMD_CAPS, 0);
	struct mcnic_ioc_cmd c;
	unsigned int full;
	int e;
	char d[96];

	e = call(fd, &h, sizeof(h), sizeof(resp), &c);
	full = c.resp_len;
	check(!e && full > 256 && !answer()->status, "CAPS answered", NULL);
	e = call(fd, &h, sizeof(h), 256, &c);
	snprintf(d, sizeof(d), "errno %d, resp_len %u (full %u)", e, c.resp_len,
		 full);
	check(e == ENOSPC && c.resp_len == full && answer()->opcode == MCNIC_CMD_CAPS,
	      "CAPS into 256 bytes: ENOSPC with the length", d);
}

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "/dev/mcnic0";
	int fd = open(dev, O_RDWR);

	if (fd < 0) {
		printf("FAIL open %s: %s\n0 passed, 1 failed\n", dev,
		       strerror(errno));
		return 1;
	}
	good(fd);
	malformed(fd);
	bad_args(fd);
	small_buffer(fd);
	good(fd);
	close(fd);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
