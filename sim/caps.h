/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The capability FDT the CAPS command returns (include/mcnic/caps.h says
 * what is in it), written for one board and the firmware it runs.
 */
#ifndef MCNIC_SIM_CAPS_H
#define MCNIC_SIM_CAPS_H

#include <mcnic/caps.h>
#include "board.h"

/*
 * Write the FDT for board b running the firmware info describes (source:
 * MCNIC_CAPS_FW_SRC_*) into buf; fw_fdt: the image's capability FDT, NULL
 * when none runs.  Returns its length or a negative libfdt error
 * (-FDT_ERR_NOSPACE: it does not fit size bytes).
 */
int mcnic_caps_build(void *buf, u32 size, const struct mcnic_board *b,
		     const struct mcnic_cmd_info *info, const char *name,
		     const char *source, const void *fw_fdt);

#endif /* MCNIC_SIM_CAPS_H */
