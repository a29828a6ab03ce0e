// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * DMA windows (dma.h).  The client owns the file: it can shrink it after
 * the MAP, and a copy touching the lost pages would then raise SIGBUS.
 * So copies run under a guard: the SIGBUS handler jumps back to the copy
 * in progress, which fails with -EFAULT.  The handler runs with SIGBUS
 * unblocked (SA_NODEFER), so jumping out of it needs no mask restore and
 * a copy costs one sigsetjmp, no system call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dma.h"

static sigjmp_buf *volatile dma_jmp;

static void dma_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	if (dma_jmp)
		siglongjmp(*dma_jmp, 1);
	/* Not ours: die as the signal would have made us. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static int dma_guard_install(void)
{
	static int installed;
	struct sigaction sa = {
		.sa_sigaction = dma_sigbus,
		.sa_flags = SA_SIGINFO | SA_NODEFER,
	};

	if (installed)
		return 0;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, NULL))
		return -errno;
	installed = 1;
	return 0;
}

static int dma_copy(void *dst, const void *src, u32 len)
{
	sigjmp_buf jb;

	if (sigsetjmp(jb, 0)) {
		dma_jmp = NULL;
		return -EFAULT;
	}
	dma_jmp = &jb;
	/* The copy must stay inside the window the SIGBUS handler covers. */
	atomic_signal_fence(memory_order_seq_cst);
	memcpy(dst, src, len);
	atomic_signal_fence(memory_order_seq_cst);
	dma_jmp = NULL;
	return 0;
}

static int dma_overlaps(const struct mcnic_dma *d, u64 addr, u64 size)
{
	unsigned int i;

	for (i = 0; i < d->n; i++)
		if (addr < d->w[i].addr + d->w[i].size &&
		    d->w[i].addr < addr + size)
			return 1;
	return 0;
}

/* The range's checks; 0 or -errno with err. */
static int dma_check(const struct mcnic_dma *d, int fd,
		     const struct mcnic_sock_map *m, char *err, size_t errlen)
{
	struct stat st;

	if (d->n == MCNIC_DMA_WINDOWS) {
		snprintf(err, errlen, "MAP: all %d DMA windows in use",
			 MCNIC_DMA_WINDOWS);
		return -ENOSPC;
	}
	if (!m->size || m->dma_addr + m->size < m->dma_addr ||
	    m->offset + m->size < m->offset || m->size > SIZE_MAX / 2) {
		snprintf(err, errlen, "MAP: size=%llu at dma_addr=0x%llx, "
			 "offset=%llu: empty or wrapping",
			 (unsigned long long)m->size,
			 (unsigned long long)m->dma_addr,
			 (unsigned long long)m->offset);
		return -EINVAL;
	}
	if (fstat(fd, &st)) {
		int e = errno;

		snprintf(err, errlen, "MAP: fstat: %s", strerror(e));
		return -e;
	}
	if (!S_ISREG(st.st_mode) || (u64)st.st_size < m->offset + m->size) {
		snprintf(err, errlen, "MAP: offset=%llu size=%llu: beyond the "
			 "file's %lld bytes (or not a file)",
			 (unsigned long long)m->offset,
			 (unsigned long long)m->size, (long long)st.st_size);
		return -EINVAL;
	}
	if (dma_overlaps(d, m->dma_addr, m->size)) {
		snprintf(err, errlen, "MAP: dma_addr=0x%llx size=%llu: "
			 "overlaps a mapped window",
			 (unsigned long long)m->dma_addr,
			 (unsigned long long)m->size);
		return -EINVAL;
	}
	return 0;
}

int mcnic_dma_map(struct mcnic_dma *d, int fd, const struct mcnic_sock_map *m,
		  char *err, size_t errlen)
{
	u64 page = (u64)sysconf(_SC_PAGESIZE);
	u64 skew = m->offset % page;
	struct mcnic_dma_window *w;
	void *p;
	int r;

	r = dma_check(d, fd, m, err, errlen);
	r = r ?: dma_guard_install();
	if (r)
		return r;
	p = mmap(NULL, m->size + skew, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 m->offset - skew);
	if (p == MAP_FAILED) {
		r = -errno;
		snprintf(err, errlen, "MAP: mmap: %s", strerror(-r));
		return r;
	}
	w = &d->w[d->n++];
	w->addr = m->dma_addr;
	w->size = m->size;
	w->map = p;
	w->map_len = m->size + skew;
	w->mem = (u8 *)p + skew;
	return 0;
}

void mcnic_dma_unmap(struct mcnic_dma *d)
{
	while (d->n) {
		d->n--;
		munmap(d->w[d->n].map, d->w[d->n].map_len);
	}
}

static u8 *dma_ptr(const struct mcnic_dma *d, u64 addr, u64 len)
{
	const struct mcnic_dma_window *w;
	unsigned int i;

	for (i = 0; i < d->n; i++) {
		w = &d->w[i];
		if (addr >= w->addr && addr - w->addr <= w->size &&
		    len <= w->size - (addr - w->addr))
			return w->mem + (addr - w->addr);
	}
	return NULL;
}

int mcnic_dma_valid(const struct mcnic_dma *d, u64 addr, u64 len)
{
	return dma_ptr(d, addr, len) != NULL;
}

int mcnic_dma_read(struct mcnic_dma *d, u64 addr, void *buf, u32 len)
{
	u8 *p = dma_ptr(d, addr, len);

	if (p && !dma_copy(buf, p, len))
		return 0;
	d->faults++;
	return -EFAULT;
}

int mcnic_dma_write(struct mcnic_dma *d, u64 addr, const void *buf, u32 len)
{
	u8 *p = dma_ptr(d, addr, len);

	if (p && !dma_copy(p, buf, len))
		return 0;
	d->faults++;
	return -EFAULT;
}
