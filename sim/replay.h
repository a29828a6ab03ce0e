/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
#ifndef MCNIC_SIM_REPLAY_H
#define MCNIC_SIM_REPLAY_H

#include <stdio.h>
#include "host-lib/config.h"
#include "dp/pipe.h"

int mcnic_replay_main(int argc, char **argv);
const char *mcnic_replay_port_name(const struct mcnic_config *cfg, u16 id);
/* "POLICY_DENY" for MCNIC_DROP_POLICY_DENY: stable names for scripts. */
const char *mcnic_replay_drop_symbol(unsigned int reason);
void mcnic_replay_report_text(FILE *f, const struct mcnic_config *cfg,
			      const struct mcnic_pipe *p);
void mcnic_replay_report_json(FILE *f, const struct mcnic_config *cfg,
			      const struct mcnic_pipe *p);

#endif /* MCNIC_SIM_REPLAY_H */
