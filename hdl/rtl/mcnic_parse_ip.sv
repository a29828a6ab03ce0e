// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// One step of the parser: the IPv4 header or the fixed IPv6 header, as
// firmware/dp/parse.c mcnic_parse_ipv4() and the first half of
// mcnic_parse_ipv6() read them (the extension headers are the following
// mcnic_parse_ext steps).  Combinational; hdr is the 40 bytes at off.
//
// The layer's end is set here to the span's end after the header, which
// is what mcnic_parse_stack() stores whatever follows (extension headers
// and L4 leave the span's end alone).
`default_nettype none

module mcnic_parse_ip
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES
) (
  // The IPv4 identification and checksum are not read.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire logic [39:0][7:0] hdr,   // bytes [off, off + 40) of the frame
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [15:0]      off,
  input  wire logic [15:0]      end_,
  input  wire mcnic_layer_t     l_i,   // ethertype says which header
  output mcnic_layer_t          l_o,
  output logic [15:0]           off_o,   // after the (base) header
  output logic [15:0]           end_o,   // the span's end after it
  output logic                  not_ip,  // neither: the stack ends here
  output logic                  walk,    // IPv6 extension headers follow
  output logic [7:0]            nh,      // IPv6 next header
  output logic [7:0]            err,
  output logic                  deep
);
  localparam logic [16:0] HB = 17'(HDR_BYTES);

  function automatic logic is_ext(input logic [7:0] p);
    return p == 8'(MCNIC_IPPROTO_HOPOPTS) || p == 8'(MCNIC_IPPROTO_ROUTING) ||
           p == 8'(MCNIC_IPPROTO_FRAGMENT) || p == 8'(MCNIC_IPPROTO_DSTOPTS);
  endfunction

  logic [15:0] avail, ihl, tot, frag, plen;
  logic [16:0] off17;

  assign avail = end_ - off;
  assign off17 = {1'b0, off};
  assign ihl   = {10'd0, hdr[0][3:0], 2'b00};
  assign tot   = {hdr[2], hdr[3]};
  assign frag  = {hdr[6], hdr[7]};
  assign plen  = {hdr[4], hdr[5]};

  always_comb begin
    l_o    = l_i;
    off_o  = off;
    end_o  = end_;
    not_ip = 1'b0;
    walk   = 1'b0;
    nh     = 8'd0;
    err    = 8'(MCNIC_DROP_NONE);
    deep   = 1'b0;
    if (l_i.ethertype == 16'(MCNIC_ETH_P_IPV4)) begin
      if (avail < 16'd20)
        err = 8'(MCNIC_DROP_IPV4_TRUNC);
      else if (off17 + 17'd20 > HB)
        deep = 1'b1;
      else if (hdr[0][7:4] != 4'd4)
        err = 8'(MCNIC_DROP_IPV4_VERSION);
      else if (ihl < 16'd20)
        err = 8'(MCNIC_DROP_IPV4_IHL);
      else if (ihl > avail)
        err = 8'(MCNIC_DROP_IPV4_TRUNC);
      else if (tot < ihl || tot > avail)
        err = 8'(MCNIC_DROP_IPV4_LEN);
      else begin
        l_o.l3     = 8'(MCNIC_L3_IPV4);
        l_o.l3_off = off;
        l_o.tos    = hdr[1];
        l_o.ttl    = hdr[8];
        l_o.proto  = hdr[9];
        l_o.saddr[3:0] = hdr[15:12];
        l_o.daddr[3:0] = hdr[19:16];
        if ((frag & 16'(MCNIC_IPV4_DF)) != 16'd0)
          l_o.flags = l_o.flags | 16'(MCNIC_LF_IPV4_DF);
        if ((frag & 16'(MCNIC_IPV4_MF | MCNIC_IPV4_OFF_MASK)) != 16'd0)
          l_o.flags = l_o.flags | 16'(MCNIC_LF_FRAG);
        if ((frag & 16'(MCNIC_IPV4_OFF_MASK)) != 16'd0)
          l_o.flags = l_o.flags | 16'(MCNIC_LF_FRAG_LATER);
        if (ihl > 16'd20)
          l_o.flags = l_o.flags | 16'(MCNIC_LF_IPV4_OPTS);
        // Ethernet padding after the datagram is not part of it.
        end_o = off + tot;
        off_o = off + ihl;
      end
    end else if (l_i.ethertype == 16'(MCNIC_ETH_P_IPV6)) begin
      if (avail < 16'd40)
        err = 8'(MCNIC_DROP_IPV6_TRUNC);
      else if (off17 + 17'd40 > HB)
        deep = 1'b1;
      else if (hdr[0][7:4] != 4'd6)
        err = 8'(MCNIC_DROP_IPV6_VERSION);
      else if (plen > avail - 16'd40)
        err = 8'(MCNIC_DROP_IPV6_LEN);
      else begin
        l_o.l3     = 8'(MCNIC_L3_IPV6);
        l_o.l3_off = off;
        l_o.tos    = {hdr[0][3:0], hdr[1][7:4]};
        l_o.ttl    = hdr[7];
        l_o.proto  = hdr[6];
        l_o.saddr  = hdr[23:8];
        l_o.daddr  = hdr[39:24];
        end_o = off + 16'd40 + plen;
        off_o = off + 16'd40;
        nh    = hdr[6];
        walk  = is_ext(hdr[6]);
      end
    end else begin
      not_ip = 1'b1;
    end
    l_o.end_ = end_o;
  end
endmodule

`default_nettype wire
