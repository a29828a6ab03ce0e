// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The parser's header window: the first HDR_BYTES bytes of each frame (the
// rest zero), its length and the first beat's tuser, complete with the
// frame's last beat.  The record is combinational with that beat (rec_v),
// so a one-beat frame can follow another every cycle.
`default_nettype none

module mcnic_parse_cap
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES
) (
  input  wire logic                   clk,
  input  wire logic                   rst,
  input  wire logic                   beat,     // a beat is accepted
  input  wire logic [511:0]           tdata,
  input  wire logic [63:0]            tkeep,
  input  wire logic                   tlast,
  input  wire logic [63:0]            tuser,
  output logic                        rec_v,    // the frame ends with it
  output logic [HDR_BYTES*8-1:0]      rec_win,
  output logic [15:0]                 rec_len,
  output logic [63:0]                 rec_user
);
  localparam int unsigned NB = HDR_BYTES / 64;   // beats in the window
  localparam int unsigned BW = $clog2(NB + 1);

  initial begin
    if (HDR_BYTES < 64 || HDR_BYTES % 64 != 0)
      $error("mcnic_parse_cap: HDR_BYTES must be a multiple of 64");
  end

  logic                   sof;      // the next beat starts a frame
  logic [BW-1:0]          idx;      // its beat number, saturated at NB
  logic [HDR_BYTES*8-1:0] acc;
  logic [15:0]            len;
  logic [63:0]            user;
  logic [511:0]           masked;
  logic [BW-1:0]          cur;

  // Bytes past tkeep are not the frame's: keep the window's tail zero.
  always_comb begin
    for (int i = 0; i < 64; i++)
      masked[i*8 +: 8] = tkeep[i] ? tdata[i*8 +: 8] : 8'd0;
  end

  assign cur = sof ? '0 : idx;

  always_comb begin
    rec_win = sof ? '0 : acc;
    for (int i = 0; i < int'(NB); i++)
      if (cur == BW'(i))
        rec_win[i*512 +: 512] = masked;
    rec_len  = (sof ? 16'd0 : len) + 16'($countones(tkeep));
    rec_user = sof ? tuser : user;
    rec_v    = beat && tlast;
  end

  always_ff @(posedge clk) begin
    if (beat) begin
      sof  <= tlast;
      idx  <= cur == BW'(NB) ? cur : cur + BW'(1);
      acc  <= rec_win;
      len  <= rec_len;
      user <= rec_user;
    end
    if (rst)
      sof <= 1'b1;
  end
endmodule

`default_nettype wire
