// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// Stream realigner: of each input frame, sends only the bytes
// [s_off, s_off + s_len) as a frame of its own, realigned so that byte
// s_off comes out as byte 0 of the first beat.  s_len == 0 sends nothing
// for that frame (the input is consumed).  Bytes after the last kept byte
// of a beat are zero.
//
// s_off must be valid with every beat of a frame; s_len from the beat that
// holds byte s_off on (so a length read from the frame's own headers can
// be given once it is known).  The frame must hold all of
// [s_off, s_off + s_len): input tkeep is not looked at.
//
// One input beat per cycle, no idle cycle between frames.  Each input
// beat is rotated once, by s_off mod beat bytes; output beat k is then the
// previous rotated beat's low bytes and the current one's high bytes, sent
// once the input beat holding its last byte arrived.  A frame's last input
// beat may complete two output beats (the end of one and all of the next):
// a 4-entry output queue takes both, and the input goes on as long as two
// entries are free after this cycle's output: with the output ready, the
// spare entry drains at the next input beat that completes none (a frame's
// first, unless the frame starts at byte 0), so the input does not wait.
`default_nettype none

module mcnic_axis_strip #(
  parameter int unsigned DATA_W = 512,
  parameter int unsigned LEN_W  = 16
) (
  input  wire logic                  clk,
  input  wire logic                  rst,

  input  wire logic [DATA_W-1:0]     s_axis_tdata,
  input  wire logic                  s_axis_tlast,
  input  wire logic                  s_axis_tvalid,
  output logic                       s_axis_tready,
  input  wire logic [LEN_W-1:0]      s_off,
  input  wire logic [LEN_W-1:0]      s_len,

  output logic [DATA_W-1:0]          m_axis_tdata,
  output logic [DATA_W/8-1:0]        m_axis_tkeep,
  output logic                       m_axis_tlast,
  output logic                       m_axis_tvalid,
  input  wire logic                  m_axis_tready
);
  localparam int unsigned NB  = DATA_W / 8;       // bytes per beat
  localparam int unsigned B_W = $clog2(NB);       // byte index width
  localparam int unsigned J_W = LEN_W - B_W;      // beat index width
  localparam int unsigned E_W = 1 + DATA_W + NB;  // queue entry

  initial begin
    if (DATA_W < 16 || DATA_W % 8 != 0 || (1 << B_W) != NB)
      $error("mcnic_axis_strip: DATA_W must be 8 times a power of two >= 2");
    if (LEN_W <= B_W)
      $error("mcnic_axis_strip: LEN_W must exceed log2(DATA_W/8)");
  end

  // Byte i of the result is byte (i + s) mod NB of d.
  function automatic logic [DATA_W-1:0] rot(input logic [DATA_W-1:0] d,
                                            input logic [B_W-1:0] s);
    return DATA_W'({d, d} >> (8 * s));
  endfunction

  // Keeps the first n bytes (n >= NB keeps all).
  function automatic logic [NB-1:0] keep_n(input logic [LEN_W:0] n);
    if (n >= (LEN_W+1)'(NB))
      return '1;
    return ~({NB{1'b1}} << n[B_W-1:0]);
  endfunction

  function automatic logic [DATA_W-1:0] bytes_of(input logic [NB-1:0] k);
    logic [DATA_W-1:0] m;
    for (int i = 0; i < int'(NB); i++)
      m[8*i +: 8] = {8{k[i]}};
    return m;
  endfunction

  logic [J_W-1:0]    j, k;       // input beat, output beat within the frame
  logic [DATA_W-1:0] prevrot;

  logic              s_fire;
  logic [B_W-1:0]    sh;
  logic [J_W-1:0]    b0, e1;
  logic [LEN_W:0]    endp, rem_a, rem_b;
  logic [DATA_W-1:0] currot, comb_data;
  logic              in_rng, comb, wa, wb;
  logic [E_W-1:0]    ent_a, ent_b;

  assign s_fire = s_axis_tvalid && s_axis_tready;
  assign sh     = s_off[B_W-1:0];
  assign b0     = s_off[LEN_W-1:B_W];
  assign endp   = {1'b0, s_off} + {1'b0, s_len};
  assign e1     = J_W'((endp - 1'b1) >> B_W);
  assign currot = rot(s_axis_tdata, sh);
  assign in_rng = s_len != '0 && j >= b0 && j <= e1;
  // Output beat j - b0 - 1 is the previous beat's tail and this one's head.
  assign comb   = sh != '0 && j != b0;

  always_comb begin
    for (int i = 0; i < int'(NB); i++)
      comb_data[8*i +: 8] = i < int'(NB) - int'(sh) ? prevrot[8*i +: 8]
                                                     : currot[8*i +: 8];
  end

  // Bytes of the frame from output beat k on, and from beat k + 1 on.
  assign rem_a = {1'b0, s_len} - {1'b0, k, {B_W{1'b0}}};
  assign rem_b = rem_a - (LEN_W+1)'(NB);
  assign wa    = in_rng && (comb || sh == '0 || e1 == b0);
  // The last input beat also holds the whole of the frame's last beat.
  assign wb    = in_rng && comb && j == e1 && rem_a > (LEN_W+1)'(NB);

  always_comb begin
    logic [NB-1:0] ka, kb;
    ka    = keep_n(rem_a);
    kb    = keep_n(rem_b);
    ent_a = {rem_a <= (LEN_W+1)'(NB), ka,
             (comb ? comb_data : currot) & bytes_of(ka)};
    ent_b = {1'b1, kb, currot & bytes_of(kb)};
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      j <= '0;
      k <= '0;
    end else if (s_fire) begin
      j <= s_axis_tlast ? '0 : j + 1'b1;
      k <= s_axis_tlast ? '0 : k + J_W'(wa) + J_W'(wb);
    end
    if (s_fire)
      prevrot <= currot;
  end

  // Output queue: 4 entries; the input goes on while at most 2 would be
  // left after this cycle's pop, so 2 pushes always fit.
  logic [E_W-1:0] q [4];
  logic [1:0]     q_rd, q_wr;
  logic [2:0]     q_cnt;
  logic           m_fire;

  assign m_fire        = m_axis_tvalid && m_axis_tready;
  assign s_axis_tready = q_cnt - 3'(m_fire) <= 3'd2;
  assign m_axis_tvalid = q_cnt != '0;
  assign {m_axis_tlast, m_axis_tkeep, m_axis_tdata} = q[q_rd];

  always_ff @(posedge clk) begin
    if (s_fire && wa)
      q[q_wr] <= ent_a;
    if (s_fire && wb)
      q[q_wr + 2'd1] <= ent_b;
    if (rst) begin
      q_rd  <= '0;
      q_wr  <= '0;
      q_cnt <= '0;
    end else begin
      q_rd  <= q_rd + 2'(m_fire);
      q_wr  <= q_wr + 2'(s_fire && wa) + 2'(s_fire && wb);
      q_cnt <= q_cnt - 3'(m_fire) + 3'(s_fire && wa) + 3'(s_fire && wb);
    end
  end
endmodule

`default_nettype wire
