/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The flashable firmware image (build/firmware/mcnic-fw.bin):
 *
 *   struct mcnic_fw_hdr | payload (RISC-V image) | capability FDT
 *
 * hdr.sha256 is the SHA-256 of everything after the header (payload and
 * FDT); hdr.sig is the Ed25519 signature of the header's first
 * MCNIC_FW_SIGNED_LEN bytes (everything before sig, so the digest, sizes
 * and versions are all covered).  A device checks magic, format, sizes,
 * the digest and the signature against its trusted public key before it
 * marks a slot valid, and again before booting it.  Integers are
 * little-endian.
 */
#ifndef MCNIC_FWIMAGE_H
#define MCNIC_FWIMAGE_H

#include "types.h"

#define MCNIC_FW_MAGIC		0x57464e4du	/* "MNFW" read little-endian */
#define MCNIC_FW_FORMAT		1
#define MCNIC_FW_MAX		(16u << 20)	/* a flash slot */
#define MCNIC_FW_PAYLOAD_ALIGN	64

struct mcnic_fw_hdr {
	u32 magic;		/* MCNIC_FW_MAGIC */
	u16 format;		/* MCNIC_FW_FORMAT */
	u16 hdr_len;		/* sizeof(struct mcnic_fw_hdr) */
	u32 fw_version;		/* MAJOR << 16 | MINOR << 8 | PATCH */
	u32 payload_off;	/* from the start of the image */
	u32 payload_len;
	u32 fdt_off;
	u32 fdt_len;
	u32 total_len;		/* header + payload + FDT (+ padding) */
	u8 build_id[20];	/* first 20 bytes of the payload's SHA-256 */
	u32 flags;		/* none defined: 0 */
	u8 key_id[8];		/* first 8 bytes of the signer's public key */
	u8 sha256[32];		/* of bytes hdr_len .. total_len */
	u8 reserved[40];
	u8 sig[64];		/* Ed25519 over bytes 0 .. MCNIC_FW_SIGNED_LEN */
};

#define MCNIC_FW_SIGNED_LEN	__builtin_offsetof(struct mcnic_fw_hdr, sig)

MCNIC_ASSERT_SIZE(struct mcnic_fw_hdr, 200);
MCNIC_ASSERT_OFF(struct mcnic_fw_hdr, sha256, 64);
MCNIC_ASSERT_OFF(struct mcnic_fw_hdr, sig, 136);

#endif /* MCNIC_FWIMAGE_H */
