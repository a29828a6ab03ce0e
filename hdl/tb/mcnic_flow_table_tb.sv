// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// Test top for mcnic_flow_table: four geometries behind one set of ports,
// picked by sel (held constant through a run):
//   0  LOG2_BUCKETS 2, the default stash (16 + 8 slots: full buckets, equal
//      candidate buckets, evictions and stash entries all the time)
//   1  the defaults: LOG2_BUCKETS 10, STASH 8
//   2  LOG2_BUCKETS 2, STASH 0 (no stash: slot 16 is beyond the table)
//   3  LOG2_BUCKETS 1, STASH 16 (the largest stash, more than the buckets)
// The unselected tables see no valid.
`default_nettype none

module mcnic_flow_table_tb
  import mcnic_pkg::*;
(
  input  wire logic              clk,
  input  wire logic              rst,
  input  wire logic [1:0]        sel,
  input  wire logic              s_req_valid,
  output logic                   s_req_ready,
  input  wire mcnic_flow_key_t   s_req_key,
  input  wire logic [31:0]       s_req_hash,
  input  wire logic [15:0]       s_req_tag,
  output logic                   m_res_valid,
  input  wire logic              m_res_ready,
  output logic                   m_res_hit,
  output logic [31:0]            m_res_slot,
  output mcnic_flow_entry_t      m_res_entry,
  output logic [15:0]            m_res_tag,
  input  wire logic              wr_valid,
  output logic                   wr_ready,
  input  wire logic [1:0]        wr_op,
  input  wire logic [31:0]       wr_slot,
  input  wire mcnic_flow_entry_t wr_entry,
  output logic [1:0]             wr_status,
  input  wire logic              cnt_valid,
  input  wire logic [31:0]       cnt_slot,
  input  wire logic [15:0]       cnt_bytes,
  input  wire logic [31:0]       ctr_rd_slot,
  output logic [63:0]            ctr_rd_packets,
  output logic [63:0]            ctr_rd_bytes
);
  localparam int unsigned N = 4;
  localparam int unsigned L2B [N] = '{2, 10, 2, 1};
  localparam int unsigned STS [N] = '{MCNIC_HW_FT_STASH, MCNIC_HW_FT_STASH,
                                      0, MCNIC_HW_FT_STASH_MAX};

  logic              req_ready [N], res_valid [N], res_hit [N], wrr [N];
  logic [31:0]       res_slot [N];
  mcnic_flow_entry_t res_entry [N];
  logic [15:0]       res_tag [N];
  logic [1:0]        wst [N];
  logic [63:0]       pk [N], by [N];

  for (genvar i = 0; i < int'(N); i++) begin : g_tab
    logic me;
    assign me = sel == 2'(i);
    mcnic_flow_table #(.LOG2_BUCKETS(L2B[i]), .STASH(STS[i])) u_tab (
      .clk, .rst,
      .s_req_valid(s_req_valid && me), .s_req_ready(req_ready[i]),
      .s_req_key, .s_req_hash, .s_req_tag,
      .m_res_valid(res_valid[i]), .m_res_ready(m_res_ready && me),
      .m_res_hit(res_hit[i]), .m_res_slot(res_slot[i]),
      .m_res_entry(res_entry[i]), .m_res_tag(res_tag[i]),
      .wr_valid(wr_valid && me), .wr_ready(wrr[i]), .wr_op, .wr_slot,
      .wr_entry, .wr_status(wst[i]),
      .cnt_valid(cnt_valid && me), .cnt_slot, .cnt_bytes, .ctr_rd_slot,
      .ctr_rd_packets(pk[i]), .ctr_rd_bytes(by[i])
    );
  end

  assign s_req_ready    = req_ready[sel];
  assign m_res_valid    = res_valid[sel];
  assign m_res_hit      = res_hit[sel];
  assign m_res_slot     = res_slot[sel];
  assign m_res_entry    = res_entry[sel];
  assign m_res_tag      = res_tag[sel];
  assign wr_ready       = wrr[sel];
  assign wr_status      = wst[sel];
  assign ctr_rd_packets = pk[sel];
  assign ctr_rd_bytes   = by[sel];
endmodule

`default_nettype wire
