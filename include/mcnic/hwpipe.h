/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The HDL pipeline (hdl/rtl) as the firmware sees it: its CSR map on the
 * AXI-Lite port, the images the firmware writes through it, the sideband
 * of its AXI-Stream ports and the per-packet result record.  The HDL's
 * constants and struct types are generated from this file (hdl/gen).
 *
 * The pipeline is the fast path of the firmware's semantics: it parses,
 * looks the flow up in its own table (a cache the firmware fills) and
 * executes the cached action.  What it does not decide itself it punts,
 * unchanged, to the firmware, which decides, writes the flow into the HDL
 * table and re-injects the packet: so every packet that leaves was executed
 * by the HDL, in the order the HDL executed them.
 */
#ifndef MCNIC_HWPIPE_H
#define MCNIC_HWPIPE_H

#include "types.h"
#include "flow.h"
#include "tunnel.h"
#include "cmd.h"

/* The datapath: 512-bit AXI-Stream, byte i of a beat in tdata[8i+7:8i]. */
#define MCNIC_HW_BEAT_BYTES	64
/* Frames up to this length (jumbo); longer ones are dropped by the MAC. */
#define MCNIC_HW_FRAME_MAX	9600
/*
 * The parser reads headers from the first MCNIC_HW_HDR_BYTES of a frame.
 * A frame whose headers reach beyond is punted (MCNIC_PUNT_DEEP): the
 * firmware parses it.
 */
#define MCNIC_HW_HDR_BYTES	256

#define MCNIC_HW_ID_MAGIC	0x4d434857	/* "MCHW" */
/* 2: the flow table's stash (MCNIC_HW_REG_GEOM2, stash slots). */
#define MCNIC_HW_VERSION	2

/* The flow table: buckets of MCNIC_HW_FT_WAYS entries. */
#define MCNIC_HW_FT_WAYS	4
/*
 * Beside the buckets, a small fully associative stash (flip-flops, searched
 * with the two buckets on every lookup) for keys whose two buckets are
 * full: MCNIC_HW_FT_STASH entries in the HDL as built by default, at most
 * MCNIC_HW_FT_STASH_MAX in any build (MCNIC_HW_REG_GEOM2 says how many).
 */
#define MCNIC_HW_FT_STASH	8
#define MCNIC_HW_FT_STASH_MAX	16
/* Local VTEPs the HDL matches (the firmware's table, whole). */
#define MCNIC_HW_VTEPS		16

/*
 * A key with flow-cache hash h may sit in two buckets (log2b bits each):
 * the low bits of h, and the bits above bit 16 of h.  The firmware places
 * entries; the HDL searches both buckets' ways at once.
 */
static inline u32 mcnic_hw_ft_bucket(u32 h, unsigned int which, u32 log2b)
{
	u32 mask = (1u << log2b) - 1;

	return (which ? h >> 16 | h << 16 : h) & mask;
}

/* CSR map (byte addresses, 32-bit registers). */
#define MCNIC_HW_REG_ID		0x0000	/* RO MCNIC_HW_ID_MAGIC */
#define MCNIC_HW_REG_VERSION	0x0004	/* RO MCNIC_HW_VERSION */
#define MCNIC_HW_REG_GEOM	0x0008	/* RO log2 buckets | ports << 8 |
					 *    log2 templates << 16 |
					 *    log2 tunnel slots << 24 */
#define MCNIC_HW_REG_CTRL	0x000c	/* MCNIC_HW_CTRL_* */
#define MCNIC_HW_REG_FT_SEED	0x0010	/* flow-cache hash seed */
#define MCNIC_HW_REG_IP_ID	0x0014	/* next outer IPv4 identification */
#define MCNIC_HW_REG_GEOM2	0x0018	/* RO flow-table stash slots
					 * (bits 7:0; 31:8 zero) */
#define MCNIC_HW_REG_CMD	0x0020	/* write: MCNIC_HW_OP_* | arg << 8 */
#define MCNIC_HW_REG_STATUS	0x0024	/* RO MCNIC_HW_ST_* of the last op */
#define MCNIC_HW_REG_PARSE	0x0040	/* struct mcnic_parse_cfg, 16 bytes */
#define MCNIC_HW_REG_STAGE	0x0100	/* 256-byte image for the next op */
#define MCNIC_HW_REG_VRF_GEN	0x1000	/* u32 per VRF id, 0..4095; write-only */
#define MCNIC_HW_REG_CTR	0x10000	/* counters, 16 bytes each */

#define MCNIC_HW_CTRL_ENABLE	0x01	/* accept frames */
#define MCNIC_HW_CTRL_PUNT_ALL	0x02	/* decide nothing: firmware-only */

/*
 * Operations on the staged image (MCNIC_HW_REG_CMD), arg in bits 31:8.  The
 * write of CMD completes (AXI-Lite B response) once the operation is done,
 * flushes and counter clears included: STATUS is then its result.
 */
#define MCNIC_HW_OP_FLOW_WRITE	1	/* arg: slot; stage: mcnic_flow_entry */
#define MCNIC_HW_OP_FLOW_CLEAR	2	/* arg: slot */
#define MCNIC_HW_OP_FLOW_FLUSH	3	/* every slot, the stash's too */
#define MCNIC_HW_OP_TMPL_WRITE	4	/* arg: index; stage: mcnic_encap_tmpl */
#define MCNIC_HW_OP_PORT_WRITE	5	/* arg: port; stage: mcnic_hw_port */
#define MCNIC_HW_OP_CTR_CLEAR	6	/* every counter but the flows' and
					 * tunnels' (the firmware folds them) */
#define MCNIC_HW_OP_VTEP_WRITE	7	/* arg: index; stage: mcnic_hw_vtep */
#define MCNIC_HW_OP_TUN_WRITE	8	/* arg: tunnel slot; stage: mcnic_hw_tun */

#define MCNIC_HW_ST_OK		0
#define MCNIC_HW_ST_BAD_OP	1
#define MCNIC_HW_ST_BAD_ARG	2	/* index beyond the table */

/* A slot of the flow table: bucket * MCNIC_HW_FT_WAYS + way. */
static inline u32 mcnic_hw_ft_slot(u32 bucket, u32 way)
{
	return bucket * MCNIC_HW_FT_WAYS + way;
}

/*
 * Stash entry i's slot: numbered after the buckets' slots, so slot
 * arguments, flow counters and the result's slot cover it unchanged.  A
 * lookup that matches a bucket way and the stash (the firmware never writes
 * a key twice) takes the way.
 */
static inline u32 mcnic_hw_ft_stash_slot(u32 log2b, u32 i)
{
	return (MCNIC_HW_FT_WAYS << log2b) + i;
}

/* Port table entry: what the pipeline checks before the flow table. */
struct mcnic_hw_port {
	u8 kind;		/* enum mcnic_cmd_port_kind */
	u8 up;
	u16 mtu;		/* IP MTU */
	u16 vrf;		/* vport: its VRF (the zone of its flows) */
	u16 pad;
};

/* A local VTEP: frames to addr (and udp_port) of this tunnel type. */
struct mcnic_hw_vtep {
	u8 family;		/* 4 or 6; 0: unused */
	u8 type;		/* enum mcnic_tun_type */
	u16 udp_port;		/* VXLAN/GENEVE; 0 for GRE */
	u8 addr[16];
};

/*
 * The tunnel cache: frames of VNI vni whose outer source is saddr come from
 * a known peer of that VNI and belong to VRF vrf.  The firmware fills it
 * from its VNI and peer maps when a frame misses it (MCNIC_PUNT_TUNNEL),
 * and empties it when those maps change.
 */
struct mcnic_hw_tun {
	u32 vni;		/* VXLAN/GENEVE VNI or GRE key */
	u8 family;		/* 4 or 6 */
	u8 valid;
	u16 vrf;
	u8 saddr[16];
};

/*
 * Counters: 16 bytes each (packets, bytes; u64 little endian).  Reading
 * the first word of a counter latches all four.  Groups in this order:
 */
#define MCNIC_HW_CTR_DROP	0	/* [MCNIC_DROP_COUNT], by reason */
#define MCNIC_HW_CTR_PORT_RX	64	/* [ports] */
#define MCNIC_HW_CTR_PORT_TX	(64 + 1 * 256)
#define MCNIC_HW_CTR_PORT_DROP	(64 + 2 * 256)
#define MCNIC_HW_CTR_TMPL_TX	(64 + 3 * 256)	/* [templates] */
#define MCNIC_HW_CTR_PUNT	(64 + 3 * 256 + 4096)	/* [8], by reason */
#define MCNIC_HW_CTR_TUN	(64 + 3 * 256 + 4096 + 8)	/* [tunnel slots]:
							 * decapped frames */
#define MCNIC_HW_CTR_FLOW	8192	/* [slots, the stash's too]:
					 * packets, bytes */
#define MCNIC_HW_CTR_ADDR(idx)	(MCNIC_HW_REG_CTR + (idx) * 16)

/* Why a frame went to the firmware (m_axis_punt tuser, punt counters). */
enum mcnic_punt {
	MCNIC_PUNT_NONE = 0,
	MCNIC_PUNT_MISS = 1,	/* no entry in the flow table */
	MCNIC_PUNT_STALE = 2,	/* entry decided at an older VRF generation */
	MCNIC_PUNT_DEEP = 3,	/* headers beyond MCNIC_HW_HDR_BYTES */
	MCNIC_PUNT_TUNNEL = 4,	/* VNI and outer source not in the tunnel cache */
	MCNIC_PUNT_ALL = 5,	/* MCNIC_HW_CTRL_PUNT_ALL */
	MCNIC_PUNT_COUNT
};

/* s_axis tuser: where a frame comes from; m_axis_punt tuser: the same. */
struct mcnic_hw_rx_user {
	u16 port;
	u16 tag;		/* the host's, returned in the result */
	u8 reinject;		/* from the firmware after a punt */
	u8 punt;		/* m_axis_punt: enum mcnic_punt, why */
	u8 plain;		/* parse with no tunnel ports (set inside the
				 * pipeline for frames from vports) */
	u8 pad;
};

/* m_axis tuser: where it goes. */
struct mcnic_hw_tx_user {
	u16 port;
	u16 queue;
	u32 hash;		/* flow hash: RSS */
};

/* One per frame received, in order of execution (m_res). */
struct mcnic_hw_result {
	u16 tag;
	u16 port;		/* out port (sent) */
	u16 queue;
	u8 drop;		/* enum mcnic_drop, NONE when sent or punted */
	u8 act;			/* enum mcnic_act_type executed */
	u8 punt;		/* enum mcnic_punt */
	u8 pad[3];
	u32 rule;
	u32 hash;
	u32 slot;		/* flow-table slot that hit */
};

MCNIC_ASSERT_SIZE(struct mcnic_hw_port, 8);
MCNIC_ASSERT_SIZE(struct mcnic_hw_vtep, 20);
MCNIC_ASSERT_SIZE(struct mcnic_hw_tun, 24);
MCNIC_ASSERT_SIZE(struct mcnic_hw_rx_user, 8);
MCNIC_ASSERT_SIZE(struct mcnic_hw_tx_user, 8);
MCNIC_ASSERT_SIZE(struct mcnic_hw_result, 24);

#endif /* MCNIC_HWPIPE_H */
