/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
#ifndef MCNIC_SIM_REPLAY_H
#define MCNIC_SIM_REPLAY_H

#include <stdio.h>
#include "host-lib/mcnic.h"
#include "host-lib/config.h"
#include "dp/pipe.h"

int mcnic_replay_main(int argc, char **argv);
/* The counters of the NIC behind h, named after cfg (report.c). */
int mcnic_replay_report(FILE *f, struct mcnic *h,
			const struct mcnic_config *cfg, int json);

#endif /* MCNIC_SIM_REPLAY_H */
