// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic-sim run: the simulated NIC as a daemon.  One thread, one poll()
 * loop over the signal descriptor, the port back ends and the host
 * socket.  Every frame is handled in one static buffer with headroom for
 * the encap, so nothing is allocated per packet.  A host client may be
 * the NIC's PCIe side (a driver in user space, or QEMU's): it maps its
 * memory, and the queue engine (qm.h) moves frames between that memory
 * and the pipeline, a bounded batch per queue per loop round.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "board.h"
#include "dev.h"
#include "dma.h"
#include "fwimage.h"
#include "fwkey.h"
#include "hostsock.h"
#include "ivshmem.h"
#include "log.h"
#include "qm.h"
#include "regs.h"
#include "run.h"
#include "simport.h"

/* make passes the build's key (FW_PUBKEY); this is where it lands. */
#ifndef MCNIC_FW_PUBKEY
#define MCNIC_FW_PUBKEY	"build/keys/mcnic-dev.pub"
#endif

#define RUN_PORTS_MAX	MCNIC_BOARD_UPLINKS_MAX
#define RUN_FRAME_MAX	16384
#define RUN_BUF		(MCNIC_HEADROOM + RUN_FRAME_MAX)
#define RUN_BURST	MCNIC_QM_TX_BURST
#define RUN_BUDGET	64	/* frames per port per loop round */
#define RUN_POLL_MAX	(1 + RUN_PORTS_MAX + 1 + MCNIC_HOSTSOCK_CLIENTS + \
			 MCNIC_IVSHMEM_POLL)

struct run_opts {
	const char *board;
	const char *socket;
	const char *flash;
	const char *trust_key;
	const char *factory;
	const char *log;
	const char *pidfile;
	const char *name;
	const char *ivshmem;
	const char *guest_ram;
	const char *port[RUN_PORTS_MAX];
	unsigned int n_ports;
};

struct run {
	struct run_opts opt;
	struct mcnic_board board;
	struct mcnic_dev *dev;
	struct mcnic_regs *regs;
	struct mcnic_dma dma;
	struct mcnic_qm *qm;
	struct mcnic_hostsock *hs;
	struct mcnic_ivshmem *iv;
	struct mcnic_simport port[RUN_PORTS_MAX];
	unsigned int n_ports;
	int sigfd;
	int stop;
	int pidfile_written;
	u64 too_long, no_firmware, unconnected;
	u8 pubkey[MCNIC_FWIMAGE_PK_LEN];
	/*
	 * A burst of frames on their way into the pipeline: the queue
	 * engine's TX, a port back end's or a socket client's, each run to
	 * the end before the next is read.  A client's frames wait here
	 * (hs_n of them, for hs_port) until its frames end.
	 */
	u8 frame[RUN_BURST][RUN_BUF] __attribute__((aligned(64)));
	u32 hs_len[RUN_BURST], hs_n;
	u16 hs_port;
};

static void run_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-sim run - run a simulated mcnic NIC as a daemon\n\n"
"SYNOPSIS\n"
"    mcnic-sim run [--board FILE] [--socket PATH] [--port ID=KIND:ARGS ...]\n"
"                  [--flash FILE [--trust-key PUBFILE] [--factory-image IMG]]\n"
"                  [--ivshmem PATH --guest-ram FILE]\n"
"                  [--name NAME] [--log FILE] [--pidfile FILE]\n\n"
"DESCRIPTION\n"
"    Runs one simulated NIC until SIGTERM or SIGINT: the native firmware\n"
"    (command handler and pipeline), its BAR 0 register model and flash,\n"
"    with uplinks attached to UDP sockets, TAP interfaces or captures.\n"
"    Hosts talk to it on a UNIX socket (include/mcnic/simsock.h): mailbox\n"
"    commands, and frames of host vports (a client ATTACHes to a vport to\n"
"    receive its frames).  Frames from a port or a vport take the firmware\n"
"    pipeline and leave where it says; drops are counted there.  A host\n"
"    vport can also be given a --port (a TAP interface, say, moved into a\n"
"    network namespace where a Linux host uses it): its frames go there\n"
"    as well as to the socket's attached clients.\n\n"
"    One socket client at a time can be the NIC's PCIe side, as a driver\n"
"    is: it passes its memory (MAP, a file descriptor), reads and writes\n"
"    BAR 0 (REG_READ, REG_WRITE) and receives interrupts (IRQ).  The\n"
"    NIC's queues then move frames by DMA: TX rings into the pipeline as\n"
"    a vport's egress, a vport's frames into its RX rings (as well as to\n"
"    its other outlets), completions and interrupts as include/mcnic/\n"
"    queue.h and regs.h say.  When that client goes, the queues stop.\n\n"
"    With --ivshmem the NIC is a PCI device of a QEMU guest instead:\n"
"    QEMU's ivshmem-doorbell device connects to PATH, and while it is\n"
"    connected it is the PCIe side (a MAP on the socket is refused, as\n"
"    are other clients' REG_WRITEs).  BAR 2 carries BAR 0's accesses\n"
"    (include/mcnic/pci.h), the NIC's vectors are MSI-X vectors, and\n"
"    guest RAM is its DMA memory.\n\n"
"    The board (ports, queues, table sizes) is a device tree; without\n"
"    --board the built-in one runs: uplinks 0 and 1, vports 16..31.\n\n"
"    Without --flash the built-in firmware runs and FLASH_* commands are\n"
"    refused.  With a flash file the boot ROM starts the newest verified\n"
"    image; with none the NIC is in recovery mode: flash commands work,\n"
"    table commands are answered EIO.  FLASH_ACTIVATE reboots the NIC\n"
"    (every table is cleared).\n\n"
"    SIGUSR1 makes the firmware hang, to test a host's recovery: the\n"
"    DEV block's heartbeat stops and its status reads FAULT, mailbox\n"
"    requests are never answered, until the host writes the reset key\n"
"    to DEV RESET (which reboots the firmware with empty tables).\n"
"    SIGUSR2 makes the next 6 completions garbage (another slot, another\n"
"    queue, an impossible length, in turn), to test a driver's checks.\n\n"
"OPTIONS\n"
"    --board FILE          board description, .dts (compiled with dtc) or\n"
"                          .dtb\n"
"    --socket PATH         listen for hosts on this UNIX socket\n"
"    --port ID=udp:LOCALIP:LPORT:PEERIP:PPORT\n"
"                          port ID (an uplink, or a host vport) exchanges\n"
"                          frames as UDP datagrams with a peer (another\n"
"                          mcnic-sim, say)\n"
"    --port ID=tap:IFNAME  port ID is a TAP interface (needs root)\n"
"    --port ID=pcap:[IN.pcap][:OUT.pcap]\n"
"                          IN's frames arrive on port ID once, at start;\n"
"                          what leaves it is written to OUT\n"
"    --flash FILE          the two-slot flash (created if missing)\n"
"    --trust-key PUBFILE   public key images must be signed with (default:\n"
"                          the build's development key,\n"
"                          " MCNIC_FW_PUBKEY ")\n"
"    --factory-image IMG   written to an empty flash before the first boot\n"
"    --ivshmem PATH        serve QEMU's ivshmem-doorbell device on this\n"
"                          UNIX socket (give it vectors=%u or more);\n"
"                          one QEMU at a time, a second is refused\n"
"    --guest-ram FILE      with --ivshmem: the file QEMU's guest RAM is\n"
"                          (memory-backend-file,share=on,mem-path=FILE);\n"
"                          DMA address = guest physical address, as q35\n"
"                          places FILE (from 2.75 GiB on, all past 2 GiB\n"
"                          sits at 4 GiB)\n"
"    --name NAME           the device's name in logs and its capabilities\n"
"    --log FILE            append the log here (default: stderr)\n"
"    --pidfile FILE        write the daemon's pid once it is ready\n"
"    -h, --help            this text\n\n"
"EXIT STATUS\n"
"    0 after a clean shutdown on SIGTERM or SIGINT; 1 when the NIC cannot\n"
"    start (bad board, port, socket or flash: the error says which); 2 on\n"
"    usage errors.\n\n"
"EXAMPLES\n"
"    Two NICs joined by an underlay link on loopback:\n"
"        mcnic-sim run --name a --socket /tmp/a.sock \\\n"
"            --port 0=udp:127.0.0.1:7000:127.0.0.1:7001 &\n"
"        mcnic-sim run --name b --socket /tmp/b.sock \\\n"
"            --port 0=udp:127.0.0.1:7001:127.0.0.1:7000 &\n"
"    A NIC booting signed firmware from its flash:\n"
"        mcnic-sim run --socket /tmp/nic.sock --flash /tmp/nic.flash \\\n"
"            --factory-image build/firmware/mcnic-fw.bin\n"
"    A NIC in a QEMU guest (start it first):\n"
"        mcnic-sim run --socket /tmp/nic.sock --ivshmem /tmp/nic.ivsh \\\n"
"            --guest-ram /dev/shm/guest.ram &\n"
"        qemu-system-x86_64 -M q35 -m 256M -object memory-backend-file,\\\n"
"            id=mem,size=256M,mem-path=/dev/shm/guest.ram,share=on \\\n"
"            -machine memory-backend=mem -chardev socket,id=iv,\\\n"
"            path=/tmp/nic.ivsh -device ivshmem-doorbell,chardev=iv,\\\n"
"            vectors=%u ...\n", MCNIC_REGS_IRQS, MCNIC_REGS_IRQS);
}

static int run_args(struct run_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "board", required_argument, NULL, 'b' },
		{ "socket", required_argument, NULL, 's' },
		{ "port", required_argument, NULL, 'p' },
		{ "flash", required_argument, NULL, 'f' },
		{ "trust-key", required_argument, NULL, 'k' },
		{ "factory-image", required_argument, NULL, 'F' },
		{ "log", required_argument, NULL, 'l' },
		{ "pidfile", required_argument, NULL, 'P' },
		{ "name", required_argument, NULL, 'n' },
		{ "ivshmem", required_argument, NULL, 'I' },
		{ "guest-ram", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->name = "mcnic-sim";
	o->trust_key = MCNIC_FW_PUBKEY;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': o->board = optarg; break;
		case 's': o->socket = optarg; break;
		case 'f': o->flash = optarg; break;
		case 'k': o->trust_key = optarg; break;
		case 'F': o->factory = optarg; break;
		case 'l': o->log = optarg; break;
		case 'P': o->pidfile = optarg; break;
		case 'n': o->name = optarg; break;
		case 'I': o->ivshmem = optarg; break;
		case 'G': o->guest_ram = optarg; break;
		case 'p':
			if (o->n_ports == RUN_PORTS_MAX) {
				fprintf(stderr, "mcnic-sim run: more than %d "
					"--port\n", RUN_PORTS_MAX);
				return -1;
			}
			o->port[o->n_ports++] = optarg;
			break;
		case 'h':
			run_usage(stdout);
			exit(0);
		default:
			goto usage;
		}
	}
	if (optind == argc && (o->flash || !o->factory) &&
	    !o->ivshmem == !o->guest_ram)
		return 0;
	if (optind == argc && o->factory && !o->flash)
		fprintf(stderr, "mcnic-sim run: --factory-image needs "
			"--flash\n");
	else if (optind == argc)
		fprintf(stderr, "mcnic-sim run: --ivshmem and --guest-ram go "
			"together\n");
usage:
	run_usage(stderr);
	return -1;
}

static struct mcnic_simport *run_port(struct run *r, u16 id)
{
	unsigned int i;

	for (i = 0; i < r->n_ports; i++)
		if (r->port[i].id == id)
			return &r->port[i];
	return NULL;
}

/* A frame for a vport: its socket clients, RX rings and TAP. */
static void run_vport(struct run *r, const struct mcnic_pipe_out *o,
		      const struct mcnic_pkt *pkt)
{
	struct mcnic_qm_rx rx = {
		.hash = o->hash,
		.rule = o->rule,
		.flags = o->act == MCNIC_ACT_DECAP ? MCNIC_CPL_DECAP : 0,
	};
	const u8 *d = mcnic_pkt_data(pkt);

	if (r->hs)
		mcnic_hostsock_deliver(r->hs, o->port, o->queue, d, pkt->len);
	if (!mcnic_qm_has_rx(r->qm, o->port))
		return;
	mcnic_qm_rx(r->qm, o->port, o->queue, d, pkt->len, &rx);
}

/* Where a frame the pipeline sent goes: a vport's clients, a port. */
static u8 run_send(struct run *r, const struct mcnic_pipe_out *o,
		   const struct mcnic_pkt *pkt)
{
	struct mcnic_simport *out = run_port(r, o->port);

	if (mcnic_board_port_kind(&r->board, o->port) == MCNIC_PORTK_VPORT) {
		run_vport(r, o, pkt);
		if (!out)
			return MCNIC_DROP_NONE;
	}
	if (!out)
		r->unconnected++;
	else if (out->ops->send(out, mcnic_pkt_data(pkt), pkt->len))
		out->tx_err++;
	else
		out->tx++;
	return MCNIC_DROP_NONE;
}

/*
 * n frames of port, at frame[i] + MCNIC_HEADROOM, len[i] bytes: through
 * the pipeline as one burst, then each where it goes.
 * drop[i]: frame i's drop reason.
 */
static void run_frames(struct run *r, u16 port, const u32 *len, u32 n,
		       u8 *drop)
{
	struct mcnic_pkt pkt[RUN_BURST], *pp[RUN_BURST];
	struct mcnic_pipe_out o[RUN_BURST];
	struct mcnic_pipe *pipe = mcnic_dev_pipe(r->dev);
	u32 i;

	if (!pipe) {
		r->no_firmware += n;
		memset(drop, MCNIC_DROP_PORT_INVALID, n);
		return;
	}
	for (i = 0; i < n; i++) {
		pkt[i] = (struct mcnic_pkt){ .buf = r->frame[i],
					     .size = RUN_BUF,
					     .head = MCNIC_HEADROOM,
					     .len = len[i] };
		pp[i] = &pkt[i];
	}
	mcnic_pipe_rx_burst(pipe, port, pp, n, mcnic_dev_now(), o);
	for (i = 0; i < n; i++)
		drop[i] = o[i].drop ? o[i].drop : run_send(r, &o[i], &pkt[i]);
}

static u32 run_hs_cmd(void *ctx, const void *req, u32 len, void *resp,
		      u32 max)
{
	struct run *r = ctx;

	return mcnic_dev_cmd(r->dev, req, len, resp, max);
}

static void run_hs_frames_end(void *ctx)
{
	struct run *r = ctx;
	u8 drop[RUN_BURST];

	if (r->hs_n)
		run_frames(r, r->hs_port, r->hs_len, r->hs_n, drop);
	r->hs_n = 0;
}

/* A client's frames for one vport go on in bursts. */
static void run_hs_frame(void *ctx, u16 port, const u8 *data, u32 len)
{
	struct run *r = ctx;

	if (len > RUN_FRAME_MAX) {
		r->too_long++;
		return;
	}
	if (r->hs_n && (port != r->hs_port || r->hs_n == RUN_BURST))
		run_hs_frames_end(r);
	memcpy(r->frame[r->hs_n] + MCNIC_HEADROOM, data, len);
	r->hs_len[r->hs_n++] = len;
	r->hs_port = port;
}

static int run_hs_is_vport(void *ctx, u16 port)
{
	struct run *r = ctx;

	return mcnic_board_port_kind(&r->board, port) == MCNIC_PORTK_VPORT;
}

static u32 run_hs_reg_read(void *ctx, u32 off)
{
	struct run *r = ctx;

	return mcnic_regs_read(r->regs, off);
}

static void run_hs_reg_write(void *ctx, u32 off, u32 val)
{
	struct run *r = ctx;

	mcnic_regs_write(r->regs, off, val);
}

static int run_hs_map(void *ctx, int fd, const struct mcnic_sock_map *m,
		      char *err, size_t errlen)
{
	struct run *r = ctx;

	return mcnic_dma_map(&r->dma, fd, m, err, errlen);
}

static void run_hs_unmap(void *ctx)
{
	struct run *r = ctx;

	mcnic_qm_reset(r->qm);
	mcnic_dma_unmap(&r->dma);
}

/* A QEMU through ivshmem: the PCIe side unless a MAP client is. */
static int run_iv_claim(void *ctx, char *err, size_t errlen)
{
	struct run *r = ctx;

	if (r->hs && mcnic_hostsock_pcie_other(r->hs, "QEMU (ivshmem)")) {
		snprintf(err, errlen, "a host socket client is the PCIe side");
		return -EBUSY;
	}
	return 0;
}

static void run_iv_unmap(void *ctx)
{
	struct run *r = ctx;

	run_hs_unmap(r);
	if (r->hs)
		mcnic_hostsock_pcie_other(r->hs, NULL);
}

static const struct mcnic_ivshmem_ops run_iv_ops = {
	.reg_read = run_hs_reg_read,
	.reg_write = run_hs_reg_write,
	.claim = run_iv_claim,
	.map = run_hs_map,
	.unmap = run_iv_unmap,
};

static const struct mcnic_hostsock_ops run_hs_ops = {
	.cmd = run_hs_cmd,
	.frame = run_hs_frame,
	.frames_end = run_hs_frames_end,
	.is_vport = run_hs_is_vport,
	.reg_read = run_hs_reg_read,
	.reg_write = run_hs_reg_write,
	.map = run_hs_map,
	.unmap = run_hs_unmap,
};

/* The queue engine's TX: a burst of one vport's frames, at frame[i]. */
static void run_qm_tx(void *ctx, u16 vport, const u32 *len, u32 n, u8 *drop)
{
	run_frames(ctx, vport, len, n, drop);
}

static void run_qm_irq(void *ctx, u32 vec)
{
	struct run *r = ctx;

	mcnic_regs_irq_raise(r->regs, vec);
}

static const struct mcnic_qm_ops run_qm_ops = {
	.tx = run_qm_tx,
	.irq = run_qm_irq,
};

static int run_qm_create(struct run *r, char *err, size_t errlen)
{
	struct mcnic_qm_cfg qc = {
		.board = &r->board, .dma = &r->dma,
		.buf = r->frame[0] + MCNIC_HEADROOM, .buf_stride = RUN_BUF,
		.buf_max = RUN_FRAME_MAX,
		.irqs = MCNIC_REGS_IRQS, .ops = &run_qm_ops, .ctx = r,
	};
	int rc = mcnic_qm_create(&r->qm, &qc);

	if (rc)
		snprintf(err, errlen, "queues: %s", strerror(-rc));
	return rc;
}

/*
 * The frames waiting on a port back end, at most budget of them, into the
 * pipeline in bursts.
 */
static void run_port_drain(struct run *r, struct mcnic_simport *p,
			   unsigned int budget)
{
	u32 len[RUN_BURST], n;
	u8 drop[RUN_BURST];
	int k = 1;

	while (budget && k) {
		for (n = 0; n < RUN_BURST && budget; budget--) {
			k = p->ops->recv(p, r->frame[n] + MCNIC_HEADROOM,
					 RUN_FRAME_MAX);
			if (!k)
				break;
			if (k < 0) {
				p->rx_err++;
				continue;
			}
			p->rx++;
			len[n++] = k;
		}
		if (n)
			run_frames(r, p->id, len, n, drop);
	}
}

static int run_ports_open(struct run *r, char *err, size_t errlen)
{
	struct mcnic_simport *p;
	unsigned int i;
	int rc;

	for (i = 0; i < r->opt.n_ports; i++) {
		p = &r->port[i];
		rc = mcnic_simport_open(p, r->opt.port[i], err, errlen);
		if (rc)
			return rc;
		r->n_ports++;
		if (mcnic_board_port_kind(&r->board, p->id) ==
		    MCNIC_PORTK_NONE) {
			snprintf(err, errlen, "--port %s: board %s has no "
				 "port %u", p->spec, r->board.model, p->id);
			return -EINVAL;
		}
		if (run_port(r, p->id) != p) {
			snprintf(err, errlen, "--port %s: port %u given twice",
				 p->spec, p->id);
			return -EINVAL;
		}
		mcnic_regs_port_link(r->regs, p->id, 1);
		mcnic_log("port %u: %s", p->id, p->spec);
	}
	return 0;
}

static int run_flash_key(struct run *r, char *err, size_t errlen)
{
	int rc = mcnic_fwimage_init();

	if (rc) {
		snprintf(err, errlen, "libsodium: cannot initialise");
		return rc;
	}
	return mcnic_fwkey_read_public(r->opt.trust_key, r->pubkey, err,
				       errlen);
}

static void run_log_board(const struct mcnic_board *b, const char *file)
{
	const struct mcnic_pipe_limits *l = &b->lim;
	char ups[128] = "";
	unsigned int i, n = 0;

	for (i = 0; i < b->n_uplinks && n < sizeof(ups) - 8; i++)
		n += snprintf(ups + n, sizeof(ups) - n, "%s%u", i ? "," : "",
			      b->uplink[i].id);
	mcnic_log("board %s (%s): uplinks %s, vports %u..%u with %u queues; "
		  "tables: %u flows, %u routes, %u rules, %u vrfs, %u vnis, "
		  "%u peers, %u templates, %u next hops, %u groups",
		  b->model, file ? file : "built-in", ups, b->vport_first,
		  b->vport_last, b->vport_queues, l->flows, l->routes,
		  l->rules, l->vrfs, l->vnis, l->peers, l->tmpls, l->nexthops,
		  l->nhgs);
}

static int run_signals(struct run *r, char *err, size_t errlen)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	signal(SIGPIPE, SIG_IGN);
	/* Blocked and read from a descriptor: no race with poll(). */
	if (sigprocmask(SIG_BLOCK, &set, NULL) ||
	    (r->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		snprintf(err, errlen, "signals: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int run_pidfile(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int e = 0;

	if (!f)
		e = errno;
	else if (fprintf(f, "%d\n", (int)getpid()) < 0)
		e = errno ? errno : EIO;
	if (f && fclose(f) && !e)
		e = errno;
	if (e) {
		snprintf(err, errlen, "--pidfile %s: %s", path, strerror(e));
		return -e;
	}
	return 0;
}

static int run_iv_open(struct run *r, char *err, size_t errlen)
{
	struct mcnic_ivshmem_cfg ic = {
		.path = r->opt.ivshmem, .guest_ram = r->opt.guest_ram,
		.vectors = MCNIC_REGS_IRQS, .ops = &run_iv_ops, .ctx = r,
	};
	int rc = mcnic_ivshmem_open(&r->iv, &ic, err, errlen);

	if (!rc)
		mcnic_log("ivshmem: listening on %s, guest RAM %s",
			  r->opt.ivshmem, r->opt.guest_ram);
	return rc;
}

static int run_start(struct run *r, char *err, size_t errlen)
{
	struct mcnic_dev_cfg dc = {
		.board = &r->board, .name = r->opt.name,
		.flash = r->opt.flash, .factory = r->opt.factory,
		.pubkey = r->pubkey,
	};
	int rc;

	rc = run_signals(r, err, errlen);
	rc = rc ?: mcnic_board_load(&r->board, r->opt.board, err, errlen);
	if (rc)
		return rc;
	run_log_board(&r->board, r->opt.board);
	if (r->opt.flash) {
		rc = run_flash_key(r, err, errlen);
		if (rc)
			return rc;
		mcnic_log("flash %s, trusting %s", r->opt.flash,
			  r->opt.trust_key);
	}
	rc = mcnic_dev_create(&r->dev, &dc, err, errlen);
	rc = rc ?: run_qm_create(r, err, errlen);
	rc = rc ?: mcnic_regs_create(&r->regs, r->dev, &r->board, r->qm,
				     &r->dma, err, errlen);
	rc = rc ?: run_ports_open(r, err, errlen);
	if (!rc && r->opt.socket) {
		rc = mcnic_hostsock_open(&r->hs, r->opt.socket, &run_hs_ops, r,
					 err, errlen);
		if (!rc)
			mcnic_log("listening on %s", r->opt.socket);
	} else if (!rc && !r->opt.ivshmem) {
		mcnic_log("no --socket: no host can reach this NIC");
	}
	if (!rc && r->opt.ivshmem)
		rc = run_iv_open(r, err, errlen);
	if (!rc && r->opt.pidfile) {
		rc = run_pidfile(r->opt.pidfile, err, errlen);
		r->pidfile_written = !rc;
	}
	return rc;
}

static unsigned int run_fill(struct run *r, struct pollfd *pfd,
			     struct mcnic_simport **polled)
{
	unsigned int i, n = 1;

	pfd[0].fd = r->sigfd;
	pfd[0].events = POLLIN;
	for (i = 0; i < r->n_ports; i++) {
		if (r->port[i].fd < 0)
			continue;
		pfd[n].fd = r->port[i].fd;
		pfd[n].events = POLLIN;
		polled[n] = &r->port[i];
		n++;
	}
	return n;
}

static void run_signal(struct run *r)
{
	struct signalfd_siginfo si;

	if (read(r->sigfd, &si, sizeof(si)) != sizeof(si))
		return;
	if (si.ssi_signo == SIGUSR1) {
		mcnic_regs_hang(r->regs);
		return;
	}
	if (si.ssi_signo == SIGUSR2) {
		mcnic_qm_garbage(r->qm, 6);
		return;
	}
	mcnic_log("%s: shutting down", strsignal(si.ssi_signo));
	r->stop = 1;
}

/* Captures are written out whenever the loop is about to wait. */
static void run_idle(struct run *r)
{
	unsigned int i;

	for (i = 0; i < r->n_ports; i++)
		if (r->port[i].ops->flush)
			r->port[i].ops->flush(&r->port[i]);
}

/* Interrupts raised this round go to the PCIe side, if one is there. */
static void run_irqs(struct run *r)
{
	u32 v = mcnic_regs_irq_take(r->regs);

	if (r->iv && mcnic_ivshmem_connected(r->iv))
		mcnic_ivshmem_irq(r->iv, v);
	else if (r->hs)
		mcnic_hostsock_irq(r->hs, v);
}

/* The shorter of two poll() timeouts (-1: none). */
static int run_timeout_min(int a, int b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

static void run_loop(struct run *r)
{
	struct mcnic_simport *polled[1 + RUN_PORTS_MAX];
	struct pollfd pfd[RUN_POLL_MAX];
	unsigned int n, np, nh, i;
	int timeout;

	while (!r->stop) {
		np = run_fill(r, pfd, polled);
		n = np;
		timeout = -1;
		if (r->hs) {
			n += mcnic_hostsock_fill(r->hs, pfd + np);
			timeout = mcnic_hostsock_timeout(r->hs);
		}
		nh = n;
		if (r->iv) {
			n += mcnic_ivshmem_fill(r->iv, pfd + nh);
			timeout = run_timeout_min(timeout,
						  mcnic_ivshmem_timeout(r->iv));
		}
		/* Descriptors left over from the last round: don't wait. */
		if (mcnic_qm_busy(r->qm))
			timeout = 0;
		run_idle(r);
		if (poll(pfd, n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			mcnic_log("poll: %s", strerror(errno));
			return;
		}
		if (pfd[0].revents & POLLIN)
			run_signal(r);
		for (i = 1; i < np; i++)
			if (pfd[i].revents)
				run_port_drain(r, polled[i], RUN_BUDGET);
		if (r->hs)
			mcnic_hostsock_events(r->hs, pfd + np, nh - np);
		if (r->iv)
			mcnic_ivshmem_events(r->iv, pfd + nh, n - nh);
		mcnic_qm_poll(r->qm);
		run_irqs(r);
	}
}

static void run_log_qm(struct run *r)
{
	const struct mcnic_qm_stats *q;

	if (!r->qm)
		return;
	q = mcnic_qm_stats(r->qm);
	mcnic_log("queues: tx %llu sent, %llu dropped, %llu errors; rx %llu "
		  "frames, %llu no buffer, %llu cq full, %llu errors; %llu "
		  "interrupts, %llu writes refused, %llu ring faults, %llu "
		  "DMA faults, %llu garbage completions",
		  (unsigned long long)q->tx_sent,
		  (unsigned long long)q->tx_dropped,
		  (unsigned long long)q->tx_errors,
		  (unsigned long long)q->rx_frames,
		  (unsigned long long)q->rx_no_buf,
		  (unsigned long long)q->rx_cq_full,
		  (unsigned long long)q->rx_errors,
		  (unsigned long long)q->irqs,
		  (unsigned long long)q->bad_writes,
		  (unsigned long long)q->ring_faults,
		  (unsigned long long)r->dma.faults,
		  (unsigned long long)q->garbage);
}

static void run_iv_close(struct run *r)
{
	const struct mcnic_ivshmem_stats *s = mcnic_ivshmem_stats(r->iv);
	const struct mcnic_shmbus_stats *b = mcnic_ivshmem_bus_stats(r->iv);

	mcnic_log("ivshmem: %llu connects (%llu refused, %llu accept errors), "
		  "guest RAM mapped %llu times (%llu errors), %llu doorbells, "
		  "%llu bus ops (%llu reads, %llu writes, %llu skipped), %llu "
		  "interrupts sent (%llu lost)",
		  (unsigned long long)s->connects,
		  (unsigned long long)s->refused,
		  (unsigned long long)s->accept_errors,
		  (unsigned long long)s->ram_maps,
		  (unsigned long long)s->ram_errors,
		  (unsigned long long)s->doorbells,
		  (unsigned long long)b->ops, (unsigned long long)b->reads,
		  (unsigned long long)b->writes,
		  (unsigned long long)b->skipped,
		  (unsigned long long)s->irqs,
		  (unsigned long long)s->irqs_lost);
	mcnic_ivshmem_close(r->iv);
}

static void run_stop(struct run *r)
{
	const struct mcnic_hostsock_stats *hs;
	unsigned int i;

	/* Before the host socket: QEMU going releases it (run_iv_unmap). */
	if (r->iv)
		run_iv_close(r);

	if (r->hs) {
		hs = mcnic_hostsock_stats(r->hs);
		mcnic_log("host socket: %llu clients (%llu refused, %llu "
			  "accept errors), %llu malformed, %llu commands, %llu "
			  "frames in, %llu out, %llu dropped",
			  (unsigned long long)hs->accepted,
			  (unsigned long long)hs->refused,
			  (unsigned long long)hs->accept_errors,
			  (unsigned long long)hs->malformed,
			  (unsigned long long)hs->cmds,
			  (unsigned long long)hs->frames_in,
			  (unsigned long long)hs->frames_out,
			  (unsigned long long)hs->out_drops);
		mcnic_log("host socket: %llu maps (%llu refused), %llu "
			  "register accesses, %llu interrupts sent, %llu with "
			  "no PCIe side", (unsigned long long)hs->maps,
			  (unsigned long long)hs->maps_refused,
			  (unsigned long long)hs->regs,
			  (unsigned long long)hs->irqs,
			  (unsigned long long)hs->irqs_lost);
	}
	mcnic_hostsock_close(r->hs);
	run_log_qm(r);
	for (i = 0; i < r->n_ports; i++) {
		struct mcnic_simport *p = &r->port[i];

		mcnic_log("port %u: %llu frames in, %llu out, %llu errors",
			  p->id, (unsigned long long)p->rx,
			  (unsigned long long)p->tx,
			  (unsigned long long)(p->rx_err + p->tx_err));
		mcnic_simport_close(p);
	}
	if (r->pidfile_written)
		unlink(r->opt.pidfile);
	mcnic_regs_destroy(r->regs);
	mcnic_qm_destroy(r->qm);
	mcnic_dma_unmap(&r->dma);
	mcnic_dev_destroy(r->dev);
}

int mcnic_run_main(int argc, char **argv)
{
	struct run *r = calloc(1, sizeof(*r));
	char err[512] = "";
	unsigned int i;
	int rc;

	if (!r)
		return 1;
	r->sigfd = -1;
	if (run_args(&r->opt, argc, argv)) {
		free(r);
		return 2;
	}
	rc = mcnic_log_open(r->opt.log, r->opt.name);
	if (rc)
		fprintf(stderr, "mcnic-sim run: --log %s: %s\n", r->opt.log,
			strerror(-rc));
	if (!rc)
		rc = run_start(r, err, sizeof(err));
	if (rc) {
		mcnic_log("cannot start: %s", err);
		if (r->opt.log)
			fprintf(stderr, "mcnic-sim run: %s\n", err);
	} else {
		mcnic_log("ready");
		/* Captures given as input arrive once, now. */
		for (i = 0; i < r->n_ports; i++)
			run_port_drain(r, &r->port[i], ~0u);
		run_loop(r);
	}
	run_stop(r);
	if (!rc)
		mcnic_log("stopped");
	mcnic_log_close();
	if (r->sigfd >= 0)
		close(r->sigfd);
	free(r);
	return rc ? 1 : 0;
}
