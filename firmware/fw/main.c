// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware entry.  Today the firmware proves its data plane and reports;
 * the command handler and packet loop attach here as the device model
 * (issue: simulated NIC) defines the rings they serve.
 */
#include "../hal/hal.h"
#include "selftest.h"

void mcnic_fw_main(void);

void mcnic_fw_main(void)
{
	int failed;

	mcnic_hal_console_write("mcnic-fw: data-plane self-test\n");
	failed = mcnic_selftest_run();
	mcnic_hal_console_write(failed ? "mcnic-fw: self-test FAILED\n" :
				"mcnic-fw: self-test passed (vxlan geneve gre)\n");
	if (!failed) {
		failed = mcnic_pipetest_run() ? 0x8 : 0;
		mcnic_hal_console_write(failed ?
			"mcnic-fw: pipeline self-test FAILED\n" :
			"mcnic-fw: pipeline self-test passed (egress, hit, ingress)\n");
	}
	if (!failed) {
		failed = mcnic_mboxtest_run() ? 0x10 : 0;
		mcnic_hal_console_write(failed ?
			"mcnic-fw: mailbox self-test FAILED\n" :
			"mcnic-fw: mailbox self-test passed (tables, stats, dump, reset)\n");
	}
	mcnic_hal_halt(failed);
}
