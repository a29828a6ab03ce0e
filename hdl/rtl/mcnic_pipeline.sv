// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The HDL fast path (include/mcnic/hwpipe.h): parse -> classify -> flow
// key and hashes -> flow table -> decide -> dispatch (encap engine,
// forward, punt, drop) -> retire (output order, counters, one result per
// frame).  The firmware programs it over AXI-Lite (mcnic_csr) and serves
// the punt stream.
//
//   C1  classify the parsed frame by its port: drop, punt, or look up
//   C2  flow-cache hash and flow hash; issue the lookup; read the VRF
//       generation
//   pend FIFO (records in frame order) -> D: join the lookup result, decide
//   X   route the frame's beats as D decided
//   R   retire in order: merge forwarded and encapsulated frames onto
//       m_axis, count, emit the result record
`default_nettype none

module mcnic_pipeline
  import mcnic_pkg::*;
#(
  parameter int unsigned PORTS = 32,
  parameter int unsigned LOG2_TMPLS = 6,
  parameter int unsigned LOG2_BUCKETS = 10,
  parameter int unsigned STASH = MCNIC_HW_FT_STASH,
  parameter int unsigned LOG2_TUNS = 6,
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES,
  parameter int unsigned ADDR_W = 24
) (
  input  wire logic              clk,
  input  wire logic              rst,
  // CSR
  input  wire logic [ADDR_W-1:0] s_axil_awaddr,
  input  wire logic              s_axil_awvalid,
  output logic                   s_axil_awready,
  input  wire logic [31:0]       s_axil_wdata,
  input  wire logic [3:0]        s_axil_wstrb,
  input  wire logic              s_axil_wvalid,
  output logic                   s_axil_wready,
  output logic      [1:0]        s_axil_bresp,
  output logic                   s_axil_bvalid,
  input  wire logic              s_axil_bready,
  input  wire logic [ADDR_W-1:0] s_axil_araddr,
  input  wire logic              s_axil_arvalid,
  output logic                   s_axil_arready,
  output logic      [31:0]       s_axil_rdata,
  output logic      [1:0]        s_axil_rresp,
  output logic                   s_axil_rvalid,
  input  wire logic              s_axil_rready,
  // frames in (tuser: mcnic_hw_rx_user_t)
  input  wire logic [511:0]      s_axis_tdata,
  input  wire logic [63:0]       s_axis_tkeep,
  input  wire logic              s_axis_tlast,
  input  wire logic              s_axis_tvalid,
  output logic                   s_axis_tready,
  input  wire logic [63:0]       s_axis_tuser,
  // frames out (tuser: mcnic_hw_tx_user_t)
  output logic      [511:0]      m_axis_tdata,
  output logic      [63:0]       m_axis_tkeep,
  output logic                   m_axis_tlast,
  output logic                   m_axis_tvalid,
  input  wire logic              m_axis_tready,
  output logic      [63:0]       m_axis_tuser,
  // frames to the firmware (tuser: mcnic_hw_rx_user_t with punt set)
  output logic      [511:0]      m_axis_punt_tdata,
  output logic      [63:0]       m_axis_punt_tkeep,
  output logic                   m_axis_punt_tlast,
  output logic                   m_axis_punt_tvalid,
  input  wire logic              m_axis_punt_tready,
  output logic      [63:0]       m_axis_punt_tuser,
  // one result per frame, in order of execution
  output logic                   m_res_valid,
  input  wire logic              m_res_ready,
  output mcnic_hw_result_t       m_res
);
  localparam int unsigned TMPLS = 1 << LOG2_TMPLS;
  localparam int unsigned TUNS = 1 << LOG2_TUNS;
  localparam int unsigned SLOTS =
    (1 << LOG2_BUCKETS) * MCNIC_HW_FT_WAYS + STASH;
  localparam int unsigned PIDX_W = $clog2(PORTS);
  localparam int unsigned BEAT_W = 512 + 64 + 1;

  initial begin
    if (PORTS < 2 || PORTS > 255) $error("mcnic_pipeline: PORTS 2..255");
    if (SLOTS > 65536 - MCNIC_HW_CTR_FLOW)
      $error("mcnic_pipeline: more flow slots than counter indices");
  end

  // Record kinds.  After D a LOOKUP has become ENCAP (egress) or DECAP
  // (ingress: the decap engine checks every executed frame, even one the
  // cached action drops, because its checks come first).
  typedef enum logic [2:0] { K_DROP, K_PUNT, K_LOOKUP, K_FWD, K_DECAP } kind_t;
  localparam kind_t K_ENCAP = K_LOOKUP;

  typedef struct packed {
    kind_t             kind;
    logic [7:0]        drop;
    logic [7:0]        punt;
    mcnic_hw_rx_user_t u;
    logic              pvalid;
    logic [15:0]       len;
    logic [15:0]       ip_len;
    logic [15:0]       vrf;
    logic              in_;	// from an uplink: decap
    logic [LOG2_TUNS-1:0] tslot;
    mcnic_layer_t      l;	// the frame's (egress) or the inner (ingress)
    mcnic_pkt_meta_t   meta;
    mcnic_flow_key_t   key;
  } c1_t;

  typedef struct packed {
    c1_t         c;
    logic [31:0] fhash;
    logic [31:0] chash;
  } c2_t;

  typedef struct packed {
    c2_t         c;
    logic [31:0] gen;
  } pend_t;

  typedef struct packed {
    kind_t                 kind;
    logic [7:0]            drop;
    logic [7:0]            punt;
    mcnic_hw_rx_user_t     u;
    logic                  pvalid;
    logic [15:0]           len;
    logic [15:0]           out_port;
    logic [15:0]           queue_;
    logic [7:0]            act;
    logic [31:0]           rule;
    logic [31:0]           hash;
    logic [31:0]           slot;
    logic                  hit;
    logic [LOG2_TMPLS-1:0] tmpl;
    logic [LOG2_TUNS-1:0]  tslot;
  } ord_t;

  // ---------------------------------------------------------------- CSR
  /* verilator lint_off UNUSEDSIGNAL */
  logic [31:0]           ctrl, ft_seed;
  /* verilator lint_on UNUSEDSIGNAL */
  mcnic_parse_cfg_t      parse_cfg;
  mcnic_hw_port_t        port_tbl [PORTS];
  mcnic_hw_vtep_t        vtep_tbl [MCNIC_HW_VTEPS];
  mcnic_hw_tun_t         tun_tbl [TUNS];
  logic                  ip_id_wr;
  logic [15:0]           ip_id_wdata, ip_id;
  logic [LOG2_TMPLS-1:0] tmpl_ridx;
  mcnic_encap_tmpl_t     tmpl_rdata;
  logic [11:0]           gen_ridx;
  logic [31:0]           gen_rdata;
  logic                  ft_wr_valid, ft_wr_ready;
  logic [1:0]            ft_wr_op, ft_wr_status;
  logic [31:0]           ft_wr_slot;
  mcnic_flow_entry_t     ft_wr_entry;
  logic [15:0]           ctr_idx;
  logic [63:0]           ctr_packets, ctr_bytes;
  logic                  ctr_clr_start, ctr_clr_busy;

  mcnic_csr #(
    .PORTS(PORTS), .LOG2_TMPLS(LOG2_TMPLS), .LOG2_BUCKETS(LOG2_BUCKETS),
    .STASH(STASH),
    .LOG2_TUNS(LOG2_TUNS), .ADDR_W(ADDR_W), .CTR_IDX_W(16)
  ) csr (
    .clk, .rst,
    .s_axil_awaddr, .s_axil_awvalid, .s_axil_awready, .s_axil_wdata,
    .s_axil_wstrb, .s_axil_wvalid, .s_axil_wready, .s_axil_bresp,
    .s_axil_bvalid, .s_axil_bready, .s_axil_araddr, .s_axil_arvalid,
    .s_axil_arready, .s_axil_rdata, .s_axil_rresp, .s_axil_rvalid,
    .s_axil_rready,
    .ctrl, .ft_seed, .parse_cfg, .port_tbl, .vtep_tbl, .tun_tbl,
    .ip_id_wr, .ip_id_wdata, .ip_id_cur(ip_id),
    .tmpl_ridx, .tmpl_rdata, .gen_ridx, .gen_rdata,
    .ft_wr_valid, .ft_wr_ready, .ft_wr_op, .ft_wr_slot, .ft_wr_entry,
    .ft_wr_status,
    .ctr_idx, .ctr_packets, .ctr_bytes, .ctr_clr_start, .ctr_clr_busy
  );

  wire logic enable = ctrl[0];
  wire logic punt_all = ctrl[1];

  function automatic logic port_ok(input logic [15:0] p);
    return p < 16'(PORTS);
  endfunction

  // A port of the given kind that is up.
  function automatic logic port_up(input logic [15:0] p, input logic [7:0] kind);
    if (!port_ok(p)) return 1'b0;
    return port_tbl[p[PIDX_W-1:0]].kind == kind && port_tbl[p[PIDX_W-1:0]].up != 0;
  endfunction

  // ------------------------------------------------------------- parser
  logic [511:0]     pf_tdata;
  logic [63:0]      pf_tkeep, pf_tuser;
  logic             pf_tlast, pf_tvalid, pf_tready;
  logic             pm_valid, pm_ready, pm_deep;
  /* verilator lint_off UNUSEDSIGNAL */
  mcnic_pkt_meta_t  pm_meta;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [7:0]       pm_err;
  logic [63:0]      pm_tuser;
  logic             s_axis_tready_p;

  // A vport's frames are parsed plain (no tunnel ports), as the
  // firmware's parse_plain: the parser reads that from the tuser.
  mcnic_hw_rx_user_t in_u;
  always_comb begin
    in_u = mcnic_hw_rx_user_t'(s_axis_tuser);
    in_u.plain = 8'(port_up(in_u.port, 8'(MCNIC_CMD_PORT_VPORT)));
  end

  mcnic_parser #(.HDR_BYTES(HDR_BYTES)) parser (
    .clk, .rst, .cfg(parse_cfg),
    .s_axis_tdata, .s_axis_tkeep, .s_axis_tlast,
    .s_axis_tvalid(s_axis_tvalid && enable),
    .s_axis_tready(s_axis_tready_p), .s_axis_tuser(in_u),
    .m_axis_tdata(pf_tdata), .m_axis_tkeep(pf_tkeep),
    .m_axis_tlast(pf_tlast), .m_axis_tvalid(pf_tvalid),
    .m_axis_tready(pf_tready), .m_axis_tuser(pf_tuser),
    .m_meta_valid(pm_valid), .m_meta_ready(pm_ready), .m_meta(pm_meta),
    .m_meta_err(pm_err), .m_meta_deep(pm_deep), .m_meta_tuser(pm_tuser)
  );
  assign s_axis_tready = s_axis_tready_p && enable;

  // ----------------------------------------------------------------- C1
  c1_t            c1_next, c1;
  logic           c1_valid, c2_valid, adv;
  /* verilator lint_off UNUSEDSIGNAL */
  mcnic_hw_port_t c1_pt;
  mcnic_flow_key_t pm_key;
  /* verilator lint_on UNUSEDSIGNAL */

  mcnic_hw_rx_user_t pm_u;
  assign pm_u = mcnic_hw_rx_user_t'(pm_tuser);

  // An uplink's frames are keyed by their inner headers and VNI.
  assign c1_pt = port_ok(pm_u.port) ? port_tbl[pm_u.port[PIDX_W-1:0]] : '0;
  wire logic pm_in = c1_pt.kind == 8'(MCNIC_CMD_PORT_UPLINK);
  mcnic_layer_t pm_l;
  assign pm_l = pm_in ? pm_meta.inner : pm_meta.outer;

  mcnic_flow_key fkey (
    .l(pm_l), .port(pm_u.port),
    .zone(pm_in ? pm_meta.vni : {16'd0, c1_pt.vrf}),
    .kind_in(pm_in ? 8'(MCNIC_FK_INGRESS) : 8'd0), .key(pm_key)
  );

  // A local VTEP of this tunnel type and outer destination (and port).
  logic vtep_hit;
  always_comb begin
    vtep_hit = 1'b0;
    for (int i = 0; i < int'(MCNIC_HW_VTEPS); i++)
      if (vtep_tbl[i].family == pm_meta.outer.l3 &&
          vtep_tbl[i].type_ == pm_meta.tun &&
          vtep_tbl[i].addr == pm_meta.outer.daddr &&
          (pm_meta.tun == 8'(MCNIC_TUN_GRE) ||
           vtep_tbl[i].udp_port == pm_meta.outer.dport))
        vtep_hit = 1'b1;
  end

  // The tunnel cache: a known peer of the VNI, and the VNI's VRF.
  logic                 tun_hit;
  logic [LOG2_TUNS-1:0] tun_slot;
  always_comb begin
    tun_hit = 1'b0;
    tun_slot = '0;
    for (int i = int'(TUNS) - 1; i >= 0; i--)
      if (tun_tbl[i].valid != 0 && tun_tbl[i].vni == pm_meta.vni &&
          tun_tbl[i].family == pm_meta.outer.l3 &&
          tun_tbl[i].saddr == pm_meta.outer.saddr) begin
        tun_hit = 1'b1;
        tun_slot = LOG2_TUNS'(i);
      end
  end

  always_comb begin
    mcnic_hw_rx_user_t u;
    u = pm_u;
    c1_next.key = pm_key;
    c1_next.u = u;
    c1_next.pvalid = port_ok(u.port);
    c1_next.len = pm_meta.len;
    c1_next.l = pm_l;
    c1_next.meta = pm_meta;
    c1_next.in_ = pm_in;
    c1_next.tslot = tun_slot;
    c1_next.ip_len = pm_l.end_ - pm_l.l3_off;
    c1_next.vrf = pm_in ? tun_tbl[tun_slot].vrf : c1_pt.vrf;
    c1_next.drop = 8'(MCNIC_DROP_NONE);
    c1_next.punt = 8'(MCNIC_PUNT_NONE);
    c1_next.kind = K_LOOKUP;
    // The firmware's order: port, then (its own) parse, then the frame.
    if (punt_all) begin
      c1_next.kind = K_PUNT;
      c1_next.punt = 8'(MCNIC_PUNT_ALL);
    end else if (c1_pt.kind == 8'(MCNIC_CMD_PORT_NONE) || c1_pt.up == 0) begin
      c1_next.kind = K_DROP;
      c1_next.drop = 8'(MCNIC_DROP_PORT_INVALID);
    end else if (pm_deep) begin
      c1_next.kind = K_PUNT;
      c1_next.punt = 8'(MCNIC_PUNT_DEEP);
    end else if (pm_in) begin
      // mcnic_pipe_ingress: parse, tunnel checks, inner IP; the decap
      // engine checks the rest.  VNI and peer come from the tunnel cache:
      // not there, the firmware decides.
      if (pm_err != 8'(MCNIC_DROP_NONE)) begin
        c1_next.kind = K_DROP;
        c1_next.drop = pm_err;
      end else if (pm_meta.tun == 8'(MCNIC_TUN_NONE)) begin
        c1_next.kind = K_DROP;
        c1_next.drop = 8'(MCNIC_DROP_NOT_TUNNEL);
      end else if (!vtep_hit) begin
        c1_next.kind = K_DROP;
        c1_next.drop = 8'(MCNIC_DROP_NOT_LOCAL_VTEP);
      end else if (pm_meta.tun == 8'(MCNIC_TUN_ESP)) begin
        c1_next.kind = K_DROP;
        c1_next.drop = 8'(MCNIC_DROP_DECAP_UNSUPPORTED);
      end else if (!tun_hit) begin
        c1_next.kind = K_PUNT;
        c1_next.punt = 8'(MCNIC_PUNT_TUNNEL);
      end else if (pm_meta.inner.l3 == 8'(MCNIC_L3_NONE)) begin
        c1_next.kind = K_DROP;
        c1_next.drop = 8'(MCNIC_DROP_NOT_IP);
      end
    end else if (pm_err != 8'(MCNIC_DROP_NONE)) begin
      c1_next.kind = K_DROP;
      c1_next.drop = pm_err;
    end else if (pm_meta.outer.l3 == 8'(MCNIC_L3_NONE)) begin
      c1_next.kind = K_DROP;
      c1_next.drop = 8'(MCNIC_DROP_NOT_IP);
    end else if (c1_next.ip_len > c1_pt.mtu) begin
      c1_next.kind = K_DROP;
      c1_next.drop = 8'(MCNIC_DROP_VPORT_MTU);
    end
  end

  assign pm_ready = adv;

  always_ff @(posedge clk) begin
    if (rst) begin
      c1_valid <= 1'b0;
    end else if (adv) begin
      c1_valid <= pm_valid;
    end
    if (adv) c1 <= c1_next;
  end

  // ----------------------------------------------------------------- C2
  c2_t         c2;
  logic [31:0] fhash, chash;

  mcnic_flow_hash flow_hash (
    .l(c1.l), .eth_addrs(96'd0), .hash(fhash)
  );
  mcnic_key_hash key_hash (.seed(ft_seed), .key(c1.key), .hash(chash));

  logic pend_in_ready, ft_req_ready;
  wire logic c2_lookup = c2.c.kind == K_LOOKUP;
  wire logic c2_go = c2_valid && pend_in_ready && (!c2_lookup || ft_req_ready);
  assign adv = !c2_valid || c2_go;
  // Read the generation of the VRF entering C2 (or held there).
  assign gen_ridx = adv ? c1.vrf[11:0] : c2.c.vrf[11:0];

  always_ff @(posedge clk) begin
    if (rst) begin
      c2_valid <= 1'b0;
    end else if (adv) begin
      c2_valid <= c1_valid;
    end
    if (adv) begin
      c2.c <= c1;
      c2.fhash <= fhash;
      c2.chash <= chash;
    end
  end

  // -------------------------------------------------- flow table, pend
  logic              ft_res_valid, ft_res_ready, ft_res_hit;
  logic [31:0]       ft_res_slot;
  /* verilator lint_off UNUSEDSIGNAL */
  mcnic_flow_entry_t ft_res_entry;
  logic [15:0]       ft_res_tag;
  /* verilator lint_on UNUSEDSIGNAL */
  logic              cnt_valid;
  logic [31:0]       cnt_slot;
  logic [15:0]       cnt_bytes;
  logic [31:0]       ft_ctr_slot;
  logic [63:0]       ft_ctr_packets, ft_ctr_bytes;

  mcnic_flow_table #(.LOG2_BUCKETS(LOG2_BUCKETS), .STASH(STASH)) ft (
    .clk, .rst,
    .s_req_valid(c2_valid && c2_lookup && pend_in_ready),
    .s_req_ready(ft_req_ready), .s_req_key(c2.c.key), .s_req_hash(c2.chash),
    .s_req_tag(16'd0),
    .m_res_valid(ft_res_valid), .m_res_ready(ft_res_ready),
    .m_res_hit(ft_res_hit), .m_res_slot(ft_res_slot),
    .m_res_entry(ft_res_entry), .m_res_tag(ft_res_tag),
    .wr_valid(ft_wr_valid), .wr_ready(ft_wr_ready), .wr_op(ft_wr_op),
    .wr_slot(ft_wr_slot), .wr_entry(ft_wr_entry), .wr_status(ft_wr_status),
    .cnt_valid, .cnt_slot, .cnt_bytes,
    .ctr_rd_slot(ft_ctr_slot), .ctr_rd_packets(ft_ctr_packets),
    .ctr_rd_bytes(ft_ctr_bytes)
  );

  logic  pend_valid, pend_ready;
  pend_t pend;

  mcnic_fifo #(.DATA_W($bits(pend_t)), .DEPTH(16)) pend_fifo (
    .clk, .rst,
    .s_valid(c2_go), .s_ready(pend_in_ready), .s_data({c2, gen_rdata}),
    .m_valid(pend_valid), .m_ready(pend_ready), .m_data(pend)
  );

  // ------------------------------------------------------------------ D
  ord_t         d_next;
  /* verilator lint_off UNUSEDSIGNAL */
  ord_t         d;		// X needs only some of it; R gets it whole
  /* verilator lint_on UNUSEDSIGNAL */
  mcnic_layer_t d_l;
  mcnic_pkt_meta_t d_meta;
  logic         d_valid, d_load, d_done;
  logic [15:0]  d_ip_id;

  // A record goes to R (the ord FIFO) as it enters D, so R can stream a
  // forwarded frame out while X is still moving its beats in.
  logic ord_in_ready;
  wire logic d_lookup = pend.c.c.kind == K_LOOKUP;
  wire logic d_in = pend_valid && (!d_lookup || ft_res_valid);
  assign d_load = d_in && (!d_valid || d_done) && ord_in_ready;
  assign pend_ready = d_load;
  assign ft_res_ready = d_load && d_lookup;

  /* verilator lint_off UNUSEDSIGNAL */
  mcnic_tunnel_action_t a;
  /* verilator lint_on UNUSEDSIGNAL */
  always_comb begin
    pend_t p;
    p = pend;
    a = ft_res_entry.act;
    d_next = '0;
    d_next.kind = p.c.c.kind;
    d_next.drop = p.c.c.drop;
    d_next.punt = p.c.c.punt;
    d_next.u = p.c.c.u;
    d_next.pvalid = p.c.c.pvalid;
    d_next.len = p.c.c.len;
    d_next.slot = '1;
    d_next.tmpl = a.tmpl[LOG2_TMPLS-1:0];
    d_next.tslot = p.c.c.tslot;
    if (d_lookup) begin
      if (!ft_res_hit) begin
        d_next.kind = K_PUNT;
        d_next.punt = 8'(MCNIC_PUNT_MISS);
      end else if (ft_res_entry.gen != p.gen) begin
        d_next.kind = K_PUNT;
        d_next.punt = 8'(MCNIC_PUNT_STALE);
      end else begin
        d_next.hit = 1'b1;
        d_next.slot = ft_res_slot;
        d_next.act = a.type_;
        d_next.rule = a.rule;
        d_next.hash = p.c.fhash;
        d_next.kind = p.c.c.in_ ? K_DECAP : K_DROP;
        d_next.drop = 8'(MCNIC_DROP_PORT_INVALID);
        case (a.type_)
          8'(MCNIC_ACT_DECAP):
            if (p.c.c.in_ && port_up(a.port, 8'(MCNIC_CMD_PORT_VPORT))) begin
              if (p.c.c.ip_len > port_tbl[a.port[PIDX_W-1:0]].mtu) begin
                d_next.drop = 8'(MCNIC_DROP_VPORT_MTU);
              end else begin
                d_next.drop = 8'(MCNIC_DROP_NONE);
                d_next.out_port = a.port;
                d_next.queue_ = a.queue_;
              end
            end
          8'(MCNIC_ACT_ENCAP):
            if (!p.c.c.in_ && a.tmpl < 32'(TMPLS) &&
                port_up(a.port, 8'(MCNIC_CMD_PORT_UPLINK))) begin
              d_next.kind = K_ENCAP;
              d_next.drop = 8'(MCNIC_DROP_NONE);
              d_next.out_port = a.port;
            end
          8'(MCNIC_ACT_FORWARD):
            if (!p.c.c.in_ && port_up(a.port, 8'(MCNIC_CMD_PORT_VPORT))) begin
              if (p.c.c.ip_len > port_tbl[a.port[PIDX_W-1:0]].mtu) begin
                d_next.drop = 8'(MCNIC_DROP_VPORT_MTU);
              end else begin
                d_next.kind = K_FWD;
                d_next.drop = 8'(MCNIC_DROP_NONE);
                d_next.out_port = a.port;
                d_next.queue_ = a.queue_;
              end
            end
          8'(MCNIC_ACT_DROP):
            d_next.drop = a.drop_reason;
          default: ;
        endcase
      end
    end
  end

  // The template of the record entering D (or held there).
  assign tmpl_ridx = d_load ? d_next.tmpl : d.tmpl;

  always_ff @(posedge clk) begin
    if (rst) begin
      d_valid <= 1'b0;
      ip_id <= '0;
    end else begin
      if (d_load)
        d_valid <= 1'b1;
      else if (d_done)
        d_valid <= 1'b0;
      // Every frame handed to the encap engine takes the next ID, as
      // every mcnic_encap() call does in the firmware.
      if (ip_id_wr)
        ip_id <= ip_id_wdata;
      else if (d_load && d_next.kind == K_ENCAP)
        ip_id <= ip_id + 1'b1;
    end
    if (d_load) begin
      d <= d_next;
      d_l <= pend.c.c.l;
      d_meta <= pend.c.c.meta;
      d_ip_id <= ip_id;
    end
  end

  // ------------------------------------------------------------------ X
  // Route the frame of the record in D.
  logic         enc_cmd_ready, enc_cmd_sent;
  logic         enc_s_tready, fwd_in_ready;
  logic [511:0] enc_m_tdata;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0]  enc_m_tkeep, enc_m_tuser;
  /* verilator lint_on UNUSEDSIGNAL */
  logic         enc_m_tlast, enc_m_tvalid, enc_m_tready;
  logic         enc_res_valid, enc_res_ready;
  logic [7:0]   enc_res_drop;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [15:0]  enc_res_len, enc_res_mtu;
  /* verilator lint_on UNUSEDSIGNAL */

  logic         dec_cmd_ready, dec_s_tready;
  logic [511:0] dec_m_tdata;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0]  dec_m_tkeep, dec_m_tuser;
  /* verilator lint_on UNUSEDSIGNAL */
  logic         dec_m_tlast, dec_m_tvalid, dec_m_tready;
  logic         dec_res_valid, dec_res_ready;
  logic [7:0]   dec_res_drop;
  logic [15:0]  dec_res_len;

  // An engine (encap or decap) takes its command before the frame's beats.
  wire logic x_enc = d.kind == K_ENCAP;
  wire logic x_dec = d.kind == K_DECAP;
  wire logic x_fwd = d.kind == K_FWD;
  wire logic x_punt = d.kind == K_PUNT;
  wire logic enc_cmd_valid = d_valid && x_enc && !enc_cmd_sent;
  wire logic dec_cmd_valid = d_valid && x_dec && !enc_cmd_sent;
  // The first beat may go with the command, in the same cycle.
  wire logic eng_cmd_ok = enc_cmd_sent || (enc_cmd_valid && enc_cmd_ready) ||
                          (dec_cmd_valid && dec_cmd_ready);
  wire logic x_sink_ready = x_enc ? eng_cmd_ok && enc_s_tready :
                            x_dec ? eng_cmd_ok && dec_s_tready :
                            x_fwd ? fwd_in_ready :
                            x_punt ? m_axis_punt_tready : 1'b1;
  assign pf_tready = d_valid && x_sink_ready;
  wire logic x_beat = pf_tvalid && pf_tready;
  assign d_done = x_beat && pf_tlast;

  always_ff @(posedge clk) begin
    if (rst || d_done)
      enc_cmd_sent <= 1'b0;
    else if ((enc_cmd_valid && enc_cmd_ready) ||
             (dec_cmd_valid && dec_cmd_ready))
      enc_cmd_sent <= 1'b1;
  end

  mcnic_hw_rx_user_t punt_u;
  always_comb begin
    punt_u = d.u;
    punt_u.punt = d.punt;
  end
  assign m_axis_punt_tdata = pf_tdata;
  assign m_axis_punt_tkeep = pf_tkeep;
  assign m_axis_punt_tlast = pf_tlast;
  assign m_axis_punt_tuser = punt_u;
  assign m_axis_punt_tvalid = pf_tvalid && d_valid && x_punt;

  mcnic_encap encap (
    .clk, .rst,
    .s_cmd_valid(enc_cmd_valid), .s_cmd_ready(enc_cmd_ready),
    .s_cmd_tmpl(tmpl_rdata), .s_cmd_in(d_l), .s_cmd_hash(d.hash),
    .s_cmd_ip_id(d_ip_id), .s_cmd_len(d.len),
    .s_axis_tdata(pf_tdata), .s_axis_tkeep(pf_tkeep),
    .s_axis_tlast(pf_tlast),
    .s_axis_tvalid(pf_tvalid && d_valid && x_enc && eng_cmd_ok),
    .s_axis_tready(enc_s_tready), .s_axis_tuser(pf_tuser),
    .m_axis_tdata(enc_m_tdata), .m_axis_tkeep(enc_m_tkeep),
    .m_axis_tlast(enc_m_tlast), .m_axis_tvalid(enc_m_tvalid),
    .m_axis_tready(enc_m_tready), .m_axis_tuser(enc_m_tuser),
    .m_res_valid(enc_res_valid), .m_res_ready(enc_res_ready),
    .m_res_drop(enc_res_drop), .m_res_len(enc_res_len),
    .m_res_inner_mtu(enc_res_mtu)
  );

  mcnic_decap decap (
    .clk, .rst,
    .s_cmd_valid(dec_cmd_valid), .s_cmd_ready(dec_cmd_ready),
    .s_cmd_meta(d_meta), .s_cmd_udp6_zero_ok(1'b1),
    .s_cmd_l3_dmac(48'd0), .s_cmd_l3_smac(48'd0),
    .s_axis_tdata(pf_tdata), .s_axis_tkeep(pf_tkeep),
    .s_axis_tlast(pf_tlast),
    .s_axis_tvalid(pf_tvalid && d_valid && x_dec && eng_cmd_ok),
    .s_axis_tready(dec_s_tready), .s_axis_tuser(pf_tuser),
    .m_axis_tdata(dec_m_tdata), .m_axis_tkeep(dec_m_tkeep),
    .m_axis_tlast(dec_m_tlast), .m_axis_tvalid(dec_m_tvalid),
    .m_axis_tready(dec_m_tready), .m_axis_tuser(dec_m_tuser),
    .m_res_valid(dec_res_valid), .m_res_ready(dec_res_ready),
    .m_res_drop(dec_res_drop), .m_res_len(dec_res_len)
  );

  logic [BEAT_W-1:0] fwd_head;
  logic              fwd_valid, fwd_ready;

  mcnic_fifo_ram #(.DATA_W(BEAT_W), .DEPTH(64)) fwd_fifo (
    .clk, .rst,
    .s_valid(pf_tvalid && d_valid && x_fwd),
    .s_ready(fwd_in_ready),
    .s_data({pf_tlast, pf_tkeep, pf_tdata}),
    .m_valid(fwd_valid), .m_ready(fwd_ready), .m_data(fwd_head)
  );

  ord_t ord;
  logic ord_valid, ord_ready;

  mcnic_fifo #(.DATA_W($bits(ord_t)), .DEPTH(16)) ord_fifo (
    .clk, .rst,
    .s_valid(d_load), .s_ready(ord_in_ready), .s_data(d_next),
    .m_valid(ord_valid), .m_ready(ord_ready), .m_data(ord)
  );

  // ------------------------------------------------------------------ R
  logic             res_in_ready;
  mcnic_hw_result_t r_res;
  logic             r_retire, r_sent, r_dropped;
  logic [15:0]      r_len;
  logic [7:0]       r_drop;
  logic             enc_frame_done;	// this ENCAP record's frame went out

  wire logic r_enc = ord.kind == K_ENCAP;
  wire logic r_dec = ord.kind == K_DECAP;
  wire logic r_fwd = ord.kind == K_FWD;
  mcnic_hw_tx_user_t r_tu;
  always_comb begin
    r_tu = '0;
    r_tu.port = ord.out_port;
    r_tu.queue_ = ord.queue_;
    r_tu.hash = ord.hash;
  end

  // Frames leave from the forward FIFO or from an engine; a decapped
  // frame whose cached action is a drop is taken from the engine and
  // discarded (the engine's checks had to see it: theirs come first).
  wire logic [511:0] fwd_tdata = fwd_head[511:0];
  wire logic [63:0]  fwd_tkeep = fwd_head[575:512];
  wire logic         fwd_tlast = fwd_head[576];
  wire logic r_eng = r_enc || r_dec;
  wire logic eng_tvalid = r_enc ? enc_m_tvalid : dec_m_tvalid;
  wire logic eng_tlast = r_enc ? enc_m_tlast : dec_m_tlast;
  wire logic r_discard = r_dec && ord.drop != 8'(MCNIC_DROP_NONE);
  wire logic eng_out = ord_valid && r_eng && !enc_frame_done && eng_tvalid;
  wire logic fwd_out = ord_valid && r_fwd && fwd_valid;

  assign m_axis_tvalid = res_in_ready && ((eng_out && !r_discard) || fwd_out);
  assign m_axis_tdata = r_enc ? enc_m_tdata : r_dec ? dec_m_tdata : fwd_tdata;
  assign m_axis_tkeep = r_enc ? enc_m_tkeep : r_dec ? dec_m_tkeep : fwd_tkeep;
  assign m_axis_tlast = r_enc ? enc_m_tlast : r_dec ? dec_m_tlast : fwd_tlast;
  assign m_axis_tuser = r_tu;
  wire logic eng_take = ord_valid && r_eng && !enc_frame_done &&
                        res_in_ready && (m_axis_tready || r_discard);
  assign enc_m_tready = r_enc && eng_take;
  assign dec_m_tready = r_dec && eng_take;
  assign fwd_ready = r_fwd && ord_valid && res_in_ready && m_axis_tready;

  wire logic out_last = m_axis_tvalid && m_axis_tready && m_axis_tlast;
  wire logic eng_last = eng_take && eng_tvalid && eng_tlast;

  // An engine's record retires on the engine's result: after its frame,
  // or alone when the engine dropped it.
  wire logic       eng_res_valid = r_enc ? enc_res_valid : dec_res_valid;
  wire logic [7:0] eng_res_drop = r_enc ? enc_res_drop : dec_res_drop;
  wire logic [15:0] eng_res_len = r_enc ? enc_res_len : dec_res_len;
  wire logic eng_res_ok = eng_res_valid &&
                          (eng_res_drop != 8'(MCNIC_DROP_NONE) ||
                           enc_frame_done || eng_last);
  wire logic eng_ok = eng_res_drop == 8'(MCNIC_DROP_NONE);
  always_comb begin
    r_retire = 1'b0;
    r_sent = 1'b0;
    r_len = ord.len;
    r_drop = ord.drop;
    if (ord_valid && res_in_ready) begin
      case (ord.kind)
        K_FWD: begin
          r_retire = out_last;
          r_sent = 1'b1;
        end
        K_ENCAP, K_DECAP: begin
          r_retire = eng_res_ok;
          // The engine's checks come before the cached action's outcome.
          r_drop = eng_ok ? ord.drop : eng_res_drop;
          r_sent = r_drop == 8'(MCNIC_DROP_NONE);
          r_len = eng_res_len;
        end
        // A punted or dropped frame's result waits for X to be done with
        // it, so each result is the last word on its frame.
        default:
          r_retire = x_ahead != 0;
      endcase
    end
  end
  assign r_dropped = r_drop != 8'(MCNIC_DROP_NONE);
  assign ord_ready = r_retire;
  assign enc_res_ready = r_retire && r_enc;
  assign dec_res_ready = r_retire && r_dec;

  // Frames X has finished that R has not retired.
  logic [4:0] x_ahead;
  always_ff @(posedge clk) begin
    if (rst)
      x_ahead <= '0;
    else if (d_done && !r_retire)
      x_ahead <= x_ahead + 1'b1;
    else if (!d_done && r_retire)
      x_ahead <= x_ahead - 1'b1;
  end

  always_ff @(posedge clk) begin
    if (rst || r_retire)
      enc_frame_done <= 1'b0;
    else if (eng_last)
      enc_frame_done <= 1'b1;
  end

  always_comb begin
    r_res = '0;
    r_res.tag = ord.u.tag;
    r_res.punt = ord.punt;
    r_res.slot = ord.slot;
    // A frame the decap checks refused never reached its flow.
    if (r_dec && !eng_ok)
      r_res.slot = '1;
    else if (ord.hit) begin
      r_res.act = ord.act;
      r_res.rule = ord.rule;
      r_res.hash = ord.hash;
    end
    if (ord.kind != K_PUNT) begin
      r_res.drop = r_drop;
      if (r_sent) begin
        r_res.port = ord.out_port;
        r_res.queue_ = ord.queue_;
      end
    end
  end

  mcnic_fifo #(.DATA_W($bits(mcnic_hw_result_t)), .DEPTH(4)) res_fifo (
    .clk, .rst,
    .s_valid(r_retire), .s_ready(res_in_ready), .s_data(r_res),
    .m_valid(m_res_valid), .m_ready(m_res_ready), .m_data(m_res)
  );

  // ----------------------------------------------------------- counters
  // What the firmware's mcnic_pipe_rx counts, for the frames executed
  // here; punted frames are counted by whoever executes them.
  wire logic exec = r_retire && ord.kind != K_PUNT;
  localparam int unsigned DROP_N = 64;
  logic [63:0] c_pk [7], c_by [7];
  logic        c_busy [7];
  // A decapped frame counts for its tunnel (peer) and, on a hit, for its
  // flow with its decapped length, as mcnic_pipe_ingress counts them.
  wire logic dec_passed = exec && r_dec && eng_ok;

  mcnic_ctr_bank #(.N(DROP_N)) ctr_drop (
    .clk, .rst, .upd_valid(exec && r_dropped), .upd_idx(r_drop[5:0]),
    .upd_bytes(ord.len), .rd_idx(ctr_idx[5:0]), .rd_packets(c_pk[0]),
    .rd_bytes(c_by[0]), .clr_start(ctr_clr_start), .clr_busy(c_busy[0])
  );
  mcnic_ctr_bank #(.N(PORTS)) ctr_rx (
    .clk, .rst, .upd_valid(exec && ord.pvalid),
    .upd_idx(ord.u.port[PIDX_W-1:0]), .upd_bytes(ord.len),
    .rd_idx(PIDX_W'(ctr_idx - 16'(MCNIC_HW_CTR_PORT_RX))),
    .rd_packets(c_pk[1]), .rd_bytes(c_by[1]),
    .clr_start(ctr_clr_start), .clr_busy(c_busy[1])
  );
  mcnic_ctr_bank #(.N(PORTS)) ctr_tx (
    .clk, .rst, .upd_valid(exec && r_sent && !r_dropped),
    .upd_idx(ord.out_port[PIDX_W-1:0]), .upd_bytes(r_len),
    .rd_idx(PIDX_W'(ctr_idx - 16'(MCNIC_HW_CTR_PORT_TX))),
    .rd_packets(c_pk[2]), .rd_bytes(c_by[2]),
    .clr_start(ctr_clr_start), .clr_busy(c_busy[2])
  );
  mcnic_ctr_bank #(.N(PORTS)) ctr_pdrop (
    .clk, .rst, .upd_valid(exec && r_dropped && ord.pvalid),
    .upd_idx(ord.u.port[PIDX_W-1:0]), .upd_bytes(ord.len),
    .rd_idx(PIDX_W'(ctr_idx - 16'(MCNIC_HW_CTR_PORT_DROP))),
    .rd_packets(c_pk[3]), .rd_bytes(c_by[3]),
    .clr_start(ctr_clr_start), .clr_busy(c_busy[3])
  );
  mcnic_ctr_bank #(.N(TMPLS)) ctr_tmpl (
    .clk, .rst, .upd_valid(exec && r_enc && !r_dropped),
    .upd_idx(ord.tmpl), .upd_bytes(r_len),
    .rd_idx(LOG2_TMPLS'(ctr_idx - 16'(MCNIC_HW_CTR_TMPL_TX))),
    .rd_packets(c_pk[4]), .rd_bytes(c_by[4]),
    .clr_start(ctr_clr_start), .clr_busy(c_busy[4])
  );
  mcnic_ctr_bank #(.N(8)) ctr_punt (
    .clk, .rst, .upd_valid(r_retire && ord.kind == K_PUNT),
    .upd_idx(ord.punt[2:0]), .upd_bytes(ord.len),
    .rd_idx(3'(ctr_idx - 16'(MCNIC_HW_CTR_PUNT))),
    .rd_packets(c_pk[5]), .rd_bytes(c_by[5]),
    .clr_start(ctr_clr_start), .clr_busy(c_busy[5])
  );
  // Tunnel counters are never cleared: the firmware folds their deltas.
  mcnic_ctr_bank #(.N(TUNS)) ctr_tun (
    .clk, .rst, .upd_valid(dec_passed), .upd_idx(ord.tslot),
    .upd_bytes(eng_res_len),
    .rd_idx(LOG2_TUNS'(ctr_idx - 16'(MCNIC_HW_CTR_TUN))),
    .rd_packets(c_pk[6]), .rd_bytes(c_by[6]), .clr_start(1'b0),
    .clr_busy(c_busy[6])
  );
  assign ctr_clr_busy = c_busy[0] | c_busy[1] | c_busy[2] | c_busy[3] |
                        c_busy[4] | c_busy[5] | c_busy[6];

  // The flow entry that decided a frame counts it, as mcnic_flow_cache_hit()
  // does before the action runs: an egress frame's received length, a
  // decapped frame's own (and only when it passed the decap checks).
  assign cnt_valid = exec && ord.hit && (!r_dec || eng_ok);
  assign cnt_slot = ord.slot;
  assign cnt_bytes = r_dec ? eng_res_len : ord.len;
  assign ft_ctr_slot = 32'(ctr_idx) - 32'(MCNIC_HW_CTR_FLOW);

  // The CSR read: which bank ctr_idx falls in.
  function automatic logic in_grp(input logic [15:0] i, input int unsigned base,
                                  input int unsigned n);
    return i >= 16'(base) && i < 16'(base + n);
  endfunction
  always_comb begin
    ctr_packets = '0;
    ctr_bytes = '0;
    if (in_grp(ctr_idx, MCNIC_HW_CTR_DROP, DROP_N)) begin
      ctr_packets = c_pk[0]; ctr_bytes = c_by[0];
    end else if (in_grp(ctr_idx, MCNIC_HW_CTR_PORT_RX, PORTS)) begin
      ctr_packets = c_pk[1]; ctr_bytes = c_by[1];
    end else if (in_grp(ctr_idx, MCNIC_HW_CTR_PORT_TX, PORTS)) begin
      ctr_packets = c_pk[2]; ctr_bytes = c_by[2];
    end else if (in_grp(ctr_idx, MCNIC_HW_CTR_PORT_DROP, PORTS)) begin
      ctr_packets = c_pk[3]; ctr_bytes = c_by[3];
    end else if (in_grp(ctr_idx, MCNIC_HW_CTR_TMPL_TX, TMPLS)) begin
      ctr_packets = c_pk[4]; ctr_bytes = c_by[4];
    end else if (in_grp(ctr_idx, MCNIC_HW_CTR_PUNT, 8)) begin
      ctr_packets = c_pk[5]; ctr_bytes = c_by[5];
    end else if (in_grp(ctr_idx, MCNIC_HW_CTR_TUN, TUNS)) begin
      ctr_packets = c_pk[6]; ctr_bytes = c_by[6];
    end else if (ctr_idx >= 16'(MCNIC_HW_CTR_FLOW)) begin
      ctr_packets = ft_ctr_packets; ctr_bytes = ft_ctr_bytes;
    end
  end
endmodule

`default_nettype wire
