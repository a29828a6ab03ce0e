# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnic-sim run, the daemon: the BAR register model as a cmocka unit test
# (linked with the device model's objects), and the daemon driven through
# its host socket by Python clients (tests/sim/simclient.py): device
# commands, malformed input, boards, frames over UDP/pcap/TAP ports and
# between two sims, the flash, a user-space driver's queues and DMA
# (sim/dma).  sim/tap needs root.

SIM_TEST_DIR	:= $(BUILD)/tests/sim
SIM_TEST_REGS	:= $(SIM_TEST_DIR)/test_regs
SIM_TEST_LINK	:= $(addprefix $(SIM_DIR)/,dev.o board.o caps.o regs.o qm.o \
		   dma.o log.o) \
		   $(SIM_BLOB_OBJS) $(FLASH_OBJS) $(FW_LIB) $(DP_LIB)

$(SIM_TEST_DIR)/test_regs.o: tests/sim/test_regs.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -MMD -MP -c $< -o $@

$(SIM_TEST_REGS): $(SIM_TEST_DIR)/test_regs.o $(SIM_TEST_LINK)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ $(CMOCKA_LIBS) -lfdt $(FLASH_LIBS) -o $@

TEST_SUITES	+= sim/regs=$(SIM_TEST_REGS) \
		   sim/daemon=tests/sim/daemon.sh \
		   sim/traffic=tests/sim/traffic.sh \
		   sim/flash=tests/sim/flash.sh \
		   sim/dma=tests/sim/dma.sh \
		   sim/ivshmem=tests/sim/ivshmem.sh \
		   sim/tap=tests/sim/tap.sh
TEST_DEPS	+= $(SIM_TEST_REGS) $(MCNIC_SIM) $(FW_BIN) $(FWIMAGE_TOOL)

-include $(SIM_TEST_DIR)/test_regs.d
