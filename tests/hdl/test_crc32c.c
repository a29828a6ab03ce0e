// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL CRC32C against the firmware's: random 44-byte strings (flow-cache
 * keys) from random running values, plus all-zero and all-one strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp/dp.h"
#include "crc32c_shim.h"

static int check(u32 crc, const u8 *d, unsigned int *fail)
{
	u32 want = mcnic_crc32c(crc, d, MCNIC_HDL_CRC32C_BYTES);
	u32 got = mcnic_hdl_crc32c(crc, d);

	if (want == got)
		return 1;
	if ((*fail)++ < 5)
		printf("crc %08x: firmware %08x, hdl %08x\n", crc, want, got);
	return 0;
}

int main(void)
{
	u8 d[MCNIC_HDL_CRC32C_BYTES];
	unsigned int i, j, ok = 0, fail = 0, n = 20000;

	mcnic_hdl_crc32c_open();
	memset(d, 0, sizeof(d));
	ok += check(0, d, &fail);
	memset(d, 0xff, sizeof(d));
	ok += check(0xffffffff, d, &fail);
	srand(1);
	for (i = 0; i < n; i++) {
		for (j = 0; j < sizeof(d); j++)
			d[j] = rand();
		ok += check((u32)rand() << 1 ^ rand(), d, &fail);
	}
	mcnic_hdl_crc32c_close();
	printf("%s: %u of %u strings agree\n", fail ? "FAIL" : "ok", ok, n + 2);
	printf("%d passed, %d failed\n", !fail, !!fail);
	return fail ? 1 : 0;
}
