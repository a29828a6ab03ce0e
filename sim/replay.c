// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic-sim replay: captures in, through one simulated NIC programmed from
 * a config, captures out.  The config reaches the NIC as it reaches a real
 * one (program.h: plan, mailbox, command handler).  Packets from all
 * inputs are merged in timestamp order (ties keep the command line's
 * order) and take the firmware pipeline; what leaves a port goes to that
 * port's output capture.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hdl_engine.h"
#include "program.h"
#include "replay.h"

#define REPLAY_PORTS_MAX	64
#define REPLAY_FRAME_MAX	16384
#define REPLAY_BUF		(MCNIC_HEADROOM + REPLAY_FRAME_MAX)

struct replay_io {
	const char *spec;	/* PORT=FILE as given */
	const char *file;
	u16 port;
	pcap_t *pcap;
	pcap_dumper_t *dump;
	struct pcap_pkthdr *hdr;	/* the input's next packet, or NULL */
	const u8 *data;
};

struct replay {
	const char *config;
	struct replay_io in[REPLAY_PORTS_MAX];
	struct replay_io out[REPLAY_PORTS_MAX];
	unsigned int n_in, n_out;
	int json;
	int trace;
	u32 flows;
	enum { REPLAY_FW, REPLAY_HDL, REPLAY_BOTH } engine;
	struct mcnic_config *cfg;
	struct mcnic *nic;		/* the one whose output is written */
	struct mcnic_pipe *pipe;
	struct mcnic *nic_hdl;		/* --engine both: the HDL's NIC */
	struct mcnic_hdl_engine *hdl;
	pcap_t *dead;
	u8 buf[REPLAY_BUF] __attribute__((aligned(64)));
	u8 buf_hdl[REPLAY_BUF] __attribute__((aligned(64)));
	u64 n_packets, n_sent, n_dropped, n_too_long, n_truncated, n_diff;
};

static void replay_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-sim replay - run captures through a simulated NIC\n\n"
"SYNOPSIS\n"
"    mcnic-sim replay --config FILE --in PORT=IN.pcap ... [--out PORT=OUT.pcap ...]\n"
"                     [--json] [--trace] [--flows N] [--engine fw|hdl|both]\n\n"
"DESCRIPTION\n"
"    Programs one simulated NIC from the YAML config FILE (docs/config.md)\n"
"    the way `mcnicctl apply` programs a NIC: the same plan, sent as mailbox\n"
"    batches to the firmware's command handler.  It feeds the NIC the\n"
"    Ethernet frames of each IN.pcap as received on PORT, in timestamp\n"
"    order across all inputs, and writes every frame that leaves a port to\n"
"    that port's OUT.pcap.  Frames leaving a port with no --out are\n"
"    counted but not written.  PORT is a port name from the config (or its\n"
"    numeric id).  The firmware pipeline does the work: tunnel checks,\n"
"    decap, the flow cache, and on a miss VRF, policy, LPM route, next-hop\n"
"    group and encap template.\n\n"
"    At the end it prints the counters: per port, per tunnel, per peer, per\n"
"    counted policy rule (and each VRF's default), per drop reason, the\n"
"    flow cache's, and how full each table is.\n\n"
"OPTIONS\n"
"    --config FILE      the NIC's configuration (required)\n"
"    --in PORT=FILE     a capture received on PORT (repeatable, >= 1)\n"
"    --out PORT=FILE    write what leaves PORT to FILE (repeatable)\n"
"    --json             print the counters as one JSON object\n"
"    --trace            print one line per packet: its fate and why\n"
"    --flows N          flow cache capacity (default 65536)\n"
"    --engine E         which data plane runs the frames: fw, the firmware\n"
"                       pipeline (default); hdl, the Verilator model of the\n"
"                       HDL pipeline with the firmware serving its misses,\n"
"                       as on the NIC; both, the two side by side: every\n"
"                       frame whose fate, port, queue or bytes differ, and\n"
"                       any counter that differs, is reported (the outputs\n"
"                       written are the firmware's)\n"
"    -h, --help         this text\n\n"
"EXIT STATUS\n"
"    0 when every capture was read and written; 1 on a bad config (or one\n"
"    the NIC refuses: the message names FILE:LINE:COL of the object), a bad\n"
"    argument or an I/O error (nothing is written then), or when --engine\n"
"    both found a difference or the HDL model broke a stream rule; 2 on\n"
"    usage errors.\n");
}

static int replay_port_by_name(const struct replay *rp, const char *name,
			       u16 *id)
{
	char *end;
	unsigned long v;
	u32 i;

	for (i = 0; i < rp->cfg->n_ports; i++) {
		if (!strcmp(rp->cfg->ports[i].name, name)) {
			*id = rp->cfg->ports[i].id;
			return 0;
		}
	}
	v = strtoul(name, &end, 10);
	for (i = 0; *name && !*end && i < rp->cfg->n_ports; i++) {
		if (rp->cfg->ports[i].id == v) {
			*id = v;
			return 0;
		}
	}
	return -ENOENT;
}

static const char *replay_port_name(const struct mcnic_config *cfg, u16 id)
{
	u32 i;

	for (i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].id == id)
			return cfg->ports[i].name;
	return "?";
}

static int replay_split(struct replay *rp, struct replay_io *io)
{
	static char names[2 * REPLAY_PORTS_MAX][64];
	static unsigned int n_names;
	const char *eq = strchr(io->spec, '=');
	char *name;

	if (!eq || eq == io->spec || !eq[1] || eq - io->spec >= 64 ||
	    n_names >= 2 * REPLAY_PORTS_MAX) {
		fprintf(stderr, "mcnic-sim replay: '%s': expected PORT=FILE\n",
			io->spec);
		return -EINVAL;
	}
	name = names[n_names++];
	memcpy(name, io->spec, eq - io->spec);
	name[eq - io->spec] = 0;
	io->file = eq + 1;
	if (replay_port_by_name(rp, name, &io->port)) {
		fprintf(stderr, "mcnic-sim replay: '%s': no port '%s' in %s\n",
			io->spec, name, rp->config);
		return -ENOENT;
	}
	return 0;
}

static int replay_open(struct replay *rp)
{
	char eb[PCAP_ERRBUF_SIZE];
	unsigned int i;

	for (i = 0; i < rp->n_in; i++) {
		if (replay_split(rp, &rp->in[i]))
			return -1;
		rp->in[i].pcap = pcap_open_offline_with_tstamp_precision(
				rp->in[i].file, PCAP_TSTAMP_PRECISION_NANO, eb);
		if (!rp->in[i].pcap) {
			fprintf(stderr, "mcnic-sim replay: %s\n", eb);
			return -1;
		}
		if (pcap_datalink(rp->in[i].pcap) != DLT_EN10MB) {
			fprintf(stderr, "mcnic-sim replay: %s: not Ethernet "
				"(link type %d)\n", rp->in[i].file,
				pcap_datalink(rp->in[i].pcap));
			return -1;
		}
	}
	rp->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535,
						PCAP_TSTAMP_PRECISION_NANO);
	for (i = 0; i < rp->n_out; i++) {
		if (replay_split(rp, &rp->out[i]))
			return -1;
		rp->out[i].dump = pcap_dump_open(rp->dead, rp->out[i].file);
		if (!rp->out[i].dump) {
			fprintf(stderr, "mcnic-sim replay: %s\n",
				pcap_geterr(rp->dead));
			return -1;
		}
	}
	return 0;
}

static int replay_nic_one(struct replay *rp, struct mcnic **nic)
{
	struct mcnic_pipe_limits lim;
	char err[512];

	memset(&lim, 0, sizeof(lim));
	mcnic_program_limits(rp->cfg, &lim);
	lim.flows = rp->flows;
	lim.lpm4_root_bits = 16;
	lim.lpm4_prefixes = 65536;
	lim.lpm4_groups = 1024;
	lim.lpm6_root_bits = 16;
	lim.lpm6_prefixes = 16384;
	lim.lpm6_groups = 2048;
	if (mcnic_program_open(nic, &lim, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (mcnic_program_apply(*nic, rp->cfg, rp->config)) {
		fprintf(stderr, "%s\n", mcnic_errmsg(*nic));
		return -1;
	}
	return 0;
}

/*
 * The HDL is attached before the config is applied, so it follows every
 * table write the way it does on the NIC.
 */
static int replay_nic(struct replay *rp)
{
	struct mcnic **hnic = rp->engine == REPLAY_BOTH ? &rp->nic_hdl :
			      &rp->nic;
	char err[512];

	if (rp->engine != REPLAY_HDL && replay_nic_one(rp, &rp->nic))
		return -1;
	if (rp->engine != REPLAY_FW) {
		if (replay_nic_one(rp, hnic))
			return -1;
		rp->hdl = mcnic_hdl_engine_open(mcnic_program_pipe(*hnic),
						err, sizeof(err));
		if (!rp->hdl) {
			fprintf(stderr, "mcnic-sim replay: %s\n", err);
			return -1;
		}
	}
	rp->pipe = mcnic_program_pipe(rp->nic);
	return 0;
}

static void replay_next(struct replay_io *io)
{
	if (pcap_next_ex(io->pcap, &io->hdr, &io->data) != 1)
		io->hdr = NULL;
}

static int replay_before(const struct timeval *a, const struct timeval *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_usec < b->tv_usec);
}

static struct replay_io *replay_earliest(struct replay *rp)
{
	struct replay_io *best = NULL;
	unsigned int i;

	for (i = 0; i < rp->n_in; i++) {
		struct replay_io *io = &rp->in[i];

		if (!io->hdr)
			continue;
		if (!best || replay_before(&io->hdr->ts, &best->hdr->ts))
			best = io;
	}
	return best;
}

static void replay_emit(struct replay *rp, const struct pcap_pkthdr *ih,
			const struct mcnic_pkt *pkt, u16 port)
{
	struct pcap_pkthdr h = *ih;
	unsigned int i;

	h.caplen = pkt->len;
	h.len = pkt->len;
	for (i = 0; i < rp->n_out; i++)
		if (rp->out[i].port == port)
			pcap_dump((u_char *)rp->out[i].dump, &h,
				  mcnic_pkt_data(pkt));
}

static void replay_trace(const struct replay *rp, const struct replay_io *io,
			 const struct mcnic_pipe_out *o)
{
	const char *in = replay_port_name(rp->cfg, io->port);

	if (o->drop) {
		printf("%" PRIu64 " %s: drop %s (%s)", rp->n_packets, in,
		       mcnic_drop_sym(o->drop),
		       mcnic_drop_name(o->drop));
	} else {
		printf("%" PRIu64 " %s -> %s", rp->n_packets, in,
		       replay_port_name(rp->cfg, o->port));
		if (o->act == MCNIC_ACT_DECAP || o->act == MCNIC_ACT_FORWARD)
			printf(" queue %u", o->queue);
	}
	if (o->rule == MCNIC_RULE_DEFAULT)
		printf(" rule default\n");
	else if (o->rule)
		printf(" rule %u\n", o->rule);
	else
		printf("\n");
}

/* --engine both: the two engines' fates of one frame must agree. */
static void replay_compare(struct replay *rp, const struct replay_io *io,
			   const struct mcnic_pkt *a,
			   const struct mcnic_pipe_out *oa,
			   const struct mcnic_pkt *b,
			   const struct mcnic_pipe_out *ob)
{
	const char *what = NULL;

	if (oa->drop != ob->drop)
		what = "drop reason";
	else if (oa->act != ob->act || oa->rule != ob->rule)
		what = "action or rule";
	else if (!oa->drop && (oa->port != ob->port || oa->queue != ob->queue))
		what = "port or queue";
	else if (!oa->drop && (a->len != b->len ||
			       memcmp(mcnic_pkt_data(a), mcnic_pkt_data(b),
				      a->len)))
		what = "frame bytes";
	if (!what)
		return;
	if (rp->n_diff++ < 20)
		fprintf(stderr, "mcnic-sim replay: frame %" PRIu64 " on %s: "
			"%s differ: fw %s port %u queue %u len %u, hdl %s "
			"port %u queue %u len %u\n", rp->n_packets,
			replay_port_name(rp->cfg, io->port), what,
			mcnic_drop_sym(oa->drop), oa->port, oa->queue, a->len,
			mcnic_drop_sym(ob->drop), ob->port, ob->queue, b->len);
}

static enum mcnic_drop replay_exec(struct replay *rp,
				   const struct replay_io *io,
				   struct mcnic_pkt *pkt, u64 now,
				   struct mcnic_pipe_out *o)
{
	struct mcnic_pkt pb = { .buf = rp->buf_hdl, .size = REPLAY_BUF,
				.head = MCNIC_HEADROOM, .len = pkt->len };
	struct mcnic_pipe_out ob;
	enum mcnic_drop r;

	if (rp->engine == REPLAY_HDL)
		return mcnic_hdl_engine_rx(rp->hdl, io->port, pkt, now, o);
	if (rp->engine == REPLAY_BOTH)
		memcpy(mcnic_pkt_data(&pb), mcnic_pkt_data(pkt), pkt->len);
	r = mcnic_pipe_rx(rp->pipe, io->port, pkt, now, o);
	if (rp->engine == REPLAY_BOTH) {
		mcnic_hdl_engine_rx(rp->hdl, io->port, &pb, now, &ob);
		replay_compare(rp, io, pkt, o, &pb, &ob);
	}
	return r;
}

static void replay_one(struct replay *rp, struct replay_io *io)
{
	struct mcnic_pkt pkt = { .buf = rp->buf, .size = REPLAY_BUF,
				 .head = MCNIC_HEADROOM };
	const struct pcap_pkthdr *h = io->hdr;
	struct mcnic_pipe_out o;
	u64 now = (u64)h->ts.tv_sec * 1000000000ull + h->ts.tv_usec;

	rp->n_packets++;
	if (h->caplen > REPLAY_FRAME_MAX) {
		rp->n_too_long++;
		return;
	}
	if (h->caplen < h->len)
		rp->n_truncated++;
	memcpy(rp->buf + MCNIC_HEADROOM, io->data, h->caplen);
	pkt.len = h->caplen;
	if (replay_exec(rp, io, &pkt, now, &o)) {
		rp->n_dropped++;
	} else {
		rp->n_sent++;
		replay_emit(rp, h, &pkt, o.port);
	}
	if (rp->trace)
		replay_trace(rp, io, &o);
}

static void replay_run(struct replay *rp)
{
	struct replay_io *io;
	unsigned int i;

	for (i = 0; i < rp->n_in; i++)
		replay_next(&rp->in[i]);
	while ((io = replay_earliest(rp))) {
		replay_one(rp, io);
		replay_next(io);
	}
}

static void replay_close(struct replay *rp)
{
	unsigned int i;

	for (i = 0; i < rp->n_in; i++)
		if (rp->in[i].pcap)
			pcap_close(rp->in[i].pcap);
	for (i = 0; i < rp->n_out; i++)
		if (rp->out[i].dump)
			pcap_dump_close(rp->out[i].dump);
	if (rp->dead)
		pcap_close(rp->dead);
	mcnic_hdl_engine_close(rp->hdl);
	mcnic_close(rp->nic_hdl);
	mcnic_close(rp->nic);
	mcnic_config_free(rp->cfg);
}

static int replay_args(struct replay *rp, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "trace", no_argument, NULL, 't' },
		{ "flows", required_argument, NULL, 'f' },
		{ "engine", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	rp->flows = 65536;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': rp->config = optarg; break;
		case 'j': rp->json = 1; break;
		case 't': rp->trace = 1; break;
		case 'i':
			if (rp->n_in == REPLAY_PORTS_MAX)
				goto usage;
			rp->in[rp->n_in++].spec = optarg;
			break;
		case 'o':
			if (rp->n_out == REPLAY_PORTS_MAX)
				goto usage;
			rp->out[rp->n_out++].spec = optarg;
			break;
		case 'f':
			rp->flows = strtoul(optarg, &end, 0);
			if (*end || !rp->flows || rp->flows > (1u << 26))
				goto usage;
			break;
		case 'e':
			if (!strcmp(optarg, "fw"))
				rp->engine = REPLAY_FW;
			else if (!strcmp(optarg, "hdl"))
				rp->engine = REPLAY_HDL;
			else if (!strcmp(optarg, "both"))
				rp->engine = REPLAY_BOTH;
			else
				goto usage;
			break;
		case 'h':
			replay_usage(stdout);
			exit(0);
		default:
			goto usage;
		}
	}
	if (rp->config && rp->n_in && optind == argc)
		return 0;
usage:
	replay_usage(stderr);
	return -1;
}

/* The counters of a NIC as the report prints them, in memory. */
static char *replay_report_text(struct replay *rp, struct mcnic *nic)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	if (mcnic_replay_report(f, nic, rp->cfg, 1)) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

/* What the HDL did; with both engines, whether they disagreed. */
static int replay_hdl_check(struct replay *rp)
{
	struct mcnic_hdl_engine_stats st;
	const char *why = NULL;
	char *a = NULL, *b = NULL;
	u64 bad = mcnic_hdl_engine_violations(rp->hdl, &why);
	int rc = 0;

	mcnic_hdl_engine_stats(rp->hdl, &st);
	fprintf(stderr, "mcnic-sim replay: hdl: %" PRIu64 " frames executed "
		"by the HDL, %" PRIu64 " punted (%" PRIu64 " re-injected, %"
		PRIu64 " executed by the firmware), %" PRIu64 " flows "
		"offloaded, %" PRIu64 " cycles\n", st.hdl_executed, st.punted,
		st.reinjected, st.fw.executed, st.fw.offered, st.cycles);
	if (bad) {
		fprintf(stderr, "mcnic-sim replay: hdl: the model broke its "
			"contract %" PRIu64 " times: %s\n", bad, why);
		rc = -1;
	}
	if (rp->engine != REPLAY_BOTH)
		return rc;
	a = replay_report_text(rp, rp->nic);
	b = replay_report_text(rp, rp->nic_hdl);
	if (!a || !b || strcmp(a, b)) {
		fprintf(stderr, "mcnic-sim replay: the engines' counters "
			"differ\nfw:  %s\nhdl: %s\n", a ? a : "?", b ? b : "?");
		rc = -1;
	}
	if (rp->n_diff) {
		fprintf(stderr, "mcnic-sim replay: %" PRIu64 " frames differ "
			"between the engines\n", rp->n_diff);
		rc = -1;
	}
	if (!rc)
		fprintf(stderr, "mcnic-sim replay: both engines agree on all %"
			PRIu64 " frames and every counter\n", rp->n_packets);
	free(a);
	free(b);
	return rc;
}

int mcnic_replay_main(int argc, char **argv)
{
	struct replay *rp = calloc(1, sizeof(*rp));
	char err[512];
	int rc = 1;

	if (!rp)
		return 1;
	if (replay_args(rp, argc, argv)) {
		free(rp);
		return 2;
	}
	rp->cfg = mcnic_config_load_file(rp->config, err, sizeof(err));
	if (!rp->cfg) {
		fprintf(stderr, "%s\n", err);
		goto out;
	}
	if (replay_nic(rp) || replay_open(rp))
		goto out;
	replay_run(rp);
	if (rp->hdl)
		mcnic_hdl_engine_fold(rp->hdl);
	if (mcnic_replay_report(stdout, rp->nic, rp->cfg, rp->json)) {
		fprintf(stderr, "mcnic-sim replay: counters: %s\n",
			mcnic_errmsg(rp->nic));
		goto out;
	}
	fflush(stdout);
	if (rp->hdl && replay_hdl_check(rp))
		goto out;
	fprintf(stderr, "mcnic-sim replay: in %" PRIu64 ", out %" PRIu64
		", dropped %" PRIu64, rp->n_packets, rp->n_sent,
		rp->n_dropped);
	if (rp->n_too_long)
		fprintf(stderr, ", %" PRIu64 " over %u bytes skipped",
			rp->n_too_long, REPLAY_FRAME_MAX);
	if (rp->n_truncated)
		fprintf(stderr, ", %" PRIu64 " truncated by the capture",
			rp->n_truncated);
	fprintf(stderr, "\n");
	rc = 0;
out:
	replay_close(rp);
	free(rp);
	return rc;
}
