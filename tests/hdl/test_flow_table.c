// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL flow table (hdl/rtl/mcnic_flow_table.sv) against a model of its
 * slots, cycle by cycle, in four geometries (hdl/tb/mcnic_flow_table_tb.sv:
 * 4 buckets and the 8-entry stash, full buckets and equal candidate
 * buckets all the time; 1024 buckets and 8, the default; 4 buckets and no
 * stash; 2 buckets and the largest stash, 16).
 *
 * The model: an array of slots (valid, 64-byte entry) and of counters, the
 * stash's after the buckets' (slot (4 << log2b) + i).  A lookup of key k with
 * hash h hits iff a valid slot of bucket mcnic_hw_ft_bucket(h, 0) or
 * (h, 1) (hwpipe.h) or of the stash holds k; the lowest way of bucket 0
 * wins, then the lowest way of bucket 1, then the lowest stash entry.  Keys
 * are placed as the firmware places them: in one of their two candidate
 * buckets or, now and then, in the stash; hash = mcnic_crc32c(seed, key,
 * 44) (mcnic_flow_cache_hash).  A directed run fills both buckets of a hash
 * and the whole stash, then looks up, counts, clears, overwrites, shadows
 * (the same key in a way and the stash) and flushes stash entries, each
 * result checked against what the firmware meant, not only the model.
 * The timing rules the module documents are modelled exactly:
 *   - a lookup sees the writes accepted at earlier edges, not the one of
 *     its own edge; a FLUSH empties the table at its edge;
 *   - counter updates apply after the table write of their edge; a WRITE
 *     zeroes the slot's counters; updates from the FLUSH's edge until it
 *     completes (4 << LOG2_BUCKETS cycles) are dropped; a counter read at
 *     edge X sees updates accepted before X;
 *   - wr_ready is low while a flush runs and while a WRITE's counter clear
 *     is pending (WRITE at the edge after an update of another slot, until
 *     an edge without an update, or with an update of that slot).
 * Random back-pressure on m_res, random gaps on every input, m_res held
 * stable while stalled, a watchdog, and the model compared on every result,
 * every wr_status, every cycle's counter read and every slot at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp/dp.h"
#include <mcnic/flow.h>
#include <mcnic/hwpipe.h>
#include "flowtab_shim.h"

_Static_assert(sizeof(struct mcnic_flow_key) == MCNIC_HDL_FT_KEY_BYTES, "k");
_Static_assert(sizeof(struct mcnic_flow_entry) == MCNIC_HDL_FT_ENTRY_BYTES,
	       "e");

#define WAYS		MCNIC_HW_FT_WAYS
#define SLOTS_MAX	((WAYS << 10) + MCNIC_HW_FT_STASH_MAX)
#define POOL_MAX	2200
#define QN		64
#define WATCHDOG	20000

static u64 rng_s = 0x6d636e6963667431ull;

static u64 rnd(void)
{
	rng_s ^= rng_s << 13;
	rng_s ^= rng_s >> 7;
	rng_s ^= rng_s << 17;
	return rng_s;
}

static u32 rn(u32 n)
{
	return (u32)(rnd() % n);
}

/* True with probability pct percent. */
static int pr(u32 pct)
{
	return rn(100) < pct;
}

static void rbytes(void *p, size_t n)
{
	u8 *b = p;

	while (n--)
		*b++ = (u8)rnd();
}

/* ---------------------------------------------------------------- model */

struct slot {
	int valid;
	struct mcnic_flow_entry e;
	u64 packets, bytes;
};

struct pkey {
	struct mcnic_flow_key k;
	u32 h;
};

struct exp {
	u8 hit;
	u32 slot;
	u16 tag;
	struct mcnic_flow_entry e;
};

static struct {
	int log2b;
	u32 nbs;		/* bucket slots: the stash's come after */
	u32 stash;
	u32 nslot;
	u32 seed;
	struct slot s[SLOTS_MAX];
	struct pkey pool[POOL_MAX];
	u32 npool, nplain;	/* pool[nplain..] share buckets */
	long long cyc;		/* the edge the current step ends with */
	long long flush_t;	/* edge of the last FLUSH (reset: -1) */
	int pend;		/* a WRITE's counter clear is pending */
	u32 pend_slot;
	int prev_upd;		/* an in-range update at the last edge */
	u32 prev_upd_slot;
	u32 last_wr_slot;
	struct exp q[QN];
	unsigned int qh, qt;
} M;

static u32 key_hash(const struct mcnic_flow_key *k)
{
	return mcnic_crc32c(M.seed, k, sizeof(*k));
}

static int flushing_at(long long x)
{
	return x > M.flush_t && x <= M.flush_t + (long long)M.nslot;
}

static int count_dropped(long long x)
{
	return x >= M.flush_t && x < M.flush_t + (long long)M.nslot;
}

static int key_eq(const struct mcnic_flow_key *a, const struct mcnic_flow_key *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static int in_stash(u32 slot)
{
	return slot >= M.nbs && slot < M.nslot;
}

static int holds(u32 s, const struct mcnic_flow_key *k)
{
	return M.s[s].valid && key_eq(&M.s[s].e.key, k);
}

/* Hits of key k in the model, and the winner; *nst: of them, the stash's. */
static unsigned int model_find(const struct mcnic_flow_key *k, u32 h,
			       u32 *slot, unsigned int *nst)
{
	unsigned int which, w, n = 0;
	u32 b, s;

	for (which = 0; which < 2; which++) {
		b = mcnic_hw_ft_bucket(h, which, M.log2b);
		if (which && b == mcnic_hw_ft_bucket(h, 0, M.log2b))
			break;
		for (w = 0; w < WAYS; w++) {
			s = mcnic_hw_ft_slot(b, w);
			if (holds(s, k) && !n++)
				*slot = s;
		}
	}
	*nst = 0;
	for (s = M.nbs; s < M.nslot; s++) {
		if (!holds(s, k))
			continue;
		++*nst;
		if (!n++)
			*slot = s;
	}
	return n;
}

/* ------------------------------------------------------------- coverage */

enum {
	V_HIT, V_MISS, V_HIT_B1, V_SAME_BKT, V_DUP, V_NEAR, V_WRONG_HASH,
	V_FLUSH_LOOKUP, V_SAME_EDGE, V_B2B_CNT, V_PEND, V_BAD_ARG, V_BAD_OP,
	V_FLUSH, V_STALL, V_CLEAR, V_WR_CNT_SAME,
	/* The stash's: none at all in a geometry without one. */
	V_HIT_STASH, V_DUP_STASH, V_STASH_EDGE, V_STASH_WRITE, V_STASH_CNT,
	V_N
};
#define V_STASH_FIRST	V_HIT_STASH
static const char *const cov_name[V_N] = {
	"hits", "misses", "hits in bucket 1", "equal buckets",
	"duplicate keys", "one-bit-off keys", "wrong-bucket hashes",
	"lookups during flush", "write+lookup same edge",
	"back-to-back updates", "pending clears", "BAD_ARG", "BAD_OP",
	"flushes", "m_res stalls", "clears", "write+update same slot",
	"hits in the stash", "key in a way and stash", "stash op+lookup edge",
	"stash writes", "stash counter updates",
};
static unsigned long cov[V_N];

static unsigned int fails;

#define FAIL(...)                                                       \
	do {                                                            \
		if (fails++ < 10) {                                     \
			printf("FAIL cycle %lld: ", M.cyc);             \
			printf(__VA_ARGS__);                            \
			printf("\n");                                   \
		}                                                       \
	} while (0)

/* ------------------------------------------------------------ stimulus */

struct knobs {
	u32 p_req, p_ready, p_wr, p_cnt;
	u32 p_flush;		/* per 100000 ops */
};

static struct mcnic_hdl_ft_in in;
static int req_pend, wr_pend;
static u32 req_kind;		/* coverage class of the pending lookup */
static u16 next_tag;

/*
 * A key of the pool placed as the firmware would: one of its buckets, or
 * the stash (a free entry first), pct_stash percent of the time.
 */
static u32 place(const struct pkey *p, u32 pct_stash)
{
	u32 b = mcnic_hw_ft_bucket(p->h, rn(2), M.log2b), w, s;
	unsigned int nst;

	/* An update of an entry the firmware already holds. */
	if (model_find(&p->k, p->h, &s, &nst) && pr(80))
		return s;
	if (M.stash && pr(pct_stash)) {
		for (w = 0; w < M.stash; w++) {
			s = M.nbs + rn(M.stash);
			if (!M.s[s].valid)
				return s;
		}
		return s;
	}
	for (w = 0; w < WAYS; w++) {
		s = mcnic_hw_ft_slot(b, w);
		if (!M.s[s].valid && pr(70))
			return s;
	}
	return mcnic_hw_ft_slot(b, rn(WAYS));
}

static void new_entry(struct mcnic_flow_entry *e, const struct mcnic_flow_key *k)
{
	rbytes(e, sizeof(*e));
	e->key = *k;
}

static u32 bad_slot(void)
{
	switch (rn(3)) {
	case 0:
		return M.nslot;
	case 1:
		return 0xffffffffu;
	default:
		return M.nslot + rn(1u << 20);
	}
}

static void new_op(const struct knobs *kn)
{
	struct mcnic_flow_entry e;
	u32 r = rn(100000);

	wr_pend = 1;
	if (r < kn->p_flush) {
		in.wr_op = MCNIC_HW_OP_FLOW_FLUSH;
		in.wr_slot = (u32)rnd();
		return;
	}
	r = rn(100);
	if (r < 70) {
		in.wr_op = MCNIC_HW_OP_FLOW_WRITE;
		if (pr(5)) {
			rbytes(&e, sizeof(e));
			in.wr_slot = rn(M.nslot);
		} else {
			const struct pkey *p = &M.pool[rn(M.npool)];

			new_entry(&e, &p->k);
			in.wr_slot = place(p, 10);
		}
		memcpy(in.wr_entry, &e, sizeof(e));
	} else if (r < 90) {
		in.wr_op = MCNIC_HW_OP_FLOW_CLEAR;
		in.wr_slot = rn(M.nslot);
	} else if (r < 97) {
		in.wr_op = pr(50) ? MCNIC_HW_OP_FLOW_WRITE :
				    MCNIC_HW_OP_FLOW_CLEAR;
		in.wr_slot = bad_slot();
		rbytes(in.wr_entry, sizeof(in.wr_entry));
	} else {
		in.wr_op = 0;
		in.wr_slot = rn(M.nslot);
	}
}

/* A valid slot's key, if one of a few random slots holds one. */
static const struct mcnic_flow_key *some_present(void)
{
	unsigned int i;
	u32 s;

	for (i = 0; i < 8; i++) {
		/* The stash is small beside 1024 buckets: look there too. */
		s = M.stash && i < 3 ? M.nbs + rn(M.stash) : rn(M.nslot);
		if (M.s[s].valid)
			return &M.s[s].e.key;
	}
	return NULL;
}

static void flip_bit(struct mcnic_flow_key *k)
{
	u8 *b = (u8 *)k;
	u32 i = rn(sizeof(*k) * 8);

	b[i / 8] ^= (u8)(1u << (i % 8));
}

static void new_req(void)
{
	const struct mcnic_flow_key *pk;
	struct mcnic_flow_key k;
	u32 r = rn(100), h;

	req_kind = V_N;
	pk = r < 35 ? some_present() : NULL;
	if (pk) {
		k = *pk;
		h = key_hash(&k);
		if (r < 12) {
			flip_bit(&k);
			req_kind = V_NEAR;
		}
	} else if (r < 65) {
		const struct pkey *p = &M.pool[rn(M.npool)];

		k = p->k;
		h = p->h;
		if (pr(20)) {
			flip_bit(&k);
			req_kind = V_NEAR;
		}
	} else if (r < 75) {
		const struct pkey *p = &M.pool[M.nplain + rn(M.npool - M.nplain)];

		k = p->k;
		h = p->h;
	} else if (r < 85) {
		k = M.pool[rn(M.npool)].k;
		h = (u32)rnd();
		req_kind = V_WRONG_HASH;
	} else {
		rbytes(&k, sizeof(k));
		h = key_hash(&k);
	}
	memcpy(in.req_key, &k, sizeof(k));
	in.req_hash = h;
	in.req_tag = next_tag++;
	req_pend = 1;
}

static void new_cnt(const struct knobs *kn)
{
	u32 r = rn(100);

	in.cnt_valid = pr(kn->p_cnt);
	in.cnt_bytes = (u16)rnd();
	if (r < 10 && wr_pend)
		in.cnt_slot = in.wr_slot;	/* the write's slot, same edge */
	else if (r < 20)
		in.cnt_slot = M.last_wr_slot;
	else if (r < 40)
		in.cnt_slot = rn(3);
	else if (r < 50)
		in.cnt_slot = M.nbs + rn(M.stash + 1);	/* or just past */
	else if (r < 95)
		in.cnt_slot = rn(M.nslot);
	else
		in.cnt_slot = bad_slot();
	r = rn(100);
	if (r < 10)
		in.ctr_rd_slot = M.nbs + rn(M.stash + 1);
	else if (r < 40)
		in.ctr_rd_slot = r < 20 ? M.last_wr_slot : rn(3);
	else if (r < 95)
		in.ctr_rd_slot = rn(M.nslot);
	else
		in.ctr_rd_slot = bad_slot();
}

/* ---------------------------------------------------------------- step */

static void expect_lookup(int wr_acc)
{
	struct exp *x = &M.q[M.qt++ % QN];
	struct mcnic_flow_key k;
	u32 b0 = mcnic_hw_ft_bucket(in.req_hash, 0, M.log2b);
	u32 b1 = mcnic_hw_ft_bucket(in.req_hash, 1, M.log2b);
	const struct mcnic_flow_entry *we = (const void *)in.wr_entry;
	unsigned int n, nst;

	memcpy(&k, in.req_key, sizeof(k));
	memset(x, 0, sizeof(*x));
	x->tag = in.req_tag;
	n = model_find(&k, in.req_hash, &x->slot, &nst);
	x->hit = n != 0;
	if (n)
		x->e = M.s[x->slot].e;
	else
		x->slot = 0;
	cov[n ? V_HIT : V_MISS]++;
	cov[V_HIT_B1] += n && x->slot < M.nbs && x->slot / WAYS != b0;
	cov[V_HIT_STASH] += n && in_stash(x->slot);
	cov[V_DUP_STASH] += nst && n > nst;
	/* The key this lookup asks for written or cleared at its edge. */
	cov[V_STASH_EDGE] += wr_acc && in_stash(in.wr_slot) &&
			     ((in.wr_op == MCNIC_HW_OP_FLOW_WRITE &&
			       key_eq(&we->key, &k)) ||
			      (in.wr_op == MCNIC_HW_OP_FLOW_CLEAR &&
			       holds(in.wr_slot, &k)));
	cov[V_SAME_BKT] += b0 == b1;
	cov[V_DUP] += n > 1;
	if (req_kind != V_N)
		cov[req_kind]++;
	cov[V_FLUSH_LOOKUP] += flushing_at(M.cyc);
	cov[V_SAME_EDGE] += wr_acc && in.wr_op != MCNIC_HW_OP_FLOW_FLUSH &&
			    in.wr_slot < M.nslot &&
			    (in.wr_slot / WAYS == b0 || in.wr_slot / WAYS == b1);
}

static u8 want_status(void)
{
	switch (in.wr_op) {
	case MCNIC_HW_OP_FLOW_WRITE:
	case MCNIC_HW_OP_FLOW_CLEAR:
		return in.wr_slot < M.nslot ? MCNIC_HW_ST_OK :
					      MCNIC_HW_ST_BAD_ARG;
	case MCNIC_HW_OP_FLOW_FLUSH:
		return MCNIC_HW_ST_OK;
	default:
		return MCNIC_HW_ST_BAD_OP;
	}
}

static void apply_op(u8 status)
{
	struct slot *s = &M.s[in.wr_slot < M.nslot ? in.wr_slot : 0];
	u32 i;

	if (status != want_status())
		FAIL("op %u slot %u: status %u, want %u", in.wr_op, in.wr_slot,
		     status, want_status());
	cov[V_BAD_ARG] += want_status() == MCNIC_HW_ST_BAD_ARG;
	cov[V_BAD_OP] += want_status() == MCNIC_HW_ST_BAD_OP;
	if (want_status() != MCNIC_HW_ST_OK)
		return;
	switch (in.wr_op) {
	case MCNIC_HW_OP_FLOW_WRITE:
		s->valid = 1;
		memcpy(&s->e, in.wr_entry, sizeof(s->e));
		s->packets = s->bytes = 0;
		M.last_wr_slot = in.wr_slot;
		cov[V_STASH_WRITE] += in_stash(in.wr_slot);
		break;
	case MCNIC_HW_OP_FLOW_CLEAR:
		s->valid = 0;
		cov[V_CLEAR]++;
		break;
	default:
		for (i = 0; i < M.nslot; i++) {
			M.s[i].valid = 0;
			M.s[i].packets = M.s[i].bytes = 0;
		}
		M.flush_t = M.cyc;
		cov[V_FLUSH]++;
		break;
	}
}

/* The module's pending counter clear, to predict wr_ready. */
static void model_pend(int op_write)
{
	if (op_write && M.prev_upd && M.prev_upd_slot != in.wr_slot) {
		M.pend = 1;
		M.pend_slot = in.wr_slot;
		cov[V_PEND]++;
	} else if (M.pend && (!M.prev_upd || M.prev_upd_slot == M.pend_slot)) {
		M.pend = 0;
	}
	cov[V_WR_CNT_SAME] += op_write && M.prev_upd &&
			      M.prev_upd_slot == in.wr_slot;
	cov[V_B2B_CNT] += in.cnt_valid && M.prev_upd &&
			  M.prev_upd_slot == in.cnt_slot;
	M.prev_upd = in.cnt_valid && in.cnt_slot < M.nslot;
	M.prev_upd_slot = in.cnt_slot;
}

static void apply_cnt(void)
{
	struct slot *s;

	if (!in.cnt_valid || in.cnt_slot >= M.nslot || count_dropped(M.cyc))
		return;
	s = &M.s[in.cnt_slot];
	s->packets++;
	s->bytes += in.cnt_bytes;
	cov[V_STASH_CNT] += in_stash(in.cnt_slot);
}

/* What the directed run reads back: the last result, status, counter. */
static struct mcnic_hdl_ft_out last_res;
static u8 last_status;
static u64 last_pk, last_by;

static void check_res(const struct mcnic_hdl_ft_out *o)
{
	const struct exp *x;

	last_res = *o;
	if (M.qh == M.qt) {
		FAIL("result tag %u with no lookup outstanding", o->res_tag);
		return;
	}
	x = &M.q[M.qh++ % QN];
	if (o->res_tag != x->tag || o->res_hit != x->hit ||
	    o->res_slot != x->slot ||
	    memcmp(o->res_entry, &x->e, sizeof(x->e)))
		FAIL("result tag %u hit %u slot %u (entry %s), want tag %u "
		     "hit %u slot %u", o->res_tag, o->res_hit, o->res_slot,
		     memcmp(o->res_entry, &x->e, sizeof(x->e)) ? "differs" :
		     "same", x->tag, x->hit, x->slot);
}

static struct mcnic_hdl_ft_out held;	/* m_res while stalled */
static int held_valid;
static long long progress;

static void check_outputs(const struct mcnic_hdl_ft_out *o)
{
	int want_ready = !flushing_at(M.cyc) && !M.pend;

	if (o->wr_ready != want_ready)
		FAIL("wr_ready %u, want %u", o->wr_ready, want_ready);
	if (held_valid &&
	    (!o->res_valid || o->res_hit != held.res_hit ||
	     o->res_slot != held.res_slot || o->res_tag != held.res_tag ||
	     memcmp(o->res_entry, held.res_entry, sizeof(held.res_entry))))
		FAIL("m_res changed while stalled (tag %u)", held.res_tag);
	held_valid = o->res_valid && !in.res_ready;
	if (held_valid) {
		held = *o;
		cov[V_STALL]++;
	}
}

static void check_ctr(u64 pk, u64 by, u64 want_pk, u64 want_by)
{
	if (pk != want_pk || by != want_by)
		FAIL("counter %u: %llu packets %llu bytes, want %llu %llu",
		     in.ctr_rd_slot, (unsigned long long)pk,
		     (unsigned long long)by, (unsigned long long)want_pk,
		     (unsigned long long)want_by);
}

/* One clock cycle: drive, predict, clock, compare. */
static void step(void)
{
	struct mcnic_hdl_ft_out o;
	u64 pk, by, want_pk = 0, want_by = 0;
	int op_write = 0;

	in.req_valid = req_pend;
	in.wr_valid = wr_pend;
	mcnic_hdl_ft_drive(&in, &o);
	check_outputs(&o);
	if (o.res_valid && in.res_ready) {
		check_res(&o);
		progress = M.cyc;
	}
	if (in.req_valid && o.req_ready) {
		expect_lookup(in.wr_valid && o.wr_ready);
		req_pend = 0;
		progress = M.cyc;
	}
	if (in.wr_valid && o.wr_ready) {
		op_write = in.wr_op == MCNIC_HW_OP_FLOW_WRITE &&
			   in.wr_slot < M.nslot;
		last_status = o.wr_status;
		apply_op(o.wr_status);
		wr_pend = 0;
		progress = M.cyc;
	}
	if (in.ctr_rd_slot < M.nslot && !flushing_at(M.cyc + 1)) {
		want_pk = M.s[in.ctr_rd_slot].packets;
		want_by = M.s[in.ctr_rd_slot].bytes;
	}
	apply_cnt();
	model_pend(op_write);
	mcnic_hdl_ft_tick(&pk, &by);
	check_ctr(pk, by, want_pk, want_by);
	last_pk = pk;
	last_by = by;
	M.cyc++;
}

static int busy(void)
{
	return req_pend || wr_pend || M.qh != M.qt;
}

static int watchdog(void)
{
	if (!busy() || M.cyc - progress < WATCHDOG)
		return 0;
	FAIL("watchdog: no progress for %d cycles", WATCHDOG);
	return 1;
}

/* Random traffic for n lookups. */
static void run(const struct knobs *kn, unsigned long n)
{
	unsigned long start = cov[V_HIT] + cov[V_MISS];

	while (cov[V_HIT] + cov[V_MISS] - start < n) {
		if (!req_pend && pr(kn->p_req))
			new_req();
		if (!wr_pend && pr(kn->p_wr))
			new_op(kn);
		in.res_ready = pr(kn->p_ready);
		new_cnt(kn);
		step();
		if (watchdog())
			return;
	}
}

static void drain(void)
{
	in.cnt_valid = 0;
	in.res_ready = 1;
	while (busy() && !watchdog())
		step();
}

/*
 * A WRITE and a lookup of its key at the same edge (the lookup goes first:
 * it does not see the write), a lookup at the next edge (it does), then
 * the same with a CLEAR of that slot.
 */
static void ordering(unsigned int n)
{
	struct mcnic_flow_entry e;
	const struct pkey *p;
	unsigned int i, j;
	u32 slot = 0;

	for (i = 0; i < n && !fails; i++) {
		p = &M.pool[rn(M.npool)];
		for (j = 0; j < 4; j++) {
			drain();
			while (M.pend || flushing_at(M.cyc))
				step();
			new_req();
			memcpy(in.req_key, &p->k, sizeof(p->k));
			in.req_hash = p->h;
			if (j == 0) {
				slot = place(p, 25);
				new_entry(&e, &p->k);
				memcpy(in.wr_entry, &e, sizeof(e));
			}
			if (j == 0 || j == 2) {
				wr_pend = 1;
				in.wr_op = j ? MCNIC_HW_OP_FLOW_CLEAR :
					       MCNIC_HW_OP_FLOW_WRITE;
				in.wr_slot = slot;
			}
			step();
			if (wr_pend || req_pend)
				FAIL("ordering: not accepted together");
		}
	}
	drain();
}

/* ------------------------------------------------------------ directed */

#define DCHECK(c, ...)							\
	do {								\
		if (!(c))						\
			FAIL("directed: " __VA_ARGS__);			\
	} while (0)

/* Nothing in flight, no flush, no pending clear. */
static void settle(void)
{
	drain();
	while ((M.pend || flushing_at(M.cyc)) && !watchdog())
		step();
}

/* One table operation on its own; its wr_status. */
static u8 d_op(u8 op, u32 slot, const struct mcnic_flow_entry *e)
{
	settle();
	wr_pend = 1;
	in.wr_op = op;
	in.wr_slot = slot;
	if (e)
		memcpy(in.wr_entry, e, sizeof(*e));
	while (wr_pend && !watchdog())
		step();
	return last_status;
}

/* One lookup on its own: its result (also checked against the model). */
static struct mcnic_hdl_ft_out d_lookup(const struct mcnic_flow_key *k,
					u32 h)
{
	settle();
	req_kind = V_N;
	memcpy(in.req_key, k, sizeof(*k));
	in.req_hash = h;
	in.req_tag = next_tag++;
	req_pend = 1;
	memset(&last_res, 0xee, sizeof(last_res));
	drain();
	return last_res;
}

static void d_count(u32 slot, u16 bytes)
{
	settle();
	in.cnt_valid = 1;
	in.cnt_slot = slot;
	in.cnt_bytes = bytes;
	step();
	in.cnt_valid = 0;
}

static void d_read(u32 slot, u64 *pk, u64 *by)
{
	settle();
	in.ctr_rd_slot = slot;
	step();
	*pk = last_pk;
	*by = last_by;
}

static void d_hit(const struct mcnic_flow_key *k, u32 h, u32 slot,
		  const struct mcnic_flow_entry *e, const char *what)
{
	struct mcnic_hdl_ft_out o = d_lookup(k, h);

	DCHECK(o.res_hit && o.res_slot == slot &&
	       !memcmp(o.res_entry, e, sizeof(*e)),
	       "%s: hit %u slot %u, want a hit at slot %u", what, o.res_hit,
	       o.res_slot, slot);
}

static void d_miss(const struct mcnic_flow_key *k, u32 h, const char *what)
{
	struct mcnic_hdl_ft_out o = d_lookup(k, h);

	DCHECK(!o.res_hit && !o.res_slot, "%s: hit %u slot %u, want a miss",
	       what, o.res_hit, o.res_slot);
}

/*
 * Keys that all hash to buckets b0 and b1 (the table takes the hash from
 * its caller and uses only its bucket bits): the first 8 fill the two
 * buckets' ways, the next M.stash the stash, as hwpipe.c places them;
 * each hits where it was put, the next key has no room.  Then the stash's
 * counters, a CLEAR, an overwrite, a key in a way and the stash at once,
 * the slot range, and a FLUSH.
 */
static void directed(void)
{
	enum { NK = 2 * WAYS + MCNIC_HW_FT_STASH_MAX + 1 };
	static struct mcnic_flow_key k[NK];
	static struct mcnic_flow_entry e[NK];
	u32 slot[NK], nb = 1u << M.log2b, b0 = rn(nb), b1 = (b0 + 1) % nb;
	u32 h = b1 << 16 | b0, n = 2 * WAYS + M.stash, i, j, st = M.nbs;
	u64 pk, by;

	if (!M.stash) {
		DCHECK(d_op(MCNIC_HW_OP_FLOW_WRITE, M.nbs, &e[0]) ==
		       MCNIC_HW_ST_BAD_ARG, "no stash: slot %u accepted",
		       M.nbs);
		return;
	}
	for (i = 0; i <= n; i++) {
		rbytes(&k[i], sizeof(k[i]));
		new_entry(&e[i], &k[i]);
		slot[i] = i < WAYS ? mcnic_hw_ft_slot(b0, i) :
			  i < 2 * WAYS ? mcnic_hw_ft_slot(b1, i - WAYS) :
			  st + i - 2 * WAYS;
	}
	DCHECK(d_op(MCNIC_HW_OP_FLOW_FLUSH, 0, NULL) == MCNIC_HW_ST_OK,
	       "FLUSH refused");
	for (i = 0; i < n; i++)
		DCHECK(d_op(MCNIC_HW_OP_FLOW_WRITE, slot[i], &e[i]) ==
		       MCNIC_HW_ST_OK, "WRITE of slot %u refused", slot[i]);
	for (i = 0; i < n; i++)
		d_hit(&k[i], h, slot[i], &e[i], "a key where it was put");
	d_miss(&k[n], h, "a key that was not put");

	/* Stash entry i counts i + 1 frames of 100 + i bytes. */
	for (i = 0; i < M.stash; i++)
		for (j = 0; j <= i; j++)
			d_count(st + i, 100 + i);
	for (i = 0; i < M.stash; i++) {
		d_read(st + i, &pk, &by);
		DCHECK(pk == i + 1 && by == (i + 1) * (100 + i),
		       "stash counter %u: %llu/%llu", i, (unsigned long long)pk,
		       (unsigned long long)by);
	}

	/* CLEAR of entry 2: its key misses, its counts stay, 3 still hits. */
	d_op(MCNIC_HW_OP_FLOW_CLEAR, st + 2, NULL);
	d_miss(&k[2 * WAYS + 2], h, "the key of a cleared stash entry");
	d_hit(&k[2 * WAYS + 3], h, st + 3, &e[2 * WAYS + 3], "its neighbour");
	d_read(st + 2, &pk, &by);
	DCHECK(pk == 3 && by == 3 * 102, "a cleared entry's counter: %llu",
	       (unsigned long long)pk);

	/* Overwrite entry 3 with key n: the old key misses, the new hits. */
	d_op(MCNIC_HW_OP_FLOW_WRITE, st + 3, &e[n]);
	d_miss(&k[2 * WAYS + 3], h, "an overwritten stash entry's old key");
	d_hit(&k[n], h, st + 3, &e[n], "an overwritten stash entry's key");
	d_read(st + 3, &pk, &by);
	DCHECK(!pk && !by, "an overwritten entry's counter: %llu",
	       (unsigned long long)pk);

	/* Key 0 in way 0 of b0 and in entry 2: the way wins, then the stash. */
	d_op(MCNIC_HW_OP_FLOW_WRITE, st + 2, &e[0]);
	d_hit(&k[0], h, slot[0], &e[0], "a key in a way and the stash");
	d_op(MCNIC_HW_OP_FLOW_CLEAR, slot[0], NULL);
	d_hit(&k[0], h, st + 2, &e[0], "the same key, its way cleared");

	/* The last slot is the stash's last; one past it is beyond. */
	DCHECK(d_op(MCNIC_HW_OP_FLOW_WRITE, M.nslot - 1, &e[1]) ==
	       MCNIC_HW_ST_OK, "the last stash slot refused");
	DCHECK(d_op(MCNIC_HW_OP_FLOW_WRITE, M.nslot, &e[1]) ==
	       MCNIC_HW_ST_BAD_ARG, "slot %u accepted", M.nslot);
	DCHECK(d_op(MCNIC_HW_OP_FLOW_CLEAR, M.nslot, NULL) ==
	       MCNIC_HW_ST_BAD_ARG, "CLEAR of slot %u accepted", M.nslot);

	/* A FLUSH empties the stash and zeroes its counters. */
	d_op(MCNIC_HW_OP_FLOW_FLUSH, 0, NULL);
	for (i = 0; i <= n; i++)
		d_miss(&k[i], h, "a key after FLUSH");
	for (i = 0; i < M.stash; i++) {
		d_read(st + i, &pk, &by);
		DCHECK(!pk && !by, "stash counter %u after FLUSH: %llu", i,
		       (unsigned long long)pk);
	}
}

static void final_counters(void)
{
	u32 s;

	drain();
	while (flushing_at(M.cyc) || M.pend)
		step();
	for (s = 0; s < M.nslot; s++) {
		in.ctr_rd_slot = s;
		step();
	}
}

/* Cycles per lookup with no gaps and no back-pressure. */
static void throughput(void)
{
	long long c0;
	unsigned long n0 = cov[V_HIT] + cov[V_MISS];
	struct knobs kn = { 100, 100, 0, 0, 0 };

	drain();
	c0 = M.cyc;
	run(&kn, 2000);
	printf("  throughput: %lu lookups in %lld cycles\n",
	       cov[V_HIT] + cov[V_MISS] - n0, M.cyc - c0);
	if (M.cyc - c0 > 2000 + 2)
		FAIL("throughput below one lookup per cycle");
}

/* Accepted at edge X, m_res_valid in the cycle after edge X + 1. */
static void latency(void)
{
	struct mcnic_hdl_ft_out o;
	unsigned int i;

	drain();
	new_req();
	step();
	for (i = 1; i <= 3; i++) {
		in.req_valid = 0;
		in.res_ready = 0;
		mcnic_hdl_ft_drive(&in, &o);
		if (o.res_valid != (i >= 2))
			FAIL("latency: res_valid %u %u cycles after accept",
			     o.res_valid, i);
		step();
	}
	drain();
}

static void make_pool(void)
{
	u32 i, b, tries;
	struct pkey *p;

	M.npool = M.log2b > 4 ? 2000 : 24;
	M.nplain = M.npool;
	for (i = 0; i < M.npool; i++) {
		p = &M.pool[i];
		rbytes(&p->k, sizeof(p->k));
		if (pr(30))	/* the shape of real keys: much zero */
			memset((u8 *)&p->k + 4, 0, 28);
		p->h = key_hash(&p->k);
	}
	/* Keys crowding buckets 0..2, or whose two buckets are one. */
	for (i = 0; i < (M.log2b > 4 ? 160u : 16u); i++) {
		p = &M.pool[M.npool++];
		for (tries = 0; ; tries++) {
			rbytes(&p->k, sizeof(p->k));
			p->h = key_hash(&p->k);
			b = mcnic_hw_ft_bucket(p->h, 0, M.log2b);
			if (i & 1 ? b == mcnic_hw_ft_bucket(p->h, 1, M.log2b) :
				    b < 3)
				break;
		}
	}
}

static unsigned int dir_fails;	/* of fails, the directed run's */

static void geometry(int geom, unsigned long lookups)
{
	static const struct knobs mix[] = {
		{ 100, 100, 20, 50, 30 }, { 70, 60, 30, 95, 30 },
		{ 30, 20, 50, 100, 30 }, { 90, 90, 5, 0, 30 },
		{ 100, 40, 60, 70, 30 }, { 60, 100, 40, 30, 30 },
	};
	unsigned int i, k, f0;
	struct knobs kn;
	int big;

	memset(&M, 0, sizeof(M));
	memset(&in, 0, sizeof(in));
	req_pend = wr_pend = held_valid = 0;
	M.log2b = mcnic_hdl_ft_open(geom, &M.stash);
	M.nbs = WAYS << M.log2b;
	M.nslot = M.nbs + M.stash;
	M.seed = (u32)rnd();
	M.flush_t = -1;		/* reset starts a flush */
	progress = 0;
	big = M.log2b > 4;
	make_pool();
	mcnic_hdl_ft_reset();

	latency();
	throughput();
	for (i = 0; i < 60 && !fails; i++) {
		kn = mix[i % (sizeof(mix) / sizeof(mix[0]))];
		/* Flushes take a cycle per slot: rarer in the big table. */
		kn.p_flush = big ? 8 : 500;
		k = i % 10 == 9;
		if (k)
			kn.p_cnt = 100;	/* counters at full rate */
		run(&kn, k ? lookups / 200 : lookups / 55);
	}
	ordering(200);
	f0 = fails;
	directed();
	dir_fails = fails - f0;
	final_counters();
	mcnic_hdl_ft_close();
}

/*
 * Every kind of event must have happened in each geometry; the stash's
 * never where there is none.
 */
static int coverage(void)
{
	unsigned int i, ok = 1;

	for (i = 0; i < V_N; i++) {
		printf("  %-24s %lu\n", cov_name[i], cov[i]);
		if (i >= V_STASH_FIRST && !M.stash) {
			if (cov[i]) {
				printf("FAIL: coverage: %s without a stash\n",
				       cov_name[i]);
				ok = 0;
			}
			continue;
		}
		/* A flush of the big table is 4104 cycles: a few. */
		if (cov[i] < (i == V_FLUSH ? 3u : 10u)) {
			printf("FAIL: coverage: too few %s\n", cov_name[i]);
			ok = 0;
		}
	}
	return ok;
}

int main(void)
{
	static const unsigned long lookups[MCNIC_HDL_FT_GEOMS] = {
		60000, 60000, 30000, 30000,
	};
	unsigned int i, pass = 0, fail = 0;
	unsigned long n, total = 0;

	for (i = 0; i < MCNIC_HDL_FT_GEOMS; i++) {
		fails = 0;
		memset(cov, 0, sizeof(cov));
		geometry(i, lookups[i]);
		n = cov[V_HIT] + cov[V_MISS];
		total += n;
		printf("%s: %u buckets, %u stash entries: %lu lookups (%lu "
		       "hits, %lu in the stash), %lld cycles\n",
		       fails ? "FAIL" : "ok", 1u << M.log2b, M.stash, n,
		       cov[V_HIT], cov[V_HIT_STASH], M.cyc);
		fails ? fail++ : pass++;
		printf("%s: directed (%s)\n", dir_fails ? "FAIL" : "ok",
		       M.stash ? "both buckets and the stash full, count, "
		       "clear, overwrite, shadow, range, flush" :
		       "no stash slot");
		dir_fails ? fail++ : pass++;
		coverage() ? pass++ : fail++;
	}
	printf("%s: %lu lookups in all\n", total >= 150000 ? "ok" : "FAIL",
	       total);
	total >= 150000 ? pass++ : fail++;
	printf("%u passed, %u failed\n", pass, fail);
	return fail ? 1 : 0;
}
