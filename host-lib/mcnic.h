/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * libmcnic: program and read an mcnic SmartNIC from the host.
 *
 * A handle (struct mcnic) is one open device.  Every call returns 0 (or a
 * count where it says so) or a negative errno; mcnic_errmsg(h) then says
 * what went wrong -- when the device refused a request, its own words
 * ("route.len: ...") and the batch entry.  Nothing here is thread-safe
 * per handle: use one handle per thread.
 *
 * Devices are named
 *   sim:PATH        mcnic-sim's host socket (include/mcnic/simsock.h)
 *   mcnic0          a NIC behind the kernel driver
 *   DDDD:BB:DD.F    a NIC by PCI address (through the kernel driver)
 *
 * Table objects travel in the mailbox's own layouts (<mcnic/cmd.h>), so
 * what is read back can be written again unchanged.  docs/mcnicctl.md has
 * the overview.
 */
#ifndef MCNIC_H
#define MCNIC_H

#include <stddef.h>
#include <stdio.h>
#include <mcnic/cmd.h>
#include <mcnic/drop.h>
#include <mcnic/fwimage.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCNIC_API	__attribute__((visibility("default")))

/* How the simulated NIC appears to a QEMU guest: ivshmem-doorbell. */
#define MCNIC_PCI_VENDOR	0x1af4
#define MCNIC_PCI_DEVICE	0x1110

#define MCNIC_TIMEOUT_MS	10000	/* per request, by default */

struct mcnic;

/* Opening, errors ----------------------------------------------------- */

/*
 * Open dev (see above).  On failure *h is NULL and mcnic_errmsg(NULL)
 * gives this thread's last open error.
 */
MCNIC_API int mcnic_open(struct mcnic **h, const char *dev);
MCNIC_API void mcnic_close(struct mcnic *h);
MCNIC_API const char *mcnic_errmsg(const struct mcnic *h);
MCNIC_API void mcnic_set_timeout(struct mcnic *h, int ms);
MCNIC_API const char *mcnic_dev_name(const struct mcnic *h);

/*
 * One raw mailbox request: payload of len bytes with count entries.  The
 * answer's payload (at most out_max bytes) goes to out, its length to
 * *out_len.  Returns 0 or the device's status; *err_index (may be NULL)
 * is the refused batch entry.
 */
MCNIC_API int mcnic_cmd(struct mcnic *h, u16 opcode, u16 count,
			const void *payload, u32 len, void *out, u32 out_max,
			u32 *out_len, u16 *err_index);

/* The device ---------------------------------------------------------- */

MCNIC_API int mcnic_info(struct mcnic *h, struct mcnic_cmd_info *info);
MCNIC_API int mcnic_heartbeat(struct mcnic *h, struct mcnic_cmd_heartbeat *hb);
MCNIC_API int mcnic_reset(struct mcnic *h);

#define MCNIC_CAPS_NAME_MAX	32
#define MCNIC_CAPS_LIST_MAX	32

struct mcnic_caps_table {
	char name[MCNIC_CAPS_NAME_MAX];		/* "routes", "next-hops", ... */
	u32 size;
};

/* The capability FDT, parsed (docs/mcnicctl.md lists what it holds). */
struct mcnic_caps {
	char model[64];
	char device_name[MCNIC_CAPS_NAME_MAX];
	char fw_version[MCNIC_CAPS_NAME_MAX];
	char fw_source[16];			/* built-in, flash, none */
	u32 fw_version_code;
	u32 caps_version;
	u32 mailbox_version;
	u32 ports, uplinks, vports;
	u32 n_tables;
	struct mcnic_caps_table table[MCNIC_CAPS_LIST_MAX];
	u32 n_features;
	char feature[MCNIC_CAPS_LIST_MAX][MCNIC_CAPS_NAME_MAX];
};

MCNIC_API int mcnic_caps(struct mcnic *h, struct mcnic_caps *caps);
/* Parse a capability FDT of len bytes; -EBADMSG when it is malformed. */
MCNIC_API int mcnic_caps_parse(const void *fdt, size_t len,
			       struct mcnic_caps *caps, char *err,
			       size_t errlen);
/* A table's size from caps by name, 0 when the device does not say. */
MCNIC_API u32 mcnic_caps_table_size(const struct mcnic_caps *caps,
				    const char *name);
/* PIPE_STATS tables (enum mcnic_cmd_table) by name. */
MCNIC_API const char *mcnic_table_name(unsigned int tbl);

/* Tables -------------------------------------------------------------- */
/*
 * Writes take n entries as one batch: all or nothing.  A batch larger
 * than one mailbox message goes as several, each all or nothing.  Reads
 * (dumps) return a malloc'ed array in *e (free() it) and its length in *n.
 */
MCNIC_API int mcnic_parse_set(struct mcnic *h, const struct mcnic_parse_cfg *c);
MCNIC_API int mcnic_parse_get(struct mcnic *h, struct mcnic_parse_cfg *c);

MCNIC_API int mcnic_port_set(struct mcnic *h, const struct mcnic_cmd_port *e,
			     unsigned int n);
MCNIC_API int mcnic_port_dump(struct mcnic *h, struct mcnic_cmd_port **e,
			      unsigned int *n);

MCNIC_API int mcnic_vrf_set(struct mcnic *h, const struct mcnic_cmd_vrf *e,
			    unsigned int n);
MCNIC_API int mcnic_vrf_del(struct mcnic *h, const struct mcnic_cmd_vrf *e,
			    unsigned int n);
MCNIC_API int mcnic_vrf_dump(struct mcnic *h, struct mcnic_cmd_vrf **e,
			     unsigned int *n);

MCNIC_API int mcnic_vtep_add(struct mcnic *h, const struct mcnic_cmd_vtep *e,
			     unsigned int n);
MCNIC_API int mcnic_vtep_del(struct mcnic *h, const struct mcnic_cmd_vtep *e,
			     unsigned int n);
MCNIC_API int mcnic_vtep_dump(struct mcnic *h, struct mcnic_cmd_vtep **e,
			      unsigned int *n);

MCNIC_API int mcnic_vni_set(struct mcnic *h, const struct mcnic_cmd_vni *e,
			    unsigned int n);
MCNIC_API int mcnic_vni_del(struct mcnic *h, const struct mcnic_cmd_vni *e,
			    unsigned int n);
MCNIC_API int mcnic_vni_dump(struct mcnic *h, struct mcnic_cmd_vni **e,
			     unsigned int *n);
MCNIC_API int mcnic_peer_add(struct mcnic *h, const struct mcnic_cmd_peer *e,
			     unsigned int n);
MCNIC_API int mcnic_peer_del(struct mcnic *h, const struct mcnic_cmd_peer *e,
			     unsigned int n);
MCNIC_API int mcnic_peer_dump(struct mcnic *h, struct mcnic_cmd_peer **e,
			      unsigned int *n);

/* Tunnels: encap templates, and the next hops that send into them. */
MCNIC_API int mcnic_tmpl_set(struct mcnic *h, const struct mcnic_cmd_tmpl *e,
			     unsigned int n);
MCNIC_API int mcnic_tmpl_del(struct mcnic *h, const struct mcnic_cmd_tmpl *e,
			     unsigned int n);
MCNIC_API int mcnic_tmpl_dump(struct mcnic *h, struct mcnic_cmd_tmpl **e,
			      unsigned int *n);
MCNIC_API int mcnic_nh_set(struct mcnic *h, const struct mcnic_cmd_nh *e,
			   unsigned int n);
MCNIC_API int mcnic_nh_del(struct mcnic *h, const struct mcnic_cmd_nh *e,
			   unsigned int n);
MCNIC_API int mcnic_nh_state(struct mcnic *h, u32 idx, int down);
MCNIC_API int mcnic_nh_dump(struct mcnic *h, struct mcnic_cmd_nh **e,
			    unsigned int *n);

MCNIC_API int mcnic_nhg_set(struct mcnic *h, const struct mcnic_cmd_nhg *e,
			    unsigned int n);
MCNIC_API int mcnic_nhg_del(struct mcnic *h, const struct mcnic_cmd_nhg *e,
			    unsigned int n);
MCNIC_API int mcnic_nhg_dump(struct mcnic *h, struct mcnic_cmd_nhg **e,
			     unsigned int *n);

MCNIC_API int mcnic_route_add(struct mcnic *h, const struct mcnic_cmd_route *e,
			      unsigned int n);
MCNIC_API int mcnic_route_del(struct mcnic *h, const struct mcnic_cmd_route *e,
			      unsigned int n);
MCNIC_API int mcnic_route_dump(struct mcnic *h, struct mcnic_cmd_route **e,
			       unsigned int *n);

MCNIC_API int mcnic_rule_add(struct mcnic *h,
			     const struct mcnic_policy_rule *e,
			     unsigned int n);
MCNIC_API int mcnic_rule_del(struct mcnic *h,
			     const struct mcnic_policy_rule *e,
			     unsigned int n);
MCNIC_API int mcnic_rule_dump(struct mcnic *h, struct mcnic_policy_rule **e,
			      unsigned int *n);

/*
 * Any table by its enum mcnic_obj: what tools use to show, add and delete
 * without knowing each layout.  Text is "key value ..." pairs, the same
 * keys mcnic_obj_parse() takes; json gives one JSON object.
 */
MCNIC_API const char *mcnic_obj_name(unsigned int obj);
MCNIC_API int mcnic_obj_lookup(const char *name);	/* -> obj or -ENOENT */
MCNIC_API size_t mcnic_obj_size(unsigned int obj);
MCNIC_API int mcnic_obj_dump(struct mcnic *h, unsigned int obj, void **e,
			     unsigned int *n);
MCNIC_API int mcnic_obj_write(struct mcnic *h, unsigned int obj, int del,
			      const void *e, unsigned int n);
MCNIC_API int mcnic_obj_format(unsigned int obj, const void *e, int json,
			       char *buf, size_t len);
/* argv: key value pairs (and bare flags); -EINVAL with a message in err. */
MCNIC_API int mcnic_obj_parse(unsigned int obj, int argc, char *const *argv,
			      void *e, char *err, size_t errlen);
/* The keys mcnic_obj_parse takes, as one usage line. */
MCNIC_API const char *mcnic_obj_usage(unsigned int obj, char *buf,
				      size_t len);

/* Counters and flows -------------------------------------------------- */

/* STATS of one enum mcnic_obj (PORT, PEER, TMPL, RULE, DROP). */
MCNIC_API int mcnic_stats(struct mcnic *h, unsigned int obj,
			  struct mcnic_cmd_ctr **c, unsigned int *n);
MCNIC_API int mcnic_pipe_stats(struct mcnic *h,
			       struct mcnic_cmd_pipe_stats *st);
MCNIC_API const char *mcnic_drop_reason_name(unsigned int reason);
/* Its symbol, "POLICY_DENY": what scripts should match on. */
MCNIC_API const char *mcnic_drop_reason_sym(unsigned int reason);

MCNIC_API int mcnic_flows(struct mcnic *h, struct mcnic_cmd_flow **f,
			  unsigned int *n);
MCNIC_API int mcnic_flow_flush(struct mcnic *h);

/* Firmware flash ------------------------------------------------------ */

#define MCNIC_FLASH_NO_ACTIVATE	0x1

/* Called after every chunk; done == total once the image is written. */
typedef void (*mcnic_progress_fn)(const char *stage, size_t done,
				  size_t total, void *arg);

/*
 * Read an image file and check its header without a device: the layout
 * rules the device applies before the digest and signature (a wrong file
 * fails here, not after megabytes of writes).  *img is malloc'ed (free()
 * it), *len its size; err names the file and the field.
 */
MCNIC_API int mcnic_fw_image_load(const char *path, void **img, size_t *len,
				  struct mcnic_fw_hdr *hdr, char *err,
				  size_t errlen);
/*
 * Write img (len bytes; its header is checked again) into the slot that
 * is not running, have the device verify its digest and signature
 * (COMMIT: the slot then boots next) and, unless MCNIC_FLASH_NO_ACTIVATE,
 * boot it now (ACTIVATE: every table is cleared).
 */
MCNIC_API int mcnic_flash(struct mcnic *h, const void *img, size_t len,
			  unsigned int flags, mcnic_progress_fn progress,
			  void *arg);
MCNIC_API int mcnic_flash_status(struct mcnic *h,
				 struct mcnic_cmd_flash_status *st);

/* Declarative configuration: plan and apply ---------------------------- */
/*
 * A plan is what it takes to bring the device from what it holds now to
 * what a config file (docs/config.md) says: ordered batches, make before
 * break.  Applying it is a transaction: if the device refuses a batch,
 * the batches already applied are undone in reverse order and the device
 * holds what it held before; the error names FILE:LINE:COL of the object
 * that was refused.
 */
struct mcnic_plan;

enum mcnic_change {
	MCNIC_CHANGE_ADD = 0,
	MCNIC_CHANGE_MODIFY = 1,
	MCNIC_CHANGE_REMOVE = 2,
};

struct mcnic_plan_op {
	unsigned int obj;	/* enum mcnic_obj */
	unsigned int change;	/* enum mcnic_change */
	unsigned int batch;	/* which batch (message) carries it */
	/* 1: the removal half of a change the device cannot make in place
	 * (a rule): the same change follows as an add. */
	unsigned int removal_half;
	const void *old;	/* as the device holds it (NULL: add) */
	const void *new;	/* as the config wants it (NULL: remove) */
	char where[320];	/* FILE:LINE:COL, "" for removals */
};

MCNIC_API int mcnic_plan_file(struct mcnic *h, const char *path,
			      struct mcnic_plan **plan);
MCNIC_API unsigned int mcnic_plan_ops(const struct mcnic_plan *plan);
MCNIC_API unsigned int mcnic_plan_batches(const struct mcnic_plan *plan);
MCNIC_API int mcnic_plan_op(const struct mcnic_plan *plan, unsigned int i,
			    struct mcnic_plan_op *op);
MCNIC_API int mcnic_plan_apply(struct mcnic *h, struct mcnic_plan *plan);
MCNIC_API void mcnic_plan_free(struct mcnic_plan *plan);

/* Formatting helpers -------------------------------------------------- */
MCNIC_API const char *mcnic_addr_str(u8 family, const u8 *addr, char *buf,
				     size_t len);
/* A firmware version (MAJOR << 16 | MINOR << 8 | PATCH) as "X.Y.Z". */
MCNIC_API void mcnic_fwimage_version_str(u32 code, char *buf, size_t len);
/* s as a JSON string, quoted and escaped, to f. */
MCNIC_API void mcnic_json_str(FILE *f, const char *s);

#ifdef __cplusplus
}
#endif

#endif /* MCNIC_H */
