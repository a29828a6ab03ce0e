// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * fuzz_parse: mcnic_parse on arbitrary bytes.
 *
 * Input: FUZZ_PREFIX_LEN bytes of parse configuration, then the frame (see
 * fuzz_common.h); shorter inputs are a frame on their own.  The frame is
 * parsed with the default configuration and with the one the prefix
 * describes, each time from an exactly sized heap copy (ASan catches any
 * read past len), and the metadata is checked field by field against the
 * bytes.  Parsed stacks go through mcnic_flow_hash (a fragment must hash
 * without its ports), and the checksum and CRC32C helpers are compared with
 * bit-by-bit references over the input.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

/* Every fragment of a datagram hashes alike: ports do not count. */
static void fuzz_check_hash(const u8 *pkt, const struct mcnic_layer *l)
{
	struct mcnic_layer nop = *l;
	u32 h = mcnic_flow_hash(pkt, l);

	if (l->l3 == MCNIC_L3_NONE || !(l->flags & MCNIC_LF_FRAG))
		return;
	nop.sport = 0;
	nop.dport = 0;
	nop.flags &= ~MCNIC_LF_L4;
	FUZZ_CHECK(mcnic_flow_hash(pkt, &nop) == h);
}

static void fuzz_parse_one(const u8 *frame, u16 len,
			   const struct mcnic_parse_cfg *cfg)
{
	struct mcnic_pkt_meta m, m2;
	enum mcnic_drop r;
	u8 *pkt = malloc(len ? len : 1);

	FUZZ_CHECK(pkt);
	memcpy(pkt, frame, len);
	r = mcnic_parse(pkt, len, cfg, &m);
	fuzz_check_parse(pkt, len, cfg, r, &m);
	/* Same bytes, same answer: no state, no uninitialised fields. */
	memset(&m2, 0xa5, sizeof(m2));
	FUZZ_CHECK(mcnic_parse(pkt, len, cfg, &m2) == r);
	FUZZ_CHECK(!memcmp(&m, &m2, sizeof(m)));
	if (r == MCNIC_DROP_NONE) {
		fuzz_check_hash(pkt, &m.outer);
		if (m.inner.l2_off != MCNIC_OFF_NONE ||
		    m.inner.l3_off != MCNIC_OFF_NONE)
			fuzz_check_hash(pkt, &m.inner);
	}
	FUZZ_CHECK(!memcmp(pkt, frame, len));
	free(pkt);
}

/* mcnic_csum_add and mcnic_crc32c against the references, any alignment. */
static void fuzz_check_sums(const u8 *data, size_t size)
{
	size_t k = (size / 2) & ~(size_t)1;
	u32 s;

	if (size > FUZZ_FRAME_MAX)
		size = FUZZ_FRAME_MAX;
	FUZZ_CHECK(mcnic_csum_fold(mcnic_csum_add(0, data, size)) ==
		   fuzz_fold(fuzz_sum(0, data, size)));
	if (size)
		FUZZ_CHECK(mcnic_csum_fold(mcnic_csum_add(0, data + 1, size - 1)) ==
			   fuzz_fold(fuzz_sum(0, data + 1, size - 1)));
	/* Sums of an even split add up (how callers chain headers). */
	s = mcnic_csum_add(mcnic_csum_add(0, data, k), data + k, size - k);
	FUZZ_CHECK(mcnic_csum_fold(s) == fuzz_fold(fuzz_sum(0, data, size)));
	FUZZ_CHECK(mcnic_crc32c(0, data, size) == fuzz_crc32c(0, data, size));
	FUZZ_CHECK(mcnic_crc32c(mcnic_crc32c(0, data, size / 3), data + size / 3,
				size - size / 3) == fuzz_crc32c(0, data, size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcnic_parse_cfg def, cfg;
	const u8 *frame = data;
	size_t len = size;

	if (size > FUZZ_FRAME_MAX)
		return -1;	/* not a frame this NIC can hold: reject */
	fuzz_check_sums(data, size);
	mcnic_parse_cfg_init(&def);
	if (size < FUZZ_PREFIX_LEN) {
		fuzz_parse_one(data, size, &def);
		return 0;
	}
	frame += FUZZ_PREFIX_LEN;
	len -= FUZZ_PREFIX_LEN;
	fuzz_parse_cfg_from(data, &cfg);
	fuzz_parse_one(frame, len, &def);
	fuzz_parse_one(frame, len, &cfg);
	return 0;
}
