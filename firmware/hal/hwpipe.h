/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The firmware's driver of the HDL pipeline (include/mcnic/hwpipe.h): it
 * mirrors the pipeline state the HDL needs (ports, templates, VRF
 * generations, parser configuration) through CSR writes as it changes, and
 * serves the punt stream: a frame the HDL missed is decided here, its flow
 * written into the HDL table, and the frame handed back for re-injection;
 * a frame the HDL cannot handle is executed here.
 *
 * Registers are reached through a bus (MMIO on the NIC, the Verilator
 * model's AXI-Lite port in mcnic-sim and the tests).
 */
#ifndef MCNIC_HAL_HWPIPE_H
#define MCNIC_HAL_HWPIPE_H

#include <mcnic/hwpipe.h>
#include "dp/pipe.h"

struct mcnic_hw_bus {
	u32 (*read)(void *priv, u32 addr);
	void (*write)(void *priv, u32 addr, u32 val);
	void *priv;
};

struct mcnic_hwpipe_stats {
	u64 offered;		/* flows written into the HDL table */
	u64 stashed;		/* of them, new keys put in a free stash
				 * slot (both their buckets full) */
	u64 evicted;		/* HDL entries replaced to make room */
	u64 executed;		/* punted frames the firmware executed */
	u64 tunnels;		/* tunnel-cache entries written */
};

/* What the firmware knows of an HDL tunnel-cache slot. */
struct mcnic_hwpipe_tun {
	struct mcnic_hw_tun t;
	u32 peer;		/* its peer id: where its counter folds */
	u64 base_packets;	/* the slot's counter when last folded */
	u64 base_bytes;
};

struct mcnic_hwpipe {
	struct mcnic_hw_bus bus;
	struct mcnic_pipe *p;
	struct mcnic_pipe_notify notify;
	u32 log2b;		/* HDL geometry, read at init */
	u32 ports;
	u32 tmpls;
	u32 stash;		/* stash slots, after the buckets' */
	u32 slots;		/* the buckets' and the stash's */
	u32 tuns;		/* tunnel-cache slots */
	struct mcnic_flow_entry *shadow; /* [slots]: what each slot holds */
	u8 *used;			/* [slots] */
	struct mcnic_hwpipe_tun *tun;	/* [tuns] */
	u32 victim;
	u32 tun_victim;
	u64 now;			/* the latest punt's clock */
	struct mcnic_hwpipe_stats st;
};

/* Memory for the shadows of an HDL of up to slots flows and tuns tunnels. */
size_t mcnic_hwpipe_mem_size(u32 slots, u32 tuns);
/*
 * Checks the HDL (magic, version, geometry fits the pipeline's limits),
 * writes the whole current state into it, enables it and hooks p's changes.
 */
int mcnic_hwpipe_init(struct mcnic_hwpipe *hw, struct mcnic_pipe *p,
		      const struct mcnic_hw_bus *bus, void *mem, size_t size);
void mcnic_hwpipe_fini(struct mcnic_hwpipe *hw);

/*
 * Moves the packets the HDL counted per flow slot into the firmware's
 * flow stats and rule counters, and per tunnel slot into its peer's, so a
 * dump or STATS sees them all.  Also done for a slot before it is
 * overwritten and for all before a flush.
 */
void mcnic_hwpipe_fold(struct mcnic_hwpipe *hw);

/*
 * A frame from the punt stream.  Returns 1 when the frame is to be
 * re-injected unchanged (its flow is now in the HDL table), or 0 when it
 * was executed here: then *out and the return of mcnic_pipe_rx are in
 * *drop and the frame (pkt) was changed as mcnic_pipe_rx changes it.
 */
int mcnic_hwpipe_punt(struct mcnic_hwpipe *hw,
		      const struct mcnic_hw_rx_user *u, u8 reason,
		      struct mcnic_pkt *pkt, u64 now,
		      struct mcnic_pipe_out *out, enum mcnic_drop *drop);

#endif /* MCNIC_HAL_HWPIPE_H */
