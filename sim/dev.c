// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The device model (dev.h).  A reboot (start, FLASH_ACTIVATE) asks the
 * boot ROM for an image and lays the firmware's state out afresh in the
 * same memory, so every table starts empty, as on a real NIC.  Requests
 * may sit at any alignment: the header and entries the device reads are
 * copied out, and answers are built in place with memcpy.
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
	u64 refused;			/* commands answered with an error */
	u32 caps_len;
	u8 caps[MCNIC_CAPS_MAX] __attribute__((aligned(8)));
};


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

/* An answer's header to req: its opcode and seq, status 0, no payload. */
static void dev_answer_hdr(struct mcnic_cmd_hdr *a,
			   const struct mcnic_cmd_hdr *req)
{
	memset(a, 0, DEV_HDR);
	a->version = MCNIC_CMD_VERSION;
	a->opcode = req->opcode;
	a->seq = req->seq;
}

/* The answer's header, with status and message; returns its length. */
static u32 dev_answer(void *resp, const struct mcnic_cmd_hdr *req, s32 status,
		      u32 payload, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static u32 dev_answer(void *resp, const struct mcnic_cmd_hdr *req, s32 status,
		      u32 payload, const char *fmt, ...)
{
	struct mcnic_cmd_hdr a;
	va_list ap;

	dev_answer_hdr(&a, req);
	a.status = status;
	a.len = payload;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(a.err_msg, sizeof(a.err_msg), fmt, ap);
		va_end(ap);
	}
	memcpy(resp, &a, DEV_HDR);
	return DEV_HDR + payload;
}

static const char *dev_source(const struct mcnic_dev *d)
{
	if (!d->flash)
		return MCNIC_CAPS_FW_SRC_BUILTIN;
	return d->fw ? MCNIC_CAPS_FW_SRC_FLASH : MCNIC_CAPS_FW_SRC_NONE;
}

static int dev_caps_update(struct mcnic_dev *d, char *err, size_t errlen)
{
	int n = mcnic_caps_build(d->caps, sizeof(d->caps), d->board, &d->info,
				 d->name, dev_source(d), d->fw_fdt);

	if (n < 0) {
		snprintf(err, errlen, "capability FDT: %s (a CAPS answer "
			 "holds %zu bytes)", fdt_strerror(n), MCNIC_CAPS_MAX);
		return n == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL;
	}
	d->caps_len = n;
	d->info.caps_len = n;
	return 0;
}

/* The built-in firmware's version is the one its capabilities name. */
static void dev_builtin_info(struct mcnic_dev *d)
{
	const char *v = fdt_getprop(mcnic_fw_caps_dtb, 0,
				    MCNIC_CAPS_IMG_FW_VERSION, NULL);
	u32 code = 0;

	if (!v || mcnic_fwimage_version_parse(v, &code))
		v = "";
	snprintf(d->info.fw_version, sizeof(d->info.fw_version), "%s", v);
	d->info.fw_version_code = code;
	memset(d->info.build_id, 0, sizeof(d->info.build_id));
	d->info.active_slot = MCNIC_SLOT_NONE;
	d->fw_fdt = mcnic_fw_caps_dtb;
}

/* What the flash found wrong: a bad record, an image not booted ... */
static void dev_log_flash_notes(struct mcnic_dev *d)
{
	const char *s = mcnic_flash_notes(d->flash);
	size_t n;

	while (*s) {
		n = strcspn(s, "\n");
		mcnic_log("%.*s", (int)n, s);
		s += n + (s[n] != '\0');
	}
}

/* Ask the boot ROM; slot -1 leaves the device in recovery. */
static int dev_flash_info(struct mcnic_dev *d)
{
	struct mcnic_flash_boot b;
	int r = mcnic_flash_boot(d->flash, &b);

	dev_log_flash_notes(d);
	if (r < 0 || b.slot < 0) {
		memset(d->info.fw_version, 0, sizeof(d->info.fw_version));
		memset(d->info.build_id, 0, sizeof(d->info.build_id));
		d->info.fw_version_code = 0;
		d->info.active_slot = MCNIC_SLOT_NONE;
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
	if (d->info.active_slot == MCNIC_SLOT_NONE)
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
	r = dev_caps_update(d, err, errlen);
	if (r)
		return r;
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
		dev_log_flash_notes(d);
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
			 u8 *resp)
{
	struct mcnic_cmd_heartbeat hb;

	memset(&hb, 0, sizeof(hb));
	hb.uptime_ns = mcnic_dev_uptime(d);
	hb.beats = ++d->beats;
	hb.boot_count = d->boots;
	memcpy(resp + DEV_HDR, &hb, sizeof(hb));
	return dev_answer(resp, h, 0, sizeof(hb), NULL);
}

static u32 dev_dev_info(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
			u8 *resp)
{
	struct mcnic_cmd_info info = d->info;

	info.uptime_ns = mcnic_dev_uptime(d);
	memcpy(resp + DEV_HDR, &info, sizeof(info));
	return dev_answer(resp, h, 0, sizeof(info), NULL);
}

static u32 dev_caps(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
		    u8 *resp, u32 resp_max)
{
	if (resp_max < DEV_HDR + d->caps_len)
		return dev_answer(resp, h, -MCNIC_E2BIG, 0,
				  "caps: %u bytes do not fit", d->caps_len);
	memcpy(resp + DEV_HDR, d->caps, d->caps_len);
	return dev_answer(resp, h, 0, d->caps_len, NULL);
}

/* The flash answers the opcode; the header is the device's. */
static u32 dev_flash(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
		     const u8 *p, u8 *resp, u32 resp_max)
{
	struct mcnic_cmd_flash_begin begin;
	struct mcnic_cmd_hdr a;
	char err[128];
	int reboot = 0;

	if (!d->flash)
		return dev_answer(resp, h, -MCNIC_EOPNOTSUPP, 0,
				  "no flash file");
	dev_answer_hdr(&a, h);
	mcnic_flash_cmd(d->flash, h, p, &a, resp + DEV_HDR,
			resp_max - DEV_HDR, &reboot);
	memcpy(resp, &a, DEV_HDR);
	if (!a.status && h->opcode == MCNIC_CMD_FLASH_BEGIN) {
		memcpy(&begin, p, sizeof(begin));
		mcnic_log("flash: writing an image of %u bytes", begin.size);
	}
	if (!a.status && h->opcode == MCNIC_CMD_FLASH_COMMIT)
		mcnic_log("flash: image verified and committed");
	if (reboot) {
		mcnic_log("flash: activated; rebooting (tables are cleared)");
		if (dev_boot(d, err, sizeof(err)))
			mcnic_log("reboot failed: %s", err);
	}
	return DEV_HDR + a.len;
}

/* A refused batch entry: its index goes into the answer. */
static u32 dev_refuse_entry(u8 *resp, u32 n, u16 index)
{
	struct mcnic_cmd_hdr a;

	memcpy(&a, resp, DEV_HDR);
	a.err_index = index;
	memcpy(resp, &a, DEV_HDR);
	return n;
}

/*
 * A PORT_SET must fit the board: an uplink id stays an uplink, a vport's
 * queues are what the board has.  The firmware checks the rest.
 */

static u32 dev_port_check(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
			  const u8 *entries, u8 *resp)
{
	struct mcnic_cmd_port p;
	int kind;
	u32 n;
	u16 i;

	if (h->len != (u32)h->count * sizeof(p))
		return 0;
	for (i = 0; i < h->count; i++) {
		memcpy(&p, entries + i * sizeof(p), sizeof(p));
		if (p.kind == MCNIC_CMD_PORT_NONE)
			continue;
		kind = mcnic_board_port_kind(d->board, p.id);
		if (kind != p.kind)
			n = dev_answer(resp, h, -MCNIC_EINVAL, 0,
				       "port.id=%u: no %s on this board", p.id,
				       p.kind == MCNIC_CMD_PORT_VPORT ?
				       "vport" : "uplink");
		else if (kind == MCNIC_PORTK_VPORT &&
			 p.queues > d->board->vport_queues)
			n = dev_answer(resp, h, -MCNIC_EINVAL, 0,
				       "port.queues=%u: board has %u",
				       p.queues, d->board->vport_queues);
		else
			continue;
		return dev_refuse_entry(resp, n, i);
	}
	return 0;
}

static u32 dev_table(struct mcnic_dev *d, const struct mcnic_cmd_hdr *h,
		     const void *req, u32 req_len, u8 *resp, u32 resp_max)
{
	u32 n;

	if (!d->fw)
		return dev_answer(resp, h, -MCNIC_EIO, 0, "no firmware");
	if (h->opcode == MCNIC_CMD_PORT_SET) {
		n = dev_port_check(d, h, (const u8 *)req + DEV_HDR, resp);
		if (n)
			return n;
	}
	return mcnic_fw_cmd(d->fw, req, req_len, resp, resp_max,
			    mcnic_dev_now());
}

/*
 * What every request must get right before anyone looks at its opcode;
 * the handlers below rely on it.
 */
static u32 dev_check(const struct mcnic_cmd_hdr *h, u32 req_len, u8 *resp)
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
			const void *req, u32 req_len, u8 *resp, u32 resp_max)
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
		return dev_flash(d, h, (const u8 *)req + DEV_HDR, resp,
				 resp_max);
	default:
		return dev_table(d, h, req, req_len, resp, resp_max);
	}
}

u32 mcnic_dev_cmd(struct mcnic_dev *d, const void *req, u32 req_len,
		  void *resp, u32 resp_max)
{
	struct mcnic_cmd_hdr h, a;
	u32 n;

	if (resp_max < DEV_HDR)
		return 0;
	if (req_len < DEV_HDR) {
		memset(&h, 0, sizeof(h));
		mcnic_log_counted(&d->refused, "refused commands",
				  "refused a request of %u bytes: shorter "
				  "than the command header", req_len);
		return dev_answer(resp, &h, -MCNIC_EBADMSG, 0,
				  "request of %u bytes: header is %zu",
				  req_len, DEV_HDR);
	}
	memcpy(&h, req, DEV_HDR);
	n = dev_dispatch(d, &h, req, req_len, resp, resp_max);
	memcpy(&a, resp, DEV_HDR);
	if (a.status)
		mcnic_log_counted(&d->refused, "refused commands",
				  "cmd %s (0x%04x) seq %u refused: %d %.*s",
				  mcnic_cmd_op_name(h.opcode), h.opcode, h.seq,
				  a.status, (int)sizeof(a.err_msg),
				  a.err_msg);
	return n;
}
