// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* mcnicctl flows: the flow cache, one flow per line. */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

void ctl_flows_help(FILE *f, const char *name)
{
	fprintf(f,
"NAME\n"
"    mcnicctl flows - the flows the NIC has cached\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] flows [--json]\n"
"    mcnicctl [-d DEV] flows flush\n\n"
"DESCRIPTION\n"
"    Lists every cached flow: direction (egress from a host vport,\n"
"    ingress from an uplink), receiving port, zone (the VRF for egress,\n"
"    the VNI for ingress), protocol, addresses and ports; the action\n"
"    decided for it (drop and why, forward, encap with a template, decap\n"
"    to a vport queue, transit), the rule that decided, and its packets\n"
"    and bytes.  flush makes the NIC forget every cached flow.\n\n"
"OPTIONS\n"
"    --json       one JSON array of flows\n"
"    -h, --help   this text\n\n"
"EXIT STATUS\n"
"    0 done; 1 the device refused or could not be reached; 2 usage error.\n\n"
"EXAMPLES\n"
"    mcnicctl flows\n"
"    mcnicctl flows --json\n");
}

static const char *const ctl_act_names[] = {
	"drop", "forward", "encap", "decap", "transit",
};

static const char *ctl_act(u8 type)
{
	return type < sizeof(ctl_act_names) / sizeof(ctl_act_names[0]) ?
	       ctl_act_names[type] : "?";
}

static void ctl_flow_rule(const struct mcnic_cmd_flow *f, char *buf,
			  size_t len)
{
	if (f->act.rule == MCNIC_RULE_DEFAULT)
		snprintf(buf, len, "default");
	else
		snprintf(buf, len, "%u", f->act.rule);
}

static void ctl_flow_print(const struct mcnic_cmd_flow *f, int json,
			   int first)
{
	u8 fam = f->key.kind & MCNIC_FK_IPV6 ? 6 : 4;
	const char *dir = f->key.kind & MCNIC_FK_INGRESS ? "ingress" : "egress";
	char s[64], d[64], rule[16];

	mcnic_addr_str(fam, f->key.saddr, s, sizeof(s));
	mcnic_addr_str(fam, f->key.daddr, d, sizeof(d));
	ctl_flow_rule(f, rule, sizeof(rule));
	if (!json) {
		printf("%-7s port %-3u zone %-6u proto %-3u %s:%u -> %s:%u  %s",
		       dir, f->key.port, f->key.zone, f->key.proto, s,
		       f->key.sport, d, f->key.dport, ctl_act(f->act.type));
		if (f->act.type == MCNIC_ACT_DROP)
			printf(" (%s)", mcnic_drop_reason_name(f->act.drop_reason));
		else
			printf(" port %u tunnel %u queue %u", f->act.port,
			       f->act.tmpl, f->act.queue);
		printf("  rule %s  %llu packets %llu bytes\n", rule,
		       (unsigned long long)f->st.packets,
		       (unsigned long long)f->st.bytes);
		return;
	}
	printf("%s\n  {\"direction\": \"%s\", \"port\": %u, \"zone\": %u, "
	       "\"proto\": %u, \"src\": \"%s\", \"sport\": %u, \"dst\": \"%s\", "
	       "\"dport\": %u, \"action\": \"%s\", \"drop_reason\": ",
	       first ? "" : ",", dir, f->key.port, f->key.zone, f->key.proto,
	       s, f->key.sport, d, f->key.dport, ctl_act(f->act.type));
	if (f->act.type == MCNIC_ACT_DROP)
		mcnic_json_str(stdout,
			     mcnic_drop_reason_name(f->act.drop_reason));
	else
		printf("null");
	printf(", \"out_port\": %u, \"tunnel\": %u, \"queue\": %u, "
	       "\"rule\": \"%s\", \"packets\": %llu, \"bytes\": %llu}",
	       f->act.port, f->act.tmpl, f->act.queue, rule,
	       (unsigned long long)f->st.packets,
	       (unsigned long long)f->st.bytes);
}

int ctl_flows_run(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = ctl_find("flows");
	struct mcnic_cmd_flow *f;
	unsigned int n, i;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "flush")))
		return ctl_usage(cmd, "unexpected '%s'", argv[argc - 1]);
	if (ctl_open(c))
		return CTL_ERR;
	if (argc == 2) {
		if (mcnic_flow_flush(c->h))
			return ctl_fail(c, "flows flush");
		printf("flow cache flushed\n");
		return CTL_OK;
	}
	if (mcnic_flows(c->h, &f, &n))
		return ctl_fail(c, "flows");
	if (c->json)
		printf("[");
	for (i = 0; i < n; i++)
		ctl_flow_print(&f[i], c->json, !i);
	if (c->json)
		printf("%s]\n", n ? "\n" : "");
	else
		printf("%u flows\n", n);
	free(f);
	return CTL_OK;
}
