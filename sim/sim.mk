# The simulator's side: mcnic-sim (replay now; the device daemon comes
# next) and the tunnel demo, which runs example tenant frames through the
# firmware data plane's encap and decap.

BIN		:= $(BUILD)/bin
TUNNEL_DEMO	:= $(BIN)/mcnic-tunnel-demo
MCNIC_SIM	:= $(BIN)/mcnic-sim

SIM_DEMO_OBJS	:= $(BUILD)/native/sim/tunnel-demo.o
SIM_OBJS	:= $(addprefix $(BUILD)/native/sim/,main.o replay.o report.o \
		   program.o)

# sim/ includes host-lib/ headers by their path from the top.
$(SIM_OBJS): CFLAGS += -I.

$(TUNNEL_DEMO): $(SIM_DEMO_OBJS) $(DP_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ -lpcap -o $@

$(MCNIC_SIM): $(SIM_OBJS) $(HOST_LIB) $(DP_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SIM_OBJS) $(HOST_LIB) $(DP_LIB) -lyaml -lpcap -o $@

# The demo: tunnel encap/decap first, then cloud-a's NIC from
# examples/multicloud.yaml replaying example traffic (tests/demo/).
demo: deps
	$(Q)$(MAKE) $(TUNNEL_DEMO) $(MCNIC_SIM)
	$(Q)$(TUNNEL_DEMO) --out $(BUILD)/demo
	$(Q)BUILD=$(BUILD) tests/demo/multicloud-demo.sh

ALL_TARGETS	+= $(TUNNEL_DEMO) $(MCNIC_SIM)

-include $(SIM_DEMO_OBJS:.o=.d) $(SIM_OBJS:.o=.d)
