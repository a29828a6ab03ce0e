// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The BAR 0 register model (sim/regs.c) as a driver sees it: walk the
 * block chain from offset 0, read the identity and port registers, and
 * run a HEARTBEAT through the mailbox registers (request buffer, doorbell,
 * status, answer, interrupt, masked and pending), and the same through
 * the mailbox's DMA mode from a memfd standing for host memory.  The
 * queues' DMA is tested through the daemon (dma_test.py).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/board.h"
#include "sim/dev.h"
#include "sim/regs.h"

struct regs_env {
	struct mcnic_board board;
	struct mcnic_dev *dev;
	struct mcnic_dma dma;
	struct mcnic_qm *qm;
	struct mcnic_regs *regs;
	u8 buf[2048];
};

/* No queue is enabled here (nothing is mapped): these never run. */
static void regs_qm_tx(void *ctx, u16 vport, const u32 *len, u32 n,
		       u8 *drop)
{
	(void)ctx;
	(void)vport;
	(void)len;
	(void)n;
	(void)drop;
	fail();
}

static void regs_qm_irq(void *ctx, u32 vec)
{
	(void)ctx;
	(void)vec;
	fail();
}

static const struct mcnic_qm_ops regs_qm_ops = {
	.tx = regs_qm_tx,
	.irq = regs_qm_irq,
};

static int regs_setup(void **state)
{
	static struct regs_env env;
	struct mcnic_dev_cfg dc = { .board = &env.board, .name = "regs" };
	struct mcnic_qm_cfg qc = {
		.board = &env.board, .dma = &env.dma, .buf = env.buf,
		.buf_max = sizeof(env.buf), .irqs = MCNIC_REGS_IRQS,
		.ops = &regs_qm_ops,
	};
	char err[256];

	assert_int_equal(mcnic_board_load(&env.board, NULL, err, sizeof(err)),
			 0);
	assert_int_equal(mcnic_dev_create(&env.dev, &dc, err, sizeof(err)), 0);
	assert_int_equal(mcnic_qm_create(&env.qm, &qc), 0);
	assert_int_equal(mcnic_regs_create(&env.regs, env.dev, &env.board,
					   env.qm, &env.dma, err, sizeof(err)),
			 0);
	*state = &env;
	return 0;
}

static int regs_teardown(void **state)
{
	struct regs_env *env = *state;

	mcnic_regs_destroy(env->regs);
	mcnic_dma_unmap(&env->dma);
	mcnic_qm_destroy(env->qm);
	mcnic_dev_destroy(env->dev);
	return 0;
}

/* Offset of the block of this type, found by walking the chain. */
static u32 regs_find(struct mcnic_regs *r, u32 type)
{
	u32 off = 0, n;

	for (n = 0; n < 16; n++) {
		if (mcnic_regs_read(r, off) == type)
			return off;
		off = mcnic_regs_read(r, off + 8);
		if (!off)
			break;
	}
	return ~0u;
}

static void test_chain(void **state)
{
	static const u32 types[] = {
		MCNIC_RB_TYPE_DEV, MCNIC_RB_TYPE_MBOX, MCNIC_RB_TYPE_QM,
		MCNIC_RB_TYPE_IRQ, MCNIC_RB_TYPE_PORTS,
	}, vers[] = {
		MCNIC_RB_DEV_VER, MCNIC_RB_MBOX_VER, MCNIC_RB_QM_VER,
		MCNIC_RB_IRQ_VER, MCNIC_RB_PORTS_VER,
	};
	struct regs_env *env = *state;
	u32 off = 0, i;

	for (i = 0; i < 5; i++) {
		assert_int_equal(mcnic_regs_read(env->regs, off), types[i]);
		assert_int_equal(mcnic_regs_read(env->regs, off + 4), vers[i]);
		off = mcnic_regs_read(env->regs, off + 8);
		assert_true(off < MCNIC_BAR0_SIZE);
	}
	assert_int_equal(off, 0);
}

static void test_dev_block(void **state)
{
	struct regs_env *env = *state;
	u32 dev = regs_find(env->regs, MCNIC_RB_TYPE_DEV);
	u32 hb;

	assert_int_equal(mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_ID),
			 MCNIC_DEV_ID);
	assert_int_equal(mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_FW_VER),
			 0x000400);
	assert_int_equal(mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_STATUS),
			 MCNIC_DEV_ST_READY);
	assert_int_equal(mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_PORTS),
			 32);
	/* The heartbeat counts milliseconds. */
	hb = mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_HEARTBEAT);
	usleep(20000);
	assert_true(mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_HEARTBEAT) >=
		    hb + 15);
	/* Read-only registers stay; bad accesses read all-ones. */
	mcnic_regs_write(env->regs, dev + MCNIC_DEV_REG_ID, 0);
	assert_int_equal(mcnic_regs_read(env->regs, dev + MCNIC_DEV_REG_ID),
			 MCNIC_DEV_ID);
	assert_int_equal(mcnic_regs_read(env->regs, dev + 2), 0xffffffffu);
	assert_int_equal(mcnic_regs_read(env->regs, MCNIC_BAR0_SIZE),
			 0xffffffffu);
}

static u32 rd(void **state, u32 off)
{
	struct regs_env *env = *state;

	return mcnic_regs_read(env->regs, off);
}

static void test_ports_block(void **state)
{
	struct regs_env *env = *state;
	u32 p = regs_find(env->regs, MCNIC_RB_TYPE_PORTS);
	u32 w = p + MCNIC_PORTS_REG_BASE + 16 * MCNIC_PORT_STRIDE;

	assert_int_equal(mcnic_regs_read(env->regs, p + MCNIC_PORTS_REG_COUNT),
			 32);
	/* Vport 16: the board's first vport MAC, 02:00:0a:00:01:10. */
	assert_int_equal(mcnic_regs_read(env->regs, w + MCNIC_PORT_REG_MAC_HI),
			 0x0200);
	assert_int_equal(mcnic_regs_read(env->regs, w + MCNIC_PORT_REG_MAC_LO),
			 0x0a000110);
	assert_int_equal(rd(state, w + MCNIC_PORT_REG_LINK), 0);
	mcnic_regs_port_link(env->regs, 16, 1);
	assert_int_equal(rd(state, w + MCNIC_PORT_REG_LINK), 1);
}

static void test_qm_block(void **state)
{
	struct regs_env *env = *state;
	u32 qm = regs_find(env->regs, MCNIC_RB_TYPE_QM);
	u32 base = mcnic_regs_read(env->regs, qm + MCNIC_QM_REG_QBASE);

	/* 16 vports with 4 queues each. */
	assert_int_equal(rd(state, qm + MCNIC_QM_REG_TXQ_COUNT), 64);
	mcnic_regs_write(env->regs, base + MCNIC_Q_REG_LOG_SIZE, 10);
	assert_int_equal(rd(state, base + MCNIC_Q_REG_LOG_SIZE), 10);
	/* No host memory mapped: enabling is refused, ENABLE reads 0. */
	mcnic_regs_write(env->regs, base + MCNIC_Q_REG_CTRL,
			 MCNIC_Q_CTRL_ENABLE);
	assert_int_equal(rd(state, base + MCNIC_Q_REG_CTRL), 0);
	/* A disabled queue takes no index. */
	mcnic_regs_write(env->regs, base + MCNIC_Q_REG_HEAD, 1);
	assert_int_equal(rd(state, base + MCNIC_Q_REG_HEAD), 0);
}

/* Writes a request word by word and rings the doorbell. */
static void regs_mbox_call(struct mcnic_regs *r, u32 mbox, const void *req,
			   u32 len)
{
	u32 req_off = mcnic_regs_read(r, mbox + MCNIC_MBOX_REG_REQ_OFF), i, w;

	for (i = 0; i < len; i += 4) {
		memcpy(&w, (const u8 *)req + i, 4);
		mcnic_regs_write(r, req_off + i, w);
	}
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DOORBELL, len);
}

static void regs_mbox_answer(struct mcnic_regs *r, u32 mbox, void *resp,
			     u32 len)
{
	u32 off = mcnic_regs_read(r, mbox + MCNIC_MBOX_REG_RESP_OFF), i, w;

	for (i = 0; i < len; i += 4) {
		w = mcnic_regs_read(r, off + i);
		memcpy((u8 *)resp + i, &w, 4);
	}
}

struct regs_hb_answer {
	struct mcnic_cmd_hdr h;
	struct mcnic_cmd_heartbeat hb;
};

static void test_mbox_heartbeat(void **state)
{
	struct regs_env *env = *state;
	u32 mbox = regs_find(env->regs, MCNIC_RB_TYPE_MBOX);
	struct mcnic_cmd_hdr req = {
		.version = MCNIC_CMD_VERSION, .opcode = MCNIC_CMD_HEARTBEAT,
		.seq = 42,
	};
	struct regs_hb_answer ans;

	assert_int_equal(mcnic_regs_read(env->regs,
					 mbox + MCNIC_MBOX_REG_SIZE), 0x10000);
	mcnic_regs_irq_take(env->regs);
	regs_mbox_call(env->regs, mbox, &req, sizeof(req));
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_STATUS),
			 MCNIC_MBOX_ST_DONE);
	assert_int_equal(mcnic_regs_read(env->regs,
					 mbox + MCNIC_MBOX_REG_RESP_LEN),
			 sizeof(ans));
	regs_mbox_answer(env->regs, mbox, &ans, sizeof(ans));
	assert_int_equal(ans.h.status, 0);
	assert_int_equal(ans.h.opcode, MCNIC_CMD_HEARTBEAT);
	assert_int_equal(ans.h.seq, 42);
	assert_int_equal(ans.h.len, sizeof(ans.hb));
	assert_int_equal(ans.hb.beats, 1);
	assert_int_equal(ans.hb.boot_count, 1);
	assert_int_equal(mcnic_regs_irq_take(env->regs),
			 1u << MCNIC_REGS_IRQ_MBOX);

	/* A masked vector raises nothing; the answer still arrives. */
	mcnic_regs_write(env->regs, regs_find(env->regs, MCNIC_RB_TYPE_IRQ) +
			 MCNIC_IRQ_REG_MASK, 1u << MCNIC_REGS_IRQ_MBOX);
	regs_mbox_call(env->regs, mbox, &req, sizeof(req));
	regs_mbox_answer(env->regs, mbox, &ans, sizeof(ans));
	assert_int_equal(ans.hb.beats, 2);
	assert_int_equal(mcnic_regs_irq_take(env->regs), 0);
	/* It stayed pending: unmasking raises it, once. */
	mcnic_regs_write(env->regs, regs_find(env->regs, MCNIC_RB_TYPE_IRQ) +
			 MCNIC_IRQ_REG_MASK, 0);
	assert_int_equal(mcnic_regs_irq_take(env->regs),
			 1u << MCNIC_REGS_IRQ_MBOX);
	assert_int_equal(mcnic_regs_irq_take(env->regs), 0);
}

static void test_mbox_bad_request(void **state)
{
	struct regs_env *env = *state;
	u32 mbox = regs_find(env->regs, MCNIC_RB_TYPE_MBOX);
	struct mcnic_cmd_hdr req = {
		.version = MCNIC_CMD_VERSION, .opcode = MCNIC_CMD_HEARTBEAT,
		.seq = 7, .len = 100,	/* but nothing follows */
	}, ans;

	regs_mbox_call(env->regs, mbox, &req, sizeof(req));
	regs_mbox_answer(env->regs, mbox, &ans, sizeof(ans));
	assert_int_equal(ans.status, -MCNIC_EBADMSG);
	assert_int_equal(ans.seq, 7);
	assert_non_null(strstr(ans.err_msg, "hdr.len=100"));
	/* A doorbell longer than the buffer is cut to it, and refused. */
	mcnic_regs_write(env->regs, mbox + MCNIC_MBOX_REG_DOORBELL, 1u << 30);
	regs_mbox_answer(env->regs, mbox, &ans, sizeof(ans));
	assert_int_equal(ans.status, -MCNIC_EBADMSG);
}

#define REGS_HOST_DMA	0x100000ull	/* where the memfd sits */
#define REGS_HOST_SIZE	0x40000u

static void regs_wr64(struct mcnic_regs *r, u32 lo, u64 v)
{
	mcnic_regs_write(r, lo, (u32)v);
	mcnic_regs_write(r, lo + 4, (u32)(v >> 32));
}

/* Requests and answers in "host memory": a memfd given as a DMA window. */
static void test_mbox_dma(void **state)
{
	struct regs_env *env = *state;
	struct mcnic_regs *r = env->regs;
	u32 mbox = regs_find(r, MCNIC_RB_TYPE_MBOX);
	struct mcnic_sock_map m = {
		.dma_addr = REGS_HOST_DMA, .size = REGS_HOST_SIZE,
	};
	struct mcnic_cmd_hdr req = {
		.version = MCNIC_CMD_VERSION, .opcode = MCNIC_CMD_HEARTBEAT,
		.seq = 9,
	};
	struct regs_hb_answer *ans;
	u64 faults = env->dma.faults;
	char err[128];
	u8 *host;
	int fd;

	assert_int_equal(mcnic_regs_read(r, mbox + 4) & 0xffff,
			 MCNIC_MBOX_DMA_MINOR);
	fd = memfd_create("host", 0);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, REGS_HOST_SIZE), 0);
	assert_int_equal(mcnic_dma_map(&env->dma, fd, &m, err, sizeof(err)), 0);
	host = mmap(NULL, REGS_HOST_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
	assert_true(host != MAP_FAILED);
	close(fd);
	ans = (void *)(host + 0x1000);
	memcpy(host, &req, sizeof(req));
	regs_wr64(r, mbox + MCNIC_MBOX_REG_DMA_REQ_LO, REGS_HOST_DMA);
	regs_wr64(r, mbox + MCNIC_MBOX_REG_DMA_RESP_LO, REGS_HOST_DMA + 0x1000);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_RESP_MAX, sizeof(*ans));
	mcnic_regs_irq_take(r);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_DOORBELL, sizeof(req));
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_STATUS),
			 MCNIC_MBOX_ST_DONE);
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_RESP_LEN),
			 sizeof(*ans));
	assert_int_equal(ans->h.status, 0);
	assert_int_equal(ans->h.seq, 9);
	assert_int_equal(ans->h.len, sizeof(ans->hb));
	assert_true(ans->hb.beats > 0);
	assert_int_equal(mcnic_regs_irq_take(r), 1u << MCNIC_REGS_IRQ_MBOX);

	/* Cut at DMA_RESP_MAX; RESP_LEN keeps the whole length. */
	memset(ans, 0xee, sizeof(*ans));
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_RESP_MAX, 8);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_DOORBELL, sizeof(req));
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_RESP_LEN),
			 sizeof(*ans));
	assert_int_equal(ans->h.opcode, MCNIC_CMD_HEARTBEAT);
	assert_int_equal(((u8 *)ans)[8], 0xee);
	mcnic_regs_irq_take(r);

	/* A request outside host memory: FAULT, nothing executed. */
	regs_wr64(r, mbox + MCNIC_MBOX_REG_DMA_REQ_LO, REGS_HOST_DMA - 8);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_DOORBELL, sizeof(req));
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_STATUS),
			 MCNIC_MBOX_ST_FAULT);
	assert_int_equal(mcnic_regs_irq_take(r), 0);
	/* An answer past its end: FAULT too. */
	regs_wr64(r, mbox + MCNIC_MBOX_REG_DMA_REQ_LO, REGS_HOST_DMA);
	regs_wr64(r, mbox + MCNIC_MBOX_REG_DMA_RESP_LO,
		  REGS_HOST_DMA + REGS_HOST_SIZE - 4);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_RESP_MAX, 0x10000);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_DOORBELL, sizeof(req));
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_STATUS),
			 MCNIC_MBOX_ST_FAULT);
	assert_int_equal(env->dma.faults, faults + 2);
	/* The next good request goes through. */
	regs_wr64(r, mbox + MCNIC_MBOX_REG_DMA_RESP_LO, REGS_HOST_DMA + 0x1000);
	mcnic_regs_write(r, mbox + MCNIC_MBOX_REG_DMA_DOORBELL, sizeof(req));
	assert_int_equal(rd(state, mbox + MCNIC_MBOX_REG_STATUS),
			 MCNIC_MBOX_ST_DONE);
	assert_int_equal(ans->h.seq, 9);
	munmap(host, REGS_HOST_SIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_dev_block),
		cmocka_unit_test(test_ports_block),
		cmocka_unit_test(test_qm_block),
		cmocka_unit_test(test_mbox_heartbeat),
		cmocka_unit_test(test_mbox_bad_request),
		cmocka_unit_test(test_mbox_dma),
	};

	return cmocka_run_group_tests(tests, regs_setup, regs_teardown);
}
