/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A firmware image's header (include/mcnic/fwimage.h) and its layout
 * rules, without libsodium: libmcnic checks a file with them before it
 * flashes it, and the device model (sim/fwimage.c, which adds the digest
 * and the signature) before it takes one, so the host refuses exactly
 * what the device would.  Messages name the header field and value
 * ("image.total_len=4096: truncated at 1000") and fit a mailbox err_msg.
 */
#ifndef MCNIC_FWIMAGE_HDR_H
#define MCNIC_FWIMAGE_HDR_H

#include <stddef.h>
#include "mcnic.h"

/* The FDT's alignment in an image: libfdt reads the blob in place. */
#define MCNIC_FWIMAGE_FDT_ALIGN	8

/*
 * The header of img (len bytes) with its layout checked: magic, format,
 * hdr_len, flags, reserved, every offset and length inside total_len,
 * total_len == len, an FDT where fdt_off says.  No digest or signature.
 * Returns 0, or -EBADMSG with the field in err.
 */
int mcnic_fwimage_parse(const void *img, size_t len,
			struct mcnic_fw_hdr *hdr, char *err, size_t errlen);

/*
 * Read the whole file at path (at most MCNIC_FW_MAX bytes) into *buf, to
 * free.  Returns 0 or -errno with err.
 */
int mcnic_fwimage_load(const char *path, void **buf, size_t *len,
		       char *err, size_t errlen);

#endif /* MCNIC_FWIMAGE_HDR_H */
