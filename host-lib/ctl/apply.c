// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* mcnicctl apply: a config file, as a plan, as one transaction. */
#include <string.h>

#include "ctl.h"

void ctl_apply_help(FILE *f, const char *name)
{
	fprintf(f,
"NAME\n"
"    mcnicctl apply - make the device hold what a config file says\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] apply FILE [--dry-run]\n\n"
"DESCRIPTION\n"
"    Loads the YAML config FILE (docs/config.md), reads every table of\n"
"    the device and prints the plan: each object to add (+), change (~)\n"
"    or remove (-), with the FILE:LINE:COL it comes from, and a count\n"
"    per object type.  Then applies it make before break: VRFs, ports,\n"
"    VTEPs, VNIs, peers, templates, next hops, groups, routes and rules\n"
"    are added or changed first, and what the file no longer names is\n"
"    removed afterwards, in reverse order.  A rule that changed is\n"
"    removed and added again.\n\n"
"    It is one transaction: if the device refuses a batch, the batches\n"
"    already applied are undone, the device holds what it held before,\n"
"    and the error names the FILE:LINE:COL of the refused object.\n"
"    Applying the same file again changes nothing.\n\n"
"OPTIONS\n"
"    --dry-run    print the plan, change nothing\n"
"    -h, --help   this text\n\n"
"EXIT STATUS\n"
"    0 applied (or nothing to do); 1 the config is invalid, the device\n"
"    refused (nothing changed) or another error; 2 usage error.\n\n"
"EXAMPLES\n"
"    mcnicctl -d sim:/tmp/nic.sock apply --dry-run examples/multicloud.yaml\n"
"    mcnicctl -d sim:/tmp/nic.sock apply examples/multicloud.yaml\n");
}

static const char ctl_change_mark[] = { '+', '~', '-' };

static void ctl_apply_print(const struct mcnic_plan *p,
			    unsigned int count[][3])
{
	struct mcnic_plan_op op;
	char line[1024], old[1024];
	unsigned int i;

	for (i = 0; i < mcnic_plan_ops(p); i++) {
		mcnic_plan_op(p, i, &op);
		if (op.removal_half)
			continue;	/* shown once, as its add */
		count[op.obj][op.change]++;
		mcnic_obj_format(op.obj, op.new ? op.new : op.old, 0, line,
				 sizeof(line));
		printf("  %c %s %s", ctl_change_mark[op.change],
		       mcnic_obj_name(op.obj), line);
		if (op.change == MCNIC_CHANGE_MODIFY) {
			mcnic_obj_format(op.obj, op.old, 0, old, sizeof(old));
			printf("  (was: %s)", old);
		}
		printf("%s%s%s\n", op.where[0] ? "  [" : "", op.where,
		       op.where[0] ? "]" : "");
	}
}

static void ctl_apply_summary(const struct mcnic_plan *p,
			      unsigned int count[][3])
{
	unsigned int obj, t[3] = { 0, 0, 0 }, k;

	for (obj = 1; obj <= MCNIC_OBJ_PARSE; obj++) {
		if (!count[obj][0] && !count[obj][1] && !count[obj][2])
			continue;
		printf("  %-8s %u to add, %u to change, %u to remove\n",
		       mcnic_obj_name(obj), count[obj][0], count[obj][1],
		       count[obj][2]);
		for (k = 0; k < 3; k++)
			t[k] += count[obj][k];
	}
	printf("plan: %u to add, %u to change, %u to remove in %u batches\n",
	       t[0], t[1], t[2], mcnic_plan_batches(p));
}

int ctl_apply_run(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = ctl_find("apply");
	unsigned int count[MCNIC_OBJ_PARSE + 1][3];
	const char *file = NULL;
	struct mcnic_plan *p;
	int dry = 0, i, r;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run"))
			dry = 1;
		else if (argv[i][0] == '-' || file)
			return ctl_usage(cmd, "unexpected '%s'", argv[i]);
		else
			file = argv[i];
	}
	if (!file)
		return ctl_usage(cmd, "which config file?");
	if (ctl_open(c))
		return CTL_ERR;
	if (mcnic_plan_file(c->h, file, &p))
		return ctl_fail(c, NULL);
	memset(count, 0, sizeof(count));
	if (!mcnic_plan_ops(p)) {
		printf("%s: no changes: the device already holds it\n", file);
		mcnic_plan_free(p);
		return CTL_OK;
	}
	ctl_apply_print(p, count);
	ctl_apply_summary(p, count);
	r = dry ? 0 : mcnic_plan_apply(c->h, p);
	mcnic_plan_free(p);
	if (r)
		return ctl_fail(c, "apply");
	printf(dry ? "dry run: nothing applied\n" : "applied\n");
	return CTL_OK;
}
