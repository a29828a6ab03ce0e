// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// Header insertion on a 512-bit AXI-Stream: per frame, a command gives a
// header (up to HDR_BEATS beats), the number of leading input bytes to drop
// (skip) and the output length.  Output byte o is hdr[o] for o < hdr_len,
// else input byte o - hdr_len + skip; the frame ends after len bytes.  The
// whole input frame (up to its tlast) is consumed whatever len says, so
// trailing input bytes (Ethernet padding, or a frame to drop: len == 0) are
// discarded.
//
// One output beat per cycle, no bubble between frames: output beat k needs
// input beats k - q - 1 and k - q (q = (hdr_len - skip) / 64), so the
// engine keeps the last input beat consumed and shifts the pair; an input
// beat is taken on the cycle of the output beat that first needs it.  The
// command is held (s_cmd_valid, fields stable) for the whole frame and
// accepted (s_cmd_ready) on its last cycle, so the next frame's command is
// used on the very next cycle.  tuser of the frame's first input beat goes
// out on every beat of the output frame.
//
// Requirements: skip <= hdr_len <= HDR_BEATS * 64, and the input frame holds
// at least skip + len - hdr_len bytes (else the missing bytes are arbitrary;
// the engine never waits for them).
`default_nettype none

module mcnic_axis_insert #(
  parameter int unsigned HDR_BEATS = 3,
  parameter int unsigned USER_W    = 64
) (
  input  wire logic                     clk,
  input  wire logic                     rst,

  input  wire logic                     s_cmd_valid,
  output logic                          s_cmd_ready,
  input  wire logic [HDR_BEATS*512-1:0] s_cmd_hdr,
  input  wire logic [15:0]              s_cmd_hdr_len,
  input  wire logic [15:0]              s_cmd_skip,
  input  wire logic [15:0]              s_cmd_len,

  input  wire logic [511:0]             s_axis_tdata,
  input  wire logic                     s_axis_tlast,
  input  wire logic [USER_W-1:0]        s_axis_tuser,
  input  wire logic                     s_axis_tvalid,
  output logic                          s_axis_tready,

  output logic [511:0]                  m_axis_tdata,
  output logic [63:0]                   m_axis_tkeep,
  output logic                          m_axis_tlast,
  output logic [USER_W-1:0]             m_axis_tuser,
  output logic                          m_axis_tvalid,
  input  wire logic                     m_axis_tready
);
  localparam int unsigned KH_W = $clog2(HDR_BEATS + 1);

  initial begin
    if (HDR_BEATS == 0 || HDR_BEATS > 1023)
      $error("mcnic_axis_insert: HDR_BEATS must be 1..1023");
    if (USER_W == 0)
      $error("mcnic_axis_insert: USER_W must be at least 1");
  end

  // Per-frame progress.  Before a frame's first cycle (started == 0) the
  // counters come straight from the command, so a frame starts on the
  // cycle after the previous one ended.
  logic              started;
  logic [15:0]       ocnt_q;   // output bytes still to send
  logic [15:0]       hrem_q;   // header bytes still to send
  logic [9:0]        qrem_q;   // output beats before the first input beat
  logic [KH_W-1:0]   kh_q;     // header beat for the next output beat
  logic              in_done_q;// the input frame's tlast was consumed
  logic [511:0]      prev_q;   // the last input beat consumed
  logic [USER_W-1:0] user_q;

  logic [15:0]     d;
  logic [15:0]     ocnt_c, hrem_c;
  logic [9:0]      qrem_c;
  logic [KH_W-1:0] kh_c;
  logic            in_done_c;
  logic            emit, cons, need_head, out_free, last_beat, in_done_n, fin, go;
  logic [15:0]     ocnt_n;
  logic [5:0]      r;
  logic [1023:0]   pair;
  logic [511:0]    shifted, hdr_beat, hbits, kbits, beat;
  logic [63:0]     hmask, kmask;

  function automatic logic [63:0] thermo(input logic [15:0] n);
    return n >= 16'd64 ? '1 : (64'd1 << n[5:0]) - 64'd1;
  endfunction

  always_comb begin
    d = s_cmd_hdr_len - s_cmd_skip;
    r = d[5:0];
    ocnt_c = started ? ocnt_q : s_cmd_len;
    hrem_c = started ? hrem_q : s_cmd_hdr_len;
    qrem_c = started ? qrem_q : d[15:6];
    kh_c = started ? kh_q : '0;
    in_done_c = started && in_done_q;

    emit = ocnt_c != 16'd0;
    // Take the next input beat when this output beat needs it, or, once
    // the output frame is complete, to drain what is left of the input.
    cons = !in_done_c && (qrem_c == 10'd0 || !emit);
    // The first output beat carries the first input beat's tuser.
    need_head = cons || (emit && !started);
    out_free = !m_axis_tvalid || m_axis_tready;
    last_beat = ocnt_c <= 16'd64;
    ocnt_n = !emit ? ocnt_c : last_beat ? 16'd0 : ocnt_c - 16'd64;
    in_done_n = in_done_c || (cons && s_axis_tlast);
    fin = ocnt_n == 16'd0 && in_done_n;
    go = s_cmd_valid && (!need_head || s_axis_tvalid) && (!emit || out_free);
    s_axis_tready = go && cons;
    s_cmd_ready = go && fin;

    // Input byte i of the pair {current, previous} lands at output byte
    // i - (64 - r): previous-beat bytes fill the first r output bytes.
    pair = {s_axis_tdata, prev_q};
    shifted = pair[{7'd64 - {1'b0, r}, 3'd0} +: 512];
    hdr_beat = '0;
    for (int b = 0; b < int'(HDR_BEATS); b++)
      if (kh_c == KH_W'(b))
        hdr_beat = s_cmd_hdr[b*512 +: 512];
    hmask = thermo(hrem_c);
    kmask = thermo(ocnt_c);
    for (int j = 0; j < 64; j++) begin
      hbits[j*8 +: 8] = {8{hmask[j]}};
      kbits[j*8 +: 8] = {8{kmask[j]}};
    end
    beat = (hdr_beat & hbits) | (shifted & ~hbits & kbits);
  end

  always_ff @(posedge clk) begin
    if (out_free)
      m_axis_tvalid <= go && emit;
    if (out_free && go && emit) begin
      m_axis_tdata <= beat;
      m_axis_tkeep <= kmask;
      m_axis_tlast <= last_beat;
      m_axis_tuser <= started ? user_q : s_axis_tuser;
    end
    if (go) begin
      started <= !fin;
      ocnt_q <= ocnt_n;
      in_done_q <= in_done_n;
      hrem_q <= !emit ? hrem_c : hrem_c > 16'd64 ? hrem_c - 16'd64 : 16'd0;
      qrem_q <= emit && qrem_c != 10'd0 ? qrem_c - 10'd1 : qrem_c;
      kh_q <= emit && kh_c != KH_W'(HDR_BEATS) ? kh_c + KH_W'(1) : kh_c;
      if (!started)
        user_q <= s_axis_tuser;
      if (cons)
        prev_q <= s_axis_tdata;
    end
    if (rst) begin
      started <= 1'b0;
      m_axis_tvalid <= 1'b0;
    end
  end
endmodule

`default_nettype wire
