// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Routes (ROUTE_ADD, ROUTE_DEL, DUMP of MCNIC_OBJ_ROUTE).  The LPM maps a
 * prefix to a route index and cannot be walked back, so the firmware keeps
 * each index's key; a dump walks the indices.
 */
#include "cmd_priv.h"

static int mcnic_tbl_route_fail(struct mcnic_cmd_err *err, int status,
				const char *field, s64 v, const char *what)
{
	return mcnic_cmd_fail(err, status, "route", field, MCNIC_CMD_NOSUB, v,
			      what);
}

/* No bit set past len, in all 16 bytes. */
static int mcnic_tbl_route_clean(const u8 *a, u8 len)
{
	u32 i;

	for (i = len; i < 128; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

static int mcnic_tbl_route_check_key(struct mcnic_fw *fw, const void *e,
				     struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_route *c = e;
	u8 max = mcnic_family_bits(c->family);

	if (c->family != 4 && c->family != 6)
		return mcnic_tbl_route_fail(err, -MCNIC_EINVAL, "family",
					    c->family, "must be 4 or 6");
	if (c->len > max) {
		mcnic_tbl_route_fail(err, -MCNIC_EINVAL, "len", c->len,
				     "more than ");
		mcnic_cmd_err_num(err, max);
		return -MCNIC_EINVAL;
	}
	if (!mcnic_tbl_route_clean(c->prefix, c->len))
		return mcnic_tbl_route_fail(err, -MCNIC_EINVAL, "prefix",
					    MCNIC_CMD_NOVAL,
					    "bits set past len");
	return 0;
}

static int mcnic_tbl_route_check(struct mcnic_fw *fw, const void *e,
				 struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_route *c = e;
	const struct mcnic_route *r = &c->route;
	int e2;

	if (!mcnic_pipe_vrf_exists(&fw->pipe, c->vrf))
		return mcnic_tbl_route_fail(err, -MCNIC_ENOENT, "vrf", c->vrf,
					    "no such vrf");
	e2 = mcnic_tbl_route_check_key(fw, e, err);
	if (e2)
		return e2;
	if (r->kind != MCNIC_ROUTE_NHG && r->kind != MCNIC_ROUTE_BLACKHOLE)
		return mcnic_tbl_route_fail(err, -MCNIC_EINVAL, "kind",
					    r->kind,
					    "must be 0 (nhg) or 1 (blackhole)");
	if (r->kind == MCNIC_ROUTE_NHG &&
	    !mcnic_pipe_nhg_exists(&fw->pipe, r->nhg))
		return mcnic_tbl_route_fail(err, -MCNIC_ENOENT, "nhg", r->nhg,
					    "no such group");
	if (r->kind == MCNIC_ROUTE_BLACKHOLE && r->nhg)
		return mcnic_tbl_route_fail(err, -MCNIC_EINVAL, "nhg", r->nhg,
					    "a blackhole has none");
	return mcnic_tbl_check_zero("route", "pad", &r->pad, 1, err);
}

/* The route index of c's key, or -MCNIC_ENOENT. */
static s64 mcnic_tbl_route_idx(struct mcnic_fw *fw,
			       const struct mcnic_cmd_route *c)
{
	struct mcnic_lpm *lpm = mcnic_pipe_lpm(&fw->pipe, c->vrf, c->family);
	u32 id;

	if (!lpm || (c->family != 4 && c->family != 6) ||
	    mcnic_lpm_get(lpm, c->prefix, c->len, &id) ||
	    id >= fw->lim.routes)
		return -MCNIC_ENOENT;
	return id;
}

static void mcnic_tbl_route_read(struct mcnic_fw *fw, u32 id,
				 struct mcnic_cmd_route *o)
{
	const struct mcnic_fw_rkey *k = &fw->rkey[id];

	o->vrf = k->vrf;
	o->family = k->family;
	o->len = k->len;
	__builtin_memcpy(o->prefix, k->prefix, 16);
	o->route = fw->pipe.route[id];
}

static int mcnic_tbl_route_get(struct mcnic_fw *fw, const void *e, void *out)
{
	s64 id = mcnic_tbl_route_idx(fw, e);

	if (id < 0)
		return -MCNIC_ENOENT;
	mcnic_tbl_route_read(fw, id, out);
	return 0;
}

static int mcnic_tbl_route_set(struct mcnic_fw *fw, const void *e,
			       const char **why)
{
	const struct mcnic_cmd_route *c = e;
	struct mcnic_fw_rkey *k;
	int r;
	s64 id;

	r = mcnic_pipe_route_add(&fw->pipe, c->vrf, c->family, c->prefix,
				 c->len, &c->route, why);
	if (r)
		return r;
	id = mcnic_tbl_route_idx(fw, c);
	if (id < 0)
		return 0;	/* cannot happen: it was just added */
	k = &fw->rkey[id];
	k->vrf = c->vrf;
	k->family = c->family;
	k->len = c->len;
	__builtin_memcpy(k->prefix, c->prefix, 16);
	return 0;
}

static int mcnic_tbl_route_del(struct mcnic_fw *fw, const void *e,
			       const char **why)
{
	const struct mcnic_cmd_route *c = e;
	s64 id = mcnic_tbl_route_idx(fw, c);
	int r;

	if (id < 0)
		return -MCNIC_ENOENT;
	r = mcnic_pipe_route_del(&fw->pipe, c->vrf, c->family, c->prefix,
				 c->len);
	if (!r)
		__builtin_memset(&fw->rkey[id], 0, sizeof(fw->rkey[0]));
	return r;
}

static int mcnic_tbl_route_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	u32 i;

	for (i = *pos; i < fw->lim.routes; i++) {
		if (fw->rkey[i].family) {
			mcnic_tbl_route_read(fw, i, out);
			*pos = i + 1;
			return 0;
		}
	}
	return -MCNIC_ENOENT;
}

const struct mcnic_tbl_ops mcnic_tbl_route = {
	.name = "route",
	.size = sizeof(struct mcnic_cmd_route),
	.check = mcnic_tbl_route_check,
	.check_key = mcnic_tbl_route_check_key,
	.get = mcnic_tbl_route_get,
	.set = mcnic_tbl_route_set,
	.del = mcnic_tbl_route_del,
	.next = mcnic_tbl_route_next,
};
