/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Shared pieces of the libFuzzer targets: the input prefix that selects a
 * parse configuration, an independent reading of the wire formats that the
 * parser's metadata is checked against, and reference checksums.
 *
 * Nothing here calls the data plane to decide what is right: every expected
 * value is taken from the packet bytes and the RFCs, so a check that fails
 * points at the data plane (or at this file's reading of the contract).
 */
#ifndef MCNIC_FUZZ_COMMON_H
#define MCNIC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <mcnic/wire.h>
#include "dp/dp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Inputs of fuzz_parse and fuzz_decap start with this many bytes of
 * configuration; the frame follows.  Byte 0 holds FUZZ_PF_* flags, bytes
 * 2-3 and 4-5 two extra VXLAN ports, bytes 6-7 a GENEVE port (0: 6081),
 * all big endian.
 */
#define FUZZ_PREFIX_LEN		8
#define FUZZ_PF_GBP		0x01	/* vxlan_gbp on */
#define FUZZ_PF_NO_GENEVE	0x02	/* geneve_port = 0 */
#define FUZZ_PF_NO_ESPINUDP	0x04	/* espinudp_port = 0 */
#define FUZZ_PF_UDP6_ZERO_OK	0x08	/* decap: accept zero UDP6 checksums */
#define FUZZ_PF_FIXUP		0x10	/* decap: repair outer checksums first */
#define FUZZ_PF_NO_VXLAN	0x20	/* vxlan_port[0] = 0 (not 4789) */
#define FUZZ_PF_VXLAN_8472	0x40	/* vxlan_port[3] = 8472 (Linux default) */

/* Frames handed to the data plane never exceed this (u16 lengths + headroom). */
#define FUZZ_FRAME_MAX		(0xffff - MCNIC_HEADROOM)

void fuzz_fail(const char *what, const char *file, int line)
	__attribute__((noreturn));

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond))						\
			fuzz_fail(#cond, __FILE__, __LINE__);		\
	} while (0)

void fuzz_parse_cfg_from(const u8 *prefix, struct mcnic_parse_cfg *cfg);

/* Checks a parse result (r, *m) of pkt[0, len) against the bytes. */
void fuzz_check_parse(const u8 *pkt, u16 len, const struct mcnic_parse_cfg *cfg,
		      enum mcnic_drop r, const struct mcnic_pkt_meta *m);

/* Checks two layers describe the same headers, b's offsets shifted by -delta. */
void fuzz_check_same_layer(const struct mcnic_layer *a,
			   const struct mcnic_layer *b, u16 delta);

/* Reference RFC 1071 sum: big-endian 16-bit words, odd byte zero padded. */
u64 fuzz_sum(u64 sum, const u8 *p, size_t len);
u16 fuzz_fold(u64 sum);
/* Reference CRC32C, bit by bit (pre/post inverted like mcnic_crc32c). */
u32 fuzz_crc32c(u32 crc, const u8 *p, size_t len);

/* Sum of the UDP pseudo-header for the IP header at ip (v4 or v6). */
u64 fuzz_pseudo_sum(const u8 *ip, int v6, u8 proto, u32 l4len);

/*
 * Recomputes the outer IPv4 header checksum, the outer UDP checksum (when
 * not zero, or always over IPv6) and the GRE checksum of a parsed tunnel
 * packet, so mutated frames get past the decap checks.
 */
void fuzz_fix_csums(u8 *pkt, const struct mcnic_pkt_meta *m);

/* ICMP echo request/reply (RFC 792) and ICMPv6's (RFC 4443). */
static inline int fuzz_icmp_is_echo(u8 proto, u8 type)
{
	if (proto == MCNIC_IPPROTO_ICMP)
		return type == 8 || type == 0;
	return type == 128 || type == 129;
}

static inline u16 fuzz_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 fuzz_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void fuzz_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

#endif /* MCNIC_FUZZ_COMMON_H */
