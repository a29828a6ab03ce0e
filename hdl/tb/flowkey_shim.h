/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * C access to hdl/tb/mcnic_flow_key_tb.sv: mcnic_flow_key, mcnic_flow_hash
 * and mcnic_key_hash.  Structs pass as their byte images (the contract's
 * headers are C only): a struct mcnic_layer, mcnic_flow_key.
 */
#ifndef MCNIC_HDL_FLOWKEY_SHIM_H
#define MCNIC_HDL_FLOWKEY_SHIM_H

#include <mcnic/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCNIC_HDL_FK_LAYER_BYTES	58
#define MCNIC_HDL_FK_KEY_BYTES		44

struct mcnic_hdl_fk_in {
	u8 layer[MCNIC_HDL_FK_LAYER_BYTES];
	u16 port;
	u32 zone;
	u8 kind;
	u8 eth_addrs[12];	/* the 12 bytes at l2_off: dst, src */
	u32 seed;
	u8 hkey[MCNIC_HDL_FK_KEY_BYTES];	/* for the key hash */
};

struct mcnic_hdl_fk_out {
	u8 key[MCNIC_HDL_FK_KEY_BYTES];
	u32 flow_hash;
	u32 key_hash;
};

int mcnic_hdl_fk_open(void);
void mcnic_hdl_fk_eval(const struct mcnic_hdl_fk_in *in,
		       struct mcnic_hdl_fk_out *out);
void mcnic_hdl_fk_close(void);

#ifdef __cplusplus
}
#endif

#endif
