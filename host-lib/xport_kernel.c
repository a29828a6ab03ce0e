// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * NICs behind the kernel driver: /dev/mcnicN (include/mcnic/uapi.h).  One
 * ioctl carries a request and brings its answer back, so send() makes the
 * call and keeps the answer for recv(); the driver's own refusals arrive
 * as answers too (status and err_msg), like the firmware's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <mcnic/uapi.h>

#include "mcnic_priv.h"

struct mcnic_kernel {
	u32 len;			/* answer held in h->resp, 0: none */
};

static struct mcnic_kernel *mcnic_kernel(struct mcnic *h)
{
	return h->priv;
}

static void mcnic_kernel_close(struct mcnic *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
	free(h->priv);
	h->priv = NULL;
}

static int mcnic_kernel_send(struct mcnic *h, const void *msg, u32 len)
{
	struct mcnic_kernel *k = mcnic_kernel(h);
	struct mcnic_ioc_cmd c = {
		.req = (uintptr_t)msg,
		.resp = (uintptr_t)h->resp,
		.req_len = len,
		.resp_max = MCNIC_CMD_MSG_MAX,
	};

	k->len = 0;
	if (ioctl(h->fd, MCNIC_IOC_CMD, &c) && (errno != EINVAL || !c.resp_len))
		return mcnic_err(h, -errno, "%s: %s", h->dev, strerror(errno));
	k->len = c.resp_len;
	return 0;
}

/* The answer send() kept; h->resp already holds it when buf is h->resp. */
static int mcnic_kernel_recv(struct mcnic *h, void *buf, u32 max, u32 *len,
			     long long deadline)
{
	struct mcnic_kernel *k = mcnic_kernel(h);

	if (!k->len)
		return mcnic_err(h, -EPROTO, "%s: no answer held", h->dev);
	if (k->len > max)
		return mcnic_err(h, -EMSGSIZE, "%s: answer of %u bytes", h->dev,
				 k->len);
	if (buf != h->resp)
		memcpy(buf, h->resp, k->len);
	*len = k->len;
	k->len = 0;
	return 0;
}

static const struct mcnic_xport mcnic_xport_kernel = {
	.name = "kernel",
	.send = mcnic_kernel_send,
	.recv = mcnic_kernel_recv,
	.close = mcnic_kernel_close,
};

int mcnic_xport_kernel_open(struct mcnic *h, const char *name)
{
	char path[MCNIC_DEV_MAX + 8];

	snprintf(path, sizeof(path), "/dev/%s", name);
	h->fd = open(path, O_RDWR | O_CLOEXEC);
	if (h->fd < 0) {
		if (errno == ENOENT && access("/sys/module/mcnic", F_OK))
			return mcnic_open_err(-ENODEV,
					      "%s: no kernel driver (mcnic.ko not loaded)",
					      name);
		return mcnic_open_err(-errno, "%s: %s: %s", name, path,
				      strerror(errno));
	}
	h->priv = calloc(1, sizeof(struct mcnic_kernel));
	if (!h->priv) {
		close(h->fd);
		h->fd = -1;
		return mcnic_open_err(-ENOMEM, "%s: out of memory", name);
	}
	h->xp = &mcnic_xport_kernel;
	return 0;
}
