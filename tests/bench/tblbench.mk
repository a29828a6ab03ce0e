# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the table-programming rate (routes added and deleted in
# batches) through mcnic-sim's socket, and through the kernel driver in
# the QEMU guest (tests/hil, scenario tblbench) -- libmcnic, /dev/mcnic0,
# the BAR mailbox over the shm bus, the firmware.
TBLBENCH	:= $(BENCH_DIR)/tblbench

$(TBLBENCH): tests/bench/tblbench.c $(LIBMCNIC_SO) $(LIBMCNIC_LINK)
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -Ihost-lib $< -L$(BUILD)/lib -lmcnic \
		-Wl,-rpath,'$$ORIGIN/../../lib' -o $@

BENCH_DEPS	+= $(TBLBENCH) $(MCNIC_SIM) $(KMOD)
BENCH_RUNS	+= tests/bench/tblbench.sh
