// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * BAR 0 (regs.h).  The BAR is a byte array holding every register a host
 * may write back and read; registers that reflect live state (heartbeat,
 * status, firmware version, slot) are computed on each read.  The queue
 * windows are the queue engine's (qm.h): every access goes there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "regs.h"

struct mcnic_regs {
	struct mcnic_dev *dev;
	const struct mcnic_board *board;
	struct mcnic_qm *qm;
	struct mcnic_dma *dma;
	u32 qm_end;		/* end of the queue windows */
	u32 irq_pending;
	u32 mbox_status;
	int hung;		/* firmware hang injected (mcnic_regs_hang) */
	u32 hung_beat;		/* the heartbeat it stopped at */
	u8 bar[MCNIC_BAR0_SIZE] __attribute__((aligned(8)));
};

static void regs_set(struct mcnic_regs *r, u32 off, u32 val)
{
	memcpy(&r->bar[off], &val, 4);
}

static u32 regs_get(const struct mcnic_regs *r, u32 off)
{
	u32 v;

	memcpy(&v, &r->bar[off], 4);
	return v;
}

static void regs_block(struct mcnic_regs *r, u32 off, u32 type, u32 ver,
		       u32 next)
{
	regs_set(r, off, type);
	regs_set(r, off + 4, ver);
	regs_set(r, off + 8, next);
}

static void regs_ports_init(struct mcnic_regs *r)
{
	const struct mcnic_board *b = r->board;
	u32 base = MCNIC_REGS_PORTS + MCNIC_PORTS_REG_BASE, w;
	u8 mac[6];
	u16 id;

	regs_set(r, MCNIC_REGS_PORTS + MCNIC_PORTS_REG_COUNT, b->lim.ports);
	for (id = 0; id < b->lim.ports; id++) {
		const struct mcnic_board_uplink *u = mcnic_board_uplink(b, id);

		if (u)
			memcpy(mac, u->mac, 6);
		else if (mcnic_board_port_kind(b, id) == MCNIC_PORTK_VPORT)
			mcnic_board_vport_mac(b, id, mac);
		else
			continue;
		w = base + id * MCNIC_PORT_STRIDE;
		regs_set(r, w + MCNIC_PORT_REG_MAC_LO, (u32)mac[2] << 24 |
			 mac[3] << 16 | mac[4] << 8 | mac[5]);
		regs_set(r, w + MCNIC_PORT_REG_MAC_HI, mac[0] << 8 | mac[1]);
		regs_set(r, w + MCNIC_PORT_REG_MTU, 1500);
	}
}

static void regs_init(struct mcnic_regs *r)
{
	u32 q = mcnic_board_queues(r->board);

	regs_block(r, MCNIC_REGS_DEV, MCNIC_RB_TYPE_DEV, MCNIC_RB_DEV_VER,
		   MCNIC_REGS_MBOX);
	regs_set(r, MCNIC_REGS_DEV + MCNIC_DEV_REG_ID, MCNIC_DEV_ID);
	regs_set(r, MCNIC_REGS_DEV + MCNIC_DEV_REG_PORTS, r->board->lim.ports);

	regs_block(r, MCNIC_REGS_MBOX, MCNIC_RB_TYPE_MBOX, MCNIC_RB_MBOX_VER,
		   MCNIC_REGS_QM);
	regs_set(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_REQ_OFF,
		 MCNIC_REGS_MBOX_REQ);
	regs_set(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_RESP_OFF,
		 MCNIC_REGS_MBOX_RESP);
	regs_set(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_SIZE,
		 MCNIC_REGS_MBOX_SIZE);
	regs_set(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_IRQ, MCNIC_REGS_IRQ_MBOX);

	regs_block(r, MCNIC_REGS_QM, MCNIC_RB_TYPE_QM, MCNIC_RB_QM_VER,
		   MCNIC_REGS_IRQ);
	regs_set(r, MCNIC_REGS_QM + MCNIC_QM_REG_TXQ_COUNT, q);
	regs_set(r, MCNIC_REGS_QM + MCNIC_QM_REG_RXQ_COUNT, q);
	regs_set(r, MCNIC_REGS_QM + MCNIC_QM_REG_CQ_COUNT, 2 * q);
	regs_set(r, MCNIC_REGS_QM + MCNIC_QM_REG_QBASE, MCNIC_REGS_QBASE);
	regs_set(r, MCNIC_REGS_QM + MCNIC_QM_REG_QSTRIDE, MCNIC_REGS_QSTRIDE);

	regs_block(r, MCNIC_REGS_IRQ, MCNIC_RB_TYPE_IRQ, MCNIC_RB_IRQ_VER,
		   MCNIC_REGS_PORTS);
	regs_set(r, MCNIC_REGS_IRQ + MCNIC_IRQ_REG_COUNT, MCNIC_REGS_IRQS);

	regs_block(r, MCNIC_REGS_PORTS, MCNIC_RB_TYPE_PORTS,
		   MCNIC_RB_PORTS_VER, 0);
	regs_ports_init(r);
}

int mcnic_regs_create(struct mcnic_regs **rp, struct mcnic_dev *d,
		      const struct mcnic_board *b, struct mcnic_qm *qm,
		      struct mcnic_dma *dma, char *err, size_t errlen)
{
	u32 q = mcnic_board_queues(b);
	struct mcnic_regs *r;

	if (b->lim.ports > MCNIC_REGS_PORTS_MAX) {
		snprintf(err, errlen, "BAR 0: %u port windows do not fit",
			 b->lim.ports);
		return -EINVAL;
	}
	if (q > MCNIC_REGS_QUEUES_MAX) {
		snprintf(err, errlen, "BAR 0: %u host queues do not fit", q);
		return -EINVAL;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->dev = d;
	r->board = b;
	r->qm = qm;
	r->dma = dma;
	r->qm_end = MCNIC_REGS_QBASE + mcnic_qm_window_size(qm);
	regs_init(r);
	*rp = r;
	return 0;
}

void mcnic_regs_destroy(struct mcnic_regs *r)
{
	free(r);
}

static u32 regs_dev_read(struct mcnic_regs *r, u32 reg)
{
	const struct mcnic_cmd_info *info = mcnic_dev_info(r->dev);

	switch (reg) {
	case MCNIC_DEV_REG_FW_VER:
		return info->fw_version_code;
	case MCNIC_DEV_REG_HEARTBEAT:
		return r->hung ? r->hung_beat : mcnic_dev_uptime(r->dev) / 1000000;
	case MCNIC_DEV_REG_STATUS:
		return mcnic_dev_pipe(r->dev) && !r->hung ? MCNIC_DEV_ST_READY :
							    MCNIC_DEV_ST_FAULT;
	case MCNIC_DEV_REG_SLOT:
		return info->active_slot;
	default:
		return regs_get(r, MCNIC_REGS_DEV + reg);
	}
}

u32 mcnic_regs_read(struct mcnic_regs *r, u32 off)
{
	if (off >= MCNIC_BAR0_SIZE || off & 3)
		return 0xffffffffu;
	if (off >= MCNIC_REGS_DEV + 0x10 && off < MCNIC_REGS_MBOX)
		return regs_dev_read(r, off - MCNIC_REGS_DEV);
	if (off == MCNIC_REGS_MBOX + MCNIC_MBOX_REG_STATUS)
		return r->mbox_status;
	if (off >= MCNIC_REGS_QBASE && off < r->qm_end)
		return mcnic_qm_reg_read(r->qm, off - MCNIC_REGS_QBASE);
	return regs_get(r, off);
}

void mcnic_regs_irq_raise(struct mcnic_regs *r, u32 vec)
{
	if (vec < MCNIC_REGS_IRQS)
		r->irq_pending |= 1u << vec;
}

static u32 regs_min(u32 a, u32 b)
{
	return a < b ? a : b;
}

static void regs_mbox_done(struct mcnic_regs *r, u32 n)
{
	regs_set(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_RESP_LEN, n);
	r->mbox_status = MCNIC_MBOX_ST_DONE;
	mcnic_regs_irq_raise(r, regs_get(r, MCNIC_REGS_MBOX +
					 MCNIC_MBOX_REG_IRQ));
}

static u32 regs_mbox_exec(struct mcnic_regs *r, u32 len)
{
	return mcnic_dev_cmd(r->dev, &r->bar[MCNIC_REGS_MBOX_REQ],
			     regs_min(len, MCNIC_REGS_MBOX_SIZE),
			     &r->bar[MCNIC_REGS_MBOX_RESP], MCNIC_REGS_MBOX_SIZE);
}

/*
 * The doorbells: the request is executed before the write returns.  Hung
 * firmware takes it and never answers.
 */
static void regs_mbox_doorbell(struct mcnic_regs *r, u32 len)
{
	r->mbox_status = MCNIC_MBOX_ST_BUSY;
	if (!r->hung)
		regs_mbox_done(r, regs_mbox_exec(r, len));
}

static u64 regs_get64(const struct mcnic_regs *r, u32 lo)
{
	return (u64)regs_get(r, lo + 4) << 32 | regs_get(r, lo);
}

static void regs_mbox_fault(struct mcnic_regs *r, const char *what,
			    u64 addr, u32 len)
{
	mcnic_log("mailbox: %s at DMA %#llx (%u bytes) not in host memory",
		  what, (unsigned long long)addr, len);
	r->mbox_status = MCNIC_MBOX_ST_FAULT;
}

/* The DMA mode stages the request and the answer in the BAR's buffers. */
static void regs_mbox_dma_doorbell(struct mcnic_regs *r, u32 len)
{
	u64 req = regs_get64(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DMA_REQ_LO);
	u64 resp = regs_get64(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DMA_RESP_LO);
	u32 max = regs_get(r, MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DMA_RESP_MAX);
	u32 n, cut;

	r->mbox_status = MCNIC_MBOX_ST_BUSY;
	if (r->hung)
		return;
	len = regs_min(len, MCNIC_REGS_MBOX_SIZE);
	if (mcnic_dma_read(r->dma, req, &r->bar[MCNIC_REGS_MBOX_REQ], len)) {
		regs_mbox_fault(r, "request", req, len);
		return;
	}
	n = regs_mbox_exec(r, len);
	cut = regs_min(n, max);
	if (mcnic_dma_write(r->dma, resp, &r->bar[MCNIC_REGS_MBOX_RESP], cut))
		regs_mbox_fault(r, "answer", resp, cut);
	else
		regs_mbox_done(r, n);
}

static void regs_dev_reset(struct mcnic_regs *r)
{
	struct mcnic_cmd_hdr req = {
		.version = MCNIC_CMD_VERSION,
		.opcode = MCNIC_CMD_RESET,
	};
	struct mcnic_cmd_hdr resp;

	if (r->hung)
		mcnic_log("firmware reset by the host: the hang is over");
	r->hung = 0;
	mcnic_dev_cmd(r->dev, &req, sizeof(req), &resp, sizeof(resp));
	mcnic_qm_reset(r->qm);
	r->mbox_status = MCNIC_MBOX_ST_IDLE;
}

void mcnic_regs_hang(struct mcnic_regs *r)
{
	if (r->hung)
		return;
	r->hung_beat = mcnic_dev_uptime(r->dev) / 1000000;
	r->hung = 1;
	mcnic_log("firmware hang injected: heartbeat stopped at %u, mailbox "
		  "unanswered, status FAULT, until the host resets the device",
		  r->hung_beat);
}

/* Which registers a host may write; the rest are read-only. */
static int regs_writable(u32 off)
{
	if (off >= MCNIC_REGS_MBOX_REQ)
		return 1;
	if (off == MCNIC_REGS_MBOX + MCNIC_MBOX_REG_IRQ ||
	    (off >= MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DMA_REQ_LO &&
	     off <= MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DMA_RESP_MAX) ||
	    off == MCNIC_REGS_IRQ + MCNIC_IRQ_REG_MASK)
		return 1;
	return off >= MCNIC_REGS_PORTS + MCNIC_PORTS_REG_BASE &&
	       (off & (MCNIC_PORT_STRIDE - 1)) == MCNIC_PORT_REG_MTU;
}

void mcnic_regs_write(struct mcnic_regs *r, u32 off, u32 val)
{
	if (off >= MCNIC_BAR0_SIZE || off & 3)
		return;
	if (off == MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DOORBELL)
		regs_mbox_doorbell(r, val);
	else if (off == MCNIC_REGS_MBOX + MCNIC_MBOX_REG_DMA_DOORBELL)
		regs_mbox_dma_doorbell(r, val);
	else if (off == MCNIC_REGS_DEV + MCNIC_DEV_REG_RESET &&
		 val == MCNIC_DEV_RESET_KEY)
		regs_dev_reset(r);
	else if (off >= MCNIC_REGS_QBASE && off < r->qm_end)
		mcnic_qm_reg_write(r->qm, off - MCNIC_REGS_QBASE, val);
	else if (regs_writable(off))
		regs_set(r, off, val);
}

u32 mcnic_regs_irq_take(struct mcnic_regs *r)
{
	u32 p = r->irq_pending &
		~regs_get(r, MCNIC_REGS_IRQ + MCNIC_IRQ_REG_MASK);

	r->irq_pending &= ~p;
	return p;
}

void mcnic_regs_port_link(struct mcnic_regs *r, u16 id, int up)
{
	if (id < r->board->lim.ports)
		regs_set(r, MCNIC_REGS_PORTS + MCNIC_PORTS_REG_BASE +
			 id * MCNIC_PORT_STRIDE + MCNIC_PORT_REG_LINK, !!up);
}
