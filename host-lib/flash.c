// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware flash: the image's header is checked here first, with the
 * device's own layout rules (fwimage_hdr.c), so a wrong file fails at
 * once with a clear reason instead of after sixteen megabytes of writes;
 * the device then checks the digest and signature itself at COMMIT.
 * Written in chunks with progress, then activated.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwimage_hdr.h"
#include "mcnic_priv.h"

#define MCNIC_FLASH_CHUNK	32768

int mcnic_fw_image_load(const char *path, void **img, size_t *len,
			struct mcnic_fw_hdr *hdr, char *err, size_t errlen)
{
	char why[MCNIC_ERR_MAX / 2];
	int r;

	r = mcnic_fwimage_load(path, img, len, err, errlen);
	if (r)
		return r;
	r = mcnic_fwimage_parse(*img, *len, hdr, why, sizeof(why));
	if (r) {
		snprintf(err, errlen, "%s: %s", path, why);
		free(*img);
		*img = NULL;
	}
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

int mcnic_flash(struct mcnic *h, const void *img, size_t len,
		unsigned int flags, mcnic_progress_fn progress, void *arg)
{
	struct mcnic_cmd_flash_begin b = { .size = len };
	struct mcnic_fw_hdr hdr;
	char why[MCNIC_ERR_MAX / 2];
	int r;

	r = mcnic_fwimage_parse(img, len, &hdr, why, sizeof(why));
	if (r)
		return mcnic_err(h, r, "flash: %s", why);
	r = mcnic_flash_simple(h, MCNIC_CMD_FLASH_BEGIN, &b, sizeof(b));
	if (!r)
		r = mcnic_flash_write(h, img, len, progress, arg);
	if (!r && progress)
		progress("commit", len, len, arg);
	if (!r)
		r = mcnic_flash_simple(h, MCNIC_CMD_FLASH_COMMIT, NULL, 0);
	if (r || (flags & MCNIC_FLASH_NO_ACTIVATE))
		return r;
	if (progress)
		progress("activate", len, len, arg);
	return mcnic_flash_simple(h, MCNIC_CMD_FLASH_ACTIVATE, NULL, 0);
}
