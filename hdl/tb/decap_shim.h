/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * C access to the Verilator model of hdl/rtl/mcnic_decap.sv.  Frames and
 * their commands are queued; each step is one clock, in which the shim
 * drives the inputs (with random idle cycles), pulls the outputs (with
 * random back-pressure), checks the AXI-Stream rules on them and collects
 * the results and output frames in order.
 */
#ifndef MCNIC_HDL_DECAP_SHIM_H
#define MCNIC_HDL_DECAP_SHIM_H

#include <mcnic/types.h>
#include <mcnic/meta.h>

#ifdef __cplusplus
extern "C" {
#endif

int mcnic_hdl_decap_open(u32 seed);
void mcnic_hdl_decap_close(void);

/* Percent of cycles: idle on s_axis, s_cmd; not ready on m_axis, m_res. */
void mcnic_hdl_decap_knobs(unsigned int in_gap, unsigned int cmd_gap,
			   unsigned int out_stall, unsigned int res_stall);

/* Queues a frame (len bytes) and its command. */
void mcnic_hdl_decap_send(const u8 *frame, u16 len,
			  const struct mcnic_pkt_meta *m, int udp6_zero_ok,
			  const u8 dmac[6], const u8 smac[6], u64 tuser);

/* One clock cycle. */
void mcnic_hdl_decap_step(void);
u64 mcnic_hdl_decap_cycles(void);

/* The oldest result not yet taken: 1 if there was one. */
int mcnic_hdl_decap_result(u8 *drop, u16 *len);
/* The oldest output frame not yet taken (buf holds 65536 bytes). */
int mcnic_hdl_decap_frame(u8 *buf, u16 *len, u64 *tuser, u64 *done_cycle);

/* The first AXI-Stream rule broken on an output, or NULL. */
const char *mcnic_hdl_decap_error(void);

#ifdef __cplusplus
}
#endif

#endif
