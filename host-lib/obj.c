// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Table objects without knowing their layouts: each type describes its
 * fields once (in its own file), and this turns any entry into text or
 * JSON, reads one from "key value" words, orders entries by identity and
 * writes or dumps them.  Show, add and del in mcnicctl, the plan's
 * listing and the diff all go through here, so they cannot disagree.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcnic_priv.h"

static const struct mcnic_objtype *const mcnic_objtypes[MCNIC_OBJ_MAX + 1] = {
	[MCNIC_OBJ_PORT] = &mcnic_objtype_port,
	[MCNIC_OBJ_VRF] = &mcnic_objtype_vrf,
	[MCNIC_OBJ_VTEP] = &mcnic_objtype_vtep,
	[MCNIC_OBJ_VNI] = &mcnic_objtype_vni,
	[MCNIC_OBJ_PEER] = &mcnic_objtype_peer,
	[MCNIC_OBJ_TMPL] = &mcnic_objtype_tmpl,
	[MCNIC_OBJ_NH] = &mcnic_objtype_nh,
	[MCNIC_OBJ_NHG] = &mcnic_objtype_nhg,
	[MCNIC_OBJ_ROUTE] = &mcnic_objtype_route,
	[MCNIC_OBJ_RULE] = &mcnic_objtype_rule,
	[MCNIC_OBJ_PARSE] = &mcnic_objtype_parse,
};

static const char *const mcnic_obj_names[MCNIC_OBJ_MAX + 1] = {
	[MCNIC_OBJ_PORT] = "port", [MCNIC_OBJ_VRF] = "vrf",
	[MCNIC_OBJ_VTEP] = "vtep", [MCNIC_OBJ_VNI] = "vni",
	[MCNIC_OBJ_PEER] = "peer", [MCNIC_OBJ_TMPL] = "tunnel",
	[MCNIC_OBJ_NH] = "nexthop", [MCNIC_OBJ_NHG] = "group",
	[MCNIC_OBJ_ROUTE] = "route", [MCNIC_OBJ_RULE] = "rule",
	[MCNIC_OBJ_FLOW] = "flow", [MCNIC_OBJ_DROP] = "drop",
	[MCNIC_OBJ_PARSE] = "parse",
};

const struct mcnic_objtype *mcnic_objtype(unsigned int obj)
{
	return obj <= MCNIC_OBJ_MAX ? mcnic_objtypes[obj] : NULL;
}

const char *mcnic_obj_name(unsigned int obj)
{
	return obj <= MCNIC_OBJ_MAX && mcnic_obj_names[obj] ?
	       mcnic_obj_names[obj] : "?";
}

int mcnic_obj_lookup(const char *name)
{
	unsigned int i;

	for (i = 1; i <= MCNIC_OBJ_MAX; i++)
		if (mcnic_obj_names[i] && !strcmp(name, mcnic_obj_names[i]))
			return i;
	return -ENOENT;
}

size_t mcnic_obj_size(unsigned int obj)
{
	const struct mcnic_objtype *t = mcnic_objtype(obj);

	if (obj == MCNIC_OBJ_FLOW)
		return sizeof(struct mcnic_cmd_flow);
	return t ? t->size : 0;
}



static unsigned int mcnic_field_width(const struct mcnic_field *f)
{
	switch (f->kind) {
	case MCNIC_F_U8:
	case MCNIC_F_ENUM:
		return 1;
	case MCNIC_F_U16:
		return 2;
	case MCNIC_F_FLAG:
		return f->size;
	case MCNIC_F_MAC:
		return 6;
	case MCNIC_F_NH_LIST:
		return f->size * 4;
	case MCNIC_F_ADDR:
	case MCNIC_F_ADDR_TUNF:
	case MCNIC_F_PREFIX:
		return 16;
	default:
		return 4;
	}
}

int mcnic_obj_cmp(const struct mcnic_objtype *t, const void *a,
		  const void *b)
{
	const struct mcnic_field *f;
	const u8 *x = a, *y = b;
	int c;

	for (f = t->fields; f->name; f++) {
		if (!(f->flags & MCNIC_FF_KEY))
			continue;
		c = memcmp(x + f->off, y + f->off, mcnic_field_width(f));
		if (!c && (f->kind == MCNIC_F_ADDR ||
			   f->kind == MCNIC_F_PREFIX))
			c = (int)x[f->aux] - y[f->aux];
		if (!c && f->kind == MCNIC_F_PREFIX)
			c = (int)x[f->aux2] - y[f->aux2];
		if (c)
			return c;
	}
	return 0;
}

void mcnic_obj_del_entry(const struct mcnic_objtype *t, void *out,
			 const void *e)
{
	if (t->del_entry)
		t->del_entry(out, e);
	else
		memcpy(out, e, t->size);
}

/* Text output into a fixed buffer; what does not fit is cut. */
struct mcnic_out {
	char *buf;
	size_t len;
	size_t pos;
	int json;
	int n;
};

static void mcnic_out(struct mcnic_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void mcnic_out(struct mcnic_out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (o->pos >= o->len)
		return;
	va_start(ap, fmt);
	k = vsnprintf(o->buf + o->pos, o->len - o->pos, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->pos += k;
}

enum mcnic_val {
	MCNIC_V_SKIP,
	MCNIC_V_NUM,
	MCNIC_V_STR,
	MCNIC_V_TRUE,
	MCNIC_V_FALSE,
};

static int mcnic_is_zero(const u8 *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

static u8 mcnic_tunf_family(const struct mcnic_field *f, const u8 *e)
{
	return mcnic_get(e + f->aux, 2) & MCNIC_TUNF_OUTER_V6 ? 6 : 4;
}

static enum mcnic_val mcnic_nh_list_str(const struct mcnic_field *f,
					const u8 *e, char *v, size_t n)
{
	unsigned int i, cnt = e[f->aux2];
	size_t pos = 0;

	v[0] = '\0';
	for (i = 0; i < cnt && i < f->size && pos < n; i++) {
		u32 nh = mcnic_get(e + f->off + 4 * i, 4);

		if (f->aux)
			pos += snprintf(v + pos, n - pos, "%s%u:%u",
					i ? "," : "", nh, e[f->aux + i]);
		else
			pos += snprintf(v + pos, n - pos, "%s%u",
					i ? "," : "", nh);
	}
	return cnt || !(f->flags & MCNIC_FF_OPT) ? MCNIC_V_STR : MCNIC_V_SKIP;
}

static enum mcnic_val mcnic_range_str(const struct mcnic_field *f,
				      const u8 *e, char *v, size_t n)
{
	u32 lo = mcnic_get(e + f->off, 2), hi = mcnic_get(e + f->off + 2, 2);

	/*
	 * An optional range (a rule's ports) is absent when it is all of
	 * them; a required one (a tunnel's source ports) when it is 0-0,
	 * which only a tunnel without UDP (GRE) has.
	 */
	if (f->flags & MCNIC_FF_OPT ? lo == 0 && hi == 0xffff : lo == 0 && hi == 0)
		return MCNIC_V_SKIP;
	if (lo == hi)
		snprintf(v, n, "%u", lo);
	else
		snprintf(v, n, "%u-%u", lo, hi);
	return MCNIC_V_STR;
}

static enum mcnic_val mcnic_addr_val(const struct mcnic_field *f,
				     const u8 *e, char *v, size_t n)
{
	u8 fam = f->kind == MCNIC_F_ADDR_TUNF ? mcnic_tunf_family(f, e) :
						e[f->aux];
	size_t l;

	if (f->kind == MCNIC_F_PREFIX && (f->flags & MCNIC_FF_OPT) &&
	    !e[f->aux2])
		return MCNIC_V_SKIP;
	if ((f->flags & MCNIC_FF_OPT) &&
	    (!fam || mcnic_is_zero(e + f->off, 16)))
		return MCNIC_V_SKIP;
	mcnic_addr_str(fam, e + f->off, v, n);
	l = strlen(v);
	if (f->kind == MCNIC_F_PREFIX)
		snprintf(v + l, n - l, "/%u", e[f->aux2]);
	return MCNIC_V_STR;
}

static enum mcnic_val mcnic_int_val(const struct mcnic_field *f, const u8 *e,
				    char *v, size_t n)
{
	u32 x = mcnic_get(e + f->off, mcnic_field_width(f));

	if ((f->flags & MCNIC_FF_OPT) && !x)
		return MCNIC_V_SKIP;
	if (f->kind == MCNIC_F_ENUM && f->names) {
		unsigned int i;

		for (i = 0; f->names[i]; i++)
			if (i == x) {
				snprintf(v, n, "%s", f->names[i]);
				return MCNIC_V_STR;
			}
	}
	snprintf(v, n, "%u", x);
	return MCNIC_V_NUM;
}

static enum mcnic_val mcnic_field_val(const struct mcnic_field *f,
				      const u8 *e, char *v, size_t n)
{
	const u8 *m = e + f->off;

	if (f->cond_mask && !(e[f->cond_off] & f->cond_mask))
		return MCNIC_V_SKIP;
	switch (f->kind) {
	case MCNIC_F_FLAG:
		return mcnic_get(m, f->size) & f->max ? MCNIC_V_TRUE :
							MCNIC_V_FALSE;
	case MCNIC_F_ADDR:
	case MCNIC_F_ADDR_TUNF:
	case MCNIC_F_PREFIX:
		return mcnic_addr_val(f, e, v, n);
	case MCNIC_F_MAC:
		if ((f->flags & MCNIC_FF_OPT) && mcnic_is_zero(m, 6))
			return MCNIC_V_SKIP;
		snprintf(v, n, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1],
			 m[2], m[3], m[4], m[5]);
		return MCNIC_V_STR;
	case MCNIC_F_RANGE:
		return mcnic_range_str(f, e, v, n);
	case MCNIC_F_NH_LIST:
		return mcnic_nh_list_str(f, e, v, n);
	default:
		return mcnic_int_val(f, e, v, n);
	}
}

static void mcnic_out_field(struct mcnic_out *o, const struct mcnic_field *f,
			    enum mcnic_val k, const char *v)
{
	const char *sep = o->n++ ? (o->json ? ", " : " ") : "";

	if (!o->json) {
		if (k == MCNIC_V_TRUE)
			mcnic_out(o, "%s%s", sep, f->name);
		else if (k == MCNIC_V_NUM || k == MCNIC_V_STR)
			mcnic_out(o, "%s%s %s", sep, f->name, v);
		else
			o->n--;
		return;
	}
	if (k == MCNIC_V_TRUE || k == MCNIC_V_FALSE)
		mcnic_out(o, "%s\"%s\": %s", sep, f->name,
			  k == MCNIC_V_TRUE ? "true" : "false");
	else if (k == MCNIC_V_NUM)
		mcnic_out(o, "%s\"%s\": %s", sep, f->name, v);
	else
		mcnic_out(o, "%s\"%s\": \"%s\"", sep, f->name, v);
}

int mcnic_obj_format(unsigned int obj, const void *e, int json, char *buf,
		     size_t len)
{
	const struct mcnic_objtype *t = mcnic_objtype(obj);
	struct mcnic_out o = { .buf = buf, .len = len, .json = json };
	const struct mcnic_field *f;
	char v[160];
	enum mcnic_val k;

	if (!t || !len)
		return -EINVAL;
	buf[0] = '\0';
	if (json)
		mcnic_out(&o, "{");
	for (f = t->fields; f->name; f++) {
		k = mcnic_field_val(f, e, v, sizeof(v));
		if (k != MCNIC_V_SKIP)
			mcnic_out_field(&o, f, k, v);
	}
	if (json)
		mcnic_out(&o, "}");
	return o.pos < len ? 0 : -ENOSPC;
}

int mcnic_obj_dump(struct mcnic *h, unsigned int obj, void **e,
		   unsigned int *n)
{
	size_t size = mcnic_obj_size(obj);

	if (!size)
		return mcnic_err(h, -EINVAL, "object type %u cannot be dumped",
				 obj);
	return mcnic_dump(h, MCNIC_CMD_DUMP, obj, size, e, n);
}

int mcnic_obj_write(struct mcnic *h, unsigned int obj, int del, const void *e,
		    unsigned int n)
{
	const struct mcnic_objtype *t = mcnic_objtype(obj);
	unsigned int i;
	u8 *d;
	int r;

	if (!t || (del && !t->del_op))
		return mcnic_err(h, -EOPNOTSUPP, "%s: cannot be %s",
				 mcnic_obj_name(obj), del ? "removed" : "written");
	if (!del)
		return mcnic_batch(h, t->set_op, e, t->size, n);
	d = calloc(n ? n : 1, t->size);
	if (!d)
		return mcnic_err(h, -ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		mcnic_obj_del_entry(t, d + (size_t)i * t->size,
				    (const u8 *)e + (size_t)i * t->size);
	r = mcnic_batch(h, t->del_op, d, t->size, n);
	free(d);
	return r;
}
