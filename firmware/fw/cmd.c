// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The command handler: the firmware's state in caller memory, the header
 * checks every request passes, dispatch by opcode, and the answer.  Every
 * request is answered, a refused one with its status and a message naming
 * the field and value; the request is read once into local copies, so the
 * answer may be written over it (resp == req).
 */
#include "cmd_priv.h"

#define MCNIC_CMD_HDR	((u32)sizeof(struct mcnic_cmd_hdr))

static size_t mcnic_fw_align(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

/* The firmware's own arrays, in order; the pipeline's memory follows. */
static size_t mcnic_fw_own_size(const struct mcnic_pipe_limits *lim)
{
	return mcnic_fw_align(sizeof(struct mcnic_fw)) +
	       mcnic_fw_align(lim->tmpls * sizeof(struct mcnic_tunnel_cfg)) +
	       mcnic_fw_align(lim->routes * sizeof(struct mcnic_fw_rkey)) +
	       mcnic_fw_align(MCNIC_CMD_MSG_MAX) +
	       mcnic_fw_align(MCNIC_FW_BATCH_MAX) +
	       mcnic_fw_align(MCNIC_FW_SEEN_SLOTS * sizeof(u16));
}

size_t mcnic_fw_mem_size(const struct mcnic_pipe_limits *lim)
{
	size_t pipe = mcnic_pipe_mem_size(lim);

	return pipe ? mcnic_fw_own_size(lim) + pipe : 0;
}

/* Init, and RESET: lim, mem and size may be fw's own fields. */
static int mcnic_fw_layout(struct mcnic_fw *fw,
			   const struct mcnic_pipe_limits *lim, void *mem,
			   size_t size)
{
	struct mcnic_pipe_limits l = *lim;
	size_t need = mcnic_fw_mem_size(&l), off, n;
	u8 *m = mem;

	if (!need || size < need || ((uintptr_t)mem & 63) ||
	    (void *)fw != mem)
		return -MCNIC_EINVAL;
	__builtin_memset(fw, 0, sizeof(*fw));
	fw->lim = l;
	fw->mem = mem;
	fw->size = size;
	off = mcnic_fw_align(sizeof(*fw));
	fw->tcfg = (void *)(m + off);
	off += mcnic_fw_align(l.tmpls * sizeof(*fw->tcfg));
	fw->rkey = (void *)(m + off);
	off += mcnic_fw_align(l.routes * sizeof(*fw->rkey));
	fw->undo = m + off;
	off += mcnic_fw_align(MCNIC_CMD_MSG_MAX);
	fw->had = m + off;
	off += mcnic_fw_align(MCNIC_FW_BATCH_MAX);
	fw->seen = (void *)(m + off);
	off += mcnic_fw_align(MCNIC_FW_SEEN_SLOTS * sizeof(u16));
	n = (u8 *)fw->undo - (u8 *)fw->tcfg;
	__builtin_memset(fw->tcfg, 0, n);
	return mcnic_pipe_init(&fw->pipe, &l, m + off, size - off);
}

int mcnic_fw_init(struct mcnic_fw **fw, const struct mcnic_pipe_limits *lim,
		  void *mem, size_t size)
{
	size_t need = mcnic_fw_mem_size(lim);

	if (!need || !mem || ((uintptr_t)mem & 63))
		return -MCNIC_EINVAL;
	if (size < need)
		return -MCNIC_ENOMEM;
	*fw = mem;
	return mcnic_fw_layout(*fw, lim, mem, size);
}

struct mcnic_pipe *mcnic_fw_pipe(struct mcnic_fw *fw)
{
	return &fw->pipe;
}

/* The table opcodes, PARSE_SET..RULE_DEL: which object, set or delete. */
struct mcnic_cmd_tbl_op {
	const struct mcnic_tbl_ops *ops;
	u8 del;
};

static const struct mcnic_cmd_tbl_op mcnic_cmd_tables[] = {
	[MCNIC_CMD_PARSE_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_parse, 0 },
	[MCNIC_CMD_PORT_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_port, 0 },
	[MCNIC_CMD_VRF_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_vrf, 0 },
	[MCNIC_CMD_VRF_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_vrf, 1 },
	[MCNIC_CMD_VTEP_ADD - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_vtep, 0 },
	[MCNIC_CMD_VTEP_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_vtep, 1 },
	[MCNIC_CMD_VNI_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_vni, 0 },
	[MCNIC_CMD_VNI_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_vni, 1 },
	[MCNIC_CMD_PEER_ADD - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_peer, 0 },
	[MCNIC_CMD_PEER_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_peer, 1 },
	[MCNIC_CMD_TMPL_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_tmpl, 0 },
	[MCNIC_CMD_TMPL_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_tmpl, 1 },
	[MCNIC_CMD_NH_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_nh, 0 },
	[MCNIC_CMD_NH_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_nh, 1 },
	[MCNIC_CMD_NH_STATE - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_nh_state, 0 },
	[MCNIC_CMD_NHG_SET - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_nhg, 0 },
	[MCNIC_CMD_NHG_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_nhg, 1 },
	[MCNIC_CMD_ROUTE_ADD - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_route, 0 },
	[MCNIC_CMD_ROUTE_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_route, 1 },
	[MCNIC_CMD_RULE_ADD - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_rule, 0 },
	[MCNIC_CMD_RULE_DEL - MCNIC_CMD_PARSE_SET] = { &mcnic_tbl_rule, 1 },
};

#define MCNIC_CMD_TABLES \
	(sizeof(mcnic_cmd_tables) / sizeof(mcnic_cmd_tables[0]))

static int mcnic_cmd_hdr_check(const struct mcnic_cmd_hdr *h, u32 req_len,
			       struct mcnic_cmd_err *err)
{
	if (h->version != MCNIC_CMD_VERSION) {
		mcnic_cmd_fail(err, -MCNIC_EPROTO, "hdr", "version",
			       MCNIC_CMD_NOSUB, h->version,
			       "this firmware speaks ");
		mcnic_cmd_err_num(err, MCNIC_CMD_VERSION);
		return -MCNIC_EPROTO;
	}
	if (h->flags)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "hdr", "flags",
				      MCNIC_CMD_NOSUB, h->flags,
				      "none defined");
	if (h->len > MCNIC_CMD_MSG_MAX - MCNIC_CMD_HDR) {
		mcnic_cmd_fail(err, -MCNIC_EBADMSG, "hdr", "len",
			       MCNIC_CMD_NOSUB, h->len, "more than ");
		mcnic_cmd_err_num(err, MCNIC_CMD_MSG_MAX - MCNIC_CMD_HDR);
		return -MCNIC_EBADMSG;
	}
	if (h->len != req_len - MCNIC_CMD_HDR) {
		mcnic_cmd_fail(err, -MCNIC_EBADMSG, "hdr", "len",
			       MCNIC_CMD_NOSUB, h->len, "");
		mcnic_cmd_err_num(err, req_len - MCNIC_CMD_HDR);
		mcnic_cmd_err_str(err, " bytes follow");
		return -MCNIC_EBADMSG;
	}
	return 0;
}

/* count entries of size bytes each, exactly (one or more unless fixed). */
static int mcnic_cmd_shape(const struct mcnic_cmd_hdr *h, u32 size,
			   int fixed, struct mcnic_cmd_err *err)
{
	if (fixed >= 0 && h->count != fixed)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "hdr", "count",
				      MCNIC_CMD_NOSUB, h->count, fixed ?
				      "takes one entry" : "takes no entries");
	if (!h->count && fixed)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "hdr", "count",
				      MCNIC_CMD_NOSUB, 0,
				      "a batch needs entries");
	if ((u64)h->count * size != h->len) {
		mcnic_cmd_fail(err, -MCNIC_EBADMSG, "hdr", "len",
			       MCNIC_CMD_NOSUB, h->len, "count x ");
		mcnic_cmd_err_num(err, size);
		mcnic_cmd_err_str(err, " is ");
		mcnic_cmd_err_num(err, (u64)h->count * size);
		return -MCNIC_EBADMSG;
	}
	return 0;
}

static int mcnic_cmd_table_op(struct mcnic_fw *fw,
			      const struct mcnic_cmd_hdr *h, const u8 *payload,
			      struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_tbl_op *t;
	int r;

	t = &mcnic_cmd_tables[h->opcode - MCNIC_CMD_PARSE_SET];
	r = mcnic_cmd_shape(h, t->ops->size,
			    h->opcode == MCNIC_CMD_PARSE_SET ? 1 : -1, err);
	return r ? r : mcnic_cmd_batch(fw, t->ops, t->del, payload, h->count,
				       err);
}

static int mcnic_cmd_dump_op(struct mcnic_fw *fw,
			     const struct mcnic_cmd_hdr *h, const u8 *payload,
			     struct mcnic_cmd_ans *a, struct mcnic_cmd_err *err)
{
	struct mcnic_cmd_dump d;

	/* Not a batch: its one request entry may go uncounted. */
	if (h->count > 1)
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "hdr", "count",
				      MCNIC_CMD_NOSUB, h->count,
				      "a dump takes 0 or 1");
	if (h->len != sizeof(d)) {
		mcnic_cmd_fail(err, -MCNIC_EBADMSG, "hdr", "len",
			       MCNIC_CMD_NOSUB, h->len, "a dump request is ");
		mcnic_cmd_err_num(err, sizeof(d));
		return -MCNIC_EBADMSG;
	}
	__builtin_memcpy(&d, payload, sizeof(d));
	return mcnic_cmd_dump(fw, &d, h->opcode == MCNIC_CMD_STATS, a, err);
}

static int mcnic_cmd_simple(struct mcnic_fw *fw,
			    const struct mcnic_cmd_hdr *h,
			    struct mcnic_cmd_ans *a, struct mcnic_cmd_err *err)
{
	int r = mcnic_cmd_shape(h, 0, 0, err);

	if (r)
		return r;
	switch (h->opcode) {
	case MCNIC_CMD_RESET:
		return mcnic_fw_layout(fw, &fw->lim, fw->mem, fw->size);
	case MCNIC_CMD_FLOW_FLUSH:
		mcnic_pipe_flows_clear(&fw->pipe);
		return 0;
	default:
		return mcnic_cmd_pipe_stats(fw, a, err);
	}
}

static int mcnic_cmd_exec(struct mcnic_fw *fw, const struct mcnic_cmd_hdr *h,
			  const u8 *payload, struct mcnic_cmd_ans *a,
			  struct mcnic_cmd_err *err)
{
	u16 op = h->opcode;

	if (op >= MCNIC_CMD_PARSE_SET &&
	    op < MCNIC_CMD_PARSE_SET + MCNIC_CMD_TABLES)
		return mcnic_cmd_table_op(fw, h, payload, err);
	switch (op) {
	case MCNIC_CMD_DUMP:
	case MCNIC_CMD_STATS:
		return mcnic_cmd_dump_op(fw, h, payload, a, err);
	case MCNIC_CMD_RESET:
	case MCNIC_CMD_FLOW_FLUSH:
	case MCNIC_CMD_PIPE_STATS:
		return mcnic_cmd_simple(fw, h, a, err);
	case MCNIC_CMD_HEARTBEAT:
	case MCNIC_CMD_DEV_INFO:
	case MCNIC_CMD_CAPS:
	case MCNIC_CMD_FLASH_BEGIN ... MCNIC_CMD_FLASH_STATUS:
		return mcnic_cmd_fail(err, -MCNIC_EOPNOTSUPP, "hdr", "opcode",
				      MCNIC_CMD_NOSUB, op,
				      "the device model answers it");
	default:
		return mcnic_cmd_fail(err, -MCNIC_EOPNOTSUPP, "hdr", "opcode",
				      MCNIC_CMD_NOSUB, op, "unknown");
	}
}

static int mcnic_cmd_short(u32 req_len, struct mcnic_cmd_err *err)
{
	mcnic_cmd_fail(err, -MCNIC_EBADMSG, "request", NULL, MCNIC_CMD_NOSUB,
		       MCNIC_CMD_NOVAL, "");
	mcnic_cmd_err_num(err, req_len);
	mcnic_cmd_err_str(err, " bytes, shorter than the header");
	return -MCNIC_EBADMSG;
}

u32 mcnic_fw_cmd(struct mcnic_fw *fw, const void *req, u32 req_len,
		 void *resp, u32 resp_max, u64 now)
{
	struct mcnic_cmd_hdr h, out;
	struct mcnic_cmd_err err;
	struct mcnic_cmd_ans a;
	int status;

	if (resp_max < MCNIC_CMD_HDR)
		return 0;
	if (resp_max > MCNIC_CMD_MSG_MAX)
		resp_max = MCNIC_CMD_MSG_MAX;
	__builtin_memset(&out, 0, sizeof(out));
	__builtin_memset(&err, 0, sizeof(err));
	a.payload = (u8 *)resp + MCNIC_CMD_HDR;
	a.room = resp_max - MCNIC_CMD_HDR;
	a.len = 0;
	a.count = 0;
	if (req_len < MCNIC_CMD_HDR) {
		status = mcnic_cmd_short(req_len, &err);
	} else {
		__builtin_memcpy(&h, req, sizeof(h));
		out.opcode = h.opcode;
		out.seq = h.seq;
		status = mcnic_cmd_hdr_check(&h, req_len, &err);
		if (!status)
			status = mcnic_cmd_exec(fw, &h, (const u8 *)req +
						MCNIC_CMD_HDR, &a, &err);
	}
	if (status) {
		a.len = 0;
		a.count = 0;
		fw->cmd_errors++;
	}
	fw->cmds++;
	out.version = MCNIC_CMD_VERSION;
	out.len = a.len;
	out.count = a.count;
	out.status = status;
	out.err_index = status ? err.index : 0;
	__builtin_memcpy(out.err_msg, err.msg, sizeof(out.err_msg));
	__builtin_memcpy(resp, &out, sizeof(out));
	return MCNIC_CMD_HDR + a.len;
}
