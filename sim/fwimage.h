/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Firmware images (include/mcnic/fwimage.h) in host memory: build and sign
 * one, verify its digest and signature.  The flash (sim/flash.c) and
 * mcnic-fwimage share this code, and the layout checks with libmcnic
 * (host-lib/fwimage_hdr.h), so the device refuses exactly what the tools
 * would.  Messages name the header field and value
 * ("image.total_len=4096: truncated at 1000") and fit a mailbox err_msg.
 */
#ifndef MCNIC_SIM_FWIMAGE_H
#define MCNIC_SIM_FWIMAGE_H

#include <stddef.h>
#include <mcnic/fwimage.h>
#include "host-lib/fwimage_hdr.h"	/* parse, load: the layout checks */

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
 * "X.Y.Z" -> MAJOR << 16 | MINOR << 8 | PATCH: 0 or -EINVAL (the other
 * way is libmcnic's mcnic_fwimage_version_str).
 */
int mcnic_fwimage_version_parse(const char *s, u32 *code);

#endif /* MCNIC_SIM_FWIMAGE_H */
