// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* mcnicctl info, caps, heartbeat, reset: the device as a whole. */
#include <string.h>

#include "ctl.h"

static void ctl_dev_help(FILE *f, const char *name, const char *what,
			 const char *desc, int json)
{
	fprintf(f,
"NAME\n"
"    mcnicctl %s - %s\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] %s%s\n\n"
"DESCRIPTION\n"
"    %s\n\n"
"OPTIONS\n"
"%s"
"    -h, --help   this text\n\n"
"EXIT STATUS\n"
"    0 done; 1 the device refused or could not be reached; 2 usage error.\n\n"
"EXAMPLES\n"
"    mcnicctl -d sim:/tmp/nic.sock %s%s\n",
		name, what, name, json ? " [--json]" : "", desc,
		json ? "    --json       one JSON object\n" : "", name,
		json ? " --json" : "");
}

void ctl_info_help(FILE *f, const char *name)
{
	ctl_dev_help(f, name, "what the device is and runs",
		     "Prints the board model, the running firmware (version,\n"
		     "    build id, flash slot: none, null in JSON, for\n"
		     "    built-in firmware), the port count and the uptime\n"
		     "    (DEV_INFO).", 1);
}

void ctl_caps_help(FILE *f, const char *name)
{
	ctl_dev_help(f, name, "what the device can do",
		     "Prints the capability FDT (CAPS) parsed: model,\n"
		     "    firmware, ports, every table's size and the features.",
		     1);
}

void ctl_heartbeat_help(FILE *f, const char *name)
{
	ctl_dev_help(f, name, "is the firmware alive",
		     "Sends HEARTBEAT and prints the firmware's uptime, the\n"
		     "    heartbeats it answered and its boot count.", 1);
}

void ctl_reset_help(FILE *f, const char *name)
{
	ctl_dev_help(f, name, "clear every table and counter",
		     "Sends RESET: the device forgets every table entry,\n"
		     "    counter and cached flow.  The firmware keeps running.",
		     0);
}

static int ctl_noargs(struct ctl *c, int argc, char **argv)
{
	if (argc > 1)
		return ctl_usage(ctl_find(argv[0]), "unexpected '%s'", argv[1]);
	return ctl_open(c);
}

static void ctl_hex(char *out, const u8 *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* The flash slot the firmware came from; none: built in. */
static const char *ctl_slot_str(u8 slot, int json, char *buf, size_t len)
{
	if (slot == MCNIC_SLOT_NONE)
		return json ? "null" : "none";
	snprintf(buf, len, "%u", slot);
	return buf;
}

int ctl_info_run(struct ctl *c, int argc, char **argv)
{
	struct mcnic_cmd_info in;
	char id[41], slot[8];
	int r = ctl_noargs(c, argc, argv);

	if (r)
		return r;
	if (mcnic_info(c->h, &in))
		return ctl_fail(c, "info");
	ctl_hex(id, in.build_id, sizeof(in.build_id));
	if (c->json) {
		printf("{\"device\": ");
		mcnic_json_str(stdout, mcnic_dev_name(c->h));
		printf(", \"board\": ");
		mcnic_json_str(stdout, in.board);
		printf(", \"fw_version\": ");
		mcnic_json_str(stdout, in.fw_version);
		printf(", \"fw_version_code\": %u, \"build_id\": \"%s\", "
		       "\"ports\": %u, \"active_slot\": %s, \"caps_len\": %u, "
		       "\"uptime_ns\": %llu}\n", in.fw_version_code, id,
		       in.ports, ctl_slot_str(in.active_slot, 1, slot,
					      sizeof(slot)),
		       in.caps_len, (unsigned long long)in.uptime_ns);
		return CTL_OK;
	}
	printf("device       %s\nboard        %s\nfirmware     %s (build %s)\n"
	       "flash slot   %s\nports        %u\nuptime       %.3f s\n",
	       mcnic_dev_name(c->h), in.board, in.fw_version, id,
	       ctl_slot_str(in.active_slot, 0, slot, sizeof(slot)), in.ports,
	       in.uptime_ns / 1e9);
	return CTL_OK;
}

static void ctl_caps_json(const struct mcnic_caps *k)
{
	u32 i;

	printf("{\"model\": ");
	mcnic_json_str(stdout, k->model);
	printf(", \"fw_version\": ");
	mcnic_json_str(stdout, k->fw_version);
	printf(", \"fw_source\": ");
	mcnic_json_str(stdout, k->fw_source);
	printf(", \"ports\": %u, \"uplinks\": %u, \"vports\": %u, \"tables\": {",
	       k->ports, k->uplinks, k->vports);
	for (i = 0; i < k->n_tables; i++)
		printf("%s\"%s\": %u", i ? ", " : "", k->table[i].name,
		       k->table[i].size);
	printf("}, \"features\": [");
	for (i = 0; i < k->n_features; i++)
		printf("%s\"%s\"", i ? ", " : "", k->feature[i]);
	printf("]}\n");
}

int ctl_caps_run(struct ctl *c, int argc, char **argv)
{
	struct mcnic_caps k;
	u32 i;
	int r = ctl_noargs(c, argc, argv);

	if (r)
		return r;
	if (mcnic_caps(c->h, &k))
		return ctl_fail(c, "caps");
	if (c->json) {
		ctl_caps_json(&k);
		return CTL_OK;
	}
	printf("model        %s\nfirmware     %s (%s)\n"
	       "ports        %u (%u uplinks, %u vports)\ntables\n",
	       k.model, k.fw_version, k.fw_source, k.ports, k.uplinks,
	       k.vports);
	for (i = 0; i < k.n_tables; i++)
		printf("  %-16s %u\n", k.table[i].name, k.table[i].size);
	printf("features    ");
	for (i = 0; i < k.n_features; i++)
		printf(" %s", k.feature[i]);
	printf("\n");
	return CTL_OK;
}

int ctl_heartbeat_run(struct ctl *c, int argc, char **argv)
{
	struct mcnic_cmd_heartbeat hb;
	int r = ctl_noargs(c, argc, argv);

	if (r)
		return r;
	if (mcnic_heartbeat(c->h, &hb))
		return ctl_fail(c, "heartbeat");
	if (c->json)
		printf("{\"uptime_ns\": %llu, \"beats\": %u, \"boot_count\": %u}\n",
		       (unsigned long long)hb.uptime_ns, hb.beats,
		       hb.boot_count);
	else
		printf("alive: uptime %.3f s, %u heartbeats, boot %u\n",
		       hb.uptime_ns / 1e9, hb.beats, hb.boot_count);
	return CTL_OK;
}

int ctl_reset_run(struct ctl *c, int argc, char **argv)
{
	int r = ctl_noargs(c, argc, argv);

	if (r)
		return r;
	if (mcnic_reset(c->h))
		return ctl_fail(c, "reset");
	printf("reset: every table and counter cleared\n");
	return CTL_OK;
}
