// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// Tunnel decapsulation, bit for bit firmware/dp/decap.c mcnic_decap():
// the meta-only prechecks, the outer IPv4 header checksum, the outer UDP
// checksum (pseudo-header, zero-checksum rules) or the GRE checksum, the
// GENEVE critical-option and OAM refusals and RFC 6040 ECN (with the
// RFC 1624 update of an inner IPv4 checksum, computed as the C does); the
// result is the inner frame [start, end), an L3 inner packet behind a
// 14-byte Ethernet header (s_cmd_l3_dmac/smac, IPv4 or IPv6 type).
//
// Store and forward, overlapped: a frame is checked while it is written
// into the frame buffer (the checksums cover ranges that may end anywhere,
// so the verdict exists only after the frame's last beat), and is read out
// while the next frames are being checked.  Per frame, in order:
//
//   s_cmd (meta, one per frame) --decode--> command queue (2)
//   s_axis --A: offsets of the fields we read--> B: masked checksum sums,
//     Ethernet header and ECN rewrite at their byte positions
//     --> mcnic_axis_strip: keep [start, end), realigned --> buffer RAM
//   B, after the last beat --> V: verdict --> result FIFO (m_res) and
//     output FIFO (skip or send, beats, tuser)
//   output FIFO + buffer --> m_axis (a dropped frame's beats are skipped
//     in one cycle; a frame dropped from the meta alone stores nothing)
//
// A frame waits (s_axis_tready low) at its first beat until its command
// is here, so a command arriving late costs time, never a deadlock: the
// producer must be able to present the command before the frame's beats
// are taken (the parser sends meta first).  The checks need one input beat
// per cycle and the output one beat per cycle, so a stream of frames runs
// at max(input beats, output beats) cycles per frame.
//
// tuser of a frame's first beat is sent with every output beat of it.
// m_res_len is the output length, 0 for a dropped frame.
//
// The parser places every offset so that the fields read here sit at even
// positions (Ethernet + VLANs, IP headers, options and GENEVE/GRE headers
// are all multiples of 2 bytes): 16-bit words are read, and checksums
// summed, on even frame offsets.
`default_nettype none

module mcnic_decap
  import mcnic_pkg::*;
#(
  parameter int unsigned BUF_W = 9,  // log2 beats of the frame buffer
  parameter int unsigned FQ_W  = 5   // log2 frames verdicted, not yet out
) (
  input  wire logic            clk,
  input  wire logic            rst,

  input  wire logic            s_cmd_valid,
  output logic                 s_cmd_ready,
  input  wire mcnic_pkt_meta_t s_cmd_meta,
  input  wire logic            s_cmd_udp6_zero_ok,
  input  wire logic [47:0]     s_cmd_l3_dmac,
  input  wire logic [47:0]     s_cmd_l3_smac,

  input  wire logic [511:0]    s_axis_tdata,
  input  wire logic [63:0]     s_axis_tkeep,
  input  wire logic            s_axis_tlast,
  input  wire logic            s_axis_tvalid,
  output logic                 s_axis_tready,
  input  wire logic [63:0]     s_axis_tuser,

  output logic [511:0]         m_axis_tdata,
  output logic [63:0]          m_axis_tkeep,
  output logic                 m_axis_tlast,
  output logic                 m_axis_tvalid,
  input  wire logic            m_axis_tready,
  output logic [63:0]          m_axis_tuser,

  output logic                 m_res_valid,
  input  wire logic            m_res_ready,
  output logic [7:0]           m_res_drop,
  output logic [15:0]          m_res_len
);
  initial begin
    // The buffer must hold a frame of MCNIC_HW_FRAME_MAX and then some.
    if (BUF_W < 8 || BUF_W > 16)
      $error("mcnic_decap: BUF_W must be 8..16");
    if (FQ_W < 1 || FQ_W > 10)
      $error("mcnic_decap: FQ_W must be 1..10");
  end

  localparam int unsigned DEPTH = 1 << BUF_W;
  localparam logic [15:0] OFF_NONE = 16'(MCNIC_OFF_NONE);

  // What the verdict needs of a frame's command.
  typedef struct packed {
    logic [7:0]        pre_drop;  // mcnic_decap_precheck()
    logic              ip4;       // outer IPv4: check its header
    logic              o_v6;
    logic              zero_ok;   // cfg->udp6_zero_ok
    logic              is_udp;
    logic              is_gre;
    logic              tun_bad;   // not VXLAN, GENEVE or GRE
    logic              gre_csum;
    logic              gnv_crit;
    logic              gnv_oam;
    logic              ecn_drop;
    logic [20:0]       pseudo;    // addresses + protocol (UDP length later)
  } chk_t;

  // What a frame's command says, decoded once before its first beat.
  typedef struct packed {
    chk_t              v;
    logic              nowrite;   // dropped whatever its bytes: store nothing
    logic              is_udp;
    logic              is_gre;
    logic              ecn_set;   // rewrite the inner ECN field ...
    logic [1:0]        ecn;       // ... to this
    logic              in_v6;
    logic              l2;        // inner Ethernet frame
    logic              l3;        // L3 inner packet: write an Ethernet header
    logic [15:0]       l3_off;    // outer
    logic [15:0]       l4_off;
    logic [15:0]       o_end;
    logic [15:0]       in_end;
    logic [15:0]       start;     // first output byte
    logic [15:0]       p_ulen;    // frame offsets of the words we read
    logic [15:0]       p_ucs;
    logic [15:0]       p_ivt;     // inner IP: version/IHL and TOS word
    logic [15:0]       p_ics;     // inner IPv4 checksum
    logic [13:0][7:0]  hdr;       // Ethernet header of an L3 inner packet
  } ctx_t;

  function automatic logic [15:0] be16(input logic [7:0] hi,
                                       input logic [7:0] lo);
    return {hi, lo};
  endfunction

  // Reads only what mcnic_decap() reads of the meta.
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic ctx_t decode(input mcnic_pkt_meta_t m,
                                  input logic zok,
                                  input logic [47:0] dmac,
                                  input logic [47:0] smac);
  /* verilator lint_on UNUSEDSIGNAL */
    ctx_t c;
    logic [1:0] oe, ie;
    logic [15:0] etype;
    logic is_gnv;
    c = '0;
    if ((m.outer.flags & 16'(MCNIC_LF_FRAG)) != 0)
      c.v.pre_drop = 8'(MCNIC_DROP_OUTER_FRAG);
    else if ((m.outer.flags & 16'(MCNIC_LF_IPV6_RH_LEFT)) != 0)
      c.v.pre_drop = 8'(MCNIC_DROP_OUTER_ROUTING);
    else if (m.tun == 8'(MCNIC_TUN_NONE))
      c.v.pre_drop = 8'(MCNIC_DROP_NOT_TUNNEL);
    else if (m.tun == 8'(MCNIC_TUN_ESP))
      c.v.pre_drop = 8'(MCNIC_DROP_DECAP_UNSUPPORTED);
    else if (m.inner.l2_off == OFF_NONE && m.inner.l3_off == OFF_NONE)
      c.v.pre_drop = m.tun == 8'(MCNIC_TUN_GRE) ? 8'(MCNIC_DROP_GRE_PROTO)
                                             : 8'(MCNIC_DROP_GENEVE_PROTO);
    is_gnv         = m.tun == 8'(MCNIC_TUN_GENEVE);
    c.is_gre       = m.tun == 8'(MCNIC_TUN_GRE);
    c.is_udp       = m.tun == 8'(MCNIC_TUN_VXLAN) || is_gnv;
    c.v.is_udp     = c.is_udp;
    c.v.is_gre     = c.is_gre;
    c.v.tun_bad    = !c.is_udp && !c.is_gre;
    c.v.gre_csum   = (m.tflags & 16'(MCNIC_TF_GRE_CSUM)) != 0;
    c.v.gnv_crit   = is_gnv && (m.tflags & 16'(MCNIC_TF_GNV_CRIT_UNK)) != 0;
    c.v.gnv_oam    = is_gnv && (m.tflags & 16'(MCNIC_TF_GNV_OAM)) != 0;
    c.v.ip4        = m.outer.l3 == 8'(MCNIC_L3_IPV4);
    c.v.o_v6       = m.outer.l3 == 8'(MCNIC_L3_IPV6);
    c.v.zero_ok    = zok;
    c.in_v6    = m.inner.l3 == 8'(MCNIC_L3_IPV6);
    // RFC 6040 §4.2, as mcnic_decap_ecn().
    oe = m.outer.tos[1:0];
    ie = m.inner.tos[1:0];
    if (m.outer.l3 != 8'(MCNIC_L3_NONE) && m.inner.l3 != 8'(MCNIC_L3_NONE)) begin
      if (oe == 2'd3) begin
        c.v.ecn_drop = ie == 2'd0;
        c.ecn_set    = ie == 2'd1 || ie == 2'd2;
        c.ecn        = 2'd3;
      end else if (oe == 2'd1 && ie == 2'd2) begin
        c.ecn_set = 1'b1;
        c.ecn     = 2'd1;
      end
    end
    c.nowrite = c.v.pre_drop != 0 || c.v.tun_bad || c.v.gnv_crit ||
                c.v.gnv_oam || c.v.ecn_drop;
    c.l2     = (m.tflags & 16'(MCNIC_TF_INNER_L2)) != 0;
    c.l3     = !c.l2;
    c.l3_off = m.outer.l3_off;
    c.l4_off = m.outer.l4_off;
    c.o_end  = m.outer.end_;
    c.in_end = m.inner.end_;
    c.start  = c.l2 ? m.inner_off : m.inner_off - 16'd14;
    c.p_ulen = m.outer.l4_off + 16'd4;
    c.p_ucs  = m.outer.l4_off + 16'd6;
    c.p_ivt  = m.inner.l3_off;
    c.p_ics  = m.inner.l3_off + 16'd10;
    c.v.pseudo = 21'(MCNIC_IPPROTO_UDP);
    for (int w = 0; w < 8; w++) begin
      if (w < 2 || !c.v.ip4)
        c.v.pseudo = c.v.pseudo +
                     21'(be16(m.outer.saddr[2*w], m.outer.saddr[2*w+1])) +
                     21'(be16(m.outer.daddr[2*w], m.outer.daddr[2*w+1]));
    end
    etype = m.inner.l3 == 8'(MCNIC_L3_IPV4) ? 16'(MCNIC_ETH_P_IPV4)
                                            : 16'(MCNIC_ETH_P_IPV6);
    for (int i = 0; i < 6; i++) begin
      c.hdr[i]     = dmac[8*i +: 8];
      c.hdr[6 + i] = smac[8*i +: 8];
    end
    c.hdr[12] = etype[15:8];
    c.hdr[13] = etype[7:0];
    return c;
  endfunction

  // Bytes of beat j (64 bytes from frame offset 64 j) at offset >= x.
  function automatic logic [63:0] ge_mask(input logic [15:0] x,
                                          input logic [9:0] j);
    logic [16:0] d;
    d = {1'b0, x} - {1'b0, j, 6'd0};
    if (d[16])
      return '1;
    if (d[15:6] != 0)
      return '0;
    return {64{1'b1}} << d[5:0];
  endfunction

  // Sum of the big-endian 16-bit words of a beat, masked bytes as zero.
  function automatic logic [20:0] wsum(input logic [511:0] d,
                                       input logic [63:0] m);
    logic [20:0] s;
    s = '0;
    for (int w = 0; w < 32; w++)
      s = s + 21'({d[16*w +: 8] & {8{m[2*w]}},
                   d[16*w+8 +: 8] & {8{m[2*w+1]}}});
    return s;
  endfunction

  function automatic logic [15:0] word_at(input logic [511:0] d,
                                          input logic [4:0] w);
    return {d[16*w +: 8], d[16*w+8 +: 8]};
  endfunction

  function automatic logic [15:0] fold32(input logic [31:0] s);
    logic [16:0] f;
    f = 17'(s[15:0]) + 17'(s[31:16]);
    f = 17'(f[15:0]) + 17'(f[16]);
    return f[15:0];
  endfunction

  // ---------------------------------------------------------------------
  // Command queue: two decoded commands, the head is the input's frame.
  ctx_t       cq0, cq1, cmd_dec;
  logic [1:0] cq_n;
  logic       cmd_push, cmd_pop;

  assign cmd_dec     = decode(s_cmd_meta, s_cmd_udp6_zero_ok, s_cmd_l3_dmac,
                              s_cmd_l3_smac);
  assign s_cmd_ready = cq_n != 2'd2;
  assign cmd_push    = s_cmd_valid && s_cmd_ready;

  always_ff @(posedge clk) begin
    if (cmd_pop) begin
      // No push while full: a push here refills an emptied queue.
      cq0 <= cq_n == 2'd2 ? cq1 : cmd_dec;
    end else if (cmd_push) begin
      if (cq_n == 2'd0)
        cq0 <= cmd_dec;
      else
        cq1 <= cmd_dec;
    end
    if (rst)
      cq_n <= '0;
    else
      cq_n <= cq_n + 2'(cmd_push) - 2'(cmd_pop);
  end

  // ---------------------------------------------------------------------
  // Stage A: the beat, with the words read from the frame so far.
  logic                 a_valid, a_take, a_first, a_last;
  logic [511:0]         a_data;
  logic [63:0]          a_keep, a_user;
  logic [9:0]           a_j, in_j;
  // The beat's command (fields read at the input only go unused here).
  /* verilator lint_off UNUSEDSIGNAL */
  ctx_t                 a_ctx;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [15:0]          a_ulen, a_ucs, a_ivt, a_ics, a_l4e;
  logic                 a_l4e_ok;
  logic                 in_mid, in_fire, first_ok;
  logic [FQ_W:0]        cr_res, cr_dat;
  logic                 res_pop, dat_pop;

  assign first_ok      = cr_res != '0 && cr_dat != '0;
  assign s_axis_tready = cq_n != 2'd0 && (!a_valid || a_take) &&
                         (in_mid || first_ok);
  assign in_fire       = s_axis_tvalid && s_axis_tready;
  assign cmd_pop       = in_fire && s_axis_tlast;

  always_ff @(posedge clk) begin
    logic hit_ul, hit_uc, hit_iv, hit_ic;
    logic [15:0] ul;
    hit_ul = in_j == cq0.p_ulen[15:6];
    hit_uc = in_j == cq0.p_ucs[15:6];
    hit_iv = in_j == cq0.p_ivt[15:6];
    hit_ic = in_j == cq0.p_ics[15:6];
    ul     = word_at(s_axis_tdata, cq0.p_ulen[5:1]);
    if (in_fire) begin
      a_data  <= s_axis_tdata;
      a_keep  <= s_axis_tkeep;
      a_last  <= s_axis_tlast;
      a_first <= !in_mid;
      a_j     <= in_j;
      a_ctx   <= cq0;
      if (!in_mid)
        a_user <= s_axis_tuser;
      a_ulen <= hit_ul ? ul : in_mid ? a_ulen : '0;
      a_ucs  <= hit_uc ? word_at(s_axis_tdata, cq0.p_ucs[5:1])
                       : in_mid ? a_ucs : '0;
      a_ivt  <= hit_iv ? word_at(s_axis_tdata, cq0.p_ivt[5:1])
                       : in_mid ? a_ivt : '0;
      a_ics  <= hit_ic ? word_at(s_axis_tdata, cq0.p_ics[5:1])
                       : in_mid ? a_ics : '0;
      // The UDP checksum's range ends with the datagram; GRE's with the IP.
      if (cq0.is_gre) begin
        a_l4e    <= cq0.o_end;
        a_l4e_ok <= 1'b1;
      end else if (hit_ul) begin
        a_l4e    <= cq0.l4_off + ul;
        a_l4e_ok <= 1'b1;
      end else if (!in_mid) begin
        a_l4e    <= '0;
        a_l4e_ok <= 1'b0;
      end
    end
    if (rst) begin
      a_valid <= 1'b0;
      in_mid  <= 1'b0;
      in_j    <= '0;
    end else begin
      if (in_fire)
        a_valid <= 1'b1;
      else if (a_take)
        a_valid <= 1'b0;
      if (in_fire) begin
        in_mid <= !s_axis_tlast;
        in_j   <= s_axis_tlast ? '0 : in_j + 1'b1;
      end
    end
  end

  // ---------------------------------------------------------------------
  // Stage B: checksum sums and rewrites on the beat in A, into the strip.
  logic [63:0]  m4, ml;
  logic [20:0]  sum4, suml;
  logic [511:0] b_data;
  logic [15:0]  b_len, b_oend;
  logic [7:0]   new_tos;
  logic [15:0]  new_ck;
  logic         st_ready;

  assign m4   = ge_mask(a_ctx.l3_off, a_j) & ~ge_mask(a_ctx.l4_off, a_j) &
                a_keep;
  // Before the UDP length is read, the range reaches past this beat
  // (the length word is within the first 8 bytes of an 8+ byte datagram).
  assign ml   = ge_mask(a_ctx.l4_off, a_j) &
                (a_l4e_ok ? ~ge_mask(a_l4e, a_j) : '1) & a_keep;
  assign sum4 = wsum(a_data, m4);
  assign suml = wsum(a_data, ml);

  // mcnic_decap_set_ecn(): the TOS byte, and RFC 1624 eqn. 3 for IPv4.
  always_comb begin
    logic [17:0] s;
    logic [15:0] f, nck, nold;
    if (a_ctx.in_v6)
      new_tos = (a_ivt[7:0] & 8'hcf) | {2'b0, a_ctx.ecn, 4'b0};
    else
      new_tos = (a_ivt[7:0] & 8'hfc) | {6'b0, a_ctx.ecn};
    nck  = ~a_ics;
    nold = ~a_ivt;
    s = 18'(nck) + 18'(nold) + 18'({a_ivt[15:8], new_tos});
    f = fold32(32'(s));
    new_ck = ~f;
  end

  always_comb begin
    logic [15:0] idx;
    idx    = '0;
    b_data = a_data;
    if (a_ctx.l3) begin
      for (int i = 0; i < 64; i++) begin
        idx = {a_j, 6'(i)} - a_ctx.start;
        if (idx < 16'd14)
          b_data[8*i +: 8] = a_ctx.hdr[idx[3:0]];
      end
    end
    if (a_ctx.ecn_set) begin
      if (a_ctx.p_ivt[15:6] == a_j)
        b_data[8*(a_ctx.p_ivt[5:0] + 6'd1) +: 8] = new_tos;
      if (!a_ctx.in_v6 && a_ctx.p_ics[15:6] == a_j)
        b_data[8*a_ctx.p_ics[5:0] +: 16] = {new_ck[7:0], new_ck[15:8]};
    end
  end

  // An inner Ethernet frame ends with the UDP datagram (GRE: the IP one).
  assign b_oend = a_ctx.l2 ? a_l4e : a_ctx.in_end;
  assign b_len  = a_ctx.nowrite ? '0 : b_oend - a_ctx.start;
  assign a_take = a_valid && st_ready;

  logic [31:0] acc4, accl;

  always_ff @(posedge clk) begin
    if (a_take) begin
      acc4 <= (a_first ? '0 : acc4) + 32'(sum4);
      accl <= (a_first ? '0 : accl) + 32'(suml);
    end
  end

  // The strip realigns [start, start + len) into the buffer.
  logic [511:0] st_data;
  logic [63:0]  st_keep;
  logic         st_last, st_valid, st_ready_m;

  mcnic_axis_strip #(.DATA_W(512), .LEN_W(16)) u_strip (
    .clk, .rst,
    .s_axis_tdata(b_data), .s_axis_tlast(a_last), .s_axis_tvalid(a_valid),
    .s_axis_tready(st_ready), .s_off(a_ctx.start), .s_len(b_len),
    .m_axis_tdata(st_data), .m_axis_tkeep(st_keep), .m_axis_tlast(st_last),
    .m_axis_tvalid(st_valid), .m_axis_tready(st_ready_m)
  );

  // ---------------------------------------------------------------------
  // Stage V: the verdict, after the frame's last beat left A.
  logic        v_valid;
  chk_t        v_ctx;
  logic [31:0] v_acc4, v_accl;
  logic [15:0] v_ulen, v_ucs, v_len;
  logic [63:0] v_user;
  logic [7:0]  v_drop;

  always_ff @(posedge clk) begin
    if (a_take && a_last) begin
      v_ctx  <= a_ctx.v;
      v_acc4 <= (a_first ? '0 : acc4) + 32'(sum4);
      v_accl <= (a_first ? '0 : accl) + 32'(suml);
      v_ulen <= a_ulen;
      v_ucs  <= a_ucs;
      v_len  <= b_len;
      v_user <= a_user;
    end
    if (rst)
      v_valid <= 1'b0;
    else
      v_valid <= a_take && a_last;
  end

  // mcnic_decap_check() after mcnic_decap_precheck(), then the ECN drop.
  always_comb begin
    logic ok4, okl;
    ok4 = fold32(v_acc4) == 16'hffff;
    okl = fold32(v_accl + (v_ctx.is_udp ? 32'(v_ctx.pseudo) + 32'(v_ulen)
                                        : 32'd0)) == 16'hffff;
    if (v_ctx.pre_drop != 0)
      v_drop = v_ctx.pre_drop;
    else if (v_ctx.ip4 && !ok4)
      v_drop = 8'(MCNIC_DROP_OUTER_IPV4_CSUM);
    else if (v_ctx.tun_bad)
      v_drop = 8'(MCNIC_DROP_DECAP_UNSUPPORTED);
    else if (v_ctx.is_udp && v_ucs == 0 && v_ctx.o_v6 && !v_ctx.zero_ok)
      v_drop = 8'(MCNIC_DROP_OUTER_UDP6_ZERO);
    else if (v_ctx.is_udp && v_ucs != 0 && !okl)
      v_drop = 8'(MCNIC_DROP_OUTER_UDP_CSUM);
    else if (v_ctx.gnv_crit)
      v_drop = 8'(MCNIC_DROP_GENEVE_CRIT);
    else if (v_ctx.gnv_oam)
      v_drop = 8'(MCNIC_DROP_GENEVE_OAM);
    else if (v_ctx.is_gre && v_ctx.gre_csum && !okl)
      v_drop = 8'(MCNIC_DROP_GRE_CSUM);
    else if (v_ctx.ecn_drop)
      v_drop = 8'(MCNIC_DROP_ECN_CE_NOT_ECT);
    else
      v_drop = 8'(MCNIC_DROP_NONE);
  end

  // ---------------------------------------------------------------------
  // Per-frame records: m_res, and what the output does with the buffer.
  // Credits: a frame takes one of each at its first beat.
  localparam int unsigned K_W = 11;  // output beats of a frame
  localparam int unsigned D_W = 1 + K_W + 64;

  logic            res_valid, dat_valid;
  logic [23:0]     res_head;
  logic [D_W-1:0]  dat_head;
  logic            d_skip;
  logic [K_W-1:0]  d_k;
  logic [63:0]     d_user;

  mcnic_decap_fifo #(.W(24), .ADDR_W(FQ_W)) u_res (
    .clk, .rst, .push(v_valid),
    .in_data({v_drop, v_drop != 0 ? 16'd0 : v_len}),
    .pop(res_pop), .out_valid(res_valid), .out_data(res_head)
  );

  mcnic_decap_fifo #(.W(D_W), .ADDR_W(FQ_W)) u_dat (
    .clk, .rst, .push(v_valid),
    .in_data({v_drop != 0, K_W'((17'(v_len) + 17'd63) >> 6), v_user}),
    .pop(dat_pop), .out_valid(dat_valid), .out_data(dat_head)
  );

  assign m_res_valid                = res_valid;
  assign {m_res_drop, m_res_len}    = res_head;
  assign res_pop                    = m_res_valid && m_res_ready;
  assign {d_skip, d_k, d_user}      = dat_head;

  always_ff @(posedge clk) begin
    if (rst) begin
      cr_res <= (FQ_W+1)'(1 << FQ_W);
      cr_dat <= (FQ_W+1)'(1 << FQ_W);
    end else begin
      cr_res <= cr_res - (FQ_W+1)'(in_fire && !in_mid) + (FQ_W+1)'(res_pop);
      cr_dat <= cr_dat - (FQ_W+1)'(in_fire && !in_mid) + (FQ_W+1)'(dat_pop);
    end
  end

  // ---------------------------------------------------------------------
  // Frame buffer: realigned output beats, {last, keep, data}.
  logic [576:0]   ram [DEPTH];
  logic [BUF_W:0] wr_ptr, rd_ptr, used;

  assign used       = wr_ptr - rd_ptr;
  assign st_ready_m = !used[BUF_W];

  always_ff @(posedge clk) begin
    if (st_valid && st_ready_m)
      ram[wr_ptr[BUF_W-1:0]] <= {st_last, st_keep, st_data};
    if (rst)
      wr_ptr <= '0;
    else if (st_valid && st_ready_m)
      wr_ptr <= wr_ptr + 1'b1;
  end

  // ---------------------------------------------------------------------
  // Output: reads one beat per cycle into a 4-entry queue that drives
  // m_axis; a dropped frame's beats are passed over once all are stored.
  logic [576:0]   r_q;
  logic [63:0]    r_user;
  logic           r_v, rd_go, skip_go;
  logic [K_W-1:0] o_cnt;
  logic [640:0]   oq [4];
  logic [1:0]     oq_rd, oq_wr;
  logic [2:0]     oq_n;
  logic           m_fire;

  assign rd_go   = dat_valid && !d_skip && used != '0 &&
                   3'(oq_n) + 3'(r_v) < 3'd4;
  assign skip_go = dat_valid && d_skip && 32'(used) >= 32'(d_k);
  assign dat_pop = skip_go || (rd_go && o_cnt == d_k - 1'b1);
  assign m_fire  = m_axis_tvalid && m_axis_tready;

  always_ff @(posedge clk) begin
    if (rd_go) begin
      r_q    <= ram[rd_ptr[BUF_W-1:0]];
      r_user <= d_user;
    end
    if (r_v)
      oq[oq_wr] <= {r_user, r_q};
    if (rst) begin
      rd_ptr <= '0;
      o_cnt  <= '0;
      r_v    <= 1'b0;
      oq_rd  <= '0;
      oq_wr  <= '0;
      oq_n   <= '0;
    end else begin
      if (skip_go)
        rd_ptr <= rd_ptr + (BUF_W+1)'(d_k);
      else if (rd_go)
        rd_ptr <= rd_ptr + 1'b1;
      if (rd_go)
        o_cnt <= dat_pop ? '0 : o_cnt + 1'b1;
      r_v   <= rd_go;
      oq_wr <= oq_wr + 2'(r_v);
      oq_rd <= oq_rd + 2'(m_fire);
      oq_n  <= oq_n + 3'(r_v) - 3'(m_fire);
    end
  end

  assign m_axis_tvalid = oq_n != '0;
  assign {m_axis_tuser, m_axis_tlast, m_axis_tkeep, m_axis_tdata} = oq[oq_rd];
endmodule

`default_nettype wire
