// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic_pipe_rx_burst against mcnic_pipe_rx: two pipelines programmed
 * alike get the same random traffic, one frame per call in one and in
 * bursts of 1..70 in the other.  Every frame's output and bytes, every
 * counter and the whole flow table (entries, indices, flow counters) must
 * come out the same.  The traffic repeats flows within bursts, mixes
 * allowed and denied flows and their replies (a reply's cached deny is
 * deleted when its connection is allowed), malformed and oversized
 * frames, a full flow table, bursts on down or unknown ports; on the
 * uplink, VXLAN from two peers to vport A and B and in transit, and from
 * unknown peers, VNIs and VTEPs; between bursts, rules change, a next hop
 * goes down, flows age.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"
#include "dp/pipe.h"

#define UPLINK	0
#define VP_A	1	/* 10.1/16, segment 10 */
#define VP_B	2	/* 10.3/16, segment 20 */
#define NO_PORT	3	/* never configured */
#define VRF	1
#define VNI	5001	/* fr_tunnel_cfg's */
#define FLOWS	256	/* fills up */
#define BURST	70	/* more than MCNIC_PIPE_BURST: bursts are split */
#define BUF	(MCNIC_HEADROOM + 2048)

struct tp {
	struct mcnic_pipe p;
	void *mem;
	u8 buf[BURST][BUF];
	struct mcnic_pkt pkt[BURST];
	struct mcnic_pkt *pp[BURST];
	struct mcnic_pipe_out out[BURST];
};

static struct tp *one, *burst;
/* Frames the single-frame pipeline sent on, by action. */
static u32 sent[MCNIC_ACT_TRANSIT + 1];

static u32 rnd_state;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void limits(struct mcnic_pipe_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->ports = 4;
	lim->vrfs = 2;
	lim->flows = FLOWS;
	lim->tmpls = 4;
	lim->nexthops = 8;
	lim->nhgs = 8;
	lim->routes = 16;
	lim->lpm4_prefixes = 64;
	lim->lpm4_groups = 16;
	lim->lpm4_root_bits = 16;
	lim->lpm6_prefixes = 64;
	lim->lpm6_groups = 16;
	lim->lpm6_root_bits = 16;
	lim->rules = 64;
	lim->counted_rules = 16;
	lim->vnis = 4;
	lim->peers = 4;
}

static void port(struct mcnic_pipe *p, u16 id, u8 kind, u16 seg, u8 up)
{
	struct mcnic_port_cfg c = { .kind = kind, .up = up, .mtu = 1500,
				    .vrf = kind == MCNIC_PORTK_VPORT ? VRF : 0,
				    .segment = seg, .queues = 4 };

	assert_int_equal(mcnic_pipe_port_set(p, id, &c, NULL), 0);
}

static void nexthops(struct mcnic_pipe *p)
{
	static const u8 remote[2][4] = { { 192, 0, 2, 2 }, { 192, 0, 2, 3 } };
	struct mcnic_nexthop nh = { .kind = MCNIC_NH_TUNNEL, .port = UPLINK };
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl t;
	const char *why;
	u32 i;

	for (i = 0; i < 2; i++) {
		fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
		memcpy(c.daddr, remote[i], 4);
		assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
		assert_int_equal(mcnic_pipe_tmpl_set(p, i, &t, &why), 0);
		nh.tmpl = i;
		assert_int_equal(mcnic_pipe_nh_set(p, i, &nh, &why), 0);
	}
	nh.kind = MCNIC_NH_VPORT;
	nh.tmpl = 0;
	nh.port = VP_B;
	assert_int_equal(mcnic_pipe_nh_set(p, 2, &nh, &why), 0);
	nh.port = VP_A;
	assert_int_equal(mcnic_pipe_nh_set(p, 3, &nh, &why), 0);
}

/* Group idx: next hop member, and backup when >= 0. */
static void group(struct mcnic_pipe *p, u32 idx, u32 member, int backup)
{
	struct mcnic_nhg g;

	memset(&g, 0, sizeof(g));
	g.n_members = 1;
	g.member[0] = member;
	g.weight[0] = 1;
	if (backup >= 0) {
		g.n_backups = 1;
		g.backup[0] = backup;
	}
	assert_int_equal(mcnic_pipe_nhg_set(p, idx, &g, NULL), 0);
}

static void route(struct mcnic_pipe *p, u8 b, u32 nhg)
{
	const u8 prefix[4] = { 10, b, 0, 0 };
	struct mcnic_route r = { .nhg = nhg, .kind = MCNIC_ROUTE_NHG };

	assert_int_equal(mcnic_pipe_route_add(p, VRF, 4, prefix, 16, &r,
					      NULL), 0);
}

static struct mcnic_policy_rule rule(u32 id, u32 prio, u8 allow)
{
	struct mcnic_policy_rule r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.priority = prio;
	r.vrf = VRF;
	r.action = allow ? MCNIC_POL_ALLOW : MCNIC_POL_DENY;
	r.flags = MCNIC_POLF_COUNT;
	r.sport_hi = 65535;
	r.dport_hi = 65535;
	return r;
}

/* Rule 13 comes and goes between bursts. */
static struct mcnic_policy_rule rule_https(void)
{
	struct mcnic_policy_rule r = rule(13, 10, 0);

	r.match = MCNIC_POLM_PROTO;
	r.proto = MCNIC_IPPROTO_TCP;
	r.dport_lo = r.dport_hi = 443;
	return r;
}

static void rules(struct mcnic_pipe *p)
{
	struct mcnic_policy_rule r = rule(10, 100, 0);

	/* B may not open connections to A: its replies are established. */
	r.match = MCNIC_POLM_SSEG | MCNIC_POLM_DSEG;
	r.sseg = 20;
	r.dseg = 10;
	assert_int_equal(mcnic_pipe_rule_add(p, &r, NULL), 0);
	r = rule(11, 50, 0);
	r.match = MCNIC_POLM_PROTO;
	r.proto = MCNIC_IPPROTO_TCP;
	r.dport_lo = r.dport_hi = 22;
	assert_int_equal(mcnic_pipe_rule_add(p, &r, NULL), 0);
	r = rule(12, 200, 1);
	r.match = MCNIC_POLM_PROTO;
	r.proto = MCNIC_IPPROTO_UDP;
	assert_int_equal(mcnic_pipe_rule_add(p, &r, NULL), 0);
}

/* We terminate VXLAN VNI VNI from the two next hops' remote ends. */
static void tunnels_in(struct mcnic_pipe *p)
{
	struct mcnic_vtep v = { .family = 4, .type = MCNIC_TUN_VXLAN,
				.udp_port = MCNIC_PORT_VXLAN };
	u8 peer[4] = { 192, 0, 2, 2 };

	memcpy(v.addr, fr_tun_local4, 4);
	assert_int_equal(mcnic_pipe_vtep_add(p, &v, NULL), 0);
	assert_int_equal(mcnic_pipe_vni_set(p, VNI, VRF, NULL), 0);
	assert_int_equal(mcnic_pipe_peer_add(p, VNI, 4, peer, NULL), 0);
	peer[3] = 3;
	assert_int_equal(mcnic_pipe_peer_add(p, VNI, 4, peer, NULL), 0);
}

static struct tp *tp_new(void)
{
	struct mcnic_pipe_limits lim;
	struct tp *t = calloc(1, sizeof(*t));
	size_t size;

	assert_non_null(t);
	limits(&lim);
	size = mcnic_pipe_mem_size(&lim);
	t->mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	assert_non_null(t->mem);
	assert_int_equal(mcnic_pipe_init(&t->p, &lim, t->mem, size), 0);
	assert_int_equal(mcnic_pipe_vrf_set(&t->p, VRF, MCNIC_POL_ALLOW, NULL),
			 0);
	port(&t->p, UPLINK, MCNIC_PORTK_UPLINK, 0, 1);
	port(&t->p, VP_A, MCNIC_PORTK_VPORT, 10, 1);
	port(&t->p, VP_B, MCNIC_PORTK_VPORT, 20, 1);
	nexthops(&t->p);
	group(&t->p, 0, 0, -1);
	group(&t->p, 1, 0, 1);		/* tunnel a, backup b */
	group(&t->p, 2, 2, -1);		/* vport B */
	group(&t->p, 3, 3, -1);		/* vport A */
	route(&t->p, 2, 0);
	route(&t->p, 4, 1);
	route(&t->p, 3, 2);
	route(&t->p, 1, 3);
	rules(&t->p);
	tunnels_in(&t->p);
	return t;
}

static int setup(void **state)
{
	one = tp_new();
	burst = tp_new();
	return 0;
}

static int teardown(void **state)
{
	free(one->mem);
	free(burst->mem);
	free(one);
	free(burst);
	return 0;
}

/*
 * A frame from port: mostly TCP or UDP between a few hosts of 10.1/16
 * (vport A) and 10.2, 10.3, 10.4 and 10.9/16 (no route), replies from
 * 10.3/16 (vport B); from the uplink (inside a tunnel), from 10.2 or 10.4
 * to 10.1, 10.3, 10.4 (back out) or 10.9, half of them replies; now and
 * then truncated, not IP, or too big.
 */
static void mk_tenant(struct frame *f, u16 from)
{
	u32 a = FR_IP4(10, 1, 0, 1 + rnd() % 2), b, k = rnd() % 100;
	static const u8 nets[4] = { 2, 3, 4, 9 }, to[5] = { 1, 1, 3, 4, 9 };
	static const u16 dports[4] = { 80, 22, 443, 53 };
	u16 sport = 1000 + rnd() % 3, dport = dports[rnd() % 4], x;
	u8 proto = rnd() % 4 ? MCNIC_IPPROTO_TCP : MCNIC_IPPROTO_UDP;
	int reply = from == VP_B || (from == UPLINK && rnd() % 2);

	b = FR_IP4(10, from == VP_B ? 3 : nets[rnd() % 4], 0, 1 + rnd() % 2);
	if (from == UPLINK) {
		a = FR_IP4(10, to[rnd() % 5], 0, 1 + rnd() % 2);
		b = FR_IP4(10, rnd() % 2 ? 2 : 4, 0, 1 + rnd() % 2);
	}
	if (reply) {
		x = sport;
		sport = dport;
		dport = x;
	}
	fr_init(f);
	if (k < 3) {
		fr_eth(f, 0x0806);
		fr_payload(f, 28, (u8)k);
		fr_finish(f);
		return;
	}
	fr_eth(f, MCNIC_ETH_P_IPV4);
	if (from == VP_A)
		fr_ipv4(f, proto, a, b);
	else
		fr_ipv4(f, proto, b, a);
	if (proto == MCNIC_IPPROTO_TCP)
		fr_tcp(f, sport, dport, 0x10, 0);
	else
		fr_udp(f, sport, dport);
	fr_payload(f, k < 5 ? 1500 : 8 + rnd() % 64, (u8)k);
	fr_finish(f);
	if (k >= 5 && k < 8)
		f->len = 10 + rnd() % 30;	/* truncated */
}

/*
 * A frame on the uplink: mostly VXLAN from the peers carrying a tenant
 * frame from 10.2 or 10.4/16 to vport A or B, on in transit or nowhere
 * (the tenant frames as mk_tenant's, a few bad); now and then from an
 * unknown peer, for an unknown VNI or VTEP, or not a tunnel at all.
 */
static void mk_tunnel(struct frame *f)
{
	u32 peer = FR_IP4(192, 0, 2, 2 + rnd() % 2), vni = VNI, k;
	u32 local = FR_IP4(fr_tun_local4[0], fr_tun_local4[1],
			   fr_tun_local4[2], fr_tun_local4[3]);
	struct frame in;

	mk_tenant(&in, UPLINK);
	k = rnd() % 100;
	if (k < 4)
		peer = FR_IP4(192, 0, 2, 9);
	else if (k < 7)
		vni = VNI + 1;
	else if (k < 9)
		local ^= 1;
	fr_init(f);
	fr_eth(f, MCNIC_ETH_P_IPV4);
	fr_ipv4(f, MCNIC_IPPROTO_UDP, peer, local);
	fr_udp(f, 49152 + rnd() % 64,
	       k >= 9 && k < 11 ? 53 : MCNIC_PORT_VXLAN);
	fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, vni);
	fr_bytes(f, in.b, in.len);
	fr_finish(f);
}

static void mk_frame(struct frame *f, u16 from)
{
	if (from == UPLINK)
		mk_tunnel(f);
	else
		mk_tenant(f, from);
}

static void load(struct tp *t, u32 i, const struct frame *f)
{
	memcpy(t->buf[i] + MCNIC_HEADROOM, f->b, f->len);
	t->pkt[i].buf = t->buf[i];
	t->pkt[i].size = BUF;
	t->pkt[i].head = MCNIC_HEADROOM;
	t->pkt[i].len = f->len;
	t->pp[i] = &t->pkt[i];
}

static void assert_same_frames(u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		assert_memory_equal(&one->out[i], &burst->out[i],
				    sizeof(one->out[i]));
		assert_int_equal(one->pkt[i].head, burst->pkt[i].head);
		assert_int_equal(one->pkt[i].len, burst->pkt[i].len);
		assert_memory_equal(mcnic_pkt_data(&one->pkt[i]),
				    mcnic_pkt_data(&burst->pkt[i]),
				    one->pkt[i].len);
	}
}

static void assert_same_flows(void)
{
	struct mcnic_flow_entry ea, eb;
	struct mcnic_flow_stats sa, sb;
	s32 a = 0, b = 0;

	for (;;) {
		a = mcnic_flow_cache_next(&one->p.flows, a);
		b = mcnic_flow_cache_next(&burst->p.flows, b);
		assert_int_equal(a, b);
		if (a < 0)
			return;
		assert_int_equal(mcnic_flow_cache_read(&one->p.flows, a, &ea,
						       &sa), 0);
		assert_int_equal(mcnic_flow_cache_read(&burst->p.flows, b, &eb,
						       &sb), 0);
		assert_memory_equal(&ea, &eb, sizeof(ea));
		assert_memory_equal(&sa, &sb, sizeof(sa));
		a++;
		b++;
	}
}

static void assert_same_counters(void)
{
	const struct mcnic_pipe *x = &one->p, *y = &burst->p;
	u32 i;

	assert_memory_equal(&x->st, &y->st, sizeof(x->st));
	assert_memory_equal(x->drops, y->drops, sizeof(x->drops));
	assert_int_equal(x->ip_id, y->ip_id);
	for (i = 0; i < x->lim.ports; i++) {
		assert_memory_equal(&x->port[i].rx, &y->port[i].rx,
				    sizeof(x->port[i].rx));
		assert_memory_equal(&x->port[i].tx, &y->port[i].tx,
				    sizeof(x->port[i].tx));
		assert_memory_equal(&x->port[i].drop, &y->port[i].drop,
				    sizeof(x->port[i].drop));
	}
	for (i = 0; i < x->lim.tmpls; i++)
		assert_memory_equal(&x->tmpl_tx[i], &y->tmpl_tx[i],
				    sizeof(x->tmpl_tx[i]));
	for (i = 10; i <= 13; i++) {
		const struct mcnic_ctr *a = mcnic_pipe_rule_ctr(x, i, VRF);
		const struct mcnic_ctr *b = mcnic_pipe_rule_ctr(y, i, VRF);

		assert_true(!a == !b);
		if (a)
			assert_memory_equal(a, b, sizeof(*a));
	}
}

/* The same control change in both pipelines. */
static void change(u32 k, u64 now)
{
	struct mcnic_policy_rule r = rule_https();
	struct tp *t[2] = { one, burst };
	u32 i, cursor;

	for (i = 0; i < 2; i++) {
		struct mcnic_pipe *p = &t[i]->p;

		switch (k) {
		case 0:
			if (mcnic_pipe_rule_del(p, 13, VRF))
				assert_int_equal(mcnic_pipe_rule_add(p, &r,
								     NULL), 0);
			break;
		case 1:
			mcnic_pipe_nh_state(p, 0, now & 1);
			break;
		case 2:
			port(p, VP_B, MCNIC_PORTK_VPORT, 20, now & 1);
			break;
		default:
			cursor = 0;
			mcnic_flow_cache_expire(&p->flows, now - 3, &cursor,
						FLOWS / 4);
			break;
		}
	}
}

static void run(u32 seed, u32 bursts)
{
	static const u16 from[20] = { VP_A, VP_A, VP_A, VP_A, VP_A, VP_A,
				      VP_A, VP_A, VP_A, VP_A, VP_B, VP_B,
				      VP_B, VP_B, VP_B, VP_B, UPLINK, UPLINK,
				      NO_PORT, 9 };
	enum mcnic_drop r;
	struct frame f;
	u32 i, j, n;
	u16 src;

	rnd_state = seed;
	for (j = 0; j < bursts; j++) {
		src = from[rnd() % 20];
		n = 1 + rnd() % BURST;
		for (i = 0; i < n; i++) {
			mk_frame(&f, src);
			load(one, i, &f);
			load(burst, i, &f);
		}
		for (i = 0; i < n; i++) {
			r = mcnic_pipe_rx(&one->p, src, &one->pkt[i], j,
					  &one->out[i]);
			assert_int_equal(r, one->out[i].drop);
			if (!r && one->out[i].act <= MCNIC_ACT_TRANSIT)
				sent[one->out[i].act]++;
		}
		mcnic_pipe_rx_burst(&burst->p, src, burst->pp, n, j,
				    burst->out);
		assert_same_frames(n);
		if (rnd() % 8 == 0)
			change(rnd() % 4, j);
	}
	assert_same_counters();
	assert_same_flows();
}

static void test_burst_equals_single(void **state)
{
	const struct mcnic_pipe_stats *st = &one->p.st;

	run(0x1234567u, 3000);
	/* The traffic took every path it was meant to. */
	assert_true(st->flow_hits > 10000);
	assert_true(st->flow_misses > 10000);
	assert_true(st->flow_stale > 5000);
	assert_true(st->flow_install_fail > 1000);
	assert_true(one->p.drops[MCNIC_DROP_POLICY_DENY].packets > 10000);
	assert_true(one->p.drops[MCNIC_DROP_NO_ROUTE].packets > 5000);
	assert_true(one->p.drops[MCNIC_DROP_VPORT_MTU].packets > 500);
	assert_true(one->p.drops[MCNIC_DROP_NOT_IP].packets > 500);
	assert_true(one->p.drops[MCNIC_DROP_PORT_INVALID].packets > 1000);
	assert_true(mcnic_pipe_rule_ctr(&one->p, 12, VRF)->packets > 1000);
	assert_true(sent[MCNIC_ACT_DECAP] > 2000);
	assert_true(sent[MCNIC_ACT_TRANSIT] > 800);
	assert_true(one->p.drops[MCNIC_DROP_PEER_UNKNOWN].packets > 200);
	assert_true(one->p.drops[MCNIC_DROP_VNI_UNKNOWN].packets > 150);
	assert_true(one->p.drops[MCNIC_DROP_NOT_LOCAL_VTEP].packets > 100);
	assert_true(one->p.drops[MCNIC_DROP_NOT_TUNNEL].packets > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_burst_equals_single,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
