// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * pktbench: the firmware data plane's packet path against a DPDK baseline
 * in the same process, on the same frames.
 *
 * For VXLAN, GENEVE and GRE, at 64, 512 and 1500-byte inner frames:
 *   encap  mcnic_parse (inner) + mcnic_flow_hash + mcnic_encap from one
 *          shared template;
 *   decap  mcnic_parse (outer and inner) + mcnic_decap;
 * and parse alone (mcnic_parse) on the inner frames.  The baseline is in
 * pktbench-dpdk.c.
 *
 * Each side has a ring of pre-built frames with varied flows; a packet is
 * its slot reset to the loaded frame (head and length, no copy) and then
 * the operation.  Every result is checked (drop reason and the length it
 * must leave), so a failing path cannot be measured as a fast one.
 *
 * Modes:
 *   (default)    time every operation on one pinned core and print a table;
 *                the runs go round all operations in turn (each run of a
 *                row is timed on both sides, alternating which goes first),
 *                so a burst of noise on this shared machine lands in one run
 *                of many rows rather than in every run of one; the median
 *                is printed.  --ir FILE adds instructions per packet from
 *                callgrind.
 *   --callgrind  run under valgrind --tool=callgrind: per operation, zero
 *                the counters, run a fixed number of packets after a warm-up
 *                pass and dump with the operation's name (bench.sh reads
 *                the dumps).
 *   --smoke      a quick pass over every operation that checks results,
 *                output bytes (mcnic's encap output equals the baseline's,
 *                decap restores the inner frame), no timing; ends with
 *                "N passed, N failed".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include <mcnic/byteorder.h>
#include <mcnic/wire.h>
#include "dp/dp.h"
#include "benchlib.h"
#include "pktbench.h"

#define PB_NSIZES	3
/*
 * Buffer per slot: headroom + frame.  Not a power of two (37 cache lines,
 * the stride of a default rte_mbuf in its pool), so the slots' headers do
 * not all fall into the same cache sets.
 */
#define PB_STRIDE	2368
#define PB_RING		4096
#define PB_RING_SMOKE	2048
#define PB_PKTS		(1u << 19)
#define PB_RUNS		11
#define PB_RUNS_MAX	31
#define PB_CG_PKTS	8192u
#define PB_ROWS		(PB_TUN_COUNT * 2 * PB_NSIZES + PB_NSIZES)
#define PB_GOAL_MPPS	30.0

static const u16 pb_sizes[PB_NSIZES] = { 64, 512, 1500 };
static const char *const pb_tun_names[PB_TUN_COUNT] = { "vxlan", "geneve", "gre" };

typedef u64 (*pb_run_fn)(u64 n, u64 *bad);

struct pb_ring {
	unsigned int n;
	unsigned int mask;
	u8 *arena;
	struct mcnic_pkt *pkt;
	u16 *len;
	u16 *want;
};

/* Frames of one size: each slot's bytes and what follows from them. */
struct pb_frames {
	u8 *data;		/* slot k at k * PB_STRIDE */
	u16 *len;
	u16 *l4_off;		/* parse: where L4 starts */
	const u8 **ptr;
};

enum pb_side { PB_MCNIC, PB_DPDK };
enum pb_op { PB_OP_ENCAP, PB_OP_DECAP, PB_OP_PARSE };

static const char *const pb_op_names[] = { "encap", "decap", "parse" };

struct pb_row {
	unsigned int tun;	/* enum pb_tun; PB_TUN_COUNT: none (parse) */
	enum pb_op op;
	unsigned int si;	/* index into pb_sizes */
	double t[2][PB_RUNS_MAX];
	double ns[2];
	double ir[2];
	u64 bad[2];
};

struct pb_opts {
	int smoke;
	int callgrind;
	const char *ir_file;
	unsigned int runs;
	u64 pkts;
	unsigned int ring;
	int core;
	int verbose;
};

static struct {
	struct pb_opts o;
	struct pb_ring ring;
	struct pb_frames inner[PB_NSIZES];
	struct pb_frames outer;		/* current tunnel and size */
	u16 *want;
	struct mcnic_parse_cfg pc;
	struct mcnic_decap_cfg dc;
	struct mcnic_encap_tmpl tmpl;
	unsigned int tun;		/* the one tmpl is for */
	struct pb_row rows[PB_ROWS];
	unsigned int nrows;
	struct bench_tally tally;
} pb;

static volatile u64 pb_sink;

/* ---- frames ----------------------------------------------------------- */

static u64 pb_rng_state = 0x9e3779b97f4a7c15ull;

static u32 pb_rand(void)
{
	u64 x = pb_rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	pb_rng_state = x;
	return (u32)(x >> 16);
}

static void pb_rand_bytes(u8 *p, unsigned int n)
{
	while (n--)
		*p++ = pb_rand();
}

static void pb_put_l4(u8 *p, u8 proto, u16 l4len)
{
	struct mcnic_tcp_hdr *tcp = (struct mcnic_tcp_hdr *)p;
	struct mcnic_udp_hdr *udp = (struct mcnic_udp_hdr *)p;
	static const u16 svc[] = { 443, 80, 53, 5432, 6379, 8080, 22, 9092 };

	if (proto == MCNIC_IPPROTO_TCP) {
		memset(tcp, 0, sizeof(*tcp));
		tcp->source = mcnic_htons(1024 + pb_rand() % 64512);
		tcp->dest = mcnic_htons(svc[pb_rand() % 8]);
		tcp->seq = mcnic_htonl(pb_rand());
		tcp->ack_seq = mcnic_htonl(pb_rand());
		tcp->doff_res = 5 << 4;
		tcp->flags = 0x18;	/* PSH ACK */
		tcp->window = mcnic_htons(65535);
		return;
	}
	udp->source = mcnic_htons(1024 + pb_rand() % 64512);
	udp->dest = mcnic_htons(svc[pb_rand() % 8]);
	udp->len = mcnic_htons(l4len);
	udp->check = 0;
}

/*
 * One inner Ethernet frame of exactly size bytes, a flow of its own:
 * 45% IPv4/TCP, 30% IPv4/UDP, 25% IPv6/UDP, random addresses, ports, DSCP
 * and ECN.  Returns the L4 offset.
 */
static u16 pb_frame_build(u8 *f, u16 size)
{
	struct mcnic_eth_hdr *eth = (struct mcnic_eth_hdr *)f;
	struct mcnic_ipv4_hdr *ip4;
	struct mcnic_ipv6_hdr *ip6;
	u32 kind = pb_rand() % 20;
	u16 l4;
	u8 proto = kind < 9 ? MCNIC_IPPROTO_TCP : MCNIC_IPPROTO_UDP;

	pb_rand_bytes(f, size);
	eth->dst[0] = 0x02;
	eth->src[0] = 0x02;
	if (kind < 15) {
		eth->type = mcnic_htons(MCNIC_ETH_P_IPV4);
		ip4 = (struct mcnic_ipv4_hdr *)(eth + 1);
		ip4->ver_ihl = 0x45;
		ip4->tos = pb_rand() & 0xff;
		ip4->tot_len = mcnic_htons(size - sizeof(*eth));
		ip4->frag_off = mcnic_htons(pb_rand() & 1 ? MCNIC_IPV4_DF : 0);
		ip4->ttl = 64;
		ip4->proto = proto;
		ip4->check = 0;
		ip4->saddr = mcnic_htonl(0x0a000000 | (pb_rand() & 0xffffff));
		ip4->daddr = mcnic_htonl(0x0a000000 | (pb_rand() & 0xffffff));
		ip4->check = mcnic_htoncsum((u16)~mcnic_csum_fold(
				mcnic_csum_add(0, ip4, sizeof(*ip4))));
		l4 = sizeof(*eth) + sizeof(*ip4);
	} else {
		proto = MCNIC_IPPROTO_UDP;
		eth->type = mcnic_htons(MCNIC_ETH_P_IPV6);
		ip6 = (struct mcnic_ipv6_hdr *)(eth + 1);
		ip6->ver_tc_flow = mcnic_htonl(6u << 28 |
					       (pb_rand() & 0xff) << 20 |
					       (pb_rand() & 0xfffff));
		ip6->payload_len = mcnic_htons(size - sizeof(*eth) -
					       sizeof(*ip6));
		ip6->nexthdr = proto;
		ip6->hop_limit = 64;
		ip6->saddr[0] = 0xfd;
		ip6->daddr[0] = 0xfd;
		l4 = sizeof(*eth) + sizeof(*ip6);
	}
	pb_put_l4(f + l4, proto, size - l4);
	return l4;
}

static void pb_frames_alloc(struct pb_frames *fr, unsigned int n)
{
	fr->data = bench_alloc((size_t)n * PB_STRIDE);
	fr->len = bench_alloc(n * sizeof(*fr->len));
	fr->l4_off = bench_alloc(n * sizeof(*fr->l4_off));
	fr->ptr = bench_alloc(n * sizeof(*fr->ptr));
}

static void pb_frames_init(void)
{
	unsigned int i, k, n = pb.o.ring;
	struct pb_frames *fr;

	for (i = 0; i < PB_NSIZES; i++) {
		fr = &pb.inner[i];
		pb_frames_alloc(fr, n);
		for (k = 0; k < n; k++) {
			fr->ptr[k] = fr->data + (size_t)k * PB_STRIDE;
			fr->len[k] = pb_sizes[i];
			fr->l4_off[k] = pb_frame_build((u8 *)fr->ptr[k],
						       pb_sizes[i]);
		}
	}
	pb_frames_alloc(&pb.outer, n);
	pb.want = bench_alloc(n * sizeof(*pb.want));
}

/* ---- tunnels ---------------------------------------------------------- */

static void pb_tunnel_params(enum pb_tun type, struct pb_tunnel *tp)
{
	static const u8 smac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
	static const u8 dmac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0xfe };
	static const u8 saddr[4] = { 192, 0, 2, 1 };
	static const u8 daddr[4] = { 198, 51, 100, 7 };

	memset(tp, 0, sizeof(*tp));
	tp->type = type;
	memcpy(tp->smac, smac, 6);
	memcpy(tp->dmac, dmac, 6);
	memcpy(tp->saddr, saddr, 4);
	memcpy(tp->daddr, daddr, 4);
	tp->vni = 0x4242 + type;
	tp->dport = type == PB_GENEVE ? MCNIC_PORT_GENEVE : MCNIC_PORT_VXLAN;
	tp->sport_min = 49152;
	tp->sport_max = 65535;
	tp->mtu = 9000;		/* cloud underlays carry jumbo frames */
	tp->ident = 0x1234;
	tp->ttl = 64;
}

static int pb_tmpl(const struct pb_tunnel *tp, const char **why)
{
	static const u8 types[PB_TUN_COUNT] = { MCNIC_TUN_VXLAN,
						MCNIC_TUN_GENEVE, MCNIC_TUN_GRE };
	struct mcnic_tunnel_cfg c;

	memset(&c, 0, sizeof(c));
	c.type = types[tp->type];
	c.ttl = tp->ttl;
	c.flags = MCNIC_TUNF_DF_SET;
	if (tp->type == PB_GENEVE)
		c.flags |= MCNIC_TUNF_IDENT_OPT;
	if (tp->type == PB_GRE)
		c.flags |= MCNIC_TUNF_GRE_KEY;
	memcpy(c.smac, tp->smac, 6);
	memcpy(c.dmac, tp->dmac, 6);
	memcpy(c.saddr, tp->saddr, 4);
	memcpy(c.daddr, tp->daddr, 4);
	c.vni = tp->vni;
	c.dport = tp->dport;
	c.sport_min = tp->sport_min;
	c.sport_max = tp->sport_max;
	c.mtu = tp->mtu;
	c.ident = tp->ident;
	return mcnic_tmpl_build(&c, &pb.tmpl, why);
}

/* ---- rings and the operations on them --------------------------------- */

static void pb_ring_init(void)
{
	struct pb_ring *r = &pb.ring;
	unsigned int k;

	r->n = pb.o.ring;
	r->mask = r->n - 1;
	r->arena = bench_alloc((size_t)r->n * PB_STRIDE);
	r->pkt = bench_alloc(r->n * sizeof(*r->pkt));
	r->len = bench_alloc(r->n * sizeof(*r->len));
	r->want = bench_alloc(r->n * sizeof(*r->want));
	for (k = 0; k < r->n; k++) {
		r->pkt[k].buf = r->arena + (size_t)k * PB_STRIDE;
		r->pkt[k].size = PB_STRIDE;
	}
}

/* Both sides' rings start from the same frames, with the same targets. */
static int pb_load(const struct pb_frames *fr, const u16 *want)
{
	struct pb_ring *r = &pb.ring;
	struct pb_load l = { .n = r->n, .frame = fr->ptr, .len = fr->len,
			     .want = want };
	unsigned int k;

	for (k = 0; k < r->n; k++) {
		r->pkt[k].head = MCNIC_HEADROOM;
		r->pkt[k].len = fr->len[k];
		memcpy(r->pkt[k].buf + MCNIC_HEADROOM, fr->ptr[k], fr->len[k]);
		r->len[k] = fr->len[k];
		r->want[k] = want[k];
	}
	return pb_dpdk_load(&l);
}

static inline struct mcnic_pkt *pb_slot(unsigned int k)
{
	struct mcnic_pkt *p = &pb.ring.pkt[k];

	p->head = MCNIC_HEADROOM;
	p->len = pb.ring.len[k];
	return p;
}

static u64 pb_mcnic_parse(u64 n, u64 *bad)
{
	const struct mcnic_parse_cfg *pc = &pb.pc;
	struct mcnic_pkt_meta m;
	u64 i, sink = 0, nbad = 0;
	unsigned int k = 0;
	struct mcnic_pkt *p;

	for (i = 0; i < n; i++) {
		p = pb_slot(k);
		if (mcnic_parse(mcnic_pkt_data(p), p->len, pc, &m) ||
		    m.outer.l4_off != pb.ring.want[k])
			nbad++;
		sink += m.outer.sport;
		k = (k + 1) & pb.ring.mask;
	}
	*bad += nbad;
	return sink;
}

static u64 pb_mcnic_encap(u64 n, u64 *bad)
{
	const struct mcnic_encap_tmpl *t = &pb.tmpl;
	const struct mcnic_parse_cfg *pc = &pb.pc;
	struct mcnic_pkt_meta m;
	u64 i, sink = 0, nbad = 0;
	unsigned int k = 0;
	struct mcnic_pkt *p;
	u32 h;

	for (i = 0; i < n; i++) {
		p = pb_slot(k);
		if (mcnic_parse(mcnic_pkt_data(p), p->len, pc, &m)) {
			nbad++;
		} else {
			h = mcnic_flow_hash(mcnic_pkt_data(p), &m.outer);
			if (mcnic_encap(t, p, &m.outer, h, (u16)i, NULL) ||
			    p->len != pb.ring.want[k])
				nbad++;
			sink += h;
		}
		k = (k + 1) & pb.ring.mask;
	}
	*bad += nbad;
	return sink;
}

static u64 pb_mcnic_decap(u64 n, u64 *bad)
{
	const struct mcnic_parse_cfg *pc = &pb.pc;
	const struct mcnic_decap_cfg *dc = &pb.dc;
	struct mcnic_pkt_meta m;
	u64 i, sink = 0, nbad = 0;
	unsigned int k = 0;
	struct mcnic_pkt *p;

	for (i = 0; i < n; i++) {
		p = pb_slot(k);
		if (mcnic_parse(mcnic_pkt_data(p), p->len, pc, &m) ||
		    mcnic_decap(p, &m, dc) || p->len != pb.ring.want[k])
			nbad++;
		sink += m.vni;
		k = (k + 1) & pb.ring.mask;
	}
	*bad += nbad;
	return sink;
}

/* Encapsulated frames for the decap rows: mcnic's encap output. */
static int pb_make_outer(unsigned int si)
{
	const struct pb_frames *in = &pb.inner[si];
	struct pb_frames *out = &pb.outer;
	struct pb_ring *r = &pb.ring;
	unsigned int k;
	u64 bad = 0;

	for (k = 0; k < r->n; k++)
		pb.want[k] = in->len[k] + pb.tmpl.hdr_len;
	if (pb_load(in, pb.want))
		return -1;
	pb_sink += pb_mcnic_encap(r->n, &bad);
	if (bad)
		return -1;
	for (k = 0; k < r->n; k++) {
		out->ptr[k] = out->data + (size_t)k * PB_STRIDE;
		out->len[k] = r->pkt[k].len;
		memcpy((u8 *)out->ptr[k], mcnic_pkt_data(&r->pkt[k]),
		       out->len[k]);
	}
	return 0;
}

/* ---- measuring -------------------------------------------------------- */

/* One timed pass of n packets: ns per packet. */
static double pb_time(pb_run_fn fn, u64 n, u64 *bad)
{
	double t0 = bench_mono_s();

	pb_sink += fn(n, bad);
	return (bench_mono_s() - t0) * 1e9 / n;
}

static const char *pb_row_tun(const struct pb_row *row)
{
	return row->tun < PB_TUN_COUNT ? pb_tun_names[row->tun] : "-";
}

static void pb_row_fns(const struct pb_row *row, pb_run_fn *mine,
		       pb_run_fn *base)
{
	static const pb_run_fn fns[][2] = {
		[PB_OP_ENCAP] = { pb_mcnic_encap, pb_dpdk_encap },
		[PB_OP_DECAP] = { pb_mcnic_decap, pb_dpdk_decap },
		[PB_OP_PARSE] = { pb_mcnic_parse, pb_dpdk_parse },
	};

	*mine = fns[row->op][PB_MCNIC];
	*base = fns[row->op][PB_DPDK];
}

/* Both sides' tunnel: mcnic's template and the baseline's header. */
static int pb_tunnel_setup(unsigned int type)
{
	const char *why = "";
	struct pb_tunnel tp;
	int ok;

	if (type == pb.tun)
		return 0;
	pb_tunnel_params(type, &tp);
	ok = !pb_tmpl(&tp, &why) && !pb_dpdk_tunnel(&tp);
	if (pb.o.smoke)
		bench_check(&pb.tally, ok, "%s: mcnic template (%s) and DPDK"
			    " prebuilt header", pb_tun_names[type],
			    ok ? "built" : why);
	if (!ok) {
		fprintf(stderr, "pktbench: %s: cannot set up the tunnel: %s\n",
			pb_tun_names[type], why);
		return -1;
	}
	pb.tun = type;
	return 0;
}

/* Loads both rings for a row: its frames and the lengths it must leave. */
static int pb_row_setup(const struct pb_row *row)
{
	unsigned int k, si = row->si;

	if (row->tun < PB_TUN_COUNT && pb_tunnel_setup(row->tun))
		return -1;
	switch (row->op) {
	case PB_OP_ENCAP:
		for (k = 0; k < pb.ring.n; k++)
			pb.want[k] = pb.inner[si].len[k] + pb.tmpl.hdr_len;
		return pb_load(&pb.inner[si], pb.want);
	case PB_OP_DECAP:
		if (pb_make_outer(si)) {
			fprintf(stderr, "pktbench: %s: encap for the decap frames failed\n",
				pb_row_tun(row));
			return -1;
		}
		return pb_load(&pb.outer, pb.inner[si].len);
	default:
		return pb_load(&pb.inner[si], pb.inner[si].l4_off);
	}
}

static void pb_cg_one(const struct pb_row *row, const char *side, pb_run_fn fn,
		      u64 *bad)
{
	char label[96];

	snprintf(label, sizeof(label), "%s.%s.%u.%s:%u", pb_row_tun(row),
		 pb_op_names[row->op], pb_sizes[row->si], side, PB_CG_PKTS);
	pb_sink += fn(pb.ring.n, bad);		/* warm-up, PLT binding */
	CALLGRIND_ZERO_STATS;
	pb_sink += fn(PB_CG_PKTS, bad);
	CALLGRIND_DUMP_STATS_AT(label);
}

static int pb_same(const u8 *a, u16 alen, const u8 *b, u16 blen)
{
	return alen == blen && !memcmp(a, b, alen);
}

/*
 * Slots whose frames differ: with expect, both sides' frames against it;
 * without, mcnic's against DPDK's.
 */
static unsigned int pb_diff(const struct pb_frames *expect)
{
	const struct mcnic_pkt *p;
	unsigned int k, bad = 0;
	const u8 *d;
	u16 dlen;

	for (k = 0; k < pb.ring.n; k++) {
		p = &pb.ring.pkt[k];
		d = pb_dpdk_frame(k, &dlen);
		if (expect)
			bad += !pb_same(mcnic_pkt_data(p), p->len,
					expect->ptr[k], expect->len[k]) ||
			       !pb_same(d, dlen, expect->ptr[k],
					expect->len[k]);
		else
			bad += !pb_same(mcnic_pkt_data(p), p->len, d, dlen);
	}
	return bad;
}

/* Smoke: two passes round the ring, every result and output checked. */
static void pb_smoke_row(struct pb_row *row)
{
	const char *tn = pb_row_tun(row), *op = pb_op_names[row->op];
	u64 n = 2 * (u64)pb.ring.n;
	unsigned int size = pb_sizes[row->si];
	pb_run_fn mine, base;

	pb_row_fns(row, &mine, &base);
	pb_sink += mine(n, &row->bad[PB_MCNIC]);
	bench_check(&pb.tally, !row->bad[PB_MCNIC],
		    "%s %s %u B mcnic: %llu packets, %llu failed", tn, op, size,
		    (unsigned long long)n,
		    (unsigned long long)row->bad[PB_MCNIC]);
	pb_sink += base(n, &row->bad[PB_DPDK]);
	bench_check(&pb.tally, !row->bad[PB_DPDK],
		    "%s %s %u B dpdk: %llu packets, %llu failed", tn, op, size,
		    (unsigned long long)n,
		    (unsigned long long)row->bad[PB_DPDK]);
	if (row->op == PB_OP_ENCAP)
		bench_check(&pb.tally, !pb_diff(NULL), "%s encap %u B: mcnic"
			    " and DPDK output identical", tn, size);
	else if (row->op == PB_OP_DECAP)
		bench_check(&pb.tally, !pb_diff(&pb.inner[row->si]),
			    "%s decap %u B: both restore the inner frames", tn,
			    size);
}

/* One timed run of a row on each side; which goes first alternates. */
static void pb_time_row(struct pb_row *row, unsigned int r)
{
	u64 n = pb.o.pkts, warm = n / 8 > pb.ring.n ? n / 8 : pb.ring.n;
	pb_run_fn fn[2];
	unsigned int i, s;

	pb_row_fns(row, &fn[PB_MCNIC], &fn[PB_DPDK]);
	for (i = 0; i < 2; i++) {
		s = i ^ (r & 1);
		pb_sink += fn[s](warm, &row->bad[s]);
	}
	for (i = 0; i < 2; i++) {
		s = i ^ (r & 1);
		row->t[s][r] = pb_time(fn[s], n, &row->bad[s]);
	}
}

static void pb_rows_init(void)
{
	static const enum pb_op ops[] = { PB_OP_ENCAP, PB_OP_DECAP };
	unsigned int t, o, si;
	struct pb_row *row;

	for (t = 0; t <= PB_TUN_COUNT; t++) {
		for (o = 0; o < 2; o++) {
			for (si = 0; si < PB_NSIZES; si++) {
				row = &pb.rows[pb.nrows++];
				memset(row, 0, sizeof(*row));
				row->tun = t;
				row->op = t < PB_TUN_COUNT ? ops[o] : PB_OP_PARSE;
				row->si = si;
				row->ir[0] = row->ir[1] = -1;
			}
			if (t == PB_TUN_COUNT)
				break;
		}
	}
}

static int pb_run_all(void)
{
	unsigned int r, i, s, runs = pb.o.smoke || pb.o.callgrind ? 1 : pb.o.runs;
	struct pb_row *row;
	pb_run_fn mine, base;

	for (r = 0; r < runs; r++) {
		if (!pb.o.smoke && !pb.o.callgrind && isatty(2))
			fprintf(stderr, "\rpktbench: run %u of %u", r + 1, runs);
		for (i = 0; i < pb.nrows; i++) {
			row = &pb.rows[i];
			if (pb_row_setup(row))
				return -1;
			if (pb.o.smoke) {
				pb_smoke_row(row);
			} else if (pb.o.callgrind) {
				pb_row_fns(row, &mine, &base);
				pb_cg_one(row, "mcnic", mine, &row->bad[PB_MCNIC]);
				pb_cg_one(row, "dpdk", base, &row->bad[PB_DPDK]);
			} else {
				pb_time_row(row, r);
			}
		}
	}
	if (!pb.o.smoke && !pb.o.callgrind) {
		if (isatty(2))
			fputc('\n', stderr);
		for (i = 0; i < pb.nrows; i++)
			for (s = 0; s < 2; s++)
				pb.rows[i].ns[s] =
					bench_median(pb.rows[i].t[s], runs);
	}
	return 0;
}

/* ---- output ----------------------------------------------------------- */

/* One line of the file bench.sh writes from the callgrind dumps. */
static void pb_ir_line(const char *label, double ir)
{
	char want[96];
	struct pb_row *row;
	unsigned int i, s;

	for (i = 0; i < pb.nrows; i++) {
		row = &pb.rows[i];
		for (s = 0; s < 2; s++) {
			snprintf(want, sizeof(want), "%s.%s.%u.%s",
				 pb_row_tun(row), pb_op_names[row->op],
				 pb_sizes[row->si], s ? "dpdk" : "mcnic");
			if (!strcmp(label, want))
				row->ir[s] = ir;
		}
	}
}

static void pb_print_row(const struct pb_row *r)
{
	double mm = 1e3 / r->ns[PB_MCNIC], md = 1e3 / r->ns[PB_DPDK];

	printf("%-6s %-5s %5u | %7.1f %7.2f", pb_row_tun(r), pb_op_names[r->op],
	       pb_sizes[r->si], r->ns[PB_MCNIC], mm);
	bench_print_ir(r->ir[PB_MCNIC]);
	printf(" | %7.1f %7.2f", r->ns[PB_DPDK], md);
	bench_print_ir(r->ir[PB_DPDK]);
	printf(" | %6.2fx", mm / md);
	if (r->ir[0] > 0 && r->ir[1] > 0)
		printf(" %6.2fx", r->ir[PB_MCNIC] / r->ir[PB_DPDK]);
	else
		printf(" %7s", "-");
	if (r->bad[PB_MCNIC] || r->bad[PB_DPDK])
		printf("  FAILED mcnic %llu dpdk %llu",
		       (unsigned long long)r->bad[PB_MCNIC],
		       (unsigned long long)r->bad[PB_DPDK]);
	putchar('\n');
}

static int pb_report(void)
{
	const struct pb_row *goal = NULL;
	unsigned int i, bad = 0;
	double mpps;

	printf("mcnic packet path vs %s, same process, pinned to cpu %d\n",
	       pb_dpdk_version(), pb.o.core);
	printf("ring of %u frames per side, one flow each (45%% IPv4/TCP, 30%% IPv4/UDP,"
	       " 25%% IPv6/UDP);\nns/pkt: median of %u runs of %llu packets, the runs"
	       " going round all rows in turn;\nIr/pkt: instructions per packet from"
	       " callgrind (%u packets after a warm-up pass)\n\n",
	       pb.ring.n, pb.o.runs, (unsigned long long)pb.o.pkts, PB_CG_PKTS);
	printf("%-6s %-5s %5s | %-23s | %-23s | %s\n", "", "", "inner",
	       "         mcnic", "     DPDK baseline", "mcnic/DPDK");
	printf("%-6s %-5s %5s | %7s %7s %7s | %7s %7s %7s | %7s %7s\n",
	       "tunnel", "op", "bytes", "ns/pkt", "Mpps", "Ir/pkt", "ns/pkt",
	       "Mpps", "Ir/pkt", "Mpps", "Ir");
	for (i = 0; i < pb.nrows; i++) {
		pb_print_row(&pb.rows[i]);
		bad += pb.rows[i].bad[0] || pb.rows[i].bad[1];
		if (pb.rows[i].tun == PB_VXLAN && pb.rows[i].op == PB_OP_ENCAP &&
		    pb_sizes[pb.rows[i].si] == 64)
			goal = &pb.rows[i];
	}
	printf("\nmcnic:  parse = mcnic_parse; encap = mcnic_parse (inner) +"
	       " mcnic_flow_hash + mcnic_encap from\n"
	       "        one shared template; decap = mcnic_parse (outer+inner)"
	       " + mcnic_decap\n");
	printf("DPDK:   on rte_mbufs from an rte_pktmbuf pool:\n"
	       "        parse = rte_net_get_ptype(RTE_PTYPE_ALL_MASK), DPDK's"
	       " software parser with header lengths\n"
	       "        encap = DPDK-API encap (OVS-DPDK tnl_push style):"
	       " rte_net_get_ptype(L2-L4), flow tuple\n"
	       "                -> rte_hash_crc, rte_pktmbuf_prepend, rte_memcpy"
	       " of a prebuilt header, lengths\n"
	       "                and ECN patched, rte_ipv4_cksum, UDP source port"
	       " from the hash\n"
	       "        decap = rte_net_get_ptype + rte_ipv4_cksum check + tunnel"
	       " header check + rte_pktmbuf_adj;\n"
	       "                VXLAN/GENEVE: + rte_net_get_ptype on the inner"
	       " frame (22.11 does not enter UDP tunnels)\n");
	printf("tunnels: IPv4 underlay, DF, zero UDP checksum, MTU 9000; GENEVE"
	       " with one 8-byte option, GRE with key\n");
	printf("ratios: Mpps mcnic/DPDK (>1: mcnic faster); Ir mcnic/DPDK (<1:"
	       " mcnic executes fewer instructions)\n");
	printf("check:  every packet's result and length verified on both sides;"
	       " pktbench --smoke also\n"
	       "        compares the two encaps byte for byte\n");
	if (goal) {
		mpps = 1e3 / goal->ns[PB_MCNIC];
		printf("\ngoal: VXLAN encap from a template >= %.0f Mpps per core at 64 B:"
		       " measured %.2f Mpps -> %s\n", PB_GOAL_MPPS, mpps,
		       mpps >= PB_GOAL_MPPS ? "met" : "NOT met");
	}
	if (bad)
		printf("\nFAILED: %u operation(s) returned errors or wrong lengths:"
		       " their timings measure a failing path\n", bad);
	return bad ? 1 : 0;
}

/* ---- setup ------------------------------------------------------------ */

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define PB_SYNOPSIS(first, more)					\
	first "pktbench [--smoke | --callgrind] [--ir FILE] [--runs N]\n" \
	more  "         [--pkts N] [--ring N] [--core N] [--verbose]\n"	\
	more  "pktbench --help\n"

static void __attribute__((noreturn)) pb_usage(void)
{
	fputs(PB_SYNOPSIS("usage: ", "       "), stderr);
	exit(2);
}

static void __attribute__((noreturn)) pb_help(void)
{
	printf("NAME\n"
	       "\tpktbench - mcnic's packet path against a DPDK baseline\n"
	       "\n"
	       "SYNOPSIS\n"
	       PB_SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tTimes the firmware data plane's packet path against DPDK\n"
	       "\t22.11 in the same process, on the same frames.  For VXLAN,\n"
	       "\tGENEVE and GRE at 64, 512 and 1500-byte inner frames:\n"
	       "\tencap (mcnic_parse of the inner frame, mcnic_flow_hash,\n"
	       "\tmcnic_encap from one shared template) and decap\n"
	       "\t(mcnic_parse of outer and inner, mcnic_decap); and\n"
	       "\tmcnic_parse alone on the inner frames.  The baseline is in\n"
	       "\tpktbench-dpdk.c.\n"
	       "\n"
	       "\tEach side has a ring of pre-built frames with varied\n"
	       "\tflows; a packet is its slot reset to the loaded frame,\n"
	       "\tthen the operation.  Every result is checked (drop reason\n"
	       "\tand length), so a failing path cannot be measured as a\n"
	       "\tfast one.\n"
	       "\n"
	       "\tWith neither --smoke nor --callgrind, every operation is\n"
	       "\ttimed on one pinned core and a table printed: the runs go\n"
	       "\tround all operations in turn, alternating which side goes\n"
	       "\tfirst, and each row is the median of the runs.  make bench\n"
	       "\t(tests/bench/bench.sh) runs --callgrind under valgrind\n"
	       "\tfirst, then the timed run with --ir.\n"
	       "\n"
	       "OPTIONS\n"
	       "\t--smoke      check every result and output byte, no\n"
	       "\t             timing; ends with \"N passed, N failed\"\n"
	       "\t--callgrind  under callgrind: per operation and side, %u\n"
	       "\t             packets after a warm-up, then a dump\n"
	       "\t--ir FILE    add instructions per packet from FILE, the\n"
	       "\t             \"label packets Ir\" lines bench.sh writes\n"
	       "\t--runs N     timed runs, 1..%d (default %d)\n"
	       "\t--pkts N     packets per timed run of a row (default %u)\n"
	       "\t--ring N     frames in each side's ring, a power of two\n"
	       "\t             16..65536 (default %d, %d with --smoke)\n"
	       "\t--core N     the cpu to pin to (default: the last one this\n"
	       "\t             process may run on)\n"
	       "\t--verbose    EAL log level info (default: errors only)\n"
	       "\t--help       print this page and exit\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when every operation succeeded on both sides (with\n"
	       "\t--smoke: every check passed); missing the %.0f Mpps goal\n"
	       "\tdoes not change it.  1 when an operation returned an error\n"
	       "\tor a wrong length, a smoke check failed or the setup\n"
	       "\tfailed.  2 on bad arguments, or when DPDK's EAL or mbuf\n"
	       "\tpool cannot be set up or memory runs out.\n",
	       PB_CG_PKTS, PB_RUNS_MAX, PB_RUNS, PB_PKTS, PB_RING,
	       PB_RING_SMOKE, PB_GOAL_MPPS);
	exit(0);
}

static void pb_parse_opts(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "callgrind", no_argument, NULL, 'g' },
		{ "ir", required_argument, NULL, 'i' },
		{ "runs", required_argument, NULL, 'r' },
		{ "pkts", required_argument, NULL, 'n' },
		{ "ring", required_argument, NULL, 'R' },
		{ "core", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	pb.o.runs = PB_RUNS;
	pb.o.pkts = PB_PKTS;
	pb.o.ring = 0;
	pb.o.core = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': pb.o.smoke = 1; break;
		case 'g': pb.o.callgrind = 1; break;
		case 'i': pb.o.ir_file = optarg; break;
		case 'r': pb.o.runs = strtoul(optarg, NULL, 0); break;
		case 'n': pb.o.pkts = strtoull(optarg, NULL, 0); break;
		case 'R': pb.o.ring = strtoul(optarg, NULL, 0); break;
		case 'c': pb.o.core = strtol(optarg, NULL, 0); break;
		case 'v': pb.o.verbose = 1; break;
		case 'h': pb_help();
		default: pb_usage();
		}
	}
	if (!pb.o.ring)
		pb.o.ring = pb.o.smoke ? PB_RING_SMOKE : PB_RING;
	if (optind != argc || pb.o.runs < 1 || pb.o.runs > PB_RUNS_MAX ||
	    pb.o.pkts < 1 || pb.o.ring < 16 || pb.o.ring > 65536 ||
	    (pb.o.ring & (pb.o.ring - 1))) {
		fprintf(stderr, "pktbench: bad arguments (--runs 1..%d, --ring a"
			" power of two 16..65536)\n", PB_RUNS_MAX);
		pb_usage();
	}
}

int main(int argc, char **argv)
{
	unsigned int t;
	int rc;

	pb_parse_opts(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	pb.o.core = bench_pin_core(pb.o.core);
	if (pb_dpdk_init(pb.o.core, pb.o.ring, pb.o.verbose))
		return 2;
	mcnic_parse_cfg_init(&pb.pc);
	memset(&pb.dc, 0, sizeof(pb.dc));
	pb_frames_init();
	pb_ring_init();
	pb_rows_init();
	pb.tun = PB_TUN_COUNT;
	if (!pb.o.smoke && !pb.o.callgrind)
		fprintf(stderr, "pktbench: timing %u operations x 2 sides,"
			" %u runs of %llu packets each\n", pb.nrows, pb.o.runs,
			(unsigned long long)pb.o.pkts);
	rc = pb_run_all();
	if (rc) {
		fprintf(stderr, "pktbench: setup failed\n");
		if (pb.o.smoke)
			bench_check(&pb.tally, 0, "setup");
	}
	if (pb.o.smoke) {
		rc = bench_summary(&pb.tally);
	} else if (pb.o.callgrind) {
		for (t = 0; t < pb.nrows; t++)
			if (pb.rows[t].bad[0] || pb.rows[t].bad[1])
				rc = 1;
	} else if (!rc) {
		if (pb.o.ir_file)
			bench_read_ir(pb.o.ir_file, pb_ir_line);
		rc = pb_report();
	}
	pb_dpdk_fini();
	return rc ? 1 : 0;
}
