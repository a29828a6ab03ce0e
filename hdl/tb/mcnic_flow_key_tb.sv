// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// Test top for the key and hash units: mcnic_flow_key, mcnic_flow_hash and
// mcnic_key_hash side by side, each with its own inputs.
`default_nettype none

module mcnic_flow_key_tb
  import mcnic_pkg::*;
(
  input  wire mcnic_layer_t    l,
  input  wire logic [15:0]     port,
  input  wire logic [31:0]     zone,
  input  wire logic [7:0]      kind_in,
  output mcnic_flow_key_t      key,
  input  wire logic [95:0]     eth_addrs,
  output logic      [31:0]     flow_hash,
  input  wire logic [31:0]     seed,
  input  wire mcnic_flow_key_t hkey,
  output logic      [31:0]     key_hash
);
  mcnic_flow_key u_key (.l, .port, .zone, .kind_in, .key);
  mcnic_flow_hash u_fh (.l, .eth_addrs, .hash(flow_hash));
  mcnic_key_hash u_kh (.seed, .key(hkey), .hash(key_hash));
endmodule

`default_nettype wire
