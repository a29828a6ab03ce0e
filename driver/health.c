// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The firmware's health: its heartbeat (DEV HEARTBEAT, counting
 * milliseconds) is read twice a second; stuck for 1.5 s, or DEV STATUS
 * FAULT, is reported to devlink's "fw" health reporter, whose recovery
 * resets the device (DEV RESET), waits for the heartbeat to move again,
 * replays the tables (shadow.c) and rebuilds the netdevs.  devlink
 * health show / diagnose tell what happened, and dump show what the
 * device's registers said when it was reported.
 */
#include <linux/delay.h>
#include <linux/workqueue.h>
#include <net/devlink.h>

#include "mcnic.h"

#define MCNIC_HEALTH_POLL_MS	500
#define MCNIC_HEALTH_STUCK	3	/* polls without a beat */
#define MCNIC_HEALTH_BOOT_MS	5000

static u32 mcnic_health_reg(struct mcnic_dev *d, u32 reg)
{
	return mcnic_bus_read(&d->bus, d->rb.dev + reg);
}

static void mcnic_health_poll(struct work_struct *w)
{
	struct mcnic_dev *d = container_of(to_delayed_work(w), struct mcnic_dev,
					   health.work);
	struct mcnic_health *h = &d->health;
	u32 beat = mcnic_health_reg(d, MCNIC_DEV_REG_HEARTBEAT);
	u32 st = mcnic_health_reg(d, MCNIC_DEV_REG_STATUS);

	if (d->bus.dead)
		return;
	h->still = beat == h->beat ? h->still + 1 : 0;
	h->beat = beat;
	if (h->still >= MCNIC_HEALTH_STUCK || st & MCNIC_DEV_ST_FAULT) {
		h->still = 0;
		devlink_health_report(h->rep, st & MCNIC_DEV_ST_FAULT ?
				      "firmware fault" :
				      "firmware heartbeat stopped", NULL);
	}
	queue_delayed_work(system_wq, &h->work,
			   msecs_to_jiffies(MCNIC_HEALTH_POLL_MS));
}

/* 0 once the firmware runs again: READY and the heartbeat moving. */
static int mcnic_health_wait_boot(struct mcnic_dev *d)
{
	u32 beat = mcnic_health_reg(d, MCNIC_DEV_REG_HEARTBEAT), t;

	for (t = 0; t < MCNIC_HEALTH_BOOT_MS; t += 20) {
		msleep(20);
		if (mcnic_health_reg(d, MCNIC_DEV_REG_STATUS) & MCNIC_DEV_ST_READY &&
		    mcnic_health_reg(d, MCNIC_DEV_REG_HEARTBEAT) != beat)
			return 0;
	}
	return -ETIMEDOUT;
}

static int mcnic_health_recover(struct devlink_health_reporter *rep,
				void *ctx, struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = devlink_health_reporter_priv(rep);
	int rc;

	dev_warn(&d->pdev->dev, "%s: firmware not alive: resetting the device\n",
		 d->name);
	mcnic_pci_net_down(d);
	mcnic_bus_write(&d->bus, d->rb.dev + MCNIC_DEV_REG_RESET,
			MCNIC_DEV_RESET_KEY);
	rc = mcnic_health_wait_boot(d);
	if (!rc)
		rc = mcnic_pci_ident(d);
	if (rc) {
		NL_SET_ERR_MSG_MOD(extack, "the firmware did not come back");
		return rc;
	}
	mcnic_shadow_replay(d);
	rc = mcnic_pci_net_up(d);
	if (rc)
		return rc;
	d->health.recoveries++;
	dev_info(&d->pdev->dev, "%s: recovered from a firmware hang (%llu so far)\n",
		 d->name, d->health.recoveries);
	return 0;
}

/* The device as the driver sees it: registers read now, and counters. */
static int mcnic_health_put_dev(struct mcnic_dev *d, struct devlink_fmsg *fmsg)
{
	int rc;

	rc = devlink_fmsg_u32_pair_put(fmsg, "heartbeat",
				       mcnic_health_reg(d, MCNIC_DEV_REG_HEARTBEAT));
	rc = rc ?: devlink_fmsg_u32_pair_put(fmsg, "status",
					     mcnic_health_reg(d, MCNIC_DEV_REG_STATUS));
	rc = rc ?: devlink_fmsg_u32_pair_put(fmsg, "mailbox_status",
					     mcnic_bus_read(&d->bus, d->rb.mbox +
							    MCNIC_MBOX_REG_STATUS));
	rc = rc ?: devlink_fmsg_u32_pair_put(fmsg, "mailbox_seq", d->mbox.seq);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "mailbox_timeouts",
					     d->mbox.timeouts);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "mailbox_bad_answers",
					     d->mbox.bad_answers);
	return rc ?: devlink_fmsg_bool_pair_put(fmsg, "bus_dead", d->bus.dead);
}

static int mcnic_health_diagnose(struct devlink_health_reporter *rep,
				 struct devlink_fmsg *fmsg,
				 struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = devlink_health_reporter_priv(rep);
	struct mcnic_shadow *s = &d->shadow;
	int rc;

	rc = mcnic_health_put_dev(d, fmsg);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "recoveries",
					     d->health.recoveries);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "tables_replayed",
					     s->replayed);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "shadow_entries",
					     s->log.entries);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "shadow_bytes",
					     s->log.bytes);
	rc = rc ?: devlink_fmsg_u64_pair_put(fmsg, "shadow_compactions",
					     s->compactions);
	return rc ?: devlink_fmsg_bool_pair_put(fmsg, "shadow_full",
						s->overflow);
}

/*
 * Taken by devlink when the error is reported, before recovery: the
 * registers of the hung firmware, kept for devlink health dump show.
 */
static int mcnic_health_dump(struct devlink_health_reporter *rep,
			     struct devlink_fmsg *fmsg, void *ctx,
			     struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = devlink_health_reporter_priv(rep);

	return mcnic_health_put_dev(d, fmsg);
}

static const struct devlink_health_reporter_ops mcnic_health_ops = {
	.name = "fw",
	.recover = mcnic_health_recover,
	.diagnose = mcnic_health_diagnose,
	.dump = mcnic_health_dump,
};

int mcnic_health_init(struct mcnic_dev *d)
{
	struct mcnic_health *h = &d->health;

	INIT_DELAYED_WORK(&h->work, mcnic_health_poll);
	h->rep = devlink_health_reporter_create(d->devlink, &mcnic_health_ops,
						0, d);
	if (IS_ERR(h->rep)) {
		int rc = PTR_ERR(h->rep);

		h->rep = NULL;
		return rc;
	}
	mcnic_health_start(d);
	return 0;
}

void mcnic_health_start(struct mcnic_dev *d)
{
	if (!d->health.rep)
		return;
	d->health.still = 0;
	d->health.beat = mcnic_health_reg(d, MCNIC_DEV_REG_HEARTBEAT);
	queue_delayed_work(system_wq, &d->health.work,
			   msecs_to_jiffies(MCNIC_HEALTH_POLL_MS));
}

void mcnic_health_stop(struct mcnic_dev *d)
{
	cancel_delayed_work_sync(&d->health.work);
}

void mcnic_health_fini(struct mcnic_dev *d)
{
	if (!d->health.rep)
		return;
	mcnic_health_stop(d);
	devlink_health_reporter_destroy(d->health.rep);
	d->health.rep = NULL;
}
