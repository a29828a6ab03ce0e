// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Names and symbols of the drop reasons, for logs, counters and tools. */
#include "dp.h"

static const char *const mcnic_drop_names[MCNIC_DROP_COUNT] = {
#define MCNIC_DROP_NAME(name, val, str) [val] = str,
	MCNIC_DROP_LIST(MCNIC_DROP_NAME)
#undef MCNIC_DROP_NAME
};

/* The reasons' symbols ("POLICY_DENY"): stable keys for scripts. */
static const char *const mcnic_drop_syms[MCNIC_DROP_COUNT] = {
#define MCNIC_DROP_SYM(name, val, str) [val] = #name,
	MCNIC_DROP_LIST(MCNIC_DROP_SYM)
#undef MCNIC_DROP_SYM
};

const char *mcnic_drop_sym(enum mcnic_drop reason)
{
	if ((unsigned int)reason >= MCNIC_DROP_COUNT)
		return "UNKNOWN";
	return mcnic_drop_syms[reason];
}

const char *mcnic_drop_name(enum mcnic_drop reason)
{
	if ((unsigned int)reason >= MCNIC_DROP_COUNT)
		return "unknown";
	return mcnic_drop_names[reason];
}
