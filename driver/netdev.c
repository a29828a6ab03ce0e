// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * One netdev per host vport.  Queue pair i of a vport is device TX/RX
 * queue qbase + i with CQs 2 (qbase + i) (TX) and 2 (qbase + i) + 1 (RX);
 * vectors 1.. are shared round-robin by all queue pairs of the NIC, and a
 * vector schedules the NAPI of every pair on it (a closed pair's NAPI is
 * disabled, so scheduling it does nothing).  Rings exist only while the
 * interface is up.
 *
 * The MTU leaves room for the largest encapsulation a template can add
 * (include/mcnic/tunnel.h) on the smallest uplink MTU, so a frame the
 * host sends is never too big for the underlay once encapsulated.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>

#include <mcnic/queue.h>
#include <mcnic/tunnel.h>

#include "mcnic.h"

#define MCNIC_LOG_RING		9	/* 512 descriptors */
/* Outer headers a template adds, less the outer Ethernet header. */
#define MCNIC_TUNNEL_OVERHEAD	(MCNIC_TMPL_HDR_MAX - ETH_HLEN)

static int mcnic_netdev_poll(struct napi_struct *napi, int budget)
{
	struct mcnic_qp *qp = container_of(napi, struct mcnic_qp, napi);
	struct mcnic_dev *d = qp->np->d;
	int done;

	mcnic_txq_complete(qp, budget);
	done = mcnic_rxq_poll(qp, budget);
	if (done < budget && napi_complete_done(napi, done)) {
		mcnic_cq_arm(d, &qp->txcq);
		mcnic_cq_arm(d, &qp->rxcq);
	}
	return done;
}

static int mcnic_netdev_qp_open(struct mcnic_qp *qp)
{
	struct mcnic_priv *np = qp->np;
	struct mcnic_dev *d = np->d;
	int rc;

	qp->txcq.tail = 0;
	qp->rxcq.tail = 0;
	rc = mcnic_ring_alloc(d, &qp->txcq.r, np->log_ring + 1,
			      sizeof(struct mcnic_cpl));
	if (!rc)
		rc = mcnic_ring_alloc(d, &qp->rxcq.r, np->log_ring + 1,
				      sizeof(struct mcnic_cpl));
	if (!rc)
		rc = mcnic_ring_enable(d, &qp->txcq.r, 0, 0, qp->txcq.vec << 16);
	if (!rc)
		rc = mcnic_ring_enable(d, &qp->rxcq.r, 0, 0, qp->rxcq.vec << 16);
	if (!rc)
		rc = mcnic_txq_open(qp);
	if (!rc)
		rc = mcnic_rxq_open(qp);
	return rc;
}

static void mcnic_netdev_qp_close(struct mcnic_qp *qp)
{
	struct mcnic_dev *d = qp->np->d;

	mcnic_txq_close(qp);
	mcnic_rxq_close(qp);
	if (qp->txcq.r.ring)
		mcnic_ring_disable(d, &qp->txcq.r);
	if (qp->rxcq.r.ring)
		mcnic_ring_disable(d, &qp->rxcq.r);
	mcnic_ring_free(d, &qp->txcq.r, sizeof(struct mcnic_cpl));
	mcnic_ring_free(d, &qp->rxcq.r, sizeof(struct mcnic_cpl));
}

static int mcnic_netdev_stop(struct net_device *ndev)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 i;

	netif_carrier_off(ndev);
	netif_tx_disable(ndev);
	for (i = 0; i < np->nqp; i++) {
		napi_disable(&np->qp[i].napi);
		mcnic_netdev_qp_close(&np->qp[i]);
	}
	return 0;
}

static int mcnic_netdev_open(struct net_device *ndev)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 i;
	int rc = 0;

	for (i = 0; i < np->nqp && !rc; i++)
		rc = mcnic_netdev_qp_open(&np->qp[i]);
	if (rc) {
		while (i--)
			mcnic_netdev_qp_close(&np->qp[i]);
		return rc;
	}
	for (i = 0; i < np->nqp; i++) {
		napi_enable(&np->qp[i].napi);
		mcnic_cq_arm(np->d, &np->qp[i].txcq);
		mcnic_cq_arm(np->d, &np->qp[i].rxcq);
	}
	netif_tx_start_all_queues(ndev);
	netif_carrier_on(ndev);
	return 0;
}

static void mcnic_netdev_qstats(struct mcnic_qstats *s, u64 *pkts, u64 *bytes,
				u64 *dropped, u64 *errors)
{
	unsigned int start;
	u64 p, b, dr, e;

	do {
		start = u64_stats_fetch_begin(&s->sync);
		p = s->packets;
		b = s->bytes;
		dr = s->dropped;
		e = s->errors + s->bad_cpl;
	} while (u64_stats_fetch_retry(&s->sync, start));
	*pkts += p;
	*bytes += b;
	*dropped += dr;
	*errors += e;
}

static void mcnic_netdev_stats(struct net_device *ndev,
			       struct rtnl_link_stats64 *st)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 i;

	for (i = 0; i < np->nqp; i++) {
		mcnic_netdev_qstats(&np->qp[i].txs, &st->tx_packets,
				    &st->tx_bytes, &st->tx_dropped,
				    &st->tx_errors);
		mcnic_netdev_qstats(&np->qp[i].rxs, &st->rx_packets,
				    &st->rx_bytes, &st->rx_dropped,
				    &st->rx_errors);
	}
}

/* The smallest MTU of the uplinks, as the PORTS block shows them. */
static u32 mcnic_netdev_uplink_mtu(struct mcnic_dev *d)
{
	u32 n = mcnic_bus_read(&d->bus, d->rb.ports + MCNIC_PORTS_REG_COUNT);
	u32 i, j, mtu = 9600, m;

	for (i = 0; i < n && i < 4096; i++) {
		for (j = 0; j < d->nvports; j++)
			if (d->vports[j].id == i)
				break;
		if (j < d->nvports)
			continue;
		m = mcnic_bus_read(&d->bus, d->rb.ports + MCNIC_PORTS_REG_BASE +
				   i * MCNIC_PORT_STRIDE + MCNIC_PORT_REG_MTU);
		if (m && m < mtu)
			mtu = m;
	}
	return mtu;
}

static int mcnic_netdev_change_mtu(struct net_device *ndev, int mtu)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 room = mcnic_netdev_uplink_mtu(np->d);

	if (mtu + MCNIC_TUNNEL_OVERHEAD > room) {
		netdev_err(ndev, "MTU %d: with up to %u bytes of tunnel headers it exceeds the uplinks' MTU %u\n",
			   mtu, MCNIC_TUNNEL_OVERHEAD, room);
		return -EINVAL;
	}
	if (netif_running(ndev)) {
		netdev_err(ndev, "MTU can only change while the interface is down\n");
		return -EBUSY;
	}
	ndev->mtu = mtu;
	mcnic_bus_write(&np->d->bus, np->d->rb.ports + MCNIC_PORTS_REG_BASE +
			np->vp->id * MCNIC_PORT_STRIDE + MCNIC_PORT_REG_MTU, mtu);
	return 0;
}

static const struct net_device_ops mcnic_netdev_ops = {
	.ndo_open = mcnic_netdev_open,
	.ndo_stop = mcnic_netdev_stop,
	.ndo_start_xmit = mcnic_txq_xmit,
	.ndo_get_stats64 = mcnic_netdev_stats,
	.ndo_change_mtu = mcnic_netdev_change_mtu,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_set_mac_address = eth_mac_addr,
};

static void mcnic_netdev_qp_setup(struct mcnic_priv *np, u32 i)
{
	struct mcnic_dev *d = np->d;
	struct mcnic_qp *qp = &np->qp[i];
	u32 g = np->qbase + i, vec = 1 + g % (d->nvec - 1);

	qp->np = np;
	qp->idx = i;
	u64_stats_init(&qp->txs.sync);
	u64_stats_init(&qp->rxs.sync);
	qp->tx.r.hw = g;
	qp->tx.r.win = d->qm.base + g * d->qm.stride;
	qp->rx.r.hw = g;
	qp->rx.r.win = d->qm.base + (d->qm.nq + g) * d->qm.stride;
	qp->txcq.r.hw = 2 * g;
	qp->txcq.r.win = d->qm.base + (2 * d->qm.nq + 2 * g) * d->qm.stride;
	qp->rxcq.r.hw = 2 * g + 1;
	qp->rxcq.r.win = qp->txcq.r.win + d->qm.stride;
	qp->txcq.vec = vec;
	qp->rxcq.vec = vec;
	qp->vec_next = d->vec_qp[vec];
	d->vec_qp[vec] = qp;
	netif_napi_add(np->ndev, &qp->napi, mcnic_netdev_poll);
}

static int mcnic_netdev_create(struct mcnic_dev *d, u32 k, u32 qbase)
{
	const struct mcnic_vport *vp = &d->vports[k];
	u32 nqp = min_t(u32, vp->queues, num_online_cpus());
	struct net_device *ndev;
	struct mcnic_priv *np;
	u32 i, room;

	ndev = alloc_etherdev_mqs(sizeof(*np), nqp, nqp);
	if (!ndev)
		return -ENOMEM;
	SET_NETDEV_DEV(ndev, &d->pdev->dev);
	np = netdev_priv(ndev);
	np->d = d;
	np->ndev = ndev;
	np->vp = vp;
	np->nqp = nqp;
	np->qbase = qbase;
	np->log_ring = MCNIC_LOG_RING;
	np->qp = kcalloc(nqp, sizeof(*np->qp), GFP_KERNEL);
	if (!np->qp) {
		free_netdev(ndev);
		return -ENOMEM;
	}
	d->ndev[k] = ndev;
	eth_hw_addr_set(ndev, vp->mac);
	ndev->netdev_ops = &mcnic_netdev_ops;
	ndev->ethtool_ops = &mcnic_ethtool_ops;
	room = mcnic_netdev_uplink_mtu(d);
	ndev->min_mtu = ETH_MIN_MTU;
	ndev->max_mtu = room > MCNIC_TUNNEL_OVERHEAD + ETH_MIN_MTU ?
			room - MCNIC_TUNNEL_OVERHEAD : ETH_MIN_MTU;
	ndev->mtu = min_t(u32, ETH_DATA_LEN, ndev->max_mtu);
	for (i = 0; i < nqp; i++)
		mcnic_netdev_qp_setup(np, i);
	netif_carrier_off(ndev);
	return 0;
}

static void mcnic_netdev_destroy(struct mcnic_dev *d, u32 k)
{
	struct net_device *ndev = d->ndev[k];
	struct mcnic_priv *np;
	u32 i;

	if (!ndev)
		return;
	np = netdev_priv(ndev);
	for (i = 0; i < np->nqp; i++)
		netif_napi_del(&np->qp[i].napi);
	kfree(np->qp);
	free_netdev(ndev);
	d->ndev[k] = NULL;
}

/* Netdevs for every vport whose queues fit the QM block. */
int mcnic_netdev_init(struct mcnic_dev *d)
{
	u32 k, qbase = 0;
	int rc;

	if (d->nvec < 2 || !(d->rb.found & MCNIC_RB_HAS_PORTS) ||
	    !(d->rb.found & MCNIC_RB_HAS_QM)) {
		dev_warn(&d->pdev->dev, "no queue vectors or no QM/PORTS block: no netdevs\n");
		return 0;
	}
	for (k = 0; k < d->nvports; k++) {
		if (qbase + d->vports[k].queues > d->qm.nq)
			break;
		rc = mcnic_netdev_create(d, k, qbase);
		if (rc)
			return rc;
		qbase += d->vports[k].queues;
	}
	return 0;
}

int mcnic_netdev_register(struct mcnic_dev *d)
{
	struct mcnic_priv *np;
	u32 k;
	int rc;

	for (k = 0; k < d->nvports && d->ndev[k]; k++) {
		np = netdev_priv(d->ndev[k]);
		rc = register_netdev(d->ndev[k]);
		if (rc)
			return rc;
		np->registered = true;
	}
	return 0;
}

/* Before the vectors go: every interface stops and leaves. */
void mcnic_netdev_unregister(struct mcnic_dev *d)
{
	struct mcnic_priv *np;
	u32 k;

	for (k = 0; k < MCNIC_VPORTS_MAX; k++) {
		if (!d->ndev[k])
			continue;
		np = netdev_priv(d->ndev[k]);
		if (np->registered)
			unregister_netdev(d->ndev[k]);
		np->registered = false;
	}
}

void mcnic_netdev_fini(struct mcnic_dev *d)
{
	u32 k;

	for (k = 0; k < MCNIC_VPORTS_MAX; k++)
		mcnic_netdev_destroy(d, k);
	memset(d->vec_qp, 0, sizeof(d->vec_qp));
}
