// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" shim around the mcnic_decap model: queues in, results and
// frames out, AXI-Stream checks on the outputs (decap_shim.h).
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>
#include "Vmcnic_decap.h"
#include "verilated.h"
#include "decap_shim.h"

namespace {

struct cmd {
	u8 meta[sizeof(struct mcnic_pkt_meta)];
	u64 dmac, smac;
	int zero_ok;
};

struct frame {
	std::vector<u8> b;
	u64 user, done;
};

struct res {
	u8 drop;
	u16 len;
};

struct beat {
	u32 data[16];
	u64 keep, user;
	int last;
};

VerilatedContext *ctx;
Vmcnic_decap *top;
u64 rng, cycles;
unsigned int gap_in, gap_cmd, stall_out, stall_res;
std::deque<cmd> cmds;
std::deque<frame> ins, outs;
std::deque<res> results;
size_t in_off;			// bytes of ins.front() already sent
frame cur;			// output frame being received
beat held;			// m_axis beat offered but not taken
int held_v, res_held_v;
res res_held;
std::string err;

unsigned int rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng >> 11);
}

int chance(unsigned int pct)
{
	return rnd() % 100 < pct;
}

void fail(const char *what)
{
	char b[160];

	if (!err.empty())
		return;
	std::snprintf(b, sizeof(b), "cycle %llu: %s",
		      (unsigned long long)cycles, what);
	err = b;
}

u64 mac(const u8 m[6])
{
	u64 v = 0;

	std::memcpy(&v, m, 6);
	return v;
}

void drive_cmd(void)
{
	if (top->s_cmd_valid || cmds.empty() || chance(gap_cmd))
		return;
	static_assert(sizeof(top->s_cmd_meta) == sizeof(cmds[0].meta), "meta");
	std::memcpy(top->s_cmd_meta.data(), cmds.front().meta,
		    sizeof(cmds[0].meta));
	top->s_cmd_l3_dmac = cmds.front().dmac;
	top->s_cmd_l3_smac = cmds.front().smac;
	top->s_cmd_udp6_zero_ok = cmds.front().zero_ok;
	top->s_cmd_valid = 1;
}

// Bytes after the frame's end in its last beat are noise, on purpose.
void drive_beat(void)
{
	u8 d[64];
	size_t n, i;
	const frame *f;

	if (top->s_axis_tvalid || ins.empty() || chance(gap_in))
		return;
	f = &ins.front();
	n = f->b.size() - in_off < 64 ? f->b.size() - in_off : 64;
	for (i = 0; i < 64; i++)
		d[i] = i < n ? f->b[in_off + i] : (u8)rnd();
	std::memcpy(top->s_axis_tdata.data(), d, 64);
	top->s_axis_tkeep = n == 64 ? ~0ull : (1ull << n) - 1;
	top->s_axis_tlast = in_off + n == f->b.size();
	top->s_axis_tuser = f->user;
	top->s_axis_tvalid = 1;
}

// After the clock edge that took them, the next command and beat.
void take_inputs(int cmd_fire, int beat_fire)
{
	if (cmd_fire) {
		cmds.pop_front();
		top->s_cmd_valid = 0;
	}
	if (beat_fire) {
		in_off += 64;
		if (top->s_axis_tlast) {
			ins.pop_front();
			in_off = 0;
		}
		top->s_axis_tvalid = 0;
	}
}

void check_beat(const beat &b)
{
	if (held_v && std::memcmp(&b, &held, sizeof(b)))
		fail("m_axis changed while valid and not ready");
	if (!b.keep || (b.keep & (b.keep + 1)))
		fail("m_axis_tkeep not contiguous from byte 0");
	if (!b.last && b.keep != ~0ull)
		fail("m_axis_tkeep not all ones before tlast");
	if (!cur.b.empty() && b.user != cur.user)
		fail("m_axis_tuser changed within a frame");
}

void take_beat(void)
{
	beat b;
	const u8 *d = (const u8 *)top->m_axis_tdata.data();

	if (!top->m_axis_tvalid) {
		if (held_v)
			fail("m_axis_tvalid dropped before the beat was taken");
		held_v = 0;
		return;
	}
	std::memset(&b, 0, sizeof(b));
	std::memcpy(b.data, d, 64);
	b.keep = top->m_axis_tkeep;
	b.user = top->m_axis_tuser;
	b.last = top->m_axis_tlast;
	check_beat(b);
	if (!top->m_axis_tready) {
		held = b;
		held_v = 1;
		return;
	}
	held_v = 0;
	cur.user = b.user;
	for (int i = 0; i < 64 && (b.keep >> i & 1); i++)
		cur.b.push_back(d[i]);
	if (cur.b.size() > 65535)
		fail("m_axis frame longer than 65535 bytes");
	if (b.last) {
		cur.done = cycles;
		outs.push_back(cur);
		cur.b.clear();
	}
}

void take_res(void)
{
	res r;

	if (!top->m_res_valid) {
		if (res_held_v)
			fail("m_res_valid dropped before the result was taken");
		res_held_v = 0;
		return;
	}
	r.drop = top->m_res_drop;
	r.len = top->m_res_len;
	if (res_held_v && (r.drop != res_held.drop || r.len != res_held.len))
		fail("m_res changed while valid and not ready");
	if (!top->m_res_ready) {
		res_held = r;
		res_held_v = 1;
		return;
	}
	res_held_v = 0;
	results.push_back(r);
}

}  // namespace

int mcnic_hdl_decap_open(u32 seed)
{
	ctx = new VerilatedContext;
	ctx->randSeed((int)seed);
	top = new Vmcnic_decap(ctx);
	rng = 0x9e3779b97f4a7c15ull ^ seed;
	top->s_cmd_valid = 0;
	top->s_axis_tvalid = 0;
	top->m_axis_tready = 0;
	top->m_res_ready = 0;
	top->clk = 0;
	top->rst = 1;
	for (int i = 0; i < 4; i++) {
		top->clk = 0;
		top->eval();
		top->clk = 1;
		top->eval();
	}
	top->rst = 0;
	return 0;
}

void mcnic_hdl_decap_close(void)
{
	top->final();
	delete top;
	delete ctx;
}

void mcnic_hdl_decap_knobs(unsigned int in_gap, unsigned int cmd_gap,
			   unsigned int out_stall, unsigned int res_stall)
{
	gap_in = in_gap;
	gap_cmd = cmd_gap;
	stall_out = out_stall;
	stall_res = res_stall;
}

void mcnic_hdl_decap_send(const u8 *f, u16 len, const struct mcnic_pkt_meta *m,
			  int udp6_zero_ok, const u8 dmac[6], const u8 smac[6],
			  u64 tuser)
{
	cmd c;
	frame fr;

	std::memcpy(c.meta, m, sizeof(c.meta));
	c.dmac = mac(dmac);
	c.smac = mac(smac);
	c.zero_ok = udp6_zero_ok;
	cmds.push_back(c);
	fr.b.assign(f, f + len);
	fr.user = tuser;
	fr.done = 0;
	ins.push_back(fr);
}

void mcnic_hdl_decap_step(void)
{
	int cmd_fire, beat_fire;

	top->clk = 0;
	drive_cmd();
	drive_beat();
	top->m_axis_tready = !chance(stall_out);
	top->m_res_ready = !chance(stall_res);
	top->eval();
	cmd_fire = top->s_cmd_valid && top->s_cmd_ready;
	beat_fire = top->s_axis_tvalid && top->s_axis_tready;
	take_beat();
	take_res();
	top->clk = 1;
	top->eval();
	take_inputs(cmd_fire, beat_fire);
	cycles++;
}

u64 mcnic_hdl_decap_cycles(void)
{
	return cycles;
}

int mcnic_hdl_decap_result(u8 *drop, u16 *len)
{
	if (results.empty())
		return 0;
	*drop = results.front().drop;
	*len = results.front().len;
	results.pop_front();
	return 1;
}

int mcnic_hdl_decap_frame(u8 *buf, u16 *len, u64 *tuser, u64 *done_cycle)
{
	if (outs.empty())
		return 0;
	*len = (u16)outs.front().b.size();
	std::memcpy(buf, outs.front().b.data(), outs.front().b.size());
	*tuser = outs.front().user;
	*done_cycle = outs.front().done;
	outs.pop_front();
	return 1;
}

const char *mcnic_hdl_decap_error(void)
{
	return err.empty() ? nullptr : err.c_str();
}
