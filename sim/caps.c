// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The capability FDT (caps.h), written with libfdt's sequential-write
 * functions: one pass, no tree to build and free.  Each node's properties
 * are written before its first subnode, as libfdt needs to read them.
 */
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

	r = fdt_begin_node(fdt, MCNIC_CAPS_FIRMWARE);
	r = r ?: fdt_property_string(fdt, MCNIC_CAPS_FW_SOURCE, source);
	r = r ?: fdt_property_string(fdt, MCNIC_CAPS_FW_VERSION,
				     info->fw_version);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_FW_VERSION_CODE,
				  info->fw_version_code);
	r = r ?: fdt_property(fdt, MCNIC_CAPS_FW_BUILD_ID, info->build_id,
			      sizeof(info->build_id));
	if (!r && info->active_slot != MCNIC_SLOT_NONE)
		r = fdt_property_u32(fdt, MCNIC_CAPS_FW_SLOT,
				     info->active_slot);
	/* Last: the image's FDT brings subnodes (limits). */
	if (!r && fw_fdt)
		r = caps_copy(fdt, fw_fdt, 0, 0);
	return r ?: fdt_end_node(fdt);
}

static int caps_mailbox(void *fdt)
{
	int r;

	r = fdt_begin_node(fdt, MCNIC_CAPS_MAILBOX);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_MB_VERSION,
				  MCNIC_CMD_VERSION);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_MB_MSG_MAX,
				  MCNIC_CMD_MSG_MAX);
	return r ?: fdt_end_node(fdt);
}

static int caps_port(void *fdt, const struct mcnic_board *b, u16 id)
{
	const struct mcnic_board_uplink *u = mcnic_board_uplink(b, id);
	char name[16];
	u8 mac[6];
	int r;

	snprintf(name, sizeof(name), MCNIC_CAPS_PORT_NAME, id);
	r = fdt_begin_node(fdt, name);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_PORT_REG, id);
	if (u) {
		r = r ?: fdt_property_string(fdt, MCNIC_CAPS_PORT_KIND,
					     MCNIC_CAPS_PORT_UPLINK);
		r = r ?: fdt_property(fdt, MCNIC_CAPS_PORT_MAC, u->mac, 6);
		r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_PORT_SPEED,
					  u->speed);
	} else {
		mcnic_board_vport_mac(b, id, mac);
		r = r ?: fdt_property_string(fdt, MCNIC_CAPS_PORT_KIND,
					     MCNIC_CAPS_PORT_VPORT);
		r = r ?: fdt_property(fdt, MCNIC_CAPS_PORT_MAC, mac, 6);
		r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_PORT_QUEUES,
					  b->vport_queues);
	}
	return r ?: fdt_end_node(fdt);
}

static int caps_ports(void *fdt, const struct mcnic_board *b)
{
	u32 id;
	int r;

	r = fdt_begin_node(fdt, MCNIC_CAPS_PORTS);
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

	r = fdt_begin_node(fdt, MCNIC_CAPS_QUEUES);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_Q_TX, q);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_Q_RX, q);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_Q_CQ, 2 * q);
	r = r ?: fdt_property_u32(fdt, MCNIC_CAPS_Q_PER_VPORT,
				  b->vport_queues);
	return r ?: fdt_end_node(fdt);
}

#define CAPS_TABLE(prop, field) \
	r = r ?: fdt_property_u32(fdt, prop, l->field);

static int caps_tables(void *fdt, const struct mcnic_pipe_limits *l)
{
	int r;

	r = fdt_begin_node(fdt, MCNIC_CAPS_TABLES_NODE);
	MCNIC_CAPS_TABLES(CAPS_TABLE)
	return r ?: fdt_end_node(fdt);
}

/* The running firmware's features, one empty property each. */
static int caps_features(void *fdt, const void *fw_fdt)
{
	const char *list = MCNIC_CAPS_IMG_FEATURES;
	int i, n, r;

	n = fw_fdt ? fdt_stringlist_count(fw_fdt, 0, list) : 0;
	r = fdt_begin_node(fdt, MCNIC_CAPS_FEATURES);
	for (i = 0; !r && i < n; i++)
		r = fdt_property(fdt, fdt_stringlist_get(fw_fdt, 0, list, i,
							 NULL), NULL, 0);
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
	r = r ?: fdt_property_string(buf, MCNIC_CAPS_COMPATIBLE,
				     MCNIC_CAPS_COMPATIBLE_VAL);
	r = r ?: fdt_property_u32(buf, MCNIC_CAPS_CAPS_VERSION,
				  MCNIC_CAPS_VERSION);
	r = r ?: fdt_property_string(buf, MCNIC_CAPS_MODEL, b->model);
	r = r ?: fdt_property_string(buf, MCNIC_CAPS_DEVICE_NAME, name);
	r = r ?: fdt_property_u32(buf, MCNIC_CAPS_CLOCK, b->clock_hz);
	r = r ?: caps_firmware(buf, info, source, fw_fdt);
	r = r ?: caps_mailbox(buf);
	r = r ?: caps_ports(buf, b);
	r = r ?: caps_queues(buf, b);
	r = r ?: caps_tables(buf, &b->lim);
	r = r ?: caps_features(buf, fw_fdt);
	r = r ?: fdt_end_node(buf);
	r = r ?: fdt_finish(buf);
	return r ?: (int)fdt_totalsize(buf);
}
