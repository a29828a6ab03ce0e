// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// First-word-fall-through FIFO for deep queues: a RAM of DEPTH words read
// synchronously (block RAM) into a read register and an output register,
// so it streams one word per cycle.  It holds DEPTH + 2 words; s_ready
// comes from a register only (the RAM's fill), never from m_ready.
`default_nettype none

module mcnic_fifo_ram #(
  parameter int unsigned DATA_W = 8,
  parameter int unsigned DEPTH  = 16
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
  localparam int unsigned AW = $clog2(DEPTH);

  initial begin
    if (DATA_W < 1) $error("mcnic_fifo_ram: DATA_W must be at least 1");
    if (DEPTH < 2 || (DEPTH & (DEPTH - 1)) != 0)
      $error("mcnic_fifo_ram: DEPTH must be a power of two >= 2");
  end

  logic [DATA_W-1:0] mem [DEPTH];
  logic [AW-1:0]     wp, rp;
  logic [AW:0]       cnt;       // words in the RAM
  logic              r_v;       // the read register holds a word
  logic [DATA_W-1:0] r_d;
  logic              push, pop, take, rd;

  assign s_ready = cnt != (AW + 1)'(DEPTH);
  assign push    = s_valid && s_ready;
  assign pop     = m_valid && m_ready;
  assign take    = r_v && (!m_valid || pop);       // read reg -> output
  assign rd      = cnt != '0 && (!r_v || take);    // RAM -> read reg

  always_ff @(posedge clk) begin
    if (push)
      mem[wp] <= s_data;
    if (rd)
      r_d <= mem[rp];
    if (take)
      m_data <= r_d;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      wp      <= '0;
      rp      <= '0;
      cnt     <= '0;
      r_v     <= 1'b0;
      m_valid <= 1'b0;
    end else begin
      wp      <= wp + AW'(push);
      rp      <= rp + AW'(rd);
      cnt     <= cnt + (AW + 1)'(push) - (AW + 1)'(rd);
      r_v     <= rd || (r_v && !take);
      m_valid <= take || (m_valid && !pop);
    end
  end
endmodule

`default_nettype wire
