// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Uniqueness and names.  A list is checked for duplicate keys by sorting
 * its indices by key (duplicates end up side by side), so a configuration
 * of many routes costs n log n, not n^2; a sorted name index is kept for
 * each list that others refer to by name, and references are resolved by
 * bisection.  A duplicate is reported at the later entry, naming the line
 * of the earlier one.
 */
#define _GNU_SOURCE		/* qsort_r */
#include <stdlib.h>
#include <string.h>
#include "config_priv.h"

/* mcnic_cfg_cmp_name compares elements as strings: the name comes first. */
MCNIC_ASSERT_OFF(struct mcnic_cfg_port, name, 0);
MCNIC_ASSERT_OFF(struct mcnic_cfg_vrf, name, 0);
MCNIC_ASSERT_OFF(struct mcnic_cfg_segment, name, 0);
MCNIC_ASSERT_OFF(struct mcnic_cfg_tunnel, name, 0);
MCNIC_ASSERT_OFF(struct mcnic_cfg_nhg, name, 0);

static int mcnic_cfg_cmp_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

static const void *mcnic_cfg_elem(const struct mcnic_cfg_index *ix, u32 i)
{
	return ix->base + (size_t)i * ix->stride;
}

/* Ties in list order, so the first of equal keys is the earliest entry. */
static int mcnic_cfg_index_cmp(const void *a, const void *b, void *arg)
{
	const struct mcnic_cfg_index *ix = arg;
	u32 i = *(const u32 *)a, j = *(const u32 *)b;
	int c = ix->cmp(mcnic_cfg_elem(ix, i), mcnic_cfg_elem(ix, j));

	if (c)
		return c;
	return i < j ? -1 : i > j;
}

static int mcnic_cfg_index_init(struct mcnic_cfg_index *ix, const void *base,
				size_t stride, u32 n, mcnic_cfg_cmp_t cmp)
{
	u32 i;

	ix->base = base;
	ix->stride = stride;
	ix->cmp = cmp;
	ix->n = n;
	ix->order = malloc((n ? n : 1) * sizeof(u32));
	if (!ix->order)
		return -MCNIC_ENOMEM;
	for (i = 0; i < n; i++)
		ix->order[i] = i;
	qsort_r(ix->order, n, sizeof(u32), mcnic_cfg_index_cmp, ix);
	return 0;
}

void mcnic_cfg_index_fini(struct mcnic_cfg_index *ix)
{
	free(ix->order);
	ix->order = NULL;
	ix->n = 0;
}

/*
 * The earliest entry whose key an earlier entry has, and that one.  In a
 * run of equal keys (sorted by index) it is the run's second entry.
 */
static int mcnic_cfg_index_dup(const struct mcnic_cfg_index *ix, u32 *first,
			       u32 *dup)
{
	int found = 0;
	u32 i;

	for (i = 1; i < ix->n; i++) {
		if (ix->cmp(mcnic_cfg_elem(ix, ix->order[i - 1]),
			    mcnic_cfg_elem(ix, ix->order[i])))
			continue;
		if (!found || ix->order[i] < *dup) {
			*first = ix->order[i - 1];
			*dup = ix->order[i];
			found = 1;
		}
	}
	return found;
}

static int mcnic_cfg_index_find(const struct mcnic_cfg_index *ix,
				const void *key, u32 *idx)
{
	u32 lo = 0, hi = ix->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = ix->cmp(key, mcnic_cfg_elem(ix, ix->order[mid]));
		if (!c) {
			*idx = ix->order[mid];
			return 0;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -MCNIC_ENOENT;
}

/* At section[dup].key: every key used here is a required one. */
static int mcnic_cfg_dup_err(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
			     const char *section, const char *key,
			     const char *what, u32 first, u32 dup)
{
	yaml_node_t *v = mcnic_cfg_map_get(ctx, mcnic_cfg_item(ctx, list, dup),
					   key);
	yaml_node_t *v0 = mcnic_cfg_map_get(ctx,
					    mcnic_cfg_item(ctx, list, first),
					    key);
	char show[MCNIC_CFG_SHOW_MAX];

	mcnic_cfg_push(ctx, section);
	mcnic_cfg_push_index(ctx, dup);
	return mcnic_cfg_err(ctx, v, key, "duplicate %s %s (first at line %zu)",
			     what, mcnic_cfg_show(v, show, sizeof(show)),
			     v0->start_mark.line + 1);
}

/* The n entries of list (read into base[]) have distinct keys by cmp. */
int mcnic_cfg_unique(struct mcnic_cfg_ctx *ctx, const void *base,
		     size_t stride, u32 n, mcnic_cfg_cmp_t cmp,
		     yaml_node_t *list, const char *section, const char *key,
		     const char *what)
{
	struct mcnic_cfg_index ix;
	u32 first, dup;
	int found;

	if (mcnic_cfg_index_init(&ix, base, stride, n, cmp))
		return mcnic_cfg_err(ctx, list, section, "out of memory");
	found = mcnic_cfg_index_dup(&ix, &first, &dup);
	mcnic_cfg_index_fini(&ix);
	if (!found)
		return 0;
	return mcnic_cfg_dup_err(ctx, list, section, key, what, first, dup);
}

/* Names must be unique; keeps the name index for mcnic_cfg_ref(). */
int mcnic_cfg_named(struct mcnic_cfg_ctx *ctx, enum mcnic_cfg_ix which,
		    const void *base, size_t stride, u32 n, yaml_node_t *list,
		    const char *section)
{
	struct mcnic_cfg_index *ix = &ctx->ix[which];
	u32 first, dup;

	if (mcnic_cfg_index_init(ix, base, stride, n, mcnic_cfg_cmp_name))
		return mcnic_cfg_err(ctx, list, section, "out of memory");
	if (mcnic_cfg_index_dup(ix, &first, &dup))
		return mcnic_cfg_dup_err(ctx, list, section, "name", "name",
					 first, dup);
	return 0;
}

/* A name of list which (what, for messages); *idx is its index there. */
int mcnic_cfg_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  enum mcnic_cfg_ix which, const char *what, u32 *idx)
{
	char name[MCNIC_CFG_NAME_MAX];

	if (mcnic_cfg_name(ctx, n, key, name))
		return -MCNIC_EINVAL;
	if (mcnic_cfg_index_find(&ctx->ix[which], name, idx))
		return mcnic_cfg_err(ctx, n, key, "unknown %s '%s'", what,
				     name);
	return 0;
}
