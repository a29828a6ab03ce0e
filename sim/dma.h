/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Host memory the simulated NIC may DMA to and from: windows of DMA
 * addresses backed by files the PCIe-side host client passed (simsock.h,
 * MAP).  Every access is checked against the windows and must lie inside
 * one of them; one outside, or one that faults because the file shrank
 * under the mapping, fails with -EFAULT and never touches anything else.
 */
#ifndef MCNIC_SIM_DMA_H
#define MCNIC_SIM_DMA_H

#include <stddef.h>
#include <mcnic/simsock.h>

/* A QEMU guest's RAM needs a few: below and above 4 GiB, and so on. */
#define MCNIC_DMA_WINDOWS	8

struct mcnic_dma_window {
	u64 addr;		/* first DMA address */
	u64 size;
	u8 *mem;		/* addr's byte */
	void *map;		/* what munmap gets */
	size_t map_len;
};

struct mcnic_dma {
	struct mcnic_dma_window w[MCNIC_DMA_WINDOWS];
	unsigned int n;
	u64 faults;		/* accesses refused or faulted */
};

/*
 * Map m->size bytes of fd from m->offset at DMA address m->dma_addr.
 * 0, or -errno with err naming the field: -EINVAL for an empty, wrapping
 * or overlapping range or one past the file's end, -ENOSPC when every
 * window is used, mmap's error otherwise.  fd stays the caller's.
 */
int mcnic_dma_map(struct mcnic_dma *d, int fd, const struct mcnic_sock_map *m,
		  char *err, size_t errlen);
/* Every window goes. */
void mcnic_dma_unmap(struct mcnic_dma *d);

/* Nonzero if [addr, addr + len) lies in one window. */
int mcnic_dma_valid(const struct mcnic_dma *d, u64 addr, u64 len);
/* 0 or -EFAULT (counted in faults). */
int mcnic_dma_read(struct mcnic_dma *d, u64 addr, void *buf, u32 len);
int mcnic_dma_write(struct mcnic_dma *d, u64 addr, const void *buf, u32 len);

#endif /* MCNIC_SIM_DMA_H */
