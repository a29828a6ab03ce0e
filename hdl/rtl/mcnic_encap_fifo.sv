// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// A small first-word-fall-through FIFO (per-frame side records: sums,
// results).  The head is read straight from the array, so valid and data
// come from registers only, never from the reader's ready.
`default_nettype none

module mcnic_encap_fifo #(
  parameter int unsigned DATA_W  = 32,
  parameter int unsigned DEPTH_W = 2
) (
  input  wire logic              clk,
  input  wire logic              rst,
  input  wire logic              s_valid,
  output logic                   s_ready,
  input  wire logic [DATA_W-1:0] s_data,
  output logic                   m_valid,
  input  wire logic              m_ready,
  output logic [DATA_W-1:0]      m_data
);
  localparam int unsigned DEPTH = 1 << DEPTH_W;

  initial begin
    if (DATA_W == 0 || DEPTH_W == 0 || DEPTH_W > 8)
      $error("mcnic_encap_fifo: DATA_W >= 1 and DEPTH_W 1..8 needed");
  end

  logic [DATA_W-1:0] mem [DEPTH];
  logic [DEPTH_W:0]  wp, rp;

  assign s_ready = (wp - rp) != (DEPTH_W + 1)'(DEPTH);
  assign m_valid = wp != rp;
  assign m_data = mem[rp[DEPTH_W-1:0]];

  always_ff @(posedge clk) begin
    if (s_valid && s_ready) begin
      mem[wp[DEPTH_W-1:0]] <= s_data;
      wp <= wp + 1'b1;
    end
    if (m_valid && m_ready)
      rp <= rp + 1'b1;
    if (rst) begin
      wp <= '0;
      rp <= '0;
    end
  end
endmodule

`default_nettype wire
