/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
#ifndef MCNIC_SELFTEST_H
#define MCNIC_SELFTEST_H

/* Returns 0, or a bit per tunnel type (vxlan, geneve, gre) that failed. */
int mcnic_selftest_run(void);

#endif /* MCNIC_SELFTEST_H */
