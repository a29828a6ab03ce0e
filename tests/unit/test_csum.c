// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Internet checksum (firmware/dp/csum.c) against RFC 1071's worked example,
 * a published IPv4 header, and a plain byte-pair sum (frame.c) over every
 * length and alignment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"

/* RFC 1071 §3: the example's bytes, their sum 2ddf0 and its fold ddf2. */
static const u8 rfc1071_bytes[8] = {
	0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7,
};

/*
 * An IPv4 header with a known-good checksum 0xb861 (the worked example of
 * en.wikipedia.org/wiki/Internet_checksum): 192.168.0.1 -> 192.168.0.199,
 * UDP, total length 115, DF, TTL 64.
 */
static const u8 ipv4_hdr[20] = {
	0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
	0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
};

static u32 rng_state = 0x12345678;

static u32 rng(void)
{
	/* xorshift32: deterministic test data */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void test_rfc1071_example(void **state)
{
	u32 sum = mcnic_csum_add(0, rfc1071_bytes, sizeof(rfc1071_bytes));

	assert_int_equal(mcnic_csum_fold(sum), 0xddf2);
	assert_int_equal((u16)~mcnic_csum_fold(sum), 0x220d);
}

static void test_rfc1071_unaligned(void **state)
{
	u8 buf[16 + sizeof(rfc1071_bytes)];
	unsigned int off;

	for (off = 0; off < 16; off++) {
		memset(buf, 0xee, sizeof(buf));
		memcpy(buf + off, rfc1071_bytes, sizeof(rfc1071_bytes));
		assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, buf + off, 8)),
				 0xddf2);
	}
}

/* RFC 1071 §4.1: an odd trailing byte is the high byte of a zero-padded word. */
static void test_odd_lengths(void **state)
{
	static const u8 one[1] = { 0x01 };
	static const u8 three[3] = { 0xab, 0xcd, 0xef };
	static const u8 five[5] = { 0x00, 0x01, 0xf2, 0x03, 0xf4 };

	assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, one, 1)), 0x0100);
	/* abcd + ef00 = 19acd -> 9ace */
	assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, three, 3)), 0x9ace);
	/* 0001 + f203 + f400 = 1e604 -> e605 */
	assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, five, 5)), 0xe605);
}

static void test_zero_length(void **state)
{
	static const u8 d[1] = { 0xff };

	assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, d, 0)), 0);
	assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0x1234, d, 0)), 0x1234);
}

/* Every length 0..96 at every alignment 0..7, random bytes. */
static void test_against_reference(void **state)
{
	u8 buf[8 + 96];
	unsigned int len, off, i, round;

	for (round = 0; round < 8; round++) {
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (u8)rng();
		if (round == 1)
			memset(buf, 0xff, sizeof(buf));	/* maximal carries */
		for (off = 0; off < 8; off++)
			for (len = 0; len <= 96; len++)
				assert_int_equal(
					mcnic_csum_fold(mcnic_csum_add(0, buf + off, len)),
					fr_fold(fr_sum(0, buf + off, len)));
	}
}

/* Long buffers: the 64-bit bulk accumulator must carry correctly. */
static void test_long_buffers(void **state)
{
	static const u32 lens[] = { 1500, 9000, 65535, 65536, 1 << 20, (1 << 20) + 3 };
	u8 *buf = malloc((1 << 20) + 8);
	unsigned int i, j;

	assert_non_null(buf);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		memset(buf, 0xff, lens[i] + 1);
		/* n words of ffff are negative zero: the fold stays ffff */
		assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, buf, lens[i] & ~1u)),
				 0xffff);
		for (j = 0; j < lens[i] + 1; j++)
			buf[j] = (u8)rng();
		assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, buf, lens[i])),
				 fr_fold(fr_sum(0, buf, lens[i])));
		assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, buf + 1, lens[i])),
				 fr_fold(fr_sum(0, buf + 1, lens[i])));
	}
	free(buf);
}

/* The running sum passed in is added; even-sized pieces chain. */
static void test_chaining(void **state)
{
	u8 buf[64];
	unsigned int i, split;
	u32 whole;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)rng();
	whole = mcnic_csum_fold(mcnic_csum_add(0, buf, sizeof(buf)));
	for (split = 0; split <= sizeof(buf); split += 2) {
		u32 s = mcnic_csum_add(0, buf, split);

		s = mcnic_csum_add(s, buf + split, sizeof(buf) - split);
		assert_int_equal(mcnic_csum_fold(s), whole);
	}
	assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0xabcd, rfc1071_bytes, 8)),
			 fr_fold(0xabcd + 0x2ddf0));
}

/* End-around carries: each case worked by hand. */
static void test_fold(void **state)
{
	assert_int_equal(mcnic_csum_fold(0), 0);
	assert_int_equal(mcnic_csum_fold(0xffff), 0xffff);
	assert_int_equal(mcnic_csum_fold(0x2ddf0), 0xddf2);	/* 2 + ddf0 */
	assert_int_equal(mcnic_csum_fold(0x10000), 0x0001);
	assert_int_equal(mcnic_csum_fold(0x1ffff), 0x0001);	/* 1 + ffff = 10000 -> 1 */
	assert_int_equal(mcnic_csum_fold(0xffffffff), 0xffff);	/* 1fffe -> ffff */
	assert_int_equal(mcnic_csum_fold(0xfffeffff), 0xfffe);	/* 1fffd -> fffe */
	assert_int_equal(mcnic_csum_fold(0x8000ffff), 0x8000);	/* 17fff -> 8000 */
	assert_int_equal(mcnic_csum_fold(0x0001fffe), 0xffff);
}

static void test_ipv4_header_verifies(void **state)
{
	u8 hdr[sizeof(ipv4_hdr) + 1];
	unsigned int off;

	for (off = 0; off < 2; off++) {
		memcpy(hdr + off, ipv4_hdr, sizeof(ipv4_hdr));
		assert_int_equal(mcnic_csum_fold(mcnic_csum_add(0, hdr + off, 20)),
				 0xffff);
	}
	/* Recomputing it with the field zeroed gives the published b861. */
	memcpy(hdr, ipv4_hdr, sizeof(ipv4_hdr));
	hdr[10] = hdr[11] = 0;
	assert_int_equal((u16)~mcnic_csum_fold(mcnic_csum_add(0, hdr, 20)), 0xb861);
	/* One flipped bit anywhere breaks it. */
	memcpy(hdr, ipv4_hdr, sizeof(ipv4_hdr));
	hdr[8] ^= 0x01;
	assert_int_not_equal(mcnic_csum_fold(mcnic_csum_add(0, hdr, 20)), 0xffff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc1071_example),
		cmocka_unit_test(test_rfc1071_unaligned),
		cmocka_unit_test(test_odd_lengths),
		cmocka_unit_test(test_zero_length),
		cmocka_unit_test(test_against_reference),
		cmocka_unit_test(test_long_buffers),
		cmocka_unit_test(test_chaining),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_ipv4_header_verifies),
	};

	return cmocka_run_group_tests_name("unit/csum", tests, NULL, NULL);
}
