// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware flash: the image file's header is checked here first, so a
 * wrong file fails at once with a clear reason instead of after sixteen
 * megabytes of writes; the device then checks the digest and signature
 * itself at COMMIT.  Written in chunks with progress, then activated.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcnic_priv.h"

#define MCNIC_FLASH_CHUNK	32768

static int mcnic_fw_range(u32 off, u32 len, u32 total)
{
	return off <= total && len <= total - off;
}

static int mcnic_fw_hdr_check(const struct mcnic_fw_hdr *hd, size_t size,
			      char *err, size_t errlen)
{
	const char *why = NULL;

	if (hd->magic != MCNIC_FW_MAGIC)
		why = "magic is not MNFW: not an mcnic firmware image";
	else if (hd->format != MCNIC_FW_FORMAT)
		why = "format is not 1";
	else if (hd->hdr_len != sizeof(*hd))
		why = "hdr_len is not 200";
	else if (hd->total_len != size)
		why = "total_len differs from the file size (truncated?)";
	else if (hd->total_len > MCNIC_FW_MAX)
		why = "larger than a flash slot (16 MiB)";
	else if (hd->payload_off < hd->hdr_len || !hd->payload_len ||
		 !mcnic_fw_range(hd->payload_off, hd->payload_len,
				 hd->total_len))
		why = "payload_off/payload_len outside the image";
	else if (!mcnic_fw_range(hd->fdt_off, hd->fdt_len, hd->total_len) ||
		 (hd->fdt_len && hd->fdt_off < hd->hdr_len))
		why = "fdt_off/fdt_len outside the image";
	else if (hd->flags)
		why = "flags set (none are defined)";
	if (why)
		snprintf(err, errlen, "%s", why);
	return why ? -EINVAL : 0;
}

/* The whole file, checked; *buf is malloc'ed. */
static int mcnic_fw_load(const char *path, u8 **buf, size_t *size,
			 struct mcnic_fw_hdr *hdr, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	long len;
	int r = -EINVAL;

	*buf = NULL;
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		snprintf(err, errlen, "%s: cannot read", path);
		goto out;
	}
	if ((size_t)len < sizeof(*hdr) || len > MCNIC_FW_MAX) {
		snprintf(err, errlen, "%s: %ld bytes: not an mcnic firmware image",
			 path, len);
		goto out;
	}
	*buf = malloc(len);
	if (!*buf || fread(*buf, 1, len, f) != (size_t)len) {
		snprintf(err, errlen, "%s: cannot read", path);
		r = -EIO;
		goto out;
	}
	memcpy(hdr, *buf, sizeof(*hdr));
	*size = len;
	r = mcnic_fw_hdr_check(hdr, len, err, errlen);
	if (r) {
		char why[160];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "%s: %s", path, why);
	}
out:
	fclose(f);
	if (r) {
		free(*buf);
		*buf = NULL;
	}
	return r;
}

int mcnic_fw_image_check(const char *path, struct mcnic_fw_hdr *hdr,
			 char *err, size_t errlen)
{
	size_t size;
	u8 *buf;
	int r;

	r = mcnic_fw_load(path, &buf, &size, hdr, err, errlen);
	free(buf);
	return r;
}

static int mcnic_flash_simple(struct mcnic *h, u16 op, const void *data,
			      u32 len)
{
	struct mcnic_req r = { .op = op, .data = data, .len = len };

	return mcnic_call(h, &r);
}

static int mcnic_flash_write(struct mcnic *h, const u8 *img, size_t size,
			     mcnic_progress_fn progress, void *arg)
{
	u8 *msg = malloc(sizeof(struct mcnic_cmd_flash_write) +
			 MCNIC_FLASH_CHUNK);
	struct mcnic_cmd_flash_write w;
	size_t off;
	int r = 0;

	if (!msg)
		return mcnic_err(h, -ENOMEM, "flash: out of memory");
	for (off = 0; off < size && !r; off += w.len) {
		w.offset = off;
		w.len = size - off < MCNIC_FLASH_CHUNK ? size - off :
							 MCNIC_FLASH_CHUNK;
		memcpy(msg, &w, sizeof(w));
		memcpy(msg + sizeof(w), img + off, w.len);
		r = mcnic_flash_simple(h, MCNIC_CMD_FLASH_WRITE, msg,
				       sizeof(w) + w.len);
		if (!r && progress)
			progress("write", off + w.len, size, arg);
	}
	free(msg);
	return r;
}

int mcnic_flash(struct mcnic *h, const char *path, unsigned int flags,
		mcnic_progress_fn progress, void *arg)
{
	struct mcnic_cmd_flash_begin b = { 0 };
	struct mcnic_fw_hdr hdr;
	char err[256];
	size_t size;
	u8 *img;
	int r;

	r = mcnic_fw_load(path, &img, &size, &hdr, err, sizeof(err));
	if (r)
		return mcnic_err(h, r, "%s", err);
	b.size = size;
	r = mcnic_flash_simple(h, MCNIC_CMD_FLASH_BEGIN, &b, sizeof(b));
	if (!r)
		r = mcnic_flash_write(h, img, size, progress, arg);
	free(img);
	if (!r && progress)
		progress("commit", size, size, arg);
	if (!r)
		r = mcnic_flash_simple(h, MCNIC_CMD_FLASH_COMMIT, NULL, 0);
	if (r || (flags & MCNIC_FLASH_NO_ACTIVATE))
		return r;
	if (progress)
		progress("activate", size, size, arg);
	return mcnic_flash_simple(h, MCNIC_CMD_FLASH_ACTIVATE, NULL, 0);
}
