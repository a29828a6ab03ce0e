/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * mcnicctl's pieces: one file per group of subcommands, each with its own
 * man-style --help.  They use only libmcnic's public API (<mcnic.h>).
 */
#ifndef MCNIC_CTL_H
#define MCNIC_CTL_H

#include <stdio.h>
#include "mcnic.h"

/* Exit status: the same for every subcommand. */
#define CTL_OK		0
#define CTL_ERR		1	/* the device refused, or an error */
#define CTL_USAGE	2

struct ctl {
	const char *dev;	/* -d DEV, or $MCNIC_DEVICE */
	int json;
	struct mcnic *h;	/* opened by ctl_open */
};

/* A subcommand: argv[0] is its name. */
struct ctl_cmd {
	const char *name;
	int (*run)(struct ctl *c, int argc, char **argv);
	void (*help)(FILE *f, const char *name);
	const char *summary;
};

int ctl_open(struct ctl *c);
int ctl_fail(struct ctl *c, const char *what);
int ctl_usage(const struct ctl_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ctl_wants_help(int argc, char **argv);
const struct ctl_cmd *ctl_find(const char *name);

int ctl_info_run(struct ctl *c, int argc, char **argv);
int ctl_caps_run(struct ctl *c, int argc, char **argv);
int ctl_heartbeat_run(struct ctl *c, int argc, char **argv);
int ctl_reset_run(struct ctl *c, int argc, char **argv);
void ctl_info_help(FILE *f, const char *name);
void ctl_caps_help(FILE *f, const char *name);
void ctl_heartbeat_help(FILE *f, const char *name);
void ctl_reset_help(FILE *f, const char *name);

int ctl_table_run(struct ctl *c, int argc, char **argv);
void ctl_table_help(FILE *f, const char *name);

int ctl_apply_run(struct ctl *c, int argc, char **argv);
void ctl_apply_help(FILE *f, const char *name);

int ctl_stats_run(struct ctl *c, int argc, char **argv);
void ctl_stats_help(FILE *f, const char *name);

int ctl_flows_run(struct ctl *c, int argc, char **argv);
void ctl_flows_help(FILE *f, const char *name);

int ctl_flash_run(struct ctl *c, int argc, char **argv);
void ctl_flash_help(FILE *f, const char *name);

#endif /* MCNIC_CTL_H */
