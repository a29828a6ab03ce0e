/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Inside the command handler: the firmware's state, the error message
 * builder (cmd_err.c), the batch engine (cmd_batch.c), dumps (cmd_dump.c)
 * and the table objects (tbl_*.c), one per kind of entry.
 *
 * A table object knows one entry type of include/mcnic/cmd.h: how to check
 * an entry's fields, read the current entry under the same key (get), set
 * it, delete it, and walk the table for DUMP and STATS.  The batch engine
 * is built from those alone: get before set is what makes undo possible.
 */
#ifndef MCNIC_FW_CMD_PRIV_H
#define MCNIC_FW_CMD_PRIV_H

#include "cmd.h"

/* What a route was added under: the pipeline keeps only its index. */
struct mcnic_fw_rkey {
	u16 vrf;
	u8 family;		/* 0: route index unused */
	u8 len;
	u8 prefix[16];
};

struct mcnic_fw {
	struct mcnic_pipe pipe;
	struct mcnic_pipe_limits lim;
	void *mem;		/* everything, this struct first */
	size_t size;
	struct mcnic_tunnel_cfg *tcfg;	/* [lim.tmpls]: as TMPL_SET gave it */
	struct mcnic_fw_rkey *rkey;	/* [lim.routes] */
	u8 *undo;		/* per batch entry, what its key held (MSG_MAX) */
	u8 *had;		/* per batch entry: it existed before */
	u16 *seen;		/* a delete batch's entries by hash (1 + index) */
	u64 cmds;
	u64 cmd_errors;
};

/*
 * Entries in one batch at most (fw->had[] has a byte each): a payload is
 * below MCNIC_CMD_MSG_MAX bytes, and no entry is smaller than a VRF's.
 */
#define MCNIC_FW_BATCH_MAX	(MCNIC_CMD_MSG_MAX / 4)
_Static_assert(sizeof(struct mcnic_cmd_vrf) >=
	       MCNIC_CMD_MSG_MAX / MCNIC_FW_BATCH_MAX,
	       "fw->had[] must hold a batch of the smallest entries");
/* fw->seen[]: open addressing, never more than half full. */
#define MCNIC_FW_SEEN_SLOTS	(2 * MCNIC_FW_BATCH_MAX)

/* An answer's error: status, message, and the batch entry. */
struct mcnic_cmd_err {
	char msg[MCNIC_CMD_ERR_MSG];
	u32 len;
	u16 index;
};

/* No value after the field (mcnic_cmd_fail). */
#define MCNIC_CMD_NOVAL		(-1LL)
/* No [index] after the field. */
#define MCNIC_CMD_NOSUB		(-1)

void mcnic_cmd_err_str(struct mcnic_cmd_err *e, const char *s);
void mcnic_cmd_err_num(struct mcnic_cmd_err *e, u64 v);
/*
 * Writes "obj.field[sub]=value: what" (parts left out when NULL, NOSUB,
 * NOVAL) and returns status, so a check reads
 *   return mcnic_cmd_fail(e, -MCNIC_EINVAL, "route", "len", ...);
 */
int mcnic_cmd_fail(struct mcnic_cmd_err *e, int status, const char *obj,
		   const char *field, s32 sub, s64 value, const char *what);
/* The usual words for a status ("no such entry", "table full"). */
const char *mcnic_cmd_err_text(int status);
/* Two NUL-terminated strings are the same (no libc on the NIC cores). */
int mcnic_cmd_streq(const char *a, const char *b);

/* Any one entry, aligned: requests are copied out before use. */
union mcnic_cmd_entry {
	struct mcnic_cmd_port port;
	struct mcnic_cmd_vrf vrf;
	struct mcnic_cmd_vtep vtep;
	struct mcnic_cmd_vni vni;
	struct mcnic_cmd_peer peer;
	struct mcnic_cmd_tmpl tmpl;
	struct mcnic_cmd_nh nh;
	struct mcnic_cmd_nhg nhg;
	struct mcnic_cmd_route route;
	struct mcnic_policy_rule rule;
	struct mcnic_parse_cfg parse;
	struct mcnic_cmd_flow flow;
	struct mcnic_cmd_ctr ctr;
};

struct mcnic_tbl_ops {
	const char *name;	/* err_msg prefix: "route" */
	u16 size;		/* entry bytes */
	/* Every field of a SET/ADD entry; references must exist. */
	int (*check)(struct mcnic_fw *fw, const void *e,
		     struct mcnic_cmd_err *err);
	/* The key fields of a DEL entry (NULL: nothing to check). */
	int (*check_key)(struct mcnic_fw *fw, const void *e,
			 struct mcnic_cmd_err *err);
	/* The entry now under e's key, in e's format: 0 or -MCNIC_ENOENT. */
	int (*get)(struct mcnic_fw *fw, const void *e, void *out);
	int (*set)(struct mcnic_fw *fw, const void *e, const char **why);
	int (*del)(struct mcnic_fw *fw, const void *e, const char **why);
	/*
	 * Whether del of an entry that get finds would succeed, changing
	 * nothing: 0, or its status and *why (NULL: it would).
	 */
	int (*can_del)(struct mcnic_fw *fw, const void *e, const char **why);
	/* DUMP: the entry at or after *pos, *pos moved past it. */
	int (*next)(struct mcnic_fw *fw, u32 *pos, void *out);
	/* STATS: the same for counters (NULL: the object has none). */
	int (*ctr_next)(struct mcnic_fw *fw, u32 *pos,
			struct mcnic_cmd_ctr *out);
	/* The key for messages ("id", value), or NULL. */
	const char *key_name;
	s64 (*key)(const void *e);
};

extern const struct mcnic_tbl_ops mcnic_tbl_port;
extern const struct mcnic_tbl_ops mcnic_tbl_vrf;
extern const struct mcnic_tbl_ops mcnic_tbl_vtep;
extern const struct mcnic_tbl_ops mcnic_tbl_vni;
extern const struct mcnic_tbl_ops mcnic_tbl_peer;
extern const struct mcnic_tbl_ops mcnic_tbl_tmpl;
extern const struct mcnic_tbl_ops mcnic_tbl_nh;
extern const struct mcnic_tbl_ops mcnic_tbl_nh_state;
extern const struct mcnic_tbl_ops mcnic_tbl_nhg;
extern const struct mcnic_tbl_ops mcnic_tbl_route;
extern const struct mcnic_tbl_ops mcnic_tbl_rule;
extern const struct mcnic_tbl_ops mcnic_tbl_flow;
extern const struct mcnic_tbl_ops mcnic_tbl_drop;
extern const struct mcnic_tbl_ops mcnic_tbl_parse;

/* Shared checks of the table objects (tbl_check.c). */
/* Family 4 or 6, and no address byte set past the family's. */
int mcnic_tbl_check_addr(const char *obj, u8 family, const u8 *addr,
			 struct mcnic_cmd_err *err);
int mcnic_tbl_check_zero(const char *obj, const char *field, const void *p,
			 u32 n, struct mcnic_cmd_err *err);

/*
 * A batch of count entries at payload (any alignment): checked, applied in
 * order, sets undone in reverse on a refusal.  0 or the status, err filled.
 */
int mcnic_cmd_batch(struct mcnic_fw *fw, const struct mcnic_tbl_ops *ops,
		    int del, const u8 *payload, u16 count,
		    struct mcnic_cmd_err *err);

/* Where a DUMP/STATS/PIPE_STATS answer's payload goes. */
struct mcnic_cmd_ans {
	u8 *payload;
	u32 room;		/* bytes that fit */
	u32 len;		/* written */
	u16 count;
};

int mcnic_cmd_dump(struct mcnic_fw *fw, const struct mcnic_cmd_dump *d,
		   int stats, struct mcnic_cmd_ans *a,
		   struct mcnic_cmd_err *err);
int mcnic_cmd_pipe_stats(struct mcnic_fw *fw, struct mcnic_cmd_ans *a,
			 struct mcnic_cmd_err *err);

#endif /* MCNIC_FW_CMD_PRIV_H */
