// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * ethtool: driver info, channels and rings as they are, and ethtool -S:
 * the driver's per-queue counters, including the completions the device
 * got wrong, then the device's own, read with STATS when asked: its
 * vport's counters, host-centric (vport_tx is what this netdev sent into
 * the NIC), and the NIC's drops by reason (every port; include/mcnic/
 * drop.h names them).  A device that cannot answer leaves those at 0.
 */
#include <linux/ctype.h>
#include <linux/ethtool.h>

#include <mcnic/drop.h>

#include "mcnic.h"

static const char * const mcnic_ethtool_qstat[] = {
	"packets", "bytes", "dropped", "errors", "bad_cpl",
};

/*
 * STATS PORT c[] in order: the NIC's rx, tx and drop packets and bytes.
 * What the NIC receives on the vport is what this netdev sent.
 */
static const char * const mcnic_ethtool_vport[] = {
	"vport_tx_packets", "vport_tx_bytes", "vport_rx_packets",
	"vport_rx_bytes", "vport_dropped_packets", "vport_dropped_bytes",
};

/* Indexed by reason: the values are 0, 1, ... (checked below). */
static const struct {
	const char *name;
} mcnic_ethtool_drop[] = {
#define MCNIC_ETHTOOL_DROP(name, val, str) { #name },
	MCNIC_DROP_LIST(MCNIC_ETHTOOL_DROP)
#undef MCNIC_ETHTOOL_DROP
};

#define MCNIC_QSTATS	ARRAY_SIZE(mcnic_ethtool_qstat)
#define MCNIC_VSTATS	ARRAY_SIZE(mcnic_ethtool_vport)
#define MCNIC_DSTATS	(MCNIC_DROP_COUNT - 1)	/* reason 0 is no drop */

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

	return sset == ETH_SS_STATS ?
	       2 * np->nqp * MCNIC_QSTATS + MCNIC_VSTATS + MCNIC_DSTATS :
	       -EOPNOTSUPP;
}

/* "drop_no_route" for NO_ROUTE. */
static void mcnic_ethtool_drop_name(u8 **buf, u32 reason)
{
	char name[ETH_GSTRING_LEN];
	int i;

	BUILD_BUG_ON(ARRAY_SIZE(mcnic_ethtool_drop) != MCNIC_DROP_COUNT);
	snprintf(name, sizeof(name), "drop_%s", mcnic_ethtool_drop[reason].name);
	for (i = 0; name[i]; i++)
		name[i] = tolower(name[i]);
	ethtool_sprintf(buf, "%s", name);
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
	for (i = 0; i < MCNIC_VSTATS; i++)
		ethtool_sprintf(&buf, "%s", mcnic_ethtool_vport[i]);
	for (i = 1; i <= MCNIC_DSTATS; i++)
		mcnic_ethtool_drop_name(&buf, i);
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

struct mcnic_ethtool_dev {
	u32 vport;
	u64 *vstats;			/* [MCNIC_VSTATS] */
	u64 *dstats;			/* [MCNIC_DSTATS]: reason 1 first */
};

static int mcnic_ethtool_port_page(void *ctx, u16 count, const void *e)
{
	struct mcnic_ethtool_dev *x = ctx;
	const struct mcnic_cmd_ctr *c = e;
	u16 i;

	BUILD_BUG_ON(ARRAY_SIZE(c->c) != MCNIC_VSTATS);
	for (i = 0; i < count; i++)
		if (c[i].id == x->vport)
			memcpy(x->vstats, c[i].c, sizeof(c[i].c));
	return 0;
}

static int mcnic_ethtool_drop_page(void *ctx, u16 count, const void *e)
{
	struct mcnic_ethtool_dev *x = ctx;
	const struct mcnic_cmd_ctr *c = e;
	u16 i;

	for (i = 0; i < count; i++)
		if (c[i].id >= 1 && c[i].id <= MCNIC_DSTATS)
			x->dstats[c[i].id - 1] = c[i].c[0];
	return 0;
}

static void mcnic_ethtool_stats(struct net_device *ndev,
				struct ethtool_stats *st, u64 *data)
{
	struct mcnic_priv *np = netdev_priv(ndev);
	struct mcnic_ethtool_dev x = { .vport = np->vp->id };
	u32 q;

	for (q = 0; q < np->nqp; q++)
		data = mcnic_ethtool_q(&np->qp[q].txs, data);
	for (q = 0; q < np->nqp; q++)
		data = mcnic_ethtool_q(&np->qp[q].rxs, data);
	x.vstats = data;
	x.dstats = data + MCNIC_VSTATS;
	memset(data, 0, (MCNIC_VSTATS + MCNIC_DSTATS) * sizeof(*data));
	mcnic_dump(np->d, MCNIC_CMD_STATS, MCNIC_OBJ_PORT,
		   sizeof(struct mcnic_cmd_ctr), mcnic_ethtool_port_page, &x);
	mcnic_dump(np->d, MCNIC_CMD_STATS, MCNIC_OBJ_DROP,
		   sizeof(struct mcnic_cmd_ctr), mcnic_ethtool_drop_page, &x);
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
