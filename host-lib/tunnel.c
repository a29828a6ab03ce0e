// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Tunnels we send into: encap templates (the firmware builds the headers
 * from these parameters) and the next hops that use them.
 */
#include <stddef.h>

#include "mcnic_priv.h"

#define TM_OFF(f)	offsetof(struct mcnic_cmd_tmpl, f)
#define CFG_OFF(f)	offsetof(struct mcnic_cmd_tmpl, cfg.f)
#define NH_OFF(f)	offsetof(struct mcnic_cmd_nh, f)
#define TUNF(n, bit) \
	{ MCNIC_FLD(n, MCNIC_F_FLAG, 0, CFG_OFF(flags)), .size = 2, .max = bit }

static const char *const mcnic_tmpl_types[] = {
	"none", "vxlan", "geneve", "gre", NULL
};

static const struct mcnic_field mcnic_tmpl_fields[] = {
	{ MCNIC_FLD("index", MCNIC_F_U32, MCNIC_FF_KEY, TM_OFF(idx)) },
	{ MCNIC_FLD("type", MCNIC_F_ENUM, 0, CFG_OFF(type)),
	  .names = mcnic_tmpl_types },
	{ MCNIC_FLD("local", MCNIC_F_ADDR_TUNF, 0, CFG_OFF(saddr)),
	  .aux = CFG_OFF(flags) },
	{ MCNIC_FLD("remote", MCNIC_F_ADDR_TUNF, 0, CFG_OFF(daddr)),
	  .aux = CFG_OFF(flags) },
	{ MCNIC_FLD("vni", MCNIC_F_U32, 0, CFG_OFF(vni)) },
	{ MCNIC_FLD("dport", MCNIC_F_U16, MCNIC_FF_OPT, CFG_OFF(dport)) },
	{ MCNIC_FLD("sport", MCNIC_F_RANGE, 0, CFG_OFF(sport_min)) },
	{ MCNIC_FLD("smac", MCNIC_F_MAC, 0, CFG_OFF(smac)) },
	{ MCNIC_FLD("dmac", MCNIC_F_MAC, 0, CFG_OFF(dmac)) },
	{ MCNIC_FLD("mtu", MCNIC_F_U16, 0, CFG_OFF(mtu)) },
	{ MCNIC_FLD("ttl", MCNIC_F_U8, 0, CFG_OFF(ttl)) },
	{ MCNIC_FLD("dscp", MCNIC_F_U8, MCNIC_FF_OPT, CFG_OFF(dscp)),
	  .max = 63 },
	{ MCNIC_FLD("ident", MCNIC_F_U16, MCNIC_FF_OPT, CFG_OFF(ident)) },
	{ MCNIC_FLD("vlan", MCNIC_F_U16, MCNIC_FF_OPT, CFG_OFF(vlan_tci)),
	  .cond_off = CFG_OFF(flags), .cond_mask = MCNIC_TUNF_VLAN },
	{ MCNIC_FLD("gnv-opt-len", MCNIC_F_U8, MCNIC_FF_OPT,
		    CFG_OFF(gnv_opt_len)),
	  .max = MCNIC_TMPL_GNV_OPT_MAX },
	TUNF("udp-csum", MCNIC_TUNF_UDP_CSUM),
	TUNF("udp6-zero-csum", MCNIC_TUNF_UDP6_ZERO),
	TUNF("df", MCNIC_TUNF_DF_SET),
	TUNF("df-inherit", MCNIC_TUNF_DF_INHERIT),
	TUNF("ttl-inherit", MCNIC_TUNF_TTL_INHERIT),
	TUNF("dscp-inherit", MCNIC_TUNF_DSCP_INHERIT),
	TUNF("ecn-compat", MCNIC_TUNF_ECN_COMPAT),
	TUNF("gre-key", MCNIC_TUNF_GRE_KEY),
	TUNF("gre-l3", MCNIC_TUNF_GRE_L3),
	TUNF("gbp", MCNIC_TUNF_GBP),
	TUNF("ident-opt", MCNIC_TUNF_IDENT_OPT),
	{ NULL }
};

/* What a tunnel without those keys gets (docs/config.md's defaults). */
static void mcnic_tmpl_defaults(void *e)
{
	struct mcnic_cmd_tmpl *t = e;

	t->cfg.ttl = 64;
	t->cfg.sport_min = 49152;
	t->cfg.sport_max = 65535;
	t->cfg.mtu = 1500;
}

const struct mcnic_objtype mcnic_objtype_tmpl = {
	.name = "tunnel",
	.obj = MCNIC_OBJ_TMPL,
	.size = sizeof(struct mcnic_cmd_tmpl),
	.set_op = MCNIC_CMD_TMPL_SET,
	.del_op = MCNIC_CMD_TMPL_DEL,
	.replace = 1,
	.defaults = mcnic_tmpl_defaults,
	.fields = mcnic_tmpl_fields,
};

static const char *const mcnic_nh_kinds[] = {
	"none", "tunnel", "vport", NULL
};

static const struct mcnic_field mcnic_nh_fields[] = {
	{ MCNIC_FLD("index", MCNIC_F_U32, MCNIC_FF_KEY, NH_OFF(idx)) },
	{ MCNIC_FLD("kind", MCNIC_F_ENUM, 0, NH_OFF(nh.kind)),
	  .names = mcnic_nh_kinds },
	{ MCNIC_FLD("port", MCNIC_F_U16, 0, NH_OFF(nh.port)) },
	{ MCNIC_FLD("tunnel", MCNIC_F_U32, 0, NH_OFF(nh.tmpl)) },
	{ MCNIC_FLD("down", MCNIC_F_FLAG, 0, NH_OFF(nh.flags)), .size = 1,
	  .max = MCNIC_NHF_DOWN },
	{ NULL }
};

const struct mcnic_objtype mcnic_objtype_nh = {
	.name = "nexthop",
	.obj = MCNIC_OBJ_NH,
	.size = sizeof(struct mcnic_cmd_nh),
	.set_op = MCNIC_CMD_NH_SET,
	.del_op = MCNIC_CMD_NH_DEL,
	.replace = 1,
	.fields = mcnic_nh_fields,
};

int mcnic_tmpl_set(struct mcnic *h, const struct mcnic_cmd_tmpl *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_TMPL_SET, e, sizeof(*e), n);
}

int mcnic_tmpl_del(struct mcnic *h, const struct mcnic_cmd_tmpl *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_TMPL_DEL, e, sizeof(*e), n);
}

int mcnic_tmpl_dump(struct mcnic *h, struct mcnic_cmd_tmpl **e,
		    unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_TMPL, sizeof(**e),
			  (void **)e, n);
}

int mcnic_nh_set(struct mcnic *h, const struct mcnic_cmd_nh *e,
		 unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_NH_SET, e, sizeof(*e), n);
}

int mcnic_nh_del(struct mcnic *h, const struct mcnic_cmd_nh *e,
		 unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_NH_DEL, e, sizeof(*e), n);
}

int mcnic_nh_state(struct mcnic *h, u32 idx, int down)
{
	struct mcnic_cmd_nh e = {
		.idx = idx, .nh.flags = down ? MCNIC_NHF_DOWN : 0,
	};

	return mcnic_batch(h, MCNIC_CMD_NH_STATE, &e, sizeof(e), 1);
}

int mcnic_nh_dump(struct mcnic *h, struct mcnic_cmd_nh **e, unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_NH, sizeof(**e),
			  (void **)e, n);
}
