// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Tunnel peers per VNI (PEER_ADD, PEER_DEL, DUMP and STATS of
 * MCNIC_OBJ_PEER).  Adding a peer that exists changes nothing.  The vni
 * takes all 32 bits, as in tbl_vni.c (a GRE key).
 */
#include "cmd_priv.h"

static int mcnic_tbl_peer_check(struct mcnic_fw *fw, const void *e,
				struct mcnic_cmd_err *err)
{
	const struct mcnic_cmd_peer *c = e;
	int r = mcnic_tbl_check_addr("peer", c->family, c->addr, err);

	return r ? r : mcnic_tbl_check_zero("peer", "pad", c->pad,
					    sizeof(c->pad), err);
}

static void mcnic_tbl_peer_from_key(struct mcnic_cmd_peer *c,
				    const struct mcnic_kvmap_key *k)
{
	__builtin_memset(c, 0, sizeof(*c));
	c->vni = k->w[0];
	c->family = k->w[1];
	__builtin_memcpy(c->addr, &k->w[2], 16);
}

static int mcnic_tbl_peer_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_cmd_peer *c = e;
	struct mcnic_kvmap_key k;
	u32 id;

	mcnic_pipe_peer_key(&k, c->vni, c->family, c->addr);
	if (mcnic_kvmap_get(&fw->pipe.peers, &k, &id))
		return -MCNIC_ENOENT;
	mcnic_tbl_peer_from_key(out, &k);
	return 0;
}

static int mcnic_tbl_peer_set(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	const struct mcnic_cmd_peer *c = e;

	return mcnic_pipe_peer_add(&fw->pipe, c->vni, c->family, c->addr,
				   why);
}

static int mcnic_tbl_peer_del(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	const struct mcnic_cmd_peer *c = e;

	return mcnic_pipe_peer_del(&fw->pipe, c->vni, c->family, c->addr);
}

static int mcnic_tbl_peer_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	struct mcnic_kvmap_key k;
	u32 id;

	if (mcnic_kvmap_next(&fw->pipe.peers, pos, &k, &id))
		return -MCNIC_ENOENT;
	mcnic_tbl_peer_from_key(out, &k);
	return 0;
}

static int mcnic_tbl_peer_ctr(struct mcnic_fw *fw, u32 *pos,
			      struct mcnic_cmd_ctr *c)
{
	struct mcnic_cmd_peer peer;
	struct mcnic_kvmap_key k;
	u32 id;

	if (mcnic_kvmap_next(&fw->pipe.peers, pos, &k, &id))
		return -MCNIC_ENOENT;
	mcnic_tbl_peer_from_key(&peer, &k);
	__builtin_memset(c, 0, sizeof(*c));
	c->id = peer.vni;
	c->family = peer.family;
	__builtin_memcpy(c->addr, peer.addr, 16);
	c->c[0] = fw->pipe.peer_rx[id].packets;
	c->c[1] = fw->pipe.peer_rx[id].bytes;
	return 0;
}

static s64 mcnic_tbl_peer_key(const void *e)
{
	return ((const struct mcnic_cmd_peer *)e)->vni;
}

const struct mcnic_tbl_ops mcnic_tbl_peer = {
	.name = "peer",
	.size = sizeof(struct mcnic_cmd_peer),
	.check = mcnic_tbl_peer_check,
	.check_key = mcnic_tbl_peer_check,
	.get = mcnic_tbl_peer_get,
	.set = mcnic_tbl_peer_set,
	.del = mcnic_tbl_peer_del,
	.next = mcnic_tbl_peer_next,
	.ctr_next = mcnic_tbl_peer_ctr,
	.key_name = "vni",
	.key = mcnic_tbl_peer_key,
};
