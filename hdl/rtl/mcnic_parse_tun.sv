// SPDX-License-Identifier: (GPL-2.0 OR MIT)
// One step of the parser: is the outer packet a tunnel, and its tunnel
// header (VXLAN, GENEVE without its options, GRE, ESP), as
// firmware/dp/parse.c mcnic_parse_tunnel() and the functions it calls
// read them.  Combinational; hdr is the 24 bytes at the outer L4 header:
// UDP's 8 and the 16 a tunnel header can take (GRE with C, K and S).
//
// Outputs: inner = the inner frame starts at off_o, protocol tproto, and
// the span's end is end_o; for GENEVE, gwalk = its options are to be
// walked first (mcnic_parse_gnv).  Neither (and no error): parse done.
`default_nettype none

module mcnic_parse_tun
  import mcnic_pkg::*;
#(
  parameter int unsigned HDR_BYTES = MCNIC_HW_HDR_BYTES
) (
  // The UDP checksum and the GRE checksum are not read.
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire logic [23:0][7:0] hdr,   // bytes [l4_off, l4_off + 24)
  input  wire mcnic_parse_cfg_t cfg,
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire logic [15:0]      end_,  // the outer IP datagram's end
  input  wire mcnic_pkt_meta_t  m_i,   // outer layer parsed, no error
  output mcnic_pkt_meta_t       m_o,
  output logic [15:0]           off_o,
  output logic [15:0]           end_o,
  output logic                  inner,
  output logic                  gwalk,
  output logic [15:0]           tproto,
  output logic [7:0]            err,
  output logic                  deep
);
  localparam logic [16:0] HB = 17'(HDR_BYTES);

  logic [15:0] l4_off, port, ulen, t_off, t_end, t_avail, fv, glen, optlen;
  logic [16:0] t_off17;
  logic [3:0]  gw;       // GRE words after the first: C, K, S
  logic        is_udp, is_gre, is_esp, vx_port, gnv_port, esp_port, esp_word;
  logic        esp_go;
  logic [15:0][7:0] t;  // the tunnel header

  assign l4_off  = m_i.outer.l4_off;
  assign port    = m_i.outer.dport;
  assign ulen    = {hdr[4], hdr[5]};
  assign is_udp  = m_i.outer.proto == 8'(MCNIC_IPPROTO_UDP);
  assign is_gre  = m_i.outer.proto == 8'(MCNIC_IPPROTO_GRE);
  assign is_esp  = m_i.outer.proto == 8'(MCNIC_IPPROTO_ESP);
  // UDP tunnels start after the UDP header and may use only its datagram.
  assign t_off   = is_udp ? l4_off + 16'd8 : l4_off;
  assign t_end   = is_udp ? l4_off + ulen : end_;
  assign t_avail = t_end - t_off;
  assign t_off17 = {1'b0, t_off};
  assign t       = is_udp ? hdr[23:8] : hdr[15:0];

  // Port 0 marks an unused slot, and no tunnel uses it.
  assign vx_port  = port != 16'd0 &&
                    (port == cfg.vxlan_port[0] || port == cfg.vxlan_port[1] ||
                     port == cfg.vxlan_port[2] || port == cfg.vxlan_port[3]);
  assign gnv_port = cfg.geneve_port != 16'd0 && port == cfg.geneve_port;
  assign esp_port = cfg.espinudp_port != 16'd0 && port == cfg.espinudp_port;
  // RFC 3948: a zero first word is IKE (and a lone byte a keepalive).
  assign esp_word = t[0] != 8'd0 || t[1] != 8'd0 || t[2] != 8'd0 || t[3] != 8'd0;

  assign fv     = {t[0], t[1]};
  assign gw     = {3'd0, fv[15]} + {3'd0, fv[13]} + {3'd0, fv[12]};
  assign glen   = 16'd4 + {10'd0, gw, 2'b00};
  assign optlen = {8'd0, t[0][5:0], 2'b00};

  initial begin
    if (MCNIC_VXLAN_PORTS_MAX != 4) $error("mcnic_parse_tun: four VXLAN ports");
  end

  always_comb begin
    m_o    = m_i;
    off_o  = t_off;
    end_o  = t_end;
    inner  = 1'b0;
    gwalk  = 1'b0;
    tproto = 16'd0;
    err    = 8'(MCNIC_DROP_NONE);
    deep   = 1'b0;
    esp_go = 1'b0;
    // A fragment's tunnel payload is incomplete: leave it to reassembly.
    if (m_i.outer.l3 == 8'(MCNIC_L3_NONE) ||
        (m_i.outer.flags & 16'(MCNIC_LF_FRAG)) != 16'd0) begin
      // not a tunnel
    end else if (is_udp && vx_port) begin
      m_o.tun     = 8'(MCNIC_TUN_VXLAN);
      m_o.tun_off = t_off;
      if (t_avail < 16'd8)
        err = 8'(MCNIC_DROP_VXLAN_TRUNC);
      else if (t_off17 + 17'd8 > HB)
        deep = 1'b1;
      else if ((t[0] & 8'(MCNIC_VXLAN_F_I)) == 8'd0)
        err = 8'(MCNIC_DROP_VXLAN_FLAGS);
      else begin
        m_o.vni = {8'd0, t[4], t[5], t[6]};
        if (cfg.vxlan_gbp != 8'd0 && (t[0] & 8'(MCNIC_VXLAN_F_G)) != 8'd0) begin
          m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GBP | MCNIC_TF_IDENT);
          if ((t[1] & 8'(MCNIC_VXLAN_GBP_D)) != 8'd0)
            m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GBP_D);
          if ((t[1] & 8'(MCNIC_VXLAN_GBP_A)) != 8'd0)
            m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GBP_A);
          m_o.ident = {t[2], t[3]};
        end
        off_o  = t_off + 16'd8;
        inner  = 1'b1;
        tproto = 16'(MCNIC_ETH_P_TEB);
      end
    end else if (is_udp && gnv_port) begin
      m_o.tun     = 8'(MCNIC_TUN_GENEVE);
      m_o.tun_off = t_off;
      if (t_avail < 16'd8)
        err = 8'(MCNIC_DROP_GENEVE_TRUNC);
      else if (t_off17 + 17'd8 > HB)
        deep = 1'b1;
      else if (t[0][7:6] != 2'd0)
        err = 8'(MCNIC_DROP_GENEVE_VERSION);
      else if (optlen > t_avail - 16'd8)
        err = 8'(MCNIC_DROP_GENEVE_TRUNC);
      else begin
        m_o.vni = {8'd0, t[4], t[5], t[6]};
        if ((t[1] & 8'(MCNIC_GENEVE_F_O)) != 8'd0)
          m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GNV_OAM);
        if ((t[1] & 8'(MCNIC_GENEVE_F_C)) != 8'd0)
          m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GNV_CRIT);
        m_o.gnv_opt_off = t_off + 16'd8;
        m_o.gnv_opt_len = optlen;
        off_o  = t_off + 16'd8 + optlen;
        gwalk  = 1'b1;
        tproto = {t[2], t[3]};
      end
    end else if (is_udp && esp_port && t_avail >= 16'd4) begin
      if (t_off17 + 17'd4 > HB) begin
        deep = 1'b1;
      end else if (esp_word) begin
        m_o.tflags = m_o.tflags | 16'(MCNIC_TF_ESP_UDP);
        esp_go     = 1'b1;
      end
    end else if (is_gre) begin
      m_o.tun     = 8'(MCNIC_TUN_GRE);
      m_o.tun_off = t_off;
      if (t_avail < 16'd4)
        err = 8'(MCNIC_DROP_GRE_TRUNC);
      else if (t_off17 + 17'd4 > HB)
        deep = 1'b1;
      else if ((fv & 16'(MCNIC_GRE_VER_MASK)) != 16'd0)
        err = 8'(MCNIC_DROP_GRE_VERSION);
      // RFC 2784 2.5.1: bits 1-5 other than RFC 2890's K and S: discard.
      else if ((fv & 16'(MCNIC_GRE_F_R | MCNIC_GRE_F_RES45)) != 16'd0)
        err = 8'(MCNIC_DROP_GRE_ROUTING);
      else if (t_avail < glen)
        err = 8'(MCNIC_DROP_GRE_TRUNC);
      // The key and sequence words are read, the checksum is not.
      else if ((fv[13] || fv[12]) && t_off17 + {1'b0, glen} > HB)
        deep = 1'b1;
      else begin
        if (fv[15])
          m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GRE_CSUM);
        if (fv[13]) begin
          m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GRE_KEY);
          m_o.vni = fv[15] ? {t[8], t[9], t[10], t[11]} : {t[4], t[5], t[6], t[7]};
        end
        if (fv[12]) begin
          m_o.tflags = m_o.tflags | 16'(MCNIC_TF_GRE_SEQ);
          case ({fv[15], fv[13]})
            2'b00:   m_o.seq = {t[4], t[5], t[6], t[7]};
            2'b11:   m_o.seq = {t[12], t[13], t[14], t[15]};
            default: m_o.seq = {t[8], t[9], t[10], t[11]};
          endcase
        end
        off_o  = t_off + glen;
        inner  = 1'b1;
        tproto = {t[2], t[3]};
      end
    end else if (is_esp) begin
      esp_go = 1'b1;
    end
    // ESP (RFC 4303): the cleartext SPI and sequence number; no inner parse.
    if (esp_go) begin
      m_o.tun     = 8'(MCNIC_TUN_ESP);
      m_o.tun_off = t_off;
      if (t_avail < 16'd8)
        err = 8'(MCNIC_DROP_ESP_TRUNC);
      else if (t_off17 + 17'd8 > HB)
        deep = 1'b1;
      else begin
        m_o.spi       = {t[0], t[1], t[2], t[3]};
        m_o.seq       = {t[4], t[5], t[6], t[7]};
        m_o.inner_off = t_off + 16'd8;
      end
    end
  end
endmodule

`default_nettype wire
