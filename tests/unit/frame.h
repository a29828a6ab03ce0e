/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Frame builder for the unit tests: appends headers to a byte buffer and,
 * at fr_finish(), fills in every length and checksum from the innermost
 * header outwards.  The checksum code here is a deliberately plain,
 * byte-pair RFC 1071 sum, independent of firmware/dp/csum.c, so the tests
 * can use it as an oracle.
 *
 * Each fr_*() returns the offset of the header it appended; a test may
 * poke fields through that offset before fr_finish() (they are then
 * covered by the checksums) or after it (to make a frame malformed).
 */
#ifndef MCNIC_TEST_FRAME_H
#define MCNIC_TEST_FRAME_H

#include <stddef.h>
#include <mcnic/types.h>
#include <mcnic/wire.h>
#include <mcnic/meta.h>
#include "dp/dp.h"

#define FR_MAX		4096
#define FR_LAYERS	24

/* IPv4 address a.b.c.d in host order. */
#define FR_IP4(a, b, c, d) \
	((u32)(a) << 24 | (u32)(b) << 16 | (u32)(c) << 8 | (u32)(d))

/* Addresses the tests use unless they say otherwise. */
#define FR_OUT_SRC	FR_IP4(192, 0, 2, 1)
#define FR_OUT_DST	FR_IP4(192, 0, 2, 2)
#define FR_IN_SRC	FR_IP4(10, 0, 0, 1)
#define FR_IN_DST	FR_IP4(10, 0, 0, 2)

extern const u8 fr_mac_dst[6];
extern const u8 fr_mac_src[6];

struct fr_layer {
	u8 kind;
	u8 nocsum;
	u16 off;
	int ip;			/* index of the enclosing IP layer, or -1 */
};

struct frame {
	u8 b[FR_MAX];
	u16 len;
	u8 n;
	int last_ip;
	struct fr_layer l[FR_LAYERS];
};

void fr_init(struct frame *f);
u16 fr_bytes(struct frame *f, const void *data, u16 n);
u16 fr_payload(struct frame *f, u16 n, u8 seed);
u16 fr_eth(struct frame *f, u16 type);
u16 fr_eth_mac(struct frame *f, const u8 *dst, const u8 *src, u16 type);
u16 fr_vlan(struct frame *f, u16 tci, u16 type);
u16 fr_ipv4(struct frame *f, u8 proto, u32 saddr, u32 daddr);
u16 fr_ipv4_opts(struct frame *f, u8 proto, u32 saddr, u32 daddr, u8 optlen);
void fr_ip6addr(u8 a[16], u16 host);

/* A valid tunnel the encap and template tests vary one field at a time. */
extern const u8 fr_tun_dmac[6], fr_tun_smac[6];
extern const u8 fr_tun_local4[4], fr_tun_remote4[4];
void fr_tunnel_cfg(struct mcnic_tunnel_cfg *c, u8 type);
u16 fr_ipv6(struct frame *f, u8 nexthdr, u16 src_host, u16 dst_host);
u16 fr_ipv6_ext(struct frame *f, u8 type, u8 nexthdr, u8 hdrlen);
u16 fr_ipv6_frag(struct frame *f, u8 nexthdr, u16 offset8, int more, u32 id);
u16 fr_udp(struct frame *f, u16 sport, u16 dport);
u16 fr_udp_nocsum(struct frame *f, u16 sport, u16 dport);
u16 fr_tcp(struct frame *f, u16 sport, u16 dport, u8 flags, u8 optlen);
u16 fr_icmp(struct frame *f, u8 type, u8 code, u16 id, u16 seq);
u16 fr_vxlan(struct frame *f, u8 flags, u8 gbp_flags, u16 group, u32 vni);
u16 fr_geneve(struct frame *f, u8 flags, u16 proto, u32 vni,
	      const u8 *opts, u8 optlen);
u16 fr_gre(struct frame *f, u16 flags, u16 proto, u32 key, u32 seq);
u16 fr_esp(struct frame *f, u32 spi, u32 seq);
void fr_finish(struct frame *f);
void fr_trail(struct frame *f, u16 n);

/* Big-endian field access, independent of the contract's byte order. */
u16 fr_get16(const u8 *p);
u32 fr_get32(const u8 *p);
void fr_put16(u8 *p, u16 v);
void fr_put32(u8 *p, u32 v);

/* RFC 1071, one 16-bit big-endian word at a time. */
u64 fr_sum(u64 sum, const void *data, size_t n);
u16 fr_fold(u64 sum);
/* Does the IPv4 header at ip verify (sum of all words == 0xffff)? */
int fr_ipv4_csum_ok(const u8 *ip);
/* Sum of the pseudo-header of RFC 768 / RFC 8200 §8.1 for the IP at ip. */
u64 fr_pseudo(const u8 *ip, u8 proto, u32 l4len);
/* Does the UDP/TCP/ICMPv6 checksum of l4 (l4len bytes) verify? */
int fr_l4_csum_ok(const u8 *ip, u8 proto, const u8 *l4, u32 l4len);

/* Copies a frame into buf at head, with the rest as headroom/tailroom. */
void fr_to_pkt(const struct frame *f, u8 *buf, u16 size, u16 head,
	       struct mcnic_pkt *p);

#endif /* MCNIC_TEST_FRAME_H */
