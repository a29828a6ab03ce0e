/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The declarative configuration (docs/config.md): what one NIC should hold,
 * read from YAML.  Loading resolves every name to an id or an index and
 * checks every value, so what comes out can be programmed without further
 * checks; a file with any error yields no config at all.  Each object
 * keeps the line and column it came from, so later refusals (a full table)
 * can point at the file too.
 */
#ifndef MCNIC_CONFIG_H
#define MCNIC_CONFIG_H

#include <stddef.h>
#include <mcnic/types.h>
#include <mcnic/meta.h>
#include <mcnic/tunnel.h>
#include <mcnic/route.h>
#include <mcnic/policy.h>

#define MCNIC_CFG_NAME_MAX	32
#define MCNIC_CFG_PEERS_MAX	64

struct mcnic_cfg_loc {
	u32 line;		/* 1-based, as editors count */
	u32 col;
};

enum mcnic_cfg_port_kind {
	MCNIC_PORT_UPLINK = 0,	/* toward the underlay */
	MCNIC_PORT_VPORT = 1,	/* host vport, tenant-facing */
};

struct mcnic_cfg_port {
	char name[MCNIC_CFG_NAME_MAX];
	u16 id;			/* port number on the device */
	u8 kind;		/* enum mcnic_cfg_port_kind */
	u8 mac[6];		/* the port's own MAC */
	u16 mtu;		/* IP MTU of the port */
	u16 queues;		/* vport: host queues (RSS over them) */
	u16 vrf;		/* vport: VRF id */
	u16 segment;		/* vport: segment id of its hosts (0: none) */
	struct mcnic_cfg_loc loc;
};

struct mcnic_cfg_vrf {
	char name[MCNIC_CFG_NAME_MAX];
	u16 id;			/* 1..4095 */
	u8 default_action;	/* enum mcnic_pol_action */
	struct mcnic_cfg_loc loc;
};

struct mcnic_cfg_segment {
	char name[MCNIC_CFG_NAME_MAX];
	u16 id;			/* 1..65535: the tag carried in GBP/GENEVE */
	struct mcnic_cfg_loc loc;
};

/* A tunnel endpoint we terminate. */
struct mcnic_cfg_vtep {
	u8 family;		/* 4 or 6 */
	u8 type;		/* enum mcnic_tun_type: VXLAN, GENEVE, GRE */
	u16 udp_port;		/* VXLAN/GENEVE; 0 for GRE */
	u8 addr[16];
	struct mcnic_cfg_loc loc;
};

/* A tunnel we send into: becomes one shared encap template. */
struct mcnic_cfg_tunnel {
	char name[MCNIC_CFG_NAME_MAX];
	struct mcnic_tunnel_cfg cfg;	/* complete: smac from the uplink */
	u16 uplink;		/* port id */
	u8 down;		/* next hop starts marked down */
	struct mcnic_cfg_loc loc;
};

struct mcnic_cfg_peer {
	u8 family;
	u8 addr[16];
};

/* A VNI we accept: its VRF and the remote VTEPs allowed to send it. */
struct mcnic_cfg_vni {
	u32 vni;		/* 24 bits (VXLAN/GENEVE) or a GRE key */
	u16 vrf;		/* VRF id */
	u16 n_peers;
	struct mcnic_cfg_peer peers[MCNIC_CFG_PEERS_MAX];
	struct mcnic_cfg_loc loc;
};

enum mcnic_cfg_nh_kind {
	MCNIC_CFG_NH_TUNNEL = 0,	/* ref: index into tunnels[] */
	MCNIC_CFG_NH_VPORT = 1,		/* ref: port id of a vport */
};

struct mcnic_cfg_nh {
	u8 kind;		/* enum mcnic_cfg_nh_kind */
	u8 weight;		/* members: 1..255; backups: 0 */
	u16 ref;
};

struct mcnic_cfg_nhg {
	char name[MCNIC_CFG_NAME_MAX];
	u8 n_members;
	u8 n_backups;
	struct mcnic_cfg_nh members[MCNIC_NHG_MEMBERS_MAX];
	struct mcnic_cfg_nh backups[MCNIC_NHG_BACKUPS_MAX];
	struct mcnic_cfg_loc loc;
};

enum mcnic_cfg_route_kind {
	MCNIC_CFG_ROUTE_NHG = 0,	/* nhg: index into nhgs[] */
	MCNIC_CFG_ROUTE_VPORT = 1,	/* vport: port id (local delivery) */
	MCNIC_CFG_ROUTE_BLACKHOLE = 2,
};

struct mcnic_cfg_route {
	u16 vrf;		/* VRF id */
	u8 family;
	u8 len;
	u8 prefix[16];		/* host bits zero */
	u8 kind;		/* enum mcnic_cfg_route_kind */
	u16 segment;		/* segment id of the destination (0: none) */
	u16 vport;
	u32 nhg;
	struct mcnic_cfg_loc loc;
};

struct mcnic_cfg_policy {
	struct mcnic_policy_rule rule;	/* checked, vrf/segments resolved */
	struct mcnic_cfg_loc loc;
};

struct mcnic_config {
	char name[MCNIC_CFG_NAME_MAX];		/* device.name */
	struct mcnic_parse_cfg parse;		/* device tunnel ports, GBP */
	struct mcnic_cfg_port *ports;
	struct mcnic_cfg_vrf *vrfs;
	struct mcnic_cfg_segment *segments;
	struct mcnic_cfg_vtep *vteps;
	struct mcnic_cfg_tunnel *tunnels;
	struct mcnic_cfg_vni *vnis;
	struct mcnic_cfg_nhg *nhgs;
	struct mcnic_cfg_route *routes;
	struct mcnic_cfg_policy *policies;
	u32 n_ports, n_vrfs, n_segments, n_vteps, n_tunnels, n_vnis;
	u32 n_nhgs, n_routes, n_policies;
};

/*
 * Returns NULL on any error, with "FILE:LINE:COL: KEY: what" in err (KEY
 * is the path to the offending key, e.g. routes[3].prefix).
 */
struct mcnic_config *mcnic_config_load_file(const char *path,
					    char *err, size_t errlen);
struct mcnic_config *mcnic_config_load_buf(const char *buf, size_t len,
					   const char *name,
					   char *err, size_t errlen);
void mcnic_config_free(struct mcnic_config *cfg);

#endif /* MCNIC_CONFIG_H */
