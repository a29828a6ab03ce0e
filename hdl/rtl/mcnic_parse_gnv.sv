// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// GENEVE option TLVs (RFC 8926), as firmware/dp/parse.c
// mcnic_parse_geneve_opts() walks them: STEPS options per call, from word
// w_i of the option area.  Combinational; the caller keeps w between
// cycles while more is set (up to 63 one-word options).
//
// Options are whole words, and so are their lengths, so the walk moves
// in words and reads a TLV with a 64-way word mux, not a byte shifter.
`default_nettype none

module mcnic_parse_gnv
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES,
  parameter int unsigned STEPS = 4
) (
  input  wire logic [62:0][3:0][7:0] opt,    // bytes [opt_off, opt_off + 252)
  input  wire logic [15:0]           opt_off, // gnv_opt_off: for the window
  input  wire logic [5:0]            nwords,  // gnv_opt_len / 4
  input  wire logic [5:0]            w_i,     // the next option
  input  wire logic [15:0]           tflags_i,
  input  wire logic [15:0]           ident_i,
  output logic [5:0]                 w_o,
  output logic [15:0]                tflags_o,
  output logic [15:0]                ident_o,
  output logic                       more,    // options left: call again
  output logic [7:0]                 err,
  output logic                       deep
);
  localparam logic [16:0] HB = 17'(HDR_BYTES);

  initial begin
    if (STEPS < 1 || STEPS > 63) $error("mcnic_parse_gnv: STEPS must be 1..63");
  end

  // A zero word after the last: an option's data word is then in range.
  logic [63:0][3:0][7:0] ow;
  assign ow = {32'd0, opt};

  logic [5:0]  w, ol;
  logic [16:0] pos;
  logic [3:0][7:0] h;
  logic        run;

  always_comb begin
    w        = w_i;
    tflags_o = tflags_i;
    ident_o  = ident_i;
    err      = 8'(MCNIC_DROP_NONE);
    deep     = 1'b0;
    run      = 1'b1;
    pos      = 17'd0;
    h        = '0;
    ol       = 6'd0;
    for (int k = 0; k < int'(STEPS); k++) begin
      if (run && w < nwords) begin
        pos = {1'b0, opt_off} + {9'd0, w, 2'b00};
        h   = ow[w];
        ol  = 6'd1 + {1'b0, h[3][4:0]};
        if (pos + 17'd4 > HB) begin
          deep = 1'b1;
          run  = 1'b0;
        end else if (ol > nwords - w) begin
          err = 8'(MCNIC_DROP_GENEVE_OPT);
          run = 1'b0;
        end else if ({h[0], h[1]} == 16'(MCNIC_GENEVE_CLASS_MCNIC) &&
                     h[2] == 8'(MCNIC_GENEVE_TYPE_IDENT) && ol == 6'd2) begin
          // mcnic's identity option: segment(16) reserved(16).
          if (pos + 17'd6 > HB) begin
            deep = 1'b1;
            run  = 1'b0;
          end else begin
            ident_o  = {ow[w + 6'd1][0], ow[w + 6'd1][1]};
            tflags_o = tflags_o | 16'(MCNIC_TF_IDENT);
          end
        end else if ((h[2] & 8'(MCNIC_GENEVE_OPT_CRIT)) != 8'd0) begin
          tflags_o = tflags_o | 16'(MCNIC_TF_GNV_CRIT_UNK);
        end
        if (run)
          w = w + ol;
      end
    end
    w_o  = w;
    more = run && w < nwords;
  end
endmodule

`default_nettype wire
