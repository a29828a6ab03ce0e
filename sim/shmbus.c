// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The shm bus (shmbus.h).  The guest writes an entry's seq last, so an
 * acquire load of seq that matches makes the rest of the entry visible;
 * the answer (a READ's val) is written before the release store of
 * hdr.cons that tells the guest it may read it.  Each field of an entry
 * is loaded once: a guest rewriting an entry under us gets one of its
 * values, never a check on one value and a use of another.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mcnic/regs.h>
#include "log.h"
#include "shmbus.h"

MCNIC_STATIC_ASSERT(MCNIC_SHMBUS_RING_OFF >= sizeof(struct mcnic_shm_hdr) &&
		    MCNIC_SHMBUS_RING_OFF + MCNIC_SHM_RING *
		    sizeof(struct mcnic_shm_op) <= MCNIC_SHM_SIZE,
		    "the ring fits BAR 2 after the header");
MCNIC_STATIC_ASSERT((MCNIC_SHM_RING & (MCNIC_SHM_RING - 1)) == 0,
		    "MCNIC_SHM_RING is a power of two");

#define SHMBUS_SEALS	(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)

struct mcnic_shmbus {
	int fd;
	u8 *mem;
	struct mcnic_shm_hdr *hdr;
	struct mcnic_shm_op *ring;
	u32 cons;		/* the device's: the guest cannot move it */
	const struct mcnic_shmbus_ops *ops;
	void *ctx;
	struct mcnic_shmbus_stats st;
};

static int shmbus_map(struct mcnic_shmbus *b, char *err, size_t errlen)
{
	int e;

	b->fd = memfd_create("mcnic-shm", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (b->fd < 0) {
		e = errno;
		snprintf(err, errlen, "shm bus: memfd: %s", strerror(e));
		return -e;
	}
	if (ftruncate(b->fd, MCNIC_SHM_SIZE) ||
	    fcntl(b->fd, F_ADD_SEALS, SHMBUS_SEALS)) {
		e = errno;
		snprintf(err, errlen, "shm bus: %d bytes: %s", MCNIC_SHM_SIZE,
			 strerror(e));
		return -e;
	}
	b->mem = mmap(NULL, MCNIC_SHM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED, b->fd, 0);
	if (b->mem == MAP_FAILED) {
		e = errno;
		b->mem = NULL;
		snprintf(err, errlen, "shm bus: mmap: %s", strerror(e));
		return -e;
	}
	return 0;
}

static void shmbus_hdr_init(struct mcnic_shmbus *b, u32 sim_peer,
			    u32 vectors)
{
	struct mcnic_shm_hdr *h = b->hdr;

	memcpy(h->magic, MCNIC_SHM_MAGIC, sizeof(h->magic));
	h->version = MCNIC_SHM_VERSION;
	h->ring_off = MCNIC_SHMBUS_RING_OFF;
	h->ring_size = MCNIC_SHM_RING;
	h->sim_peer = sim_peer;
	h->bar0_size = MCNIC_BAR0_SIZE;
	h->vectors = vectors;
}

int mcnic_shmbus_create(struct mcnic_shmbus **bp, u32 sim_peer,
			u32 vectors, const struct mcnic_shmbus_ops *ops,
			void *ctx, char *err, size_t errlen)
{
	struct mcnic_shmbus *b = calloc(1, sizeof(*b));
	int rc;

	if (!b)
		return -ENOMEM;
	b->ops = ops;
	b->ctx = ctx;
	rc = shmbus_map(b, err, errlen);
	if (rc) {
		mcnic_shmbus_destroy(b);
		return rc;
	}
	/* A fresh memfd is zeros: cons, skipped and every seq start at 0. */
	b->hdr = (struct mcnic_shm_hdr *)b->mem;
	b->ring = (struct mcnic_shm_op *)(b->mem + MCNIC_SHMBUS_RING_OFF);
	shmbus_hdr_init(b, sim_peer, vectors);
	*bp = b;
	return 0;
}

void mcnic_shmbus_destroy(struct mcnic_shmbus *b)
{
	if (!b)
		return;
	if (b->mem)
		munmap(b->mem, MCNIC_SHM_SIZE);
	if (b->fd >= 0)
		close(b->fd);
	free(b);
}

int mcnic_shmbus_fd(const struct mcnic_shmbus *b)
{
	return b->fd;
}

const struct mcnic_shmbus_stats *
mcnic_shmbus_stats(const struct mcnic_shmbus *b)
{
	return &b->st;
}

/* What a PCIe read that fails returns; a skipped write's val too. */
static void shmbus_skip(struct mcnic_shmbus *b, struct mcnic_shm_op *e,
			u16 op, u32 off)
{
	mcnic_log_counted(&b->st.skipped, "shm bus entries skipped",
			  "shm bus: entry %u (op %u, offset 0x%x) skipped: %s",
			  b->cons, op, off,
			  op != MCNIC_SHM_OP_READ && op != MCNIC_SHM_OP_WRITE ?
			  "bad op" : off & 3 ? "unaligned" : "outside BAR 0");
	__atomic_store_n(&e->val, 0xffffffffu, __ATOMIC_RELAXED);
	__atomic_store_n(&b->hdr->skipped, (u32)b->st.skipped,
			 __ATOMIC_RELAXED);
}

static void shmbus_exec(struct mcnic_shmbus *b, struct mcnic_shm_op *e)
{
	u16 op = __atomic_load_n(&e->op, __ATOMIC_RELAXED);
	u32 off = __atomic_load_n(&e->off, __ATOMIC_RELAXED);

	b->st.ops++;
	if ((op != MCNIC_SHM_OP_READ && op != MCNIC_SHM_OP_WRITE) ||
	    off >= MCNIC_BAR0_SIZE || off & 3) {
		shmbus_skip(b, e, op, off);
	} else if (op == MCNIC_SHM_OP_READ) {
		b->st.reads++;
		__atomic_store_n(&e->val, b->ops->reg_read(b->ctx, off),
				 __ATOMIC_RELAXED);
	} else {
		b->st.writes++;
		b->ops->reg_write(b->ctx, off,
				  __atomic_load_n(&e->val, __ATOMIC_RELAXED));
	}
}

u32 mcnic_shmbus_run(struct mcnic_shmbus *b)
{
	struct mcnic_shm_op *e;
	u32 n;

	for (n = 0; n < MCNIC_SHMBUS_BUDGET; n++) {
		e = &b->ring[b->cons & (MCNIC_SHM_RING - 1)];
		if (__atomic_load_n(&e->seq, __ATOMIC_ACQUIRE) != b->cons + 1)
			break;
		shmbus_exec(b, e);
		b->cons++;
		__atomic_store_n(&b->hdr->cons, b->cons, __ATOMIC_RELEASE);
	}
	return n;
}
