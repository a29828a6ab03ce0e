// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The HDL's exact-match flow table (include/mcnic/hwpipe.h): 2^LOG2_BUCKETS
// buckets of MCNIC_HW_FT_WAYS ways in RAM, slot = bucket * WAYS + way
// (mcnic_hw_ft_slot), and a stash of STASH entries in flip-flops, slot =
// (4 << LOG2_BUCKETS) + i (mcnic_hw_ft_stash_slot): numbered after the
// buckets, so slot arguments, the counters and m_res_slot cover it as they
// are.  The firmware places every entry in one of the two candidate buckets
// of its key's flow-cache hash h (mcnic_hw_ft_bucket: the low bits of h,
// and the low bits of h rotated by 16), or, when both are full, in the
// stash; a lookup reads both buckets' ways at once, compares the whole
// 44-byte key with them and with every stash entry in the same stage.
//
// Lookups: one per cycle, in order, 2 cycles from acceptance to m_res_valid
// (read the RAMs; compare and select into the result FIFO).  s_req_ready
// depends only on registers: the 4-entry result FIFO reserves room for each
// accepted lookup, so the RAM pipeline itself never stalls and only
// m_res back-pressure throttles requests.
//   hit: a valid slot of bucket 0, of bucket 1 or of the stash holds a key
//   equal to s_req_key; when several do (the firmware never writes
//   duplicates) the lowest way of bucket 0 wins, then the lowest way of
//   bucket 1, then the lowest stash entry.  On a miss m_res_slot and
//   m_res_entry are zero.
//
// Table writes (the CSR block stages a whole image, so an entry is replaced
// in one cycle: a lookup never sees half an entry):
//   wr_op 1 WRITE slot := wr_entry, valid; clears the slot's counters.
//         2 CLEAR slot := invalid (its counters are kept, readable).
//         3 FLUSH every slot (the stash's too) invalid, every counter zero.
//   wr_status, valid in the accepting cycle (a function of wr_op and
//   wr_slot): MCNIC_HW_ST_OK; MCNIC_HW_ST_BAD_ARG for WRITE/CLEAR of a slot
//   >= NSLOT = (4 << LOG2_BUCKETS) + STASH (nothing changes);
//   MCNIC_HW_ST_BAD_OP for op 0 (nothing changes).
//   wr_ready is low during a flush (NSLOT cycles, also after reset, which
//   starts one) and for the cycles a WRITE's counter clear waits for the
//   counter RAM's write port (see below).  An op is complete
//   (MCNIC_HW_REG_CMD may respond) once wr_ready is high again after it was
//   accepted; WRITE and CLEAR take effect at their accepting edge already
//   (a stash entry changes one edge later, when the lookups accepted at the
//   write's edge have compared against the old one: the same ordering).
//
// Ordering (edge = the clock edge at which a handshake is accepted):
//   - A lookup sees every table write accepted at an earlier edge, and not
//     one accepted at the same edge (the lookup goes first).
//   - A lookup accepted at the FLUSH's edge sees the table before it; later
//     lookups, until the flush is done, miss (they see the emptied table);
//     no write is accepted until it is done.
//   - Counter updates (cnt_valid; no ready: one per cycle, always taken)
//     apply after the table writes of the same edge: one accepted at the
//     edge of the WRITE of its slot, or later, counts for the new entry.
//     Updates accepted at the FLUSH's edge and the NSLOT - 1 edges after
//     it (while it runs) are discarded, as are updates of a slot beyond the
//     table.
//   - A counter read (ctr_rd_slot sampled at edge X, result in the cycle
//     after X) sees every table write accepted at or before X and every
//     update accepted before X.  Slots beyond the table read 0.
//
// RAMs, each with one write and one read port (simple dual-port block RAM):
//   entries: per way, two copies of NB x (valid + 64-byte entry), one read
//   at bucket 0, one at bucket 1; both written by WRITE/CLEAR/FLUSH.
//   counters: two copies of NSLOT x 128 bits (packets, bytes), one read by
//   the update's read-modify-write, one by ctr_rd; both written by one port.
//   Back-to-back updates of a slot forward the value just written.  A
//   WRITE's clear uses the write port when no update writes in that cycle;
//   otherwise it is held pending (one at most, wr_ready low meanwhile) and
//   reads and updates of that slot see zero until it lands: at the first
//   edge without an update, or with an update of that slot (which then
//   writes its own count over zero).  Only an update at every single edge
//   to other slots would keep wr_ready low.
// The stash: STASH x (valid + 64-byte entry) in flip-flops, compared with
// the request's key in the stage that compares the RAMs' outputs (so its
// compare, like theirs, starts at a register and ends at the result FIFO;
// no new stage, no lost cycle), plus one staged write (index, set, entry)
// that lands at the edge after its acceptance.
`default_nettype none

module mcnic_flow_table
  import mcnic_pkg::*;
#(
  parameter int unsigned LOG2_BUCKETS = 10,
  parameter int unsigned STASH = MCNIC_HW_FT_STASH
) (
  input  wire logic              clk,
  input  wire logic              rst,

  // Lookup requests.
  input  wire logic              s_req_valid,
  output logic                   s_req_ready,
  input  wire mcnic_flow_key_t   s_req_key,
  // Flow-cache hash of s_req_key (mcnic_key_hash); some bits pick no bucket.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire logic [31:0]       s_req_hash,
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [15:0]       s_req_tag,

  // Lookup results, in request order.
  output logic                   m_res_valid,
  input  wire logic              m_res_ready,
  output logic                   m_res_hit,
  output logic [31:0]            m_res_slot,
  output mcnic_flow_entry_t      m_res_entry,
  output logic [15:0]            m_res_tag,

  // Table writes (from the CSR block).
  input  wire logic              wr_valid,
  output logic                   wr_ready,
  input  wire logic [1:0]        wr_op,
  input  wire logic [31:0]       wr_slot,
  input  wire mcnic_flow_entry_t wr_entry,
  output logic [1:0]             wr_status,

  // Per-slot counters: updates and reads.
  input  wire logic              cnt_valid,
  input  wire logic [31:0]       cnt_slot,
  input  wire logic [15:0]       cnt_bytes,
  input  wire logic [31:0]       ctr_rd_slot,
  output logic [63:0]            ctr_rd_packets,
  output logic [63:0]            ctr_rd_bytes
);
  localparam int unsigned WAYS  = MCNIC_HW_FT_WAYS;
  localparam int unsigned WW    = $clog2(WAYS);
  localparam int unsigned BW    = LOG2_BUCKETS;
  localparam int unsigned NB    = 1 << BW;
  localparam int unsigned NBS   = NB * WAYS;       // bucket slots
  localparam int unsigned NSLOT = NBS + STASH;
  localparam int unsigned SW    = $clog2(NSLOT);   // slot number bits
  localparam int unsigned SN    = STASH > 0 ? STASH : 1;
  localparam int unsigned SIW   = SN > 1 ? $clog2(SN) : 1;
  localparam int unsigned ENT_W = 8 * mcnic_flow_entry_BYTES;
  localparam int unsigned KEY_W = 8 * mcnic_flow_key_BYTES;
  localparam int unsigned RES_DEPTH = 4;

  localparam logic [1:0] OP_WRITE = 2'(MCNIC_HW_OP_FLOW_WRITE);
  localparam logic [1:0] OP_CLEAR = 2'(MCNIC_HW_OP_FLOW_CLEAR);
  localparam logic [1:0] OP_FLUSH = 2'(MCNIC_HW_OP_FLOW_FLUSH);

  // Elaboration-time checks (slot numbers are bucket and way bits).
  if (LOG2_BUCKETS < 1 || LOG2_BUCKETS > 16) begin : g_bad_log2
    $error("mcnic_flow_table: LOG2_BUCKETS must be 1..16, not %0d",
           LOG2_BUCKETS);
  end
  if (WAYS != (1 << WW)) begin : g_bad_ways
    $error("mcnic_flow_table: MCNIC_HW_FT_WAYS must be a power of two");
  end
  if (STASH > MCNIC_HW_FT_STASH_MAX) begin : g_bad_stash
    $error("mcnic_flow_table: STASH must be 0..%0d, not %0d",
           MCNIC_HW_FT_STASH_MAX, STASH);
  end

  // hwpipe.h mcnic_hw_ft_bucket(h, which, log2b), bit for bit.
  function automatic logic [BW-1:0] ft_bucket(input logic [31:0] h,
                                              input logic which);
    logic [31:0] mask;
    /* verilator lint_off UNUSEDSIGNAL */
    logic [31:0] v;                   // masked: only BW bits can be set
    /* verilator lint_on UNUSEDSIGNAL */
    mask = (32'd1 << LOG2_BUCKETS) - 32'd1;
    v = (which ? {h[15:0], h[31:16]} : h) & mask;
    return v[BW-1:0];
  endfunction

  // ---------------------------------------------------------------- control
  logic          flushing;            // clearing slot fl_idx this cycle
  logic [SW-1:0] fl_idx;
  logic          pend_valid;          // a WRITE's counter clear not yet done
  logic [SW-1:0] pend_slot;

  logic wr_acc, wr_slot_ok, wr_bkt, op_write, op_clear, op_flush;

  assign wr_ready   = !flushing && !pend_valid;
  assign wr_acc     = wr_valid && wr_ready;
  assign wr_slot_ok = wr_slot < NSLOT;
  assign wr_bkt     = wr_slot < NBS;
  assign op_write   = wr_acc && wr_op == OP_WRITE && wr_slot_ok;
  assign op_clear   = wr_acc && wr_op == OP_CLEAR && wr_slot_ok;
  assign op_flush   = wr_acc && wr_op == OP_FLUSH;

  always_comb begin
    case (wr_op)
      OP_WRITE, OP_CLEAR:
        wr_status = wr_slot_ok ? 2'(MCNIC_HW_ST_OK) : 2'(MCNIC_HW_ST_BAD_ARG);
      OP_FLUSH: wr_status = 2'(MCNIC_HW_ST_OK);
      default:  wr_status = 2'(MCNIC_HW_ST_BAD_OP);
    endcase
  end

  // A flush walks every slot (clearing each bucket WAYS times over, and
  // again past the buckets, over the stash's counters): the counters need
  // one cycle per slot, and the entries are cleared with them.
  always_ff @(posedge clk) begin
    if (rst || op_flush) begin
      flushing <= 1'b1;
      fl_idx   <= '0;
    end else if (flushing) begin
      fl_idx <= fl_idx + SW'(1);
      if (fl_idx == SW'(NSLOT - 1))
        flushing <= 1'b0;
    end
  end

  // ------------------------------------------------------------ entry RAMs
  logic [WAYS-1:0] tw_en;
  logic [BW-1:0]   tw_bucket;
  logic [ENT_W:0]  tw_data;           // {valid, entry}

  always_comb begin
    tw_en     = '0;
    tw_bucket = flushing ? fl_idx[BW+WW-1:WW] : wr_slot[BW+WW-1:WW];
    tw_data   = op_write ? {1'b1, wr_entry} : '0;
    for (int w = 0; w < int'(WAYS); w++)
      if (flushing || ((op_write || op_clear) && wr_bkt &&
                       wr_slot[WW-1:0] == WW'(w)))
        tw_en[w] = 1'b1;
  end

  logic          req_acc;
  logic [BW-1:0] rd_b0, rd_b1;
  logic [ENT_W:0] q0 [WAYS];          // way w of bucket 0 / bucket 1
  logic [ENT_W:0] q1 [WAYS];

  assign req_acc = s_req_valid && s_req_ready;
  assign rd_b0   = ft_bucket(s_req_hash, 1'b0);
  assign rd_b1   = ft_bucket(s_req_hash, 1'b1);

  for (genvar w = 0; w < int'(WAYS); w++) begin : g_way
    logic [ENT_W:0] mem0 [NB];
    logic [ENT_W:0] mem1 [NB];

    always_ff @(posedge clk) begin
      if (tw_en[w])
        mem0[tw_bucket] <= tw_data;
      q0[w] <= mem0[rd_b0];
    end

    always_ff @(posedge clk) begin
      if (tw_en[w])
        mem1[tw_bucket] <= tw_data;
      q1[w] <= mem1[rd_b1];
    end
  end

  // ------------------------------------------------------------- the stash
  // A lookup compares the stash in the cycle after its acceptance, so a
  // write lands one edge late: the lookups accepted at its own edge see the
  // old entry, every later one the new (as the RAMs' read-before-write
  // gives for the buckets).  A flush empties it at its first cycle, after
  // the lookups of the FLUSH's edge compared.
  // One flat vector (entry i at [i*ENT_W +: ENT_W]), indexed by constants
  // only: registers, not a RAM with a read port per entry.
  logic [SN-1:0]       st_valid;
  logic [SN*ENT_W-1:0] st_ent;
  logic             sw_valid, sw_set;
  logic [SIW-1:0]   sw_idx;
  logic [ENT_W-1:0] sw_ent;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [31:0]      wr_sidx;          // a stash slot's index: low bits
  /* verilator lint_on UNUSEDSIGNAL */

  assign wr_sidx = wr_slot - 32'(NBS);

  always_ff @(posedge clk) begin
    sw_valid <= !rst && (op_write || op_clear) && !wr_bkt && STASH > 0;
    sw_set   <= op_write;
    sw_idx   <= wr_sidx[SIW-1:0];
    if (op_write)
      sw_ent <= wr_entry;
    if (rst || flushing)
      st_valid <= '0;
    else if (sw_valid)
      st_valid[sw_idx] <= sw_set;
    for (int i = 0; i < int'(STASH); i++)
      if (sw_valid && sw_set && sw_idx == SIW'(i))
        st_ent[i*ENT_W +: ENT_W] <= sw_ent;
  end

  // ---------------------------------------------------- compare and select
  logic            s1_valid, s1_nohit;
  mcnic_flow_key_t s1_key;
  logic [15:0]     s1_tag;
  logic [BW-1:0]   s1_b0, s1_b1;

  always_ff @(posedge clk) begin
    s1_valid <= rst ? 1'b0 : req_acc;
    // During a flush the RAMs hold a mix of old and cleared slots.
    s1_nohit <= flushing;
    s1_key   <= s_req_key;
    s1_tag   <= s_req_tag;
    s1_b0    <= rd_b0;
    s1_b1    <= rd_b1;
  end

  typedef struct packed {
    logic              hit;
    logic [31:0]       slot;
    mcnic_flow_entry_t entry;
    logic [15:0]       tag;
  } res_t;

  res_t res;
  logic [WAYS-1:0] hit0, hit1;
  logic [SN-1:0]   hit2;

  always_comb begin
    for (int w = 0; w < int'(WAYS); w++) begin
      hit0[w] = q0[w][ENT_W] && q0[w][KEY_W-1:0] == s1_key;
      hit1[w] = q1[w][ENT_W] && q1[w][KEY_W-1:0] == s1_key;
    end
    hit2 = '0;
    for (int i = 0; i < int'(STASH); i++)
      hit2[i] = st_valid[i] && st_ent[i*ENT_W +: KEY_W] == s1_key;
    res     = '0;
    res.tag = s1_tag;
    // Downwards and the stash first, so the lowest way of bucket 0 is
    // assigned last: it wins, then bucket 1, then the stash.
    for (int i = int'(STASH) - 1; i >= 0; i--)
      if (hit2[i]) begin
        res.hit   = 1'b1;
        res.slot  = 32'(NBS) + 32'(i);
        res.entry = st_ent[i*ENT_W +: ENT_W];
      end
    for (int w = int'(WAYS) - 1; w >= 0; w--)
      if (hit1[w]) begin
        res.hit   = 1'b1;
        res.slot  = 32'({s1_b1, WW'(w)});
        res.entry = q1[w][ENT_W-1:0];
      end
    for (int w = int'(WAYS) - 1; w >= 0; w--)
      if (hit0[w]) begin
        res.hit   = 1'b1;
        res.slot  = 32'({s1_b0, WW'(w)});
        res.entry = q0[w][ENT_W-1:0];
      end
    if (s1_nohit) begin
      res.hit   = 1'b0;
      res.slot  = '0;
      res.entry = '0;
    end
  end

  // ------------------------------------------------------------ result FIFO
  localparam int unsigned PW = $clog2(RES_DEPTH);
  res_t          fifo [RES_DEPTH];
  logic [PW-1:0] fifo_wp, fifo_rp;
  logic [PW:0]   fifo_n;
  logic          pop;

  assign m_res_valid = fifo_n != '0;
  assign pop         = m_res_valid && m_res_ready;
  assign m_res_hit   = fifo[fifo_rp].hit;
  assign m_res_slot  = fifo[fifo_rp].slot;
  assign m_res_entry = fifo[fifo_rp].entry;
  assign m_res_tag   = fifo[fifo_rp].tag;
  // Room for the result in flight and the one accepted now.
  assign s_req_ready = fifo_n + {{PW{1'b0}}, s1_valid} < (PW + 1)'(RES_DEPTH);

  always_ff @(posedge clk) begin
    if (s1_valid)
      fifo[fifo_wp] <= res;
    if (rst) begin
      fifo_wp <= '0;
      fifo_rp <= '0;
      fifo_n  <= '0;
    end else begin
      fifo_wp <= fifo_wp + PW'(s1_valid);
      fifo_rp <= fifo_rp + PW'(pop);
      fifo_n  <= fifo_n + (PW + 1)'(s1_valid) - (PW + 1)'(pop);
    end
  end

  // ------------------------------------------------------------- counters
  logic          u1_valid;            // update read at the last edge
  logic [SW-1:0] u1_slot;
  logic [15:0]   u1_bytes;
  logic [127:0]  u1_q, u1_base, u1_new;
  logic          lw_valid;            // the counter write of the last edge
  logic [SW-1:0] lw_slot;
  logic [127:0]  lw_data;
  logic          cw_en;
  logic [SW-1:0] cw_slot;
  logic [127:0]  cw_data;
  logic [SW-1:0] cnt_idx, rd_idx, rd_slot_q;
  logic          rd_ok_q;
  logic [127:0]  rd_q, rd_val;
  logic [127:0]  ctr_c [NSLOT];       // read by the updates
  logic [127:0]  ctr_d [NSLOT];       // read by ctr_rd

  assign cnt_idx = cnt_slot[SW-1:0];
  assign rd_idx  = ctr_rd_slot[SW-1:0];

  always_ff @(posedge clk) begin
    if (cw_en)
      ctr_c[cw_slot] <= cw_data;
    u1_q <= ctr_c[cnt_idx];
  end

  always_ff @(posedge clk) begin
    if (cw_en)
      ctr_d[cw_slot] <= cw_data;
    rd_q <= ctr_d[rd_idx];
  end

  // The value before this update: zero if a clear of the slot is pending,
  // what the last edge wrote if it wrote this slot (the RAM read at that
  // edge returned the older value), else the RAM.
  always_comb begin
    if (pend_valid && pend_slot == u1_slot)
      u1_base = '0;
    else if (lw_valid && lw_slot == u1_slot)
      u1_base = lw_data;
    else
      u1_base = u1_q;
    u1_new = {u1_base[127:64] + 64'(u1_bytes), u1_base[63:0] + 64'd1};
  end

  // One counter write per cycle: the flush, else the update (a WRITE of
  // the same slot at this edge supersedes it: the update was for the old
  // entry), else a pending clear, else a WRITE's clear.
  always_comb begin
    cw_en   = 1'b0;
    cw_slot = wr_slot[SW-1:0];
    cw_data = '0;
    if (flushing) begin
      cw_en   = 1'b1;
      cw_slot = fl_idx;
    end else if (u1_valid) begin
      cw_en   = 1'b1;
      cw_slot = u1_slot;
      if (!(op_write && wr_slot[SW-1:0] == u1_slot))
        cw_data = u1_new;
    end else if (pend_valid) begin
      cw_en   = 1'b1;
      cw_slot = pend_slot;
    end else if (op_write) begin
      cw_en   = 1'b1;
    end
  end

  always_ff @(posedge clk) begin
    u1_valid  <= !rst && cnt_valid && cnt_slot < NSLOT;
    u1_slot   <= cnt_idx;
    u1_bytes  <= cnt_bytes;
    lw_valid  <= !rst && cw_en;
    lw_slot   <= cw_slot;
    lw_data   <= cw_data;
    rd_slot_q <= rd_idx;
    rd_ok_q   <= ctr_rd_slot < NSLOT;
    if (rst) begin
      pend_valid <= 1'b0;
    end else if (!flushing && u1_valid && op_write &&
                 wr_slot[SW-1:0] != u1_slot) begin
      // The write port is the update's: clear later.
      pend_valid <= 1'b1;
      pend_slot  <= wr_slot[SW-1:0];
    end else if (!flushing && pend_valid &&
                 (!u1_valid || u1_slot == pend_slot)) begin
      // Cleared now, or the update of that slot wrote 0 + its count.
      pend_valid <= 1'b0;
    end
  end

  // Counter reads: same overrides as the update's base, and zero while a
  // flush runs (the RAM holds a mix of old and cleared counters).
  always_comb begin
    if (!rd_ok_q || flushing || (pend_valid && pend_slot == rd_slot_q))
      rd_val = '0;
    else if (lw_valid && lw_slot == rd_slot_q)
      rd_val = lw_data;
    else
      rd_val = rd_q;
  end
  assign ctr_rd_packets = rd_val[63:0];
  assign ctr_rd_bytes   = rd_val[127:64];
endmodule

`default_nettype wire
