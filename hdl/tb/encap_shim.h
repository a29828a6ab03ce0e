/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * C access to the Verilator model of hdl/rtl/mcnic_encap.sv.  Frames are
 * queued (command and beats); mcnic_hdl_encap_pop() runs the clock until
 * the next result, and its frame when one is sent, is out.  The harness
 * drives the inputs with random idle cycles and the outputs with random
 * back-pressure at the rates set, and checks the AXI-Stream rules on the
 * outputs on every cycle.
 */
#ifndef MCNIC_HDL_ENCAP_SHIM_H
#define MCNIC_HDL_ENCAP_SHIM_H

#include <mcnic/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The contract's headers are C (the shim is C++): sizes the test checks
 * against sizeof(struct mcnic_encap_tmpl), sizeof(struct mcnic_layer),
 * MCNIC_HW_FRAME_MAX + MCNIC_TMPL_HDR_MAX.
 */
#define MCNIC_HDL_ENCAP_TMPL_BYTES	256
#define MCNIC_HDL_ENCAP_LAYER_BYTES	58
#define MCNIC_HDL_ENCAP_OUT_MAX		(9600 + 192)

struct mcnic_hdl_encap_in {
	const void *tmpl;	/* struct mcnic_encap_tmpl */
	const void *in;		/* struct mcnic_layer */
	u32 hash;
	u16 ip_id;
	u16 len;		/* 1..MCNIC_HW_FRAME_MAX bytes */
	const u8 *frame;
	u64 tuser;
};

struct mcnic_hdl_encap_out {
	u8 drop;		/* m_res_drop */
	u16 len;		/* m_res_len */
	u16 inner_mtu;		/* m_res_inner_mtu */
	u16 frame_len;		/* bytes of the frame sent, 0 when dropped */
	u64 tuser;		/* of its first beat (all beats must agree) */
	u64 cycle;		/* the cycle its last beat left (or its result) */
	u8 frame[MCNIC_HDL_ENCAP_OUT_MAX];
};

int mcnic_hdl_encap_open(u32 seed);
void mcnic_hdl_encap_close(void);
/* Percentages: valid on s_cmd and s_axis, ready on m_axis and m_res. */
void mcnic_hdl_encap_rates(unsigned int cmd_valid, unsigned int in_valid,
			   unsigned int out_ready, unsigned int res_ready);
void mcnic_hdl_encap_push(const struct mcnic_hdl_encap_in *f);
/* 0, or -1 on a protocol violation or the watchdog: see _error(). */
int mcnic_hdl_encap_pop(struct mcnic_hdl_encap_out *o);
/* Runs n cycles with nothing queued; returns beats or results that came. */
unsigned int mcnic_hdl_encap_idle(unsigned int n);
u64 mcnic_hdl_encap_cycles(void);
const char *mcnic_hdl_encap_error(void);

#ifdef __cplusplus
}
#endif

#endif
