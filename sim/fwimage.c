// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware images: layout, build and signing, digest and signature
 * checks.  The header's own checks are host-lib/fwimage_hdr.c's, which
 * libmcnic shares.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "fwimage.h"

static u32 fwimage_align(u64 v, u32 a)
{
	return (u32)((v + a - 1) & ~(u64)(a - 1));
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
				MCNIC_FWIMAGE_FDT_ALIGN);
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

int mcnic_fwimage_check_digest(const void *img,
			       const struct mcnic_fw_hdr *hdr,
			       char *err, size_t errlen)
{
	const u8 *b = img;
	u8 d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, b + hdr->hdr_len, hdr->total_len - hdr->hdr_len);
	if (sodium_memcmp(d, hdr->sha256, sizeof(d))) {
		snprintf(err, errlen, "image.sha256: mismatch");
		return -EBADMSG;
	}
	crypto_hash_sha256(d, b + hdr->payload_off, hdr->payload_len);
	if (memcmp(d, hdr->build_id, sizeof(hdr->build_id))) {
		snprintf(err, errlen,
			 "image.build_id: not the payload's SHA-256");
		return -EBADMSG;
	}
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
