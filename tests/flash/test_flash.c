// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The simulated flash (sim/flash.c) and image checks (sim/fwimage.c):
 * every refusal names its field and leaves the running image booting,
 * and a flash interrupted at any point boots the previous image.  Test
 * images carry the real firmware's payload and capability FDT, taken
 * from $BUILD/firmware/mcnic-fw.bin and signed again with test keys.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sodium.h>

#include "sim/flash.h"
#include "sim/fwimage.h"

#define CHUNK		4096
#define V1		0x000100	/* 0.1.0 */
#define V2		0x000200

struct tkey {
	unsigned char pk[MCNIC_FWIMAGE_PK_LEN];
	unsigned char sk[MCNIC_FWIMAGE_SK_LEN];
};

struct timg {
	u8 *b;
	size_t len;
};

struct tctx {
	char dir[64];
	char path[96];
	struct mcnic_flash *f;
};

static struct tkey key_a, key_b;
static void *fw_payload, *fw_fdt;
static u32 fw_payload_len, fw_fdt_len;

/* The real firmware's parts, from the image `make firmware` signs. */
static int load_firmware(void)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[512], err[256];
	struct mcnic_fw_hdr h;
	size_t len;
	void *img;

	snprintf(path, sizeof(path), "%s/firmware/mcnic-fw.bin", build);
	if (mcnic_fwimage_load(path, &img, &len, err, sizeof(err)) ||
	    mcnic_fwimage_parse(img, len, &h, err, sizeof(err))) {
		fprintf(stderr, "%s (make firmware first)\n", err);
		return -1;
	}
	fw_payload_len = h.payload_len;
	fw_fdt_len = h.fdt_len;
	fw_payload = malloc(h.payload_len);
	fw_fdt = malloc(h.fdt_len);
	memcpy(fw_payload, (u8 *)img + h.payload_off, h.payload_len);
	memcpy(fw_fdt, (u8 *)img + h.fdt_off, h.fdt_len);
	free(img);
	return 0;
}

static void make_key(struct tkey *k, u8 seed_byte)
{
	unsigned char seed[32];

	memset(seed, seed_byte, sizeof(seed));
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
}

static struct timg make_image(u32 version, const struct tkey *k)
{
	struct mcnic_fwimage_layout lo;
	struct timg t;

	assert_int_equal(mcnic_fwimage_layout(fw_payload_len, fw_fdt_len,
					      &lo), 0);
	t.len = lo.total_len;
	t.b = malloc(t.len);
	assert_non_null(t.b);
	mcnic_fwimage_build(t.b, &lo, fw_payload, fw_payload_len, fw_fdt,
			    fw_fdt_len, version, k->sk);
	return t;
}

/*
 * One FLASH_* request without asserts (a forked child uses it too), its
 * header as the device passes it on: the answer's header prefilled, the
 * payload after it, rmax bytes in all.
 */
static int raw_req(struct mcnic_flash *f, u16 op, const void *p, u32 len,
		   struct mcnic_cmd_hdr *r, unsigned rmax, int *reboot)
{
	struct mcnic_cmd_hdr h = {
		.version = MCNIC_CMD_VERSION, .opcode = op, .seq = 77,
		.len = len,
	};

	memset(r, 0, sizeof(*r));
	r->opcode = op;
	r->seq = 77;
	mcnic_flash_cmd(f, &h, p, r, r + 1, rmax - sizeof(*r), reboot);
	if (r->len > rmax - sizeof(*r) || r->opcode != op || r->seq != 77 ||
	    !memchr(r->err_msg, 0, sizeof(r->err_msg)))
		return -9999;
	return r->status;
}

/* The same, asserted: returns the status, the message in msg. */
static int req(struct mcnic_flash *f, u16 op, const void *p, u32 len,
	       char *msg, void *out, int *reboot)
{
	static u8 a[MCNIC_CMD_MSG_MAX] __attribute__((aligned(8)));
	struct mcnic_cmd_hdr *r = (void *)a;
	int rb = 0, st;

	st = raw_req(f, op, p, len, r, sizeof(a), &rb);
	assert_int_not_equal(st, -9999);
	if (msg)
		strcpy(msg, r->err_msg);
	if (out)
		memcpy(out, a + sizeof(*r), r->len);
	if (reboot)
		*reboot = rb;
	else
		assert_int_equal(rb, 0);
	return st;
}

static int begin(struct mcnic_flash *f, u32 size, char *msg)
{
	struct mcnic_cmd_flash_begin b = { .size = size };

	return req(f, MCNIC_CMD_FLASH_BEGIN, &b, sizeof(b), msg, NULL, NULL);
}

static int write_at(struct mcnic_flash *f, u32 off, const void *p, u32 len,
		    char *msg)
{
	static u8 buf[sizeof(struct mcnic_cmd_flash_write) + CHUNK];
	struct mcnic_cmd_flash_write w = { .offset = off, .len = len };

	memcpy(buf, &w, sizeof(w));
	memcpy(buf + sizeof(w), p, len);
	return req(f, MCNIC_CMD_FLASH_WRITE, buf, sizeof(w) + len, msg, NULL,
		   NULL);
}

/* BEGIN and WRITE the first n bytes of t (the whole of it: n = t.len). */
static void write_image(struct mcnic_flash *f, const u8 *b, u32 size,
			u32 n)
{
	char msg[MCNIC_CMD_ERR_MSG];
	u32 off, len;

	assert_int_equal(begin(f, size, msg), 0);
	for (off = 0; off < n; off += len) {
		len = n - off < CHUNK ? n - off : CHUNK;
		assert_int_equal(write_at(f, off, b + off, len, msg), 0);
	}
}

static int commit(struct mcnic_flash *f, char *msg)
{
	return req(f, MCNIC_CMD_FLASH_COMMIT, NULL, 0, msg, NULL, NULL);
}

static int activate(struct mcnic_flash *f, char *msg, int *reboot)
{
	return req(f, MCNIC_CMD_FLASH_ACTIVATE, NULL, 0, msg, NULL, reboot);
}

static void status(struct mcnic_flash *f, struct mcnic_cmd_flash_status *st)
{
	char msg[MCNIC_CMD_ERR_MSG];

	assert_int_equal(req(f, MCNIC_CMD_FLASH_STATUS, NULL, 0, msg, st,
			     NULL), 0);
}

static void flash_open(struct tctx *t, const char *factory)
{
	char err[256] = "";

	if (mcnic_flash_open(&t->f, t->path, key_a.pk, factory, err,
			     sizeof(err)))
		fail_msg("open: %s", err);
}

static void reopen(struct tctx *t)
{
	mcnic_flash_close(t->f);
	flash_open(t, NULL);
}

/* Boots, and says which slot and version. */
static void expect_boot(struct tctx *t, int slot, u32 version)
{
	struct mcnic_flash_boot b;

	assert_int_equal(mcnic_flash_boot(t->f, &b), slot < 0 ? -ENOENT : 0);
	assert_int_equal(b.slot, slot);
	if (slot < 0)
		return;
	assert_int_equal(b.hdr.fw_version, version);
	assert_int_equal(b.fdt_len, fw_fdt_len);
	assert_memory_equal(b.fdt, fw_fdt, fw_fdt_len);
}

/* Flash, commit and activate t into the free slot, then reboot. */
static void install(struct tctx *t, const struct timg *img, int slot)
{
	char msg[MCNIC_CMD_ERR_MSG];
	int reboot = 0;

	write_image(t->f, img->b, img->len, img->len);
	assert_int_equal(commit(t->f, msg), 0);
	assert_int_equal(activate(t->f, msg, &reboot), 0);
	assert_int_equal(reboot, 1);
	expect_boot(t, slot, ((const struct mcnic_fw_hdr *)img->b)->fw_version);
}

static int setup(void **state)
{
	struct tctx *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	strcpy(t->dir, "/tmp/mcnic-flash-XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof(t->path), "%s/flash.img", t->dir);
	*state = t;
	return 0;
}

/* A flash with v1 running from slot 0. */
static int setup_running(void **state)
{
	struct timg v1 = make_image(V1, &key_a);
	struct tctx *t;

	if (setup(state))
		return -1;
	t = *state;
	flash_open(t, NULL);
	expect_boot(t, -1, 0);
	install(t, &v1, 0);
	free(v1.b);
	return 0;
}

static int teardown(void **state)
{
	struct tctx *t = *state;
	char cmd[128];

	mcnic_flash_close(t->f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", t->dir);
	free(t);
	return system(cmd) ? -1 : 0;
}

/* v1 still runs, next boot too, and after a restart as well. */
static void expect_v1_kept(struct tctx *t)
{
	struct mcnic_cmd_flash_status st;

	status(t->f, &st);
	assert_int_equal(st.active, 0);
	assert_int_equal(st.next, 0);
	assert_int_equal(st.slot[0].state, MCNIC_SLOT_VALID);
	assert_int_equal(st.slot[0].fw_version_code, V1);
	reopen(t);
	expect_boot(t, 0, V1);
}

static void write_file(const char *path, const void *p, size_t n, off_t off)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, p, n, off), (ssize_t)n);
	close(fd);
}

static void test_good_image(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	struct mcnic_cmd_flash_status st;
	struct tctx *t = *state;

	reopen(t);
	expect_boot(t, 0, V1);
	install(t, &v2, 1);
	status(t->f, &st);
	assert_int_equal(st.active, 1);
	assert_int_equal(st.next, 1);
	assert_int_equal(st.slot[1].state, MCNIC_SLOT_VALID);
	assert_int_equal(st.slot[1].seq, st.slot[0].seq + 1);
	assert_int_equal(st.slot[1].size, v2.len);
	assert_memory_equal(st.slot[1].build_id,
			    ((struct mcnic_fw_hdr *)v2.b)->build_id, 20);
	reopen(t);
	expect_boot(t, 1, V2);
	free(v2.b);
}

/* Activating the older valid image makes it win the next boot. */
static void test_activate_back(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	char msg[MCNIC_CMD_ERR_MSG];
	struct tctx *t = *state;
	int reboot;

	install(t, &v2, 1);
	assert_int_equal(activate(t->f, msg, &reboot), 0);
	assert_int_equal(reboot, 1);
	expect_boot(t, 0, V1);
	reopen(t);
	expect_boot(t, 0, V1);
	/* The slot just left is valid and can be activated again. */
	assert_int_equal(activate(t->f, msg, &reboot), 0);
	expect_boot(t, 1, V2);
	free(v2.b);
}

/* Flash img, expect COMMIT to refuse it with status and message. */
static void expect_refused(struct tctx *t, const u8 *b, u32 size,
			   int want, const char *want_msg)
{
	struct mcnic_cmd_flash_status st;
	char msg[MCNIC_CMD_ERR_MSG];

	write_image(t->f, b, size, size);
	assert_int_equal(commit(t->f, msg), want);
	assert_string_equal(msg, want_msg);
	status(t->f, &st);
	assert_int_equal(st.slot[1].state, MCNIC_SLOT_BAD);
	assert_int_equal(activate(t->f, msg, NULL), -MCNIC_EPROTO);
	assert_string_equal(msg, "flash.slot1.state=bad: not valid");
	expect_v1_kept(t);
}

static void test_tampered_payload(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	const struct mcnic_fw_hdr *h = (void *)v2.b;

	v2.b[h->payload_off + 1000] ^= 0x01;
	expect_refused(*state, v2.b, v2.len, -MCNIC_EBADMSG,
		       "image.sha256: mismatch");
	free(v2.b);
}

static void test_tampered_fdt(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	const struct mcnic_fw_hdr *h = (void *)v2.b;

	v2.b[h->fdt_off + h->fdt_len - 1] ^= 0x80;
	expect_refused(*state, v2.b, v2.len, -MCNIC_EBADMSG,
		       "image.sha256: mismatch");
	free(v2.b);
}

static void test_tampered_version(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	struct mcnic_fw_hdr *h = (void *)v2.b;

	h->fw_version = 0x090000;
	expect_refused(*state, v2.b, v2.len, -MCNIC_EKEYREJECTED,
		       "image.sig: invalid (header or sig altered)");
	free(v2.b);
}

static void test_truncated(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	char want[MCNIC_CMD_ERR_MSG];

	snprintf(want, sizeof(want), "image.total_len=%zu: truncated at %zu",
		 v2.len, v2.len - 100);
	expect_refused(*state, v2.b, v2.len - 100, -MCNIC_EBADMSG, want);
	free(v2.b);
}

static void test_wrong_key(void **state)
{
	struct timg v2 = make_image(V2, &key_b);

	expect_refused(*state, v2.b, v2.len, -MCNIC_EKEYREJECTED,
		       "image.sig: not signed by the trusted key");
	free(v2.b);
}

static void test_garbage(void **state)
{
	u8 junk[3 * CHUNK + 17];
	char want[MCNIC_CMD_ERR_MSG];
	u32 magic;

	randombytes_buf(junk, sizeof(junk));
	junk[0] = 'X';		/* never "MNFW" by chance */
	memcpy(&magic, junk, sizeof(magic));
	snprintf(want, sizeof(want), "image.magic=0x%08x: not MNFW", magic);
	expect_refused(*state, junk, sizeof(junk), -MCNIC_EBADMSG, want);
}

/* An image trailed by junk: BEGIN's size must be the image's own. */
static void test_size_mismatch(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	char want[MCNIC_CMD_ERR_MSG];
	u8 *b = calloc(1, v2.len + 64);

	memcpy(b, v2.b, v2.len);
	snprintf(want, sizeof(want), "image.total_len=%zu: %zu bytes given",
		 v2.len, v2.len + 64);
	expect_refused(*state, b, v2.len + 64, -MCNIC_EBADMSG, want);
	free(b);
	free(v2.b);
}

static void test_bad_sequences(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	struct mcnic_cmd_flash_begin bb = { .size = 1000, .pad = 1 };
	char msg[MCNIC_CMD_ERR_MSG], want[MCNIC_CMD_ERR_MSG];
	struct tctx *t = *state;

	assert_int_equal(write_at(t->f, 0, v2.b, 10, msg), -MCNIC_EPROTO);
	assert_string_equal(msg, "flash_write: no FLASH_BEGIN before");
	assert_int_equal(commit(t->f, msg), -MCNIC_EPROTO);
	assert_string_equal(msg, "flash_commit: no FLASH_BEGIN before");
	assert_int_equal(activate(t->f, msg, NULL), -MCNIC_EPROTO);
	assert_string_equal(msg, "flash.slot1.state=empty: not valid");
	assert_int_equal(begin(t->f, 10, msg), -MCNIC_EINVAL);
	assert_string_equal(msg, "flash_begin.size=10: less than a header");
	assert_int_equal(begin(t->f, MCNIC_FW_MAX + 1, msg), -MCNIC_EFBIG);
	assert_string_equal(msg, "flash_begin.size=16777217: more than a slot");
	assert_int_equal(req(t->f, MCNIC_CMD_FLASH_BEGIN, &bb, sizeof(bb),
			     msg, NULL, NULL), -MCNIC_EINVAL);
	assert_string_equal(msg, "flash_begin.pad=1: not 0");
	assert_int_equal(req(t->f, MCNIC_CMD_FLASH_BEGIN, &bb, 4, msg, NULL,
			     NULL), -MCNIC_EINVAL);
	assert_string_equal(msg, "hdr.len=4: flash_begin is 8");

	assert_int_equal(begin(t->f, v2.len, msg), 0);
	assert_int_equal(write_at(t->f, 100, v2.b, 10, msg), -MCNIC_EINVAL);
	assert_string_equal(msg, "flash_write.offset=100: next is 0");
	assert_int_equal(write_at(t->f, 0, v2.b, 0, msg), -MCNIC_EINVAL);
	assert_string_equal(msg, "flash_write.len=0: no data");
	assert_int_equal(write_at(t->f, 0, v2.b, CHUNK, msg), 0);
	/* The same chunk again overlaps what is written. */
	assert_int_equal(write_at(t->f, 0, v2.b, CHUNK, msg), -MCNIC_EINVAL);
	assert_string_equal(msg, "flash_write.offset=0: next is 4096");
	assert_int_equal(commit(t->f, msg), -MCNIC_EPROTO);
	snprintf(want, sizeof(want), "flash.written=4096: begun size is %zu",
		 v2.len);
	assert_string_equal(msg, want);
	assert_int_equal(activate(t->f, msg, NULL), -MCNIC_EPROTO);
	assert_string_equal(msg, "flash.slot1.state=writing: not valid");
	free(v2.b);
	expect_v1_kept(t);
}

static void test_write_past_size(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	char msg[MCNIC_CMD_ERR_MSG];
	struct tctx *t = *state;

	assert_int_equal(begin(t->f, 5000, msg), 0);
	assert_int_equal(write_at(t->f, 0, v2.b, CHUNK, msg), 0);
	assert_int_equal(write_at(t->f, CHUNK, v2.b, CHUNK, msg),
			 -MCNIC_EINVAL);
	assert_string_equal(msg, "flash_write.len=4096: past size 5000");
	free(v2.b);
	expect_v1_kept(t);
}

/* The header itself is the device's to check (tests/sim); the rest: */
static void test_bad_headers(void **state)
{
	static u8 a[sizeof(struct mcnic_cmd_hdr) + 10]
		__attribute__((aligned(8)));
	struct mcnic_cmd_hdr *r = (void *)a;
	struct tctx *t = *state;
	char msg[MCNIC_CMD_ERR_MSG];
	int rb;

	assert_int_equal(req(t->f, 0x0099, NULL, 0, msg, NULL, NULL),
			 -MCNIC_EOPNOTSUPP);
	assert_string_equal(msg, "hdr.opcode=0x99: not a flash command");
	assert_int_equal(req(t->f, MCNIC_CMD_FLASH_COMMIT, "x", 1, msg, NULL,
			     NULL), -MCNIC_EINVAL);
	assert_string_equal(msg, "hdr.len=1: opcode 0x42 takes none");
	/* No room for the STATUS answer. */
	assert_int_equal(raw_req(t->f, MCNIC_CMD_FLASH_STATUS, NULL, 0, r,
				 sizeof(a), &rb), -MCNIC_E2BIG);
	assert_string_equal(r->err_msg, "answer: no room for flash_status");
	assert_int_equal(r->len, 0);
	expect_v1_kept(t);
}

/* The child's side: no cmocka asserts here, they would jump back. */
static void child_flash(struct tctx *t, const struct timg *v2, int sig)
{
	struct mcnic_cmd_flash_begin b = { .size = v2->len };
	static u8 buf[sizeof(struct mcnic_cmd_flash_write) + CHUNK];
	struct mcnic_cmd_flash_write w = { .len = CHUNK };
	u32 stop = sig ? v2->len / 2 : v2->len - v2->len % CHUNK;
	struct mcnic_cmd_hdr r;
	struct mcnic_flash_boot bt;
	char err[256];
	int rb;

	if (mcnic_flash_open(&t->f, t->path, key_a.pk, NULL, err,
			     sizeof(err)) || mcnic_flash_boot(t->f, &bt) ||
	    raw_req(t->f, MCNIC_CMD_FLASH_BEGIN, &b, sizeof(b), &r,
		    sizeof(r), &rb))
		_exit(3);
	for (w.offset = 0; w.offset + CHUNK <= stop; w.offset += CHUNK) {
		memcpy(buf, &w, sizeof(w));
		memcpy(buf + sizeof(w), v2->b + w.offset, CHUNK);
		if (raw_req(t->f, MCNIC_CMD_FLASH_WRITE, buf, sizeof(buf), &r,
			    sizeof(r), &rb))
			_exit(4);
	}
	if (sig)
		raise(sig);
	_exit(0);
}

/* A child flashes (part of) an image and dies; the parent reboots. */
static void interrupted(struct tctx *t, int sig)
{
	struct timg v2 = make_image(V2, &key_a);
	struct mcnic_cmd_flash_status st;
	int ws;
	pid_t pid;

	mcnic_flash_close(t->f);
	t->f = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (!pid)
		child_flash(t, &v2, sig);
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	if (sig)
		assert_true(WIFSIGNALED(ws) && WTERMSIG(ws) == sig);
	else
		assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	flash_open(t, NULL);
	assert_non_null(strstr(mcnic_flash_notes(t->f),
			       "flash.slot1: an interrupted flash (writing)"));
	expect_boot(t, 0, V1);
	status(t->f, &st);
	assert_int_equal(st.slot[1].state, MCNIC_SLOT_WRITING);
	assert_int_equal(st.slot[1].size, v2.len);
	assert_int_equal(st.written, 0);
	assert_int_equal(st.next, 0);
	/* Interrupted means refused, not stuck: flash it properly now. */
	install(t, &v2, 1);
	free(v2.b);
}

static void test_killed_mid_write(void **state)
{
	interrupted(*state, SIGKILL);
}

static void test_exit_before_commit(void **state)
{
	interrupted(*state, 0);
}

static void test_corrupt_record(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	char msg[MCNIC_CMD_ERR_MSG];
	struct mcnic_cmd_flash_status st;
	struct tctx *t = *state;

	/* Committed (next boot: slot 1), then its record is damaged. */
	write_image(t->f, v2.b, v2.len, v2.len);
	assert_int_equal(commit(t->f, msg), 0);
	mcnic_flash_close(t->f);
	t->f = NULL;
	write_file(t->path, "\xff", 1, MCNIC_FLASH_REC_OFF(1) + 9);
	flash_open(t, NULL);
	assert_string_equal(mcnic_flash_notes(t->f),
		"flash.slot1.record: checksum mismatch, taken as empty\n");
	assert_string_equal(mcnic_flash_notes(t->f), "");
	status(t->f, &st);
	assert_int_equal(st.slot[1].state, MCNIC_SLOT_EMPTY);
	expect_boot(t, 0, V1);

	/* Now the running slot's record: nothing valid is left. */
	mcnic_flash_close(t->f);
	t->f = NULL;
	write_file(t->path, "garbage!", 8, MCNIC_FLASH_REC_OFF(0));
	flash_open(t, NULL);
	expect_boot(t, -1, 0);
	free(v2.b);
}

/* The next boot's data rots in flash: boot falls back and marks it. */
static void test_corrupt_slot_data(void **state)
{
	struct timg v2 = make_image(V2, &key_a);
	struct mcnic_cmd_flash_status st;
	struct tctx *t = *state;

	install(t, &v2, 1);
	mcnic_flash_close(t->f);
	t->f = NULL;
	write_file(t->path, "\x00\x01", 2,
		   MCNIC_FLASH_SLOT_OFF(1) + v2.len - 300);
	flash_open(t, NULL);
	expect_boot(t, 0, V1);
	assert_string_equal(mcnic_flash_notes(t->f),
		"flash.slot1: image.sha256: mismatch: not booted\n");
	status(t->f, &st);
	assert_int_equal(st.active, 0);
	assert_int_equal(st.slot[1].state, MCNIC_SLOT_BAD);
	reopen(t);
	expect_boot(t, 0, V1);
	free(v2.b);
}

static void test_factory(void **state)
{
	struct timg v1 = make_image(V1, &key_a), bad = make_image(V2, &key_b);
	char fac[128], badfac[128], err[256];
	struct mcnic_flash *g;
	struct tctx *t = *state;

	snprintf(fac, sizeof(fac), "%s/factory.bin", t->dir);
	snprintf(badfac, sizeof(badfac), "%s/bad.bin", t->dir);
	write_file(fac, v1.b, v1.len, 0);
	write_file(badfac, bad.b, bad.len, 0);
	assert_int_equal(mcnic_flash_open(&g, t->path, key_a.pk, badfac, err,
					  sizeof(err)), -EKEYREJECTED);
	assert_null(g);
	assert_non_null(strstr(err,
			       "image.sig: not signed by the trusted key"));
	flash_open(t, fac);
	assert_non_null(strstr(mcnic_flash_notes(t->f), "factory image"));
	expect_boot(t, 0, V1);
	/* Only when nothing is valid: a second open leaves it alone. */
	reopen(t);
	assert_string_equal(mcnic_flash_notes(t->f), "");
	expect_boot(t, 0, V1);
	free(v1.b);
	free(bad.b);
}

static void test_bad_flash_file(void **state)
{
	struct tctx *t = *state;
	struct mcnic_flash *g;
	char err[256], junk[8192];

	randombytes_buf(junk, sizeof(junk));
	write_file(t->path, junk, sizeof(junk), 0);
	assert_int_equal(mcnic_flash_open(&g, t->path, key_a.pk, NULL, err,
					  sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not an mcnic flash file"));
	assert_int_equal(truncate(t->path, 3), 0);
	assert_int_equal(mcnic_flash_open(&g, t->path, key_a.pk, NULL, err,
					  sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not an mcnic flash file"));
}

/* A flash cut short after its records: every slot read fails cleanly. */
static void test_truncated_flash_file(void **state)
{
	struct tctx *t = *state;

	mcnic_flash_close(t->f);
	t->f = NULL;
	assert_int_equal(truncate(t->path, MCNIC_FLASH_SLOT_OFF(0) + 1000), 0);
	flash_open(t, NULL);
	expect_boot(t, -1, 0);
	assert_non_null(strstr(mcnic_flash_notes(t->f), "flash.slot0: read"));
}

static void test_locked(void **state)
{
	struct tctx *t = *state;
	struct mcnic_flash *g;
	char err[256];

	assert_int_equal(mcnic_flash_open(&g, t->path, key_a.pk, NULL, err,
					  sizeof(err)), -EBUSY);
	assert_non_null(strstr(err, "in use by another process"));
}

static void test_image_checks(void **state)
{
	struct timg v = make_image(V1, &key_a);
	struct mcnic_fw_hdr *h = (void *)v.b, out;
	char err[MCNIC_CMD_ERR_MSG];
	u32 code;

	assert_int_equal(mcnic_fwimage_verify(v.b, v.len, key_a.pk, &out,
					      err, sizeof(err)), 0);
	assert_int_equal(h->payload_off % MCNIC_FW_PAYLOAD_ALIGN, 0);
	assert_int_equal(h->fdt_off % 8, 0);
	assert_memory_equal(h->key_id, key_a.pk, 8);
	assert_int_equal(mcnic_fwimage_parse(v.b, 100, &out, err,
					     sizeof(err)), -EBADMSG);
	assert_string_equal(err, "image.size=100: less than a header");
	h->payload_len = 0xfffffff0;
	assert_int_equal(mcnic_fwimage_parse(v.b, v.len, &out, err,
					     sizeof(err)), -EBADMSG);
	assert_string_equal(err,
			    "image.payload_len=4294967280: not inside image");
	h->payload_len = fw_payload_len;
	h->fdt_off -= 8;
	assert_int_equal(mcnic_fwimage_parse(v.b, v.len, &out, err,
					     sizeof(err)), -EBADMSG);
	assert_non_null(strstr(err, "image.fdt_off="));
	h->fdt_off += 8;
	h->hdr_len = 64;
	assert_int_equal(mcnic_fwimage_parse(v.b, v.len, &out, err,
					     sizeof(err)), -EBADMSG);
	assert_string_equal(err, "image.hdr_len=64: not 200");
	assert_int_equal(mcnic_fwimage_version_parse("1.2.3", &code), 0);
	assert_int_equal(code, 0x010203);
	assert_int_equal(mcnic_fwimage_version_parse("1.256.0", &code),
			 -EINVAL);
	assert_int_equal(mcnic_fwimage_version_parse("1.2", &code), -EINVAL);
	assert_int_equal(mcnic_fwimage_version_parse("1.2.3x", &code),
			 -EINVAL);
	assert_int_equal(mcnic_fwimage_version_parse("-1.2.3", &code),
			 -EINVAL);
	free(v.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_checks),
		cmocka_unit_test_setup_teardown(test_good_image,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_activate_back,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_payload,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_fdt,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_version,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_truncated,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_key,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_garbage,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_size_mismatch,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_bad_sequences,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_write_past_size,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_bad_headers,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_killed_mid_write,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_exit_before_commit,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_record,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_slot_data,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_factory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_flash_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_truncated_flash_file,
						setup_running, teardown),
		cmocka_unit_test_setup_teardown(test_locked, setup_running,
						teardown),
	};

	if (mcnic_fwimage_init() || load_firmware())
		return 1;
	make_key(&key_a, 0xa1);
	make_key(&key_b, 0xb2);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
