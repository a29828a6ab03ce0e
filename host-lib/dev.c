// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * A device handle: which transport a name selects, and the request/answer
 * exchange every call goes through -- sequence numbers, matching answers
 * to requests, timeouts and the device's refusals turned into messages.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mcnic_priv.h"

long long mcnic_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* DDDD:BB:DD.F */
static int mcnic_is_pci_addr(const char *s)
{
	static const char pat[] = "xxxx:xx:xx.x";
	size_t i;

	if (strlen(s) != sizeof(pat) - 1)
		return 0;
	for (i = 0; pat[i]; i++)
		if (pat[i] == 'x' ? !isxdigit((unsigned char)s[i]) :
				    s[i] != pat[i])
			return 0;
	return 1;
}

static int mcnic_is_kernel_name(const char *s)
{
	if (strncmp(s, "mcnic", 5) || !s[5])
		return 0;
	for (s += 5; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int mcnic_dispatch(struct mcnic *h, const char *dev)
{
	if (!strncmp(dev, "sim:", 4))
		return mcnic_xport_sim_open(h, dev + 4);
	if (mcnic_is_kernel_name(dev))
		return mcnic_xport_kernel_open(h, dev);
	if (mcnic_is_pci_addr(dev))
		return mcnic_xport_pci_open(h, dev);
	return mcnic_open_err(-EINVAL,
			      "%s: not a device name (sim:PATH, mcnicN or DDDD:BB:DD.F)",
			      dev);
}

static void mcnic_free(struct mcnic *h)
{
	if (h) {
		free(h->req);
		free(h->resp);
	}
	free(h);
}

static struct mcnic *mcnic_alloc(const char *dev)
{
	struct mcnic *h = calloc(1, sizeof(*h));

	if (h) {
		h->req = malloc(MCNIC_CMD_MSG_MAX);
		h->resp = malloc(MCNIC_CMD_MSG_MAX);
	}
	if (!h || !h->req || !h->resp) {
		mcnic_free(h);
		mcnic_open_err(-ENOMEM, "%s: out of memory", dev);
		return NULL;
	}
	h->fd = -1;
	h->timeout_ms = MCNIC_TIMEOUT_MS;
	snprintf(h->dev, sizeof(h->dev), "%s", dev);
	return h;
}

int mcnic_open(struct mcnic **hp, const char *dev)
{
	struct mcnic *h;
	int r;

	*hp = NULL;
	if (!dev || !*dev)
		return mcnic_open_err(-EINVAL,
				      "no device given (-d DEV or $MCNIC_DEVICE)");
	h = mcnic_alloc(dev);
	if (!h)
		return -ENOMEM;
	r = mcnic_dispatch(h, dev);
	if (r) {
		mcnic_free(h);
		return r;
	}
	*hp = h;
	return 0;
}

int mcnic_open_xport(struct mcnic **hp, const char *name,
		     const struct mcnic_xport *xp, void *priv)
{
	*hp = mcnic_alloc(name);
	if (!*hp)
		return -ENOMEM;
	(*hp)->xp = xp;
	(*hp)->priv = priv;
	return 0;
}

void mcnic_close(struct mcnic *h)
{
	if (!h)
		return;
	if (h->xp)
		h->xp->close(h);
	mcnic_free(h);
}

void mcnic_set_timeout(struct mcnic *h, int ms)
{
	h->timeout_ms = ms > 0 ? ms : MCNIC_TIMEOUT_MS;
}

const char *mcnic_dev_name(const struct mcnic *h)
{
	return h->dev;
}

/* The answer to seq, skipping any late answer to an abandoned request. */
static int mcnic_wait(struct mcnic *h, u32 seq, u32 *len)
{
	long long deadline = mcnic_now_ms() + h->timeout_ms;
	const struct mcnic_cmd_hdr *a = (const void *)h->resp;
	int r;

	for (;;) {
		r = h->xp->recv(h, h->resp, MCNIC_CMD_MSG_MAX, len, deadline);
		if (r)
			return r;
		if (*len < sizeof(*a) || a->len > *len - sizeof(*a))
			return mcnic_err(h, -EPROTO,
					 "%s: answer of %u bytes is malformed",
					 h->dev, *len);
		if (a->seq == seq)
			return 0;
	}
}

static int mcnic_refused(struct mcnic *h, struct mcnic_req *r, int status,
			 const char *msg)
{
	char m[MCNIC_CMD_ERR_MSG + 1];

	memcpy(m, msg, MCNIC_CMD_ERR_MSG);
	m[MCNIC_CMD_ERR_MSG] = '\0';
	if (status >= 0 || status < -4095)
		return mcnic_err(h, -EPROTO, "%s: %s answered status %d",
				 h->dev, mcnic_cmd_op_name(r->op), status);
	if (r->count > 1)
		return mcnic_err(h, status, "%s: entry %u: %s (%s)",
				 mcnic_cmd_op_name(r->op), r->err_index,
				 m[0] ? m : "refused", strerror(-status));
	return mcnic_err(h, status, "%s: %s (%s)", mcnic_cmd_op_name(r->op),
			 m[0] ? m : "refused", strerror(-status));
}

int mcnic_call(struct mcnic *h, struct mcnic_req *r)
{
	struct mcnic_cmd_hdr *q = (void *)h->req;
	const struct mcnic_cmd_hdr *a = (const void *)h->resp;
	u32 len;
	int rc;

	if (!h->xp)
		return mcnic_err(h, -ENOTCONN, "%s: connection lost", h->dev);
	if (r->len > MCNIC_CMD_MSG_MAX - sizeof(*q))
		return mcnic_err(h, -EMSGSIZE, "%s: %u bytes exceed a message",
				 mcnic_cmd_op_name(r->op), r->len);
	memset(q, 0, sizeof(*q));
	q->version = MCNIC_CMD_VERSION;
	q->opcode = r->op;
	q->seq = ++h->seq;
	q->len = r->len;
	q->count = r->count;
	if (r->len)
		memcpy(q + 1, r->data, r->len);
	rc = h->xp->send(h, q, sizeof(*q) + r->len);
	if (!rc)
		rc = mcnic_wait(h, q->seq, &len);
	if (rc)
		return rc;
	if (a->opcode != r->op)
		return mcnic_err(h, -EPROTO, "%s: answer to %s names opcode %#x",
				 h->dev, mcnic_cmd_op_name(r->op), a->opcode);
	r->ans = (const u8 *)(a + 1);
	r->ans_len = a->len;
	r->ans_count = a->count;
	r->err_index = a->err_index;
	if (a->status)
		return mcnic_refused(h, r, a->status, a->err_msg);
	return 0;
}

int mcnic_cmd(struct mcnic *h, u16 opcode, u16 count, const void *payload,
	      u32 len, void *out, u32 out_max, u32 *out_len, u16 *err_index)
{
	struct mcnic_req r = {
		.op = opcode, .count = count, .data = payload, .len = len,
	};
	int rc = mcnic_call(h, &r);

	if (err_index)
		*err_index = r.err_index;
	if (rc)
		return rc;
	if (r.ans_len > out_max)
		return mcnic_err(h, -EMSGSIZE, "%s: answer of %u bytes, room for %u",
				 mcnic_cmd_op_name(opcode), r.ans_len, out_max);
	if (r.ans_len)
		memcpy(out, r.ans, r.ans_len);
	if (out_len)
		*out_len = r.ans_len;
	return 0;
}
