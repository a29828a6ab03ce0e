// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL flow key, flow hash and flow-cache key hash against the firmware:
 *   - random layers (garbage in every field the units must ignore; l3
 *     NONE/IPv4/IPv6/other, random flags, l2_off in or out of a random
 *     frame): flow hash = mcnic_flow_hash(pkt, l), key = mcnic_pipe_key()
 *     (dp/pipe.h, what mcnic_pipe_rx uses), key hash = mcnic_crc32c(seed,
 *     key, 44) (mcnic_flow_cache_hash);
 *   - random keys: key hash = mcnic_crc32c(seed, key, 44);
 *   - real frames built with tests/unit/frame.h (Ethernet, VLANs, IPv4
 *     with options and fragments, IPv6 with extension headers and
 *     fragments, UDP/TCP/ICMP/other, non-IP, VXLAN/GENEVE/GRE tunnels),
 *     parsed by mcnic_parse(): the outer layer as an egress key and the
 *     inner one of a tunnel as an ingress key, same three checks.
 */
#include <stdio.h>
#include <string.h>
#include "frame.h"
#include <mcnic/flow.h>
#include "dp/pipe.h"
#include "flowkey_shim.h"

_Static_assert(sizeof(struct mcnic_layer) == MCNIC_HDL_FK_LAYER_BYTES, "l");
_Static_assert(sizeof(struct mcnic_flow_key) == MCNIC_HDL_FK_KEY_BYTES, "k");

#define N_LAYERS	100000
#define N_KEYS		20000
#define N_FRAMES	30000

static u64 rng_s = 0x6d636e6963666b31ull;

static u64 rnd(void)
{
	rng_s ^= rng_s << 13;
	rng_s ^= rng_s >> 7;
	rng_s ^= rng_s << 17;
	return rng_s;
}

static u32 rn(u32 n)
{
	return (u32)(rnd() % n);
}

static void rbytes(void *p, size_t n)
{
	u8 *b = p;

	while (n--)
		*b++ = (u8)rnd();
}

struct tally {
	const char *name;
	unsigned int n, bad;
};

static struct tally t_key = { .name = "key" },
		    t_fh = { .name = "flow hash" },
		    t_kh = { .name = "key hash" },
		    t_rkh = { .name = "key hash, random keys" },
		    t_fkey = { .name = "frames: key" },
		    t_ffh = { .name = "frames: flow hash" },
		    t_fkh = { .name = "frames: key hash" };

static void tally(struct tally *t, int ok, const char *what, u32 fw, u32 hw)
{
	t->n++;
	if (ok)
		return;
	if (t->bad++ < 5)
		printf("FAIL %s (%s): firmware %08x, hdl %08x\n", t->name, what,
		       fw, hw);
}

static void dump_key(const char *who, const struct mcnic_flow_key *k)
{
	const u8 *b = (const u8 *)k;
	unsigned int i;

	printf("  %s:", who);
	for (i = 0; i < sizeof(*k); i++)
		printf("%s%02x", i % 4 ? "" : " ", b[i]);
	printf("\n");
}

/*
 * One layer of the frame pkt through all three units.  eth is what the
 * pipeline would give the hash unit: the 12 bytes at l2_off, or garbage
 * when there is no Ethernet header (the unit must ignore it then).
 */
static void check(const u8 *pkt, const struct mcnic_layer *l, u16 port,
		  u32 zone, u8 kind, int frames)
{
	struct mcnic_hdl_fk_in in;
	struct mcnic_hdl_fk_out out;
	struct mcnic_flow_key want;
	u32 fh, kh;
	int ok;

	memset(&in, 0, sizeof(in));
	memcpy(in.layer, l, sizeof(*l));
	in.port = port;
	in.zone = zone;
	in.kind = kind;
	if (l->l2_off != MCNIC_OFF_NONE)
		memcpy(in.eth_addrs, pkt + l->l2_off, 12);
	else
		rbytes(in.eth_addrs, 12);
	in.seed = rnd() & 1 ? (u32)rnd() : 0;
	mcnic_pipe_key(&want, l, port, zone, kind);
	memcpy(in.hkey, &want, sizeof(want));
	mcnic_hdl_fk_eval(&in, &out);

	ok = !memcmp(out.key, &want, sizeof(want));
	tally(frames ? &t_fkey : &t_key, ok, "memcmp", 0, 0);
	if (!ok && (frames ? t_fkey.bad : t_key.bad) <= 5) {
		dump_key("firmware", &want);
		dump_key("hdl     ", (const struct mcnic_flow_key *)out.key);
	}
	fh = mcnic_flow_hash(pkt, l);
	tally(frames ? &t_ffh : &t_fh, fh == out.flow_hash, "l3/flags",
	      fh, out.flow_hash);
	kh = mcnic_crc32c(in.seed, &want, sizeof(want));
	tally(frames ? &t_fkh : &t_kh, kh == out.key_hash, "seeded",
	      kh, out.key_hash);
}

static void random_layers(void)
{
	static const u8 l3s[] = { MCNIC_L3_NONE, MCNIC_L3_IPV4,
				  MCNIC_L3_IPV6 };
	struct mcnic_layer l;
	u8 pkt[256];
	unsigned int i;

	for (i = 0; i < N_LAYERS; i++) {
		rbytes(&l, sizeof(l));
		rbytes(pkt, sizeof(pkt));
		/* Mostly the parser's values; sometimes any byte. */
		l.l3 = rn(16) ? l3s[rn(3)] : (u8)rnd();
		l.l2_off = rn(4) ? (u16)rn(sizeof(pkt) - 12) : MCNIC_OFF_NONE;
		check(pkt, &l, (u16)rnd(), rn(4) ? (u32)rnd() : rn(4096),
		      rn(2) ? MCNIC_FK_INGRESS : 0, 0);
	}
}

static void random_keys(void)
{
	struct mcnic_hdl_fk_in in;
	struct mcnic_hdl_fk_out out;
	unsigned int i;
	u32 want;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < N_KEYS; i++) {
		rbytes(in.hkey, sizeof(in.hkey));
		if (i < 2)
			memset(in.hkey, i ? 0xff : 0, sizeof(in.hkey));
		in.seed = i & 1 ? (u32)rnd() : 0;
		mcnic_hdl_fk_eval(&in, &out);
		want = mcnic_crc32c(in.seed, in.hkey, sizeof(in.hkey));
		tally(&t_rkh, want == out.key_hash, "random", want,
		      out.key_hash);
	}
}

/* ------------------------------------------------------------ frames */

/* Coverage of the parsed layers: each must be seen. */
enum { C_V4, C_V6, C_NONIP, C_NOL2, C_FRAG, C_L4, C_NOL4, C_INNER, C_N };
static unsigned int cover[C_N];
static const char *const cover_name[C_N] = {
	"IPv4", "IPv6", "non-IP", "no Ethernet", "fragment", "L4",
	"IP without L4", "tunnel inner",
};

static void add_l4(struct frame *f, u8 proto)
{
	static const u8 icmp_types[] = { 0, 3, 8, 11, 128, 129, 1 };

	switch (proto) {
	case MCNIC_IPPROTO_UDP:
		fr_udp(f, (u16)rnd(), (u16)rnd());
		break;
	case MCNIC_IPPROTO_TCP:
		fr_tcp(f, (u16)rnd(), (u16)rnd(), (u8)rnd(), 4 * rn(3));
		break;
	case MCNIC_IPPROTO_ICMP:
	case MCNIC_IPPROTO_ICMPV6:
		fr_icmp(f, icmp_types[rn(sizeof(icmp_types))], (u8)rn(4),
			(u16)rnd(), (u16)rnd());
		break;
	default:
		break;
	}
	fr_payload(f, (u16)rn(48), (u8)rnd());
}

static u8 rand_proto(int v6)
{
	static const u8 p[] = { MCNIC_IPPROTO_UDP, MCNIC_IPPROTO_TCP,
				MCNIC_IPPROTO_UDP, MCNIC_IPPROTO_TCP, 132, 89 };

	return rn(5) ? p[rn(sizeof(p))] :
	       v6 ? MCNIC_IPPROTO_ICMPV6 : MCNIC_IPPROTO_ICMP;
}

static void add_ip4(struct frame *f, u8 proto)
{
	u16 ip = fr_ipv4_opts(f, proto, (u32)rnd(), (u32)rnd(),
			      rn(4) ? 0 : 4 * rn(11));
	u32 r = rn(8);

	/* First fragment, later fragment, or DF. */
	if (r == 0)
		fr_put16(f->b + ip + 6, 0x2000);
	else if (r == 1)
		fr_put16(f->b + ip + 6, (u16)(rn(2) << 13 | (1 + rn(1000))));
	else if (r == 2)
		fr_put16(f->b + ip + 6, 0x4000);
	f->b[ip + 1] = (u8)rnd();
	f->b[ip + 8] = (u8)rnd();
}

static void add_ip6(struct frame *f, u8 proto)
{
	static const u8 ext_types[] = { MCNIC_IPPROTO_DSTOPTS,
					MCNIC_IPPROTO_ROUTING,
					MCNIC_IPPROTO_FRAGMENT };
	u8 ext[3], n = 0, i, next;
	u16 ip;

	if (rn(3) == 0)
		ext[n++] = MCNIC_IPPROTO_HOPOPTS;
	while (n < 3 && rn(3) == 0)
		ext[n++] = ext_types[rn(sizeof(ext_types))];
	ip = fr_ipv6(f, n ? ext[0] : proto, 1, 2);
	rbytes(f->b + ip + 8, 32);
	f->b[ip + 1] = (u8)rnd();
	for (i = 0; i < n; i++) {
		next = i + 1 < n ? ext[i + 1] : proto;
		if (ext[i] == MCNIC_IPPROTO_FRAGMENT)
			fr_ipv6_frag(f, next, rn(2) ? 0 : (u16)rn(1000),
				     (int)rn(2), (u32)rnd());
		else
			fr_ipv6_ext(f, ext[i], next, (u8)rn(3));
	}
}

/* An IP packet (v4 or v6) with its L4 header and payload. */
static void add_ip(struct frame *f, int v6)
{
	u8 proto = rand_proto(v6);

	if (v6)
		add_ip6(f, proto);
	else
		add_ip4(f, proto);
	add_l4(f, proto);
}

static void add_eth(struct frame *f, u16 type)
{
	u8 mac[12];
	unsigned int i, nv = rn(4) ? 0 : 1 + rn(2);

	rbytes(mac, sizeof(mac));
	mac[0] &= 0xfe;
	fr_eth_mac(f, mac, mac + 6, nv ? MCNIC_ETH_P_8021Q : type);
	for (i = 0; i < nv; i++)
		fr_vlan(f, (u16)rnd(), i + 1 < nv ? MCNIC_ETH_P_8021Q : type);
}

/* A tenant frame: IPv4, IPv6 or something else after Ethernet. */
static void add_l2_frame(struct frame *f)
{
	static const u16 other[] = { MCNIC_ETH_P_ARP, 0x88cc, 0x8906, 0x0801 };
	u32 r = rn(8);

	if (r == 0) {
		add_eth(f, other[rn(sizeof(other) / sizeof(other[0]))]);
		fr_payload(f, (u16)(28 + rn(40)), (u8)rnd());
	} else {
		add_eth(f, r & 1 ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4);
		add_ip(f, r & 1);
	}
}

/* Outer Ethernet + IP + a tunnel + an inner frame. */
static void add_tunnel(struct frame *f)
{
	int v6 = rn(2), iv6 = rn(2);
	u32 vni = rn(1 << 24);
	u16 ip;

	add_eth(f, v6 ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4);
	switch (rn(3)) {
	case 0:
		ip = v6 ? fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2) :
			  fr_ipv4(f, MCNIC_IPPROTO_UDP, (u32)rnd(), (u32)rnd());
		if (v6)
			rbytes(f->b + ip + 8, 32);
		fr_udp(f, (u16)rnd(), MCNIC_PORT_VXLAN);
		fr_vxlan(f, MCNIC_VXLAN_F_I, 0, 0, vni);
		add_l2_frame(f);
		break;
	case 1:
		ip = v6 ? fr_ipv6(f, MCNIC_IPPROTO_UDP, 1, 2) :
			  fr_ipv4(f, MCNIC_IPPROTO_UDP, (u32)rnd(), (u32)rnd());
		if (v6)
			rbytes(f->b + ip + 8, 32);
		fr_udp(f, (u16)rnd(), MCNIC_PORT_GENEVE);
		if (rn(2)) {
			fr_geneve(f, 0, MCNIC_ETH_P_TEB, vni, NULL, 0);
			add_l2_frame(f);
		} else {
			fr_geneve(f, 0, iv6 ? MCNIC_ETH_P_IPV6 :
				  MCNIC_ETH_P_IPV4, vni, NULL, 0);
			add_ip(f, iv6);
		}
		break;
	default:
		ip = v6 ? fr_ipv6(f, MCNIC_IPPROTO_GRE, 1, 2) :
			  fr_ipv4(f, MCNIC_IPPROTO_GRE, (u32)rnd(), (u32)rnd());
		if (v6)
			rbytes(f->b + ip + 8, 32);
		if (rn(2)) {
			fr_gre(f, MCNIC_GRE_F_K, MCNIC_ETH_P_TEB, vni, 0);
			add_l2_frame(f);
		} else {
			fr_gre(f, MCNIC_GRE_F_K, iv6 ? MCNIC_ETH_P_IPV6 :
			       MCNIC_ETH_P_IPV4, vni, 0);
			add_ip(f, iv6);
		}
		break;
	}
}

static void count(const struct mcnic_layer *l, int inner)
{
	if (l->l3 == MCNIC_L3_IPV4)
		cover[C_V4]++;
	else if (l->l3 == MCNIC_L3_IPV6)
		cover[C_V6]++;
	else
		cover[C_NONIP]++;
	cover[C_NOL2] += l->l2_off == MCNIC_OFF_NONE;
	cover[C_FRAG] += !!(l->flags & MCNIC_LF_FRAG);
	cover[C_L4] += !!(l->flags & MCNIC_LF_L4);
	cover[C_NOL4] += l->l3 != MCNIC_L3_NONE &&
			 !(l->flags & (MCNIC_LF_L4 | MCNIC_LF_FRAG));
	cover[C_INNER] += inner;
}

static unsigned int parsed, refused;

static void frames(void)
{
	static struct frame f;
	struct mcnic_parse_cfg cfg;
	struct mcnic_pkt_meta m;
	unsigned int i;

	mcnic_parse_cfg_init(&cfg);
	for (i = 0; i < N_FRAMES; i++) {
		fr_init(&f);
		if (rn(3))
			add_l2_frame(&f);
		else
			add_tunnel(&f);
		fr_finish(&f);
		if (mcnic_parse(f.b, f.len, &cfg, &m) != MCNIC_DROP_NONE) {
			refused++;
			continue;
		}
		parsed++;
		count(&m.outer, 0);
		check(f.b, &m.outer, (u16)rn(256), rn(4096), 0, 1);
		if (m.tun != MCNIC_TUN_NONE && m.tun != MCNIC_TUN_ESP) {
			count(&m.inner, 1);
			check(f.b, &m.inner, (u16)rn(256), m.vni,
			      MCNIC_FK_INGRESS, 1);
		}
	}
}

static int report(const struct tally *t)
{
	printf("%s: %s: %u of %u agree\n", t->bad ? "FAIL" : "ok", t->name,
	       t->n - t->bad, t->n);
	return !t->bad && t->n;
}

int main(void)
{
	const struct tally *all[] = { &t_key, &t_fh, &t_kh, &t_rkh,
				      &t_fkey, &t_ffh, &t_fkh };
	unsigned int i, pass = 0, fail = 0;
	int ok;

	mcnic_hdl_fk_open();
	random_layers();
	random_keys();
	frames();
	mcnic_hdl_fk_close();

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		report(all[i]) ? pass++ : fail++;
	/* The frames must reach every kind of layer. */
	ok = parsed > N_FRAMES * 3 / 4;
	for (i = 0; i < C_N; i++) {
		printf("  %-14s %u layers\n", cover_name[i], cover[i]);
		ok &= cover[i] > 100;
	}
	printf("%s: %u frames parsed, %u refused, every kind covered\n",
	       ok ? "ok" : "FAIL", parsed, refused);
	ok ? pass++ : fail++;
	printf("%u passed, %u failed\n", pass, fail);
	return fail ? 1 : 0;
}
