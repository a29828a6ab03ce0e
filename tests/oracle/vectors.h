/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Independent-oracle test vectors: the tables tests/oracle/gen_vectors.py
 * writes into $(BUILD)/gen/vectors.c.  Every expected value in them comes
 * from scapy and from RFC rules written out in the generator, never from
 * the data plane under test.  The runner (vectors_run.c) is portable: the
 * same tables run natively and on the NIC cores under QEMU.
 */
#ifndef MCNIC_ORACLE_VECTORS_H
#define MCNIC_ORACLE_VECTORS_H

#include <mcnic/types.h>
#include <mcnic/drop.h>
#include <mcnic/meta.h>
#include <mcnic/tunnel.h>
#include <dp/dp.h>

/* Largest frame a vector holds (inner 1500 bytes plus outer headers). */
#define ORACLE_FRAME_MAX	2048

/* Which parts of an expected struct mcnic_pkt_meta a vector checks. */
#define ORACLE_CHK_OUTER	0x01	/* the outer struct mcnic_layer */
#define ORACLE_CHK_TUN		0x02	/* tun and, for a tunnel, its fields */
#define ORACLE_CHK_INNER	0x04	/* the inner struct mcnic_layer */
#define ORACLE_CHK_TUN_PROTO	0x08	/* GENEVE/GRE protocol type */

/* Encap: tunnel config + inner frame -> full output frame or a drop. */
struct oracle_encap_vec {
	const char *name;
	const u8 *in;
	const u8 *out;
	struct mcnic_tunnel_cfg cfg;
	u32 hash;		/* flow hash of the inner frame (CRC32C rule) */
	u16 in_len;
	u16 out_len;
	u16 ip_id;		/* the ip_id argument of mcnic_encap */
	u16 inner_mtu;		/* when result is TOO_BIG and check_mtu */
	u8 result;		/* enum mcnic_drop */
	u8 check_mtu;
};

/* Parse: packet -> drop reason, or the metadata a receiver must see. */
struct oracle_parse_vec {
	const char *name;
	const u8 *pkt;
	struct mcnic_parse_cfg pcfg;
	struct mcnic_pkt_meta meta;	/* checked per check when result is 0 */
	u16 len;
	u8 result;
	u8 check;		/* ORACLE_CHK_* */
	u8 err_inner;		/* for a drop: in the inner frame? */
};

/* Decap: tunnel packet -> metadata, then inner frame or a drop. */
struct oracle_decap_vec {
	const char *name;
	const u8 *pkt;
	const u8 *out;
	struct mcnic_parse_cfg pcfg;
	struct mcnic_decap_cfg dcfg;
	struct mcnic_pkt_meta meta;	/* the parse must succeed with this */
	u16 len;
	u16 out_len;
	u8 result;		/* of mcnic_decap (or of the parse that refused it) */
	u8 check;		/* ORACLE_CHK_* */
};

extern const struct oracle_encap_vec oracle_encap_vecs[];
extern const unsigned int oracle_encap_count;
extern const struct oracle_parse_vec oracle_parse_vecs[];
extern const unsigned int oracle_parse_count;
extern const struct oracle_decap_vec oracle_decap_vecs[];
extern const unsigned int oracle_decap_count;

/*
 * Where the runner hands every frame mcnic_encap produced.  The portable
 * build has no sink (weak no-ops in vectors_run.c); vectors_pcap.c writes
 * them to a pcap file for tshark.
 */
int oracle_sink_open(int argc, char **argv);
void oracle_sink_frame(const struct oracle_encap_vec *v, const u8 *frame,
		       u16 len);
int oracle_sink_close(void);

#endif /* MCNIC_ORACLE_VECTORS_H */
