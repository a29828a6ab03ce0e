// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * A pcap port back end: IN's frames arrive once, at start; what leaves
 * the port is appended to OUT (flushed when the daemon goes idle and at
 * exit).  Either file may be left out: pcap:IN, pcap::OUT.  A damaged IN
 * (truncated, corrupt) delivers the frames before the damage and says
 * so in the log.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "log.h"
#include "simport.h"

struct pcap_port {
	pcap_t *in;
	char *in_file;
	pcap_t *dead;
	pcap_dumper_t *out;
	int dirty;
};

static int pcap_port_in(struct mcnic_simport *p, struct pcap_port *pp,
			const char *file, char *err, size_t errlen)
{
	char eb[PCAP_ERRBUF_SIZE];

	pp->in_file = strdup(file);
	pp->in = pp->in_file ? pcap_open_offline(file, eb) : NULL;
	if (!pp->in_file) {
		snprintf(err, errlen, "--port %s: out of memory", p->spec);
		return -ENOMEM;
	}
	if (!pp->in) {
		snprintf(err, errlen, "--port %s: %s", p->spec, eb);
		return -EINVAL;
	}
	if (pcap_datalink(pp->in) != DLT_EN10MB) {
		snprintf(err, errlen, "--port %s: %s: not Ethernet (link type "
			 "%d)", p->spec, file, pcap_datalink(pp->in));
		return -EINVAL;
	}
	return 0;
}

static int pcap_port_out(struct mcnic_simport *p, struct pcap_port *pp,
			 const char *file, char *err, size_t errlen)
{
	pp->dead = pcap_open_dead(DLT_EN10MB, 65535);
	pp->out = pp->dead ? pcap_dump_open(pp->dead, file) : NULL;
	if (!pp->out) {
		snprintf(err, errlen, "--port %s: %s", p->spec,
			 pp->dead ? pcap_geterr(pp->dead) : "out of memory");
		return -EIO;
	}
	return 0;
}

static void pcap_port_close(struct mcnic_simport *p)
{
	struct pcap_port *pp = p->priv;

	if (!pp)
		return;
	if (pp->in)
		pcap_close(pp->in);
	if (pp->out)
		pcap_dump_close(pp->out);
	if (pp->dead)
		pcap_close(pp->dead);
	free(pp->in_file);
	free(pp);
	p->priv = NULL;
}

static int pcap_port_open(struct mcnic_simport *p, const char *arg, char *err,
			  size_t errlen)
{
	const char *colon = strchr(arg, ':');
	size_t il = colon ? (size_t)(colon - arg) : strlen(arg);
	struct pcap_port *pp;
	char *in;
	int r = 0;

	if (!il && (!colon || !colon[1])) {
		snprintf(err, errlen, "--port %s: expected pcap:IN.pcap, "
			 "pcap:IN.pcap:OUT.pcap or pcap::OUT.pcap", p->spec);
		return -EINVAL;
	}
	pp = calloc(1, sizeof(*pp));
	in = strndup(arg, il);
	p->priv = pp;
	if (!pp || !in)
		r = -ENOMEM;
	if (!r && il)
		r = pcap_port_in(p, pp, in, err, errlen);
	if (!r && colon && colon[1])
		r = pcap_port_out(p, pp, colon + 1, err, errlen);
	free(in);
	if (r)
		pcap_port_close(p);
	return r;
}

static int pcap_port_recv(struct mcnic_simport *p, u8 *buf, u32 max)
{
	struct pcap_port *pp = p->priv;
	struct pcap_pkthdr *h;
	const u_char *data;
	int r;

	if (!pp->in)
		return 0;
	r = pcap_next_ex(pp->in, &h, &data);
	if (r == PCAP_ERROR) {
		mcnic_log("port %u: %s: %s; no more frames read from it",
			  p->id, pp->in_file, pcap_geterr(pp->in));
		pcap_close(pp->in);
		pp->in = NULL;
		return -EIO;
	}
	if (r != 1)
		return 0;
	if (h->caplen > max)
		return -EMSGSIZE;
	memcpy(buf, data, h->caplen);
	return h->caplen;
}

static int pcap_port_send(struct mcnic_simport *p, const u8 *frame, u32 len)
{
	struct pcap_port *pp = p->priv;
	struct pcap_pkthdr h;

	if (!pp->out)
		return -ENOTCONN;
	gettimeofday(&h.ts, NULL);
	h.caplen = len;
	h.len = len;
	pcap_dump((u_char *)pp->out, &h, frame);
	pp->dirty = 1;
	return 0;
}

static void pcap_port_flush(struct mcnic_simport *p)
{
	struct pcap_port *pp = p->priv;

	if (pp->dirty)
		pcap_dump_flush(pp->out);
	pp->dirty = 0;
}

const struct mcnic_simport_ops mcnic_port_pcap_ops = {
	.kind = "pcap",
	.open = pcap_port_open,
	.recv = pcap_port_recv,
	.send = pcap_port_send,
	.flush = pcap_port_flush,
	.close = pcap_port_close,
};
