// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Table entries from words: "vrf 1 prefix 10.0.0.0/8 nhg 2", the keys
 * mcnic_obj_format() prints, so a shown entry can be typed back.  A bad
 * word is named with its value and what was expected.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcnic_priv.h"

static u32 mcnic_field_max(const struct mcnic_field *f)
{
	if (f->max)
		return f->max;
	return f->kind == MCNIC_F_U8 ? 0xff :
	       f->kind == MCNIC_F_U16 ? 0xffff : 0xffffffffu;
}

/* Decimal, or hex after 0x: "010" is ten, never octal. */
static int mcnic_num(const char *s, u32 max, u32 *out)
{
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	unsigned long long v;
	char *end;

	if (hex)
		s += 2;
	/* strtoull would take a sign or leading blanks. */
	if (!(hex ? isxdigit((unsigned char)*s) : isdigit((unsigned char)*s)))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, hex ? 16 : 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int mcnic_set_enum(const struct mcnic_field *f, u8 *e, const char *v)
{
	unsigned int i;
	u32 x;

	for (i = 0; f->names && f->names[i]; i++)
		if (!strcmp(v, f->names[i])) {
			e[f->off] = i;
			return 0;
		}
	if (mcnic_num(v, i ? i - 1 : 0xff, &x))
		return -EINVAL;
	e[f->off] = x;
	return 0;
}

static int mcnic_set_range(const struct mcnic_field *f, u8 *e, const char *v)
{
	char lo[16];
	const char *dash = strchr(v, '-');
	u32 a, b;

	if (!dash) {
		if (mcnic_num(v, 0xffff, &a))
			return -EINVAL;
		b = a;
	} else {
		if ((size_t)(dash - v) >= sizeof(lo))
			return -EINVAL;
		memcpy(lo, v, dash - v);
		lo[dash - v] = '\0';
		if (mcnic_num(lo, 0xffff, &a) ||
		    mcnic_num(dash + 1, 0xffff, &b) || a > b)
			return -EINVAL;
	}
	mcnic_put(e + f->off, 2, a);
	mcnic_put(e + f->off + 2, 2, b);
	return 0;
}

/* One item of a next-hop list: "3" or, with weights, "3:2". */
static int mcnic_nh_item(const struct mcnic_field *f, const char *v,
			 size_t len, u32 *nh, u32 *w)
{
	char item[32], *colon;

	if (!len || len >= sizeof(item))
		return -EINVAL;
	memcpy(item, v, len);
	item[len] = '\0';
	colon = f->aux ? strchr(item, ':') : NULL;
	if (colon)
		*colon = '\0';
	*w = 1;
	if (mcnic_num(item, mcnic_field_max(f), nh) ||
	    (colon && (mcnic_num(colon + 1, 255, w) || !*w)))
		return -EINVAL;
	return 0;
}

/* "3:1,4:2" (member:weight) or "5,6" (backups). */
static int mcnic_set_nh_list(const struct mcnic_field *f, u8 *e,
			     const char *v)
{
	unsigned int n = 0;
	size_t len;
	u32 nh, w;

	while (*v) {
		len = strcspn(v, ",");
		if (n == f->size || mcnic_nh_item(f, v, len, &nh, &w))
			return -EINVAL;
		mcnic_put(e + f->off + 4 * n, 4, nh);
		if (f->aux)
			e[f->aux + n] = w;
		n++;
		v += len;
		if (*v == ',' && !*++v)
			return -EINVAL;		/* a trailing comma */
	}
	e[f->aux2] = n;
	return 0;
}

static int mcnic_set_tunf_addr(const struct mcnic_field *f, u8 *e,
			       const char *v)
{
	u8 fam;
	u16 flags;

	if (mcnic_addr_parse(v, &fam, e + f->off))
		return -EINVAL;
	memcpy(&flags, e + f->aux, 2);
	if (fam == 6)
		flags |= MCNIC_TUNF_OUTER_V6;
	else
		flags &= ~MCNIC_TUNF_OUTER_V6;
	memcpy(e + f->aux, &flags, 2);
	return 0;
}

static int mcnic_field_set(const struct mcnic_field *f, u8 *e, const char *v)
{
	u32 x;

	switch (f->kind) {
	case MCNIC_F_ENUM:
		return mcnic_set_enum(f, e, v);
	case MCNIC_F_ADDR:
		return mcnic_addr_parse(v, &e[f->aux], e + f->off);
	case MCNIC_F_ADDR_TUNF:
		return mcnic_set_tunf_addr(f, e, v);
	case MCNIC_F_PREFIX:
		if (mcnic_prefix_parse(v, &e[f->aux], e + f->off, &x))
			return -EINVAL;
		e[f->aux2] = x;
		return 0;
	case MCNIC_F_MAC:
		return mcnic_mac_parse(v, e + f->off);
	case MCNIC_F_RANGE:
		return mcnic_set_range(f, e, v);
	case MCNIC_F_NH_LIST:
		return mcnic_set_nh_list(f, e, v);
	default:
		if (mcnic_num(v, mcnic_field_max(f), &x))
			return -EINVAL;
		mcnic_put(e + f->off, f->kind == MCNIC_F_U8 ? 1 :
				      f->kind == MCNIC_F_U16 ? 2 : 4, x);
		return 0;
	}
}

/* What a field's value looks like, for usage lines and errors. */
static const char *mcnic_field_hint(const struct mcnic_field *f, char *buf,
				    size_t len)
{
	size_t pos = 0;
	unsigned int i;

	switch (f->kind) {
	case MCNIC_F_ENUM:
		for (i = 1; f->names[i] && pos < len; i++)
			pos += snprintf(buf + pos, len - pos, "%s%s",
					i > 1 ? "|" : "", f->names[i]);
		return buf;
	case MCNIC_F_ADDR:
	case MCNIC_F_ADDR_TUNF:
		return "ADDR";
	case MCNIC_F_PREFIX:
		return "ADDR/LEN";
	case MCNIC_F_MAC:
		return "unicast MAC (02:00:00:00:00:01)";
	case MCNIC_F_RANGE:
		return "N[-N]";
	case MCNIC_F_NH_LIST:
		return f->aux ? "NH[:WEIGHT],..." : "NH,...";
	default:
		snprintf(buf, len, "0..%u", mcnic_field_max(f));
		return buf;
	}
}

const char *mcnic_obj_usage(unsigned int obj, char *buf, size_t len)
{
	const struct mcnic_objtype *t = mcnic_objtype(obj);
	const struct mcnic_field *f;
	size_t pos = 0;
	char hint[96];

	buf[0] = '\0';
	for (f = t ? t->fields : NULL; f && f->name && pos < len; f++) {
		int key = f->flags & MCNIC_FF_KEY;

		if (f->kind == MCNIC_F_FLAG)
			pos += snprintf(buf + pos, len - pos, "%s[%s]",
					pos ? " " : "", f->name);
		else
			pos += snprintf(buf + pos, len - pos, "%s%s%s %s%s",
					pos ? " " : "", key ? "" : "[",
					f->name, mcnic_field_hint(f, hint,
								  sizeof(hint)),
					key ? "" : "]");
	}
	return buf;
}

static const struct mcnic_field *mcnic_field_find(
	const struct mcnic_objtype *t, const char *name)
{
	const struct mcnic_field *f;

	for (f = t->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static int mcnic_parse_one(const struct mcnic_objtype *t,
			   const struct mcnic_field *f, u8 *e, const char *v,
			   char *err, size_t errlen)
{
	char hint[96];
	u32 x;

	if (f->kind == MCNIC_F_FLAG) {
		memcpy(&x, e + f->off, f->size);
		x |= f->max;
		memcpy(e + f->off, &x, f->size);
	} else if (!v || mcnic_field_set(f, e, v)) {
		snprintf(err, errlen, "%s.%s=%s: expected %s", t->name, f->name,
			 v ? v : "(nothing)",
			 mcnic_field_hint(f, hint, sizeof(hint)));
		return -EINVAL;
	}
	if (f->cond_mask)
		e[f->cond_off] |= f->cond_mask;
	return 0;
}

int mcnic_obj_parse(unsigned int obj, int argc, char *const *argv, void *e,
		    char *err, size_t errlen)
{
	const struct mcnic_objtype *t = mcnic_objtype(obj);
	const struct mcnic_field *f;
	char usage[512];
	int i, r;

	if (!t) {
		snprintf(err, errlen, "object type %u has no entries", obj);
		return -EINVAL;
	}
	memset(e, 0, t->size);
	if (t->defaults)
		t->defaults(e);
	for (i = 0; i < argc; i++) {
		f = mcnic_field_find(t, argv[i]);
		if (!f) {
			snprintf(err, errlen, "%s: unknown key '%s' (%s)",
				 t->name, argv[i],
				 mcnic_obj_usage(obj, usage, sizeof(usage)));
			return -EINVAL;
		}
		r = mcnic_parse_one(t, f, e, f->kind == MCNIC_F_FLAG ? NULL :
					     i + 1 < argc ? argv[i + 1] : NULL,
				    err, errlen);
		if (r)
			return r;
		if (f->kind != MCNIC_F_FLAG)
			i++;
	}
	return 0;
}
