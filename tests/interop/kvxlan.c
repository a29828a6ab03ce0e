// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * kvxlan: a VXLAN tunnel endpoint built from nothing but mcnic's data plane,
 * run against the Linux kernel's vxlan device as an independent peer.  It
 * owns an AF_PACKET socket on the underlay interface: every frame it sends
 * went through mcnic_encap, every frame it accepts through mcnic_parse and
 * mcnic_decap.
 *
 *   kvxlan ping ...  send ICMP echo requests to the kernel's inner address
 *                    through our encap and check each reply after our decap
 *   kvxlan echo ...  answer the kernel's echo requests to our inner address
 *
 * Each check prints one "PASS: ..." or "FAIL: ..." line (the caller counts
 * them); the exit status is 1 when any check failed, 2 on a usage or setup
 * error.  A last "STATS:" line gives the number of the kernel's VXLAN frames
 * seen, of those that failed a check and of those whose parse metadata
 * offsets were wrong.  Every wait is bounded by --timeout-ms.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <dp/dp.h>
#include <mcnic/byteorder.h>
#include <mcnic/wire.h>

#define KV_SRC_MAX	8
#define KV_FRAME_MAX	2048
#define KV_PAYLOAD	56
#define KV_MAGIC	"mcnic-kvxlan"

struct kv_addr {
	u8 a[16];
	int v6;
};

struct kv_opts {
	const char *mode;
	const char *ifname;
	const char *label;
	struct kv_addr local;		/* our VTEP */
	struct kv_addr remote;		/* the kernel's VTEP */
	struct kv_addr own[KV_SRC_MAX];	/* our inner addresses */
	int n_own;
	struct kv_addr peer;		/* the kernel's inner address */
	u8 mac[6], peer_mac[6];		/* underlay */
	u8 inner_mac[6], peer_inner_mac[6];
	u32 vni;
	u16 port;
	int csum;			/* IPv4 underlay: send UDP checksums */
	int gbp;			/* send VXLAN-GBP with group */
	u16 group;
	int expect_gbp;			/* kernel must send GBP with expect_group */
	u16 expect_group;
	int expect_gbp_d;		/* ... and the D (don't learn) bit */
	int expect_gbp_a;		/* ... and the A (policy applied) bit */
	int expect_csum;		/* kernel's UDP checksum: 1 set, 0 zero */
	int corrupt;			/* send a broken outer UDP checksum */
	int expect_none;		/* negative control: no reply may come */
	int count;
	int timeout_ms;
};

struct kv_ctx {
	const struct kv_opts *o;
	struct mcnic_encap_tmpl tmpl;
	struct mcnic_parse_cfg pcfg;
	struct mcnic_decap_cfg dcfg;
	int fd;
	u16 ip_id;
	int failed;
	int frames;			/* the kernel's VXLAN frames seen */
	int bad;			/* ... that failed a check, this probe */
	int bad_total;			/* ... in this run */
	char first_err[240];
	int stray;			/* frames that were not what we waited for */
	char last_err[200];
	int meta_frames;		/* kernel frames our parser accepted */
	int meta_bad;			/* ... whose metadata offsets were wrong */
	char meta_err[200];
};

/* What one received frame turned out to be. */
struct kv_rx {
	u8 *inner;			/* decapsulated inner frame */
	u16 inner_len;
	struct mcnic_pkt_meta m;	/* the frame as received */
	struct mcnic_pkt_meta im;	/* the inner frame (in im.outer) */
	u16 sport;			/* outer UDP source port */
	char err[200];			/* first failed check; "" when good */
};

static void kv_result(struct kv_ctx *c, int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: %s: ", ok ? "PASS" : "FAIL", c->o->label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!ok)
		c->failed = 1;
}

static void kv_die(const char *fmt, ...)
{
	va_list ap;

	fputs("kvxlan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static long kv_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static const char *kv_addr_str(const struct kv_addr *a)
{
	static char s[4][INET6_ADDRSTRLEN];
	static int n;

	n = (n + 1) % 4;
	inet_ntop(a->v6 ? AF_INET6 : AF_INET, a->a, s[n], sizeof(s[n]));
	return s[n];
}

static void kv_parse_addr(const char *s, struct kv_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->a) == 1)
		return;
	a->v6 = 1;
	if (inet_pton(AF_INET6, s, a->a) != 1)
		kv_die("not an IP address: %s", s);
}

static void kv_parse_mac(const char *s, u8 *mac)
{
	unsigned int b[6], i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		kv_die("not a MAC address: %s", s);
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
}

static int kv_addr_eq(const struct kv_addr *a, const u8 *b)
{
	return !memcmp(a->a, b, a->v6 ? 16 : 4);
}

/* ---- inner frames: ICMP echo over IPv4 or IPv6 ---- */

static u8 kv_echo_type(int v6, int reply)
{
	if (v6)
		return reply ? 129 : 128;
	return reply ? 0 : 8;
}

static u32 kv_icmp_pseudo(const struct kv_addr *src, const struct kv_addr *dst,
			  u16 len)
{
	if (!src->v6)
		return 0;
	return mcnic_csum_add(mcnic_csum_add(0, src->a, 16), dst->a, 16) +
	       len + MCNIC_IPPROTO_ICMPV6;
}

/* Builds Ethernet + IP + ICMP echo; returns the frame length. */
static u16 kv_echo_build(u8 *f, const u8 *dmac, const u8 *smac,
			 const struct kv_addr *src, const struct kv_addr *dst,
			 int reply, u16 id, u16 seq, const u8 *pl, u16 plen)
{
	struct mcnic_eth_hdr *eth = (struct mcnic_eth_hdr *)f;
	u16 l3 = src->v6 ? 40 : 20, ilen = sizeof(struct mcnic_icmp_hdr) + plen;
	struct mcnic_icmp_hdr *icmp = (struct mcnic_icmp_hdr *)(f + 14 + l3);
	struct mcnic_ipv4_hdr *ip4 = (struct mcnic_ipv4_hdr *)(f + 14);
	struct mcnic_ipv6_hdr *ip6 = (struct mcnic_ipv6_hdr *)(f + 14);
	u32 sum;

	memcpy(eth->dst, dmac, 6);
	memcpy(eth->src, smac, 6);
	eth->type = mcnic_htons(src->v6 ? MCNIC_ETH_P_IPV6 : MCNIC_ETH_P_IPV4);
	memset(f + 14, 0, l3);
	if (src->v6) {
		ip6->ver_tc_flow = mcnic_htonl(6u << 28);
		ip6->payload_len = mcnic_htons(ilen);
		ip6->nexthdr = MCNIC_IPPROTO_ICMPV6;
		ip6->hop_limit = 64;
		memcpy(ip6->saddr, src->a, 16);
		memcpy(ip6->daddr, dst->a, 16);
	} else {
		ip4->ver_ihl = 0x45;
		ip4->tot_len = mcnic_htons(l3 + ilen);
		ip4->id = mcnic_htons(seq);
		ip4->frag_off = mcnic_htons(MCNIC_IPV4_DF);
		ip4->ttl = 64;
		ip4->proto = MCNIC_IPPROTO_ICMP;
		memcpy(&ip4->saddr, src->a, 4);
		memcpy(&ip4->daddr, dst->a, 4);
		ip4->check = mcnic_htoncsum((u16)~mcnic_csum_fold(
				mcnic_csum_add(0, ip4, 20)));
	}
	icmp->type = kv_echo_type(src->v6, reply);
	icmp->code = 0;
	icmp->check = 0;
	icmp->id = mcnic_htons(id);
	icmp->seq = mcnic_htons(seq);
	memcpy(icmp + 1, pl, plen);
	sum = mcnic_csum_add(kv_icmp_pseudo(src, dst, ilen), icmp, ilen);
	icmp->check = mcnic_htoncsum((u16)~mcnic_csum_fold(sum));
	return 14 + l3 + ilen;
}

/* An echo message inside a decapsulated frame, checksums verified. */
struct kv_echo {
	struct kv_addr src, dst;
	u8 type;
	u16 id, seq;
	const u8 *pl;
	u16 plen;
	int csum_ok;
};

static int kv_echo_parse(const struct kv_rx *rx, struct kv_echo *e)
{
	const struct mcnic_layer *l = &rx->im.outer;
	const struct mcnic_icmp_hdr *icmp;
	u16 ilen;

	if (!(l->flags & MCNIC_LF_L4) || (l->proto != MCNIC_IPPROTO_ICMP &&
					  l->proto != MCNIC_IPPROTO_ICMPV6))
		return 0;
	icmp = (const struct mcnic_icmp_hdr *)(rx->inner + l->l4_off);
	ilen = l->end - l->l4_off;
	memset(e, 0, sizeof(*e));
	e->src.v6 = e->dst.v6 = l->l3 == MCNIC_L3_IPV6;
	memcpy(e->src.a, l->saddr, 16);
	memcpy(e->dst.a, l->daddr, 16);
	e->type = icmp->type;
	e->id = mcnic_ntohs(icmp->id);
	e->seq = mcnic_ntohs(icmp->seq);
	e->pl = (const u8 *)(icmp + 1);
	e->plen = ilen - sizeof(*icmp);
	e->csum_ok = mcnic_csum_fold(mcnic_csum_add(
			kv_icmp_pseudo(&e->src, &e->dst, ilen), icmp, ilen)) == 0xffff;
	if (l->l3 == MCNIC_L3_IPV4)
		e->csum_ok &= mcnic_csum_fold(mcnic_csum_add(0,
				rx->inner + l->l3_off, l->l4_off - l->l3_off)) == 0xffff;
	return 1;
}

/* ---- the underlay: AF_PACKET, our encap on the way out ---- */

static void kv_sock_open(struct kv_ctx *c)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = mcnic_htons(ETH_P_ALL) };
	int one = 1;

	sll.sll_ifindex = if_nametoindex(c->o->ifname);
	if (!sll.sll_ifindex)
		kv_die("no interface %s: %s", c->o->ifname, strerror(errno));
	c->fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (c->fd < 0)
		kv_die("AF_PACKET socket: %s (need root)", strerror(errno));
	/* Our own transmissions are not the kernel's answers. */
	if (setsockopt(c->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
		       sizeof(one)) ||
	    setsockopt(c->fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)))
		kv_die("setsockopt: %s", strerror(errno));
	if (bind(c->fd, (struct sockaddr *)&sll, sizeof(sll)))
		kv_die("bind %s: %s", c->o->ifname, strerror(errno));
}

static void kv_tmpl_init(struct kv_ctx *c)
{
	const struct kv_opts *o = c->o;
	struct mcnic_tunnel_cfg tc;
	const char *why = "?";

	memset(&tc, 0, sizeof(tc));
	tc.type = MCNIC_TUN_VXLAN;
	tc.ttl = 64;
	if (o->local.v6)
		tc.flags = MCNIC_TUNF_OUTER_V6;
	else
		tc.flags = MCNIC_TUNF_DF_SET | (o->csum ? MCNIC_TUNF_UDP_CSUM : 0);
	if (o->gbp) {
		tc.flags |= MCNIC_TUNF_GBP;
		tc.ident = o->group;
	}
	memcpy(tc.smac, o->mac, 6);
	memcpy(tc.dmac, o->peer_mac, 6);
	memcpy(tc.saddr, o->local.a, 16);
	memcpy(tc.daddr, o->remote.a, 16);
	tc.vni = o->vni;
	tc.dport = o->port;
	tc.sport_min = 49152;
	tc.sport_max = 65535;
	tc.mtu = 1500;
	if (mcnic_tmpl_build(&tc, &c->tmpl, &why))
		kv_die("mcnic_tmpl_build: %s", why);
	mcnic_parse_cfg_init(&c->pcfg);
	c->pcfg.vxlan_port[0] = o->port;
	memset(&c->dcfg, 0, sizeof(c->dcfg));
}

/* Encapsulates an inner frame with our template and puts it on the wire. */
static int kv_send(struct kv_ctx *c, const u8 *frame, u16 len, u16 *sport)
{
	static u8 buf[MCNIC_HEADROOM + KV_FRAME_MAX];
	struct mcnic_pkt p = { .buf = buf, .size = sizeof(buf),
			       .head = MCNIC_HEADROOM, .len = len };
	struct mcnic_udp_hdr *udp;
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;
	u16 mtu = 0;

	memcpy(buf + p.head, frame, len);
	r = mcnic_parse(mcnic_pkt_data(&p), p.len, &c->pcfg, &m);
	if (!r)
		r = mcnic_encap(&c->tmpl, &p, &m.outer,
				mcnic_flow_hash(mcnic_pkt_data(&p), &m.outer),
				c->ip_id++, &mtu);
	if (r) {
		snprintf(c->last_err, sizeof(c->last_err), "our encap: %s",
			 mcnic_drop_name(r));
		return -1;
	}
	udp = (struct mcnic_udp_hdr *)(mcnic_pkt_data(&p) + c->tmpl.l4_off);
	*sport = mcnic_ntohs(udp->source);
	/* The negative control: a checksum no receiver may accept. */
	if (c->o->corrupt)
		udp->check = mcnic_htoncsum(mcnic_ntohcsum(udp->check) ^ 0x0101);
	if (send(c->fd, mcnic_pkt_data(&p), p.len, 0) != p.len) {
		snprintf(c->last_err, sizeof(c->last_err), "send: %s",
			 strerror(errno));
		return -1;
	}
	return 0;
}

/* Waits for a frame until deadline; returns its length, 0 on timeout. */
static int kv_recv(struct kv_ctx *c, u8 *buf, long deadline, u32 *status)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
	} ctl;
	struct iovec iov = { .iov_base = buf, .iov_len = KV_FRAME_MAX };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = &ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *cm;
	long left = deadline - kv_now_ms();
	ssize_t n;

	if (left <= 0 || poll(&pfd, 1, left) <= 0)
		return 0;
	n = recvmsg(c->fd, &msg, MSG_DONTWAIT);
	if (n <= 0)
		return n < 0 && errno == EAGAIN ? -EAGAIN : 0;
	*status = 0;
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_level == SOL_PACKET &&
		    cm->cmsg_type == PACKET_AUXDATA)
			*status = ((struct tpacket_auxdata *)CMSG_DATA(cm))->tp_status;
	return n;
}

/* ---- checks on what the kernel sent ---- */

#define KV_REQUIRE(rx, cond, ...)					\
	do {								\
		if (!(cond)) {						\
			snprintf((rx)->err, sizeof((rx)->err), __VA_ARGS__); \
			return 1;					\
		}							\
	} while (0)

/* Our decap must refuse the kernel's frame once a payload byte is flipped. */
static enum mcnic_drop kv_decap_flipped(struct kv_ctx *c, const u8 *buf,
					u16 len)
{
	static u8 copy[KV_FRAME_MAX];
	struct mcnic_pkt p = { .buf = copy, .size = sizeof(copy), .len = len };
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;

	memcpy(copy, buf, len);
	copy[len - 1] ^= 0x20;
	r = mcnic_parse(copy, len, &c->pcfg, &m);
	return r ? r : mcnic_decap(&p, &m, &c->dcfg);
}

static int kv_check_vxlan_hdr(struct kv_ctx *c, struct kv_rx *rx, const u8 *buf)
{
	const struct mcnic_vxlan_hdr *vx;
	u32 vr;

	/* RFC 7348 §5: the VXLAN header follows the outer UDP header. */
	vx = (const struct mcnic_vxlan_hdr *)(buf + rx->m.outer.l4_off +
					      sizeof(struct mcnic_udp_hdr));
	vr = mcnic_ntohl(vx->vni_res);
	KV_REQUIRE(rx, rx->m.vni == c->o->vni, "VNI %u, want %u", rx->m.vni,
		   c->o->vni);
	KV_REQUIRE(rx, !(vr & 0xff), "VXLAN reserved byte 7 is 0x%02x", vr & 0xff);
	if (vx->flags & MCNIC_VXLAN_F_G)
		return 0;
	/* RFC 7348 §5: reserved fields zero on transmit. */
	KV_REQUIRE(rx, vx->flags == MCNIC_VXLAN_F_I && !vx->gbp_flags &&
		   !vx->gbp_group, "VXLAN flags %02x %02x %04x, want 08 00 0000",
		   vx->flags, vx->gbp_flags, mcnic_ntohs(vx->gbp_group));
	return 0;
}

static int kv_check_csum(struct kv_ctx *c, struct kv_rx *rx, const u8 *buf,
			 u16 len, u32 status)
{
	const struct mcnic_udp_hdr *udp;
	enum mcnic_drop r;

	udp = (const struct mcnic_udp_hdr *)(buf + rx->m.outer.l4_off);
	KV_REQUIRE(rx, !(status & TP_STATUS_CSUMNOTREADY),
		   "kernel left the UDP checksum to tx offload (turn it off on the peer veth)");
	if (c->o->expect_csum < 0)
		return 0;
	KV_REQUIRE(rx, !!udp->check == c->o->expect_csum,
		   "outer UDP checksum is %s, want %s",
		   udp->check ? "set" : "zero",
		   c->o->expect_csum ? "set" : "zero");
	if (!udp->check)
		return 0;
	r = kv_decap_flipped(c, buf, len);
	KV_REQUIRE(rx, r == MCNIC_DROP_OUTER_UDP_CSUM,
		   "our decap of the frame with a flipped byte: %s, want %s",
		   mcnic_drop_name(r), mcnic_drop_name(MCNIC_DROP_OUTER_UDP_CSUM));
	return 0;
}

static int kv_check_outer(struct kv_ctx *c, struct kv_rx *rx, const u8 *buf)
{
	const struct mcnic_layer *l = &rx->m.outer;
	const struct mcnic_eth_hdr *eth = (const struct mcnic_eth_hdr *)buf;

	KV_REQUIRE(rx, !memcmp(eth->dst, c->o->mac, 6) &&
		   !memcmp(eth->src, c->o->peer_mac, 6),
		   "outer Ethernet addresses wrong");
	KV_REQUIRE(rx, l->l3 == (c->o->local.v6 ? MCNIC_L3_IPV6 : MCNIC_L3_IPV4),
		   "outer IP version %u", l->l3);
	KV_REQUIRE(rx, kv_addr_eq(&c->o->remote, l->saddr) &&
		   kv_addr_eq(&c->o->local, l->daddr), "outer IP addresses wrong");
	KV_REQUIRE(rx, l->dport == c->o->port, "outer UDP dport %u, want %u",
		   l->dport, c->o->port);
	return 0;
}

/* The decapsulated frame must be addressed from the kernel's vxlan dev to us. */
static int kv_check_inner(struct kv_ctx *c, struct kv_rx *rx)
{
	const struct mcnic_eth_hdr *eth = (const struct mcnic_eth_hdr *)rx->inner;
	enum mcnic_drop r;

	r = mcnic_parse(rx->inner, rx->inner_len, &c->pcfg, &rx->im);
	KV_REQUIRE(rx, !r, "parse of the decapsulated frame: %s",
		   mcnic_drop_name(r));
	if (eth->dst[0] & 1)
		return 0;	/* the kernel's own multicast (ND, MLD) */
	KV_REQUIRE(rx, !memcmp(eth->dst, c->o->inner_mac, 6) &&
		   !memcmp(eth->src, c->o->peer_inner_mac, 6),
		   "inner Ethernet addresses wrong");
	return 0;
}

/*
 * What meta.h promises about offsets, checked on every kernel frame but
 * reported once per run, so one wrong field does not hide the rest.
 */
static void kv_meta_note(struct kv_ctx *c, const struct mcnic_pkt_meta *m,
			 u16 len)
{
	u16 vx = m->outer.l4_off + sizeof(struct mcnic_udp_hdr);
	u16 in = vx + sizeof(struct mcnic_vxlan_hdr);

	c->meta_frames++;
	if (m->tun_off == vx && m->inner_off == in && m->inner.l2_off == in &&
	    m->len == len)
		return;
	if (!c->meta_bad++)
		snprintf(c->meta_err, sizeof(c->meta_err),
			 "tun_off %u, inner_off %u, inner.l2_off %u, len %u; want %u, %u, %u, %u",
			 m->tun_off, m->inner_off, m->inner.l2_off, m->len,
			 vx, in, in, len);
}

/*
 * Every frame the kernel sent, answers and chatter alike, went through the
 * checks above; the totals go to the caller, which judges them across runs
 * (a negative control may see no frame at all).
 */
static void kv_stats_print(const struct kv_ctx *c)
{
	printf("STATS: frames=%d bad=%d meta_bad=%d\n", c->frames, c->bad_total,
	       c->meta_bad);
	if (c->bad_total)
		printf("STATS: first bad frame: %s\n", c->first_err);
	if (c->meta_bad)
		printf("STATS: first bad metadata: %s\n", c->meta_err);
}

/*
 * Returns 0 for frames that are not VXLAN to our port (the underlay's own
 * chatter), 1 for the kernel's VXLAN frames; rx->err names the first check
 * such a frame failed.
 */
static int kv_rx_frame(struct kv_ctx *c, u8 *buf, u16 len, u32 status,
		       struct kv_rx *rx)
{
	struct mcnic_pkt p = { .buf = buf, .size = KV_FRAME_MAX, .len = len };
	enum mcnic_drop r;
	u16 want;

	memset(rx, 0, sizeof(*rx));
	r = mcnic_parse(buf, len, &c->pcfg, &rx->m);
	if (rx->m.tun != MCNIC_TUN_VXLAN)
		return 0;
	rx->sport = rx->m.outer.sport;
	c->frames++;
	KV_REQUIRE(rx, !r, "our parse: %s", mcnic_drop_name(r));
	kv_meta_note(c, &rx->m, len);
	if (kv_check_outer(c, rx, buf) || kv_check_vxlan_hdr(c, rx, buf) ||
	    kv_check_csum(c, rx, buf, len, status))
		return 1;
	want = rx->m.outer.end - rx->m.inner_off;
	r = mcnic_decap(&p, &rx->m, &c->dcfg);
	KV_REQUIRE(rx, !r, "our decap: %s", mcnic_drop_name(r));
	KV_REQUIRE(rx, p.len == want, "decap left %u bytes, want %u", p.len, want);
	rx->inner = mcnic_pkt_data(&p);
	rx->inner_len = p.len;
	kv_check_inner(c, rx);
	return 1;
}

/* GBP as the options demand: absent, or this group and D bit. */
static int kv_gbp_ok(const struct kv_ctx *c, const struct kv_rx *rx, char *why,
		     size_t n)
{
	const struct kv_opts *o = c->o;
	int d = !!(rx->m.tflags & MCNIC_TF_GBP_D);
	int a = !!(rx->m.tflags & MCNIC_TF_GBP_A);

	if (!o->expect_gbp) {
		if (!(rx->m.tflags & MCNIC_TF_GBP))
			return 1;
		snprintf(why, n, "unexpected GBP group 0x%04x", rx->m.ident);
		return 0;
	}
	if ((rx->m.tflags & MCNIC_TF_GBP) && rx->m.ident == o->expect_group &&
	    d == o->expect_gbp_d && a == o->expect_gbp_a)
		return 1;
	snprintf(why, n, "GBP %s group 0x%04x D=%d A=%d, want group 0x%04x D=%d A=%d",
		 rx->m.tflags & MCNIC_TF_GBP ? "present," : "absent,",
		 rx->m.ident, d, a, o->expect_group, o->expect_gbp_d,
		 o->expect_gbp_a);
	return 0;
}

static void kv_note_bad(struct kv_ctx *c, const struct kv_rx *rx)
{
	c->bad++;
	snprintf(c->last_err, sizeof(c->last_err), "%s", rx->err);
	if (!c->bad_total++)
		snprintf(c->first_err, sizeof(c->first_err), "sport %u: %.200s",
			 rx->sport, rx->err);
}

/* ---- ping: we ask, the kernel answers ---- */

struct kv_probe {
	const struct kv_addr *src;
	u16 id, seq;
	u8 pl[KV_PAYLOAD];
};

static int kv_probe_match(const struct kv_probe *pr, const struct kv_echo *e)
{
	return e->type == kv_echo_type(pr->src->v6, 1) && e->id == pr->id;
}

static void kv_probe_judge(struct kv_ctx *c, const struct kv_probe *pr,
			   const struct kv_rx *rx, const struct kv_echo *e)
{
	const struct kv_opts *o = c->o;
	char why[200] = "";

	if (e->seq != pr->seq)
		snprintf(why, sizeof(why), "seq %u, want %u", e->seq, pr->seq);
	else if (!kv_addr_eq(&o->peer, e->src.a) || !kv_addr_eq(pr->src, e->dst.a))
		snprintf(why, sizeof(why), "inner addresses %s -> %s",
			 kv_addr_str(&e->src), kv_addr_str(&e->dst));
	else if (!e->csum_ok)
		snprintf(why, sizeof(why), "inner IP/ICMP checksum bad");
	else if (e->plen != KV_PAYLOAD || memcmp(e->pl, pr->pl, KV_PAYLOAD))
		snprintf(why, sizeof(why), "echo payload differs");
	else
		kv_gbp_ok(c, rx, why, sizeof(why));
	kv_result(c, !why[0], "%s -> %s id=%u seq=%u: %s (kernel sport %u, flags 0x%x, group 0x%04x)",
		  kv_addr_str(pr->src), kv_addr_str(&o->peer), pr->id, pr->seq,
		  why[0] ? why : "reply ok", rx->sport, rx->m.tflags,
		  rx->m.ident);
}

/* Waits for the reply to pr; returns 1 when one came, good or bad. */
static int kv_probe_wait(struct kv_ctx *c, const struct kv_probe *pr,
			 const struct kv_rx **got, struct kv_echo *e)
{
	static u8 buf[KV_FRAME_MAX];
	static struct kv_rx rx;
	long deadline = kv_now_ms() + c->o->timeout_ms;
	u32 status = 0;
	int n;

	while ((n = kv_recv(c, buf, deadline, &status))) {
		if (n < 0 || !kv_rx_frame(c, buf, n, status, &rx)) {
			c->stray += n > 0;
			continue;
		}
		if (rx.err[0]) {
			kv_note_bad(c, &rx);
			continue;
		}
		if (kv_echo_parse(&rx, e) && kv_probe_match(pr, e)) {
			*got = &rx;
			return 1;
		}
		c->stray++;
	}
	return 0;
}

static void kv_probe_init(struct kv_probe *pr, const struct kv_opts *o, int i)
{
	unsigned int k;

	pr->src = &o->own[i % o->n_own];
	pr->id = 0x4b00 + 0x101 * i;
	pr->seq = i + 1;
	memcpy(pr->pl, KV_MAGIC, sizeof(KV_MAGIC) - 1);
	for (k = sizeof(KV_MAGIC) - 1; k < KV_PAYLOAD; k++)
		pr->pl[k] = (u8)(i * 31 + k);
}

static void kv_ping_one(struct kv_ctx *c, int i)
{
	const struct kv_opts *o = c->o;
	const struct kv_rx *rx = NULL;
	struct kv_probe pr;
	struct kv_echo e;
	u8 frame[KV_FRAME_MAX];
	u16 len, sport = 0;

	kv_probe_init(&pr, o, i);
	len = kv_echo_build(frame, o->peer_inner_mac, o->inner_mac, pr.src,
			    &o->peer, 0, pr.id, pr.seq, pr.pl, KV_PAYLOAD);
	c->bad = 0;
	if (kv_send(c, frame, len, &sport)) {
		kv_result(c, 0, "probe %d: %s", i, c->last_err);
		return;
	}
	if (o->expect_none) {
		kv_result(c, !kv_probe_wait(c, &pr, &rx, &e),
			  "%s -> %s id=%u (our sport %u): kernel must not answer",
			  kv_addr_str(pr.src), kv_addr_str(&o->peer), pr.id, sport);
		return;
	}
	if (!kv_probe_wait(c, &pr, &rx, &e)) {
		kv_result(c, 0, "%s -> %s id=%u seq=%u (our sport %u): no reply in %d ms (%d bad kernel frames%s%s)",
			  kv_addr_str(pr.src), kv_addr_str(&o->peer), pr.id,
			  pr.seq, sport, o->timeout_ms, c->bad,
			  c->bad ? ", last: " : "", c->bad ? c->last_err : "");
		return;
	}
	kv_probe_judge(c, &pr, rx, &e);
}

static void kv_ping(struct kv_ctx *c)
{
	int i;

	for (i = 0; i < c->o->count; i++)
		kv_ping_one(c, i);
}

/* ---- echo: the kernel asks, we answer ---- */

static const struct kv_addr *kv_own_addr(const struct kv_opts *o,
					 const struct kv_echo *e)
{
	int i;

	for (i = 0; i < o->n_own; i++)
		if (o->own[i].v6 == e->dst.v6 && kv_addr_eq(&o->own[i], e->dst.a))
			return &o->own[i];
	return NULL;
}

static void kv_echo_answer(struct kv_ctx *c, const struct kv_rx *rx,
			   const struct kv_echo *e, const struct kv_addr *me)
{
	const struct kv_opts *o = c->o;
	u8 frame[KV_FRAME_MAX];
	char why[200] = "";
	u16 len, sport = 0;

	if (!kv_addr_eq(&o->peer, e->src.a))
		snprintf(why, sizeof(why), "request from %s", kv_addr_str(&e->src));
	else if (!e->csum_ok)
		snprintf(why, sizeof(why), "inner IP/ICMP checksum bad");
	else
		kv_gbp_ok(c, rx, why, sizeof(why));
	if (!why[0]) {
		len = kv_echo_build(frame, o->peer_inner_mac, o->inner_mac, me,
				    &e->src, 1, e->id, e->seq, e->pl, e->plen);
		if (kv_send(c, frame, len, &sport))
			snprintf(why, sizeof(why), "%s", c->last_err);
	}
	kv_result(c, !why[0], "echo request %s -> %s id=%u seq=%u: %s (kernel sport %u, flags 0x%x, group 0x%04x; our sport %u)",
		  kv_addr_str(&e->src), kv_addr_str(me), e->id, e->seq,
		  why[0] ? why : "answered", rx->sport, rx->m.tflags,
		  rx->m.ident, sport);
}

/* Returns 1 when the frame was an echo request to us (and was answered). */
static int kv_echo_frame(struct kv_ctx *c, u8 *buf, int n, u32 status)
{
	static struct kv_rx rx;
	const struct kv_addr *me;
	struct kv_echo e;

	if (!kv_rx_frame(c, buf, n, status, &rx)) {
		c->stray++;
		return 0;
	}
	if (rx.err[0]) {
		kv_note_bad(c, &rx);
		return 0;
	}
	if (!kv_echo_parse(&rx, &e) || e.type != kv_echo_type(e.dst.v6, 0) ||
	    !(me = kv_own_addr(c->o, &e))) {
		c->stray++;
		return 0;
	}
	kv_echo_answer(c, &rx, &e, me);
	return 1;
}

static void kv_echo(struct kv_ctx *c)
{
	static u8 buf[KV_FRAME_MAX];
	long deadline = kv_now_ms() + c->o->timeout_ms;
	int n, seen = 0;
	u32 status = 0;

	printf("READY\n");
	fflush(stdout);
	while (seen < c->o->count && (n = kv_recv(c, buf, deadline, &status)))
		if (n > 0)
			seen += kv_echo_frame(c, buf, n, status);
	kv_result(c, seen == c->o->count,
		  "%d of %d echo requests from the kernel seen within %d ms (%d other frames)",
		  seen, c->o->count, c->o->timeout_ms, c->stray);
}

/* ---- command line ---- */

static const struct option kv_longopts[] = {
	{ "if", required_argument, NULL, 'i' },
	{ "label", required_argument, NULL, 'L' },
	{ "local", required_argument, NULL, 'l' },
	{ "remote", required_argument, NULL, 'r' },
	{ "own", required_argument, NULL, 'o' },
	{ "peer", required_argument, NULL, 'p' },
	{ "mac", required_argument, NULL, 'm' },
	{ "peer-mac", required_argument, NULL, 'M' },
	{ "inner-mac", required_argument, NULL, 'n' },
	{ "peer-inner-mac", required_argument, NULL, 'N' },
	{ "vni", required_argument, NULL, 'v' },
	{ "port", required_argument, NULL, 'P' },
	{ "csum", no_argument, NULL, 'c' },
	{ "gbp", required_argument, NULL, 'g' },
	{ "expect-gbp", required_argument, NULL, 'G' },
	{ "expect-gbp-d", no_argument, NULL, 'D' },
	{ "expect-gbp-a", no_argument, NULL, 'A' },
	{ "expect-csum", required_argument, NULL, 'C' },
	{ "corrupt-csum", no_argument, NULL, 'X' },
	{ "expect-none", no_argument, NULL, 'Z' },
	{ "count", required_argument, NULL, 'k' },
	{ "timeout-ms", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

static void kv_usage(void)
{
	fprintf(stderr,
		"usage: kvxlan ping|echo --if IF --local VTEP --remote VTEP\n"
		"       --mac MAC --peer-mac MAC --inner-mac MAC --peer-inner-mac MAC\n"
		"       --own ADDR [--own ADDR ...] --peer ADDR --vni N [--port N]\n"
		"       [--csum] [--gbp GROUP] [--expect-gbp GROUP [--expect-gbp-d] [--expect-gbp-a]]\n"
		"       [--expect-csum 0|1] [--corrupt-csum] [--expect-none]\n"
		"       [--count N] [--timeout-ms MS] [--label TEXT]\n");
	exit(2);
}

static unsigned long kv_num(const char *s, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end || v > max)
		kv_die("bad number %s (at most %lu)", s, max);
	return v;
}

static void kv_opt_one(struct kv_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'i':
		o->ifname = arg;
		break;
	case 'L':
		o->label = arg;
		break;
	case 'l':
		kv_parse_addr(arg, &o->local);
		break;
	case 'r':
		kv_parse_addr(arg, &o->remote);
		break;
	case 'o':
		if (o->n_own == KV_SRC_MAX)
			kv_die("at most %d --own addresses", KV_SRC_MAX);
		kv_parse_addr(arg, &o->own[o->n_own++]);
		break;
	case 'p':
		kv_parse_addr(arg, &o->peer);
		break;
	case 'm':
		kv_parse_mac(arg, o->mac);
		break;
	case 'M':
		kv_parse_mac(arg, o->peer_mac);
		break;
	case 'n':
		kv_parse_mac(arg, o->inner_mac);
		break;
	case 'N':
		kv_parse_mac(arg, o->peer_inner_mac);
		break;
	case 'v':
		o->vni = kv_num(arg, 0xffffff);
		break;
	case 'P':
		o->port = kv_num(arg, 65535);
		break;
	case 'c':
		o->csum = 1;
		break;
	case 'g':
		o->gbp = 1;
		o->group = kv_num(arg, 0xffff);
		break;
	case 'G':
		o->expect_gbp = 1;
		o->expect_group = kv_num(arg, 0xffff);
		break;
	case 'D':
		o->expect_gbp_d = 1;
		break;
	case 'A':
		o->expect_gbp_a = 1;
		break;
	case 'C':
		o->expect_csum = kv_num(arg, 1);
		break;
	case 'X':
		o->corrupt = 1;
		break;
	case 'Z':
		o->expect_none = 1;
		break;
	case 'k':
		o->count = kv_num(arg, 1000);
		break;
	case 't':
		o->timeout_ms = kv_num(arg, 60000);
		break;
	default:
		kv_usage();
	}
}

static void kv_opts_parse(struct kv_opts *o, int argc, char **argv)
{
	int ch, i;

	memset(o, 0, sizeof(*o));
	o->port = MCNIC_PORT_VXLAN;
	o->expect_csum = -1;
	o->count = 1;
	o->timeout_ms = 1000;
	o->label = "kvxlan";
	if (argc < 2)
		kv_usage();
	o->mode = argv[1];
	optind = 2;
	while ((ch = getopt_long(argc, argv, "", kv_longopts, NULL)) != -1)
		kv_opt_one(o, ch, optarg);
	if (optind != argc || !o->ifname || !o->n_own || !o->vni)
		kv_usage();
	if (o->local.v6 != o->remote.v6)
		kv_die("--local and --remote must be the same IP version");
	for (i = 0; i < o->n_own; i++)
		if (o->own[i].v6 != o->peer.v6)
			kv_die("--own and --peer must be the same IP version");
}

int main(int argc, char **argv)
{
	struct kv_opts o;
	struct kv_ctx c;

	kv_opts_parse(&o, argc, argv);
	memset(&c, 0, sizeof(c));
	c.o = &o;
	kv_tmpl_init(&c);
	kv_sock_open(&c);
	if (!strcmp(o.mode, "ping"))
		kv_ping(&c);
	else if (!strcmp(o.mode, "echo"))
		kv_echo(&c);
	else
		kv_usage();
	kv_stats_print(&c);
	close(c.fd);
	return c.failed;
}
