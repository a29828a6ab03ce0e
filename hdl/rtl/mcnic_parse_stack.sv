// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// One header stack of the parser, as firmware/dp/parse.c
// mcnic_parse_stack() parses it: Ethernet (and VLAN tags), IP, the IPv6
// extension headers, L4.  INNER = 0: the outer packet (meta.outer, from
// byte 0); INNER = 1: a tunnel's inner frame (meta.inner, from off_i,
// carrying protocol tproto_i: mcnic_parse_inner()), whose errors set
// err_inner.
//
// A pipeline of 3 + MCNIC_IPV6_EXT_MAX register stages, one header each,
// so a new frame can enter every cycle.  Each stage reads its header from
// the window shifted by the stage's offset (a barrel shifter per stage),
// then hands the window on unchanged.  A frame that is done (stop: an
// error, a deep header or the end of the parse) passes through untouched.
`default_nettype none

module mcnic_parse_stack
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES,
  parameter bit INNER = 1'b0
) (
  input  wire logic                   clk,
  input  wire logic                   rst,
  input  wire logic                   en,       // all stages advance
  input  wire logic                   v_i,
  input  wire logic [HDR_BYTES*8-1:0] win_i,
  input  wire logic [63:0]            user_i,
  input  wire mcnic_pkt_meta_t        m_i,
  input  wire logic [15:0]            off_i,
  input  wire logic [15:0]            end_i,
  input  wire logic [15:0]            tproto_i, // INNER: the carried protocol
  input  wire logic [7:0]             err_i,
  input  wire logic                   deep_i,
  input  wire logic                   stop_i,
  output logic                        v_o,
  output logic [HDR_BYTES*8-1:0]      win_o,
  output logic [63:0]                 user_o,
  output mcnic_pkt_meta_t             m_o,
  output logic [15:0]                 off_o,
  output logic [15:0]                 end_o,
  output logic [7:0]                  err_o,
  output logic                        deep_o,
  output logic                        stop_o
);
  localparam int unsigned W = HDR_BYTES * 8;
  localparam int unsigned NX = MCNIC_IPV6_EXT_MAX;
  localparam int unsigned NS = NX + 3;    // eth, ip, ext..., l4

  initial begin
    if (HDR_BYTES < 64 || (HDR_BYTES & (HDR_BYTES - 1)) != 0)
      $error("mcnic_parse_stack: HDR_BYTES must be a power of two >= 64");
  end

  // What travels with a frame from stage to stage (besides its window).
  typedef struct packed {
    logic            v;
    logic            stop;
    logic            deep;
    logic [7:0]      err;
    logic [15:0]     off;    // the next header
    logic [15:0]     end_;   // the span's end
    logic            walk;   // IPv6 extension header walk going on
    logic [7:0]      nh;     // its next header
    logic [63:0]     user;
    mcnic_pkt_meta_t m;
  } ctx_t;

  /* verilator lint_off UNUSEDSIGNAL */
  function automatic mcnic_layer_t get_l(input mcnic_pkt_meta_t m);
    return INNER ? m.inner : m.outer;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  function automatic mcnic_pkt_meta_t put_l(input mcnic_pkt_meta_t m,
                                            input mcnic_layer_t l);
    mcnic_pkt_meta_t r;
    r = m;
    if (INNER)
      r.inner = l;
    else
      r.outer = l;
    return r;
  endfunction

  // A stage's result: err/deep end the parse of the frame.
  function automatic ctx_t fail(input ctx_t c, input logic [7:0] err,
                                input logic deep);
    ctx_t r;
    r = c;
    if (deep) begin
      r.deep = 1'b1;
      r.stop = 1'b1;
    end else if (err != 8'(MCNIC_DROP_NONE)) begin
      r.err  = err;
      r.stop = 1'b1;
      if (INNER)
        r.m.err_inner = 8'd1;
    end
    return r;
  endfunction

  ctx_t            q   [NS];   // stage registers
  logic [W-1:0]    qw  [NS];   // and their windows
  ctx_t            d   [NS];
  ctx_t            c_in;
  logic [W-1:0]    win_in;

  always_comb begin
    c_in      = '0;
    c_in.v    = v_i;
    c_in.stop = stop_i;
    c_in.deep = deep_i;
    c_in.err  = err_i;
    c_in.off  = off_i;
    c_in.end_ = end_i;
    c_in.user = user_i;
    c_in.m    = m_i;
    win_in    = win_i;
  end

  // ---- stage 0: Ethernet (inner: first the carried protocol) ----
  logic [22*8-1:0]   v0;
  mcnic_layer_t      e_l;
  logic [15:0]       e_off;
  logic [7:0]        e_err;
  logic              e_deep, e_go;
  mcnic_pkt_meta_t   e_m;

  mcnic_parse_view #(.HDR_BYTES(HDR_BYTES), .N(22)) u_v0 (
    .win(win_in), .off(c_in.off), .view(v0));

  always_comb begin
    e_m  = c_in.m;
    e_go = 1'b1;
    if (INNER) begin
      e_m.tun_proto = tproto_i;
      e_m.inner_off = c_in.off;
      if (tproto_i == 16'(MCNIC_ETH_P_TEB))
        e_m.tflags = e_m.tflags | 16'(MCNIC_TF_INNER_L2);
      else
        e_go = 1'b0;
    end
  end

  mcnic_parse_eth #(.HDR_BYTES(HDR_BYTES)) u_eth (
    .hdr(v0), .off(c_in.off), .end_(c_in.end_),
    .l_i(get_l(e_m)), .l_o(e_l), .off_o(e_off), .err(e_err), .deep(e_deep)
  );

  mcnic_layer_t      e_lt;

  always_comb begin
    d[0] = c_in;
    e_lt = '0;
    if (c_in.v && !c_in.stop) begin
      d[0].m = e_m;
      if (e_go) begin
        d[0].m   = put_l(e_m, e_l);
        d[0].off = e_off;
        d[0]     = fail(d[0], e_err, e_deep);
      end else if (tproto_i == 16'(MCNIC_ETH_P_IPV4) ||
                   tproto_i == 16'(MCNIC_ETH_P_IPV6)) begin
        // An IP inner frame: the stack starts at L3, typed by tproto.
        // (The layer is still as mcnic_parse() initialised it.)
        e_lt           = get_l(e_m);
        e_lt.ethertype = tproto_i;
        d[0].m         = put_l(e_m, e_lt);
      end else begin
        d[0].stop = 1'b1;   // carried, not understood
      end
    end
  end

  // ---- stage 1: IPv4 / IPv6 ----
  logic [40*8-1:0]   v1;
  mcnic_layer_t      i_l;
  logic [15:0]       i_off, i_end;
  logic [7:0]        i_err, i_nh;
  logic              i_deep, i_not_ip, i_walk;

  mcnic_parse_view #(.HDR_BYTES(HDR_BYTES), .N(40)) u_v1 (
    .win(qw[0]), .off(q[0].off), .view(v1));

  mcnic_parse_ip #(.HDR_BYTES(HDR_BYTES)) u_ip (
    .hdr(v1), .off(q[0].off), .end_(q[0].end_), .l_i(get_l(q[0].m)),
    .l_o(i_l), .off_o(i_off), .end_o(i_end), .not_ip(i_not_ip), .walk(i_walk),
    .nh(i_nh), .err(i_err), .deep(i_deep)
  );

  always_comb begin
    d[1] = q[0];
    if (q[0].v && !q[0].stop) begin
      d[1].m    = put_l(q[0].m, i_l);
      d[1].off  = i_off;
      d[1].end_ = i_end;
      d[1].walk = i_walk;
      d[1].nh   = i_nh;
      d[1].stop = i_not_ip;
      d[1]      = fail(d[1], i_err, i_deep);
    end
  end

  // ---- stages 2 .. NX+1: IPv6 extension headers ----
  for (genvar k = 0; k < NX; k++) begin : g_ext
    logic [4*8-1:0] vx;
    mcnic_layer_t  x_l;
    logic [15:0]   x_off;
    logic [7:0]    x_err, x_nh;
    logic          x_deep, x_walk, x_act;

    mcnic_parse_view #(.HDR_BYTES(HDR_BYTES), .N(4)) u_vx (
      .win(qw[k + 1]), .off(q[k + 1].off), .view(vx));
    assign x_act = q[k + 1].v && !q[k + 1].stop && q[k + 1].walk;

    mcnic_parse_ext #(.HDR_BYTES(HDR_BYTES), .IDX(k)) u_ext (
      .hdr(vx), .off(q[k + 1].off), .end_(q[k + 1].end_),
      .walk(x_act), .nh(q[k + 1].nh), .l_i(get_l(q[k + 1].m)),
      .l_o(x_l), .off_o(x_off), .walk_o(x_walk), .nh_o(x_nh),
      .err(x_err), .deep(x_deep)
    );

    always_comb begin
      d[k + 2] = q[k + 1];
      if (x_act) begin
        d[k + 2].m    = put_l(q[k + 1].m, x_l);
        d[k + 2].off  = x_off;
        d[k + 2].walk = x_walk;
        d[k + 2].nh   = x_nh;
        d[k + 2]      = fail(d[k + 2], x_err, x_deep);
      end
    end
  end

  // ---- stage NX+2: L4 ----
  localparam int unsigned L4 = NX + 2;
  logic [14*8-1:0]   v4;
  mcnic_layer_t      u_l;
  logic [7:0]        u_err;
  logic              u_deep;

  mcnic_parse_view #(.HDR_BYTES(HDR_BYTES), .N(14)) u_v4 (
    .win(qw[L4 - 1]), .off(q[L4 - 1].off), .view(v4));

  mcnic_parse_l4 #(.HDR_BYTES(HDR_BYTES)) u_l4 (
    .hdr(v4), .off(q[L4 - 1].off), .end_(q[L4 - 1].end_),
    .walk(q[L4 - 1].walk), .l_i(get_l(q[L4 - 1].m)), .l_o(u_l),
    .err(u_err), .deep(u_deep)
  );

  always_comb begin
    d[L4] = q[L4 - 1];
    if (q[L4 - 1].v && !q[L4 - 1].stop) begin
      d[L4].m    = put_l(q[L4 - 1].m, u_l);
      d[L4].walk = 1'b0;
      // The inner stack is the last thing parsed.
      d[L4].stop = INNER;
      d[L4]      = fail(d[L4], u_err, u_deep);
    end
  end

  always_ff @(posedge clk) begin
    if (en) begin
      for (int i = 0; i < int'(NS); i++)
        q[i] <= d[i];
      qw[0] <= win_in;
      for (int i = 1; i < int'(NS); i++)
        qw[i] <= qw[i - 1];
    end
    if (rst) begin
      for (int i = 0; i < int'(NS); i++)
        q[i].v <= 1'b0;
    end
  end

  assign v_o    = q[NS - 1].v;
  assign win_o  = qw[NS - 1];
  assign user_o = q[NS - 1].user;
  assign m_o    = q[NS - 1].m;
  assign off_o  = q[NS - 1].off;
  assign end_o  = q[NS - 1].end_;
  assign err_o  = q[NS - 1].err;
  assign deep_o = q[NS - 1].deep;
  assign stop_o = q[NS - 1].stop;
endmodule

`default_nettype wire
