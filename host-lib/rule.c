// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Policy rules, identified by (id, VRF).  The device has no "change": a
 * different rule with the same id is removed and added again.
 */
#include <stddef.h>

#include "dp/pipe.h"	/* MCNIC_VRF_ID_MAX */
#include "mcnic_priv.h"

#define RU_OFF(f)	offsetof(struct mcnic_policy_rule, f)

static const char *const mcnic_rule_actions[] = { "deny", "allow", NULL };

static const struct mcnic_field mcnic_rule_fields[] = {
	{ MCNIC_FLD("vrf", MCNIC_F_U16, MCNIC_FF_KEY, RU_OFF(vrf)),
	  .max = MCNIC_VRF_ID_MAX },
	{ MCNIC_FLD("id", MCNIC_F_U32, MCNIC_FF_KEY, RU_OFF(id)) },
	{ MCNIC_FLD("priority", MCNIC_F_U32, 0, RU_OFF(priority)) },
	{ MCNIC_FLD("action", MCNIC_F_ENUM, 0, RU_OFF(action)),
	  .names = mcnic_rule_actions },
	{ MCNIC_FLD("egress", MCNIC_F_FLAG, 0, RU_OFF(match)), .size = 1,
	  .max = MCNIC_POLM_EGRESS },
	{ MCNIC_FLD("ingress", MCNIC_F_FLAG, 0, RU_OFF(match)), .size = 1,
	  .max = MCNIC_POLM_INGRESS },
	{ MCNIC_FLD("src", MCNIC_F_PREFIX, MCNIC_FF_OPT, RU_OFF(src)),
	  .aux = RU_OFF(family), .aux2 = RU_OFF(src_len) },
	{ MCNIC_FLD("dst", MCNIC_F_PREFIX, MCNIC_FF_OPT, RU_OFF(dst)),
	  .aux = RU_OFF(family), .aux2 = RU_OFF(dst_len) },
	{ MCNIC_FLD("sseg", MCNIC_F_U16, 0, RU_OFF(sseg)),
	  .cond_off = RU_OFF(match), .cond_mask = MCNIC_POLM_SSEG },
	{ MCNIC_FLD("dseg", MCNIC_F_U16, 0, RU_OFF(dseg)),
	  .cond_off = RU_OFF(match), .cond_mask = MCNIC_POLM_DSEG },
	{ MCNIC_FLD("proto", MCNIC_F_U8, 0, RU_OFF(proto)),
	  .cond_off = RU_OFF(match), .cond_mask = MCNIC_POLM_PROTO },
	{ MCNIC_FLD("sport", MCNIC_F_RANGE, MCNIC_FF_OPT, RU_OFF(sport_lo)) },
	{ MCNIC_FLD("dport", MCNIC_F_RANGE, MCNIC_FF_OPT, RU_OFF(dport_lo)) },
	{ MCNIC_FLD("count", MCNIC_F_FLAG, 0, RU_OFF(flags)), .size = 1,
	  .max = MCNIC_POLF_COUNT },
	{ NULL }
};

/* Any port matches until a range is given. */
static void mcnic_rule_defaults(void *e)
{
	struct mcnic_policy_rule *r = e;

	r->sport_hi = 0xffff;
	r->dport_hi = 0xffff;
}

const struct mcnic_objtype mcnic_objtype_rule = {
	.name = "rule",
	.obj = MCNIC_OBJ_RULE,
	.size = sizeof(struct mcnic_policy_rule),
	.set_op = MCNIC_CMD_RULE_ADD,
	.del_op = MCNIC_CMD_RULE_DEL,
	.defaults = mcnic_rule_defaults,
	.fields = mcnic_rule_fields,
};

int mcnic_rule_add(struct mcnic *h, const struct mcnic_policy_rule *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_RULE_ADD, e, sizeof(*e), n);
}

int mcnic_rule_del(struct mcnic *h, const struct mcnic_policy_rule *e,
		   unsigned int n)
{
	return mcnic_batch(h, MCNIC_CMD_RULE_DEL, e, sizeof(*e), n);
}

int mcnic_rule_dump(struct mcnic *h, struct mcnic_policy_rule **e,
		    unsigned int *n)
{
	return mcnic_dump(h, MCNIC_CMD_DUMP, MCNIC_OBJ_RULE, sizeof(**e),
			  (void **)e, n);
}
