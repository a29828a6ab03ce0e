// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The slow path: what the first packet of a flow (or the first after a
 * table change) gets.  Route first, because the destination's segment is a
 * property of its route or vport; then policy, with replies to an allowed
 * connection allowed while that connection's own flow is cached and
 * current (stateful, as cloud security groups are); then the next hop.
 */
#include "pipe.h"
#include "nhg.h"
#include <mcnic/wire.h>

static void mcnic_slow_drop(struct mcnic_tunnel_action *act, u8 reason)
{
	act->type = MCNIC_ACT_DROP;
	act->drop_reason = reason;
}

/* The VNI a template sends: where its tunnel's replies come back. */
static u32 mcnic_slow_tmpl_vni(const struct mcnic_encap_tmpl *t)
{
	const u8 *h = t->hdr + t->tun_off + 4;

	if (t->type == MCNIC_TUN_GRE)
		return t->flags & MCNIC_TUNF_GRE_KEY ?
		       (u32)h[0] << 24 | h[1] << 16 | h[2] << 8 | h[3] : 0;
	return (u32)h[0] << 16 | h[1] << 8 | h[2];
}

/* ICMP echo: the reply's type answers the request's. */
static u16 mcnic_slow_icmp_reverse(u8 proto, u16 type_code)
{
	u8 type = type_code >> 8;

	if (proto == MCNIC_IPPROTO_ICMP && (type == 0 || type == 8))
		return (u16)(type ^ 8) << 8;
	if (proto == MCNIC_IPPROTO_ICMPV6 && (type == 128 || type == 129))
		return (u16)(type ^ 1) << 8;
	return type_code;
}

static void mcnic_slow_reverse_key(const struct mcnic_flow_key *k,
				   struct mcnic_flow_key *r, u16 port,
				   u32 zone)
{
	*r = *k;
	__builtin_memcpy(r->saddr, k->daddr, 16);
	__builtin_memcpy(r->daddr, k->saddr, 16);
	r->port = port;
	r->zone = zone;
	r->kind ^= MCNIC_FK_INGRESS;
	if (k->proto == MCNIC_IPPROTO_ICMP || k->proto == MCNIC_IPPROTO_ICMPV6) {
		r->sport = mcnic_slow_icmp_reverse(k->proto, k->sport);
		return;
	}
	r->sport = k->dport;
	r->dport = k->sport;
}

/* The key the other direction of this connection has, if it can have one. */
static int mcnic_slow_reverse(const struct mcnic_pipe *p,
			      const struct mcnic_slow_in *in,
			      const struct mcnic_nexthop *nh,
			      struct mcnic_flow_key *rk)
{
	const struct mcnic_flow_key *k = in->key;

	if (k->kind & MCNIC_FK_FRAG)
		return 0;
	if (k->kind & MCNIC_FK_INGRESS) {
		if (nh->kind != MCNIC_NH_VPORT)
			return 0;
		mcnic_slow_reverse_key(k, rk, nh->port, in->vrf);
		return 1;
	}
	if (nh->kind != MCNIC_NH_TUNNEL || nh->tmpl >= p->lim.tmpls)
		return 0;
	mcnic_slow_reverse_key(k, rk, nh->port,
			       mcnic_slow_tmpl_vni(&p->tmpl[nh->tmpl]));
	return 1;
}

static s32 mcnic_slow_reverse_find(struct mcnic_pipe *p,
				   const struct mcnic_slow_in *in,
				   const struct mcnic_nexthop *nh, u32 *gen,
				   struct mcnic_tunnel_action *ract)
{
	struct mcnic_flow_key rk;

	if (!mcnic_slow_reverse(p, in, nh, &rk))
		return -MCNIC_ENOENT;
	return mcnic_flow_cache_lookup(&p->flows, &rk,
				       mcnic_flow_cache_hash(&p->flows, &rk),
				       gen, ract);
}

/* Is this the reply direction of a connection policy allowed? */
static int mcnic_slow_established(struct mcnic_pipe *p,
				  const struct mcnic_slow_in *in,
				  const struct mcnic_nexthop *nh, u32 *rule)
{
	struct mcnic_tunnel_action ract;
	u32 gen;
	s32 idx = mcnic_slow_reverse_find(p, in, nh, &gen, &ract);

	if (idx < 0 || ract.type == MCNIC_ACT_DROP ||
	    gen != __atomic_load_n(&p->vrf[in->vrf].gen, __ATOMIC_ACQUIRE))
		return 0;
	*rule = ract.rule;
	return 1;
}

/*
 * A reply that arrived before its connection was allowed is cached as a
 * deny; now that the connection is allowed, forget it, so the next reply
 * is decided again (and found established).
 */
static void mcnic_slow_unblock_reverse(struct mcnic_pipe *p,
				       const struct mcnic_slow_in *in,
				       const struct mcnic_nexthop *nh)
{
	struct mcnic_tunnel_action ract;
	struct mcnic_flow_entry e;
	u32 gen;
	s32 idx;

	/* Mostly no drop between the two addresses: no reply to look up. */
	if (!mcnic_flow_cache_drop_pair(&p->flows, in->key))
		return;
	idx = mcnic_slow_reverse_find(p, in, nh, &gen, &ract);
	if (idx < 0 || ract.type != MCNIC_ACT_DROP ||
	    ract.drop_reason != MCNIC_DROP_POLICY_DENY)
		return;
	/* The HDL may hold the deny too: it goes there as well. */
	if (p->notify && p->notify->flow_del &&
	    !mcnic_flow_cache_read(&p->flows, idx, &e, NULL))
		p->notify->flow_del(p->notify->priv, &e.key);
	mcnic_flow_cache_delete_idx(&p->flows, idx);
}

static int mcnic_slow_policy(struct mcnic_pipe *p,
			     const struct mcnic_slow_in *in, u16 dseg,
			     const struct mcnic_nexthop *nh,
			     struct mcnic_tunnel_action *act)
{
	const struct mcnic_flow_key *k = in->key;
	struct mcnic_policy_query q;
	u32 rule;
	u8 flags = 0;
	int r;

	__builtin_memset(&q, 0, sizeof(q));
	__builtin_memcpy(q.src, k->saddr, 16);
	__builtin_memcpy(q.dst, k->daddr, 16);
	q.sseg = in->sseg;
	q.dseg = dseg;
	q.sport = k->sport;
	q.dport = k->dport;
	q.vrf = in->vrf;
	q.proto = k->proto;
	q.family = k->kind & MCNIC_FK_IPV6 ? 6 : 4;
	q.ingress = !!(k->kind & MCNIC_FK_INGRESS);
	r = mcnic_policy_table_lookup(&p->rules, &q, &rule, &flags);
	if (r < 0) {
		/* The default decision is counted: zero trust shows its work. */
		rule = MCNIC_RULE_DEFAULT;
		flags = MCNIC_POLF_COUNT;
		r = p->vrf[in->vrf].default_action;
	}
	if (r != MCNIC_POL_ALLOW && mcnic_slow_established(p, in, nh, &rule)) {
		r = MCNIC_POL_ALLOW;
		flags = 0;
	}
	act->rule = rule;
	act->flags = flags & MCNIC_POLF_COUNT ? MCNIC_ACTF_COUNT : 0;
	return r == MCNIC_POL_ALLOW;
}

static void mcnic_slow_forward(struct mcnic_pipe *p,
			       const struct mcnic_slow_in *in,
			       const struct mcnic_nexthop *nh,
			       struct mcnic_tunnel_action *act)
{
	int ingress = in->key->kind & MCNIC_FK_INGRESS;
	u16 queues;

	act->port = nh->port;
	if (nh->kind == MCNIC_NH_TUNNEL) {
		act->type = ingress ? MCNIC_ACT_TRANSIT : MCNIC_ACT_ENCAP;
		act->tmpl = nh->tmpl;
		return;
	}
	act->type = ingress ? MCNIC_ACT_DECAP : MCNIC_ACT_FORWARD;
	queues = nh->port < p->lim.ports ? p->port[nh->port].cfg.queues : 1;
	/* RSS: the flow hash spreads flows over the vport's queues. */
	act->queue = queues ? in->hash % queues : 0;
}

void mcnic_slowpath_decide(struct mcnic_pipe *p, const struct mcnic_slow_in *in,
			   struct mcnic_tunnel_action *act)
{
	const struct mcnic_flow_key *k = in->key;
	u8 fam = k->kind & MCNIC_FK_IPV6 ? 6 : 4;
	const struct mcnic_nexthop *nh;
	const struct mcnic_route *rt;
	struct mcnic_lpm *lpm;
	u32 ri, nhi;
	u16 dseg;

	__builtin_memset(act, 0, sizeof(*act));
	lpm = mcnic_pipe_lpm(p, in->vrf, fam);
	ri = lpm ? mcnic_lpm_lookup(lpm, k->daddr) : MCNIC_LPM_NONE;
	if (ri >= p->lim.routes)
		return mcnic_slow_drop(act, MCNIC_DROP_NO_ROUTE);
	rt = &p->route[ri];
	if (rt->kind == MCNIC_ROUTE_BLACKHOLE)
		return mcnic_slow_drop(act, MCNIC_DROP_BLACKHOLE);
	nhi = rt->nhg < p->lim.nhgs ? mcnic_nhg_select(&p->nhg[rt->nhg],
						       in->hash) :
				      MCNIC_NH_INVALID;
	if (nhi >= p->lim.nexthops)
		return mcnic_slow_drop(act, MCNIC_DROP_NEXTHOP_DOWN);
	nh = &p->nh[nhi];
	dseg = rt->segment;
	if (!dseg && nh->kind == MCNIC_NH_VPORT && nh->port < p->lim.ports)
		dseg = p->port[nh->port].cfg.segment;
	if (!mcnic_slow_policy(p, in, dseg, nh, act))
		return mcnic_slow_drop(act, MCNIC_DROP_POLICY_DENY);
	mcnic_slow_unblock_reverse(p, in, nh);
	mcnic_slow_forward(p, in, nh, act);
}
