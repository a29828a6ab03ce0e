# Interop: the Linux kernel's vxlan device as an independent peer of our
# encap and decap.  kvxlan is a VTEP made only of the firmware data plane;
# kernel-vxlan.sh puts it and a kernel vxlan device in network namespaces
# (needs root, veth, iputils ping and ethtool).  sim-kernel.sh runs
# mcnic-sim, programmed by mcnicctl, with its TAP uplink in a namespace
# where the kernel's vxlan device is the remote VTEP (needs root, TAP,
# iputils ping).

KVXLAN		:= $(BUILD)/tests/interop/kvxlan

$(KVXLAN): tests/interop/kvxlan.c $(DP_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,CCLD,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP $< $(DP_LIB) -o $@

-include $(KVXLAN).d

TEST_SUITES	+= interop/kernel-vxlan=tests/interop/kernel-vxlan.sh
TEST_DEPS	+= $(KVXLAN)
ALL_TARGETS	+= $(KVXLAN)

TEST_SUITES	+= interop/sim-kernel=tests/interop/sim-kernel.sh
TEST_DEPS	+= $(MCNIC_SIM) $(MCNICCTL)
