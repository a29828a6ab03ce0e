/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Fixed-width and byte-order types for the mcnic contract.
 *
 * Every part of mcnic (firmware, driver, host library, simulator) includes
 * these headers, so they must build in the kernel, in Linux user space and
 * freestanding on the NIC cores.  On Linux we take __be16/__be32 from
 * <linux/types.h> so sparse (__CHECKER__) sees the same bitwise types the
 * kernel uses; freestanding we declare them the same way.
 */
#ifndef MCNIC_TYPES_H
#define MCNIC_TYPES_H

#if defined(__KERNEL__)
#include <linux/types.h>
#elif defined(__linux__)
#include <stdint.h>
#include <stddef.h>
#include <linux/types.h>
#else
#include <stdint.h>
#include <stddef.h>
#ifdef __CHECKER__
#define __bitwise __attribute__((bitwise))
#else
#define __bitwise
#endif
typedef uint16_t __bitwise __be16;
typedef uint32_t __bitwise __be32;
typedef uint64_t __bitwise __be64;
typedef uint16_t __bitwise __sum16;
#endif

#ifndef __KERNEL__
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#endif

#ifdef __CHECKER__
#define __mcnic_force __attribute__((force))
#else
#define __mcnic_force
#endif

#define __mcnic_packed __attribute__((packed))

/*
 * Compile-time layout checks: the HDL generator relies on these offsets.
 * The C++ spelling is for the Verilator shims, which include the contract.
 */
#ifdef __cplusplus
#define MCNIC_STATIC_ASSERT static_assert
#else
#define MCNIC_STATIC_ASSERT _Static_assert
#endif
#define MCNIC_ASSERT_SIZE(type, size) \
	MCNIC_STATIC_ASSERT(sizeof(type) == (size), #type " must be " #size " bytes")
#define MCNIC_ASSERT_OFF(type, field, off) \
	MCNIC_STATIC_ASSERT(__builtin_offsetof(type, field) == (off), \
			    #type "." #field " must be at " #off)

/* Control-path errors are negative errno values with Linux's numbers. */
#define MCNIC_ENOENT	2
#define MCNIC_E2BIG	7
#define MCNIC_EAGAIN	11
#define MCNIC_ENOMEM	12
#define MCNIC_EBUSY	16
#define MCNIC_EEXIST	17
#define MCNIC_EINVAL	22
#define MCNIC_ENOSPC	28
#define MCNIC_ERANGE	34

#endif /* MCNIC_TYPES_H */
