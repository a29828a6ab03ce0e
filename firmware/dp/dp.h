/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The firmware data plane: parse, hash, checksum, encap and decap.
 *
 * Freestanding C: no allocation, no locks, no libc beyond memcpy/memset, and
 * no loop whose bound is not fixed by a header field (the HDL pipeline must
 * be able to do exactly the same).  Packet functions return an enum
 * mcnic_drop: MCNIC_DROP_NONE (0) to go on, otherwise the reason to drop.
 */
#ifndef MCNIC_DP_H
#define MCNIC_DP_H

#include <mcnic/types.h>
#include <mcnic/drop.h>
#include <mcnic/meta.h>
#include <mcnic/tunnel.h>
#include "csum.h"

/* A frame in a buffer with headroom: its bytes are buf[head, head + len). */
struct mcnic_pkt {
	u8 *buf;
	u16 size;
	u16 head;
	u16 len;
};

static inline u8 *mcnic_pkt_data(const struct mcnic_pkt *p)
{
	return p->buf + p->head;
}

const char *mcnic_drop_name(enum mcnic_drop reason);
const char *mcnic_drop_sym(enum mcnic_drop reason);

void mcnic_parse_cfg_init(struct mcnic_parse_cfg *cfg);
enum mcnic_drop mcnic_parse(const u8 *pkt, u16 len,
			    const struct mcnic_parse_cfg *cfg,
			    struct mcnic_pkt_meta *m);

u32 mcnic_crc32c(u32 crc, const void *data, u32 len);
u32 mcnic_flow_hash(const u8 *pkt, const struct mcnic_layer *l);

int mcnic_tmpl_build(const struct mcnic_tunnel_cfg *cfg,
		     struct mcnic_encap_tmpl *t, const char **why);
/* For a template that arrives as bytes (a table write): its layout is safe. */
int mcnic_tmpl_valid(const struct mcnic_encap_tmpl *t);

/*
 * t must have been made by mcnic_tmpl_build (validated once there, trusted
 * per packet); an all-zero template, an empty table slot, is refused.
 * in describes the inner frame at the packet's head (from mcnic_parse).
 */
enum mcnic_drop mcnic_encap(const struct mcnic_encap_tmpl *t,
			    struct mcnic_pkt *p, const struct mcnic_layer *in,
			    u32 hash, u16 ip_id, u16 *inner_mtu);

/* What a decap needs besides the packet: per receiving vport. */
struct mcnic_decap_cfg {
	u8 l3_dmac[6];		/* Ethernet header given to L3 inner packets */
	u8 l3_smac[6];
	u8 udp6_zero_ok;	/* accept zero UDP checksums over IPv6 */
	u8 pad[3];
};

/* m must come from a successful mcnic_parse of this frame. */
enum mcnic_drop mcnic_decap(struct mcnic_pkt *p,
			    const struct mcnic_pkt_meta *m,
			    const struct mcnic_decap_cfg *cfg);

#endif /* MCNIC_DP_H */
