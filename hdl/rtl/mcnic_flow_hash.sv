// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The flow hash (ECMP, RSS, UDP entropy) of a parsed layer: CRC32C over
// struct mcnic_hash_tuple, bit for bit firmware/dp/hash.c mcnic_flow_hash().
//   IP (l3 != NONE): addresses, ports in wire order (zero for a fragment:
//     every fragment of a datagram must take the same path; the ports are
//     taken as the parser left them, L4 or not, as the firmware does),
//     proto, l3, zero pad.
//   non-IP: zero, then, when the layer has an Ethernet header (l2_off !=
//     MCNIC_OFF_NONE), the Ethernet source in saddr, destination in daddr
//     and the ethertype (after VLAN tags) in sport, in wire order.
// The Ethernet addresses are an input, eth_addrs: the 12 bytes at l2_off
// (byte 0 = destination byte 0 in bits [7:0]); the caller has the frame.
// Combinational: the tuple muxes and one 40-byte CRC XOR tree (mcnic_crc32c);
// the pipeline registers around it.
`default_nettype none

module mcnic_flow_hash
  import mcnic_pkg::*;
(
  // The whole parsed layer; the key (hash) reads only some fields.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire mcnic_layer_t l,
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [95:0]  eth_addrs,   // dst[0..5], src[0..5]
  output logic      [31:0]  hash
);
  mcnic_hash_tuple_t t;
  logic frag;

  assign frag = (l.flags & 16'(MCNIC_LF_FRAG)) != 16'd0;

  always_comb begin
    t = '0;
    if (l.l3 != 8'(MCNIC_L3_NONE)) begin
      t.saddr = l.saddr;
      t.daddr = l.daddr;
      if (!frag) begin
        // __be16: byte 0 (the low element) is the high byte.
        t.sport = {l.sport[7:0], l.sport[15:8]};
        t.dport = {l.dport[7:0], l.dport[15:8]};
      end
      t.proto = l.proto;
      t.l3    = l.l3;
    end else if (l.l2_off != 16'(MCNIC_OFF_NONE)) begin
      t.daddr[5:0] = eth_addrs[47:0];
      t.saddr[5:0] = eth_addrs[95:48];
      t.sport      = {l.ethertype[7:0], l.ethertype[15:8]};
    end
  end

  // mcnic_flow_hash() = ~crc(~0, tuple) = mcnic_crc32c(0, tuple, 40).
  mcnic_crc32c #(.N_BYTES(mcnic_hash_tuple_BYTES)) u_crc (
    .crc_in (32'd0),
    .data   (t),
    .crc_out(hash)
  );
endmodule

`default_nettype wire
