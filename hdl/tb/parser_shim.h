/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * C access to the Verilator model of hdl/rtl/mcnic_parser.sv: one call per
 * clock cycle with the inputs of that cycle; it returns the outputs the
 * handshakes of that cycle's edge are made on (sampled before the edge).
 */
#ifndef MCNIC_HDL_PARSER_SHIM_H
#define MCNIC_HDL_PARSER_SHIM_H

#include <mcnic/types.h>
#include <mcnic/meta.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mcnic_hdl_parser_io {
	/* inputs */
	u8 s_valid;
	u8 s_last;
	u8 m_ready;
	u8 meta_ready;
	u64 s_keep;
	u64 s_user;
	u8 s_data[64];
	/* outputs */
	u8 s_ready;
	u8 m_valid;
	u8 m_last;
	u8 meta_valid;
	u8 meta_err;
	u8 meta_deep;
	u64 m_keep;
	u64 m_user;
	u64 meta_user;
	u8 m_data[64];
	struct mcnic_pkt_meta meta;	/* filled only when meta_valid */
};

int mcnic_hdl_parser_open(void);
/* Sets the configuration and resets the model (a few cycles). */
void mcnic_hdl_parser_reset(const struct mcnic_parse_cfg *cfg);
/* Changes the configuration (only while no frame is inside). */
void mcnic_hdl_parser_cfg(const struct mcnic_parse_cfg *cfg);
void mcnic_hdl_parser_cycle(struct mcnic_hdl_parser_io *io);
u64 mcnic_hdl_parser_cycles(void);
void mcnic_hdl_parser_close(void);

#ifdef __cplusplus
}
#endif

#endif
