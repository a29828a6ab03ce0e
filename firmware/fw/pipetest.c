// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Power-on test of the pipeline on the NIC's own cores: a small set of
 * tables in a static arena, one tenant frame sent through egress (miss,
 * slow path, encap), again (flow-cache hit), then the encapsulated frame
 * received back on the uplink (VTEP, VNI, peer, decap, delivery) -- it
 * must come out as the tenant frame, bit for bit.
 */
#include "selftest.h"
#include "../dp/pipe.h"

#define PT_ARENA	(96 * 1024)

static u8 mcnic_pt_arena[PT_ARENA] __attribute__((aligned(64)));
static struct mcnic_pipe mcnic_pt_pipe;

static const struct mcnic_pipe_limits mcnic_pt_limits = {
	.ports = 3, .vrfs = 2, .flows = 64, .tmpls = 1, .nexthops = 2,
	.nhgs = 2, .routes = 4, .lpm4_prefixes = 8, .lpm4_groups = 2,
	.lpm6_prefixes = 8, .lpm6_groups = 2, .lpm4_root_bits = 8,
	.lpm6_root_bits = 8, .rules = 4, .counted_rules = 4, .vnis = 2,
	.peers = 2,
};

static int mcnic_pt_program(struct mcnic_pipe *p)
{
	static const u8 local[4] = { 192, 0, 2, 1 }, net[4] = { 10, 0, 0, 0 };
	struct mcnic_port_cfg up = { .kind = MCNIC_PORTK_UPLINK, .up = 1,
				     .mtu = 1500 };
	struct mcnic_port_cfg v = { .kind = MCNIC_PORTK_VPORT, .up = 1,
				    .mtu = 1500, .queues = 1 };
	struct mcnic_nexthop tun = { .kind = MCNIC_NH_TUNNEL, .port = 0 };
	struct mcnic_nexthop vp = { .kind = MCNIC_NH_VPORT, .port = 2 };
	struct mcnic_vtep vt = { .family = 4, .type = MCNIC_TUN_VXLAN,
				 .udp_port = 4789 };
	struct mcnic_route rt = { 0 };
	struct mcnic_nhg g = { .n_members = 1, .weight = { 1 } };
	struct mcnic_tunnel_cfg tc;
	struct mcnic_encap_tmpl t;
	int r;

	/* The NIC tunnels to itself: VRF 1 sends, VNI 4242 -> VRF 2 gets. */
	mcnic_selftest_tunnel_cfg(&tc, MCNIC_TUN_VXLAN);
	__builtin_memcpy(tc.daddr, local, 4);
	__builtin_memcpy(vt.addr, local, 4);
	r = mcnic_pipe_vrf_set(p, 1, MCNIC_POL_ALLOW, NULL) |
	    mcnic_pipe_vrf_set(p, 2, MCNIC_POL_ALLOW, NULL) |
	    mcnic_pipe_port_set(p, 0, &up, NULL);
	v.vrf = 1;
	r |= mcnic_pipe_port_set(p, 1, &v, NULL);
	v.vrf = 2;
	r |= mcnic_pipe_port_set(p, 2, &v, NULL) |
	     mcnic_tmpl_build(&tc, &t, NULL) |
	     mcnic_pipe_tmpl_set(p, 0, &t, NULL) |
	     mcnic_pipe_nh_set(p, 0, &tun, NULL) |
	     mcnic_pipe_nh_set(p, 1, &vp, NULL) |
	     mcnic_pipe_nhg_set(p, 0, &g, NULL);
	g.member[0] = 1;
	rt.nhg = 1;
	r |= mcnic_pipe_nhg_set(p, 1, &g, NULL) |
	     mcnic_pipe_route_add(p, 2, 4, net, 24, &rt, NULL);
	rt.nhg = 0;
	r |= mcnic_pipe_route_add(p, 1, 4, net, 24, &rt, NULL) |
	     mcnic_pipe_vtep_add(p, &vt, NULL) |
	     mcnic_pipe_vni_set(p, 4242, 2, NULL) |
	     mcnic_pipe_peer_add(p, 4242, 4, local, NULL);
	return r;
}

static int mcnic_pt_send(struct mcnic_pipe *p, struct mcnic_pkt *pkt,
			 u16 port, u16 out_port)
{
	struct mcnic_pipe_out o;

	return mcnic_pipe_rx(p, port, pkt, 0, &o) || o.port != out_port;
}

int mcnic_pipetest_run(void)
{
	static u8 buf[MCNIC_HEADROOM + 128];
	struct mcnic_pipe *p = &mcnic_pt_pipe;
	struct mcnic_pkt pkt = { .buf = buf, .size = sizeof(buf) };
	unsigned int i;

	if (mcnic_pipe_mem_size(&mcnic_pt_limits) > PT_ARENA ||
	    mcnic_pipe_init(p, &mcnic_pt_limits, mcnic_pt_arena, PT_ARENA) ||
	    mcnic_pt_program(p))
		return -1;
	for (i = 0; i < 2; i++) {
		pkt.head = MCNIC_HEADROOM;
		pkt.len = mcnic_selftest_frame_len;
		__builtin_memcpy(buf + pkt.head, mcnic_selftest_frame, pkt.len);
		if (mcnic_pt_send(p, &pkt, 1, 0))
			return -1;
	}
	if (p->st.flow_misses != 1 || p->st.flow_hits != 1)
		return -1;
	if (mcnic_pt_send(p, &pkt, 0, 2) ||
	    pkt.len != mcnic_selftest_frame_len)
		return -1;
	return __builtin_memcmp(mcnic_pkt_data(&pkt), mcnic_selftest_frame,
				pkt.len) ? -1 : 0;
}
