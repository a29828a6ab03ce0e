// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The replay's NIC (program.h).  The handle's transport hands each request
 * to the firmware's command handler and keeps its answer for the receive
 * that follows: the same messages a NIC's mailbox carries, without a
 * socket or a second process.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw/cmd.h"
#include "host-lib/plan.h"
#include "program.h"

struct mcnic_program {
	struct mcnic_fw *fw;
	void *mem;
	u32 ans_len;		/* 0: no answer waiting */
	u8 ans[MCNIC_CMD_MSG_MAX] __attribute__((aligned(8)));
};

void mcnic_program_limits(const struct mcnic_config *cfg,
			  struct mcnic_pipe_limits *lim)
{
	u32 i, max_port = 0;

	for (i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].id > max_port)
			max_port = cfg->ports[i].id;
	lim->ports = max_port + 1;
	lim->vrfs = cfg->n_vrfs ? cfg->n_vrfs : 1;
	lim->tmpls = cfg->n_tunnels ? cfg->n_tunnels : 1;
	lim->nexthops = cfg->n_tunnels + cfg->n_ports + 1;
	lim->nhgs = cfg->n_nhgs + cfg->n_ports + 1;
	lim->routes = cfg->n_routes + 1;
	lim->rules = cfg->n_policies + 1;
	lim->counted_rules = cfg->n_policies + cfg->n_vrfs + 1;
	lim->vnis = cfg->n_vnis + 1;
	lim->peers = 1;
	for (i = 0; i < cfg->n_vnis; i++)
		lim->peers += cfg->vnis[i].n_peers;
}

static struct mcnic_program *prog_of(struct mcnic *h)
{
	return h->priv;
}

/* Commands do not read the clock: the replay's time is the captures'. */
static int prog_send(struct mcnic *h, const void *msg, u32 len)
{
	struct mcnic_program *pr = prog_of(h);

	pr->ans_len = mcnic_fw_cmd(pr->fw, msg, len, pr->ans, sizeof(pr->ans),
				   0);
	return 0;
}

static int prog_recv(struct mcnic *h, void *buf, u32 max, u32 *len,
		     long long deadline)
{
	struct mcnic_program *pr = prog_of(h);

	(void)deadline;
	if (!pr->ans_len)
		return mcnic_err(h, -EPROTO, "%s: no answer waiting", h->dev);
	if (pr->ans_len > max)
		return mcnic_err(h, -EMSGSIZE, "%s: answer of %u bytes over %u",
				 h->dev, pr->ans_len, max);
	memcpy(buf, pr->ans, pr->ans_len);
	*len = pr->ans_len;
	pr->ans_len = 0;
	return 0;
}

static void prog_close(struct mcnic *h)
{
	free(prog_of(h)->mem);
	free(prog_of(h));
}

static const struct mcnic_xport prog_xport = {
	.name = "replay",
	.send = prog_send,
	.recv = prog_recv,
	.close = prog_close,
};

int mcnic_program_open(struct mcnic **h, const struct mcnic_pipe_limits *lim,
		       char *err, size_t errlen)
{
	struct mcnic_program *pr = calloc(1, sizeof(*pr));
	size_t size = mcnic_fw_mem_size(lim);
	int r = size ? -ENOMEM : -EINVAL;

	*h = NULL;
	if (!pr || !size)
		goto fail;
	pr->mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
	if (!pr->mem)
		goto fail;
	r = mcnic_fw_init(&pr->fw, lim, pr->mem, size);
	if (r)
		goto fail;
	r = mcnic_open_xport(h, "replay", &prog_xport, pr);
	if (r)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "mcnic-sim replay: cannot lay out the NIC's "
		 "tables (%zu bytes): %s", size, strerror(-r));
	if (pr)
		free(pr->mem);
	free(pr);
	return r;
}

struct mcnic_pipe *mcnic_program_pipe(struct mcnic *h)
{
	return mcnic_fw_pipe(prog_of(h)->fw);
}

int mcnic_program_apply(struct mcnic *h, const struct mcnic_config *cfg,
			const char *file)
{
	struct mcnic_plan *p;
	int r;

	r = mcnic_plan_config(h, cfg, file, &p);
	if (!r)
		r = mcnic_plan_apply(h, p);
	mcnic_plan_free(p);
	return r;
}
