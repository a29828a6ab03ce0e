// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Next-hop groups (firmware/dp/nhg.c): weighted shares within one slot,
 * failover to live members only, ordered backups, nothing when all are
 * down, and input checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"
#include "dp/nhg.h"

#define N_NH	8

static struct mcnic_nexthop nh[N_NH];

static int setup(void **state)
{
	unsigned int i;

	for (i = 0; i < N_NH; i++) {
		nh[i].kind = MCNIC_NH_TUNNEL;
		nh[i].flags = 0;
		nh[i].port = 0;
		nh[i].tmpl = i;
	}
	return 0;
}

static void group(struct mcnic_nhg *g, unsigned int n, const u8 *w)
{
	unsigned int i;

	memset(g, 0, sizeof(*g));
	g->n_members = n;
	for (i = 0; i < n; i++) {
		g->member[i] = i;
		g->weight[i] = w[i];
	}
}

/* The hash that lands in slot s: s << 26 times the multiplier's inverse. */
static u32 slot_hash(u32 s)
{
	u32 k = 2654435761u, inv = k;
	int i;

	for (i = 0; i < 5; i++)		/* Newton: each step doubles the bits */
		inv *= 2 - k * inv;
	assert_int_equal(k * inv, 1);
	return (s << 26) * inv;
}

/* Slots each next hop gets over all 64 hash slots. */
static void shares(const struct mcnic_nhg *g, unsigned int *cnt)
{
	u32 h, r;

	memset(cnt, 0, N_NH * sizeof(*cnt));
	for (h = 0; h < MCNIC_NHG_SLOTS; h++) {
		r = mcnic_nhg_select(g, slot_hash(h));
		assert_true(r < N_NH);
		cnt[r]++;
	}
}

static void test_weights(void **state)
{
	static const u8 w[] = { 3, 1 };
	struct mcnic_nhg g;
	unsigned int cnt[N_NH];

	group(&g, 2, w);
	mcnic_nhg_build(&g, nh);
	shares(&g, cnt);
	assert_int_equal(cnt[0], 48);
	assert_int_equal(cnt[1], 16);
}

/* Three equal members cannot split 64 evenly: within one slot each. */
static void test_uneven_rounding(void **state)
{
	static const u8 w[] = { 1, 1, 1 };
	struct mcnic_nhg g;
	unsigned int cnt[N_NH], i, sum = 0;

	group(&g, 3, w);
	mcnic_nhg_build(&g, nh);
	shares(&g, cnt);
	for (i = 0; i < 3; i++) {
		assert_true(cnt[i] == 21 || cnt[i] == 22);
		sum += cnt[i];
	}
	assert_int_equal(sum, 64);
}

/* Neighbouring slots go to different members (no long runs). */
static void test_interleaved(void **state)
{
	static const u8 w[] = { 1, 1 };
	struct mcnic_nhg g;
	u32 h;

	group(&g, 2, w);
	mcnic_nhg_build(&g, nh);
	for (h = 0; h + 1 < MCNIC_NHG_SLOTS; h++)
		assert_int_not_equal(mcnic_nhg_select(&g, slot_hash(h)),
				     mcnic_nhg_select(&g, slot_hash(h + 1)));
}

/*
 * Flows whose ports differ in their low bits have CRC32C hashes that
 * differ in fixed bits; a plain hash % 64 sent runs of consecutive ports
 * to one member.  Over 16 consecutive source ports, each of two equal
 * members must get a share, and no run may exceed 4.
 */
static void test_consecutive_flows_spread(void **state)
{
	static const u8 w[] = { 1, 1 };
	struct mcnic_layer l;
	struct mcnic_nhg g;
	u32 i, cnt[2] = { 0, 0 }, run = 0, max_run = 0, prev = ~0u, m;

	group(&g, 2, w);
	mcnic_nhg_build(&g, nh);
	memset(&l, 0, sizeof(l));
	l.l3 = MCNIC_L3_IPV4;
	l.proto = MCNIC_IPPROTO_TCP;
	l.flags = MCNIC_LF_L4;
	l.saddr[0] = 10;
	l.daddr[0] = 10;
	l.daddr[3] = 20;
	l.dport = 443;
	for (i = 0; i < 16; i++) {
		l.sport = 40000 + i;
		m = mcnic_nhg_select(&g, mcnic_flow_hash(NULL, &l));
		assert_true(m < 2);
		cnt[m]++;
		run = m == prev ? run + 1 : 1;
		max_run = run > max_run ? run : max_run;
		prev = m;
	}
	assert_true(cnt[0] >= 4 && cnt[1] >= 4);
	assert_true(max_run <= 4);
}

static void test_member_down(void **state)
{
	static const u8 w[] = { 1, 1, 2 };
	struct mcnic_nhg g;
	unsigned int cnt[N_NH];

	group(&g, 3, w);
	nh[1].flags = MCNIC_NHF_DOWN;
	mcnic_nhg_build(&g, nh);
	shares(&g, cnt);
	assert_int_equal(cnt[1], 0);
	/* The live weights 1:2 split the slots: 21/43 or 22/42. */
	assert_true(cnt[0] == 21 || cnt[0] == 22);
	assert_int_equal(cnt[0] + cnt[2], 64);
}

static void test_backups_in_order(void **state)
{
	static const u8 w[] = { 1, 1 };
	struct mcnic_nhg g;
	unsigned int cnt[N_NH];

	group(&g, 2, w);
	g.n_backups = 2;
	g.backup[0] = 5;
	g.backup[1] = 6;
	nh[0].flags = nh[1].flags = MCNIC_NHF_DOWN;
	mcnic_nhg_build(&g, nh);
	shares(&g, cnt);
	assert_int_equal(cnt[5], 64);
	nh[5].flags = MCNIC_NHF_DOWN;
	mcnic_nhg_build(&g, nh);
	shares(&g, cnt);
	assert_int_equal(cnt[6], 64);
	/* A member back up takes over from the backups at once. */
	nh[1].flags = 0;
	mcnic_nhg_build(&g, nh);
	shares(&g, cnt);
	assert_int_equal(cnt[1], 64);
}

static void test_all_down(void **state)
{
	static const u8 w[] = { 1 };
	struct mcnic_nhg g;
	u32 h;

	group(&g, 1, w);
	g.n_backups = 1;
	g.backup[0] = 3;
	nh[0].flags = nh[3].flags = MCNIC_NHF_DOWN;
	mcnic_nhg_build(&g, nh);
	for (h = 0; h < 1000; h++)
		assert_int_equal(mcnic_nhg_select(&g, h), MCNIC_NH_INVALID);
}

static void test_check(void **state)
{
	static const u8 w[] = { 1, 1 };
	const char *field = NULL;
	struct mcnic_nhg g;

	group(&g, 2, w);
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), 0);
	g.n_members = 0;
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), -MCNIC_EINVAL);
	assert_string_equal(field, "n_members");
	group(&g, 2, w);
	g.n_members = MCNIC_NHG_MEMBERS_MAX + 1;
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), -MCNIC_EINVAL);
	group(&g, 2, w);
	g.member[1] = N_NH;
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), -MCNIC_EINVAL);
	assert_string_equal(field, "member");
	group(&g, 2, w);
	g.weight[0] = 0;
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), -MCNIC_EINVAL);
	assert_string_equal(field, "weight");
	group(&g, 2, w);
	g.n_backups = 1;
	g.backup[0] = 99;
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), -MCNIC_EINVAL);
	assert_string_equal(field, "backup");
	g.n_backups = MCNIC_NHG_BACKUPS_MAX + 1;
	assert_int_equal(mcnic_nhg_check(&g, N_NH, &field), -MCNIC_EINVAL);
	assert_string_equal(field, "n_backups");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_weights, setup),
		cmocka_unit_test_setup(test_uneven_rounding, setup),
		cmocka_unit_test_setup(test_interleaved, setup),
		cmocka_unit_test_setup(test_consecutive_flows_spread, setup),
		cmocka_unit_test_setup(test_member_down, setup),
		cmocka_unit_test_setup(test_backups_in_order, setup),
		cmocka_unit_test_setup(test_all_down, setup),
		cmocka_unit_test_setup(test_check, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
