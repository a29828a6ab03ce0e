/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The simulated NIC's flash: a file with two firmware slots, and the boot
 * ROM's choice of which one runs.  A slot is written through the mailbox
 * (FLASH_BEGIN, FLASH_WRITE..., FLASH_COMMIT, FLASH_ACTIVATE), always the
 * slot that is not running; COMMIT verifies the image (fwimage.h: sizes,
 * SHA-256, Ed25519 against the trusted key) and only a verified slot can
 * be activated or booted.  Slot state lives in the file, written so that
 * a simulator killed at any point boots the previous image next time.
 */
#ifndef MCNIC_SIM_FLASH_H
#define MCNIC_SIM_FLASH_H

#include <stddef.h>
#include <sys/types.h>
#include <mcnic/cmd.h>
#include <mcnic/fwimage.h>

/*
 * The file: a superblock in the first block, each slot's state record in
 * a block of its own, then the two slots of MCNIC_FW_MAX bytes from
 * MCNIC_FLASH_DATA_OFF (docs/firmware-image.md).
 */
#define MCNIC_FLASH_BLOCK		4096
#define MCNIC_FLASH_DATA_OFF		65536u
#define MCNIC_FLASH_REC_OFF(slot) \
	((off_t)MCNIC_FLASH_BLOCK * (1 + (slot)))
#define MCNIC_FLASH_SLOT_OFF(slot) \
	(MCNIC_FLASH_DATA_OFF + (off_t)(slot) * MCNIC_FW_MAX)

struct mcnic_flash;

/* What booted: the verified image's header and its capability FDT. */
struct mcnic_flash_boot {
	int slot;			/* -1: no valid image (recovery) */
	struct mcnic_fw_hdr hdr;
	const void *fdt;		/* in the image: until close or reboot */
	size_t fdt_len;
};

/*
 * Open (creating, empty, if missing) the flash file at path; trust
 * pubkey (32 bytes, Ed25519).  If no slot holds a valid image and factory
 * (may be NULL) names an image file, it is verified and written to slot 0
 * first.  Returns 0 or -errno with a message in err.
 */
int mcnic_flash_open(struct mcnic_flash **f, const char *path,
		     const unsigned char *pubkey, const char *factory,
		     char *err, size_t errlen);
void mcnic_flash_close(struct mcnic_flash *f);

/*
 * The slot the boot ROM picks: the valid one with the higher sequence,
 * its digest and signature checked again; a slot that fails is marked
 * BAD and the other valid one is tried.  Returns 0, or -ENOENT when no
 * slot verifies (b->slot = -1: recovery, FLASH_* still work).
 */
int mcnic_flash_boot(struct mcnic_flash *f, struct mcnic_flash_boot *b);

/*
 * What open and boot found wrong since the last call, one line each
 * ("flash.slot1.record: checksum mismatch, taken as empty"); "" if
 * nothing.  Valid until the next call on f.
 */
const char *mcnic_flash_notes(struct mcnic_flash *f);

/*
 * Answer one FLASH_* request: h is its header, which the device checked
 * (version, len, flags), p its h->len payload bytes (any alignment).
 * Sets a->status (0 or -MCNIC_E*), a->err_msg, a->len and a->count, the
 * rest of the answer's header being the caller's, and writes the answer's
 * payload (at most room bytes) to out.  ACTIVATE answers 0 and sets
 * *reboot = 1: the caller then reboots the firmware from mcnic_flash_boot().
 */
void mcnic_flash_cmd(struct mcnic_flash *f, const struct mcnic_cmd_hdr *h,
		     const void *p, struct mcnic_cmd_hdr *a, void *out,
		     u32 room, int *reboot);

#endif /* MCNIC_SIM_FLASH_H */
