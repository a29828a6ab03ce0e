// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * What the NIC says it is (include/mcnic/caps.h): its host vports, their
 * MACs and queues.  The capability FDT comes from the device, so this
 * walk checks every offset and length against the answer before it
 * reads; the kernel's libfdt is not exported to modules, and we need only
 * a forward walk of /ports.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>

#include <mcnic/caps.h>

#include "mcnic.h"

#define FDT_MAGIC_BE	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

struct mcnic_fdt {
	const u8 *s;			/* structure block */
	u32 len;
	const char *str;		/* strings block */
	u32 str_len;
	u32 pos;
};

static bool mcnic_fdt_u32(struct mcnic_fdt *f, u32 *v)
{
	if (f->len < 4 || f->pos > f->len - 4)
		return false;
	*v = be32_to_cpup((const __be32 *)(f->s + f->pos));
	f->pos += 4;
	return true;
}

/* A NUL-terminated string at f->pos, skipped with its padding. */
static const char *mcnic_fdt_name(struct mcnic_fdt *f)
{
	const char *n = (const char *)f->s + f->pos;
	size_t l = strnlen(n, f->len - f->pos);

	if (f->pos + l >= f->len)
		return NULL;
	f->pos = ALIGN(f->pos + l + 1, 4);
	return n;
}

struct mcnic_caps_port {
	u32 reg, queues;
	bool vport, has_mac;
	u8 mac[ETH_ALEN];
};

static void mcnic_caps_prop(struct mcnic_caps_port *p, const char *name,
			    const u8 *val, u32 len)
{
	if (!strcmp(name, MCNIC_CAPS_PORT_REG) && len == 4) {
		p->reg = be32_to_cpup((const __be32 *)val);
	} else if (!strcmp(name, MCNIC_CAPS_PORT_QUEUES) && len == 4) {
		p->queues = be32_to_cpup((const __be32 *)val);
	} else if (!strcmp(name, MCNIC_CAPS_PORT_KIND)) {
		p->vport = len == sizeof(MCNIC_CAPS_PORT_VPORT) &&
			   !memcmp(val, MCNIC_CAPS_PORT_VPORT, len);
	} else if (!strcmp(name, MCNIC_CAPS_PORT_MAC) && len == ETH_ALEN) {
		memcpy(p->mac, val, ETH_ALEN);
		p->has_mac = true;
	}
}

static void mcnic_caps_take(struct mcnic_dev *d, const struct mcnic_caps_port *p)
{
	struct mcnic_vport *v;

	if (!p->vport || !p->queues || !p->has_mac || !is_valid_ether_addr(p->mac) ||
	    d->nvports == MCNIC_VPORTS_MAX)
		return;
	v = &d->vports[d->nvports++];
	v->id = p->reg;
	v->queues = min_t(u32, p->queues, MCNIC_VPORT_QUEUES_MAX);
	ether_addr_copy(v->mac, p->mac);
}

/* One property at f->pos (after its token). */
static int mcnic_caps_prop_at(struct mcnic_fdt *f, struct mcnic_caps_port *p,
			      bool in_port)
{
	u32 len, nameoff;

	if (!mcnic_fdt_u32(f, &len) || !mcnic_fdt_u32(f, &nameoff) ||
	    len > f->len - f->pos || nameoff >= f->str_len ||
	    !memchr(f->str + nameoff, 0, f->str_len - nameoff))
		return -EIO;
	if (in_port)
		mcnic_caps_prop(p, f->str + nameoff, f->s + f->pos, len);
	f->pos = ALIGN(f->pos + len, 4);
	return 0;
}

/* Walk the tree; nodes at depth 2 under /ports are ports. */
static int mcnic_caps_walk(struct mcnic_dev *d, struct mcnic_fdt *f)
{
	struct mcnic_caps_port p = { };
	int depth = 0, ports_depth = -1;
	const char *name;
	u32 tok;

	while (mcnic_fdt_u32(f, &tok)) {
		switch (tok) {
		case FDT_BEGIN_NODE:
			name = mcnic_fdt_name(f);
			if (!name || ++depth > 8)
				return -EIO;
			if (depth == 2 && !strcmp(name, MCNIC_CAPS_PORTS))
				ports_depth = depth;
			if (depth == ports_depth + 1)
				memset(&p, 0, sizeof(p));
			break;
		case FDT_END_NODE:
			if (depth == ports_depth + 1)
				mcnic_caps_take(d, &p);
			if (depth == ports_depth)
				ports_depth = -1;
			if (--depth < 0)
				return -EIO;
			break;
		case FDT_PROP:
			if (mcnic_caps_prop_at(f, &p, ports_depth > 0 &&
					       depth == ports_depth + 1))
				return -EIO;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? -EIO : 0;
		default:
			return -EIO;
		}
	}
	return -EIO;
}

static int mcnic_caps_parse(struct mcnic_dev *d, const u8 *fdt, u32 len)
{
	const __be32 *h = (const __be32 *)fdt;
	u32 total, off_s, off_str, size_str, size_s;
	struct mcnic_fdt f = { };

	if (len < 40 || be32_to_cpu(h[0]) != FDT_MAGIC_BE)
		return -EIO;
	total = be32_to_cpu(h[1]);
	off_s = be32_to_cpu(h[2]);
	off_str = be32_to_cpu(h[3]);
	size_str = be32_to_cpu(h[8]);
	size_s = be32_to_cpu(h[9]);
	if (total > len || off_s > total || size_s > total - off_s ||
	    off_str > total || size_str > total - off_str || off_s % 4 ||
	    size_s % 4)
		return -EIO;
	f.s = fdt + off_s;
	f.len = size_s;
	f.str = (const char *)fdt + off_str;
	f.str_len = size_str;
	return mcnic_caps_walk(d, &f);
}

int mcnic_caps_init(struct mcnic_dev *d)
{
	struct mcnic_cmd_hdr *req, *a;
	int rc;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	a = kvmalloc(MCNIC_CMD_MSG_MAX, GFP_KERNEL);
	rc = -ENOMEM;
	if (!req || !a)
		goto out;
	req->version = MCNIC_CMD_VERSION;
	req->opcode = MCNIC_CMD_CAPS;
	rc = mcnic_mbox_call(d, req, sizeof(*req), a, MCNIC_CMD_MSG_MAX);
	if (rc < 0)
		goto out;
	if (a->status) {
		rc = a->status;
		dev_err(&d->pdev->dev, "CAPS refused: %d %s\n", rc, a->err_msg);
		goto out;
	}
	rc = mcnic_caps_parse(d, (const u8 *)(a + 1), a->len);
	if (rc)
		dev_err(&d->pdev->dev, "CAPS: the capability FDT is malformed\n");
out:
	kfree(req);
	kvfree(a);
	return rc;
}
