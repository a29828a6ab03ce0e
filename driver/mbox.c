// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The command mailbox client (include/mcnic/regs.h, block MBOX; messages
 * of include/mcnic/cmd.h).  One request at a time.  In DMA mode (MBOX
 * 1.1) it is copied into a coherent buffer the device reads, and the
 * answer comes back beside it; a 1.0 device gets it written into its
 * request buffer word by word.  The answer is taken once the device says
 * DONE (by its vector, or found by polling STATUS, so a lost interrupt
 * costs latency, not the request).  Each request gets the driver's
 * sequence number; an answer that does not echo it and the opcode, or
 * whose lengths do not add up, is refused: the device's bytes are never
 * trusted as lengths for anything, and a DMA answer is checked in the
 * copy the caller gets, never where the device can still write.
 */
#include <linux/dma-mapping.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "mcnic.h"

#define MCNIC_MBOX_TIMEOUT_MS	5000
#define MCNIC_MBOX_POLL_MS	20

static bool mbox_dma = true;
module_param(mbox_dma, bool, 0444);
MODULE_PARM_DESC(mbox_dma, "use the mailbox's DMA mode when the device has it (default: true)");

static u32 mcnic_mbox_reg(struct mcnic_dev *d, u32 reg)
{
	return mcnic_bus_read(&d->bus, d->rb.mbox + reg);
}

void mcnic_mbox_irq(struct mcnic_dev *d)
{
	complete(&d->mbox.done);
}

/*
 * The answer's length once the device says DONE, -ETIMEDOUT, -EIO or
 * -ENODEV.  STATUS and RESP_LEN are neighbours: one block read takes both
 * (on the shm bus, one round trip instead of two).  STATUS is read once
 * before the first sleep: most requests are done by then, and an
 * interrupt's way to a sleeping task costs more than the request.
 */
static int mcnic_mbox_wait(struct mcnic_dev *d, u32 *len)
{
	unsigned long deadline = jiffies +
				 msecs_to_jiffies(MCNIC_MBOX_TIMEOUT_MS);
	u32 st[2];

	BUILD_BUG_ON(MCNIC_MBOX_REG_RESP_LEN - MCNIC_MBOX_REG_STATUS != 4);
	for (;;) {
		if (mcnic_bus_read_block(&d->bus, d->rb.mbox + MCNIC_MBOX_REG_STATUS,
					 st, 2) || st[0] == ~0u)
			return -ENODEV;
		if (st[0] == MCNIC_MBOX_ST_DONE) {
			*len = st[1];
			return 0;
		}
		if (st[0] == MCNIC_MBOX_ST_FAULT) {
			dev_err(&d->pdev->dev, "mailbox: the device could not reach the request or answer buffer\n");
			return -EIO;
		}
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		wait_for_completion_timeout(&d->mbox.done,
					    msecs_to_jiffies(MCNIC_MBOX_POLL_MS));
	}
}

static int mcnic_mbox_bad(struct mcnic_dev *d, const char *what, u32 val)
{
	d->mbox.bad_answers++;
	dev_err(&d->pdev->dev, "mailbox: bad answer: %s %u\n", what, val);
	return -EIO;
}

/* Read the answer; every length in it is checked before it is used. */
static int mcnic_mbox_answer(struct mcnic_dev *d, u16 op, u32 seq, u32 len,
			     void *resp, u32 resp_max)
{
	struct mcnic_cmd_hdr *h = resp;
	int rc;

	if (len < sizeof(*h) || len > d->mbox.size || len > MCNIC_CMD_MSG_MAX)
		return mcnic_mbox_bad(d, "length", len);
	if (len > resp_max)
		return -ENOSPC;
	if (d->mbox.dma_buf) {
		memcpy(resp, d->mbox.dma_buf + d->mbox.size, len);
	} else {
		rc = mcnic_bus_read_block(&d->bus, d->mbox.resp_off, resp,
					  DIV_ROUND_UP(len, 4));
		if (rc)
			return rc;
	}
	if (h->opcode != op || h->seq != seq)
		return mcnic_mbox_bad(d, "opcode/seq", h->opcode);
	if (h->len != len - sizeof(*h))
		return mcnic_mbox_bad(d, "payload length", h->len);
	h->err_msg[sizeof(h->err_msg) - 1] = '\0';
	return len;
}

/*
 * The DMA registers are written with every request, since a device reset
 * may have cleared them: they and the doorbell are neighbours, so it is
 * one block of posted writes (on the shm bus, one kick).
 */
static void mcnic_mbox_send(struct mcnic_dev *d, const void *req, u32 req_len)
{
	struct mcnic_mbox *m = &d->mbox;
	dma_addr_t resp = m->dma_addr + m->size;
	u32 regs[] = {
		lower_32_bits(m->dma_addr), upper_32_bits(m->dma_addr),
		lower_32_bits(resp), upper_32_bits(resp), m->size, req_len,
	};

	BUILD_BUG_ON(MCNIC_MBOX_REG_DMA_DOORBELL - MCNIC_MBOX_REG_DMA_REQ_LO !=
		     4 * (ARRAY_SIZE(regs) - 1));
	if (!m->dma_buf) {
		/* The buffer is padded to a word: see mcnic_cdev_ioctl_cmd(). */
		mcnic_bus_write_block(&d->bus, m->req_off, req,
				      DIV_ROUND_UP(req_len, 4));
		mcnic_bus_write(&d->bus, d->rb.mbox + MCNIC_MBOX_REG_DOORBELL,
				req_len);
		return;
	}
	memcpy(m->dma_buf, req, req_len);
	/* writel orders the buffer's bytes before the doorbell. */
	mcnic_bus_write_block(&d->bus, d->rb.mbox + MCNIC_MBOX_REG_DMA_REQ_LO,
			      regs, ARRAY_SIZE(regs));
}

int mcnic_mbox_call(struct mcnic_dev *d, void *req, u32 req_len,
		    void *resp, u32 resp_max)
{
	struct mcnic_mbox *m = &d->mbox;
	struct mcnic_cmd_hdr *h = req;
	u32 seq, len;
	int rc;

	if (req_len < sizeof(*h) || req_len > m->size ||
	    resp_max < sizeof(*h) || !IS_ALIGNED(resp_max, 4))
		return -EINVAL;
	mutex_lock(&m->lock);
	seq = ++m->seq;
	h->seq = seq;
	reinit_completion(&m->done);
	mcnic_mbox_send(d, req, req_len);
	rc = mcnic_mbox_wait(d, &len);
	if (!rc) {
		rc = mcnic_mbox_answer(d, h->opcode, seq, len, resp, resp_max);
	} else if (rc == -ETIMEDOUT) {
		m->timeouts++;
		dev_err(&d->pdev->dev, "mailbox: %s (seq %u) not answered in %u ms\n",
			mcnic_cmd_op_name(h->opcode), seq, MCNIC_MBOX_TIMEOUT_MS);
	}
	mutex_unlock(&m->lock);
	return rc;
}

int mcnic_mbox_init(struct mcnic_dev *d)
{
	struct mcnic_mbox *m = &d->mbox;
	u32 end, ver;

	mutex_init(&m->lock);
	init_completion(&m->done);
	m->req_off = mcnic_mbox_reg(d, MCNIC_MBOX_REG_REQ_OFF);
	m->resp_off = mcnic_mbox_reg(d, MCNIC_MBOX_REG_RESP_OFF);
	m->size = mcnic_mbox_reg(d, MCNIC_MBOX_REG_SIZE);
	end = max(m->req_off, m->resp_off);
	if (m->size < sizeof(struct mcnic_cmd_hdr) || m->size % 4 ||
	    m->req_off % 4 || m->resp_off % 4 ||
	    end > MCNIC_BAR0_SIZE || m->size > MCNIC_BAR0_SIZE - end ||
	    abs((int)m->req_off - (int)m->resp_off) < (int)m->size) {
		dev_err(&d->pdev->dev,
			"mailbox buffers not usable: request %#x, answer %#x, %u bytes\n",
			m->req_off, m->resp_off, m->size);
		return -EIO;
	}
	m->size = min_t(u32, m->size, MCNIC_CMD_MSG_MAX);
	ver = mcnic_mbox_reg(d, offsetof(struct mcnic_rb, version));
	if (mbox_dma && (ver & 0xffff) >= MCNIC_MBOX_DMA_MINOR)
		m->dma_buf = dma_alloc_coherent(&d->pdev->dev, 2 * m->size,
						&m->dma_addr, GFP_KERNEL);
	/* Our vector 0 serves the mailbox. */
	mcnic_bus_write(&d->bus, d->rb.mbox + MCNIC_MBOX_REG_IRQ, 0);
	return 0;
}

void mcnic_mbox_fini(struct mcnic_dev *d)
{
	struct mcnic_mbox *m = &d->mbox;

	if (m->dma_buf)
		dma_free_coherent(&d->pdev->dev, 2 * m->size, m->dma_buf,
				  m->dma_addr);
	m->dma_buf = NULL;
	mutex_destroy(&m->lock);
}

/*
 * A request the driver makes itself: op with len bytes of data; the
 * answer's payload (at most ans_max bytes) into ans.  Returns the payload
 * length, the NIC's refusal (its negative status, message in msg when
 * given) or -errno.
 */
int mcnic_mbox_cmd(struct mcnic_dev *d, u16 op, const void *data, u32 len,
		   void *ans, u32 ans_max, char *msg)
{
	struct mcnic_cmd_hdr *req, *a;
	int rc;

	req = kvzalloc(round_up(sizeof(*req) + len, 4), GFP_KERNEL);
	a = kvmalloc(MCNIC_CMD_MSG_MAX, GFP_KERNEL);
	rc = -ENOMEM;
	if (!req || !a)
		goto out;
	req->version = MCNIC_CMD_VERSION;
	req->opcode = op;
	req->len = len;
	if (len)
		memcpy(req + 1, data, len);
	rc = mcnic_mbox_call(d, req, sizeof(*req) + len, a, MCNIC_CMD_MSG_MAX);
	if (rc < 0)
		goto out;
	if (msg)
		strscpy(msg, a->err_msg, MCNIC_CMD_ERR_MSG);
	if (a->status < 0) {
		rc = a->status;
		goto out;
	}
	rc = min(a->len, ans_max);
	if (ans)
		memcpy(ans, a + 1, rc);
out:
	kvfree(req);
	kvfree(a);
	return rc;
}
