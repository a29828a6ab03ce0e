// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// Small synchronous FIFO for the decap engine's per-frame records.  The
// writer keeps its own count of free entries (credits), so there is no
// full flag: a push into a full FIFO is the writer's bug.  The head is
// out_data while out_valid; it changes only on a pop.
`default_nettype none

module mcnic_decap_fifo #(
  parameter int unsigned W      = 8,
  parameter int unsigned ADDR_W = 4
) (
  input  wire logic         clk,
  input  wire logic         rst,
  input  wire logic         push,
  input  wire logic [W-1:0] in_data,
  input  wire logic         pop,
  output logic              out_valid,
  output logic [W-1:0]      out_data
);
  initial begin
    if (W == 0 || ADDR_W == 0)
      $error("mcnic_decap_fifo: W and ADDR_W must be at least 1");
  end

  logic [W-1:0]    mem [2**ADDR_W];
  logic [ADDR_W:0] rd, wr;

  assign out_valid = rd != wr;
  assign out_data  = mem[rd[ADDR_W-1:0]];

  always_ff @(posedge clk) begin
    if (push)
      mem[wr[ADDR_W-1:0]] <= in_data;
    if (rst) begin
      rd <= '0;
      wr <= '0;
    end else begin
      wr <= wr + (ADDR_W+1)'(push);
      rd <= rd + (ADDR_W+1)'(pop && out_valid);
    end
  end
endmodule

`default_nettype wire
