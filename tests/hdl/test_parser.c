// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL parser (hdl/rtl/mcnic_parser.sv) against the firmware's
 * mcnic_parse(): every frame's drop reason and its whole 148-byte
 * struct mcnic_pkt_meta must be memcmp-equal, unless the HDL says the
 * headers reach beyond its window (deep), which only a frame longer than
 * the window may be.  Frames must come out unchanged, in order, with
 * their tuser.
 *
 * Directed frames (one per drop reason the parser returns, tunnels of
 * every kind, deep and not), then random frames (tests/hdl/pktgen.c) in
 * epochs, each with its own random configuration, input gaps and output
 * back-pressure; AXI-Stream rules checked on both outputs; a watchdog.
 * Last, throughput with no gaps and no back-pressure.
 *
 * Usage: test_parser [frames [seed]]   (default 100000 frames, seed 1)
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mcnic/hwpipe.h>
#include <mcnic/wire.h>
#include <mcnic/drop.h>
#include "dp/dp.h"
#include "parser_shim.h"
#include "pktgen.h"

#define HDR		MCNIC_HW_HDR_BYTES
#define RING		1024		/* frames in flight, at most */
#define WATCHDOG	100000		/* cycles without a handshake */
#define MAX_REPORT	8		/* mismatches printed */
#define EPOCH_FRAMES	2000

static unsigned int passed, failed;

static void result(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s\n", what);
	}
}

/* ---- field-level diff of struct mcnic_pkt_meta ------------------- */

struct field {
	const char *name;
	size_t off, size;
};

#define MF(n, f) { n, offsetof(struct mcnic_pkt_meta, f), \
		   sizeof(((struct mcnic_pkt_meta *)0)->f) }
#define LF(l) \
	MF(#l ".l2_off", l.l2_off), MF(#l ".l3_off", l.l3_off), \
	MF(#l ".l4_off", l.l4_off), MF(#l ".end", l.end), \
	MF(#l ".ethertype", l.ethertype), MF(#l ".vlan_tci", l.vlan_tci), \
	MF(#l ".flags", l.flags), MF(#l ".n_vlan", l.n_vlan), \
	MF(#l ".l3", l.l3), MF(#l ".proto", l.proto), MF(#l ".tos", l.tos), \
	MF(#l ".ttl", l.ttl), MF(#l ".tcp_flags", l.tcp_flags), \
	MF(#l ".sport", l.sport), MF(#l ".dport", l.dport), \
	MF(#l ".saddr", l.saddr), MF(#l ".daddr", l.daddr)

static const struct field fields[] = {
	LF(outer), LF(inner),
	MF("len", len), MF("tun_off", tun_off), MF("inner_off", inner_off),
	MF("tflags", tflags), MF("gnv_opt_off", gnv_opt_off),
	MF("gnv_opt_len", gnv_opt_len), MF("ident", ident),
	MF("tun_proto", tun_proto), MF("tun", tun), MF("err_inner", err_inner),
	MF("pad", pad), MF("vni", vni), MF("seq", seq), MF("spi", spi),
};

static void hex(const char *label, const u8 *p, size_t n)
{
	size_t i;

	printf("%s", label);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
}

static void diff_meta(const struct mcnic_pkt_meta *want,
		      const struct mcnic_pkt_meta *got)
{
	const u8 *a = (const u8 *)want, *b = (const u8 *)got;
	size_t i, covered = 0;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct field *f = &fields[i];

		covered += f->size;
		if (!memcmp(a + f->off, b + f->off, f->size))
			continue;
		printf("    %-18s", f->name);
		hex(" firmware ", a + f->off, f->size);
		hex("  hdl ", b + f->off, f->size);
		printf("\n");
	}
	if (covered != sizeof(*want))
		printf("    (field table covers %zu of %zu bytes)\n", covered,
		       sizeof(*want));
}

/* ---- expected frames ------------------------------------------------ */

struct expect {
	u8 b[PG_MAX];
	u16 len;
	u16 hdr_end;
	u64 user;
	u8 err;
	int tag;		/* directed case, or -1 */
	struct mcnic_pkt_meta m;
};

static struct expect ring[RING];

struct stats {
	u64 frames, cycles, deep, deep_shallow, shallow, long_frames;
	u64 long_ok;		/* longer than the window and not deep */
	u64 mismatch, proto, bad_deep;
	u64 by_err[MCNIC_DROP_COUNT];
	u64 err_inner;
	u64 tflag[16], oflag[16], iflag[16];	/* bits seen (not deep) */
	u64 gnv_long;		/* GENEVE option areas over 4 words */
};

static struct stats st;

/*
 * Byte 6 of the tuser is mcnic_hw_rx_user's plain: such a frame is parsed
 * with no tunnel ports (a vport's).
 */
#define USER_PLAIN_SHIFT	48
_Static_assert(offsetof(struct mcnic_hw_rx_user, plain) * 8 == USER_PLAIN_SHIFT,
	       "mcnic_hw_rx_user.plain is byte 6");

/* The oracle; and a check that it defines every byte of the record. */
static int oracle(struct expect *e, const struct mcnic_parse_cfg *cfg)
{
	static const struct mcnic_parse_cfg plain;
	struct mcnic_pkt_meta m2;
	u8 r2;

	if ((e->user >> USER_PLAIN_SHIFT) & 0xff)
		cfg = &plain;

	memset(&e->m, 0x00, sizeof(e->m));
	memset(&m2, 0xff, sizeof(m2));
	e->err = mcnic_parse(e->b, e->len, cfg, &e->m);
	r2 = mcnic_parse(e->b, e->len, cfg, &m2);
	return r2 == e->err && !memcmp(&e->m, &m2, sizeof(m2));
}

/* ---- one stream of frames through the model ------------------------ */

struct knobs {
	u8 gap_pct;		/* idle cycles on s_axis */
	u8 m_ready_pct;		/* m_axis_tready */
	u8 meta_ready_pct;	/* m_meta_ready */
};

/* Fills e->b, len, hdr_end, tag; returns 0 when there are no more. */
typedef int (*source_fn)(void *arg, struct expect *e);

struct run {
	const struct mcnic_parse_cfg *cfg;
	struct knobs k;
	source_fn src;
	void *arg;
	struct pg_rng rng;
	u64 head, od, md;	/* frames in, data out, records out */
	int tx_active, s_hold, src_done;
	u16 tx_pos, rx_pos;
	int m_stall, meta_stall;
	struct mcnic_hdl_parser_io last;
	u64 idle, cycles;
	u64 first_in, last_out;	/* cycles: first beat in, last handshake out */
	u64 last_in, first_meta;	/* last beat in, first record out */
	int fail;		/* protocol / deadlock: stop */
	u8 *case_ok;		/* per directed case */
	int plain;		/* parse an eighth of the frames plain */
	u8 *case_deep;
};


/* With plain, an eighth of the frames are parsed plain. */
static u64 user_of(u64 n, int plain)
{
	u64 u = n * 0x9e3779b97f4a7c15ull ^ 0x00ab0000cd000000ull;

	u &= ~(0xffull << USER_PLAIN_SHIFT);
	return u | (u64)(plain && n % 8 == 0) << USER_PLAIN_SHIFT;
}

static void report(struct run *r, const struct expect *e, u64 idx,
		   const char *what)
{
	if (st.mismatch + st.proto + st.bad_deep > MAX_REPORT)
		return;
	printf("  frame %llu (len %u, hdr_end %u, tag %d): %s\n",
	       (unsigned long long)idx, e->len, e->hdr_end, e->tag, what);
	hex("    bytes ", e->b, e->len < 96 ? e->len : 96);
	printf("\n");
	hex("    cfg ", (const u8 *)r->cfg, sizeof(*r->cfg));
	printf("\n");
}

static void proto_err(struct run *r, const char *what)
{
	st.proto++;
	if (st.proto <= MAX_REPORT)
		printf("  cycle %llu: AXI-S: %s\n", (unsigned long long)r->cycles,
		       what);
	r->fail = 1;
}

static int keep_ok(u64 k, int last)
{
	if (!last)
		return k == ~0ull;
	return k && !(k & (k + 1));
}

static void rx_data(struct run *r, const struct mcnic_hdl_parser_io *io)
{
	struct expect *e = &ring[r->od % RING];
	unsigned int n = __builtin_popcountll(io->m_keep);

	if (r->od >= r->head) {
		proto_err(r, "m_axis frame that was not sent");
		return;
	}
	/* A frame's record comes before or with its first beat. */
	if (!r->rx_pos && !(r->md > r->od || (r->md == r->od && io->meta_valid)))
		proto_err(r, "a frame's first beat before its record");
	if (r->rx_pos + n > e->len || memcmp(io->m_data, e->b + r->rx_pos, n) ||
	    io->m_user != e->user) {
		st.mismatch++;
		report(r, e, r->od, "m_axis data/tuser differ from the frame sent");
		r->fail = 1;
		return;
	}
	r->rx_pos += n;
	if (io->m_last) {
		if (r->rx_pos != e->len) {
			st.mismatch++;
			report(r, e, r->od, "m_axis frame shorter than sent");
		}
		r->od++;
		r->rx_pos = 0;
	}
}

static void count_bits(u64 *c, u16 v)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		c[i] += v >> i & 1;
}

static void rx_meta(struct run *r, const struct mcnic_hdl_parser_io *io)
{
	struct expect *e = &ring[r->md % RING];
	char what[96];
	int bad = 0;

	if (r->md >= r->head) {
		proto_err(r, "m_meta record for a frame not sent");
		return;
	}
	r->md++;
	st.frames++;
	if (e->hdr_end < HDR - 64)
		st.shallow++;
	if (e->len > HDR)
		st.long_frames++;
	if (io->meta_user != e->user) {
		st.mismatch++;
		report(r, e, r->md - 1, "m_meta_tuser differs");
		bad = 1;
	} else if (io->meta_deep) {
		st.deep++;
		if (e->hdr_end < HDR - 64)
			st.deep_shallow++;
		if (e->len <= HDR) {
			st.bad_deep++;
			report(r, e, r->md - 1, "deep, but the frame fits the window");
			bad = 1;
		}
	} else {
		if (e->len > HDR)
			st.long_ok++;
		st.by_err[e->err < MCNIC_DROP_COUNT ? e->err : 0]++;
		st.err_inner += e->m.err_inner;
		count_bits(st.tflag, e->m.tflags);
		count_bits(st.oflag, e->m.outer.flags);
		count_bits(st.iflag, e->m.inner.flags);
		st.gnv_long += e->m.gnv_opt_len > 16;
		if (io->meta_err != e->err ||
		    memcmp(&io->meta, &e->m, sizeof(e->m))) {
			st.mismatch++;
			snprintf(what, sizeof(what), "err firmware %u, hdl %u%s",
				 e->err, io->meta_err,
				 memcmp(&io->meta, &e->m, sizeof(e->m)) ?
				 "; metadata differs:" : "");
			report(r, e, r->md - 1, what);
			if (st.mismatch + st.proto + st.bad_deep <= MAX_REPORT)
				diff_meta(&e->m, &io->meta);
			bad = 1;
		}
	}
	if (e->tag >= 0 && r->case_ok) {
		r->case_ok[e->tag] = !bad;
		r->case_deep[e->tag] = io->meta_deep;
	}
}

/* AXI-S: what was offered and not taken is offered again, unchanged. */
static void check_stable(struct run *r, const struct mcnic_hdl_parser_io *io)
{
	const struct mcnic_hdl_parser_io *p = &r->last;

	if (r->m_stall && (!io->m_valid || io->m_last != p->m_last ||
			   io->m_keep != p->m_keep || io->m_user != p->m_user ||
			   memcmp(io->m_data, p->m_data, 64)))
		proto_err(r, "m_axis changed while valid and not ready");
	if (r->meta_stall && (!io->meta_valid || io->meta_err != p->meta_err ||
			      io->meta_deep != p->meta_deep ||
			      io->meta_user != p->meta_user ||
			      memcmp(&io->meta, &p->meta, sizeof(io->meta))))
		proto_err(r, "m_meta changed while valid and not ready");
	if (io->m_valid && !keep_ok(io->m_keep, io->m_last))
		proto_err(r, "m_axis_tkeep not contiguous (or not full before tlast)");
}

static void tx_beat(struct run *r, struct mcnic_hdl_parser_io *io)
{
	struct expect *e;
	unsigned int n;

	io->s_valid = 0;
	if (!r->tx_active && !r->src_done && r->head - (r->od < r->md ? r->od : r->md) <
	    RING) {
		e = &ring[r->head % RING];
		if (r->src(r->arg, e)) {
			e->user = user_of(r->head, r->plain);
			if (!oracle(e, r->cfg)) {
				report(r, e, r->head, "mcnic_parse leaves bytes undefined");
				st.mismatch++;
			}
			r->head++;
			r->tx_active = 1;
			r->tx_pos = 0;
		} else {
			r->src_done = 1;
		}
	}
	if (!r->tx_active)
		return;
	if (!r->s_hold)
		r->s_hold = !pg_pct(&r->rng, r->k.gap_pct);
	if (!r->s_hold)
		return;
	e = &ring[(r->head - 1) % RING];
	n = e->len - r->tx_pos < 64 ? e->len - r->tx_pos : 64;
	memcpy(io->s_data, e->b + r->tx_pos, n);
	memset(io->s_data + n, 0xee, 64 - n);	/* not the frame's: masked */
	io->s_keep = n == 64 ? ~0ull : (1ull << n) - 1;
	io->s_last = r->tx_pos + n >= e->len;
	io->s_user = e->user;
	io->s_valid = 1;
}

static int run_cycle(struct run *r)
{
	struct mcnic_hdl_parser_io io;
	int progress = 0;

	tx_beat(r, &io);
	io.m_ready = pg_pct(&r->rng, r->k.m_ready_pct);
	io.meta_ready = pg_pct(&r->rng, r->k.meta_ready_pct);
	mcnic_hdl_parser_cycle(&io);
	r->cycles++;
	if (io.s_valid && io.s_ready) {
		if (!r->first_in)
			r->first_in = r->cycles;
		r->tx_pos += 64;
		if (io.s_last) {
			r->tx_active = 0;
			r->last_in = r->cycles;
		}
		r->s_hold = 0;
		progress = 1;
	}
	check_stable(r, &io);
	if (io.m_valid && io.m_ready) {
		rx_data(r, &io);
		progress = 1;
	}
	if (io.meta_valid && !r->first_meta)
		r->first_meta = r->cycles;
	if (io.meta_valid && io.meta_ready) {
		rx_meta(r, &io);
		progress = 1;
	}
	if (progress && (io.m_valid || io.meta_valid))
		r->last_out = r->cycles;
	r->m_stall = io.m_valid && !io.m_ready;
	r->meta_stall = io.meta_valid && !io.meta_ready;
	if (io.m_valid)
		memcpy(r->last.m_data, io.m_data, 64);
	r->last.m_last = io.m_last;
	r->last.m_keep = io.m_keep;
	r->last.m_user = io.m_user;
	r->last.meta_err = io.meta_err;
	r->last.meta_deep = io.meta_deep;
	r->last.meta_user = io.meta_user;
	if (io.meta_valid)
		r->last.meta = io.meta;
	r->idle = progress ? 0 : r->idle + 1;
	if (r->idle > WATCHDOG) {
		printf("  watchdog: no handshake for %d cycles (in %llu, data out %llu, records out %llu)\n",
		       WATCHDOG, (unsigned long long)r->head,
		       (unsigned long long)r->od, (unsigned long long)r->md);
		r->fail = 1;
	}
	return !r->fail && !(r->src_done && !r->tx_active && r->od == r->head &&
			     r->md == r->head);
}

static int run_stream(struct run *r)
{
	u64 bad = st.mismatch + st.proto + st.bad_deep;

	mcnic_hdl_parser_cfg(r->cfg);
	while (run_cycle(r))
		;
	st.cycles += r->cycles;
	return !r->fail && st.mismatch + st.proto + st.bad_deep == bad;
}

/* ---- directed frames ------------------------------------------------ */

struct dcase {
	const char *name;
	int want;		/* drop reason, or -1: don't care */
	int want_deep;		/* 1: must be deep (and long) */
	void (*build)(struct pg_frame *f);
};

static void outer4(struct pg_frame *f, u8 proto)
{
	pg_eth(f, MCNIC_ETH_P_IPV4);
	pg_ipv4(f, proto, 5, 0);
}

static void outer6(struct pg_frame *f, u8 nh)
{
	pg_eth(f, MCNIC_ETH_P_IPV6);
	pg_ipv6(f, nh);
}

static void inner_tcp4(struct pg_frame *f)
{
	pg_eth(f, MCNIC_ETH_P_IPV4);
	pg_ipv4(f, MCNIC_IPPROTO_TCP, 5, 0);
	pg_tcp(f, 1000, 80, 5, 0x12);
	pg_payload(f, 20);
}

static void fin(struct pg_frame *f)
{
	pg_finish(f);
}

static void d_eth_trunc(struct pg_frame *f)
{
	pg_eth(f, MCNIC_ETH_P_ARP);
	f->len = 13;
}

static void d_vlan_trunc(struct pg_frame *f)
{
	pg_eth(f, MCNIC_ETH_P_8021Q);
	pg_vlan(f, 7, MCNIC_ETH_P_IPV4);
	f->len -= 2;
}

static void d_vlan_depth(struct pg_frame *f)
{
	pg_eth(f, MCNIC_ETH_P_8021AD);
	pg_vlan(f, 1, MCNIC_ETH_P_8021Q);
	pg_vlan(f, 2, MCNIC_ETH_P_8021Q);
	pg_vlan(f, 3, MCNIC_ETH_P_IPV4);
	pg_payload(f, 40);
}

static void d_ipv4_trunc(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	f->len = 14 + 19;
}

static void d_ipv4_version(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	fin(f);
	f->b[14] = 0x65;
}

static void d_ipv4_ihl(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	fin(f);
	f->b[14] = 0x44;
}

static void d_ipv4_len(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	fin(f);
	f->b[17] += 1;
}

static void d_ipv6_trunc(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_UDP);
	f->len = 14 + 39;
}

static void d_ipv6_version(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	fin(f);
	f->b[14] = 0x40;
}

static void d_ipv6_len(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	fin(f);
	f->b[19] += 1;
}

static void d_ipv6_ext_trunc(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_DSTOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 3, 0);
	fin(f);
	f->b[14 + 40 + 1] = 4;		/* hdrlen beyond the datagram */
}

static void d_ipv6_ext_depth(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_HOPOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_DSTOPTS, 0, 0);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_ROUTING, 0, 0);
	pg_ipv6_opt(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_FRAGMENT, 1, 3);
	pg_ipv6_frag(f, MCNIC_IPPROTO_DSTOPTS, 0);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 0, 0);
	pg_udp(f, 1, 2);
	fin(f);
}

static void d_ipv6_hbh_pos(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_DSTOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_HOPOPTS, 0, 0);
	pg_ipv6_opt(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_UDP, 0, 0);
	pg_udp(f, 1, 2);
	fin(f);
}

static void d_udp_trunc(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_payload(f, 7);
	fin(f);
}

static void d_udp_len(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	pg_payload(f, 10);
	fin(f);
	f->b[14 + 20 + 5] += 1;
}

static void d_tcp_trunc(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_TCP);
	pg_payload(f, 19);
	fin(f);
}

static void d_tcp_doff(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_TCP);
	pg_tcp(f, 1, 2, 4, 0);
	fin(f);
}

static void d_icmp_trunc(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_ICMPV6);
	pg_payload(f, 7);
	fin(f);
}

static void d_vxlan_trunc(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_payload(f, 7);
	fin(f);
}

static void d_vxlan_flags(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_vxlan(f, MCNIC_VXLAN_F_G, 0, 5, 42);
	inner_tcp4(f);
	fin(f);
}

static void d_geneve_trunc(struct pg_frame *f)
{
	u8 opts[8];

	outer6(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	pg_geneve_opt(NULL, opts, 0x0101, 1, 1);
	pg_geneve(f, 3, 0, MCNIC_ETH_P_TEB, 7, opts, 8);	/* says 12 */
	fin(f);
}

static void d_geneve_version(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	pg_geneve(f, 1 << 6, 0, MCNIC_ETH_P_TEB, 7, NULL, 0);
	inner_tcp4(f);
	fin(f);
}

static void d_geneve_opt(struct pg_frame *f)
{
	u8 opts[16];
	u16 n;

	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	n = pg_geneve_opt(NULL, opts, MCNIC_GENEVE_CLASS_MCNIC,
			  MCNIC_GENEVE_TYPE_IDENT, 1);
	n += pg_geneve_opt(NULL, opts + n, 0x0102, 0x85, 1);
	opts[n - 5] = 2;		/* the second overruns */
	pg_geneve(f, n / 4, 0, MCNIC_ETH_P_TEB, 7, opts, n);
	inner_tcp4(f);
	fin(f);
}

static void d_gre_trunc(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_GRE);
	pg_gre(f, MCNIC_GRE_F_K | MCNIC_GRE_F_S, MCNIC_ETH_P_IPV4, 1, 2);
	f->len -= 2;
	fin(f);
}

static void d_gre_version(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_GRE);
	pg_gre(f, 1, MCNIC_ETH_P_TEB, 0, 0);
	inner_tcp4(f);
	fin(f);
}

static void d_gre_routing(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_GRE);
	pg_gre(f, MCNIC_GRE_F_R, MCNIC_ETH_P_TEB, 0, 0);
	inner_tcp4(f);
	fin(f);
}

static void d_esp_trunc(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 4500, MCNIC_PORT_ESPINUDP);
	pg_payload(f, 6);
	fin(f);
	f->b[14 + 20 + 8] = 1;		/* not the IKE marker */
}

/* Well-formed frames of every tunnel type, and the inner frame's errors. */
static void d_vxlan_gbp(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_vxlan(f, MCNIC_VXLAN_F_I | MCNIC_VXLAN_F_G,
		 MCNIC_VXLAN_GBP_D | MCNIC_VXLAN_GBP_A, 0x1234, 0xabcdef);
	inner_tcp4(f);
	fin(f);
}

static void d_geneve_ident(struct pg_frame *f)
{
	u8 opts[32];
	u16 n;

	pg_eth(f, MCNIC_ETH_P_8021Q);
	pg_vlan(f, 9, MCNIC_ETH_P_IPV4);
	pg_ipv4(f, MCNIC_IPPROTO_UDP, 6, MCNIC_IPV4_DF);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	n = pg_geneve_opt(NULL, opts, 0x0101, 0x81, 0);
	n += pg_geneve_opt(NULL, opts + n, MCNIC_GENEVE_CLASS_MCNIC,
			   MCNIC_GENEVE_TYPE_IDENT, 1);
	opts[n - 4] = 0x55;
	opts[n - 3] = 0xaa;
	pg_geneve(f, n / 4, MCNIC_GENEVE_F_O | MCNIC_GENEVE_F_C,
		  MCNIC_ETH_P_IPV6, 99, opts, n);
	pg_ipv6(f, MCNIC_IPPROTO_ICMPV6);
	pg_icmp(f, 128, 0, 0x4242);
	fin(f);
}

static void d_gre_key(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_GRE);
	pg_gre(f, MCNIC_GRE_F_C | MCNIC_GRE_F_K | MCNIC_GRE_F_S,
	       MCNIC_ETH_P_IPV4, 0xdeadbeef, 77);
	pg_ipv4(f, MCNIC_IPPROTO_ICMP, 5, 0);
	pg_icmp(f, 8, 0, 0x77);
	fin(f);
}

static void d_esp(struct pg_frame *f)
{
	outer6(f, MCNIC_IPPROTO_ESP);
	pg_esp(f, 0x100, 5);
	pg_payload(f, 40);
	fin(f);
}

static void d_ike(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 500, MCNIC_PORT_ESPINUDP);
	pg_esp(f, 0, 5);
	pg_payload(f, 40);
	fin(f);
}

static void d_inner_err(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 5);
	pg_eth(f, MCNIC_ETH_P_IPV6);
	pg_ipv6(f, MCNIC_IPPROTO_FRAGMENT);
	pg_ipv6_frag(f, MCNIC_IPPROTO_UDP, 0);		/* atomic */
	pg_udp(f, 3, 4);
	fin(f);
	f->b[f->len - 3] += 3;				/* inner UDP length */
}

/* A long frame whose headers are in the window: must not be deep. */
static void d_long_inside(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 5);
	inner_tcp4(f);
	pg_payload(f, 1400);
	fin(f);
}

/* Options to the end of the window, inner frame beyond: deep. */
static void d_deep_geneve(struct pg_frame *f)
{
	u8 opts[252];
	u16 n = 0;

	outer6(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	while (n < 252)
		n += pg_geneve_opt(NULL, opts + n, 0x0102, 0x01, 0);
	pg_geneve(f, 63, 0, MCNIC_ETH_P_TEB, 9, opts, n);
	inner_tcp4(f);
	pg_payload(f, 600);
	fin(f);
}

/*
 * 51 one-word options, as many as fit the window after the outer headers
 * (IPv4, 50 bytes), then a carried protocol: not deep.
 */
static void d_geneve_51(struct pg_frame *f)
{
	u8 opts[204];
	u16 n = 0;

	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	while (n < 204)
		n += pg_geneve_opt(NULL, opts + n, 0x0102, 0x01, 0);
	pg_geneve(f, n / 4, 0, 0x0806, 9, opts, n);
	pg_payload(f, 100);
	fin(f);
}

/*
 * The last GENEVE option's header across the window's end (bytes 254..257)
 * and nothing parsed after it: the firmware reads beyond the window.
 */
static void d_deep_last_opt(struct pg_frame *f)
{
	u8 opts[12];
	u16 n;

	outer6(f, MCNIC_IPPROTO_DSTOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 21, 0);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);		/* at 230 */
	n = pg_geneve_opt(NULL, opts, 0x0105, 0x01, 1);	/* at 246 */
	n += pg_geneve_opt(NULL, opts + n, 0x0105, 0x80, 0);	/* at 254 */
	pg_geneve(f, n / 4, 0, MCNIC_ETH_P_ARP, 9, opts, n);
	pg_payload(f, 100);
	fin(f);
}

/* The same, four bytes earlier: inside the window, not deep. */
static void d_last_opt_inside(struct pg_frame *f)
{
	u8 opts[12];
	u16 n;

	pg_eth(f, MCNIC_ETH_P_8021Q);
	pg_vlan(f, 1, MCNIC_ETH_P_IPV6);
	pg_ipv6(f, MCNIC_IPPROTO_DSTOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_UDP, 20, 0);
	pg_udp(f, 1, MCNIC_PORT_GENEVE);		/* at 226 */
	n = pg_geneve_opt(NULL, opts, 0x0105, 0x01, 1);	/* at 242 */
	n += pg_geneve_opt(NULL, opts + n, 0x0105, 0x80, 0);	/* at 250 */
	pg_geneve(f, n / 4, 0, MCNIC_ETH_P_ARP, 9, opts, n);
	pg_payload(f, 100);
	fin(f);
}

static const struct dcase dcases[] = {
	{ "ETH_TRUNC", MCNIC_DROP_ETH_TRUNC, 0, d_eth_trunc },
	{ "VLAN_TRUNC", MCNIC_DROP_VLAN_TRUNC, 0, d_vlan_trunc },
	{ "VLAN_DEPTH", MCNIC_DROP_VLAN_DEPTH, 0, d_vlan_depth },
	{ "IPV4_TRUNC", MCNIC_DROP_IPV4_TRUNC, 0, d_ipv4_trunc },
	{ "IPV4_VERSION", MCNIC_DROP_IPV4_VERSION, 0, d_ipv4_version },
	{ "IPV4_IHL", MCNIC_DROP_IPV4_IHL, 0, d_ipv4_ihl },
	{ "IPV4_LEN", MCNIC_DROP_IPV4_LEN, 0, d_ipv4_len },
	{ "IPV6_TRUNC", MCNIC_DROP_IPV6_TRUNC, 0, d_ipv6_trunc },
	{ "IPV6_VERSION", MCNIC_DROP_IPV6_VERSION, 0, d_ipv6_version },
	{ "IPV6_LEN", MCNIC_DROP_IPV6_LEN, 0, d_ipv6_len },
	{ "IPV6_EXT_TRUNC", MCNIC_DROP_IPV6_EXT_TRUNC, 0, d_ipv6_ext_trunc },
	{ "IPV6_EXT_DEPTH", MCNIC_DROP_IPV6_EXT_DEPTH, 0, d_ipv6_ext_depth },
	{ "IPV6_HBH_POS", MCNIC_DROP_IPV6_HBH_POS, 0, d_ipv6_hbh_pos },
	{ "UDP_TRUNC", MCNIC_DROP_UDP_TRUNC, 0, d_udp_trunc },
	{ "UDP_LEN", MCNIC_DROP_UDP_LEN, 0, d_udp_len },
	{ "TCP_TRUNC", MCNIC_DROP_TCP_TRUNC, 0, d_tcp_trunc },
	{ "TCP_DOFF", MCNIC_DROP_TCP_DOFF, 0, d_tcp_doff },
	{ "ICMP_TRUNC", MCNIC_DROP_ICMP_TRUNC, 0, d_icmp_trunc },
	{ "VXLAN_TRUNC", MCNIC_DROP_VXLAN_TRUNC, 0, d_vxlan_trunc },
	{ "VXLAN_FLAGS", MCNIC_DROP_VXLAN_FLAGS, 0, d_vxlan_flags },
	{ "GENEVE_TRUNC", MCNIC_DROP_GENEVE_TRUNC, 0, d_geneve_trunc },
	{ "GENEVE_VERSION", MCNIC_DROP_GENEVE_VERSION, 0, d_geneve_version },
	{ "GENEVE_OPT", MCNIC_DROP_GENEVE_OPT, 0, d_geneve_opt },
	{ "GRE_TRUNC", MCNIC_DROP_GRE_TRUNC, 0, d_gre_trunc },
	{ "GRE_VERSION", MCNIC_DROP_GRE_VERSION, 0, d_gre_version },
	{ "GRE_ROUTING", MCNIC_DROP_GRE_ROUTING, 0, d_gre_routing },
	{ "ESP_TRUNC", MCNIC_DROP_ESP_TRUNC, 0, d_esp_trunc },
	{ "vxlan gbp", MCNIC_DROP_NONE, 0, d_vxlan_gbp },
	{ "geneve ident option", MCNIC_DROP_NONE, 0, d_geneve_ident },
	{ "gre csum key seq", MCNIC_DROP_NONE, 0, d_gre_key },
	{ "esp", MCNIC_DROP_NONE, 0, d_esp },
	{ "esp-in-udp ike marker", MCNIC_DROP_NONE, 0, d_ike },
	{ "inner udp length", MCNIC_DROP_UDP_LEN, 0, d_inner_err },
	{ "long frame, headers inside", MCNIC_DROP_NONE, 0, d_long_inside },
	{ "geneve 51 options", MCNIC_DROP_NONE, 0, d_geneve_51 },
	{ "deep geneve", -1, 1, d_deep_geneve },
	{ "deep: last geneve option across the edge", -1, 1, d_deep_last_opt },
	{ "last geneve option at the edge", MCNIC_DROP_NONE, 0, d_last_opt_inside },
};

#define NCASES (sizeof(dcases) / sizeof(dcases[0]))

struct dsrc {
	unsigned int next;
};

static int dsource(void *arg, struct expect *e)
{
	struct dsrc *d = arg;
	static struct pg_frame f;

	if (d->next == NCASES)
		return 0;
	pg_init(&f, NULL);
	dcases[d->next].build(&f);
	memcpy(e->b, f.b, f.len);
	e->len = f.len;
	e->hdr_end = f.hdr_end;
	e->tag = d->next++;
	return 1;
}

static void test_directed(void)
{
	struct mcnic_parse_cfg cfg;
	static u8 ok[NCASES], deep[NCASES];
	struct dsrc d = { 0 };
	struct run r;
	unsigned int i;
	char what[128];

	mcnic_parse_cfg_init(&cfg);
	memset(&r, 0, sizeof(r));
	r.cfg = &cfg;
	r.k = (struct knobs){ 20, 70, 70 };
	r.src = dsource;
	r.arg = &d;
	r.case_ok = ok;
	r.case_deep = deep;
	pg_seed(&r.rng, 7);
	result(run_stream(&r), "directed frames: stream");
	for (i = 0; i < NCASES; i++) {
		struct expect *e = &ring[i];
		int good = ok[i];

		/* The case must say what it meant to (the firmware agrees). */
		if (dcases[i].want >= 0 && e->err != dcases[i].want)
			good = 0;
		if (deep[i] != dcases[i].want_deep)
			good = 0;
		snprintf(what, sizeof(what), "directed %s (firmware %u%s)",
			 dcases[i].name, e->err, deep[i] ? ", deep" : "");
		result(good, what);
	}
}

/* ---- the window's edge ---------------------------------------------- */

/*
 * Header stacks pushed across byte HDR_BYTES: an outer IPv6 destination
 * options header of 8..256 bytes and 0..2 VLAN tags move whatever follows
 * in 4-byte steps (every offset a header can start at), frames whole,
 * cut inside their last header, and cut around the window's end.
 */
struct edge_tmpl {
	u8 proto;		/* after the options header */
	void (*build)(struct pg_frame *f, struct pg_rng *r);
};

static void e_udp(struct pg_frame *f, struct pg_rng *r)
{
	pg_udp(f, pg_rand(r), 53);
}

static void e_tcp(struct pg_frame *f, struct pg_rng *r)
{
	pg_tcp(f, 1, 2, 5 + pg_below(r, 3), pg_rand(r));
}

static void e_icmp(struct pg_frame *f, struct pg_rng *r)
{
	pg_icmp(f, 128 + pg_below(r, 2), 0, pg_rand(r));
}

static void e_vxlan(struct pg_frame *f, struct pg_rng *r)
{
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_vxlan(f, MCNIC_VXLAN_F_I | MCNIC_VXLAN_F_G, pg_rand(r), pg_rand(r), 3);
	pg_eth(f, MCNIC_ETH_P_IPV4);
	pg_ipv4(f, MCNIC_IPPROTO_UDP, 5 + pg_below(r, 2), 0);
	pg_udp(f, 7, 8);
}

static void e_vxlan6(struct pg_frame *f, struct pg_rng *r)
{
	pg_udp(f, 1, MCNIC_PORT_VXLAN);
	pg_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, 3);
	pg_eth(f, MCNIC_ETH_P_8021Q);
	pg_vlan(f, 5, MCNIC_ETH_P_IPV6);
	pg_ipv6(f, MCNIC_IPPROTO_FRAGMENT);
	pg_ipv6_frag(f, MCNIC_IPPROTO_TCP, pg_below(r, 2));
	pg_tcp(f, 1, 2, 5, 0x10);
}

static void e_gnv_opts(struct pg_frame *f, struct pg_rng *r, u16 proto)
{
	u8 opts[128];
	u16 n = 0;
	unsigned int i, k = 4 + pg_below(r, 8);

	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	for (i = 0; i < k; i++)
		n += pg_geneve_opt(r, opts + n, pg_pct(r, 50) ?
				   MCNIC_GENEVE_CLASS_MCNIC : 0x0103,
				   pg_pct(r, 60) ? MCNIC_GENEVE_TYPE_IDENT : 0x82,
				   pg_below(r, 2));
	pg_geneve(f, n / 4, 0, proto, 4, opts, n);
}

static void e_gnv1(struct pg_frame *f, struct pg_rng *r)
{
	e_gnv_opts(f, r, MCNIC_ETH_P_TEB);
	pg_eth(f, MCNIC_ETH_P_IPV4);
	pg_ipv4(f, MCNIC_IPPROTO_TCP, 5, 0);
	pg_tcp(f, 1, 2, 5, 0x02);
}

static void e_gnv2(struct pg_frame *f, struct pg_rng *r)
{
	e_gnv_opts(f, r, MCNIC_ETH_P_IPV6);
	pg_ipv6(f, MCNIC_IPPROTO_ICMPV6);
	pg_icmp(f, 129, 0, 0x99);
}

static void e_gre1(struct pg_frame *f, struct pg_rng *r)
{
	pg_gre(f, MCNIC_GRE_F_K | MCNIC_GRE_F_S, MCNIC_ETH_P_IPV4, pg_rand(r),
	       pg_rand(r));
	pg_ipv4(f, MCNIC_IPPROTO_ICMP, 5, 0);
	pg_icmp(f, 0, 0, 5);
}

static void e_gre2(struct pg_frame *f, struct pg_rng *r)
{
	pg_gre(f, MCNIC_GRE_F_C, MCNIC_ETH_P_TEB, 0, 0);
	pg_eth(f, MCNIC_ETH_P_IPV6);
	pg_ipv6(f, MCNIC_IPPROTO_HOPOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_HOPOPTS, MCNIC_IPPROTO_UDP, pg_below(r, 2), 0);
	pg_udp(f, 9, 10);
}

static void e_gre6(struct pg_frame *f, struct pg_rng *r)
{
	pg_gre(f, MCNIC_GRE_F_K, MCNIC_ETH_P_IPV6, 1, 0);
	pg_ipv6(f, MCNIC_IPPROTO_DSTOPTS);
	pg_ipv6_opt(f, MCNIC_IPPROTO_DSTOPTS, MCNIC_IPPROTO_ROUTING, 0, 0);
	pg_ipv6_opt(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_UDP, pg_below(r, 2), 1);
	pg_udp(f, 9, 10);
}

static void e_esp(struct pg_frame *f, struct pg_rng *r)
{
	pg_esp(f, pg_rand(r), pg_rand(r));
}

static void e_espudp(struct pg_frame *f, struct pg_rng *r)
{
	pg_udp(f, 4500, MCNIC_PORT_ESPINUDP);
	pg_esp(f, pg_pct(r, 90) ? pg_rand(r) : 0, pg_rand(r));
}

static void e_ext(struct pg_frame *f, struct pg_rng *r)
{
	pg_ipv6_opt(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_FRAGMENT,
		    pg_below(r, 2), pg_below(r, 2));
	pg_ipv6_frag(f, MCNIC_IPPROTO_UDP, pg_below(r, 2));
	pg_udp(f, 1, 2);
}

/*
 * Where a header across the edge is the last one read (nothing parsed
 * after it goes deep on its own), getting its edge wrong shows.
 */
static void e_rt_last(struct pg_frame *f, struct pg_rng *r)
{
	pg_ipv6_opt(f, MCNIC_IPPROTO_ROUTING, MCNIC_IPPROTO_NONE,
		    pg_below(r, 2), 1 + pg_below(r, 255));
}

static void e_frag_last(struct pg_frame *f, struct pg_rng *r)
{
	pg_ipv6_frag(f, MCNIC_IPPROTO_UDP, (1 + pg_below(r, 8191)) << 3 |
		     pg_below(r, 2));
}

static void e_gnv3(struct pg_frame *f, struct pg_rng *r)
{
	u8 opts[256];
	u16 n = 0;
	unsigned int i, k = 1 + pg_below(r, 12);

	pg_udp(f, 1, MCNIC_PORT_GENEVE);
	for (i = 0; i < k; i++)
		n += pg_geneve_opt(r, opts + n, pg_pct(r, 50) ?
				   MCNIC_GENEVE_CLASS_MCNIC : 0x0104,
				   pg_pct(r, 50) ? MCNIC_GENEVE_TYPE_IDENT :
				   (u8)pg_rand(r), pg_below(r, 4));
	pg_geneve(f, n / 4, pg_rand(r) & 0xc0, MCNIC_ETH_P_ARP, 4, opts, n);
}

static void e_gre3(struct pg_frame *f, struct pg_rng *r)
{
	static const u16 fl[] = {
		MCNIC_GRE_F_S, MCNIC_GRE_F_K, MCNIC_GRE_F_C | MCNIC_GRE_F_S,
		MCNIC_GRE_F_C | MCNIC_GRE_F_K | MCNIC_GRE_F_S, MCNIC_GRE_F_C,
	};

	pg_gre(f, fl[pg_below(r, 5)], MCNIC_ETH_P_ARP, pg_rand(r), pg_rand(r));
}

static const struct edge_tmpl edge_tmpls[] = {
	{ MCNIC_IPPROTO_ROUTING, e_rt_last }, { MCNIC_IPPROTO_FRAGMENT, e_frag_last },
	{ MCNIC_IPPROTO_UDP, e_gnv3 }, { MCNIC_IPPROTO_GRE, e_gre3 },
	{ MCNIC_IPPROTO_UDP, e_udp }, { MCNIC_IPPROTO_TCP, e_tcp },
	{ MCNIC_IPPROTO_ICMPV6, e_icmp }, { MCNIC_IPPROTO_UDP, e_vxlan },
	{ MCNIC_IPPROTO_UDP, e_vxlan6 }, { MCNIC_IPPROTO_UDP, e_gnv1 },
	{ MCNIC_IPPROTO_UDP, e_gnv2 }, { MCNIC_IPPROTO_GRE, e_gre1 },
	{ MCNIC_IPPROTO_GRE, e_gre2 }, { MCNIC_IPPROTO_GRE, e_gre6 },
	{ MCNIC_IPPROTO_ESP, e_esp }, { MCNIC_IPPROTO_UDP, e_espudp },
	{ MCNIC_IPPROTO_ROUTING, e_ext },
};

#define EDGE_TMPLS	(sizeof(edge_tmpls) / sizeof(edge_tmpls[0]))
#define EDGE_SHIFTS	(3 * 32)	/* VLAN tags x options sizes */
#define EDGE_CUTS	3

struct esrc {
	struct pg_rng rng;
	unsigned int i;
};

static int esource(void *arg, struct expect *e)
{
	struct esrc *s = arg;
	static struct pg_frame f;
	unsigned int t = s->i / (EDGE_SHIFTS * EDGE_CUTS);
	unsigned int sh = s->i / EDGE_CUTS % EDGE_SHIFTS, cut = s->i % EDGE_CUTS;
	unsigned int v, i;
	u16 end;

	if (t == EDGE_TMPLS)
		return 0;
	s->i++;
	v = sh / 32;
	pg_init(&f, &s->rng);
	pg_eth(&f, v ? MCNIC_ETH_P_8021Q : MCNIC_ETH_P_IPV6);
	for (i = 0; i < v; i++)
		pg_vlan(&f, i, i + 1 < v ? MCNIC_ETH_P_8021Q : MCNIC_ETH_P_IPV6);
	pg_ipv6(&f, MCNIC_IPPROTO_DSTOPTS);
	pg_ipv6_opt(&f, MCNIC_IPPROTO_DSTOPTS, edge_tmpls[t].proto, sh % 32, 0);
	edge_tmpls[t].build(&f, &s->rng);
	end = f.hdr_end;
	pg_payload(&f, 64 + pg_below(&s->rng, 300));
	/* Cut, then lengths to fit: the walk goes on to the cut. */
	if (cut == 1)
		f.len = end - 1 - pg_below(&s->rng, end < 21 ? end - 1 : 20);
	else if (cut == 2 && HDR + 6 < f.len)
		f.len = HDR - 6 + pg_below(&s->rng, 12);
	fin(&f);
	memcpy(e->b, f.b, f.len);
	e->len = f.len;
	e->hdr_end = end < f.len ? end : f.len;
	e->tag = -1;
	return 1;
}

static void test_edge(void)
{
	struct mcnic_parse_cfg cfg;
	struct esrc s;
	struct run r;
	u64 deep0 = st.deep, frames0 = st.frames;
	char what[96];

	mcnic_parse_cfg_init(&cfg);
	memset(&s, 0, sizeof(s));
	pg_seed(&s.rng, 11);
	memset(&r, 0, sizeof(r));
	r.cfg = &cfg;
	r.k = (struct knobs){ 5, 90, 90 };
	r.src = esource;
	r.arg = &s;
	pg_seed(&r.rng, 13);
	snprintf(what, sizeof(what), "window edge sweep: %u frames",
		 (unsigned int)(EDGE_TMPLS * EDGE_SHIFTS * EDGE_CUTS));
	result(run_stream(&r), what);
	printf("window edge: %llu frames, %llu deep\n",
	       (unsigned long long)(st.frames - frames0),
	       (unsigned long long)(st.deep - deep0));
}

/* ---- random frames -------------------------------------------------- */

struct rsrc {
	struct pg_rng rng;
	struct pg_knobs k;
	const struct mcnic_parse_cfg *cfg;
	u64 left;
	u64 kinds[PG_K_COUNT];
};

static int rsource(void *arg, struct expect *e)
{
	struct rsrc *s = arg;
	static struct pg_frame f;

	if (!s->left)
		return 0;
	s->left--;
	s->kinds[pg_random(&s->rng, &s->k, s->cfg, &f)]++;
	memcpy(e->b, f.b, f.len);
	e->len = f.len;
	e->hdr_end = f.hdr_end;
	e->tag = -1;
	return 1;
}

static void test_random(u64 nframes, u64 seed)
{
	static const u8 gaps[] = { 0, 0, 10, 50, 80 };
	static const u8 readies[] = { 100, 100, 90, 50, 25 };
	struct mcnic_parse_cfg cfg;
	struct rsrc s;
	struct run r;
	u64 epoch = 0, deep_shallow0 = st.deep_shallow, shallow0 = st.shallow;
	u64 done = 0;
	char what[96];
	unsigned int i;
	static const char *const kname[PG_K_COUNT] = {
		"non-ip", "ipv4", "ipv6", "vxlan", "geneve", "gre", "esp", "esp-in-udp",
	};

	memset(&s, 0, sizeof(s));
	pg_seed(&s.rng, seed);
	pg_knobs_default(&s.k);
	s.cfg = &cfg;
	while (done < nframes) {
		pg_random_cfg(&s.rng, &cfg);
		s.left = nframes - done < EPOCH_FRAMES ? nframes - done : EPOCH_FRAMES;
		done += s.left;
		memset(&r, 0, sizeof(r));
		r.cfg = &cfg;
		r.k.gap_pct = gaps[pg_below(&s.rng, sizeof(gaps))];
		r.k.m_ready_pct = readies[pg_below(&s.rng, sizeof(readies))];
		r.k.meta_ready_pct = readies[pg_below(&s.rng, sizeof(readies))];
		r.src = rsource;
		r.plain = 1;
		r.arg = &s;
		pg_seed(&r.rng, seed ^ (epoch + 1) * 0x51ed27);
		snprintf(what, sizeof(what),
			 "random epoch %llu (gaps %u%%, ready %u%%/%u%%)",
			 (unsigned long long)epoch, r.k.gap_pct, r.k.m_ready_pct,
			 r.k.meta_ready_pct);
		result(run_stream(&r), what);
		epoch++;
		if (r.fail)
			break;
	}
	printf("random: %llu frames in %llu epochs:", (unsigned long long)done,
	       (unsigned long long)epoch);
	for (i = 0; i < PG_K_COUNT; i++)
		printf(" %s %llu", kname[i], (unsigned long long)s.kinds[i]);
	printf("\n");
	snprintf(what, sizeof(what),
		 "deep frames with headers ending before %u: %llu of %llu",
		 HDR - 64, (unsigned long long)(st.deep_shallow - deep_shallow0),
		 (unsigned long long)(st.shallow - shallow0));
	printf("%s\n", what);
	/* Corruption can send a walk far; but not often. */
	result((st.deep_shallow - deep_shallow0) * 200 <= st.shallow - shallow0, what);
}

/* Every tunnel flag and layer flag was met (in frames the HDL parsed). */
static void test_coverage(void)
{
	unsigned int i, miss = 0;

	printf("tflags seen:");
	for (i = 0; i < 12; i++) {
		printf(" %llu", (unsigned long long)st.tflag[i]);
		miss += !st.tflag[i];
	}
	printf("\nouter/inner flags seen:");
	for (i = 0; i < 7; i++) {
		printf(" %llu/%llu", (unsigned long long)st.oflag[i],
		       (unsigned long long)st.iflag[i]);
		miss += !st.oflag[i] + !st.iflag[i];
	}
	printf("; geneve option areas over 4 words: %llu\n",
	       (unsigned long long)st.gnv_long);
	result(!miss && st.gnv_long, "coverage: every tflag and layer flag met");
}

/* ---- throughput ----------------------------------------------------- */

struct tsrc {
	u64 left;
	void (*build)(struct pg_frame *f);
};

static void t_udp64(struct pg_frame *f)
{
	outer4(f, MCNIC_IPPROTO_UDP);
	pg_udp(f, 1, 2);
	pg_payload(f, 64 - 42);
	fin(f);
}

static int tsource(void *arg, struct expect *e)
{
	struct tsrc *t = arg;
	static struct pg_frame f;

	if (!t->left)
		return 0;
	t->left--;
	pg_init(&f, NULL);
	t->build(&f);
	memcpy(e->b, f.b, f.len);
	e->len = f.len;
	e->hdr_end = f.hdr_end;
	e->tag = -1;
	return 1;
}

static void throughput(const char *name, void (*build)(struct pg_frame *f),
		       u64 n)
{
	struct mcnic_parse_cfg cfg;
	struct tsrc t = { n, build };
	struct run r;
	char what[96];

	mcnic_parse_cfg_init(&cfg);
	memset(&r, 0, sizeof(r));
	r.cfg = &cfg;
	r.k = (struct knobs){ 0, 100, 100 };
	r.src = tsource;
	r.arg = &t;
	snprintf(what, sizeof(what), "throughput run: %s", name);
	result(run_stream(&r), what);
	if (n == 1) {
		printf("latency: %s: last beat in to its record out: %llu cycles\n",
		       name, (unsigned long long)(r.first_meta - r.last_in));
		return;
	}
	printf("throughput: %s: %llu frames in %llu cycles: %.3f cycles/frame\n",
	       name, (unsigned long long)n,
	       (unsigned long long)(r.last_out - r.first_in + 1),
	       (double)(r.last_out - r.first_in + 1) / n);
}

int main(int argc, char **argv)
{
	u64 nframes = argc > 1 ? strtoull(argv[1], NULL, 0) : 100000;
	u64 seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
	struct mcnic_parse_cfg cfg;
	struct timespec t0, t1;
	double secs;
	unsigned int i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	mcnic_hdl_parser_open();
	mcnic_parse_cfg_init(&cfg);
	mcnic_hdl_parser_reset(&cfg);

	test_directed();
	test_edge();
	test_random(nframes, seed);
	test_coverage();
	throughput("64-byte ipv4/udp", t_udp64, 1);
	throughput("64-byte ipv4/udp", t_udp64, 20000);
	throughput("geneve, 51 options", d_geneve_51, 2000);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("frames %llu, cycles %llu, %.1f s (%.0f cycles/s)\n",
	       (unsigned long long)st.frames, (unsigned long long)st.cycles,
	       secs, st.cycles / secs);
	printf("deep: %llu (all longer than %u bytes); longer than %u and parsed: %llu of %llu\n",
	       (unsigned long long)st.deep, HDR, HDR,
	       (unsigned long long)st.long_ok,
	       (unsigned long long)st.long_frames);
	printf("mismatches %llu, protocol errors %llu, short deep frames %llu, inner errors %llu\n",
	       (unsigned long long)st.mismatch, (unsigned long long)st.proto,
	       (unsigned long long)st.bad_deep, (unsigned long long)st.err_inner);
	printf("drop reasons seen:");
	for (i = 0; i < MCNIC_DROP_COUNT; i++)
		if (st.by_err[i])
			printf(" %u:%llu", i, (unsigned long long)st.by_err[i]);
	printf("\n");
	result(!st.mismatch && !st.proto && !st.bad_deep, "no mismatches");
	mcnic_hdl_parser_close();
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
