// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * polbench's baseline: DPDK 22.11's rte_acl classifier over the same rules
 * and queries.  rte_acl knows fields, not our contract, so every field of
 * a rule and of a query is mapped onto an rte_acl field (pa_mapping() says
 * how), in two contexts as l3fwd-acl has them, IPv4 and IPv6: one context
 * with 16 fields for both families cannot be built for 64 k of these rules
 * ("Exceeded max number of tries").  The decision order -- lowest priority
 * value, then lowest id -- becomes rte_acl priorities: the rules sorted by
 * (priority, id), rank r gets priority RTE_ACL_MAX_PRIORITY - r and
 * userdata r + 1 (0 is rte_acl's "no match").
 *
 * rte_acl has no incremental insert: a change is rte_acl_add_rules and a
 * new rte_acl_build of the whole set, which is what pa_build() times.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <rte_acl.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_version.h>

#include <mcnic/policy.h>
#include "benchlib.h"

#define PA_BURST	32	/* l3fwd-acl's burst */
#define PA_FIELDS_MAX	15

/*
 * A query as rte_acl reads it, multi-byte fields in network order.  Each
 * 4-byte group is one rte_acl input index; the IPv4 context reads only the
 * first word of each address.
 */
struct pa_in {
	uint8_t proto;		/* group 0: rte_acl wants 1 byte first */
	uint8_t pad[3];
	rte_be16_t vrf;		/* group 1 */
	rte_be16_t sseg;
	rte_be16_t dseg;	/* group 2 */
	rte_be16_t dir;		/* 1 egress, 2 ingress */
	rte_be32_t src[4];
	rte_be32_t dst[4];
	rte_be16_t sport;	/* last group */
	rte_be16_t dport;
};

/* Field order of a rule; the addresses take 1 (IPv4) or 4 fields each. */
enum { F_PROTO, F_VRF, F_SSEG, F_DSEG, F_DIR, F_SRC };

RTE_ACL_RULE_DEF(pa_rule, PA_FIELDS_MAX);

/* One context per family, as l3fwd-acl has. */
struct pa_ctx {
	struct rte_acl_ctx *ctx;
	struct rte_acl_config cfg;
	struct pa_rule *rules;
	unsigned int nrules;
	unsigned int words;	/* 32-bit words per address */
	const uint8_t **ptr;	/* this family's queries */
	uint32_t *res;
	uint32_t *qidx;		/* their index in the caller's array */
	unsigned int nq;
};

static struct {
	struct pa_ctx c[2];	/* IPv4, IPv6 */
	uint32_t *ids;		/* userdata - 1 -> rule id */
	struct pa_in *in;
} pa;

const char *pa_version(void)
{
	return rte_version();
}

const char *pa_mapping(void)
{
	return "two rte_acl contexts, IPv4 (9 fields) and IPv6 (15), "
	       "family-0 rules in both, each query classified in its family's"
	       " (queries grouped by family beforehand): proto u8 BITMASK, "
	       "vrf u16 BITMASK, sseg and dseg u16 BITMASK (mask 0: any), "
	       "direction u16 BITMASK (1 egress, 2 ingress), src and dst u32 "
	       "MASK (IPv6: 4 each), sport and dport u16 RANGE; priority: "
	       "rules sorted by (priority, id), rank r gets rte_acl priority "
	       "MAX - r";
}

static void pa_def(struct pa_ctx *c, unsigned int f, uint8_t type,
		   uint8_t size, uint8_t input, uint32_t off)
{
	struct rte_acl_field_def *d = &c->cfg.defs[f];

	d->type = type;
	d->size = size;
	d->field_index = f;
	d->input_index = input;
	d->offset = off;
}

static void pa_config(struct pa_ctx *c, unsigned int words)
{
	unsigned int i, f = F_SRC, g = 3;

	memset(&c->cfg, 0, sizeof(c->cfg));
	c->words = words;
	c->cfg.num_categories = 1;
	pa_def(c, F_PROTO, RTE_ACL_FIELD_TYPE_BITMASK, 1, 0,
	       offsetof(struct pa_in, proto));
	pa_def(c, F_VRF, RTE_ACL_FIELD_TYPE_BITMASK, 2, 1,
	       offsetof(struct pa_in, vrf));
	pa_def(c, F_SSEG, RTE_ACL_FIELD_TYPE_BITMASK, 2, 1,
	       offsetof(struct pa_in, sseg));
	pa_def(c, F_DSEG, RTE_ACL_FIELD_TYPE_BITMASK, 2, 2,
	       offsetof(struct pa_in, dseg));
	pa_def(c, F_DIR, RTE_ACL_FIELD_TYPE_BITMASK, 2, 2,
	       offsetof(struct pa_in, dir));
	for (i = 0; i < words; i++)
		pa_def(c, f++, RTE_ACL_FIELD_TYPE_MASK, 4, g++,
		       offsetof(struct pa_in, src) + 4 * i);
	for (i = 0; i < words; i++)
		pa_def(c, f++, RTE_ACL_FIELD_TYPE_MASK, 4, g++,
		       offsetof(struct pa_in, dst) + 4 * i);
	pa_def(c, f++, RTE_ACL_FIELD_TYPE_RANGE, 2, g,
	       offsetof(struct pa_in, sport));
	pa_def(c, f++, RTE_ACL_FIELD_TYPE_RANGE, 2, g,
	       offsetof(struct pa_in, dport));
	c->cfg.num_fields = f;
}

static int pa_thp(const struct rte_memseg_list *msl, void *arg)
{
	if (madvise(msl->base_va, msl->len, MADV_HUGEPAGE))
		fprintf(stderr, "polbench: madvise(MADV_HUGEPAGE) on EAL"
			" memory: %s\n", strerror(errno));
	return 0;
}

/*
 * thp: back EAL's memory (--no-huge: anonymous 4 KiB pages) with
 * transparent huge pages, as ours gets them, before rte_acl touches it.
 */
int pa_init(int core, unsigned int mem_mb, int thp, int verbose)
{
	if (bench_eal_init("polbench", core, mem_mb, verbose))
		return -1;
	if (thp)
		rte_memseg_list_walk(pa_thp, NULL);
	pa_config(&pa.c[0], 1);
	pa_config(&pa.c[1], 4);
	return 0;
}

static void pa_ctx_free_queries(struct pa_ctx *c)
{
	free(c->ptr);
	free(c->res);
	free(c->qidx);
	c->ptr = NULL;
	c->res = NULL;
	c->qidx = NULL;
	c->nq = 0;
}

void pa_fini(void)
{
	unsigned int f;

	for (f = 0; f < 2; f++) {
		rte_acl_free(pa.c[f].ctx);
		free(pa.c[f].rules);
		pa_ctx_free_queries(&pa.c[f]);
	}
	free(pa.ids);
	free(pa.in);
	bench_eal_fini();
	memset(&pa, 0, sizeof(pa));
}

static int pa_cmp_rule(const void *a, const void *b)
{
	const struct mcnic_policy_rule *x = *(const struct mcnic_policy_rule *
					      const *)a;
	const struct mcnic_policy_rule *y = *(const struct mcnic_policy_rule *
					      const *)b;

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static uint32_t pa_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void pa_bits8(struct rte_acl_field *f, uint8_t v, uint8_t m)
{
	f->value.u8 = v;
	f->mask_range.u8 = m;
}

static void pa_bits16(struct rte_acl_field *f, uint16_t v, uint16_t m)
{
	f->value.u16 = v;
	f->mask_range.u16 = m;
}

/* A prefix of len bits as c->words MASK fields from field f on. */
static unsigned int pa_prefix(const struct pa_ctx *c, struct pa_rule *a,
			      unsigned int f, const uint8_t *addr, int len)
{
	unsigned int i;
	int l;

	for (i = 0; i < c->words; i++, f++) {
		l = len - 32 * (int)i;
		a->field[f].value.u32 = pa_be32(addr + 4 * i);
		a->field[f].mask_range.u32 = l < 0 ? 0 : l > 32 ? 32 : l;
	}
	return f;
}

static void pa_convert(const struct pa_ctx *c,
		       const struct mcnic_policy_rule *r, uint32_t rank,
		       struct pa_rule *a)
{
	uint8_t dirs = r->match & (MCNIC_POLM_EGRESS | MCNIC_POLM_INGRESS);
	unsigned int f;

	memset(a, 0, sizeof(*a));
	a->data.category_mask = 1;
	a->data.priority = RTE_ACL_MAX_PRIORITY - rank;
	a->data.userdata = rank + 1;
	pa_bits8(&a->field[F_PROTO], r->proto,
		 r->match & MCNIC_POLM_PROTO ? 0xff : 0);
	pa_bits16(&a->field[F_VRF], r->vrf, 0xffff);
	pa_bits16(&a->field[F_SSEG], r->sseg,
		  r->match & MCNIC_POLM_SSEG ? 0xffff : 0);
	pa_bits16(&a->field[F_DSEG], r->dseg,
		  r->match & MCNIC_POLM_DSEG ? 0xffff : 0);
	/* Egress only: 1/1; ingress only: 2/2; both: anything. */
	if (dirs == MCNIC_POLM_EGRESS || dirs == MCNIC_POLM_INGRESS)
		pa_bits16(&a->field[F_DIR], dirs == MCNIC_POLM_EGRESS ? 1 : 2,
			  dirs == MCNIC_POLM_EGRESS ? 1 : 2);
	f = pa_prefix(c, a, F_SRC, r->src, r->src_len);
	f = pa_prefix(c, a, f, r->dst, r->dst_len);
	pa_bits16(&a->field[f], r->sport_lo, r->sport_hi);
	pa_bits16(&a->field[f + 1], r->dport_lo, r->dport_hi);
}

/* Rule ranks (the decision order) -> ids; ord[rank] is the rule. */
static const struct mcnic_policy_rule **pa_rank(
	const struct mcnic_policy_rule *r, unsigned int n)
{
	const struct mcnic_policy_rule **ord = calloc(n, sizeof(*ord));
	unsigned int i;

	free(pa.ids);
	pa.ids = calloc(n, sizeof(*pa.ids));
	if (!ord || !pa.ids) {
		free(ord);
		return NULL;
	}
	for (i = 0; i < n; i++)
		ord[i] = &r[i];
	qsort(ord, n, sizeof(*ord), pa_cmp_rule);
	for (i = 0; i < n; i++)
		pa.ids[i] = ord[i]->id;
	return ord;
}

/* This family's rules (and the family-0 ones), converted, untimed. */
static int pa_ctx_rules(struct pa_ctx *c, uint8_t family,
			const struct mcnic_policy_rule **ord, unsigned int n)
{
	struct rte_acl_param prm = {
		.name = family == 4 ? "polbench4" : "polbench6",
		.socket_id = SOCKET_ID_ANY,
		.rule_size = RTE_ACL_RULE_SZ(PA_FIELDS_MAX),
		.max_rule_num = n,
	};
	unsigned int i;

	rte_acl_free(c->ctx);
	free(c->rules);
	c->ctx = rte_acl_create(&prm);
	c->rules = calloc(n, sizeof(*c->rules));
	if (!c->ctx || !c->rules) {
		fprintf(stderr, "polbench: rte_acl_create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	c->nrules = 0;
	for (i = 0; i < n; i++)
		if (!ord[i]->family || ord[i]->family == family)
			pa_convert(c, ord[i], i, &c->rules[c->nrules++]);
	return 0;
}

/* Converts (untimed), then times rte_acl_add_rules + rte_acl_build. */
int pa_build(const struct mcnic_policy_rule *r, unsigned int n, double *ns)
{
	const struct mcnic_policy_rule **ord = pa_rank(r, n);
	uint64_t t = 0, t0;
	struct pa_ctx *c;
	unsigned int f;
	int rc = -1;

	for (f = 0; ord && f < 2; f++) {
		c = &pa.c[f];
		rc = pa_ctx_rules(c, f ? 6 : 4, ord, n);
		if (rc)
			break;
		t0 = rte_rdtsc_precise();
		rc = rte_acl_add_rules(c->ctx,
				       (const struct rte_acl_rule *)c->rules,
				       c->nrules);
		if (!rc)
			rc = rte_acl_build(c->ctx, &c->cfg);
		t += rte_rdtsc_precise() - t0;
		if (rc) {
			fprintf(stderr, "polbench: rte_acl add/build of %u"
				" IPv%c rules: %s\n", c->nrules,
				f ? '6' : '4', strerror(-rc));
			break;
		}
	}
	free(ord);
	*ns = (double)t * 1e9 / rte_get_tsc_hz();
	return rc;
}

static void pa_put_query(struct pa_in *p, const struct mcnic_policy_query *q)
{
	memset(p, 0, sizeof(*p));
	p->proto = q->proto;
	p->vrf = rte_cpu_to_be_16(q->vrf);
	p->sseg = rte_cpu_to_be_16(q->sseg);
	p->dseg = rte_cpu_to_be_16(q->dseg);
	p->dir = rte_cpu_to_be_16(q->ingress ? 2 : 1);
	memcpy(p->src, q->src, 16);
	memcpy(p->dst, q->dst, 16);
	p->sport = rte_cpu_to_be_16(q->sport);
	p->dport = rte_cpu_to_be_16(q->dport);
}

/*
 * Queries into rte_acl's layout, split by family (untimed, like our own
 * query structs).  A query of another family gets no rule.
 */
int pa_load_queries(const struct mcnic_policy_query *q, unsigned int n)
{
	struct pa_ctx *c;
	unsigned int i, f;

	free(pa.in);
	pa.in = calloc(n, sizeof(*pa.in));
	for (f = 0; f < 2; f++) {
		c = &pa.c[f];
		pa_ctx_free_queries(c);
		c->ptr = calloc(n, sizeof(*c->ptr));
		c->res = calloc(n, sizeof(*c->res));
		c->qidx = calloc(n, sizeof(*c->qidx));
		if (!pa.in || !c->ptr || !c->res || !c->qidx)
			return -1;
	}
	for (i = 0; i < n; i++) {
		pa_put_query(&pa.in[i], &q[i]);
		if (q[i].family != 4 && q[i].family != 6)
			continue;
		c = &pa.c[q[i].family == 6];
		c->qidx[c->nq] = i;
		c->ptr[c->nq++] = (const uint8_t *)&pa.in[i];
	}
	return 0;
}

/*
 * Classifies the loaded queries, PA_BURST at a time, each family in its
 * context: what polbench times.
 */
void pa_classify(void)
{
	struct pa_ctx *c;
	unsigned int i, b, f;

	for (f = 0; f < 2; f++) {
		c = &pa.c[f];
		for (i = 0; i < c->nq; i += b) {
			b = c->nq - i < PA_BURST ? c->nq - i : PA_BURST;
			rte_acl_classify(c->ctx, c->ptr + i, c->res + i, b, 1);
		}
	}
}

/*
 * The winners of the last pa_classify() as rule ids in the order the
 * queries were loaded (n of them); MCNIC_RULE_DEFAULT: none.
 */
void pa_winners(unsigned int n, uint32_t *ids)
{
	unsigned int i, f;
	uint32_t r;

	for (i = 0; i < n; i++)
		ids[i] = MCNIC_RULE_DEFAULT;
	for (f = 0; f < 2; f++)
		for (i = 0; i < pa.c[f].nq; i++) {
			r = pa.c[f].res[i];
			if (r)
				ids[pa.c[f].qidx[i]] = pa.ids[r - 1];
		}
}
