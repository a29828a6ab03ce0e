// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The pipeline's CSR block (include/mcnic/hwpipe.h): an AXI-Lite slave, one
// transaction at a time, holding the configuration the datapath reads --
// control, parser configuration, port table, templates, VRF generations --
// and running the staged operations.  Table images are written word by
// word into the stage, then committed whole by one CMD write, so the
// datapath never sees half an entry.  A CMD write is answered (B) only
// when its operation is done.
`default_nettype none

module mcnic_csr
  import mcnic_pkg::*;
#(
  parameter int unsigned PORTS = 32,
  parameter int unsigned LOG2_TMPLS = 6,
  parameter int unsigned LOG2_BUCKETS = 10,
  parameter int unsigned STASH = MCNIC_HW_FT_STASH,
  parameter int unsigned LOG2_TUNS = 6,
  parameter int unsigned ADDR_W = 24,
  parameter int unsigned CTR_IDX_W = 16
) (
  input  wire logic                  clk,
  input  wire logic                  rst,
  // AXI-Lite slave
  input  wire logic [ADDR_W-1:0]     s_axil_awaddr,
  input  wire logic                  s_axil_awvalid,
  output logic                       s_axil_awready,
  input  wire logic [31:0]           s_axil_wdata,
  input  wire logic [3:0]            s_axil_wstrb,
  input  wire logic                  s_axil_wvalid,
  output logic                       s_axil_wready,
  output logic      [1:0]            s_axil_bresp,
  output logic                       s_axil_bvalid,
  input  wire logic                  s_axil_bready,
  input  wire logic [ADDR_W-1:0]     s_axil_araddr,
  input  wire logic                  s_axil_arvalid,
  output logic                       s_axil_arready,
  output logic      [31:0]           s_axil_rdata,
  output logic      [1:0]            s_axil_rresp,
  output logic                       s_axil_rvalid,
  input  wire logic                  s_axil_rready,
  // configuration
  output logic      [31:0]           ctrl,
  output logic      [31:0]           ft_seed,
  output mcnic_parse_cfg_t           parse_cfg,
  output mcnic_hw_port_t             port_tbl [PORTS],
  output mcnic_hw_vtep_t             vtep_tbl [MCNIC_HW_VTEPS],
  output mcnic_hw_tun_t              tun_tbl [1 << LOG2_TUNS],
  // the datapath owns the IP ID counter; a CSR write sets it
  output logic                       ip_id_wr,
  output logic      [15:0]           ip_id_wdata,
  input  wire logic [15:0]           ip_id_cur,
  // template and VRF generation RAMs: read ports for the datapath
  input  wire logic [LOG2_TMPLS-1:0] tmpl_ridx,
  output mcnic_encap_tmpl_t          tmpl_rdata,
  input  wire logic [11:0]           gen_ridx,
  output logic      [31:0]           gen_rdata,
  // flow table writes
  output logic                       ft_wr_valid,
  input  wire logic                  ft_wr_ready,
  output logic      [1:0]            ft_wr_op,
  output logic      [31:0]           ft_wr_slot,
  output mcnic_flow_entry_t          ft_wr_entry,
  input  wire logic [1:0]            ft_wr_status,
  // counters: the value of counter ctr_idx one cycle later
  output logic      [CTR_IDX_W-1:0]  ctr_idx,
  input  wire logic [63:0]           ctr_packets,
  input  wire logic [63:0]           ctr_bytes,
  output logic                       ctr_clr_start,
  input  wire logic                  ctr_clr_busy
);
  localparam int unsigned TMPLS = 1 << LOG2_TMPLS;
  localparam int unsigned TUNS = 1 << LOG2_TUNS;
  localparam int unsigned PIDX_W = $clog2(PORTS);
  localparam int unsigned STAGE_WORDS = MCNIC_TMPL_HDR_MAX / 4 + 16;

  initial begin
    if (PORTS < 2 || PORTS > 255) $error("mcnic_csr: PORTS must be 2..255");
    if (LOG2_TMPLS < 1 || LOG2_TMPLS > 12) $error("mcnic_csr: LOG2_TMPLS 1..12");
    if (ADDR_W < 20) $error("mcnic_csr: ADDR_W must be at least 20");
    if (LOG2_TUNS < 1 || LOG2_TUNS > 8) $error("mcnic_csr: LOG2_TUNS 1..8");
    if (STASH > MCNIC_HW_FT_STASH_MAX) $error("mcnic_csr: STASH 0..16");
    if (STAGE_WORDS * 4 != mcnic_encap_tmpl_BYTES) $error("mcnic_csr: stage size");
  end

  typedef enum logic [3:0] {
    S_IDLE, S_OP, S_FT_REQ, S_FT_WAIT, S_CLR, S_CLR_WAIT, S_BRESP,
    S_RD1, S_RD2, S_RRESP
  } state_t;
  state_t state;

  logic [31:0]             stage [STAGE_WORDS];
  logic [31:0]             status;
  logic [31:0]             cmd;
  logic [ADDR_W-1:0]       raddr;
  logic [127:32]           snap;
  mcnic_encap_tmpl_t       tmpl_ram [TMPLS];
  logic [31:0]             gen_ram [4096];

  // The whole stage as one image (word 0 at the bottom, as in memory).
  logic [STAGE_WORDS*32-1:0] stage_img;
  always_comb begin
    for (int i = 0; i < int'(STAGE_WORDS); i++)
      stage_img[i*32 +: 32] = stage[i];
  end

  function automatic logic [31:0] merge(input logic [31:0] old,
                                        input logic [31:0] d,
                                        input logic [3:0] strb);
    for (int i = 0; i < 4; i++)
      if (strb[i]) old[i*8 +: 8] = d[i*8 +: 8];
    return old;
  endfunction

  wire logic [ADDR_W-1:0] waddr = s_axil_awaddr;
  /* verilator lint_off UNUSEDSIGNAL */
  wire logic [ADDR_W-1:0] gen_woff = waddr - ADDR_W'(MCNIC_HW_REG_VRF_GEN);
  /* verilator lint_on UNUSEDSIGNAL */
  wire logic [11:0] gen_widx = gen_woff[13:2];
  wire logic [7:0]  op  = cmd[7:0];
  wire logic [23:0] arg = cmd[31:8];
  wire logic wr_go = state == S_IDLE && s_axil_awvalid && s_axil_wvalid;
  wire logic rd_go = state == S_IDLE && !wr_go && s_axil_arvalid;

  assign s_axil_awready = wr_go;
  assign s_axil_wready = wr_go;
  assign s_axil_arready = rd_go;
  assign s_axil_bresp = 2'b00;
  assign s_axil_rresp = 2'b00;
  assign s_axil_bvalid = state == S_BRESP;
  assign s_axil_rvalid = state == S_RRESP;

  assign ft_wr_valid = state == S_FT_REQ;
  assign ft_wr_op = op == 8'(MCNIC_HW_OP_FLOW_WRITE) ? 2'd1 :
                    op == 8'(MCNIC_HW_OP_FLOW_CLEAR) ? 2'd2 : 2'd3;
  assign ft_wr_slot = {8'd0, arg};
  assign ft_wr_entry = stage_img[mcnic_flow_entry_BYTES*8-1:0];
  assign ctr_clr_start = state == S_CLR;
  assign ip_id_wr = wr_go && waddr == ADDR_W'(MCNIC_HW_REG_IP_ID);
  assign ip_id_wdata = s_axil_wdata[15:0];

  // Counter index of a read in the counter window.
  wire logic [ADDR_W-1:0] roff = raddr - ADDR_W'(MCNIC_HW_REG_CTR);
  assign ctr_idx = CTR_IDX_W'(roff >> 4);
  wire logic in_ctr = raddr >= ADDR_W'(MCNIC_HW_REG_CTR);

  always_ff @(posedge clk) begin
    tmpl_rdata <= tmpl_ram[tmpl_ridx];
    gen_rdata <= gen_ram[gen_ridx];
    if (wr_go && waddr >= ADDR_W'(MCNIC_HW_REG_VRF_GEN) &&
        waddr < ADDR_W'(MCNIC_HW_REG_VRF_GEN + 4 * 4096))
      gen_ram[gen_widx] <= s_axil_wdata;
    if (state == S_OP && op == 8'(MCNIC_HW_OP_TMPL_WRITE) && arg < 24'(TMPLS))
      tmpl_ram[arg[LOG2_TMPLS-1:0]] <= stage_img;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      state <= S_IDLE;
      ctrl <= '0;
      ft_seed <= '0;
      parse_cfg <= '0;
      status <= '0;
      cmd <= '0;
      for (int i = 0; i < int'(PORTS); i++)
        port_tbl[i] <= '0;
      for (int i = 0; i < int'(MCNIC_HW_VTEPS); i++)
        vtep_tbl[i] <= '0;
      for (int i = 0; i < int'(TUNS); i++)
        tun_tbl[i] <= '0;
    end else begin
      case (state)
        S_IDLE: begin
          if (wr_go) begin
            state <= S_BRESP;
            if (waddr == ADDR_W'(MCNIC_HW_REG_CTRL))
              ctrl <= merge(ctrl, s_axil_wdata, s_axil_wstrb);
            if (waddr == ADDR_W'(MCNIC_HW_REG_FT_SEED))
              ft_seed <= merge(ft_seed, s_axil_wdata, s_axil_wstrb);
            if (waddr >= ADDR_W'(MCNIC_HW_REG_PARSE) &&
                waddr < ADDR_W'(MCNIC_HW_REG_PARSE + mcnic_parse_cfg_BYTES))
              parse_cfg[waddr[3:2]*32 +: 32] <=
                merge(parse_cfg[waddr[3:2]*32 +: 32], s_axil_wdata, s_axil_wstrb);
            if (waddr >= ADDR_W'(MCNIC_HW_REG_STAGE) &&
                waddr < ADDR_W'(MCNIC_HW_REG_STAGE + STAGE_WORDS * 4))
              stage[waddr[7:2]] <= merge(stage[waddr[7:2]], s_axil_wdata,
                                         s_axil_wstrb);
            if (waddr == ADDR_W'(MCNIC_HW_REG_CMD)) begin
              cmd <= s_axil_wdata;
              state <= S_OP;
            end
          end else if (rd_go) begin
            raddr <= s_axil_araddr;
            state <= S_RD1;
          end
        end
        S_OP: begin
          status <= MCNIC_HW_ST_OK;
          state <= S_BRESP;
          case (op)
            8'(MCNIC_HW_OP_FLOW_WRITE), 8'(MCNIC_HW_OP_FLOW_CLEAR),
            8'(MCNIC_HW_OP_FLOW_FLUSH):
              state <= S_FT_REQ;
            8'(MCNIC_HW_OP_TMPL_WRITE):
              if (arg >= 24'(TMPLS)) status <= MCNIC_HW_ST_BAD_ARG;
            8'(MCNIC_HW_OP_PORT_WRITE):
              if (arg >= 24'(PORTS))
                status <= MCNIC_HW_ST_BAD_ARG;
              else
                port_tbl[arg[PIDX_W-1:0]] <= stage_img[63:0];
            8'(MCNIC_HW_OP_VTEP_WRITE):
              if (arg >= 24'(MCNIC_HW_VTEPS))
                status <= MCNIC_HW_ST_BAD_ARG;
              else
                vtep_tbl[arg[3:0]] <= stage_img[mcnic_hw_vtep_BYTES*8-1:0];
            8'(MCNIC_HW_OP_TUN_WRITE):
              if (arg >= 24'(TUNS))
                status <= MCNIC_HW_ST_BAD_ARG;
              else
                tun_tbl[arg[LOG2_TUNS-1:0]] <= stage_img[mcnic_hw_tun_BYTES*8-1:0];
            8'(MCNIC_HW_OP_CTR_CLEAR):
              state <= S_CLR;
            default:
              status <= MCNIC_HW_ST_BAD_OP;
          endcase
        end
        // The table answers in the accepting cycle, and stays not ready
        // while the operation (a flush, a counter clear) goes on.
        S_FT_REQ:
          if (ft_wr_ready) begin
            status <= {30'd0, ft_wr_status};
            state <= S_FT_WAIT;
          end
        S_FT_WAIT:
          if (ft_wr_ready) state <= S_BRESP;
        S_CLR:
          state <= S_CLR_WAIT;
        S_CLR_WAIT:
          if (!ctr_clr_busy) state <= S_BRESP;
        S_BRESP:
          if (s_axil_bready) state <= S_IDLE;
        S_RD1:
          state <= S_RD2;
        S_RD2: begin
          state <= S_RRESP;
          s_axil_rdata <= read_word();
          if (in_ctr && roff[3:2] == 2'd0)
            snap <= {ctr_bytes, ctr_packets[63:32]};
        end
        S_RRESP:
          if (s_axil_rready) state <= S_IDLE;
        default:
          state <= S_IDLE;
      endcase
    end
  end

  // The register at raddr (counters: word 0 is live and latches the rest).
  function automatic logic [31:0] read_word();
    logic [31:0] v;
    v = '0;
    if (in_ctr) begin
      case (roff[3:2])
        2'd0: v = ctr_packets[31:0];
        2'd1: v = snap[63:32];
        2'd2: v = snap[95:64];
        default: v = snap[127:96];
      endcase
    end else if (raddr >= ADDR_W'(MCNIC_HW_REG_STAGE)) begin
      if (raddr < ADDR_W'(MCNIC_HW_REG_STAGE + STAGE_WORDS * 4))
        v = stage[raddr[7:2]];
    end else if (raddr >= ADDR_W'(MCNIC_HW_REG_PARSE)) begin
      if (raddr < ADDR_W'(MCNIC_HW_REG_PARSE + mcnic_parse_cfg_BYTES))
        v = parse_cfg[raddr[3:2]*32 +: 32];
    end else begin
      case (raddr[7:0])
        8'(MCNIC_HW_REG_ID):      v = MCNIC_HW_ID_MAGIC;
        8'(MCNIC_HW_REG_VERSION): v = MCNIC_HW_VERSION;
        8'(MCNIC_HW_REG_GEOM):    v = {8'(LOG2_TUNS), 8'(LOG2_TMPLS), 8'(PORTS),
                                       8'(LOG2_BUCKETS)};
        8'(MCNIC_HW_REG_GEOM2):   v = 32'(STASH);
        8'(MCNIC_HW_REG_CTRL):    v = ctrl;
        8'(MCNIC_HW_REG_FT_SEED): v = ft_seed;
        8'(MCNIC_HW_REG_IP_ID):   v = {16'd0, ip_id_cur};
        8'(MCNIC_HW_REG_STATUS):  v = status;
        default:                  v = '0;
      endcase
    end
    return v;
  endfunction
endmodule

`default_nettype wire
