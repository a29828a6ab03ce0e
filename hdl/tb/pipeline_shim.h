/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * C access to the Verilator model of the whole HDL pipeline
 * (hdl/rtl/mcnic_pipeline.sv): its AXI-Lite CSR port, frames in, and the
 * three outputs (frames out, punted frames, results) delivered to
 * callbacks.  Optional random back-pressure on every output and idle gaps
 * on the input; every output is checked against the AXI-Stream rules.
 */
#ifndef MCNIC_HDL_PIPELINE_SHIM_H
#define MCNIC_HDL_PIPELINE_SHIM_H

#include <mcnic/types.h>
#include <mcnic/hwpipe.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mcnic_hdl_pipe;

struct mcnic_hdl_pipe_ops {
	void (*tx)(void *priv, const u8 *frame, u32 len,
		   const struct mcnic_hw_tx_user *tu);
	void (*punt)(void *priv, const u8 *frame, u32 len,
		     const struct mcnic_hw_rx_user *u);
	void (*result)(void *priv, const struct mcnic_hw_result *r);
	void *priv;
};

struct mcnic_hdl_pipe *mcnic_hdl_pipe_open(const struct mcnic_hdl_pipe_ops *ops);
/* Swaps the callbacks (returns the old ones in old, if given). */
void mcnic_hdl_pipe_set_ops(struct mcnic_hdl_pipe *hp,
			    const struct mcnic_hdl_pipe_ops *ops,
			    struct mcnic_hdl_pipe_ops *old);
void mcnic_hdl_pipe_close(struct mcnic_hdl_pipe *hp);

/* Percentages of cycles with the input idle / each output not ready. */
void mcnic_hdl_pipe_pressure(struct mcnic_hdl_pipe *hp, unsigned int in_gap,
			     unsigned int out_stall, u32 seed);

/* One AXI-Lite transaction each (the datapath keeps running). */
u32 mcnic_hdl_pipe_read(void *hp, u32 addr);
void mcnic_hdl_pipe_write(void *hp, u32 addr, u32 val);

/* Queues a frame for the input. */
void mcnic_hdl_pipe_send(struct mcnic_hdl_pipe *hp, const u8 *frame, u32 len,
			 const struct mcnic_hw_rx_user *u);
/*
 * Clocks until every queued frame has its result (or max_cycles pass:
 * returns -1).  Returns the cycles it ran.
 */
s64 mcnic_hdl_pipe_run(struct mcnic_hdl_pipe *hp, u64 max_cycles);

u64 mcnic_hdl_pipe_cycles(const struct mcnic_hdl_pipe *hp);
/* AXI-Stream rule violations seen on the outputs (with the first one). */
u64 mcnic_hdl_pipe_violations(const struct mcnic_hdl_pipe *hp,
			      const char **first);

#ifdef __cplusplus
}
#endif

#endif
