// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The board description (board.h): a device tree, compiled by dtc when
 * given as source, read with libfdt.  Every error names the file, the
 * node and the property, since a board file is written by hand.
 */
#include <errno.h>
#include <libfdt.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <mcnic/caps.h>

#include "board.h"
#include "regs.h"

#define BOARD_FILE_MAX	(1u << 20)

/* sim/board_dtb.S: sim/boards/default.dts, compiled at build time. */
extern const char mcnic_board_default_dtb[];
extern const u64 mcnic_board_default_dtb_size;

extern char **environ;

struct board_parse {
	const void *fdt;
	const char *file;
	char *err;
	size_t errlen;
};

static int board_fail(struct board_parse *bp, const char *node,
		      const char *prop, const char *what)
{
	snprintf(bp->err, bp->errlen, "board %s: %s%s%s: %s", bp->file, node,
		 prop ? ": property " : "", prop ? prop : "", what);
	return -EINVAL;
}

/* Reads all of f from the start into a new buffer. */
static int board_slurp(FILE *f, char **buf, size_t *len)
{
	size_t n = 0, r;
	char *b = malloc(BOARD_FILE_MAX);

	if (!b)
		return -ENOMEM;
	while ((r = fread(b + n, 1, BOARD_FILE_MAX - n, f)) > 0)
		n += r;
	if (ferror(f)) {
		free(b);
		return -EIO;
	}
	if (n == BOARD_FILE_MAX) {
		free(b);
		return -EFBIG;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* dtc's first line of complaint, without the trailing newline. */
static void board_dtc_error(FILE *ef, const char *path, char *err,
			    size_t errlen)
{
	char line[400] = "";
	size_t n;

	rewind(ef);
	if (!fgets(line, sizeof(line), ef))
		snprintf(line, sizeof(line), "dtc failed");
	n = strlen(line);
	if (n && line[n - 1] == '\n')
		line[n - 1] = 0;
	snprintf(err, errlen, "board %s: %s", path, line);
}

/*
 * dtc with stdout and stderr to of and ef.  It gets a clean signal state:
 * the daemon blocks SIGTERM and SIGINT (it reads them from a signalfd)
 * and ignores SIGPIPE, and a child would inherit both, so a dtc stuck on
 * its input could not be interrupted.
 */
static int board_spawn_dtc(const char *path, FILE *of, FILE *ef, pid_t *pid)
{
	char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dtb",
			 (char *)path, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	sigset_t none, dfl;
	int r;

	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	posix_spawnattr_init(&sa);
	posix_spawnattr_setsigmask(&sa, &none);
	posix_spawnattr_setsigdefault(&sa, &dfl);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(of), 1);
	posix_spawn_file_actions_adddup2(&fa, fileno(ef), 2);
	r = posix_spawnp(pid, "dtc", &fa, &sa, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&sa);
	return -r;
}

/* Runs dtc on a .dts; its output (and errors) go through temporary files. */
static int board_dtc(const char *path, char **buf, size_t *len, char *err,
		     size_t errlen)
{
	FILE *of = tmpfile(), *ef = tmpfile();
	int r = -EIO, st;
	pid_t pid;

	if (!of || !ef)
		goto out;
	r = board_spawn_dtc(path, of, ef, &pid);
	if (r) {
		snprintf(err, errlen, "board %s: cannot run dtc: %s", path,
			 strerror(-r));
		goto out;
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		board_dtc_error(ef, path, err, errlen);
		r = -EINVAL;
		goto out;
	}
	rewind(of);
	r = board_slurp(of, buf, len);
	if (r)
		snprintf(err, errlen, "board %s: reading dtc's output: %s",
			 path, strerror(-r));
out:
	if (of)
		fclose(of);
	if (ef)
		fclose(ef);
	return r;
}

static int board_read(const char *path, char **buf, size_t *len, char *err,
		      size_t errlen)
{
	size_t n = strlen(path);
	FILE *f;
	int r;

	if (n > 4 && !strcmp(path + n - 4, ".dts"))
		return board_dtc(path, buf, len, err, errlen);
	f = fopen(path, "rb");
	if (!f) {
		r = -errno;
		snprintf(err, errlen, "board %s: %s", path, strerror(-r));
		return r;
	}
	r = board_slurp(f, buf, len);
	fclose(f);
	if (r)
		snprintf(err, errlen, "board %s: %s", path, strerror(-r));
	return r;
}

static int board_node(struct board_parse *bp, const char *path)
{
	int off = fdt_path_offset(bp->fdt, path);

	if (off < 0)
		return board_fail(bp, path, NULL, "node missing");
	return off;
}

static int board_u32(struct board_parse *bp, int node, const char *path,
		     const char *prop, u32 *v)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(bp->fdt, node, prop, &len);
	if (!p)
		return board_fail(bp, path, prop, "missing");
	if (len != 4)
		return board_fail(bp, path, prop, "must be one 32-bit cell");
	*v = fdt32_to_cpu(*p);
	return 0;
}

static int board_mac(struct board_parse *bp, int node, const char *path,
		     u8 *mac)
{
	const void *p;
	int len;

	p = fdt_getprop(bp->fdt, node, "mac-address", &len);
	if (!p)
		return board_fail(bp, path, "mac-address", "missing");
	if (len != 6)
		return board_fail(bp, path, "mac-address",
				  "must be 6 bytes");
	if (((const u8 *)p)[0] & 1)
		return board_fail(bp, path, "mac-address",
				  "is a multicast address");
	memcpy(mac, p, 6);
	return 0;
}

static int board_root(struct board_parse *bp, struct mcnic_board *b)
{
	const char *model;
	int len;

	model = fdt_getprop(bp->fdt, 0, "model", &len);
	if (!model)
		return board_fail(bp, "/", "model", "missing");
	if (len < 2 || model[len - 1] || (size_t)len > sizeof(b->model))
		return board_fail(bp, "/", "model",
				  "must be a string of 1..31 characters");
	memcpy(b->model, model, len);
	return board_u32(bp, 0, "/", "clock-frequency", &b->clock_hz);
}

/* Every port id needs a window in BAR 0's PORTS block (regs.h). */
static int board_port_window(struct board_parse *bp, const char *path,
			     const char *prop, u32 id)
{
	char why[96];

	if (id < MCNIC_REGS_PORTS_MAX)
		return 0;
	snprintf(why, sizeof(why), "port id %u: BAR 0 has windows for ids "
		 "below %u", id, MCNIC_REGS_PORTS_MAX);
	return board_fail(bp, path, prop, why);
}

static int board_uplink(struct board_parse *bp, struct mcnic_board *b,
			int node)
{
	struct mcnic_board_uplink *u = &b->uplink[b->n_uplinks];
	char path[96];
	u32 id;
	int r;

	snprintf(path, sizeof(path), "/ports/%s",
		 fdt_get_name(bp->fdt, node, NULL));
	if (b->n_uplinks == MCNIC_BOARD_UPLINKS_MAX)
		return board_fail(bp, path, NULL, "more than 16 uplinks");
	r = board_u32(bp, node, path, "reg", &id);
	if (!r)
		r = board_port_window(bp, path, "reg", id);
	if (!r && mcnic_board_uplink(b, id))
		r = board_fail(bp, path, "reg", "port id used twice");
	if (!r)
		r = board_mac(bp, node, path, u->mac);
	if (!r)
		r = board_u32(bp, node, path, "max-speed", &u->speed);
	if (r)
		return r;
	u->id = id;
	b->n_uplinks++;
	return 0;
}

static int board_ports(struct board_parse *bp, struct mcnic_board *b)
{
	int ports = board_node(bp, "/ports"), node, r;

	if (ports < 0)
		return ports;
	fdt_for_each_subnode(node, bp->fdt, ports) {
		r = board_uplink(bp, b, node);
		if (r)
			return r;
	}
	if (!b->n_uplinks)
		return board_fail(bp, "/ports", NULL, "no uplink@N node");
	return 0;
}

/*
 * Every host queue (TX, RX and two CQs each) needs windows in BAR 0
 * (regs.h), so no more than MCNIC_REGS_QUEUES_MAX vports exist, and that
 * many ports fit a CAPS answer with room to spare (tests/sim: max.dts).
 */
static int board_vports_fit(struct board_parse *bp,
			    const struct mcnic_board *b)
{
	u32 n = b->vport_last - b->vport_first + 1;
	char why[128];

	if (mcnic_board_queues(b) > MCNIC_REGS_QUEUES_MAX) {
		snprintf(why, sizeof(why), "%u vports x %u queues: BAR 0 holds "
			 "%u queues", n, b->vport_queues,
			 MCNIC_REGS_QUEUES_MAX);
		return board_fail(bp, "/vports", "id-range", why);
	}
	return board_port_window(bp, "/vports", "id-range", b->vport_last);
}

static int board_vports(struct board_parse *bp, struct mcnic_board *b)
{
	int node = board_node(bp, "/vports"), len, r;
	const fdt32_t *range;
	u32 first, last, q;
	u16 i;

	if (node < 0)
		return node;
	range = fdt_getprop(bp->fdt, node, "id-range", &len);
	if (!range)
		return board_fail(bp, "/vports", "id-range", "missing");
	if (len != 8)
		return board_fail(bp, "/vports", "id-range",
				  "must be <FIRST LAST>");
	first = fdt32_to_cpu(range[0]);
	last = fdt32_to_cpu(range[1]);
	if (first > last || last >= MCNIC_BOARD_PORTS_MAX)
		return board_fail(bp, "/vports", "id-range",
				  "needs FIRST <= LAST < 4096");
	for (i = 0; i < b->n_uplinks; i++)
		if (b->uplink[i].id >= first && b->uplink[i].id <= last)
			return board_fail(bp, "/vports", "id-range",
					  "overlaps an uplink's id");
	r = board_u32(bp, node, "/vports", "queues", &q);
	if (!r && (!q || q > 256))
		r = board_fail(bp, "/vports", "queues", "must be 1..256");
	if (!r)
		r = board_mac(bp, node, "/vports", b->vport_mac);
	b->vport_first = first;
	b->vport_last = last;
	b->vport_queues = q;
	return r ?: board_vports_fit(bp, b);
}

struct board_table {
	const char *prop;
	size_t off;
	u8 size;
};

#define BOARD_TBL(name, field) \
	{ name, offsetof(struct mcnic_pipe_limits, field), \
	  sizeof(((struct mcnic_pipe_limits *)0)->field) },

/* A board's /tables has the properties its CAPS answer shows. */
static const struct board_table board_tables[] = {
	MCNIC_CAPS_TABLES(BOARD_TBL)
};

static int board_table(struct board_parse *bp, int node,
		       const struct board_table *t, struct mcnic_pipe_limits *l)
{
	u8 *field = (u8 *)l + t->off;
	u32 v;
	int r;

	r = board_u32(bp, node, "/tables", t->prop, &v);
	if (r)
		return r;
	if (!v)
		return board_fail(bp, "/tables", t->prop, "must not be 0");
	if (t->size == 1 && v > 0xff)
		return board_fail(bp, "/tables", t->prop, "above 255");
	if (t->size == 2 && v > 0xffff)
		return board_fail(bp, "/tables", t->prop, "above 65535");
	if (t->size == 1)
		*field = v;
	else if (t->size == 2)
		*(u16 *)field = v;
	else
		*(u32 *)field = v;
	return 0;
}

static int board_limits(struct board_parse *bp, struct mcnic_board *b)
{
	struct mcnic_pipe_limits *l = &b->lim;
	int node = board_node(bp, "/tables"), r;
	u16 i, max = b->vport_last;

	if (node < 0)
		return node;
	for (i = 0; i < sizeof(board_tables) / sizeof(board_tables[0]); i++) {
		r = board_table(bp, node, &board_tables[i], l);
		if (r)
			return r;
	}
	if (l->vrfs > MCNIC_VRF_ID_MAX)
		return board_fail(bp, "/tables", "vrfs", "above 4095");
	for (i = 0; i < b->n_uplinks; i++)
		if (b->uplink[i].id > max)
			max = b->uplink[i].id;
	l->ports = max + 1;
	if (!mcnic_pipe_mem_size(l))
		return board_fail(bp, "/tables", NULL,
				  "sizes the pipeline refuses (LPM root bits "
				  "or prefixes out of range)");
	return 0;
}

static int board_parse(struct mcnic_board *b, const void *fdt, size_t len,
		       const char *file, char *err, size_t errlen)
{
	struct board_parse bp = { fdt, file, err, errlen };
	int r;

	if (len < sizeof(struct fdt_header) || fdt_check_header(fdt) ||
	    fdt_totalsize(fdt) > len) {
		snprintf(err, errlen, "board %s: not a device tree blob "
			 "(give a .dts or a .dtb)", file);
		return -EINVAL;
	}
	memset(b, 0, sizeof(*b));
	r = board_root(&bp, b);
	if (!r)
		r = board_ports(&bp, b);
	if (!r)
		r = board_vports(&bp, b);
	if (!r)
		r = board_limits(&bp, b);
	return r;
}

int mcnic_board_load(struct mcnic_board *b, const char *path, char *err,
		     size_t errlen)
{
	char *buf = NULL;
	size_t len;
	int r;

	if (!path)
		return board_parse(b, mcnic_board_default_dtb,
				   mcnic_board_default_dtb_size, "(built-in)",
				   err, errlen);
	r = board_read(path, &buf, &len, err, errlen);
	if (!r)
		r = board_parse(b, buf, len, path, err, errlen);
	free(buf);
	return r;
}

const struct mcnic_board_uplink *mcnic_board_uplink(const struct mcnic_board *b,
						    u16 id)
{
	u16 i;

	for (i = 0; i < b->n_uplinks; i++)
		if (b->uplink[i].id == id)
			return &b->uplink[i];
	return NULL;
}

int mcnic_board_port_kind(const struct mcnic_board *b, u32 id)
{
	if (id > 0xffff)
		return MCNIC_PORTK_NONE;
	if (id >= b->vport_first && id <= b->vport_last)
		return MCNIC_PORTK_VPORT;
	return mcnic_board_uplink(b, id) ? MCNIC_PORTK_UPLINK :
					   MCNIC_PORTK_NONE;
}

void mcnic_board_vport_mac(const struct mcnic_board *b, u16 id, u8 *mac)
{
	u32 low = (b->vport_mac[3] << 16 | b->vport_mac[4] << 8 |
		   b->vport_mac[5]) + (id - b->vport_first);

	memcpy(mac, b->vport_mac, 3);
	mac[3] = low >> 16;
	mac[4] = low >> 8;
	mac[5] = low;
}

u32 mcnic_board_queues(const struct mcnic_board *b)
{
	return (u32)(b->vport_last - b->vport_first + 1) * b->vport_queues;
}
