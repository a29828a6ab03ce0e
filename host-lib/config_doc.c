// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The YAML side of the configuration loader: the document, the key path of
 * the node being read, error messages, and the shape checks (mappings with
 * known keys, lists) that every section relies on.
 *
 * The text is first scanned as events, to refuse what the document API
 * would otherwise take in silently or at great cost before we see it:
 * aliases (a node reachable twice, or from itself), extra documents,
 * nesting deeper than any key of the format (libyaml's loader recurses),
 * and more nodes than a configuration needs.  Only then is it loaded.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_priv.h"

/* One open container while scanning: enough to name where an event is. */
struct mcnic_cfg_frame {
	u8 map;			/* a mapping (else a sequence) */
	u8 is_key;		/* this container is itself a mapping key */
	u8 in_value;		/* mapping: key read, its value comes next */
	u32 items;		/* sequence: items begun */
	char key[MCNIC_CFG_SHOW_MAX];
};

struct mcnic_cfg_scan {
	struct mcnic_cfg_frame f[MCNIC_CFG_DEPTH_MAX];
	u32 depth;
	u32 nodes;
	u32 docs;
};

static int mcnic_cfg_verr(struct mcnic_cfg_ctx *ctx, const yaml_mark_t *mk,
			  const char *key, const char *fmt, va_list ap)
{
	const char *p1 = ctx->path, *sep = "", *p2 = "";
	int off;

	if (!ctx->err || !ctx->errlen)
		return -MCNIC_EINVAL;
	if (key && ctx->path_len) {
		sep = ".";
		p2 = key;
	} else if (key) {
		p1 = key;
	} else if (!ctx->path_len) {
		p1 = "(document)";
	}
	off = snprintf(ctx->err, ctx->errlen, "%s:%zu:%zu: %s%s%s: ", ctx->name,
		       mk->line + 1, mk->column + 1, p1, sep, p2);
	if (off >= 0 && (size_t)off < ctx->errlen)
		vsnprintf(ctx->err + off, ctx->errlen - off, fmt, ap);
	return -MCNIC_EINVAL;
}

static int __attribute__((format(printf, 4, 5)))
mcnic_cfg_err_mark(struct mcnic_cfg_ctx *ctx, const yaml_mark_t *mk,
		   const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mcnic_cfg_verr(ctx, mk, key, fmt, ap);
	va_end(ap);
	return -MCNIC_EINVAL;
}

int mcnic_cfg_err(struct mcnic_cfg_ctx *ctx, const yaml_node_t *n,
		  const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mcnic_cfg_verr(ctx, &n->start_mark, key, fmt, ap);
	va_end(ap);
	return -MCNIC_EINVAL;
}

/* What snprintf appended at saved; a path too long is cut, not overrun. */
static size_t mcnic_cfg_path_grow(struct mcnic_cfg_ctx *ctx, size_t saved,
				  int r)
{
	size_t room = sizeof(ctx->path) - saved;

	ctx->path_len = r < 0 || (size_t)r >= room ? sizeof(ctx->path) - 1 :
						     saved + r;
	return saved;
}

/* Appends .key to the path; returns what mcnic_cfg_pop() restores. */
size_t mcnic_cfg_push(struct mcnic_cfg_ctx *ctx, const char *key)
{
	size_t saved = ctx->path_len;

	return mcnic_cfg_path_grow(ctx, saved,
				   snprintf(ctx->path + saved,
					    sizeof(ctx->path) - saved, "%s%s",
					    saved ? "." : "", key));
}

size_t mcnic_cfg_push_index(struct mcnic_cfg_ctx *ctx, u32 i)
{
	size_t saved = ctx->path_len;

	return mcnic_cfg_path_grow(ctx, saved,
				   snprintf(ctx->path + saved,
					    sizeof(ctx->path) - saved, "[%u]",
					    i));
}

void mcnic_cfg_pop(struct mcnic_cfg_ctx *ctx, size_t saved)
{
	ctx->path_len = saved;
	ctx->path[saved] = '\0';
}

/* The key path of the scanner's position, for an error there. */
static void mcnic_cfg_scan_path(struct mcnic_cfg_ctx *ctx,
				const struct mcnic_cfg_scan *s)
{
	const struct mcnic_cfg_frame *f;
	u32 i;

	mcnic_cfg_pop(ctx, 0);
	for (i = 0; i < s->depth; i++) {
		f = &s->f[i];
		if (f->map && f->in_value)
			mcnic_cfg_push(ctx, f->key);
		else if (!f->map && f->items)
			mcnic_cfg_push_index(ctx, f->items - 1);
	}
}

static void mcnic_cfg_scan_key(struct mcnic_cfg_frame *p,
			       const yaml_event_t *ev)
{
	if (ev->type == YAML_SCALAR_EVENT)
		mcnic_cfg_print(ev->data.scalar.value, ev->data.scalar.length,
				p->key, sizeof(p->key));
	else
		snprintf(p->key, sizeof(p->key), "?");
}

/* A node begins: count it, follow keys and items, refuse aliases. */
static int mcnic_cfg_scan_node(struct mcnic_cfg_ctx *ctx,
			       struct mcnic_cfg_scan *s, const yaml_event_t *ev)
{
	struct mcnic_cfg_frame *p = s->depth ? &s->f[s->depth - 1] : NULL;
	int open = ev->type == YAML_SEQUENCE_START_EVENT ||
		   ev->type == YAML_MAPPING_START_EVENT;
	int is_key = p && p->map && !p->in_value;
	struct mcnic_cfg_frame *f;

	if (is_key)
		mcnic_cfg_scan_key(p, ev);
	else if (p && !p->map)
		p->items++;
	if (++s->nodes > MCNIC_CFG_NODES_MAX) {
		mcnic_cfg_scan_path(ctx, s);
		return mcnic_cfg_err_mark(ctx, &ev->start_mark, NULL,
					  "more than %u nodes in the document",
					  MCNIC_CFG_NODES_MAX);
	}
	if (ev->type == YAML_ALIAS_EVENT) {
		mcnic_cfg_scan_path(ctx, s);
		return mcnic_cfg_err_mark(ctx, &ev->start_mark, NULL,
					  "aliases are not supported");
	}
	/* A container value keeps its key current until it ends. */
	if (p && p->map && (is_key || !open))
		p->in_value = is_key;
	if (!open)
		return 0;
	if (s->depth == MCNIC_CFG_DEPTH_MAX) {
		mcnic_cfg_scan_path(ctx, s);
		return mcnic_cfg_err_mark(ctx, &ev->start_mark, NULL,
					  "nested deeper than %u levels",
					  MCNIC_CFG_DEPTH_MAX);
	}
	f = &s->f[s->depth++];
	memset(f, 0, sizeof(*f));
	f->map = ev->type == YAML_MAPPING_START_EVENT;
	f->is_key = is_key;
	return 0;
}

static void mcnic_cfg_scan_end(struct mcnic_cfg_scan *s)
{
	const struct mcnic_cfg_frame *f = &s->f[--s->depth];

	if (s->depth && !f->is_key)
		s->f[s->depth - 1].in_value = 0;
}

/* libyaml's reader reports a byte offset, not a line and column. */
static yaml_mark_t mcnic_cfg_offset_mark(const char *buf, size_t len,
					 size_t off)
{
	yaml_mark_t mk = { .index = off };
	size_t i;

	for (i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			mk.line++;
			mk.column = 0;
		} else {
			mk.column++;
		}
	}
	return mk;
}

static int mcnic_cfg_syntax(struct mcnic_cfg_ctx *ctx,
			    const struct mcnic_cfg_scan *s,
			    const yaml_parser_t *p, const char *buf, size_t len)
{
	yaml_mark_t mk = p->problem_mark;
	const char *problem = p->problem ? p->problem : "out of memory";

	mcnic_cfg_scan_path(ctx, s);
	if (p->error == YAML_READER_ERROR) {
		mk = mcnic_cfg_offset_mark(buf, len, p->problem_offset);
		return mcnic_cfg_err_mark(ctx, &mk, NULL, "%s", problem);
	}
	if (p->context)
		return mcnic_cfg_err_mark(ctx, &mk, NULL, "%s (%s at %zu:%zu)",
					  problem, p->context,
					  p->context_mark.line + 1,
					  p->context_mark.column + 1);
	return mcnic_cfg_err_mark(ctx, &mk, NULL, "%s", problem);
}

static int mcnic_cfg_scan_event(struct mcnic_cfg_ctx *ctx,
				struct mcnic_cfg_scan *s,
				const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++s->docs > 1)
			return mcnic_cfg_err_mark(ctx, &ev->start_mark, NULL,
						  "only one document is allowed");
		return 0;
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return mcnic_cfg_scan_node(ctx, s, ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		mcnic_cfg_scan_end(s);
		return 0;
	default:
		return 0;
	}
}

/* Every event of the stream once; a node is at most two of them. */
static int mcnic_cfg_scan(struct mcnic_cfg_ctx *ctx, const char *buf,
			  size_t len)
{
	struct mcnic_cfg_scan *s;
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0, done = 0;
	u32 i;

	s = calloc(1, sizeof(*s));
	if (!s || !yaml_parser_initialize(&p)) {
		free(s);
		return mcnic_cfg_err_mark(ctx, &(yaml_mark_t){ 0 }, NULL,
					  "out of memory");
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (i = 0; !done && !rc && i < 2 * MCNIC_CFG_NODES_MAX + 8; i++) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = mcnic_cfg_syntax(ctx, s, &p, buf, len);
			break;
		}
		rc = mcnic_cfg_scan_event(ctx, s, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(s);
	mcnic_cfg_pop(ctx, 0);
	return rc;
}

int mcnic_cfg_doc_load(struct mcnic_cfg_ctx *ctx, const char *buf, size_t len)
{
	yaml_mark_t start = { 0 };
	yaml_parser_t p;
	int ok;

	if (len > MCNIC_CFG_DOC_MAX)
		return mcnic_cfg_err_mark(ctx, &start, NULL,
					  "larger than %u bytes",
					  MCNIC_CFG_DOC_MAX);
	if (mcnic_cfg_scan(ctx, buf, len))
		return -MCNIC_EINVAL;
	if (!yaml_parser_initialize(&p))
		return mcnic_cfg_err_mark(ctx, &start, NULL, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	ok = yaml_parser_load(&p, &ctx->doc);
	yaml_parser_delete(&p);
	/* The scan accepted this text: only memory can run out now. */
	if (!ok)
		return mcnic_cfg_err_mark(ctx, &start, NULL, "out of memory");
	ctx->have_doc = 1;
	if (!yaml_document_get_root_node(&ctx->doc))
		return mcnic_cfg_err_mark(ctx, &start, NULL,
					  "the document is empty");
	return 0;
}

static yaml_node_t *mcnic_cfg_node(struct mcnic_cfg_ctx *ctx,
				   yaml_node_item_t id)
{
	return yaml_document_get_node(&ctx->doc, id);
}

static int mcnic_cfg_key_is(const yaml_node_t *k, const char *name)
{
	size_t len = strlen(name);

	return k->type == YAML_SCALAR_NODE && k->data.scalar.length == len &&
	       !memcmp(k->data.scalar.value, name, len);
}

/* Edit distance, to suggest the key a typo meant; long keys suggest nothing. */
static u32 mcnic_cfg_distance(const yaml_node_t *k, const char *b)
{
	const unsigned char *a = k->data.scalar.value;
	size_t la = k->data.scalar.length, lb = strlen(b), i, j;
	u32 row[MCNIC_CFG_SHOW_MAX + 1], diag, up, best;

	if (la > MCNIC_CFG_SHOW_MAX || lb > MCNIC_CFG_SHOW_MAX)
		return ~0u;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			best = diag + (a[i - 1] != (unsigned char)b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static int mcnic_cfg_unknown(struct mcnic_cfg_ctx *ctx,
			     const struct mcnic_cfg_map *m,
			     const yaml_node_t *k)
{
	const char *near = NULL;
	char key[MCNIC_CFG_SHOW_MAX];
	u32 i, d, best = 3;

	mcnic_cfg_show(k, key, sizeof(key));
	if (!key[0])
		snprintf(key, sizeof(key), "\"\"");
	for (i = 0; m->keys[i].name; i++) {
		d = mcnic_cfg_distance(k, m->keys[i].name);
		if (d < best) {
			best = d;
			near = m->keys[i].name;
		}
	}
	if (near)
		return mcnic_cfg_err(ctx, k, key,
				     "unknown key (did you mean '%s'?)", near);
	return mcnic_cfg_err(ctx, k, key, "unknown key");
}

static int mcnic_cfg_map_pair(struct mcnic_cfg_ctx *ctx,
			      struct mcnic_cfg_map *m, yaml_node_t *k,
			      yaml_node_t *v)
{
	u32 i;

	if (k->type != YAML_SCALAR_NODE)
		return mcnic_cfg_err(ctx, k, NULL,
				     "expected a key name, not a list or mapping");
	for (i = 0; m->keys[i].name; i++)
		if (mcnic_cfg_key_is(k, m->keys[i].name))
			break;
	if (!m->keys[i].name)
		return mcnic_cfg_unknown(ctx, m, k);
	if (m->val[i])
		return mcnic_cfg_err(ctx, k, m->keys[i].name,
				     "duplicate key (first at line %zu)",
				     m->key[i]->start_mark.line + 1);
	m->key[i] = k;
	m->val[i] = v;
	return 0;
}

/* n must be a mapping of keys[] only, each once, the required ones present. */
int mcnic_cfg_map(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		  const struct mcnic_cfg_key *keys, struct mcnic_cfg_map *m)
{
	yaml_node_pair_t *pair;
	u32 i;

	memset(m, 0, sizeof(*m));
	m->node = n;
	m->keys = keys;
	if (n->type != YAML_MAPPING_NODE)
		return mcnic_cfg_err(ctx, n, NULL, "expected a mapping");
	for (pair = n->data.mapping.pairs.start;
	     pair < n->data.mapping.pairs.top; pair++)
		if (mcnic_cfg_map_pair(ctx, m, mcnic_cfg_node(ctx, pair->key),
				       mcnic_cfg_node(ctx, pair->value)))
			return -MCNIC_EINVAL;
	for (i = 0; keys[i].name; i++)
		if (keys[i].required && !m->val[i])
			return mcnic_cfg_err(ctx, n, keys[i].name,
					     "missing required key");
	return 0;
}

yaml_node_t *mcnic_cfg_map_get(struct mcnic_cfg_ctx *ctx, yaml_node_t *map,
			       const char *key)
{
	yaml_node_pair_t *pair;

	for (pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++)
		if (mcnic_cfg_key_is(mcnic_cfg_node(ctx, pair->key), key))
			return mcnic_cfg_node(ctx, pair->value);
	return NULL;
}

/* An empty value, ~ or null: for lists, the same as no entries. */
int mcnic_cfg_is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i, len;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	len = n->data.scalar.length;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (len == strlen(nulls[i]) &&
		    !memcmp(n->data.scalar.value, nulls[i], len))
			return 1;
	return 0;
}

/* A list of min..max entries (NULL: absent, no entries). */
int mcnic_cfg_list(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u32 min, u32 max, u32 *count)
{
	*count = 0;
	if (!n)
		return 0;
	if (n->type == YAML_SEQUENCE_NODE)
		*count = n->data.sequence.items.top -
			 n->data.sequence.items.start;
	else if (!mcnic_cfg_is_null(n))
		return mcnic_cfg_err(ctx, n, key, "expected a list");
	if (*count < min)
		return mcnic_cfg_err(ctx, n, key, "needs at least %u %s", min,
				     min == 1 ? "entry" : "entries");
	if (*count > max)
		return mcnic_cfg_err(ctx, n, key, "has %u entries, at most %u",
				     *count, max);
	return 0;
}

yaml_node_t *mcnic_cfg_item(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
			    u32 i)
{
	return mcnic_cfg_node(ctx, list->data.sequence.items.start[i]);
}

/* A top-level list: one element of size bytes per entry, read by one(). */
int mcnic_cfg_section(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
		      const char *key, size_t size, void **arr, u32 *count,
		      int (*one)(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
				 void *elem))
{
	size_t saved, item;
	u32 i, n;
	u8 *a;

	if (mcnic_cfg_list(ctx, list, key, 0, ~0u, &n))
		return -MCNIC_EINVAL;
	if (!n)
		return 0;
	a = calloc(n, size);
	if (!a)
		return mcnic_cfg_err(ctx, list, key, "out of memory");
	*arr = a;
	*count = n;
	saved = mcnic_cfg_push(ctx, key);
	for (i = 0; i < n; i++) {
		item = mcnic_cfg_push_index(ctx, i);
		if (one(ctx, mcnic_cfg_item(ctx, list, i), a + i * size))
			return -MCNIC_EINVAL;
		mcnic_cfg_pop(ctx, item);
	}
	mcnic_cfg_pop(ctx, saved);
	return 0;
}

void mcnic_cfg_loc(const yaml_node_t *n, struct mcnic_cfg_loc *loc)
{
	loc->line = n->start_mark.line + 1;
	loc->col = n->start_mark.column + 1;
}
