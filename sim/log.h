/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The daemon's log: one timestamped line per event (start-up, clients,
 * refused commands, flash, shutdown), to a file or stderr.
 */
#ifndef MCNIC_SIM_LOG_H
#define MCNIC_SIM_LOG_H

/* path NULL: stderr.  Returns 0 or -errno. */
int mcnic_log_open(const char *path, const char *name);
void mcnic_log_close(void);
void mcnic_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* MCNIC_SIM_LOG_H */
