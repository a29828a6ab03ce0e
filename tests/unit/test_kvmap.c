// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The control-table hash map (firmware/dp/kvmap.c): against a plain array
 * under random churn (backward-shift deletion must keep every key
 * findable), capacity, iteration, and a reader thread that must never miss
 * a key that stays while the writer churns others.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "frame.h"
#include "dp/kvmap.h"

#define MAXE	512

static struct mcnic_kvmap m;
static void *mem;

static int setup(void **state)
{
	mem = malloc(mcnic_kvmap_mem_size(MAXE));
	assert_non_null(mem);
	assert_int_equal(mcnic_kvmap_init(&m, mem, mcnic_kvmap_mem_size(MAXE),
					  MAXE), 0);
	return 0;
}

static int teardown(void **state)
{
	free(mem);
	return 0;
}

static void key(struct mcnic_kvmap_key *k, u32 i)
{
	memset(k, 0, sizeof(*k));
	k->w[0] = i;
	k->w[5] = i * 2654435761u;
}

static void test_put_get_del(void **state)
{
	struct mcnic_kvmap_key k;
	u32 v = 0;

	key(&k, 1);
	assert_int_equal(mcnic_kvmap_get(&m, &k, &v), -MCNIC_ENOENT);
	assert_int_equal(mcnic_kvmap_put(&m, &k, 7), 0);
	assert_int_equal(mcnic_kvmap_get(&m, &k, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(mcnic_kvmap_put(&m, &k, 8), 0);	/* replace */
	assert_int_equal(mcnic_kvmap_get(&m, &k, &v), 0);
	assert_int_equal(v, 8);
	assert_int_equal(m.count, 1);
	/* Any word of the key matters. */
	k.w[3] = 1;
	assert_int_equal(mcnic_kvmap_get(&m, &k, &v), -MCNIC_ENOENT);
	key(&k, 1);
	assert_int_equal(mcnic_kvmap_del(&m, &k), 0);
	assert_int_equal(mcnic_kvmap_del(&m, &k), -MCNIC_ENOENT);
	assert_int_equal(mcnic_kvmap_get(&m, &k, &v), -MCNIC_ENOENT);
	assert_int_equal(m.count, 0);
}

static void test_random_churn(void **state)
{
	static u32 ref[4 * MAXE];	/* 0: absent, else value + 1 */
	struct mcnic_kvmap_key k;
	unsigned int i, j, n = 0;
	u32 v;

	memset(ref, 0, sizeof(ref));
	srand(42);
	for (i = 0; i < 200000; i++) {
		j = rand() % (4 * MAXE);
		key(&k, j);
		if (ref[j] && rand() % 2) {
			assert_int_equal(mcnic_kvmap_del(&m, &k), 0);
			ref[j] = 0;
			n--;
		} else if (!ref[j] && n < MAXE) {
			assert_int_equal(mcnic_kvmap_put(&m, &k, i), 0);
			ref[j] = i + 1;
			n++;
		}
		if (i % 1000)
			continue;
		for (j = 0; j < 4 * MAXE; j++) {
			key(&k, j);
			if (ref[j]) {
				assert_int_equal(mcnic_kvmap_get(&m, &k, &v), 0);
				assert_int_equal(v, ref[j] - 1);
			} else {
				assert_int_equal(mcnic_kvmap_get(&m, &k, &v),
						 -MCNIC_ENOENT);
			}
		}
	}
	assert_int_equal(m.count, n);
}

static void test_full(void **state)
{
	struct mcnic_kvmap_key k;
	u32 i, v;

	for (i = 0; i < MAXE; i++) {
		key(&k, i);
		assert_int_equal(mcnic_kvmap_put(&m, &k, i), 0);
	}
	key(&k, MAXE);
	assert_int_equal(mcnic_kvmap_put(&m, &k, 1), -MCNIC_ENOSPC);
	/* Replacing is not growing. */
	key(&k, 3);
	assert_int_equal(mcnic_kvmap_put(&m, &k, 33), 0);
	for (i = 0; i < MAXE; i++) {
		key(&k, i);
		assert_int_equal(mcnic_kvmap_get(&m, &k, &v), 0);
		assert_int_equal(v, i == 3 ? 33 : i);
	}
}

static void test_iterate_and_clear(void **state)
{
	struct mcnic_kvmap_key k;
	u32 i, v, pos = 0, seen = 0, sum = 0;

	for (i = 0; i < 100; i++) {
		key(&k, i);
		assert_int_equal(mcnic_kvmap_put(&m, &k, i), 0);
	}
	while (!mcnic_kvmap_next(&m, &pos, &k, &v)) {
		assert_int_equal(k.w[0], v);
		seen++;
		sum += v;
	}
	assert_int_equal(seen, 100);
	assert_int_equal(sum, 99 * 100 / 2);
	mcnic_kvmap_clear(&m);
	assert_int_equal(m.count, 0);
	pos = 0;
	assert_int_equal(mcnic_kvmap_next(&m, &pos, &k, &v), -MCNIC_ENOENT);
}

static volatile int stop;
static volatile unsigned long misses, reads;

static void *reader(void *arg)
{
	struct mcnic_kvmap_key k;
	u32 i = 0, v;

	while (!stop) {
		/* Even keys stay for the whole run. */
		key(&k, 2 * (i++ % 128));
		if (mcnic_kvmap_get(&m, &k, &v) || v != k.w[0])
			misses++;
		reads++;
	}
	return NULL;
}

static void test_reader_never_misses(void **state)
{
	struct mcnic_kvmap_key k;
	pthread_t t;
	u32 i, r;

	for (i = 0; i < 256; i += 2) {
		key(&k, i);
		assert_int_equal(mcnic_kvmap_put(&m, &k, i), 0);
	}
	stop = 0;
	misses = reads = 0;
	assert_int_equal(pthread_create(&t, NULL, reader, NULL), 0);
	/* Odd keys come and go, shifting the even ones around them. */
	for (r = 0; r < 20000; r++) {
		for (i = 1; i < 256; i += 2) {
			key(&k, i);
			mcnic_kvmap_put(&m, &k, i);
		}
		for (i = 1; i < 256; i += 2) {
			key(&k, i);
			assert_int_equal(mcnic_kvmap_del(&m, &k), 0);
		}
	}
	stop = 1;
	pthread_join(t, NULL);
	assert_true(reads > 0);
	assert_int_equal(misses, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_get_del, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_churn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iterate_and_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_never_misses, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
