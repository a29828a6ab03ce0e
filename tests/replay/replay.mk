# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Replay tests: examples/multicloud.yaml through mcnic-sim replay, checked
# against scapy-built expectations (tests/replay/replay_test.py).

TEST_SUITES	+= replay/multicloud=tests/replay/multicloud.sh
TEST_DEPS	+= $(MCNIC_SIM)
