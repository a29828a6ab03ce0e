/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Packet generator for the HDL tests: a byte-level frame builder (headers
 * appended one after the other, lengths filled in at the end) and a random
 * frame maker on top of it that produces valid, truncated and malformed
 * frames of every kind the parser knows: Ethernet with VLAN tags, IPv4
 * (options, fragments), IPv6 (extension headers), UDP, TCP, ICMP, and
 * VXLAN, GENEVE, GRE and ESP tunnels with their inner frames, up to jumbo
 * size.  Reproducible: all randomness comes from a seeded pg_rng.
 *
 * It knows nothing of the firmware: a test asks mcnic_parse() what a frame
 * means.  Checksums are not filled in (the parser does not check them).
 */
#ifndef MCNIC_TEST_PKTGEN_H
#define MCNIC_TEST_PKTGEN_H

#include <mcnic/types.h>
#include <mcnic/meta.h>

#define PG_MAX		9600	/* MCNIC_HW_FRAME_MAX */
#define PG_FIX_MAX	16

struct pg_rng {
	u64 s;
};

void pg_seed(struct pg_rng *r, u64 seed);
u64 pg_rand64(struct pg_rng *r);
u32 pg_rand(struct pg_rng *r);
/* Uniform in [0, n); n > 0. */
u32 pg_below(struct pg_rng *r, u32 n);
/* True with probability pct/100. */
int pg_pct(struct pg_rng *r, u32 pct);
void pg_fill(struct pg_rng *r, u8 *p, u32 n);

struct pg_frame {
	u8 b[PG_MAX];
	u16 len;
	u16 hdr_end;		/* end of the last header appended */
	u8 full;		/* an append did not fit: the frame is cut */
	u8 nfix;
	struct {
		u8 kind;
		u16 off;	/* the header whose length field to fill */
	} fix[PG_FIX_MAX];
	struct pg_rng *rng;	/* filler bytes (addresses, ids); NULL: zero */
};

/* Builder: each append returns the header's offset. */
void pg_init(struct pg_frame *f, struct pg_rng *rng);
u16 pg_bytes(struct pg_frame *f, const void *data, u16 n);
u16 pg_eth(struct pg_frame *f, u16 type);
u16 pg_vlan(struct pg_frame *f, u16 tci, u16 type);
/* ihl in words (5..15); frag = the frag_off field (DF, MF, offset). */
u16 pg_ipv4(struct pg_frame *f, u8 proto, u8 ihl, u16 frag);
u16 pg_ipv6(struct pg_frame *f, u8 nexthdr);
/* Hop-by-hop, routing (byte 3 = segleft) or destination options. */
u16 pg_ipv6_opt(struct pg_frame *f, u8 type, u8 nexthdr, u8 hdrlen, u8 segleft);
/* fo = offset << 3 | M */
u16 pg_ipv6_frag(struct pg_frame *f, u8 nexthdr, u16 fo);
u16 pg_udp(struct pg_frame *f, u16 sport, u16 dport);
/* doff in words (5..15) */
u16 pg_tcp(struct pg_frame *f, u16 sport, u16 dport, u8 doff, u8 flags);
u16 pg_icmp(struct pg_frame *f, u8 type, u8 code, u16 id);
u16 pg_vxlan(struct pg_frame *f, u8 flags, u8 gbp_flags, u16 group, u32 vni);
/* ver_optlen as on the wire: version << 6 | option words. */
u16 pg_geneve(struct pg_frame *f, u8 ver_optlen, u8 flags, u16 proto,
	      u32 vni, const u8 *opts, u16 optlen);
/* One GENEVE option TLV into buf: 4 + 4 * (len & 31) bytes; returns them. */
u16 pg_geneve_opt(struct pg_rng *r, u8 *buf, u16 cls, u8 type, u8 len);
u16 pg_gre(struct pg_frame *f, u16 flags_ver, u16 proto, u32 key, u32 seq);
u16 pg_esp(struct pg_frame *f, u32 spi, u32 seq);
u16 pg_payload(struct pg_frame *f, u16 n);
/* IPv4 total length, IPv6 payload length, UDP length: up to the end now. */
void pg_finish(struct pg_frame *f);
/* Ethernet padding after the datagram (not counted by pg_finish). */
void pg_pad(struct pg_frame *f, u16 n);

/* What the random maker may do. */
struct pg_knobs {
	u8 trunc_pct;		/* cut the frame at a random offset */
	u8 corrupt_pct;		/* overwrite random header bytes */
	u8 badlen_pct;		/* a wrong length field */
	u8 long_pct;		/* payloads past the header window */
	u8 jumbo_pct;		/* of those, up to PG_MAX */
	u8 deep_pct;		/* big headers: reach past 256 bytes */
	u8 tunnel_pct;		/* outer frames that are tunnels */
};

void pg_knobs_default(struct pg_knobs *k);

/* Kinds of frame the maker built (for statistics). */
enum pg_kind {
	PG_K_NONIP, PG_K_IP4, PG_K_IP6, PG_K_VXLAN, PG_K_GENEVE, PG_K_GRE,
	PG_K_ESP, PG_K_ESPUDP, PG_K_COUNT
};

/*
 * A random frame, tunnels on the ports cfg names.  Returns its enum
 * pg_kind.  f->hdr_end is where its headers end as built (mutations
 * aside); f->len >= 1.
 */
int pg_random(struct pg_rng *r, const struct pg_knobs *k,
	      const struct mcnic_parse_cfg *cfg, struct pg_frame *f);

/* A random parser configuration: ports (some 0, some shared), GBP. */
void pg_random_cfg(struct pg_rng *r, struct mcnic_parse_cfg *cfg);

#endif /* MCNIC_TEST_PKTGEN_H */
