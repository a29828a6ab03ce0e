// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The firmware pipeline (firmware/dp/pipe*.c, slowpath.c): the flow cache
 * in front of the slow path, and above all invalidation -- every route,
 * policy, next-hop or VRF change must govern the very next packet of a
 * flow that is already cached.  Also: a full flow cache still forwards,
 * and refused control calls name the field and change nothing.
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
#define VP_A	1	/* vrf 1, segment 10 */
#define VP_B	2	/* vrf 1, segment 20 */
#define VRF	1

static const u8 remote_a[4] = { 192, 0, 2, 2 };
static const u8 remote_b[4] = { 192, 0, 2, 3 };
static const u8 net_dst[4] = { 10, 2, 0, 0 };

static struct mcnic_pipe *p;
static void *mem;

static void limits(struct mcnic_pipe_limits *lim, u32 flows)
{
	memset(lim, 0, sizeof(*lim));
	lim->ports = 4;
	lim->vrfs = 2;
	lim->flows = flows;
	lim->tmpls = 4;
	lim->nexthops = 4;
	lim->nhgs = 4;
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

static void port(u16 id, u8 kind, u16 seg)
{
	struct mcnic_port_cfg c = { .kind = kind, .up = 1, .mtu = 1500,
				    .vrf = kind == MCNIC_PORTK_VPORT ? VRF : 0,
				    .segment = seg, .queues = 4 };

	assert_int_equal(mcnic_pipe_port_set(p, id, &c, NULL), 0);
}

static void tunnel(u32 idx, const u8 *remote)
{
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl t;
	struct mcnic_nexthop nh = { .kind = MCNIC_NH_TUNNEL, .port = UPLINK,
				    .tmpl = idx };
	const char *why;

	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	memcpy(c.daddr, remote, 4);
	assert_int_equal(mcnic_tmpl_build(&c, &t, &why), 0);
	assert_int_equal(mcnic_pipe_tmpl_set(p, idx, &t, &why), 0);
	assert_int_equal(mcnic_pipe_nh_set(p, idx, &nh, &why), 0);
}

static void group(u32 idx, u32 member, int backup)
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

static void route(const u8 *prefix, u8 len, u32 nhg, u8 kind)
{
	struct mcnic_route r = { .nhg = nhg, .kind = kind };

	assert_int_equal(mcnic_pipe_route_add(p, VRF, 4, prefix, len, &r,
					      NULL), 0);
}

static int setup_flows(u32 flows)
{
	struct mcnic_pipe_limits lim;
	struct mcnic_nexthop vnh = { .kind = MCNIC_NH_VPORT, .port = VP_B };
	size_t size;

	limits(&lim, flows);
	size = mcnic_pipe_mem_size(&lim);
	assert_true(size > 0);
	mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	p = malloc(sizeof(*p));
	assert_non_null(mem);
	assert_non_null(p);
	assert_int_equal(mcnic_pipe_init(p, &lim, mem, size), 0);
	assert_int_equal(mcnic_pipe_vrf_set(p, VRF, MCNIC_POL_ALLOW, NULL), 0);
	port(UPLINK, MCNIC_PORTK_UPLINK, 0);
	port(VP_A, MCNIC_PORTK_VPORT, 10);
	port(VP_B, MCNIC_PORTK_VPORT, 20);
	tunnel(0, remote_a);
	tunnel(1, remote_b);
	assert_int_equal(mcnic_pipe_nh_set(p, 2, &vnh, NULL), 0);
	group(0, 0, -1);
	group(1, 1, -1);
	group(2, 0, 1);		/* member a, backup b */
	group(3, 2, -1);	/* vport B */
	route(net_dst, 16, 0, MCNIC_ROUTE_NHG);
	return 0;
}

static int setup(void **state)
{
	return setup_flows(1024);
}

static int teardown(void **state)
{
	free(mem);
	free(p);
	return 0;
}

static u8 buf[MCNIC_HEADROOM + FR_MAX];

/* A TCP packet 10.1.0.1:sport -> 10.2.0.5:dport from vport A. */
static enum mcnic_drop send(u16 sport, u16 dport, struct mcnic_pipe_out *o)
{
	struct mcnic_pkt pkt = { .buf = buf, .size = sizeof(buf),
				 .head = MCNIC_HEADROOM };
	struct frame f;

	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&f, MCNIC_IPPROTO_TCP, FR_IP4(10, 1, 0, 1),
		FR_IP4(10, 2, 0, 5));
	fr_tcp(&f, sport, dport, 0x02, 0);
	fr_finish(&f);
	memcpy(buf + MCNIC_HEADROOM, f.b, f.len);
	pkt.len = f.len;
	return mcnic_pipe_rx(p, VP_A, &pkt, 1, o);
}

/* The outer IPv4 destination of the frame just encapsulated. */
static const u8 *sent_to(void)
{
	/* Encap put 14 + 20 + 8 + 8 bytes in front of the inner frame. */
	return buf + MCNIC_HEADROOM - 50 + 14 + 16;
}

static void expect_to(const u8 *remote)
{
	struct mcnic_pipe_out o;

	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_NONE);
	assert_int_equal(o.act, MCNIC_ACT_ENCAP);
	assert_int_equal(o.port, UPLINK);
	assert_memory_equal(sent_to(), remote, 4);
}

static void test_hit_after_miss(void **state)
{
	struct mcnic_pipe_occupancy o;

	expect_to(remote_a);
	assert_int_equal(p->st.flow_misses, 1);
	assert_int_equal(p->st.flow_installs, 1);
	expect_to(remote_a);
	assert_int_equal(p->st.flow_hits, 1);
	assert_int_equal(p->tmpl_tx[0].packets, 2);
	assert_int_equal(p->port[VP_A].rx.packets, 2);
	assert_int_equal(p->port[UPLINK].tx.packets, 2);
	mcnic_pipe_occupancy(p, &o);
	assert_int_equal(o.t[MCNIC_TBL_FLOWS].used, 1);
	assert_int_equal(o.t[MCNIC_TBL_ROUTES].used, 1);
	assert_int_equal(o.t[MCNIC_TBL_ROUTES].capacity, 16);
	assert_int_equal(o.t[MCNIC_TBL_VRFS].used, 1);
	assert_int_equal(o.t[MCNIC_TBL_RULES].used, 0);
}

static void test_route_change_next_packet(void **state)
{
	struct mcnic_pipe_out o;

	expect_to(remote_a);
	route(net_dst, 16, 1, MCNIC_ROUTE_NHG);		/* replace */
	expect_to(remote_b);
	assert_int_equal(p->st.flow_stale, 1);
	/* A more specific route wins at once too. */
	route((const u8[]){ 10, 2, 0, 0 }, 24, 0, MCNIC_ROUTE_NHG);
	expect_to(remote_a);
	assert_int_equal(mcnic_pipe_route_del(p, VRF, 4,
					      (const u8[]){ 10, 2, 0, 0 },
					      24), 0);
	expect_to(remote_b);
	route(net_dst, 16, 0, MCNIC_ROUTE_BLACKHOLE);
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_BLACKHOLE);
	assert_int_equal(mcnic_pipe_route_del(p, VRF, 4, net_dst, 16), 0);
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_NO_ROUTE);
	assert_int_equal(p->drops[MCNIC_DROP_NO_ROUTE].packets, 1);
	assert_int_equal(mcnic_pipe_route_del(p, VRF, 4, net_dst, 16),
			 -MCNIC_ENOENT);
}

static struct mcnic_policy_rule deny_rule(u32 id)
{
	struct mcnic_policy_rule r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.priority = 10;
	r.vrf = VRF;
	r.action = MCNIC_POL_DENY;
	r.flags = MCNIC_POLF_COUNT;
	r.match = MCNIC_POLM_PROTO | MCNIC_POLM_EGRESS | MCNIC_POLM_DSEG;
	r.family = 4;
	r.dst_len = 16;
	memcpy(r.dst, net_dst, 4);
	r.proto = MCNIC_IPPROTO_TCP;
	r.dseg = 0;		/* the route carries no segment */
	r.sport_hi = 65535;
	r.dport_lo = 80;
	r.dport_hi = 80;
	return r;
}

static void test_policy_change_next_packet(void **state)
{
	struct mcnic_policy_rule r = deny_rule(77);
	struct mcnic_pipe_out o;
	const struct mcnic_ctr *c;

	expect_to(remote_a);
	assert_int_equal(mcnic_pipe_rule_add(p, &r, NULL), 0);
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_POLICY_DENY);
	assert_int_equal(o.rule, 77);
	/* The cached deny is served from the cache, and counted. */
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_POLICY_DENY);
	c = mcnic_pipe_rule_ctr(p, 77, VRF);
	assert_non_null(c);
	assert_int_equal(c->packets, 2);
	/* Another port is not covered by the rule. */
	assert_int_equal(send(1000, 81, &o), MCNIC_DROP_NONE);
	assert_int_equal(mcnic_pipe_rule_del(p, 77, VRF), 0);
	expect_to(remote_a);
	assert_null(mcnic_pipe_rule_ctr(p, 77, VRF));
}

static void test_vrf_default_next_packet(void **state)
{
	struct mcnic_pipe_out o;
	const struct mcnic_ctr *c;

	expect_to(remote_a);
	assert_int_equal(mcnic_pipe_vrf_set(p, VRF, MCNIC_POL_DENY, NULL), 0);
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_POLICY_DENY);
	assert_int_equal(o.rule, MCNIC_RULE_DEFAULT);
	/* The default counts what it allowed before and denies now. */
	c = mcnic_pipe_rule_ctr(p, MCNIC_RULE_DEFAULT, VRF);
	assert_non_null(c);
	assert_int_equal(c->packets, 2);
	assert_int_equal(mcnic_pipe_vrf_set(p, VRF, MCNIC_POL_ALLOW, NULL), 0);
	expect_to(remote_a);
}

static void test_nexthop_failover_next_packet(void **state)
{
	struct mcnic_pipe_out o;

	route(net_dst, 16, 2, MCNIC_ROUTE_NHG);
	expect_to(remote_a);
	assert_int_equal(mcnic_pipe_nh_state(p, 0, 1), 0);
	expect_to(remote_b);			/* the backup */
	assert_int_equal(mcnic_pipe_nh_state(p, 1, 1), 0);
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_NEXTHOP_DOWN);
	assert_int_equal(mcnic_pipe_nh_state(p, 0, 0), 0);
	expect_to(remote_a);
	assert_int_equal(mcnic_pipe_nh_state(p, 3, 0), -MCNIC_ENOENT);
}

static void test_local_delivery(void **state)
{
	struct mcnic_pipe_out o;

	route(net_dst, 16, 3, MCNIC_ROUTE_NHG);
	assert_int_equal(send(1000, 80, &o), MCNIC_DROP_NONE);
	assert_int_equal(o.act, MCNIC_ACT_FORWARD);
	assert_int_equal(o.port, VP_B);
	assert_true(o.queue < 4);
	/* The destination vport's segment is the one policy sees. */
}

/* A full cache still carries every packet: it just cannot remember. */
static void test_full_cache_still_forwards(void **state)
{
	struct mcnic_pipe_out o;
	u32 i, cap;

	teardown(state);
	setup_flows(16);
	cap = mcnic_flow_cache_capacity(&p->flows);
	for (i = 0; i < 4 * cap; i++) {
		assert_int_equal(send(2000 + i, 80, &o), MCNIC_DROP_NONE);
		assert_memory_equal(sent_to(), remote_a, 4);
	}
	assert_true(p->st.flow_install_fail > 0);
	assert_int_equal(p->st.flow_installs + p->st.flow_install_fail,
			 4 * cap);
	assert_true(mcnic_flow_cache_count(&p->flows) <= cap);
	for (i = 0; i < MCNIC_DROP_COUNT; i++)
		assert_int_equal(p->drops[i].packets, 0);
}

static void test_control_refusals_change_nothing(void **state)
{
	struct mcnic_route r = { .nhg = 0 };
	struct mcnic_nexthop nh = { .kind = MCNIC_NH_TUNNEL, .port = UPLINK,
				    .tmpl = 3 };
	struct mcnic_encap_tmpl t;
	struct mcnic_policy_rule rule = deny_rule(5);
	const char *why = NULL;

	assert_int_equal(mcnic_pipe_route_add(p, 9, 4, net_dst, 16, &r, &why),
			 -MCNIC_ENOENT);
	assert_string_equal(why, "vrf");
	r.nhg = 3;
	r.kind = 7;
	assert_int_equal(mcnic_pipe_route_add(p, VRF, 4, net_dst, 8, &r, &why),
			 -MCNIC_EINVAL);
	assert_string_equal(why, "kind");
	/* Template 3 was never written. */
	assert_int_equal(mcnic_pipe_nh_set(p, 1, &nh, &why), -MCNIC_EINVAL);
	assert_string_equal(why, "tmpl");
	memset(&t, 0, sizeof(t));
	assert_int_equal(mcnic_pipe_tmpl_set(p, 2, &t, &why), -MCNIC_EINVAL);
	assert_string_equal(why, "template");
	rule.sport_lo = 9;
	rule.sport_hi = 1;
	assert_int_equal(mcnic_pipe_rule_add(p, &rule, &why), -MCNIC_EINVAL);
	assert_null(mcnic_pipe_rule_ctr(p, 5, VRF));
	assert_int_equal(mcnic_policy_table_count(&p->rules), 0);
	assert_int_equal(mcnic_pipe_vni_set(p, 100, 9, &why), -MCNIC_ENOENT);
	assert_string_equal(why, "vrf");
	/* And the data path is exactly as before. */
	expect_to(remote_a);
}

/*
 * A next hop's port keeps its kind: the uplink under the tunnels, vport B
 * under next hop 2.  Repointing or deleting the next hop lets go.
 */
static void test_port_kind_held_by_nexthop(void **state)
{
	struct mcnic_port_cfg none = { .kind = MCNIC_PORTK_NONE };
	struct mcnic_port_cfg up = { .kind = MCNIC_PORTK_UPLINK, .up = 1,
				     .mtu = 1500 };
	struct mcnic_nexthop vnh = { .kind = MCNIC_NH_VPORT, .port = VP_A };
	const char *why = NULL;

	assert_int_equal(mcnic_pipe_port_set(p, VP_B, &none, &why),
			 -MCNIC_EBUSY);
	assert_string_equal(why, "a next hop");
	assert_int_equal(mcnic_pipe_port_set(p, VP_B, &up, &why),
			 -MCNIC_EBUSY);
	assert_int_equal(mcnic_pipe_port_set(p, UPLINK, &none, &why),
			 -MCNIC_EBUSY);
	assert_int_equal(p->port[VP_B].cfg.kind, MCNIC_PORTK_VPORT);
	assert_int_equal(p->port_nh_refs[UPLINK], 2);
	/* Next hop 2 moves to vport A: B is free, A is held. */
	assert_int_equal(mcnic_pipe_nh_set(p, 2, &vnh, &why), 0);
	assert_int_equal(mcnic_pipe_port_set(p, VP_B, &up, &why), 0);
	assert_int_equal(mcnic_pipe_port_set(p, VP_A, &none, &why),
			 -MCNIC_EBUSY);
	/* Group 3 holds next hop 2; without both, vport A is free too. */
	assert_int_equal(mcnic_pipe_nhg_del(p, 3, &why), 0);
	assert_int_equal(mcnic_pipe_nh_del(p, 2, &why), 0);
	assert_int_equal(p->port_nh_refs[VP_A], 0);
	assert_int_equal(mcnic_pipe_port_set(p, VP_A, &none, &why), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hit_after_miss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_change_next_packet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_change_next_packet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vrf_default_next_packet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nexthop_failover_next_packet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_local_delivery, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_cache_still_forwards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_control_refusals_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_port_kind_held_by_nexthop,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
