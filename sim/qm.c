// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The queue engine (qm.h).  A queue is its register window (what the host
 * reads back, live indices included) plus the ring's address and mask,
 * fixed while it is enabled.  Windows are TX queues 0..n-1, RX queues
 * 0..n-1, then CQs 0..2n-1.  Each vport's enabled RX queues are kept in
 * one array in queue order, rebuilt when an RX queue is enabled or
 * disabled, so picking the RSS queue costs no scan per frame.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "log.h"
#include "qm.h"

#define QM_REGS		(MCNIC_QM_STRIDE / 4)
#define QM_DESC_SHIFT	4	/* 16-byte descriptors */
#define QM_CPL_SHIFT	5	/* 32-byte completions */

enum qm_kind { QM_TX, QM_RX, QM_CQ };

static const char *const qm_kind_name[] = { "txq", "rxq", "cq" };

struct qm_queue {
	u32 reg[QM_REGS];
	u64 base;
	u32 mask;
	u8 kind;		/* enum qm_kind */
	u8 waiting;		/* CQ: a TX queue stopped on it being full */
	u16 id;			/* among queues of its kind */
	u64 done, dropped, errors, no_buf, cq_full;
};

struct mcnic_qm {
	struct mcnic_qm_cfg cfg;
	u32 n;			/* TX queues (= RX queues; CQs: 2n) */
	struct qm_queue *q;	/* 4n windows */
	u64 *kick;		/* TX queues with descriptors to take */
	u16 *rx_order;		/* enabled RX queues by vport, then id */
	u16 *rx_first;		/* per port: its first in rx_order */
	u16 *rx_count;
	u32 garbage;		/* completions still to corrupt */
	struct mcnic_qm_stats st;
};

static u32 *qm_reg(struct qm_queue *q, u32 reg)
{
	return &q->reg[reg / 4];
}

static u32 qm_get(const struct qm_queue *q, u32 reg)
{
	return q->reg[reg / 4];
}

static int qm_enabled(const struct qm_queue *q)
{
	return qm_get(q, MCNIC_Q_REG_CTRL) & MCNIC_Q_CTRL_ENABLE;
}

static u32 qm_size(const struct qm_queue *q)
{
	return q->mask + 1;
}

static struct qm_queue *qm_tx(struct mcnic_qm *qm, u32 i)
{
	return &qm->q[i];
}

static struct qm_queue *qm_rxq(struct mcnic_qm *qm, u32 i)
{
	return &qm->q[qm->n + i];
}

static struct qm_queue *qm_cq(struct mcnic_qm *qm, u32 i)
{
	return &qm->q[2 * qm->n + i];
}

/* The CQ a TX or RX queue completes to; enabling checked it exists. */
static struct qm_queue *qm_cq_of(struct mcnic_qm *qm, const struct qm_queue *q)
{
	return qm_cq(qm, qm_get(q, MCNIC_Q_REG_CQ));
}

int mcnic_qm_create(struct mcnic_qm **qmp, const struct mcnic_qm_cfg *cfg)
{
	u32 n = mcnic_board_queues(cfg->board), ports = cfg->board->lim.ports;
	struct mcnic_qm *qm = calloc(1, sizeof(*qm));
	u32 i;

	if (!qm)
		return -ENOMEM;
	qm->cfg = *cfg;
	qm->n = n;
	qm->q = calloc(4 * (size_t)n, sizeof(*qm->q));
	qm->kick = calloc((n + 63) / 64 + 1, sizeof(*qm->kick));
	qm->rx_order = calloc(n + 1, sizeof(*qm->rx_order));
	qm->rx_first = calloc(ports, sizeof(*qm->rx_first));
	qm->rx_count = calloc(ports, sizeof(*qm->rx_count));
	if (!qm->q || !qm->kick || !qm->rx_order || !qm->rx_first ||
	    !qm->rx_count) {
		mcnic_qm_destroy(qm);
		return -ENOMEM;
	}
	for (i = 0; i < 4 * n; i++) {
		qm->q[i].kind = i < n ? QM_TX : i < 2 * n ? QM_RX : QM_CQ;
		qm->q[i].id = i < n ? i : i < 2 * n ? i - n : i - 2 * n;
	}
	*qmp = qm;
	return 0;
}

void mcnic_qm_destroy(struct mcnic_qm *qm)
{
	if (!qm)
		return;
	free(qm->q);
	free(qm->kick);
	free(qm->rx_order);
	free(qm->rx_first);
	free(qm->rx_count);
	free(qm);
}

u32 mcnic_qm_window_size(const struct mcnic_qm *qm)
{
	return 4 * qm->n * MCNIC_QM_STRIDE;
}

const struct mcnic_qm_stats *mcnic_qm_stats(const struct mcnic_qm *qm)
{
	return &qm->st;
}

static void qm_kick(struct mcnic_qm *qm, const struct qm_queue *q)
{
	qm->kick[q->id / 64] |= 1ull << (q->id % 64);
}

static void qm_unkick(struct mcnic_qm *qm, const struct qm_queue *q)
{
	qm->kick[q->id / 64] &= ~(1ull << (q->id % 64));
}

/* Counting sort of the enabled RX queues by vport. */
static void qm_rx_rebuild(struct mcnic_qm *qm)
{
	u32 ports = qm->cfg.board->lim.ports, i, at = 0;
	struct qm_queue *q;

	memset(qm->rx_count, 0, ports * sizeof(*qm->rx_count));
	for (i = 0; i < qm->n; i++) {
		q = qm_rxq(qm, i);
		if (qm_enabled(q))
			qm->rx_count[qm_get(q, MCNIC_Q_REG_VPORT)]++;
	}
	for (i = 0; i < ports; i++) {
		qm->rx_first[i] = at;
		at += qm->rx_count[i];
		qm->rx_count[i] = 0;
	}
	for (i = 0; i < qm->n; i++) {
		q = qm_rxq(qm, i);
		if (qm_enabled(q)) {
			u32 v = qm_get(q, MCNIC_Q_REG_VPORT);

			qm->rx_order[qm->rx_first[v] + qm->rx_count[v]++] = i;
		}
	}
}

static void qm_disable(struct mcnic_qm *qm, struct qm_queue *q)
{
	if (!qm_enabled(q))
		return;
	*qm_reg(q, MCNIC_Q_REG_CTRL) &= ~(MCNIC_Q_CTRL_ENABLE |
					  MCNIC_Q_CTRL_ARM);
	if (q->kind == QM_TX)
		qm_unkick(qm, q);
	else if (q->kind == QM_RX)
		qm_rx_rebuild(qm);
	if (q->kind == QM_CQ)
		mcnic_log("cq %u: disabled", q->id);
	else
		mcnic_log("%s %u (vport %u): disabled: %llu %s, %llu dropped, "
			  "%llu errors, %llu no buffer, %llu cq full",
			  qm_kind_name[q->kind], q->id,
			  qm_get(q, MCNIC_Q_REG_VPORT),
			  (unsigned long long)q->done,
			  q->kind == QM_TX ? "sent" : "received",
			  (unsigned long long)q->dropped,
			  (unsigned long long)q->errors,
			  (unsigned long long)q->no_buf,
			  (unsigned long long)q->cq_full);
}

/* A ring the device cannot reach: the queue stops, as a NIC's would. */
static void qm_ring_fault(struct mcnic_qm *qm, struct qm_queue *q, u64 addr)
{
	mcnic_log_counted(&qm->st.ring_faults, "ring faults",
			  "%s %u: ring at 0x%llx not in host memory; queue "
			  "disabled", qm_kind_name[q->kind], q->id,
			  (unsigned long long)addr);
	qm_disable(qm, q);
}

void mcnic_qm_reset(struct mcnic_qm *qm)
{
	u32 i;

	for (i = 0; i < 4 * qm->n; i++)
		qm_disable(qm, &qm->q[i]);
}

/* Why q cannot be enabled as configured, or NULL. */
static const char *qm_enable_why(struct mcnic_qm *qm, const struct qm_queue *q)
{
	u32 log = qm_get(q, MCNIC_Q_REG_LOG_SIZE);
	u32 shift = q->kind == QM_CQ ? QM_CPL_SHIFT : QM_DESC_SHIFT;
	u64 base = (u64)qm_get(q, MCNIC_Q_REG_BASE_HI) << 32 |
		   qm_get(q, MCNIC_Q_REG_BASE_LO);
	u32 cq = qm_get(q, MCNIC_Q_REG_CQ);

	if (log < 1 || log > MCNIC_Q_LOG_SIZE_MAX)
		return "LOG_SIZE out of range";
	if (base & ((1u << shift) - 1))
		return "BASE not aligned to an entry";
	if (!mcnic_dma_valid(qm->cfg.dma, base, (u64)1 << (log + shift)))
		return "ring not in mapped host memory";
	if (q->kind == QM_CQ)
		return NULL;
	if (cq >= 2 * qm->n || !qm_enabled(qm_cq(qm, cq)))
		return "CQ does not name an enabled CQ";
	/* rx_count[] and rx_order[] are indexed by it: bound it first. */
	if (qm_get(q, MCNIC_Q_REG_VPORT) >= qm->cfg.board->lim.ports ||
	    mcnic_board_port_kind(qm->cfg.board,
				  qm_get(q, MCNIC_Q_REG_VPORT)) !=
	    MCNIC_PORTK_VPORT)
		return "VPORT is not a host vport";
	return NULL;
}

static void qm_cq_freed(struct mcnic_qm *qm, struct qm_queue *cq);

static void qm_enable(struct mcnic_qm *qm, struct qm_queue *q)
{
	const char *why = qm_enable_why(qm, q);

	if (why) {
		mcnic_log_counted(&qm->st.bad_writes, "queue writes refused",
				  "%s %u: enable refused: %s",
				  qm_kind_name[q->kind], q->id, why);
		return;
	}
	q->base = (u64)qm_get(q, MCNIC_Q_REG_BASE_HI) << 32 |
		  qm_get(q, MCNIC_Q_REG_BASE_LO);
	q->mask = (1u << qm_get(q, MCNIC_Q_REG_LOG_SIZE)) - 1;
	*qm_reg(q, MCNIC_Q_REG_HEAD) = 0;
	*qm_reg(q, MCNIC_Q_REG_TAIL) = 0;
	/* A CQ coming back frees any TX queue that stopped on it. */
	if (q->kind == QM_CQ)
		qm_cq_freed(qm, q);
	q->waiting = 0;
	q->done = q->dropped = q->errors = q->no_buf = q->cq_full = 0;
	*qm_reg(q, MCNIC_Q_REG_CTRL) |= MCNIC_Q_CTRL_ENABLE;
	if (q->kind == QM_RX)
		qm_rx_rebuild(qm);
	mcnic_log("%s %u: enabled, %u entries at 0x%llx",
		  qm_kind_name[q->kind], q->id, qm_size(q),
		  (unsigned long long)q->base);
}

/* The CQ's vector, once per arming, after entries were written. */
static void qm_cq_irq(struct mcnic_qm *qm, struct qm_queue *cq)
{
	u32 *ctrl = qm_reg(cq, MCNIC_Q_REG_CTRL);

	if (!(*ctrl & MCNIC_Q_CTRL_ARM) ||
	    qm_get(cq, MCNIC_Q_REG_HEAD) == qm_get(cq, MCNIC_Q_REG_TAIL))
		return;
	*ctrl &= ~MCNIC_Q_CTRL_ARM;
	qm->st.irqs++;
	qm->cfg.ops->irq(qm->cfg.ctx, *ctrl >> 16);
}

/*
 * CTRL: ENABLE for every queue; a CQ's also holds ARM and the vector.
 * Arming a CQ that holds entries the driver has not consumed raises at
 * once, so a completion written just before the arm is never missed.
 */
static void qm_ctrl_write(struct mcnic_qm *qm, struct qm_queue *q, u32 val)
{
	u32 *ctrl = qm_reg(q, MCNIC_Q_REG_CTRL);

	if (q->kind == QM_CQ && (val >> 16) >= qm->cfg.irqs) {
		mcnic_log_counted(&qm->st.bad_writes, "queue writes refused",
				  "cq %u: CTRL=0x%x: vector %u, the device has "
				  "%u", q->id, val, val >> 16, qm->cfg.irqs);
		return;
	}
	if (q->kind == QM_CQ)
		*ctrl = (*ctrl & 0xffffu) | (val & ~0xffffu);
	if (!(val & MCNIC_Q_CTRL_ENABLE)) {
		qm_disable(qm, q);
		return;
	}
	if (!qm_enabled(q))
		qm_enable(qm, q);
	if (!qm_enabled(q))
		return;
	if (q->kind == QM_TX)
		qm_kick(qm, q);
	if (q->kind == QM_CQ && val & MCNIC_Q_CTRL_ARM) {
		*ctrl |= MCNIC_Q_CTRL_ARM;
		qm_cq_irq(qm, q);
	}
}

static void qm_bad_index(struct mcnic_qm *qm, const struct qm_queue *q,
			 const char *reg, u32 val)
{
	mcnic_log_counted(&qm->st.bad_writes, "queue writes refused",
			  "%s %u: %s=%u refused (head %u, tail %u, %u "
			  "entries%s)",
			  qm_kind_name[q->kind], q->id, reg, val,
			  qm_get(q, MCNIC_Q_REG_HEAD),
			  qm_get(q, MCNIC_Q_REG_TAIL), qm_size(q),
			  qm_enabled(q) ? "" : ", disabled");
}

/* A CQ's TX queues that stopped on it being full go on. */
static void qm_cq_freed(struct mcnic_qm *qm, struct qm_queue *cq)
{
	u32 i;

	if (!cq->waiting)
		return;
	cq->waiting = 0;
	for (i = 0; i < qm->n; i++) {
		struct qm_queue *q = qm_tx(qm, i);

		if (qm_enabled(q) && qm_get(q, MCNIC_Q_REG_CQ) == cq->id)
			qm_kick(qm, q);
	}
}

/* HEAD of a TX/RX queue: the driver posts; at most a ring ahead. */
static void qm_head_write(struct mcnic_qm *qm, struct qm_queue *q, u32 val)
{
	if (!qm_enabled(q) || val - qm_get(q, MCNIC_Q_REG_TAIL) > qm_size(q)) {
		qm_bad_index(qm, q, "HEAD", val);
		return;
	}
	*qm_reg(q, MCNIC_Q_REG_HEAD) = val;
	if (q->kind == QM_TX)
		qm_kick(qm, q);
}

/* TAIL of a CQ: the driver consumed up to val, never past HEAD. */
static void qm_tail_write(struct mcnic_qm *qm, struct qm_queue *q, u32 val)
{
	u32 head = qm_get(q, MCNIC_Q_REG_HEAD);
	u32 tail = qm_get(q, MCNIC_Q_REG_TAIL);

	if (!qm_enabled(q) || val - tail > head - tail) {
		qm_bad_index(qm, q, "TAIL", val);
		return;
	}
	*qm_reg(q, MCNIC_Q_REG_TAIL) = val;
	qm_cq_freed(qm, q);
}

u32 mcnic_qm_reg_read(struct mcnic_qm *qm, u32 off)
{
	return qm->q[off / MCNIC_QM_STRIDE].reg[(off % MCNIC_QM_STRIDE) / 4];
}

void mcnic_qm_reg_write(struct mcnic_qm *qm, u32 off, u32 val)
{
	struct qm_queue *q = &qm->q[off / MCNIC_QM_STRIDE];
	u32 reg = off % MCNIC_QM_STRIDE;

	switch (reg) {
	case MCNIC_Q_REG_CTRL:
		qm_ctrl_write(qm, q, val);
		return;
	case MCNIC_Q_REG_HEAD:
		if (q->kind != QM_CQ)
			qm_head_write(qm, q, val);
		return;
	case MCNIC_Q_REG_TAIL:
		if (q->kind == QM_CQ)
			qm_tail_write(qm, q, val);
		return;
	case MCNIC_Q_REG_CQ:
	case MCNIC_Q_REG_VPORT:
		if (q->kind == QM_CQ)
			return;
		break;
	}
	/* Ring configuration is fixed while the queue runs. */
	if (qm_enabled(q))
		mcnic_log_counted(&qm->st.bad_writes, "queue writes refused",
				  "%s %u: register 0x%x=0x%x refused: the "
				  "queue is enabled", qm_kind_name[q->kind],
				  q->id, reg, val);
	else
		*qm_reg(q, reg) = val;
}

/* Entries cq can still take. */
static u32 qm_cq_free(const struct qm_queue *cq)
{
	if (!qm_enabled(cq))
		return 0;
	return qm_size(cq) - (qm_get(cq, MCNIC_Q_REG_HEAD) -
			      qm_get(cq, MCNIC_Q_REG_TAIL));
}

/* Takes the CQ's next entry; the caller checked qm_cq_free(). */
static u32 qm_cq_reserve(struct qm_queue *cq)
{
	return (*qm_reg(cq, MCNIC_Q_REG_HEAD))++;
}

/* A device gone wrong, in turn: another slot, another queue, a length
 * no buffer has. */
static void qm_cpl_corrupt(struct mcnic_qm *qm, struct mcnic_cpl *c)
{
	switch (qm->garbage-- % 3) {
	case 0:
		c->index += 7;
		break;
	case 1:
		c->queue ^= 0x5a5;
		break;
	default:
		c->len = 0xfffffff0u;
		break;
	}
	qm->st.garbage++;
}

void mcnic_qm_garbage(struct mcnic_qm *qm, u32 n)
{
	qm->garbage = n;
	mcnic_log("queues: the next %u completions will be garbage (injected)", n);
}

/* Writes entry idx (from qm_cq_reserve) with its phase and time. */
static void qm_cq_write(struct mcnic_qm *qm, struct qm_queue *cq, u32 idx,
			struct mcnic_cpl *c)
{
	u64 addr = cq->base + ((u64)(idx & cq->mask) << QM_CPL_SHIFT);

	if (!qm_enabled(cq))
		return;
	if (qm->garbage)
		qm_cpl_corrupt(qm, c);
	/* Pass 0 writes phase 1, and the phase flips on every wrap. */
	if (!((idx >> __builtin_ctz(qm_size(cq))) & 1))
		c->flags |= MCNIC_CPL_PHASE;
	c->ts = mcnic_dev_now();
	if (mcnic_dma_write(qm->cfg.dma, addr, c, sizeof(*c))) {
		qm_ring_fault(qm, cq, addr);
		return;
	}
	qm_cq_irq(qm, cq);
}

/* Reads q's descriptor in slot pos (mod size); a ring fault stops q. */
static int qm_desc(struct mcnic_qm *qm, struct qm_queue *q, u32 pos,
		   struct mcnic_desc *d)
{
	u64 addr = q->base + ((u64)(pos & q->mask) << QM_DESC_SHIFT);

	if (!mcnic_dma_read(qm->cfg.dma, addr, d, sizeof(*d)))
		return 0;
	qm_ring_fault(qm, q, addr);
	return -EFAULT;
}

static void qm_buf_error(struct mcnic_qm *qm, struct qm_queue *q,
			 const struct mcnic_desc *d, u32 slot, u16 flag,
			 u64 *count)
{
	q->errors++;
	mcnic_log_counted(count, q->kind == QM_TX ? "tx descriptor errors" :
			  "rx descriptor errors",
			  "%s %u: descriptor %u: %s (addr 0x%llx, len %u)",
			  qm_kind_name[q->kind], q->id, slot,
			  flag == MCNIC_CPL_ERR_DMA ?
			  "buffer outside mapped host memory" :
			  "bad length", (unsigned long long)d->addr, d->len);
}

/* One TX completion: counted, TAIL moved on, written. */
static void qm_tx_done(struct mcnic_qm *qm, struct qm_queue *q,
		       struct qm_queue *cq, const struct mcnic_desc *d,
		       u32 idx, struct mcnic_cpl *c)
{
	if (c->flags) {
		qm_buf_error(qm, q, d, c->index, c->flags, &qm->st.tx_errors);
	} else if (c->drop) {
		q->dropped++;
		qm->st.tx_dropped++;
	} else {
		q->done++;
		qm->st.tx_sent++;
	}
	(*qm_reg(q, MCNIC_Q_REG_TAIL))++;
	qm_cq_write(qm, cq, idx, c);
}

/*
 * Up to n TX descriptors from TAIL on: read, their frames sent in one
 * ops->tx call, then completed in order.  Returns how many were taken
 * (fewer than n only when a ring fault stopped q).
 */
static u32 qm_tx_burst(struct mcnic_qm *qm, struct qm_queue *q,
		       struct qm_queue *cq, u32 n)
{
	struct mcnic_desc d[MCNIC_QM_TX_BURST];
	struct mcnic_cpl c[MCNIC_QM_TX_BURST];
	u32 idx[MCNIC_QM_TX_BURST], len[MCNIC_QM_TX_BURST];
	u32 tail = qm_get(q, MCNIC_Q_REG_TAIL), i, k = 0, got;
	u8 drop[MCNIC_QM_TX_BURST];

	for (got = 0; got < n; got++) {
		if (qm_desc(qm, q, tail + got, &d[got]))
			break;
		__builtin_memset(&c[got], 0, sizeof(c[got]));
		c[got].queue = q->id;
		c[got].index = (tail + got) & q->mask;
		/* The frame may come back on this CQ: its TX entry first. */
		idx[got] = qm_cq_reserve(cq);
		if (!d[got].len || d[got].len > qm->cfg.buf_max)
			c[got].flags = MCNIC_CPL_ERR_LEN;
		else if (mcnic_dma_read(qm->cfg.dma, d[got].addr,
					qm->cfg.buf + k * qm->cfg.buf_stride,
					d[got].len))
			c[got].flags = MCNIC_CPL_ERR_DMA;
		else
			len[k++] = d[got].len;
	}
	if (k)
		qm->cfg.ops->tx(qm->cfg.ctx, qm_get(q, MCNIC_Q_REG_VPORT), len,
				k, drop);
	for (i = 0, k = 0; i < got; i++) {
		if (!c[i].flags)
			c[i].drop = drop[k++];
		qm_tx_done(qm, q, cq, &d[i], idx[i], &c[i]);
	}
	return got;
}

static void qm_tx_work(struct mcnic_qm *qm, struct qm_queue *q)
{
	u32 budget = MCNIC_QM_BUDGET, n;
	struct qm_queue *cq;

	qm_unkick(qm, q);
	while (qm_enabled(q) && qm_get(q, MCNIC_Q_REG_TAIL) !=
	       qm_get(q, MCNIC_Q_REG_HEAD)) {
		if (!budget) {
			qm_kick(qm, q);
			return;
		}
		cq = qm_cq_of(qm, q);
		n = qm_get(q, MCNIC_Q_REG_HEAD) - qm_get(q, MCNIC_Q_REG_TAIL);
		n = n < budget ? n : budget;
		n = n < MCNIC_QM_TX_BURST ? n : MCNIC_QM_TX_BURST;
		n = n < qm_cq_free(cq) ? n : qm_cq_free(cq);
		if (!n) {
			/* Resumed when the driver frees an entry. */
			cq->waiting = 1;
			return;
		}
		budget -= qm_tx_burst(qm, q, cq, n);
	}
}

int mcnic_qm_busy(const struct mcnic_qm *qm)
{
	u32 i;

	for (i = 0; i < (qm->n + 63) / 64; i++)
		if (qm->kick[i])
			return 1;
	return 0;
}

void mcnic_qm_poll(struct mcnic_qm *qm)
{
	u32 w, b;
	u64 bits;

	for (w = 0; w < (qm->n + 63) / 64; w++) {
		bits = qm->kick[w];
		while (bits) {
			b = __builtin_ctzll(bits);
			bits &= bits - 1;
			qm_tx_work(qm, qm_tx(qm, w * 64 + b));
		}
	}
}

/* Why a frame for q is dropped before any DMA, or 0. */
static int qm_rx_room(struct mcnic_qm *qm, struct qm_queue *q,
		      struct qm_queue *cq)
{
	if (qm_get(q, MCNIC_Q_REG_TAIL) == qm_get(q, MCNIC_Q_REG_HEAD)) {
		q->no_buf++;
		mcnic_log_counted(&qm->st.rx_no_buf, "rx no-buffer drops",
				  "rxq %u (vport %u): no buffer posted; frame "
				  "dropped", q->id,
				  qm_get(q, MCNIC_Q_REG_VPORT));
		return -ENOBUFS;
	}
	if (!qm_cq_free(cq)) {
		q->cq_full++;
		mcnic_log_counted(&qm->st.rx_cq_full, "rx cq-full drops",
				  "rxq %u (vport %u): cq %u full or disabled; "
				  "frame dropped", q->id,
				  qm_get(q, MCNIC_Q_REG_VPORT), cq->id);
		return -ENOBUFS;
	}
	return 0;
}

int mcnic_qm_has_rx(const struct mcnic_qm *qm, u16 vport)
{
	return vport < qm->cfg.board->lim.ports && qm->rx_count[vport];
}

int mcnic_qm_rx(struct mcnic_qm *qm, u16 vport, u16 queue, const u8 *frame,
		u32 len, const struct mcnic_qm_rx *info)
{
	struct mcnic_cpl c = {
		.len = len, .hash = info->hash, .rule = info->rule,
		.flags = MCNIC_CPL_RX | info->flags,
	};
	struct qm_queue *q, *cq;
	struct mcnic_desc d;
	u16 err = 0, n;

	if (!mcnic_qm_has_rx(qm, vport))
		return -ENOENT;
	n = qm->rx_count[vport];
	q = qm_rxq(qm, qm->rx_order[qm->rx_first[vport] + queue % n]);
	cq = qm_cq_of(qm, q);
	if (qm_rx_room(qm, q, cq) ||
	    qm_desc(qm, q, qm_get(q, MCNIC_Q_REG_TAIL), &d))
		return -ENOBUFS;
	c.queue = q->id;
	c.index = qm_get(q, MCNIC_Q_REG_TAIL) & q->mask;
	if (d.len < len)
		err = MCNIC_CPL_ERR_LEN;
	else if (mcnic_dma_write(qm->cfg.dma, d.addr, frame, len))
		err = MCNIC_CPL_ERR_DMA;
	if (err) {
		c.flags |= err;
		qm_buf_error(qm, q, &d, c.index, err, &qm->st.rx_errors);
	} else {
		q->done++;
		qm->st.rx_frames++;
	}
	(*qm_reg(q, MCNIC_Q_REG_TAIL))++;
	qm_cq_write(qm, cq, qm_cq_reserve(cq), &c);
	return 0;
}
