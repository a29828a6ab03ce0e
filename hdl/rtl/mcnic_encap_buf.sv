// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The encap engine's frame buffer: a FIFO of 512-bit beats deep enough for
// a whole MCNIC_HW_FRAME_MAX frame, and beside it, per frame, the sum of
// its bytes as big-endian 16-bit words (RFC 1071, unfolded), available
// once the frame's last beat is in.  The UDP checksum sits in the header
// that goes out first, so a frame that needs one waits here until its sum
// is known; any other frame flows through (cut-through).
//
// The beat array has a registered read (block RAM) and one output register
// in front of it: the head is valid two cycles after its write.
`default_nettype none

module mcnic_encap_buf
  import mcnic_pkg::*;
#(
  parameter int unsigned DEPTH_W     = 8,
  parameter int unsigned SUM_DEPTH_W = 4,
  parameter int unsigned USER_W      = 64
) (
  input  wire logic              clk,
  input  wire logic              rst,

  input  wire logic [511:0]      s_axis_tdata,
  input  wire logic [63:0]       s_axis_tkeep,
  input  wire logic              s_axis_tlast,
  input  wire logic [USER_W-1:0] s_axis_tuser,
  input  wire logic              s_axis_tvalid,
  output logic                   s_axis_tready,

  output logic [511:0]           m_axis_tdata,
  output logic                   m_axis_tlast,
  output logic [USER_W-1:0]      m_axis_tuser,
  output logic                   m_axis_tvalid,
  input  wire logic              m_axis_tready,

  output logic                   m_sum_valid,
  input  wire logic              m_sum_ready,
  output logic [31:0]            m_sum
);
  localparam int unsigned DEPTH = 1 << DEPTH_W;
  localparam int unsigned W = 512 + 1 + USER_W;

  initial begin
    // A frame waiting for its checksum must fit whole.
    if (DEPTH_W > 15 || DEPTH < (MCNIC_HW_FRAME_MAX + 63) / 64)
      $error("mcnic_encap_buf: 2**DEPTH_W must hold a %0d-byte frame",
             MCNIC_HW_FRAME_MAX);
    if (USER_W == 0)
      $error("mcnic_encap_buf: USER_W must be at least 1");
  end

  logic [W-1:0]     mem [DEPTH];
  logic [DEPTH_W:0] wp, rp;
  logic [W-1:0]     head;
  logic             full, load, wr, sum_ready;
  logic [31:0]      acc_q, beat_sum;
  logic [15:0]      word;

  assign full = (wp - rp) == (DEPTH_W + 1)'(DEPTH);
  assign s_axis_tready = !full && sum_ready;
  assign wr = s_axis_tvalid && s_axis_tready;
  assign load = wp != rp && (!m_axis_tvalid || m_axis_tready);
  assign {m_axis_tuser, m_axis_tlast, m_axis_tdata} = head;

  // The beat's bytes below tkeep as 32 big-endian words: beats start at
  // even frame offsets, so word w is bytes 2w (high) and 2w + 1.
  always_comb begin
    beat_sum = '0;
    for (int w = 0; w < 32; w++) begin
      word[15:8] = s_axis_tkeep[2*w] ? s_axis_tdata[16*w +: 8] : 8'd0;
      word[7:0] = s_axis_tkeep[2*w+1] ? s_axis_tdata[16*w+8 +: 8] : 8'd0;
      beat_sum = beat_sum + {16'd0, word};
    end
  end

  always_ff @(posedge clk) begin
    if (wr) begin
      mem[wp[DEPTH_W-1:0]] <= {s_axis_tuser, s_axis_tlast, s_axis_tdata};
      wp <= wp + 1'b1;
      acc_q <= s_axis_tlast ? 32'd0 : acc_q + beat_sum;
    end
    if (load) begin
      head <= mem[rp[DEPTH_W-1:0]];
      rp <= rp + 1'b1;
    end
    if (load)
      m_axis_tvalid <= 1'b1;
    else if (m_axis_tready)
      m_axis_tvalid <= 1'b0;
    if (rst) begin
      wp <= '0;
      rp <= '0;
      acc_q <= '0;
      m_axis_tvalid <= 1'b0;
    end
  end

  // At most 9600 / 2 words of 0xffff: the sum fits 32 bits unfolded.
  mcnic_fifo #(.DATA_W(32), .DEPTH(1 << SUM_DEPTH_W)) u_sum (
    .clk, .rst,
    .s_valid(wr && s_axis_tlast), .s_ready(sum_ready),
    .s_data(acc_q + beat_sum),
    .m_valid(m_sum_valid), .m_ready(m_sum_ready), .m_data(m_sum)
  );
endmodule

`default_nettype wire
