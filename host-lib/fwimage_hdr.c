// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware image headers: layout checks, reading an image file, the
 * version as text.  The header is stored as the host lays it out; host
 * and NIC cores are little-endian like the contract, so no byte swapping
 * is needed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwimage_hdr.h"

#define FDT_MAGIC_BE	0xd00dfeedu
#define FDT_HDR_MIN	40	/* struct fdt_header, version 17 */

static u32 fwimage_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static int fwimage_bad(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fwimage_bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EBADMSG;
}

static int fwimage_parse_top(const struct mcnic_fw_hdr *h, size_t len,
			     char *err, size_t errlen)
{
	static const u8 zero[sizeof(h->reserved)];

	if (h->magic != MCNIC_FW_MAGIC)
		return fwimage_bad(err, errlen, "image.magic=0x%08x: not MNFW",
				   h->magic);
	if (h->format != MCNIC_FW_FORMAT)
		return fwimage_bad(err, errlen, "image.format=%u: not %u",
				   h->format, MCNIC_FW_FORMAT);
	if (h->hdr_len != sizeof(*h))
		return fwimage_bad(err, errlen, "image.hdr_len=%u: not %zu",
				   h->hdr_len, sizeof(*h));
	if (h->flags)
		return fwimage_bad(err, errlen,
				   "image.flags=0x%x: none defined", h->flags);
	if (memcmp(h->reserved, zero, sizeof(zero)))
		return fwimage_bad(err, errlen, "image.reserved: not zero");
	if (h->total_len > MCNIC_FW_MAX)
		return fwimage_bad(err, errlen,
				   "image.total_len=%u: more than a slot",
				   h->total_len);
	if (h->total_len > len)
		return fwimage_bad(err, errlen,
				   "image.total_len=%u: truncated at %zu",
				   h->total_len, len);
	if (h->total_len < len)
		return fwimage_bad(err, errlen,
				   "image.total_len=%u: %zu bytes given",
				   h->total_len, len);
	return 0;
}

static int fwimage_parse_parts(const struct mcnic_fw_hdr *h, const u8 *b,
			       char *err, size_t errlen)
{
	u64 payload_end = (u64)h->payload_off + h->payload_len;
	u64 fdt_end = (u64)h->fdt_off + h->fdt_len;

	if (h->payload_off < h->hdr_len ||
	    h->payload_off % MCNIC_FW_PAYLOAD_ALIGN)
		return fwimage_bad(err, errlen,
				   "image.payload_off=%u: not aligned after hdr",
				   h->payload_off);
	if (!h->payload_len || payload_end > h->total_len)
		return fwimage_bad(err, errlen,
				   "image.payload_len=%u: not inside image",
				   h->payload_len);
	if (h->fdt_off < payload_end || h->fdt_off % MCNIC_FWIMAGE_FDT_ALIGN)
		return fwimage_bad(err, errlen,
				   "image.fdt_off=%u: overlaps or unaligned",
				   h->fdt_off);
	if (h->fdt_len < FDT_HDR_MIN || fdt_end > h->total_len)
		return fwimage_bad(err, errlen,
				   "image.fdt_len=%u: not inside image",
				   h->fdt_len);
	if (fwimage_be32(b + h->fdt_off) != FDT_MAGIC_BE)
		return fwimage_bad(err, errlen,
				   "image.fdt: no FDT magic at fdt_off=%u",
				   h->fdt_off);
	if (fwimage_be32(b + h->fdt_off + 4) > h->fdt_len)
		return fwimage_bad(err, errlen,
				   "image.fdt.totalsize=%u: past fdt_len",
				   fwimage_be32(b + h->fdt_off + 4));
	return 0;
}

int mcnic_fwimage_parse(const void *img, size_t len,
			struct mcnic_fw_hdr *hdr, char *err, size_t errlen)
{
	int r;

	if (len < sizeof(*hdr))
		return fwimage_bad(err, errlen,
				   "image.size=%zu: less than a header", len);
	memcpy(hdr, img, sizeof(*hdr));
	r = fwimage_parse_top(hdr, len, err, errlen);
	if (!r)
		r = fwimage_parse_parts(hdr, img, err, errlen);
	return r;
}

int mcnic_fwimage_load(const char *path, void **buf, size_t *len,
		       char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	int r = 0;

	*buf = NULL;
	*len = 0;
	if (!fp) {
		r = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-r));
		return r;
	}
	*buf = malloc(MCNIC_FW_MAX + 1);
	if (!*buf) {
		r = -ENOMEM;
		snprintf(err, errlen, "%s: out of memory", path);
	} else {
		*len = fread(*buf, 1, MCNIC_FW_MAX + 1, fp);
		if (ferror(fp))
			r = -EIO;
		else if (*len > MCNIC_FW_MAX)
			r = -EFBIG;
		if (r)
			snprintf(err, errlen, "%s: %s", path, r == -EIO ?
				 "read error" : "larger than a flash slot");
	}
	fclose(fp);
	if (r) {
		free(*buf);
		*buf = NULL;
	}
	return r;
}

void mcnic_fwimage_version_str(u32 code, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u", code >> 16, (code >> 8) & 0xff,
		 code & 0xff);
}
