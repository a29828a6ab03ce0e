// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// CRC32C (Castagnoli, reflected 0x82f63b78) over a fixed number of bytes,
// combinational: an XOR tree in logic.  Same convention as the firmware's
// mcnic_crc32c(crc, data, len): crc is the running value (0 to start), the
// inversions are inside.  Byte 0 is data[7:0].
`default_nettype none

module mcnic_crc32c #(
  parameter int unsigned N_BYTES = 44
) (
  input  wire logic [31:0]          crc_in,
  input  wire logic [N_BYTES*8-1:0] data,
  output logic      [31:0]          crc_out
);
  localparam logic [31:0] POLY = 32'h82f63b78;

  initial begin
    if (N_BYTES == 0) $error("mcnic_crc32c: N_BYTES must be at least 1");
  end

  localparam int unsigned NB = N_BYTES * 8;

  // The CRC is linear over GF(2), and over 32 bits or more the running
  // value acts as if XORed into the first 32 data bits: crc(c, d) =
  // crc(0, d ^ c).  crc(0, d) is the XOR of the columns of d's set bits;
  // COLS[32*i +: 32], the column of bit i, is POLY (what a lone 1 leaves)
  // after NB - 1 - i zero steps.  So each output bit is the parity of a
  // constant subset of the bits: a balanced XOR tree in synthesis, not a
  // chain of NB dependent steps.
  function automatic logic [NB*32-1:0] cols();
    logic [31:0] c;
    c = POLY;
    for (int i = int'(NB) - 1; i >= 0; i--) begin
      cols[i*32 +: 32] = c;
      c = c[0] ? (c >> 1) ^ POLY : c >> 1;
    end
  endfunction
  localparam logic [NB*32-1:0] COLS = cols();

  if (NB >= 32) begin : g_xor
    wire logic [NB-1:0] x = data ^ {{(NB - 32){1'b0}}, ~crc_in};
    for (genvar j = 0; j < 32; j++) begin : g_bit
      logic [NB-1:0] m;   // the data bits output bit j depends on
      for (genvar i = 0; i < int'(NB); i++) begin : g_m
        assign m[i] = COLS[i*32 + j];
      end
      assign crc_out[j] = ~^(x & m);
    end
  end else begin : g_steps
    // Fewer than 32 bits: one step per bit.
    always_comb begin
      logic [31:0] c;
      c = ~crc_in;
      for (int i = 0; i < int'(NB); i++)
        c = (c[0] ^ data[i]) ? (c >> 1) ^ POLY : c >> 1;
      crc_out = ~c;
    end
  end
endmodule

`default_nettype wire
