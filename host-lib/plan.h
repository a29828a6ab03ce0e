/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Config -> device objects: the one place the index plan lives.
 *
 *   tunnel i            -> template i, next hop i
 *   vport k (ports[k])  -> next hop n_tunnels + k, and group n_nhgs + k
 *                          (one member) for routes straight to it
 *   nexthop group i     -> group i
 *
 * Everything else keeps its own identity (VRF id, VNI, prefix, rule id).
 */
#ifndef MCNIC_PLAN_H
#define MCNIC_PLAN_H

#include "mcnic_priv.h"

/* k such that cfg->ports[k].id == port, or -1. */
int mcnic_plan_port_index(const struct mcnic_config *cfg, u16 port);
u32 mcnic_plan_vport_nh(const struct mcnic_config *cfg, u32 k);
u32 mcnic_plan_vport_nhg(const struct mcnic_config *cfg, u32 k);

/* Every object cfg asks for, with its place in the file; -ENOMEM. */
int mcnic_plan_state(const struct mcnic_config *cfg, struct mcnic_state *st);

/*
 * apply.c: mcnic_plan_file() for a config already loaded from file (the
 * name errors give), for a caller that keeps using it (mcnic-sim replay).
 */
int mcnic_plan_config(struct mcnic *h, const struct mcnic_config *cfg,
		      const char *file, struct mcnic_plan **plan);

#endif /* MCNIC_PLAN_H */
