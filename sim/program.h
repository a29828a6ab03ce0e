/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Programs a firmware pipeline from a loaded configuration, the way the
 * command handler will when the host sends the same objects, and keeps the
 * name <-> index maps the simulator needs to report counters by name.
 */
#ifndef MCNIC_SIM_PROGRAM_H
#define MCNIC_SIM_PROGRAM_H

#include <stddef.h>
#include "host-lib/config.h"
#include "dp/pipe.h"

/* Index plan: tunnel i is template i and next hop i; vport k (in ports[]
 * order) is next hop n_tunnels + k and, for routes straight to it, group
 * n_nhgs + k. */
struct mcnic_program {
	const struct mcnic_config *cfg;
	const char *file;
	u32 *vport_nh;		/* by port id; ~0 when not a vport */
};

/* 0, or -errno with "FILE:LINE:COL: object: why" in err. */
int mcnic_program_apply(struct mcnic_program *pr, struct mcnic_pipe *p,
			const struct mcnic_config *cfg, const char *file,
			char *err, size_t errlen);
void mcnic_program_fini(struct mcnic_program *pr);
/* The board limits a config needs at least (scaled by the caller). */
void mcnic_program_limits(const struct mcnic_config *cfg,
			  struct mcnic_pipe_limits *lim);

#endif /* MCNIC_SIM_PROGRAM_H */
