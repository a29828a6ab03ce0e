// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnicctl: program and read an mcnic NIC from the shell.  Global options
 * come first (-d DEV, --json), then a subcommand and its arguments.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static const struct ctl_cmd ctl_cmds[] = {
	{ "info", ctl_info_run, ctl_info_help, "board, firmware, uptime" },
	{ "caps", ctl_caps_run, ctl_caps_help,
	  "capabilities: tables, features" },
	{ "apply", ctl_apply_run, ctl_apply_help,
	  "make the device hold what a config file says" },
	{ "vrf", ctl_table_run, ctl_table_help, "VRFs: add, del, show" },
	{ "vtep", ctl_table_run, ctl_table_help, "local VTEPs" },
	{ "vni", ctl_table_run, ctl_table_help, "VNIs and their VRFs" },
	{ "peer", ctl_table_run, ctl_table_help, "remote VTEPs per VNI" },
	{ "tunnel", ctl_table_run, ctl_table_help, "encap templates" },
	{ "nexthop", ctl_table_run, ctl_table_help, "next hops" },
	{ "group", ctl_table_run, ctl_table_help, "next-hop groups" },
	{ "route", ctl_table_run, ctl_table_help, "routes" },
	{ "rule", ctl_table_run, ctl_table_help, "policy rules" },
	{ "port", ctl_table_run, ctl_table_help, "ports: set, show" },
	{ "stats", ctl_stats_run, ctl_stats_help, "counters, once or watched" },
	{ "flows", ctl_flows_run, ctl_flows_help, "the flow cache" },
	{ "flash", ctl_flash_run, ctl_flash_help, "write a firmware image" },
	{ "reset", ctl_reset_run, ctl_reset_help,
	  "clear every table and counter" },
	{ "heartbeat", ctl_heartbeat_run, ctl_heartbeat_help,
	  "is the firmware alive" },
};

#define CTL_N_CMDS	(sizeof(ctl_cmds) / sizeof(ctl_cmds[0]))

const struct ctl_cmd *ctl_find(const char *name)
{
	size_t i;

	for (i = 0; i < CTL_N_CMDS; i++)
		if (!strcmp(ctl_cmds[i].name, name))
			return &ctl_cmds[i];
	return NULL;
}

static void ctl_help(FILE *f)
{
	size_t i;

	fprintf(f,
"NAME\n"
"    mcnicctl - program and read an mcnic SmartNIC\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] [--json] COMMAND [ARGS...]\n"
"    mcnicctl COMMAND --help\n\n"
"DESCRIPTION\n"
"    Talks to one NIC through its command mailbox (libmcnic).  DEV is\n"
"    sim:PATH (mcnic-sim run --socket PATH), mcnicN (kernel driver) or a\n"
"    PCI address DDDD:BB:DD.F.  docs/mcnicctl.md has the whole reference.\n\n"
"COMMANDS\n");
	for (i = 0; i < CTL_N_CMDS; i++)
		fprintf(f, "    %-10s %s\n", ctl_cmds[i].name, ctl_cmds[i].summary);
	fprintf(f,
"\nOPTIONS\n"
"    -d, --device DEV   the NIC (default: $MCNIC_DEVICE)\n"
"    --json             machine-readable output (info, caps, show, stats,\n"
"                       flows)\n"
"    -h, --help         this text\n\n"
"EXIT STATUS\n"
"    0 success; 1 the device refused or an error (message on stderr);\n"
"    2 usage error.\n\n"
"EXAMPLES\n"
"    mcnic-sim run --socket /tmp/nic.sock &\n"
"    export MCNIC_DEVICE=sim:/tmp/nic.sock\n"
"    mcnicctl apply --dry-run examples/multicloud.yaml\n"
"    mcnicctl apply examples/multicloud.yaml\n"
"    mcnicctl route show\n"
"    mcnicctl stats watch --interval 1\n");
}

int ctl_open(struct ctl *c)
{
	if (mcnic_open(&c->h, c->dev)) {
		fprintf(stderr, "mcnicctl: %s\n", mcnic_errmsg(NULL));
		return CTL_ERR;
	}
	return CTL_OK;
}

int ctl_fail(struct ctl *c, const char *what)
{
	fprintf(stderr, "mcnicctl: %s%s%s\n", what ? what : "",
		what ? ": " : "", mcnic_errmsg(c->h));
	return CTL_ERR;
}

int ctl_usage(const struct ctl_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	const char *name = cmd ? cmd->name : "";

	fprintf(stderr, "mcnicctl%s%s: ", cmd ? " " : "", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (mcnicctl%s%s --help)\n", cmd ? " " : "", name);
	return CTL_USAGE;
}

int ctl_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/* --json may also come after the subcommand: take it out of argv. */
static int ctl_take_json(int argc, char **argv, int *json)
{
	int i, k = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			*json = 1;
		else
			argv[k++] = argv[i];
	}
	return k;
}

static int ctl_global(struct ctl *c, int argc, char **argv, int *i)
{
	for (*i = 1; *i < argc && argv[*i][0] == '-'; (*i)++) {
		const char *a = argv[*i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			ctl_help(stdout);
			return -1;
		} else if (!strcmp(a, "--json")) {
			c->json = 1;
		} else if (!strcmp(a, "-d") || !strcmp(a, "--device")) {
			if (++*i == argc)
				return ctl_usage(NULL, "%s needs a device", a);
			c->dev = argv[*i];
		} else if (!strncmp(a, "--device=", 9)) {
			c->dev = a + 9;
		} else {
			return ctl_usage(NULL, "unknown option %s", a);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ctl c = { .dev = getenv("MCNIC_DEVICE") };
	const struct ctl_cmd *cmd;
	int i, r;

	r = ctl_global(&c, argc, argv, &i);
	if (r)
		return r < 0 ? CTL_OK : r;
	if (i == argc) {
		ctl_help(stderr);
		return CTL_USAGE;
	}
	cmd = ctl_find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "mcnicctl: unknown command '%s' (mcnicctl --help)\n",
			argv[i]);
		return CTL_USAGE;
	}
	argc = ctl_take_json(argc - i, argv + i, &c.json);
	argv += i;
	if (ctl_wants_help(argc, argv)) {
		cmd->help(stdout, cmd->name);
		return CTL_OK;
	}
	r = cmd->run(&c, argc, argv);
	mcnic_close(c.h);
	return r;
}
