// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The overlay: VTEPs this NIC terminates, tunnels it sends into, and the
 * VNIs it accepts.  A tunnel becomes a complete struct mcnic_tunnel_cfg
 * and is checked the way the data plane will check it, by building its
 * encap template: whatever the data plane would refuse at a table write is
 * refused here, at the tunnel's line, with the data plane's reason.
 */
#include <string.h>
#include "config_priv.h"
#include "dp/dp.h"
#include <mcnic/wire.h>

/* Indexed by enum mcnic_tun_type - 1. */
static const char *const mcnic_cfg_tun_types[] = {
	"vxlan", "geneve", "gre", NULL,
};

static const char *mcnic_cfg_tun_name(u8 type)
{
	return mcnic_cfg_tun_types[type - 1];
}

static int mcnic_cfg_tun_type(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			      const char *key, u8 *type)
{
	u8 i;

	if (mcnic_cfg_enum(ctx, n, key, mcnic_cfg_tun_types, &i))
		return -MCNIC_EINVAL;
	*type = MCNIC_TUN_VXLAN + i;
	return 0;
}

enum {
	VTEP_ADDRESS, VTEP_TYPE, VTEP_PORT,
};

static const struct mcnic_cfg_key mcnic_cfg_vtep_keys[] = {
	[VTEP_ADDRESS] = { "address", 1 },
	[VTEP_TYPE] = { "type", 1 },
	[VTEP_PORT] = { "port", 0 },
	{ NULL, 0 },
};

/* A VTEP on a port the parser does not decode would never see a packet. */
static int mcnic_cfg_vtep_port(struct mcnic_cfg_ctx *ctx,
			       const struct mcnic_cfg_map *m,
			       const struct mcnic_cfg_vtep *v)
{
	const struct mcnic_parse_cfg *pc = &ctx->cfg->parse;
	yaml_node_t *at = m->val[VTEP_PORT] ? m->val[VTEP_PORT] : m->node;
	u32 i;

	if (v->type == MCNIC_TUN_GENEVE) {
		if (v->udp_port == pc->geneve_port)
			return 0;
		return mcnic_cfg_err(ctx, at, "port",
				     "geneve port %u is not device.geneve_port (%u)",
				     v->udp_port, pc->geneve_port);
	}
	for (i = 0; i < MCNIC_VXLAN_PORTS_MAX; i++)
		if (pc->vxlan_port[i] == v->udp_port)
			return 0;
	return mcnic_cfg_err(ctx, at, "port",
			     "vxlan port %u is not in device.vxlan_ports",
			     v->udp_port);
}

static int mcnic_cfg_vtep(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			  void *elem)
{
	struct mcnic_cfg_vtep *v = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_vtep_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &v->loc);
	if (mcnic_cfg_unicast(ctx, MCNIC_CFG_AT(&m, VTEP_ADDRESS), &v->family,
			      v->addr) ||
	    mcnic_cfg_tun_type(ctx, MCNIC_CFG_AT(&m, VTEP_TYPE), &v->type))
		return -MCNIC_EINVAL;
	if (v->type == MCNIC_TUN_GRE) {
		if (m.val[VTEP_PORT])
			return mcnic_cfg_err(ctx, m.key[VTEP_PORT], "port",
					     "a gre vtep has no port");
		return 0;
	}
	v->udp_port = v->type == MCNIC_TUN_VXLAN ? MCNIC_PORT_VXLAN :
						   MCNIC_PORT_GENEVE;
	if (mcnic_cfg_u16(ctx, MCNIC_CFG_AT(&m, VTEP_PORT), 1, 65535,
			  &v->udp_port))
		return -MCNIC_EINVAL;
	return mcnic_cfg_vtep_port(ctx, &m, v);
}

static int mcnic_cfg_cmp_vtep(const void *a, const void *b)
{
	const struct mcnic_cfg_vtep *x = a, *y = b;

	if (x->family != y->family)
		return (int)x->family - (int)y->family;
	if (x->type != y->type)
		return (int)x->type - (int)y->type;
	if (x->udp_port != y->udp_port)
		return (int)x->udp_port - (int)y->udp_port;
	return memcmp(x->addr, y->addr, sizeof(x->addr));
}

int mcnic_cfg_vteps(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->vteps);

	if (mcnic_cfg_section(ctx, list, "vteps", sz, (void **)&cfg->vteps,
			      &cfg->n_vteps, mcnic_cfg_vtep) ||
	    mcnic_cfg_unique(ctx, cfg->vteps, sz, cfg->n_vteps,
			     mcnic_cfg_cmp_vtep, list, "vteps", "address",
			     "vtep (address, type, port)"))
		return -MCNIC_EINVAL;
	return 0;
}

enum {
	TUN_NAME, TUN_TYPE, TUN_LOCAL, TUN_REMOTE, TUN_VNI, TUN_UPLINK,
	TUN_NEXTHOP_MAC, TUN_PORT, TUN_MTU, TUN_TTL, TUN_DSCP, TUN_INHERIT,
	TUN_DF, TUN_UDP_CSUM, TUN_UDP6_ZERO, TUN_SPORT_RANGE, TUN_VLAN,
	TUN_SEGMENT, TUN_GBP, TUN_GRE_L3, TUN_DOWN,
};

static const struct mcnic_cfg_key mcnic_cfg_tunnel_keys[] = {
	[TUN_NAME] = { "name", 1 },
	[TUN_TYPE] = { "type", 1 },
	[TUN_LOCAL] = { "local", 1 },
	[TUN_REMOTE] = { "remote", 1 },
	[TUN_VNI] = { "vni", 0 },
	[TUN_UPLINK] = { "uplink", 1 },
	[TUN_NEXTHOP_MAC] = { "nexthop_mac", 1 },
	[TUN_PORT] = { "port", 0 },
	[TUN_MTU] = { "mtu", 0 },
	[TUN_TTL] = { "ttl", 0 },
	[TUN_DSCP] = { "dscp", 0 },
	[TUN_INHERIT] = { "inherit", 0 },
	[TUN_DF] = { "df", 0 },
	[TUN_UDP_CSUM] = { "udp_csum", 0 },
	[TUN_UDP6_ZERO] = { "udp6_zero", 0 },
	[TUN_SPORT_RANGE] = { "sport_range", 0 },
	[TUN_VLAN] = { "vlan", 0 },
	[TUN_SEGMENT] = { "segment", 0 },
	[TUN_GBP] = { "gbp", 0 },
	[TUN_GRE_L3] = { "gre_l3", 0 },
	[TUN_DOWN] = { "down", 0 },
	{ NULL, 0 },
};

/* The local end must be one of our VTEPs of the tunnel's type. */
static int mcnic_cfg_local_vtep(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
				const char *key, u8 type, u8 family,
				const u8 *addr)
{
	const struct mcnic_config *cfg = ctx->cfg;
	char show[MCNIC_CFG_SHOW_MAX];
	int seen = 0;
	u32 i;

	for (i = 0; i < cfg->n_vteps; i++) {
		if (cfg->vteps[i].family != family ||
		    memcmp(cfg->vteps[i].addr, addr, 16))
			continue;
		if (cfg->vteps[i].type == type)
			return 0;
		seen = 1;
	}
	mcnic_cfg_show(n, show, sizeof(show));
	if (seen)
		return mcnic_cfg_err(ctx, n, key, "%s is not a %s vtep", show,
				     mcnic_cfg_tun_name(type));
	return mcnic_cfg_err(ctx, n, key, "%s is not a vtep address", show);
}

/* Type, the two ends, and the VNI (or GRE key). */
static int mcnic_cfg_tunnel_ends(struct mcnic_cfg_ctx *ctx,
				 const struct mcnic_cfg_map *m,
				 struct mcnic_tunnel_cfg *c)
{
	u8 lfam, rfam;

	if (mcnic_cfg_tun_type(ctx, MCNIC_CFG_AT(m, TUN_TYPE), &c->type) ||
	    mcnic_cfg_addr(ctx, MCNIC_CFG_AT(m, TUN_LOCAL), &lfam, c->saddr) ||
	    mcnic_cfg_local_vtep(ctx, MCNIC_CFG_AT(m, TUN_LOCAL), c->type,
				 lfam, c->saddr) ||
	    mcnic_cfg_addr(ctx, MCNIC_CFG_AT(m, TUN_REMOTE), &rfam, c->daddr))
		return -MCNIC_EINVAL;
	if (rfam != lfam)
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, TUN_REMOTE),
				     "an IPv%u remote for an IPv%u local",
				     rfam, lfam);
	if (lfam == 6)
		c->flags |= MCNIC_TUNF_OUTER_V6;
	if (c->type == MCNIC_TUN_GRE) {
		if (m->val[TUN_VNI])
			c->flags |= MCNIC_TUNF_GRE_KEY;
		return mcnic_cfg_u32(ctx, MCNIC_CFG_AT(m, TUN_VNI), 0,
				     0xffffffffu, &c->vni);
	}
	if (!m->val[TUN_VNI])
		return mcnic_cfg_err(ctx, m->node, "vni",
				     "missing required key (a %s tunnel needs one)",
				     mcnic_cfg_tun_name(c->type));
	return mcnic_cfg_u32(ctx, MCNIC_CFG_AT(m, TUN_VNI), 0, MCNIC_VNI_MAX,
			     &c->vni);
}

/* The underlay hop: uplink (our MAC), next hop MAC, MTU and VLAN. */
static int mcnic_cfg_tunnel_link(struct mcnic_cfg_ctx *ctx,
				 const struct mcnic_cfg_map *m,
				 struct mcnic_cfg_tunnel *t)
{
	struct mcnic_tunnel_cfg *c = &t->cfg;
	const struct mcnic_cfg_port *up;

	if (mcnic_cfg_port_ref(ctx, MCNIC_CFG_AT(m, TUN_UPLINK),
			       MCNIC_PORT_UPLINK, &up))
		return -MCNIC_EINVAL;
	t->uplink = up->id;
	memcpy(c->smac, up->mac, 6);
	c->mtu = up->mtu;
	if (mcnic_cfg_mac(ctx, MCNIC_CFG_AT(m, TUN_NEXTHOP_MAC), c->dmac) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(m, TUN_MTU), 576, 9216, &c->mtu) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(m, TUN_VLAN), 1, 4094,
			  &c->vlan_tci) ||
	    mcnic_cfg_bool(ctx, MCNIC_CFG_AT(m, TUN_DOWN), &t->down))
		return -MCNIC_EINVAL;
	if (m->val[TUN_VLAN])
		c->flags |= MCNIC_TUNF_VLAN;
	return 0;
}

/* UDP ports and checksums (GRE has none: the template refuses the flags). */
static int mcnic_cfg_tunnel_udp(struct mcnic_cfg_ctx *ctx,
				const struct mcnic_cfg_map *m,
				struct mcnic_tunnel_cfg *c)
{
	if (mcnic_cfg_flag(ctx, MCNIC_CFG_AT(m, TUN_UDP_CSUM),
			   MCNIC_TUNF_UDP_CSUM, &c->flags) ||
	    mcnic_cfg_flag(ctx, MCNIC_CFG_AT(m, TUN_UDP6_ZERO),
			   MCNIC_TUNF_UDP6_ZERO, &c->flags))
		return -MCNIC_EINVAL;
	if (c->type == MCNIC_TUN_GRE) {
		if (m->val[TUN_PORT])
			return mcnic_cfg_err(ctx, m->key[TUN_PORT], "port",
					     "a gre tunnel has no UDP port");
		if (m->val[TUN_SPORT_RANGE])
			return mcnic_cfg_err(ctx, m->key[TUN_SPORT_RANGE],
					     "sport_range",
					     "a gre tunnel has no UDP port");
		return 0;
	}
	c->dport = c->type == MCNIC_TUN_VXLAN ? MCNIC_PORT_VXLAN :
						MCNIC_PORT_GENEVE;
	c->sport_min = 49152;
	c->sport_max = 65535;
	if (mcnic_cfg_u16(ctx, MCNIC_CFG_AT(m, TUN_PORT), 1, 65535,
			  &c->dport) ||
	    mcnic_cfg_range(ctx, MCNIC_CFG_AT(m, TUN_SPORT_RANGE), 1, 65535,
			    &c->sport_min, &c->sport_max))
		return -MCNIC_EINVAL;
	return 0;
}

static int mcnic_cfg_inherit(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
			     u16 *flags)
{
	static const char *const what[] = { "ttl", "dscp", "df", NULL };
	static const u16 bits[] = {
		MCNIC_TUNF_TTL_INHERIT, MCNIC_TUNF_DSCP_INHERIT,
		MCNIC_TUNF_DF_INHERIT,
	};
	size_t saved, item;
	u32 i, n;
	u8 w;

	if (mcnic_cfg_list(ctx, list, "inherit", 0, 3, &n))
		return -MCNIC_EINVAL;
	saved = mcnic_cfg_push(ctx, "inherit");
	for (i = 0; i < n; i++) {
		item = mcnic_cfg_push_index(ctx, i);
		if (mcnic_cfg_enum(ctx, mcnic_cfg_item(ctx, list, i), NULL,
				   what, &w))
			return -MCNIC_EINVAL;
		if (*flags & bits[w])
			return mcnic_cfg_err(ctx, mcnic_cfg_item(ctx, list, i),
					     NULL, "%s is listed twice",
					     what[w]);
		*flags |= bits[w];
		mcnic_cfg_pop(ctx, item);
	}
	mcnic_cfg_pop(ctx, saved);
	return 0;
}

/* The segment a tunnel sends: VXLAN-GBP group or mcnic's GENEVE option. */
static int mcnic_cfg_tunnel_segment(struct mcnic_cfg_ctx *ctx,
				    const struct mcnic_cfg_map *m,
				    struct mcnic_tunnel_cfg *c)
{
	if (!m->val[TUN_SEGMENT])
		return 0;
	if (mcnic_cfg_segment_ref(ctx, MCNIC_CFG_AT(m, TUN_SEGMENT),
				  &c->ident))
		return -MCNIC_EINVAL;
	if (c->type == MCNIC_TUN_GENEVE) {
		c->flags |= MCNIC_TUNF_IDENT_OPT;
		return 0;
	}
	if (c->type == MCNIC_TUN_GRE)
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, TUN_SEGMENT),
				     "a gre tunnel cannot carry a segment");
	if (!(c->flags & MCNIC_TUNF_GBP))
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, TUN_SEGMENT),
				     "a vxlan tunnel carries a segment only with gbp: true");
	return 0;
}

/* Outer TTL, DSCP, DF and the per-type options. */
static int mcnic_cfg_tunnel_opts(struct mcnic_cfg_ctx *ctx,
				 const struct mcnic_cfg_map *m,
				 struct mcnic_tunnel_cfg *c)
{
	c->ttl = 64;
	if (mcnic_cfg_u8(ctx, MCNIC_CFG_AT(m, TUN_TTL), 1, 255, &c->ttl) ||
	    mcnic_cfg_u8(ctx, MCNIC_CFG_AT(m, TUN_DSCP), 0, 63, &c->dscp) ||
	    mcnic_cfg_inherit(ctx, m->val[TUN_INHERIT], &c->flags) ||
	    mcnic_cfg_flag(ctx, MCNIC_CFG_AT(m, TUN_DF), MCNIC_TUNF_DF_SET,
			   &c->flags) ||
	    mcnic_cfg_flag(ctx, MCNIC_CFG_AT(m, TUN_GBP), MCNIC_TUNF_GBP,
			   &c->flags) ||
	    mcnic_cfg_flag(ctx, MCNIC_CFG_AT(m, TUN_GRE_L3), MCNIC_TUNF_GRE_L3,
			   &c->flags))
		return -MCNIC_EINVAL;
	return mcnic_cfg_tunnel_segment(ctx, m, c);
}

static int mcnic_cfg_tunnel(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			    void *elem)
{
	struct mcnic_cfg_tunnel *t = elem;
	struct mcnic_encap_tmpl tmpl;
	struct mcnic_cfg_map m;
	const char *why = "";

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_tunnel_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &t->loc);
	if (mcnic_cfg_name(ctx, MCNIC_CFG_AT(&m, TUN_NAME), t->name) ||
	    mcnic_cfg_tunnel_ends(ctx, &m, &t->cfg) ||
	    mcnic_cfg_tunnel_link(ctx, &m, t) ||
	    mcnic_cfg_tunnel_udp(ctx, &m, &t->cfg) ||
	    mcnic_cfg_tunnel_opts(ctx, &m, &t->cfg))
		return -MCNIC_EINVAL;
	if (mcnic_tmpl_build(&t->cfg, &tmpl, &why))
		return mcnic_cfg_err(ctx, n, NULL,
				     "the data plane refuses this tunnel: %s",
				     why);
	return 0;
}

int mcnic_cfg_tunnels(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->tunnels);

	if (mcnic_cfg_section(ctx, list, "tunnels", sz,
			      (void **)&cfg->tunnels, &cfg->n_tunnels,
			      mcnic_cfg_tunnel) ||
	    mcnic_cfg_named(ctx, MCNIC_CFG_IX_TUNNEL, cfg->tunnels, sz,
			    cfg->n_tunnels, list, "tunnels"))
		return -MCNIC_EINVAL;
	return 0;
}

enum {
	VNI_VNI, VNI_VRF, VNI_PEERS,
};

static const struct mcnic_cfg_key mcnic_cfg_vni_keys[] = {
	[VNI_VNI] = { "vni", 1 },
	[VNI_VRF] = { "vrf", 1 },
	[VNI_PEERS] = { "peers", 0 },
	{ NULL, 0 },
};

static int mcnic_cfg_has_peer(const struct mcnic_cfg_vni *v, u8 family,
			      const u8 *addr)
{
	u32 i;

	for (i = 0; i < v->n_peers; i++)
		if (v->peers[i].family == family &&
		    !memcmp(v->peers[i].addr, addr, 16))
			return 1;
	return 0;
}

static int mcnic_cfg_vni_peers(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
			       struct mcnic_cfg_vni *v)
{
	struct mcnic_cfg_peer *p;
	char show[MCNIC_CFG_SHOW_MAX];
	size_t saved, item;
	yaml_node_t *n;
	u32 i, count;

	if (mcnic_cfg_list(ctx, list, "peers", 1, MCNIC_CFG_PEERS_MAX, &count))
		return -MCNIC_EINVAL;
	saved = mcnic_cfg_push(ctx, "peers");
	for (i = 0; i < count; i++) {
		item = mcnic_cfg_push_index(ctx, i);
		n = mcnic_cfg_item(ctx, list, i);
		p = &v->peers[i];
		if (mcnic_cfg_unicast(ctx, n, NULL, &p->family, p->addr))
			return -MCNIC_EINVAL;
		if (mcnic_cfg_has_peer(v, p->family, p->addr))
			return mcnic_cfg_err(ctx, n, NULL, "%s is listed twice",
					     mcnic_cfg_show(n, show,
							    sizeof(show)));
		v->n_peers++;
		mcnic_cfg_pop(ctx, item);
	}
	mcnic_cfg_pop(ctx, saved);
	return 0;
}

/* By default, the remote ends of the tunnels that send this VNI. */
static int mcnic_cfg_vni_derive(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
				struct mcnic_cfg_vni *v)
{
	const struct mcnic_config *cfg = ctx->cfg;
	const struct mcnic_tunnel_cfg *c;
	struct mcnic_cfg_peer *p;
	u8 family;
	u32 i;

	for (i = 0; i < cfg->n_tunnels; i++) {
		c = &cfg->tunnels[i].cfg;
		if (c->vni != v->vni || (c->type == MCNIC_TUN_GRE &&
					 !(c->flags & MCNIC_TUNF_GRE_KEY)))
			continue;
		family = c->flags & MCNIC_TUNF_OUTER_V6 ? 6 : 4;
		if (mcnic_cfg_has_peer(v, family, c->daddr))
			continue;
		if (v->n_peers == MCNIC_CFG_PEERS_MAX)
			return mcnic_cfg_err(ctx, n, "peers",
					     "more than %u tunnels send vni %u: list the peers",
					     MCNIC_CFG_PEERS_MAX, v->vni);
		p = &v->peers[v->n_peers++];
		p->family = family;
		memcpy(p->addr, c->daddr, 16);
	}
	if (!v->n_peers)
		return mcnic_cfg_err(ctx, n, "peers",
				     "no tunnel sends vni %u: list the peers",
				     v->vni);
	return 0;
}

static int mcnic_cfg_vni(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			 void *elem)
{
	struct mcnic_cfg_vni *v = elem;
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, n, mcnic_cfg_vni_keys, &m))
		return -MCNIC_EINVAL;
	mcnic_cfg_loc(n, &v->loc);
	if (mcnic_cfg_u32(ctx, MCNIC_CFG_AT(&m, VNI_VNI), 0, 0xffffffffu,
			  &v->vni) ||
	    mcnic_cfg_vrf_ref(ctx, MCNIC_CFG_AT(&m, VNI_VRF), &v->vrf))
		return -MCNIC_EINVAL;
	if (m.val[VNI_PEERS])
		return mcnic_cfg_vni_peers(ctx, m.val[VNI_PEERS], v);
	return mcnic_cfg_vni_derive(ctx, n, v);
}

static int mcnic_cfg_cmp_vni(const void *a, const void *b)
{
	const struct mcnic_cfg_vni *x = a, *y = b;

	return (x->vni > y->vni) - (x->vni < y->vni);
}

int mcnic_cfg_vnis(struct mcnic_cfg_ctx *ctx, yaml_node_t *list)
{
	struct mcnic_config *cfg = ctx->cfg;
	size_t sz = sizeof(*cfg->vnis);

	if (mcnic_cfg_section(ctx, list, "vnis", sz, (void **)&cfg->vnis,
			      &cfg->n_vnis, mcnic_cfg_vni) ||
	    mcnic_cfg_unique(ctx, cfg->vnis, sz, cfg->n_vnis,
			     mcnic_cfg_cmp_vni, list, "vnis", "vni", "vni"))
		return -MCNIC_EINVAL;
	return 0;
}
