/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
#ifndef MCNIC_SIM_RUN_H
#define MCNIC_SIM_RUN_H

/* mcnic-sim run: the simulated NIC as a daemon. */
int mcnic_run_main(int argc, char **argv);

#endif /* MCNIC_SIM_RUN_H */
