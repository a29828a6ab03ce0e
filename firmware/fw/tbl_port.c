// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Ports (PORT_SET, DUMP and STATS of MCNIC_OBJ_PORT).  Ports are never
 * deleted: kind NONE marks one unused, and DUMP leaves those out.  A port
 * a next hop points at keeps its kind.
 */
#include "cmd_priv.h"

static int mcnic_tbl_port_fail(struct mcnic_cmd_err *err, int status,
			       const char *field, s64 v, const char *what)
{
	return mcnic_cmd_fail(err, status, "port", field, MCNIC_CMD_NOSUB, v,
			      what);
}

static int mcnic_tbl_port_check_vport(struct mcnic_fw *fw,
				      const struct mcnic_cmd_port *c,
				      struct mcnic_cmd_err *err)
{
	if (!mcnic_pipe_vrf_exists(&fw->pipe, c->vrf))
		return mcnic_tbl_port_fail(err, -MCNIC_ENOENT, "vrf", c->vrf,
					   "no such vrf");
	if (!c->queues)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "queues", 0,
					   "a vport needs one or more");
	return 0;
}

static int mcnic_tbl_port_check_uplink(const struct mcnic_cmd_port *c,
				       struct mcnic_cmd_err *err)
{
	if (c->vrf)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "vrf", c->vrf,
					   "uplinks have none");
	if (c->segment)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "segment",
					   c->segment, "uplinks have none");
	if (c->queues)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "queues",
					   c->queues, "uplinks have none");
	return 0;
}

static int mcnic_tbl_port_check(struct mcnic_fw *fw, const void *e,
				struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_port *c = e;
	struct mcnic_cmd_port none = { .id = c->id };

	if (c->id >= fw->lim.ports)
		return mcnic_tbl_port_fail(err, -MCNIC_ERANGE, "id", c->id,
					   "no such port");
	if (c->kind > MCNIC_CMD_PORT_VPORT)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "kind", c->kind,
					   "must be 0, 1 (uplink), 2 (vport)");
	if (mcnic_pipe_port_kind_busy(&fw->pipe, c->id, c->kind))
		return mcnic_tbl_port_fail(err, -MCNIC_EBUSY, "kind", c->kind,
					   "used by a next hop");
	if (c->kind == MCNIC_CMD_PORT_NONE) {
		if (__builtin_memcmp(c, &none, sizeof(none)))
			return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "kind",
						   0, "unused: the rest is 0");
		return 0;
	}
	if (c->up > 1)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "up", c->up,
					   "must be 0 or 1");
	if (c->mtu < MCNIC_PORT_MTU_MIN) {
		mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "mtu", c->mtu,
				    "below ");
		mcnic_cmd_err_num(err, MCNIC_PORT_MTU_MIN);
		return -MCNIC_EINVAL;
	}
	if (c->pad)
		return mcnic_tbl_port_fail(err, -MCNIC_EINVAL, "pad", c->pad,
					   "must be 0");
	if (c->kind == MCNIC_CMD_PORT_VPORT)
		return mcnic_tbl_port_check_vport(fw, c, err);
	return mcnic_tbl_port_check_uplink(c, err);
}

static void mcnic_tbl_port_read(struct mcnic_fw *fw, u16 id,
				struct mcnic_cmd_port *c)
{
	const struct mcnic_port_cfg *pc = &fw->pipe.port[id].cfg;

	__builtin_memset(c, 0, sizeof(*c));
	c->id = id;
	c->kind = pc->kind;
	c->up = pc->up;
	c->mtu = pc->mtu;
	c->vrf = pc->vrf;
	c->segment = pc->segment;
	c->queues = pc->queues;
	__builtin_memcpy(c->mac, pc->mac, 6);
}

static int mcnic_tbl_port_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_port *c = e;

	if (c->id >= fw->lim.ports)
		return -MCNIC_ENOENT;
	mcnic_tbl_port_read(fw, c->id, out);
	return 0;
}

static int mcnic_tbl_port_set(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	const struct mcnic_cmd_port *c = e;
	struct mcnic_port_cfg pc;

	__builtin_memset(&pc, 0, sizeof(pc));
	pc.kind = c->kind;
	pc.up = c->up;
	pc.mtu = c->mtu;
	pc.vrf = c->vrf;
	pc.segment = c->segment;
	pc.queues = c->queues;
	__builtin_memcpy(pc.mac, c->mac, 6);
	return mcnic_pipe_port_set(&fw->pipe, c->id, &pc, why);
}

static int mcnic_tbl_port_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	u32 i;

	for (i = *pos; i < fw->lim.ports; i++) {
		if (fw->pipe.port[i].cfg.kind != MCNIC_PORTK_NONE) {
			mcnic_tbl_port_read(fw, i, out);
			*pos = i + 1;
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

/* Every port, used or not: a frame can arrive on any. */
static int mcnic_tbl_port_ctr(struct mcnic_fw *fw, u32 *pos,
			      struct mcnic_cmd_ctr *c)
{
	const struct mcnic_port *pt;

	if (*pos >= fw->lim.ports)
		return -MCNIC_ENOENT;
	pt = &fw->pipe.port[*pos];
	__builtin_memset(c, 0, sizeof(*c));
	c->id = *pos;
	c->c[0] = pt->rx.packets;
	c->c[1] = pt->rx.bytes;
	c->c[2] = pt->tx.packets;
	c->c[3] = pt->tx.bytes;
	c->c[4] = pt->drop.packets;
	c->c[5] = pt->drop.bytes;
	(*pos)++;
	return 0;
}

static s64 mcnic_tbl_port_key(const void *e)
{
	return ((const struct mcnic_cmd_port *)e)->id;
}

const struct mcnic_tbl_ops mcnic_tbl_port = {
	.name = "port",
	.size = sizeof(struct mcnic_cmd_port),
	.check = mcnic_tbl_port_check,
	.get = mcnic_tbl_port_get,
	.set = mcnic_tbl_port_set,
	.next = mcnic_tbl_port_next,
	.ctr_next = mcnic_tbl_port_ctr,
	.key_name = "id",
	.key = mcnic_tbl_port_key,
};
