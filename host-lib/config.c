// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The declarative configuration (docs/config.md): load, check, free.
 *
 * Sections are read in the order their names are needed -- device, vrfs,
 * segments, ports, vteps, tunnels, vnis, nexthop_groups, routes, policies
 * -- whatever their order in the file, and the first error ends the load:
 * the caller gets NULL and one message, never a partial configuration.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_priv.h"
#include "dp/dp.h"

enum {
	DEV_NAME, DEV_VXLAN_PORTS, DEV_GENEVE_PORT, DEV_VXLAN_GBP,
	DEV_ESPINUDP_PORT,
};

static const struct mcnic_cfg_key mcnic_cfg_device_keys[] = {
	[DEV_NAME] = { "name", 0 },
	[DEV_VXLAN_PORTS] = { "vxlan_ports", 0 },
	[DEV_GENEVE_PORT] = { "geneve_port", 0 },
	[DEV_VXLAN_GBP] = { "vxlan_gbp", 0 },
	[DEV_ESPINUDP_PORT] = { "espinudp_port", 0 },
	{ NULL, 0 },
};

static int mcnic_cfg_is_vxlan_port(const struct mcnic_parse_cfg *pc, u16 port)
{
	u32 i;

	for (i = 0; i < MCNIC_VXLAN_PORTS_MAX; i++)
		if (port && pc->vxlan_port[i] == port)
			return 1;
	return 0;
}

static int mcnic_cfg_vxlan_ports(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
				 struct mcnic_parse_cfg *pc)
{
	size_t saved, item;
	yaml_node_t *n;
	u16 port = 0;
	u32 i, count;

	if (!list)
		return 0;
	if (mcnic_cfg_list(ctx, list, "vxlan_ports", 0, MCNIC_VXLAN_PORTS_MAX,
			   &count))
		return -MCNIC_EINVAL;
	memset(pc->vxlan_port, 0, sizeof(pc->vxlan_port));
	saved = mcnic_cfg_push(ctx, "vxlan_ports");
	for (i = 0; i < count; i++) {
		item = mcnic_cfg_push_index(ctx, i);
		n = mcnic_cfg_item(ctx, list, i);
		if (mcnic_cfg_u16(ctx, n, NULL, 1, 65535, &port))
			return -MCNIC_EINVAL;
		if (mcnic_cfg_is_vxlan_port(pc, port))
			return mcnic_cfg_err(ctx, n, NULL, "%u is listed twice",
					     port);
		pc->vxlan_port[i] = port;
		mcnic_cfg_pop(ctx, item);
	}
	mcnic_cfg_pop(ctx, saved);
	return 0;
}

/* One UDP port, one meaning: the parser checks VXLAN's ports first. */
static int mcnic_cfg_device_ports(struct mcnic_cfg_ctx *ctx,
				  const struct mcnic_cfg_map *m,
				  struct mcnic_parse_cfg *pc)
{
	if (mcnic_cfg_vxlan_ports(ctx, m->val[DEV_VXLAN_PORTS], pc) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(m, DEV_GENEVE_PORT), 0, 65535,
			  &pc->geneve_port) ||
	    mcnic_cfg_u16(ctx, MCNIC_CFG_AT(m, DEV_ESPINUDP_PORT), 0, 65535,
			  &pc->espinudp_port))
		return -MCNIC_EINVAL;
	if (mcnic_cfg_is_vxlan_port(pc, pc->geneve_port))
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, DEV_GENEVE_PORT),
				     "%u is also a vxlan port",
				     pc->geneve_port);
	if (mcnic_cfg_is_vxlan_port(pc, pc->espinudp_port) ||
	    (pc->espinudp_port && pc->espinudp_port == pc->geneve_port))
		return mcnic_cfg_err(ctx, MCNIC_CFG_AT(m, DEV_ESPINUDP_PORT),
				     "%u is also a vxlan or geneve port",
				     pc->espinudp_port);
	return 0;
}

static int mcnic_cfg_device(struct mcnic_cfg_ctx *ctx, yaml_node_t *n)
{
	struct mcnic_config *cfg = ctx->cfg;
	struct mcnic_parse_cfg *pc = &cfg->parse;
	struct mcnic_cfg_map m;
	size_t saved;

	snprintf(cfg->name, sizeof(cfg->name), "mcnic");
	mcnic_parse_cfg_init(pc);
	/* The format's defaults: GBP bits and ESP-in-UDP only when asked. */
	pc->vxlan_gbp = 0;
	pc->espinudp_port = 0;
	if (!n || mcnic_cfg_is_null(n))
		return 0;
	saved = mcnic_cfg_push(ctx, "device");
	if (mcnic_cfg_map(ctx, n, mcnic_cfg_device_keys, &m) ||
	    mcnic_cfg_name(ctx, MCNIC_CFG_AT(&m, DEV_NAME), cfg->name) ||
	    mcnic_cfg_bool(ctx, MCNIC_CFG_AT(&m, DEV_VXLAN_GBP),
			   &pc->vxlan_gbp) ||
	    mcnic_cfg_device_ports(ctx, &m, pc))
		return -MCNIC_EINVAL;
	mcnic_cfg_pop(ctx, saved);
	return 0;
}

enum {
	ROOT_DEVICE, ROOT_PORTS, ROOT_VRFS, ROOT_SEGMENTS, ROOT_VTEPS,
	ROOT_TUNNELS, ROOT_VNIS, ROOT_NHGS, ROOT_ROUTES, ROOT_POLICIES,
};

static const struct mcnic_cfg_key mcnic_cfg_root_keys[] = {
	[ROOT_DEVICE] = { "device", 0 },
	[ROOT_PORTS] = { "ports", 1 },
	[ROOT_VRFS] = { "vrfs", 0 },
	[ROOT_SEGMENTS] = { "segments", 0 },
	[ROOT_VTEPS] = { "vteps", 0 },
	[ROOT_TUNNELS] = { "tunnels", 0 },
	[ROOT_VNIS] = { "vnis", 0 },
	[ROOT_NHGS] = { "nexthop_groups", 0 },
	[ROOT_ROUTES] = { "routes", 0 },
	[ROOT_POLICIES] = { "policies", 0 },
	{ NULL, 0 },
};

static int mcnic_cfg_root(struct mcnic_cfg_ctx *ctx)
{
	struct mcnic_cfg_map m;

	if (mcnic_cfg_map(ctx, yaml_document_get_root_node(&ctx->doc),
			  mcnic_cfg_root_keys, &m) ||
	    mcnic_cfg_device(ctx, m.val[ROOT_DEVICE]) ||
	    mcnic_cfg_vrfs(ctx, m.val[ROOT_VRFS]) ||
	    mcnic_cfg_segments(ctx, m.val[ROOT_SEGMENTS]) ||
	    mcnic_cfg_ports(ctx, m.val[ROOT_PORTS]) ||
	    mcnic_cfg_vteps(ctx, m.val[ROOT_VTEPS]) ||
	    mcnic_cfg_tunnels(ctx, m.val[ROOT_TUNNELS]) ||
	    mcnic_cfg_vnis(ctx, m.val[ROOT_VNIS]) ||
	    mcnic_cfg_nhgs(ctx, m.val[ROOT_NHGS]) ||
	    mcnic_cfg_routes(ctx, m.val[ROOT_ROUTES]) ||
	    mcnic_cfg_policies(ctx, m.val[ROOT_POLICIES]))
		return -MCNIC_EINVAL;
	return 0;
}

struct mcnic_config *mcnic_config_load_buf(const char *buf, size_t len,
					   const char *name,
					   char *err, size_t errlen)
{
	struct mcnic_cfg_ctx ctx;
	int rc;
	u32 i;

	memset(&ctx, 0, sizeof(ctx));
	ctx.name = name ? name : "<config>";
	ctx.err = err;
	ctx.errlen = err ? errlen : 0;
	if (ctx.errlen)
		err[0] = '\0';
	ctx.cfg = calloc(1, sizeof(*ctx.cfg));
	if (!ctx.cfg) {
		if (ctx.errlen)
			snprintf(err, errlen, "%s: out of memory", ctx.name);
		return NULL;
	}
	rc = mcnic_cfg_doc_load(&ctx, buf, len);
	if (!rc)
		rc = mcnic_cfg_root(&ctx);
	if (ctx.have_doc)
		yaml_document_delete(&ctx.doc);
	for (i = 0; i < MCNIC_CFG_IX_COUNT; i++)
		mcnic_cfg_index_fini(&ctx.ix[i]);
	if (rc) {
		mcnic_config_free(ctx.cfg);
		return NULL;
	}
	return ctx.cfg;
}

/* Reads one byte past the limit, so a larger file is refused, not cut. */
struct mcnic_config *mcnic_config_load_file(const char *path,
					    char *err, size_t errlen)
{
	struct mcnic_config *cfg = NULL;
	size_t len;
	char *buf;
	FILE *f;

	buf = malloc(MCNIC_CFG_DOC_MAX + 1);
	f = buf ? fopen(path, "rb") : NULL;
	if (!f) {
		if (err && errlen)
			snprintf(err, errlen, "%s: %s", path,
				 strerror(buf ? errno : ENOMEM));
		free(buf);
		return NULL;
	}
	len = fread(buf, 1, MCNIC_CFG_DOC_MAX + 1, f);
	if (ferror(f)) {
		if (err && errlen)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
	} else {
		cfg = mcnic_config_load_buf(buf, len, path, err, errlen);
	}
	fclose(f);
	free(buf);
	return cfg;
}

void mcnic_config_free(struct mcnic_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->ports);
	free(cfg->vrfs);
	free(cfg->segments);
	free(cfg->vteps);
	free(cfg->tunnels);
	free(cfg->vnis);
	free(cfg->nhgs);
	free(cfg->routes);
	free(cfg->policies);
	free(cfg);
}
