// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" shim around the mcnic_parser model.  Wide ports are arrays of
// 32-bit words, least significant first: on a little-endian host their
// memory image is the byte string, and a packed struct port's is the C
// struct's (hdl/gen/mcnic_pkg.sv), so each moves with one memcpy.
#include <cstring>
#include "Vmcnic_parser.h"
#include "verilated.h"
#include "parser_shim.h"

static VerilatedContext *ctx;
static Vmcnic_parser *top;
static u64 ncycles;

static_assert(sizeof(top->cfg) == sizeof(struct mcnic_parse_cfg), "cfg");
static_assert(sizeof(top->m_meta) == sizeof(struct mcnic_pkt_meta), "meta");
static_assert(sizeof(top->s_axis_tdata) == 64, "tdata");

int mcnic_hdl_parser_open(void)
{
	ctx = new VerilatedContext;
	top = new Vmcnic_parser(ctx);
	return 0;
}

void mcnic_hdl_parser_cfg(const struct mcnic_parse_cfg *cfg)
{
	std::memcpy(top->cfg.data(), cfg, sizeof(*cfg));
}

static void tick(void)
{
	top->clk = 1;
	top->eval();
	top->clk = 0;
	top->eval();
	ncycles++;
}

void mcnic_hdl_parser_reset(const struct mcnic_parse_cfg *cfg)
{
	mcnic_hdl_parser_cfg(cfg);
	top->s_axis_tvalid = 0;
	top->m_axis_tready = 0;
	top->m_meta_ready = 0;
	top->rst = 1;
	for (int i = 0; i < 4; i++)
		tick();
	top->rst = 0;
	top->eval();
}

void mcnic_hdl_parser_cycle(struct mcnic_hdl_parser_io *io)
{
	top->s_axis_tvalid = io->s_valid;
	top->s_axis_tlast = io->s_last;
	top->s_axis_tkeep = io->s_keep;
	top->s_axis_tuser = io->s_user;
	if (io->s_valid)
		std::memcpy(top->s_axis_tdata.data(), io->s_data, 64);
	top->m_axis_tready = io->m_ready;
	top->m_meta_ready = io->meta_ready;
	top->eval();
	io->s_ready = top->s_axis_tready;
	io->m_valid = top->m_axis_tvalid;
	if (io->m_valid) {
		io->m_last = top->m_axis_tlast;
		io->m_keep = top->m_axis_tkeep;
		io->m_user = top->m_axis_tuser;
		std::memcpy(io->m_data, top->m_axis_tdata.data(), 64);
	}
	io->meta_valid = top->m_meta_valid;
	if (io->meta_valid) {
		io->meta_err = top->m_meta_err;
		io->meta_deep = top->m_meta_deep;
		io->meta_user = top->m_meta_tuser;
		std::memcpy(&io->meta, top->m_meta.data(), sizeof(io->meta));
	}
	tick();
}

u64 mcnic_hdl_parser_cycles(void)
{
	return ncycles;
}

void mcnic_hdl_parser_close(void)
{
	top->final();
	delete top;
	delete ctx;
}
