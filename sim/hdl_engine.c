// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL engine (hdl_engine.h).  Frames go through the model one at a
 * time: the firmware's punt handling and its IP ID hand-over assume the
 * pipeline is empty when a punted frame is decided, as it is here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hdl_engine.h"
#include "pipeline_shim.h"

/* A frame's result must come within this many cycles (a deadlock). */
#define HDL_ENGINE_WATCHDOG	200000

struct mcnic_hdl_engine {
	struct mcnic_hdl_pipe *hp;
	struct mcnic_hwpipe hw;
	struct mcnic_pipe *p;
	void *shadow;
	/* What the current frame produced. */
	u8 out[MCNIC_HW_FRAME_MAX + MCNIC_TMPL_HDR_MAX];
	u32 out_len;
	struct mcnic_hw_tx_user tu;
	u8 punt[MCNIC_HW_FRAME_MAX];
	u32 punt_len;
	struct mcnic_hw_rx_user pu;
	struct mcnic_hw_result res;
	int n_out, n_punt, n_res;
	u16 tag;
	struct mcnic_hdl_engine_stats st;
	u64 hits;		/* flow hits not yet folded */
	u64 broken;		/* frames the model mishandled */
	const char *why;
};

static void mcnic_hdl_engine_tx(void *priv, const u8 *frame, u32 len,
				const struct mcnic_hw_tx_user *tu)
{
	struct mcnic_hdl_engine *e = priv;

	if (len <= sizeof(e->out)) {
		memcpy(e->out, frame, len);
		e->out_len = len;
	}
	e->tu = *tu;
	e->n_out++;
}

static void mcnic_hdl_engine_punt(void *priv, const u8 *frame, u32 len,
				  const struct mcnic_hw_rx_user *u)
{
	struct mcnic_hdl_engine *e = priv;

	if (len <= sizeof(e->punt)) {
		memcpy(e->punt, frame, len);
		e->punt_len = len;
	}
	e->pu = *u;
	e->n_punt++;
}

static void mcnic_hdl_engine_result(void *priv, const struct mcnic_hw_result *r)
{
	struct mcnic_hdl_engine *e = priv;

	e->res = *r;
	e->n_res++;
}

struct mcnic_hdl_engine *mcnic_hdl_engine_open(struct mcnic_pipe *p,
					       char *err, size_t errlen)
{
	struct mcnic_hdl_engine *e = calloc(1, sizeof(*e));
	struct mcnic_hdl_pipe_ops ops = {
		.tx = mcnic_hdl_engine_tx, .punt = mcnic_hdl_engine_punt,
		.result = mcnic_hdl_engine_result,
	};
	struct mcnic_hw_bus bus = {
		.read = mcnic_hdl_pipe_read, .write = mcnic_hdl_pipe_write,
	};
	size_t sz = mcnic_hwpipe_mem_size(65536u * MCNIC_HW_FT_WAYS +
					   MCNIC_HW_FT_STASH_MAX, 256);
	int r;

	if (!e)
		goto nomem;
	ops.priv = e;
	e->p = p;
	e->hp = mcnic_hdl_pipe_open(&ops);
	e->shadow = malloc(sz);
	if (!e->hp || !e->shadow)
		goto nomem;
	bus.priv = e->hp;
	r = mcnic_hwpipe_init(&e->hw, p, &bus, e->shadow, sz);
	if (r) {
		snprintf(err, errlen, "HDL pipeline: %s",
			 r == -MCNIC_EIO ? "no pipeline at the CSR port" :
			 "its geometry does not fit the board");
		mcnic_hdl_engine_close(e);
		return NULL;
	}
	return e;
nomem:
	snprintf(err, errlen, "HDL pipeline: out of memory");
	mcnic_hdl_engine_close(e);
	return NULL;
}

void mcnic_hdl_engine_close(struct mcnic_hdl_engine *e)
{
	if (!e)
		return;
	if (e->hw.p)
		mcnic_hwpipe_fini(&e->hw);
	if (e->hp)
		mcnic_hdl_pipe_close(e->hp);
	free(e->shadow);
	free(e);
}

struct mcnic_hdl_pipe *mcnic_hdl_engine_model(struct mcnic_hdl_engine *e)
{
	return e->hp;
}

/* Runs one frame; 0 when its single result came (and nothing else). */
static int mcnic_hdl_engine_one(struct mcnic_hdl_engine *e, u16 port,
				const u8 *frame, u32 len, int reinject)
{
	struct mcnic_hw_rx_user u = {
		.port = port, .tag = e->tag++, .reinject = !!reinject,
	};
	s64 c;

	e->n_out = e->n_punt = e->n_res = 0;
	mcnic_hdl_pipe_send(e->hp, frame, len, &u);
	c = mcnic_hdl_pipe_run(e->hp, HDL_ENGINE_WATCHDOG);
	e->st.frames++;
	if (c < 0 || e->n_res != 1 || e->res.tag != u.tag)
		return -1;
	e->st.cycles += c;
	/* The last frame out of the pipeline is the result's. */
	return e->res.punt ? (e->n_punt == 1 && !e->n_out ? 0 : -1) :
	       (e->n_punt || e->n_out > 1 ? -1 : 0);
}

static void mcnic_hdl_engine_out(struct mcnic_hdl_engine *e,
				 struct mcnic_pkt *pkt,
				 struct mcnic_pipe_out *out)
{
	const struct mcnic_hw_result *r = &e->res;
	int head = pkt->head + pkt->len - e->out_len;

	memset(out, 0, sizeof(*out));
	out->port = r->port;
	out->queue = r->queue;
	out->drop = r->drop;
	out->act = r->act;
	out->rule = r->rule;
	out->hash = r->hash;
	if (r->drop || !e->n_out)
		return;
	/* The frame grows or shrinks at its head, as the firmware's does. */
	if (head < 0 || head + e->out_len > pkt->size)
		head = 0;
	pkt->head = head;
	pkt->len = e->out_len;
	memcpy(mcnic_pkt_data(pkt), e->out, e->out_len);
}

enum mcnic_drop mcnic_hdl_engine_rx(struct mcnic_hdl_engine *e, u16 port,
				    struct mcnic_pkt *pkt, u64 now,
				    struct mcnic_pipe_out *out)
{
	u16 head = pkt->head;
	enum mcnic_drop drop;
	int reinject = 0;

	for (;;) {
		if (mcnic_hdl_engine_one(e, port, reinject ? e->punt :
					 mcnic_pkt_data(pkt),
					 reinject ? e->punt_len : pkt->len,
					 reinject)) {
			if (!e->broken++)
				e->why = "a frame without exactly one result "
					 "(or a deadlock)";
			memset(out, 0, sizeof(*out));
			out->drop = MCNIC_DROP_PORT_INVALID;
			return out->drop;
		}
		if (!e->res.punt) {
			e->st.hdl_executed++;
			/* A re-injected frame's miss was the firmware's. */
			if (e->res.slot != ~0u && !reinject)
				e->hits++;
			mcnic_hdl_engine_out(e, pkt, out);
			return out->drop;
		}
		e->st.punted++;
		/*
		 * The firmware gets the frame as punted; deciding may decap it
		 * in place, so a re-injection sends the punted copy.
		 */
		pkt->head = head;
		pkt->len = e->punt_len;
		memcpy(mcnic_pkt_data(pkt), e->punt, e->punt_len);
		if (!mcnic_hwpipe_punt(&e->hw, &e->pu, e->pu.punt, pkt, now,
				       out, &drop))
			return drop;
		e->st.reinjected++;
		reinject = 1;
	}
}

/* A counter pair (packets, bytes) of the HDL, latched by its first word. */
static void mcnic_hdl_engine_ctr(struct mcnic_hdl_engine *e, u32 idx,
				 struct mcnic_ctr *into)
{
	u32 a = MCNIC_HW_CTR_ADDR(idx);
	u64 pk = mcnic_hdl_pipe_read(e->hp, a);

	pk |= (u64)mcnic_hdl_pipe_read(e->hp, a + 4) << 32;
	into->packets += pk;
	into->bytes += mcnic_hdl_pipe_read(e->hp, a + 8) |
		       (u64)mcnic_hdl_pipe_read(e->hp, a + 12) << 32;
}

void mcnic_hdl_engine_fold(struct mcnic_hdl_engine *e)
{
	struct mcnic_pipe *p = e->p;
	u32 i;

	mcnic_hwpipe_fold(&e->hw);
	for (i = 0; i < MCNIC_DROP_COUNT; i++)
		mcnic_hdl_engine_ctr(e, MCNIC_HW_CTR_DROP + i, &p->drops[i]);
	for (i = 0; i < p->lim.ports; i++) {
		mcnic_hdl_engine_ctr(e, MCNIC_HW_CTR_PORT_RX + i,
				     &p->port[i].rx);
		mcnic_hdl_engine_ctr(e, MCNIC_HW_CTR_PORT_TX + i,
				     &p->port[i].tx);
		mcnic_hdl_engine_ctr(e, MCNIC_HW_CTR_PORT_DROP + i,
				     &p->port[i].drop);
	}
	for (i = 0; i < p->lim.tmpls && i < e->hw.tmpls; i++)
		mcnic_hdl_engine_ctr(e, MCNIC_HW_CTR_TMPL_TX + i,
				     &p->tmpl_tx[i]);
	mcnic_hdl_pipe_write(e->hp, MCNIC_HW_REG_CMD, MCNIC_HW_OP_CTR_CLEAR);
	p->st.flow_hits += e->hits;
	e->hits = 0;
}

void mcnic_hdl_engine_stats(const struct mcnic_hdl_engine *e,
			    struct mcnic_hdl_engine_stats *st)
{
	*st = e->st;
	st->fw = e->hw.st;
}

u64 mcnic_hdl_engine_violations(const struct mcnic_hdl_engine *e,
				const char **first)
{
	u64 n = mcnic_hdl_pipe_violations(e->hp, first);

	if (e->broken && first && !n)
		*first = e->why;
	return n + e->broken;
}
