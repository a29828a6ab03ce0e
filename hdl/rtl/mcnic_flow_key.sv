// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The exact-match flow key of a parsed layer, bit for bit the key that
// firmware/dp/pipe_rx.c mcnic_pipe_key() builds: every byte of the key
// starts at zero (padding included: the key is hashed and compared as 44
// bytes), the addresses are copied whatever the L3, a fragment carries the
// FRAG kind bit and no ports (later fragments have none: every fragment of
// a datagram is one flow), a non-fragment carries its ports only when the
// parser found an L4 header, and IPv6 sets the IPV6 kind bit.
// Combinational: a few muxes, no register stage needed.
`default_nettype none

module mcnic_flow_key
  import mcnic_pkg::*;
(
  // The whole parsed layer; the key (hash) reads only some fields.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire mcnic_layer_t    l,
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [15:0]     port,     // receiving port
  input  wire logic [31:0]     zone,     // egress: the vport's VRF; ingress: VNI
  input  wire logic [7:0]      kind_in,  // MCNIC_FK_INGRESS or 0
  output mcnic_flow_key_t      key
);
  logic frag, l4;

  assign frag = (l.flags & 16'(MCNIC_LF_FRAG)) != 16'd0;
  assign l4   = (l.flags & 16'(MCNIC_LF_L4)) != 16'd0;

  always_comb begin
    key       = '0;
    key.saddr = l.saddr;
    key.daddr = l.daddr;
    key.zone  = zone;
    key.port  = port;
    key.proto = l.proto;
    key.kind  = kind_in | (l.l3 == 8'(MCNIC_L3_IPV6) ? 8'(MCNIC_FK_IPV6) : 8'd0)
                        | (frag ? 8'(MCNIC_FK_FRAG) : 8'd0);
    if (!frag && l4) begin
      key.sport = l.sport;
      key.dport = l.dport;
    end
  end
endmodule

`default_nettype wire
