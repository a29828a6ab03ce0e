// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * fuzz_pipe: the whole packet pipeline, mcnic_pipe_rx against
 * mcnic_pipe_rx_burst.
 *
 * Input: up to FUZZ_PIPE_FRAMES records, each
 *
 *   u8 port, u8 flags, u16 len (BE), len bytes of frame
 *
 * port is taken modulo 5: 0 the uplink, 1 and 2 vports, 3 a port never
 * configured, 4 a port id beyond lim.ports.  flags:
 *
 *   bit 0	the frame starts a new burst even on the same port
 *   bit 1	a control change is applied before the frame (and so it
 *		starts a burst too): bits 2-4 pick which, bit 5 is its
 *		argument (fuzz_pipe_change())
 *
 * len is cut to what is left of the input, and the frame is its first
 * FUZZ_PIPE_FRAME_MAX bytes; fewer than 4 bytes left end the input.
 *
 * Two pipelines are programmed alike from scratch for every input
 * (fuzz_pipe_setup(): VXLAN and GENEVE VTEPs, VNIs into two VRFs, peers,
 * tunnel and vport next hops, groups with a backup and ECMP, routes,
 * counted rules, a flow table small enough to fill).  A gets every frame
 * through mcnic_pipe_rx; B gets each burst -- a maximal run of frames on
 * one port, cut where the flags say -- through mcnic_pipe_rx_burst, whose
 * contract (pipe.h) is the outputs, counters and table changes of those
 * calls in order.  A burst has one clock, so both see now = the index of
 * the burst's first record.  Each frame is copied, for each pipeline, into
 * a heap buffer of exactly MCNIC_HEADROOM + len bytes (ASan catches any
 * read past the frame).
 *
 * After each burst, every frame's output, head, len and bytes must be the
 * same in both; the drop reason in range; a frame received on a port that
 * is not up dropped as PORT_INVALID; a sent frame leaving by an up port of
 * the kind its action needs, a forwarded frame unchanged and an
 * encapsulated one ending in its original bytes.  At the end, the
 * pipelines' stats, drop, port, template, peer and rule counters, IPv4 ID
 * and whole flow tables must be equal, and every port's counters must be
 * what the outputs add up to: rx counts every frame on a port id below
 * lim.ports whatever its state (port 3 too; port 4 nowhere), drop the
 * dropped ones, tx the sent ones by the port they left (see
 * fuzz_pipe_tally()).
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "dp/pipe.h"
#include <mcnic/wire.h>

#define FUZZ_PIPE_FRAMES	64
#define FUZZ_PIPE_FRAME_MAX	2048
#define FUZZ_PIPE_PORT_IDS	5	/* lim.ports + 1: one out of range */

#define FUZZ_PF_NEW_BURST	0x01
#define FUZZ_PF_CHANGE		0x02
#define FUZZ_PF_CHANGE_SHIFT	2
#define FUZZ_PF_CHANGE_ARG	0x20

#define UPLINK	0
#define VP_A	1	/* VRF 1, 10.1/16 and fd00:1::/32, segment 10 */
#define VP_B	2	/* VRF 1, 10.3/16, segment 20 */
#define VRF_A	1	/* default allow; VNI 100 */
#define VRF_B	2	/* default deny; VNI 200 */
#define VNI_A	100
#define VNI_B	200
#define FUZZ_PIPE_FILL		0xa5

static const struct mcnic_pipe_limits fuzz_lim = {
	.ports = 4, .vrfs = 2, .flows = 32, .tmpls = 2, .nexthops = 4,
	.nhgs = 5, .routes = 12, .lpm4_prefixes = 8, .lpm4_groups = 8,
	.lpm6_prefixes = 4, .lpm6_groups = 8, .lpm4_root_bits = 8,
	.lpm6_root_bits = 8, .rules = 8, .counted_rules = 8, .vnis = 4,
	.peers = 4,
};

static const u8 fuzz_local4[4] = { 192, 0, 2, 1 };
static const u8 fuzz_peer4[2][4] = { { 192, 0, 2, 2 }, { 192, 0, 2, 3 } };
static const u8 fuzz_local6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const u8 fuzz_peer6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

struct fuzz_rec {
	const u8 *frame;
	u16 len;
	u16 port;
	u8 flags;
};

struct fuzz_side {
	struct mcnic_pipe p;
	void *mem;
	size_t size;
	struct mcnic_pkt pkt[FUZZ_PIPE_FRAMES];
	struct mcnic_pkt *pp[FUZZ_PIPE_FRAMES];
	struct mcnic_pipe_out out[FUZZ_PIPE_FRAMES];
	enum mcnic_drop ret[FUZZ_PIPE_FRAMES];
};

/* What the outputs say each counter must be (port 4 has none). */
struct fuzz_tally {
	struct mcnic_ctr rx[4], tx[4], drop[4];
	struct mcnic_ctr drops[MCNIC_DROP_COUNT];
};

static struct fuzz_side fuzz_a, fuzz_b;

static void fuzz_port(struct mcnic_pipe *p, u16 id, u8 kind, u16 vrf,
		      u16 seg, u16 mtu, u8 up)
{
	struct mcnic_port_cfg c = { .kind = kind, .up = up, .mtu = mtu,
				    .vrf = vrf, .segment = seg, .queues = 4 };
	const char *why;

	c.mac[0] = 0x02;
	c.mac[5] = (u8)id;
	FUZZ_CHECK(mcnic_pipe_port_set(p, id, &c, &why) == 0);
}

static void fuzz_vtep(struct mcnic_pipe *p, u8 family, u8 type, u16 udp,
		      const u8 *addr)
{
	struct mcnic_vtep v = { .family = family, .type = type,
				.udp_port = udp };
	const char *why;

	memcpy(v.addr, addr, family == 6 ? 16 : 4);
	FUZZ_CHECK(mcnic_pipe_vtep_add(p, &v, &why) == 0);
}

/* The underlay: VTEPs, VNIs into both VRFs, the peers they accept. */
static void fuzz_underlay(struct mcnic_pipe *p)
{
	const char *why;

	fuzz_vtep(p, 4, MCNIC_TUN_VXLAN, MCNIC_PORT_VXLAN, fuzz_local4);
	fuzz_vtep(p, 4, MCNIC_TUN_GENEVE, MCNIC_PORT_GENEVE, fuzz_local4);
	fuzz_vtep(p, 6, MCNIC_TUN_VXLAN, MCNIC_PORT_VXLAN, fuzz_local6);
	FUZZ_CHECK(mcnic_pipe_vni_set(p, VNI_A, VRF_A, &why) == 0);
	FUZZ_CHECK(mcnic_pipe_vni_set(p, VNI_B, VRF_B, &why) == 0);
	FUZZ_CHECK(mcnic_pipe_peer_add(p, VNI_A, 4, fuzz_peer4[0], &why) == 0);
	FUZZ_CHECK(mcnic_pipe_peer_add(p, VNI_A, 4, fuzz_peer4[1], &why) == 0);
	FUZZ_CHECK(mcnic_pipe_peer_add(p, VNI_B, 4, fuzz_peer4[0], &why) == 0);
	FUZZ_CHECK(mcnic_pipe_peer_add(p, VNI_A, 6, fuzz_peer6, &why) == 0);
}

/*
 * Template i: VXLAN to the first peer, or GENEVE with a smaller path MTU
 * to the second; both send VNI 100, so their replies come back in VRF 1.
 */
static void fuzz_tmpl(struct mcnic_pipe *p, u32 i)
{
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl t;
	const char *why;

	memset(&c, 0, sizeof(c));
	c.type = i ? MCNIC_TUN_GENEVE : MCNIC_TUN_VXLAN;
	c.flags = i ? MCNIC_TUNF_DF_INHERIT | MCNIC_TUNF_TTL_INHERIT :
		      MCNIC_TUNF_UDP_CSUM | MCNIC_TUNF_DF_SET;
	c.ttl = 64;
	c.dscp = 10;
	memcpy(c.smac, "\x02\x00\x00\x00\xaa\x01", 6);
	memcpy(c.dmac, "\x02\x00\x00\x00\xbb\x02", 6);
	memcpy(c.saddr, fuzz_local4, 4);
	memcpy(c.daddr, fuzz_peer4[i], 4);
	c.vni = VNI_A;
	c.dport = i ? MCNIC_PORT_GENEVE : MCNIC_PORT_VXLAN;
	c.sport_min = 49152;
	c.sport_max = 65535;
	c.mtu = i ? 1400 : 1500;
	FUZZ_CHECK(mcnic_tmpl_build(&c, &t, &why) == 0);
	FUZZ_CHECK(mcnic_pipe_tmpl_set(p, i, &t, &why) == 0);
}

/* Group idx: members m0 (and m1 if >= 0), backup b if >= 0. */
static void fuzz_group(struct mcnic_pipe *p, u32 idx, u32 m0, int m1, int b)
{
	struct mcnic_nhg g;
	const char *why;

	memset(&g, 0, sizeof(g));
	g.member[g.n_members] = m0;
	g.weight[g.n_members++] = 1;
	if (m1 >= 0) {
		g.member[g.n_members] = m1;
		g.weight[g.n_members++] = 1;
	}
	if (b >= 0)
		g.backup[g.n_backups++] = b;
	FUZZ_CHECK(mcnic_pipe_nhg_set(p, idx, &g, &why) == 0);
}

/*
 * Next hops 0, 1: tunnels (templates 0, 1); 2: vport B; 3: vport A.
 * Groups 0: tunnel 0; 1: tunnel 0, backup 1; 2: vport B; 3: vport A;
 * 4: ECMP over both tunnels.
 */
static void fuzz_nexthops(struct mcnic_pipe *p)
{
	struct mcnic_nexthop nh = { .kind = MCNIC_NH_TUNNEL, .port = UPLINK };
	const char *why;
	u32 i;

	for (i = 0; i < 2; i++) {
		fuzz_tmpl(p, i);
		nh.tmpl = i;
		FUZZ_CHECK(mcnic_pipe_nh_set(p, i, &nh, &why) == 0);
	}
	nh.kind = MCNIC_NH_VPORT;
	nh.tmpl = 0;
	nh.port = VP_B;
	FUZZ_CHECK(mcnic_pipe_nh_set(p, 2, &nh, &why) == 0);
	nh.port = VP_A;
	FUZZ_CHECK(mcnic_pipe_nh_set(p, 3, &nh, &why) == 0);
	fuzz_group(p, 0, 0, -1, -1);
	fuzz_group(p, 1, 0, -1, 1);
	fuzz_group(p, 2, 2, -1, -1);
	fuzz_group(p, 3, 3, -1, -1);
	fuzz_group(p, 4, 0, 1, -1);
}

/* 10.b/16 in vrf: through group nhg, or a blackhole when nhg < 0. */
static void fuzz_route4(struct mcnic_pipe *p, u16 vrf, u8 b, int nhg)
{
	const u8 prefix[4] = { 10, b, 0, 0 };
	struct mcnic_route r = { .nhg = nhg < 0 ? 0 : nhg,
				 .kind = nhg < 0 ? MCNIC_ROUTE_BLACKHOLE :
						   MCNIC_ROUTE_NHG };
	const char *why;

	FUZZ_CHECK(mcnic_pipe_route_add(p, vrf, 4, prefix, 16, &r, &why) == 0);
}

/* fd00:b::/32 in VRF 1 through group nhg. */
static void fuzz_route6(struct mcnic_pipe *p, u8 b, u32 nhg)
{
	const u8 prefix[16] = { 0xfd, 0x00, 0x00, b };
	struct mcnic_route r = { .nhg = nhg, .kind = MCNIC_ROUTE_NHG };
	const char *why;

	FUZZ_CHECK(mcnic_pipe_route_add(p, VRF_A, 6, prefix, 32, &r,
					&why) == 0);
}

/* 10.9/16 and the rest stay unrouted. */
static void fuzz_routes(struct mcnic_pipe *p)
{
	fuzz_route4(p, VRF_A, 1, 3);
	fuzz_route4(p, VRF_A, 3, 2);
	fuzz_route4(p, VRF_A, 2, 0);
	fuzz_route4(p, VRF_A, 4, 1);
	fuzz_route4(p, VRF_A, 5, -1);
	fuzz_route4(p, VRF_A, 6, 4);
	fuzz_route6(p, 1, 3);
	fuzz_route6(p, 2, 0);
	fuzz_route4(p, VRF_B, 3, 2);
	fuzz_route4(p, VRF_B, 2, 0);
}

static struct mcnic_policy_rule fuzz_rule(u32 id, u16 vrf, u32 prio,
					  u8 allow)
{
	struct mcnic_policy_rule r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.priority = prio;
	r.vrf = vrf;
	r.action = allow ? MCNIC_POL_ALLOW : MCNIC_POL_DENY;
	r.flags = MCNIC_POLF_COUNT;
	r.sport_hi = 65535;
	r.dport_hi = 65535;
	return r;
}

/* Rule 13 (deny TCP to 443) comes and goes with control changes. */
static struct mcnic_policy_rule fuzz_rule_https(void)
{
	struct mcnic_policy_rule r = fuzz_rule(13, VRF_A, 10, 0);

	r.match = MCNIC_POLM_PROTO;
	r.proto = MCNIC_IPPROTO_TCP;
	r.dport_lo = 443;
	r.dport_hi = 443;
	return r;
}

static void fuzz_rules(struct mcnic_pipe *p)
{
	struct mcnic_policy_rule r = fuzz_rule(10, VRF_A, 100, 0);
	const char *why;

	/* Vport B may not open connections to A; its replies are allowed. */
	r.match = MCNIC_POLM_SSEG | MCNIC_POLM_DSEG;
	r.sseg = 20;
	r.dseg = 10;
	FUZZ_CHECK(mcnic_pipe_rule_add(p, &r, &why) == 0);
	r = fuzz_rule(11, VRF_A, 50, 0);
	r.match = MCNIC_POLM_PROTO;
	r.proto = MCNIC_IPPROTO_TCP;
	r.dport_lo = 22;
	r.dport_hi = 22;
	FUZZ_CHECK(mcnic_pipe_rule_add(p, &r, &why) == 0);
	r = fuzz_rule(12, VRF_A, 200, 1);
	r.match = MCNIC_POLM_PROTO;
	r.proto = MCNIC_IPPROTO_UDP;
	FUZZ_CHECK(mcnic_pipe_rule_add(p, &r, &why) == 0);
	/* VRF 2 denies by default; ICMP from the tunnel is let in. */
	r = fuzz_rule(20, VRF_B, 10, 1);
	r.match = MCNIC_POLM_PROTO | MCNIC_POLM_INGRESS;
	r.proto = MCNIC_IPPROTO_ICMP;
	FUZZ_CHECK(mcnic_pipe_rule_add(p, &r, &why) == 0);
}

static void fuzz_pipe_setup(struct fuzz_side *s)
{
	struct mcnic_pipe *p = &s->p;
	const char *why;

	if (!s->mem) {
		s->size = mcnic_pipe_mem_size(&fuzz_lim);
		FUZZ_CHECK(s->size > 0);
		s->mem = aligned_alloc(64, (s->size + 63) & ~(size_t)63);
		FUZZ_CHECK(s->mem != NULL);
	}
	FUZZ_CHECK(mcnic_pipe_init(p, &fuzz_lim, s->mem, s->size) == 0);
	FUZZ_CHECK(mcnic_pipe_vrf_set(p, VRF_A, MCNIC_POL_ALLOW, &why) == 0);
	FUZZ_CHECK(mcnic_pipe_vrf_set(p, VRF_B, MCNIC_POL_DENY, &why) == 0);
	fuzz_port(p, UPLINK, MCNIC_PORTK_UPLINK, 0, 0, 1500, 1);
	fuzz_port(p, VP_A, MCNIC_PORTK_VPORT, VRF_A, 10, 1500, 1);
	fuzz_port(p, VP_B, MCNIC_PORTK_VPORT, VRF_A, 20, 1400, 1);
	fuzz_underlay(p);
	fuzz_nexthops(p);
	fuzz_routes(p);
	fuzz_rules(p);
}

/* Control change k with argument arg, at time now, on one pipeline. */
static int fuzz_change_one(struct mcnic_pipe *p, u8 k, int arg, u64 now)
{
	struct mcnic_policy_rule r = fuzz_rule_https();
	u32 cursor = 0;

	switch (k) {
	case 0:
		if (!mcnic_pipe_rule_del(p, r.id, r.vrf))
			return 1;
		return mcnic_pipe_rule_add(p, &r, NULL);
	case 1:
	case 2:
		return mcnic_pipe_nh_state(p, k - 1, arg);
	case 3:
		fuzz_port(p, VP_B, MCNIC_PORTK_VPORT, VRF_A, 20, 1400, !arg);
		return 0;
	case 4:
		/* arg: everything not seen in this burst; else 2 ticks old. */
		return mcnic_flow_cache_expire(&p->flows, arg ? now :
					       now - (now < 2 ? now : 2),
					       &cursor, fuzz_lim.flows);
	case 5:
		mcnic_pipe_flows_clear(p);
		return 0;
	case 6:
		if (arg)
			return mcnic_pipe_peer_del(p, VNI_A, 4, fuzz_peer4[0]);
		return mcnic_pipe_peer_add(p, VNI_A, 4, fuzz_peer4[0], NULL);
	default:
		return mcnic_pipe_vrf_set(p, VRF_A, arg ? MCNIC_POL_DENY :
						    MCNIC_POL_ALLOW, NULL);
	}
}

/* The same change in both pipelines, with the same result. */
static void fuzz_pipe_change(u8 flags, u64 now)
{
	u8 k = (flags >> FUZZ_PF_CHANGE_SHIFT) & 7;
	int arg = !!(flags & FUZZ_PF_CHANGE_ARG);
	int ra = fuzz_change_one(&fuzz_a.p, k, arg, now);
	int rb = fuzz_change_one(&fuzz_b.p, k, arg, now);

	FUZZ_CHECK(ra == rb);
}

static u32 fuzz_pipe_records(const u8 *d, size_t size, struct fuzz_rec *r)
{
	size_t off = 0, len;
	u32 n = 0;

	while (n < FUZZ_PIPE_FRAMES && size - off >= 4) {
		len = fuzz_be16(d + off + 2);
		if (len > size - off - 4)
			len = size - off - 4;
		r[n].port = d[off] % FUZZ_PIPE_PORT_IDS;
		r[n].flags = d[off + 1];
		r[n].frame = d + off + 4;
		r[n].len = len < FUZZ_PIPE_FRAME_MAX ? len :
						       FUZZ_PIPE_FRAME_MAX;
		off += 4 + len;
		n++;
	}
	return n;
}

static void fuzz_pipe_load(struct fuzz_side *s, u32 i, const struct fuzz_rec *r)
{
	u8 *buf = malloc(MCNIC_HEADROOM + r->len);

	FUZZ_CHECK(buf != NULL);
	/* Encap writes the headroom; never read, but alike in both. */
	memset(buf, FUZZ_PIPE_FILL, MCNIC_HEADROOM);
	memcpy(buf + MCNIC_HEADROOM, r->frame, r->len);
	s->pkt[i].buf = buf;
	s->pkt[i].size = MCNIC_HEADROOM + r->len;
	s->pkt[i].head = MCNIC_HEADROOM;
	s->pkt[i].len = r->len;
	s->pp[i] = &s->pkt[i];
}

/* The end of the burst starting at record i. */
static u32 fuzz_burst_end(const struct fuzz_rec *r, u32 i, u32 n)
{
	u32 j;

	for (j = i + 1; j < n; j++)
		if (r[j].port != r[i].port ||
		    (r[j].flags & (FUZZ_PF_NEW_BURST | FUZZ_PF_CHANGE)))
			break;
	return j;
}

static int fuzz_port_up(const struct mcnic_pipe *p, u16 id)
{
	return id < p->lim.ports && p->port[id].cfg.up &&
	       p->port[id].cfg.kind != MCNIC_PORTK_NONE;
}

/* A sent frame: out of an up port of the kind its action needs. */
static void fuzz_check_sent(const struct mcnic_pipe *p,
			    const struct mcnic_pipe_out *o,
			    const struct mcnic_pkt *pkt,
			    const struct fuzz_rec *r)
{
	const struct mcnic_port *pt;

	FUZZ_CHECK(o->port < p->lim.ports);
	pt = &p->port[o->port];
	FUZZ_CHECK(pt->cfg.up);
	switch (o->act) {
	case MCNIC_ACT_ENCAP:
		/* L2 templates only: headers in front, the frame untouched. */
		FUZZ_CHECK(pkt->head + pkt->len == MCNIC_HEADROOM + r->len);
		FUZZ_CHECK(pkt->len > r->len);
		FUZZ_CHECK(!memcmp(mcnic_pkt_data(pkt) + pkt->len - r->len,
				   r->frame, r->len));
		/* fall through */
	case MCNIC_ACT_TRANSIT:
		FUZZ_CHECK(pt->cfg.kind == MCNIC_PORTK_UPLINK && !o->queue);
		break;
	case MCNIC_ACT_FORWARD:
		FUZZ_CHECK(pkt->head == MCNIC_HEADROOM && pkt->len == r->len);
		FUZZ_CHECK(!memcmp(mcnic_pkt_data(pkt), r->frame, r->len));
		/* fall through */
	case MCNIC_ACT_DECAP:
		FUZZ_CHECK(pt->cfg.kind == MCNIC_PORTK_VPORT);
		FUZZ_CHECK(o->queue < pt->cfg.queues);
		break;
	default:
		FUZZ_CHECK(!"sent by a drop action");
	}
}

/* Frame i of both pipelines, after its burst (r: its record). */
static void fuzz_check_frame(u32 i, const struct fuzz_rec *r)
{
	const struct mcnic_pipe_out *oa = &fuzz_a.out[i], *ob = &fuzz_b.out[i];
	const struct mcnic_pkt *pa = &fuzz_a.pkt[i], *pb = &fuzz_b.pkt[i];

	FUZZ_CHECK(!memcmp(oa, ob, sizeof(*oa)));
	FUZZ_CHECK(fuzz_a.ret[i] == (enum mcnic_drop)oa->drop);
	FUZZ_CHECK(pa->head == pb->head && pa->len == pb->len);
	FUZZ_CHECK((u32)pa->head + pa->len <= pa->size);
	FUZZ_CHECK(!memcmp(mcnic_pkt_data(pa), mcnic_pkt_data(pb), pa->len));
	FUZZ_CHECK(oa->drop < MCNIC_DROP_COUNT);
	FUZZ_CHECK(!oa->offered);
	if (!fuzz_port_up(&fuzz_a.p, r->port))
		FUZZ_CHECK(oa->drop == MCNIC_DROP_PORT_INVALID && !oa->act);
	if (oa->drop == MCNIC_DROP_NONE)
		fuzz_check_sent(&fuzz_a.p, oa, pa, r);
}

static void fuzz_ctr_add(struct mcnic_ctr *c, u32 bytes)
{
	c->packets++;
	c->bytes += bytes;
}

/*
 * What frame i adds to the counters: rx (its length as received) on every
 * port id the table has, whatever the port's state; then its drop, or its
 * transmit (its length as sent) on the port it left.
 */
static void fuzz_pipe_tally(struct fuzz_tally *t, u32 i,
			    const struct fuzz_rec *r)
{
	const struct mcnic_pipe_out *o = &fuzz_a.out[i];

	if (r->port < fuzz_lim.ports)
		fuzz_ctr_add(&t->rx[r->port], r->len);
	if (o->drop) {
		fuzz_ctr_add(&t->drops[o->drop], r->len);
		if (r->port < fuzz_lim.ports)
			fuzz_ctr_add(&t->drop[r->port], r->len);
	} else {
		fuzz_ctr_add(&t->tx[o->port], fuzz_a.pkt[i].len);
	}
}

/* Records [i, j) on one port: one call each in A, one burst in B. */
static void fuzz_pipe_burst(const struct fuzz_rec *r, u32 i, u32 j,
			    struct fuzz_tally *t)
{
	u32 k;

	for (k = i; k < j; k++)
		fuzz_a.ret[k] = mcnic_pipe_rx(&fuzz_a.p, r[i].port,
					      &fuzz_a.pkt[k], i,
					      &fuzz_a.out[k]);
	mcnic_pipe_rx_burst(&fuzz_b.p, r[i].port, fuzz_b.pp + i, j - i, i,
			    fuzz_b.out + i);
	for (k = i; k < j; k++) {
		fuzz_check_frame(k, &r[k]);
		fuzz_pipe_tally(t, k, &r[k]);
	}
}

static int fuzz_ctr_eq(const struct mcnic_ctr *a, const struct mcnic_ctr *b)
{
	return a->packets == b->packets && a->bytes == b->bytes;
}

static void fuzz_same_flows(void)
{
	const struct mcnic_flow_cache *fa = &fuzz_a.p.flows;
	const struct mcnic_flow_cache *fb = &fuzz_b.p.flows;
	struct mcnic_flow_entry ea, eb;
	struct mcnic_flow_stats sa, sb;
	s32 a = 0, b = 0;

	FUZZ_CHECK(mcnic_flow_cache_count(fa) == mcnic_flow_cache_count(fb));
	for (;;) {
		a = mcnic_flow_cache_next(fa, a);
		b = mcnic_flow_cache_next(fb, b);
		FUZZ_CHECK(a == b);
		if (a < 0)
			return;
		FUZZ_CHECK(mcnic_flow_cache_read(fa, a, &ea, &sa) == 0);
		FUZZ_CHECK(mcnic_flow_cache_read(fb, b, &eb, &sb) == 0);
		FUZZ_CHECK(!memcmp(&ea, &eb, sizeof(ea)));
		FUZZ_CHECK(!memcmp(&sa, &sb, sizeof(sa)));
		a++;
		b++;
	}
}

/* Rule counters, VRF defaults included; a missing one in both. */
static void fuzz_same_rule_ctrs(void)
{
	static const u32 ids[] = { 10, 11, 12, 13, 20, MCNIC_RULE_DEFAULT };
	const struct mcnic_ctr *a, *b;
	u16 vrf;
	u32 i;

	for (vrf = VRF_A; vrf <= VRF_B; vrf++) {
		for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			a = mcnic_pipe_rule_ctr(&fuzz_a.p, ids[i], vrf);
			b = mcnic_pipe_rule_ctr(&fuzz_b.p, ids[i], vrf);
			FUZZ_CHECK(!a == !b);
			FUZZ_CHECK(!a || fuzz_ctr_eq(a, b));
		}
	}
}

static void fuzz_same_counters(const struct fuzz_tally *t)
{
	const struct mcnic_pipe *x = &fuzz_a.p, *y = &fuzz_b.p;
	u32 i;

	FUZZ_CHECK(!memcmp(&x->st, &y->st, sizeof(x->st)));
	FUZZ_CHECK(!memcmp(x->drops, y->drops, sizeof(x->drops)));
	FUZZ_CHECK(!memcmp(x->drops, t->drops, sizeof(t->drops)));
	FUZZ_CHECK(x->ip_id == y->ip_id);
	for (i = 0; i < fuzz_lim.ports; i++) {
		FUZZ_CHECK(fuzz_ctr_eq(&x->port[i].rx, &y->port[i].rx));
		FUZZ_CHECK(fuzz_ctr_eq(&x->port[i].tx, &y->port[i].tx));
		FUZZ_CHECK(fuzz_ctr_eq(&x->port[i].drop, &y->port[i].drop));
		FUZZ_CHECK(fuzz_ctr_eq(&x->port[i].rx, &t->rx[i]));
		FUZZ_CHECK(fuzz_ctr_eq(&x->port[i].tx, &t->tx[i]));
		FUZZ_CHECK(fuzz_ctr_eq(&x->port[i].drop, &t->drop[i]));
	}
	for (i = 0; i < fuzz_lim.tmpls; i++)
		FUZZ_CHECK(fuzz_ctr_eq(&x->tmpl_tx[i], &y->tmpl_tx[i]));
	for (i = 0; i < fuzz_lim.peers; i++)
		FUZZ_CHECK(fuzz_ctr_eq(&x->peer_rx[i], &y->peer_rx[i]));
	fuzz_same_rule_ctrs();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rec r[FUZZ_PIPE_FRAMES];
	struct fuzz_tally t;
	u32 n = fuzz_pipe_records(data, size, r), i, j;

	memset(&t, 0, sizeof(t));
	fuzz_pipe_setup(&fuzz_a);
	fuzz_pipe_setup(&fuzz_b);
	for (i = 0; i < n; i++) {
		fuzz_pipe_load(&fuzz_a, i, &r[i]);
		fuzz_pipe_load(&fuzz_b, i, &r[i]);
	}
	for (i = 0; i < n; i = j) {
		j = fuzz_burst_end(r, i, n);
		if (r[i].flags & FUZZ_PF_CHANGE)
			fuzz_pipe_change(r[i].flags, i);
		fuzz_pipe_burst(r, i, j, &t);
	}
	fuzz_same_counters(&t);
	fuzz_same_flows();
	for (i = 0; i < n; i++) {
		free(fuzz_a.pkt[i].buf);
		free(fuzz_b.pkt[i].buf);
	}
	return 0;
}
