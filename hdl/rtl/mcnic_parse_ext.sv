// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// One step of the parser: IPv6 extension header number IDX of the walk in
// firmware/dp/parse.c mcnic_parse_ipv6_ext().  The walk is unrolled into
// MCNIC_IPV6_EXT_MAX of these; a walk still going after the last one is
// MCNIC_DROP_IPV6_EXT_DEPTH, which the L4 step reports.  Combinational;
// hdr is the 4 bytes at off (the firmware reads no others of the header).
`default_nettype none

module mcnic_parse_ext
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES,
  parameter int unsigned IDX = 0
) (
  input  wire logic [3:0][7:0]  hdr,     // bytes [off, off + 4) of the frame
  input  wire logic [15:0]      off,
  input  wire logic [15:0]      end_,
  input  wire logic             walk,    // this header is an extension header
  input  wire logic [7:0]       nh,      // its type
  input  wire mcnic_layer_t     l_i,
  output mcnic_layer_t          l_o,
  output logic [15:0]           off_o,
  output logic                  walk_o,  // the next one is too
  output logic [7:0]            nh_o,
  output logic [7:0]            err,
  output logic                  deep
);
  localparam logic [16:0] HB = 17'(HDR_BYTES);

  initial begin
    if (IDX >= MCNIC_IPV6_EXT_MAX) $error("mcnic_parse_ext: IDX out of range");
  end

  function automatic logic is_ext(input logic [7:0] p);
    return p == 8'(MCNIC_IPPROTO_HOPOPTS) || p == 8'(MCNIC_IPPROTO_ROUTING) ||
           p == 8'(MCNIC_IPPROTO_FRAGMENT) || p == 8'(MCNIC_IPPROTO_DSTOPTS);
  endfunction

  logic [15:0] avail, fo, hlen;
  logic [16:0] off17;
  logic        later;

  assign avail = end_ - off;
  assign off17 = {1'b0, off};
  assign fo    = {hdr[2], hdr[3]};
  // (hdrlen + 1) * 8: up to 2048 bytes.
  assign hlen  = nh == 8'(MCNIC_IPPROTO_FRAGMENT) ? 16'd8 :
                 {4'd0, {1'b0, hdr[1]} + 9'd1, 3'b000};

  always_comb begin
    l_o    = l_i;
    off_o  = off;
    walk_o = walk;
    nh_o   = nh;
    err    = 8'(MCNIC_DROP_NONE);
    deep   = 1'b0;
    later  = 1'b0;
    if (walk) begin
      if (nh == 8'(MCNIC_IPPROTO_HOPOPTS) && IDX != 0)
        err = 8'(MCNIC_DROP_IPV6_HBH_POS);
      else if (avail < 16'd8)
        err = 8'(MCNIC_DROP_IPV6_EXT_TRUNC);
      else if (off17 + 17'd4 > HB)
        deep = 1'b1;
      else begin
        l_o.flags = l_o.flags | 16'(MCNIC_LF_IPV6_EXT);
        if (nh == 8'(MCNIC_IPPROTO_FRAGMENT)) begin
          // An atomic fragment is a whole packet (RFC 6946).
          if ((fo & 16'(MCNIC_IPV6_FRAG_OFF_MASK | MCNIC_IPV6_FRAG_MF)) != 16'd0)
            l_o.flags = l_o.flags | 16'(MCNIC_LF_FRAG);
          if ((fo & 16'(MCNIC_IPV6_FRAG_OFF_MASK)) != 16'd0)
            l_o.flags = l_o.flags | 16'(MCNIC_LF_FRAG_LATER);
        end else if (hlen > avail) begin
          err = 8'(MCNIC_DROP_IPV6_EXT_TRUNC);
        end else if (nh == 8'(MCNIC_IPPROTO_ROUTING) && hdr[3] != 8'd0) begin
          // Byte 3 of any routing header: segments left.
          l_o.flags = l_o.flags | 16'(MCNIC_LF_IPV6_RH_LEFT);
        end
        if (err == 8'(MCNIC_DROP_NONE)) begin
          nh_o  = hdr[0];
          off_o = off + hlen;
          later = (l_o.flags & 16'(MCNIC_LF_FRAG_LATER)) != 16'd0;
          // A later fragment ends the walk: what follows is not a header.
          walk_o = !later && is_ext(hdr[0]);
          if (!walk_o)
            l_o.proto = hdr[0];
        end
      end
    end
  end
endmodule

`default_nettype wire
