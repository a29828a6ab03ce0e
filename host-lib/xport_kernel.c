// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * NICs behind the kernel driver (mcnic0, ...).  The driver and its uapi do
 * not exist yet, so this says which part is missing rather than failing
 * somewhere later.
 */
#include <errno.h>
#include <unistd.h>

#include "mcnic_priv.h"

int mcnic_xport_kernel_open(struct mcnic *h, const char *name)
{
	if (access("/sys/module/mcnic", F_OK))
		return mcnic_open_err(-ENODEV,
				      "%s: no kernel driver (mcnic.ko not loaded)",
				      name);
	return mcnic_open_err(-ENODEV,
			      "%s: this libmcnic cannot talk to the kernel driver yet",
			      name);
}
