# The simulator's side.  For now: the tunnel demo, which runs example tenant
# frames through the firmware data plane (the device model comes next).

BIN		:= $(BUILD)/bin
TUNNEL_DEMO	:= $(BIN)/mcnic-tunnel-demo

$(TUNNEL_DEMO): $(BUILD)/native/sim/tunnel-demo.o $(DP_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ -lpcap -o $@

demo: deps
	$(Q)$(MAKE) $(TUNNEL_DEMO)
	$(Q)$(TUNNEL_DEMO) --out $(BUILD)/demo

ALL_TARGETS	+= $(TUNNEL_DEMO)
