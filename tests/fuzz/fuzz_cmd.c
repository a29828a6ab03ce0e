// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * fuzz_cmd: the firmware's command handler (firmware/fw/cmd*.c, tbl_*.c).
 *
 * Input: a sequence of records, each executed as one request against one
 * firmware instance with small tables (so tables fill up and batches get
 * refused half way):
 *
 *   u8 sel, u8 resp, u16 len (LE), len bytes
 *
 * sel bit 7 set: the bytes are the whole request, header and all.
 * Otherwise a valid header is put in front: opcode fuzz_ops[sel % N],
 * count = len / entry size (1 for dumps and PARSE_SET), unless sel bit 6
 * is set, which makes count the first byte of the payload.  resp: 0 gives
 * the answer 64 KiB, otherwise header + resp * 8 bytes.
 *
 * After every request the answer must be well formed: no longer than
 * resp_max, len and count consistent with the opcode, opcode and seq
 * echoed, err_msg NUL-terminated and empty exactly when status is 0.  A
 * refused table batch must leave every DUMP and every STATS counter as it
 * was (each counter is given a distinct non-zero value first, so an object
 * deleted and made again shows), and the mailbox counters must count every
 * request.  FUZZ_CMD_VERBOSE=1 in the
 * environment prints each answer (to check what a seed exercises).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "fw/cmd.h"

#define HDR		((u32)sizeof(struct mcnic_cmd_hdr))
#define SNAP_MAX	(256 * 1024)

static const u16 fuzz_ops[] = {
	MCNIC_CMD_PARSE_SET, MCNIC_CMD_PORT_SET, MCNIC_CMD_VRF_SET,
	MCNIC_CMD_VRF_DEL, MCNIC_CMD_VTEP_ADD, MCNIC_CMD_VTEP_DEL,
	MCNIC_CMD_VNI_SET, MCNIC_CMD_VNI_DEL, MCNIC_CMD_PEER_ADD,
	MCNIC_CMD_PEER_DEL, MCNIC_CMD_TMPL_SET, MCNIC_CMD_TMPL_DEL,
	MCNIC_CMD_NH_SET, MCNIC_CMD_NH_DEL, MCNIC_CMD_NH_STATE,
	MCNIC_CMD_NHG_SET, MCNIC_CMD_NHG_DEL, MCNIC_CMD_ROUTE_ADD,
	MCNIC_CMD_ROUTE_DEL, MCNIC_CMD_RULE_ADD, MCNIC_CMD_RULE_DEL,
	MCNIC_CMD_DUMP, MCNIC_CMD_STATS, MCNIC_CMD_PIPE_STATS,
	MCNIC_CMD_FLOW_FLUSH, MCNIC_CMD_RESET,
};

#define FUZZ_OPS	(sizeof(fuzz_ops) / sizeof(fuzz_ops[0]))

/* Entry size of each table opcode (PARSE_SET..RULE_DEL). */
static u32 fuzz_entry_size(u16 op)
{
	switch (op) {
	case MCNIC_CMD_PARSE_SET:
		return sizeof(struct mcnic_parse_cfg);
	case MCNIC_CMD_PORT_SET:
		return sizeof(struct mcnic_cmd_port);
	case MCNIC_CMD_VRF_SET:
	case MCNIC_CMD_VRF_DEL:
		return sizeof(struct mcnic_cmd_vrf);
	case MCNIC_CMD_VTEP_ADD:
	case MCNIC_CMD_VTEP_DEL:
		return sizeof(struct mcnic_cmd_vtep);
	case MCNIC_CMD_VNI_SET:
	case MCNIC_CMD_VNI_DEL:
		return sizeof(struct mcnic_cmd_vni);
	case MCNIC_CMD_PEER_ADD:
	case MCNIC_CMD_PEER_DEL:
		return sizeof(struct mcnic_cmd_peer);
	case MCNIC_CMD_TMPL_SET:
	case MCNIC_CMD_TMPL_DEL:
		return sizeof(struct mcnic_cmd_tmpl);
	case MCNIC_CMD_NH_SET:
	case MCNIC_CMD_NH_DEL:
	case MCNIC_CMD_NH_STATE:
		return sizeof(struct mcnic_cmd_nh);
	case MCNIC_CMD_NHG_SET:
	case MCNIC_CMD_NHG_DEL:
		return sizeof(struct mcnic_cmd_nhg);
	case MCNIC_CMD_ROUTE_ADD:
	case MCNIC_CMD_ROUTE_DEL:
		return sizeof(struct mcnic_cmd_route);
	case MCNIC_CMD_RULE_ADD:
	case MCNIC_CMD_RULE_DEL:
		return sizeof(struct mcnic_policy_rule);
	default:
		return 0;
	}
}

/* What one DUMP entry of obj measures (STATS: a counter record). */
static u32 fuzz_dump_size(u16 op, u16 obj)
{
	static const u32 sizes[] = {
		[MCNIC_OBJ_PORT] = sizeof(struct mcnic_cmd_port),
		[MCNIC_OBJ_VRF] = sizeof(struct mcnic_cmd_vrf),
		[MCNIC_OBJ_VTEP] = sizeof(struct mcnic_cmd_vtep),
		[MCNIC_OBJ_VNI] = sizeof(struct mcnic_cmd_vni),
		[MCNIC_OBJ_PEER] = sizeof(struct mcnic_cmd_peer),
		[MCNIC_OBJ_TMPL] = sizeof(struct mcnic_cmd_tmpl),
		[MCNIC_OBJ_NH] = sizeof(struct mcnic_cmd_nh),
		[MCNIC_OBJ_NHG] = sizeof(struct mcnic_cmd_nhg),
		[MCNIC_OBJ_ROUTE] = sizeof(struct mcnic_cmd_route),
		[MCNIC_OBJ_RULE] = sizeof(struct mcnic_policy_rule),
		[MCNIC_OBJ_FLOW] = sizeof(struct mcnic_cmd_flow),
		[MCNIC_OBJ_DROP] = sizeof(struct mcnic_cmd_ctr),
		[MCNIC_OBJ_PARSE] = sizeof(struct mcnic_parse_cfg),
	};

	if (op == MCNIC_CMD_STATS)
		return sizeof(struct mcnic_cmd_ctr);
	FUZZ_CHECK(obj < sizeof(sizes) / sizeof(sizes[0]) && sizes[obj]);
	return sizes[obj];
}

static const struct mcnic_pipe_limits fuzz_lim = {
	.ports = 3, .vrfs = 3, .flows = 16, .tmpls = 3, .nexthops = 4,
	.nhgs = 3, .routes = 6, .lpm4_prefixes = 4, .lpm4_groups = 4,
	.lpm6_prefixes = 4, .lpm6_groups = 8, .lpm4_root_bits = 8,
	.lpm6_root_bits = 8, .rules = 4, .counted_rules = 6, .vnis = 3,
	.peers = 3,
};

static struct mcnic_fw *fw;
static void *fw_mem;
static size_t fw_size;
static u8 req[MCNIC_CMD_MSG_MAX + 16];
static u8 resp[MCNIC_CMD_MSG_MAX];
static u8 snap_a[SNAP_MAX], snap_b[SNAP_MAX];
static u64 calls, errors;
static int verbose = -1;

static void fuzz_fw_init(void)
{
	if (!fw_mem) {
		fw_size = mcnic_fw_mem_size(&fuzz_lim);
		FUZZ_CHECK(fw_size > 0);
		fw_mem = aligned_alloc(64, (fw_size + 63) & ~(size_t)63);
		FUZZ_CHECK(fw_mem != NULL);
	}
	FUZZ_CHECK(mcnic_fw_init(&fw, &fuzz_lim, fw_mem, fw_size) == 0);
	calls = 0;
	errors = 0;
}

/* The answer to a request of req_len bytes (whose header is h, if any). */
static void fuzz_check_answer(u32 n, u32 resp_max, u32 req_len,
			      const struct mcnic_cmd_hdr *h)
{
	struct mcnic_cmd_hdr a;
	u32 size;

	FUZZ_CHECK(n >= HDR && n <= resp_max);
	memcpy(&a, resp, HDR);
	FUZZ_CHECK(n == HDR + a.len);
	FUZZ_CHECK(a.version == MCNIC_CMD_VERSION && !a.flags && !a.pad);
	FUZZ_CHECK(memchr(a.err_msg, 0, sizeof(a.err_msg)) != NULL);
	FUZZ_CHECK(a.status <= 0 && a.status > -4096);
	FUZZ_CHECK(!a.status == !a.err_msg[0]);
	if (req_len < HDR) {
		FUZZ_CHECK(a.status == -MCNIC_EBADMSG && !a.seq && !a.opcode);
		return;
	}
	FUZZ_CHECK(a.opcode == h->opcode && a.seq == h->seq);
	if (a.status) {
		FUZZ_CHECK(!a.len && !a.count);
		FUZZ_CHECK(!fuzz_entry_size(h->opcode) || a.err_index <
			   (h->count ? h->count : 1));
		return;
	}
	if (h->opcode == MCNIC_CMD_DUMP || h->opcode == MCNIC_CMD_STATS) {
		struct mcnic_cmd_dump d;

		memcpy(&d, req + HDR, sizeof(d));
		size = fuzz_dump_size(h->opcode, d.obj);
		FUZZ_CHECK(a.len == 8 + a.count * size);
		FUZZ_CHECK(!d.max || a.count <= d.max);
	} else if (h->opcode == MCNIC_CMD_PIPE_STATS) {
		FUZZ_CHECK(a.len == sizeof(struct mcnic_cmd_pipe_stats));
	} else {
		FUZZ_CHECK(!a.len && !a.count);
	}
}

/* Runs one request and keeps the counts PIPE_STATS must report. */
static u32 fuzz_exec(u32 req_len, u32 resp_max)
{
	u32 n = mcnic_fw_cmd(fw, req, req_len, resp, resp_max, 0);
	const struct mcnic_cmd_hdr *a = (const void *)resp;

	calls++;
	errors += a->status != 0;
	/* RESET zeroes the counters, then counts itself. */
	if (req_len >= HDR && a->opcode == MCNIC_CMD_RESET && !a->status) {
		calls = 1;
		errors = 0;
	}
	return n;
}

static void fuzz_stamp_ctr(struct mcnic_ctr *c, u32 n, u64 *v)
{
	u32 i;

	for (i = 0; i < n; i++) {
		c[i].packets = ++*v;
		c[i].bytes = ++*v << 8;
	}
}

/* Every counter of the pipeline, used or not, to a value of its own. */
static void fuzz_stamp(void)
{
	struct mcnic_pipe *p = mcnic_fw_pipe(fw);
	static u64 v;
	u32 i;

	for (i = 0; i < fuzz_lim.ports; i++) {
		fuzz_stamp_ctr(&p->port[i].rx, 1, &v);
		fuzz_stamp_ctr(&p->port[i].tx, 1, &v);
		fuzz_stamp_ctr(&p->port[i].drop, 1, &v);
	}
	fuzz_stamp_ctr(p->tmpl_tx, fuzz_lim.tmpls, &v);
	fuzz_stamp_ctr(p->peer_rx, fuzz_lim.peers, &v);
	fuzz_stamp_ctr(p->rule_ctr, fuzz_lim.counted_rules, &v);
	fuzz_stamp_ctr(p->drops, MCNIC_DROP_COUNT, &v);
}

/*
 * Every table as DUMP gives it and every counter as STATS does; uses
 * req/resp, so call between requests.
 */
static size_t fuzz_snapshot(u8 *out)
{
	static const struct {
		u16 op;
		u16 obj;
	} objs[] = {
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_PARSE },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_PORT },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_VRF },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_VTEP },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_VNI },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_PEER },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_TMPL },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_NH },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_NHG },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_ROUTE },
		{ MCNIC_CMD_DUMP, MCNIC_OBJ_RULE },
		{ MCNIC_CMD_STATS, MCNIC_OBJ_PORT },
		{ MCNIC_CMD_STATS, MCNIC_OBJ_RULE },
		{ MCNIC_CMD_STATS, MCNIC_OBJ_PEER },
		{ MCNIC_CMD_STATS, MCNIC_OBJ_TMPL },
		{ MCNIC_CMD_STATS, MCNIC_OBJ_DROP },
	};
	struct mcnic_cmd_hdr h = { .version = MCNIC_CMD_VERSION, .len = 8,
				   .count = 1 };
	struct mcnic_cmd_dump d = { 0 };
	struct mcnic_cmd_dump_resp r;
	struct mcnic_cmd_hdr a;
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		h.opcode = objs[i].op;
		d.obj = objs[i].obj;
		d.cursor = 0;
		do {
			memcpy(req, &h, HDR);
			memcpy(req + HDR, &d, 8);
			fuzz_check_answer(fuzz_exec(HDR + 8, sizeof(resp)),
					  sizeof(resp), HDR + 8, &h);
			memcpy(&a, resp, HDR);
			FUZZ_CHECK(a.status == 0);
			FUZZ_CHECK(len + a.len <= SNAP_MAX);
			memcpy(&r, resp + HDR, sizeof(r));
			memcpy(out + len, resp + HDR + 8, a.len - 8);
			len += a.len - 8;
			FUZZ_CHECK(!r.next || r.next != d.cursor);
			d.cursor = r.next;
		} while (d.cursor);
	}
	return len;
}

static void fuzz_one(u8 sel, u8 rsel, const u8 *p, u16 len, u32 seq)
{
	const struct mcnic_cmd_hdr *a = (const void *)resp;
	struct mcnic_cmd_hdr h = { 0 };
	u32 req_len, resp_max, size, n;
	size_t before = 0;
	int table;

	resp_max = rsel ? HDR + rsel * 8u : sizeof(resp);
	if (sel & 0x80) {
		memcpy(req, p, len);
		req_len = len;
		if (len >= HDR)
			memcpy(&h, req, HDR);
	} else {
		h.version = MCNIC_CMD_VERSION;
		h.opcode = fuzz_ops[(sel & 0x3f) % FUZZ_OPS];
		h.seq = seq;
		h.len = len;
		size = fuzz_entry_size(h.opcode);
		if (sel & 0x40)
			h.count = len ? p[0] : 0;
		else if (h.opcode == MCNIC_CMD_DUMP ||
			 h.opcode == MCNIC_CMD_STATS ||
			 h.opcode == MCNIC_CMD_PARSE_SET)
			h.count = 1;
		else
			h.count = size ? len / size : 0;
		memcpy(req, &h, HDR);
		memcpy(req + HDR, p, len);
		req_len = HDR + len;
	}
	table = req_len >= HDR && fuzz_entry_size(h.opcode);
	if (table) {
		fuzz_stamp();
		before = fuzz_snapshot(snap_a);
	}
	/* The snapshot used the buffers: lay the request out again. */
	if (sel & 0x80) {
		memcpy(req, p, len);
	} else {
		memcpy(req, &h, HDR);
		memcpy(req + HDR, p, len);
	}
	n = fuzz_exec(req_len, resp_max);
	fuzz_check_answer(n, resp_max, req_len, &h);
	if (verbose)
		fprintf(stderr, "op %#x count %u: status %d count %u [%s]\n",
			h.opcode, h.count, a->status, a->count, a->err_msg);
	if (table && a->status) {
		FUZZ_CHECK(fuzz_snapshot(snap_b) == before);
		FUZZ_CHECK(!memcmp(snap_a, snap_b, before));
	}
}

/* PIPE_STATS counts every request answered before it, and refusals. */
static void fuzz_check_counters(void)
{
	struct mcnic_cmd_hdr h = { .version = MCNIC_CMD_VERSION,
				   .opcode = MCNIC_CMD_PIPE_STATS };
	struct mcnic_cmd_pipe_stats s;
	u64 want = calls, want_err = errors;

	memcpy(req, &h, HDR);
	fuzz_check_answer(fuzz_exec(HDR, sizeof(resp)), sizeof(resp), HDR,
			  &h);
	memcpy(&s, resp + HDR, sizeof(s));
	FUZZ_CHECK(s.cmds == want && s.cmd_errors == want_err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;
	u32 seq = 1;
	u16 len;

	if (verbose < 0)
		verbose = getenv("FUZZ_CMD_VERBOSE") != NULL;
	fuzz_fw_init();
	while (off + 4 <= size) {
		len = data[off + 2] | data[off + 3] << 8;
		if (len > size - off - 4)
			len = size - off - 4;
		if (len > MCNIC_CMD_MSG_MAX - HDR)
			len = MCNIC_CMD_MSG_MAX - HDR;
		fuzz_one(data[off], data[off + 1], data + off + 4, len, seq++);
		off += 4 + len;
	}
	fuzz_check_counters();
	return 0;
}
