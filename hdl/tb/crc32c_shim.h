/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* C access to the Verilator model of hdl/rtl/mcnic_crc32c.sv (44 bytes). */
#ifndef MCNIC_HDL_CRC32C_SHIM_H
#define MCNIC_HDL_CRC32C_SHIM_H

#include <mcnic/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCNIC_HDL_CRC32C_BYTES	44

int mcnic_hdl_crc32c_open(void);
u32 mcnic_hdl_crc32c(u32 crc, const u8 data[MCNIC_HDL_CRC32C_BYTES]);
void mcnic_hdl_crc32c_close(void);

#ifdef __cplusplus
}
#endif

#endif
