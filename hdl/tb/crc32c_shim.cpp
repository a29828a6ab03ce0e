// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" shim around the mcnic_crc32c model: bytes in, CRC out.
#include <cstring>
#include "Vmcnic_crc32c.h"
#include "verilated.h"
#include "crc32c_shim.h"

static VerilatedContext *ctx;
static Vmcnic_crc32c *top;

int mcnic_hdl_crc32c_open(void)
{
	ctx = new VerilatedContext;
	top = new Vmcnic_crc32c(ctx);
	return 0;
}

u32 mcnic_hdl_crc32c(u32 crc, const u8 data[MCNIC_HDL_CRC32C_BYTES])
{
	// The wide port is 32-bit words, least significant first: on a
	// little-endian host its memory image is the byte string.
	static_assert(sizeof(top->data) == MCNIC_HDL_CRC32C_BYTES, "width");
	std::memcpy(top->data.data(), data, MCNIC_HDL_CRC32C_BYTES);
	top->crc_in = crc;
	top->eval();
	return top->crc_out;
}

void mcnic_hdl_crc32c_close(void)
{
	top->final();
	delete top;
	delete ctx;
}
