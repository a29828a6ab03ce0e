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
#include <mcnic/cmd.h>
#include <mcnic/fwimage.h>

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
 * Answer one FLASH_* request (req_len bytes) into resp; returns the
 * answer's length.  ACTIVATE answers 0 and sets *reboot = 1: the caller
 * then reboots the firmware from mcnic_flash_boot().
 */
unsigned mcnic_flash_cmd(struct mcnic_flash *f, const void *req,
			 unsigned req_len, void *resp, unsigned resp_max,
			 int *reboot);

#endif /* MCNIC_SIM_FLASH_H */
