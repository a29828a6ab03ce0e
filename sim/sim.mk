# The simulator's side.  For now: the tunnel demo, which runs example tenant
# frames through the firmware data plane (the device model comes next).

BIN		:= $(BUILD)/bin
TUNNEL_DEMO	:= $(BIN)/mcnic-tunnel-demo

SIM_OBJS	:= $(BUILD)/native/sim/tunnel-demo.o

$(TUNNEL_DEMO): $(SIM_OBJS) $(DP_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ -lpcap -o $@

demo: deps
	$(Q)$(MAKE) $(TUNNEL_DEMO)
	$(Q)$(TUNNEL_DEMO) --out $(BUILD)/demo

ALL_TARGETS	+= $(TUNNEL_DEMO)

-include $(SIM_OBJS:.o=.d)
