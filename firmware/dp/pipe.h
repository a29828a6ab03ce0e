/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The firmware pipeline: every table of one NIC and the path a packet takes
 * through them (DESIGN.md, "What the NIC does to a packet").
 *
 *   uplink  -> parse -> local VTEP? -> VNI -> peer? -> flow cache -> action
 *   vport   -> parse -> flow cache -> action
 *   miss    -> slow path: VRF, policy, LPM, next-hop group, template;
 *              the decision is installed in the flow cache
 *
 * Each VRF has a generation: every table change that can alter a decision
 * in that VRF bumps it before returning, and a cached flow made at an older
 * generation is decided again on its next packet.  So no packet uses a
 * stale decision once a change is acknowledged.  Changes shared by all
 * VRFs (next hops, groups, templates) bump every VRF.
 *
 * Tables live in caller memory laid out by mcnic_pipe_mem_size() from the
 * board's limits; nothing is allocated afterwards.  The control functions
 * (pipe_ctl.c) are the single writer; mcnic_pipe_rx is the packet path.
 */
#ifndef MCNIC_DP_PIPE_H
#define MCNIC_DP_PIPE_H

#include <mcnic/types.h>
#include <mcnic/flow.h>
#include <mcnic/route.h>
#include <mcnic/policy.h>
#include "dp.h"
#include "flow_cache.h"
#include "lpm.h"
#include "policy_table.h"
#include "kvmap.h"
#include "idpool.h"

#define MCNIC_VRF_ID_MAX	4095
#define MCNIC_VTEPS_MAX		16
/* The IP MTU every IPv4 host must take (RFC 791). */
#define MCNIC_PORT_MTU_MIN	68

struct mcnic_pipe_limits {
	u16 ports;		/* port ids 0..ports-1 */
	u16 vrfs;		/* VRFs that can exist at once */
	u32 flows;
	u32 tmpls;
	u32 nexthops;
	u32 nhgs;
	u32 routes;		/* all VRFs, both families */
	u32 lpm4_prefixes;	/* per VRF */
	u32 lpm4_groups;
	u32 lpm6_prefixes;
	u32 lpm6_groups;
	u8 lpm4_root_bits;
	u8 lpm6_root_bits;
	u16 pad;
	u32 rules;
	u32 counted_rules;	/* rules with MCNIC_POLF_COUNT, per VRF */
	u32 vnis;
	u32 peers;
};

struct mcnic_ctr {
	u64 packets;
	u64 bytes;
};

enum mcnic_port_kind {
	MCNIC_PORTK_NONE = 0,
	MCNIC_PORTK_UPLINK = 1,
	MCNIC_PORTK_VPORT = 2,
};

struct mcnic_port_cfg {
	u8 kind;		/* enum mcnic_port_kind */
	u8 up;
	u16 mtu;		/* IP MTU */
	u16 vrf;		/* vport: VRF id */
	u16 segment;		/* vport: segment of its hosts */
	u16 queues;		/* vport: host queues, >= 1 */
	u8 mac[6];
};

struct mcnic_port {
	struct mcnic_port_cfg cfg;
	struct mcnic_ctr rx, tx, drop;
};

struct mcnic_vrf {
	u32 gen;
	u8 used;
	u8 default_action;	/* enum mcnic_pol_action */
	u16 slot;		/* its LPM pair */
	/* Users that keep it from being deleted (routes: its LPM counts). */
	u32 ports;
	u32 vnis;
	u32 rules;
};

struct mcnic_vtep {
	u8 family;		/* 4 or 6; 0: unused */
	u8 type;		/* enum mcnic_tun_type */
	u16 udp_port;
	u8 addr[16];
};

struct mcnic_pipe_stats {
	u64 flow_hits;
	u64 flow_misses;
	u64 flow_stale;		/* hit, but decided at an older generation */
	u64 flow_installs;
	u64 flow_install_fail;	/* cache full: decided, not cached */
};

/*
 * Who else holds a copy of pipeline state: the HDL fast path (its port
 * table, templates, VRF generations and flow table).  Each hook runs after
 * the change, before the control function returns, so the copy is current
 * when the change is acknowledged.  All optional.
 */
struct mcnic_pipe_notify {
	void (*port)(void *priv, u16 id);
	void (*tmpl)(void *priv, u32 idx);
	void (*gen)(void *priv, u16 vrf, u32 gen);
	void (*parse)(void *priv);
	void (*flows_clear)(void *priv);
	void (*vteps)(void *priv);
	void (*tunnels)(void *priv);	/* a VNI or peer deleted or moved */
	/* One cached flow forgotten (an unblocked reply's deny). */
	void (*flow_del)(void *priv, const struct mcnic_flow_key *key);
	void *priv;
};

/*
 * What mcnic_pipe_rx_offer hands back: the flow entry for the HDL's table
 * (when flow is set) and, for a tunnel frame that passed the VNI and peer
 * checks, what the HDL's tunnel cache needs (when tun is set).
 */
struct mcnic_pipe_offer {
	struct mcnic_flow_entry e;
	u8 flow;
	u8 tun;
	u8 family;
	u8 pad;
	u16 vrf;
	u16 pad2;
	u32 vni;
	u32 peer;
	u8 saddr[16];
};

struct mcnic_pipe {
	struct mcnic_pipe_limits lim;
	const struct mcnic_pipe_notify *notify;
	struct mcnic_parse_cfg parse;
	struct mcnic_parse_cfg parse_plain;	/* vports: no tunnels */
	struct mcnic_port *port;
	struct mcnic_vrf vrf[MCNIC_VRF_ID_MAX + 1];
	struct mcnic_lpm *lpm4;			/* [lim.vrfs] */
	struct mcnic_lpm *lpm6;
	struct mcnic_idpool vrf_slots;
	struct mcnic_vtep vtep[MCNIC_VTEPS_MAX];
	struct mcnic_flow_cache flows;
	struct mcnic_encap_tmpl *tmpl;
	struct mcnic_ctr *tmpl_tx;
	struct mcnic_nexthop *nh;
	struct mcnic_nhg *nhg;
	u8 *nhg_used;
	/* References, so a delete of something in use is refused. */
	u32 *tmpl_refs;				/* next hops per template */
	u32 *nh_refs;				/* group slots per next hop */
	u32 *nhg_refs;				/* routes per group */
	u32 *port_nh_refs;			/* next hops per port */
	u32 tmpls_used;
	u32 nexthops_used;
	u32 nhgs_used;
	struct mcnic_route *route;
	struct mcnic_idpool route_ids;
	struct mcnic_policy_table rules;
	struct mcnic_kvmap rule_ctr_map;	/* {rule, vrf} -> counter */
	struct mcnic_ctr *rule_ctr;
	struct mcnic_idpool rule_ctr_ids;
	struct mcnic_kvmap vnis;		/* {vni} -> VRF id */
	struct mcnic_kvmap peers;		/* {vni, family, addr} -> id */
	struct mcnic_ctr *peer_rx;
	struct mcnic_idpool peer_ids;
	struct mcnic_ctr drops[MCNIC_DROP_COUNT];
	struct mcnic_pipe_stats st;
	u16 ip_id;
	/*
	 * Set by mcnic_pipe_rx_offer for one packet: a flow the HDL can
	 * execute is decided and handed back here instead of executed.
	 */
	struct mcnic_pipe_offer *offer;
};

struct mcnic_table_use {
	u32 used;
	u32 capacity;
};

enum mcnic_table {
	MCNIC_TBL_FLOWS,
	MCNIC_TBL_ROUTES,
	MCNIC_TBL_RULES,
	MCNIC_TBL_VRFS,
	MCNIC_TBL_VNIS,
	MCNIC_TBL_PEERS,
	MCNIC_TBL_COUNT
};

/* How full each table is (the host's "resource" view). */
struct mcnic_pipe_occupancy {
	struct mcnic_table_use t[MCNIC_TBL_COUNT];
};

/* Where a packet goes; drop is MCNIC_DROP_NONE when it was sent. */
struct mcnic_pipe_out {
	u16 port;
	u16 queue;
	u8 drop;		/* enum mcnic_drop */
	u8 act;			/* enum mcnic_act_type that was executed */
	u8 offered;		/* decided, not executed (mcnic_pipe_rx_offer) */
	u8 pad;
	u32 rule;		/* deciding rule, MCNIC_RULE_DEFAULT, or 0 */
	u32 hash;		/* flow hash (of the inner frame after decap):
				 * RSS for the host's completion */
};

/*
 * The flow-cache key of a packet's layer l: both engines build it alike
 * (hdl/rtl/mcnic_flow_key.sv).  Every byte is set.  The words after the
 * addresses are built in registers and stored whole: the key's hash and
 * match read them back as 8- and 4-byte loads, which field-sized stores
 * cannot forward on x86 (a dozen cycles each).
 */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mcnic_pipe_key packs key fields into little-endian words"
#endif
static inline void mcnic_pipe_key(struct mcnic_flow_key *k,
				  const struct mcnic_layer *l, u16 port,
				  u32 zone, u8 kind)
{
	u64 zw = zone;		/* zone, sport, dport */
	u32 pw;			/* port, kind, proto */

	if (l->l3 == MCNIC_L3_IPV6)
		kind |= MCNIC_FK_IPV6;
	/* Later fragments have no ports: every fragment is one flow. */
	if (l->flags & MCNIC_LF_FRAG)
		kind |= MCNIC_FK_FRAG;
	else if (l->flags & MCNIC_LF_L4)
		zw |= (u64)l->sport << 32 | (u64)l->dport << 48;
	pw = port | (u32)kind << 16 | (u32)l->proto << 24;
	__builtin_memcpy(k->saddr, l->saddr, 16);
	__builtin_memcpy(k->daddr, l->daddr, 16);
	__builtin_memcpy(&k->zone, &zw, 8);
	__builtin_memcpy(&k->port, &pw, 4);
}

/*
 * The peers map's key: VNI, family, outer source address.  Built in 8- and
 * 16-byte words, as the map's hash and compare load it (mcnic_pipe_key).
 */
static inline void mcnic_pipe_peer_key(struct mcnic_kvmap_key *k, u32 vni,
				       u8 family, const u8 *addr)
{
	u64 w[3] = { vni | (u64)family << 32, 0, 0 };
	u32 a4;

	if (family == 6) {
		__builtin_memcpy(&w[1], addr, 16);
	} else {
		__builtin_memcpy(&a4, addr, 4);
		w[1] = a4;
	}
	__builtin_memcpy(k, w, sizeof(*k));
}

/*
 * The VNIs map's key.  One namespace for every tunnel type: a VXLAN or
 * GENEVE VNI (24 bits) and a GRE key (32 bits) are looked up alike.
 */
static inline void mcnic_pipe_vni_key(struct mcnic_kvmap_key *k, u32 vni)
{
	u64 w[3] = { vni, 0, 0 };

	__builtin_memcpy(k, w, sizeof(*k));
}

/* A VRF id in range that has been set. */
static inline int mcnic_pipe_vrf_exists(const struct mcnic_pipe *p, u16 vrf)
{
	return vrf && vrf <= MCNIC_VRF_ID_MAX && p->vrf[vrf].used;
}

/*
 * The rules the control functions below and the firmware's command checks
 * share, so the two cannot drift apart.
 */
static inline int mcnic_pipe_tmpl_exists(const struct mcnic_pipe *p, u32 idx)
{
	return idx < p->lim.tmpls && p->tmpl[idx].type;
}

static inline int mcnic_pipe_nh_exists(const struct mcnic_pipe *p, u32 idx)
{
	return idx < p->lim.nexthops && p->nh[idx].kind != MCNIC_NH_NONE;
}

static inline int mcnic_pipe_nhg_exists(const struct mcnic_pipe *p, u32 idx)
{
	return idx < p->lim.nhgs && p->nhg_used[idx];
}

/* The kind of port a next hop leaves by. */
static inline u8 mcnic_pipe_nh_port_kind(u8 nh_kind)
{
	return nh_kind == MCNIC_NH_TUNNEL ? MCNIC_PORTK_UPLINK :
					    MCNIC_PORTK_VPORT;
}

static inline int mcnic_vtep_type_valid(u8 type)
{
	return type == MCNIC_TUN_VXLAN || type == MCNIC_TUN_GENEVE ||
	       type == MCNIC_TUN_GRE;
}

/* GRE has no UDP port; VXLAN and GENEVE need one. */
static inline int mcnic_vtep_port_valid(u8 type, u16 udp_port)
{
	return (type == MCNIC_TUN_GRE) == !udp_port;
}

/* Prefix bits of family 4 or 6. */
static inline u8 mcnic_family_bits(u8 family)
{
	return family == 4 ? 32 : 128;
}

size_t mcnic_pipe_mem_size(const struct mcnic_pipe_limits *lim);
int mcnic_pipe_init(struct mcnic_pipe *p, const struct mcnic_pipe_limits *lim,
		    void *mem, size_t size);
void mcnic_pipe_occupancy(const struct mcnic_pipe *p,
			  struct mcnic_pipe_occupancy *o);

/* The packet path.  The frame is changed in place (encap/decap). */
enum mcnic_drop mcnic_pipe_rx(struct mcnic_pipe *p, u16 port,
			      struct mcnic_pkt *pkt, u64 now,
			      struct mcnic_pipe_out *out);
/*
 * n frames received on one port, with the outputs, counters and table
 * changes of n calls of mcnic_pipe_rx in order (out[i].drop: each one's
 * return).  A vport's or an uplink's frames have their flows looked up
 * MCNIC_PIPE_BURST at a time.
 */
#define MCNIC_PIPE_BURST	32
void mcnic_pipe_rx_burst(struct mcnic_pipe *p, u16 port,
			 struct mcnic_pkt *const *pkts, u32 n, u64 now,
			 struct mcnic_pipe_out *out);
/*
 * The same path for a frame the HDL punted on a miss.  When the flow's
 * action is one the HDL executes (encap, forward or drop of a frame from a
 * vport; deliver or drop of a decapsulated one; not sampled) the decision
 * is made and installed as usual but not executed: o->e gets the flow
 * entry for the HDL's table, o->flow and out->offered are set, and nothing
 * of the frame is counted (the HDL executes and counts it when it is
 * re-injected; a decap may have changed pkt, so re-inject the original).
 * Otherwise the frame is executed here, as by mcnic_pipe_rx.  Either way,
 * a tunnel frame that passed the VNI and peer checks sets o->tun and what
 * the HDL's tunnel cache needs.
 */
enum mcnic_drop mcnic_pipe_rx_offer(struct mcnic_pipe *p, u16 port,
				    struct mcnic_pkt *pkt, u64 now,
				    struct mcnic_pipe_out *out,
				    struct mcnic_pipe_offer *o);
/*
 * Counts packets the HDL executed under entry e: into the cached flow's
 * stats (if it is still cached) and its rule's counter (if counted).
 */
void mcnic_pipe_flow_fold(struct mcnic_pipe *p,
			  const struct mcnic_flow_entry *e, u64 packets,
			  u64 bytes, u64 now);
/* FLOW_FLUSH: forget every cached flow (and the HDL's copies). */
void mcnic_pipe_flows_clear(struct mcnic_pipe *p);

/* The slow path (slowpath.c): decide what a missed flow gets. */
struct mcnic_slow_in {
	const struct mcnic_flow_key *key;
	u16 vrf;
	u16 sseg;		/* segment the packet carries or comes from */
	u32 hash;		/* flow hash: ECMP and RSS */
};
void mcnic_slowpath_decide(struct mcnic_pipe *p, const struct mcnic_slow_in *in,
			   struct mcnic_tunnel_action *act);

/*
 * Control (pipe_ctl.c).  Each returns 0 or -MCNIC_E*; *why names a field,
 * or, for a delete or a port kind change refused with -MCNIC_EBUSY, what
 * still uses the object ("a route", "a next hop").  A port of kind NONE is
 * an unused port; one a next hop points at keeps its kind.  Deletes of
 * VTEPs and peers need no generation bump: both are checked on every
 * packet.
 */
void mcnic_pipe_parse_set(struct mcnic_pipe *p,
			  const struct mcnic_parse_cfg *cfg);
int mcnic_pipe_port_set(struct mcnic_pipe *p, u16 id,
			const struct mcnic_port_cfg *cfg, const char **why);
int mcnic_pipe_vrf_set(struct mcnic_pipe *p, u16 id, u8 default_action,
		       const char **why);
int mcnic_pipe_vtep_add(struct mcnic_pipe *p, const struct mcnic_vtep *v,
			const char **why);
int mcnic_pipe_vni_set(struct mcnic_pipe *p, u32 vni, u16 vrf,
		       const char **why);
int mcnic_pipe_peer_add(struct mcnic_pipe *p, u32 vni, u8 family,
			const u8 *addr, const char **why);
int mcnic_pipe_peer_del(struct mcnic_pipe *p, u32 vni, u8 family,
			const u8 *addr);
/*
 * Whether the delete of the same name would succeed, changing nothing: 0,
 * or its status and *why.  Objects of one kind never use each other, so
 * a batch of deletes of one kind is decided entry by entry up front.
 */
int mcnic_pipe_vrf_can_del(const struct mcnic_pipe *p, u16 id,
			   const char **why);
int mcnic_pipe_tmpl_can_del(const struct mcnic_pipe *p, u32 idx,
			    const char **why);
int mcnic_pipe_nh_can_del(const struct mcnic_pipe *p, u32 idx,
			  const char **why);
int mcnic_pipe_nhg_can_del(const struct mcnic_pipe *p, u32 idx,
			   const char **why);
/* A next hop points at port id (< lim.ports): its kind cannot become kind. */
int mcnic_pipe_port_kind_busy(const struct mcnic_pipe *p, u16 id, u8 kind);
int mcnic_pipe_vrf_del(struct mcnic_pipe *p, u16 id, const char **why);
int mcnic_pipe_vtep_del(struct mcnic_pipe *p, const struct mcnic_vtep *v);
int mcnic_pipe_vni_del(struct mcnic_pipe *p, u32 vni);
int mcnic_pipe_tmpl_del(struct mcnic_pipe *p, u32 idx, const char **why);
int mcnic_pipe_nh_del(struct mcnic_pipe *p, u32 idx, const char **why);
int mcnic_pipe_nhg_del(struct mcnic_pipe *p, u32 idx, const char **why);
int mcnic_pipe_tmpl_set(struct mcnic_pipe *p, u32 idx,
			const struct mcnic_encap_tmpl *t, const char **why);
int mcnic_pipe_nh_set(struct mcnic_pipe *p, u32 idx,
		      const struct mcnic_nexthop *nh, const char **why);
int mcnic_pipe_nh_state(struct mcnic_pipe *p, u32 idx, int down);
int mcnic_pipe_nhg_set(struct mcnic_pipe *p, u32 idx,
		       const struct mcnic_nhg *g, const char **why);
int mcnic_pipe_route_add(struct mcnic_pipe *p, u16 vrf, u8 family,
			 const u8 *prefix, u8 len,
			 const struct mcnic_route *r, const char **why);
int mcnic_pipe_route_del(struct mcnic_pipe *p, u16 vrf, u8 family,
			 const u8 *prefix, u8 len);
int mcnic_pipe_rule_add(struct mcnic_pipe *p,
			const struct mcnic_policy_rule *r, const char **why);
int mcnic_pipe_rule_del(struct mcnic_pipe *p, u32 id, u16 vrf);
/* Counters of a counted rule (MCNIC_RULE_DEFAULT: the VRF default). */
const struct mcnic_ctr *mcnic_pipe_rule_ctr(const struct mcnic_pipe *p,
					    u32 rule, u16 vrf);
struct mcnic_lpm *mcnic_pipe_lpm(const struct mcnic_pipe *p, u16 vrf,
				 u8 family);
void mcnic_pipe_vrf_bump(struct mcnic_pipe *p, u16 vrf);

#endif /* MCNIC_DP_PIPE_H */
