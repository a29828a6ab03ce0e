// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The capability FDT (include/mcnic/caps.h): parsed with libfdt
 * into a struct, so tools need no per-board knowledge.  Anything the FDT
 * lacks stays zero; a blob that is not a valid FDT is -EBADMSG.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mcnic/caps.h>

#include "mcnic_priv.h"

static void mcnic_caps_str(const void *fdt, int node, const char *prop,
			   char *out, size_t len)
{
	const char *s;
	int l;

	if (node < 0)
		return;
	s = fdt_getprop(fdt, node, prop, &l);
	if (!s || l <= 0)
		return;
	snprintf(out, len, "%.*s", l, s);
}

static u32 mcnic_caps_u32(const void *fdt, int node, const char *prop)
{
	const fdt32_t *v;
	int l;

	if (node < 0)
		return 0;
	v = fdt_getprop(fdt, node, prop, &l);
	return v && l == 4 ? fdt32_to_cpu(*v) : 0;
}

static void mcnic_caps_ports(const void *fdt, struct mcnic_caps *c)
{
	int ports = fdt_subnode_offset(fdt, 0, MCNIC_CAPS_PORTS), n;
	char kind[16];

	if (ports < 0)
		return;
	fdt_for_each_subnode(n, fdt, ports) {
		kind[0] = '\0';
		mcnic_caps_str(fdt, n, MCNIC_CAPS_PORT_KIND, kind,
			       sizeof(kind));
		c->ports++;
		c->uplinks += !strcmp(kind, MCNIC_CAPS_PORT_UPLINK);
		c->vports += !strcmp(kind, MCNIC_CAPS_PORT_VPORT);
	}
}

static void mcnic_caps_tables(const void *fdt, struct mcnic_caps *c)
{
	int node = fdt_subnode_offset(fdt, 0, MCNIC_CAPS_TABLES_NODE), p, l;
	const char *name;
	const fdt32_t *v;

	if (node < 0)
		return;
	fdt_for_each_property_offset(p, fdt, node) {
		v = fdt_getprop_by_offset(fdt, p, &name, &l);
		if (!v || l != 4 || c->n_tables == MCNIC_CAPS_LIST_MAX)
			continue;
		snprintf(c->table[c->n_tables].name, MCNIC_CAPS_NAME_MAX, "%s",
			 name);
		c->table[c->n_tables++].size = fdt32_to_cpu(*v);
	}
}

static void mcnic_caps_features(const void *fdt, struct mcnic_caps *c)
{
	int node = fdt_subnode_offset(fdt, 0, MCNIC_CAPS_FEATURES), p, l;
	const char *name;

	if (node < 0)
		return;
	fdt_for_each_property_offset(p, fdt, node) {
		if (!fdt_getprop_by_offset(fdt, p, &name, &l) ||
		    c->n_features == MCNIC_CAPS_LIST_MAX)
			continue;
		snprintf(c->feature[c->n_features++], MCNIC_CAPS_NAME_MAX, "%s",
			 name);
	}
}

int mcnic_caps_parse(const void *fdt, size_t len, struct mcnic_caps *c,
		     char *err, size_t errlen)
{
	int fw, mb, r;

	memset(c, 0, sizeof(*c));
	r = len < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED :
					      fdt_check_header(fdt);
	if (!r && fdt_totalsize(fdt) > len)
		r = -FDT_ERR_TRUNCATED;
	if (r) {
		snprintf(err, errlen, "capabilities: not a valid FDT (%s)",
			 fdt_strerror(r));
		return -EBADMSG;
	}
	fw = fdt_subnode_offset(fdt, 0, MCNIC_CAPS_FIRMWARE);
	mb = fdt_subnode_offset(fdt, 0, MCNIC_CAPS_MAILBOX);
	mcnic_caps_str(fdt, 0, MCNIC_CAPS_MODEL, c->model, sizeof(c->model));
	mcnic_caps_str(fdt, 0, MCNIC_CAPS_DEVICE_NAME, c->device_name,
		       sizeof(c->device_name));
	c->caps_version = mcnic_caps_u32(fdt, 0, MCNIC_CAPS_CAPS_VERSION);
	/* The image's own FDT says fw-version; the device adds version. */
	mcnic_caps_str(fdt, fw, MCNIC_CAPS_IMG_FW_VERSION, c->fw_version,
		       sizeof(c->fw_version));
	mcnic_caps_str(fdt, fw, MCNIC_CAPS_FW_VERSION, c->fw_version,
		       sizeof(c->fw_version));
	mcnic_caps_str(fdt, fw, MCNIC_CAPS_FW_SOURCE, c->fw_source,
		       sizeof(c->fw_source));
	c->fw_version_code = mcnic_caps_u32(fdt, fw,
					    MCNIC_CAPS_FW_VERSION_CODE);
	c->mailbox_version = mcnic_caps_u32(fdt, mb, MCNIC_CAPS_MB_VERSION);
	mcnic_caps_ports(fdt, c);
	mcnic_caps_tables(fdt, c);
	mcnic_caps_features(fdt, c);
	return 0;
}

int mcnic_caps(struct mcnic *h, struct mcnic_caps *caps)
{
	struct mcnic_req r = { .op = MCNIC_CMD_CAPS };
	char err[128];
	int rc;

	rc = mcnic_call(h, &r);
	if (rc)
		return rc;
	rc = mcnic_caps_parse(r.ans, r.ans_len, caps, err, sizeof(err));
	if (rc)
		return mcnic_err(h, rc, "%s: %s", h->dev, err);
	return 0;
}

u32 mcnic_caps_table_size(const struct mcnic_caps *caps, const char *name)
{
	u32 i;

	for (i = 0; i < caps->n_tables; i++)
		if (!strcmp(caps->table[i].name, name))
			return caps->table[i].size;
	return 0;
}
