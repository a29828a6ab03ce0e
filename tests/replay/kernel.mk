# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Replay against the Linux kernel's vxlan device as cloud-b's VTEP
# (tests/replay/kernel-peer.sh; root, network namespaces, veth).

TEST_SUITES	+= replay/kernel-peer=tests/replay/kernel-peer.sh
TEST_DEPS	+= $(MCNIC_SIM)
