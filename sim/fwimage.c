// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware images: layout, build and signing, checks.  The header is
 * stored as the host lays it out; host and NIC cores are little-endian
 * like the contract, so no byte swapping is needed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "fwimage.h"

#define FDT_MAGIC_BE	0xd00dfeedu
#define FDT_HDR_MIN	40	/* struct fdt_header, version 17 */
#define FDT_ALIGN	8	/* libfdt reads the blob in place */

static u32 fwimage_align(u64 v, u32 a)
{
	return (u32)((v + a - 1) & ~(u64)(a - 1));
}

static u32 fwimage_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

int mcnic_fwimage_init(void)
{
	return sodium_init() < 0 ? -EIO : 0;
}

int mcnic_fwimage_layout(u32 payload_len, u32 fdt_len,
			 struct mcnic_fwimage_layout *lo)
{
	u64 fdt_off, total;

	lo->payload_off = fwimage_align(sizeof(struct mcnic_fw_hdr),
					MCNIC_FW_PAYLOAD_ALIGN);
	fdt_off = fwimage_align((u64)lo->payload_off + payload_len,
				FDT_ALIGN);
	total = fdt_off + fdt_len;
	if (total > MCNIC_FW_MAX)
		return -EFBIG;
	lo->fdt_off = (u32)fdt_off;
	lo->total_len = (u32)total;
	return 0;
}

void mcnic_fwimage_build(void *img, const struct mcnic_fwimage_layout *lo,
			 const void *payload, u32 payload_len,
			 const void *fdt, u32 fdt_len, u32 fw_version,
			 const unsigned char *sk)
{
	struct mcnic_fw_hdr h;
	u8 *b = img;
	u8 digest[crypto_hash_sha256_BYTES];

	memset(b, 0, lo->total_len);
	memcpy(b + lo->payload_off, payload, payload_len);
	memcpy(b + lo->fdt_off, fdt, fdt_len);

	memset(&h, 0, sizeof(h));
	h.magic = MCNIC_FW_MAGIC;
	h.format = MCNIC_FW_FORMAT;
	h.hdr_len = sizeof(h);
	h.fw_version = fw_version;
	h.payload_off = lo->payload_off;
	h.payload_len = payload_len;
	h.fdt_off = lo->fdt_off;
	h.fdt_len = fdt_len;
	h.total_len = lo->total_len;
	crypto_hash_sha256(digest, payload, payload_len);
	memcpy(h.build_id, digest, sizeof(h.build_id));
	memcpy(h.key_id, MCNIC_FWIMAGE_SK_PK(sk), sizeof(h.key_id));
	crypto_hash_sha256(h.sha256, b + h.hdr_len, h.total_len - h.hdr_len);
	memcpy(b, &h, sizeof(h));
	crypto_sign_detached(h.sig, NULL, b, MCNIC_FW_SIGNED_LEN, sk);
	memcpy(b, &h, sizeof(h));
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
	if (h->fdt_off < payload_end || h->fdt_off % FDT_ALIGN)
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

int mcnic_fwimage_check_digest(const void *img,
			       const struct mcnic_fw_hdr *hdr,
			       char *err, size_t errlen)
{
	const u8 *b = img;
	u8 d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, b + hdr->hdr_len, hdr->total_len - hdr->hdr_len);
	if (sodium_memcmp(d, hdr->sha256, sizeof(d)))
		return fwimage_bad(err, errlen, "image.sha256: mismatch");
	crypto_hash_sha256(d, b + hdr->payload_off, hdr->payload_len);
	if (memcmp(d, hdr->build_id, sizeof(hdr->build_id)))
		return fwimage_bad(err, errlen,
				   "image.build_id: not the payload's SHA-256");
	return 0;
}

/*
 * The signature covers the whole header but sig, so any altered field
 * (version, sizes, digest) fails here, before the digest is looked at.
 */
static int fwimage_check_sig(const void *img, const struct mcnic_fw_hdr *h,
			     const unsigned char *pk, char *err, size_t errlen)
{
	int ours = !memcmp(h->key_id, pk, sizeof(h->key_id));

	if (crypto_sign_verify_detached(h->sig, img, MCNIC_FW_SIGNED_LEN,
					pk)) {
		snprintf(err, errlen, ours ?
			 "image.sig: invalid (header or sig altered)" :
			 "image.sig: not signed by the trusted key");
		return -EKEYREJECTED;
	}
	if (!ours) {
		snprintf(err, errlen, "image.key_id: not the trusted key's");
		return -EKEYREJECTED;
	}
	return 0;
}

int mcnic_fwimage_verify(const void *img, size_t len,
			 const unsigned char *pk, struct mcnic_fw_hdr *hdr,
			 char *err, size_t errlen)
{
	int r;

	r = mcnic_fwimage_parse(img, len, hdr, err, errlen);
	if (!r)
		r = fwimage_check_sig(img, hdr, pk, err, errlen);
	if (!r)
		r = mcnic_fwimage_check_digest(img, hdr, err, errlen);
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
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
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

static int fwimage_version_part(const char **s, u32 max, u32 *v)
{
	char *end;
	unsigned long n;

	if (**s < '0' || **s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(*s, &end, 10);
	if (errno || n > max)
		return -EINVAL;
	*v = (u32)n;
	*s = end;
	return 0;
}

int mcnic_fwimage_version_parse(const char *s, u32 *code)
{
	u32 major, minor, patch;

	if (fwimage_version_part(&s, 0xffff, &major) || *s++ != '.' ||
	    fwimage_version_part(&s, 0xff, &minor) || *s++ != '.' ||
	    fwimage_version_part(&s, 0xff, &patch) || *s)
		return -EINVAL;
	*code = major << 16 | minor << 8 | patch;
	return 0;
}

void mcnic_fwimage_version_str(u32 code, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u", code >> 16, (code >> 8) & 0xff,
		 code & 0xff);
}
