/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Inside libmcnic: the handle, the transports under it, the description
 * of each table object that dumps, writes, diffs and the CLI share, and
 * the device state a plan is computed between.
 */
#ifndef MCNIC_PRIV_H
#define MCNIC_PRIV_H

#include <stdarg.h>
#include <mcnic/simsock.h>
#include "mcnic.h"
#include "config.h"

#define MCNIC_ERR_MAX		512
#define MCNIC_DEV_MAX		128
#define MCNIC_OBJ_MAX		MCNIC_OBJ_PARSE
/* Entries a dump may return in all: a runaway cursor stops here. */
#define MCNIC_DUMP_ENTRIES_MAX	(1u << 24)

struct mcnic;

/* A way to reach the mailbox: whole messages out, whole messages in. */
struct mcnic_xport {
	const char *name;
	int (*send)(struct mcnic *h, const void *msg, u32 len);
	/* One CMD answer into buf; -ETIMEDOUT at deadline (ms, monotonic). */
	int (*recv)(struct mcnic *h, void *buf, u32 max, u32 *len,
		    long long deadline);
	void (*close)(struct mcnic *h);
};

struct mcnic {
	const struct mcnic_xport *xp;
	int fd;
	u32 seq;
	int timeout_ms;
	char dev[MCNIC_DEV_MAX];
	char err[MCNIC_ERR_MAX];
	u8 *req;			/* MCNIC_CMD_MSG_MAX bytes */
	u8 *resp;			/* MCNIC_CMD_MSG_MAX bytes */
	void *priv;			/* the transport's own state */
};

/* One request and its answer (payload in h->resp, until the next call). */
struct mcnic_req {
	u16 op;
	u16 count;
	const void *data;
	u32 len;
	const u8 *ans;
	u32 ans_len;
	u16 ans_count;
	u16 err_index;
};

/* err.c */
int mcnic_err(struct mcnic *h, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int mcnic_open_err(int rc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* dev.c */
int mcnic_call(struct mcnic *h, struct mcnic_req *r);
long long mcnic_now_ms(void);
/* A handle over a transport of the caller's (mcnic-sim replay's NIC). */
int mcnic_open_xport(struct mcnic **hp, const char *name,
		     const struct mcnic_xport *xp, void *priv);

/* xport_sim.c, xport_pci.c */
int mcnic_xport_sim_open(struct mcnic *h, const char *path);
int mcnic_xport_pci_open(struct mcnic *h, const char *addr);
int mcnic_xport_kernel_open(struct mcnic *h, const char *name);

/* dump.c: every entry of obj (op DUMP or STATS), malloc'ed */
int mcnic_dump(struct mcnic *h, u16 op, u16 obj, size_t size, void **out,
	       unsigned int *n);
/* batch.c: n entries of size bytes, split to fit messages */
u32 mcnic_batch_max(size_t size);
int mcnic_batch(struct mcnic *h, u16 op, const void *e, size_t size,
		unsigned int n);

/* A field of a table entry, for text, JSON and the CLI (obj.c). */
enum mcnic_field_kind {
	MCNIC_F_U8,
	MCNIC_F_U16,
	MCNIC_F_U32,
	MCNIC_F_ENUM,		/* u8, names[] */
	MCNIC_F_FLAG,		/* bit mask in a u8/u16 at off (size) */
	MCNIC_F_ADDR,		/* 16 bytes; family u8 at aux */
	MCNIC_F_ADDR_TUNF,	/* 16 bytes; family: TUNF_OUTER_V6 at aux */
	MCNIC_F_PREFIX,		/* 16 bytes; family u8 at aux, len at aux2 */
	MCNIC_F_MAC,
	MCNIC_F_RANGE,		/* u16 lo, u16 hi at off */
	MCNIC_F_NH_LIST,	/* nhg members (weights at aux) or backups */
};

/* struct mcnic_field.flags */
#define MCNIC_FF_KEY	0x01	/* identifies the entry (del takes it) */
#define MCNIC_FF_OPT	0x02	/* not shown while zero / absent */

struct mcnic_field {
	const char *name;
	u8 kind;		/* enum mcnic_field_kind */
	u8 flags;		/* MCNIC_FF_* */
	u8 size;		/* FLAG: 1 or 2 bytes; NH_LIST: max entries */
	u16 off;
	u16 aux;		/* see the kinds */
	u16 aux2;
	u32 max;		/* integers: upper bound; FLAG: mask */
	const char *const *names;	/* ENUM */
	/* Given: set this mask in the u8 at cond_off (0 mask: none). */
	u16 cond_off;
	u8 cond_mask;
};

#define MCNIC_FLD(n, k, fl, o) \
	.name = (n), .kind = (k), .flags = (fl), .off = (o)

/* One table object type: its layout, mailbox opcodes and identity. */
struct mcnic_objtype {
	const char *name;	/* "route" (the CLI's word) */
	u16 obj;		/* enum mcnic_obj */
	u16 size;
	u16 set_op;		/* add, or add-or-change */
	u16 del_op;		/* 0: cannot be removed */
	u8 replace;		/* set_op changes an entry in place */
	/* The entry that removes e (del_op's payload); NULL: e itself. */
	void (*del_entry)(void *out, const void *e);
	/* Values an entry starts from before the CLI's keys (may be NULL). */
	void (*defaults)(void *e);
	const struct mcnic_field *fields;	/* ends with a NULL name */
};

const struct mcnic_objtype *mcnic_objtype(unsigned int obj);
extern const struct mcnic_objtype mcnic_objtype_parse;
extern const struct mcnic_objtype mcnic_objtype_port;
extern const struct mcnic_objtype mcnic_objtype_vrf;
extern const struct mcnic_objtype mcnic_objtype_vtep;
extern const struct mcnic_objtype mcnic_objtype_vni;
extern const struct mcnic_objtype mcnic_objtype_peer;
extern const struct mcnic_objtype mcnic_objtype_tmpl;
extern const struct mcnic_objtype mcnic_objtype_nh;
extern const struct mcnic_objtype mcnic_objtype_nhg;
extern const struct mcnic_objtype mcnic_objtype_route;
extern const struct mcnic_objtype mcnic_objtype_rule;
/* Identity order of two entries: their MCNIC_FF_KEY fields. */
int mcnic_obj_cmp(const struct mcnic_objtype *t, const void *a,
		  const void *b);
void mcnic_obj_del_entry(const struct mcnic_objtype *t, void *out,
			 const void *e);

/* Integers in entries: little-endian, like the host. */
static inline u32 mcnic_get(const u8 *p, unsigned int width)
{
	u32 v = 0;

	__builtin_memcpy(&v, p, width);
	return v;
}

static inline void mcnic_put(u8 *p, unsigned int width, u32 v)
{
	__builtin_memcpy(p, &v, width);
}

/* addr.c: the one parser of each kind, for the CLI and the config file */
int mcnic_addr_parse(const char *s, u8 *family, u8 *addr);
/*
 * ADDR/LEN, LEN in decimal without a leading zero.  -EINVAL: not that
 * form; -ERANGE: LEN (in *len, saturated) longer than the address;
 * -EADDRNOTAVAIL: host bits set (addr holds them cleared: the network).
 */
int mcnic_prefix_parse(const char *s, u8 *family, u8 *addr, u32 *len);
/*
 * "02:00:00:00:00:01": six two-digit hex groups.  -EINVAL: not that form;
 * -EADDRNOTAVAIL: a group (multicast) or all-zero address, which no port
 * or next hop has (mac holds it anyway).
 */
int mcnic_mac_parse(const char *s, u8 *mac);

/*
 * What one NIC holds (or should hold): every table as mailbox entries.
 * loc[] is set for a state planned from a config: where each came from.
 */
struct mcnic_objs {
	u8 *e;
	struct mcnic_cfg_loc *loc;
	u32 n;
	u32 cap;
};

struct mcnic_state {
	struct mcnic_objs o[MCNIC_OBJ_MAX + 1];
};

/* The order tables are read in and added in (dependencies first). */
extern const u16 mcnic_state_order[];
extern const unsigned int mcnic_state_n_order;

void *mcnic_state_push(struct mcnic_state *st, u16 obj,
		       const struct mcnic_cfg_loc *loc);
void mcnic_state_free(struct mcnic_state *st);
int mcnic_state_read(struct mcnic *h, struct mcnic_state *st);
const void *mcnic_state_entry(const struct mcnic_state *st, u16 obj, u32 i);

#endif /* MCNIC_PRIV_H */
