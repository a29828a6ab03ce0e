// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The flow-cache hash of a key: CRC32C of the 44-byte key from the table's
// seed (MCNIC_HW_REG_FT_SEED), bit for bit firmware/dp/flow_cache.c
// mcnic_flow_cache_hash() = mcnic_crc32c(seed, key, 44).  Its value picks
// the key's two candidate buckets (mcnic_hw_ft_bucket).  Combinational: one
// 44-byte CRC XOR tree; the pipeline registers around it.
`default_nettype none

module mcnic_key_hash
  import mcnic_pkg::*;
(
  input  wire logic [31:0]     seed,
  input  wire mcnic_flow_key_t key,
  output logic      [31:0]     hash
);
  mcnic_crc32c #(.N_BYTES(mcnic_flow_key_BYTES)) u_crc (
    .crc_in (seed),
    .data   (key),
    .crc_out(hash)
  );
endmodule

`default_nettype wire
