// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Reading a table back (host-lib/dump.c) from a device that answers what
 * the test says: pages are joined in order, and a device whose cursor
 * does not grow, or that sends an empty page that is not the last, is a
 * protocol error -- never a dump that goes on forever.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mcnic_priv.h"

/* One answer: count VRF entries (ids from first_id on) and next. */
struct page {
	u16 count;
	u16 first_id;
	u32 next;
};

struct fake {
	const struct page *pages;
	unsigned int n_pages, at;
	u32 seq;		/* of the request to answer */
	u32 cursors[8];		/* what each request asked for */
};

static int fake_send(struct mcnic *h, const void *msg, u32 len)
{
	struct fake *f = h->priv;
	struct mcnic_cmd_hdr q;
	struct mcnic_cmd_dump d;

	memcpy(&q, msg, sizeof(q));
	memcpy(&d, (const u8 *)msg + sizeof(q), sizeof(d));
	assert_int_equal(q.opcode, MCNIC_CMD_DUMP);
	assert_int_equal(d.obj, MCNIC_OBJ_VRF);
	assert_true(f->at < f->n_pages);
	f->cursors[f->at] = d.cursor;
	f->seq = q.seq;
	return 0;
}

static int fake_recv(struct mcnic *h, void *buf, u32 max, u32 *len,
		     long long deadline)
{
	struct fake *f = h->priv;
	const struct page *p = &f->pages[f->at++];
	struct mcnic_cmd_dump_resp dr = { .next = p->next };
	struct mcnic_cmd_hdr a = {
		.version = MCNIC_CMD_VERSION, .opcode = MCNIC_CMD_DUMP,
		.seq = f->seq, .count = p->count,
		.len = sizeof(dr) + p->count * sizeof(struct mcnic_cmd_vrf),
	};
	u8 *b = buf;
	u16 i;

	memcpy(b, &a, sizeof(a));
	memcpy(b + sizeof(a), &dr, sizeof(dr));
	for (i = 0; i < p->count; i++) {
		struct mcnic_cmd_vrf v = { .id = p->first_id + i };

		memcpy(b + sizeof(a) + sizeof(dr) + i * sizeof(v), &v,
		       sizeof(v));
	}
	*len = sizeof(a) + a.len;
	return 0;
}

static void fake_close(struct mcnic *h)
{
}

static const struct mcnic_xport fake_xport = {
	.name = "fake", .send = fake_send, .recv = fake_recv,
	.close = fake_close,
};

/* mcnic_vrf_dump over the pages; its result, entries in *v, *n. */
static int dump(struct fake *f, struct mcnic_cmd_vrf **v, unsigned int *n,
		char *err, size_t errlen)
{
	struct mcnic *h;
	int r;

	assert_int_equal(mcnic_open_xport(&h, "fake", &fake_xport, f), 0);
	*v = NULL;
	*n = 0;
	r = mcnic_vrf_dump(h, v, n);
	snprintf(err, errlen, "%s", mcnic_errmsg(h));
	mcnic_close(h);
	return r;
}

static void test_pages_joined(void **state)
{
	static const struct page pages[] = {
		{ .count = 2, .first_id = 1, .next = 5 },
		{ .count = 1, .first_id = 3, .next = 9 },
		{ .count = 1, .first_id = 4, .next = 0 },
	};
	struct fake f = { .pages = pages, .n_pages = 3 };
	struct mcnic_cmd_vrf *v;
	unsigned int n, i;
	char err[MCNIC_ERR_MAX];

	assert_int_equal(dump(&f, &v, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_int_equal(v[i].id, i + 1);
	assert_int_equal(f.cursors[0], 0);
	assert_int_equal(f.cursors[1], 5);
	assert_int_equal(f.cursors[2], 9);
	free(v);
}

/* Cursors A, B, A, ... with entries: it would never end. */
static void test_cursor_back(void **state)
{
	static const struct page pages[] = {
		{ .count = 1, .first_id = 1, .next = 7 },
		{ .count = 1, .first_id = 2, .next = 3 },
	};
	struct fake f = { .pages = pages, .n_pages = 2 };
	struct mcnic_cmd_vrf *v;
	unsigned int n;
	char err[MCNIC_ERR_MAX];

	assert_int_equal(dump(&f, &v, &n, err, sizeof(err)), -EPROTO);
	assert_string_equal(err, "DUMP: cursor 3 after 7: cursors must grow");
	assert_null(v);
	assert_int_equal(f.at, 2);
}

static void test_cursor_repeats(void **state)
{
	static const struct page pages[] = {
		{ .count = 1, .first_id = 1, .next = 7 },
		{ .count = 1, .first_id = 2, .next = 7 },
	};
	struct fake f = { .pages = pages, .n_pages = 2 };
	struct mcnic_cmd_vrf *v;
	unsigned int n;
	char err[MCNIC_ERR_MAX];

	assert_int_equal(dump(&f, &v, &n, err, sizeof(err)), -EPROTO);
	assert_string_equal(err, "DUMP: cursor 7 after 7: cursors must grow");
}

/* Empty pages with growing cursors: 2^32 requests for nothing. */
static void test_empty_page(void **state)
{
	static const struct page pages[] = {
		{ .count = 0, .next = 1 },
	};
	struct fake f = { .pages = pages, .n_pages = 1 };
	struct mcnic_cmd_vrf *v;
	unsigned int n;
	char err[MCNIC_ERR_MAX];

	assert_int_equal(dump(&f, &v, &n, err, sizeof(err)), -EPROTO);
	assert_string_equal(err, "DUMP: cursor 1 with no entries");
	assert_int_equal(f.at, 1);
}

/* An empty table: one empty page that ends the dump. */
static void test_empty_table(void **state)
{
	static const struct page pages[] = {
		{ .count = 0, .next = 0 },
	};
	struct fake f = { .pages = pages, .n_pages = 1 };
	struct mcnic_cmd_vrf *v;
	unsigned int n;
	char err[MCNIC_ERR_MAX];

	assert_int_equal(dump(&f, &v, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 0);
	free(v);
}

/*
 * The contract's restore list (cmd.h) and the library's object types
 * agree: what DUMP answers is what set_op takes, entry for entry.
 */
static void test_restore_list(void **state)
{
	static const struct {
		u16 obj, op;
		size_t size;
	} list[] = {
#define RESTORE(obj, op, type) \
		{ MCNIC_OBJ_##obj, MCNIC_CMD_##op, sizeof(type) },
		MCNIC_OBJ_RESTORE_LIST(RESTORE)
#undef RESTORE
	};
	const struct mcnic_objtype *t;
	unsigned int i;

	(void)state;
	assert_int_equal(mcnic_state_n_order, sizeof(list) / sizeof(list[0]));
	for (i = 0; i < mcnic_state_n_order; i++) {
		t = mcnic_objtype(list[i].obj);
		assert_non_null(t);
		assert_int_equal(mcnic_state_order[i], list[i].obj);
		assert_int_equal(t->set_op, list[i].op);
		assert_int_equal(t->size, list[i].size);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_joined),
		cmocka_unit_test(test_cursor_back),
		cmocka_unit_test(test_cursor_repeats),
		cmocka_unit_test(test_empty_page),
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_restore_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
