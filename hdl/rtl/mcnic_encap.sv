// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The encap engine: mcnic_encap() of firmware/dp/encap.c in hardware, bit
// for bit, on a 512-bit AXI-Stream.  Per frame, in order, a command (the
// template image, the inner frame's layer as mcnic_parse fills meta.outer,
// the flow hash, the outer IPv4 ID and the frame's length) and the frame;
// out go the outer headers followed by the inner frame (or, for a GRE-L3
// template, its IP datagram), and one result per frame: the drop reason
// (nothing is sent on a drop), the output length and the inner MTU
// reported on TOO_BIG.
//
// Pipeline:
//   command -> u_cmd (2 entries) -> prep (drop, lengths, patched header)
//           -> p_q -> header share of the UDP checksum -> h_q -> u_ins
//   frame   -> u_buf (FIFO + per-frame byte sum) -> u_ins (mcnic_axis_insert)
// The result is queued when a command enters h_q, so m_res may lead m_axis.
// A frame whose template wants a UDP checksum waits in the buffer until
// its last beat is in (the sum of its bytes goes into the header that is
// sent first); every other frame is sent as soon as its command and first
// beat are there.  Output beats leave back to back, frame after frame: a
// frame takes max(input beats, output beats) cycles.
//
// s_cmd_len is the frame's length in bytes, as the parser that produced
// s_cmd_in saw it (mcnic_parse needs it too): the header's lengths depend
// on it and go out before the frame's end is seen.  The frame on s_axis
// must have that length (tkeep on its last beat), s_cmd_in must be what
// mcnic_parse made of it, and s_cmd_tmpl must pass mcnic_tmpl_valid() or
// have type NONE (as the firmware's own encap assumes).  Anything else
// gives undefined bytes, but still one result per frame and no hang.
//
// m_res_len is 0 on a drop; m_res_inner_mtu is 0 unless m_res_drop is
// TOO_BIG.  No ready depends on another port's ready: s_cmd_ready and
// s_axis_tready come from registers.
`default_nettype none

module mcnic_encap
  import mcnic_pkg::*;
#(
  parameter int unsigned BUF_DEPTH_W = 8   // frame buffer: 2**W beats
) (
  input  wire logic              clk,
  input  wire logic              rst,

  input  wire logic              s_cmd_valid,
  output logic                   s_cmd_ready,
  input  wire mcnic_encap_tmpl_t s_cmd_tmpl,
  input  wire mcnic_layer_t      s_cmd_in,
  input  wire logic [31:0]       s_cmd_hash,
  input  wire logic [15:0]       s_cmd_ip_id,
  input  wire logic [15:0]       s_cmd_len,

  input  wire logic [511:0]      s_axis_tdata,
  input  wire logic [63:0]       s_axis_tkeep,
  input  wire logic              s_axis_tlast,
  input  wire logic [63:0]       s_axis_tuser,
  input  wire logic              s_axis_tvalid,
  output logic                   s_axis_tready,

  output logic [511:0]           m_axis_tdata,
  output logic [63:0]            m_axis_tkeep,
  output logic                   m_axis_tlast,
  output logic [63:0]            m_axis_tuser,
  output logic                   m_axis_tvalid,
  input  wire logic              m_axis_tready,

  output logic                   m_res_valid,
  input  wire logic              m_res_ready,
  output logic [7:0]             m_res_drop,
  output logic [15:0]            m_res_len,
  output logic [15:0]            m_res_inner_mtu
);
  localparam int unsigned HB = MCNIC_TMPL_HDR_MAX;   // header bytes
  localparam int unsigned CMD_W = 8 * (mcnic_encap_tmpl_BYTES + mcnic_layer_BYTES) +
                                  32 + 16 + 16;

  initial begin
    if (HB % 64 != 0)
      $error("mcnic_encap: MCNIC_TMPL_HDR_MAX must be whole beats");
  end

  function automatic logic [15:0] fold(input logic [31:0] s);
    logic [31:0] t;
    t = {16'd0, s[15:0]} + {16'd0, s[31:16]};
    t = {16'd0, t[15:0]} + {16'd0, t[31:16]};
    return t[15:0];
  endfunction

  // ---- stage c: the command as received (a 2-entry FIFO) ----
  logic              c_valid, c_adv;
  mcnic_encap_tmpl_t c_tmpl;
  mcnic_layer_t      c_in;
  logic [31:0]       c_hash;
  logic [15:0]       c_ip_id, c_len;

  // ---- stage p: decided and patched ----
  logic              p_valid, p_adv;
  logic [7:0]        p_drop, pd_drop;
  logic [15:0]       p_inner_mtu, pd_inner_mtu;
  logic [15:0]       p_out_len, pd_out_len, p_skip, pd_skip, p_hdr_len, pd_hdr_len;
  logic [HB-1:0][7:0] p_hdr, pd_hdr;
  logic              p_want, pd_want, p_swap, pd_swap;
  logic [31:0]       p_csum_init, pd_csum_init;
  logic [7:0]        p_l4_off;

  // ---- stage h: ready for the inserter ----
  logic              h_valid, h_pop;
  logic [15:0]       h_out_len, h_skip, h_hdr_len;
  logic [HB-1:0][7:0] h_hdr, h_hdr_out;
  logic              h_want, h_swap;
  logic [31:0]       h_csum_base;
  logic [HB-1:0]     h_ck_hi, h_ck_lo;

  logic [31:0]       hsum;
  logic [15:0]       hsum16;
  logic [HB-1:0]     ck_hi;
  logic              res_ready;

  logic [511:0]      b_tdata;
  logic              b_tlast, b_tvalid, b_tready;
  logic [63:0]       b_tuser;
  logic              sum_valid;
  logic [31:0]       sum;
  logic [15:0]       dsum, ck;
  logic              ins_valid;

  assign c_adv = c_valid && (!p_valid || p_adv);
  // The result is queued as the command enters h_q.
  assign p_adv = p_valid && (!h_valid || h_pop) && res_ready;

  // Two entries, so that s_cmd_ready comes from a register (not from
  // m_axis_tready through the whole pipeline) at one command per cycle.
  mcnic_fifo #(.DATA_W(CMD_W), .DEPTH(2)) u_cmd (
    .clk, .rst,
    .s_valid(s_cmd_valid), .s_ready(s_cmd_ready),
    .s_data({s_cmd_len, s_cmd_ip_id, s_cmd_hash, s_cmd_in, s_cmd_tmpl}),
    .m_valid(c_valid), .m_ready(c_adv),
    .m_data({c_len, c_ip_id, c_hash, c_in, c_tmpl})
  );

  mcnic_encap_prep u_prep (
    .tmpl(c_tmpl), .in(c_in), .hash(c_hash), .ip_id(c_ip_id), .len(c_len),
    .drop(pd_drop), .inner_mtu(pd_inner_mtu), .out_len(pd_out_len),
    .skip(pd_skip), .hdr_len(pd_hdr_len), .hdr(pd_hdr), .want_csum(pd_want),
    .csum_init(pd_csum_init), .swap_data(pd_swap)
  );

  always_ff @(posedge clk) begin
    if (c_adv) begin
      p_drop <= pd_drop;
      p_inner_mtu <= pd_inner_mtu;
      p_out_len <= pd_out_len;
      p_skip <= pd_skip;
      p_hdr_len <= pd_hdr_len;
      p_hdr <= pd_hdr;
      p_want <= pd_want;
      p_swap <= pd_swap;
      p_csum_init <= pd_csum_init;
      p_l4_off <= c_tmpl.l4_off;
    end
    if (!p_valid || p_adv)
      p_valid <= c_adv;
    if (rst)
      p_valid <= 1'b0;
  end

  // The header's share of the UDP checksum: hdr[l4_off, hdr_len) as
  // 16-bit words counted from l4_off (summed at even offsets, swapped when
  // l4_off is odd: RFC 1071 §2(B)).
  always_comb begin
    logic [7:0] hi, lo;
    hsum = '0;
    for (int i = 0; i < int'(HB); i += 2) begin
      hi = i >= int'(p_l4_off) && i < int'(p_hdr_len) ? p_hdr[i] : 8'd0;
      lo = i + 1 >= int'(p_l4_off) && i + 1 < int'(p_hdr_len) ? p_hdr[i+1] : 8'd0;
      hsum = hsum + {16'd0, hi, lo};
    end
    hsum16 = fold(hsum);
    if (p_l4_off[0])
      hsum16 = {hsum16[7:0], hsum16[15:8]};
    ck_hi = p_want ? HB'(1) << (p_l4_off + 8'd6) : '0;
  end

  always_ff @(posedge clk) begin
    if (p_adv) begin
      h_out_len <= p_out_len;
      h_skip <= p_skip;
      h_hdr_len <= p_hdr_len;
      h_hdr <= p_hdr;
      h_want <= p_want;
      h_swap <= p_swap;
      h_csum_base <= p_csum_init + {16'd0, hsum16};
      h_ck_hi <= ck_hi;
      h_ck_lo <= ck_hi << 1;
    end
    if (!h_valid || h_pop)
      h_valid <= p_adv;
    if (rst)
      h_valid <= 1'b0;
  end

  mcnic_fifo #(.DATA_W(40), .DEPTH(4)) u_res (
    .clk, .rst,
    .s_valid(p_adv), .s_ready(res_ready),
    .s_data({p_inner_mtu, p_out_len, p_drop}),
    .m_valid(m_res_valid), .m_ready(m_res_ready),
    .m_data({m_res_inner_mtu, m_res_len, m_res_drop})
  );

  mcnic_encap_buf #(.DEPTH_W(BUF_DEPTH_W), .USER_W(64)) u_buf (
    .clk, .rst,
    .s_axis_tdata, .s_axis_tkeep, .s_axis_tlast, .s_axis_tuser,
    .s_axis_tvalid, .s_axis_tready,
    .m_axis_tdata(b_tdata), .m_axis_tlast(b_tlast), .m_axis_tuser(b_tuser),
    .m_axis_tvalid(b_tvalid), .m_axis_tready(b_tready),
    .m_sum_valid(sum_valid), .m_sum_ready(h_pop), .m_sum(sum)
  );

  // The UDP checksum once the frame's sum is in: pseudo-header, UDP
  // length, header share and the frame's bytes; zero is sent as all ones.
  always_comb begin
    dsum = fold(sum);
    if (h_swap)
      dsum = {dsum[7:0], dsum[15:8]};
    ck = ~fold(h_csum_base + {16'd0, dsum});
    if (ck == 16'd0)
      ck = 16'hffff;
    for (int i = 0; i < int'(HB); i++)
      h_hdr_out[i] = h_ck_hi[i] ? ck[15:8] : h_ck_lo[i] ? ck[7:0] : h_hdr[i];
    ins_valid = h_valid && (!h_want || sum_valid);
  end

  // Every frame's sum is queued before its last beat can reach the
  // inserter, so it is there when the frame ends and h_pop takes it.
  mcnic_axis_insert #(.HDR_BEATS(HB / 64), .USER_W(64)) u_ins (
    .clk, .rst,
    .s_cmd_valid(ins_valid), .s_cmd_ready(h_pop),
    .s_cmd_hdr(h_hdr_out), .s_cmd_hdr_len(h_hdr_len), .s_cmd_skip(h_skip),
    .s_cmd_len(h_out_len),
    .s_axis_tdata(b_tdata), .s_axis_tlast(b_tlast), .s_axis_tuser(b_tuser),
    .s_axis_tvalid(b_tvalid), .s_axis_tready(b_tready),
    .m_axis_tdata, .m_axis_tkeep, .m_axis_tlast, .m_axis_tuser,
    .m_axis_tvalid, .m_axis_tready
  );
endmodule

`default_nettype wire
