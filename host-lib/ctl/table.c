// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnicctl OBJ add|del|show for every table: the keys are the fields
 * libmcnic describes (mcnic_obj_usage), and show prints the same keys, so
 * a shown line can be pasted back after "add".
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static const struct {
	const char *obj;
	const char *what;
	const char *example;
} ctl_table_docs[] = {
	{ "vrf", "VRFs (tenants) and their default policy action",
	  "vrf add id 3 default deny" },
	{ "vtep", "tunnel endpoints this NIC terminates",
	  "vtep add addr 192.0.2.1 type vxlan port 4789" },
	{ "vni", "VNIs this NIC accepts, each mapped to a VRF",
	  "vni add vni 3001 vrf 3" },
	{ "peer", "remote VTEPs allowed to send a VNI (anti-spoofing)",
	  "peer add vni 3001 addr 198.51.100.9" },
	{ "tunnel", "encap templates (the firmware builds the headers)",
	  "tunnel add index 7 type vxlan local 192.0.2.1 remote 198.51.100.9 vni 3001 dport 4789 smac 02:00:0a:00:00:01 dmac 02:00:0a:00:00:fe" },
	{ "nexthop", "next hops: a tunnel out of an uplink, or a host vport",
	  "nexthop add index 7 kind tunnel port 0 tunnel 7" },
	{ "group", "next-hop groups: weighted ECMP members, ordered backups",
	  "group add index 9 members 7:3,8:1 backups 2" },
	{ "route", "routes: a prefix in a VRF to a group, or a blackhole",
	  "route add vrf 3 prefix 10.9.0.0/16 group 9" },
	{ "rule", "policy rules per VRF (lowest priority value wins)",
	  "rule add vrf 3 id 40 priority 10 action allow egress proto 6 dport 443 count" },
	{ "port", "ports: uplinks and host vports (set, never deleted)",
	  "port add id 19 kind vport mtu 1450 vrf 3 queues 2" },
};

static const char *ctl_table_doc(const char *obj, int example)
{
	size_t i;

	for (i = 0; i < sizeof(ctl_table_docs) / sizeof(ctl_table_docs[0]); i++)
		if (!strcmp(ctl_table_docs[i].obj, obj))
			return example ? ctl_table_docs[i].example :
					 ctl_table_docs[i].what;
	return "";
}

void ctl_table_help(FILE *f, const char *name)
{
	int obj = mcnic_obj_lookup(name);
	int nh = obj == MCNIC_OBJ_NH;
	char usage[1024];

	mcnic_obj_usage(obj, usage, sizeof(usage));
	fprintf(f,
"NAME\n"
"    mcnicctl %s - %s\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] %s add KEY VALUE...\n"
"    mcnicctl [-d DEV] %s del KEY VALUE...\n"
"    mcnicctl [-d DEV] %s show [--json]\n%s\n"
"DESCRIPTION\n"
"    add writes one entry (adding it, or changing the entry with the\n"
"    same identity where the device allows); del removes the entry the\n"
"    identifying keys name; show lists every entry the device holds, one\n"
"    per line in the same KEY VALUE form add takes.  The keys:\n\n"
"        %s\n\n"
"    Keys without brackets identify the entry (del needs only those);\n"
"    [flag] keys take no value.  The device checks every value and a\n"
"    refusal names the field, e.g. \"route.len=33: ...\".\n%s\n"
"OPTIONS\n"
"    --json     show: one JSON array of objects\n"
"    -h, --help this text\n\n"
"EXIT STATUS\n"
"    0 done; 1 the device refused (nothing changed) or another error;\n"
"    2 usage error (unknown key, bad value).\n\n"
"EXAMPLES\n"
"    mcnicctl %s\n"
"    mcnicctl %s show --json\n",
		name, ctl_table_doc(name, 0), name, name, name,
		nh ? "    mcnicctl [-d DEV] nexthop down|up INDEX\n" : "", usage,
		nh ? "\n    down and up mark a next hop failed or back in service\n"
		     "    without rewriting it: groups move its flows to the other\n"
		     "    members, or to their backups when no member is left.\n"
		   : "",
		ctl_table_doc(name, 1), name);
}

static int ctl_table_show(struct ctl *c, int obj)
{
	size_t size = mcnic_obj_size(obj);
	char line[1024];
	unsigned int n, i;
	u8 *e;

	if (mcnic_obj_dump(c->h, obj, (void **)&e, &n))
		return ctl_fail(c, NULL);
	if (c->json)
		printf("[");
	for (i = 0; i < n; i++) {
		mcnic_obj_format(obj, e + i * size, c->json, line,
				 sizeof(line));
		if (c->json)
			printf("%s\n  %s", i ? "," : "", line);
		else
			printf("%s\n", line);
	}
	if (c->json)
		printf("%s]\n", n ? "\n" : "");
	free(e);
	return CTL_OK;
}

static int ctl_table_write(struct ctl *c, const struct ctl_cmd *cmd, int obj,
			   int del, int argc, char **argv)
{
	u8 e[512];
	char err[1024];

	if (mcnic_obj_size(obj) > sizeof(e))
		return CTL_ERR;
	if (mcnic_obj_parse(obj, argc, argv, e, err, sizeof(err)))
		return ctl_usage(cmd, "%s", err);
	if (ctl_open(c))
		return CTL_ERR;
	if (mcnic_obj_write(c->h, obj, del, e, 1))
		return ctl_fail(c, NULL);
	return CTL_OK;
}

/* nexthop down|up INDEX: the operator's failover switch (NH_STATE). */
static int ctl_table_nh_state(struct ctl *c, const struct ctl_cmd *cmd,
			      int down, int argc, char **argv)
{
	char *key[] = { "index", argv[2] }, err[256];
	struct mcnic_cmd_nh nh;

	if (argc != 3)
		return ctl_usage(cmd, "%s takes one next-hop index", argv[1]);
	/* The index reads like every other integer of the CLI. */
	if (mcnic_obj_parse(MCNIC_OBJ_NH, 2, key, &nh, err, sizeof(err)))
		return ctl_usage(cmd, "%s", err);
	if (ctl_open(c))
		return CTL_ERR;
	if (mcnic_nh_state(c->h, nh.idx, down))
		return ctl_fail(c, NULL);
	return CTL_OK;
}

int ctl_table_run(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = ctl_find(argv[0]);
	int obj = mcnic_obj_lookup(argv[0]);

	if (argc < 2)
		return ctl_usage(cmd, "add, del or show?");
	if (!strcmp(argv[1], "show")) {
		if (argc > 2)
			return ctl_usage(cmd, "show takes no arguments");
		return ctl_open(c) ? CTL_ERR : ctl_table_show(c, obj);
	}
	if (!strcmp(argv[1], "add") || !strcmp(argv[1], "set"))
		return ctl_table_write(c, cmd, obj, 0, argc - 2, argv + 2);
	if (!strcmp(argv[1], "del"))
		return ctl_table_write(c, cmd, obj, 1, argc - 2, argv + 2);
	if (obj == MCNIC_OBJ_NH &&
	    (!strcmp(argv[1], "down") || !strcmp(argv[1], "up")))
		return ctl_table_nh_state(c, cmd, argv[1][0] == 'd', argc, argv);
	return ctl_usage(cmd, "unknown action '%s'", argv[1]);
}
