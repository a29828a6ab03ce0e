// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * libmcnic's typed calls, as a C program uses them: linked against the
 * shared library (so each must be exported) and run against mcnic-sim
 * ($MCNIC_DEVICE, started by tests/host/api.sh).  Every write is followed
 * by a read through the typed dump, which must show the change; every
 * delete by a dump that no longer has the entry.  The tests run in order
 * and build on each other: VRFs, ports, VTEPs, VNIs, peers, tunnels, next
 * hops, groups, routes, rules, then the deletes in reverse.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "mcnic.h"

static struct mcnic *h;

/* Entries the tests write; later tests refer to earlier ones. */
static struct mcnic_cmd_vrf vrf1 = { .id = 1,
				     .default_action = MCNIC_POL_DENY };
static struct mcnic_cmd_vrf vrf2 = { .id = 2,
				     .default_action = MCNIC_POL_ALLOW };
static struct mcnic_cmd_vtep vtep;
static struct mcnic_cmd_vni vni = { .vni = 1001, .vrf = 1 };
static struct mcnic_cmd_peer peer = { .vni = 1001, .family = 4 };
static struct mcnic_cmd_tmpl tmpl;
static struct mcnic_cmd_nh nh[2];
static struct mcnic_cmd_nhg nhg;
static struct mcnic_cmd_route route;
static struct mcnic_policy_rule rule;

#define CALL(x)	call_ok(x, #x)

static void call_ok(int r, const char *what)
{
	if (r)
		fail_msg("%s = %d: %s", what, r, mcnic_errmsg(h));
}

static void addr4(u8 *a, const char *s)
{
	memset(a, 0, 16);
	assert_int_equal(inet_pton(AF_INET, s, a), 1);
}

/* Whether the n entries of size bytes at e hold one equal to want. */
static int has(const void *e, unsigned int n, size_t size, const void *want)
{
	const unsigned char *p = e;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!memcmp(p + i * size, want, size))
			return 1;
	return 0;
}

/* The device's own table, through its typed dump. */
#define DUMPED(fn, want) ({						\
	__typeof__((want)) *d_ = NULL;					\
	unsigned int n_ = 0;						\
	int r_ = fn(h, &d_, &n_);				\
	if (r_)								\
		fail_msg(#fn ": %s", mcnic_errmsg(h));			\
	r_ = has(d_, n_, sizeof(want), &(want));			\
	free(d_);							\
	r_;								\
})

static int group_setup(void **state)
{
	const char *dev = getenv("MCNIC_DEVICE");

	if (!dev || mcnic_open(&h, dev)) {
		fprintf(stderr, "cannot open %s: %s\n", dev ? dev : "(unset)",
			mcnic_errmsg(NULL));
		return -1;
	}
	return mcnic_reset(h);
}

static int group_teardown(void **state)
{
	mcnic_close(h);
	return 0;
}

/* The capability FDT's table sizes are the pipeline's capacities. */
static void test_caps_table_size(void **state)
{
	struct mcnic_cmd_pipe_stats ps;
	struct mcnic_caps caps;

	CALL(mcnic_caps(h, &caps));
	CALL(mcnic_pipe_stats(h, &ps));
	assert_true(mcnic_caps_table_size(&caps, "routes") > 0);
	assert_int_equal(mcnic_caps_table_size(&caps, "routes"),
			 ps.t[MCNIC_CMD_TBL_ROUTES].capacity);
	assert_int_equal(mcnic_caps_table_size(&caps, "no-such-table"), 0);
}

/* A device that never answers: the timeout set is the one waited for. */
static void test_set_timeout(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct mcnic_cmd_heartbeat hb;
	struct timespec t0, t1;
	char dev[sizeof(sa.sun_path) + 8];
	struct mcnic *m;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	double s;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "/tmp/mcnic-api-%d.sock",
		 (int)getpid());
	unlink(sa.sun_path);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 1), 0);
	snprintf(dev, sizeof(dev), "sim:%s", sa.sun_path);
	assert_int_equal(mcnic_open(&m, dev), 0);
	mcnic_set_timeout(m, 200);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(mcnic_heartbeat(m, &hb), -ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(s >= 0.15 && s < MCNIC_TIMEOUT_MS / 2000.0);
	mcnic_close(m);
	close(fd);
	unlink(sa.sun_path);
}

/* A raw batch: all or nothing, with the refused entry's index. */
static void test_cmd(void **state)
{
	struct mcnic_cmd_vrf batch[2] = { vrf1, { .id = 0 } };
	struct mcnic_cmd_heartbeat hb;
	u32 len = 0;
	u16 idx = 0;

	assert_true(mcnic_cmd(h, MCNIC_CMD_VRF_SET, 2, batch, sizeof(batch),
			      NULL, 0, NULL, &idx) < 0);
	assert_int_equal(idx, 1);
	assert_false(DUMPED(mcnic_vrf_dump, vrf1));
	CALL(mcnic_cmd(h, MCNIC_CMD_VRF_SET, 1, &vrf1, sizeof(vrf1), NULL, 0,
		       NULL, NULL));
	assert_true(DUMPED(mcnic_vrf_dump, vrf1));
	CALL(mcnic_cmd(h, MCNIC_CMD_HEARTBEAT, 0, NULL, 0, &hb, sizeof(hb),
		       &len, NULL));
	assert_int_equal(len, sizeof(hb));
	assert_true(hb.beats > 0);
}

static void test_parse(void **state)
{
	struct mcnic_parse_cfg was, c, now;

	CALL(mcnic_parse_get(h, &was));
	c = was;
	c.geneve_port = was.geneve_port == 6082 ? 6083 : 6082;
	CALL(mcnic_parse_set(h, &c));
	CALL(mcnic_parse_get(h, &now));
	assert_memory_equal(&now, &c, sizeof(c));
	CALL(mcnic_parse_set(h, &was));
}

static void test_vrf(void **state)
{
	struct mcnic_cmd_vrf two[2] = { vrf1, vrf2 };

	CALL(mcnic_vrf_set(h, two, 2));
	assert_true(DUMPED(mcnic_vrf_dump, vrf2));
	CALL(mcnic_vrf_del(h, &vrf2, 1));
	assert_false(DUMPED(mcnic_vrf_dump, vrf2));
	assert_true(DUMPED(mcnic_vrf_dump, vrf1));
}

static void test_port(void **state)
{
	struct mcnic_cmd_port p[2] = {
		{ .id = 0, .kind = MCNIC_CMD_PORT_UPLINK, .up = 1,
		  .mtu = 1500, .mac = { 2, 0, 10, 0, 0, 1 } },
		{ .id = 16, .kind = MCNIC_CMD_PORT_VPORT, .up = 1,
		  .mtu = 1450, .vrf = 1, .segment = 10, .queues = 1,
		  .mac = { 2, 0, 10, 0, 1, 0x10 } },
	};

	CALL(mcnic_port_set(h, p, 2));
	assert_true(DUMPED(mcnic_port_dump, p[0]));
	assert_true(DUMPED(mcnic_port_dump, p[1]));
}

static void test_vtep(void **state)
{
	vtep.family = 4;
	vtep.type = MCNIC_TUN_VXLAN;
	vtep.udp_port = 4789;
	addr4(vtep.addr, "192.0.2.1");
	CALL(mcnic_vtep_add(h, &vtep, 1));
	assert_true(DUMPED(mcnic_vtep_dump, vtep));
}

static void test_vni(void **state)
{
	CALL(mcnic_vni_set(h, &vni, 1));
	assert_true(DUMPED(mcnic_vni_dump, vni));
}

static void test_peer(void **state)
{
	addr4(peer.addr, "198.51.100.1");
	CALL(mcnic_peer_add(h, &peer, 1));
	assert_true(DUMPED(mcnic_peer_dump, peer));
}

static void test_tmpl(void **state)
{
	struct mcnic_tunnel_cfg *c = &tmpl.cfg;
	static const u8 smac[6] = { 2, 0, 10, 0, 0, 1 };
	static const u8 dmac[6] = { 2, 0, 10, 0, 0, 0xfe };

	tmpl.idx = 0;
	c->type = MCNIC_TUN_VXLAN;
	c->ttl = 64;
	memcpy(c->smac, smac, 6);
	memcpy(c->dmac, dmac, 6);
	addr4(c->saddr, "192.0.2.1");
	addr4(c->daddr, "198.51.100.1");
	c->vni = 1001;
	c->dport = 4789;
	c->sport_min = 49152;
	c->sport_max = 65535;
	c->mtu = 1500;
	CALL(mcnic_tmpl_set(h, &tmpl, 1));
	assert_true(DUMPED(mcnic_tmpl_dump, tmpl));
}

static void test_nh(void **state)
{
	nh[0].idx = 0;
	nh[0].nh.kind = MCNIC_NH_TUNNEL;
	nh[0].nh.port = 0;
	nh[0].nh.tmpl = 0;
	nh[1].idx = 1;
	nh[1].nh.kind = MCNIC_NH_VPORT;
	nh[1].nh.port = 16;
	CALL(mcnic_nh_set(h, nh, 2));
	assert_true(DUMPED(mcnic_nh_dump, nh[0]));
	assert_true(DUMPED(mcnic_nh_dump, nh[1]));
}

static void test_nhg(void **state)
{
	nhg.idx = 0;
	nhg.n_members = 2;
	nhg.member[0] = 0;
	nhg.member[1] = 1;
	nhg.weight[0] = 3;
	nhg.weight[1] = 1;
	CALL(mcnic_nhg_set(h, &nhg, 1));
	assert_true(DUMPED(mcnic_nhg_dump, nhg));
}

static void test_route(void **state)
{
	route.vrf = 1;
	route.family = 4;
	route.len = 16;
	addr4(route.prefix, "10.2.0.0");
	route.route.nhg = 0;
	route.route.segment = 10;
	CALL(mcnic_route_add(h, &route, 1));
	assert_true(DUMPED(mcnic_route_dump, route));
}

static void test_rule(void **state)
{
	rule.id = 20;
	rule.priority = 50;
	rule.vrf = 1;
	rule.action = MCNIC_POL_ALLOW;
	rule.flags = MCNIC_POLF_COUNT;
	rule.match = MCNIC_POLM_PROTO | MCNIC_POLM_EGRESS;
	rule.proto = 6;
	rule.dport_lo = 443;
	rule.dport_hi = 443;
	rule.sport_hi = 65535;
	CALL(mcnic_rule_add(h, &rule, 1));
	assert_true(DUMPED(mcnic_rule_dump, rule));
}

/* Deletes, in the reverse order of what depends on what. */
static void test_deletes(void **state)
{
	CALL(mcnic_rule_del(h, &rule, 1));
	assert_false(DUMPED(mcnic_rule_dump, rule));
	CALL(mcnic_route_del(h, &route, 1));
	assert_false(DUMPED(mcnic_route_dump, route));
	CALL(mcnic_nhg_del(h, &nhg, 1));
	assert_false(DUMPED(mcnic_nhg_dump, nhg));
	CALL(mcnic_nh_del(h, nh, 2));
	assert_false(DUMPED(mcnic_nh_dump, nh[0]));
	assert_false(DUMPED(mcnic_nh_dump, nh[1]));
	CALL(mcnic_tmpl_del(h, &tmpl, 1));
	assert_false(DUMPED(mcnic_tmpl_dump, tmpl));
	CALL(mcnic_peer_del(h, &peer, 1));
	assert_false(DUMPED(mcnic_peer_dump, peer));
	CALL(mcnic_vni_del(h, &vni, 1));
	assert_false(DUMPED(mcnic_vni_dump, vni));
	CALL(mcnic_vtep_del(h, &vtep, 1));
	assert_false(DUMPED(mcnic_vtep_dump, vtep));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_table_size),
		cmocka_unit_test(test_set_timeout),
		cmocka_unit_test(test_cmd),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_vrf),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_vtep),
		cmocka_unit_test(test_vni),
		cmocka_unit_test(test_peer),
		cmocka_unit_test(test_tmpl),
		cmocka_unit_test(test_nh),
		cmocka_unit_test(test_nhg),
		cmocka_unit_test(test_route),
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_deletes),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
