/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
#ifndef MCNIC_SELFTEST_H
#define MCNIC_SELFTEST_H

#include <mcnic/tunnel.h>

/* Returns 0, or a bit per tunnel type (vxlan, geneve, gre) that failed. */
int mcnic_selftest_run(void);
/* The pipeline's tables and paths (pipetest.c): 0 or -1. */
int mcnic_pipetest_run(void);
/* The command handler, programmed by mailbox messages (mboxtest.c). */
int mcnic_mboxtest_run(void);

/* Shared by both: the test frame and a tunnel to 192.0.2.2. */
extern const u8 mcnic_selftest_frame[];
extern const u16 mcnic_selftest_frame_len;
void mcnic_selftest_tunnel_cfg(struct mcnic_tunnel_cfg *c, u8 type);

#endif /* MCNIC_SELFTEST_H */
