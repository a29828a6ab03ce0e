// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The packet path: classify a frame by its receiving port, find its flow,
 * ask the slow path on a miss or a stale hit, execute the action, count.
 * Tunnel checks that depend on the outer headers (local VTEP, VNI, peer,
 * checksums) run on every packet, before the flow cache: a cached flow must
 * never let a spoofed or corrupt outer header through.
 */
#include "pipe.h"
#include <mcnic/byteorder.h>

/*
 * The per-packet steps shared by ingress and egress are inlined into both:
 * their calls' register saves and restores were 40 of the ~760
 * instructions of an egress hit.
 */
#define MCNIC_PIPE_STEP static inline __attribute__((always_inline))

/*
 * The entry points (mcnic_pipe_rx and the two kinds of burst) take every
 * call they make inline: in an LTO link (mcnic-sim's, pipebench's) the
 * parse, lookups, slow path and encap of the other files too, which were
 * about 300 of a miss's 2050 instructions in calls, register saves and
 * arguments.
 */
#define MCNIC_PIPE_ENTRY __attribute__((flatten))

/*
 * Two scalar adds to memory: left alone, the compiler pairs them into a
 * five-instruction vector add (a load, two inserts, an add, a store).
 */
static void mcnic_ctr_add(struct mcnic_ctr *c, u32 bytes)
{
	c->packets++;
	__asm__("" : "+m"(c->packets));
	c->bytes += bytes;
}

static u16 mcnic_layer_ip_len(const struct mcnic_layer *l)
{
	return l->end - l->l3_off;
}

static const struct mcnic_port *mcnic_pipe_port_up(const struct mcnic_pipe *p,
						   u16 id, u8 kind)
{
	const struct mcnic_port *pt;

	if (id >= p->lim.ports)
		return NULL;
	pt = &p->port[id];
	return pt->cfg.kind == kind && pt->cfg.up ? pt : NULL;
}

static void mcnic_pipe_rule_count(struct mcnic_pipe *p, u32 rule, u16 vrf,
				  u64 packets, u64 bytes)
{
	struct mcnic_kvmap_key k;
	u32 ctr;

	__builtin_memset(&k, 0, sizeof(k));
	k.w[0] = rule;
	k.w[1] = vrf;
	if (!mcnic_kvmap_get(&p->rule_ctr_map, &k, &ctr)) {
		p->rule_ctr[ctr].packets += packets;
		p->rule_ctr[ctr].bytes += bytes;
	}
}

/*
 * What the HDL executes itself (include/mcnic/hwpipe.h): actions that are
 * not sampled (telemetry stays here) and need no second pass (transit is
 * re-parsed and re-encapsulated here).  Per-rule counts of the frames it
 * executes are folded in from its flow counters.
 */
static int mcnic_pipe_offerable(const struct mcnic_tunnel_action *act,
				const struct mcnic_flow_key *key)
{
	if (act->flags & MCNIC_ACTF_SAMPLE)
		return 0;
	if (key->kind & MCNIC_FK_INGRESS)
		return act->type == MCNIC_ACT_DECAP ||
		       act->type == MCNIC_ACT_DROP;
	return act->type == MCNIC_ACT_ENCAP || act->type == MCNIC_ACT_FORWARD ||
	       act->type == MCNIC_ACT_DROP;
}

static __attribute__((noinline, cold)) int
mcnic_pipe_offer(struct mcnic_pipe *p, const struct mcnic_flow_key *key,
		 u32 gen, const struct mcnic_tunnel_action *act)
{
	if (!mcnic_pipe_offerable(act, key))
		return 0;
	p->offer->e.key = *key;
	p->offer->e.gen = gen;
	p->offer->e.act = *act;
	p->offer->flow = 1;
	return 1;
}

/* What the HDL's tunnel cache learns from a frame that passed. */
static __attribute__((noinline, cold)) void
mcnic_pipe_offer_tun(struct mcnic_pipe *p, const struct mcnic_pkt_meta *m,
		     u16 vrf, u32 peer)
{
	struct mcnic_pipe_offer *o = p->offer;

	o->tun = 1;
	o->vni = m->vni;
	o->family = m->outer.l3;
	o->vrf = vrf;
	o->peer = peer;
	__builtin_memcpy(o->saddr, m->outer.saddr, 16);
}

/*
 * What follows a flow's lookup (idx, gen, act: its result; vgen: the VRF's
 * generation read before it): on a miss or stale hit, decide and install.
 * Returns 1 when the decision was offered to the HDL instead of executed.
 */
MCNIC_PIPE_STEP int mcnic_pipe_flow_found(struct mcnic_pipe *p,
					  const struct mcnic_flow_key *key,
					  const struct mcnic_slow_in *in,
					  u32 h, u32 vgen, s32 idx, u32 gen,
					  u32 bytes, u64 now,
					  struct mcnic_tunnel_action *act)
{
	if (idx >= 0 && gen == vgen) {
		p->st.flow_hits++;
	} else {
		mcnic_slowpath_decide(p, in, act);
		if (idx >= 0) {
			p->st.flow_stale++;
			mcnic_flow_cache_update(&p->flows, idx, vgen, act);
		} else {
			p->st.flow_misses++;
			idx = mcnic_flow_cache_insert(&p->flows, key, h, vgen,
						      act, now);
			if (idx >= 0)
				p->st.flow_installs++;
			else
				p->st.flow_install_fail++;
		}
	}
	if (p->offer && mcnic_pipe_offer(p, key, vgen, act))
		return 1;
	if (idx >= 0)
		mcnic_flow_cache_hit(&p->flows, idx, bytes, now);
	if (act->flags & MCNIC_ACTF_COUNT)
		mcnic_pipe_rule_count(p, act->rule, in->vrf, 1, bytes);
	return 0;
}

/* The flow of one packet: its lookup, then as above. */
MCNIC_PIPE_STEP int mcnic_pipe_flow(struct mcnic_pipe *p,
				    const struct mcnic_flow_key *key,
				    const struct mcnic_slow_in *in, u32 h,
				    u32 bytes, u64 now,
				    struct mcnic_tunnel_action *act)
{
	/* Read before deciding: a change racing with us re-decides later. */
	u32 vgen = __atomic_load_n(&p->vrf[in->vrf].gen, __ATOMIC_ACQUIRE);
	u32 gen;
	s32 idx = mcnic_flow_cache_lookup(&p->flows, key, h, &gen, act);

	return mcnic_pipe_flow_found(p, key, in, h, vgen, idx, gen, bytes,
				     now, act);
}

MCNIC_PIPE_STEP enum mcnic_drop
mcnic_pipe_encap(struct mcnic_pipe *p, const struct mcnic_tunnel_action *act,
		 struct mcnic_pkt *pkt, const struct mcnic_layer *in, u32 hash,
		 struct mcnic_pipe_out *out)
{
	u16 inner_mtu;
	enum mcnic_drop r;

	if (act->tmpl >= p->lim.tmpls ||
	    !mcnic_pipe_port_up(p, act->port, MCNIC_PORTK_UPLINK))
		return MCNIC_DROP_PORT_INVALID;
	r = mcnic_encap(&p->tmpl[act->tmpl], pkt, in, hash, p->ip_id++,
			&inner_mtu);
	if (r)
		return r;
	mcnic_ctr_add(&p->tmpl_tx[act->tmpl], pkt->len);
	out->port = act->port;
	return MCNIC_DROP_NONE;
}

static enum mcnic_drop mcnic_pipe_deliver(struct mcnic_pipe *p,
					  const struct mcnic_tunnel_action *act,
					  u16 ip_len, struct mcnic_pipe_out *out)
{
	const struct mcnic_port *v;

	v = mcnic_pipe_port_up(p, act->port, MCNIC_PORTK_VPORT);
	if (!v)
		return MCNIC_DROP_PORT_INVALID;
	if (ip_len > v->cfg.mtu)
		return MCNIC_DROP_VPORT_MTU;
	out->port = act->port;
	out->queue = act->queue;
	return MCNIC_DROP_NONE;
}

/* Transit: the decapped frame is parsed again as a tenant frame. */
static enum mcnic_drop mcnic_pipe_transit(struct mcnic_pipe *p,
					  const struct mcnic_tunnel_action *act,
					  struct mcnic_pkt *pkt,
					  struct mcnic_pipe_out *out)
{
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;

	r = mcnic_parse(mcnic_pkt_data(pkt), pkt->len, &p->parse_plain, &m);
	if (r)
		return r;
	return mcnic_pipe_encap(p, act, pkt, &m.outer,
				mcnic_flow_hash(mcnic_pkt_data(pkt), &m.outer),
				out);
}

/* A frame from a vport up to its flow's lookup: key, flow hash, checks. */
MCNIC_PIPE_STEP enum mcnic_drop
mcnic_pipe_egress_key(struct mcnic_pipe *p, const struct mcnic_port *pt,
		      u16 port, struct mcnic_pkt *pkt, struct mcnic_pkt_meta *m,
		      struct mcnic_flow_key *key, struct mcnic_slow_in *in)
{
	const u8 *d = mcnic_pkt_data(pkt);
	enum mcnic_drop r;

	r = mcnic_parse(d, pkt->len, &p->parse_plain, m);
	if (r)
		return r;
	if (m->outer.l3 == MCNIC_L3_NONE)
		return MCNIC_DROP_NOT_IP;
	if (mcnic_layer_ip_len(&m->outer) > pt->cfg.mtu)
		return MCNIC_DROP_VPORT_MTU;
	mcnic_pipe_key(key, &m->outer, port, pt->cfg.vrf, 0);
	in->key = key;
	in->vrf = pt->cfg.vrf;
	in->sseg = pt->cfg.segment;
	in->hash = mcnic_flow_hash(d, &m->outer);
	return MCNIC_DROP_NONE;
}

/* What a vport's frame gets once its flow's action is known. */
MCNIC_PIPE_STEP enum mcnic_drop
mcnic_pipe_egress_act(struct mcnic_pipe *p, struct mcnic_pkt *pkt,
		      const struct mcnic_pkt_meta *m,
		      const struct mcnic_slow_in *in,
		      const struct mcnic_tunnel_action *act,
		      struct mcnic_pipe_out *out)
{
	out->act = act->type;
	out->rule = act->rule;
	out->hash = in->hash;
	if (out->offered)
		return MCNIC_DROP_NONE;
	switch (act->type) {
	case MCNIC_ACT_ENCAP:
		return mcnic_pipe_encap(p, act, pkt, &m->outer, in->hash, out);
	case MCNIC_ACT_FORWARD:
		return mcnic_pipe_deliver(p, act, mcnic_layer_ip_len(&m->outer),
					  out);
	case MCNIC_ACT_DROP:
		return act->drop_reason;
	default:
		/* Decap of a tenant frame is never decided: a corrupt entry. */
		return MCNIC_DROP_PORT_INVALID;
	}
}

static enum mcnic_drop mcnic_pipe_egress(struct mcnic_pipe *p,
					 const struct mcnic_port *pt, u16 port,
					 struct mcnic_pkt *pkt, u64 now,
					 struct mcnic_pipe_out *out)
{
	struct mcnic_tunnel_action act;
	struct mcnic_slow_in in;
	struct mcnic_flow_key key;
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;

	r = mcnic_pipe_egress_key(p, pt, port, pkt, &m, &key, &in);
	if (r)
		return r;
	out->offered = mcnic_pipe_flow(p, &key, &in,
				       mcnic_flow_cache_hash(&p->flows, &key),
				       pkt->len, now, &act);
	return mcnic_pipe_egress_act(p, pkt, &m, &in, &act, out);
}

static int mcnic_pipe_vtep_match(const struct mcnic_pipe *p,
				 const struct mcnic_pkt_meta *m)
{
	u8 fam = m->outer.l3;
	unsigned int i;

	for (i = 0; i < MCNIC_VTEPS_MAX; i++) {
		const struct mcnic_vtep *v = &p->vtep[i];

		if (v->family != fam || v->type != m->tun ||
		    __builtin_memcmp(v->addr, m->outer.daddr, 16))
			continue;
		if (m->tun == MCNIC_TUN_GRE || v->udp_port == m->outer.dport)
			return 1;
	}
	return 0;
}

/* VTEP, VNI and peer checks: per packet, before anything is cached. */
static enum mcnic_drop mcnic_pipe_tunnel_in(struct mcnic_pipe *p,
					    const struct mcnic_pkt_meta *m,
					    u16 *vrf, u32 *peer)
{
	struct mcnic_kvmap_key k;
	u32 v;

	if (m->tun == MCNIC_TUN_NONE)
		return MCNIC_DROP_NOT_TUNNEL;
	if (!mcnic_pipe_vtep_match(p, m))
		return MCNIC_DROP_NOT_LOCAL_VTEP;
	if (m->tun == MCNIC_TUN_ESP)
		return MCNIC_DROP_DECAP_UNSUPPORTED;
	mcnic_pipe_vni_key(&k, m->vni);
	if (mcnic_kvmap_get(&p->vnis, &k, &v))
		return MCNIC_DROP_VNI_UNKNOWN;
	*vrf = v;
	mcnic_pipe_peer_key(&k, m->vni, m->outer.l3, m->outer.saddr);
	if (mcnic_kvmap_get(&p->peers, &k, peer))
		return MCNIC_DROP_PEER_UNKNOWN;
	return MCNIC_DROP_NONE;
}

/*
 * A frame from an uplink up to its flow's lookup: tunnel checks, decap,
 * the inner frame's key and flow hash.
 */
MCNIC_PIPE_STEP enum mcnic_drop
mcnic_pipe_ingress_key(struct mcnic_pipe *p, u16 port, struct mcnic_pkt *pkt,
		       struct mcnic_pkt_meta *m, struct mcnic_flow_key *key,
		       struct mcnic_slow_in *in, u32 *peer)
{
	const u8 *d = mcnic_pkt_data(pkt);
	struct mcnic_decap_cfg dcfg = { .udp6_zero_ok = 1 };
	enum mcnic_drop r;
	u16 vrf;

	r = mcnic_parse(d, pkt->len, &p->parse, m);
	if (!r)
		r = mcnic_pipe_tunnel_in(p, m, &vrf, peer);
	if (!r && p->offer)
		mcnic_pipe_offer_tun(p, m, vrf, *peer);
	if (!r && m->inner.l3 == MCNIC_L3_NONE)
		r = MCNIC_DROP_NOT_IP;
	/* Outer checksums and flags are checked before the inner is used. */
	if (!r)
		r = mcnic_decap(pkt, m, &dcfg);
	if (r)
		return r;
	/* d still holds the inner headers: decap only moved the head. */
	mcnic_pipe_key(key, &m->inner, port, m->vni, MCNIC_FK_INGRESS);
	in->key = key;
	in->vrf = vrf;
	in->sseg = m->tflags & MCNIC_TF_IDENT ? m->ident : 0;
	in->hash = mcnic_flow_hash(d, &m->inner);
	return MCNIC_DROP_NONE;
}

/* What an uplink's frame gets once its flow's action is known. */
MCNIC_PIPE_STEP enum mcnic_drop
mcnic_pipe_ingress_act(struct mcnic_pipe *p, struct mcnic_pkt *pkt,
		       const struct mcnic_pkt_meta *m,
		       const struct mcnic_slow_in *in, u32 peer,
		       const struct mcnic_tunnel_action *act,
		       struct mcnic_pipe_out *out)
{
	out->act = act->type;
	out->rule = act->rule;
	out->hash = in->hash;
	if (out->offered)
		return MCNIC_DROP_NONE;
	mcnic_ctr_add(&p->peer_rx[peer], pkt->len);
	switch (act->type) {
	case MCNIC_ACT_DECAP:
		return mcnic_pipe_deliver(p, act, mcnic_layer_ip_len(&m->inner),
					  out);
	case MCNIC_ACT_TRANSIT:
		return mcnic_pipe_transit(p, act, pkt, out);
	case MCNIC_ACT_DROP:
		return act->drop_reason;
	default:
		return MCNIC_DROP_PORT_INVALID;
	}
}

static enum mcnic_drop mcnic_pipe_ingress(struct mcnic_pipe *p, u16 port,
					  struct mcnic_pkt *pkt, u64 now,
					  struct mcnic_pipe_out *out)
{
	struct mcnic_tunnel_action act;
	struct mcnic_slow_in in;
	struct mcnic_flow_key key;
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;
	u32 peer;

	r = mcnic_pipe_ingress_key(p, port, pkt, &m, &key, &in, &peer);
	if (r)
		return r;
	out->offered = mcnic_pipe_flow(p, &key, &in,
				       mcnic_flow_cache_hash(&p->flows, &key),
				       pkt->len, now, &act);
	return mcnic_pipe_ingress_act(p, pkt, &m, &in, peer, &act, out);
}

/*
 * Out of line, and the rx count taken before the packet's calls: inlined
 * counts at the end kept their values live (spilled) across every call.
 */
static __attribute__((noinline, cold)) void
mcnic_pipe_drop_count(struct mcnic_pipe *p, struct mcnic_port *pt,
		      enum mcnic_drop r, u32 len)
{
	mcnic_ctr_add(&p->drops[r], len);
	if (pt)
		mcnic_ctr_add(&pt->drop, len);
}

/* A frame's outcome counted: its drop, or its transmit. */
static enum mcnic_drop mcnic_pipe_rx_end(struct mcnic_pipe *p,
					 struct mcnic_port *pt, u32 len,
					 const struct mcnic_pkt *pkt,
					 enum mcnic_drop r,
					 struct mcnic_pipe_out *out)
{
	out->drop = r;
	if (r) {
		mcnic_pipe_drop_count(p, pt, r, len);
		return r;
	}
	if (out->offered) {
		/* The HDL counts it when it executes the re-injected frame. */
		pt->rx.packets--;
		pt->rx.bytes -= len;
		return MCNIC_DROP_NONE;
	}
	mcnic_ctr_add(&p->port[out->port].tx, pkt->len);
	return MCNIC_DROP_NONE;
}

MCNIC_PIPE_ENTRY enum mcnic_drop mcnic_pipe_rx(struct mcnic_pipe *p, u16 port,
					       struct mcnic_pkt *pkt, u64 now,
					       struct mcnic_pipe_out *out)
{
	struct mcnic_port *pt = port < p->lim.ports ? &p->port[port] : NULL;
	u32 len = pkt->len;
	enum mcnic_drop r;

	__builtin_memset(out, 0, sizeof(*out));
	/* Where an encap's headers go: the line is written, not read. */
	__builtin_prefetch(mcnic_pkt_data(pkt) - 64, 1);
	if (pt)
		mcnic_ctr_add(&pt->rx, len);
	if (!pt || !pt->cfg.up || pt->cfg.kind == MCNIC_PORTK_NONE)
		r = MCNIC_DROP_PORT_INVALID;
	else if (pt->cfg.kind == MCNIC_PORTK_VPORT)
		r = mcnic_pipe_egress(p, pt, port, pkt, now, out);
	else
		r = mcnic_pipe_ingress(p, port, pkt, now, out);
	return mcnic_pipe_rx_end(p, pt, len, pkt, r, out);
}

#define MCNIC_PIPE_AHEAD	4

/*
 * The frames of a burst between its stages.  Keys and hashes are arrays of
 * their own: the bulk lookup takes them so.
 */
struct mcnic_pipe_burst {
	struct mcnic_pkt_meta m[MCNIC_PIPE_BURST];
	struct mcnic_slow_in in[MCNIC_PIPE_BURST];
	struct mcnic_flow_key key[MCNIC_PIPE_BURST];
	struct mcnic_tunnel_action act[MCNIC_PIPE_BURST];
	u32 h[MCNIC_PIPE_BURST];
	u32 vgen[MCNIC_PIPE_BURST];	/* its VRF's, before the lookup */
	u32 gen[MCNIC_PIPE_BURST];
	s32 idx[MCNIC_PIPE_BURST];
	u32 peer[MCNIC_PIPE_BURST];	/* an uplink's frames' */
	u16 len[MCNIC_PIPE_BURST];	/* as received (decap shortens it) */
	u8 pkt[MCNIC_PIPE_BURST];	/* the frame of each key */
};

/*
 * Frame i of a burst up to its flow's lookup, as key j: 0, or the frame
 * was dropped (and counted).  up: the port is an uplink; vgen: a vport's
 * VRF's generation.
 */
MCNIC_PIPE_STEP int mcnic_pipe_burst_key(struct mcnic_pipe *p,
					 struct mcnic_port *pt, u16 port,
					 int up, u32 vgen,
					 struct mcnic_pkt *pkt,
					 struct mcnic_pipe_burst *b, u32 j,
					 struct mcnic_pipe_out *out)
{
	enum mcnic_drop r;

	__builtin_memset(out, 0, sizeof(*out));
	b->len[j] = pkt->len;
	if (up)
		r = mcnic_pipe_ingress_key(p, port, pkt, &b->m[j], &b->key[j],
					   &b->in[j], &b->peer[j]);
	else
		r = mcnic_pipe_egress_key(p, pt, port, pkt, &b->m[j],
					  &b->key[j], &b->in[j]);
	if (r) {
		mcnic_pipe_rx_end(p, pt, b->len[j], pkt, r, out);
		return -1;
	}
	/* An uplink's frames' VRFs are their VNIs': read before the lookup. */
	b->vgen[j] = up ? __atomic_load_n(&p->vrf[b->in[j].vrf].gen,
					  __ATOMIC_ACQUIRE) : vgen;
	b->h[j] = mcnic_flow_cache_hash(&p->flows, &b->key[j]);
	return 0;
}

/*
 * Up to MCNIC_PIPE_BURST frames from one port (an uplink when up, else a
 * vport): parsed and keyed, their flows looked up together (the table's
 * memory latency overlaps), then executed in order.  Once one frame's flow
 * is decided, the table may have changed under the lookups made for the
 * frames after it (an entry updated, deleted or its index reused): those
 * are looked up again, one by one.
 */
MCNIC_PIPE_STEP void mcnic_pipe_port_burst(struct mcnic_pipe *p,
					   struct mcnic_port *pt, u16 port,
					   int up,
					   struct mcnic_pkt *const *pkts,
					   u32 n, u64 now,
					   struct mcnic_pipe_out *out)
{
	struct mcnic_pipe_burst b;
	enum mcnic_drop r;
	u32 i, j, nk = 0, changed = 0, bytes = 0;
	/* A vport's one VRF, read once, before the lookups. */
	u32 vgen = __atomic_load_n(&p->vrf[pt->cfg.vrf].gen, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++) {
		/* The headers a few frames on, and where an encap goes. */
		if (i + MCNIC_PIPE_AHEAD < n) {
			__builtin_prefetch(mcnic_pkt_data(pkts[i +
						MCNIC_PIPE_AHEAD]));
			__builtin_prefetch(mcnic_pkt_data(pkts[i +
						MCNIC_PIPE_AHEAD]) - 64, 1);
		}
		bytes += pkts[i]->len;
		if (!mcnic_pipe_burst_key(p, pt, port, up, vgen, pkts[i], &b,
					  nk, &out[i]))
			b.pkt[nk++] = i;
	}
	pt->rx.packets += n;
	pt->rx.bytes += bytes;
	mcnic_flow_cache_lookup_bulk(&p->flows, b.key, b.h, nk, b.idx, b.gen,
				     b.act);
	for (j = 0; j < nk; j++) {
		i = b.pkt[j];
		/* No offer to keep: an offer's frame goes alone (below). */
		if (changed)
			mcnic_pipe_flow(p, &b.key[j], &b.in[j], b.h[j],
					pkts[i]->len, now, &b.act[j]);
		else
			mcnic_pipe_flow_found(p, &b.key[j], &b.in[j], b.h[j],
					      b.vgen[j], b.idx[j], b.gen[j],
					      pkts[i]->len, now, &b.act[j]);
		changed |= b.idx[j] < 0 || b.gen[j] != b.vgen[j];
		if (up)
			r = mcnic_pipe_ingress_act(p, pkts[i], &b.m[j],
						   &b.in[j], b.peer[j],
						   &b.act[j], &out[i]);
		else
			r = mcnic_pipe_egress_act(p, pkts[i], &b.m[j], &b.in[j],
						  &b.act[j], &out[i]);
		mcnic_pipe_rx_end(p, pt, b.len[j], pkts[i], r, &out[i]);
	}
}

/* The two kinds of burst, each compiled for its kind of port. */
static MCNIC_PIPE_ENTRY void
mcnic_pipe_egress_burst(struct mcnic_pipe *p, struct mcnic_port *pt, u16 port,
			struct mcnic_pkt *const *pkts, u32 n, u64 now,
			struct mcnic_pipe_out *out)
{
	mcnic_pipe_port_burst(p, pt, port, 0, pkts, n, now, out);
}

static MCNIC_PIPE_ENTRY void
mcnic_pipe_ingress_burst(struct mcnic_pipe *p, struct mcnic_port *pt,
			 u16 port, struct mcnic_pkt *const *pkts, u32 n,
			 u64 now, struct mcnic_pipe_out *out)
{
	mcnic_pipe_port_burst(p, pt, port, 1, pkts, n, now, out);
}

void mcnic_pipe_rx_burst(struct mcnic_pipe *p, u16 port,
			 struct mcnic_pkt *const *pkts, u32 n, u64 now,
			 struct mcnic_pipe_out *out)
{
	struct mcnic_port *pt = port < p->lim.ports ? &p->port[port] : NULL;
	u32 i, k;

	/* A port that is down or unknown drops each; an offer is one frame's. */
	if (!pt || !pt->cfg.up || pt->cfg.kind == MCNIC_PORTK_NONE ||
	    p->offer) {
		for (i = 0; i < n; i++)
			mcnic_pipe_rx(p, port, pkts[i], now, &out[i]);
		return;
	}
	for (i = 0; i < n; i += k) {
		k = n - i < MCNIC_PIPE_BURST ? n - i : MCNIC_PIPE_BURST;
		if (pt->cfg.kind == MCNIC_PORTK_VPORT)
			mcnic_pipe_egress_burst(p, pt, port, pkts + i, k, now,
						out + i);
		else
			mcnic_pipe_ingress_burst(p, pt, port, pkts + i, k, now,
						 out + i);
	}
}

void mcnic_pipe_flow_fold(struct mcnic_pipe *p,
			  const struct mcnic_flow_entry *e, u64 packets,
			  u64 bytes, u64 now)
{
	struct mcnic_tunnel_action act;
	struct mcnic_kvmap_key k;
	u32 gen, vrf;
	s32 idx;

	idx = mcnic_flow_cache_lookup(&p->flows, &e->key,
				      mcnic_flow_cache_hash(&p->flows, &e->key),
				      &gen, &act);
	if (idx >= 0)
		mcnic_flow_cache_add(&p->flows, idx, packets, bytes, now);
	if (!(e->act.flags & MCNIC_ACTF_COUNT))
		return;
	/* An egress flow's zone is its VRF, an ingress flow's its VNI. */
	vrf = e->key.zone;
	if (e->key.kind & MCNIC_FK_INGRESS) {
		mcnic_pipe_vni_key(&k, e->key.zone);
		if (mcnic_kvmap_get(&p->vnis, &k, &vrf))
			return;
	}
	mcnic_pipe_rule_count(p, e->act.rule, vrf, packets, bytes);
}

enum mcnic_drop mcnic_pipe_rx_offer(struct mcnic_pipe *p, u16 port,
				    struct mcnic_pkt *pkt, u64 now,
				    struct mcnic_pipe_out *out,
				    struct mcnic_pipe_offer *o)
{
	enum mcnic_drop r;

	__builtin_memset(o, 0, sizeof(*o));
	p->offer = o;
	r = mcnic_pipe_rx(p, port, pkt, now, out);
	p->offer = NULL;
	return r;
}
