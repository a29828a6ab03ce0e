/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The capability FDT a NIC returns for CAPS: what this device is and can
 * do, so a host needs no per-board knowledge.  The device writes it
 * (sim/caps.c), libmcnic reads it (host-lib/caps.c); both use the names
 * below.
 *
 *   /                 compatible = "mcnic,caps", caps-version = <1>,
 *                     model, device-name, clock-frequency
 *   /firmware         source ("built-in", "flash" or "none": recovery),
 *                     version ("M.m.p"), version-code, build-id (20 bytes),
 *                     slot (flash only), then the running image's own
 *                     capability FDT (firmware/boot/caps.dts: fw-version,
 *                     features, the limits subnode ...) copied in
 *   /mailbox          version (MCNIC_CMD_VERSION), msg-max
 *   /ports/port@N     reg = <N>, kind ("uplink" or "vport"), mac-address;
 *                     uplinks: max-speed (Mb/s); vports: queues
 *   /queues           tx, rx, cq (queue counts), per-vport
 *   /tables           the board's table sizes, one cell each
 *                     (MCNIC_CAPS_TABLES)
 *   /features         one empty property per feature of the running
 *                     firmware (its FDT's "features" list): vxlan, gre ...
 *
 * In every node the properties come before the subnodes: libfdt reads
 * no property that follows a subnode.  A new property or node keeps
 * caps-version; a changed meaning raises it.  The whole FDT fits one CAPS
 * answer (MCNIC_CAPS_MAX bytes).
 */
#ifndef MCNIC_CAPS_H
#define MCNIC_CAPS_H

#include "cmd.h"

#define MCNIC_CAPS_VERSION	1
#define MCNIC_CAPS_MAX \
	(MCNIC_CMD_MSG_MAX - sizeof(struct mcnic_cmd_hdr))

/* / */
#define MCNIC_CAPS_COMPATIBLE		"compatible"
#define MCNIC_CAPS_COMPATIBLE_VAL	"mcnic,caps"
#define MCNIC_CAPS_CAPS_VERSION		"caps-version"
#define MCNIC_CAPS_MODEL		"model"
#define MCNIC_CAPS_DEVICE_NAME		"device-name"
#define MCNIC_CAPS_CLOCK		"clock-frequency"

/* /firmware: what the device says of the image it runs */
#define MCNIC_CAPS_FIRMWARE		"firmware"
#define MCNIC_CAPS_FW_SOURCE		"source"
#define MCNIC_CAPS_FW_SRC_BUILTIN	"built-in"
#define MCNIC_CAPS_FW_SRC_FLASH		"flash"
#define MCNIC_CAPS_FW_SRC_NONE		"none"
#define MCNIC_CAPS_FW_VERSION		"version"
#define MCNIC_CAPS_FW_VERSION_CODE	"version-code"
#define MCNIC_CAPS_FW_BUILD_ID		"build-id"
#define MCNIC_CAPS_FW_SLOT		"slot"
/* ... and what the image's own FDT (copied into /firmware) says */
#define MCNIC_CAPS_IMG_FW_VERSION	"fw-version"
#define MCNIC_CAPS_IMG_FEATURES		"features"

/* /mailbox */
#define MCNIC_CAPS_MAILBOX		"mailbox"
#define MCNIC_CAPS_MB_VERSION		"version"
#define MCNIC_CAPS_MB_MSG_MAX		"msg-max"

/* /ports/port@N (N in hex, as a unit address) */
#define MCNIC_CAPS_PORTS		"ports"
#define MCNIC_CAPS_PORT_NAME		"port@%x"
#define MCNIC_CAPS_PORT_REG		"reg"
#define MCNIC_CAPS_PORT_KIND		"kind"
#define MCNIC_CAPS_PORT_UPLINK		"uplink"
#define MCNIC_CAPS_PORT_VPORT		"vport"
#define MCNIC_CAPS_PORT_MAC		"mac-address"
#define MCNIC_CAPS_PORT_SPEED		"max-speed"
#define MCNIC_CAPS_PORT_QUEUES		"queues"

/* /queues */
#define MCNIC_CAPS_QUEUES		"queues"
#define MCNIC_CAPS_Q_TX			"tx"
#define MCNIC_CAPS_Q_RX			"rx"
#define MCNIC_CAPS_Q_CQ			"cq"
#define MCNIC_CAPS_Q_PER_VPORT		"per-vport"

/*
 * /tables: X(property, field) for each table size, field naming the
 * simulator's struct mcnic_pipe_limits member (a board file's /tables has
 * the same properties).
 */
#define MCNIC_CAPS_TABLES_NODE		"tables"
#define MCNIC_CAPS_TABLES(X)					\
	X("flows", flows)					\
	X("routes", routes)					\
	X("lpm4-prefixes", lpm4_prefixes)			\
	X("lpm4-groups", lpm4_groups)				\
	X("lpm4-root-bits", lpm4_root_bits)			\
	X("lpm6-prefixes", lpm6_prefixes)			\
	X("lpm6-groups", lpm6_groups)				\
	X("lpm6-root-bits", lpm6_root_bits)			\
	X("rules", rules)					\
	X("counted-rules", counted_rules)			\
	X("vrfs", vrfs)						\
	X("vnis", vnis)						\
	X("peers", peers)					\
	X("templates", tmpls)					\
	X("next-hops", nexthops)				\
	X("groups", nhgs)

/* /features */
#define MCNIC_CAPS_FEATURES		"features"

#endif /* MCNIC_CAPS_H */
