// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// A synchronous FIFO with valid/ready on both sides, first-word
// fall-through: m_data is the head while m_valid.  Full and empty are
// exact (a count), so a push into a full FIFO and a pop from an empty one
// cannot happen.
`default_nettype none

module mcnic_fifo #(
  parameter int unsigned DATA_W = 8,
  parameter int unsigned DEPTH = 4
) (
  input  wire logic              clk,
  input  wire logic              rst,
  input  wire logic              s_valid,
  output logic                   s_ready,
  input  wire logic [DATA_W-1:0] s_data,
  output logic                   m_valid,
  input  wire logic              m_ready,
  output logic      [DATA_W-1:0] m_data
);
  localparam int unsigned PTR_W = $clog2(DEPTH);

  initial begin
    if (DEPTH < 2 || (1 << PTR_W) != DEPTH)
      $error("mcnic_fifo: DEPTH must be a power of two, at least 2");
    if (DATA_W < 1) $error("mcnic_fifo: DATA_W must be at least 1");
  end

  logic [DATA_W-1:0] mem [DEPTH];
  logic [PTR_W-1:0]  rd, wr;
  logic [PTR_W:0]    count;

  wire logic push = s_valid && s_ready;
  wire logic pop = m_valid && m_ready;

  assign s_ready = count != (PTR_W+1)'(DEPTH);
  assign m_valid = count != 0;
  assign m_data = mem[rd];

  always_ff @(posedge clk) begin
    if (push) mem[wr] <= s_data;
    if (rst) begin
      rd <= '0;
      wr <= '0;
      count <= '0;
    end else begin
      if (push) wr <= wr + 1'b1;
      if (pop) rd <= rd + 1'b1;
      count <= count + (PTR_W+1)'(push) - (PTR_W+1)'(pop);
    end
  end
endmodule

`default_nettype wire
