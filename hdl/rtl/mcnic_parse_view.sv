// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// N bytes of the header window from byte off on (a barrel shifter): byte
// i of view is byte off + i of the frame, zero where that is beyond the
// window.  Each parser stage has one, at its own offset.
`default_nettype none

module mcnic_parse_view #(
  parameter int unsigned HDR_BYTES = 256,
  parameter int unsigned N = 4
) (
  input  wire logic [HDR_BYTES*8-1:0] win,
  input  wire logic [15:0]            off,
  output logic [N*8-1:0]              view
);
  localparam int unsigned OW = $clog2(HDR_BYTES);
  // Wide enough for N bytes from the window's last byte.
  localparam int unsigned XW = (HDR_BYTES + N) * 8;
  localparam int unsigned IW = $clog2(XW);

  initial begin
    if (HDR_BYTES < 2 || (HDR_BYTES & (HDR_BYTES - 1)) != 0)
      $error("mcnic_parse_view: HDR_BYTES must be a power of two");
    if (N < 1) $error("mcnic_parse_view: N must be at least 1");
  end

  logic [XW-1:0] ext;
  logic [IW-1:0] bit0;

  assign ext  = {{N * 8{1'b0}}, win};
  assign bit0 = IW'({off[OW-1:0], 3'b000});
  assign view = off >= 16'(HDR_BYTES) ? '0 : ext[bit0 +: N * 8];
endmodule

`default_nettype wire
