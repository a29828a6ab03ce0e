/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Inside the configuration loader: the context every section shares, the
 * key tables a mapping is checked against, and the readers that turn one
 * YAML node into one checked value -- or into an error that names the
 * file, line, column and key path.  The first error ends the load, so every
 * function returns 0 or a negative MCNIC_E* and the caller gives up.
 */
#ifndef MCNIC_CONFIG_PRIV_H
#define MCNIC_CONFIG_PRIV_H

#include <yaml.h>
#include "config.h"

#define MCNIC_CFG_DOC_MAX	(1u << 20)	/* bytes of YAML */
#define MCNIC_CFG_NODES_MAX	(1u << 17)
#define MCNIC_CFG_DEPTH_MAX	16
#define MCNIC_CFG_PATH_MAX	256
#define MCNIC_CFG_KEYS_MAX	24
#define MCNIC_CFG_SHOW_MAX	48	/* a value quoted in a message */

/* Lists that names resolve against (struct mcnic_cfg_ctx.ix[]). */
enum mcnic_cfg_ix {
	MCNIC_CFG_IX_PORT,
	MCNIC_CFG_IX_VRF,
	MCNIC_CFG_IX_SEGMENT,
	MCNIC_CFG_IX_TUNNEL,
	MCNIC_CFG_IX_NHG,
	MCNIC_CFG_IX_COUNT,
};

typedef int (*mcnic_cfg_cmp_t)(const void *a, const void *b);

/* Elements sorted by a key: duplicates side by side, lookups by bisection. */
struct mcnic_cfg_index {
	const u8 *base;
	size_t stride;
	mcnic_cfg_cmp_t cmp;
	u32 n;
	u32 *order;
};

struct mcnic_cfg_ctx {
	struct mcnic_config *cfg;
	yaml_document_t doc;
	const char *name;		/* the file, as messages show it */
	u8 have_doc;			/* doc was loaded: delete it */
	char *err;
	size_t errlen;
	size_t path_len;
	char path[MCNIC_CFG_PATH_MAX];	/* key path of the node being read */
	struct mcnic_cfg_index ix[MCNIC_CFG_IX_COUNT];
};

/* One key a mapping may hold; tables end with a NULL name. */
struct mcnic_cfg_key {
	const char *name;
	u8 required;
};

/* A mapping checked against its key table: val[k] is key k's value or NULL. */
struct mcnic_cfg_map {
	yaml_node_t *node;
	const struct mcnic_cfg_key *keys;
	yaml_node_t *key[MCNIC_CFG_KEYS_MAX];
	yaml_node_t *val[MCNIC_CFG_KEYS_MAX];
};

/* The value of key k and its name: the (node, key) pair the readers take. */
#define MCNIC_CFG_AT(m, k)	(m)->val[k], (m)->keys[k].name

/* config_doc.c: the document, key paths, errors, mappings and lists */
int mcnic_cfg_doc_load(struct mcnic_cfg_ctx *ctx, const char *buf, size_t len);
int mcnic_cfg_err(struct mcnic_cfg_ctx *ctx, const yaml_node_t *n,
		  const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
size_t mcnic_cfg_push(struct mcnic_cfg_ctx *ctx, const char *key);
size_t mcnic_cfg_push_index(struct mcnic_cfg_ctx *ctx, u32 i);
void mcnic_cfg_pop(struct mcnic_cfg_ctx *ctx, size_t saved);
int mcnic_cfg_map(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		  const struct mcnic_cfg_key *keys, struct mcnic_cfg_map *m);
yaml_node_t *mcnic_cfg_map_get(struct mcnic_cfg_ctx *ctx, yaml_node_t *map,
			       const char *key);
int mcnic_cfg_is_null(const yaml_node_t *n);
int mcnic_cfg_list(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u32 min, u32 max, u32 *count);
yaml_node_t *mcnic_cfg_item(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
			    u32 i);
int mcnic_cfg_section(struct mcnic_cfg_ctx *ctx, yaml_node_t *list,
		      const char *key, size_t size, void **arr, u32 *count,
		      int (*one)(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
				 void *elem));
void mcnic_cfg_loc(const yaml_node_t *n, struct mcnic_cfg_loc *loc);

/* config_val.c: one scalar each; a NULL node is an absent key (no change) */
const char *mcnic_cfg_print(const unsigned char *s, size_t len, char *buf,
			    size_t size);
const char *mcnic_cfg_show(const yaml_node_t *n, char *buf, size_t size);
int mcnic_cfg_u32(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  u32 min, u32 max, u32 *out);
int mcnic_cfg_u16(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  u16 min, u16 max, u16 *out);
int mcnic_cfg_u8(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		 u8 min, u8 max, u8 *out);
int mcnic_cfg_bool(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u8 *out);
int mcnic_cfg_flag(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u16 bit, u16 *flags);
int mcnic_cfg_name(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   char *out);
int mcnic_cfg_enum(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   const char *const *names, u8 *out);
int mcnic_cfg_mac(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  u8 *mac);
int mcnic_cfg_addr(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u8 *family, u8 *addr);
int mcnic_cfg_unicast(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		      const char *key, u8 *family, u8 *addr);
int mcnic_cfg_prefix(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		     const char *key, u8 *family, u8 *addr, u8 *len);
int mcnic_cfg_range(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		    u16 min, u16 max, u16 *lo, u16 *hi);

/* config_index.c: uniqueness and name resolution */
void mcnic_cfg_index_fini(struct mcnic_cfg_index *ix);
int mcnic_cfg_unique(struct mcnic_cfg_ctx *ctx, const void *base,
		     size_t stride, u32 n, mcnic_cfg_cmp_t cmp,
		     yaml_node_t *list, const char *section, const char *key,
		     const char *what);
int mcnic_cfg_named(struct mcnic_cfg_ctx *ctx, enum mcnic_cfg_ix which,
		    const void *base, size_t stride, u32 n, yaml_node_t *list,
		    const char *section);
int mcnic_cfg_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  enum mcnic_cfg_ix which, const char *what, u32 *idx);

/* The sections, in the order they are read (each may name the ones before). */
int mcnic_cfg_vrfs(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_segments(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_ports(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_vteps(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_tunnels(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_vnis(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_nhgs(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_routes(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);
int mcnic_cfg_policies(struct mcnic_cfg_ctx *ctx, yaml_node_t *list);

/* config_port.c: names that resolve to a port, VRF or segment id */
extern const char *const mcnic_cfg_pol_actions[];
int mcnic_cfg_port_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		       const char *key, u8 kind,
		       const struct mcnic_cfg_port **port);
int mcnic_cfg_vrf_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		      const char *key, u16 *id);
const char *mcnic_cfg_vrf_name(struct mcnic_cfg_ctx *ctx, u16 id);
int mcnic_cfg_segment_ref(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
			  const char *key, u16 *id);

#endif /* MCNIC_CONFIG_PRIV_H */
