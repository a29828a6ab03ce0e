// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * hdlgen: writes hdl/gen/mcnic_pkg.sv, the HDL's view of include/mcnic/.
 *
 * Constants come from the headers' own macros and X-macro lists.  Structs
 * become packed SystemVerilog structs whose bit image equals the C struct's
 * little-endian memory image: the last C field is the struct's top, a
 * multi-byte field is one little-endian number, an array's element 0 is its
 * bottom.  So the harness moves a struct between C and the model with one
 * memcpy, and a result is compared with memcmp.
 *
 * Every struct's field list is checked against the compiler's layout: the
 * fields must tile the struct exactly, so a field added to a header without
 * a line here stops the build instead of drifting.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <mcnic/cmd.h>
#include <mcnic/drop.h>
#include <mcnic/flow.h>
#include <mcnic/hwpipe.h>
#include <mcnic/meta.h>
#include <mcnic/tunnel.h>
#include <mcnic/wire.h>

struct hdlgen_field {
	const char *name;
	size_t off;
	size_t size;
	size_t elem;		/* element bytes; 0: a nested struct */
	const char *type;	/* nested struct's SV type */
};

struct hdlgen_struct {
	const char *name;	/* SV type name, without _t */
	size_t size;
	const struct hdlgen_field *f;
	unsigned int n;
};

#define FSZ(s, f) sizeof(((struct s *)0)->f)
#define F(s, f, e) { #f, offsetof(struct s, f), FSZ(s, f), e, NULL }
#define FS(s, f, t) { #f, offsetof(struct s, f), FSZ(s, f), 0, t }
#define S(s, arr) { #s, sizeof(struct s), arr, sizeof(arr) / sizeof(arr[0]) }

static const struct hdlgen_field layer_f[] = {
	F(mcnic_layer, l2_off, 2), F(mcnic_layer, l3_off, 2),
	F(mcnic_layer, l4_off, 2), F(mcnic_layer, end, 2),
	F(mcnic_layer, ethertype, 2), F(mcnic_layer, vlan_tci, 2),
	F(mcnic_layer, flags, 2), F(mcnic_layer, n_vlan, 1),
	F(mcnic_layer, l3, 1), F(mcnic_layer, proto, 1),
	F(mcnic_layer, tos, 1), F(mcnic_layer, ttl, 1),
	F(mcnic_layer, tcp_flags, 1), F(mcnic_layer, sport, 2),
	F(mcnic_layer, dport, 2), F(mcnic_layer, saddr, 1),
	F(mcnic_layer, daddr, 1),
};

static const struct hdlgen_field meta_f[] = {
	FS(mcnic_pkt_meta, outer, "mcnic_layer_t"),
	FS(mcnic_pkt_meta, inner, "mcnic_layer_t"),
	F(mcnic_pkt_meta, len, 2), F(mcnic_pkt_meta, tun_off, 2),
	F(mcnic_pkt_meta, inner_off, 2), F(mcnic_pkt_meta, tflags, 2),
	F(mcnic_pkt_meta, gnv_opt_off, 2), F(mcnic_pkt_meta, gnv_opt_len, 2),
	F(mcnic_pkt_meta, ident, 2), F(mcnic_pkt_meta, tun_proto, 2),
	F(mcnic_pkt_meta, tun, 1), F(mcnic_pkt_meta, err_inner, 1),
	F(mcnic_pkt_meta, pad, 1), F(mcnic_pkt_meta, vni, 4),
	F(mcnic_pkt_meta, seq, 4), F(mcnic_pkt_meta, spi, 4),
};

static const struct hdlgen_field parse_cfg_f[] = {
	F(mcnic_parse_cfg, vxlan_port, 2), F(mcnic_parse_cfg, geneve_port, 2),
	F(mcnic_parse_cfg, espinudp_port, 2), F(mcnic_parse_cfg, vxlan_gbp, 1),
	F(mcnic_parse_cfg, pad, 1),
};

static const struct hdlgen_field flow_key_f[] = {
	F(mcnic_flow_key, saddr, 1), F(mcnic_flow_key, daddr, 1),
	F(mcnic_flow_key, zone, 4), F(mcnic_flow_key, sport, 2),
	F(mcnic_flow_key, dport, 2), F(mcnic_flow_key, port, 2),
	F(mcnic_flow_key, kind, 1), F(mcnic_flow_key, proto, 1),
};

/* Wire-order fields: the bytes as sent, so one byte per element. */
static const struct hdlgen_field hash_tuple_f[] = {
	F(mcnic_hash_tuple, saddr, 1), F(mcnic_hash_tuple, daddr, 1),
	F(mcnic_hash_tuple, sport, 1), F(mcnic_hash_tuple, dport, 1),
	F(mcnic_hash_tuple, proto, 1), F(mcnic_hash_tuple, l3, 1),
	F(mcnic_hash_tuple, pad, 1),
};

static const struct hdlgen_field action_f[] = {
	F(mcnic_tunnel_action, type, 1), F(mcnic_tunnel_action, flags, 1),
	F(mcnic_tunnel_action, port, 2), F(mcnic_tunnel_action, queue, 2),
	F(mcnic_tunnel_action, drop_reason, 1), F(mcnic_tunnel_action, pad, 1),
	F(mcnic_tunnel_action, tmpl, 4), F(mcnic_tunnel_action, rule, 4),
};

static const struct hdlgen_field flow_entry_f[] = {
	FS(mcnic_flow_entry, key, "mcnic_flow_key_t"),
	F(mcnic_flow_entry, gen, 4),
	FS(mcnic_flow_entry, act, "mcnic_tunnel_action_t"),
};

static const struct hdlgen_field tmpl_f[] = {
	F(mcnic_encap_tmpl, hdr, 1), F(mcnic_encap_tmpl, hdr_len, 2),
	F(mcnic_encap_tmpl, mtu, 2), F(mcnic_encap_tmpl, flags, 2),
	F(mcnic_encap_tmpl, sport_min, 2), F(mcnic_encap_tmpl, sport_span, 4),
	F(mcnic_encap_tmpl, ip_csum, 4), F(mcnic_encap_tmpl, l4_csum, 4),
	F(mcnic_encap_tmpl, type, 1), F(mcnic_encap_tmpl, l3_off, 1),
	F(mcnic_encap_tmpl, l4_off, 1), F(mcnic_encap_tmpl, tun_off, 1),
	F(mcnic_encap_tmpl, ttl, 1), F(mcnic_encap_tmpl, tos, 1),
	F(mcnic_encap_tmpl, pad, 1),
};

static const struct hdlgen_field hw_port_f[] = {
	F(mcnic_hw_port, kind, 1), F(mcnic_hw_port, up, 1),
	F(mcnic_hw_port, mtu, 2), F(mcnic_hw_port, vrf, 2),
	F(mcnic_hw_port, pad, 2),
};

static const struct hdlgen_field hw_vtep_f[] = {
	F(mcnic_hw_vtep, family, 1), F(mcnic_hw_vtep, type, 1),
	F(mcnic_hw_vtep, udp_port, 2), F(mcnic_hw_vtep, addr, 1),
};

static const struct hdlgen_field hw_tun_f[] = {
	F(mcnic_hw_tun, vni, 4), F(mcnic_hw_tun, family, 1),
	F(mcnic_hw_tun, valid, 1), F(mcnic_hw_tun, vrf, 2),
	F(mcnic_hw_tun, saddr, 1),
};

static const struct hdlgen_field rx_user_f[] = {
	F(mcnic_hw_rx_user, port, 2), F(mcnic_hw_rx_user, tag, 2),
	F(mcnic_hw_rx_user, reinject, 1), F(mcnic_hw_rx_user, punt, 1),
	F(mcnic_hw_rx_user, plain, 1), F(mcnic_hw_rx_user, pad, 1),
};

static const struct hdlgen_field tx_user_f[] = {
	F(mcnic_hw_tx_user, port, 2), F(mcnic_hw_tx_user, queue, 2),
	F(mcnic_hw_tx_user, hash, 4),
};

static const struct hdlgen_field result_f[] = {
	F(mcnic_hw_result, tag, 2), F(mcnic_hw_result, port, 2),
	F(mcnic_hw_result, queue, 2), F(mcnic_hw_result, drop, 1),
	F(mcnic_hw_result, act, 1), F(mcnic_hw_result, punt, 1),
	F(mcnic_hw_result, pad, 1), F(mcnic_hw_result, rule, 4),
	F(mcnic_hw_result, hash, 4), F(mcnic_hw_result, slot, 4),
};

/* In dependency order: nested types first. */
static const struct hdlgen_struct structs[] = {
	S(mcnic_layer, layer_f),
	S(mcnic_pkt_meta, meta_f),
	S(mcnic_parse_cfg, parse_cfg_f),
	S(mcnic_flow_key, flow_key_f),
	S(mcnic_hash_tuple, hash_tuple_f),
	S(mcnic_tunnel_action, action_f),
	S(mcnic_flow_entry, flow_entry_f),
	S(mcnic_encap_tmpl, tmpl_f),
	S(mcnic_hw_port, hw_port_f),
	S(mcnic_hw_vtep, hw_vtep_f),
	S(mcnic_hw_tun, hw_tun_f),
	S(mcnic_hw_rx_user, rx_user_f),
	S(mcnic_hw_tx_user, tx_user_f),
	S(mcnic_hw_result, result_f),
};

static void hdlgen_const(const char *name, unsigned long long v)
{
	printf("  localparam int unsigned %s = %llu;\n", name, v);
}

#define C(x) hdlgen_const(#x, (unsigned long long)(x))

static void hdlgen_consts(void)
{
	printf("  // drop reasons (drop.h)\n");
#define HDLGEN_DROP(n, v, s) hdlgen_const("MCNIC_DROP_" #n, v);
	MCNIC_DROP_LIST(HDLGEN_DROP)
#undef HDLGEN_DROP
	C(MCNIC_DROP_COUNT);
	printf("  // metadata (meta.h)\n");
	C(MCNIC_OFF_NONE); C(MCNIC_VLAN_MAX); C(MCNIC_IPV6_EXT_MAX);
	C(MCNIC_VXLAN_PORTS_MAX);
	C(MCNIC_L3_NONE); C(MCNIC_L3_IPV4); C(MCNIC_L3_IPV6);
	C(MCNIC_TUN_NONE); C(MCNIC_TUN_VXLAN); C(MCNIC_TUN_GENEVE);
	C(MCNIC_TUN_GRE); C(MCNIC_TUN_ESP);
	C(MCNIC_LF_FRAG); C(MCNIC_LF_FRAG_LATER); C(MCNIC_LF_IPV4_OPTS);
	C(MCNIC_LF_IPV6_EXT); C(MCNIC_LF_L4); C(MCNIC_LF_IPV4_DF);
	C(MCNIC_LF_IPV6_RH_LEFT);
	C(MCNIC_TF_GRE_CSUM); C(MCNIC_TF_GRE_KEY); C(MCNIC_TF_GRE_SEQ);
	C(MCNIC_TF_GBP); C(MCNIC_TF_GBP_D); C(MCNIC_TF_GBP_A);
	C(MCNIC_TF_IDENT); C(MCNIC_TF_GNV_OAM); C(MCNIC_TF_GNV_CRIT);
	C(MCNIC_TF_GNV_CRIT_UNK); C(MCNIC_TF_INNER_L2); C(MCNIC_TF_ESP_UDP);
	printf("  // wire formats (wire.h)\n");
	C(MCNIC_ETH_HLEN); C(MCNIC_ETH_P_IPV4); C(MCNIC_ETH_P_TEB);
	C(MCNIC_ETH_P_8021Q); C(MCNIC_ETH_P_8021AD); C(MCNIC_ETH_P_IPV6);
	C(MCNIC_IPPROTO_HOPOPTS); C(MCNIC_IPPROTO_ICMP); C(MCNIC_IPPROTO_TCP);
	C(MCNIC_IPPROTO_UDP); C(MCNIC_IPPROTO_ROUTING);
	C(MCNIC_IPPROTO_FRAGMENT); C(MCNIC_IPPROTO_GRE); C(MCNIC_IPPROTO_ESP);
	C(MCNIC_IPPROTO_ICMPV6); C(MCNIC_IPPROTO_DSTOPTS);
	C(MCNIC_IPV4_DF); C(MCNIC_IPV4_MF); C(MCNIC_IPV4_OFF_MASK);
	C(MCNIC_IPV6_FRAG_OFF_MASK); C(MCNIC_IPV6_FRAG_MF);
	C(MCNIC_VXLAN_F_I); C(MCNIC_VXLAN_F_G); C(MCNIC_VXLAN_GBP_D);
	C(MCNIC_VXLAN_GBP_A); C(MCNIC_GENEVE_OPTLEN_MASK); C(MCNIC_GENEVE_F_O);
	C(MCNIC_GENEVE_F_C); C(MCNIC_GENEVE_OPT_CRIT);
	C(MCNIC_GENEVE_OPT_LEN_MASK); C(MCNIC_GENEVE_CLASS_MCNIC);
	C(MCNIC_GENEVE_TYPE_IDENT); C(MCNIC_GRE_F_C); C(MCNIC_GRE_F_R);
	C(MCNIC_GRE_F_K); C(MCNIC_GRE_F_S); C(MCNIC_GRE_F_RES45);
	C(MCNIC_GRE_VER_MASK);
	printf("  // flow key kinds (flow.h)\n");
	C(MCNIC_FK_INGRESS); C(MCNIC_FK_IPV6); C(MCNIC_FK_FRAG);
	printf("  // tunnels and actions (tunnel.h)\n");
	C(MCNIC_TMPL_HDR_MAX); C(MCNIC_HEADROOM);
	C(MCNIC_TUNF_OUTER_V6); C(MCNIC_TUNF_VLAN); C(MCNIC_TUNF_UDP_CSUM);
	C(MCNIC_TUNF_UDP6_ZERO); C(MCNIC_TUNF_DF_SET); C(MCNIC_TUNF_DF_INHERIT);
	C(MCNIC_TUNF_TTL_INHERIT); C(MCNIC_TUNF_DSCP_INHERIT);
	C(MCNIC_TUNF_ECN_COMPAT); C(MCNIC_TUNF_GRE_KEY); C(MCNIC_TUNF_GRE_L3);
	C(MCNIC_TUNF_GBP); C(MCNIC_TUNF_IDENT_OPT);
	C(MCNIC_ACT_DROP); C(MCNIC_ACT_FORWARD); C(MCNIC_ACT_ENCAP);
	C(MCNIC_ACT_DECAP); C(MCNIC_ACT_TRANSIT);
	C(MCNIC_ACTF_COUNT); C(MCNIC_ACTF_SAMPLE);
	C(MCNIC_CMD_PORT_NONE); C(MCNIC_CMD_PORT_UPLINK);
	C(MCNIC_CMD_PORT_VPORT);
	printf("  // the HDL pipeline (hwpipe.h)\n");
	C(MCNIC_HW_BEAT_BYTES); C(MCNIC_HW_FRAME_MAX); C(MCNIC_HW_HDR_BYTES);
	C(MCNIC_HW_ID_MAGIC); C(MCNIC_HW_VERSION); C(MCNIC_HW_FT_WAYS);
	C(MCNIC_HW_FT_STASH); C(MCNIC_HW_FT_STASH_MAX); C(MCNIC_HW_VTEPS);
	C(MCNIC_HW_REG_ID); C(MCNIC_HW_REG_VERSION); C(MCNIC_HW_REG_GEOM);
	C(MCNIC_HW_REG_CTRL); C(MCNIC_HW_REG_FT_SEED); C(MCNIC_HW_REG_IP_ID);
	C(MCNIC_HW_REG_GEOM2); C(MCNIC_HW_REG_CMD);
	C(MCNIC_HW_REG_STATUS); C(MCNIC_HW_REG_PARSE); C(MCNIC_HW_REG_STAGE);
	C(MCNIC_HW_REG_VRF_GEN); C(MCNIC_HW_REG_CTR);
	C(MCNIC_HW_CTRL_ENABLE); C(MCNIC_HW_CTRL_PUNT_ALL);
	C(MCNIC_HW_OP_FLOW_WRITE); C(MCNIC_HW_OP_FLOW_CLEAR);
	C(MCNIC_HW_OP_FLOW_FLUSH); C(MCNIC_HW_OP_TMPL_WRITE);
	C(MCNIC_HW_OP_PORT_WRITE); C(MCNIC_HW_OP_CTR_CLEAR);
	C(MCNIC_HW_OP_VTEP_WRITE); C(MCNIC_HW_OP_TUN_WRITE);
	C(MCNIC_HW_ST_OK); C(MCNIC_HW_ST_BAD_OP); C(MCNIC_HW_ST_BAD_ARG);
	C(MCNIC_HW_CTR_DROP); C(MCNIC_HW_CTR_PORT_RX); C(MCNIC_HW_CTR_PORT_TX);
	C(MCNIC_HW_CTR_PORT_DROP); C(MCNIC_HW_CTR_TMPL_TX);
	C(MCNIC_HW_CTR_PUNT); C(MCNIC_HW_CTR_TUN); C(MCNIC_HW_CTR_FLOW);
	C(MCNIC_PUNT_NONE); C(MCNIC_PUNT_MISS); C(MCNIC_PUNT_STALE);
	C(MCNIC_PUNT_DEEP); C(MCNIC_PUNT_TUNNEL); C(MCNIC_PUNT_ALL);
	C(MCNIC_PUNT_COUNT);
}

static int hdlgen_check(const struct hdlgen_struct *s)
{
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct hdlgen_field *f = &s->f[i];

		if (f->off != off || (f->elem && f->size % f->elem)) {
			fprintf(stderr, "hdlgen: struct %s: field %s at %zu, "
				"expected %zu: the field list is out of date\n",
				s->name, f->name, f->off, off);
			return -1;
		}
		off += f->size;
	}
	if (off != s->size) {
		fprintf(stderr, "hdlgen: struct %s: fields cover %zu of %zu "
			"bytes: the field list is out of date\n",
			s->name, off, s->size);
		return -1;
	}
	return 0;
}

/*
 * C field names that are SystemVerilog keywords (or words Verilator's C++
 * output reserves) get a trailing '_'.
 */
static const char *hdlgen_name(const char *c)
{
	static const char *const kw[] = { "end", "type", "queue" };
	static char buf[64];
	unsigned int i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		if (!strcmp(c, kw[i])) {
			snprintf(buf, sizeof(buf), "%s_", c);
			return buf;
		}
	}
	return c;
}

/* Last C field first: SV packs the first member at the top. */
static void hdlgen_struct(const struct hdlgen_struct *s)
{
	const char *name;
	int i;

	printf("\n  // struct %s: %zu bytes\n", s->name, s->size);
	printf("  typedef struct packed {\n");
	for (i = (int)s->n - 1; i >= 0; i--) {
		const struct hdlgen_field *f = &s->f[i];

		name = hdlgen_name(f->name);
		if (!f->elem)
			printf("    %s %s;\n", f->type, name);
		else if (f->size == f->elem)
			printf("    logic [%zu:0] %s;\n", f->size * 8 - 1, name);
		else
			printf("    logic [%zu:0][%zu:0] %s;\n",
			       f->size / f->elem - 1, f->elem * 8 - 1, name);
	}
	printf("  } %s_t;\n", s->name);
	printf("  localparam int unsigned %s_BYTES = %zu;\n", s->name, s->size);
}

int main(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(structs) / sizeof(structs[0]); i++)
		if (hdlgen_check(&structs[i]))
			return 1;
	printf("// SPDX-License-Identifier: (GPL-2.0 OR MIT)\n"
	       "// Generated by hdl/gen/hdlgen.c from include/mcnic/: do not edit.\n"
	       "// `make hdl-gen` rewrites it; the test hdl/gen-check fails when\n"
	       "// it and the headers drift apart.\n"
	       "`default_nettype none\n\n"
	       "package mcnic_pkg;\n"
	       "  /* verilator lint_off UNUSEDPARAM */\n");
	hdlgen_consts();
	for (i = 0; i < sizeof(structs) / sizeof(structs[0]); i++)
		hdlgen_struct(&structs[i]);
	printf("  /* verilator lint_on UNUSEDPARAM */\nendpackage\n\n"
	       "`default_nettype wire\n");
	return 0;
}
