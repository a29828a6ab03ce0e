// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Port back ends (simport.h): the ID=KIND:ARGS syntax and dispatch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simport.h"

static const struct mcnic_simport_ops *const simport_kinds[] = {
	&mcnic_port_udp_ops,
	&mcnic_port_tap_ops,
	&mcnic_port_pcap_ops,
};

int mcnic_simport_open(struct mcnic_simport *p, const char *spec, char *err,
		       size_t errlen)
{
	const char *eq = strchr(spec, '='), *colon;
	unsigned long id;
	unsigned int i;
	char *end;
	size_t kl;

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	p->spec = spec;
	id = strtoul(spec, &end, 10);
	if (!eq || end != eq || eq == spec || id > 0xffff) {
		snprintf(err, errlen, "--port %s: expected ID=KIND:ARGS with "
			 "a numeric port id", spec);
		return -EINVAL;
	}
	colon = strchr(eq + 1, ':');
	if (!colon) {
		snprintf(err, errlen, "--port %s: expected KIND:ARGS after "
			 "'='", spec);
		return -EINVAL;
	}
	kl = colon - (eq + 1);
	p->id = id;
	for (i = 0; i < sizeof(simport_kinds) / sizeof(*simport_kinds); i++) {
		if (strlen(simport_kinds[i]->kind) != kl ||
		    strncmp(simport_kinds[i]->kind, eq + 1, kl))
			continue;
		p->ops = simport_kinds[i];
		return p->ops->open(p, colon + 1, err, errlen);
	}
	snprintf(err, errlen, "--port %s: kind '%.*s': expected udp, tap or "
		 "pcap", spec, (int)kl, eq + 1);
	return -EINVAL;
}

void mcnic_simport_close(struct mcnic_simport *p)
{
	if (p->ops)
		p->ops->close(p);
	p->ops = NULL;
}
