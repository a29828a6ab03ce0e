// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The whole HDL pipeline against the firmware pipeline.  Two NICs get the
 * same random tables: one runs every frame in firmware (mcnic_pipe_rx), the
 * other is the HDL model driven by the native firmware as on the NIC (CSR
 * writes, punts, re-injection: sim/hdl_engine.c).  The same frames --
 * tenant traffic on repeating flows, VXLAN, GENEVE and GRE from peers,
 * spoofed peers and unknown VNIs, corrupt outer checksums, malformed and
 * non-IP frames, frames too big for a vport or a path, frames from dead
 * ports -- run through both, with table changes in between (routes,
 * next-hop state, templates, policy, VNIs, peers, VTEPs, flow flushes),
 * and every frame's fate, output port and queue, action, rule and bytes
 * must be equal, and so must every counter at the end.  Some of the flows
 * are chosen so that their keys share both HDL buckets: more of them than
 * the buckets' ways hold, so the firmware puts some in the HDL's stash and
 * evicts others, and the stash's entries must behave like the buckets'.
 *
 * Then a stream: frames of flows the HDL already holds go in back to back,
 * with random idle cycles on the input and back-pressure on every output,
 * and come out in order, equal to the firmware's, with the AXI-Stream rules
 * kept; its cycles per frame are printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "dp/dp.h"
#include "dp/pipe.h"
#include "sim/hdl_engine.h"
#include "pipeline_shim.h"

#define PORTS		32
#define UPLINKS		2
#define VPORTS		8	/* ports 2..9 */
#define VRFS		3
#define TMPLS		12
#define TMPL_BIG	70	/* beyond the HDL's 64: executed in firmware */
#define NHS		24
#define NHGS		12
#define FLOWS_POOL	400
/*
 * The pool's last flows collide in the HDL table: COLL_A of them have both
 * candidate buckets X (4 ways), COLL_B have buckets Y and Z (8 ways).  The
 * 8-entry stash takes the first 14 that find no way; the rest evict.
 */
#define COLL_A		10u
#define COLL_B		14u
#define FRAMES		30000
#define STREAM		3000

struct nic {
	struct mcnic_pipe *p;
	void *mem;
	struct mcnic_hdl_engine *e;
};

static struct nic fw, hw;
static unsigned int pass, fail;
static u32 rnd_state = 1;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void check(int ok, const char *what)
{
	if (ok) {
		pass++;
		return;
	}
	if (fail++ < 20)
		printf("FAIL: %s\n", what);
}

static void limits(struct mcnic_pipe_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->ports = PORTS;
	lim->vrfs = 4;
	lim->flows = 4096;
	lim->tmpls = 128;
	lim->nexthops = 64;
	lim->nhgs = 32;
	lim->routes = 256;
	lim->lpm4_prefixes = 256;
	lim->lpm4_groups = 64;
	lim->lpm4_root_bits = 16;
	lim->lpm6_prefixes = 256;
	lim->lpm6_groups = 64;
	lim->lpm6_root_bits = 16;
	lim->rules = 64;
	lim->counted_rules = 16;
	lim->vnis = 16;
	lim->peers = 16;
}

static void nic_open(struct nic *n, int with_hdl)
{
	struct mcnic_pipe_limits lim;
	char err[128];
	size_t size;

	limits(&lim);
	size = mcnic_pipe_mem_size(&lim);
	n->mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	n->p = malloc(sizeof(*n->p));
	if (!n->mem || !n->p || mcnic_pipe_init(n->p, &lim, n->mem, size)) {
		printf("FAIL: pipeline init\n");
		exit(1);
	}
	if (!with_hdl)
		return;
	n->e = mcnic_hdl_engine_open(n->p, err, sizeof(err));
	if (!n->e) {
		printf("FAIL: %s\n", err);
		exit(1);
	}
}

/* The same control call on both NICs: both must answer alike. */
#define BOTH(fn, ...) do {						\
	int a_ = fn(fw.p, __VA_ARGS__);					\
	int b_ = fn(hw.p, __VA_ARGS__);					\
	check(a_ == b_, #fn " answered differently");			\
} while (0)

static void set_port(u16 id, u8 kind, u8 up, u16 mtu, u16 vrf)
{
	struct mcnic_port_cfg c = { .kind = kind, .up = up, .mtu = mtu,
				    .vrf = vrf, .segment = vrf * 10,
				    .queues = 4 };

	BOTH(mcnic_pipe_port_set, id, &c, NULL);
}

static void random_tmpl(u32 idx)
{
	static const u8 types[] = { MCNIC_TUN_VXLAN, MCNIC_TUN_GENEVE,
				    MCNIC_TUN_GRE };
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl t;
	const char *why;
	u32 i;

	fr_tunnel_cfg(&c, types[rnd() % 3]);
	c.daddr[3] = idx;
	c.mtu = 200 + rnd() % 9000;
	c.flags = rnd() & (MCNIC_TUNF_VLAN | MCNIC_TUNF_UDP_CSUM |
			   MCNIC_TUNF_DF_SET | MCNIC_TUNF_DF_INHERIT |
			   MCNIC_TUNF_TTL_INHERIT | MCNIC_TUNF_DSCP_INHERIT |
			   MCNIC_TUNF_ECN_COMPAT);
	c.vlan_tci = rnd() & 0xfff;
	c.sport_min = 1024 + rnd() % 30000;
	c.sport_max = c.sport_min + rnd() % 30000;
	if (rnd() % 3 == 0) {
		c.flags |= MCNIC_TUNF_OUTER_V6 | (rnd() & MCNIC_TUNF_UDP6_ZERO);
		c.flags &= ~(MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET |
			     MCNIC_TUNF_DF_INHERIT);
		fr_ip6addr(c.saddr, 1);
		fr_ip6addr(c.daddr, 100 + idx);
	}
	if (c.type == MCNIC_TUN_GRE) {
		c.dport = 0;
		c.sport_min = c.sport_max = 0;
		c.flags &= ~(MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_UDP6_ZERO);
		c.flags |= rnd() & (MCNIC_TUNF_GRE_KEY | MCNIC_TUNF_GRE_L3);
	}
	if (c.type == MCNIC_TUN_GENEVE && rnd() % 2) {
		c.gnv_opt_len = 4 * (1 + rnd() % 6);
		for (i = 0; i < c.gnv_opt_len; i++)
			c.gnv_opt[i] = rnd();
		c.gnv_opt[3] = (c.gnv_opt_len / 4 - 1) & 0x1f;
		c.gnv_opt[2] &= 0x7f;
	}
	if (mcnic_tmpl_build(&c, &t, &why)) {
		fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
		if (mcnic_tmpl_build(&c, &t, &why))
			return;
	}
	BOTH(mcnic_pipe_tmpl_set, idx, &t, &why);
}

static void set_nh(u32 idx)
{
	struct mcnic_nexthop nh = { .kind = MCNIC_NH_TUNNEL,
				    .port = rnd() % UPLINKS,
				    .tmpl = rnd() % TMPLS };

	if (idx == NHS - 1)
		nh.tmpl = TMPL_BIG;
	if (rnd() % 5 == 0) {
		nh.kind = MCNIC_NH_VPORT;
		nh.port = UPLINKS + rnd() % VPORTS;
		nh.tmpl = 0;
	}
	BOTH(mcnic_pipe_nh_set, idx, &nh, NULL);
}

static void set_nhg(u32 idx)
{
	struct mcnic_nhg g;
	u32 i;

	memset(&g, 0, sizeof(g));
	g.n_members = 1 + rnd() % 4;
	for (i = 0; i < g.n_members; i++) {
		g.member[i] = rnd() % NHS;
		g.weight[i] = 1 + rnd() % 8;
	}
	g.n_backups = rnd() % 2;
	g.backup[0] = rnd() % NHS;
	BOTH(mcnic_pipe_nhg_set, idx, &g, NULL);
}

/* Destinations: 10.<vrf>.<n>.x and 2001:db8::<vrf><n>xx. */
static void set_route(u16 vrf, u32 n, int add)
{
	struct mcnic_route r = { .nhg = rnd() % NHGS };
	u8 a4[4] = { 10, vrf, n, 0 }, a6[16];

	if (rnd() % 10 == 0)
		r.kind = MCNIC_ROUTE_BLACKHOLE;
	fr_ip6addr(a6, vrf << 12 | n << 4);
	if (add) {
		BOTH(mcnic_pipe_route_add, vrf, 4, a4, 24, &r, NULL);
		BOTH(mcnic_pipe_route_add, vrf, 6, a6, 124, &r, NULL);
	} else {
		BOTH(mcnic_pipe_route_del, vrf, 4, a4, 24);
		BOTH(mcnic_pipe_route_del, vrf, 6, a6, 124);
	}
}

static void set_rule(u32 id, u16 vrf)
{
	struct mcnic_policy_rule r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.priority = id;
	r.vrf = vrf;
	r.action = rnd() % 3 ? MCNIC_POL_ALLOW : MCNIC_POL_DENY;
	r.flags = rnd() % 3 ? 0 : MCNIC_POLF_COUNT;
	r.match = MCNIC_POLM_PROTO;
	r.proto = rnd() % 2 ? MCNIC_IPPROTO_UDP : MCNIC_IPPROTO_TCP;
	r.sport_hi = r.dport_hi = 65535;
	r.dport_lo = rnd() % 2 ? 0 : 80;
	r.dport_hi = r.dport_lo ? 90 : 65535;
	BOTH(mcnic_pipe_rule_add, &r, NULL);
}

/* Local VTEPs at fr_tun_local4; VNI 1000 + v is VRF v's. */
static const u8 tun_types[3] = { MCNIC_TUN_VXLAN, MCNIC_TUN_GENEVE,
				 MCNIC_TUN_GRE };

static void set_vtep(u8 type, int add)
{
	struct mcnic_vtep v = { .family = 4, .type = type };

	v.udp_port = type == MCNIC_TUN_VXLAN ? MCNIC_PORT_VXLAN :
		     type == MCNIC_TUN_GENEVE ? MCNIC_PORT_GENEVE : 0;
	memcpy(v.addr, fr_tun_local4, 4);
	if (add)
		BOTH(mcnic_pipe_vtep_add, &v, NULL);
	else
		BOTH(mcnic_pipe_vtep_del, &v);
}

/* Peers 192.0.2.2-4 on every VNI; .5 on none (spoofed). */
static void set_peer(u32 vni, u8 host, int add)
{
	u8 a[16] = { 192, 0, 2, host };

	if (add)
		BOTH(mcnic_pipe_peer_add, vni, 4, a, NULL);
	else
		BOTH(mcnic_pipe_peer_del, vni, 4, a);
}

static void setup_tunnels(void)
{
	u32 i, v;

	for (i = 0; i < 3; i++)
		set_vtep(tun_types[i], 1);
	for (v = 1; v <= VRFS; v++) {
		BOTH(mcnic_pipe_vni_set, 1000 + v, v, NULL);
		for (i = 2; i <= 4; i++)
			set_peer(1000 + v, i, 1);
	}
}

static void setup(void)
{
	u32 i, v;

	for (v = 1; v <= VRFS; v++)
		BOTH(mcnic_pipe_vrf_set, v, v == 3 ? MCNIC_POL_DENY :
			MCNIC_POL_ALLOW, NULL);
	for (i = 0; i < UPLINKS; i++)
		set_port(i, MCNIC_PORTK_UPLINK, 1, 9000, 0);
	for (i = 0; i < VPORTS; i++)
		set_port(UPLINKS + i, MCNIC_PORTK_VPORT, i != 7,
			 i == 3 ? 600 : 1500 + 500 * (i % 3), 1 + i % VRFS);
	for (i = 0; i < TMPLS; i++)
		random_tmpl(i);
	random_tmpl(TMPL_BIG);
	for (i = 0; i < NHS; i++)
		set_nh(i);
	for (i = 0; i < NHGS; i++)
		set_nhg(i);
	for (v = 1; v <= VRFS; v++)
		for (i = 0; i < 12; i++)
			set_route(v, i, 1);
	for (i = 1; i <= 6; i++)
		set_rule(i, 1 + i % VRFS);
	setup_tunnels();
}

struct flow {
	u16 port;
	u8 v6, proto;
	u16 sport, dport;
	u8 dst_vrf, dst_net, host;
};

static struct flow pool[FLOWS_POOL];

static void random_flow(struct flow *fl)
{
	static const u8 protos[] = { MCNIC_IPPROTO_TCP, MCNIC_IPPROTO_UDP,
				     MCNIC_IPPROTO_ICMP };

	fl->port = UPLINKS + rnd() % VPORTS;
	fl->v6 = rnd() % 3 == 0;
	fl->proto = protos[rnd() % 3];
	fl->sport = rnd();
	fl->dport = rnd() % 4 ? 80 + rnd() % 16 : rnd();
	/* Tunnel ports mean nothing on a vport (the firmware's parse_plain). */
	if (fl->proto == MCNIC_IPPROTO_UDP && rnd() % 8 == 0)
		fl->dport = (u16[]){ MCNIC_PORT_VXLAN, MCNIC_PORT_GENEVE,
				     MCNIC_PORT_ESPINUDP }[rnd() % 3];
	fl->dst_vrf = 1 + rnd() % VRFS;
	fl->dst_net = rnd() % 14;	/* 12 and 13: no route */
	fl->host = rnd();
}

/* A tenant frame of flow fl, appended (Ethernet onwards). */
static void append_flow(struct frame *f, const struct flow *fl, u16 pay)
{
	u8 proto = fl->proto;
	u32 dst = FR_IP4(10, fl->dst_vrf, fl->dst_net, fl->host);

	if (rnd() % 8 == 0) {
		fr_eth(f, MCNIC_ETH_P_8021Q);
		fr_vlan(f, rnd() & 0xfff, fl->v6 ? MCNIC_ETH_P_IPV6 :
			MCNIC_ETH_P_IPV4);
	} else
		fr_eth(f, fl->v6 ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4);
	if (fl->v6) {
		if (proto == MCNIC_IPPROTO_ICMP)
			proto = MCNIC_IPPROTO_ICMPV6;
		fr_ipv6(f, proto, 7, fl->dst_vrf << 12 | fl->dst_net << 4 |
			(fl->host & 15));
	} else {
		fr_ipv4(f, proto, FR_IN_SRC, dst);
	}
	if (proto == MCNIC_IPPROTO_TCP)
		fr_tcp(f, fl->sport, fl->dport, 0x10, 0);
	else if (proto == MCNIC_IPPROTO_UDP)
		fr_udp(f, fl->sport, fl->dport);
	else
		fr_icmp(f, fl->v6 ? 128 : 8, 0, fl->sport, 1);
	fr_payload(f, pay, rnd());
}

static void build_flow(struct frame *f, const struct flow *fl, u16 pay)
{
	fr_init(f);
	append_flow(f, fl, pay);
	fr_finish(f);
}

/* The flow-cache key of fl's frames, as the firmware builds it. */
static int flow_key(const struct flow *fl, struct mcnic_flow_key *k)
{
	struct mcnic_pkt_meta m;
	struct frame f;

	build_flow(&f, fl, 20);
	if (mcnic_parse(f.b, f.len, &hw.p->parse_plain, &m))
		return -1;
	mcnic_pipe_key(k, &m.outer, fl->port, hw.p->port[fl->port].cfg.vrf, 0);
	return 0;
}

/*
 * n TCP flows from vport port whose keys' HDL buckets are b0 and b1: the
 * ports of one flow tried until its key hashes there (about 2^20 tries a
 * flow), each one checked through the firmware's own parse and key.
 */
static u32 collide(struct flow *out, u32 n, u16 port, u32 b0, u32 b1,
		   u32 log2b)
{
	struct mcnic_flow_key k, k2;
	struct flow fl;
	u32 found = 0, sp, dp, h;

	random_flow(&fl);
	fl.port = port;
	fl.v6 = 0;
	fl.proto = MCNIC_IPPROTO_TCP;
	fl.dst_net %= 12;		/* a route */
	if (flow_key(&fl, &k))
		return 0;
	for (dp = 1; dp < 65536 && found < n; dp++) {
		k.dport = dp;
		for (sp = 1; sp < 65536 && found < n; sp++) {
			k.sport = sp;
			h = mcnic_flow_cache_hash(&hw.p->flows, &k);
			if (mcnic_hw_ft_bucket(h, 0, log2b) != b0 ||
			    mcnic_hw_ft_bucket(h, 1, log2b) != b1)
				continue;
			fl.sport = sp;
			fl.dport = dp;
			if (flow_key(&fl, &k2) || memcmp(&k, &k2, sizeof(k)))
				return found;
			out[found++] = fl;
		}
	}
	return found;
}

/*
 * The same tenant flow arriving from the overlay: VXLAN, GENEVE or GRE
 * (its type picked by the flow) from a peer, to VNI 1000 + its VRF; now
 * and then from a spoofed source, to an unknown VNI, or with a corrupt
 * outer checksum.
 */
static void build_tunnel(struct frame *f, const struct flow *fl, u16 pay)
{
	u8 type = tun_types[fl->sport % 3];
	u32 vni = 1000 + fl->dst_vrf, k = rnd() % 40;
	u32 src = FR_IP4(192, 0, 2, 2 + fl->host % 3);
	u32 local = FR_IP4(fr_tun_local4[0], fr_tun_local4[1],
			   fr_tun_local4[2], fr_tun_local4[3]);
	u16 ip;

	if (k == 0)
		src = FR_IP4(192, 0, 2, 5);
	if (k == 1)
		vni = 999;
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	ip = fr_ipv4(f, type == MCNIC_TUN_GRE ? MCNIC_IPPROTO_GRE :
		     MCNIC_IPPROTO_UDP, src, local);
	if (type == MCNIC_TUN_VXLAN) {
		fr_udp(f, 40000 + fl->sport % 2000, MCNIC_PORT_VXLAN);
		fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, vni);
	} else if (type == MCNIC_TUN_GENEVE) {
		fr_udp(f, 40000 + fl->sport % 2000, MCNIC_PORT_GENEVE);
		fr_geneve(f, 0, MCNIC_ETH_P_TEB, vni, NULL, 0);
	} else {
		fr_gre(f, MCNIC_GRE_F_K, MCNIC_ETH_P_TEB, vni, 0);
	}
	append_flow(f, fl, pay);
	fr_finish(f);
	if (k == 2)
		f->b[ip + 10] ^= 0x40;	/* the outer IPv4 checksum */
}

/* A frame that is not a clean tenant packet. */
static void build_odd(struct frame *f, u16 *port)
{
	struct flow fl;
	u32 k = rnd() % 5, i;

	random_flow(&fl);
	build_flow(f, &fl, rnd() % 200);
	*port = fl.port;
	switch (k) {
	case 0:		/* corrupt a header byte */
		f->b[14 + rnd() % 30] ^= 1 << (rnd() % 8);
		break;
	case 1:		/* truncate */
		f->len = 1 + rnd() % f->len;
		break;
	case 2:		/* not IP */
		fr_init(f);
		fr_eth(f, 0x0806);
		fr_payload(f, 28, rnd());
		fr_finish(f);
		break;
	case 3:		/* from an uplink, or a port that is down or unused */
		*port = rnd() % 3 == 0 ? rnd() % UPLINKS :
			rnd() % 2 ? UPLINKS + 7 : 20 + rnd() % 20;
		break;
	default:	/* random bytes */
		f->len = 14 + rnd() % 120;
		for (i = 0; i < f->len; i++)
			f->b[i] = rnd();
		break;
	}
}

static u8 buf_a[MCNIC_HEADROOM + 16384], buf_b[MCNIC_HEADROOM + 16384];

static void run_frame(const struct frame *f, u16 port, u32 n)
{
	struct mcnic_pkt a = { .buf = buf_a, .size = sizeof(buf_a),
			       .head = MCNIC_HEADROOM, .len = f->len };
	struct mcnic_pkt b = { .buf = buf_b, .size = sizeof(buf_b),
			       .head = MCNIC_HEADROOM, .len = f->len };
	struct mcnic_pipe_out oa, ob;
	char what[200];
	int ok;

	memcpy(buf_a + MCNIC_HEADROOM, f->b, f->len);
	memcpy(buf_b + MCNIC_HEADROOM, f->b, f->len);
	mcnic_pipe_rx(fw.p, port, &a, n, &oa);
	mcnic_hdl_engine_rx(hw.e, port, &b, n, &ob);
	ok = oa.drop == ob.drop && oa.act == ob.act && oa.rule == ob.rule &&
	     (oa.drop || (oa.port == ob.port && oa.queue == ob.queue &&
			  oa.hash == ob.hash && a.len == b.len &&
			  !memcmp(mcnic_pkt_data(&a), mcnic_pkt_data(&b),
				  a.len)));
	snprintf(what, sizeof(what), "frame %u (port %u, %u bytes): fw %s "
		 "act %u port %u len %u, hdl %s act %u port %u len %u", n,
		 port, f->len, mcnic_drop_sym(oa.drop), oa.act, oa.port, a.len,
		 mcnic_drop_sym(ob.drop), ob.act, ob.port, b.len);
	check(ok, what);
}

static u32 n_flushes;

static void flows_clear(void)
{
	mcnic_pipe_flows_clear(fw.p);
	mcnic_pipe_flows_clear(hw.p);
	n_flushes++;
}

/* A table change between frames, on both NICs. */
static void random_change(void)
{
	u32 nh = rnd() % NHS, down = rnd() % 2;

	switch (rnd() % 9) {
	case 0:
		set_route(1 + rnd() % VRFS, rnd() % 12, rnd() % 2);
		break;
	case 1:
		BOTH(mcnic_pipe_nh_state, nh, down);
		break;
	case 2:
		random_tmpl(rnd() % TMPLS);
		break;
	case 3:
		set_rule(10 + rnd() % 20, 1 + rnd() % VRFS);
		break;
	case 4:
		flows_clear();
		break;
	case 5:
		set_nhg(rnd() % NHGS);
		break;
	case 6:
		/* A VNI moves to another VRF, a peer goes or comes back. */
		BOTH(mcnic_pipe_vni_set, 1000 + 1 + nh % VRFS,
		     1 + down % VRFS, NULL);
		set_peer(1000 + 1 + nh % VRFS, 2 + nh % 3, down);
		break;
	case 7:
		set_vtep(tun_types[nh % 3], 0);
		set_vtep(tun_types[nh % 3], 1);
		break;
	default:
		set_nh(rnd() % NHS);
		break;
	}
}

static void compare_ctr(const struct mcnic_ctr *a, const struct mcnic_ctr *b,
			const char *what, u32 i)
{
	char s[80];

	snprintf(s, sizeof(s), "counter %s[%u]: fw %llu/%llu, hdl %llu/%llu",
		 what, i, (unsigned long long)a->packets,
		 (unsigned long long)a->bytes, (unsigned long long)b->packets,
		 (unsigned long long)b->bytes);
	check(a->packets == b->packets && a->bytes == b->bytes, s);
}

static void compare_counters(void)
{
	u32 i;

	mcnic_hdl_engine_fold(hw.e);
	for (i = 0; i < MCNIC_DROP_COUNT; i++)
		compare_ctr(&fw.p->drops[i], &hw.p->drops[i], "drop", i);
	for (i = 0; i < PORTS; i++) {
		compare_ctr(&fw.p->port[i].rx, &hw.p->port[i].rx, "rx", i);
		compare_ctr(&fw.p->port[i].tx, &hw.p->port[i].tx, "tx", i);
		compare_ctr(&fw.p->port[i].drop, &hw.p->port[i].drop,
			    "port drop", i);
	}
	for (i = 0; i < fw.p->lim.tmpls; i++)
		compare_ctr(&fw.p->tmpl_tx[i], &hw.p->tmpl_tx[i], "tmpl", i);
	for (i = 0; i < fw.p->lim.counted_rules; i++)
		compare_ctr(&fw.p->rule_ctr[i], &hw.p->rule_ctr[i], "rule", i);
	for (i = 0; i < fw.p->lim.peers; i++)
		compare_ctr(&fw.p->peer_rx[i], &hw.p->peer_rx[i], "peer", i);
	check(fw.p->st.flow_misses == hw.p->st.flow_misses &&
	      fw.p->st.flow_stale == hw.p->st.flow_stale &&
	      fw.p->st.flow_installs == hw.p->st.flow_installs,
	      "flow cache misses, stale hits and installs");
}

/*
 * The stash's packet counts now.  Summed before every table change and at
 * the end, a lower bound of the frames the HDL executed from stash entries
 * (a WRITE zeroes a slot's counters after the firmware folded them; only
 * mcnic_hdl_engine_fold, at the end, folds without a write).
 */
static u64 stash_packets(u32 log2b, u32 stash)
{
	struct mcnic_hdl_pipe *hp = mcnic_hdl_engine_model(hw.e);
	u64 n = 0;
	u32 i, a;

	for (i = 0; i < stash; i++) {
		a = MCNIC_HW_CTR_ADDR(MCNIC_HW_CTR_FLOW +
				      mcnic_hw_ft_stash_slot(log2b, i));
		n += mcnic_hdl_pipe_read(hp, a);
		n += (u64)mcnic_hdl_pipe_read(hp, a + 4) << 32;
	}
	return n;
}

static void differential(void)
{
	struct mcnic_hdl_pipe *hp = mcnic_hdl_engine_model(hw.e);
	u32 log2b = mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_GEOM) & 0xff;
	u32 stash = mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_GEOM2) & 0xff;
	u32 nb = 1u << log2b, x = rnd() % nb;
	u32 y = (x + 1 + rnd() % (nb - 1)) % nb;	/* not x */
	u32 z = (y + 1) % nb == x ? (y + 2) % nb : (y + 1) % nb;
	struct flow *coll = &pool[FLOWS_POOL - COLL_A - COLL_B];
	struct mcnic_hdl_engine_stats st;
	char what[160];
	struct frame f;
	u32 n, i;
	u16 port;
	u64 spk = 0;

	for (i = 0; i < FLOWS_POOL; i++)
		random_flow(&pool[i]);
	n = collide(coll, COLL_A, UPLINKS, x, x, log2b);
	n += collide(coll + COLL_A, COLL_B, UPLINKS + 1, y, z, log2b);
	snprintf(what, sizeof(what), "%u of %u flows found whose keys share "
		 "buckets %u (both) or %u and %u", n, COLL_A + COLL_B, x, y, z);
	check(n == COLL_A + COLL_B, what);
	for (n = 0; n < FRAMES; n++) {
		if (rnd() % 2000 == 0 || n == FRAMES / 2) {
			/* Before its flush or STALE rewrites zero them. */
			spk += stash_packets(log2b, stash);
			/* Halfway, with the stash full: it must empty too. */
			if (n == FRAMES / 2)
				flows_clear();
			else
				random_change();
		}
		if (rnd() % 12 == 0) {
			build_odd(&f, &port);
		} else if (rnd() % 3 == 0) {
			const struct flow *fl = &pool[rnd() % FLOWS_POOL];

			build_tunnel(&f, fl, rnd() % 300);
			port = fl->port % UPLINKS;
		} else {
			const struct flow *fl = &pool[rnd() % FLOWS_POOL];
			u16 pay = rnd() % 8 ? rnd() % 300 : rnd() % 1900;

			build_flow(&f, fl, pay);
			port = fl->port;
		}
		run_frame(&f, port, n);
	}
	spk += stash_packets(log2b, stash);
	compare_counters();
	mcnic_hdl_engine_stats(hw.e, &st);
	printf("differential: %u frames, %llu executed by the HDL, %llu "
	       "punted, %llu re-injected, %llu flows offloaded (%llu into "
	       "the stash, %llu evictions), %llu executed by the firmware; "
	       "at least %llu frames executed from stash entries; %u "
	       "flushes\n", FRAMES,
	       (unsigned long long)st.hdl_executed,
	       (unsigned long long)st.punted,
	       (unsigned long long)st.reinjected,
	       (unsigned long long)st.fw.offered,
	       (unsigned long long)st.fw.stashed,
	       (unsigned long long)st.fw.evicted,
	       (unsigned long long)st.fw.executed, (unsigned long long)spk,
	       n_flushes);
	check(st.hdl_executed > FRAMES / 2, "the HDL executed most frames");
	check(stash == MCNIC_HW_FT_STASH && st.fw.stashed > 0 &&
	      st.fw.evicted > 0, "flows placed in the stash, and evicted");
	check(spk > 0, "frames executed from stash entries");
}

/* The stream: what the firmware made of each frame, in order. */
struct stream_exp {
	u8 drop;
	u16 port;
	u16 len;
	u8 bytes[2048];
};

static struct stream_exp exp_[STREAM];
static u32 n_tx, n_res, stream_bad;

static void stream_tx(void *priv, const u8 *frame, u32 len,
		      const struct mcnic_hw_tx_user *tu)
{
	const struct stream_exp *x;

	/* Frames come out in order; dropped ones leave none. */
	while (n_tx < STREAM && exp_[n_tx].drop)
		n_tx++;
	if (n_tx == STREAM) {
		stream_bad++;
		return;
	}
	x = &exp_[n_tx++];
	if (x->port != tu->port || x->len != len ||
	    memcmp(x->bytes, frame, len)) {
		if (!stream_bad && getenv("DEBUG")) {
			u32 i;

			printf("stream frame %u: port %u/%u len %u/%u\n",
			       n_tx - 1, x->port, tu->port, x->len, len);
			for (i = 0; i < len && i < x->len; i++)
				if (x->bytes[i] != frame[i])
					printf(" byte %u: %02x/%02x\n", i,
					       x->bytes[i], frame[i]);
		}
		stream_bad++;
	}
}

static void stream_res(void *priv, const struct mcnic_hw_result *r)
{
	if (r->tag != n_res || r->punt || r->drop != exp_[n_res].drop) {
		if (!stream_bad && getenv("DEBUG"))
			printf("stream result %u: tag %u punt %u drop %u/%u\n",
			       n_res, r->tag, r->punt, exp_[n_res].drop,
			       r->drop);
		stream_bad++;
	}
	n_res++;
}

static void stream_punt(void *priv, const u8 *frame, u32 len,
			const struct mcnic_hw_rx_user *u)
{
	if (getenv("DEBUG"))
		printf("stream punt: tag %u port %u why %u len %u\n", u->tag,
		       u->port, u->punt, len);
	stream_bad++;
}

/* Flows whose frames the HDL executes without the firmware. */
static u32 stream_flows(struct flow *fl, u32 max)
{
	struct mcnic_hdl_engine_stats a, b;
	struct frame f;
	u32 i, n = 0;

	for (i = 0; i < FLOWS_POOL && n < max; i++) {
		build_flow(&f, &pool[i], 100);
		run_frame(&f, pool[i].port, i);
		mcnic_hdl_engine_stats(hw.e, &a);
		run_frame(&f, pool[i].port, i);
		mcnic_hdl_engine_stats(hw.e, &b);
		if (b.punted == a.punted)
			fl[n++] = pool[i];
	}
	return n;
}

/*
 * Back to back: returns the cycles the HDL took for STREAM frames, whose
 * sizes are picked by size (0: random).
 */
static s64 stream(unsigned int in_gap, unsigned int out_stall, u16 size)
{
	static struct flow fl[64];
	struct mcnic_hdl_pipe *hp = mcnic_hdl_engine_model(hw.e);
	struct mcnic_hdl_pipe_ops ops = { .tx = stream_tx, .punt = stream_punt,
					  .result = stream_res }, old;
	struct mcnic_pkt a = { .buf = buf_a, .size = sizeof(buf_a) };
	struct mcnic_hw_rx_user u = { 0 };
	struct mcnic_pipe_out o;
	struct frame f;
	u32 nfl = stream_flows(fl, 64), i;
	s64 cycles;

	if (!nfl)
		return -1;
	n_tx = n_res = 0;
	for (i = 0; i < STREAM; i++) {
		const struct flow *x = &fl[rnd() % nfl];

		build_flow(&f, x, size ? size : rnd() % 1500);
		a.head = MCNIC_HEADROOM;
		a.len = f.len;
		memcpy(buf_a + MCNIC_HEADROOM, f.b, f.len);
		exp_[i].drop = mcnic_pipe_rx(fw.p, x->port, &a, i, &o);
		exp_[i].port = o.port;
		exp_[i].len = a.len;
		if (a.len <= sizeof(exp_[i].bytes))
			memcpy(exp_[i].bytes, mcnic_pkt_data(&a), a.len);
		u.port = x->port;
		u.tag = i;
		mcnic_hdl_pipe_send(hp, f.b, f.len, &u);
	}
	mcnic_hdl_pipe_set_ops(hp, &ops, &old);
	mcnic_hdl_pipe_pressure(hp, in_gap, out_stall, rnd());
	cycles = mcnic_hdl_pipe_run(hp, 50000000);
	mcnic_hdl_pipe_pressure(hp, 0, 0, 1);
	mcnic_hdl_pipe_set_ops(hp, &old, NULL);
	return n_res == STREAM ? cycles : -1;
}

static void streams(void)
{
	static const u16 sizes[] = { 46, 200, 1400 };
	char what[120];
	unsigned int i;
	s64 c;

	for (i = 0; i < 3; i++) {
		stream_bad = 0;
		c = stream(0, 0, sizes[i]);
		printf("stream: %u frames of %u-byte payload back to back: "
		       "%.2f cycles per frame\n", STREAM, sizes[i],
		       c > 0 ? (double)c / STREAM : -1.0);
		snprintf(what, sizeof(what), "stream of %u-byte frames: %u "
			 "bad frames or results, cycles %lld", sizes[i],
			 stream_bad, (long long)c);
		check(c > 0 && !stream_bad, what);
	}
	stream_bad = 0;
	c = stream(30, 30, 0);
	snprintf(what, sizeof(what), "stream with idle input and back-pressure: "
		 "%u bad, cycles %lld", stream_bad, (long long)c);
	check(c > 0 && !stream_bad, what);
	compare_counters();
}

/*
 * The CSR block as a driver sees it: identity and geometry, and bad
 * operations refused with a status, changing nothing (the differential
 * run after this still agrees frame by frame).
 */
static void csr(void)
{
	struct mcnic_hdl_pipe *hp = mcnic_hdl_engine_model(hw.e);
	static const struct { u32 cmd; u32 st; const char *what; } bad[] = {
		{ 0xee, MCNIC_HW_ST_BAD_OP, "an unknown operation" },
		{ 0, MCNIC_HW_ST_BAD_OP, "operation 0" },
		{ MCNIC_HW_OP_TMPL_WRITE | 64u << 8, MCNIC_HW_ST_BAD_ARG,
		  "a template beyond the table" },
		{ MCNIC_HW_OP_PORT_WRITE | 200u << 8, MCNIC_HW_ST_BAD_ARG,
		  "a port beyond the table" },
		{ MCNIC_HW_OP_FLOW_WRITE | 0xffffffu << 8, MCNIC_HW_ST_BAD_ARG,
		  "a flow slot beyond the table" },
		{ MCNIC_HW_OP_VTEP_WRITE | 16u << 8, MCNIC_HW_ST_BAD_ARG,
		  "a VTEP beyond the table" },
		{ MCNIC_HW_OP_TUN_WRITE | 4096u << 8, MCNIC_HW_ST_BAD_ARG,
		  "a tunnel slot beyond the cache" },
	};
	char what[96];
	u32 geom, nslot, i;

	check(mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_ID) == MCNIC_HW_ID_MAGIC &&
	      mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_VERSION) == MCNIC_HW_VERSION,
	      "CSR: ID and VERSION");
	geom = mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_GEOM);
	check(((geom >> 8) & 0xff) == PORTS && (geom & 0xff) >= 1,
	      "CSR: GEOM has the ports and bucket bits");
	check(mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_GEOM2) == MCNIC_HW_FT_STASH,
	      "CSR: GEOM2 has the stash entries");
	/* The last stash slot is a slot (empty yet); the next one is not. */
	nslot = mcnic_hw_ft_stash_slot(geom & 0xff, MCNIC_HW_FT_STASH);
	mcnic_hdl_pipe_write(hp, MCNIC_HW_REG_CMD,
			     MCNIC_HW_OP_FLOW_CLEAR | (nslot - 1) << 8);
	check(mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_STATUS) == MCNIC_HW_ST_OK,
	      "CSR: CLEAR of the last stash slot");
	mcnic_hdl_pipe_write(hp, MCNIC_HW_REG_CMD,
			     MCNIC_HW_OP_FLOW_CLEAR | nslot << 8);
	check(mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_STATUS) ==
	      MCNIC_HW_ST_BAD_ARG, "CSR: CLEAR past the stash refused");
	/* The stage reads back what was written. */
	mcnic_hdl_pipe_write(hp, MCNIC_HW_REG_STAGE + 8, 0x12345678);
	check(mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_STAGE + 8) == 0x12345678,
	      "CSR: the stage reads back");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mcnic_hdl_pipe_write(hp, MCNIC_HW_REG_CMD, bad[i].cmd);
		snprintf(what, sizeof(what), "CSR: %s refused with status %u",
			 bad[i].what, bad[i].st);
		check(mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_STATUS) == bad[i].st,
		      what);
	}
	/* Reads of unmapped addresses answer zero. */
	check(!mcnic_hdl_pipe_read(hp, 0x0ffc) &&
	      !mcnic_hdl_pipe_read(hp, MCNIC_HW_REG_STAGE + 0x200),
	      "CSR: unmapped reads are zero");
}

int main(void)
{
	const char *why = NULL;

	nic_open(&fw, 0);
	nic_open(&hw, 1);
	setup();
	csr();
	differential();
	streams();
	check(!mcnic_hdl_engine_violations(hw.e, &why),
	      why ? why : "stream rule violation");
	mcnic_hdl_engine_close(hw.e);
	printf("%u passed, %u failed\n", pass, fail);
	return fail ? 1 : 0;
}
