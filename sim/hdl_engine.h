/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The HDL engine: the Verilator model of the pipeline (hdl/rtl), driven by
 * the native firmware's driver (firmware/hal/hwpipe.c) exactly as on the
 * NIC -- CSR writes for the tables, the punt stream for misses.  Its rx has
 * the contract of mcnic_pipe_rx, so a caller can run either engine.
 */
#ifndef MCNIC_SIM_HDL_ENGINE_H
#define MCNIC_SIM_HDL_ENGINE_H

#include <stddef.h>
#include "dp/pipe.h"
#include "hal/hwpipe.h"

struct mcnic_hdl_engine;

/* Attaches a model to p (whose tables it mirrors from then on). */
struct mcnic_hdl_engine *mcnic_hdl_engine_open(struct mcnic_pipe *p,
					       char *err, size_t errlen);
void mcnic_hdl_engine_close(struct mcnic_hdl_engine *e);

/* The model itself, for callers that stream frames (tests, benchmarks). */
struct mcnic_hdl_pipe *mcnic_hdl_engine_model(struct mcnic_hdl_engine *e);

/* One frame through the HDL (and the firmware, when punted). */
enum mcnic_drop mcnic_hdl_engine_rx(struct mcnic_hdl_engine *e, u16 port,
				    struct mcnic_pkt *pkt, u64 now,
				    struct mcnic_pipe_out *out);

/*
 * Adds the HDL's counters (ports, drop reasons, templates, flows, rules,
 * flow hits) into the firmware's and clears them, so the NIC's counters
 * are whole again.
 */
void mcnic_hdl_engine_fold(struct mcnic_hdl_engine *e);

struct mcnic_hdl_engine_stats {
	u64 frames;		/* into the HDL (re-injections included) */
	u64 hdl_executed;	/* decided and executed by the HDL */
	u64 punted;
	u64 reinjected;
	u64 cycles;
	struct mcnic_hwpipe_stats fw;
};
void mcnic_hdl_engine_stats(const struct mcnic_hdl_engine *e,
			    struct mcnic_hdl_engine_stats *st);
/*
 * AXI-Stream rule violations the model committed, plus frames it mishandled
 * (no single result in time); 0 is the only good answer.
 */
u64 mcnic_hdl_engine_violations(const struct mcnic_hdl_engine *e,
				const char **first);

#endif /* MCNIC_SIM_HDL_ENGINE_H */
