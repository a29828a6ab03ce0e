// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL pipeline's driver (hwpipe.h).  The HDL flow table is a cache of
 * the firmware's: a slot holds a flow the firmware decided, and losing one
 * (eviction, flush) only costs a punt.  So placement is simple: the slot
 * the key already has, else a free way of its two buckets, else a free
 * stash slot, else a victim chosen round-robin among those eight ways.
 *
 * A stash slot is never the victim.  The stash is shared by the whole
 * table: a victim among it would be some other pair of full buckets' key,
 * which comes back on its next punt and takes a stash slot (or a way)
 * from yet another, so hot buckets would thrash everybody's overflow.  A
 * victim among the key's own ways keeps the cost of a crowded bucket pair
 * with the keys that crowd it.  The price: a stash slot stays taken until
 * its flow is forgotten (flow_del) or flushed, even when the flow has gone
 * quiet (an entry made stale by a route or policy change is rewritten in
 * its own slot when its next frame is punted).
 */
#include "hwpipe.h"

static void mcnic_hwpipe_wr(struct mcnic_hwpipe *hw, u32 addr, u32 val)
{
	hw->bus.write(hw->bus.priv, addr, val);
}

static u32 mcnic_hwpipe_rd(struct mcnic_hwpipe *hw, u32 addr)
{
	return hw->bus.read(hw->bus.priv, addr);
}

/* An image goes out as little-endian words: the HDL's struct layout. */
static void mcnic_hwpipe_wr_image(struct mcnic_hwpipe *hw, u32 addr,
				  const void *img, u32 len)
{
	const u8 *b = img;
	u32 i;

	for (i = 0; i < len; i += 4)
		mcnic_hwpipe_wr(hw, addr + i, (u32)b[i] | (u32)b[i + 1] << 8 |
				(u32)b[i + 2] << 16 | (u32)b[i + 3] << 24);
}

static int mcnic_hwpipe_op(struct mcnic_hwpipe *hw, u32 op, u32 arg,
			   const void *img, u32 len)
{
	if (img)
		mcnic_hwpipe_wr_image(hw, MCNIC_HW_REG_STAGE, img, len);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_CMD, op | arg << 8);
	return mcnic_hwpipe_rd(hw, MCNIC_HW_REG_STATUS) ? -MCNIC_EIO : 0;
}

static void mcnic_hwpipe_port(void *priv, u16 id)
{
	struct mcnic_hwpipe *hw = priv;
	const struct mcnic_port_cfg *c = &hw->p->port[id].cfg;
	struct mcnic_hw_port hp = {
		.kind = c->kind, .up = c->up, .mtu = c->mtu, .vrf = c->vrf,
	};

	if (id < hw->ports)
		mcnic_hwpipe_op(hw, MCNIC_HW_OP_PORT_WRITE, id, &hp, sizeof(hp));
}

static void mcnic_hwpipe_tmpl(void *priv, u32 idx)
{
	struct mcnic_hwpipe *hw = priv;

	if (idx < hw->tmpls)
		mcnic_hwpipe_op(hw, MCNIC_HW_OP_TMPL_WRITE, idx,
				&hw->p->tmpl[idx], sizeof(hw->p->tmpl[idx]));
}

static void mcnic_hwpipe_gen(void *priv, u16 vrf, u32 gen)
{
	mcnic_hwpipe_wr(priv, MCNIC_HW_REG_VRF_GEN + vrf * 4, gen);
}

static void mcnic_hwpipe_parse(void *priv)
{
	struct mcnic_hwpipe *hw = priv;

	mcnic_hwpipe_wr_image(hw, MCNIC_HW_REG_PARSE, &hw->p->parse,
			      sizeof(hw->p->parse));
}

/* A slot's counted packets into the firmware's counters; 1 if any. */
static int mcnic_hwpipe_fold_slot(struct mcnic_hwpipe *hw, u32 s)
{
	u32 a = MCNIC_HW_CTR_ADDR(MCNIC_HW_CTR_FLOW + s);
	u64 pk, by;

	pk = mcnic_hwpipe_rd(hw, a);
	pk |= (u64)mcnic_hwpipe_rd(hw, a + 4) << 32;
	by = mcnic_hwpipe_rd(hw, a + 8);
	by |= (u64)mcnic_hwpipe_rd(hw, a + 12) << 32;
	if (!pk)
		return 0;
	mcnic_pipe_flow_fold(hw->p, &hw->shadow[s], pk, by, hw->now);
	return 1;
}

/* A tunnel slot's decapped frames since the last fold, to its peer. */
static void mcnic_hwpipe_fold_tun(struct mcnic_hwpipe *hw, u32 i)
{
	struct mcnic_hwpipe_tun *t = &hw->tun[i];
	u32 a = MCNIC_HW_CTR_ADDR(MCNIC_HW_CTR_TUN + i);
	struct mcnic_ctr *c;
	u64 pk, by;

	pk = mcnic_hwpipe_rd(hw, a);
	pk |= (u64)mcnic_hwpipe_rd(hw, a + 4) << 32;
	by = mcnic_hwpipe_rd(hw, a + 8);
	by |= (u64)mcnic_hwpipe_rd(hw, a + 12) << 32;
	if (t->t.valid && t->peer < hw->p->lim.peers) {
		c = &hw->p->peer_rx[t->peer];
		c->packets += pk - t->base_packets;
		c->bytes += by - t->base_bytes;
	}
	t->base_packets = pk;
	t->base_bytes = by;
}

static void mcnic_hwpipe_tun_write(struct mcnic_hwpipe *hw, u32 i)
{
	mcnic_hwpipe_op(hw, MCNIC_HW_OP_TUN_WRITE, i, &hw->tun[i].t,
			sizeof(hw->tun[i].t));
}

static void mcnic_hwpipe_tunnels(void *priv)
{
	struct mcnic_hwpipe *hw = priv;
	u32 i;

	for (i = 0; i < hw->tuns; i++) {
		if (!hw->tun[i].t.valid)
			continue;
		mcnic_hwpipe_fold_tun(hw, i);
		hw->tun[i].t.valid = 0;
		mcnic_hwpipe_tun_write(hw, i);
	}
}

/* The firmware's VTEP table has the HDL's layout (hwpipe.h). */
_Static_assert(sizeof(struct mcnic_vtep) == sizeof(struct mcnic_hw_vtep),
	       "struct mcnic_vtep and struct mcnic_hw_vtep");

static void mcnic_hwpipe_vteps(void *priv)
{
	struct mcnic_hwpipe *hw = priv;
	u32 i;

	for (i = 0; i < MCNIC_HW_VTEPS; i++)
		mcnic_hwpipe_op(hw, MCNIC_HW_OP_VTEP_WRITE, i, &hw->p->vtep[i],
				sizeof(hw->p->vtep[i]));
}

void mcnic_hwpipe_fold(struct mcnic_hwpipe *hw)
{
	u32 s;

	for (s = 0; s < hw->tuns; s++)
		if (hw->tun[s].t.valid)
			mcnic_hwpipe_fold_tun(hw, s);
	/* Writing the entry again zeroes its counters. */
	for (s = 0; s < hw->slots; s++)
		if (hw->used[s] && mcnic_hwpipe_fold_slot(hw, s))
			mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_WRITE, s,
					&hw->shadow[s], sizeof(hw->shadow[s]));
}

static void mcnic_hwpipe_flows_clear(void *priv)
{
	struct mcnic_hwpipe *hw = priv;
	u32 s;

	for (s = 0; s < hw->slots; s++)
		if (hw->used[s])
			mcnic_hwpipe_fold_slot(hw, s);
	mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_FLUSH, 0, NULL, 0);
	__builtin_memset(hw->used, 0, hw->slots);
}

static int mcnic_hwpipe_holds(const struct mcnic_hwpipe *hw, u32 s,
			      const struct mcnic_flow_key *key)
{
	return hw->used[s] &&
	       !__builtin_memcmp(&hw->shadow[s].key, key, sizeof(*key));
}

/* The slot holding key (its buckets', else the stash's), or hw->slots. */
static u32 mcnic_hwpipe_find(const struct mcnic_hwpipe *hw,
			     const struct mcnic_flow_key *key, u32 h)
{
	u32 b, w, s;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		b = mcnic_hw_ft_bucket(h, i, hw->log2b);
		for (w = 0; w < MCNIC_HW_FT_WAYS; w++) {
			s = mcnic_hw_ft_slot(b, w);
			if (mcnic_hwpipe_holds(hw, s, key))
				return s;
		}
	}
	for (i = 0; i < hw->stash; i++) {
		s = mcnic_hw_ft_stash_slot(hw->log2b, i);
		if (mcnic_hwpipe_holds(hw, s, key))
			return s;
	}
	return hw->slots;
}

/* The firmware forgot a flow: so does the HDL (its counts kept). */
static void mcnic_hwpipe_flow_del(void *priv, const struct mcnic_flow_key *key)
{
	struct mcnic_hwpipe *hw = priv;
	u32 s = mcnic_hwpipe_find(hw, key,
				  mcnic_flow_cache_hash(&hw->p->flows, key));

	if (s == hw->slots)
		return;
	mcnic_hwpipe_fold_slot(hw, s);
	mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_CLEAR, s, NULL, 0);
	hw->used[s] = 0;
}

size_t mcnic_hwpipe_mem_size(u32 slots, u32 tuns)
{
	return slots * (sizeof(struct mcnic_flow_entry) + 1) +
	       tuns * sizeof(struct mcnic_hwpipe_tun) + 8;
}

static int mcnic_hwpipe_geometry(struct mcnic_hwpipe *hw)
{
	u32 geom, geom2;

	if (mcnic_hwpipe_rd(hw, MCNIC_HW_REG_ID) != MCNIC_HW_ID_MAGIC ||
	    mcnic_hwpipe_rd(hw, MCNIC_HW_REG_VERSION) != MCNIC_HW_VERSION)
		return -MCNIC_EIO;
	geom = mcnic_hwpipe_rd(hw, MCNIC_HW_REG_GEOM);
	hw->log2b = geom & 0xff;
	hw->ports = (geom >> 8) & 0xff;
	hw->tmpls = 1u << ((geom >> 16) & 0xff);
	hw->tuns = 1u << (geom >> 24);
	geom2 = mcnic_hwpipe_rd(hw, MCNIC_HW_REG_GEOM2);
	hw->stash = geom2 & 0xff;
	/*
	 * Every port of the board is the HDL's.  Its counters of ports beyond
	 * the board (whose frames both engines drop) are never folded in.
	 */
	if (!hw->log2b || hw->log2b > 16 || hw->ports < hw->p->lim.ports ||
	    hw->stash > MCNIC_HW_FT_STASH_MAX)
		return -MCNIC_EINVAL;
	hw->slots = mcnic_hw_ft_stash_slot(hw->log2b, hw->stash);
	return 0;
}

int mcnic_hwpipe_init(struct mcnic_hwpipe *hw, struct mcnic_pipe *p,
		      const struct mcnic_hw_bus *bus, void *mem, size_t size)
{
	u32 i;
	int r;

	__builtin_memset(hw, 0, sizeof(*hw));
	hw->bus = *bus;
	hw->p = p;
	r = mcnic_hwpipe_geometry(hw);
	if (r)
		return r;
	if (size < mcnic_hwpipe_mem_size(hw->slots, hw->tuns))
		return -MCNIC_ENOMEM;
	__builtin_memset(mem, 0, mcnic_hwpipe_mem_size(hw->slots, hw->tuns));
	hw->shadow = mem;
	hw->used = (u8 *)mem + hw->slots * sizeof(struct mcnic_flow_entry);
	hw->tun = (void *)(((uintptr_t)(hw->used + hw->slots) + 7) & ~7ul);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_CTRL, 0);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_FT_SEED, p->flows.seed);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_IP_ID, p->ip_id);
	mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_FLUSH, 0, NULL, 0);
	mcnic_hwpipe_op(hw, MCNIC_HW_OP_CTR_CLEAR, 0, NULL, 0);
	mcnic_hwpipe_parse(hw);
	for (i = 0; i < p->lim.ports; i++)
		mcnic_hwpipe_port(hw, i);
	for (i = 0; i < p->lim.tmpls && i < hw->tmpls; i++)
		mcnic_hwpipe_tmpl(hw, i);
	for (i = 1; i <= MCNIC_VRF_ID_MAX; i++)
		mcnic_hwpipe_gen(hw, i, p->vrf[i].gen);
	mcnic_hwpipe_vteps(hw);
	for (i = 0; i < hw->tuns; i++)
		mcnic_hwpipe_tun_write(hw, i);
	hw->notify = (struct mcnic_pipe_notify) {
		.port = mcnic_hwpipe_port, .tmpl = mcnic_hwpipe_tmpl,
		.gen = mcnic_hwpipe_gen, .parse = mcnic_hwpipe_parse,
		.flows_clear = mcnic_hwpipe_flows_clear,
		.vteps = mcnic_hwpipe_vteps, .tunnels = mcnic_hwpipe_tunnels,
		.flow_del = mcnic_hwpipe_flow_del, .priv = hw,
	};
	p->notify = &hw->notify;
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_CTRL, MCNIC_HW_CTRL_ENABLE);
	return 0;
}

void mcnic_hwpipe_fini(struct mcnic_hwpipe *hw)
{
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_CTRL, 0);
	hw->p->notify = NULL;
}

/*
 * The slot for key: where it is, else a free way, else a free stash slot,
 * else a victim among its ways (never the stash: see the top).
 */
static u32 mcnic_hwpipe_place(struct mcnic_hwpipe *hw,
			      const struct mcnic_flow_key *key)
{
	u32 h = mcnic_flow_cache_hash(&hw->p->flows, key), b, w, s;
	unsigned int i;

	s = mcnic_hwpipe_find(hw, key, h);
	if (s < hw->slots)
		return s;
	for (i = 0; i < 2; i++) {
		b = mcnic_hw_ft_bucket(h, i, hw->log2b);
		for (w = 0; w < MCNIC_HW_FT_WAYS; w++) {
			s = mcnic_hw_ft_slot(b, w);
			if (!hw->used[s])
				return s;
		}
	}
	for (i = 0; i < hw->stash; i++) {
		s = mcnic_hw_ft_stash_slot(hw->log2b, i);
		if (!hw->used[s]) {
			hw->st.stashed++;
			return s;
		}
	}
	hw->st.evicted++;
	i = hw->victim++ % (2 * MCNIC_HW_FT_WAYS);
	b = mcnic_hw_ft_bucket(h, i / MCNIC_HW_FT_WAYS, hw->log2b);
	return mcnic_hw_ft_slot(b, i % MCNIC_HW_FT_WAYS);
}

/* What the HDL's tables can express (its template and port ranges). */
static int mcnic_hwpipe_fits(const struct mcnic_hwpipe *hw,
			     const struct mcnic_flow_entry *e)
{
	if (e->act.type == MCNIC_ACT_ENCAP && e->act.tmpl >= hw->tmpls)
		return 0;
	return e->act.type == MCNIC_ACT_DROP || e->act.port < hw->ports;
}

static int mcnic_hwpipe_install(struct mcnic_hwpipe *hw,
				const struct mcnic_flow_entry *e)
{
	u32 s = mcnic_hwpipe_place(hw, &e->key);

	/* What the slot counted belongs to its old decision. */
	if (hw->used[s])
		mcnic_hwpipe_fold_slot(hw, s);
	if (mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_WRITE, s, e, sizeof(*e)))
		return -MCNIC_EIO;
	hw->shadow[s] = *e;
	hw->used[s] = 1;
	hw->st.offered++;
	return 0;
}

/* The tunnel slot for what o learnt: its own, a free one, else a victim. */
static void mcnic_hwpipe_tun_install(struct mcnic_hwpipe *hw,
				     const struct mcnic_pipe_offer *o)
{
	struct mcnic_hw_tun t = { .vni = o->vni, .family = o->family,
				  .valid = 1, .vrf = o->vrf };
	u32 i, free = hw->tuns;

	__builtin_memcpy(t.saddr, o->saddr, 16);
	for (i = 0; i < hw->tuns; i++) {
		if (!hw->tun[i].t.valid) {
			if (free == hw->tuns)
				free = i;
		} else if (!__builtin_memcmp(&hw->tun[i].t, &t, sizeof(t))) {
			return;
		}
	}
	i = free < hw->tuns ? free : hw->tun_victim++ % hw->tuns;
	mcnic_hwpipe_fold_tun(hw, i);
	hw->tun[i].t = t;
	hw->tun[i].peer = o->peer;
	mcnic_hwpipe_tun_write(hw, i);
	hw->st.tunnels++;
}

int mcnic_hwpipe_punt(struct mcnic_hwpipe *hw,
		      const struct mcnic_hw_rx_user *u, u8 reason,
		      struct mcnic_pkt *pkt, u64 now,
		      struct mcnic_pipe_out *out, enum mcnic_drop *drop)
{
	struct mcnic_pipe *p = hw->p;
	struct mcnic_pipe_offer o;
	int offer = (reason == MCNIC_PUNT_MISS || reason == MCNIC_PUNT_STALE ||
		     reason == MCNIC_PUNT_TUNNEL) && !u->reinject;

	hw->now = now;
	/* Both engines draw outer IPv4 IDs from the HDL's one counter. */
	p->ip_id = mcnic_hwpipe_rd(hw, MCNIC_HW_REG_IP_ID);
	if (offer) {
		*drop = mcnic_pipe_rx_offer(p, u->port, pkt, now, out, &o);
		if (o.tun)
			mcnic_hwpipe_tun_install(hw, &o);
		if (o.flow && mcnic_hwpipe_fits(hw, &o.e) &&
		    !mcnic_hwpipe_install(hw, &o.e))
			return 1;
	}
	/* Offered but not expressible: now cached, it executes here. */
	if (!offer || out->offered)
		*drop = mcnic_pipe_rx(p, u->port, pkt, now, out);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_IP_ID, p->ip_id);
	hw->st.executed++;
	return 0;
}
