/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The device model: one simulated NIC's firmware state, flash and
 * identity, and the single entry point for mailbox requests, whether they
 * arrive through the host socket or the BAR mailbox.  The device answers
 * HEARTBEAT, DEV_INFO, CAPS and FLASH_* itself and hands table commands
 * to the firmware (firmware/fw/cmd.h).
 *
 * Without a flash file the built-in firmware runs (the Makefile's
 * MCNIC_VERSION, no slot).  With one, the boot ROM (sim/flash.h) picks a
 * verified image; with none the device is in recovery: only device and
 * flash commands work, table commands are answered -MCNIC_EIO.
 * DEV_INFO.active_slot is then MCNIC_SLOT_NONE, as for the built-in one.
 */
#ifndef MCNIC_SIM_DEV_H
#define MCNIC_SIM_DEV_H

#include <stddef.h>
#include <mcnic/cmd.h>
#include "board.h"

struct mcnic_dev;

struct mcnic_dev_cfg {
	const struct mcnic_board *board;
	const char *name;		/* shown in DEV_INFO's caps and logs */
	const char *flash;		/* flash file, or NULL: built-in */
	const char *factory;		/* image for an empty flash */
	const unsigned char *pubkey;	/* trusted Ed25519 key */
};

/* Returns 0 or -errno with a message in err. */
int mcnic_dev_create(struct mcnic_dev **d, const struct mcnic_dev_cfg *cfg,
		     char *err, size_t errlen);
void mcnic_dev_destroy(struct mcnic_dev *d);

/* Execute one request (req_len bytes); returns the answer's length. */
u32 mcnic_dev_cmd(struct mcnic_dev *d, const void *req, u32 req_len,
		  void *resp, u32 resp_max);

/* The packet path: the pipeline, or NULL while no firmware runs. */
struct mcnic_pipe *mcnic_dev_pipe(struct mcnic_dev *d);

const struct mcnic_cmd_info *mcnic_dev_info(const struct mcnic_dev *d);
/* Device time in ns (monotonic), and uptime since the last boot. */
u64 mcnic_dev_now(void);
u64 mcnic_dev_uptime(const struct mcnic_dev *d);

#endif /* MCNIC_SIM_DEV_H */
