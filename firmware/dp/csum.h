/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Internet checksum (RFC 1071).  Sums are kept as "host value of big-endian
 * 16-bit words" so callers can add header fields they hold in host order.
 * The bulk loop adds the native 32-bit halves of 8-byte loads into 64 bits
 * and swaps once at the end: a one's-complement sum commutes with byte
 * swapping (RFC 1071 §2(B)).
 * Inline, because most sums are over a fixed-size header and unroll.
 */
#ifndef MCNIC_CSUM_H
#define MCNIC_CSUM_H

#include <mcnic/types.h>

static inline u16 mcnic_csum_fold(u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

/* Adds data (any alignment, any length) to sum; the result is unfolded. */
static inline u32 mcnic_csum_add(u32 sum, const void *data, u32 len)
{
	const u8 *p = data;
	u64 s = 0, w64;
	u32 w32;
	u16 w16 = 0, native;

	/* len < 2^32 bytes: s never overflows. */
	for (; len >= 8; len -= 8, p += 8) {
		__builtin_memcpy(&w64, p, 8);
		s += (u32)w64;
		s += w64 >> 32;
	}
	if (len >= 4) {
		__builtin_memcpy(&w32, p, 4);
		s += w32;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		__builtin_memcpy(&w16, p, 2);
		s += w16;
		p += 2;
		len -= 2;
	}
	if (len) {
		w16 = 0;
		__builtin_memcpy(&w16, p, 1);
		s += w16;
	}
	s = (s & 0xffffffff) + (s >> 32);
	s = (s & 0xffffffff) + (s >> 32);
	native = mcnic_csum_fold((u32)s);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	native = __builtin_bswap16(native);
#endif
	return sum + native;
}

#endif /* MCNIC_CSUM_H */
