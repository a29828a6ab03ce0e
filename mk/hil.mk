# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Hardware-in-the-loop (tests/hil/): mcnic.ko in a QEMU guest running
# Debian's kernel for linux-headers-amd64, against mcnic-sim as its PCI
# device.  tests/hil/guest.sh fetches that kernel (apt-get download, kept
# in $(BUILD)/hil/cache) and packs the initramfs; tests/hil/run.sh boots
# it.  Include after tests/tests.mk (which starts TEST_SUITES afresh) and
# driver/driver.mk (KMOD).
#   make hil                       every scenario, one boot
#   make hil HIL_SCENARIOS=boot    some of them (tests/hil/scenarios/)

# Guest-side programs (tests/hil/guest/), static: the guest has no libc
# of its own.
HIL_IOCTL_CHECK	:= $(BUILD)/hil/ioctl_check
HIL_DEPS	:= $(MCNIC_SIM) $(MCNICCTL) $(KMOD) $(HIL_IOCTL_CHECK) $(TBLBENCH)

$(HIL_IOCTL_CHECK): tests/hil/guest/ioctl_check.c $(wildcard include/mcnic/*.h)
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -static -Iinclude $< -o $@
HIL_SCENARIOS	?=

TEST_SUITES	+= hil=tests/hil/run.sh hil/highmem=tests/hil/highmem.sh
TEST_DEPS	+= $(HIL_DEPS)

.PHONY: hil
hil: $(HIL_DEPS)
	@BUILD=$(BUILD) tests/hil/run.sh $(HIL_SCENARIOS)
