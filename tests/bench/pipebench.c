// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * pipebench: the whole firmware pipeline (mcnic_pipe_rx) against an
 * OVS-DPDK-style datapath built from DPDK 22.11's libraries
 * (pipebench-dpdk.c), in the same process, on the same frames, programmed
 * from one description.
 *
 * The program: one vport in VRF 1, whose default is deny; 1000 IPv4
 * routes, among them 10.200.0.0/16 to a next-hop group of two VXLAN
 * tunnels (ECMP) and a default route; 1000 policy rules of a tenant
 * (prefix pairs, protocols, service ports and ranges, allow and deny,
 * random priorities), among which the benchmark's traffic is allowed.
 * mcnic is programmed through the control API (mcnic_pipe_vrf_set,
 * port_set, tmpl_set, nh_set, nhg_set, route_add, rule_add), the DPDK side
 * gets the same tunnels, routes and rules as rte_lpm and rte_acl entries.
 *
 * Rows, each a stream of 64-byte IPv4/TCP frames from the vport:
 *   hit   F flows (1 k and 64 k), one ring slot each, cycled in turn, all
 *         already in the flow table: parse, key, lookup, counters, VXLAN
 *         encap;
 *   miss  every packet a flow the table does not hold: the slow path
 *         decides and installs, then the encap.  Packet i of a chunk of
 *         64 k leaves ring slot i % 4096 (one source address each) with
 *         TCP source port 1024 + i / 4096; the tables are emptied between
 *         chunks, untimed.
 * Both sides also run the hit rows in bursts of 32: mcnic_pipe_rx_burst
 * against rte_hash_lookup_bulk_data.
 *
 * Modes:
 *   (default)    time every row on one pinned core; each run goes round all
 *                rows, the sides taking turns in slices of a hit row's
 *                packets (chunks of the miss row's), rotating which goes
 *                first; the median of the runs is printed.  --ir FILE
 *                adds instructions per packet.
 *   --callgrind  under valgrind --tool=callgrind: per row and side, zero
 *                the counters, run PP_CG_PKTS packets, dump with the row's
 *                name (pipebench.sh reads the dumps).
 *   --smoke      small tables, no timing: every packet forwarded, hits all
 *                hits, misses all installed, both sides' decisions and
 *                counters equal, their output frames equal byte for byte;
 *                ends with "N passed, N failed".
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

#include <mcnic/byteorder.h>
#include <mcnic/wire.h>
#include "dp/pipe.h"
#include "benchlib.h"
#include "pipebench.h"

#define PP_UPLINK	0
#define PP_VPORT	1
#define PP_VRF		1u
#define PP_SEGMENT	10
#define PP_FRAME	64
#define PP_STRIDE	(MCNIC_HEADROOM + PP_FRAME)
#define PP_NTUN		8u
#define PP_NGRP		5u
#define PP_ROUTES	1000u
#define PP_RULES	1000u
#define PP_FLOWS	131072u		/* flow table entries, both sides */
#define PP_SMOKE_FLOWS	32768u
#define PP_MISS_RING	4096
#define PP_MISS_CHUNK	65536
#define PP_SMOKE_CHUNK	16384
#define PP_SMOKE_HIT	1024
#define PP_CHUNKS	4
#define PP_HIT_FLOWS	1024u		/* the first hit row's, by default */
#define PP_SLICES	8	/* turns each side takes in a hit row's run */
#define PP_PKTS		(1u << 22)
#define PP_RUNS		11
#define PP_RUNS_MAX	31
#define PP_CG_PKTS	8192u
#define PP_EAL_MB	512
#define PP_SMOKE_EAL_MB	256
#define PP_N(a)		(sizeof(a) / sizeof((a)[0]))

_Static_assert(sizeof(struct pbp_key) == sizeof(struct mcnic_flow_key),
	       "key size");
_Static_assert(offsetof(struct pbp_key, zone) ==
	       offsetof(struct mcnic_flow_key, zone), "key zone");
_Static_assert(offsetof(struct pbp_key, port) ==
	       offsetof(struct mcnic_flow_key, port), "key port");
_Static_assert(offsetof(struct pbp_key, proto) ==
	       offsetof(struct mcnic_flow_key, proto), "key proto");
_Static_assert(PBP_RULE_DEFAULT == MCNIC_RULE_DEFAULT, "default rule id");

/* The benchmark's traffic: 10.1/16 -> 10.200/16, TCP to these ports. */
static const u16 pp_app_ports[] = { 443, 80, 8080, 5432 };
static const u16 pp_svc[] = {
	22, 25, 53, 80, 123, 389, 443, 636, 1433, 1521, 2049, 3306, 3389,
	5432, 5672, 6379, 6443, 8080, 8443, 9092, 9200, 11211, 27017,
};

/* The hit rows run every side; the miss row the first two. */
enum pp_side { PP_MCNIC, PP_DPDK, PP_MBURST, PP_BURST, PP_NSIDE };

static const char *const pp_side_names[PP_NSIDE] = {
	"mcnic", "dpdk", "mcnic-burst", "burst"
};

typedef u64 (*pp_rx_fn)(u64 n, u64 *bad);
typedef u64 (*pp_fresh_fn)(u64 first, u64 n, u64 *bad);

struct pp_frames {
	unsigned int n;
	u8 *data;		/* frame k at k * PP_FRAME */
	const u8 **ptr;
	u16 *len;
};

struct pp_ring {
	unsigned int n;
	unsigned int mask;
	u8 *arena;		/* slot k at k * PP_STRIDE */
	struct mcnic_pkt *pkt;
	u16 *len;
};

struct pp_row {
	const char *name;
	const char *tag;	/* callgrind label */
	unsigned int flows;	/* hit rows: flows cycled; 0: the miss row */
	double v[PP_NSIDE][PP_RUNS_MAX];	/* M packets/s */
	double med[PP_NSIDE];
	double ir[PP_NSIDE];
	u64 bad[PP_NSIDE];
};

static struct {
	struct {
		int smoke;
		int callgrind;
		const char *ir_file;
		unsigned int runs;
		u64 pkts;
		unsigned int chunks;
		unsigned int flows;	/* the first hit row's */
		int core;
		int verbose;
	} o;
	char row0_name[32];
	char row0_tag[16];
	struct pbp_tunnel tun[PP_NTUN];
	struct pbp_group grp[PP_NGRP];
	struct pbp_route rt[PP_ROUTES];
	struct pbp_rule rule[PP_RULES];
	struct pbp_prog prog;
	struct mcnic_pipe *pipe;
	void *mem;
	struct pp_ring ring;
	struct pp_frames hit[2], miss, probe;
	struct pp_row rows[3];
	unsigned int chunk;
	u64 rng;
	struct bench_tally tally;
} pp;

static volatile u64 pp_sink;

static u32 pp_rand(void)
{
	u64 x = pp.rng += 0x9e3779b97f4a7c15ull;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (u32)(x >> 16);
}

static void pp_ip(u8 *a, u8 b0, u8 b1, u8 b2, u8 b3)
{
	a[0] = b0;
	a[1] = b1;
	a[2] = b2;
	a[3] = b3;
}

/* ---- the program ------------------------------------------------------ */

static void pp_tunnels(void)
{
	static const u8 smac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
	static const u8 dmac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0xfe };
	/* Group 0 is the benchmark's ECMP pair; 1 the default route's. */
	static const struct pbp_group grp[PP_NGRP] = {
		{ 2, { 0, 1 } }, { 1, { 2 } }, { 2, { 3, 4 } }, { 1, { 5 } },
		{ 2, { 6, 7 } },
	};
	struct pbp_tunnel *t;
	unsigned int i;

	for (i = 0; i < PP_NTUN; i++) {
		t = &pp.tun[i];
		memcpy(t->smac, smac, 6);
		memcpy(t->dmac, dmac, 6);
		pp_ip(t->saddr, 192, 0, 2, 1);
		pp_ip(t->daddr, 198, 51, 100, 1 + i);
		t->vni = 1000 + i;
		t->dport = MCNIC_PORT_VXLAN;
		t->sport_min = 49152;
		t->sport_max = 65535;
		t->mtu = 9000;
		t->ttl = 64;
	}
	memcpy(pp.grp, grp, sizeof(grp));
}

/* A prefix of the tenant's address plan, never inside 10.200-201/16. */
static void pp_other_prefix(u8 *a, u8 *len)
{
	u32 k = 2 + pp_rand() % 198;

	switch (pp_rand() % 4) {
	case 0:
		pp_ip(a, 10, k, 0, 0);
		*len = 16;
		break;
	case 1:
		pp_ip(a, 172, 16 + pp_rand() % 16, pp_rand(), 0);
		*len = 24;
		break;
	case 2:
		pp_ip(a, 192, 168, pp_rand(), 0);
		*len = 24;
		break;
	default:
		pp_ip(a, 10, k, pp_rand(), 0);
		*len = 24;
	}
}

static int pp_route_dup(unsigned int n, const u8 *a, u8 len)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (pp.rt[i].len == len && !memcmp(pp.rt[i].prefix, a, 4))
			return 1;
	return 0;
}

static void pp_routes(void)
{
	struct pbp_route *r;
	unsigned int i;

	pp.rt[0] = (struct pbp_route){ .len = 0, .group = 1 };
	pp.rt[1] = (struct pbp_route){ { 10, 200, 0, 0 }, 16, 0 };
	for (i = 2; i < PP_ROUTES; i++) {
		r = &pp.rt[i];
		do
			pp_other_prefix(r->prefix, &r->len);
		while (pp_route_dup(i, r->prefix, r->len));
		r->group = 2 + pp_rand() % (PP_NGRP - 2);
	}
}

/* A /16 or one of its /24s. */
static void pp_net16(u8 *a, u8 *len, u8 b0, u8 b1)
{
	if (pp_rand() & 1) {
		pp_ip(a, b0, b1, 0, 0);
		*len = 16;
	} else {
		pp_ip(a, b0, b1, pp_rand(), 0);
		*len = 24;
	}
}

static int pp_overlap(const u8 *a, u8 alen, const u8 *b, u8 blen)
{
	u32 x = (u32)a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
	u32 y = (u32)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	u8 l = alen < blen ? alen : blen;

	return !l || !((x ^ y) >> (32 - l));
}

/* Could this rule decide some of the benchmark's flows? */
static int pp_hits_app(const struct pbp_rule *r)
{
	static const u8 src[4] = { 10, 1, 0, 0 }, dst[4] = { 10, 200, 0, 0 };
	unsigned int i;
	int port = 0;

	for (i = 0; i < PP_N(pp_app_ports); i++)
		port |= r->dport_lo <= pp_app_ports[i] &&
			pp_app_ports[i] <= r->dport_hi;
	return port && pp_overlap(r->src, r->src_len, src, 16) &&
	       pp_overlap(r->dst, r->dst_len, dst, 16) &&
	       (!r->proto || r->proto == MCNIC_IPPROTO_TCP);
}

static void pp_rule_ports(struct pbp_rule *r)
{
	u32 k = pp_rand() % 10, lo;

	r->sport_hi = r->dport_hi = 65535;
	if (!r->proto)
		return;
	if (pp_rand() % 10 == 0)
		r->sport_lo = 1024;
	if (k < 7) {
		r->dport_lo = r->dport_hi = pp_svc[pp_rand() % PP_N(pp_svc)];
	} else if (k < 9) {
		lo = 1024 + pp_rand() % 60000;
		r->dport_lo = lo;
		r->dport_hi = lo + 99;
	}
}

/* One rule of a tenant's policy, drawn at random. */
static void pp_rule_random(struct pbp_rule *r, u32 id)
{
	u32 k;

	memset(r, 0, sizeof(*r));
	r->id = id;
	r->priority = 100 + pp_rand() % 10000;
	r->allow = pp_rand() % 100 < 65;
	k = pp_rand() % 10;
	if (k < 3)
		pp_net16(r->src, &r->src_len, 10, 1);
	else if (k >= 5)
		pp_other_prefix(r->src, &r->src_len);
	if (pp_rand() % 10 < 3)
		pp_net16(r->dst, &r->dst_len, 10, 200);
	else
		pp_other_prefix(r->dst, &r->dst_len);
	k = pp_rand() % 20;
	r->proto = k < 11 ? MCNIC_IPPROTO_TCP : k < 18 ? MCNIC_IPPROTO_UDP : 0;
	pp_rule_ports(r);
}

/*
 * Rule 1 denies SSH into 10.200/16 ahead of everything; rules 2..5 allow
 * the application's ports; the rest are random, except that no deny may
 * decide any of the benchmark's flows (allows may: then they win).
 */
static void pp_rules(void)
{
	struct pbp_rule *r;
	unsigned int i;

	r = &pp.rule[0];
	memset(r, 0, sizeof(*r));
	r->id = 1;
	r->priority = 1;
	r->proto = MCNIC_IPPROTO_TCP;
	pp_ip(r->dst, 10, 200, 0, 0);
	r->dst_len = 16;
	r->sport_hi = 65535;
	r->dport_lo = r->dport_hi = 22;
	for (i = 0; i < PP_N(pp_app_ports); i++) {
		r = &pp.rule[1 + i];
		memset(r, 0, sizeof(*r));
		r->id = 2 + i;
		r->priority = 100 + pp_rand() % 10000;
		r->allow = 1;
		r->proto = MCNIC_IPPROTO_TCP;
		pp_ip(r->src, 10, 1, 0, 0);
		r->src_len = 16;
		pp_ip(r->dst, 10, 200, 0, 0);
		r->dst_len = 16;
		r->sport_hi = 65535;
		r->dport_lo = r->dport_hi = pp_app_ports[i];
	}
	for (i = 1 + PP_N(pp_app_ports); i < PP_RULES; i++) {
		r = &pp.rule[i];
		do
			pp_rule_random(r, i + 1);
		while (!r->allow && pp_hits_app(r));
	}
}

static void pp_prog_init(u32 flows)
{
	pp_tunnels();
	pp_routes();
	pp_rules();
	pp.prog = (struct pbp_prog){
		.tun = pp.tun, .ntun = PP_NTUN,
		.grp = pp.grp,
		.rt = pp.rt, .nrt = PP_ROUTES,
		.rule = pp.rule, .nrule = PP_RULES,
		.flows = flows,
		.zone = PP_VRF,
		.vport = PP_VPORT,
		.mtu = 1500,
	};
}

/* ---- mcnic: the same program through the control API ------------------ */

static void pp_limits(struct mcnic_pipe_limits *lim, u32 flows)
{
	memset(lim, 0, sizeof(*lim));
	lim->ports = 2;
	lim->vrfs = 1;
	lim->flows = flows;
	lim->tmpls = PP_NTUN;
	lim->nexthops = PP_NTUN;
	lim->nhgs = PP_NGRP;
	lim->routes = PP_ROUTES + 16;
	/* DIR-24-8 like rte_lpm: /24 and shorter in one read. */
	lim->lpm4_root_bits = MCNIC_LPM4_ROOT_BITS;
	lim->lpm4_prefixes = PP_ROUTES + 16;
	lim->lpm4_groups = 64;
	lim->lpm6_root_bits = 16;
	lim->lpm6_prefixes = 16;
	lim->lpm6_groups = 16;
	lim->rules = PP_RULES + 16;
	lim->counted_rules = 16;
	lim->vnis = 1;
	lim->peers = 1;
}

static int pp_ports(const char **why)
{
	struct mcnic_port_cfg up = { .kind = MCNIC_PORTK_UPLINK, .up = 1,
				     .mtu = 9000,
				     .mac = { 0x02, 0, 0x5e, 0x10, 0, 1 } };
	struct mcnic_port_cfg vp = { .kind = MCNIC_PORTK_VPORT, .up = 1,
				     .mtu = pp.prog.mtu, .vrf = PP_VRF,
				     .segment = PP_SEGMENT, .queues = 4,
				     .mac = { 0x02, 0, 0x5e, 0x20, 0, 1 } };

	if (mcnic_pipe_vrf_set(pp.pipe, PP_VRF, MCNIC_POL_DENY, why))
		return -1;
	return mcnic_pipe_port_set(pp.pipe, PP_UPLINK, &up, why) ||
	       mcnic_pipe_port_set(pp.pipe, PP_VPORT, &vp, why) ? -1 : 0;
}

static int pp_tunnel(u32 i, const char **why)
{
	const struct pbp_tunnel *t = &pp.tun[i];
	struct mcnic_nexthop nh = { .kind = MCNIC_NH_TUNNEL, .port = PP_UPLINK,
				    .tmpl = i };
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl tm;

	memset(&c, 0, sizeof(c));
	c.type = MCNIC_TUN_VXLAN;
	c.ttl = t->ttl;
	c.flags = MCNIC_TUNF_DF_SET;
	memcpy(c.smac, t->smac, 6);
	memcpy(c.dmac, t->dmac, 6);
	memcpy(c.saddr, t->saddr, 4);
	memcpy(c.daddr, t->daddr, 4);
	c.vni = t->vni;
	c.dport = t->dport;
	c.sport_min = t->sport_min;
	c.sport_max = t->sport_max;
	c.mtu = t->mtu;
	if (mcnic_tmpl_build(&c, &tm, why) ||
	    mcnic_pipe_tmpl_set(pp.pipe, i, &tm, why) ||
	    mcnic_pipe_nh_set(pp.pipe, i, &nh, why))
		return -1;
	return 0;
}

static int pp_group(u32 i, const char **why)
{
	const struct pbp_group *pg = &pp.grp[i];
	struct mcnic_nhg g;
	unsigned int j;

	memset(&g, 0, sizeof(g));
	g.n_members = pg->n;
	for (j = 0; j < pg->n; j++) {
		g.member[j] = pg->tunnel[j];
		g.weight[j] = 1;
	}
	return mcnic_pipe_nhg_set(pp.pipe, i, &g, why) ? -1 : 0;
}

static int pp_rule_add(const struct pbp_rule *pr, const char **why)
{
	struct mcnic_policy_rule r;

	memset(&r, 0, sizeof(r));
	r.id = pr->id;
	r.priority = pr->priority;
	r.vrf = PP_VRF;
	r.action = pr->allow ? MCNIC_POL_ALLOW : MCNIC_POL_DENY;
	/* Egress only, or both directions: the same for egress traffic. */
	r.match = (pr->proto ? MCNIC_POLM_PROTO : 0) |
		  (pr->id & 1 ? MCNIC_POLM_EGRESS : 0);
	r.family = 4;
	r.src_len = pr->src_len;
	r.dst_len = pr->dst_len;
	memcpy(r.src, pr->src, 4);
	memcpy(r.dst, pr->dst, 4);
	r.sport_lo = pr->sport_lo;
	r.sport_hi = pr->sport_hi;
	r.dport_lo = pr->dport_lo;
	r.dport_hi = pr->dport_hi;
	r.proto = pr->proto;
	return mcnic_pipe_rule_add(pp.pipe, &r, why) ? -1 : 0;
}

static int pp_program_steps(const char **why)
{
	struct mcnic_route mr = { .kind = MCNIC_ROUTE_NHG };
	unsigned int i;

	if (pp_ports(why))
		return -1;
	for (i = 0; i < PP_NTUN; i++)
		if (pp_tunnel(i, why))
			return -1;
	for (i = 0; i < PP_NGRP; i++)
		if (pp_group(i, why))
			return -1;
	for (i = 0; i < PP_ROUTES; i++) {
		mr.nhg = pp.rt[i].group;
		if (mcnic_pipe_route_add(pp.pipe, PP_VRF, 4, pp.rt[i].prefix,
					 pp.rt[i].len, &mr, why))
			return -1;
	}
	for (i = 0; i < PP_RULES; i++)
		if (pp_rule_add(&pp.rule[i], why))
			return -1;
	return 0;
}

static int pp_program(u32 flows)
{
	struct mcnic_pipe_limits lim;
	const char *why = "?";
	size_t size;

	pp_limits(&lim, flows);
	size = mcnic_pipe_mem_size(&lim);
	pp.mem = bench_alloc(size);
	pp.pipe = bench_alloc(sizeof(*pp.pipe));
	if (!size || mcnic_pipe_init(pp.pipe, &lim, pp.mem, size)) {
		fprintf(stderr, "pipebench: mcnic_pipe_init failed\n");
		return -1;
	}
	if (pp_program_steps(&why)) {
		fprintf(stderr, "pipebench: programming mcnic: %s\n", why);
		return -1;
	}
	return 0;
}

/* ---- frames and rings ------------------------------------------------- */

/* A 64-byte IPv4 TCP or UDP frame, random TOS (so ECN varies) and DF. */
static void pp_frame(u8 *f, const u8 *sa, const u8 *da, u8 proto, u16 sport,
		     u16 dport)
{
	struct mcnic_eth_hdr *eth = (struct mcnic_eth_hdr *)f;
	struct mcnic_ipv4_hdr *ip = (struct mcnic_ipv4_hdr *)(eth + 1);
	struct mcnic_tcp_hdr *tcp = (struct mcnic_tcp_hdr *)(ip + 1);
	struct mcnic_udp_hdr *udp = (struct mcnic_udp_hdr *)(ip + 1);
	unsigned int i;

	for (i = 0; i < PP_FRAME; i++)
		f[i] = pp_rand();
	memcpy(eth->dst, (const u8[]){ 0x02, 0, 0x5e, 0x20, 0, 0xfe }, 6);
	memcpy(eth->src, (const u8[]){ 0x02, 0, 0x5e, 0x20, 0, 0x01 }, 6);
	eth->type = mcnic_htons(MCNIC_ETH_P_IPV4);
	ip->ver_ihl = 0x45;
	ip->tot_len = mcnic_htons(PP_FRAME - sizeof(*eth));
	ip->frag_off = mcnic_htons(pp_rand() & 1 ? MCNIC_IPV4_DF : 0);
	ip->ttl = 64;
	ip->proto = proto;
	ip->check = 0;
	memcpy(&ip->saddr, sa, 4);
	memcpy(&ip->daddr, da, 4);
	ip->check = mcnic_htoncsum((u16)~mcnic_csum_fold(
			mcnic_csum_add(0, ip, sizeof(*ip))));
	if (proto == MCNIC_IPPROTO_UDP) {
		udp->source = mcnic_htons(sport);
		udp->dest = mcnic_htons(dport);
		udp->len = mcnic_htons(PP_FRAME - sizeof(*eth) - sizeof(*ip));
		udp->check = 0;
		return;
	}
	tcp->source = mcnic_htons(sport);
	tcp->dest = mcnic_htons(dport);
	tcp->doff_res = 5 << 4;
	tcp->flags = 0x18;	/* PSH ACK */
}

static void pp_frames_alloc(struct pp_frames *fr, unsigned int n)
{
	unsigned int k;

	fr->n = n;
	fr->data = bench_alloc((size_t)n * PP_FRAME);
	fr->ptr = bench_alloc(n * sizeof(*fr->ptr));
	fr->len = bench_alloc(n * sizeof(*fr->len));
	for (k = 0; k < n; k++) {
		fr->ptr[k] = fr->data + (size_t)k * PP_FRAME;
		fr->len[k] = PP_FRAME;
	}
}

/* The benchmark's traffic: flow k from 10.1.0.0 + k (k < 65536 differ). */
static void pp_app_frames(struct pp_frames *fr, unsigned int n)
{
	u8 sa[4], da[4];
	unsigned int k;

	pp_frames_alloc(fr, n);
	for (k = 0; k < n; k++) {
		pp_ip(sa, 10, 1, k >> 8, k);
		pp_ip(da, 10, 200, pp_rand(), pp_rand());
		pp_frame(fr->data + (size_t)k * PP_FRAME, sa, da,
			 MCNIC_IPPROTO_TCP, 1024 + pp_rand() % 64512,
			 pp_app_ports[pp_rand() % PP_N(pp_app_ports)]);
	}
}

/* Smoke: flows all over the plan, so every kind of decision is taken. */
static void pp_probe_frames(struct pp_frames *fr, unsigned int n)
{
	u8 sa[4], da[4], len, proto;
	unsigned int k;
	u32 x;
	u16 dport;

	pp_frames_alloc(fr, n);
	for (k = 0; k < n; k++) {
		if (pp_rand() & 1)
			pp_ip(sa, 10, 1, pp_rand(), pp_rand());
		else
			pp_other_prefix(sa, &len);
		x = pp_rand();
		switch (x % 4) {
		case 0:
			pp_ip(da, 10, 200, pp_rand(), pp_rand());
			break;
		case 1:		/* routed by default, no rule: denied */
			pp_ip(da, 10, 201, pp_rand(), pp_rand());
			break;
		default:
			pp_other_prefix(da, &len);
			da[3] = pp_rand();
		}
		x = pp_rand() % 10;
		dport = x < 5 ? pp_svc[pp_rand() % PP_N(pp_svc)] :
			x < 6 ? 22 : pp_rand();
		proto = pp_rand() % 5 < 3 ? MCNIC_IPPROTO_TCP :
					     MCNIC_IPPROTO_UDP;
		pp_frame(fr->data + (size_t)k * PP_FRAME, sa, da, proto,
			 1 + pp_rand() % 65535, dport);
	}
}

static void pp_ring_init(unsigned int n)
{
	struct pp_ring *r = &pp.ring;
	unsigned int k;

	r->arena = bench_alloc((size_t)n * PP_STRIDE);
	r->pkt = bench_alloc(n * sizeof(*r->pkt));
	r->len = bench_alloc(n * sizeof(*r->len));
	for (k = 0; k < n; k++) {
		r->pkt[k].buf = r->arena + (size_t)k * PP_STRIDE;
		r->pkt[k].size = PP_STRIDE;
	}
}

/* Both sides' rings start from the same frames. */
static int pp_load(const struct pp_frames *fr)
{
	struct pp_ring *r = &pp.ring;
	unsigned int k;

	r->n = fr->n;
	r->mask = fr->n - 1;
	for (k = 0; k < r->n; k++) {
		r->pkt[k].head = MCNIC_HEADROOM;
		r->pkt[k].len = fr->len[k];
		memcpy(r->pkt[k].buf + MCNIC_HEADROOM, fr->ptr[k], fr->len[k]);
		r->len[k] = fr->len[k];
	}
	return pbp_dpdk_load(fr->ptr, fr->len, fr->n);
}

/* Both flow tables emptied, both sides' counters zeroed. */
static void pp_clear(void)
{
	mcnic_flow_cache_clear(&pp.pipe->flows);
	memset(&pp.pipe->st, 0, sizeof(pp.pipe->st));
	pbp_dpdk_clear();
}

/* ---- mcnic's timed loops ---------------------------------------------- */

/* Slot k back to the frame it was loaded with: no copy, as a NIC refill. */
static inline struct mcnic_pkt *pp_slot(unsigned int k)
{
	struct mcnic_pkt *p = &pp.ring.pkt[k];

	p->head = MCNIC_HEADROOM;
	p->len = pp.ring.len[k];
	return p;
}

static inline int pp_rx_one(struct mcnic_pkt *p, unsigned int k, u64 now)
{
	struct mcnic_pipe_out out;

	return mcnic_pipe_rx(pp.pipe, PP_VPORT, p, now, &out) ||
	       p->len != pp.ring.len[k] + PBP_HDR_LEN;
}

static u64 pp_mcnic_rx(u64 n, u64 *bad)
{
	u64 i, nbad = 0;
	unsigned int k = 0;

	for (i = 0; i < n; i++) {
		nbad += pp_rx_one(pp_slot(k), k, i);
		k = (k + 1) & pp.ring.mask;
	}
	*bad += nbad;
	return pp.pipe->st.flow_hits;
}

/* The same through mcnic_pipe_rx_burst, PBP_BURST slots a call. */
static u64 pp_mcnic_rx_burst(u64 n, u64 *bad)
{
	struct mcnic_pipe_out out[PBP_BURST];
	struct mcnic_pkt *pkts[PBP_BURST];
	unsigned int k = 0, b, j, first;
	u64 i, nbad = 0;

	for (i = 0; i < n; i += b) {
		b = n - i < PBP_BURST ? n - i : PBP_BURST;
		first = k;
		for (j = 0; j < b; j++) {
			pkts[j] = pp_slot(k);
			k = (k + 1) & pp.ring.mask;
		}
		mcnic_pipe_rx_burst(pp.pipe, PP_VPORT, pkts, b, i, out);
		for (j = 0; j < b; j++)
			nbad += out[j].drop || pkts[j]->len !=
				pp.ring.len[(first + j) & pp.ring.mask] +
				PBP_HDR_LEN;
	}
	*bad += nbad;
	return pp.pipe->st.flow_hits;
}

static u64 pp_mcnic_fresh(u64 first, u64 n, u64 *bad)
{
	u64 i, nbad = 0;
	struct mcnic_pkt *p;
	unsigned int k;
	__be16 sp;

	for (i = first; i < first + n; i++) {
		k = i & pp.ring.mask;
		p = pp_slot(k);
		sp = mcnic_htons(pbp_fresh_sport(i, pp.ring.n));
		memcpy(mcnic_pkt_data(p) + PBP_SPORT_OFF, &sp, sizeof(sp));
		nbad += pp_rx_one(p, k, i);
	}
	*bad += nbad;
	return pp.pipe->st.flow_installs;
}

static const pp_rx_fn pp_rx_fns[PP_NSIDE] = {
	pp_mcnic_rx, pbp_dpdk_rx, pp_mcnic_rx_burst, pbp_dpdk_rx_burst,
};
static const pp_fresh_fn pp_fresh_fns[2] = { pp_mcnic_fresh, pbp_dpdk_fresh };

/* ---- checks ----------------------------------------------------------- */

/*
 * Whether either side's flow-table counters are not as given (each
 * side's hits include its burst passes).
 */
static int pp_stats_differ(u64 hits, u64 dpdk_hits, u64 misses, u64 installs)
{
	const struct mcnic_pipe_stats *m = &pp.pipe->st;
	struct pbp_stats d;

	pbp_dpdk_stats(&d);
	return !(m->flow_hits == hits && m->flow_misses == misses &&
		 m->flow_installs == installs && !m->flow_stale &&
		 !m->flow_install_fail && d.hits == dpdk_hits &&
		 d.misses == misses && d.installs == installs &&
		 !d.install_fail);
}

/* Install F flows on both sides (one pass round the ring each). */
static int pp_install(struct pp_row *row)
{
	unsigned int n = pp.ring.n;

	pp_clear();
	pp_sink += pp_mcnic_rx(n, &row->bad[PP_MCNIC]);
	pp_sink += pbp_dpdk_rx(n, &row->bad[PP_DPDK]);
	return pp_stats_differ(0, 0, n, n);
}

/* ---- measuring -------------------------------------------------------- */

/*
 * One run of a hit row: install, warm every side, then time them in
 * PP_SLICES turns each, the sides taking turns (who goes first rotates).
 * On a shared machine the rate drifts with the neighbours' load; sides
 * timed back to back in short slices see the same drift, so their ratio
 * holds where two long passes, one after the other, did not.
 */
static int pp_time_hit(struct pp_row *row, unsigned int r)
{
	u64 n = pp.o.pkts, warm = n / 8 > pp.ring.n ? n / 8 : pp.ring.n, k;
	double t[PP_NSIDE] = { 0 }, t0;
	unsigned int c, i, s;

	if (pp_load(&pp.hit[row->flows > 1024]) || pp_install(row))
		return -1;
	for (s = 0; s < PP_NSIDE; s++)
		pp_sink += pp_rx_fns[s](warm, &row->bad[s]);
	for (c = 0; c < PP_SLICES; c++) {
		/* The slices add up to n exactly. */
		k = n * (c + 1) / PP_SLICES - n * c / PP_SLICES;
		for (i = 0; i < PP_NSIDE; i++) {
			s = (i + r + c) % PP_NSIDE;
			t0 = bench_cpu_s();
			pp_sink += pp_rx_fns[s](k, &row->bad[s]);
			t[s] += bench_cpu_s() - t0;
		}
	}
	for (s = 0; s < PP_NSIDE; s++)
		row->v[s][r] = n / t[s] / 1e6;
	/* Every packet after the install was a hit. */
	return pp_stats_differ(2 * (n + warm), 2 * (n + warm), pp.ring.n,
			       pp.ring.n) ? -1 : 0;
}

/* One run of the miss row: chunks of fresh flows, tables emptied between. */
static int pp_time_miss(struct pp_row *row, unsigned int r)
{
	double t[2] = { 0, 0 }, t0;
	unsigned int c, i, s;
	int rc = 0;

	if (pp_load(&pp.miss))
		return -1;
	for (c = 0; c <= pp.o.chunks; c++) {
		pp_clear();
		for (i = 0; i < 2; i++) {
			s = (i + r + c) & 1;
			t0 = bench_cpu_s();
			pp_sink += pp_fresh_fns[s](0, pp.chunk, &row->bad[s]);
			/* Chunk 0 warms both sides up. */
			if (c)
				t[s] += bench_cpu_s() - t0;
		}
		rc |= pp_stats_differ(0, 0, pp.chunk, pp.chunk);
	}
	for (s = 0; s < 2; s++)
		row->v[s][r] = (double)pp.o.chunks * pp.chunk / t[s] / 1e6;
	return rc ? -1 : 0;
}

static void pp_cg_dump(const struct pp_row *row, unsigned int s)
{
	char label[64];

	snprintf(label, sizeof(label), "%s.%s:%u", row->tag, pp_side_names[s],
		 PP_CG_PKTS);
	CALLGRIND_DUMP_STATS_AT(label);
}

/*
 * Instructions per packet: the counters zeroed after a short warm-up
 * (lazy binding of DPDK's functions), then PP_CG_PKTS packets.
 */
static int pp_callgrind_row(struct pp_row *row)
{
	u64 warm = pp.ring.n < 1024 ? pp.ring.n : 1024;
	unsigned int s;

	if (!row->flows) {
		if (pp_load(&pp.miss))
			return -1;
		for (s = 0; s < 2; s++) {
			pp_clear();
			pp_sink += pp_fresh_fns[s](0, warm, &row->bad[s]);
			pp_clear();
			CALLGRIND_ZERO_STATS;
			pp_sink += pp_fresh_fns[s](0, PP_CG_PKTS, &row->bad[s]);
			pp_cg_dump(row, s);
		}
		return 0;
	}
	if (pp_load(&pp.hit[row->flows > 1024]) || pp_install(row))
		return -1;
	for (s = 0; s < PP_NSIDE; s++) {
		pp_sink += pp_rx_fns[s](warm, &row->bad[s]);
		CALLGRIND_ZERO_STATS;
		pp_sink += pp_rx_fns[s](PP_CG_PKTS, &row->bad[s]);
		pp_cg_dump(row, s);
	}
	return 0;
}

static void pp_rows_init(void)
{
	static const struct pp_row init[] = {
		{ .name = "egress hit, 1 k flows", .tag = "hit1k",
		  .flows = PP_HIT_FLOWS },
		{ .name = "egress hit, 64 k flows", .tag = "hit64k",
		  .flows = 65536 },
		{ .name = "miss: slow path + install", .tag = "miss" },
	};
	unsigned int i, s;

	for (i = 0; i < PP_N(init); i++) {
		pp.rows[i] = init[i];
		for (s = 0; s < PP_NSIDE; s++)
			pp.rows[i].ir[s] = -1;
	}
	/* Fewer flows: the tables in L1, what is left is the path's own. */
	if (pp.o.flows != pp.rows[0].flows) {
		snprintf(pp.row0_name, sizeof(pp.row0_name),
			 "egress hit, %u flows", pp.o.flows);
		/* Its own callgrind label: bench.sh's default run has none. */
		snprintf(pp.row0_tag, sizeof(pp.row0_tag), "hit%u",
			 pp.o.flows);
		pp.rows[0].name = pp.row0_name;
		pp.rows[0].tag = pp.row0_tag;
		pp.rows[0].flows = pp.o.flows;
	}
}

static int pp_run_all(void)
{
	unsigned int r, i, s, runs = pp.o.callgrind ? 1 : pp.o.runs;
	struct pp_row *row;
	int rc;

	for (r = 0; r < runs; r++) {
		if (!pp.o.callgrind)
			fprintf(stderr, "pipebench: run %u of %u\n", r + 1,
				runs);
		for (i = 0; i < PP_N(pp.rows); i++) {
			row = &pp.rows[i];
			if (pp.o.callgrind)
				rc = pp_callgrind_row(row);
			else if (row->flows)
				rc = pp_time_hit(row, r);
			else
				rc = pp_time_miss(row, r);
			if (rc) {
				fprintf(stderr, "pipebench: %s: the flow"
					" tables do not count what was sent\n",
					row->name);
				return -1;
			}
		}
	}
	for (i = 0; i < PP_N(pp.rows); i++)
		for (s = 0; s < PP_NSIDE; s++) {
			if (pp.o.callgrind && pp.rows[i].bad[s])
				return -1;
			pp.rows[i].med[s] = bench_median(pp.rows[i].v[s], runs);
		}
	return 0;
}

/* ---- report ----------------------------------------------------------- */

/* One line of the file pipebench.sh writes from the callgrind dumps. */
static void pp_ir_line(const char *label, double ir)
{
	char want[64];
	unsigned int i, s;

	for (i = 0; i < PP_N(pp.rows); i++)
		for (s = 0; s < PP_NSIDE; s++) {
			snprintf(want, sizeof(want), "%s.%s", pp.rows[i].tag,
				 pp_side_names[s]);
			if (!strcmp(label, want))
				pp.rows[i].ir[s] = ir;
		}
}

static void pp_print_row(const struct pp_row *r, unsigned int ours,
			 unsigned int base)
{
	double a = r->med[ours], b = r->med[base];

	printf("%-27s | %7.2f", r->name, a);
	bench_print_ir(r->ir[ours]);
	printf(" | %7.2f", b);
	bench_print_ir(r->ir[base]);
	printf(" | %6.2fx", a / b);
	if (r->ir[ours] > 0 && r->ir[base] > 0)
		printf(" %6.2fx", r->ir[ours] / r->ir[base]);
	else
		printf(" %7s", "-");
	if (r->bad[ours] || r->bad[base])
		printf("  FAILED: %llu / %llu packets not forwarded",
		       (unsigned long long)r->bad[ours],
		       (unsigned long long)r->bad[base]);
	putchar('\n');
}

static void pp_print_header(const char *ours, const char *base)
{
	printf("%-27s | %-15s | %-15s | %s\n", "", ours, base,
	       "  mcnic/DPDK");
	printf("%-27s | %7s %7s | %7s %7s | %7s %7s\n", "row", "Mpps",
	       "Ir/pkt", "Mpps", "Ir/pkt", "Mpps", "Ir");
}

static void pp_legend(void)
{
	printf("\nmcnic: mcnic_pipe_rx(vport), one packet a call: mcnic_parse,"
	       " the 44-byte flow key,\n"
	       "       mcnic_flow_hash, mcnic_flow_cache_hash + lookup (gen and"
	       " action copied out), the\n"
	       "       VRF generation check, the flow's packets/bytes/last-seen"
	       " (one-core adds),\n"
	       "       mcnic_encap from the flow's template, template tx and"
	       " port rx/tx counters.\n"
	       "       miss: mcnic_slowpath_decide (LPM, next-hop group, policy"
	       " table, a lookup of the\n"
	       "       reverse flow for stateful replies) and"
	       " mcnic_flow_cache_insert, then as a hit.\n");
	printf("DPDK:  on rte_mbufs, one packet at a time:"
	       " rte_net_get_ptype(L2-L4), the same key, the\n"
	       "       flow hash (rte_hash_crc of mcnic's 40-byte tuple),"
	       " rte_hash_hash +\n"
	       "       rte_hash_lookup_with_hash_data (RW_CONCURRENCY_LF,"
	       " rte_hash_crc), the flow's\n"
	       "       packets/bytes/used (one-thread adds), tunnel push:"
	       " rte_pktmbuf_prepend, rte_memcpy\n"
	       "       of a prebuilt header, ECN, lengths, rte_ipv4_cksum,"
	       " UDP source port from the hash.\n"
	       "       miss, a minimal upcall: rte_lpm_lookup, ECMP bucket by"
	       " the hash, rte_acl_classify\n"
	       "       (one packet, one category),"
	       " rte_hash_add_key_with_hash_data, then as a hit.\n"
	       "burst: mcnic_pipe_rx_burst, %u packets a call (parsed and"
	       " keyed, one\n"
	       "       mcnic_flow_cache_lookup_bulk, executed in order); the"
	       " DPDK side with one\n"
	       "       rte_hash_lookup_bulk_data per %u packets.\n",
	       PBP_BURST, PBP_BURST);
	printf("both:  VXLAN over IPv4, DF, zero UDP checksum; the output"
	       " frames are equal byte for byte\n"
	       "       (pipebench --smoke checks).  miss: a new flow every"
	       " packet, chunks of %u into\n"
	       "       tables of %u entries, emptied between chunks (untimed):"
	       " Mpps = misses/s sustained.\n"
	       "ratios: Mpps mcnic/DPDK (>1: mcnic faster); Ir mcnic/DPDK"
	       " (>1: mcnic executes more).\n", pp.chunk, PP_FLOWS);
}

static int pp_report(void)
{
	unsigned int i, bad = 0;

	printf("pipebench: the mcnic pipeline vs an OVS-DPDK-style datapath"
	       " on %s,\nsame process, pinned to cpu %d\n",
	       pbp_dpdk_version(), pp.o.core);
	printf("program (mcnic: the control API): 1 vport in VRF %u (default"
	       " deny), %u IPv4 routes,\n%u VXLAN tunnels in %u next-hop"
	       " groups, %u policy rules (%u tuples in mcnic's table);\n"
	       "traffic: 64-byte IPv4/TCP frames 10.1/16 -> 10.200/16, ECMP"
	       " over 2 tunnels, allowed by a\nrule.  Mpps: median of %u runs"
	       " (hit rows: %llu packets), over the thread's CPU time;\n"
	       "Ir/pkt: callgrind, %u packets (miss: the first ones after"
	       " emptying the tables)\n\n", PP_VRF, PP_ROUTES, PP_NTUN,
	       PP_NGRP, PP_RULES, mcnic_policy_table_tuples(&pp.pipe->rules),
	       pp.o.runs, (unsigned long long)pp.o.pkts, PP_CG_PKTS);
	pp_print_header("     mcnic", "   DPDK");
	for (i = 0; i < PP_N(pp.rows); i++) {
		pp_print_row(&pp.rows[i], PP_MCNIC, PP_DPDK);
		bad += pp.rows[i].bad[PP_MCNIC] || pp.rows[i].bad[PP_DPDK] ||
		       pp.rows[i].bad[PP_MBURST] || pp.rows[i].bad[PP_BURST];
	}
	printf("\nboth sides in bursts of %u:\n", PBP_BURST);
	pp_print_header("mcnic burst", "DPDK burst");
	for (i = 0; i < PP_N(pp.rows); i++)
		if (pp.rows[i].flows)
			pp_print_row(&pp.rows[i], PP_MBURST, PP_BURST);
	pp_legend();
	if (bad)
		printf("\nFAILED: packets were not forwarded: the timings"
		       " measure a failing path\n");
	return bad ? 1 : 0;
}

/* ---- smoke ------------------------------------------------------------ */

/* Output frames of mcnic's ring slots unlike the DPDK side's. */
static unsigned int pp_diff(void)
{
	const struct mcnic_pkt *p;
	unsigned int k, bad = 0;
	const u8 *d;
	u16 dlen;

	for (k = 0; k < pp.ring.n; k++) {
		p = &pp.ring.pkt[k];
		d = pbp_dpdk_frame(k, &dlen);
		bad += dlen != p->len || memcmp(mcnic_pkt_data(p), d, dlen);
	}
	return bad;
}

struct pp_tally {
	unsigned int flows;
	unsigned int differ;	/* decision or counters */
	unsigned int fwd[PP_NTUN];
	unsigned int deny;
	unsigned int deny_default;
};

/* One DPDK flow against mcnic's entry for the same key. */
static int pp_flow_same(const struct pbp_key *k, const struct pbp_flow *f,
			struct pp_tally *t)
{
	const struct mcnic_flow_cache *fc = &pp.pipe->flows;
	struct mcnic_flow_key key;
	struct mcnic_flow_entry e;
	struct mcnic_flow_stats st;
	s32 idx;

	memcpy(&key, k, sizeof(key));
	idx = mcnic_flow_cache_lookup(fc, &key, mcnic_flow_cache_hash(fc, &key),
				      &e.gen, &e.act);
	if (idx < 0 || mcnic_flow_cache_read(fc, idx, NULL, &st) ||
	    st.packets != f->packets || st.bytes != f->bytes ||
	    e.act.rule != f->rule)
		return 0;
	if (f->verdict == PBP_FWD) {
		t->fwd[f->tunnel % PP_NTUN]++;
		return e.act.type == MCNIC_ACT_ENCAP && e.act.tmpl == f->tunnel;
	}
	t->deny += f->rule != PBP_RULE_DEFAULT;
	t->deny_default += f->rule == PBP_RULE_DEFAULT;
	return f->verdict == PBP_DENY && e.act.type == MCNIC_ACT_DROP &&
	       e.act.drop_reason == MCNIC_DROP_POLICY_DENY;
}

/*
 * Every flow the DPDK side holds is in mcnic's cache with the same
 * decision (verdict, rule, tunnel) and the same packet and byte counts,
 * and both hold as many.
 */
static void pp_compare_flows(struct pp_tally *t, const char *what)
{
	struct pbp_flow f;
	struct pbp_key k;
	u32 iter = 0;

	memset(t, 0, sizeof(*t));
	while (!pbp_dpdk_flow_next(&iter, &k, &f)) {
		t->flows++;
		t->differ += !pp_flow_same(&k, &f, t);
	}
	bench_check(&pp.tally, !t->differ &&
		    t->flows == mcnic_flow_cache_count(&pp.pipe->flows),
		    "%s: %u flows, same decisions and counters on both sides"
		    " (%u differ; mcnic holds %u)", what, t->flows, t->differ,
		    mcnic_flow_cache_count(&pp.pipe->flows));
}

static void pp_smoke_probes(void)
{
	unsigned int n = pp.probe.n, i, fwd = 0;
	u64 bad[2] = { 0, 0 };
	struct pp_tally t;

	bench_check(&pp.tally, !pp_load(&pp.probe), "probes: %u frames loaded",
		    n);
	pp_clear();
	pp_sink += pp_mcnic_rx(n, &bad[0]);
	pp_sink += pbp_dpdk_rx(n, &bad[1]);
	bench_check(&pp.tally, bad[0] == bad[1] && bad[0] && bad[0] < n,
		    "probes: mcnic and DPDK both drop %llu and %llu of %u",
		    (unsigned long long)bad[0], (unsigned long long)bad[1], n);
	pp_compare_flows(&t, "probes");
	for (i = 0; i < PP_NTUN; i++)
		fwd += t.fwd[i];
	bench_check(&pp.tally, fwd && t.deny && t.deny_default,
		    "probes: %u forwarded, %u denied by a rule, %u by the VRF"
		    " default", fwd, t.deny, t.deny_default);
	bench_check(&pp.tally, !pp_diff(),
		    "probes: output frames equal byte for byte");
}

static void pp_smoke_hit(void)
{
	struct pp_row *row = &pp.rows[0];
	unsigned int n = pp.hit[0].n;
	struct pp_tally t;

	bench_check(&pp.tally, !pp_load(&pp.hit[0]), "hit: %u flows loaded",
		    n);
	bench_check(&pp.tally, !pp_install(row) && !row->bad[PP_MCNIC] &&
		    !row->bad[PP_DPDK], "hit: first pass installs %u flows on"
		    " both sides, all forwarded", n);
	pp_sink += pp_mcnic_rx(2 * n, &row->bad[PP_MCNIC]);
	pp_sink += pbp_dpdk_rx(2 * n, &row->bad[PP_DPDK]);
	bench_check(&pp.tally, !row->bad[PP_MCNIC] && !row->bad[PP_DPDK],
		    "hit: 2 more passes, every packet forwarded (out.drop =="
		    " 0) with the encap's length on both sides");
	bench_check(&pp.tally, !pp_stats_differ(2 * n, 2 * n, n, n),
		    "hit: those %u packets all flow-cache hits on both sides"
		    " (no stale, no miss)", 2 * n);
	bench_check(&pp.tally, !pp_diff(),
		    "hit: output frames equal byte for byte");
	pp_compare_flows(&t, "hit");
	bench_check(&pp.tally, t.fwd[0] && t.fwd[1] && t.fwd[0] + t.fwd[1] == n,
		    "hit: ECMP spreads the flows over both tunnels (%u, %u)",
		    t.fwd[0], t.fwd[1]);
	pp_sink += pbp_dpdk_rx_burst(n, &row->bad[PP_BURST]);
	pp_sink += pp_mcnic_rx_burst(n, &row->bad[PP_MBURST]);
	bench_check(&pp.tally, !row->bad[PP_BURST] && !row->bad[PP_MBURST] &&
		    !pp_stats_differ(3 * n, 3 * n, n, n) && !pp_diff(),
		    "hit: both sides in bursts of %u forward all, all hits,"
		    " frames still equal", PBP_BURST);
	pp_compare_flows(&t, "hit after bursts");
}

static void pp_smoke_miss(void)
{
	struct pp_row *row = &pp.rows[2];
	struct pp_tally t;

	bench_check(&pp.tally, !pp_load(&pp.miss), "miss: %u-slot ring loaded",
		    pp.miss.n);
	pp_clear();
	pp_sink += pp_mcnic_fresh(0, pp.chunk, &row->bad[PP_MCNIC]);
	pp_sink += pbp_dpdk_fresh(0, pp.chunk, &row->bad[PP_DPDK]);
	bench_check(&pp.tally, !row->bad[PP_MCNIC] && !row->bad[PP_DPDK],
		    "miss: %u fresh flows, every packet forwarded on both"
		    " sides", pp.chunk);
	bench_check(&pp.tally, !pp_stats_differ(0, 0, pp.chunk, pp.chunk),
		    "miss: every packet a miss and an install on both sides");
	bench_check(&pp.tally, !pp_diff(),
		    "miss: output frames equal byte for byte");
	pp_compare_flows(&t, "miss");
}

static int pp_smoke(void)
{
	bench_check(&pp.tally, !pp_program(PP_SMOKE_FLOWS) &&
		    !pbp_dpdk_program(&pp.prog), "program both sides: %u"
		    " routes, %u rules, %u tunnels, %u-entry flow tables",
		    PP_ROUTES, PP_RULES, PP_NTUN, PP_SMOKE_FLOWS);
	if (pp.tally.fail)
		return 1;
	pp_smoke_probes();
	pp_smoke_hit();
	pp_smoke_miss();
	return bench_summary(&pp.tally);
}

/* ---- setup ------------------------------------------------------------ */

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define PP_SYNOPSIS(first, more)					\
	first "pipebench [--smoke | --callgrind] [--ir FILE] [--runs N]\n" \
	more  "          [--pkts N] [--chunks N] [--flows N] [--core N]\n" \
	more  "          [--verbose]\n" \
	more  "pipebench --help\n"

static void __attribute__((noreturn)) pp_usage(void)
{
	fputs(PP_SYNOPSIS("usage: ", "       "), stderr);
	exit(2);
}

static void __attribute__((noreturn)) pp_help(void)
{
	printf("NAME\n"
	       "\tpipebench - mcnic's pipeline vs an OVS-DPDK-style datapath\n"
	       "\n"
	       "SYNOPSIS\n"
	       PP_SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tTimes the whole firmware pipeline (mcnic_pipe_rx) against\n"
	       "\tan OVS-DPDK-style datapath built from DPDK 22.11's\n"
	       "\tlibraries (pipebench-dpdk.c), in the same process, on the\n"
	       "\tsame frames, programmed from one description: one vport in\n"
	       "\tVRF %u (default deny), %u IPv4 routes with a next-hop\n"
	       "\tgroup of two VXLAN tunnels (ECMP), %u policy rules that\n"
	       "\tallow the benchmark's traffic.\n"
	       "\n"
	       "\tEach row is a stream of 64-byte IPv4/TCP frames from the\n"
	       "\tvport.  Hit rows: 1 k and 64 k flows, all already in the\n"
	       "\tflow table (parse, key, lookup, counters, VXLAN encap).\n"
	       "\tMiss row: every packet a flow the table does not hold, so\n"
	       "\tthe slow path decides and installs, then the encap; the\n"
	       "\ttables are emptied, untimed, between chunks of %d packets.\n"
	       "\tBoth sides also run the hit rows in bursts of %u:\n"
	       "\tmcnic_pipe_rx_burst against rte_hash_lookup_bulk_data.\n"
	       "\tmcnic's side is linked as mcnic-sim is: the data plane\n"
	       "\twith LTO, its entry points flattened.  Both sides count\n"
	       "\ta flow's packets with plain adds, one thread per flow\n"
	       "\t(OVS-DPDK's dp_netdev_flow_used does the same).\n"
	       "\n"
	       "\tWith neither --smoke nor --callgrind, every row is timed\n"
	       "\ton one pinned core: each run goes round all rows, the\n"
	       "\tsides taking turns in %u slices of a hit row's packets\n"
	       "\t(in chunks of the miss row's), rotating which goes first,\n"
	       "\tand the median of the runs is printed: the sides see the\n"
	       "\tsame load from the machine's other tenants.\n"
	       "\tmake bench (tests/bench/pipebench.sh) runs\n"
	       "\t--callgrind under valgrind first, then the timed run with\n"
	       "\t--ir.\n"
	       "\n"
	       "OPTIONS\n"
	       "\t--smoke      small tables, no timing: both sides must\n"
	       "\t             forward every packet alike, byte for byte\n"
	       "\t--callgrind  under callgrind: per row and side, %u\n"
	       "\t             packets, then a dump named after them\n"
	       "\t--ir FILE    add instructions per packet from FILE, the\n"
	       "\t             \"label packets Ir\" lines bench.sh writes\n"
	       "\t--runs N     timed runs, 1..%d (default %d)\n"
	       "\t--pkts N     packets per timed run of each hit row\n"
	       "\t             (default %u)\n"
	       "\t--chunks N   timed chunks per run of the miss row, after\n"
	       "\t             one warm-up chunk (default %d)\n"
	       "\t--flows N    flows of the first hit row, a power of two,\n"
	       "\t             16..%u (default %u); with 64, every table\n"
	       "\t             fits in L1 and the rows compare the paths'\n"
	       "\t             own work\n"
	       "\t--core N     the cpu to pin to (default: the last one this\n"
	       "\t             process may run on)\n"
	       "\t--verbose    EAL log level info (default: errors only)\n"
	       "\t--help       print this page and exit\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when every packet was forwarded and the flow tables\n"
	       "\tcounted what was sent (with --smoke: every check passed).\n"
	       "\t1 when a smoke check failed, programming either side\n"
	       "\tfailed, or a timed or callgrind row lost packets or\n"
	       "\tmiscounted.  2 on bad arguments, or when DPDK's EAL or\n"
	       "\tmbuf pool cannot be set up or memory runs out.\n",
	       PP_VRF, PP_ROUTES, PP_RULES, PP_MISS_CHUNK, PBP_BURST,
	       PP_SLICES, PP_CG_PKTS, PP_RUNS_MAX, PP_RUNS, PP_PKTS,
	       PP_CHUNKS, PP_HIT_FLOWS, PP_HIT_FLOWS);
	exit(0);
}

static void pp_parse_opts(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "callgrind", no_argument, NULL, 'g' },
		{ "ir", required_argument, NULL, 'i' },
		{ "runs", required_argument, NULL, 'r' },
		{ "pkts", required_argument, NULL, 'n' },
		{ "chunks", required_argument, NULL, 'C' },
		{ "flows", required_argument, NULL, 'f' },
		{ "core", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	pp.o.runs = PP_RUNS;
	pp.o.pkts = PP_PKTS;
	pp.o.chunks = PP_CHUNKS;
	pp.o.flows = PP_HIT_FLOWS;
	pp.o.core = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': pp.o.smoke = 1; break;
		case 'g': pp.o.callgrind = 1; break;
		case 'i': pp.o.ir_file = optarg; break;
		case 'r': pp.o.runs = strtoul(optarg, NULL, 0); break;
		case 'n': pp.o.pkts = strtoull(optarg, NULL, 0); break;
		case 'C': pp.o.chunks = strtoul(optarg, NULL, 0); break;
		case 'f': pp.o.flows = strtoul(optarg, NULL, 0); break;
		case 'c': pp.o.core = strtol(optarg, NULL, 0); break;
		case 'v': pp.o.verbose = 1; break;
		case 'h': pp_help();
		default: pp_usage();
		}
	}
	if (optind != argc || pp.o.runs < 1 || pp.o.runs > PP_RUNS_MAX ||
	    pp.o.pkts < 1 || pp.o.chunks < 1 || pp.o.flows < 16 ||
	    pp.o.flows > PP_HIT_FLOWS || (pp.o.flows & (pp.o.flows - 1))) {
		fprintf(stderr, "pipebench: bad arguments (--runs 1..%d,"
			" --flows a power of two, 16..%u)\n", PP_RUNS_MAX,
			PP_HIT_FLOWS);
		pp_usage();
	}
}

/* Frames for every row; the ring as large as the largest. */
static void pp_frames_init(void)
{
	pp.rng = 42;
	pp_prog_init(pp.o.smoke ? PP_SMOKE_FLOWS : PP_FLOWS);
	pp_app_frames(&pp.miss, PP_MISS_RING);
	if (pp.o.smoke) {
		pp_app_frames(&pp.hit[0], PP_SMOKE_HIT);
		pp_probe_frames(&pp.probe, PP_MISS_RING);
		pp.chunk = PP_SMOKE_CHUNK;
		pp_ring_init(PP_MISS_RING);
		return;
	}
	pp_app_frames(&pp.hit[0], pp.rows[0].flows);
	pp_app_frames(&pp.hit[1], pp.rows[1].flows);
	pp.chunk = PP_MISS_CHUNK;
	pp_ring_init(pp.rows[1].flows);
}

int main(int argc, char **argv)
{
	int rc;

	pp_parse_opts(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	pp.o.core = bench_pin_core(pp.o.core);
	pp_rows_init();
	pp_frames_init();
	if (pbp_dpdk_init(pp.o.core, pp.o.smoke ? PP_SMOKE_EAL_MB : PP_EAL_MB,
			  pp.o.smoke ? PP_MISS_RING : pp.rows[1].flows,
			  pp.o.verbose))
		return 2;
	if (pp.o.smoke) {
		rc = pp_smoke();
	} else if (pp_program(PP_FLOWS) || pbp_dpdk_program(&pp.prog)) {
		rc = 1;
	} else {
		if (!pp.o.callgrind)
			fprintf(stderr, "pipebench: %u rows x %d sides,"
				" %u runs\n", (unsigned int)PP_N(pp.rows),
				PP_NSIDE, pp.o.runs);
		rc = pp_run_all();
		if (!rc && pp.o.ir_file)
			bench_read_ir(pp.o.ir_file, pp_ir_line);
		if (!rc && !pp.o.callgrind)
			rc = pp_report();
	}
	pbp_dpdk_fini();
	free(pp.mem);
	free(pp.pipe);
	return rc ? 1 : 0;
}
