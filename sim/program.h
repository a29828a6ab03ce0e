/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The replay's NIC: a firmware instance in this process behind a libmcnic
 * handle, so a config reaches its tables the way it reaches a real NIC's
 * -- plan (host-lib/plan.c), mailbox batches, the command handler -- and
 * counters come back as STATS and PIPE_STATS answers.
 */
#ifndef MCNIC_SIM_PROGRAM_H
#define MCNIC_SIM_PROGRAM_H

#include <stddef.h>
#include "host-lib/mcnic.h"
#include "host-lib/config.h"
#include "dp/pipe.h"

/* The table sizes cfg needs (the flow cache and LPM are the caller's). */
void mcnic_program_limits(const struct mcnic_config *cfg,
			  struct mcnic_pipe_limits *lim);

/* A fresh NIC with these tables; 0 or -errno with a message in err. */
int mcnic_program_open(struct mcnic **h, const struct mcnic_pipe_limits *lim,
		       char *err, size_t errlen);
/* Its packet path.  h must come from mcnic_program_open(). */
struct mcnic_pipe *mcnic_program_pipe(struct mcnic *h);

/*
 * Bring the NIC to cfg (loaded from file) as `mcnicctl apply` would; a
 * refusal is in mcnic_errmsg(h) as "FILE:LINE:COL: object: why".
 */
int mcnic_program_apply(struct mcnic *h, const struct mcnic_config *cfg,
			const char *file);

#endif /* MCNIC_SIM_PROGRAM_H */
