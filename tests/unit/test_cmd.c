// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The firmware's command handler (firmware/fw/cmd*.c, tbl_*.c), spoken to
 * only through mailbox messages (include/mcnic/cmd.h): every header check,
 * a set-then-dump round trip per object, a bad field per entry type with
 * its message, deletes refused while something uses the object (ports a
 * next hop uses included), batches that change nothing when refused (full
 * dumps and every counter compared before and after, a full table in the
 * middle included), VNIs of 32 bits (GRE keys), multi-answer dumps,
 * counters after real frames, a route change governing the next packet of
 * a cached flow, and RESET.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"
#include "fw/cmd.h"

#define HDR		((u32)sizeof(struct mcnic_cmd_hdr))
#define UPLINK		0
#define VP_A		1	/* vrf 1 */
#define VP_B		2	/* vrf 2 */
#define VNI		5001
#define SNAP_MAX	(4u << 20)

static struct mcnic_fw *fw;
static void *mem;
static u8 req[MCNIC_CMD_MSG_MAX];
static u8 resp[MCNIC_CMD_MSG_MAX];
static struct mcnic_cmd_hdr *rh = (struct mcnic_cmd_hdr *)resp;
static u32 seq;

static void limits(struct mcnic_pipe_limits *lim, u32 routes, u16 vrfs)
{
	memset(lim, 0, sizeof(*lim));
	lim->ports = 4;
	lim->vrfs = vrfs;
	lim->flows = 64;
	lim->tmpls = 4;
	lim->nexthops = 4;
	lim->nhgs = 4;
	lim->routes = routes;
	lim->lpm4_prefixes = routes;
	lim->lpm4_groups = 64;
	lim->lpm4_root_bits = 16;
	lim->lpm6_prefixes = 64;
	lim->lpm6_groups = 16;
	lim->lpm6_root_bits = 16;
	lim->rules = 8;
	lim->counted_rules = 8;
	lim->vnis = 4;
	lim->peers = 4;
}

static void fw_new(u32 routes, u16 vrfs)
{
	struct mcnic_pipe_limits lim;
	size_t size;

	limits(&lim, routes, vrfs);
	size = mcnic_fw_mem_size(&lim);
	assert_true(size > 0);
	mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	assert_non_null(mem);
	assert_int_equal(mcnic_fw_init(&fw, &lim, mem, size), 0);
}

static int setup(void **state)
{
	fw_new(6000, 4);
	return 0;
}

static int teardown(void **state)
{
	free(mem);
	return 0;
}

/* Checks what every answer must be; returns its status. */
static s32 answer_check(u32 n, u16 op, u32 s)
{
	assert_true(n >= HDR && n <= sizeof(resp));
	assert_int_equal(n, HDR + rh->len);
	assert_int_equal(rh->version, MCNIC_CMD_VERSION);
	assert_int_equal(rh->opcode, op);
	assert_int_equal(rh->seq, s);
	assert_int_equal(rh->flags, 0);
	assert_non_null(memchr(rh->err_msg, 0, sizeof(rh->err_msg)));
	assert_true(rh->status || !rh->err_msg[0]);
	assert_true(!rh->status || rh->err_msg[0]);
	return rh->status;
}

static s32 cmd_raw(u16 op, u16 count, const void *payload, u32 len,
		   u32 resp_max)
{
	struct mcnic_cmd_hdr h = { .version = MCNIC_CMD_VERSION,
				   .opcode = op, .seq = ++seq, .len = len,
				   .count = count };
	u32 n;

	memcpy(req, &h, HDR);
	memcpy(req + HDR, payload, len);
	n = mcnic_fw_cmd(fw, req, HDR + len, resp, resp_max, 0);
	return answer_check(n, op, seq);
}

static s32 cmd(u16 op, u16 count, const void *payload, u32 len)
{
	return cmd_raw(op, count, payload, len, sizeof(resp));
}

#define CMD1(op, e)	cmd(op, 1, &(e), sizeof(e))
#define OK1(op, e)	assert_int_equal(CMD1(op, e), 0)

static void expect_err(s32 status, s32 want, const char *msg, u16 index)
{
	assert_int_equal(status, want);
	assert_string_equal(rh->err_msg, msg);
	assert_int_equal(rh->err_index, index);
}

/* One DUMP or STATS request; the payload after the cursor is resp + 80. */
static u32 dump1(u16 op, u16 obj, u16 max, u32 cursor, u32 resp_max)
{
	struct mcnic_cmd_dump d = { .obj = obj, .max = max, .cursor = cursor };
	struct mcnic_cmd_dump_resp r;

	assert_int_equal(cmd_raw(op, 1, &d, sizeof(d), resp_max), 0);
	memcpy(&r, resp + HDR, sizeof(r));
	return r.next;
}

static const u8 *entries(void)
{
	return resp + HDR + sizeof(struct mcnic_cmd_dump_resp);
}

/* Every entry of obj, appended to out; returns the bytes added. */
static size_t dump_all(u16 op, u16 obj, u8 *out, u16 max)
{
	size_t n = 0, chunk;
	u32 cursor = 0;

	do {
		cursor = dump1(op, obj, max, cursor, sizeof(resp));
		chunk = rh->len - sizeof(struct mcnic_cmd_dump_resp);
		memcpy(out + n, entries(), chunk);
		n += chunk;
	} while (cursor);
	return n;
}

static const u16 table_objs[] = {
	MCNIC_OBJ_PARSE, MCNIC_OBJ_PORT, MCNIC_OBJ_VRF, MCNIC_OBJ_VTEP,
	MCNIC_OBJ_VNI, MCNIC_OBJ_PEER, MCNIC_OBJ_TMPL, MCNIC_OBJ_NH,
	MCNIC_OBJ_NHG, MCNIC_OBJ_ROUTE, MCNIC_OBJ_RULE,
};

/* Every object with counters (STATS). */
static const u16 ctr_objs[] = {
	MCNIC_OBJ_PORT, MCNIC_OBJ_RULE, MCNIC_OBJ_PEER, MCNIC_OBJ_TMPL,
	MCNIC_OBJ_DROP,
};

/* The whole state as DUMP and STATS give it, each object's size first. */
static size_t snapshot(u8 *out)
{
	size_t n = 0, k;
	unsigned int i;

	for (i = 0; i < sizeof(table_objs) / sizeof(table_objs[0]); i++) {
		k = dump_all(MCNIC_CMD_DUMP, table_objs[i], out + n + 8, 0);
		memcpy(out + n, &k, 8);
		n += 8 + k;
	}
	for (i = 0; i < sizeof(ctr_objs) / sizeof(ctr_objs[0]); i++) {
		k = dump_all(MCNIC_CMD_STATS, ctr_objs[i], out + n + 8, 0);
		memcpy(out + n, &k, 8);
		n += 8 + k;
	}
	return n;
}

static u8 *snap_a, *snap_b;

static size_t snap_before(void)
{
	snap_a = malloc(SNAP_MAX);
	snap_b = malloc(SNAP_MAX);
	assert_non_null(snap_a);
	assert_non_null(snap_b);
	return snapshot(snap_a);
}

static void snap_same(size_t n)
{
	assert_int_equal(snapshot(snap_b), n);
	assert_memory_equal(snap_a, snap_b, n);
	free(snap_a);
	free(snap_b);
}

/* ---- building blocks ------------------------------------------------ */

static struct mcnic_cmd_vrf vrf(u16 id, u8 action)
{
	struct mcnic_cmd_vrf v = { .id = id, .default_action = action };

	return v;
}

static struct mcnic_cmd_port port(u16 id, u8 kind, u16 vrf_id)
{
	struct mcnic_cmd_port p = { .id = id, .kind = kind, .up = 1,
				    .mtu = 1500 };

	if (kind == MCNIC_CMD_PORT_VPORT) {
		p.vrf = vrf_id;
		p.queues = 2;
		p.segment = 7;
	}
	p.mac[0] = 0x02;
	p.mac[5] = id;
	return p;
}

static struct mcnic_cmd_tmpl tmpl(u32 idx, const u8 *daddr)
{
	struct mcnic_cmd_tmpl t;

	memset(&t, 0, sizeof(t));
	t.idx = idx;
	fr_tunnel_cfg(&t.cfg, MCNIC_TUN_VXLAN);
	memcpy(t.cfg.daddr, daddr, 4);
	return t;
}

static struct mcnic_cmd_nh nh_tun(u32 idx, u32 t)
{
	struct mcnic_cmd_nh n = { .idx = idx,
				  .nh = { .kind = MCNIC_NH_TUNNEL,
					  .port = UPLINK, .tmpl = t } };

	return n;
}

static struct mcnic_cmd_nh nh_vport(u32 idx, u16 p)
{
	struct mcnic_cmd_nh n = { .idx = idx,
				  .nh = { .kind = MCNIC_NH_VPORT, .port = p } };

	return n;
}

static struct mcnic_cmd_nhg nhg(u32 idx, u32 member)
{
	struct mcnic_cmd_nhg g;

	memset(&g, 0, sizeof(g));
	g.idx = idx;
	g.n_members = 1;
	g.member[0] = member;
	g.weight[0] = 1;
	return g;
}

static struct mcnic_cmd_route route4(u16 vrf_id, u32 addr, u8 len, u32 g)
{
	struct mcnic_cmd_route r;

	memset(&r, 0, sizeof(r));
	r.vrf = vrf_id;
	r.family = 4;
	r.len = len;
	fr_put32(r.prefix, addr);
	r.route.nhg = g;
	r.route.kind = MCNIC_ROUTE_NHG;
	return r;
}

static struct mcnic_policy_rule rule(u32 id, u16 vrf_id, u8 action)
{
	struct mcnic_policy_rule r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.priority = 10;
	r.vrf = vrf_id;
	r.action = action;
	r.flags = MCNIC_POLF_COUNT;
	r.match = MCNIC_POLM_EGRESS;
	r.family = 4;
	r.dst_len = 16;
	fr_put32(r.dst, FR_IP4(10, 2, 0, 0));
	r.sport_hi = 65535;
	r.dport_hi = 65535;
	return r;
}

static struct mcnic_cmd_vtep vtep_local(void)
{
	struct mcnic_cmd_vtep v = { .family = 4, .type = MCNIC_TUN_VXLAN,
				    .udp_port = MCNIC_PORT_VXLAN };

	memcpy(v.addr, fr_tun_local4, 4);
	return v;
}

static struct mcnic_cmd_peer peer(u32 vni, const u8 *addr)
{
	struct mcnic_cmd_peer p;

	memset(&p, 0, sizeof(p));
	p.vni = vni;
	p.family = 4;
	memcpy(p.addr, addr, 4);
	return p;
}

/*
 * The NIC tunnels to itself: vport A (VRF 1) sends 10.2.0.0/16 through
 * template 0 to our own VTEP; VNI 5001 maps to VRF 2, whose route for
 * 10.2.0.0/16 delivers to vport B.  Template 1 goes to a remote VTEP.
 */
static void topology(void)
{
	struct mcnic_cmd_vrf v[2] = { vrf(1, MCNIC_POL_ALLOW),
				      vrf(2, MCNIC_POL_ALLOW) };
	struct mcnic_cmd_port p[3] = { port(UPLINK, MCNIC_CMD_PORT_UPLINK, 0),
				       port(VP_A, MCNIC_CMD_PORT_VPORT, 1),
				       port(VP_B, MCNIC_CMD_PORT_VPORT, 2) };
	struct mcnic_cmd_tmpl t[2] = { tmpl(0, fr_tun_local4),
				       tmpl(1, fr_tun_remote4) };
	struct mcnic_cmd_nh n[3] = { nh_tun(0, 0), nh_tun(1, 1),
				     nh_vport(2, VP_B) };
	struct mcnic_cmd_nhg g[3] = { nhg(0, 0), nhg(1, 1), nhg(2, 2) };
	struct mcnic_cmd_route r[2] = {
		route4(1, FR_IP4(10, 2, 0, 0), 16, 0),
		route4(2, FR_IP4(10, 2, 0, 0), 16, 2) };
	struct mcnic_cmd_vtep vt = vtep_local();
	struct mcnic_cmd_vni vn = { .vni = VNI, .vrf = 2 };
	struct mcnic_cmd_peer pe = peer(VNI, fr_tun_local4);

	assert_int_equal(cmd(MCNIC_CMD_VRF_SET, 2, v, sizeof(v)), 0);
	assert_int_equal(cmd(MCNIC_CMD_PORT_SET, 3, p, sizeof(p)), 0);
	assert_int_equal(cmd(MCNIC_CMD_TMPL_SET, 2, t, sizeof(t)), 0);
	assert_int_equal(cmd(MCNIC_CMD_NH_SET, 3, n, sizeof(n)), 0);
	assert_int_equal(cmd(MCNIC_CMD_NHG_SET, 3, g, sizeof(g)), 0);
	assert_int_equal(cmd(MCNIC_CMD_ROUTE_ADD, 2, r, sizeof(r)), 0);
	OK1(MCNIC_CMD_VTEP_ADD, vt);
	OK1(MCNIC_CMD_VNI_SET, vn);
	OK1(MCNIC_CMD_PEER_ADD, pe);
}

static u8 buf[MCNIC_HEADROOM + FR_MAX];
static struct mcnic_pkt pkt;

/* TCP 10.1.0.1:sport -> dst:80 from vport A. */
static enum mcnic_drop send(u32 dst, u16 sport, struct mcnic_pipe_out *o)
{
	struct frame f;

	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&f, MCNIC_IPPROTO_TCP, FR_IP4(10, 1, 0, 1), dst);
	fr_tcp(&f, sport, 80, 0x02, 0);
	fr_finish(&f);
	fr_to_pkt(&f, buf, sizeof(buf), MCNIC_HEADROOM, &pkt);
	return mcnic_pipe_rx(mcnic_fw_pipe(fw), VP_A, &pkt, 1, o);
}

/*
 * Frames through the pipe, so every kind of counter counts: vport A sends
 * twice to 10.2.0.5 (template 0, rule or VRF 1's default), the
 * encapsulated frame comes back in (the peer, VRF 2's default, vport B),
 * and a frame without a route is dropped.  Returns the encapsulated
 * frame's length.
 */
static u32 traffic(void)
{
	struct mcnic_pipe_out o;
	u32 encap_len;

	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
	assert_int_equal(o.port, UPLINK);
	encap_len = pkt.len;
	assert_int_equal(mcnic_pipe_rx(mcnic_fw_pipe(fw), UPLINK, &pkt, 2, &o),
			 0);
	assert_int_equal(o.port, VP_B);
	assert_int_equal(o.act, MCNIC_ACT_DECAP);
	assert_int_equal(send(FR_IP4(10, 3, 0, 5), 1000, &o),
			 MCNIC_DROP_NO_ROUTE);
	return encap_len;
}

/* Outer IPv4 destination of the frame just encapsulated (VXLAN/IPv4). */
static const u8 *sent_to(void)
{
	return mcnic_pkt_data(&pkt) + 14 + 16;
}

static struct mcnic_cmd_pipe_stats pipe_stats(void)
{
	struct mcnic_cmd_pipe_stats s;

	assert_int_equal(cmd(MCNIC_CMD_PIPE_STATS, 0, NULL, 0), 0);
	assert_int_equal(rh->len, sizeof(s));
	memcpy(&s, resp + HDR, sizeof(s));
	return s;
}

/* ---- header checks -------------------------------------------------- */

static struct mcnic_cmd_hdr hdr_ok(u16 op, u32 len, u16 count)
{
	struct mcnic_cmd_hdr h = { .version = MCNIC_CMD_VERSION, .opcode = op,
				   .seq = 99, .len = len, .count = count };

	return h;
}

static s32 send_hdr(const struct mcnic_cmd_hdr *h, u32 req_len)
{
	u32 n;

	memcpy(req, h, HDR);
	n = mcnic_fw_cmd(fw, req, req_len, resp, sizeof(resp), 0);
	return answer_check(n, h->opcode, h->seq);
}

static void test_header_checks(void **state)
{
	struct mcnic_cmd_vrf v = vrf(1, 0);
	struct mcnic_cmd_pipe_stats s;
	struct mcnic_cmd_hdr h;
	u32 n;

	/* Shorter than a header: still answered, seq 0. */
	memset(req, 0xee, 16);
	n = mcnic_fw_cmd(fw, req, 10, resp, sizeof(resp), 0);
	assert_int_equal(answer_check(n, 0, 0), -MCNIC_EBADMSG);
	assert_string_equal(rh->err_msg,
			    "request: 10 bytes, shorter than the header");
	h = hdr_ok(MCNIC_CMD_PIPE_STATS, 0, 0);
	h.version = 7;
	expect_err(send_hdr(&h, HDR), -MCNIC_EPROTO,
		   "hdr.version=7: this firmware speaks 1", 0);
	h = hdr_ok(MCNIC_CMD_PIPE_STATS, 0, 0);
	h.flags = 4;
	expect_err(send_hdr(&h, HDR), -MCNIC_EINVAL,
		   "hdr.flags=4: none defined", 0);
	h = hdr_ok(MCNIC_CMD_VRF_SET, 8, 1);
	expect_err(send_hdr(&h, HDR + 4), -MCNIC_EBADMSG,
		   "hdr.len=8: 4 bytes follow", 0);
	h = hdr_ok(MCNIC_CMD_VRF_SET, MCNIC_CMD_MSG_MAX, 1);
	expect_err(send_hdr(&h, HDR), -MCNIC_EBADMSG,
		   "hdr.len=65536: more than 65464", 0);
	h = hdr_ok(0x99, 0, 0);
	expect_err(send_hdr(&h, HDR), -MCNIC_EOPNOTSUPP,
		   "hdr.opcode=153: unknown", 0);
	h = hdr_ok(MCNIC_CMD_HEARTBEAT, 0, 0);
	expect_err(send_hdr(&h, HDR), -MCNIC_EOPNOTSUPP,
		   "hdr.opcode=1: the device model answers it", 0);
	expect_err(cmd(MCNIC_CMD_VRF_SET, 0, NULL, 0), -MCNIC_EINVAL,
		   "hdr.count=0: a batch needs entries", 0);
	expect_err(cmd(MCNIC_CMD_VRF_SET, 2, &v, sizeof(v)), -MCNIC_EBADMSG,
		   "hdr.len=4: count x 4 is 8", 0);
	expect_err(cmd(MCNIC_CMD_PARSE_SET, 2, req, 32), -MCNIC_EINVAL,
		   "hdr.count=2: takes one entry", 0);
	expect_err(cmd(MCNIC_CMD_DUMP, 2, req, 8), -MCNIC_EINVAL,
		   "hdr.count=2: a dump takes 0 or 1", 0);
	expect_err(cmd(MCNIC_CMD_STATS, 1, req, 12), -MCNIC_EBADMSG,
		   "hdr.len=12: a dump request is 8", 0);
	expect_err(cmd(MCNIC_CMD_PIPE_STATS, 1, &v, 4), -MCNIC_EINVAL,
		   "hdr.count=1: takes no entries", 0);
	expect_err(cmd(MCNIC_CMD_FLOW_FLUSH, 0, &v, 4), -MCNIC_EBADMSG,
		   "hdr.len=4: count x 0 is 0", 0);
	/* An answer needs room for its header. */
	h = hdr_ok(MCNIC_CMD_PIPE_STATS, 0, 0);
	memcpy(req, &h, HDR);
	assert_int_equal(mcnic_fw_cmd(fw, req, HDR, resp, HDR - 1, 0), 0);
	expect_err(cmd_raw(MCNIC_CMD_PIPE_STATS, 0, NULL, 0, HDR + 8),
		   -MCNIC_E2BIG, "resp_max: no room for the answer", 0);
	/* Nothing above changed a table; all were answered and refused. */
	s = pipe_stats();
	assert_int_equal(s.cmds, 15);
	assert_int_equal(s.cmd_errors, 15);
	assert_int_equal(s.t[MCNIC_CMD_TBL_VRFS].used, 0);
	s = pipe_stats();
	assert_int_equal(s.cmds, 16);
	assert_int_equal(s.cmd_errors, 15);
}

static void test_init(void **state)
{
	struct mcnic_pipe_limits lim;
	struct mcnic_fw *f2;
	size_t size;
	void *m;

	limits(&lim, 16, 2);
	size = mcnic_fw_mem_size(&lim);
	m = aligned_alloc(64, size + 64);
	assert_non_null(m);
	assert_int_equal(mcnic_fw_init(&f2, &lim, m, size - 1), -MCNIC_ENOMEM);
	assert_int_equal(mcnic_fw_init(&f2, &lim, (u8 *)m + 8, size),
			 -MCNIC_EINVAL);
	lim.routes = 0;
	assert_int_equal(mcnic_fw_mem_size(&lim), 0);
	assert_int_equal(mcnic_fw_init(&f2, &lim, m, size), -MCNIC_EINVAL);
	lim.routes = 16;
	assert_int_equal(mcnic_fw_init(&f2, &lim, m, size), 0);
	assert_ptr_equal(f2, m);
	assert_non_null(mcnic_fw_pipe(f2));
	free(m);
}

/* The answer may overwrite its request: the mailbox is one buffer. */
static void test_in_place(void **state)
{
	struct mcnic_cmd_dump d = { .obj = MCNIC_OBJ_VRF };
	struct mcnic_cmd_hdr h = hdr_ok(MCNIC_CMD_VRF_SET, 4, 1);
	struct mcnic_cmd_vrf v = vrf(9, 1);
	u8 box[512];
	u32 n;

	memcpy(box, &h, HDR);
	memcpy(box + HDR, &v, 4);
	n = mcnic_fw_cmd(fw, box, HDR + 4, box, sizeof(box), 0);
	assert_int_equal(n, HDR);
	assert_int_equal(((struct mcnic_cmd_hdr *)box)->status, 0);
	h = hdr_ok(MCNIC_CMD_DUMP, 8, 1);
	memcpy(box, &h, HDR);
	memcpy(box + HDR, &d, 8);
	n = mcnic_fw_cmd(fw, box, HDR + 8, box, sizeof(box), 0);
	assert_int_equal(n, HDR + 8 + 4);
	assert_memory_equal(box + HDR + 8, &v, 4);
	/* A dump's request may leave count 0 too. */
	h.count = 0;
	memcpy(box, &h, HDR);
	memcpy(box + HDR, &d, 8);
	n = mcnic_fw_cmd(fw, box, HDR + 8, box, sizeof(box), 0);
	assert_int_equal(n, HDR + 8 + 4);
	assert_int_equal(((struct mcnic_cmd_hdr *)box)->count, 1);
}

/* ---- round trips ---------------------------------------------------- */

static void roundtrip(u16 op, u16 obj, const void *e, u32 size)
{
	assert_int_equal(cmd(op, 1, e, size), 0);
	assert_int_equal(dump1(MCNIC_CMD_DUMP, obj, 0, 0, sizeof(resp)), 0);
	assert_int_equal(rh->count, 1);
	assert_int_equal(rh->len, 8 + size);
	assert_memory_equal(entries(), e, size);
}

static void test_roundtrip(void **state)
{
	struct mcnic_parse_cfg pc = { .vxlan_port = { 4789, 8472 },
				      .geneve_port = 6081, .vxlan_gbp = 1 };
	struct mcnic_cmd_vrf v = vrf(3, MCNIC_POL_ALLOW);
	struct mcnic_cmd_port up = port(UPLINK, MCNIC_CMD_PORT_UPLINK, 0);
	struct mcnic_cmd_vtep vt = vtep_local();
	struct mcnic_cmd_vni vn = { .vni = 77, .vrf = 3 };
	struct mcnic_cmd_peer pe = peer(77, fr_tun_remote4);
	struct mcnic_cmd_tmpl t = tmpl(2, fr_tun_remote4);
	struct mcnic_cmd_nh n = nh_tun(3, 2);
	struct mcnic_cmd_nhg g = nhg(1, 3);
	struct mcnic_cmd_route r = route4(3, FR_IP4(10, 9, 0, 0), 16, 1);
	struct mcnic_cmd_route r6;
	struct mcnic_policy_rule ru = rule(42, 3, MCNIC_POL_DENY);

	roundtrip(MCNIC_CMD_PARSE_SET, MCNIC_OBJ_PARSE, &pc, sizeof(pc));
	roundtrip(MCNIC_CMD_VRF_SET, MCNIC_OBJ_VRF, &v, sizeof(v));
	roundtrip(MCNIC_CMD_PORT_SET, MCNIC_OBJ_PORT, &up, sizeof(up));
	roundtrip(MCNIC_CMD_VTEP_ADD, MCNIC_OBJ_VTEP, &vt, sizeof(vt));
	roundtrip(MCNIC_CMD_VNI_SET, MCNIC_OBJ_VNI, &vn, sizeof(vn));
	roundtrip(MCNIC_CMD_PEER_ADD, MCNIC_OBJ_PEER, &pe, sizeof(pe));
	t.cfg.flags |= MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET;
	t.cfg.ident = 12;
	roundtrip(MCNIC_CMD_TMPL_SET, MCNIC_OBJ_TMPL, &t, sizeof(t));
	roundtrip(MCNIC_CMD_NH_SET, MCNIC_OBJ_NH, &n, sizeof(n));
	g.n_backups = 1;
	g.backup[0] = 3;
	g.weight[0] = 200;
	roundtrip(MCNIC_CMD_NHG_SET, MCNIC_OBJ_NHG, &g, sizeof(g));
	r.route.segment = 5;
	roundtrip(MCNIC_CMD_ROUTE_ADD, MCNIC_OBJ_ROUTE, &r, sizeof(r));
	roundtrip(MCNIC_CMD_RULE_ADD, MCNIC_OBJ_RULE, &ru, sizeof(ru));
	/* Replace in place: the dump shows the new value, still one entry. */
	r.route.kind = MCNIC_ROUTE_BLACKHOLE;
	r.route.nhg = 0;
	roundtrip(MCNIC_CMD_ROUTE_ADD, MCNIC_OBJ_ROUTE, &r, sizeof(r));
	v.default_action = MCNIC_POL_DENY;
	roundtrip(MCNIC_CMD_VRF_SET, MCNIC_OBJ_VRF, &v, sizeof(v));
	n.nh.flags = MCNIC_NHF_DOWN;
	roundtrip(MCNIC_CMD_NH_STATE, MCNIC_OBJ_NH, &n, sizeof(n));
	/* IPv6, next to the IPv4 route. */
	memset(&r6, 0, sizeof(r6));
	r6.vrf = 3;
	r6.family = 6;
	r6.len = 48;
	r6.prefix[0] = 0x20;
	r6.prefix[1] = 0x01;
	r6.prefix[2] = 0x0d;
	r6.prefix[3] = 0xb8;
	r6.route.kind = MCNIC_ROUTE_BLACKHOLE;
	assert_int_equal(CMD1(MCNIC_CMD_ROUTE_ADD, r6), 0);
	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_ROUTE, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 2);
	assert_memory_equal(entries() + sizeof(r), &r6, sizeof(r6));
}

/* ---- field checks: one bad field per entry type ----------------------- */

static void test_field_errors(void **state)
{
	struct mcnic_parse_cfg pc = { .vxlan_gbp = 2 };
	struct mcnic_cmd_vrf v = vrf(0, 0);
	struct mcnic_cmd_port p = port(1, 3, 0);
	struct mcnic_cmd_vtep vt = vtep_local();
	struct mcnic_cmd_vni vn = { .vni = 1, .vrf = 9 };
	struct mcnic_cmd_peer pe = peer(1, fr_tun_remote4);
	struct mcnic_cmd_tmpl t = tmpl(0, fr_tun_remote4);
	struct mcnic_cmd_nh n = nh_tun(0, 3);
	struct mcnic_cmd_nhg g = nhg(0, 0);
	struct mcnic_cmd_route r = route4(1, FR_IP4(10, 0, 0, 0), 33, 0);
	struct mcnic_policy_rule ru = rule(1, 1, 0);
	struct mcnic_cmd_vrf vs[3] = { vrf(1, 0), vrf(2, 0), vrf(4096, 0) };
	size_t snap = snap_before();

	expect_err(CMD1(MCNIC_CMD_PARSE_SET, pc), -MCNIC_EINVAL,
		   "parse.vxlan_gbp=2: must be 0 or 1", 0);
	expect_err(CMD1(MCNIC_CMD_VRF_SET, v), -MCNIC_ERANGE,
		   "vrf.id=0: must be 1..4095", 0);
	expect_err(cmd(MCNIC_CMD_VRF_SET, 3, vs, sizeof(vs)), -MCNIC_ERANGE,
		   "vrf.id=4096: must be 1..4095", 2);
	expect_err(CMD1(MCNIC_CMD_PORT_SET, p), -MCNIC_EINVAL,
		   "port.kind=3: must be 0, 1 (uplink), 2 (vport)", 0);
	vt.type = 9;
	expect_err(CMD1(MCNIC_CMD_VTEP_ADD, vt), -MCNIC_EINVAL,
		   "vtep.type=9: must be vxlan, geneve or gre", 0);
	vt = vtep_local();
	vt.addr[7] = 1;
	expect_err(CMD1(MCNIC_CMD_VTEP_DEL, vt), -MCNIC_EINVAL,
		   "vtep.addr: bytes 4..15 of ipv4 must be 0", 0);
	expect_err(CMD1(MCNIC_CMD_VNI_SET, vn), -MCNIC_ENOENT,
		   "vni.vrf=9: no such vrf", 0);
	pe.family = 5;
	expect_err(CMD1(MCNIC_CMD_PEER_ADD, pe), -MCNIC_EINVAL,
		   "peer.family=5: must be 4 or 6", 0);
	t.cfg.ttl = 0;
	expect_err(CMD1(MCNIC_CMD_TMPL_SET, t), -MCNIC_EINVAL,
		   "tmpl.ttl: must not be 0 (used when the inner ha", 0);
	t = tmpl(4, fr_tun_remote4);
	expect_err(CMD1(MCNIC_CMD_TMPL_DEL, t), -MCNIC_ERANGE,
		   "tmpl.idx=4: beyond the table", 0);
	expect_err(CMD1(MCNIC_CMD_NH_SET, n), -MCNIC_EINVAL,
		   "nh.port=0: not an uplink", 0);
	expect_err(CMD1(MCNIC_CMD_NH_STATE, n), -MCNIC_ENOENT,
		   "nh.idx=0: no such next hop", 0);
	g.n_members = 3;
	g.weight[1] = g.weight[2] = 1;
	g.member[2] = 999;
	expect_err(CMD1(MCNIC_CMD_NHG_SET, g), -MCNIC_ENOENT,
		   "nhg.member[0]=0: no such next hop", 0);
	expect_err(CMD1(MCNIC_CMD_ROUTE_ADD, r), -MCNIC_ENOENT,
		   "route.vrf=1: no such vrf", 0);
	expect_err(CMD1(MCNIC_CMD_RULE_ADD, ru), -MCNIC_ENOENT,
		   "rule.vrf=1: no such vrf", 0);
	ru.src_len = 40;
	expect_err(CMD1(MCNIC_CMD_RULE_ADD, ru), -MCNIC_EINVAL,
		   "rule.src_len=40: invalid", 0);
	ru.src_len = 0;
	ru.src[3] = 1;
	expect_err(CMD1(MCNIC_CMD_RULE_ADD, ru), -MCNIC_EINVAL,
		   "rule.src: invalid", 0);
	snap_same(snap);

	/* With the references in place, the next field is the one named. */
	topology();
	snap = snap_before();
	expect_err(CMD1(MCNIC_CMD_NHG_SET, g), -MCNIC_ENOENT,
		   "nhg.member[2]=999: no such next hop", 0);
	g.member[2] = 1;
	g.weight[1] = 0;
	expect_err(CMD1(MCNIC_CMD_NHG_SET, g), -MCNIC_EINVAL,
		   "nhg.weight[1]=0: must be 1..255", 0);
	g.weight[1] = 1;
	g.member[5] = 2;
	expect_err(CMD1(MCNIC_CMD_NHG_SET, g), -MCNIC_EINVAL,
		   "nhg.member[5]=2: past the count", 0);
	expect_err(CMD1(MCNIC_CMD_ROUTE_ADD, r), -MCNIC_EINVAL,
		   "route.len=33: more than 32", 0);
	r = route4(1, FR_IP4(10, 0, 0, 1), 24, 0);
	expect_err(CMD1(MCNIC_CMD_ROUTE_ADD, r), -MCNIC_EINVAL,
		   "route.prefix: bits set past len", 0);
	r = route4(1, FR_IP4(10, 0, 0, 0), 24, 3);
	expect_err(CMD1(MCNIC_CMD_ROUTE_ADD, r), -MCNIC_ENOENT,
		   "route.nhg=3: no such group", 0);
	n = nh_tun(0, 3);
	expect_err(CMD1(MCNIC_CMD_NH_SET, n), -MCNIC_ENOENT,
		   "nh.tmpl=3: no such template", 0);
	n = nh_vport(0, UPLINK);
	expect_err(CMD1(MCNIC_CMD_NH_SET, n), -MCNIC_EINVAL,
		   "nh.port=0: not a vport", 0);
	p = port(VP_A, MCNIC_CMD_PORT_VPORT, 1);
	p.queues = 0;
	expect_err(CMD1(MCNIC_CMD_PORT_SET, p), -MCNIC_EINVAL,
		   "port.queues=0: a vport needs one or more", 0);
	p = port(UPLINK, MCNIC_CMD_PORT_UPLINK, 0);
	p.vrf = 1;
	expect_err(CMD1(MCNIC_CMD_PORT_SET, p), -MCNIC_EINVAL,
		   "port.vrf=1: uplinks have none", 0);
	p = port(9, MCNIC_CMD_PORT_UPLINK, 0);
	expect_err(CMD1(MCNIC_CMD_PORT_SET, p), -MCNIC_ERANGE,
		   "port.id=9: no such port", 0);
	vn.vrf = 1;
	vn.pad = 1;
	expect_err(CMD1(MCNIC_CMD_VNI_SET, vn), -MCNIC_EINVAL,
		   "vni.pad: must be 0", 0);
	snap_same(snap);
}

/* ---- deletes -------------------------------------------------------- */

static void test_delete_busy(void **state)
{
	struct mcnic_cmd_vrf v1 = vrf(1, 0), v2 = vrf(2, 0);
	struct mcnic_cmd_tmpl t0 = tmpl(0, fr_tun_local4);
	struct mcnic_cmd_nh n0 = nh_tun(0, 0);
	struct mcnic_cmd_nhg g0 = nhg(0, 0);
	struct mcnic_policy_rule ru = rule(5, 2, MCNIC_POL_ALLOW);
	struct mcnic_cmd_port moved = port(VP_B, MCNIC_CMD_PORT_VPORT, 1);
	struct mcnic_cmd_vni vn = { .vni = VNI };
	size_t snap;

	topology();
	OK1(MCNIC_CMD_RULE_ADD, ru);
	snap = snap_before();
	expect_err(CMD1(MCNIC_CMD_VRF_DEL, v1), -MCNIC_EBUSY,
		   "vrf.id=1: used by a port", 0);
	expect_err(CMD1(MCNIC_CMD_TMPL_DEL, t0), -MCNIC_EBUSY,
		   "tmpl.idx=0: used by a next hop", 0);
	expect_err(CMD1(MCNIC_CMD_NH_DEL, n0), -MCNIC_EBUSY,
		   "nh.idx=0: used by a group", 0);
	expect_err(CMD1(MCNIC_CMD_NHG_DEL, g0), -MCNIC_EBUSY,
		   "nhg.idx=0: used by a route", 0);
	snap_same(snap);

	/* VRF 2: its port, VNI, route and rule each keep it. */
	OK1(MCNIC_CMD_PORT_SET, moved);
	expect_err(CMD1(MCNIC_CMD_VRF_DEL, v2), -MCNIC_EBUSY,
		   "vrf.id=2: used by a vni", 0);
	OK1(MCNIC_CMD_VNI_DEL, vn);
	expect_err(CMD1(MCNIC_CMD_VNI_DEL, vn), -MCNIC_ENOENT,
		   "vni.vni=5001: no such entry", 0);
	expect_err(CMD1(MCNIC_CMD_VRF_DEL, v2), -MCNIC_EBUSY,
		   "vrf.id=2: used by a route", 0);
	{
		struct mcnic_cmd_route r = route4(2, FR_IP4(10, 2, 0, 0), 16,
						  0);

		OK1(MCNIC_CMD_ROUTE_DEL, r);
	}
	expect_err(CMD1(MCNIC_CMD_VRF_DEL, v2), -MCNIC_EBUSY,
		   "vrf.id=2: used by a rule", 0);
	/* A rule is deleted under its own VRF only. */
	ru.vrf = 1;
	expect_err(CMD1(MCNIC_CMD_RULE_DEL, ru), -MCNIC_ENOENT,
		   "rule.id=5: no such entry", 0);
	ru.vrf = 2;
	OK1(MCNIC_CMD_RULE_DEL, ru);
	OK1(MCNIC_CMD_VRF_DEL, v2);
	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_VRF, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 1);
	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_RULE, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 0);
}

/* A port a next hop points at keeps its kind (B3). */
static void test_port_used_by_nh(void **state)
{
	struct mcnic_cmd_port none = { .id = VP_B };
	struct mcnic_cmd_port p[2] = { port(VP_A, MCNIC_CMD_PORT_VPORT, 1),
				       port(VP_B, MCNIC_CMD_PORT_UPLINK, 0) };
	struct mcnic_cmd_nh n = nh_vport(2, VP_A);
	size_t snap;

	topology();	/* next hops 0, 1 use the uplink, 2 vport B */
	snap = snap_before();
	expect_err(CMD1(MCNIC_CMD_PORT_SET, none), -MCNIC_EBUSY,
		   "port.kind=0: used by a next hop", 0);
	expect_err(CMD1(MCNIC_CMD_PORT_SET, p[1]), -MCNIC_EBUSY,
		   "port.kind=1: used by a next hop", 0);
	expect_err(cmd(MCNIC_CMD_PORT_SET, 2, p, sizeof(p)), -MCNIC_EBUSY,
		   "port.kind=1: used by a next hop", 1);
	p[0] = port(UPLINK, MCNIC_CMD_PORT_VPORT, 1);
	expect_err(CMD1(MCNIC_CMD_PORT_SET, p[0]), -MCNIC_EBUSY,
		   "port.kind=2: used by a next hop", 0);
	snap_same(snap);
	/* The same kind may change the rest: vport B moves to VRF 1. */
	p[0] = port(VP_B, MCNIC_CMD_PORT_VPORT, 1);
	OK1(MCNIC_CMD_PORT_SET, p[0]);
	/* Next hop 2 moves to vport A: B is free, A is held. */
	OK1(MCNIC_CMD_NH_SET, n);
	OK1(MCNIC_CMD_PORT_SET, none);
	none.id = VP_A;
	expect_err(CMD1(MCNIC_CMD_PORT_SET, none), -MCNIC_EBUSY,
		   "port.kind=0: used by a next hop", 0);
	/* Deleted next hops let go: 2 is in group 2, used by a route. */
	{
		struct mcnic_cmd_route r = route4(2, FR_IP4(10, 2, 0, 0), 16,
						  2);
		struct mcnic_cmd_nhg g = nhg(2, 2);

		OK1(MCNIC_CMD_ROUTE_DEL, r);
		OK1(MCNIC_CMD_NHG_DEL, g);
		OK1(MCNIC_CMD_NH_DEL, n);
	}
	OK1(MCNIC_CMD_PORT_SET, none);
}

/*
 * VNI_SET and PEER_ADD take all 32 bits: VXLAN and GENEVE carry 24
 * (MCNIC_VNI_MAX), but a GRE key is looked up in the same VNI table.  A
 * key past 24 bits reaches its VRF; a VXLAN template refuses such a VNI.
 */
static void test_vni_gre_key(void **state)
{
	struct mcnic_cmd_vtep vt = { .family = 4, .type = MCNIC_TUN_GRE };
	struct mcnic_cmd_vni vn = { .vni = MCNIC_VNI_MAX + 1, .vrf = 2 };
	struct mcnic_cmd_peer pe = peer(MCNIC_VNI_MAX + 1, fr_tun_remote4);
	struct mcnic_cmd_peer pmax = peer(0xffffffffu, fr_tun_remote4);
	struct mcnic_cmd_tmpl t = tmpl(2, fr_tun_remote4);
	struct mcnic_pipe_out o;
	struct frame f;

	topology();
	memcpy(vt.addr, fr_tun_local4, 4);
	OK1(MCNIC_CMD_VTEP_ADD, vt);
	OK1(MCNIC_CMD_VNI_SET, vn);
	OK1(MCNIC_CMD_PEER_ADD, pe);
	OK1(MCNIC_CMD_PEER_ADD, pmax);
	fr_init(&f);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&f, MCNIC_IPPROTO_GRE, FR_IP4(203, 0, 113, 1),
		FR_IP4(198, 51, 100, 1));
	fr_gre(&f, MCNIC_GRE_F_K, MCNIC_ETH_P_TEB, MCNIC_VNI_MAX + 1, 0);
	fr_eth(&f, MCNIC_ETH_P_IPV4);
	fr_ipv4(&f, MCNIC_IPPROTO_TCP, FR_IP4(10, 1, 0, 1),
		FR_IP4(10, 2, 0, 5));
	fr_tcp(&f, 1000, 80, 0x02, 0);
	fr_finish(&f);
	fr_to_pkt(&f, buf, sizeof(buf), MCNIC_HEADROOM, &pkt);
	assert_int_equal(mcnic_pipe_rx(mcnic_fw_pipe(fw), UPLINK, &pkt, 1, &o),
			 0);
	assert_int_equal(o.act, MCNIC_ACT_DECAP);
	assert_int_equal(o.port, VP_B);
	t.cfg.vni = MCNIC_VNI_MAX + 1;
	expect_err(CMD1(MCNIC_CMD_TMPL_SET, t), -MCNIC_EINVAL,
		   "tmpl.vni: must be below 2^24", 0);
	t.cfg.vni = MCNIC_VNI_MAX;
	OK1(MCNIC_CMD_TMPL_SET, t);
}

/* Everything topology() made, deleted users first, until all is empty. */
static void test_delete_all(void **state)
{
	struct mcnic_cmd_route r[2] = {
		route4(1, FR_IP4(10, 2, 0, 0), 16, 0),
		route4(2, FR_IP4(10, 2, 0, 0), 16, 0) };
	struct mcnic_cmd_nhg g[3] = { nhg(0, 0), nhg(1, 0), nhg(2, 0) };
	struct mcnic_cmd_nh n[3] = { nh_tun(0, 0), nh_tun(1, 0),
				     nh_tun(2, 0) };
	struct mcnic_cmd_tmpl t[2] = { tmpl(0, fr_tun_local4),
				       tmpl(1, fr_tun_local4) };
	struct mcnic_cmd_port p[2] = { { .id = VP_A }, { .id = VP_B } };
	struct mcnic_cmd_vni vn = { .vni = VNI };
	struct mcnic_cmd_vrf v[2] = { vrf(1, 0), vrf(2, 0) };
	struct mcnic_cmd_vtep vt = vtep_local();
	struct mcnic_cmd_peer pe = peer(VNI, fr_tun_local4);
	struct mcnic_cmd_pipe_stats s;
	unsigned int i;

	topology();
	assert_int_equal(cmd(MCNIC_CMD_ROUTE_DEL, 2, r, sizeof(r)), 0);
	assert_int_equal(cmd(MCNIC_CMD_NHG_DEL, 3, g, sizeof(g)), 0);
	assert_int_equal(cmd(MCNIC_CMD_NH_DEL, 3, n, sizeof(n)), 0);
	assert_int_equal(cmd(MCNIC_CMD_TMPL_DEL, 2, t, sizeof(t)), 0);
	assert_int_equal(cmd(MCNIC_CMD_PORT_SET, 2, p, sizeof(p)), 0);
	OK1(MCNIC_CMD_VNI_DEL, vn);
	assert_int_equal(cmd(MCNIC_CMD_VRF_DEL, 2, v, sizeof(v)), 0);
	OK1(MCNIC_CMD_VTEP_DEL, vt);
	OK1(MCNIC_CMD_PEER_DEL, pe);
	expect_err(CMD1(MCNIC_CMD_PEER_DEL, pe), -MCNIC_ENOENT,
		   "peer.vni=5001: no such entry", 0);
	for (i = 0; i < sizeof(table_objs) / sizeof(table_objs[0]); i++) {
		if (table_objs[i] == MCNIC_OBJ_PARSE ||
		    table_objs[i] == MCNIC_OBJ_PORT)
			continue;
		dump1(MCNIC_CMD_DUMP, table_objs[i], 0, 0, sizeof(resp));
		assert_int_equal(rh->count, 0);
	}
	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_PORT, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 1);		/* the uplink */
	s = pipe_stats();
	for (i = MCNIC_CMD_TBL_ROUTES; i <= MCNIC_CMD_TBL_NHGS; i++)
		assert_int_equal(s.t[i].used, 0);
	assert_int_equal(s.t[MCNIC_CMD_TBL_TMPLS].capacity, 4);
}

/* ---- batches: all or nothing ---------------------------------------- */

static void test_batch_check_refused(void **state)
{
	struct mcnic_cmd_route r[3] = {
		route4(1, FR_IP4(10, 3, 0, 0), 16, 0),
		route4(1, FR_IP4(10, 4, 0, 0), 16, 0),
		route4(1, FR_IP4(10, 5, 0, 0), 33, 0) };
	size_t snap;

	topology();
	snap = snap_before();
	expect_err(cmd(MCNIC_CMD_ROUTE_ADD, 3, r, sizeof(r)), -MCNIC_EINVAL,
		   "route.len=33: more than 32", 2);
	snap_same(snap);
}

/* VRFs: limit 4, two exist; a replace, two new, then the table is full. */
static void test_batch_full_table_undo(void **state)
{
	struct mcnic_cmd_vrf v[5] = { vrf(1, MCNIC_POL_DENY), vrf(7, 1),
				      vrf(2, MCNIC_POL_DENY), vrf(8, 1),
				      vrf(9, 1) };
	struct mcnic_cmd_peer pe[5];
	size_t snap;
	unsigned int i;

	topology();
	snap = snap_before();
	expect_err(cmd(MCNIC_CMD_VRF_SET, 5, v, sizeof(v)), -MCNIC_ENOSPC,
		   "vrf.id=9: table full", 4);
	snap_same(snap);
	/* Peers: limit 4, one exists (re-adding it is no change). */
	for (i = 0; i < 5; i++) {
		pe[i] = peer(100 + i, fr_tun_remote4);
	}
	pe[0] = peer(VNI, fr_tun_local4);
	snap = snap_before();
	expect_err(cmd(MCNIC_CMD_PEER_ADD, 5, pe, sizeof(pe)), -MCNIC_ENOSPC,
		   "peer.vni=104: table full", 4);
	snap_same(snap);
	/* Four fit, the one that existed included. */
	assert_int_equal(cmd(MCNIC_CMD_PEER_ADD, 4, pe, 4 * sizeof(pe[0])),
			 0);
}

/* Routes: a small table filled in the middle of a batch of replaces. */
static void test_batch_routes_full(void **state)
{
	struct mcnic_cmd_route r[6];
	size_t snap;
	unsigned int i;

	free(mem);
	fw_new(4, 4);
	topology();		/* two routes */
	r[0] = route4(1, FR_IP4(10, 2, 0, 0), 16, 1);	/* replace */
	r[1] = route4(1, FR_IP4(10, 6, 0, 0), 16, 0);
	r[2] = route4(2, FR_IP4(10, 2, 0, 0), 16, 0);	/* replace */
	r[3] = route4(2, FR_IP4(10, 7, 0, 0), 16, 2);
	r[4] = route4(1, FR_IP4(10, 8, 0, 0), 16, 0);	/* fifth: full */
	r[5] = route4(1, FR_IP4(10, 9, 0, 0), 16, 0);
	snap = snap_before();
	expect_err(cmd(MCNIC_CMD_ROUTE_ADD, 6, r, sizeof(r)), -MCNIC_ENOSPC,
		   "route.routes: table full", 4);
	snap_same(snap);
	/* The refused batch left the table usable: the first four go in. */
	assert_int_equal(cmd(MCNIC_CMD_ROUTE_ADD, 4, r, 4 * sizeof(r[0])), 0);
	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_ROUTE, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 4);
	for (i = 0; i < 4; i++)
		assert_non_null(memmem(entries(), rh->len, &r[i],
				       sizeof(r[i])));
}

/* Deletes undone: rules re-added, a duplicate refused at apply time. */
static void test_batch_delete_undo(void **state)
{
	struct mcnic_policy_rule ru[3] = { rule(1, 1, 0), rule(2, 1, 1),
					   rule(3, 2, 0) };
	struct mcnic_policy_rule dup[2] = { rule(4, 1, 0), rule(4, 1, 1) };
	struct mcnic_cmd_route rd[2] = {
		route4(1, FR_IP4(10, 2, 0, 0), 16, 0),
		route4(1, FR_IP4(10, 99, 0, 0), 16, 0) };
	struct mcnic_cmd_nhg gd[2] = { nhg(1, 0), nhg(0, 0) };
	size_t snap;

	topology();
	assert_int_equal(cmd(MCNIC_CMD_RULE_ADD, 3, ru, sizeof(ru)), 0);
	snap = snap_before();
	ru[2].id = 9;
	expect_err(cmd(MCNIC_CMD_RULE_DEL, 3, ru, sizeof(ru)), -MCNIC_ENOENT,
		   "rule.id=9: no such entry", 2);
	expect_err(cmd(MCNIC_CMD_RULE_ADD, 2, dup, sizeof(dup)),
		   -MCNIC_EEXIST, "rule.id=4: exists", 1);
	expect_err(cmd(MCNIC_CMD_ROUTE_DEL, 2, rd, sizeof(rd)), -MCNIC_ENOENT,
		   "route: no such entry", 1);
	/* Group 1 goes, group 0 is in use: group 1 comes back. */
	expect_err(cmd(MCNIC_CMD_NHG_DEL, 2, gd, sizeof(gd)), -MCNIC_EBUSY,
		   "nhg.idx=0: used by a route", 1);
	snap_same(snap);
}

/* ---- dumps ---------------------------------------------------------- */

#define NROUTES		5000
#define PER_BATCH	2000

static struct mcnic_cmd_route big[NROUTES];

static void test_dump_cursor(void **state)
{
	static u8 seen[NROUTES];
	static u8 all[(NROUTES + 2) * sizeof(struct mcnic_cmd_route)];
	struct mcnic_cmd_route r;
	u32 i, n, idx, answers = 0, cursor = 0;

	topology();
	for (i = 0; i < NROUTES; i++)
		big[i] = route4(1, FR_IP4(11, i / 250, i % 250, 0), 24, 0);
	for (i = 0; i < NROUTES; i += n) {
		n = NROUTES - i < PER_BATCH ? NROUTES - i : PER_BATCH;
		assert_int_equal(cmd(MCNIC_CMD_ROUTE_ADD, n, &big[i],
				     n * sizeof(big[0])), 0);
	}
	/* As many as fit: three answers of at most 2337. */
	n = dump_all(MCNIC_CMD_DUMP, MCNIC_OBJ_ROUTE, all, 0);
	assert_int_equal(n, (NROUTES + 2) * sizeof(r));
	/* max 100 per answer, and a small answer buffer: each route once. */
	memset(seen, 0, sizeof(seen));
	do {
		cursor = dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_ROUTE, 100, cursor,
			       HDR + 8 + 150 * sizeof(r));
		assert_true(rh->count <= 100);
		answers++;
		for (i = 0; i < rh->count; i++) {
			memcpy(&r, entries() + i * sizeof(r), sizeof(r));
			if (r.prefix[0] != 11)
				continue;
			idx = r.prefix[1] * 250 + r.prefix[2];
			assert_true(idx < NROUTES);
			assert_memory_equal(&r, &big[idx], sizeof(r));
			seen[idx]++;
		}
	} while (cursor);
	assert_int_equal(answers, (NROUTES + 2 + 99) / 100);
	for (i = 0; i < NROUTES; i++)
		assert_int_equal(seen[i], 1);
	/* An answer with room for no entry is refused, not truncated. */
	{
		struct mcnic_cmd_dump d = { .obj = MCNIC_OBJ_ROUTE };

		expect_err(cmd_raw(MCNIC_CMD_DUMP, 1, &d, sizeof(d),
				   HDR + 8 + 10), -MCNIC_E2BIG,
			   "resp_max: no room for one entry", 0);
		d.obj = 99;
		expect_err(CMD1(MCNIC_CMD_DUMP, d), -MCNIC_EINVAL,
			   "dump.obj=99: no such object", 0);
		d.obj = MCNIC_OBJ_VRF;
		expect_err(CMD1(MCNIC_CMD_STATS, d), -MCNIC_EOPNOTSUPP,
			   "dump.obj=2: has no counters", 0);
		d.obj = MCNIC_OBJ_DROP;
		expect_err(CMD1(MCNIC_CMD_DUMP, d), -MCNIC_EOPNOTSUPP,
			   "dump.obj=12: STATS only", 0);
		/* A cursor past the end: nothing, done. */
		assert_int_equal(dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_FLOW, 0,
				       0xffffffffu, sizeof(resp)), 0);
		assert_int_equal(rh->count, 0);
	}
}

/* ---- counters after real frames --------------------------------------- */

static const struct mcnic_cmd_ctr *find_ctr(u32 id, u16 aux)
{
	static struct mcnic_cmd_ctr c;
	u32 i;

	for (i = 0; i < rh->count; i++) {
		memcpy(&c, entries() + i * sizeof(c), sizeof(c));
		if (c.id == id && c.aux == aux)
			return &c;
	}
	return NULL;
}

static void test_stats_after_frames(void **state)
{
	static u8 flows[8 * sizeof(struct mcnic_cmd_flow)];
	struct mcnic_policy_rule ru = rule(70, 1, MCNIC_POL_ALLOW);
	const struct mcnic_cmd_ctr *c;
	struct mcnic_cmd_pipe_stats s;
	struct mcnic_cmd_flow fl;
	u32 encap_len;

	topology();
	OK1(MCNIC_CMD_RULE_ADD, ru);
	/* Egress twice (miss, hit), then the encapsulated frame comes in. */
	encap_len = traffic();

	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_PORT, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 4);
	c = find_ctr(VP_A, 0);
	assert_non_null(c);
	assert_int_equal(c->c[0], 3);		/* rx */
	assert_int_equal(c->c[4], 1);		/* drop */
	c = find_ctr(UPLINK, 0);
	assert_int_equal(c->c[0], 1);
	assert_int_equal(c->c[2], 2);		/* tx */
	assert_int_equal(c->c[3], 2 * encap_len);
	c = find_ctr(VP_B, 0);
	assert_int_equal(c->c[2], 1);

	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_TMPL, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 2);
	c = find_ctr(0, 0);
	assert_int_equal(c->c[0], 2);
	assert_int_equal(c->c[1], 2 * encap_len);

	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_PEER, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 1);
	c = find_ctr(VNI, 0);
	assert_int_equal(c->family, 4);
	assert_memory_equal(c->addr, fr_tun_local4, 4);
	assert_int_equal(c->c[0], 1);

	/* The counted rule decided egress; VRF 2's default the ingress. */
	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_RULE, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 3);
	assert_int_equal(find_ctr(70, 1)->c[0], 2);
	assert_int_equal(find_ctr(MCNIC_RULE_DEFAULT, 2)->c[0], 1);
	assert_int_equal(find_ctr(MCNIC_RULE_DEFAULT, 1)->c[0], 0);

	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_DROP, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, MCNIC_DROP_COUNT - 1);
	assert_int_equal(find_ctr(MCNIC_DROP_NO_ROUTE, 0)->c[0], 1);
	assert_int_equal(find_ctr(MCNIC_DROP_POLICY_DENY, 0)->c[0], 0);

	s = pipe_stats();
	assert_int_equal(s.flow_misses, 3);
	assert_int_equal(s.flow_hits, 1);
	assert_int_equal(s.flow_installs, 3);
	assert_int_equal(s.t[MCNIC_CMD_TBL_FLOWS].used, 3);
	assert_int_equal(s.t[MCNIC_CMD_TBL_ROUTES].used, 2);
	assert_int_equal(s.t[MCNIC_CMD_TBL_RULES].used, 1);
	assert_int_equal(s.t[MCNIC_CMD_TBL_VRFS].used, 2);
	assert_int_equal(s.t[MCNIC_CMD_TBL_VNIS].used, 1);
	assert_int_equal(s.t[MCNIC_CMD_TBL_PEERS].used, 1);
	assert_int_equal(s.t[MCNIC_CMD_TBL_TMPLS].used, 2);
	assert_int_equal(s.t[MCNIC_CMD_TBL_NEXTHOPS].used, 3);
	assert_int_equal(s.t[MCNIC_CMD_TBL_NHGS].used, 3);
	assert_int_equal(s.t[MCNIC_CMD_TBL_NHGS].capacity, 4);

	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_FLOW, 1, 0, sizeof(resp));
	assert_int_equal(rh->count, 1);
	memcpy(&fl, entries(), sizeof(fl));
	assert_true(fl.st.packets >= 1);
	assert_int_equal(dump_all(MCNIC_CMD_DUMP, MCNIC_OBJ_FLOW, flows, 1),
			 3 * sizeof(fl));
	assert_int_equal(cmd(MCNIC_CMD_FLOW_FLUSH, 0, NULL, 0), 0);
	dump1(MCNIC_CMD_DUMP, MCNIC_OBJ_FLOW, 0, 0, sizeof(resp));
	assert_int_equal(rh->count, 0);
}

/* Refused batches keep every counter and entry (B2). */
static void test_batch_refused_counters(void **state)
{
	struct mcnic_policy_rule ru[2] = { rule(70, 1, MCNIC_POL_ALLOW),
					   rule(71, 1, MCNIC_POL_ALLOW) };
	struct mcnic_cmd_peer pe[5] = { peer(VNI, fr_tun_local4),
					peer(100, fr_tun_remote4),
					peer(101, fr_tun_remote4),
					peer(102, fr_tun_remote4),
					peer(103, fr_tun_remote4) };
	struct mcnic_cmd_tmpl t[2] = { tmpl(0, fr_tun_local4),
				       tmpl(1, fr_tun_remote4) };
	struct mcnic_cmd_vrf v[4] = { vrf(2, MCNIC_POL_DENY), vrf(7, 1),
				      vrf(8, 1), vrf(9, 1) };
	struct mcnic_cmd_nh n0 = nh_tun(0, 1);
	size_t snap;

	topology();
	OK1(MCNIC_CMD_RULE_ADD, ru[0]);
	traffic();
	/* Template 0 counted two frames; now no next hop uses it. */
	OK1(MCNIC_CMD_NH_SET, n0);
	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_RULE, 0, 0, sizeof(resp));
	assert_int_equal(find_ctr(70, 1)->c[0], 2);
	assert_int_equal(find_ctr(MCNIC_RULE_DEFAULT, 2)->c[0], 1);
	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_TMPL, 0, 0, sizeof(resp));
	assert_int_equal(find_ctr(0, 0)->c[0], 2);
	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_PEER, 0, 0, sizeof(resp));
	assert_int_equal(find_ctr(VNI, 0)->c[0], 1);

	snap = snap_before();
	/* Deletes: the first entry could go, the second cannot. */
	expect_err(cmd(MCNIC_CMD_RULE_DEL, 2, ru, sizeof(ru)), -MCNIC_ENOENT,
		   "rule.id=71: no such entry", 1);
	expect_err(cmd(MCNIC_CMD_PEER_DEL, 2, pe, 2 * sizeof(pe[0])),
		   -MCNIC_ENOENT, "peer.vni=100: no such entry", 1);
	expect_err(cmd(MCNIC_CMD_TMPL_DEL, 2, t, sizeof(t)), -MCNIC_EBUSY,
		   "tmpl.idx=1: used by a next hop", 1);
	ru[1] = ru[0];
	expect_err(cmd(MCNIC_CMD_RULE_DEL, 2, ru, sizeof(ru)), -MCNIC_EINVAL,
		   "rule.id=70: named twice in the batch", 1);
	/* Sets: replaced entries are set back over the same object. */
	expect_err(cmd(MCNIC_CMD_VRF_SET, 4, v, sizeof(v)), -MCNIC_ENOSPC,
		   "vrf.id=9: table full", 3);
	expect_err(cmd(MCNIC_CMD_PEER_ADD, 5, pe, sizeof(pe)), -MCNIC_ENOSPC,
		   "peer.vni=103: table full", 4);
	snap_same(snap);

	/* VRF 2 unused but counted: deleted with VRF 1, which is in use. */
	{
		struct mcnic_cmd_route r = route4(2, FR_IP4(10, 2, 0, 0), 16,
						  2);
		struct mcnic_cmd_nhg g = nhg(2, 2);
		struct mcnic_cmd_nh n = nh_vport(2, VP_B);
		struct mcnic_cmd_port none = { .id = VP_B };
		struct mcnic_cmd_vni vn = { .vni = VNI };

		OK1(MCNIC_CMD_ROUTE_DEL, r);
		OK1(MCNIC_CMD_NHG_DEL, g);
		OK1(MCNIC_CMD_NH_DEL, n);
		OK1(MCNIC_CMD_PORT_SET, none);
		OK1(MCNIC_CMD_VNI_DEL, vn);
	}
	v[0] = vrf(2, 0);
	v[1] = vrf(1, 0);
	snap = snap_before();
	expect_err(cmd(MCNIC_CMD_VRF_DEL, 2, v, 2 * sizeof(v[0])),
		   -MCNIC_EBUSY, "vrf.id=1: used by a port", 1);
	v[1] = v[0];
	expect_err(cmd(MCNIC_CMD_VRF_DEL, 2, v, 2 * sizeof(v[0])),
		   -MCNIC_EINVAL, "vrf.id=2: named twice in the batch", 1);
	snap_same(snap);
	OK1(MCNIC_CMD_VRF_DEL, v[0]);
}

/*
 * A delete batch as large as a message: a key named twice is found
 * however far apart (the check hashes, it does not compare pairs), and
 * the refused batch deletes nothing.
 */
static void test_batch_delete_dup_large(void **state)
{
	enum { N = (MCNIC_CMD_MSG_MAX - HDR) / sizeof(struct mcnic_cmd_route) };
	static struct mcnic_cmd_route r[N];
	struct mcnic_cmd_vrf v = vrf(1, 1);
	u32 i;

	OK1(MCNIC_CMD_VRF_SET, v);
	for (i = 0; i < N; i++) {
		r[i] = route4(1, 0x0a000000 + i, 32, 0);
		r[i].route.kind = MCNIC_ROUTE_BLACKHOLE;
	}
	assert_int_equal(cmd(MCNIC_CMD_ROUTE_ADD, N, r, sizeof(r)), 0);
	r[N - 1] = r[3];
	assert_int_equal(cmd(MCNIC_CMD_ROUTE_DEL, N, r, sizeof(r)),
			 -MCNIC_EINVAL);
	assert_int_equal(rh->err_index, N - 1);
	assert_non_null(strstr(rh->err_msg, "named twice in the batch"));
	/* Nothing went: every route is still there to delete, once. */
	r[N - 1] = route4(1, 0x0a000000 + N - 1, 32, 0);
	r[N - 1].route.kind = MCNIC_ROUTE_BLACKHOLE;
	assert_int_equal(cmd(MCNIC_CMD_ROUTE_DEL, N, r, sizeof(r)), 0);
	assert_int_equal(CMD1(MCNIC_CMD_ROUTE_DEL, r[0]), -MCNIC_ENOENT);
}

/* ---- a route change via the mailbox governs the next packet ----------- */

static void test_route_change_cached_flow(void **state)
{
	struct mcnic_cmd_route r = route4(1, FR_IP4(10, 2, 0, 0), 16, 1);
	struct mcnic_cmd_nh down = nh_tun(1, 1);
	struct mcnic_pipe_out o;

	topology();
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
	assert_memory_equal(sent_to(), fr_tun_local4, 4);
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
	assert_int_equal(mcnic_fw_pipe(fw)->st.flow_hits, 1);
	OK1(MCNIC_CMD_ROUTE_ADD, r);
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
	assert_memory_equal(sent_to(), fr_tun_remote4, 4);
	assert_int_equal(mcnic_fw_pipe(fw)->st.flow_stale, 1);
	/* A next hop marked down, by command, too. */
	down.nh.flags = MCNIC_NHF_DOWN;
	OK1(MCNIC_CMD_NH_STATE, down);
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o),
			 MCNIC_DROP_NEXTHOP_DOWN);
	/* And a delete: the route goes, the flow follows. */
	OK1(MCNIC_CMD_ROUTE_DEL, r);
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o),
			 MCNIC_DROP_NO_ROUTE);
}

/* ---- RESET ---------------------------------------------------------- */

static void test_reset(void **state)
{
	struct mcnic_cmd_pipe_stats s;
	struct mcnic_pipe_out o;
	size_t fresh, n;

	fresh = snap_before();
	topology();
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
	assert_int_equal(cmd(MCNIC_CMD_RESET, 0, NULL, 0), 0);
	s = pipe_stats();
	assert_int_equal(s.cmds, 1);		/* the RESET itself */
	assert_int_equal(s.cmd_errors, 0);
	assert_int_equal(s.flow_misses, 0);
	assert_int_equal(s.t[MCNIC_CMD_TBL_FLOWS].used, 0);
	n = snapshot(snap_b);
	assert_int_equal(n, fresh);
	assert_memory_equal(snap_a, snap_b, n);
	free(snap_a);
	free(snap_b);
	dump1(MCNIC_CMD_STATS, MCNIC_OBJ_PORT, 0, 0, sizeof(resp));
	assert_int_equal(find_ctr(VP_A, 0)->c[0], 0);
	/* And the tables work as before. */
	topology();
	assert_int_equal(send(FR_IP4(10, 2, 0, 5), 1000, &o), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_header_checks, setup,
						teardown),
		cmocka_unit_test(test_init),
		cmocka_unit_test_setup_teardown(test_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roundtrip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_field_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_delete_busy, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_port_used_by_nh, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_vni_gre_key, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_delete_all, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_batch_check_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_batch_full_table_undo,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_routes_full, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_batch_delete_undo, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_batch_delete_dup_large,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_cursor, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_stats_after_frames, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_batch_refused_counters,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_change_cached_flow,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
