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

  function automatic logic [31:0] crc_bytes(input logic [31:0] c0,
                                            input logic [N_BYTES*8-1:0] d);
    logic [31:0] c;
    c = c0;
    for (int i = 0; i < int'(N_BYTES) * 8; i++)
      c = ((c ^ {31'd0, d[i]}) & 32'd1) != 0 ? (c >> 1) ^ POLY : c >> 1;
    return c;
  endfunction

  assign crc_out = ~crc_bytes(~crc_in, data);
endmodule

`default_nettype wire
