/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The daemon's log: one timestamped line per event (start-up, clients,
 * refused commands, flash, shutdown), to a file or stderr.
 */
#ifndef MCNIC_SIM_LOG_H
#define MCNIC_SIM_LOG_H

#include <mcnic/types.h>

/* Events of one kind logged in full; after that only every 1000th. */
#define MCNIC_LOG_BURST		20
#define MCNIC_LOG_EVERY		1000

/* path NULL: stderr.  Returns 0 or -errno. */
int mcnic_log_open(const char *path, const char *name);
void mcnic_log_close(void);
void mcnic_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * An event a client can cause at line rate (a refused command, a
 * malformed message): counts it in *count and logs it with the count
 * ("(what: N)") while it is among the first MCNIC_LOG_BURST, then every
 * MCNIC_LOG_EVERY-th, so a looping client cannot fill the disk.
 */
void mcnic_log_counted(u64 *count, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* MCNIC_SIM_LOG_H */
