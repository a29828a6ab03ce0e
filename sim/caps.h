/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The capability FDT the CAPS command returns: what this device is and
 * can do, so a host needs no per-board knowledge.
 *
 *   /                 compatible = "mcnic,caps", caps-version = <1>,
 *                     model, device-name, clock-frequency
 *   /firmware         source ("built-in", "flash" or "none": recovery),
 *                     version ("M.m.p"), version-code, build-id (20 bytes),
 *                     slot (flash only), then the running image's own
 *                     capability FDT (firmware/boot/caps.dts: features,
 *                     limits ...) copied in
 *   /mailbox          version (MCNIC_CMD_VERSION), msg-max
 *   /ports/port@N     reg = <N>, kind ("uplink" or "vport"), mac-address;
 *                     uplinks: max-speed (Mb/s); vports: queues
 *   /queues           tx, rx, cq (queue counts), per-vport
 *   /tables           the board's sizes, names as in board.h
 *   /features         one empty property per feature of the running
 *                     firmware (its FDT's "features" list): vxlan, gre ...
 */
#ifndef MCNIC_SIM_CAPS_H
#define MCNIC_SIM_CAPS_H

#include <mcnic/cmd.h>
#include "board.h"

#define MCNIC_CAPS_VERSION	1

/*
 * Write the FDT for board b running the firmware info describes (source:
 * see /firmware above) into buf; fw_fdt: the image's capability FDT, NULL
 * when none runs.  Returns its length or -ENOSPC.
 */
int mcnic_caps_build(void *buf, u32 size, const struct mcnic_board *b,
		     const struct mcnic_cmd_info *info, const char *name,
		     const char *source, const void *fw_fdt);

#endif /* MCNIC_SIM_CAPS_H */
