// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Transmit: one descriptor per (linear) frame, HEAD written once per
 * burst (xmit_more), completions read in NAPI.  The device completes in
 * order, so the slot a completion finishes is our own next one: its
 * index is only checked, never used.  One naming another queue or slot
 * is counted (bad_cpl) and still ends that next slot, so a device that
 * writes garbage cannot stall the queue or make us touch another slot;
 * one with nothing outstanding is counted and dropped.
 */
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/slab.h>

#include <mcnic/drop.h>
#include <mcnic/queue.h>

#include "mcnic.h"

static u32 mcnic_txq_free(const struct mcnic_txq *q)
{
	/* clean moves in NAPI, head in xmit. */
	return (q->r.mask + 1) - (READ_ONCE(q->head) - READ_ONCE(q->clean));
}

netdev_tx_t mcnic_txq_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	struct mcnic_qp *qp = &np->qp[skb_get_queue_mapping(skb)];
	struct netdev_queue *nq = netdev_get_tx_queue(ndev, qp->idx);
	struct mcnic_txq *q = &qp->tx;
	struct mcnic_desc *desc;
	u32 slot = q->head & q->r.mask;
	dma_addr_t dma;

	if (skb_put_padto(skb, ETH_ZLEN) || skb_linearize(skb))
		goto drop;
	dma = dma_map_single(&np->d->pdev->dev, skb->data, skb->len,
			     DMA_TO_DEVICE);
	if (dma_mapping_error(&np->d->pdev->dev, dma))
		goto drop;
	q->skb[slot] = skb;
	q->buf[slot] = dma;
	desc = (struct mcnic_desc *)q->r.ring + slot;
	desc->addr = dma;
	desc->len = skb->len;
	desc->flags = 0;
	WRITE_ONCE(q->head, q->head + 1);
	netdev_tx_sent_queue(nq, skb->len);
	if (mcnic_txq_free(q) < 2) {
		netif_tx_stop_queue(nq);
		/* A completion may have freed slots before it saw the stop. */
		smp_mb();
		if (mcnic_txq_free(q) >= 2)
			netif_tx_start_queue(nq);
	}
	if (!netdev_xmit_more() || netif_xmit_stopped(nq)) {
		dma_wmb();
		mcnic_ring_reg(np->d, &q->r, MCNIC_Q_REG_HEAD, q->head);
	}
	return NETDEV_TX_OK;
drop:
	mcnic_qstats_inc(&qp->txs, &qp->txs.dropped);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

struct mcnic_txq_tally {
	u32 pkts, bytes;		/* sent */
	u32 bql_pkts, bql_bytes;	/* completed, sent or not */
};

/* One completion; false when it is not the one expected. */
static bool mcnic_txq_done(struct mcnic_qp *qp, const struct mcnic_cpl *c,
			   struct mcnic_txq_tally *t, int budget)
{
	struct mcnic_txq *q = &qp->tx;
	u32 slot = q->clean & q->r.mask;
	struct sk_buff *skb;
	bool ok;

	if (q->clean == q->head) {
		mcnic_qstats_inc(&qp->txs, &qp->txs.bad_cpl);
		return false;
	}
	ok = !(c->flags & MCNIC_CPL_RX) && c->queue == q->r.hw &&
	     c->index == slot;
	skb = q->skb[slot];
	dma_unmap_single(&qp->np->d->pdev->dev, q->buf[slot], skb->len,
			 DMA_TO_DEVICE);
	if (!ok) {
		mcnic_qstats_inc(&qp->txs, &qp->txs.bad_cpl);
	} else if (c->flags & (MCNIC_CPL_ERR_DMA | MCNIC_CPL_ERR_LEN)) {
		mcnic_qstats_inc(&qp->txs, &qp->txs.errors);
	} else if (c->drop != MCNIC_DROP_NONE) {
		mcnic_qstats_inc(&qp->txs, &qp->txs.dropped);
	} else {
		t->pkts++;
		t->bytes += skb->len;
	}
	t->bql_pkts++;
	t->bql_bytes += skb->len;
	napi_consume_skb(skb, budget);
	q->skb[slot] = NULL;
	WRITE_ONCE(q->clean, q->clean + 1);
	return ok;
}

void mcnic_txq_complete(struct mcnic_qp *qp, int budget)
{
	struct net_device *ndev = qp->np->ndev;
	struct netdev_queue *nq = netdev_get_tx_queue(ndev, qp->idx);
	struct mcnic_cq *cq = &qp->txcq;
	struct mcnic_txq_tally t = { };
	struct mcnic_cpl *c;

	while ((c = mcnic_cq_next(cq))) {
		if (!mcnic_txq_done(qp, c, &t, budget) && net_ratelimit())
			netdev_warn(ndev, "TX completion names queue %u slot %u (queue %u, %u outstanding): counted as bad\n",
				    c->queue, c->index, qp->tx.r.hw,
				    qp->tx.head - qp->tx.clean);
		cq->tail++;
	}
	mcnic_qstats_add(&qp->txs, t.pkts, t.bytes);
	netdev_tx_completed_queue(nq, t.bql_pkts, t.bql_bytes);
	/* Pairs with the barrier in mcnic_txq_xmit(). */
	smp_mb();
	if (netif_tx_queue_stopped(nq) && mcnic_txq_free(&qp->tx) >= 2)
		netif_tx_wake_queue(nq);
}

int mcnic_txq_open(struct mcnic_qp *qp)
{
	struct mcnic_priv *np = qp->np;
	struct mcnic_txq *q = &qp->tx;
	u32 n = 1u << np->log_ring;
	int rc;

	q->skb = kcalloc(n, sizeof(*q->skb), GFP_KERNEL);
	q->buf = kcalloc(n, sizeof(*q->buf), GFP_KERNEL);
	if (!q->skb || !q->buf)
		return -ENOMEM;
	rc = mcnic_ring_alloc(np->d, &q->r, np->log_ring,
			      sizeof(struct mcnic_desc));
	if (rc)
		return rc;
	q->head = 0;
	q->clean = 0;
	return mcnic_ring_enable(np->d, &q->r, qp->txcq.r.hw, np->vp->id, 0);
}

void mcnic_txq_close(struct mcnic_qp *qp)
{
	struct mcnic_txq *q = &qp->tx;
	struct device *dev = &qp->np->d->pdev->dev;
	u32 slot;

	if (q->r.ring)
		mcnic_ring_disable(qp->np->d, &q->r);
	for (; q->skb && q->clean != q->head; q->clean++) {
		slot = q->clean & q->r.mask;
		dma_unmap_single(dev, q->buf[slot], q->skb[slot]->len,
				 DMA_TO_DEVICE);
		dev_kfree_skb_any(q->skb[slot]);
	}
	if (q->skb)
		netdev_tx_reset_queue(netdev_get_tx_queue(qp->np->ndev, qp->idx));
	mcnic_ring_free(qp->np->d, &q->r, sizeof(struct mcnic_desc));
	kfree(q->skb);
	kfree(q->buf);
	q->skb = NULL;
	q->buf = NULL;
}
