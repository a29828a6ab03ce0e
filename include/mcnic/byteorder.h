/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Byte-order conversion for contract types.  Both NIC cores (RISC-V) and the
 * hosts we build for are little endian; the big-endian branch keeps the code
 * honest for the checker and for any future core.
 */
#ifndef MCNIC_BYTEORDER_H
#define MCNIC_BYTEORDER_H

#include "types.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __mcnic_sw16(x) __builtin_bswap16(x)
#define __mcnic_sw32(x) __builtin_bswap32(x)
#else
#define __mcnic_sw16(x) (x)
#define __mcnic_sw32(x) (x)
#endif

static inline __be16 mcnic_htons(u16 x)
{
	return (__mcnic_force __be16)__mcnic_sw16(x);
}

static inline u16 mcnic_ntohs(__be16 x)
{
	return __mcnic_sw16((__mcnic_force u16)x);
}

static inline __be32 mcnic_htonl(u32 x)
{
	return (__mcnic_force __be32)__mcnic_sw32(x);
}

static inline u32 mcnic_ntohl(__be32 x)
{
	return __mcnic_sw32((__mcnic_force u32)x);
}

/* Checksums are their own type so a forgotten swap is a checker error. */
static inline __sum16 mcnic_htoncsum(u16 x)
{
	return (__mcnic_force __sum16)__mcnic_sw16(x);
}

static inline u16 mcnic_ntohcsum(__sum16 x)
{
	return __mcnic_sw16((__mcnic_force u16)x);
}

#endif /* MCNIC_BYTEORDER_H */
