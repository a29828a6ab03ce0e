// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Native sink for the vector runner: every frame mcnic_encap produces goes
 * into a pcap (pcap_open_dead + pcap_dump) so tshark can dissect our output,
 * and one line per frame into a manifest ("number tunnel-type dport name")
 * so the checker knows, from the vector's config rather than from the frame,
 * which tunnel each frame must show and on which UDP port.
 * Usage: vectors-pcap OUT.pcap OUT.manifest
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "vectors.h"

static pcap_t *oracle_pcap;
static pcap_dumper_t *oracle_dumper;
static FILE *oracle_manifest;
static unsigned int oracle_frames;

int oracle_sink_open(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s OUT.pcap OUT.manifest\n", argv[0]);
		return -1;
	}
	oracle_pcap = pcap_open_dead(DLT_EN10MB, 65535);
	if (!oracle_pcap)
		return -1;
	oracle_dumper = pcap_dump_open(oracle_pcap, argv[1]);
	if (!oracle_dumper) {
		fprintf(stderr, "%s: %s\n", argv[1], pcap_geterr(oracle_pcap));
		return -1;
	}
	oracle_manifest = fopen(argv[2], "w");
	if (!oracle_manifest) {
		perror(argv[2]);
		return -1;
	}
	return 0;
}

void oracle_sink_frame(const struct oracle_encap_vec *v, const u8 *frame,
		       u16 len)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	/* One frame a second: stable timestamps, easy to find by number. */
	h.ts.tv_sec = ++oracle_frames;
	h.caplen = len;
	h.len = len;
	pcap_dump((u_char *)oracle_dumper, &h, frame);
	fprintf(oracle_manifest, "%u %u %u %s\n", oracle_frames, v->cfg.type,
		v->cfg.dport, v->name);
}

int oracle_sink_close(void)
{
	int bad = 0;

	if (pcap_dump_flush(oracle_dumper))
		bad = -1;
	pcap_dump_close(oracle_dumper);
	pcap_close(oracle_pcap);
	if (fclose(oracle_manifest))
		bad = -1;
	return bad;
}
