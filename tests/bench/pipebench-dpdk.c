// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * pipebench's comparison: what an OVS-DPDK-style datapath does with a
 * frame from a vport, written with DPDK 22.11's own libraries on rte_mbufs
 * from an rte_pktmbuf pool.
 *
 *   hit     rte_net_get_ptype (L2-L4) for the header lengths; the 5-tuple,
 *           vport and zone into mcnic's 44-byte key, its words stored
 *           whole, as mcnic's side stores them; the flow hash (CRC32C
 *           of mcnic's 40-byte tuple) for ECMP and the UDP source port;
 *           rte_hash_hash + rte_hash_lookup_with_hash_data in an rte_hash
 *           made with RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF and
 *           rte_hash_crc; the flow's packet and byte counters (a relaxed
 *           load and store: one thread counts a flow) and last-used time,
 *           as dp_netdev_flow_used; then
 *           the action: drop, or the tunnel push -- rte_pktmbuf_prepend,
 *           rte_memcpy of the tunnel's prebuilt header, ECN, lengths,
 *           rte_ipv4_cksum, the UDP source port from the flow hash.
 *   burst   the same, PBP_BURST packets at a time with one
 *           rte_hash_lookup_bulk_data, as OVS-DPDK's PMD threads work.
 *   miss    the upcall, minimal: rte_lpm_lookup of the destination, the
 *           route's group picks a tunnel by the flow hash (64 buckets,
 *           bucket (hash * 2654435761) >> 26 as mcnic's next-hop groups,
 *           bucket b to member b % n: equal weights, interleaved as ours),
 *           rte_acl_classify of the 5-tuple (one packet, one category;
 *           no match: the VRF default, deny), the flow stored with
 *           rte_hash_add_key_with_hash_data, then the action as on a hit.
 *           Routes and rules are IPv4 only, as the benchmark's traffic.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_acl.h>
#include <rte_byteorder.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_lpm.h>
#include <rte_mbuf.h>
#include <rte_mbuf_ptype.h>
#include <rte_memcpy.h>
#include <rte_net.h>
#include <rte_udp.h>
#include <rte_version.h>
#include <rte_vxlan.h>

#include <emmintrin.h>

#include "benchlib.h"
#include "pipebench.h"

#define PBD_L2_L4 (RTE_PTYPE_L2_MASK | RTE_PTYPE_L3_MASK | RTE_PTYPE_L4_MASK)
#define PBD_VXLAN_F_I	0x08000000
#define PBD_BUCKETS	64
#define PBD_SEED	0x6d636e69u
#define PBD_FK_IPV6	0x02	/* MCNIC_FK_IPV6 */
#define PBD_FK_FRAG	0x04	/* MCNIC_FK_FRAG */
#define PBD_ACL_FIELDS	5

/* The hashed flow tuple (mcnic's layout: docs/formats.md). */
struct pbd_tuple {
	uint8_t saddr[16];
	uint8_t daddr[16];
	rte_be16_t sport;
	rte_be16_t dport;
	uint8_t proto;
	uint8_t l3;
	uint8_t pad[2];
};

/* What a packet yields for the flow table and the push. */
struct pbd_pkt {
	struct pbp_key key;
	uint32_t hash;		/* the flow hash */
	uint8_t ecn;
};

struct pbd_tunnel {
	uint8_t hdr[PBP_HDR_LEN] __rte_aligned(64);
	uint16_t mtu;
	uint16_t sport_min;
	uint32_t sport_span;
	uint8_t idx;
};

/* A flow entry: the rte_hash data pointer points at one. */
struct pbd_flow {
	const struct pbd_tunnel *tun;	/* NULL: drop */
	uint32_t rule;
	uint8_t verdict;
	uint64_t packets;
	uint64_t bytes;
	uint64_t used;
} __rte_cache_aligned;

/* The classifier's view of a packet, fields in network order. */
struct pbd_acl_in {
	uint8_t proto;
	uint8_t pad[3];
	rte_be32_t src;
	rte_be32_t dst;
	rte_be16_t sport;
	rte_be16_t dport;
};

RTE_ACL_RULE_DEF(pbd_acl_rule, PBD_ACL_FIELDS);

static const struct rte_acl_field_def pbd_acl_defs[PBD_ACL_FIELDS] = {
	{ .type = RTE_ACL_FIELD_TYPE_BITMASK, .size = 1, .field_index = 0,
	  .input_index = 0, .offset = offsetof(struct pbd_acl_in, proto) },
	{ .type = RTE_ACL_FIELD_TYPE_MASK, .size = 4, .field_index = 1,
	  .input_index = 1, .offset = offsetof(struct pbd_acl_in, src) },
	{ .type = RTE_ACL_FIELD_TYPE_MASK, .size = 4, .field_index = 2,
	  .input_index = 2, .offset = offsetof(struct pbd_acl_in, dst) },
	{ .type = RTE_ACL_FIELD_TYPE_RANGE, .size = 2, .field_index = 3,
	  .input_index = 3, .offset = offsetof(struct pbd_acl_in, sport) },
	{ .type = RTE_ACL_FIELD_TYPE_RANGE, .size = 2, .field_index = 4,
	  .input_index = 3, .offset = offsetof(struct pbd_acl_in, dport) },
};

static struct {
	struct rte_mempool *pool;
	struct rte_mbuf **mb;
	uint16_t *len;
	unsigned int cap;
	unsigned int n;
	unsigned int mask;
	struct rte_hash *h;
	struct pbd_flow *flows;
	uint32_t nflows;
	uint32_t max_flows;
	struct rte_lpm *lpm;
	const struct pbd_tunnel *(*bucket)[PBD_BUCKETS];	/* per route */
	struct rte_acl_ctx *acl;
	uint32_t *acl_id;	/* userdata - 1 -> rule id */
	uint8_t *acl_allow;
	struct pbd_tunnel *tun;
	struct pbp_stats st;
	uint32_t zone;
	uint16_t vport;
	uint16_t mtu;
} pbd;

_Static_assert(sizeof(struct pbp_key) == PBP_KEY_LEN, "key size");
_Static_assert(sizeof(struct pbd_tuple) == 40, "tuple size");
_Static_assert(sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr) +
	       sizeof(struct rte_udp_hdr) + sizeof(struct rte_vxlan_hdr) ==
	       PBP_HDR_LEN, "VXLAN header length");

const char *pbp_dpdk_version(void)
{
	return rte_version();
}

int pbp_dpdk_init(int core, unsigned int mem_mb, unsigned int slots,
		  int verbose)
{
	if (bench_eal_init("pipebench", core, mem_mb, verbose))
		return -1;
	/* Room for the frame and nothing more, as a 64-byte RX ring has. */
	pbd.pool = rte_pktmbuf_pool_create("pipebench", slots + 512, 256, 0,
					   RTE_PKTMBUF_HEADROOM + 64,
					   rte_socket_id());
	pbd.mb = calloc(slots, sizeof(*pbd.mb));
	pbd.len = calloc(slots, sizeof(*pbd.len));
	if (!pbd.pool || !pbd.mb || !pbd.len ||
	    rte_pktmbuf_alloc_bulk(pbd.pool, pbd.mb, slots)) {
		fprintf(stderr, "pipebench: %u mbufs: %s\n", slots,
			rte_strerror(rte_errno));
		return -1;
	}
	pbd.cap = slots;
	return 0;
}

void pbp_dpdk_fini(void)
{
	if (pbd.pool) {
		rte_pktmbuf_free_bulk(pbd.mb, pbd.cap);
		rte_mempool_free(pbd.pool);
	}
	rte_hash_free(pbd.h);
	rte_lpm_free(pbd.lpm);
	rte_acl_free(pbd.acl);
	free(pbd.mb);
	free(pbd.len);
	free(pbd.flows);
	free(pbd.bucket);
	free(pbd.acl_id);
	free(pbd.acl_allow);
	free(pbd.tun);
	bench_eal_fini();
	memset(&pbd, 0, sizeof(pbd));
}

/* ---- programming ------------------------------------------------------ */

/* The header pushed in front of every packet, built once (tnl_push setup). */
static void pbd_tunnel_build(const struct pbp_tunnel *tp, uint8_t idx,
			     struct pbd_tunnel *t)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)t->hdr;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	struct rte_vxlan_hdr *vx = (struct rte_vxlan_hdr *)(udp + 1);

	memset(t, 0, sizeof(*t));
	memcpy(&eth->dst_addr, tp->dmac, RTE_ETHER_ADDR_LEN);
	memcpy(&eth->src_addr, tp->smac, RTE_ETHER_ADDR_LEN);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = tp->ttl;
	ip->next_proto_id = IPPROTO_UDP;
	memcpy(&ip->src_addr, tp->saddr, 4);
	memcpy(&ip->dst_addr, tp->daddr, 4);
	udp->dst_port = rte_cpu_to_be_16(tp->dport);
	vx->vx_flags = rte_cpu_to_be_32(PBD_VXLAN_F_I);
	vx->vx_vni = rte_cpu_to_be_32(tp->vni << 8);
	t->mtu = tp->mtu;
	t->sport_min = tp->sport_min;
	t->sport_span = (uint32_t)tp->sport_max - tp->sport_min + 1;
	t->idx = idx;
}

static uint32_t pbd_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Route r's buckets: bucket b takes member b % n (equal weights). */
static void pbd_route_buckets(const struct pbp_prog *pg, unsigned int r)
{
	const struct pbp_group *g = &pg->grp[pg->rt[r].group];
	unsigned int b;

	for (b = 0; b < PBD_BUCKETS; b++)
		pbd.bucket[r][b] = &pbd.tun[g->tunnel[b % g->n]];
}

static int pbd_routes(const struct pbp_prog *pg)
{
	struct rte_lpm_config lc = {
		.max_rules = pg->nrt + 16,
		.number_tbl8s = 256,
	};
	const struct pbp_route *rt;
	unsigned int r;
	int rc;

	pbd.lpm = rte_lpm_create("pipebench", (int)rte_socket_id(), &lc);
	pbd.bucket = calloc(pg->nrt, sizeof(*pbd.bucket));
	if (!pbd.lpm || !pbd.bucket) {
		fprintf(stderr, "pipebench: rte_lpm_create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	for (r = 0; r < pg->nrt; r++) {
		rt = &pg->rt[r];
		pbd_route_buckets(pg, r);
		/* rte_lpm takes depths 1..32: a default route is two /1s. */
		if (!rt->len)
			rc = rte_lpm_add(pbd.lpm, 0, 1, r) ||
			     rte_lpm_add(pbd.lpm, 1u << 31, 1, r) ? -EINVAL : 0;
		else
			rc = rte_lpm_add(pbd.lpm, pbd_be32(rt->prefix),
					 rt->len, r);
		if (rc) {
			fprintf(stderr, "pipebench: rte_lpm_add: %s\n",
				strerror(-rc));
			return -1;
		}
	}
	return 0;
}

/* Decision order (priority, then id) as rte_acl priorities. */
static const struct pbp_rule *pbd_rank_rules;

static int pbd_cmp_rank(const void *a, const void *b)
{
	const struct pbp_rule *x = &pbd_rank_rules[*(const unsigned int *)a];
	const struct pbp_rule *y = &pbd_rank_rules[*(const unsigned int *)b];

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static void pbd_acl_convert(const struct pbp_rule *r, uint32_t rank,
			    struct pbd_acl_rule *a)
{
	memset(a, 0, sizeof(*a));
	a->data.category_mask = 1;
	a->data.priority = RTE_ACL_MAX_PRIORITY - rank;
	a->data.userdata = rank + 1;
	a->field[0].value.u8 = r->proto;
	a->field[0].mask_range.u8 = r->proto ? 0xff : 0;
	a->field[1].value.u32 = pbd_be32(r->src);
	a->field[1].mask_range.u32 = r->src_len;
	a->field[2].value.u32 = pbd_be32(r->dst);
	a->field[2].mask_range.u32 = r->dst_len;
	a->field[3].value.u16 = r->sport_lo;
	a->field[3].mask_range.u16 = r->sport_hi;
	a->field[4].value.u16 = r->dport_lo;
	a->field[4].mask_range.u16 = r->dport_hi;
}

static int pbd_rules(const struct pbp_prog *pg)
{
	struct rte_acl_param prm = {
		.name = "pipebench",
		.socket_id = SOCKET_ID_ANY,
		.rule_size = RTE_ACL_RULE_SZ(PBD_ACL_FIELDS),
		.max_rule_num = pg->nrule,
	};
	struct rte_acl_config cfg = {
		.num_categories = 1,
		.num_fields = PBD_ACL_FIELDS,
	};
	struct pbd_acl_rule *ar = calloc(pg->nrule, sizeof(*ar));
	unsigned int *ord = calloc(pg->nrule, sizeof(*ord)), i;
	int rc = -ENOMEM;

	pbd.acl = rte_acl_create(&prm);
	pbd.acl_id = calloc(pg->nrule, sizeof(*pbd.acl_id));
	pbd.acl_allow = calloc(pg->nrule, sizeof(*pbd.acl_allow));
	if (!ar || !ord || !pbd.acl || !pbd.acl_id || !pbd.acl_allow)
		goto out;
	for (i = 0; i < pg->nrule; i++)
		ord[i] = i;
	pbd_rank_rules = pg->rule;
	qsort(ord, pg->nrule, sizeof(*ord), pbd_cmp_rank);
	for (i = 0; i < pg->nrule; i++) {
		pbd_acl_convert(&pg->rule[ord[i]], i, &ar[i]);
		pbd.acl_id[i] = pg->rule[ord[i]].id;
		pbd.acl_allow[i] = pg->rule[ord[i]].allow;
	}
	memcpy(cfg.defs, pbd_acl_defs, sizeof(pbd_acl_defs));
	rc = rte_acl_add_rules(pbd.acl, (const struct rte_acl_rule *)ar,
			       pg->nrule);
	if (!rc)
		rc = rte_acl_build(pbd.acl, &cfg);
out:
	if (rc)
		fprintf(stderr, "pipebench: rte_acl of %u rules: %s\n",
			pg->nrule, strerror(-rc));
	free(ar);
	free(ord);
	return rc ? -1 : 0;
}

static int pbd_flow_table(uint32_t flows)
{
	struct rte_hash_parameters hp = {
		.name = "pipebench",
		.entries = flows,
		.key_len = PBP_KEY_LEN,
		.hash_func = rte_hash_crc,
		.hash_func_init_val = PBD_SEED,
		.socket_id = (int)rte_socket_id(),
		.extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};

	pbd.h = rte_hash_create(&hp);
	pbd.flows = aligned_alloc(RTE_CACHE_LINE_SIZE,
				  (size_t)flows * sizeof(*pbd.flows));
	if (!pbd.h || !pbd.flows) {
		fprintf(stderr, "pipebench: rte_hash_create(%u): %s\n", flows,
			rte_strerror(rte_errno));
		return -1;
	}
	pbd.max_flows = flows;
	return 0;
}

int pbp_dpdk_program(const struct pbp_prog *pg)
{
	unsigned int i;

	pbd.tun = aligned_alloc(64, pg->ntun * sizeof(*pbd.tun));
	if (!pbd.tun)
		return -1;
	for (i = 0; i < pg->ntun; i++)
		pbd_tunnel_build(&pg->tun[i], i, &pbd.tun[i]);
	pbd.zone = pg->zone;
	pbd.vport = pg->vport;
	pbd.mtu = pg->mtu;
	if (pbd_routes(pg) || pbd_rules(pg) || pbd_flow_table(pg->flows))
		return -1;
	return 0;
}

void pbp_dpdk_clear(void)
{
	rte_hash_reset(pbd.h);
	pbd.nflows = 0;
	memset(&pbd.st, 0, sizeof(pbd.st));
}

void pbp_dpdk_stats(struct pbp_stats *st)
{
	*st = pbd.st;
}

int pbp_dpdk_flow_next(uint32_t *iter, struct pbp_key *key,
		       struct pbp_flow *f)
{
	const struct pbd_flow *e;
	const void *k;
	void *data;

	if (rte_hash_iterate(pbd.h, &k, &data, iter) < 0)
		return -1;
	e = data;
	memcpy(key, k, sizeof(*key));
	f->rule = e->rule;
	f->verdict = e->verdict;
	f->tunnel = e->tun ? e->tun->idx : 0;
	f->packets = e->packets;
	f->bytes = e->bytes;
	return 0;
}

/* ---- the ring --------------------------------------------------------- */

int pbp_dpdk_load(const uint8_t *const *frame, const uint16_t *len,
		  unsigned int n)
{
	unsigned int k;
	char *d;

	if (n > pbd.cap || (n & (n - 1)))
		return -1;
	for (k = 0; k < n; k++) {
		rte_pktmbuf_reset(pbd.mb[k]);
		d = rte_pktmbuf_append(pbd.mb[k], len[k]);
		if (!d)
			return -1;
		memcpy(d, frame[k], len[k]);
		pbd.len[k] = len[k];
	}
	pbd.n = n;
	pbd.mask = n - 1;
	return 0;
}

const uint8_t *pbp_dpdk_frame(unsigned int k, uint16_t *len)
{
	*len = rte_pktmbuf_data_len(pbd.mb[k]);
	return rte_pktmbuf_mtod(pbd.mb[k], const uint8_t *);
}

/* Slot k back to the frame it was loaded with: no copy, as a NIC refill. */
static inline struct rte_mbuf *pbd_slot(unsigned int k)
{
	struct rte_mbuf *m = pbd.mb[k];

	m->data_off = RTE_PKTMBUF_HEADROOM;
	m->data_len = pbd.len[k];
	m->pkt_len = pbd.len[k];
	return m;
}

/* ---- the packet path -------------------------------------------------- */

/*
 * An IPv4 address into a 16-byte field, zero-padded, as one store; and the
 * key's and tuple's words after the addresses built in registers: their
 * hashes load them as 8-byte words, which narrower stores cannot be
 * forwarded to (mcnic's side does the same).
 */
static inline void pbd_addr4(uint8_t *dst, rte_be32_t a)
{
	_mm_storeu_si128((__m128i *)dst, _mm_cvtsi32_si128((int)a));
}

/* Key, flow hash and ECN of an IP frame; -1: not IP or over the MTU. */
static inline int pbd_extract(const struct rte_mbuf *m, struct pbd_pkt *pk)
{
	const struct rte_ipv4_hdr *ip4;
	const struct rte_ipv6_hdr *ip6;
	struct rte_net_hdr_lens hl;
	struct pbd_tuple t;
	const uint8_t *l3;
	uint32_t pt, l4t, kind = 0, ports = 0, l3n;
	uint64_t zw = pbd.zone, tw;
	uint16_t iplen;
	uint8_t proto;

	pt = rte_net_get_ptype(m, &hl, PBD_L2_L4);
	l3 = rte_pktmbuf_mtod_offset(m, const uint8_t *, hl.l2_len);
	if (RTE_ETH_IS_IPV4_HDR(pt)) {
		ip4 = (const struct rte_ipv4_hdr *)l3;
		pbd_addr4(t.saddr, ip4->src_addr);
		pbd_addr4(t.daddr, ip4->dst_addr);
		proto = ip4->next_proto_id;
		l3n = 4;
		pk->ecn = ip4->type_of_service & 3;
		iplen = rte_be_to_cpu_16(ip4->total_length);
	} else if (RTE_ETH_IS_IPV6_HDR(pt)) {
		ip6 = (const struct rte_ipv6_hdr *)l3;
		memcpy(t.saddr, ip6->src_addr, 16);
		memcpy(t.daddr, ip6->dst_addr, 16);
		proto = ip6->proto;
		l3n = 6;
		pk->ecn = (rte_be_to_cpu_32(ip6->vtc_flow) >> 20) & 3;
		iplen = rte_be_to_cpu_16(ip6->payload_len) + sizeof(*ip6);
		kind = PBD_FK_IPV6;
	} else {
		return -1;
	}
	if (iplen > pbd.mtu)
		return -1;
	/* Every fragment of a datagram is one flow: no ports. */
	l4t = pt & RTE_PTYPE_L4_MASK;
	if (l4t == RTE_PTYPE_L4_FRAG)
		kind |= PBD_FK_FRAG;
	else if (l4t == RTE_PTYPE_L4_TCP || l4t == RTE_PTYPE_L4_UDP)
		memcpy(&ports, l3 + hl.l3_len, 4);
	/* The tuple: ports as on the wire, protocol, family, zero pad. */
	tw = ports | (uint64_t)proto << 32 | (uint64_t)l3n << 40;
	memcpy(&t.sport, &tw, 8);
	zw |= (uint64_t)rte_be_to_cpu_16((rte_be16_t)ports) << 32 |
	      (uint64_t)rte_be_to_cpu_16((rte_be16_t)(ports >> 16)) << 48;
	memcpy(pk->key.saddr, t.saddr, 16);
	memcpy(pk->key.daddr, t.daddr, 16);
	memcpy(&pk->key.zone, &zw, 8);
	pt = pbd.vport | kind << 16 | (uint32_t)proto << 24;
	memcpy(&pk->key.port, &pt, 4);
	/* CRC32C with mcnic's pre/post inversion: mcnic_flow_hash. */
	pk->hash = ~rte_hash_crc(&t, sizeof(t), ~0u);
	return 0;
}

/* The policy decision: a rule id, or the VRF default (deny). */
static inline int pbd_classify(const struct pbd_pkt *pk, uint32_t *rule)
{
	struct pbd_acl_in in = {
		.proto = pk->key.proto,
		.sport = rte_cpu_to_be_16(pk->key.sport),
		.dport = rte_cpu_to_be_16(pk->key.dport),
	};
	const uint8_t *data = (const uint8_t *)&in;
	uint32_t res = 0;

	memcpy(&in.src, pk->key.saddr, 4);
	memcpy(&in.dst, pk->key.daddr, 4);
	rte_acl_classify(pbd.acl, &data, &res, 1, 1);
	if (!res) {
		*rule = PBP_RULE_DEFAULT;
		return 0;
	}
	*rule = pbd.acl_id[res - 1];
	return pbd.acl_allow[res - 1];
}

static inline void pbd_decide(const struct pbd_pkt *pk, struct pbd_flow *f)
{
	uint32_t rt, b;

	memset(f, 0, sizeof(*f));
	/* Routes and rules are IPv4 only, as the traffic is. */
	if ((pk->key.kind & PBD_FK_IPV6) ||
	    rte_lpm_lookup(pbd.lpm, pbd_be32(pk->key.daddr), &rt)) {
		f->verdict = PBP_NO_ROUTE;
		return;
	}
	if (!pbd_classify(pk, &f->rule)) {
		f->verdict = PBP_DENY;
		return;
	}
	b = (pk->hash * 2654435761u) >> 26;
	f->tun = pbd.bucket[rt][b];
	f->verdict = PBP_FWD;
}

/* The upcall; a full table still forwards, from *spare (not cached). */
static inline struct pbd_flow *pbd_upcall(const struct pbd_pkt *pk,
					  hash_sig_t sig,
					  struct pbd_flow *spare)
{
	struct pbd_flow *f = spare;

	pbd.st.misses++;
	if (pbd.nflows < pbd.max_flows)
		f = &pbd.flows[pbd.nflows];
	pbd_decide(pk, f);
	if (f != spare && !rte_hash_add_key_with_hash_data(pbd.h, &pk->key,
							   sig, f)) {
		pbd.nflows++;
		pbd.st.installs++;
		return f;
	}
	pbd.st.install_fail++;
	if (f != spare)
		*spare = *f;
	return spare;
}

static inline int pbd_push(const struct pbd_tunnel *c, struct rte_mbuf *m,
			   const struct pbd_pkt *pk)
{
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *udp;
	uint32_t l3len;
	char *o;

	l3len = rte_pktmbuf_pkt_len(m) + PBP_HDR_LEN - RTE_ETHER_HDR_LEN;
	if (l3len > c->mtu)
		return -1;
	o = rte_pktmbuf_prepend(m, PBP_HDR_LEN);
	if (unlikely(!o))
		return -1;
	rte_memcpy(o, c->hdr, PBP_HDR_LEN);
	ip = (struct rte_ipv4_hdr *)(o + RTE_ETHER_HDR_LEN);
	ip->type_of_service = pk->ecn;	/* DSCP 0, ECN per RFC 6040 */
	ip->total_length = rte_cpu_to_be_16(l3len);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp = (struct rte_udp_hdr *)(ip + 1);
	udp->src_port = rte_cpu_to_be_16(c->sport_min +
		(uint16_t)(((uint64_t)pk->hash * c->sport_span) >> 32));
	udp->dgram_len = rte_cpu_to_be_16(l3len - sizeof(*ip));
	return 0;
}

/* OVS's non_atomic_ullong_add: one thread counts a flow (as mcnic's). */
static inline void pbd_stat_add(uint64_t *c, uint64_t v)
{
	__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + v,
			 __ATOMIC_RELAXED);
}

/* Counters, then the action; 0 when the packet was pushed. */
static inline int pbd_execute(struct pbd_flow *f, struct rte_mbuf *m,
			      const struct pbd_pkt *pk, uint64_t now)
{
	pbd_stat_add(&f->packets, 1);
	pbd_stat_add(&f->bytes, rte_pktmbuf_pkt_len(m));
	__atomic_store_n(&f->used, now, __ATOMIC_RELAXED);
	if (!f->tun)
		return -1;
	return pbd_push(f->tun, m, pk);
}

static inline int pbd_rx_one(struct rte_mbuf *m, uint64_t now)
{
	struct pbd_flow spare, *f;
	struct pbd_pkt pk;
	hash_sig_t sig;
	void *data;

	if (pbd_extract(m, &pk))
		return -1;
	sig = rte_hash_hash(pbd.h, &pk.key);
	if (rte_hash_lookup_with_hash_data(pbd.h, &pk.key, sig, &data) >= 0) {
		pbd.st.hits++;
		f = data;
	} else {
		f = pbd_upcall(&pk, sig, &spare);
	}
	return pbd_execute(f, m, &pk, now);
}

static inline int pbd_bad(const struct rte_mbuf *m, unsigned int k)
{
	return rte_pktmbuf_pkt_len(m) != pbd.len[k] + (uint32_t)PBP_HDR_LEN;
}

uint64_t pbp_dpdk_rx(uint64_t n, uint64_t *bad)
{
	uint64_t i, nbad = 0;
	unsigned int k = 0;
	struct rte_mbuf *m;

	for (i = 0; i < n; i++) {
		m = pbd_slot(k);
		if (pbd_rx_one(m, i) || pbd_bad(m, k))
			nbad++;
		k = (k + 1) & pbd.mask;
	}
	*bad += nbad;
	return pbd.st.hits;
}

/* One burst: extract all, one bulk lookup, then each packet's action. */
static unsigned int pbd_rx_burst(unsigned int k, unsigned int b, uint64_t now,
				 uint64_t *nbad)
{
	struct rte_mbuf *m[PBP_BURST];
	struct pbd_pkt pk[PBP_BURST];
	const void *kp[PBP_BURST];
	void *data[PBP_BURST];
	struct pbd_flow spare, *f;
	uint64_t hit = 0;
	int ok[PBP_BURST];
	unsigned int j;

	for (j = 0; j < b; j++) {
		m[j] = pbd_slot((k + j) & pbd.mask);
		ok[j] = !pbd_extract(m[j], &pk[j]);
		kp[j] = &pk[j].key;
	}
	rte_hash_lookup_bulk_data(pbd.h, kp, b, &hit, data);
	for (j = 0; j < b; j++) {
		if (!ok[j]) {
			(*nbad)++;
			continue;
		}
		if (hit >> j & 1) {
			pbd.st.hits++;
			f = data[j];
		} else {
			f = pbd_upcall(&pk[j], rte_hash_hash(pbd.h, &pk[j].key),
				       &spare);
		}
		if (pbd_execute(f, m[j], &pk[j], now + j) ||
		    pbd_bad(m[j], (k + j) & pbd.mask))
			(*nbad)++;
	}
	return (k + b) & pbd.mask;
}

uint64_t pbp_dpdk_rx_burst(uint64_t n, uint64_t *bad)
{
	uint64_t i, nbad = 0;
	unsigned int k = 0, b;

	for (i = 0; i < n; i += b) {
		b = n - i < PBP_BURST ? n - i : PBP_BURST;
		k = pbd_rx_burst(k, b, i, &nbad);
	}
	*bad += nbad;
	return pbd.st.hits;
}

uint64_t pbp_dpdk_fresh(uint64_t first, uint64_t n, uint64_t *bad)
{
	uint64_t i, nbad = 0;
	struct rte_mbuf *m;
	unsigned int k;
	rte_be16_t sp;

	for (i = first; i < first + n; i++) {
		k = i & pbd.mask;
		m = pbd_slot(k);
		sp = rte_cpu_to_be_16(pbp_fresh_sport(i, pbd.n));
		memcpy(rte_pktmbuf_mtod_offset(m, uint8_t *, PBP_SPORT_OFF),
		       &sp, sizeof(sp));
		if (pbd_rx_one(m, i) || pbd_bad(m, k))
			nbad++;
	}
	*bad += nbad;
	return pbd.st.installs;
}
