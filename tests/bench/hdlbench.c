// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * hdlbench: the HDL pipeline's throughput, from its Verilator model.
 *
 * One NIC: an uplink (port 0) and two vports (1, 2) in VRF 1; tenant
 * traffic from vport 1 is encapsulated (VXLAN over IPv4, the common case)
 * or forwarded to vport 2 (no encap), and VXLAN from a peer on the uplink
 * is decapsulated and delivered to vport 2.  The flows are installed first (the
 * firmware decides each on its first frame, as on the NIC); then frames of
 * one size go in back to back with no back-pressure, and the cycles the
 * pipeline takes per frame give the rate at 322 MHz (OpenNIC's clock),
 * printed beside 100 GbE line rate for that size (a frame on the wire
 * also takes 20 bytes of preamble and gap).  Sizes are Ethernet frame
 * sizes with the FCS, which the MAC adds: the pipeline carries 4 fewer.
 * For decap the size is the tenant frame's; the line rate is then that of
 * the VXLAN frames on the uplink, 50 bytes longer.
 * Every frame must come out, unpunted; the simulation speed (model cycles
 * per wall-clock second) is printed last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frame.h"
#include "dp/pipe.h"
#include "sim/hdl_engine.h"
#include "pipeline_shim.h"

#define CLOCK_MHZ	322.0
#define FLOWS		256
#define VRF		1
#define VNI		1001

/* Our VTEP on the uplink. */
static const u8 local[4] = { 198, 51, 100, 1 };

static struct mcnic_pipe *p;
static struct mcnic_hdl_engine *e;
static u64 n_tx, n_res, n_bad;

static void die(const char *what)
{
	fprintf(stderr, "hdlbench: %s\n", what);
	exit(1);
}

static void setup(void)
{
	struct mcnic_pipe_limits lim = {
		.ports = 32, .vrfs = 2, .flows = 4096, .tmpls = 4,
		.nexthops = 4, .nhgs = 4, .routes = 8, .lpm4_prefixes = 16,
		.lpm4_groups = 8, .lpm4_root_bits = 16, .lpm6_prefixes = 16,
		.lpm6_groups = 8, .lpm6_root_bits = 16, .rules = 4,
		.counted_rules = 4, .vnis = 4, .peers = 4,
	};
	struct mcnic_port_cfg up = { .kind = MCNIC_PORTK_UPLINK, .up = 1,
				     .mtu = 9600 };
	struct mcnic_port_cfg vp = { .kind = MCNIC_PORTK_VPORT, .up = 1,
				     .mtu = 9600, .vrf = VRF, .queues = 1 };
	struct mcnic_nexthop tun = { .kind = MCNIC_NH_TUNNEL, .port = 0 };
	struct mcnic_nexthop fwd = { .kind = MCNIC_NH_VPORT, .port = 2 };
	struct mcnic_nhg g = { .n_members = 1, .weight = { 1 } };
	struct mcnic_route r0 = { .nhg = 0 }, r1 = { .nhg = 1 };
	const u8 net_encap[4] = { 10, 1, 0, 0 }, net_fwd[4] = { 10, 2, 0, 0 };
	struct mcnic_tunnel_cfg c;
	struct mcnic_encap_tmpl t;
	struct mcnic_vtep vt = { .family = 4, .type = MCNIC_TUN_VXLAN,
				 .udp_port = MCNIC_PORT_VXLAN };
	const u8 peer[16] = { 192, 0, 2, 2 };
	const char *why;
	size_t size = mcnic_pipe_mem_size(&lim);
	char err[128];
	void *mem = aligned_alloc(64, (size + 63) & ~(size_t)63);

	p = malloc(sizeof(*p));
	if (!mem || !p || mcnic_pipe_init(p, &lim, mem, size))
		die("pipeline init");
	e = mcnic_hdl_engine_open(p, err, sizeof(err));
	if (!e)
		die(err);
	fr_tunnel_cfg(&c, MCNIC_TUN_VXLAN);
	c.mtu = 9216;
	c.flags = MCNIC_TUNF_DF_SET;
	if (mcnic_tmpl_build(&c, &t, &why))
		die(why);
	if (mcnic_pipe_vrf_set(p, VRF, MCNIC_POL_ALLOW, NULL))
		die("mcnic_pipe_vrf_set refused");
	if (mcnic_pipe_port_set(p, 0, &up, NULL))
		die("mcnic_pipe_port_set refused");
	if (mcnic_pipe_port_set(p, 1, &vp, NULL))
		die("mcnic_pipe_port_set refused");
	if (mcnic_pipe_port_set(p, 2, &vp, NULL))
		die("mcnic_pipe_port_set refused");
	if (mcnic_pipe_tmpl_set(p, 0, &t, NULL))
		die("mcnic_pipe_tmpl_set refused");
	if (mcnic_pipe_nh_set(p, 0, &tun, NULL))
		die("mcnic_pipe_nh_set refused");
	if (mcnic_pipe_nh_set(p, 1, &fwd, NULL))
		die("mcnic_pipe_nh_set refused");
	g.member[0] = 0;
	if (mcnic_pipe_nhg_set(p, 0, &g, NULL))
		die("mcnic_pipe_nhg_set refused");
	g.member[0] = 1;
	if (mcnic_pipe_nhg_set(p, 1, &g, NULL))
		die("mcnic_pipe_nhg_set refused");
	if (mcnic_pipe_route_add(p, VRF, 4, net_encap, 16, &r0, NULL))
		die("mcnic_pipe_route_add refused");
	if (mcnic_pipe_route_add(p, VRF, 4, net_fwd, 16, &r1, NULL))
		die("mcnic_pipe_route_add refused");
	memcpy(vt.addr, local, 4);
	if (mcnic_pipe_vtep_add(p, &vt, NULL) ||
	    mcnic_pipe_vni_set(p, VNI, VRF, NULL) ||
	    mcnic_pipe_peer_add(p, VNI, 4, peer, NULL))
		die("the tunnel tables refused");
}

/*
 * A UDP frame of len bytes (without FCS) from vport 1 to 10.net.x.y, by
 * hand: jumbo frames are beyond the test frame builder.
 */
static u32 build(u8 *b, u8 net, u32 flow, u16 len)
{
	static const u8 hdr[34] = {
		2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
		0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, MCNIC_IPPROTO_UDP, 0, 0,
		10, 0, 0, 1, 10, 0, 0, 0,
	};
	u32 sum = 0, i;

	memcpy(b, hdr, sizeof(hdr));
	fr_put16(b + 16, len - 14);
	b[31] = net;
	b[32] = flow >> 8;
	b[33] = flow;
	for (i = 14; i < 34; i += 2)
		sum += fr_get16(b + i);
	fr_put16(b + 24, ~fr_fold(sum));
	fr_put16(b + 34, 10000 + flow);
	fr_put16(b + 36, 5000);
	fr_put16(b + 38, len - 34);
	fr_put16(b + 40, 0);
	for (i = 42; i < len; i++)
		b[i] = i + flow;
	return len;
}

/*
 * The same frame arriving over VXLAN/IPv4 from the peer, len bytes in all
 * (without FCS): 50 bytes of outer headers, then the tenant frame.
 */
static u32 build_vxlan(u8 *b, u32 flow, u16 len)
{
	static const u8 hdr[50] = {
		2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 9, 0x08, 0x00,
		0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, MCNIC_IPPROTO_UDP, 0, 0,
		192, 0, 2, 2, 198, 51, 100, 1,
		0, 0, 0x12, 0xb5, 0, 0, 0, 0,
		0x08, 0, 0, 0, VNI >> 16, (VNI >> 8) & 0xff, VNI & 0xff, 0,
	};
	u32 sum = 0, i;

	memcpy(b, hdr, sizeof(hdr));
	fr_put16(b + 16, len - 14);
	for (i = 14; i < 34; i += 2)
		sum += fr_get16(b + i);
	fr_put16(b + 24, ~fr_fold(sum));
	fr_put16(b + 34, 49152 + flow);
	fr_put16(b + 38, len - 34);
	build(b + 50, 2, flow, len - 50);
	return len;
}

static u32 build_path(u8 *b, int path, u32 flow, u16 len)
{
	return path == 2 ? build_vxlan(b, flow, len + 50) :
	       build(b, path == 0 ? 1 : 2, flow, len);
}

static void on_tx(void *priv, const u8 *frame, u32 len,
		  const struct mcnic_hw_tx_user *tu)
{
	n_tx++;
}

static void on_punt(void *priv, const u8 *frame, u32 len,
		    const struct mcnic_hw_rx_user *u)
{
	n_bad++;
}

static void on_res(void *priv, const struct mcnic_hw_result *r)
{
	n_res++;
	if (r->drop || r->punt)
		n_bad++;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Cycles per frame for n back-to-back frames of one size and path (0
 * encap, 1 forward, 2 decap).
 */
static double row(int path, u16 size, u32 n, u64 *cycles, double *secs)
{
	static u8 buf[MCNIC_HEADROOM + 16384], fb[16384];
	struct mcnic_hdl_pipe *hp = mcnic_hdl_engine_model(e);
	struct mcnic_hdl_pipe_ops ops = { .tx = on_tx, .punt = on_punt,
					  .result = on_res }, old;
	struct mcnic_hw_rx_user u = { .port = path == 2 ? 0 : 1 };
	struct mcnic_pipe_out o;
	struct mcnic_pkt pkt = { .buf = buf, .size = sizeof(buf) };
	double t0;
	s64 c;
	u32 i;

	/* The first frame of each flow installs it (through the firmware). */
	for (i = 0; i < FLOWS; i++) {
		pkt.head = MCNIC_HEADROOM;
		pkt.len = build_path(buf + MCNIC_HEADROOM, path, i, size - 4);
		if (mcnic_hdl_engine_rx(e, u.port, &pkt, 0, &o)) {
			fprintf(stderr, "hdlbench: a warm-up frame was dropped: "
				"%s\n", mcnic_drop_name(o.drop));
			exit(1);
		}
	}
	n_tx = n_res = n_bad = 0;
	for (i = 0; i < n; i++) {
		u.tag = i;
		mcnic_hdl_pipe_send(hp, fb,
				    build_path(fb, path, i % FLOWS, size - 4),
				    &u);
	}
	mcnic_hdl_pipe_set_ops(hp, &ops, &old);
	t0 = now_s();
	c = mcnic_hdl_pipe_run(hp, 100000000);
	*secs += now_s() - t0;
	mcnic_hdl_pipe_set_ops(hp, &old, NULL);
	if (c < 0 || n_res != n || n_tx != n || n_bad)
		die("frames lost, dropped or punted in the stream");
	*cycles += c;
	return (double)c / n;
}

/*
 * The synopsis, for the short usage and for --help alike: first starts
 * each form, more continues one (the two differ only in indentation).
 */
#define SYNOPSIS(first, more)						\
	first "hdlbench\n"						\
	more  "hdlbench --help\n"

static void usage(void)
{
	fputs(SYNOPSIS("usage: ", "       "), stderr);
}

static void help(void)
{
	printf("NAME\n"
	       "\thdlbench - the HDL pipeline's throughput, from Verilator\n"
	       "\n"
	       "SYNOPSIS\n"
	       SYNOPSIS("\t", "\t")
	       "\n"
	       "DESCRIPTION\n"
	       "\tMeasures the cycles per frame of the HDL pipeline's\n"
	       "\tVerilator model.  One NIC: an uplink (port 0) and two\n"
	       "\tvports (1, 2) in VRF %d; tenant traffic from vport 1 is\n"
	       "\tencapsulated (VXLAN over IPv4) or forwarded to vport 2 (no\n"
	       "\tencap), and VXLAN from a peer on the uplink is\n"
	       "\tdecapsulated and delivered to vport 2.\n"
	       "\n"
	       "\tOn each path, %d flows are installed first (the firmware\n"
	       "\tdecides each on its first frame, as on the NIC); then\n"
	       "\tframes of one size go in back to back with no\n"
	       "\tback-pressure.  The cycles per frame give the rate at\n"
	       "\t%.0f MHz (OpenNIC's clock), printed beside 100 GbE line\n"
	       "\trate for that size (a frame on the wire also takes\n"
	       "\t20 bytes of preamble and gap).  Sizes are Ethernet frame\n"
	       "\tsizes with the FCS; for decap, the tenant frame's, and the\n"
	       "\tline rate that of the VXLAN frames on the uplink, 50 bytes\n"
	       "\tlonger.  Every frame must come out, unpunted; the\n"
	       "\tsimulation speed is printed last.\n"
	       "\n"
	       "\tmake bench and make bench-hdl run it.\n"
	       "\n"
	       "OPTIONS\n"
	       "\t--help       print this page and exit\n"
	       "\n"
	       "\thdlbench takes no other argument; without one it runs\n"
	       "\tevery path at every frame size and prints the table.\n"
	       "\n"
	       "EXIT STATUS\n"
	       "\t0 when every frame came out of every path, whether or not\n"
	       "\tat line rate.  1 when the pipeline could not be set up, a\n"
	       "\tframe was lost, dropped or punted, or the model broke an\n"
	       "\tAXI-Stream rule.  2 on any argument other than --help.\n",
	       VRF, FLOWS, CLOCK_MHZ);
}

int main(int argc, char **argv)
{
	static const u16 sizes[] = { 64, 65, 128, 256, 512, 1024, 1518, 9000 };
	static const char *const paths[] = {
		"encap VXLAN/IPv4", "forward, no encap", "decap VXLAN/IPv4",
	};
	const char *why;
	double secs = 0;
	u64 cycles = 0;
	unsigned int i, j;
	int short_all = 1;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		help();
		return 0;
	}
	if (argc > 1) {
		usage();
		return 2;
	}
	setup();
	printf("HDL pipeline (Verilator model), frames back to back, no "
	       "back-pressure, flow-table hits; rate at %.0f MHz beside "
	       "100 GbE line rate\n\n", CLOCK_MHZ);
	printf("%-20s %6s %12s %10s %10s %7s\n", "path", "bytes",
	       "cycles/frame", "Mpps", "line Mpps", "ratio");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
			u32 n = sizes[j] > 2000 ? 500 : 4000;
			double cpf = row(i, sizes[j], n, &cycles, &secs);
			double mpps = CLOCK_MHZ / cpf;
			double wire = sizes[j] + (i == 2 ? 50 : 0);
			double line = 100e3 / ((wire + 20) * 8.0);

			printf("%-20s %6u %12.2f %10.1f %10.1f %6.2fx\n",
			       paths[i], sizes[j], cpf, mpps, line,
			       mpps / line);
			if (mpps < line)
				short_all = 0;
		}
	}
	printf("\nline rate at every size on every path: %s\n",
	       short_all ? "yes" : "no");
	printf("simulation speed: %.0f cycles/s (%llu cycles in %.2f s)\n",
	       cycles / secs, (unsigned long long)cycles, secs);
	if (mcnic_hdl_engine_violations(e, &why))
		die(why);
	mcnic_hdl_engine_close(e);
	return 0;
}
