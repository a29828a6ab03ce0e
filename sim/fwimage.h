/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Firmware images (include/mcnic/fwimage.h) in host memory: build and sign
 * one, check its layout, verify its digest and signature.  The flash
 * (sim/flash.c) and mcnic-fwimage share this code, so the device refuses
 * exactly what the tool would.  Messages name the header field and value
 * ("image.total_len=4096: truncated at 1000") and fit a mailbox err_msg.
 */
#ifndef MCNIC_SIM_FWIMAGE_H
#define MCNIC_SIM_FWIMAGE_H

#include <stddef.h>
#include <mcnic/fwimage.h>

#define MCNIC_FWIMAGE_PK_LEN	32	/* Ed25519 public key */
#define MCNIC_FWIMAGE_SK_LEN	64	/* libsodium's seed || public key */
#define MCNIC_FWIMAGE_SK_PK(sk) \
	((sk) + (MCNIC_FWIMAGE_SK_LEN - MCNIC_FWIMAGE_PK_LEN))

/* The image's layout, from its parts' sizes. */
struct mcnic_fwimage_layout {
	u32 payload_off;
	u32 fdt_off;
	u32 total_len;
};

/* Call once before anything else here: initialises libsodium. */
int mcnic_fwimage_init(void);

/*
 * Where payload_len and fdt_len bytes go; -EFBIG if the image would not
 * fit a flash slot (MCNIC_FW_MAX).
 */
int mcnic_fwimage_layout(u32 payload_len, u32 fdt_len,
			 struct mcnic_fwimage_layout *lo);

/*
 * Fill img (lo->total_len bytes, from mcnic_fwimage_layout) with the
 * signed image of payload and fdt, version MAJOR << 16 | MINOR << 8 |
 * PATCH, signed with sk (MCNIC_FWIMAGE_SK_LEN bytes).
 */
void mcnic_fwimage_build(void *img, const struct mcnic_fwimage_layout *lo,
			 const void *payload, u32 payload_len,
			 const void *fdt, u32 fdt_len, u32 fw_version,
			 const unsigned char *sk);

/*
 * The header of img (len bytes) with its layout checked: magic, format,
 * hdr_len, flags, every offset and length inside total_len, total_len ==
 * len, an FDT where fdt_off says.  No digest or signature.  Returns 0, or
 * -EBADMSG with the field in err.
 */
int mcnic_fwimage_parse(const void *img, size_t len,
			struct mcnic_fw_hdr *hdr, char *err, size_t errlen);

/* The digest of bytes hdr_len..total_len and build_id; 0 or -EBADMSG. */
int mcnic_fwimage_check_digest(const void *img,
			       const struct mcnic_fw_hdr *hdr,
			       char *err, size_t errlen);

/*
 * Everything: layout, signature and key_id against pk
 * (MCNIC_FWIMAGE_PK_LEN bytes), then the digest.  Returns 0, -EBADMSG
 * (layout, digest) or -EKEYREJECTED (signature, key) with err.
 */
int mcnic_fwimage_verify(const void *img, size_t len,
			 const unsigned char *pk, struct mcnic_fw_hdr *hdr,
			 char *err, size_t errlen);

/*
 * Read the whole file at path (at most MCNIC_FW_MAX bytes) into *buf, to
 * free.  Returns 0 or -errno with err.
 */
int mcnic_fwimage_load(const char *path, void **buf, size_t *len,
		       char *err, size_t errlen);

/* "X.Y.Z" <-> MAJOR << 16 | MINOR << 8 | PATCH; parse: 0 or -EINVAL. */
int mcnic_fwimage_version_parse(const char *s, u32 *code);
void mcnic_fwimage_version_str(u32 code, char *buf, size_t len);

#endif /* MCNIC_SIM_FWIMAGE_H */
