// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" shim around the mcnic_pipeline model (pipeline_shim.h).
#include <cstdint>
#include <cstring>
#include <deque>
#include <random>
#include <vector>
#include "Vmcnic_pipeline.h"
#include "verilated.h"
#include "pipeline_shim.h"

namespace {

struct in_frame {
	std::vector<u8> data;
	mcnic_hw_rx_user u;
};

// One output stream: reassembles frames and checks the AXI-Stream rules.
struct out_stream {
	std::vector<u8> frame;
	bool held = false;		// valid && !ready last cycle
	u8 last_data[64];
	u64 last_keep = 0, last_user = 0;
	bool last_last = false;
};

} // namespace

struct mcnic_hdl_pipe {
	VerilatedContext *ctx;
	Vmcnic_pipeline *top;
	mcnic_hdl_pipe_ops ops;
	std::deque<in_frame> in;
	size_t in_off = 0;		// next byte of in.front()
	bool presenting = false;
	u64 sent = 0, results = 0, cycles = 0, violations = 0;
	const char *first_violation = nullptr;
	unsigned int in_gap = 0, out_stall = 0;
	std::mt19937 rng{1};
	out_stream tx, punt;
};

static void violation(mcnic_hdl_pipe *hp, const char *what)
{
	if (!hp->violations++)
		hp->first_violation = what;
}

static bool chance(mcnic_hdl_pipe *hp, unsigned int pct)
{
	return pct && hp->rng() % 100 < pct;
}

static void drive_input(mcnic_hdl_pipe *hp)
{
	Vmcnic_pipeline *t = hp->top;

	if (!hp->presenting && !hp->in.empty() && !chance(hp, hp->in_gap))
		hp->presenting = true;
	t->s_axis_tvalid = hp->presenting;
	if (!hp->presenting)
		return;
	const in_frame &f = hp->in.front();
	size_t n = f.data.size() - hp->in_off;
	u8 beat[64] = { 0 };

	if (n > 64)
		n = 64;
	std::memcpy(beat, f.data.data() + hp->in_off, n);
	std::memcpy(t->s_axis_tdata.data(), beat, 64);
	t->s_axis_tkeep = n == 64 ? ~0ull : (1ull << n) - 1;
	t->s_axis_tlast = hp->in_off + n == f.data.size();
	u64 user;
	std::memcpy(&user, &f.u, sizeof(user));
	t->s_axis_tuser = user;
}

static void take_input(mcnic_hdl_pipe *hp)
{
	in_frame &f = hp->in.front();

	hp->in_off += 64;
	hp->presenting = false;
	if (hp->in_off >= f.data.size()) {
		hp->in.pop_front();
		hp->in_off = 0;
	}
}

// Checks one stream's beat and, on a handshake, appends it.  Returns true
// when a frame is complete in s.frame.
static bool sample(mcnic_hdl_pipe *hp, out_stream &s, bool valid, bool ready,
		   const u32 *data, u64 keep, bool last, u64 user)
{
	if (s.held) {
		if (!valid)
			violation(hp, "valid dropped before ready");
		else if (std::memcmp(s.last_data, data, 64) ||
			 s.last_keep != keep || s.last_last != last ||
			 s.last_user != user)
			violation(hp, "beat changed while valid and not ready");
	}
	if (valid) {
		if (keep == 0 || (keep & (keep + 1)))
			violation(hp, "tkeep not contiguous from byte 0");
		else if (!last && keep != ~0ull)
			violation(hp, "partial tkeep on a beat before tlast");
	}
	s.held = valid && !ready;
	std::memcpy(s.last_data, data, 64);
	s.last_keep = keep;
	s.last_last = last;
	s.last_user = user;
	if (!valid || !ready)
		return false;
	unsigned int n = __builtin_popcountll(keep);
	const u8 *b = reinterpret_cast<const u8 *>(data);
	s.frame.insert(s.frame.end(), b, b + n);
	return last;
}

static void tick(mcnic_hdl_pipe *hp)
{
	Vmcnic_pipeline *t = hp->top;

	drive_input(hp);
	t->m_axis_tready = !chance(hp, hp->out_stall);
	t->m_axis_punt_tready = !chance(hp, hp->out_stall);
	t->m_res_ready = !chance(hp, hp->out_stall);
	t->clk = 0;
	t->eval();

	bool in_hs = t->s_axis_tvalid && t->s_axis_tready;
	if (sample(hp, hp->tx, t->m_axis_tvalid, t->m_axis_tready,
		   t->m_axis_tdata.data(), t->m_axis_tkeep, t->m_axis_tlast,
		   t->m_axis_tuser)) {
		mcnic_hw_tx_user tu;
		u64 user = t->m_axis_tuser;
		std::memcpy(&tu, &user, sizeof(tu));
		if (hp->ops.tx)
			hp->ops.tx(hp->ops.priv, hp->tx.frame.data(),
				   hp->tx.frame.size(), &tu);
		hp->tx.frame.clear();
	}
	if (sample(hp, hp->punt, t->m_axis_punt_tvalid, t->m_axis_punt_tready,
		   t->m_axis_punt_tdata.data(), t->m_axis_punt_tkeep,
		   t->m_axis_punt_tlast, t->m_axis_punt_tuser)) {
		mcnic_hw_rx_user u;
		u64 user = t->m_axis_punt_tuser;
		std::memcpy(&u, &user, sizeof(u));
		if (hp->ops.punt)
			hp->ops.punt(hp->ops.priv, hp->punt.frame.data(),
				     hp->punt.frame.size(), &u);
		hp->punt.frame.clear();
	}
	if (t->m_res_valid && t->m_res_ready) {
		mcnic_hw_result r;
		static_assert(sizeof(t->m_res) == sizeof(r), "result width");
		std::memcpy(&r, t->m_res.data(), sizeof(r));
		hp->results++;
		if (hp->ops.result)
			hp->ops.result(hp->ops.priv, &r);
	}
	t->clk = 1;
	t->eval();
	if (in_hs)
		take_input(hp);
	hp->cycles++;
}

extern "C" {

struct mcnic_hdl_pipe *mcnic_hdl_pipe_open(const struct mcnic_hdl_pipe_ops *ops)
{
	mcnic_hdl_pipe *hp = new mcnic_hdl_pipe;

	hp->ctx = new VerilatedContext;
	hp->top = new Vmcnic_pipeline(hp->ctx);
	if (ops)
		hp->ops = *ops;
	else
		std::memset(&hp->ops, 0, sizeof(hp->ops));
	hp->top->rst = 1;
	for (int i = 0; i < 8; i++)
		tick(hp);
	hp->top->rst = 0;
	tick(hp);
	return hp;
}

void mcnic_hdl_pipe_set_ops(struct mcnic_hdl_pipe *hp,
			    const struct mcnic_hdl_pipe_ops *ops,
			    struct mcnic_hdl_pipe_ops *old)
{
	if (old)
		*old = hp->ops;
	hp->ops = *ops;
}

void mcnic_hdl_pipe_close(struct mcnic_hdl_pipe *hp)
{
	hp->top->final();
	delete hp->top;
	delete hp->ctx;
	delete hp;
}

void mcnic_hdl_pipe_pressure(struct mcnic_hdl_pipe *hp, unsigned int in_gap,
			     unsigned int out_stall, u32 seed)
{
	hp->in_gap = in_gap;
	hp->out_stall = out_stall;
	hp->rng.seed(seed);
}

// A transaction waits for the slave; a CMD write can take a flush.
#define CSR_TIMEOUT	(1u << 20)

u32 mcnic_hdl_pipe_read(void *p, u32 addr)
{
	mcnic_hdl_pipe *hp = static_cast<mcnic_hdl_pipe *>(p);
	Vmcnic_pipeline *t = hp->top;
	u32 v = 0, n;

	t->s_axil_araddr = addr;
	t->s_axil_arvalid = 1;
	t->s_axil_rready = 1;
	for (n = 0; n < CSR_TIMEOUT; n++) {
		t->clk = 0;
		t->eval();
		bool ar = t->s_axil_arvalid && t->s_axil_arready;
		bool r = t->s_axil_rvalid;
		if (r)
			v = t->s_axil_rdata;
		tick(hp);
		if (ar)
			t->s_axil_arvalid = 0;
		if (r)
			break;
	}
	t->s_axil_rready = 0;
	if (n == CSR_TIMEOUT)
		violation(hp, "AXI-Lite read timed out");
	return v;
}

void mcnic_hdl_pipe_write(void *p, u32 addr, u32 val)
{
	mcnic_hdl_pipe *hp = static_cast<mcnic_hdl_pipe *>(p);
	Vmcnic_pipeline *t = hp->top;
	u32 n;

	t->s_axil_awaddr = addr;
	t->s_axil_wdata = val;
	t->s_axil_wstrb = 0xf;
	t->s_axil_awvalid = 1;
	t->s_axil_wvalid = 1;
	t->s_axil_bready = 1;
	for (n = 0; n < CSR_TIMEOUT; n++) {
		t->clk = 0;
		t->eval();
		bool aw = t->s_axil_awvalid && t->s_axil_awready;
		bool b = t->s_axil_bvalid;
		tick(hp);
		if (aw) {
			t->s_axil_awvalid = 0;
			t->s_axil_wvalid = 0;
		}
		if (b)
			break;
	}
	t->s_axil_bready = 0;
	if (n == CSR_TIMEOUT)
		violation(hp, "AXI-Lite write timed out");
}

void mcnic_hdl_pipe_send(struct mcnic_hdl_pipe *hp, const u8 *frame, u32 len,
			 const struct mcnic_hw_rx_user *u)
{
	in_frame f;

	f.data.assign(frame, frame + len);
	f.u = *u;
	hp->in.push_back(std::move(f));
	hp->sent++;
}

s64 mcnic_hdl_pipe_run(struct mcnic_hdl_pipe *hp, u64 max_cycles)
{
	u64 start = hp->cycles;

	while (hp->results < hp->sent) {
		if (hp->cycles - start >= max_cycles)
			return -1;
		tick(hp);
	}
	return hp->cycles - start;
}

u64 mcnic_hdl_pipe_cycles(const struct mcnic_hdl_pipe *hp)
{
	return hp->cycles;
}

u64 mcnic_hdl_pipe_violations(const struct mcnic_hdl_pipe *hp,
			      const char **first)
{
	if (first)
		*first = hp->first_violation;
	return hp->violations;
}

} // extern "C"
