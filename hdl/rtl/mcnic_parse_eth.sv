// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// One step of the parser: the Ethernet header and up to MCNIC_VLAN_MAX
// 802.1Q/802.1ad tags, as firmware/dp/parse.c mcnic_parse_eth() reads them.
// Combinational; the caller passes the 22 bytes at the header (a shifted
// view of the header window) and the span [off, end_) the layer may use.
//
// deep: the firmware would read a byte at or beyond HDR_BYTES, which the
// window does not hold; the other outputs are then meaningless.
`default_nettype none

module mcnic_parse_eth
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES
) (
  // Only the type fields and the tags are read, never the addresses.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire logic [21:0][7:0] hdr,   // bytes [off, off + 22) of the frame
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [15:0]      off,
  input  wire logic [15:0]      end_,
  input  wire mcnic_layer_t     l_i,
  output mcnic_layer_t          l_o,
  output logic [15:0]           off_o,   // the L3 header
  output logic [7:0]            err,     // enum mcnic_drop
  output logic                  deep
);
  localparam logic [16:0] HB = 17'(HDR_BYTES);

  function automatic logic is_vlan(input logic [15:0] t);
    return t == 16'(MCNIC_ETH_P_8021Q) || t == 16'(MCNIC_ETH_P_8021AD);
  endfunction

  logic [15:0] avail, t0, t1, t2;
  logic [16:0] off17;

  assign avail = end_ - off;
  assign off17 = {1'b0, off};
  assign t0 = {hdr[12], hdr[13]};
  assign t1 = {hdr[16], hdr[17]};
  assign t2 = {hdr[20], hdr[21]};

  // The tag walk below is unrolled for two tags.
  initial begin
    if (MCNIC_VLAN_MAX != 2) $error("mcnic_parse_eth: MCNIC_VLAN_MAX must be 2");
  end

  always_comb begin
    l_o   = l_i;
    off_o = off;
    err   = 8'(MCNIC_DROP_NONE);
    deep  = 1'b0;
    if (avail < 16'd14) begin
      err = 8'(MCNIC_DROP_ETH_TRUNC);
    end else if (off17 + 17'd14 > HB) begin
      deep = 1'b1;
    end else begin
      l_o.l2_off = off;
      if (!is_vlan(t0)) begin
        l_o.ethertype = t0;
        off_o = off + 16'd14;
      end else if (avail < 16'd18) begin
        err = 8'(MCNIC_DROP_VLAN_TRUNC);
      end else if (off17 + 17'd18 > HB) begin
        deep = 1'b1;
      end else begin
        l_o.n_vlan      = 8'd1;
        l_o.vlan_tci[0] = {hdr[14], hdr[15]};
        if (!is_vlan(t1)) begin
          l_o.ethertype = t1;
          off_o = off + 16'd18;
        end else if (avail < 16'd22) begin
          err = 8'(MCNIC_DROP_VLAN_TRUNC);
        end else if (off17 + 17'd22 > HB) begin
          deep = 1'b1;
        end else begin
          l_o.n_vlan      = 8'd2;
          l_o.vlan_tci[1] = {hdr[18], hdr[19]};
          if (is_vlan(t2)) begin
            err = 8'(MCNIC_DROP_VLAN_DEPTH);
          end else begin
            l_o.ethertype = t2;
            off_o = off + 16'd22;
          end
        end
      end
    end
  end
endmodule

`default_nettype wire
