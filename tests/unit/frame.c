// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Frame builder for the unit tests (see frame.h).  Plain C on purpose: it
 * is an oracle, so it shares no code with firmware/dp.
 */
#include <assert.h>
#include <string.h>
#include "frame.h"

enum fr_kind {
	FR_ETH, FR_VLAN, FR_IPV4, FR_IPV6, FR_EXT, FR_UDP, FR_TCP, FR_ICMP,
	FR_TUN, FR_GRE, FR_RAW,
};

const u8 fr_mac_dst[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
const u8 fr_mac_src[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

u16 fr_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

u32 fr_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

void fr_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

void fr_put32(u8 *p, u32 v)
{
	fr_put16(p, v >> 16);
	fr_put16(p + 2, v & 0xffff);
}

u64 fr_sum(u64 sum, const void *data, size_t n)
{
	const u8 *p = data;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += fr_get16(p + i);
	if (n & 1)
		sum += (u64)p[n - 1] << 8;	/* pad with a zero byte */
	return sum;
}

u16 fr_fold(u64 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

int fr_ipv4_csum_ok(const u8 *ip)
{
	return fr_fold(fr_sum(0, ip, (ip[0] & 0xf) * 4)) == 0xffff;
}

u64 fr_pseudo(const u8 *ip, u8 proto, u32 l4len)
{
	if ((ip[0] >> 4) == 4)
		return fr_sum(0, ip + 12, 8) + proto + l4len;
	/* RFC 8200 §8.1: 32-bit upper-layer length, 24 zero bits, next header */
	return fr_sum(0, ip + 8, 32) + (l4len >> 16) + (l4len & 0xffff) + proto;
}

int fr_l4_csum_ok(const u8 *ip, u8 proto, const u8 *l4, u32 l4len)
{
	return fr_fold(fr_pseudo(ip, proto, l4len) + fr_sum(0, l4, l4len)) ==
	       0xffff;
}

void fr_init(struct frame *f)
{
	memset(f, 0, sizeof(*f));
	f->last_ip = -1;
}

static u8 *fr_push(struct frame *f, u8 kind, u16 n)
{
	struct fr_layer *l;
	u8 *p;

	assert(f->len + n <= FR_MAX && f->n < FR_LAYERS);
	l = &f->l[f->n++];
	l->kind = kind;
	l->off = f->len;
	l->ip = f->last_ip;
	if (kind == FR_IPV4 || kind == FR_IPV6)
		f->last_ip = f->n - 1;
	p = f->b + f->len;
	memset(p, 0, n);
	f->len += n;
	return p;
}

static u16 fr_last_off(const struct frame *f)
{
	return f->l[f->n - 1].off;
}

u16 fr_bytes(struct frame *f, const void *data, u16 n)
{
	memcpy(fr_push(f, FR_RAW, n), data, n);
	return fr_last_off(f);
}

u16 fr_payload(struct frame *f, u16 n, u8 seed)
{
	u8 *p = fr_push(f, FR_RAW, n);
	u16 i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
	return fr_last_off(f);
}

u16 fr_eth_mac(struct frame *f, const u8 *dst, const u8 *src, u16 type)
{
	u8 *p = fr_push(f, FR_ETH, 14);

	memcpy(p, dst, 6);
	memcpy(p + 6, src, 6);
	fr_put16(p + 12, type);
	return fr_last_off(f);
}

u16 fr_eth(struct frame *f, u16 type)
{
	return fr_eth_mac(f, fr_mac_dst, fr_mac_src, type);
}

u16 fr_vlan(struct frame *f, u16 tci, u16 type)
{
	u8 *p = fr_push(f, FR_VLAN, 4);

	fr_put16(p, tci);
	fr_put16(p + 2, type);
	return fr_last_off(f);
}

u16 fr_ipv4_opts(struct frame *f, u8 proto, u32 saddr, u32 daddr, u8 optlen)
{
	u8 *p;

	assert(optlen % 4 == 0 && optlen <= 40);
	p = fr_push(f, FR_IPV4, 20 + optlen);
	p[0] = 0x40 | (5 + optlen / 4);
	fr_put16(p + 4, 1);		/* id */
	p[8] = 64;			/* ttl */
	p[9] = proto;
	fr_put32(p + 12, saddr);
	fr_put32(p + 16, daddr);
	/* RFC 791 options: No Operation, then End of Option List. */
	if (optlen) {
		memset(p + 20, 1, optlen - 1);
		p[20 + optlen - 1] = 0;
	}
	return fr_last_off(f);
}

u16 fr_ipv4(struct frame *f, u8 proto, u32 saddr, u32 daddr)
{
	return fr_ipv4_opts(f, proto, saddr, daddr, 0);
}

/* 2001:db8::host (RFC 3849 documentation prefix). */
void fr_ip6addr(u8 a[16], u16 host)
{
	memset(a, 0, 16);
	a[0] = 0x20;
	a[1] = 0x01;
	a[2] = 0x0d;
	a[3] = 0xb8;
	fr_put16(a + 14, host);
}

const u8 fr_tun_dmac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
const u8 fr_tun_smac[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01 };
const u8 fr_tun_local4[4] = { 198, 51, 100, 1 };
const u8 fr_tun_remote4[4] = { 203, 0, 113, 1 };

void fr_tunnel_cfg(struct mcnic_tunnel_cfg *c, u8 type)
{
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->ttl = 64;
	c->dscp = 10;
	memcpy(c->dmac, fr_tun_dmac, 6);
	memcpy(c->smac, fr_tun_smac, 6);
	memcpy(c->saddr, fr_tun_local4, 4);
	memcpy(c->daddr, fr_tun_remote4, 4);
	c->vni = 5001;
	c->dport = type == MCNIC_TUN_GENEVE ? MCNIC_PORT_GENEVE : MCNIC_PORT_VXLAN;
	c->sport_min = 49152;
	c->sport_max = 65535;
	c->mtu = 1500;
}

u16 fr_ipv6(struct frame *f, u8 nexthdr, u16 src_host, u16 dst_host)
{
	u8 *p = fr_push(f, FR_IPV6, 40);

	fr_put32(p, 0x60000000);
	p[6] = nexthdr;
	p[7] = 64;
	fr_ip6addr(p + 8, src_host);
	fr_ip6addr(p + 24, dst_host);
	return fr_last_off(f);
}

/*
 * Hop-by-hop, destination options (one PadN option filling the header,
 * RFC 8200 §4.2) or routing (type 253, RFC 4727 experimental, segments
 * left 0, so a receiver skips it).
 */
u16 fr_ipv6_ext(struct frame *f, u8 type, u8 nexthdr, u8 hdrlen)
{
	u16 n = (hdrlen + 1) * 8;
	u8 *p = fr_push(f, FR_EXT, n);

	p[0] = nexthdr;
	p[1] = hdrlen;
	if (type == MCNIC_IPPROTO_ROUTING) {
		p[2] = 253;
		p[3] = 0;
	} else {
		p[2] = 1;
		p[3] = n - 4;
	}
	return fr_last_off(f);
}

u16 fr_ipv6_frag(struct frame *f, u8 nexthdr, u16 offset8, int more, u32 id)
{
	u8 *p = fr_push(f, FR_EXT, 8);

	p[0] = nexthdr;
	fr_put16(p + 2, (u16)(offset8 << 3 | (more ? 1 : 0)));
	fr_put32(p + 4, id);
	return fr_last_off(f);
}

u16 fr_udp(struct frame *f, u16 sport, u16 dport)
{
	u8 *p = fr_push(f, FR_UDP, 8);

	fr_put16(p, sport);
	fr_put16(p + 2, dport);
	return fr_last_off(f);
}

u16 fr_udp_nocsum(struct frame *f, u16 sport, u16 dport)
{
	u16 off = fr_udp(f, sport, dport);

	f->l[f->n - 1].nocsum = 1;
	return off;
}

u16 fr_tcp(struct frame *f, u16 sport, u16 dport, u8 flags, u8 optlen)
{
	u8 *p;

	assert(optlen % 4 == 0 && optlen <= 40);
	p = fr_push(f, FR_TCP, 20 + optlen);
	fr_put16(p, sport);
	fr_put16(p + 2, dport);
	fr_put32(p + 4, 1000);		/* seq */
	p[12] = (u8)((5 + optlen / 4) << 4);
	p[13] = flags;
	fr_put16(p + 14, 65535);	/* window */
	memset(p + 20, 1, optlen);	/* NOP options */
	return fr_last_off(f);
}

u16 fr_icmp(struct frame *f, u8 type, u8 code, u16 id, u16 seq)
{
	u8 *p = fr_push(f, FR_ICMP, 8);

	p[0] = type;
	p[1] = code;
	fr_put16(p + 4, id);
	fr_put16(p + 6, seq);
	return fr_last_off(f);
}

u16 fr_vxlan(struct frame *f, u8 flags, u8 gbp_flags, u16 group, u32 vni)
{
	u8 *p = fr_push(f, FR_TUN, 8);

	p[0] = flags;
	p[1] = gbp_flags;
	fr_put16(p + 2, group);
	fr_put32(p + 4, vni << 8);
	return fr_last_off(f);
}

u16 fr_geneve(struct frame *f, u8 flags, u16 proto, u32 vni,
	      const u8 *opts, u8 optlen)
{
	u8 *p;

	assert(optlen % 4 == 0 && optlen <= 252);
	p = fr_push(f, FR_TUN, 8 + optlen);
	p[0] = optlen / 4;		/* version 0 */
	p[1] = flags;
	fr_put16(p + 2, proto);
	fr_put32(p + 4, vni << 8);
	if (optlen)
		memcpy(p + 8, opts, optlen);
	return fr_last_off(f);
}

u16 fr_gre(struct frame *f, u16 flags, u16 proto, u32 key, u32 seq)
{
	u16 n = 4;
	u8 *p, *o;

	n += flags & MCNIC_GRE_F_C ? 4 : 0;
	n += flags & MCNIC_GRE_F_K ? 4 : 0;
	n += flags & MCNIC_GRE_F_S ? 4 : 0;
	p = fr_push(f, FR_GRE, n);
	fr_put16(p, flags);
	fr_put16(p + 2, proto);
	o = p + 4;
	if (flags & MCNIC_GRE_F_C)
		o += 4;			/* checksum and reserved1, later */
	if (flags & MCNIC_GRE_F_K) {
		fr_put32(o, key);
		o += 4;
	}
	if (flags & MCNIC_GRE_F_S)
		fr_put32(o, seq);
	return fr_last_off(f);
}

u16 fr_esp(struct frame *f, u32 spi, u32 seq)
{
	u8 *p = fr_push(f, FR_TUN, 8);

	fr_put32(p, spi);
	fr_put32(p + 4, seq);
	return fr_last_off(f);
}

static void fr_fix_l4(struct frame *f, const struct fr_layer *l, u8 proto,
		      u16 csum_at)
{
	u8 *p = f->b + l->off;
	u32 n = f->len - l->off;
	u64 sum = fr_sum(0, p, n);
	u16 c;

	if (l->ip >= 0 && proto != MCNIC_IPPROTO_ICMP)
		sum += fr_pseudo(f->b + f->l[l->ip].off, proto, n);
	c = (u16)~fr_fold(sum);
	/* RFC 768: a computed zero is sent as all ones (harmless for TCP). */
	if (proto == MCNIC_IPPROTO_UDP && !c)
		c = 0xffff;
	fr_put16(p + csum_at, c);
}

static int fr_ip_is_v6(const struct frame *f, const struct fr_layer *l)
{
	return l->ip >= 0 && f->l[l->ip].kind == FR_IPV6;
}

static void fr_fix(struct frame *f, const struct fr_layer *l)
{
	u8 *p = f->b + l->off;
	u16 n = f->len - l->off;

	switch (l->kind) {
	case FR_IPV4:
		fr_put16(p + 2, n);
		fr_put16(p + 10, 0);
		fr_put16(p + 10, (u16)~fr_fold(fr_sum(0, p, (p[0] & 0xf) * 4)));
		break;
	case FR_IPV6:
		fr_put16(p + 4, n - 40);
		break;
	case FR_UDP:
		fr_put16(p + 4, n);
		fr_put16(p + 6, 0);
		if (!l->nocsum)
			fr_fix_l4(f, l, MCNIC_IPPROTO_UDP, 6);
		break;
	case FR_TCP:
		fr_put16(p + 16, 0);
		fr_fix_l4(f, l, MCNIC_IPPROTO_TCP, 16);
		break;
	case FR_ICMP:
		fr_put16(p + 2, 0);
		fr_fix_l4(f, l, fr_ip_is_v6(f, l) ? MCNIC_IPPROTO_ICMPV6 :
			  MCNIC_IPPROTO_ICMP, 2);
		break;
	case FR_GRE:
		/* RFC 2784 §2.5: over the GRE header and the payload. */
		if (fr_get16(p) & MCNIC_GRE_F_C) {
			fr_put16(p + 4, 0);
			fr_put16(p + 4, (u16)~fr_fold(fr_sum(0, p, n)));
		}
		break;
	default:
		break;
	}
}

void fr_finish(struct frame *f)
{
	int i;

	for (i = f->n - 1; i >= 0; i--)
		fr_fix(f, &f->l[i]);
}

/* Bytes after every datagram, as Ethernet padding (not zero on purpose). */
void fr_trail(struct frame *f, u16 n)
{
	assert(f->len + n <= FR_MAX);
	memset(f->b + f->len, 0xa5, n);
	f->len += n;
}

void fr_to_pkt(const struct frame *f, u8 *buf, u16 size, u16 head,
	       struct mcnic_pkt *p)
{
	assert(head + f->len <= size);
	memset(buf, 0x5a, size);
	memcpy(buf + head, f->b, f->len);
	p->buf = buf;
	p->size = size;
	p->head = head;
	p->len = f->len;
}
