// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The device model (dev.h).  A reboot (start, FLASH_ACTIVATE) asks the
 * boot ROM for an image and lays the firmware's state out afresh in the
 * same memory, so every table starts empty, as on a real NIC.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fw/cmd.h"
#include "caps.h"
#include "dev.h"
#include "flash.h"
#include "fwimage.h"
#include "log.h"

#define DEV_CAPS_MAX	16384

/* sim/blob.S: firmware/boot/caps.dts, the built-in firmware's FDT. */
extern const char mcnic_fw_caps_dtb[];
#define DEV_HDR		sizeof(struct mcnic_cmd_hdr)

struct mcnic_dev {
	const struct mcnic_board *board;
	const char *name;
	struct mcnic_fw *fw;		/* NULL: recovery */
	void *fw_mem;
	size_t fw_mem_size;
	struct mcnic_flash *flash;	/* NULL: built-in firmware */
	struct mcnic_cmd_info info;
	const void *fw_fdt;		/* the running image's caps */
	u64 boot_ns;
	u32 beats;
	u32 boots;
	u32 caps_len;
	u8 caps[DEV_CAPS_MAX] __attribute__((aligned(8)));
};

static const char *const dev_op_names[] = {
	[MCNIC_CMD_HEARTBEAT] = "HEARTBEAT",
	[MCNIC_CMD_DEV_INFO] = "DEV_INFO",
	[MCNIC_CMD_CAPS] = "CAPS",
	[MCNIC_CMD_RESET] = "RESET",
	[MCNIC_CMD_PARSE_SET] = "PARSE_SET",
	[MCNIC_CMD_PORT_SET] = "PORT_SET",
	[MCNIC_CMD_VRF_SET] = "VRF_SET",
	[MCNIC_CMD_VRF_DEL] = "VRF_DEL",
	[MCNIC_CMD_VTEP_ADD] = "VTEP_ADD",
	[MCNIC_CMD_VTEP_DEL] = "VTEP_DEL",
	[MCNIC_CMD_VNI_SET] = "VNI_SET",
	[MCNIC_CMD_VNI_DEL] = "VNI_DEL",
	[MCNIC_CMD_PEER_ADD] = "PEER_ADD",
	[MCNIC_CMD_PEER_DEL] = "PEER_DEL",
	[MCNIC_CMD_TMPL_SET] = "TMPL_SET",
	[MCNIC_CMD_TMPL_DEL] = "TMPL_DEL",
	[MCNIC_CMD_NH_SET] = "NH_SET",
	[MCNIC_CMD_NH_DEL] = "NH_DEL",
	[MCNIC_CMD_NH_STATE] = "NH_STATE",
	[MCNIC_CMD_NHG_SET] = "NHG_SET",
	[MCNIC_CMD_NHG_DEL] = "NHG_DEL",
	[MCNIC_CMD_ROUTE_ADD] = "ROUTE_ADD",
	[MCNIC_CMD_ROUTE_DEL] = "ROUTE_DEL",
	[MCNIC_CMD_RULE_ADD] = "RULE_ADD",
	[MCNIC_CMD_RULE_DEL] = "RULE_DEL",
	[MCNIC_CMD_DUMP] = "DUMP",
	[MCNIC_CMD_STATS] = "STATS",
	[MCNIC_CMD_PIPE_STATS] = "PIPE_STATS",
	[MCNIC_CMD_FLOW_FLUSH] = "FLOW_FLUSH",
	[MCNIC_CMD_FLASH_BEGIN] = "FLASH_BEGIN",
	[MCNIC_CMD_FLASH_WRITE] = "FLASH_WRITE",
	[MCNIC_CMD_FLASH_COMMIT] = "FLASH_COMMIT",
	[MCNIC_CMD_FLASH_ACTIVATE] = "FLASH_ACTIVATE",
	[MCNIC_CMD_FLASH_STATUS] = "FLASH_STATUS",
};

static const char *dev_op_name(u16 op)
{
	if (op < sizeof(dev_op_names) / sizeof(*dev_op_names) &&
	    dev_op_names[op])
		return dev_op_names[op];
	return "?";
}

u64 mcnic_dev_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

u64 mcnic_dev_uptime(const struct mcnic_dev *d)
{
	return mcnic_dev_now() - d->boot_ns;
}

struct mcnic_pipe *mcnic_dev_pipe(struct mcnic_dev *d)
{
	return d->fw ? mcnic_fw_pipe(d->fw) : NULL;
}

const struct mcnic_cmd_info *mcnic_dev_info(const struct mcnic_dev *d)
{
	return &d->info;
}

/* The answer's header: the request's opcode and seq, status, message. */
static u32 dev_answer(void *resp, const struct mcnic_cmd_hdr *req, s32 status,
		      u32 payload, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static u32 dev_answer(void *resp, const struct mcnic_cmd_hdr *req, s32 status,
		      u32 payload, const char *fmt, ...)
{
	struct mcnic_cmd_hdr *h = resp;
	va_list ap;

	memset(h, 0, DEV_HDR);
	h->version = MCNIC_CMD_VERSION;
	h->opcode = req->opcode;
	h->seq = req->seq;
	h->status = status;
	h->len = payload;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(h->err_msg, sizeof(h->err_msg), fmt, ap);
		va_end(ap);
	}
	return DEV_HDR + payload;
}

static const char *dev_source(const struct mcnic_dev *d)
{
	if (!d->flash)
		return "built-in";
	return d->fw ? "flash" : "none";
}

static int dev_caps_update(struct mcnic_dev *d)
{
	int n = mcnic_caps_build(d->caps, sizeof(d->caps), d->board, &d->info,
				 d->name, dev_source(d), d->fw_fdt);

	if (n < 0)
		return n;
	d->caps_len = n;
	d->info.caps_len = n;
	return 0;
}

/* The built-in firmware's version is the one its capabilities name. */
static void dev_builtin_info(struct mcnic_dev *d)
{
	const char *v = fdt_getprop(mcnic_fw_caps_dtb, 0, "fw-version", NULL);
	u32 code = 0;

	if (!v || mcnic_fwimage_version_parse(v, &code))
		v = "";
	snprintf(d->info.fw_version, sizeof(d->info.fw_version), "%s", v);
	d->info.fw_version_code = code;
	memset(d->info.build_id, 0, sizeof(d->info.build_id));
	d->info.active_slot = MCNIC_DEV_SLOT_NONE;
	d->fw_fdt = mcnic_fw_caps_dtb;
}

/* Ask the boot ROM; slot -1 leaves the device in recovery. */
static int dev_flash_info(struct mcnic_dev *d)
{
	struct mcnic_flash_boot b;
	int r = mcnic_flash_boot(d->flash, &b);

	if (r < 0 || b.slot < 0) {
		memset(d->info.fw_version, 0, sizeof(d->info.fw_version));
		memset(d->info.build_id, 0, sizeof(d->info.build_id));
		d->info.fw_version_code = 0;
		d->info.active_slot = MCNIC_DEV_SLOT_NONE;
		return -ENOENT;
	}
	mcnic_fwimage_version_str(b.hdr.fw_version, d->info.fw_version,
				  sizeof(d->info.fw_version));
	d->info.fw_version_code = b.hdr.fw_version;
	memcpy(d->info.build_id, b.hdr.build_id, sizeof(d->info.build_id));
	d->info.active_slot = b.slot;
	d->fw_fdt = b.fdt;
	return 0;
}

static void dev_log_boot(const struct mcnic_dev *d)
{
	char id[2 * sizeof(d->info.build_id) + 1];
	unsigned int i;

	if (!d->fw) {
		mcnic_log("boot: no valid firmware image in the flash: "
			  "recovery mode (flash commands only)");
		return;
	}
	for (i = 0; i < sizeof(d->info.build_id); i++)
		sprintf(id + 2 * i, "%02x", d->info.build_id[i]);
	if (d->info.active_slot == MCNIC_DEV_SLOT_NONE)
		mcnic_log("boot %u: built-in firmware %s", d->boots,
			  d->info.fw_version);
	else
		mcnic_log("boot %u: firmware %s build %s from slot %u",
			  d->boots, d->info.fw_version, id,
			  d->info.active_slot);
}

/* (Re)boot: every table empty, the version of the image that booted. */
static int dev_boot(struct mcnic_dev *d, char *err, size_t errlen)
{
	int r = 0;

	d->fw = NULL;
	d->fw_fdt = NULL;
	if (d->flash)
		r = dev_flash_info(d);
	else
		dev_builtin_info(d);
	if (!r) {
		r = mcnic_fw_init(&d->fw, &d->board->lim, d->fw_mem,
				  d->fw_mem_size);
		if (r) {
			d->fw = NULL;
			snprintf(err, errlen, "firmware init: error %d "
				 "(board tables too large?)", r);
			return r < 0 ? r : -r;
		}
	}
	d->boots++;
	d->beats = 0;
	d->boot_ns = mcnic_dev_now();
	r = dev_caps_update(d);
	if (r) {
		snprintf(err, errlen, "capability FDT over %d bytes",
			 DEV_CAPS_MAX);
		return r;
	}
	dev_log_boot(d);
	return 0;
}

int mcnic_dev_create(struct mcnic_dev **dp, const struct mcnic_dev_cfg *cfg,
		     char *err, size_t errlen)
{
	struct mcnic_dev *d = calloc(1, sizeof(*d));
	int r;

	if (!d)
		return -ENOMEM;
	d->board = cfg->board;
	d->name = cfg->name;
	snprintf(d->info.board, sizeof(d->info.board), "%s", cfg->board->model);
	d->info.ports = cfg->board->lim.ports;
	d->fw_mem_size = (mcnic_fw_mem_size(&cfg->board->lim) + 63) &
			 ~(size_t)63;
	d->fw_mem = aligned_alloc(64, d->fw_mem_size);
	if (!d->fw_mem) {
		snprintf(err, errlen, "cannot allocate %zu bytes for the "
			 "firmware's tables", d->fw_mem_size);
		free(d);
		return -ENOMEM;
	}
	if (cfg->flash) {
		r = mcnic_flash_open(&d->flash, cfg->flash, cfg->pubkey,
				     cfg->factory, err, errlen);
		if (r) {
			mcnic_dev_destroy(d);
			return r;
		}
	}
	r = dev_boot(d, err, errlen);
	if (r) {
		mcnic_dev_destroy(d);
		return r;
	}
	*dp = d;
	return 0;
}

void mcnic_dev_destroy(struct mcnic_dev *d)
{
	if (!d)
		return;
	if (d->flash)
		mcnic_flash_close(d->flash);
	free(d->fw_mem);
	free(d);
}

static u32 dev_heartbeat(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
			 void *resp)
{
	struct mcnic_cmd_heartbeat *hb = (void *)((u8 *)resp + DEV_HDR);

	memset(hb, 0, sizeof(*hb));
	hb->uptime_ns = mcnic_dev_uptime(d);
	hb->beats = ++d->beats;
	hb->boot_count = d->boots;
	return dev_answer(resp, h, 0, sizeof(*hb), NULL);
}

static u32 dev_dev_info(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
			void *resp)
{
	struct mcnic_cmd_info *info = (void *)((u8 *)resp + DEV_HDR);

	*info = d->info;
	info->uptime_ns = mcnic_dev_uptime(d);
	return dev_answer(resp, h, 0, sizeof(*info), NULL);
}

static u32 dev_caps(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
		    void *resp, u32 resp_max)
{
	if (resp_max < DEV_HDR + d->caps_len)
		return dev_answer(resp, h, -MCNIC_E2BIG, 0,
				  "caps: %u bytes do not fit", d->caps_len);
	memcpy((u8 *)resp + DEV_HDR, d->caps, d->caps_len);
	return dev_answer(resp, h, 0, d->caps_len, NULL);
}

static u32 dev_flash(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
		     u32 req_len, void *resp, u32 resp_max)
{
	const struct mcnic_cmd_hdr *a = resp;
	const struct mcnic_cmd_flash_begin *begin = (const void *)(h + 1);
	char err[128];
	int reboot = 0;
	u32 n;

	if (!d->flash)
		return dev_answer(resp, h, -MCNIC_EOPNOTSUPP, 0,
				  "no flash file");
	n = mcnic_flash_cmd(d->flash, h, req_len, resp, resp_max, &reboot);
	if (!a->status && h->opcode == MCNIC_CMD_FLASH_BEGIN)
		mcnic_log("flash: writing an image of %u bytes",
			  begin->size);
	if (!a->status && h->opcode == MCNIC_CMD_FLASH_COMMIT)
		mcnic_log("flash: image verified and committed");
	if (!reboot)
		return n;
	mcnic_log("flash: activated; rebooting (tables are cleared)");
	if (dev_boot(d, err, sizeof(err)))
		mcnic_log("reboot failed: %s", err);
	return n;
}

/*
 * A PORT_SET must fit the board: an uplink id stays an uplink, a vport's
 * queues are what the board has.  The firmware checks the rest.
 */
static u32 dev_port_check(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
			  void *resp)
{
	const struct mcnic_cmd_port *p = (const void *)(h + 1);
	int kind;
	u16 i;

	if (h->len != (u32)h->count * sizeof(*p))
		return 0;
	for (i = 0; i < h->count; i++, p++) {
		if (p->kind == MCNIC_CMD_PORT_NONE)
			continue;
		kind = mcnic_board_port_kind(d->board, p->id);
		if (kind != p->kind) {
			const char *what = p->kind == MCNIC_CMD_PORT_VPORT ?
					   "vport" : "uplink";
			u32 n = dev_answer(resp, h, -MCNIC_EINVAL, 0,
					   "port.id=%u: no %s on this board",
					   p->id, what);
			((struct mcnic_cmd_hdr *)resp)->err_index = i;
			return n;
		}
		if (kind == MCNIC_PORTK_VPORT &&
		    p->queues > d->board->vport_queues) {
			u32 n = dev_answer(resp, h, -MCNIC_EINVAL, 0,
					   "port.queues=%u: board has %u",
					   p->queues, d->board->vport_queues);
			((struct mcnic_cmd_hdr *)resp)->err_index = i;
			return n;
		}
	}
	return 0;
}

static u32 dev_table(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
		     u32 req_len, void *resp, u32 resp_max)
{
	u32 n;

	if (!d->fw)
		return dev_answer(resp, h, -MCNIC_EIO, 0, "no firmware");
	if (h->opcode == MCNIC_CMD_PORT_SET) {
		n = dev_port_check(d, h, resp);
		if (n)
			return n;
	}
	return mcnic_fw_cmd(d->fw, h, req_len, resp, resp_max,
			    mcnic_dev_now());
}

/* What every request must get right before anyone looks at its opcode. */
static u32 dev_check(const struct mcnic_cmd_hdr *h, u32 req_len, void *resp)
{
	if (h->version != MCNIC_CMD_VERSION)
		return dev_answer(resp, h, -MCNIC_EPROTO, 0,
				  "hdr.version=%u: expected %u", h->version,
				  MCNIC_CMD_VERSION);
	if (h->len != req_len - DEV_HDR)
		return dev_answer(resp, h, -MCNIC_EBADMSG, 0,
				  "hdr.len=%u: message has %u", h->len,
				  (unsigned int)(req_len - DEV_HDR));
	if (h->flags)
		return dev_answer(resp, h, -MCNIC_EINVAL, 0,
				  "hdr.flags=0x%x: must be 0", h->flags);
	return 0;
}

static u32 dev_dispatch(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
			u32 req_len, void *resp, u32 resp_max)
{
	u32 n = dev_check(h, req_len, resp);

	if (n)
		return n;
	switch (h->opcode) {
	case MCNIC_CMD_HEARTBEAT:
		return dev_heartbeat(d, h, resp);
	case MCNIC_CMD_DEV_INFO:
		return dev_dev_info(d, h, resp);
	case MCNIC_CMD_CAPS:
		return dev_caps(d, h, resp, resp_max);
	case MCNIC_CMD_FLASH_BEGIN ... MCNIC_CMD_FLASH_STATUS:
		return dev_flash(d, h, req_len, resp, resp_max);
	default:
		return dev_table(d, h, req_len, resp, resp_max);
	}
}

u32 mcnic_dev_cmd(struct mcnic_dev *d, const void *req, u32 req_len,
		  void *resp, u32 resp_max)
{
	const struct mcnic_cmd_hdr *h = req, *a = resp;
	struct mcnic_cmd_hdr zero;
	u32 n;

	if (req_len < DEV_HDR) {
		memset(&zero, 0, sizeof(zero));
		mcnic_log("refused a request of %u bytes: shorter than the "
			  "command header", req_len);
		return dev_answer(resp, &zero, -MCNIC_EBADMSG, 0,
				  "request of %u bytes: header is %zu",
				  req_len, DEV_HDR);
	}
	n = dev_dispatch(d, h, req_len, resp, resp_max);
	if (a->status)
		mcnic_log("cmd %s (0x%04x) seq %u refused: %d %.*s",
			  dev_op_name(h->opcode), h->opcode, h->seq,
			  a->status, (int)sizeof(a->err_msg), a->err_msg);
	return n;
}
