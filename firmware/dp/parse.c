// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Packet parser: Ethernet/VLAN, IPv4/IPv6 (+ extension headers), UDP, TCP,
 * ICMP, and the tunnels VXLAN, GENEVE, GRE and ESP, whose inner frame is
 * parsed too (one level: inner tunnels are not looked into).
 *
 * Every read is bounded by an explicit "end" that never exceeds the buffer,
 * and every loop by a header count, so the HDL parser can do the same in a
 * fixed number of stages.
 */
#include "dp.h"
#include <mcnic/byteorder.h>
#include <mcnic/wire.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * The per-header steps are inlined into each of the two stacks (outer and
 * inner): call overhead was a quarter of a parse.
 */
#define MCNIC_PARSE_STEP static inline __attribute__((always_inline))

/* The part of the buffer one layer may look at: [off, end). */
struct mcnic_parse_span {
	const u8 *pkt;
	u16 off;
	u16 end;
};

MCNIC_PARSE_STEP u16 mcnic_parse_avail(const struct mcnic_parse_span *s)
{
	return s->end - s->off;
}

void mcnic_parse_cfg_init(struct mcnic_parse_cfg *cfg)
{
	__builtin_memset(cfg, 0, sizeof(*cfg));
	cfg->vxlan_port[0] = MCNIC_PORT_VXLAN;
	cfg->geneve_port = MCNIC_PORT_GENEVE;
	cfg->espinudp_port = MCNIC_PORT_ESPINUDP;
	cfg->vxlan_gbp = 1;
}

/*
 * An IPv4 address into a 16-byte field, zero-padded, in one 16-byte store:
 * the flow key and flow hash read the field back in 8- and 16-byte loads,
 * which a 4-byte store over the layer's memset cannot forward on x86 (the
 * load waits for both stores to reach the cache, a dozen cycles).
 */
MCNIC_PARSE_STEP void mcnic_parse_addr4(u8 *dst, const u8 *src)
{
#ifdef __SSE2__
	u32 a;

	__builtin_memcpy(&a, src, 4);
	_mm_storeu_si128((__m128i *)dst, _mm_cvtsi32_si128(a));
#else
	__builtin_memset(dst, 0, 16);
	__builtin_memcpy(dst, src, 4);
#endif
}

MCNIC_PARSE_STEP void mcnic_parse_layer_init(struct mcnic_layer *l)
{
	__builtin_memset(l, 0, sizeof(*l));
	l->l2_off = MCNIC_OFF_NONE;
	l->l3_off = MCNIC_OFF_NONE;
	l->l4_off = MCNIC_OFF_NONE;
}

MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_eth(struct mcnic_parse_span *s,
				       struct mcnic_layer *l)
{
	const struct mcnic_eth_hdr *eth;
	const struct mcnic_vlan_hdr *vlan;
	u16 type;

	if (mcnic_parse_avail(s) < sizeof(*eth))
		return MCNIC_DROP_ETH_TRUNC;
	eth = (const struct mcnic_eth_hdr *)(s->pkt + s->off);
	l->l2_off = s->off;
	type = mcnic_ntohs(eth->type);
	s->off += sizeof(*eth);
	while (type == MCNIC_ETH_P_8021Q || type == MCNIC_ETH_P_8021AD) {
		if (l->n_vlan == MCNIC_VLAN_MAX)
			return MCNIC_DROP_VLAN_DEPTH;
		if (mcnic_parse_avail(s) < sizeof(*vlan))
			return MCNIC_DROP_VLAN_TRUNC;
		vlan = (const struct mcnic_vlan_hdr *)(s->pkt + s->off);
		l->vlan_tci[l->n_vlan++] = mcnic_ntohs(vlan->tci);
		type = mcnic_ntohs(vlan->type);
		s->off += sizeof(*vlan);
	}
	l->ethertype = type;
	return MCNIC_DROP_NONE;
}

MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_ipv4(struct mcnic_parse_span *s,
					struct mcnic_layer *l)
{
	const struct mcnic_ipv4_hdr *ip;
	u16 ihl, tot, frag;

	if (mcnic_parse_avail(s) < sizeof(*ip))
		return MCNIC_DROP_IPV4_TRUNC;
	ip = (const struct mcnic_ipv4_hdr *)(s->pkt + s->off);
	if ((ip->ver_ihl >> 4) != 4)
		return MCNIC_DROP_IPV4_VERSION;
	ihl = (ip->ver_ihl & 0xf) * 4;
	if (ihl < sizeof(*ip))
		return MCNIC_DROP_IPV4_IHL;
	if (ihl > mcnic_parse_avail(s))
		return MCNIC_DROP_IPV4_TRUNC;
	tot = mcnic_ntohs(ip->tot_len);
	if (tot < ihl || tot > mcnic_parse_avail(s))
		return MCNIC_DROP_IPV4_LEN;

	l->l3 = MCNIC_L3_IPV4;
	l->l3_off = s->off;
	l->tos = ip->tos;
	l->ttl = ip->ttl;
	l->proto = ip->proto;
	mcnic_parse_addr4(l->saddr, (const u8 *)&ip->saddr);
	mcnic_parse_addr4(l->daddr, (const u8 *)&ip->daddr);
	frag = mcnic_ntohs(ip->frag_off);
	/* Without a branch: senders mix DF and not, flow by flow. */
	l->flags |= -(u16)!!(frag & MCNIC_IPV4_DF) & MCNIC_LF_IPV4_DF;
	if (frag & (MCNIC_IPV4_MF | MCNIC_IPV4_OFF_MASK))
		l->flags |= MCNIC_LF_FRAG;
	if (frag & MCNIC_IPV4_OFF_MASK)
		l->flags |= MCNIC_LF_FRAG_LATER;
	if (ihl > sizeof(*ip))
		l->flags |= MCNIC_LF_IPV4_OPTS;
	/* Ethernet padding after the datagram is not part of it. */
	s->end = s->off + tot;
	s->off += ihl;
	return MCNIC_DROP_NONE;
}

static int mcnic_parse_is_ipv6_ext(u8 nh)
{
	return nh == MCNIC_IPPROTO_HOPOPTS || nh == MCNIC_IPPROTO_ROUTING ||
	       nh == MCNIC_IPPROTO_FRAGMENT || nh == MCNIC_IPPROTO_DSTOPTS;
}

/* Walks at most MCNIC_IPV6_EXT_MAX extension headers. */
MCNIC_PARSE_STEP enum mcnic_drop
mcnic_parse_ipv6_ext(struct mcnic_parse_span *s, struct mcnic_layer *l, u8 *nh)
{
	const struct mcnic_ipv6_opt_hdr *opt;
	const struct mcnic_ipv6_frag_hdr *fh;
	unsigned int n;
	u16 hlen, fo;

	for (n = 0; mcnic_parse_is_ipv6_ext(*nh); n++) {
		if (n == MCNIC_IPV6_EXT_MAX)
			return MCNIC_DROP_IPV6_EXT_DEPTH;
		if (*nh == MCNIC_IPPROTO_HOPOPTS && n)
			return MCNIC_DROP_IPV6_HBH_POS;
		if (mcnic_parse_avail(s) < 8)
			return MCNIC_DROP_IPV6_EXT_TRUNC;
		l->flags |= MCNIC_LF_IPV6_EXT;
		if (*nh == MCNIC_IPPROTO_FRAGMENT) {
			fh = (const struct mcnic_ipv6_frag_hdr *)(s->pkt + s->off);
			fo = mcnic_ntohs(fh->frag_off);
			/* An atomic fragment is a whole packet (RFC 6946). */
			if (fo & (MCNIC_IPV6_FRAG_OFF_MASK | MCNIC_IPV6_FRAG_MF))
				l->flags |= MCNIC_LF_FRAG;
			if (fo & MCNIC_IPV6_FRAG_OFF_MASK)
				l->flags |= MCNIC_LF_FRAG_LATER;
			hlen = sizeof(*fh);
		} else {
			opt = (const struct mcnic_ipv6_opt_hdr *)(s->pkt + s->off);
			hlen = (opt->hdrlen + 1) * 8;
			if (hlen > mcnic_parse_avail(s))
				return MCNIC_DROP_IPV6_EXT_TRUNC;
			/* Byte 3 of any routing header: segments left. */
			if (*nh == MCNIC_IPPROTO_ROUTING && s->pkt[s->off + 3])
				l->flags |= MCNIC_LF_IPV6_RH_LEFT;
		}
		*nh = s->pkt[s->off];
		s->off += hlen;
		if (l->flags & MCNIC_LF_FRAG_LATER)
			break;
	}
	return MCNIC_DROP_NONE;
}

MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_ipv6(struct mcnic_parse_span *s,
					struct mcnic_layer *l)
{
	const struct mcnic_ipv6_hdr *ip;
	u32 vtf;
	u16 plen;
	u8 nh;

	if (mcnic_parse_avail(s) < sizeof(*ip))
		return MCNIC_DROP_IPV6_TRUNC;
	ip = (const struct mcnic_ipv6_hdr *)(s->pkt + s->off);
	vtf = mcnic_ntohl(ip->ver_tc_flow);
	if ((vtf >> 28) != 6)
		return MCNIC_DROP_IPV6_VERSION;
	plen = mcnic_ntohs(ip->payload_len);
	if (plen > mcnic_parse_avail(s) - sizeof(*ip))
		return MCNIC_DROP_IPV6_LEN;

	l->l3 = MCNIC_L3_IPV6;
	l->l3_off = s->off;
	l->tos = (vtf >> 20) & 0xff;
	l->ttl = ip->hop_limit;
	__builtin_memcpy(l->saddr, ip->saddr, 16);
	__builtin_memcpy(l->daddr, ip->daddr, 16);
	s->end = s->off + sizeof(*ip) + plen;
	s->off += sizeof(*ip);
	nh = ip->nexthdr;
	l->proto = nh;
	if (mcnic_parse_is_ipv6_ext(nh)) {
		enum mcnic_drop r = mcnic_parse_ipv6_ext(s, l, &nh);

		if (r)
			return r;
		l->proto = nh;
	}
	return MCNIC_DROP_NONE;
}

/* ICMP echo request/reply (RFC 792), ICMPv6 echo request/reply (RFC 4443). */
MCNIC_PARSE_STEP int mcnic_parse_is_echo(u8 proto, u8 type)
{
	if (proto == MCNIC_IPPROTO_ICMP)
		return type == 8 || type == 0;
	return type == 128 || type == 129;
}

MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_l4(struct mcnic_parse_span *s,
				      struct mcnic_layer *l)
{
	const struct mcnic_udp_hdr *udp;
	const struct mcnic_tcp_hdr *tcp;
	const struct mcnic_icmp_hdr *icmp;
	u16 avail = mcnic_parse_avail(s), ulen, doff;

	if (l->flags & MCNIC_LF_FRAG_LATER)
		return MCNIC_DROP_NONE;
	l->l4_off = s->off;
	switch (l->proto) {
	case MCNIC_IPPROTO_UDP:
		if (avail < sizeof(*udp))
			return MCNIC_DROP_UDP_TRUNC;
		udp = (const struct mcnic_udp_hdr *)(s->pkt + s->off);
		ulen = mcnic_ntohs(udp->len);
		/* A fragment's UDP length covers data we don't have. */
		if (ulen < sizeof(*udp) ||
		    (ulen > avail && !(l->flags & MCNIC_LF_FRAG)))
			return MCNIC_DROP_UDP_LEN;
		l->sport = mcnic_ntohs(udp->source);
		l->dport = mcnic_ntohs(udp->dest);
		break;
	case MCNIC_IPPROTO_TCP:
		if (avail < sizeof(*tcp))
			return MCNIC_DROP_TCP_TRUNC;
		tcp = (const struct mcnic_tcp_hdr *)(s->pkt + s->off);
		doff = (tcp->doff_res >> 4) * 4;
		if (doff < sizeof(*tcp) || doff > avail)
			return MCNIC_DROP_TCP_DOFF;
		l->sport = mcnic_ntohs(tcp->source);
		l->dport = mcnic_ntohs(tcp->dest);
		l->tcp_flags = tcp->flags;
		break;
	case MCNIC_IPPROTO_ICMP:
	case MCNIC_IPPROTO_ICMPV6:
		if (avail < sizeof(*icmp))
			return MCNIC_DROP_ICMP_TRUNC;
		icmp = (const struct mcnic_icmp_hdr *)(s->pkt + s->off);
		l->sport = icmp->type << 8 | icmp->code;
		/* Only echoes carry an identifier; elsewhere it is an MTU... */
		if (mcnic_parse_is_echo(l->proto, icmp->type))
			l->dport = mcnic_ntohs(icmp->id);
		break;
	default:
		return MCNIC_DROP_NONE;
	}
	l->flags |= MCNIC_LF_L4;
	return MCNIC_DROP_NONE;
}

MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_l3(struct mcnic_parse_span *s,
				      struct mcnic_layer *l, u16 type)
{
	enum mcnic_drop r;

	if (type == MCNIC_ETH_P_IPV4)
		r = mcnic_parse_ipv4(s, l);
	else if (type == MCNIC_ETH_P_IPV6)
		r = mcnic_parse_ipv6(s, l);
	else
		return MCNIC_DROP_NONE;
	if (r)
		return r;
	return mcnic_parse_l4(s, l);
}

/* One header stack; l2 says whether it starts with Ethernet or with IP. */
MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_stack(struct mcnic_parse_span *s,
					 struct mcnic_layer *l, int l2,
					 u16 l3_type)
{
	enum mcnic_drop r;

	mcnic_parse_layer_init(l);
	if (l2) {
		r = mcnic_parse_eth(s, l);
		if (r)
			return r;
		l3_type = l->ethertype;
	} else {
		l->ethertype = l3_type;
	}
	r = mcnic_parse_l3(s, l, l3_type);
	l->end = s->end;
	return r;
}

/*
 * The inner frame starts at s->off and carries proto.  A tunnel's parse
 * ends here; mcnic_parse then parses the inner stack on a span of its own,
 * which it keeps in registers.
 */
static enum mcnic_drop mcnic_parse_inner_at(const struct mcnic_parse_span *s,
					    struct mcnic_pkt_meta *m, u16 proto)
{
	m->tun_proto = proto;
	m->inner_off = s->off;
	if (proto == MCNIC_ETH_P_TEB)
		m->tflags |= MCNIC_TF_INNER_L2;
	return MCNIC_DROP_NONE;
}

MCNIC_PARSE_STEP enum mcnic_drop mcnic_parse_inner(struct mcnic_parse_span *s,
						   struct mcnic_pkt_meta *m)
{
	u16 proto = m->tun_proto;
	enum mcnic_drop r;

	if (proto != MCNIC_ETH_P_TEB && proto != MCNIC_ETH_P_IPV4 &&
	    proto != MCNIC_ETH_P_IPV6)
		return MCNIC_DROP_NONE;	/* carried, not understood */
	r = mcnic_parse_stack(s, &m->inner, proto == MCNIC_ETH_P_TEB, proto);
	if (r)
		m->err_inner = 1;
	return r;
}

static enum mcnic_drop mcnic_parse_vxlan(struct mcnic_parse_span *s,
					 const struct mcnic_parse_cfg *cfg,
					 struct mcnic_pkt_meta *m)
{
	const struct mcnic_vxlan_hdr *vx;

	m->tun = MCNIC_TUN_VXLAN;
	m->tun_off = s->off;
	if (mcnic_parse_avail(s) < sizeof(*vx))
		return MCNIC_DROP_VXLAN_TRUNC;
	vx = (const struct mcnic_vxlan_hdr *)(s->pkt + s->off);
	if (!(vx->flags & MCNIC_VXLAN_F_I))
		return MCNIC_DROP_VXLAN_FLAGS;
	m->vni = mcnic_ntohl(vx->vni_res) >> 8;
	if (cfg->vxlan_gbp && (vx->flags & MCNIC_VXLAN_F_G)) {
		m->tflags |= MCNIC_TF_GBP | MCNIC_TF_IDENT;
		if (vx->gbp_flags & MCNIC_VXLAN_GBP_D)
			m->tflags |= MCNIC_TF_GBP_D;
		if (vx->gbp_flags & MCNIC_VXLAN_GBP_A)
			m->tflags |= MCNIC_TF_GBP_A;
		m->ident = mcnic_ntohs(vx->gbp_group);
	}
	s->off += sizeof(*vx);
	return mcnic_parse_inner_at(s, m, MCNIC_ETH_P_TEB);
}

/* Option TLVs: each at least 4 bytes, so at most 63 of them. */
static enum mcnic_drop mcnic_parse_geneve_opts(const u8 *pkt, u16 off, u16 end,
					       struct mcnic_pkt_meta *m)
{
	const struct mcnic_geneve_opt *o;
	u16 olen;

	while (off < end) {
		if ((u16)(end - off) < sizeof(*o))
			return MCNIC_DROP_GENEVE_OPT;
		o = (const struct mcnic_geneve_opt *)(pkt + off);
		olen = sizeof(*o) + (o->len & MCNIC_GENEVE_OPT_LEN_MASK) * 4;
		if (olen > end - off)
			return MCNIC_DROP_GENEVE_OPT;
		if (mcnic_ntohs(o->opt_class) == MCNIC_GENEVE_CLASS_MCNIC &&
		    o->type == MCNIC_GENEVE_TYPE_IDENT && olen == 8) {
			m->ident = pkt[off + 4] << 8 | pkt[off + 5];
			m->tflags |= MCNIC_TF_IDENT;
		} else if (o->type & MCNIC_GENEVE_OPT_CRIT) {
			m->tflags |= MCNIC_TF_GNV_CRIT_UNK;
		}
		off += olen;
	}
	return MCNIC_DROP_NONE;
}

static enum mcnic_drop mcnic_parse_geneve(struct mcnic_parse_span *s,
					  struct mcnic_pkt_meta *m)
{
	const struct mcnic_geneve_hdr *g;
	enum mcnic_drop r;
	u16 optlen;

	m->tun = MCNIC_TUN_GENEVE;
	m->tun_off = s->off;
	if (mcnic_parse_avail(s) < sizeof(*g))
		return MCNIC_DROP_GENEVE_TRUNC;
	g = (const struct mcnic_geneve_hdr *)(s->pkt + s->off);
	if (g->ver_optlen >> 6)
		return MCNIC_DROP_GENEVE_VERSION;
	optlen = (g->ver_optlen & MCNIC_GENEVE_OPTLEN_MASK) * 4;
	if (optlen > mcnic_parse_avail(s) - sizeof(*g))
		return MCNIC_DROP_GENEVE_TRUNC;
	m->vni = mcnic_ntohl(g->vni_res) >> 8;
	if (g->flags & MCNIC_GENEVE_F_O)
		m->tflags |= MCNIC_TF_GNV_OAM;
	if (g->flags & MCNIC_GENEVE_F_C)
		m->tflags |= MCNIC_TF_GNV_CRIT;
	m->gnv_opt_off = s->off + sizeof(*g);
	m->gnv_opt_len = optlen;
	r = mcnic_parse_geneve_opts(s->pkt, m->gnv_opt_off,
				    m->gnv_opt_off + optlen, m);
	if (r)
		return r;
	s->off += sizeof(*g) + optlen;
	return mcnic_parse_inner_at(s, m, mcnic_ntohs(g->proto));
}

static enum mcnic_drop mcnic_parse_gre(struct mcnic_parse_span *s,
				       struct mcnic_pkt_meta *m)
{
	const struct mcnic_gre_hdr *gre;
	const u8 *opt;
	u16 fv, hlen;

	m->tun = MCNIC_TUN_GRE;
	m->tun_off = s->off;
	if (mcnic_parse_avail(s) < sizeof(*gre))
		return MCNIC_DROP_GRE_TRUNC;
	gre = (const struct mcnic_gre_hdr *)(s->pkt + s->off);
	fv = mcnic_ntohs(gre->flags_ver);
	if (fv & MCNIC_GRE_VER_MASK)
		return MCNIC_DROP_GRE_VERSION;
	/* RFC 2784 §2.5.1: bits 1-5 other than RFC 2890's K and S: discard. */
	if (fv & (MCNIC_GRE_F_R | MCNIC_GRE_F_RES45))
		return MCNIC_DROP_GRE_ROUTING;
	hlen = sizeof(*gre) + 4 * (!!(fv & MCNIC_GRE_F_C) +
				   !!(fv & MCNIC_GRE_F_K) +
				   !!(fv & MCNIC_GRE_F_S));
	if (mcnic_parse_avail(s) < hlen)
		return MCNIC_DROP_GRE_TRUNC;
	opt = s->pkt + s->off + sizeof(*gre);
	if (fv & MCNIC_GRE_F_C) {
		m->tflags |= MCNIC_TF_GRE_CSUM;
		opt += 4;
	}
	if (fv & MCNIC_GRE_F_K) {
		m->tflags |= MCNIC_TF_GRE_KEY;
		m->vni = (u32)opt[0] << 24 | opt[1] << 16 | opt[2] << 8 | opt[3];
		opt += 4;
	}
	if (fv & MCNIC_GRE_F_S) {
		m->tflags |= MCNIC_TF_GRE_SEQ;
		m->seq = (u32)opt[0] << 24 | opt[1] << 16 | opt[2] << 8 | opt[3];
	}
	s->off += hlen;
	return mcnic_parse_inner_at(s, m, mcnic_ntohs(gre->proto));
}

static enum mcnic_drop mcnic_parse_esp(struct mcnic_parse_span *s,
				       struct mcnic_pkt_meta *m)
{
	const struct mcnic_esp_hdr *esp;

	m->tun = MCNIC_TUN_ESP;
	m->tun_off = s->off;
	if (mcnic_parse_avail(s) < sizeof(*esp))
		return MCNIC_DROP_ESP_TRUNC;
	esp = (const struct mcnic_esp_hdr *)(s->pkt + s->off);
	m->spi = mcnic_ntohl(esp->spi);
	m->seq = mcnic_ntohl(esp->seq);
	m->inner_off = s->off + sizeof(*esp);
	return MCNIC_DROP_NONE;
}

/* Port 0 marks an unused slot, and no tunnel uses it: one compare each. */
MCNIC_PARSE_STEP int mcnic_parse_is_vxlan_port(const struct mcnic_parse_cfg *cfg, u16 port)
{
	_Static_assert(MCNIC_VXLAN_PORTS_MAX == 4, "unrolled for four ports");
	return port && ((port == cfg->vxlan_port[0]) | (port == cfg->vxlan_port[1]) |
			(port == cfg->vxlan_port[2]) | (port == cfg->vxlan_port[3]));
}

/* RFC 3948: a zero first word is IKE, a lone 0xff byte a NAT keepalive. */
static int mcnic_parse_is_espinudp(const struct mcnic_parse_span *s)
{
	const u8 *p = s->pkt + s->off;

	if (mcnic_parse_avail(s) < 4)
		return 0;
	return p[0] | p[1] | p[2] | p[3];
}

static enum mcnic_drop mcnic_parse_udp_tunnel(struct mcnic_parse_span *s,
					      const struct mcnic_parse_cfg *cfg,
					      struct mcnic_pkt_meta *m)
{
	const struct mcnic_udp_hdr *udp;
	u16 port = m->outer.dport;

	udp = (const struct mcnic_udp_hdr *)(s->pkt + s->off);
	/* The tunnel may use only the UDP datagram, not trailing bytes. */
	s->end = s->off + mcnic_ntohs(udp->len);
	s->off += sizeof(*udp);
	if (mcnic_parse_is_vxlan_port(cfg, port))
		return mcnic_parse_vxlan(s, cfg, m);
	if (cfg->geneve_port && port == cfg->geneve_port)
		return mcnic_parse_geneve(s, m);
	if (cfg->espinudp_port && port == cfg->espinudp_port &&
	    mcnic_parse_is_espinudp(s)) {
		m->tflags |= MCNIC_TF_ESP_UDP;
		return mcnic_parse_esp(s, m);
	}
	return MCNIC_DROP_NONE;
}

static enum mcnic_drop mcnic_parse_tunnel(struct mcnic_parse_span *s,
					  const struct mcnic_parse_cfg *cfg,
					  struct mcnic_pkt_meta *m)
{
	const struct mcnic_layer *o = &m->outer;

	/* A fragment's tunnel payload is incomplete: leave it to reassembly. */
	if (o->l3 == MCNIC_L3_NONE || (o->flags & MCNIC_LF_FRAG))
		return MCNIC_DROP_NONE;
	s->off = o->l4_off;
	switch (o->proto) {
	case MCNIC_IPPROTO_UDP:
		return mcnic_parse_udp_tunnel(s, cfg, m);
	case MCNIC_IPPROTO_GRE:
		return mcnic_parse_gre(s, m);
	case MCNIC_IPPROTO_ESP:
		return mcnic_parse_esp(s, m);
	default:
		return MCNIC_DROP_NONE;
	}
}

enum mcnic_drop mcnic_parse(const u8 *pkt, u16 len,
			    const struct mcnic_parse_cfg *cfg,
			    struct mcnic_pkt_meta *m)
{
	struct mcnic_parse_span s = { .pkt = pkt, .off = 0, .end = len }, t;
	enum mcnic_drop r;

	/* The layers are set up by their parse; clear only the tunnel part. */
	__builtin_memset(&m->len, 0, sizeof(*m) - __builtin_offsetof(
			 struct mcnic_pkt_meta, len));
	m->len = len;
	m->inner_off = MCNIC_OFF_NONE;
	mcnic_parse_layer_init(&m->inner);
	r = mcnic_parse_stack(&s, &m->outer, 1, 0);
	if (r)
		return r;
	/* The tunnel's parse gets a copy: s stays in registers. */
	t = s;
	r = mcnic_parse_tunnel(&t, cfg, m);
	if (r || m->inner_off == MCNIC_OFF_NONE || m->tun == MCNIC_TUN_ESP)
		return r;
	s = t;
	return mcnic_parse_inner(&s, m);
}
