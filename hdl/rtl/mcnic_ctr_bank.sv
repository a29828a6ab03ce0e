// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// A bank of N packet/byte counter pairs (64 bits each) in RAM: one update
// per cycle (read-modify-write over two cycles, with the in-flight sum
// forwarded so back-to-back updates of one counter add up), one read port
// for the CSR block, and a clear that walks every counter (busy meanwhile;
// updates that arrive during a clear are discarded: the clear wins).
`default_nettype none

module mcnic_ctr_bank #(
  parameter int unsigned N = 64,
  parameter int unsigned IDX_W = $clog2(N)
) (
  input  wire logic             clk,
  input  wire logic             rst,
  // update: one packet of upd_bytes bytes
  input  wire logic             upd_valid,
  input  wire logic [IDX_W-1:0] upd_idx,
  input  wire logic [15:0]      upd_bytes,
  // read: value one cycle after rd_idx
  input  wire logic [IDX_W-1:0] rd_idx,
  output logic      [63:0]      rd_packets,
  output logic      [63:0]      rd_bytes,
  // clear every counter
  input  wire logic             clr_start,
  output logic                  clr_busy
);
  initial begin
    if (N < 2 || IDX_W < $clog2(N)) $error("mcnic_ctr_bank: bad N/IDX_W");
  end

  logic [127:0] mem [N];

  // Stage 1 reads the old value; stage 2 writes old + this packet.
  logic             s1_valid;
  logic [IDX_W-1:0] s1_idx;
  logic [15:0]      s1_bytes;
  logic [127:0]     s1_old;
  logic             s2_valid;
  logic [IDX_W-1:0] s2_idx;
  logic [127:0]     s2_sum;
  logic [IDX_W:0]   clr_idx;

  assign clr_busy = clr_idx != 0;

  wire logic [127:0] s1_base = s2_valid && s2_idx == s1_idx ? s2_sum : s1_old;
  wire logic [127:0] s1_sum = {s1_base[127:64] + {48'd0, s1_bytes},
                               s1_base[63:0] + 64'd1};

  always_ff @(posedge clk) begin
    s1_old <= mem[upd_idx];
    rd_packets <= mem[rd_idx][63:0];
    rd_bytes <= mem[rd_idx][127:64];
    if (clr_busy) begin
      mem[clr_idx[IDX_W-1:0] - 1'b1] <= '0;
    end else if (s1_valid) begin
      mem[s1_idx] <= s1_sum;
    end
    s1_idx <= upd_idx;
    s1_bytes <= upd_bytes;
    s2_idx <= s1_idx;
    s2_sum <= s1_sum;
    if (rst) begin
      s1_valid <= 1'b0;
      s2_valid <= 1'b0;
      clr_idx <= '0;
    end else begin
      s1_valid <= upd_valid && !clr_busy && !clr_start;
      s2_valid <= s1_valid && !clr_busy;
      if (clr_start && !clr_busy)
        clr_idx <= (IDX_W+1)'(N);
      else if (clr_busy)
        clr_idx <= clr_idx - 1'b1;
    end
  end
endmodule

`default_nettype wire
