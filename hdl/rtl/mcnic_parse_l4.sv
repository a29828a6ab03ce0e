// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// One step of the parser: the header after IP (UDP, TCP, ICMP, ICMPv6), as
// firmware/dp/parse.c mcnic_parse_l4() reads it, after the IPv6 extension
// header walk (walk still set here: one header too many).  Combinational;
// hdr is the 14 bytes at off.
`default_nettype none

module mcnic_parse_l4
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES
) (
  // TCP sequence numbers and the ICMP checksum are not read.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire logic [13:0][7:0] hdr,     // bytes [off, off + 14) of the frame
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [15:0]      off,
  input  wire logic [15:0]      end_,
  input  wire logic             walk,    // the extension walk did not end
  input  wire mcnic_layer_t     l_i,
  output mcnic_layer_t          l_o,
  output logic [7:0]            err,
  output logic                  deep
);
  localparam logic [16:0] HB = 17'(HDR_BYTES);

  logic [15:0] avail, ulen, doff;
  logic [16:0] off17;
  logic        frag, later, echo;

  assign avail = end_ - off;
  assign off17 = {1'b0, off};
  assign ulen  = {hdr[4], hdr[5]};
  assign doff  = {10'd0, hdr[12][7:4], 2'b00};
  assign frag  = (l_i.flags & 16'(MCNIC_LF_FRAG)) != 16'd0;
  assign later = (l_i.flags & 16'(MCNIC_LF_FRAG_LATER)) != 16'd0;
  // Echo request/reply carry an identifier (RFC 792, RFC 4443).
  assign echo  = l_i.proto == 8'(MCNIC_IPPROTO_ICMP) ?
                 (hdr[0] == 8'd8 || hdr[0] == 8'd0) :
                 (hdr[0] == 8'd128 || hdr[0] == 8'd129);

  always_comb begin
    l_o  = l_i;
    err  = 8'(MCNIC_DROP_NONE);
    deep = 1'b0;
    if (walk) begin
      err = 8'(MCNIC_DROP_IPV6_EXT_DEPTH);
    end else if (!later) begin
      l_o.l4_off = off;
      case (l_i.proto)
        8'(MCNIC_IPPROTO_UDP): begin
          if (avail < 16'd8)
            err = 8'(MCNIC_DROP_UDP_TRUNC);
          else if (off17 + 17'd6 > HB)
            deep = 1'b1;
          // A fragment's UDP length covers data we don't have.
          else if (ulen < 16'd8 || (ulen > avail && !frag))
            err = 8'(MCNIC_DROP_UDP_LEN);
          else begin
            l_o.sport = {hdr[0], hdr[1]};
            l_o.dport = {hdr[2], hdr[3]};
            l_o.flags = l_o.flags | 16'(MCNIC_LF_L4);
          end
        end
        8'(MCNIC_IPPROTO_TCP): begin
          if (avail < 16'd20)
            err = 8'(MCNIC_DROP_TCP_TRUNC);
          else if (off17 + 17'd14 > HB)
            deep = 1'b1;
          else if (doff < 16'd20 || doff > avail)
            err = 8'(MCNIC_DROP_TCP_DOFF);
          else begin
            l_o.sport     = {hdr[0], hdr[1]};
            l_o.dport     = {hdr[2], hdr[3]};
            l_o.tcp_flags = hdr[13];
            l_o.flags     = l_o.flags | 16'(MCNIC_LF_L4);
          end
        end
        8'(MCNIC_IPPROTO_ICMP), 8'(MCNIC_IPPROTO_ICMPV6): begin
          if (avail < 16'd8)
            err = 8'(MCNIC_DROP_ICMP_TRUNC);
          else if (off17 + 17'd6 > HB)
            deep = 1'b1;
          else begin
            l_o.sport = {hdr[0], hdr[1]};
            if (echo)
              l_o.dport = {hdr[4], hdr[5]};
            l_o.flags = l_o.flags | 16'(MCNIC_LF_L4);
          end
        end
        default: ;
      endcase
    end
  end
endmodule

`default_nettype wire
