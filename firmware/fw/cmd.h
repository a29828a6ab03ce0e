/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The firmware's command handler and table manager: the only way anything
 * outside the NIC changes its tables.  It executes mailbox requests
 * (include/mcnic/cmd.h) against the pipeline (dp/pipe.h), keeps what the
 * pipeline does not store but the host must be able to read back (tunnel
 * parameters, route prefixes), and answers every request -- a malformed
 * one with a status and the field that was wrong, never a crash.
 *
 * Freestanding: built for the NIC cores and natively into mcnic-sim.
 */
#ifndef MCNIC_FW_CMD_H
#define MCNIC_FW_CMD_H

#include <mcnic/cmd.h>
#include "dp/pipe.h"

struct mcnic_fw;

/* Bytes of memory mcnic_fw_init needs for these limits (pipe included). */
size_t mcnic_fw_mem_size(const struct mcnic_pipe_limits *lim);

/*
 * Lay the firmware's state out in mem (aligned to 64 bytes, size bytes);
 * *fw points into mem.  Returns 0 or -MCNIC_EINVAL / -MCNIC_ENOMEM.
 */
int mcnic_fw_init(struct mcnic_fw **fw, const struct mcnic_pipe_limits *lim,
		  void *mem, size_t size);

/*
 * Execute one request of req_len bytes and write the answer (header and
 * payload) to resp, at most resp_max bytes (>= sizeof(struct
 * mcnic_cmd_hdr)).  Returns the answer's length.  now: device time in ns.
 * Device opcodes (HEARTBEAT, DEV_INFO, CAPS, FLASH_*) are the device
 * model's; here they are answered -MCNIC_EOPNOTSUPP.
 */
u32 mcnic_fw_cmd(struct mcnic_fw *fw, const void *req, u32 req_len,
		 void *resp, u32 resp_max, u64 now);

/* The packet path runs on the pipeline directly. */
struct mcnic_pipe *mcnic_fw_pipe(struct mcnic_fw *fw);

#endif /* MCNIC_FW_CMD_H */
