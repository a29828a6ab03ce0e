// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Policy rules (RULE_ADD, RULE_DEL, DUMP and STATS of MCNIC_OBJ_RULE).
 * Ids are unique over every VRF; a delete names the rule's VRF too.  STATS
 * gives the counted rules and each VRF's default (id MCNIC_RULE_DEFAULT).
 */
#include "cmd_priv.h"

/* The value of the field the policy table refused, for the message. */
static s64 mcnic_tbl_rule_value(const struct mcnic_policy_rule *r,
				const char *f)
{
	static const struct {
		const char *name;
		u8 off;
		u8 size;
	} fields[] = {
#define MCNIC_RULE_FIELD(x) \
	{ #x, __builtin_offsetof(struct mcnic_policy_rule, x), sizeof(r->x) }
		MCNIC_RULE_FIELD(id), MCNIC_RULE_FIELD(vrf),
		MCNIC_RULE_FIELD(action), MCNIC_RULE_FIELD(flags),
		MCNIC_RULE_FIELD(match), MCNIC_RULE_FIELD(family),
		MCNIC_RULE_FIELD(src_len), MCNIC_RULE_FIELD(dst_len),
		MCNIC_RULE_FIELD(sport_lo), MCNIC_RULE_FIELD(dport_lo),
#undef MCNIC_RULE_FIELD
	};
	const u8 *p = (const u8 *)r;
	unsigned int i;
	u32 v = 0;

	for (i = 0; f && i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (!mcnic_cmd_streq(f, fields[i].name))
			continue;
		__builtin_memcpy(&v, p + fields[i].off, fields[i].size);
		return v;	/* little-endian, as the mailbox is */
	}
	return MCNIC_CMD_NOVAL;
}

static int mcnic_tbl_rule_check(struct mcnic_fw *fw, const void *e,
				struct mcnic_cmd_err *err)
{
	const struct mcnic_policy_rule *r = e;
	const char *field = NULL;

	if (mcnic_policy_rule_check(r, &field))
		return mcnic_cmd_fail(err, -MCNIC_EINVAL, "rule", field,
				      MCNIC_CMD_NOSUB,
				      mcnic_tbl_rule_value(r, field),
				      "invalid");
	if (!mcnic_pipe_vrf_exists(&fw->pipe, r->vrf))
		return mcnic_cmd_fail(err, -MCNIC_ENOENT, "rule", "vrf",
				      MCNIC_CMD_NOSUB, r->vrf, "no such vrf");
	return 0;
}

static int mcnic_tbl_rule_get(struct mcnic_fw *fw, const void *e, void *out)
{
	const struct mcnic_policy_rule *r = e;

	return mcnic_policy_table_get(&fw->pipe.rules, r->id, out);
}

static int mcnic_tbl_rule_set(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	return mcnic_pipe_rule_add(&fw->pipe, e, why);
}

static int mcnic_tbl_rule_del(struct mcnic_fw *fw, const void *e,
			      const char **why)
{
	const struct mcnic_policy_rule *r = e;

	return mcnic_pipe_rule_del(&fw->pipe, r->id, r->vrf);
}

/* Deleted under its own VRF only (get finds the id in any). */
static int mcnic_tbl_rule_can_del(struct mcnic_fw *fw, const void *e,
				  const char **why)
{
	const struct mcnic_policy_rule *r = e;
	struct mcnic_policy_rule cur;

	if (mcnic_policy_table_get(&fw->pipe.rules, r->id, &cur) ||
	    cur.vrf != r->vrf)
		return -MCNIC_ENOENT;
	return 0;
}

static int mcnic_tbl_rule_next(struct mcnic_fw *fw, u32 *pos, void *out)
{
	return mcnic_policy_table_next(&fw->pipe.rules, pos, out);
}

static int mcnic_tbl_rule_ctr(struct mcnic_fw *fw, u32 *pos,
			      struct mcnic_cmd_ctr *c)
{
	struct mcnic_kvmap_key k;
	u32 id;

	if (mcnic_kvmap_next(&fw->pipe.rule_ctr_map, pos, &k, &id))
		return -MCNIC_ENOENT;
	__builtin_memset(c, 0, sizeof(*c));
	c->id = k.w[0];
	c->aux = k.w[1];
	c->c[0] = fw->pipe.rule_ctr[id].packets;
	c->c[1] = fw->pipe.rule_ctr[id].bytes;
	return 0;
}

static s64 mcnic_tbl_rule_key(const void *e)
{
	return ((const struct mcnic_policy_rule *)e)->id;
}

const struct mcnic_tbl_ops mcnic_tbl_rule = {
	.name = "rule",
	.size = sizeof(struct mcnic_policy_rule),
	.check = mcnic_tbl_rule_check,
	.get = mcnic_tbl_rule_get,
	.set = mcnic_tbl_rule_set,
	.del = mcnic_tbl_rule_del,
	.can_del = mcnic_tbl_rule_can_del,
	.next = mcnic_tbl_rule_next,
	.ctr_next = mcnic_tbl_rule_ctr,
	.key_name = "id",
	.key = mcnic_tbl_rule_key,
};
