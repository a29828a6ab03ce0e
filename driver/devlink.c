// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * devlink: what firmware runs and what is stored (info), the NIC's
 * tables with their sizes and occupancy (resource), writing a
 * signed image into the idle flash slot (flash: the NIC verifies it and
 * refuses a tampered one, naming why), and reload: fw_activate boots the
 * stored image, driver_reinit rebuilds the netdevs.  The NIC clears its
 * tables when it boots an image.
 */
#include <linux/firmware.h>
#include <linux/slab.h>
#include <net/devlink.h>

#include "mcnic.h"

#define MCNIC_FLASH_CHUNK	32768

static struct mcnic_dev *mcnic_devlink_dev(struct devlink *dl)
{
	return *(struct mcnic_dev **)devlink_priv(dl);
}

static void mcnic_devlink_ver(char *buf, size_t len, u32 code)
{
	snprintf(buf, len, "%u.%u.%u", code >> 16, (code >> 8) & 0xff,
		 code & 0xff);
}

static int mcnic_devlink_info(struct devlink *dl, struct devlink_info_req *req,
			      struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = mcnic_devlink_dev(dl);
	struct mcnic_cmd_flash_status fs;
	struct mcnic_cmd_info info;
	char ver[16];
	int rc;

	rc = mcnic_mbox_cmd(d, MCNIC_CMD_DEV_INFO, NULL, 0, &info, sizeof(info),
			    NULL);
	if (rc < (int)sizeof(info)) {
		NL_SET_ERR_MSG_MOD(extack, "DEV_INFO failed");
		return rc < 0 ? rc : -EIO;
	}
	info.board[sizeof(info.board) - 1] = '\0';
	info.fw_version[sizeof(info.fw_version) - 1] = '\0';
	rc = devlink_info_driver_name_put(req, MCNIC_DRV_NAME);
	rc = rc ?: devlink_info_version_fixed_put(req, "board.id", info.board);
	rc = rc ?: devlink_info_version_running_put(req, "fw", info.fw_version);
	if (rc)
		return rc;
	/* The stored version: the slot the next boot takes, if any. */
	rc = mcnic_mbox_cmd(d, MCNIC_CMD_FLASH_STATUS, NULL, 0, &fs, sizeof(fs),
			    NULL);
	if (rc == sizeof(fs) && fs.next < 2 &&
	    fs.slot[fs.next].state == MCNIC_SLOT_VALID) {
		mcnic_devlink_ver(ver, sizeof(ver),
				  fs.slot[fs.next].fw_version_code);
		return devlink_info_version_stored_put(req, "fw", ver);
	}
	return 0;
}

/* A refusal: its message to the user (devlink status) and dmesg. */
static int mcnic_devlink_refused(struct devlink *dl, const char *step,
				 int rc, const char *msg,
				 struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = mcnic_devlink_dev(dl);

	dev_err(&d->pdev->dev, "flash: %s refused: %d %s\n", step, rc, msg);
	devlink_flash_update_status_notify(dl, msg[0] ? msg : step, NULL, 0, 0);
	NL_SET_ERR_MSG_MOD(extack, "the NIC refused the image (see the status message or dmesg)");
	return rc;
}

static int mcnic_devlink_write(struct devlink *dl, const struct firmware *fw,
			       char *msg, struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = mcnic_devlink_dev(dl);
	struct mcnic_cmd_flash_write *w;
	u32 off, n;
	int rc = 0;

	w = kvmalloc(sizeof(*w) + MCNIC_FLASH_CHUNK, GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	for (off = 0; off < fw->size && rc >= 0; off += n) {
		n = min_t(u32, fw->size - off, MCNIC_FLASH_CHUNK);
		w->offset = off;
		w->len = n;
		memcpy(w + 1, fw->data + off, n);
		rc = mcnic_mbox_cmd(d, MCNIC_CMD_FLASH_WRITE, w, sizeof(*w) + n,
				    NULL, 0, msg);
		devlink_flash_update_status_notify(dl, "Writing", NULL, off + n,
						   fw->size);
	}
	kvfree(w);
	return rc < 0 ? mcnic_devlink_refused(dl, "write", rc, msg, extack) : 0;
}

static int mcnic_devlink_flash(struct devlink *dl,
			       struct devlink_flash_update_params *params,
			       struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = mcnic_devlink_dev(dl);
	struct mcnic_cmd_flash_begin b = { .size = params->fw->size };
	char msg[MCNIC_CMD_ERR_MSG] = "";
	int rc;

	if (params->fw->size > U32_MAX - MCNIC_FLASH_CHUNK) {
		NL_SET_ERR_MSG_MOD(extack, "image too large");
		return -EFBIG;
	}
	devlink_flash_update_status_notify(dl, "Preparing the idle slot", NULL, 0, 0);
	rc = mcnic_mbox_cmd(d, MCNIC_CMD_FLASH_BEGIN, &b, sizeof(b), NULL, 0, msg);
	if (rc < 0)
		return mcnic_devlink_refused(dl, "begin", rc, msg, extack);
	rc = mcnic_devlink_write(dl, params->fw, msg, extack);
	if (rc)
		return rc;
	devlink_flash_update_status_notify(dl, "Verifying", NULL, 0, 0);
	rc = mcnic_mbox_cmd(d, MCNIC_CMD_FLASH_COMMIT, NULL, 0, NULL, 0, msg);
	if (rc < 0)
		return mcnic_devlink_refused(dl, "verify", rc, msg, extack);
	devlink_flash_update_status_notify(dl, "Stored; reload fw_activate boots it",
					   NULL, 0, 0);
	return 0;
}

static int mcnic_devlink_reload_down(struct devlink *dl, bool netns_change,
				     enum devlink_reload_action action,
				     enum devlink_reload_limit limit,
				     struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = mcnic_devlink_dev(dl);
	char msg[MCNIC_CMD_ERR_MSG] = "";
	int rc;

	if (netns_change) {
		NL_SET_ERR_MSG_MOD(extack, "namespace change is not supported");
		return -EOPNOTSUPP;
	}
	mcnic_health_stop(d);
	mcnic_pci_net_down(d);
	if (action != DEVLINK_RELOAD_ACTION_FW_ACTIVATE)
		return 0;
	rc = mcnic_mbox_cmd(d, MCNIC_CMD_FLASH_ACTIVATE, NULL, 0, NULL, 0, msg);
	if (rc < 0) {
		dev_err(&d->pdev->dev, "fw_activate refused: %d %s\n", rc, msg);
		NL_SET_ERR_MSG_MOD(extack, "the NIC refused to boot the stored image (see dmesg)");
		mcnic_pci_net_up(d);
		mcnic_health_start(d);
		return rc;
	}
	return 0;
}

static int mcnic_devlink_reload_up(struct devlink *dl,
				   enum devlink_reload_action action,
				   enum devlink_reload_limit limit,
				   u32 *actions_performed,
				   struct netlink_ext_ack *extack)
{
	struct mcnic_dev *d = mcnic_devlink_dev(dl);
	int rc;

	rc = mcnic_pci_ident(d);
	/* The new image starts with empty tables: ours go back first. */
	if (!rc && action == DEVLINK_RELOAD_ACTION_FW_ACTIVATE)
		mcnic_shadow_replay(d);
	if (!rc)
		rc = mcnic_pci_net_up(d);
	if (rc) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC did not come back (see dmesg)");
		return rc;
	}
	mcnic_health_start(d);
	*actions_performed = BIT(action);
	dev_info(&d->pdev->dev, "%s: reloaded (%s), firmware %u.%u.%u\n", d->name,
		 action == DEVLINK_RELOAD_ACTION_FW_ACTIVATE ? "fw_activate" :
		 "driver_reinit", d->fw_ver >> 16, (d->fw_ver >> 8) & 0xff,
		 d->fw_ver & 0xff);
	return 0;
}

static const struct devlink_ops mcnic_devlink_ops = {
	.info_get = mcnic_devlink_info,
	.flash_update = mcnic_devlink_flash,
	.reload_actions = BIT(DEVLINK_RELOAD_ACTION_DRIVER_REINIT) |
			  BIT(DEVLINK_RELOAD_ACTION_FW_ACTIVATE),
	.reload_down = mcnic_devlink_reload_down,
	.reload_up = mcnic_devlink_reload_up,
};

int mcnic_devlink_alloc(struct mcnic_dev *d)
{
	d->devlink = devlink_alloc(&mcnic_devlink_ops, sizeof(d),
				   &d->pdev->dev);
	if (!d->devlink)
		return -ENOMEM;
	*(struct mcnic_dev **)devlink_priv(d->devlink) = d;
	return 0;
}

/* Table sizes and occupancy, as PIPE_STATS reports them. */
static const char *const mcnic_devlink_tables[MCNIC_CMD_TBL_COUNT] = {
	[MCNIC_CMD_TBL_FLOWS] = "flows", [MCNIC_CMD_TBL_ROUTES] = "routes",
	[MCNIC_CMD_TBL_RULES] = "rules", [MCNIC_CMD_TBL_VRFS] = "vrfs",
	[MCNIC_CMD_TBL_VNIS] = "vnis", [MCNIC_CMD_TBL_PEERS] = "peers",
	[MCNIC_CMD_TBL_TMPLS] = "templates",
	[MCNIC_CMD_TBL_NEXTHOPS] = "next-hops",
	[MCNIC_CMD_TBL_NHGS] = "next-hop-groups",
};

static int mcnic_devlink_use(struct mcnic_dev *d, struct mcnic_cmd_pipe_stats *ps)
{
	int rc = mcnic_mbox_cmd(d, MCNIC_CMD_PIPE_STATS, NULL, 0, ps,
				sizeof(*ps), NULL);

	return rc == sizeof(*ps) ? 0 : rc < 0 ? rc : -EIO;
}

static u64 mcnic_devlink_occ(void *priv)
{
	struct mcnic_devlink_res *r = priv;
	struct mcnic_cmd_pipe_stats *ps = kmalloc(sizeof(*ps), GFP_KERNEL);
	u64 used = 0;

	if (ps && !mcnic_devlink_use(r->d, ps))
		used = ps->t[r->idx].used;
	kfree(ps);
	return used;
}

/* Resource ids are the table index + 1 (0 is the top's parent id). */
static void mcnic_devlink_resources(struct mcnic_dev *d)
{
	struct devlink_resource_size_params sp;
	struct mcnic_cmd_pipe_stats *ps = kmalloc(sizeof(*ps), GFP_KERNEL);
	u32 i, cap;

	if (!ps || mcnic_devlink_use(d, ps)) {
		dev_warn(&d->pdev->dev, "PIPE_STATS failed: no devlink resources\n");
		kfree(ps);
		return;
	}
	for (i = 0; i < MCNIC_CMD_TBL_COUNT; i++) {
		cap = ps->t[i].capacity;
		if (!mcnic_devlink_tables[i] || !cap)
			continue;
		devlink_resource_size_params_init(&sp, cap, cap, 1,
						  DEVLINK_RESOURCE_UNIT_ENTRY);
		if (devlink_resource_register(d->devlink, mcnic_devlink_tables[i],
					      cap, i + 1,
					      DEVLINK_RESOURCE_ID_PARENT_TOP, &sp))
			continue;
		d->res[i].d = d;
		d->res[i].idx = i;
		devlink_resource_occ_get_register(d->devlink, i + 1,
						  mcnic_devlink_occ, &d->res[i]);
	}
	kfree(ps);
}

void mcnic_devlink_register(struct mcnic_dev *d)
{
	mcnic_devlink_resources(d);
	devlink_set_features(d->devlink, DEVLINK_F_RELOAD);
	devlink_register(d->devlink);
}

void mcnic_devlink_free(struct mcnic_dev *d)
{
	devlink_resources_unregister(d->devlink);
	devlink_free(d->devlink);
}
