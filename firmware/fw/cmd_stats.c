// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* PIPE_STATS: the flow cache's counters, the mailbox's, every table's use. */
#include "cmd_priv.h"

static void mcnic_stats_use(struct mcnic_cmd_table_use *t, u32 used, u32 cap)
{
	t->used = used;
	t->capacity = cap;
}

int mcnic_cmd_pipe_stats(struct mcnic_fw *fw, struct mcnic_cmd_ans *a,
			 struct mcnic_cmd_err *err)
{
	const struct mcnic_pipe *p = &fw->pipe;
	struct mcnic_pipe_occupancy o;
	struct mcnic_cmd_pipe_stats s;
	unsigned int i;

	if (a->room < sizeof(s))
		return mcnic_cmd_fail(err, -MCNIC_E2BIG, "resp_max", NULL,
				      MCNIC_CMD_NOSUB, MCNIC_CMD_NOVAL,
				      "no room for the answer");
	_Static_assert((int)MCNIC_TBL_COUNT <= (int)MCNIC_CMD_TBL_TMPLS,
		       "the pipe's tables come first, in the contract's order");
	__builtin_memset(&s, 0, sizeof(s));
	s.flow_hits = p->st.flow_hits;
	s.flow_misses = p->st.flow_misses;
	s.flow_stale = p->st.flow_stale;
	s.flow_installs = p->st.flow_installs;
	s.flow_install_fail = p->st.flow_install_fail;
	s.cmds = fw->cmds;
	s.cmd_errors = fw->cmd_errors;
	mcnic_pipe_occupancy(p, &o);
	for (i = 0; i < MCNIC_TBL_COUNT; i++)
		mcnic_stats_use(&s.t[i], o.t[i].used, o.t[i].capacity);
	mcnic_stats_use(&s.t[MCNIC_CMD_TBL_TMPLS], p->tmpls_used,
			p->lim.tmpls);
	mcnic_stats_use(&s.t[MCNIC_CMD_TBL_NEXTHOPS], p->nexthops_used,
			p->lim.nexthops);
	mcnic_stats_use(&s.t[MCNIC_CMD_TBL_NHGS], p->nhgs_used, p->lim.nhgs);
	__builtin_memcpy(a->payload, &s, sizeof(s));
	a->len = sizeof(s);
	return 0;
}
