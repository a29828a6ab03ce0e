// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic-tunnel-demo: example tenant frames through the firmware's encap and
 * back through its decap, as two clouds' VTEPs would see them.  Prints what
 * happened to each frame and writes three pcaps a user can open in
 * Wireshark: the tenant frames, the underlay wire, and the decapsulated
 * frames (which must equal the first).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mcnic/byteorder.h>
#include <mcnic/wire.h>
#include "dp/dp.h"

#define DEMO_BUF	(MCNIC_HEADROOM + 2048)

struct demo_frame {
	const char *what;
	u8 bytes[1600];
	u16 len;
};

struct demo_tunnel {
	const char *name;
	struct mcnic_tunnel_cfg cfg;
	struct mcnic_encap_tmpl tmpl;
};

struct demo_pcaps {
	pcap_t *dead;
	pcap_dumper_t *inner, *wire, *decap;
};

static const u8 demo_mac_a[6] = { 0x02, 0x00, 0x0a, 0x00, 0x00, 0x01 };
static const u8 demo_mac_b[6] = { 0x02, 0x00, 0x0b, 0x00, 0x00, 0x01 };
static const u8 demo_mac_gw[6] = { 0x02, 0x00, 0xfe, 0x00, 0x00, 0x01 };

static void demo_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-tunnel-demo - tenant frames through mcnic's encap and decap\n\n"
"SYNOPSIS\n"
"    mcnic-tunnel-demo [--out DIR] [--quiet]\n\n"
"DESCRIPTION\n"
"    Builds a few tenant frames (ICMP, UDP, TCP over IPv4 and IPv6, ARP),\n"
"    encapsulates each over example inter-cloud tunnels (VXLAN, VXLAN-GBP,\n"
"    GENEVE with an identity option over an IPv6 underlay, GRE with a key,\n"
"    GRE carrying IP) using the firmware data plane, parses and decapsulates\n"
"    the result, and checks the round trip gives back the tenant frame.\n"
"    One frame is larger than its tunnel's path MTU and is refused with the\n"
"    MTU an ICMP \"too big\" would report.\n\n"
"OPTIONS\n"
"    -o, --out DIR   write inner.pcap, wire.pcap, decap.pcap there\n"
"                    (default build/demo)\n"
"    -q, --quiet     print only the summary line\n"
"    -h, --help      this text\n\n"
"EXIT STATUS\n"
"    0 when every frame round-tripped or was refused as expected, 1 otherwise.\n");
}

/* Frame construction: the demo's tenants speak plain IPv4/IPv6. */
static u8 *demo_put_eth(u8 *p, const u8 *dst, const u8 *src, u16 type)
{
	struct mcnic_eth_hdr *eth = (struct mcnic_eth_hdr *)p;

	memcpy(eth->dst, dst, 6);
	memcpy(eth->src, src, 6);
	eth->type = mcnic_htons(type);
	return p + sizeof(*eth);
}

static u8 *demo_put_ipv4(u8 *p, const char *src, const char *dst, u8 proto,
			 u16 payload, u8 tos)
{
	struct mcnic_ipv4_hdr *ip = (struct mcnic_ipv4_hdr *)p;
	u32 s[4], d[4];

	sscanf(src, "%u.%u.%u.%u", &s[0], &s[1], &s[2], &s[3]);
	sscanf(dst, "%u.%u.%u.%u", &d[0], &d[1], &d[2], &d[3]);
	memset(ip, 0, sizeof(*ip));
	ip->ver_ihl = 0x45;
	ip->tos = tos;
	ip->tot_len = mcnic_htons(sizeof(*ip) + payload);
	ip->frag_off = mcnic_htons(MCNIC_IPV4_DF);
	ip->ttl = 64;
	ip->proto = proto;
	ip->saddr = mcnic_htonl(s[0] << 24 | s[1] << 16 | s[2] << 8 | s[3]);
	ip->daddr = mcnic_htonl(d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3]);
	ip->check = mcnic_htoncsum(~mcnic_csum_fold(
				mcnic_csum_add(0, ip, sizeof(*ip))));
	return p + sizeof(*ip);
}

static u8 *demo_put_ipv6(u8 *p, u8 last, u8 proto, u16 payload)
{
	struct mcnic_ipv6_hdr *ip = (struct mcnic_ipv6_hdr *)p;
	static const u8 net[8] = { 0xfd, 0x00, 0x0a, 0x0b, 0, 0, 0, 1 };

	memset(ip, 0, sizeof(*ip));
	ip->ver_tc_flow = mcnic_htonl(6u << 28);
	ip->payload_len = mcnic_htons(payload);
	ip->nexthdr = proto;
	ip->hop_limit = 64;
	memcpy(ip->saddr, net, 8);
	memcpy(ip->daddr, net, 8);
	ip->saddr[15] = 1;
	ip->daddr[15] = last;
	return p + sizeof(*ip);
}

/* UDP or TCP checksum over the pseudo-header and the segment. */
static __sum16 demo_l4_csum(const u8 *l3, const u8 *l4, u16 l4len, u8 proto)
{
	u32 sum;

	if ((l3[0] >> 4) == 4)
		sum = mcnic_csum_add(0, l3 + 12, 8);
	else
		sum = mcnic_csum_add(0, l3 + 8, 32);
	sum = mcnic_csum_add(sum + proto + l4len, l4, l4len);
	return mcnic_htoncsum(~mcnic_csum_fold(sum));
}

static u16 demo_frame_icmp(u8 *f, u16 payload)
{
	u8 *l3 = demo_put_eth(f, demo_mac_b, demo_mac_a, MCNIC_ETH_P_IPV4);
	u8 *l4 = demo_put_ipv4(l3, "10.1.0.10", "10.2.0.20", MCNIC_IPPROTO_ICMP,
			       8 + payload, 0x02);
	struct mcnic_icmp_hdr *icmp = (struct mcnic_icmp_hdr *)l4;
	u16 i;

	memset(icmp, 0, sizeof(*icmp));
	icmp->type = 8;
	icmp->id = mcnic_htons(0x4d43);
	icmp->seq = mcnic_htons(1);
	for (i = 0; i < payload; i++)
		l4[8 + i] = (u8)i;
	icmp->check = mcnic_htoncsum(~mcnic_csum_fold(
				mcnic_csum_add(0, l4, 8 + payload)));
	return l4 + 8 + payload - f;
}

static u16 demo_frame_udp(u8 *f)
{
	/* DNS query: id 0x4d43, recursion desired, A? example.com */
	static const u8 q[] = {
		0x4d, 0x43, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 1, 0, 1,
	};
	u8 *l3 = demo_put_eth(f, demo_mac_b, demo_mac_a, MCNIC_ETH_P_IPV4);
	u8 *l4 = demo_put_ipv4(l3, "10.1.0.11", "10.2.0.53", MCNIC_IPPROTO_UDP,
			       8 + sizeof(q), 0xb8);
	struct mcnic_udp_hdr *udp = (struct mcnic_udp_hdr *)l4;

	udp->source = mcnic_htons(40000);
	udp->dest = mcnic_htons(53);
	udp->len = mcnic_htons(8 + sizeof(q));
	udp->check = 0;
	memcpy(l4 + 8, q, sizeof(q));
	udp->check = demo_l4_csum(l3, l4, 8 + sizeof(q), MCNIC_IPPROTO_UDP);
	return l4 + 8 + sizeof(q) - f;
}

static u16 demo_frame_tcp6(u8 *f)
{
	u8 *l3 = demo_put_eth(f, demo_mac_b, demo_mac_a, MCNIC_ETH_P_IPV6);
	u8 *l4 = demo_put_ipv6(l3, 0x20, MCNIC_IPPROTO_TCP, 20);
	struct mcnic_tcp_hdr *tcp = (struct mcnic_tcp_hdr *)l4;

	memset(tcp, 0, sizeof(*tcp));
	tcp->source = mcnic_htons(51000);
	tcp->dest = mcnic_htons(443);
	tcp->seq = mcnic_htonl(1);
	tcp->doff_res = 5 << 4;
	tcp->flags = 0x02;	/* SYN */
	tcp->window = mcnic_htons(65535);
	tcp->check = demo_l4_csum(l3, l4, 20, MCNIC_IPPROTO_TCP);
	return l4 + 20 - f;
}

static u16 demo_frame_arp(u8 *f)
{
	static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 arp[28] = {
		0, 1, 8, 0, 6, 4, 0, 1, 0x02, 0x00, 0x0a, 0x00, 0x00, 0x01,
		10, 1, 0, 10, 0, 0, 0, 0, 0, 0, 10, 2, 0, 20,
	};
	u8 *p = demo_put_eth(f, bcast, demo_mac_a, MCNIC_ETH_P_ARP);

	memcpy(p, arp, sizeof(arp));
	memset(p + sizeof(arp), 0, 18);	/* pad to the 60-byte minimum */
	return 60;
}

static int demo_frames_init(struct demo_frame *fr)
{
	fr[0].what = "icmp echo 10.1.0.10 > 10.2.0.20";
	fr[0].len = demo_frame_icmp(fr[0].bytes, 56);
	fr[1].what = "dns query 10.1.0.11:40000 > 10.2.0.53:53 (dscp ef)";
	fr[1].len = demo_frame_udp(fr[1].bytes);
	fr[2].what = "tcp syn [fd00:a0b:0:1::1]:51000 > [...::20]:443";
	fr[2].len = demo_frame_tcp6(fr[2].bytes);
	fr[3].what = "arp who-has 10.2.0.20";
	fr[3].len = demo_frame_arp(fr[3].bytes);
	fr[4].what = "icmp echo, 1500-byte packet (too big once tunnelled)";
	fr[4].len = demo_frame_icmp(fr[4].bytes, 1500 - 28);
	return 5;
}

static void demo_tunnel_v4(struct mcnic_tunnel_cfg *c, u8 type, u32 vni)
{
	static const u8 a[4] = { 198, 51, 100, 1 }, b[4] = { 203, 0, 113, 1 };

	memset(c, 0, sizeof(*c));
	c->type = type;
	c->vni = vni;
	c->ttl = 64;
	c->mtu = 1500;
	c->flags = MCNIC_TUNF_DF_SET | MCNIC_TUNF_DSCP_INHERIT;
	c->dport = type == MCNIC_TUN_GENEVE ? MCNIC_PORT_GENEVE : MCNIC_PORT_VXLAN;
	c->sport_min = 49152;
	c->sport_max = 65535;
	memcpy(c->smac, demo_mac_a, 6);
	memcpy(c->dmac, demo_mac_gw, 6);
	memcpy(c->saddr, a, 4);
	memcpy(c->daddr, b, 4);
}

static int demo_tunnels_init(struct demo_tunnel *t)
{
	static const u8 v6a[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xa, 0, 0, 0,
				    0, 0, 0, 0, 0, 0, 0, 1 };
	static const u8 v6b[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xb, 0, 0, 0,
				    0, 0, 0, 0, 0, 0, 0, 1 };
	const char *why = NULL;
	int i;

	t[0].name = "vxlan";
	demo_tunnel_v4(&t[0].cfg, MCNIC_TUN_VXLAN, 5001);
	t[0].cfg.flags |= MCNIC_TUNF_UDP_CSUM;
	t[1].name = "vxlan-gbp";
	demo_tunnel_v4(&t[1].cfg, MCNIC_TUN_VXLAN, 5002);
	t[1].cfg.flags |= MCNIC_TUNF_GBP;
	t[1].cfg.ident = 300;
	t[2].name = "geneve/ipv6";
	demo_tunnel_v4(&t[2].cfg, MCNIC_TUN_GENEVE, 6001);
	t[2].cfg.flags = MCNIC_TUNF_OUTER_V6 | MCNIC_TUNF_IDENT_OPT |
			 MCNIC_TUNF_TTL_INHERIT;
	t[2].cfg.ident = 42;
	memcpy(t[2].cfg.saddr, v6a, 16);
	memcpy(t[2].cfg.daddr, v6b, 16);
	t[3].name = "gre-key";
	demo_tunnel_v4(&t[3].cfg, MCNIC_TUN_GRE, 0x00c0ffee);
	t[3].cfg.flags |= MCNIC_TUNF_GRE_KEY;
	t[4].name = "gre-ip";
	demo_tunnel_v4(&t[4].cfg, MCNIC_TUN_GRE, 0);
	t[4].cfg.flags |= MCNIC_TUNF_GRE_L3;
	for (i = 0; i < 5; i++) {
		if (mcnic_tmpl_build(&t[i].cfg, &t[i].tmpl, &why)) {
			fprintf(stderr, "tunnel %s: %s\n", t[i].name, why);
			return -1;
		}
	}
	return 5;
}

static void demo_dump(pcap_dumper_t *d, const u8 *data, u16 len)
{
	struct pcap_pkthdr h = { .caplen = len, .len = len };

	pcap_dump((u_char *)d, &h, data);
}

static const char *demo_tun_name(u8 tun)
{
	static const char *const names[] = { "none", "vxlan", "geneve", "gre",
					     "esp" };

	return tun < 5 ? names[tun] : "?";
}

static void demo_addr(char *s, size_t n, const struct mcnic_layer *l)
{
	int af = l->l3 == MCNIC_L3_IPV4 ? AF_INET : AF_INET6;
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	inet_ntop(af, l->saddr, a, sizeof(a));
	inet_ntop(af, l->daddr, b, sizeof(b));
	snprintf(s, n, "%s > %s", a, b);
}

static void demo_print_wire(const struct mcnic_pkt_meta *m, u16 wire_len,
			    u16 inner_len, const struct mcnic_encap_tmpl *t)
{
	char addrs[96];

	demo_addr(addrs, sizeof(addrs), &m->outer);
	printf("    wire   %-6s ", demo_tun_name(m->tun));
	if (m->tun != MCNIC_TUN_GRE)
		printf("vni=%-8u ", m->vni);
	else if (m->tflags & MCNIC_TF_GRE_KEY)
		printf("key=%#-8x ", m->vni);
	else
		printf("%-12s ", "no key");
	printf("%s", addrs);
	if (m->outer.proto == MCNIC_IPPROTO_UDP)
		printf(" udp %u>%u", m->outer.sport, m->outer.dport);
	if (m->tflags & MCNIC_TF_IDENT)
		printf(" segment=%u", m->ident);
	printf("\n           %u bytes = %u inner + %u overhead (template %u B)\n",
	       wire_len, inner_len, (unsigned int)(wire_len - inner_len),
	       t->hdr_len);
}

/* One frame through one tunnel: 0 if it did what it should. */
static int demo_run_one(const struct demo_frame *f, const struct demo_tunnel *t,
			struct demo_pcaps *pc, int quiet)
{
	static u8 buf[DEMO_BUF];
	struct mcnic_pkt p = { .buf = buf, .size = sizeof(buf),
			       .head = MCNIC_HEADROOM, .len = f->len };
	struct mcnic_decap_cfg dc = { .udp6_zero_ok = 0 };
	struct mcnic_parse_cfg pcfg;
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;
	u16 mtu = 0, wire_len;
	int same;

	mcnic_parse_cfg_init(&pcfg);
	memcpy(dc.l3_dmac, f->bytes, 6);
	memcpy(dc.l3_smac, f->bytes + 6, 6);
	memcpy(buf + p.head, f->bytes, f->len);
	r = mcnic_parse(mcnic_pkt_data(&p), p.len, &pcfg, &m);
	if (!r)
		r = mcnic_encap(&t->tmpl, &p, &m.outer,
				mcnic_flow_hash(mcnic_pkt_data(&p), &m.outer),
				1, &mtu);
	if (r == MCNIC_DROP_TOO_BIG || r == MCNIC_DROP_ENCAP_NOT_IP) {
		if (!quiet && mtu)
			printf("    refused: %s -> icmp too-big, mtu %u\n",
			       mcnic_drop_name(r), mtu);
		else if (!quiet)
			printf("    refused: %s\n", mcnic_drop_name(r));
		return f->len <= 1500 - 100 && r == MCNIC_DROP_TOO_BIG;
	}
	if (r) {
		printf("    encap FAILED: %s\n", mcnic_drop_name(r));
		return 1;
	}
	demo_dump(pc->wire, mcnic_pkt_data(&p), p.len);
	wire_len = p.len;
	r = mcnic_parse(mcnic_pkt_data(&p), p.len, &pcfg, &m);
	if (!quiet && !r)
		demo_print_wire(&m, wire_len, f->len, &t->tmpl);
	if (!r)
		r = mcnic_decap(&p, &m, &dc);
	if (r) {
		printf("    decap FAILED: %s\n", mcnic_drop_name(r));
		return 1;
	}
	demo_dump(pc->decap, mcnic_pkt_data(&p), p.len);
	same = p.len == f->len && !memcmp(mcnic_pkt_data(&p), f->bytes, f->len);
	if (!quiet || !same)
		printf("    decap  %u bytes, %s\n", p.len,
		       same ? "identical to the tenant frame" : "DIFFERENT");
	return !same;
}

static int demo_pcaps_open(struct demo_pcaps *pc, const char *dir)
{
	char path[4096];

	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "mkdir %s: %s\n", dir, strerror(errno));
		return -1;
	}
	pc->dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof(path), "%s/inner.pcap", dir);
	pc->inner = pcap_dump_open(pc->dead, path);
	snprintf(path, sizeof(path), "%s/wire.pcap", dir);
	pc->wire = pcap_dump_open(pc->dead, path);
	snprintf(path, sizeof(path), "%s/decap.pcap", dir);
	pc->decap = pcap_dump_open(pc->dead, path);
	if (!pc->inner || !pc->wire || !pc->decap) {
		fprintf(stderr, "%s: %s\n", path, pcap_geterr(pc->dead));
		return -1;
	}
	return 0;
}

static void demo_pcaps_close(struct demo_pcaps *pc)
{
	pcap_dump_close(pc->inner);
	pcap_dump_close(pc->wire);
	pcap_dump_close(pc->decap);
	pcap_close(pc->dead);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct demo_frame frames[8];
	static struct demo_tunnel tunnels[8];
	const char *dir = "build/demo";
	struct demo_pcaps pc;
	int nf, nt, i, j, c, quiet = 0, bad = 0, runs = 0;

	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			dir = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			demo_usage(stdout);
			return 0;
		default:
			demo_usage(stderr);
			return 2;
		}
	}
	nf = demo_frames_init(frames);
	nt = demo_tunnels_init(tunnels);
	if (nt < 0 || demo_pcaps_open(&pc, dir))
		return 1;
	for (i = 0; i < nf; i++) {
		demo_dump(pc.inner, frames[i].bytes, frames[i].len);
		if (!quiet)
			printf("%s (%u bytes)\n", frames[i].what, frames[i].len);
		for (j = 0; j < nt; j++, runs++) {
			if (!quiet)
				printf("  via %s\n", tunnels[j].name);
			bad += demo_run_one(&frames[i], &tunnels[j], &pc, quiet);
		}
	}
	demo_pcaps_close(&pc);
	printf("%d frame/tunnel runs, %d unexpected; pcaps in %s/ "
	       "(inner.pcap, wire.pcap, decap.pcap)\n", runs, bad, dir);
	return bad ? 1 : 0;
}
