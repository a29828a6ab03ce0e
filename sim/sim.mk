# The simulator's side: mcnic-sim (run: the NIC as a daemon; replay) and
# the tunnel demo, which runs example tenant frames through the firmware
# data plane's encap and decap.

BIN		:= $(BUILD)/bin
TUNNEL_DEMO	:= $(BIN)/mcnic-tunnel-demo
MCNIC_SIM	:= $(BIN)/mcnic-sim
SIM_DIR		:= $(BUILD)/native/sim

SIM_DEMO_OBJS	:= $(SIM_DIR)/tunnel-demo.o
# The daemon's objects (one per file) and the replay's.
SIM_RUN_OBJS	:= $(addprefix $(SIM_DIR)/,run.o dev.o board.o caps.o regs.o \
		   qm.o dma.o hostsock.o ivshmem.o shmbus.o simport.o \
		   port_udp.o port_tap.o port_pcap.o log.o)
SIM_OBJS	:= $(addprefix $(SIM_DIR)/,main.o replay.o report.o \
		   program.o hdl_engine.o) $(SIM_RUN_OBJS)
# The HDL engine drives the Verilator model of the pipeline (hdl/hdl.mk).
SIM_HDL_LIB	:= $(BUILD)/hdl/mcnic_pipeline/libmcnic_pipeline.a
# Built-in device trees: the default board, the firmware's capabilities.
SIM_BOARD_DTB	:= $(SIM_DIR)/default.dtb
SIM_BLOB_OBJS	:= $(SIM_DIR)/board_dtb.o $(SIM_DIR)/fw_caps.o

# sim/ includes host-lib/ headers by their path from the top.
$(SIM_OBJS): CFLAGS += -I. -Ihdl/tb
# The key images must be signed with unless --trust-key says otherwise.
$(SIM_DIR)/run.o: CFLAGS += -DMCNIC_FW_PUBKEY='"$(abspath $(FW_PUBKEY))"'
$(SIM_DIR)/run.o: tools/tools.mk

$(SIM_BOARD_DTB): sim/boards/default.dts
	@mkdir -p $(@D)
	$(call quiet_cmd,DTC,$@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(SIM_DIR)/board_dtb.o: sim/blob.S $(SIM_BOARD_DTB)
	$(call quiet_cmd,AS,$@)
	$(Q)$(CC) -c -DBLOB=mcnic_board_default_dtb \
		-DBLOB_FILE='"$(SIM_BOARD_DTB)"' $< -o $@

# FW_CAPS_DTB comes from tools/tools.mk, read after this file.
.SECONDEXPANSION:
$(SIM_DIR)/fw_caps.o: sim/blob.S $$(FW_CAPS_DTB)
	$(call quiet_cmd,AS,$@)
	$(Q)$(CC) -c -DBLOB=mcnic_fw_caps_dtb -DBLOB_FILE='"$(FW_CAPS_DTB)"' \
		$< -o $@

$(TUNNEL_DEMO): $(SIM_DEMO_OBJS) $(DP_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ -lpcap -o $@

$(MCNIC_SIM): $(SIM_OBJS) $(SIM_BLOB_OBJS) $$(FLASH_OBJS) $(HOST_LIB) \
	      $(FW_LIB) $(DP_LIB) $(SIM_HDL_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LTO_LDFLAGS) $(SIM_OBJS) $(SIM_BLOB_OBJS) \
		$(FLASH_OBJS) \
		$(HOST_LIB) $(FW_LIB) $(DP_LIB) $(SIM_HDL_LIB) \
		$(HOST_LIB_LDLIBS) -lpcap $(FLASH_LIBS) $(HDL_LDLIBS) -o $@

# The demo: two simulated NICs (cloud-a, cloud-b) on a loopback underlay,
# programmed by mcnicctl from examples/, tenants talking across them
# (tests/demo/two-clouds.sh).  demo-replay: the offline tools -- tunnel
# encap/decap, and cloud-a's NIC replaying example captures.
.PHONY: demo-replay
demo: deps
	$(Q)$(MAKE) $(MCNIC_SIM) $(MCNICCTL)
	$(Q)BUILD=$(BUILD) tests/demo/two-clouds.sh

# demo-netns (root): the same two NICs with Linux hosts in network
# namespaces on TAP vports, pinging and connecting across them.
.PHONY: demo-netns
demo-netns: deps
	$(Q)$(MAKE) $(MCNIC_SIM) $(MCNICCTL)
	$(Q)BUILD=$(BUILD) tests/demo/two-clouds-netns.sh

demo-replay: deps
	$(Q)$(MAKE) $(TUNNEL_DEMO) $(MCNIC_SIM)
	$(Q)$(TUNNEL_DEMO) --out $(BUILD)/demo
	$(Q)BUILD=$(BUILD) tests/demo/multicloud-demo.sh

ALL_TARGETS	+= $(TUNNEL_DEMO) $(MCNIC_SIM)

-include $(SIM_DEMO_OBJS:.o=.d) $(SIM_OBJS:.o=.d)
