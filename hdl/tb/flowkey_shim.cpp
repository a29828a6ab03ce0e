// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// extern "C" shim around mcnic_flow_key_tb: byte images in, key and hashes
// out.  Wide ports are 32-bit words, least significant first: on a
// little-endian host their memory image is the struct's byte image.
#include <cstring>
#include "Vmcnic_flow_key_tb.h"
#include "verilated.h"
#include "flowkey_shim.h"

static VerilatedContext *ctx;
static Vmcnic_flow_key_tb *top;

int mcnic_hdl_fk_open(void)
{
	ctx = new VerilatedContext;
	top = new Vmcnic_flow_key_tb(ctx);
	return 0;
}

template <typename W>
static void put(W &w, const void *p, size_t n)
{
	static_assert(sizeof(w) % 4 == 0, "wide port");
	std::memset(w.data(), 0, sizeof(w));
	std::memcpy(w.data(), p, n);
}

void mcnic_hdl_fk_eval(const struct mcnic_hdl_fk_in *in,
		       struct mcnic_hdl_fk_out *out)
{
	static_assert(sizeof(top->key) == MCNIC_HDL_FK_KEY_BYTES, "key");
	static_assert(sizeof(top->l) >= MCNIC_HDL_FK_LAYER_BYTES, "layer");
	put(top->l, in->layer, MCNIC_HDL_FK_LAYER_BYTES);
	put(top->eth_addrs, in->eth_addrs, sizeof(in->eth_addrs));
	put(top->hkey, in->hkey, MCNIC_HDL_FK_KEY_BYTES);
	top->port = in->port;
	top->zone = in->zone;
	top->kind_in = in->kind;
	top->seed = in->seed;
	top->eval();
	std::memcpy(out->key, top->key.data(), MCNIC_HDL_FK_KEY_BYTES);
	out->flow_hash = top->flow_hash;
	out->key_hash = top->key_hash;
}

void mcnic_hdl_fk_close(void)
{
	top->final();
	delete top;
	delete ctx;
}
