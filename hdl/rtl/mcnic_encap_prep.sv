// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// The per-frame decisions of mcnic_encap() (firmware/dp/encap.c), from the
// template, the inner frame's layer and its length alone: the drop reason
// (same conditions, same order), the inner MTU reported on TOO_BIG, the
// output length, and the template's header with every per-packet field
// patched except the UDP checksum, which needs the frame's bytes.
// Combinational; the arithmetic is C's (u32 sums, u16 truncations).
//
// The buffer is taken to start MCNIC_HEADROOM bytes in (as the firmware's
// do), and the template to pass mcnic_tmpl_valid() or have type NONE.
`default_nettype none

module mcnic_encap_prep
  import mcnic_pkg::*;
(
  input  wire mcnic_encap_tmpl_t tmpl,
  input  wire mcnic_layer_t      in,
  input  wire logic [31:0]       hash,
  input  wire logic [15:0]       ip_id,
  input  wire logic [15:0]       len,

  output logic [7:0]             drop,
  output logic [15:0]            inner_mtu,
  output logic [15:0]            out_len,    // 0 when dropped
  output logic [15:0]            skip,       // inner bytes not carried
  output logic [15:0]            hdr_len,
  output logic [191:0][7:0]      hdr,
  output logic                   want_csum,
  output logic [31:0]            csum_init,  // pseudo-header + UDP length
  output logic                   swap_data   // inner bytes at odd UDP offsets
);
  logic        v6, gre_l3, l3_none, df, udp;
  logic [15:0] f, strip, inner_len, frag, id, ulen, sport;
  logic [31:0] l3len, ipsum, vtf;
  logic [63:0] prod;
  logic [7:0]  tos, ttl;
  logic [15:0] ipcheck;
  // What encap does not look at (Verilator skips *unused* names).
  logic        unused_fields;

  assign unused_fields = ^{tmpl.pad, in.daddr, in.saddr, in.dport, in.sport,
                           in.tcp_flags, in.proto, in.n_vlan, in.vlan_tci,
                           in.ethertype, in.l4_off, in.l2_off, prod[63:48],
                           prod[31:0]};

  function automatic logic [15:0] fold(input logic [31:0] s);
    logic [31:0] t;
    t = {16'd0, s[15:0]} + {16'd0, s[31:16]};
    t = {16'd0, t[15:0]} + {16'd0, t[31:16]};
    return t[15:0];
  endfunction

  // Byte i of hdr[] (wire order) with a guard: offsets come from the
  // template, and a write beyond hdr[] must go nowhere.
  function automatic void put8(inout logic [191:0][7:0] h, input int i,
                               input logic [7:0] v);
    if (i >= 0 && i < 192)
      h[i] = v;
  endfunction

  function automatic void put16(inout logic [191:0][7:0] h, input int i,
                                input logic [15:0] v);
    put8(h, i, v[15:8]);
    put8(h, i + 1, v[7:0]);
  endfunction

  always_comb begin
    f = tmpl.flags;
    v6 = (f & 16'(MCNIC_TUNF_OUTER_V6)) != 0;
    gre_l3 = (f & 16'(MCNIC_TUNF_GRE_L3)) != 0;
    l3_none = in.l3 == 8'(MCNIC_L3_NONE);
    udp = tmpl.type_ != 8'(MCNIC_TUN_GRE);

    strip = gre_l3 ? in.l3_off : 16'd0;
    inner_len = gre_l3 ? in.end_ - in.l3_off : len;
    l3len = {16'd0, tmpl.hdr_len} - {24'd0, tmpl.l3_off} + {16'd0, inner_len};

    drop = 8'(MCNIC_DROP_NONE);
    inner_mtu = '0;
    if (tmpl.type_ == 8'(MCNIC_TUN_NONE)) begin
      drop = 8'(MCNIC_DROP_TMPL_INVALID);
    end else if (gre_l3 && l3_none) begin
      drop = 8'(MCNIC_DROP_ENCAP_NOT_IP);
    end else if ({1'b0, 16'(MCNIC_HEADROOM)} + {1'b0, strip} < {1'b0, tmpl.hdr_len}) begin
      drop = 8'(MCNIC_DROP_ENCAP_HEADROOM);
    end else if (l3len > {16'd0, tmpl.mtu}) begin
      drop = 8'(MCNIC_DROP_TOO_BIG);
      // Outer headers and the inner L2 header are the overhead.
      if (!l3_none)
        inner_mtu = tmpl.mtu - (tmpl.hdr_len - {8'd0, tmpl.l3_off}) -
                    (strip != 0 ? 16'd0 : in.l3_off);
    end
    skip = strip;
    hdr_len = tmpl.hdr_len;
    out_len = drop == 8'(MCNIC_DROP_NONE) ? tmpl.hdr_len + inner_len : 16'd0;

    // RFC 6040 TOS/ECN, RFC 1122 TTL, DF: as mcnic_encap_tos/ttl/df.
    tos = tmpl.tos;
    if (!l3_none) begin
      if ((f & 16'(MCNIC_TUNF_DSCP_INHERIT)) != 0)
        tos = in.tos & 8'hfc;
      if ((f & 16'(MCNIC_TUNF_ECN_COMPAT)) == 0)
        tos = tos | (in.tos & 8'h03);
    end
    ttl = (f & 16'(MCNIC_TUNF_TTL_INHERIT)) != 0 && !l3_none && in.ttl != 0 ?
          in.ttl : tmpl.ttl;
    if ((f & 16'(MCNIC_TUNF_DF_SET)) != 0)
      df = 1'b1;
    else if ((f & 16'(MCNIC_TUNF_DF_INHERIT)) == 0)
      df = 1'b0;
    else
      df = in.l3 == 8'(MCNIC_L3_IPV6) || (in.flags & 16'(MCNIC_LF_IPV4_DF)) != 0;

    frag = df ? 16'(MCNIC_IPV4_DF) : 16'd0;
    id = df ? 16'd0 : ip_id;
    ipsum = tmpl.ip_csum + {24'd0, tos} + l3len + {16'd0, id} + {16'd0, frag} +
            {16'd0, ttl, 8'd0};
    ipcheck = ~fold(ipsum);
    vtf = {4'd6, tos, 20'd0} |
          (hash[19:0] != 0 ? {12'd0, hash[19:0]} : 32'd1);
    ulen = 16'(l3len - ({24'd0, tmpl.l4_off} - {24'd0, tmpl.l3_off}));
    prod = {32'd0, hash} * {32'd0, tmpl.sport_span};
    sport = tmpl.sport_min + prod[47:32];

    hdr = tmpl.hdr;
    if (v6) begin
      put16(hdr, int'(tmpl.l3_off), vtf[31:16]);
      put16(hdr, int'(tmpl.l3_off) + 2, vtf[15:0]);
      put16(hdr, int'(tmpl.l3_off) + 4, 16'(l3len - 32'd40));
      put8(hdr, int'(tmpl.l3_off) + 7, ttl);
    end else begin
      put8(hdr, int'(tmpl.l3_off) + 1, tos);
      put16(hdr, int'(tmpl.l3_off) + 2, l3len[15:0]);
      put16(hdr, int'(tmpl.l3_off) + 4, id);
      put16(hdr, int'(tmpl.l3_off) + 6, frag);
      put8(hdr, int'(tmpl.l3_off) + 8, ttl);
      put16(hdr, int'(tmpl.l3_off) + 10, ipcheck);
    end
    if (udp) begin
      put16(hdr, int'(tmpl.l4_off), sport);
      put16(hdr, int'(tmpl.l4_off) + 4, ulen);
    end else if (gre_l3) begin
      put16(hdr, int'(tmpl.tun_off) + 2, in.l3 == 8'(MCNIC_L3_IPV4) ?
            16'(MCNIC_ETH_P_IPV4) : 16'(MCNIC_ETH_P_IPV6));
    end

    want_csum = udp && drop == 8'(MCNIC_DROP_NONE) &&
                (v6 ? (f & 16'(MCNIC_TUNF_UDP6_ZERO)) == 0 :
                      (f & 16'(MCNIC_TUNF_UDP_CSUM)) != 0);
    csum_init = tmpl.l4_csum + {16'd0, ulen};
    swap_data = tmpl.hdr_len[0] ^ tmpl.l4_off[0];
  end
endmodule

`default_nettype wire
