// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The HDL pipeline's driver (hwpipe.h).  The HDL flow table is a cache of
 * the firmware's: a slot holds a flow the firmware decided, and losing one
 * (eviction, flush) only costs a punt.  So placement is simple: the slot
 * the key already has, else a free way of its two buckets, else a victim
 * chosen round-robin among those eight ways.
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

static void mcnic_hwpipe_flows_clear(void *priv)
{
	struct mcnic_hwpipe *hw = priv;

	mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_FLUSH, 0, NULL, 0);
	__builtin_memset(hw->used, 0, hw->slots);
}

size_t mcnic_hwpipe_mem_size(u32 slots)
{
	return slots * (sizeof(struct mcnic_flow_key) + 1);
}

static int mcnic_hwpipe_geometry(struct mcnic_hwpipe *hw)
{
	u32 geom;

	if (mcnic_hwpipe_rd(hw, MCNIC_HW_REG_ID) != MCNIC_HW_ID_MAGIC ||
	    mcnic_hwpipe_rd(hw, MCNIC_HW_REG_VERSION) != MCNIC_HW_VERSION)
		return -MCNIC_EIO;
	geom = mcnic_hwpipe_rd(hw, MCNIC_HW_REG_GEOM);
	hw->log2b = geom & 0xff;
	hw->ports = (geom >> 8) & 0xff;
	hw->tmpls = 1u << ((geom >> 16) & 0xff);
	hw->slots = (1u << hw->log2b) * MCNIC_HW_FT_WAYS;
	/* The same ports: both engines count every port id in range. */
	if (!hw->log2b || hw->log2b > 16 || hw->ports != hw->p->lim.ports)
		return -MCNIC_EINVAL;
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
	if (size < mcnic_hwpipe_mem_size(hw->slots))
		return -MCNIC_ENOMEM;
	hw->shadow = mem;
	hw->used = (u8 *)mem + hw->slots * sizeof(struct mcnic_flow_key);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_CTRL, 0);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_FT_SEED, p->flows.seed);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_IP_ID, p->ip_id);
	mcnic_hwpipe_flows_clear(hw);
	mcnic_hwpipe_op(hw, MCNIC_HW_OP_CTR_CLEAR, 0, NULL, 0);
	mcnic_hwpipe_parse(hw);
	for (i = 0; i < p->lim.ports; i++)
		mcnic_hwpipe_port(hw, i);
	for (i = 0; i < p->lim.tmpls && i < hw->tmpls; i++)
		mcnic_hwpipe_tmpl(hw, i);
	for (i = 1; i <= MCNIC_VRF_ID_MAX; i++)
		mcnic_hwpipe_gen(hw, i, p->vrf[i].gen);
	hw->notify = (struct mcnic_pipe_notify) {
		.port = mcnic_hwpipe_port, .tmpl = mcnic_hwpipe_tmpl,
		.gen = mcnic_hwpipe_gen, .parse = mcnic_hwpipe_parse,
		.flows_clear = mcnic_hwpipe_flows_clear, .priv = hw,
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

/* The slot for key: where it is, else a free way, else a victim. */
static u32 mcnic_hwpipe_place(struct mcnic_hwpipe *hw,
			      const struct mcnic_flow_key *key)
{
	u32 h = mcnic_flow_cache_hash(&hw->p->flows, key), b, w, s;
	u32 free = hw->slots;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		b = mcnic_hw_ft_bucket(h, i, hw->log2b);
		for (w = 0; w < MCNIC_HW_FT_WAYS; w++) {
			s = mcnic_hw_ft_slot(b, w);
			if (!hw->used[s]) {
				if (free == hw->slots)
					free = s;
			} else if (!__builtin_memcmp(&hw->shadow[s], key,
						     sizeof(*key))) {
				return s;
			}
		}
	}
	if (free < hw->slots)
		return free;
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

	if (mcnic_hwpipe_op(hw, MCNIC_HW_OP_FLOW_WRITE, s, e, sizeof(*e)))
		return -MCNIC_EIO;
	hw->shadow[s] = e->key;
	hw->used[s] = 1;
	hw->st.offered++;
	return 0;
}

int mcnic_hwpipe_punt(struct mcnic_hwpipe *hw,
		      const struct mcnic_hw_rx_user *u, u8 reason,
		      struct mcnic_pkt *pkt, u64 now,
		      struct mcnic_pipe_out *out, enum mcnic_drop *drop)
{
	struct mcnic_pipe *p = hw->p;
	struct mcnic_flow_entry e;
	int offer = (reason == MCNIC_PUNT_MISS || reason == MCNIC_PUNT_STALE) &&
		    !u->reinject;

	/* Both engines draw outer IPv4 IDs from the HDL's one counter. */
	p->ip_id = mcnic_hwpipe_rd(hw, MCNIC_HW_REG_IP_ID);
	if (offer) {
		*drop = mcnic_pipe_rx_offer(p, u->port, pkt, now, out, &e);
		if (out->offered && mcnic_hwpipe_fits(hw, &e) &&
		    !mcnic_hwpipe_install(hw, &e))
			return 1;
	}
	/* Offered but not expressible: now cached, it executes here. */
	if (!offer || out->offered)
		*drop = mcnic_pipe_rx(p, u->port, pkt, now, out);
	mcnic_hwpipe_wr(hw, MCNIC_HW_REG_IP_ID, p->ip_id);
	hw->st.executed++;
	return 0;
}
