/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The CRC32C register update (no pre/post inversion), inline: the flow
 * hash and the flow-cache key hash have fixed lengths, which unroll into a
 * few crc32 instructions on x86 (SSE4.2); elsewhere a table walk
 * (firmware/dp/hash.c), with the same value.
 */
#ifndef MCNIC_DP_CRC32C_H
#define MCNIC_DP_CRC32C_H

#include <mcnic/types.h>

#if defined(__x86_64__) && defined(__SSE4_2__)
#include <nmmintrin.h>
#define MCNIC_CRC32C_HW 1
#else
/* CRC32C, reflected polynomial 0x82f63b78, one byte at a time. */
extern const u32 mcnic_crc32c_table[256];
#endif

static inline u32 mcnic_crc32c_update(u32 crc, const u8 *p, u32 len)
{
#ifdef MCNIC_CRC32C_HW
	u64 c = crc, w;

	/* Unrolled: the flow hash and the key hash have fixed lengths. */
#pragma GCC unroll 8
	for (; len >= 8; len -= 8, p += 8) {
		__builtin_memcpy(&w, p, 8);
		c = _mm_crc32_u64(c, w);
	}
	crc = (u32)c;
	/* Flow-cache keys are 44 bytes: their tail is one 4-byte step. */
	if (len >= 4) {
		u32 w4;

		__builtin_memcpy(&w4, p, 4);
		crc = _mm_crc32_u32(crc, w4);
		len -= 4;
		p += 4;
	}
	for (; len; len--, p++)
		crc = _mm_crc32_u8(crc, *p);
#else
	for (; len; len--, p++)
		crc = (crc >> 8) ^ mcnic_crc32c_table[(crc ^ *p) & 0xff];
#endif
	return crc;
}

#endif /* MCNIC_DP_CRC32C_H */
