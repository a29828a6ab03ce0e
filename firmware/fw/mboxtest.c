// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Power-on test of the command handler on the NIC's own cores: the tables
 * of the pipeline test (pipetest.c) programmed through mailbox messages
 * alone, the tenant frame sent out and received back, then the answers a
 * host relies on -- port counters, a dump, a refused delete naming its
 * user, RESET emptying every table.
 */
#include "selftest.h"
#include "cmd_priv.h"

#define MT_ARENA	(288 * 1024)

static u8 mcnic_mt_arena[MT_ARENA] __attribute__((aligned(64)));
static u8 mcnic_mt_req[512] __attribute__((aligned(8)));
static u8 mcnic_mt_resp[1024] __attribute__((aligned(8)));
static u32 mcnic_mt_seq;

static const struct mcnic_pipe_limits mcnic_mt_limits = {
	.ports = 3, .vrfs = 2, .flows = 64, .tmpls = 1, .nexthops = 2,
	.nhgs = 2, .routes = 4, .lpm4_prefixes = 8, .lpm4_groups = 2,
	.lpm6_prefixes = 8, .lpm6_groups = 2, .lpm4_root_bits = 8,
	.lpm6_root_bits = 8, .rules = 4, .counted_rules = 4, .vnis = 2,
	.peers = 2,
};

/* One request; its status, or -MCNIC_EIO when the answer is malformed. */
static s32 mcnic_mt_cmd(struct mcnic_fw *fw, u16 op, u16 count,
			const void *payload, u32 len)
{
	struct mcnic_cmd_hdr *h = (struct mcnic_cmd_hdr *)mcnic_mt_req;
	const struct mcnic_cmd_hdr *a =
		(const struct mcnic_cmd_hdr *)mcnic_mt_resp;
	u32 n;

	__builtin_memset(h, 0, sizeof(*h));
	h->version = MCNIC_CMD_VERSION;
	h->opcode = op;
	h->seq = ++mcnic_mt_seq;
	h->len = len;
	h->count = count;
	__builtin_memcpy(h + 1, payload, len);
	n = mcnic_fw_cmd(fw, h, sizeof(*h) + len, mcnic_mt_resp,
			 sizeof(mcnic_mt_resp), 0);
	if (n != sizeof(*a) + a->len || a->seq != h->seq || a->opcode != op)
		return -MCNIC_EIO;
	return a->status;
}

static int mcnic_mt_program(struct mcnic_fw *fw)
{
	static const u8 local[4] = { 192, 0, 2, 1 };
	struct mcnic_cmd_vrf v[2] = { { .id = 1, .default_action = 1 },
				      { .id = 2, .default_action = 1 } };
	struct mcnic_cmd_port pt[3] = {
		{ .id = 0, .kind = MCNIC_CMD_PORT_UPLINK, .up = 1,
		  .mtu = 1500 },
		{ .id = 1, .kind = MCNIC_CMD_PORT_VPORT, .up = 1, .mtu = 1500,
		  .vrf = 1, .queues = 1 },
		{ .id = 2, .kind = MCNIC_CMD_PORT_VPORT, .up = 1, .mtu = 1500,
		  .vrf = 2, .queues = 1 } };
	struct mcnic_cmd_nh nh[2] = {
		{ .idx = 0, .nh = { .kind = MCNIC_NH_TUNNEL, .port = 0 } },
		{ .idx = 1, .nh = { .kind = MCNIC_NH_VPORT, .port = 2 } } };
	struct mcnic_cmd_nhg g[2] = {
		{ .idx = 0, .n_members = 1, .weight = { 1 } },
		{ .idx = 1, .n_members = 1, .member = { 1 }, .weight = { 1 } } };
	struct mcnic_cmd_route rt[2] = {
		{ .vrf = 1, .family = 4, .len = 24, .prefix = { 10 },
		  .route = { .nhg = 0 } },
		{ .vrf = 2, .family = 4, .len = 24, .prefix = { 10 },
		  .route = { .nhg = 1 } } };
	struct mcnic_cmd_vtep vt = { .family = 4, .type = MCNIC_TUN_VXLAN,
				     .udp_port = 4789 };
	struct mcnic_cmd_vni vn = { .vni = 4242, .vrf = 2 };
	struct mcnic_cmd_peer pe = { .vni = 4242, .family = 4 };
	struct mcnic_cmd_tmpl t = { .idx = 0 };

	/* The NIC tunnels to itself, as in the pipeline test. */
	mcnic_selftest_tunnel_cfg(&t.cfg, MCNIC_TUN_VXLAN);
	__builtin_memcpy(t.cfg.daddr, local, 4);
	__builtin_memcpy(vt.addr, local, 4);
	__builtin_memcpy(pe.addr, local, 4);
	return mcnic_mt_cmd(fw, MCNIC_CMD_VRF_SET, 2, v, sizeof(v)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_PORT_SET, 3, pt, sizeof(pt)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_TMPL_SET, 1, &t, sizeof(t)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_NH_SET, 2, nh, sizeof(nh)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_NHG_SET, 2, g, sizeof(g)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_ROUTE_ADD, 2, rt, sizeof(rt)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_VTEP_ADD, 1, &vt, sizeof(vt)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_VNI_SET, 1, &vn, sizeof(vn)) |
	       mcnic_mt_cmd(fw, MCNIC_CMD_PEER_ADD, 1, &pe, sizeof(pe));
}

/* Out of vport 1 to the uplink, back in on the uplink to vport 2. */
static int mcnic_mt_traffic(struct mcnic_fw *fw)
{
	static u8 buf[MCNIC_HEADROOM + 128];
	struct mcnic_pkt pkt = { .buf = buf, .size = sizeof(buf),
				 .head = MCNIC_HEADROOM,
				 .len = mcnic_selftest_frame_len };
	struct mcnic_pipe_out o;

	__builtin_memcpy(buf + pkt.head, mcnic_selftest_frame, pkt.len);
	if (mcnic_pipe_rx(mcnic_fw_pipe(fw), 1, &pkt, 0, &o) || o.port != 0)
		return -1;
	if (mcnic_pipe_rx(mcnic_fw_pipe(fw), 0, &pkt, 0, &o) || o.port != 2)
		return -1;
	return __builtin_memcmp(mcnic_pkt_data(&pkt), mcnic_selftest_frame,
				pkt.len) ? -1 : 0;
}

static const u8 *mcnic_mt_entries(void)
{
	return mcnic_mt_resp + sizeof(struct mcnic_cmd_hdr) +
	       sizeof(struct mcnic_cmd_dump_resp);
}

/* The host's view: counters, a dump, a refusal, RESET. */
static int mcnic_mt_answers(struct mcnic_fw *fw)
{
	const struct mcnic_cmd_hdr *a =
		(const struct mcnic_cmd_hdr *)mcnic_mt_resp;
	struct mcnic_cmd_dump d = { .obj = MCNIC_OBJ_PORT };
	struct mcnic_cmd_vrf v = { .id = 2 };
	struct mcnic_cmd_ctr c[3];

	if (mcnic_mt_cmd(fw, MCNIC_CMD_STATS, 1, &d, sizeof(d)) ||
	    a->count != 3)
		return -1;
	__builtin_memcpy(c, mcnic_mt_entries(), sizeof(c));
	if (c[1].c[0] != 1 || c[0].c[2] != 1 || c[2].c[2] != 1)
		return -1;
	d.obj = MCNIC_OBJ_ROUTE;
	if (mcnic_mt_cmd(fw, MCNIC_CMD_DUMP, 1, &d, sizeof(d)) ||
	    a->count != 2)
		return -1;
	if (mcnic_mt_cmd(fw, MCNIC_CMD_VRF_DEL, 1, &v, sizeof(v)) !=
	    -MCNIC_EBUSY || !mcnic_cmd_streq(a->err_msg,
					    "vrf.id=2: used by a port"))
		return -1;
	d.obj = MCNIC_OBJ_VRF;
	if (mcnic_mt_cmd(fw, MCNIC_CMD_RESET, 0, NULL, 0) ||
	    mcnic_mt_cmd(fw, MCNIC_CMD_DUMP, 1, &d, sizeof(d)) || a->count)
		return -1;
	return 0;
}

int mcnic_mboxtest_run(void)
{
	struct mcnic_fw *fw;

	if (mcnic_fw_mem_size(&mcnic_mt_limits) > MT_ARENA ||
	    mcnic_fw_init(&fw, &mcnic_mt_limits, mcnic_mt_arena, MT_ARENA) ||
	    mcnic_mt_program(fw) || mcnic_mt_traffic(fw))
		return -1;
	return mcnic_mt_answers(fw);
}
