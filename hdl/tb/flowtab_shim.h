/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * C access to hdl/tb/mcnic_flow_table_tb.sv (mcnic_flow_table in four
 * geometries), one clock cycle at a time: set the inputs and read what the
 * table shows before the edge (readies, wr_status, the result at the head),
 * then clock and read the counter read port's answer.  Keys and entries
 * pass as the byte images of struct mcnic_flow_key / mcnic_flow_entry.
 */
#ifndef MCNIC_HDL_FLOWTAB_SHIM_H
#define MCNIC_HDL_FLOWTAB_SHIM_H

#include <mcnic/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCNIC_HDL_FT_KEY_BYTES		44
#define MCNIC_HDL_FT_ENTRY_BYTES	64

struct mcnic_hdl_ft_in {
	u8 req_valid;
	u8 res_ready;
	u8 wr_valid;
	u8 wr_op;
	u8 cnt_valid;
	u16 req_tag;
	u16 cnt_bytes;
	u32 req_hash;
	u32 wr_slot;
	u32 cnt_slot;
	u32 ctr_rd_slot;
	u8 req_key[MCNIC_HDL_FT_KEY_BYTES];
	u8 wr_entry[MCNIC_HDL_FT_ENTRY_BYTES];
};

struct mcnic_hdl_ft_out {
	u8 req_ready;
	u8 res_valid;
	u8 res_hit;
	u8 wr_ready;
	u8 wr_status;
	u16 res_tag;
	u32 res_slot;
	u8 res_entry[MCNIC_HDL_FT_ENTRY_BYTES];
};

/* Geometries of the test top (hdl/tb/mcnic_flow_table_tb.sv). */
#define MCNIC_HDL_FT_GEOMS		4

/*
 * geom 0..MCNIC_HDL_FT_GEOMS - 1: LOG2_BUCKETS / STASH 2/8, 10/8, 2/0,
 * 1/16.  Returns LOG2_BUCKETS and sets *stash.
 */
int mcnic_hdl_ft_open(int geom, u32 *stash);
/* Reset held for two cycles, all inputs idle. */
void mcnic_hdl_ft_reset(void);
/* Drive the inputs for this cycle (clock low) and sample the outputs. */
void mcnic_hdl_ft_drive(const struct mcnic_hdl_ft_in *in,
			struct mcnic_hdl_ft_out *out);
/* Rising edge then falling edge; the counters read at this edge. */
void mcnic_hdl_ft_tick(u64 *ctr_packets, u64 *ctr_bytes);
void mcnic_hdl_ft_close(void);

#ifdef __cplusplus
}
#endif

#endif
