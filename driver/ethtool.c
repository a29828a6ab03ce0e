// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * ethtool: driver info, channels and rings as they are, and per-queue
 * counters (ethtool -S), including the completions the device got wrong.
 */
#include <linux/ethtool.h>

#include "mcnic.h"

static const char * const mcnic_ethtool_qstat[] = {
	"packets", "bytes", "dropped", "errors", "bad_cpl",
};

#define MCNIC_QSTATS	ARRAY_SIZE(mcnic_ethtool_qstat)

static void mcnic_ethtool_drvinfo(struct net_device *ndev,
				  struct ethtool_drvinfo *info)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 v = np->d->fw_ver;

	strscpy(info->driver, MCNIC_DRV_NAME, sizeof(info->driver));
	snprintf(info->fw_version, sizeof(info->fw_version), "%u.%u.%u",
		 v >> 16, (v >> 8) & 0xff, v & 0xff);
	strscpy(info->bus_info, pci_name(np->d->pdev), sizeof(info->bus_info));
}

static void mcnic_ethtool_channels(struct net_device *ndev,
				   struct ethtool_channels *ch)
{
	struct mcnic_priv *np = netdev_priv(ndev);

	ch->max_combined = np->nqp;
	ch->combined_count = np->nqp;
}

static void mcnic_ethtool_rings(struct net_device *ndev,
				struct ethtool_ringparam *r,
				struct kernel_ethtool_ringparam *kr,
				struct netlink_ext_ack *extack)
{
	struct mcnic_priv *np = netdev_priv(ndev);

	r->rx_max_pending = 1u << np->log_ring;
	r->tx_max_pending = 1u << np->log_ring;
	r->rx_pending = 1u << np->log_ring;
	r->tx_pending = 1u << np->log_ring;
}

static int mcnic_ethtool_sset_count(struct net_device *ndev, int sset)
{
	struct mcnic_priv *np = netdev_priv(ndev);

	return sset == ETH_SS_STATS ? 2 * np->nqp * MCNIC_QSTATS : -EOPNOTSUPP;
}

static void mcnic_ethtool_strings(struct net_device *ndev, u32 sset, u8 *buf)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 q, i;

	if (sset != ETH_SS_STATS)
		return;
	for (q = 0; q < np->nqp; q++)
		for (i = 0; i < MCNIC_QSTATS; i++)
			ethtool_sprintf(&buf, "tx%u_%s", q, mcnic_ethtool_qstat[i]);
	for (q = 0; q < np->nqp; q++)
		for (i = 0; i < MCNIC_QSTATS; i++)
			ethtool_sprintf(&buf, "rx%u_%s", q, mcnic_ethtool_qstat[i]);
}

static u64 *mcnic_ethtool_q(struct mcnic_qstats *s, u64 *out)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->sync);
		out[0] = s->packets;
		out[1] = s->bytes;
		out[2] = s->dropped;
		out[3] = s->errors;
		out[4] = s->bad_cpl;
	} while (u64_stats_fetch_retry(&s->sync, start));
	return out + MCNIC_QSTATS;
}

static void mcnic_ethtool_stats(struct net_device *ndev,
				struct ethtool_stats *st, u64 *data)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	u32 q;

	for (q = 0; q < np->nqp; q++)
		data = mcnic_ethtool_q(&np->qp[q].txs, data);
	for (q = 0; q < np->nqp; q++)
		data = mcnic_ethtool_q(&np->qp[q].rxs, data);
}

const struct ethtool_ops mcnic_ethtool_ops = {
	.get_drvinfo = mcnic_ethtool_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_channels = mcnic_ethtool_channels,
	.get_ringparam = mcnic_ethtool_rings,
	.get_sset_count = mcnic_ethtool_sset_count,
	.get_strings = mcnic_ethtool_strings,
	.get_ethtool_stats = mcnic_ethtool_stats,
};
