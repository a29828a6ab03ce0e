// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" harness around the mcnic_encap model: queues of commands and
// beats in, results and frames out, random idle cycles and back-pressure,
// AXI-Stream checks on m_axis and m_res, and a watchdog.
#include <cstdio>
#include <cstring>
#include <deque>
#include <vector>
#include "Vmcnic_encap.h"
#include "verilated.h"
#include "encap_shim.h"

namespace {

struct Cmd {
	u8 tmpl[MCNIC_HDL_ENCAP_TMPL_BYTES];
	u8 in[MCNIC_HDL_ENCAP_LAYER_BYTES];
	u32 hash;
	u16 ip_id, len;
};

struct Beat {
	u8 data[64];
	u64 keep, user;
	bool last;
};

struct Res {
	u8 drop;
	u16 len, inner_mtu;
	u64 cycle;
};

struct Frame {
	std::vector<u8> data;
	u64 user, cycle;
};

// What m_axis or m_res showed last cycle: it must hold while not taken.
struct Seen {
	bool valid, ready;
	u8 data[64];
	u64 keep, user, res;
	bool last;
};

VerilatedContext *ctx;
Vmcnic_encap *top;
std::deque<Cmd> cmdq;
std::deque<Beat> inq;
std::deque<Res> resq;
std::deque<Frame> outq;
Frame cur;
bool cmd_on, beat_on;
unsigned int pct_cmd = 100, pct_in = 100, pct_out = 100, pct_res = 100;
u64 rng, cycles, progress;
Seen seen_out, seen_res;
char err[256];

unsigned int rnd100()
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng % 100);
}

void fail(const char *what)
{
	if (!err[0])
		snprintf(err, sizeof(err), "cycle %llu: %s",
			 (unsigned long long)cycles, what);
}

static_assert(sizeof(top->s_cmd_tmpl) == MCNIC_HDL_ENCAP_TMPL_BYTES, "tmpl");
static_assert(sizeof(top->s_cmd_in) >= MCNIC_HDL_ENCAP_LAYER_BYTES, "layer");

void drive()
{
	if (!cmd_on && !cmdq.empty() && rnd100() < pct_cmd) {
		const Cmd &c = cmdq.front();

		cmd_on = true;
		std::memcpy(top->s_cmd_tmpl.data(), c.tmpl, sizeof(c.tmpl));
		std::memcpy(top->s_cmd_in.data(), c.in, sizeof(c.in));
		top->s_cmd_hash = c.hash;
		top->s_cmd_ip_id = c.ip_id;
		top->s_cmd_len = c.len;
	}
	top->s_cmd_valid = cmd_on;
	if (!beat_on && !inq.empty() && rnd100() < pct_in) {
		const Beat &b = inq.front();

		beat_on = true;
		std::memcpy(top->s_axis_tdata.data(), b.data, 64);
		top->s_axis_tkeep = b.keep;
		top->s_axis_tlast = b.last;
		top->s_axis_tuser = b.user;
	}
	top->s_axis_tvalid = beat_on;
	top->m_axis_tready = rnd100() < pct_out;
	top->m_res_ready = rnd100() < pct_res;
}

void check_out()
{
	u64 k = top->m_axis_tkeep;

	if (seen_out.valid && !seen_out.ready &&
	    (!top->m_axis_tvalid ||
	     std::memcmp(seen_out.data, top->m_axis_tdata.data(), 64) ||
	     seen_out.keep != k || seen_out.last != !!top->m_axis_tlast ||
	     seen_out.user != top->m_axis_tuser))
		fail("m_axis changed while valid and not ready");
	if (top->m_axis_tvalid && (!k || (k & (k + 1)) ||
				   (!top->m_axis_tlast && ~k)))
		fail("m_axis_tkeep not contiguous, or short before tlast");
	seen_out.valid = top->m_axis_tvalid;
	seen_out.ready = top->m_axis_tready;
	std::memcpy(seen_out.data, top->m_axis_tdata.data(), 64);
	seen_out.keep = k;
	seen_out.last = top->m_axis_tlast;
	seen_out.user = top->m_axis_tuser;
}

void check_res()
{
	u64 r = (u64)top->m_res_drop | (u64)top->m_res_len << 8 |
		(u64)top->m_res_inner_mtu << 24;

	if (seen_res.valid && !seen_res.ready &&
	    (!top->m_res_valid || seen_res.res != r))
		fail("m_res changed while valid and not ready");
	seen_res.valid = top->m_res_valid;
	seen_res.ready = top->m_res_ready;
	seen_res.res = r;
}

// Valid must come from registers: flipping ready may not change it.
void check_valid_comb()
{
	u8 v = top->m_axis_tvalid, rv = top->m_res_valid;

	top->m_axis_tready = !top->m_axis_tready;
	top->m_res_ready = !top->m_res_ready;
	top->eval();
	if (v != top->m_axis_tvalid || rv != top->m_res_valid)
		fail("a valid depends on its ready");
	top->m_axis_tready = !top->m_axis_tready;
	top->m_res_ready = !top->m_res_ready;
	top->eval();
}

void take_out()
{
	unsigned int n = __builtin_popcountll(top->m_axis_tkeep);
	const u8 *d = (const u8 *)top->m_axis_tdata.data();

	if (cur.data.empty())
		cur.user = top->m_axis_tuser;
	else if (cur.user != top->m_axis_tuser)
		fail("m_axis_tuser changed within a frame");
	if (cur.data.size() + n > MCNIC_HDL_ENCAP_OUT_MAX)
		fail("output frame too long");
	else
		cur.data.insert(cur.data.end(), d, d + n);
	if (top->m_axis_tlast) {
		cur.cycle = cycles;
		outq.push_back(cur);
		cur.data.clear();
	}
}

void step()
{
	drive();
	top->clk = 0;
	top->eval();
	if (top->rst) {
		// Before the first edge the state is random: nothing counts.
		top->clk = 1;
		top->eval();
		cycles++;
		return;
	}
	if (!(cycles & 63))
		check_valid_comb();
	check_out();
	check_res();
	if (top->s_cmd_valid && top->s_cmd_ready) {
		cmdq.pop_front();
		cmd_on = false;
		progress = cycles;
	}
	if (top->s_axis_tvalid && top->s_axis_tready) {
		inq.pop_front();
		beat_on = false;
		progress = cycles;
	}
	if (top->m_axis_tvalid && top->m_axis_tready) {
		take_out();
		progress = cycles;
	}
	if (top->m_res_valid && top->m_res_ready) {
		resq.push_back({top->m_res_drop, top->m_res_len,
				top->m_res_inner_mtu, cycles});
		progress = cycles;
	}
	top->clk = 1;
	top->eval();
	cycles++;
}

bool ready_to_pop()
{
	return !resq.empty() && (resq.front().drop || !outq.empty());
}

} // namespace

int mcnic_hdl_encap_open(u32 seed)
{
	ctx = new VerilatedContext;
	ctx->randReset(2);
	ctx->randSeed(seed);
	top = new Vmcnic_encap(ctx);
	rng = 0x9e3779b97f4a7c15ull ^ seed;
	cycles = progress = 0;
	err[0] = 0;
	top->rst = 1;
	top->s_cmd_valid = 0;
	top->s_axis_tvalid = 0;
	for (int i = 0; i < 4; i++)
		step();
	top->rst = 0;
	return 0;
}

void mcnic_hdl_encap_close(void)
{
	top->final();
	delete top;
	delete ctx;
	cmdq.clear();
	inq.clear();
	resq.clear();
	outq.clear();
	cur.data.clear();
	cmd_on = beat_on = false;
}

void mcnic_hdl_encap_rates(unsigned int cmd_valid, unsigned int in_valid,
			   unsigned int out_ready, unsigned int res_ready)
{
	pct_cmd = cmd_valid;
	pct_in = in_valid;
	pct_out = out_ready;
	pct_res = res_ready;
}

void mcnic_hdl_encap_push(const struct mcnic_hdl_encap_in *f)
{
	Cmd c;
	Beat b;
	unsigned int off, n;

	std::memcpy(c.tmpl, f->tmpl, sizeof(c.tmpl));
	std::memcpy(c.in, f->in, sizeof(c.in));
	c.hash = f->hash;
	c.ip_id = f->ip_id;
	c.len = f->len;
	cmdq.push_back(c);
	for (off = 0; off < f->len; off += 64) {
		n = f->len - off < 64 ? f->len - off : 64;
		// Bytes beyond tkeep are junk: the engine must not use them.
		std::memset(b.data, 0xa5, sizeof(b.data));
		std::memcpy(b.data, f->frame + off, n);
		b.keep = n == 64 ? ~0ull : (1ull << n) - 1;
		b.user = f->tuser;
		b.last = off + n == f->len;
		inq.push_back(b);
	}
}

int mcnic_hdl_encap_pop(struct mcnic_hdl_encap_out *o)
{
	while (!ready_to_pop() && !err[0]) {
		step();
		if (cycles - progress > 100000)
			fail("watchdog: no progress for 100000 cycles");
	}
	if (err[0])
		return -1;
	const Res &r = resq.front();

	o->drop = r.drop;
	o->len = r.len;
	o->inner_mtu = r.inner_mtu;
	o->frame_len = 0;
	o->tuser = 0;
	o->cycle = r.cycle;
	if (!r.drop) {
		const Frame &f = outq.front();

		o->frame_len = f.data.size();
		std::memcpy(o->frame, f.data.data(), f.data.size());
		o->tuser = f.user;
		o->cycle = f.cycle;
		outq.pop_front();
	}
	resq.pop_front();
	return 0;
}

unsigned int mcnic_hdl_encap_idle(unsigned int n)
{
	unsigned int got = 0;

	while (n--) {
		step();
		got += top->m_axis_tvalid + top->m_res_valid;
	}
	got += resq.size() + outq.size() + !cur.data.empty();
	return got;
}

u64 mcnic_hdl_encap_cycles(void)
{
	return cycles;
}

const char *mcnic_hdl_encap_error(void)
{
	return err;
}
