// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" shim around mcnic_flow_table_tb: one cycle at a time.  Wide
// ports are 32-bit words, least significant first: on a little-endian host
// their memory image is the struct's byte image.
#include <cstring>
#include "Vmcnic_flow_table_tb.h"
#include "verilated.h"
#include <mcnic/hwpipe.h>
#include "flowtab_shim.h"

static VerilatedContext *ctx;
static Vmcnic_flow_table_tb *top;

int mcnic_hdl_ft_open(int geom, u32 *stash)
{
	static const int log2b[MCNIC_HDL_FT_GEOMS] = { 2, 10, 2, 1 };
	static const u32 st[MCNIC_HDL_FT_GEOMS] = {
		MCNIC_HW_FT_STASH, MCNIC_HW_FT_STASH, 0, MCNIC_HW_FT_STASH_MAX,
	};

	ctx = new VerilatedContext;
	top = new Vmcnic_flow_table_tb(ctx);
	top->sel = geom & 3;
	top->clk = 0;
	top->eval();
	*stash = st[geom & 3];
	return log2b[geom & 3];
}

static void idle(void)
{
	top->s_req_valid = 0;
	top->m_res_ready = 0;
	top->wr_valid = 0;
	top->cnt_valid = 0;
}

static void edge(void)
{
	top->clk = 1;
	top->eval();
	top->clk = 0;
	top->eval();
}

void mcnic_hdl_ft_reset(void)
{
	idle();
	top->rst = 1;
	edge();
	edge();
	top->rst = 0;
	top->eval();
}

void mcnic_hdl_ft_drive(const struct mcnic_hdl_ft_in *in,
			struct mcnic_hdl_ft_out *out)
{
	static_assert(sizeof(top->s_req_key) == MCNIC_HDL_FT_KEY_BYTES, "key");
	static_assert(sizeof(top->wr_entry) == MCNIC_HDL_FT_ENTRY_BYTES,
		      "entry");
	top->s_req_valid = in->req_valid;
	top->s_req_hash = in->req_hash;
	top->s_req_tag = in->req_tag;
	std::memcpy(top->s_req_key.data(), in->req_key, MCNIC_HDL_FT_KEY_BYTES);
	top->m_res_ready = in->res_ready;
	top->wr_valid = in->wr_valid;
	top->wr_op = in->wr_op;
	top->wr_slot = in->wr_slot;
	std::memcpy(top->wr_entry.data(), in->wr_entry,
		    MCNIC_HDL_FT_ENTRY_BYTES);
	top->cnt_valid = in->cnt_valid;
	top->cnt_slot = in->cnt_slot;
	top->cnt_bytes = in->cnt_bytes;
	top->ctr_rd_slot = in->ctr_rd_slot;
	top->eval();
	out->req_ready = top->s_req_ready;
	out->res_valid = top->m_res_valid;
	out->res_hit = top->m_res_hit;
	out->res_slot = top->m_res_slot;
	out->res_tag = top->m_res_tag;
	std::memcpy(out->res_entry, top->m_res_entry.data(),
		    MCNIC_HDL_FT_ENTRY_BYTES);
	out->wr_ready = top->wr_ready;
	out->wr_status = top->wr_status;
}

void mcnic_hdl_ft_tick(u64 *ctr_packets, u64 *ctr_bytes)
{
	edge();
	*ctr_packets = top->ctr_rd_packets;
	*ctr_bytes = top->ctr_rd_bytes;
}

void mcnic_hdl_ft_close(void)
{
	top->final();
	delete top;
	delete ctx;
}
