// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Receive into pages: every slot owns one page, mapped once when the
 * interface opens and posted again as soon as its frame is copied out,
 * so the RX path allocates nothing but the skb.  The device fills slots
 * in order, so a completion is for our own next slot; it must also name
 * this queue and that slot and a length within the buffer, or its frame
 * is dropped and counted (bad_cpl) and the slot reposted: the device's
 * index and length are never used unchecked.
 */
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/slab.h>

#include <mcnic/queue.h>

#include "mcnic.h"

static void mcnic_rxq_post(struct mcnic_rxq *q, u32 slot)
{
	struct mcnic_desc *desc = (struct mcnic_desc *)q->r.ring + slot;

	desc->addr = q->buf[slot];
	desc->len = q->buf_len;
	desc->flags = 0;
}

static bool mcnic_rxq_valid(const struct mcnic_rxq *q,
			    const struct mcnic_cpl *c)
{
	return c->flags & MCNIC_CPL_RX && c->queue == q->r.hw &&
	       c->index == (q->clean & q->r.mask) && c->len <= q->buf_len;
}

static void mcnic_rxq_frame(struct mcnic_qp *qp, const struct mcnic_cpl *c)
{
	struct mcnic_rxq *q = &qp->rx;
	struct device *dev = &qp->np->d->pdev->dev;
	u32 slot = q->clean & q->r.mask;
	struct sk_buff *skb;

	if (c->flags & (MCNIC_CPL_ERR_DMA | MCNIC_CPL_ERR_LEN) ||
	    c->len < ETH_HLEN) {
		mcnic_qstats_inc(&qp->rxs, &qp->rxs.errors);
		return;
	}
	skb = napi_alloc_skb(&qp->napi, c->len);
	if (!skb) {
		mcnic_qstats_inc(&qp->rxs, &qp->rxs.dropped);
		return;
	}
	dma_sync_single_for_cpu(dev, q->buf[slot], c->len, DMA_FROM_DEVICE);
	skb_put_data(skb, page_address(q->page[slot]), c->len);
	dma_sync_single_for_device(dev, q->buf[slot], c->len, DMA_FROM_DEVICE);
	skb->protocol = eth_type_trans(skb, qp->np->ndev);
	skb_record_rx_queue(skb, qp->idx);
	skb_set_hash(skb, c->hash, PKT_HASH_TYPE_L4);
	if (c->flags & MCNIC_CPL_CSUM_OK)
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	mcnic_qstats_add(&qp->rxs, 1, c->len);
	napi_gro_receive(&qp->napi, skb);
}

int mcnic_rxq_poll(struct mcnic_qp *qp, int budget)
{
	struct mcnic_rxq *q = &qp->rx;
	struct mcnic_cq *cq = &qp->rxcq;
	struct mcnic_cpl *c;
	int done = 0;

	while (done < budget && (c = mcnic_cq_next(cq))) {
		cq->tail++;
		if (q->clean == q->head) {
			/* Nothing posted: nothing it could complete. */
			mcnic_qstats_inc(&qp->rxs, &qp->rxs.bad_cpl);
			continue;
		}
		if (mcnic_rxq_valid(q, c)) {
			mcnic_rxq_frame(qp, c);
		} else {
			mcnic_qstats_inc(&qp->rxs, &qp->rxs.bad_cpl);
			if (net_ratelimit())
				netdev_warn(qp->np->ndev, "RX completion names queue %u slot %u len %u, expected %u/%u: frame dropped\n",
					    c->queue, c->index, c->len, q->r.hw,
					    q->clean & q->r.mask);
		}
		mcnic_rxq_post(q, q->clean & q->r.mask);
		q->clean++;
		q->head++;
		done++;
	}
	if (done) {
		dma_wmb();
		mcnic_ring_reg(qp->np->d, &q->r, MCNIC_Q_REG_HEAD, q->head);
	}
	return done;
}

static int mcnic_rxq_fill(struct mcnic_qp *qp)
{
	struct mcnic_rxq *q = &qp->rx;
	struct device *dev = &qp->np->d->pdev->dev;
	u32 i, n = q->r.mask + 1;

	for (i = 0; i < n; i++) {
		q->page[i] = dev_alloc_pages(get_order(q->buf_len));
		if (!q->page[i])
			return -ENOMEM;
		q->buf[i] = dma_map_page(dev, q->page[i], 0, q->buf_len,
					 DMA_FROM_DEVICE);
		if (dma_mapping_error(dev, q->buf[i])) {
			__free_pages(q->page[i], get_order(q->buf_len));
			q->page[i] = NULL;
			return -ENOMEM;
		}
		mcnic_rxq_post(q, i);
	}
	return 0;
}

int mcnic_rxq_open(struct mcnic_qp *qp)
{
	struct mcnic_priv *np = qp->np;
	struct mcnic_rxq *q = &qp->rx;
	u32 n = 1u << np->log_ring;
	int rc;

	q->buf_len = PAGE_SIZE << get_order(np->ndev->mtu + ETH_HLEN + VLAN_HLEN);
	q->page = kcalloc(n, sizeof(*q->page), GFP_KERNEL);
	q->buf = kcalloc(n, sizeof(*q->buf), GFP_KERNEL);
	if (!q->page || !q->buf)
		return -ENOMEM;
	rc = mcnic_ring_alloc(np->d, &q->r, np->log_ring,
			      sizeof(struct mcnic_desc));
	if (!rc)
		rc = mcnic_rxq_fill(qp);
	if (!rc)
		rc = mcnic_ring_enable(np->d, &q->r, qp->rxcq.r.hw, np->vp->id, 0);
	if (rc)
		return rc;
	q->clean = 0;
	q->head = n;
	mcnic_ring_reg(np->d, &q->r, MCNIC_Q_REG_HEAD, q->head);
	return 0;
}

void mcnic_rxq_close(struct mcnic_qp *qp)
{
	struct mcnic_rxq *q = &qp->rx;
	struct device *dev = &qp->np->d->pdev->dev;
	u32 i;

	if (q->r.ring)
		mcnic_ring_disable(qp->np->d, &q->r);
	for (i = 0; q->page && i <= q->r.mask; i++) {
		if (!q->page[i])
			continue;
		dma_unmap_page(dev, q->buf[i], q->buf_len, DMA_FROM_DEVICE);
		__free_pages(q->page[i], get_order(q->buf_len));
	}
	mcnic_ring_free(qp->np->d, &q->r, sizeof(struct mcnic_desc));
	kfree(q->page);
	kfree(q->buf);
	q->page = NULL;
	q->buf = NULL;
}
