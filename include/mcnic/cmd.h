/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The command mailbox: every request the host makes of the NIC and every
 * answer.  The same bytes travel through the BAR mailbox (driver), and
 * through mcnic-sim's host socket (include/mcnic/simsock.h).
 *
 * A message is a struct mcnic_cmd_hdr followed by hdr.len payload bytes.
 * All fields are little-endian (the host and the NIC cores both are).
 * A request carries opcode, seq, len and count; the answer echoes opcode
 * and seq and fills status (0 or a negative MCNIC_E* errno), and on a
 * refusal err_index (the batch entry) and err_msg ("route.len=33: more
 * than 32"): the field and value that were wrong.
 *
 * Table operations take batches of count entries of one fixed-size type.
 * A batch is all or nothing: the firmware checks every entry, applies them
 * in order, and if one is refused at apply time (a full table) it undoes
 * the entries of the batch already applied, so a refused batch changes
 * nothing.  An answer is sent only once the batch is in effect for every
 * later packet (pipe.h: VRF generations).
 */
#ifndef MCNIC_CMD_H
#define MCNIC_CMD_H

#include "types.h"
#include "meta.h"
#include "flow.h"
#include "tunnel.h"
#include "route.h"
#include "policy.h"

#define MCNIC_CMD_VERSION	1
#define MCNIC_CMD_MSG_MAX	65536	/* header + payload, either way */
#define MCNIC_CMD_ERR_MSG	48

/* Extra errno values the mailbox uses (Linux numbers, as in types.h). */
#define MCNIC_EIO		5
#define MCNIC_EFBIG		27
#define MCNIC_EPROTO		71
#define MCNIC_EBADMSG		74
#define MCNIC_EOPNOTSUPP	95
#define MCNIC_EKEYREJECTED	129

/*
 * The opcodes: X(NAME, value) makes MCNIC_CMD_NAME = value, and the same
 * list names them (mcnic_cmd_op_name), so no table of names can drift.
 * The comment after each says what its payload carries.
 */
#define MCNIC_CMD_OP_LIST(X)							\
	/* Device (answered by the device model / boot firmware) */     \
	X(HEARTBEAT, 0x0001)      /* -> mcnic_cmd_heartbeat */          \
	X(DEV_INFO, 0x0002)       /* -> mcnic_cmd_info */               \
	X(CAPS, 0x0003)           /* -> capability FDT (docs/formats.md) */\
	X(RESET, 0x0004)          /* clear every table and counter */   \
	/* Tables: batches of count entries, the type after each opcode */\
	X(PARSE_SET, 0x0010)      /* mcnic_parse_cfg (count 1) */       \
	X(PORT_SET, 0x0011)       /* mcnic_cmd_port */                  \
	X(VRF_SET, 0x0012)        /* mcnic_cmd_vrf: add or change */    \
	X(VRF_DEL, 0x0013)        /* mcnic_cmd_vrf (id only) */         \
	X(VTEP_ADD, 0x0014)       /* mcnic_cmd_vtep */                  \
	X(VTEP_DEL, 0x0015)       /* mcnic_cmd_vtep */                  \
	X(VNI_SET, 0x0016)        /* mcnic_cmd_vni: add or change */    \
	X(VNI_DEL, 0x0017)        /* mcnic_cmd_vni (vni only) */        \
	X(PEER_ADD, 0x0018)       /* mcnic_cmd_peer */                  \
	X(PEER_DEL, 0x0019)       /* mcnic_cmd_peer */                  \
	X(TMPL_SET, 0x001a)       /* mcnic_cmd_tmpl: add or change */   \
	X(TMPL_DEL, 0x001b)       /* mcnic_cmd_tmpl (idx only) */       \
	X(NH_SET, 0x001c)         /* mcnic_cmd_nh: add or change */     \
	X(NH_DEL, 0x001d)         /* mcnic_cmd_nh (idx only) */         \
	X(NH_STATE, 0x001e)       /* mcnic_cmd_nh: idx, nh.flags DOWN */\
	X(NHG_SET, 0x001f)        /* mcnic_cmd_nhg: add or change */    \
	X(NHG_DEL, 0x0020)        /* mcnic_cmd_nhg (idx only) */        \
	X(ROUTE_ADD, 0x0021)      /* mcnic_cmd_route: add or replace */ \
	X(ROUTE_DEL, 0x0022)      /* mcnic_cmd_route (key only) */      \
	X(RULE_ADD, 0x0023)       /* mcnic_policy_rule */               \
	X(RULE_DEL, 0x0024)       /* mcnic_policy_rule (id, vrf) */     \
	/* Reading back */                                              \
	X(DUMP, 0x0030)           /* mcnic_cmd_dump -> entries */       \
	X(STATS, 0x0031)          /* mcnic_cmd_dump -> mcnic_cmd_ctr */ \
	X(PIPE_STATS, 0x0032)     /* -> mcnic_cmd_pipe_stats */         \
	X(FLOW_FLUSH, 0x0033)     /* forget every cached flow */        \
	/* Firmware flash (include/mcnic/fwimage.h) */                  \
	X(FLASH_BEGIN, 0x0040)    /* mcnic_cmd_flash_begin */           \
	X(FLASH_WRITE, 0x0041)    /* mcnic_cmd_flash_write + data */    \
	X(FLASH_COMMIT, 0x0042)   /* verify the written image */        \
	X(FLASH_ACTIVATE, 0x0043) /* boot it (tables are cleared) */    \
	X(FLASH_STATUS, 0x0044)   /* -> mcnic_cmd_flash_status */

enum mcnic_cmd_op {
#define MCNIC_CMD_OP_ENUM(name, val) MCNIC_CMD_##name = val,
	MCNIC_CMD_OP_LIST(MCNIC_CMD_OP_ENUM)
#undef MCNIC_CMD_OP_ENUM
};

static inline const char *mcnic_cmd_op_name(unsigned int op)
{
	switch (op) {
#define MCNIC_CMD_OP_CASE(name, val) case val: return #name;
	MCNIC_CMD_OP_LIST(MCNIC_CMD_OP_CASE)
#undef MCNIC_CMD_OP_CASE
	}
	return "?";
}

struct mcnic_cmd_hdr {
	u16 version;		/* MCNIC_CMD_VERSION */
	u16 opcode;		/* enum mcnic_cmd_op */
	u32 seq;		/* chosen by the host, echoed */
	u32 len;		/* payload bytes after the header */
	u16 count;		/* entries in the payload (batches, dumps) */
	u16 flags;		/* none defined: must be 0 */
	s32 status;		/* answer: 0 or -MCNIC_E* */
	u16 err_index;		/* answer: the batch entry that was refused */
	u16 pad;
	char err_msg[MCNIC_CMD_ERR_MSG];	/* answer: NUL-terminated */
};

/* HEARTBEAT */
struct mcnic_cmd_heartbeat {
	u64 uptime_ns;		/* since the firmware booted */
	u32 beats;		/* heartbeats answered since boot */
	u32 boot_count;		/* firmware boots since power-on (the
				 * first, then one per FLASH_ACTIVATE) */
};

/* DEV_INFO */
struct mcnic_cmd_info {
	char board[32];		/* board model, NUL-terminated */
	char fw_version[32];	/* "MAJOR.MINOR.PATCH", NUL-terminated */
	u8 build_id[20];	/* of the running image */
	u32 fw_version_code;	/* MAJOR << 16 | MINOR << 8 | PATCH */
	u16 ports;		/* port ids 0..ports-1 */
	u8 active_slot;		/* flash slot the firmware booted from */
	u8 pad;
	u32 caps_len;		/* bytes of the capability FDT */
	u64 uptime_ns;
};

/* PORT_SET: the port's role.  Uplinks have no VRF, segment or queues. */
enum mcnic_cmd_port_kind {
	MCNIC_CMD_PORT_NONE = 0,	/* unused */
	MCNIC_CMD_PORT_UPLINK = 1,
	MCNIC_CMD_PORT_VPORT = 2,
};

struct mcnic_cmd_port {
	u16 id;
	u8 kind;		/* enum mcnic_cmd_port_kind */
	u8 up;
	u16 mtu;		/* IP MTU */
	u16 vrf;		/* vport */
	u16 segment;		/* vport: segment of its hosts, 0: none */
	u16 queues;		/* vport: host queues, >= 1 */
	u8 mac[6];
	u16 pad;
};

struct mcnic_cmd_vrf {
	u16 id;			/* 1..4095 */
	u8 default_action;	/* enum mcnic_pol_action */
	u8 pad;
};

struct mcnic_cmd_vtep {
	u8 family;		/* 4 or 6 */
	u8 type;		/* enum mcnic_tun_type */
	u16 udp_port;		/* VXLAN/GENEVE; 0 for GRE */
	u8 addr[16];
};

struct mcnic_cmd_vni {
	u32 vni;
	u16 vrf;
	u16 pad;
};

struct mcnic_cmd_peer {
	u32 vni;
	u8 family;
	u8 pad[3];
	u8 addr[16];
};

/* An encap template, built by the firmware from its parameters. */
struct mcnic_cmd_tmpl {
	u32 idx;
	u32 pad;
	struct mcnic_tunnel_cfg cfg;
};

struct mcnic_cmd_nh {
	u32 idx;
	struct mcnic_nexthop nh;
};

/* A next-hop group; the firmware computes the slot table. */
struct mcnic_cmd_nhg {
	u32 idx;
	u8 n_members;
	u8 n_backups;
	u16 pad;
	u32 member[MCNIC_NHG_MEMBERS_MAX];
	u8 weight[MCNIC_NHG_MEMBERS_MAX];
	u32 backup[MCNIC_NHG_BACKUPS_MAX];
};

struct mcnic_cmd_route {
	u16 vrf;
	u8 family;		/* 4 or 6 */
	u8 len;			/* prefix length */
	u8 prefix[16];		/* host bits zero */
	struct mcnic_route route;
};

/*
 * DUMP and STATS: which objects, from where.  The answer's payload is a
 * u32 next cursor (0: that was the last), a u32 pad, then hdr.count
 * entries of the object's type: the type its SET/ADD command takes
 * (MCNIC_OBJ_RULE: mcnic_policy_rule; MCNIC_OBJ_FLOW: mcnic_cmd_flow), or
 * mcnic_cmd_ctr for STATS.  Start with cursor 0.
 */
enum mcnic_obj {
	MCNIC_OBJ_PORT = 1,	/* STATS: rx, tx, drop per port */
	MCNIC_OBJ_VRF = 2,
	MCNIC_OBJ_VTEP = 3,
	MCNIC_OBJ_VNI = 4,
	MCNIC_OBJ_PEER = 5,	/* STATS: rx per peer */
	MCNIC_OBJ_TMPL = 6,	/* STATS: tx per template */
	MCNIC_OBJ_NH = 7,
	MCNIC_OBJ_NHG = 8,
	MCNIC_OBJ_ROUTE = 9,
	MCNIC_OBJ_RULE = 10,	/* STATS: counted rules (and VRF defaults) */
	MCNIC_OBJ_FLOW = 11,
	MCNIC_OBJ_DROP = 12,	/* STATS only: per drop reason */
	MCNIC_OBJ_PARSE = 13,	/* DUMP only: the mcnic_parse_cfg */
};

/*
 * A device's tables in the order that restores them, what an entry names
 * existing before the entry: X(OBJ, SET_OP, entry type).  DUMP of
 * MCNIC_OBJ_<OBJ> answers entries that MCNIC_CMD_<SET_OP> takes back, so
 * pages of DUMP sent again as SET_OP batches, in this order, rebuild the
 * tables on a cleared device (host-lib's state, the driver's shadow).
 */
#define MCNIC_OBJ_RESTORE_LIST(X)					\
	X(PARSE, PARSE_SET, struct mcnic_parse_cfg)			\
	X(VRF, VRF_SET, struct mcnic_cmd_vrf)				\
	X(PORT, PORT_SET, struct mcnic_cmd_port)			\
	X(VTEP, VTEP_ADD, struct mcnic_cmd_vtep)			\
	X(VNI, VNI_SET, struct mcnic_cmd_vni)				\
	X(PEER, PEER_ADD, struct mcnic_cmd_peer)			\
	X(TMPL, TMPL_SET, struct mcnic_cmd_tmpl)			\
	X(NH, NH_SET, struct mcnic_cmd_nh)				\
	X(NHG, NHG_SET, struct mcnic_cmd_nhg)				\
	X(ROUTE, ROUTE_ADD, struct mcnic_cmd_route)			\
	X(RULE, RULE_ADD, struct mcnic_policy_rule)

struct mcnic_cmd_dump {
	u16 obj;		/* enum mcnic_obj */
	u16 max;		/* entries wanted per answer; 0: as many as fit */
	u32 cursor;
};

struct mcnic_cmd_dump_resp {
	u32 next;		/* cursor for the next request; 0: done */
	u32 pad;
};

/* A cached flow, as FLOW dumps return it. */
struct mcnic_cmd_flow {
	struct mcnic_flow_key key;
	u32 gen;
	struct mcnic_tunnel_action act;
	struct mcnic_flow_stats st;
};

/*
 * One object's counters.  id: port id, template index, rule id, VNI (peer)
 * or drop reason; aux: the rule's VRF.  Pairs of packets, bytes: ports use
 * c[0..5] for rx, tx, drop; the others c[0], c[1].
 */
struct mcnic_cmd_ctr {
	u32 id;
	u16 aux;
	u8 family;		/* peer */
	u8 pad;
	u8 addr[16];		/* peer */
	u64 c[6];
};

struct mcnic_cmd_table_use {
	u32 used;
	u32 capacity;
};

enum mcnic_cmd_table {
	MCNIC_CMD_TBL_FLOWS,
	MCNIC_CMD_TBL_ROUTES,
	MCNIC_CMD_TBL_RULES,
	MCNIC_CMD_TBL_VRFS,
	MCNIC_CMD_TBL_VNIS,
	MCNIC_CMD_TBL_PEERS,
	MCNIC_CMD_TBL_TMPLS,
	MCNIC_CMD_TBL_NEXTHOPS,
	MCNIC_CMD_TBL_NHGS,
	MCNIC_CMD_TBL_COUNT = 12	/* room to grow */
};

struct mcnic_cmd_pipe_stats {
	u64 flow_hits;
	u64 flow_misses;
	u64 flow_stale;
	u64 flow_installs;
	u64 flow_install_fail;
	u64 cmds;		/* commands answered */
	u64 cmd_errors;		/* commands refused */
	u64 pad;
	struct mcnic_cmd_table_use t[MCNIC_CMD_TBL_COUNT];
};

/* Flash: BEGIN, WRITE..., COMMIT (verifies), ACTIVATE. */
struct mcnic_cmd_flash_begin {
	u32 size;		/* whole image, header included */
	u32 pad;
};

struct mcnic_cmd_flash_write {
	u32 offset;
	u32 len;		/* data bytes that follow */
};

enum mcnic_slot_state {
	MCNIC_SLOT_EMPTY = 0,
	MCNIC_SLOT_WRITING = 1,	/* begun, not committed: never booted */
	MCNIC_SLOT_VALID = 2,	/* verified */
	MCNIC_SLOT_BAD = 3,	/* failed verification */
};

static inline const char *mcnic_slot_state_name(unsigned int state)
{
	static const char *const name[] = { "empty", "writing", "valid", "bad" };

	return state < sizeof(name) / sizeof(name[0]) ? name[state] : "?";
}

/* DEV_INFO.active_slot, FLASH_STATUS.active/next: no flash slot. */
#define MCNIC_SLOT_NONE		0xff

struct mcnic_cmd_slot {
	u8 state;		/* enum mcnic_slot_state */
	u8 pad[3];
	u32 fw_version_code;
	u32 size;
	u32 seq;		/* higher boots first among valid slots */
	u8 build_id[20];
};

struct mcnic_cmd_flash_status {
	u8 active;		/* slot running now */
	u8 next;		/* slot the next boot takes */
	u8 pad[2];
	u32 written;		/* bytes written since BEGIN */
	struct mcnic_cmd_slot slot[2];
};

MCNIC_ASSERT_SIZE(struct mcnic_cmd_hdr, 72);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_port, 20);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_vrf, 4);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_vtep, 20);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_vni, 8);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_peer, 24);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_tmpl, 200);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_nh, 12);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_nhg, 104);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_route, 28);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_dump, 8);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_flow, 96);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_ctr, 72);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_pipe_stats, 160);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_info, 104);
MCNIC_ASSERT_SIZE(struct mcnic_cmd_flash_status, 80);

#endif /* MCNIC_CMD_H */
