// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * plan.c and diff.c without a device: examples/multicloud.yaml and edited
 * copies of it become object sets, and the diff between two sets must be
 * exactly the expected operations, in make-before-break order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "host-lib/diff.h"
#include "host-lib/plan.h"

struct fixture {
	char *yaml;		/* examples/multicloud.yaml */
	size_t len;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	FILE *fp = fopen(MCNIC_SRCDIR "/examples/multicloud.yaml", "rb");

	assert_non_null(f);
	assert_non_null(fp);
	f->yaml = malloc(1 << 16);
	f->len = fread(f->yaml, 1, (1 << 16) - 1, fp);
	f->yaml[f->len] = '\0';
	fclose(fp);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->yaml);
	free(f);
	return 0;
}

/* The example with one piece of text replaced (must occur). */
static char *edit(const struct fixture *f, const char *from, const char *to)
{
	const char *at = strstr(f->yaml, from);
	char *out;

	assert_non_null(at);
	out = malloc(f->len + strlen(to) + 1);
	memcpy(out, f->yaml, at - f->yaml);
	strcpy(out + (at - f->yaml), to);
	strcat(out, at + strlen(from));
	return out;
}

static struct mcnic_config *load(const char *yaml)
{
	char err[512] = "";
	struct mcnic_config *c = mcnic_config_load_buf(yaml, strlen(yaml),
						       "test.yaml", err,
						       sizeof(err));

	if (!c)
		fail_msg("config: %s", err);
	return c;
}

/* The plan from have_yaml (NULL: an empty device) to want_yaml. */
static struct mcnic_plan *diff(const char *want_yaml, const char *have_yaml)
{
	struct mcnic_plan *p = calloc(1, sizeof(*p));
	struct mcnic_config *hc = have_yaml ? load(have_yaml) : NULL;
	struct mcnic_config *wc = load(want_yaml);

	/* The states copy what they keep, locations included. */
	assert_int_equal(mcnic_plan_state(wc, &p->want), 0);
	mcnic_config_free(wc);
	if (hc) {
		assert_int_equal(mcnic_plan_state(hc, &p->have), 0);
		mcnic_config_free(hc);	/* have keeps no locations */
	}
	assert_int_equal(mcnic_diff(p), 0);
	return p;
}

static void plan_free(struct mcnic_plan *p)
{
	mcnic_diff_free(p);
	mcnic_state_free(&p->want);
	mcnic_state_free(&p->have);
	free(p);
}

static const struct mcnic_dbatch *batch_of(const struct mcnic_plan *p,
					   u32 op)
{
	u32 b;

	for (b = 0; b < p->n_b; b++)
		if (op >= p->b[b].first && op < p->b[b].first + p->b[b].n)
			return &p->b[b];
	fail_msg("op %u in no batch", op);
	return NULL;
}

static void test_identical_is_empty(void **state)
{
	struct fixture *f = *state;
	struct mcnic_plan *p = diff(f->yaml, f->yaml);

	assert_int_equal(p->n_ops, 0);
	assert_int_equal(p->n_b, 0);
	plan_free(p);
}

/* The index plan sim/program.c uses: tunnel i, vport k, group n_nhgs+k. */
static void test_plan_indices(void **state)
{
	struct fixture *f = *state;
	struct mcnic_config *c = load(f->yaml);
	struct mcnic_state st;
	const struct mcnic_cmd_nh *nh;
	const struct mcnic_cmd_nhg *g;
	const struct mcnic_cmd_route *r;
	u32 i;

	assert_int_equal(mcnic_plan_state(c, &st), 0);
	assert_int_equal(st.o[MCNIC_OBJ_TMPL].n, c->n_tunnels);
	assert_int_equal(st.o[MCNIC_OBJ_NH].n, c->n_tunnels + 3);
	for (i = 0; i < c->n_tunnels; i++) {
		nh = mcnic_state_entry(&st, MCNIC_OBJ_NH, i);
		assert_int_equal(nh->idx, i);
		assert_int_equal(nh->nh.tmpl, i);
		assert_int_equal(nh->nh.kind, MCNIC_NH_TUNNEL);
	}
	/* web-a is ports[1]: next hop n_tunnels + 1, group n_nhgs + 1. */
	nh = mcnic_state_entry(&st, MCNIC_OBJ_NH, c->n_tunnels);
	assert_int_equal(nh->idx, c->n_tunnels + 1);
	assert_int_equal(nh->nh.port, 16);
	g = mcnic_state_entry(&st, MCNIC_OBJ_NHG, 0);
	assert_int_equal(g->idx, c->n_nhgs + 1);
	assert_int_equal(g->member[0], c->n_tunnels + 1);
	r = mcnic_state_entry(&st, MCNIC_OBJ_ROUTE, 0);	/* 10.1.1.0/24 */
	assert_int_equal(r->route.nhg, c->n_nhgs + 1);
	assert_int_equal(mcnic_plan_port_index(c, 18), 3);
	assert_int_equal(mcnic_plan_port_index(c, 99), -1);
	mcnic_state_free(&st);
	mcnic_config_free(c);
}

/* Onto an empty device: everything added, dependencies first. */
static void test_empty_device_order(void **state)
{
	static const u16 order[] = {
		MCNIC_OBJ_PARSE, MCNIC_OBJ_VRF, MCNIC_OBJ_PORT,
		MCNIC_OBJ_VTEP, MCNIC_OBJ_VNI, MCNIC_OBJ_PEER, MCNIC_OBJ_TMPL,
		MCNIC_OBJ_NH, MCNIC_OBJ_NHG, MCNIC_OBJ_ROUTE, MCNIC_OBJ_RULE,
	};
	struct fixture *f = *state;
	struct mcnic_plan *p = diff(f->yaml, NULL);
	u32 i;

	assert_int_equal(p->n_b, sizeof(order) / sizeof(order[0]));
	for (i = 0; i < p->n_b; i++) {
		assert_int_equal(p->b[i].t->obj, order[i]);
		assert_int_equal(p->b[i].op, p->b[i].t->set_op);
		assert_false(p->b[i].del);
	}
	assert_int_equal(p->n_ops, 48);
	for (i = 0; i < p->n_ops; i++) {
		assert_int_equal(p->ops[i].change, MCNIC_CHANGE_ADD);
		assert_null(p->ops[i].old);
		assert_non_null(p->ops[i].loc);
	}
	plan_free(p);
}

static void test_route_change(void **state)
{
	struct fixture *f = *state;
	char *y = edit(f, "prefix: 0.0.0.0/0, group: red-remote",
		       "prefix: 0.0.0.0/0, group: cloud-b-blue");
	struct mcnic_plan *p = diff(y, f->yaml);
	const struct mcnic_cmd_route *o, *n;

	assert_int_equal(p->n_ops, 1);
	assert_int_equal(p->n_b, 1);
	assert_int_equal(p->ops[0].change, MCNIC_CHANGE_MODIFY);
	assert_int_equal(p->b[0].op, MCNIC_CMD_ROUTE_ADD);	/* replace */
	o = (const void *)p->ops[0].old;
	n = (const void *)p->ops[0].new;
	assert_int_equal(o->route.nhg, 1);
	assert_int_equal(n->route.nhg, 0);
	assert_int_equal(p->ops[0].loc->line, 144);
	plan_free(p);
	free(y);
}

static void test_route_removed(void **state)
{
	struct fixture *f = *state;
	char *y = edit(f, "  - {vrf: blue, prefix: 10.66.0.0/16, blackhole: true}\n",
		       "");
	struct mcnic_plan *p = diff(y, f->yaml);
	const struct mcnic_cmd_route *o;

	assert_int_equal(p->n_ops, 1);
	assert_int_equal(p->ops[0].change, MCNIC_CHANGE_REMOVE);
	assert_null(p->ops[0].new);
	assert_int_equal(p->b[0].op, MCNIC_CMD_ROUTE_DEL);
	assert_true(p->b[0].del);
	o = (const void *)p->ops[0].old;
	assert_int_equal(o->len, 16);
	assert_int_equal(o->route.kind, MCNIC_ROUTE_BLACKHOLE);
	plan_free(p);
	free(y);
}

/* A rule with the same id: removed, then added, next to each other. */
static void test_rule_change(void **state)
{
	struct fixture *f = *state;
	char *y = edit(f, "proto: tcp, dport: 22,", "proto: tcp, dport: 2222,");
	struct mcnic_plan *p = diff(y, f->yaml);
	const struct mcnic_policy_rule *o, *n;

	assert_int_equal(p->n_ops, 2);
	assert_int_equal(p->n_b, 2);
	assert_int_equal(p->b[0].op, MCNIC_CMD_RULE_DEL);
	assert_int_equal(p->b[1].op, MCNIC_CMD_RULE_ADD);
	assert_int_equal(p->ops[0].change, MCNIC_CHANGE_MODIFY);
	assert_int_equal(p->ops[1].change, MCNIC_CHANGE_MODIFY);
	o = (const void *)p->ops[0].old;
	n = (const void *)p->ops[1].new;
	assert_int_equal(o->id, 30);
	assert_int_equal(n->id, 30);
	assert_int_equal(o->dport_lo, 22);
	assert_int_equal(n->dport_lo, 2222);
	plan_free(p);
	free(y);
}

static void test_vrf_default_change(void **state)
{
	struct fixture *f = *state;
	char *y = edit(f, "{name: red, id: 2, default: allow}",
		       "{name: red, id: 2, default: deny}");
	struct mcnic_plan *p = diff(y, f->yaml);

	assert_int_equal(p->n_ops, 1);
	assert_int_equal(p->b[0].op, MCNIC_CMD_VRF_SET);
	assert_int_equal(p->ops[0].change, MCNIC_CHANGE_MODIFY);
	plan_free(p);
	free(y);
}

/* A new VRF is added before a VNI moves into it ... */
static char *green(const struct fixture *f)
{
	struct fixture g = *f;
	char *a = edit(f, "  - {name: red, id: 2, default: allow}\n",
		       "  - {name: red, id: 2, default: allow}\n"
		       "  - {name: green, id: 3, default: allow}\n");
	char *b;

	g.yaml = a;
	g.len = strlen(a);
	b = edit(&g, "{vni: 2001, vrf: red}", "{vni: 2001, vrf: green}");
	free(a);
	return b;
}

static void test_vrf_before_vni(void **state)
{
	struct fixture *f = *state;
	char *y = green(f);
	struct mcnic_plan *p = diff(y, f->yaml);

	assert_int_equal(p->n_ops, 2);
	assert_int_equal(batch_of(p, 0)->t->obj, MCNIC_OBJ_VRF);
	assert_int_equal(p->ops[0].change, MCNIC_CHANGE_ADD);
	assert_int_equal(batch_of(p, 1)->t->obj, MCNIC_OBJ_VNI);
	assert_int_equal(p->ops[1].change, MCNIC_CHANGE_MODIFY);
	plan_free(p);
	free(y);
}

/* ... and removed only after the VNI has left it. */
static void test_vrf_removed_last(void **state)
{
	struct fixture *f = *state;
	char *y = green(f);
	struct mcnic_plan *p = diff(f->yaml, y);

	assert_int_equal(p->n_ops, 2);
	assert_int_equal(batch_of(p, 0)->t->obj, MCNIC_OBJ_VNI);
	assert_int_equal(p->ops[0].change, MCNIC_CHANGE_MODIFY);
	assert_int_equal(batch_of(p, 1)->t->obj, MCNIC_OBJ_VRF);
	assert_int_equal(batch_of(p, 1)->op, MCNIC_CMD_VRF_DEL);
	assert_int_equal(p->ops[1].change, MCNIC_CHANGE_REMOVE);
	plan_free(p);
	free(y);
}

/* Everything removed: rules first, VRFs last, each batch a DEL. */
static void test_remove_order(void **state)
{
	static const u16 order[] = {
		MCNIC_OBJ_RULE, MCNIC_OBJ_ROUTE, MCNIC_OBJ_NHG, MCNIC_OBJ_NH,
		MCNIC_OBJ_TMPL, MCNIC_OBJ_PEER, MCNIC_OBJ_VNI, MCNIC_OBJ_VTEP,
		MCNIC_OBJ_PORT, MCNIC_OBJ_VRF,
	};
	static const char minimal[] =
		"ports:\n  - {name: uplink0, kind: uplink, id: 0,"
		" mac: 02:00:0a:00:00:01, mtu: 1500}\n";
	struct fixture *f = *state;
	struct mcnic_plan *p = diff(minimal, f->yaml);
	u32 i, b = 0;

	/* The parser settings change; uplink0 stays. */
	assert_int_equal(p->b[0].t->obj, MCNIC_OBJ_PARSE);
	for (i = 1; i < p->n_b; i++, b++) {
		assert_int_equal(p->b[i].t->obj, order[b]);
		assert_true(p->b[i].del);
		assert_int_equal(p->b[i].op, p->b[i].t->del_op);
	}
	assert_int_equal(b, sizeof(order) / sizeof(order[0]));
	plan_free(p);
}

/* Batches never exceed a mailbox message. */
static void test_batches_split(void **state)
{
	struct mcnic_cfg_loc loc = { .col = 1 };
	struct mcnic_plan p;
	struct mcnic_cmd_route *r;
	u32 i, max = mcnic_batch_max(sizeof(*r)), n = 2 * max + 5;

	(void)state;
	memset(&p, 0, sizeof(p));
	for (i = 0; i < n; i++) {
		loc.line = i + 1;
		r = mcnic_state_push(&p.want, MCNIC_OBJ_ROUTE, &loc);
		assert_non_null(r);
		r->vrf = 1;
		r->family = 4;
		r->len = 32;
		memcpy(r->prefix, &i, 4);
	}
	assert_int_equal(mcnic_diff(&p), 0);
	assert_int_equal(p.n_ops, n);
	assert_int_equal(p.n_b, 3);
	assert_int_equal(p.b[0].n, max);
	assert_int_equal(p.b[2].n, 5);
	mcnic_diff_free(&p);
	mcnic_state_free(&p.want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical_is_empty),
		cmocka_unit_test(test_plan_indices),
		cmocka_unit_test(test_empty_device_order),
		cmocka_unit_test(test_route_change),
		cmocka_unit_test(test_route_removed),
		cmocka_unit_test(test_rule_change),
		cmocka_unit_test(test_vrf_default_change),
		cmocka_unit_test(test_vrf_before_vni),
		cmocka_unit_test(test_vrf_removed_last),
		cmocka_unit_test(test_remove_order),
		cmocka_unit_test(test_batches_split),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
