// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The packet parser: for every frame, the metadata and drop reason that
// firmware/dp/parse.c mcnic_parse() gives, bit for bit, from the first
// HDR_BYTES bytes of the frame and its length.  A frame whose headers
// reach beyond HDR_BYTES (mcnic_parse() would read a byte there) comes out
// with m_meta_deep set instead: the firmware parses it.
//
// Store and forward: frames go into a frame FIFO (FRAME_DEPTH beats, at
// least two jumbo frames) while their first HDR_BYTES are captured; with
// the last beat the window enters the parse pipeline:
//
//   capture -> window queue -> outer stack (mcnic_parse_stack, 7 stages)
//     -> tunnel header (mcnic_parse_tun) -> GENEVE options (mcnic_parse_gnv)
//     -> inner stack (7 stages) -> metadata FIFO -> m_meta
//
// A frame leaves m_axis, unchanged and in order, once its metadata record
// is on m_meta or taken: the record comes before or with the frame's first
// beat.  One frame enters the pipeline per cycle; only a GENEVE
// header with more than GNV_STEPS options holds the stages before the
// option walk, for one cycle per GNV_STEPS options more.  The pipeline
// itself never waits for m_meta: a frame enters it only while the
// metadata FIFO has room for every frame in flight.
`default_nettype none

module mcnic_parser
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES   = MCNIC_HW_HDR_BYTES,
  parameter int unsigned FRAME_DEPTH = 512,   // beats of frame FIFO
  parameter int unsigned META_DEPTH  = 32,    // records of metadata FIFO
  parameter int unsigned GNV_STEPS   = 4      // GENEVE options per cycle
) (
  input  wire logic             clk,
  input  wire logic             rst,
  input  wire mcnic_parse_cfg_t cfg,
  input  wire logic [511:0]     s_axis_tdata,
  input  wire logic [63:0]      s_axis_tkeep,
  input  wire logic             s_axis_tlast,
  input  wire logic             s_axis_tvalid,
  output logic                  s_axis_tready,
  input  wire logic [63:0]      s_axis_tuser,
  output logic [511:0]          m_axis_tdata,
  output logic [63:0]           m_axis_tkeep,
  output logic                  m_axis_tlast,
  output logic                  m_axis_tvalid,
  input  wire logic             m_axis_tready,
  output logic [63:0]           m_axis_tuser,
  output logic                  m_meta_valid,
  input  wire logic             m_meta_ready,
  output mcnic_pkt_meta_t       m_meta,
  output logic [7:0]            m_meta_err,
  output logic                  m_meta_deep,
  output logic [63:0]           m_meta_tuser
);
  localparam int unsigned W      = HDR_BYTES * 8;
  localparam int unsigned BEAT_W = 512 + 64 + 1 + 64;
  localparam int unsigned HREC_W = W + 16 + 64;
  localparam int unsigned MREC_W = mcnic_pkt_meta_BYTES * 8 + 8 + 1 + 64;
  // The option area starts 16 bytes after the outer L4 header (UDP,
  // GENEVE) and is up to 63 words long.
  localparam int unsigned OPT_B  = MCNIC_GENEVE_OPTLEN_MASK * 4;
  localparam int unsigned CW     = $clog2(META_DEPTH + 1);

  initial begin
    if (HDR_BYTES < 64 || (HDR_BYTES & (HDR_BYTES - 1)) != 0)
      $error("mcnic_parser: HDR_BYTES must be a power of two >= 64");
    if (FRAME_DEPTH * 64 < 2 * MCNIC_HW_FRAME_MAX)
      $error("mcnic_parser: FRAME_DEPTH must hold two jumbo frames");
    if (META_DEPTH < 4)
      $error("mcnic_parser: META_DEPTH must be at least 4");
    if (OPT_B != 252)
      $error("mcnic_parser: the option walk is built for 63 words");
  end

  // ---- frames in: the frame FIFO and the header window ----
  logic             ff_ready, hq_ready, beat;
  logic             rec_v;
  logic [W-1:0]     rec_win;
  logic [15:0]      rec_len;
  logic [63:0]      rec_user;

  // From registers only: not in reset, room in the frame FIFO, and a
  // window queue slot kept free for every beat (it may be a last one).
  logic             up;

  always_ff @(posedge clk)
    up <= !rst;

  assign s_axis_tready = up && ff_ready && hq_ready;
  assign beat          = s_axis_tvalid && s_axis_tready;

  logic             ff_v, ff_pop;
  logic [BEAT_W-1:0] ff_d;

  mcnic_fifo_ram #(.DATA_W(BEAT_W), .DEPTH(FRAME_DEPTH)) u_frames (
    .clk, .rst,
    .s_valid(beat), .s_ready(ff_ready),
    .s_data({s_axis_tuser, s_axis_tlast, s_axis_tkeep, s_axis_tdata}),
    .m_valid(ff_v), .m_ready(ff_pop), .m_data(ff_d)
  );

  mcnic_parse_cap #(.HDR_BYTES(HDR_BYTES)) u_cap (
    .clk, .rst, .beat, .tdata(s_axis_tdata), .tkeep(s_axis_tkeep),
    .tlast(s_axis_tlast), .tuser(s_axis_tuser),
    .rec_v, .rec_win, .rec_len, .rec_user
  );

  logic              hq_v, hq_pop;
  logic [HREC_W-1:0] hq_d;

  mcnic_fifo_ram #(.DATA_W(HREC_W), .DEPTH(4)) u_windows (
    .clk, .rst,
    .s_valid(rec_v), .s_ready(hq_ready), .s_data({rec_user, rec_len, rec_win}),
    .m_valid(hq_v), .m_ready(hq_pop), .m_data(hq_d)
  );

  // ---- admission: room in the metadata FIFO for every frame in flight ----
  logic          adv;        // the stages before the option walk advance
  logic [CW-1:0] inflight;
  logic          mq_pop, mq_push;

  assign hq_pop = hq_v && adv && inflight < CW'(META_DEPTH);

  always_ff @(posedge clk) begin
    if (rst)
      inflight <= '0;
    else
      inflight <= inflight + CW'(hq_pop) - CW'(mq_pop);
  end

  // ---- outer stack ----
  mcnic_pkt_meta_t m0;
  logic [15:0]     in_len;

  assign in_len = hq_d[W +: 16];

  // mcnic_parse(): the tunnel part cleared, the inner layer initialised
  // (the outer one is initialised by its stack, here too).
  always_comb begin
    m0                 = '0;
    m0.len             = in_len;
    m0.inner_off       = 16'(MCNIC_OFF_NONE);
    m0.outer.l2_off    = 16'(MCNIC_OFF_NONE);
    m0.outer.l3_off    = 16'(MCNIC_OFF_NONE);
    m0.outer.l4_off    = 16'(MCNIC_OFF_NONE);
    m0.inner.l2_off    = 16'(MCNIC_OFF_NONE);
    m0.inner.l3_off    = 16'(MCNIC_OFF_NONE);
    m0.inner.l4_off    = 16'(MCNIC_OFF_NONE);
  end

  logic            o_v, o_deep, o_stop;
  logic [W-1:0]    o_win;
  logic [63:0]     o_user;
  mcnic_pkt_meta_t o_m;
  logic [15:0]     o_end;
  logic [7:0]      o_err;

  // Output offset and tproto: only the inner stack uses them.
  /* verilator lint_off PINCONNECTEMPTY */
  mcnic_parse_stack #(.HDR_BYTES(HDR_BYTES), .INNER(1'b0)) u_outer (
    .clk, .rst, .en(adv),
    .v_i(hq_pop), .win_i(hq_d[W-1:0]), .user_i(hq_d[W + 16 +: 64]), .m_i(m0),
    .off_i(16'd0), .end_i(in_len), .tproto_i(16'd0), .err_i(8'd0),
    .deep_i(1'b0), .stop_i(1'b0),
    .v_o(o_v), .win_o(o_win), .user_o(o_user), .m_o(o_m), .off_o(),
    .end_o(o_end), .err_o(o_err), .deep_o(o_deep), .stop_o(o_stop)
  );
  /* verilator lint_on PINCONNECTEMPTY */

  // ---- tunnel header ----
  typedef struct packed {
    logic            v;
    logic            stop;
    logic            deep;
    logic [7:0]      err;
    logic [15:0]     off;
    logic [15:0]     end_;
    logic            gwalk;     // GENEVE options to walk
    logic            more;      // (in the walk stage) not done yet
    logic [5:0]      w;         // the next option word
    logic [15:0]     tproto;
    logic [63:0]     user;
    mcnic_pkt_meta_t m;
  } ctx_t;

  logic [(16 + OPT_B)*8-1:0] tv;
  logic [15:0]        l4off;
  mcnic_pkt_meta_t    t_m;
  logic [15:0]        t_off, t_end, t_proto;
  logic               t_inner, t_gwalk, t_deep;
  logic [7:0]         t_err;
  ctx_t               t_d, t_q, g_d, g_q, g_src;
  logic [W-1:0]       t_qw, g_qw;
  logic [OPT_B*8-1:0] t_qo, g_qo, g_srco;

  // The outer L4 header on (the window from there, zero beyond).
  assign l4off = o_m.outer.l4_off;
  mcnic_parse_view #(.HDR_BYTES(HDR_BYTES), .N(16 + OPT_B)) u_tv (
    .win(o_win), .off(l4off), .view(tv));

  // A frame whose tuser (mcnic_hw_rx_user_t) says plain is parsed with no
  // tunnel ports: the firmware's parse of a vport's frames.
  /* verilator lint_off UNUSEDSIGNAL */
  mcnic_hw_rx_user_t o_u;
  /* verilator lint_on UNUSEDSIGNAL */
  mcnic_parse_cfg_t  t_cfg;
  assign o_u = mcnic_hw_rx_user_t'(o_user);
  assign t_cfg = o_u.plain != 8'd0 ? '0 : cfg;

  mcnic_parse_tun #(.HDR_BYTES(HDR_BYTES)) u_tun (
    .hdr(tv[24*8-1:0]), .cfg(t_cfg), .end_(o_end), .m_i(o_m), .m_o(t_m),
    .off_o(t_off), .end_o(t_end), .inner(t_inner), .gwalk(t_gwalk),
    .tproto(t_proto), .err(t_err), .deep(t_deep)
  );

  always_comb begin
    t_d      = '0;
    t_d.v    = o_v;
    t_d.stop = o_stop;
    t_d.deep = o_deep;
    t_d.err  = o_err;
    t_d.end_ = o_end;
    t_d.user = o_user;
    t_d.m    = o_m;
    if (o_v && !o_stop) begin
      t_d.m      = t_m;
      t_d.off    = t_off;
      t_d.end_   = t_end;
      t_d.gwalk  = t_gwalk;
      t_d.tproto = t_proto;
      if (t_deep) begin
        t_d.deep = 1'b1;
        t_d.stop = 1'b1;
      end else if (t_err != 8'(MCNIC_DROP_NONE)) begin
        t_d.err  = t_err;
        t_d.stop = 1'b1;
      end else if (!t_inner && !t_gwalk) begin
        t_d.stop = 1'b1;   // not a tunnel, or ESP: done
      end
    end
  end

  always_ff @(posedge clk) begin
    if (adv) begin
      t_q  <= t_d;
      t_qw <= o_win;
      t_qo <= tv[16*8 +: OPT_B*8];
    end
    if (rst)
      t_q.v <= 1'b0;
  end

  // ---- GENEVE options: GNV_STEPS per cycle, holding the stages before ----
  logic [5:0]  gn_w;
  logic [15:0] gn_tflags, gn_ident;
  logic        gn_more, gn_deep, gn_act;
  logic [7:0]  gn_err;

  assign adv    = !(g_q.v && g_q.more);
  assign g_src  = adv ? t_q : g_q;
  assign g_srco = adv ? t_qo : g_qo;
  assign gn_act = g_src.v && !g_src.stop && g_src.gwalk;

  mcnic_parse_gnv #(.HDR_BYTES(HDR_BYTES), .STEPS(GNV_STEPS)) u_gnv (
    .opt(g_srco), .opt_off(g_src.m.gnv_opt_off),
    .nwords(g_src.m.gnv_opt_len[7:2]), .w_i(g_src.w),
    .tflags_i(g_src.m.tflags), .ident_i(g_src.m.ident),
    .w_o(gn_w), .tflags_o(gn_tflags), .ident_o(gn_ident), .more(gn_more),
    .err(gn_err), .deep(gn_deep)
  );

  always_comb begin
    g_d = g_src;
    if (gn_act) begin
      g_d.w        = gn_w;
      g_d.m.tflags = gn_tflags;
      g_d.m.ident  = gn_ident;
      g_d.more     = gn_more;
      g_d.gwalk    = gn_more;
      if (gn_deep) begin
        g_d.deep = 1'b1;
        g_d.stop = 1'b1;
      end else if (gn_err != 8'(MCNIC_DROP_NONE)) begin
        g_d.err  = gn_err;
        g_d.stop = 1'b1;
      end
    end
  end

  always_ff @(posedge clk) begin
    g_q <= g_d;
    if (adv) begin
      g_qw <= t_qw;
      g_qo <= t_qo;
    end
    if (rst)
      g_q.v <= 1'b0;
  end

  // ---- inner stack ----
  logic            n_v, n_deep;
  mcnic_pkt_meta_t n_m;
  logic [63:0]     n_user;
  logic [7:0]      n_err;

  /* verilator lint_off PINCONNECTEMPTY */
  mcnic_parse_stack #(.HDR_BYTES(HDR_BYTES), .INNER(1'b1)) u_inner (
    .clk, .rst, .en(1'b1),
    .v_i(g_q.v && !g_q.more), .win_i(g_qw), .user_i(g_q.user), .m_i(g_q.m),
    .off_i(g_q.off), .end_i(g_q.end_), .tproto_i(g_q.tproto),
    .err_i(g_q.err), .deep_i(g_q.deep), .stop_i(g_q.stop),
    .v_o(n_v), .win_o(), .user_o(n_user), .m_o(n_m), .off_o(), .end_o(),
    .err_o(n_err), .deep_o(n_deep), .stop_o()
  );
  /* verilator lint_on PINCONNECTEMPTY */

  // ---- metadata out ----
  logic              mq_v;
  logic [MREC_W-1:0] mq_d;
  // Never full: frames enter only while it has room (inflight).
  /* verilator lint_off UNUSEDSIGNAL */
  logic              mq_ready_unused;
  /* verilator lint_on UNUSEDSIGNAL */

  assign mq_push = n_v;

  mcnic_fifo_ram #(.DATA_W(MREC_W), .DEPTH(META_DEPTH)) u_meta (
    .clk, .rst,
    .s_valid(mq_push), .s_ready(mq_ready_unused),
    .s_data({n_user, n_deep, n_err, n_m}),
    .m_valid(mq_v), .m_ready(m_meta_ready), .m_data(mq_d)
  );

  assign mq_pop       = mq_v && m_meta_ready;
  assign m_meta_valid = mq_v;
  assign m_meta       = mq_d[0 +: mcnic_pkt_meta_BYTES * 8];
  assign m_meta_err   = mq_d[mcnic_pkt_meta_BYTES * 8 +: 8];
  assign m_meta_deep  = mq_d[mcnic_pkt_meta_BYTES * 8 + 8];
  assign m_meta_tuser = mq_d[mcnic_pkt_meta_BYTES * 8 + 9 +: 64];

  // ---- frames out: each once its record is out ----
  // A frame's first beat is offered only while its record is on m_meta or
  // has been taken: taken records minus started frames, then, is at least
  // 0 (never below -1: the record on m_meta while its frame starts).
  logic signed [15:0] ahead;
  logic               mid;     // a frame is going out
  logic               go;

  assign go            = mid || ahead > 16'sd0 || (ahead == 16'sd0 && mq_v);
  assign m_axis_tvalid = ff_v && go;
  assign ff_pop        = m_axis_tvalid && m_axis_tready;
  assign m_axis_tdata  = ff_d[511:0];
  assign m_axis_tkeep  = ff_d[575:512];
  assign m_axis_tlast  = ff_d[576];
  assign m_axis_tuser  = ff_d[640:577];

  always_ff @(posedge clk) begin
    if (rst) begin
      ahead <= 16'sd0;
      mid   <= 1'b0;
    end else begin
      ahead <= ahead + 16'(mq_pop) - 16'(ff_pop && !mid);
      if (ff_pop)
        mid <= !m_axis_tlast;
    end
  end
endmodule

`default_nettype wire
