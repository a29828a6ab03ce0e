// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The capability FDT (caps.h), written with libfdt's sequential-write
 * functions: one pass, no tree to build and free.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>

#include "caps.h"

#define CAPS_DEPTH_MAX	8

/* Copies node's properties and subnodes (the image's FDT is signed). */
static int caps_copy(void *fdt, const void *src, int node, int depth)
{
	const char *name;
	const void *val;
	int prop, sub, len, r = 0;

	if (depth > CAPS_DEPTH_MAX)
		return -FDT_ERR_BADSTRUCTURE;
	fdt_for_each_property_offset(prop, src, node) {
		val = fdt_getprop_by_offset(src, prop, &name, &len);
		if (!val)
			return len;
		r = fdt_property(fdt, name, val, len);
		if (r)
			return r;
	}
	fdt_for_each_subnode(sub, src, node) {
		r = fdt_begin_node(fdt, fdt_get_name(src, sub, NULL));
		r = r ?: caps_copy(fdt, src, sub, depth + 1);
		r = r ?: fdt_end_node(fdt);
		if (r)
			return r;
	}
	return 0;
}

static int caps_firmware(void *fdt, const struct mcnic_cmd_info *info,
			 const char *source, const void *fw_fdt)
{
	int r;

	r = fdt_begin_node(fdt, "firmware");
	r = r ?: fdt_property_string(fdt, "source", source);
	r = r ?: fdt_property_string(fdt, "version", info->fw_version);
	r = r ?: fdt_property_u32(fdt, "version-code", info->fw_version_code);
	r = r ?: fdt_property(fdt, "build-id", info->build_id,
			      sizeof(info->build_id));
	if (!r && info->active_slot != 0xff)
		r = fdt_property_u32(fdt, "slot", info->active_slot);
	if (!r && fw_fdt)
		r = caps_copy(fdt, fw_fdt, 0, 0);
	return r ?: fdt_end_node(fdt);
}

static int caps_mailbox(void *fdt)
{
	int r;

	r = fdt_begin_node(fdt, "mailbox");
	r = r ?: fdt_property_u32(fdt, "version", MCNIC_CMD_VERSION);
	r = r ?: fdt_property_u32(fdt, "msg-max", MCNIC_CMD_MSG_MAX);
	return r ?: fdt_end_node(fdt);
}

static int caps_port(void *fdt, const struct mcnic_board *b, u16 id)
{
	const struct mcnic_board_uplink *u = mcnic_board_uplink(b, id);
	char name[16];
	u8 mac[6];
	int r;

	snprintf(name, sizeof(name), "port@%x", id);
	r = fdt_begin_node(fdt, name);
	r = r ?: fdt_property_u32(fdt, "reg", id);
	if (u) {
		r = r ?: fdt_property_string(fdt, "kind", "uplink");
		r = r ?: fdt_property(fdt, "mac-address", u->mac, 6);
		r = r ?: fdt_property_u32(fdt, "max-speed", u->speed);
	} else {
		mcnic_board_vport_mac(b, id, mac);
		r = r ?: fdt_property_string(fdt, "kind", "vport");
		r = r ?: fdt_property(fdt, "mac-address", mac, 6);
		r = r ?: fdt_property_u32(fdt, "queues", b->vport_queues);
	}
	return r ?: fdt_end_node(fdt);
}

static int caps_ports(void *fdt, const struct mcnic_board *b)
{
	u32 id;
	int r;

	r = fdt_begin_node(fdt, "ports");
	r = r ?: fdt_property_u32(fdt, "#address-cells", 1);
	r = r ?: fdt_property_u32(fdt, "#size-cells", 0);
	for (id = 0; !r && id < b->lim.ports; id++)
		if (mcnic_board_port_kind(b, id) != MCNIC_PORTK_NONE)
			r = caps_port(fdt, b, id);
	return r ?: fdt_end_node(fdt);
}

static int caps_queues(void *fdt, const struct mcnic_board *b)
{
	u32 q = mcnic_board_queues(b);
	int r;

	r = fdt_begin_node(fdt, "queues");
	r = r ?: fdt_property_u32(fdt, "tx", q);
	r = r ?: fdt_property_u32(fdt, "rx", q);
	r = r ?: fdt_property_u32(fdt, "cq", 2 * q);
	r = r ?: fdt_property_u32(fdt, "per-vport", b->vport_queues);
	return r ?: fdt_end_node(fdt);
}

static int caps_tables(void *fdt, const struct mcnic_pipe_limits *l)
{
	int r;

	r = fdt_begin_node(fdt, "tables");
	r = r ?: fdt_property_u32(fdt, "flows", l->flows);
	r = r ?: fdt_property_u32(fdt, "routes", l->routes);
	r = r ?: fdt_property_u32(fdt, "lpm4-prefixes", l->lpm4_prefixes);
	r = r ?: fdt_property_u32(fdt, "lpm4-groups", l->lpm4_groups);
	r = r ?: fdt_property_u32(fdt, "lpm4-root-bits", l->lpm4_root_bits);
	r = r ?: fdt_property_u32(fdt, "lpm6-prefixes", l->lpm6_prefixes);
	r = r ?: fdt_property_u32(fdt, "lpm6-groups", l->lpm6_groups);
	r = r ?: fdt_property_u32(fdt, "lpm6-root-bits", l->lpm6_root_bits);
	r = r ?: fdt_property_u32(fdt, "rules", l->rules);
	r = r ?: fdt_property_u32(fdt, "counted-rules", l->counted_rules);
	r = r ?: fdt_property_u32(fdt, "vrfs", l->vrfs);
	r = r ?: fdt_property_u32(fdt, "vnis", l->vnis);
	r = r ?: fdt_property_u32(fdt, "peers", l->peers);
	r = r ?: fdt_property_u32(fdt, "templates", l->tmpls);
	r = r ?: fdt_property_u32(fdt, "next-hops", l->nexthops);
	r = r ?: fdt_property_u32(fdt, "groups", l->nhgs);
	return r ?: fdt_end_node(fdt);
}

/* The running firmware's features, one empty property each. */
static int caps_features(void *fdt, const void *fw_fdt)
{
	int i, n, r;

	n = fw_fdt ? fdt_stringlist_count(fw_fdt, 0, "features") : 0;
	r = fdt_begin_node(fdt, "features");
	for (i = 0; !r && i < n; i++)
		r = fdt_property(fdt, fdt_stringlist_get(fw_fdt, 0, "features",
							 i, NULL), NULL, 0);
	return r ?: fdt_end_node(fdt);
}

int mcnic_caps_build(void *buf, u32 size, const struct mcnic_board *b,
		     const struct mcnic_cmd_info *info, const char *name,
		     const char *source, const void *fw_fdt)
{
	int r;

	r = fdt_create(buf, size);
	r = r ?: fdt_finish_reservemap(buf);
	r = r ?: fdt_begin_node(buf, "");
	r = r ?: fdt_property_string(buf, "compatible", "mcnic,caps");
	r = r ?: fdt_property_u32(buf, "caps-version", MCNIC_CAPS_VERSION);
	r = r ?: fdt_property_string(buf, "model", b->model);
	r = r ?: fdt_property_string(buf, "device-name", name);
	r = r ?: fdt_property_u32(buf, "clock-frequency", b->clock_hz);
	r = r ?: caps_firmware(buf, info, source, fw_fdt);
	r = r ?: caps_mailbox(buf);
	r = r ?: caps_ports(buf, b);
	r = r ?: caps_queues(buf, b);
	r = r ?: caps_tables(buf, &b->lim);
	r = r ?: caps_features(buf, fw_fdt);
	r = r ?: fdt_end_node(buf);
	r = r ?: fdt_finish(buf);
	if (r)
		return -ENOSPC;
	return fdt_totalsize(buf);
}
