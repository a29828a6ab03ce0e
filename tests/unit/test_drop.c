// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Drop-reason names (firmware/dp/drop.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"

static void test_every_value_named(void **state)
{
	unsigned int i;

	for (i = 0; i < MCNIC_DROP_COUNT; i++) {
		const char *n = mcnic_drop_name((enum mcnic_drop)i);

		assert_non_null(n);
		assert_true(strlen(n) > 0);
		assert_string_not_equal(n, "unknown");
	}
}

static void test_names_distinct(void **state)
{
	unsigned int i, j;

	for (i = 0; i < MCNIC_DROP_COUNT; i++)
		for (j = i + 1; j < MCNIC_DROP_COUNT; j++)
			assert_string_not_equal(mcnic_drop_name((enum mcnic_drop)i),
						mcnic_drop_name((enum mcnic_drop)j));
}

/* Each code gives its own text from the contract's list, not a neighbour's. */
static void test_names_match_list(void **state)
{
	unsigned int n = 0;

#define CHECK_NAME(name, val, str)					\
	do {								\
		assert_int_equal(MCNIC_DROP_##name, val);		\
		assert_string_equal(mcnic_drop_name(MCNIC_DROP_##name), str); \
		n++;							\
	} while (0);
	MCNIC_DROP_LIST(CHECK_NAME)
#undef CHECK_NAME
	assert_int_equal(n, MCNIC_DROP_COUNT);
	assert_string_equal(mcnic_drop_name(MCNIC_DROP_NONE), "none");
}

/* Values are append-only: spot-check the numbers docs/formats.md lists. */
static void test_values_stable(void **state)
{
	assert_int_equal(MCNIC_DROP_ETH_TRUNC, 1);
	assert_int_equal(MCNIC_DROP_UDP_TRUNC, 14);
	assert_int_equal(MCNIC_DROP_NOT_TUNNEL, 31);
	assert_int_equal(MCNIC_DROP_TMPL_INVALID, 42);
	assert_int_equal(MCNIC_DROP_NOT_LOCAL_VTEP, 45);
	assert_int_equal(MCNIC_DROP_POLICY_DENY, 49);
	assert_int_equal(MCNIC_DROP_BLACKHOLE, 54);
	assert_true(MCNIC_DROP_COUNT >= 55);
}

static void test_out_of_range(void **state)
{
	assert_string_equal(mcnic_drop_name(MCNIC_DROP_COUNT), "unknown");
	assert_string_equal(mcnic_drop_name((enum mcnic_drop)(MCNIC_DROP_COUNT + 1)),
			    "unknown");
	assert_string_equal(mcnic_drop_name((enum mcnic_drop)255), "unknown");
	assert_string_equal(mcnic_drop_name((enum mcnic_drop)0x7fffffff), "unknown");
	assert_string_equal(mcnic_drop_name((enum mcnic_drop)-1), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_value_named),
		cmocka_unit_test(test_names_distinct),
		cmocka_unit_test(test_names_match_list),
		cmocka_unit_test(test_values_stable),
		cmocka_unit_test(test_out_of_range),
	};

	return cmocka_run_group_tests_name("unit/drop", tests, NULL, NULL);
}
