// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Power-on self-test of the data plane: before the firmware takes traffic
 * it sends a known frame through encap and decap for each tunnel type and
 * checks the round trip restores it bit for bit.  A core whose data plane
 * fails this must not forward.
 */
#include "selftest.h"
#include "../dp/dp.h"

/* ICMP echo request 10.0.0.1 -> 10.0.0.2, 32 bytes of payload. */
const u8 mcnic_selftest_frame[] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x00, 0x45, 0x00, 0x00, 0x3c, 0x00, 0x01, 0x40, 0x00, 0x40, 0x01,
	0x26, 0xbe, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x08, 0x00,
	0x06, 0xfb, 0x00, 0x01, 0x00, 0x03, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11,
	0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d,
	0x1e, 0x1f,
};
const u16 mcnic_selftest_frame_len = sizeof(mcnic_selftest_frame);
_Static_assert(sizeof(mcnic_selftest_frame) <= 128, "test buffers hold 128");

void mcnic_selftest_tunnel_cfg(struct mcnic_tunnel_cfg *c, u8 type)
{
	static const u8 local[4] = { 192, 0, 2, 1 }, remote[4] = { 192, 0, 2, 2 };

	__builtin_memset(c, 0, sizeof(*c));
	c->type = type;
	c->ttl = 64;
	c->flags = MCNIC_TUNF_DF_SET | MCNIC_TUNF_UDP_CSUM;
	if (type == MCNIC_TUN_GRE)
		c->flags = MCNIC_TUNF_DF_SET | MCNIC_TUNF_GRE_KEY;
	c->vni = 4242;
	c->dport = type == MCNIC_TUN_GENEVE ? 6081 : 4789;
	c->sport_min = 49152;
	c->sport_max = 65535;
	c->mtu = 1500;
	__builtin_memcpy(c->saddr, local, 4);
	__builtin_memcpy(c->daddr, remote, 4);
}

static int mcnic_selftest_one(u8 type)
{
	static u8 buf[MCNIC_HEADROOM + 128];
	struct mcnic_pkt p = { .buf = buf, .size = sizeof(buf),
			       .head = MCNIC_HEADROOM,
			       .len = mcnic_selftest_frame_len };
	struct mcnic_parse_cfg pc;
	struct mcnic_tunnel_cfg tc;
	struct mcnic_encap_tmpl t;
	struct mcnic_decap_cfg dc;
	struct mcnic_pkt_meta m;

	mcnic_parse_cfg_init(&pc);
	mcnic_selftest_tunnel_cfg(&tc, type);
	__builtin_memset(&dc, 0, sizeof(dc));
	__builtin_memcpy(buf + p.head, mcnic_selftest_frame, p.len);
	if (mcnic_tmpl_build(&tc, &t, NULL))
		return -1;
	if (mcnic_parse(mcnic_pkt_data(&p), p.len, &pc, &m))
		return -1;
	if (mcnic_encap(&t, &p, &m.outer, mcnic_flow_hash(mcnic_pkt_data(&p),
			&m.outer), 0, NULL))
		return -1;
	if (mcnic_parse(mcnic_pkt_data(&p), p.len, &pc, &m) ||
	    m.tun != type || m.vni != 4242)
		return -1;
	if (mcnic_decap(&p, &m, &dc) || p.len != mcnic_selftest_frame_len)
		return -1;
	return __builtin_memcmp(mcnic_pkt_data(&p), mcnic_selftest_frame,
				p.len) ? -1 : 0;
}

int mcnic_selftest_run(void)
{
	static const u8 types[] = { MCNIC_TUN_VXLAN, MCNIC_TUN_GENEVE,
				    MCNIC_TUN_GRE };
	unsigned int i;
	int failed = 0;

	for (i = 0; i < sizeof(types); i++)
		if (mcnic_selftest_one(types[i]))
			failed |= 1 << i;
	return failed;
}
