# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Tools: firmware image signing (mcnic-fwimage), the flashable image
# $(FW_BIN), and the flash objects the simulator links (docs/firmware-image.md).

FWIMAGE_TOOL	:= $(BUILD)/bin/mcnic-fwimage
FW_BIN		:= $(BUILD)/firmware/mcnic-fw.bin
FW_RAW		:= $(BUILD)/firmware/mcnic-fw.raw
FW_CAPS_DTB	:= $(BUILD)/firmware/caps.dtb

# The simulator links these (sim/sim.mk): image checks, key files, flash.
# The header's layout checks are libmcnic's object (host-lib/fwimage_hdr.c),
# so the host refuses exactly what the device would.
FWIMAGE_OBJS	:= $(addprefix $(BUILD)/native/sim/,fwimage.o fwkey.o) \
		   $(BUILD)/host-lib/fwimage_hdr.o
FLASH_OBJS	:= $(FWIMAGE_OBJS) $(BUILD)/native/sim/flash.o
FLASH_LIBS	:= -lsodium
# mcnic-fwimage quotes JSON with libmcnic's helper.
TOOLS_OBJS	:= $(BUILD)/native/tools/mcnic-fwimage.o \
		   $(BUILD)/host-lib/json.o

$(FLASH_OBJS) $(TOOLS_OBJS): CFLAGS += -I.

$(FWIMAGE_TOOL): $(TOOLS_OBJS) $(FWIMAGE_OBJS)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $^ $(FLASH_LIBS) -o $@

# Signing key.  Without FW_SIGN_KEY= a development key is made once under
# $(BUILD)/keys; a real key is given as FW_SIGN_KEY=path/to/release.key
# with its public key beside it (release.pub), or FW_PUBKEY=.
FW_DEV_KEY	:= $(BUILD)/keys/mcnic-dev.key
FW_SIGN_KEY	?= $(FW_DEV_KEY)
FW_PUBKEY	:= $(patsubst %.key,%.pub,$(FW_SIGN_KEY))

# Order-only: a rebuilt tool must not mint a new key.
$(FW_DEV_KEY): | $(FWIMAGE_TOOL)
	@mkdir -p $(@D)
	$(Q)$(FWIMAGE_TOOL) keygen --out $@ --pub $(@:.key=.pub) >/dev/null
	@echo "  NOTE     $@: generated DEVELOPMENT signing key (not for release; see FW_SIGN_KEY=)"

$(FW_DEV_KEY:.key=.pub): $(FW_DEV_KEY)
	@test -f $@ || { echo "$@ is missing: delete $< to make a new dev key" >&2; exit 1; }

ifneq ($(FW_SIGN_KEY),$(FW_DEV_KEY))
$(FW_SIGN_KEY):
	@echo "FW_SIGN_KEY=$@: no such key file" >&2; exit 1
endif

# Make compares times, not values: this file changes when the key or the
# version does, so switching FW_SIGN_KEY= or MCNIC_VERSION re-signs.
FW_SIGN_STAMP	:= $(BUILD)/firmware/mcnic-fw.sign
.PHONY: fwimage-stamp-check
fwimage-stamp-check:
$(FW_SIGN_STAMP): fwimage-stamp-check
	@mkdir -p $(@D)
	@echo '$(FW_SIGN_KEY) $(MCNIC_VERSION)' | cmp -s - $@ || \
		echo '$(FW_SIGN_KEY) $(MCNIC_VERSION)' >$@

# The capability FDT: the version string comes from here, not the source.
$(FW_CAPS_DTB): firmware/boot/caps.dts $(FW_SIGN_STAMP)
	@mkdir -p $(@D)
	$(call quiet_cmd,DTC,$@)
	$(Q)$(CC) -E -P -nostdinc -undef -x assembler-with-cpp \
		-DMCNIC_FW_VERSION='"$(MCNIC_VERSION)"' $< | \
		dtc -q -I dts -O dtb -o $@ -

$(FW_RAW): $(FW_ELF)
	$(call quiet_cmd,OBJCOPY,$@)
	$(Q)riscv64-unknown-elf-objcopy -O binary $< $@

$(FW_BIN): $(FW_RAW) $(FW_CAPS_DTB) $(FW_SIGN_KEY) $(FWIMAGE_TOOL) \
	  $(FW_SIGN_STAMP)
	$(call quiet_cmd,SIGN,$@)
	$(Q)$(FWIMAGE_TOOL) build --payload $(FW_RAW) --fdt $(FW_CAPS_DTB) \
		--key $(FW_SIGN_KEY) --version $(MCNIC_VERSION) -o $@ >/dev/null

firmware: $(FW_BIN)

ALL_TARGETS	+= $(FWIMAGE_TOOL) $(FW_BIN)

-include $(FLASH_OBJS:.o=.d) $(TOOLS_OBJS:.o=.d)
