# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnic.ko against Debian's linux-headers-amd64 (never the running
# kernel's: the QEMU guest runs that Debian kernel).  Kbuild writes its
# objects beside the sources, so the build runs in a tree of symlinks
# under $(BUILD)/kmod and only $(KMOD) is the result.
KDIR		?= $(firstword $(wildcard /usr/src/linux-headers-*-amd64))
KVER		:= $(patsubst /usr/src/linux-headers-%,%,$(KDIR))
KMOD_TREE	:= $(BUILD)/kmod
KMOD		:= $(BUILD)/driver/mcnic.ko
KMOD_SRCS	:= $(wildcard driver/*.c driver/*.h) driver/Kbuild Kbuild \
		   $(wildcard include/mcnic/*.h)
KMOD_FLAGS	?= W=1

.PHONY: driver
driver: $(KMOD)

$(KMOD): $(KMOD_SRCS)
	@if [ ! -d "$(KDIR)" ]; then \
		echo "driver: no kernel headers (make deps installs linux-headers-amd64)" >&2; \
		exit 1; fi
	@mkdir -p $(KMOD_TREE)/driver $(@D)
	$(Q)ln -sf $(CURDIR)/Kbuild $(KMOD_TREE)/Kbuild
	$(Q)for f in $(wildcard driver/*.c driver/*.h) driver/Kbuild; do \
		ln -sf $(CURDIR)/$$f $(KMOD_TREE)/$$f; done
	$(call quiet_cmd,KBUILD,$@)
	$(Q)$(MAKE) -C $(KDIR) M=$(abspath $(KMOD_TREE)) \
		MCNIC_SRC=$(CURDIR) $(KMOD_FLAGS) modules \
		$(if $(Q),>$(KMOD_TREE)/build.log 2>&1 || \
		{ cat $(KMOD_TREE)/build.log; exit 1; })
	$(Q)cp $(KMOD_TREE)/driver/mcnic.ko $@

ALL_TARGETS	+= $(KMOD)

# make lint: sparse (C=2) over the module, and the kernel's checkpatch.pl
# --strict over it and its uapi.  Debian ships checkpatch.pl only inside
# linux-source's tarball: the three files it reads are taken out once and
# kept under $(BUILD)/checkpatch.
CHECKPATCH_DIR	:= $(BUILD)/checkpatch
CHECKPATCH	:= $(CHECKPATCH_DIR)/scripts/checkpatch.pl
CHECKPATCH_SRCS	:= $(wildcard driver/*.c driver/*.h) include/mcnic/uapi.h \
		   include/mcnic/pci.h

$(CHECKPATCH):
	@mkdir -p $(CHECKPATCH_DIR)
	$(call quiet_cmd,FETCH,$@)
	$(Q)cd $(CHECKPATCH_DIR) && rm -f linux-source-*.deb && \
		apt-get download -q -o APT::Sandbox::User=root linux-source-$(word 1,$(subst ., ,$(KVER))).$(word 2,$(subst ., ,$(KVER))) >/dev/null && \
		dpkg-deb --fsys-tarfile linux-source-*.deb | \
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' | xz -dc | \
		tar -x --strip-components=1 --wildcards '*/scripts/checkpatch.pl' \
			'*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch' && \
		rm -f linux-source-*.deb

.PHONY: driver-lint
driver-lint: $(CHECKPATCH)
	$(Q)rm -f $(KMOD)
	$(Q)$(MAKE) driver KMOD_FLAGS="W=1 C=2"
	@if grep -E '^[^ ]+: (warning|error):' $(KMOD_TREE)/build.log; then \
		echo "driver-lint: sparse or W=1 warnings above" >&2; exit 1; fi
	@echo "checkpatch --strict: $(words $(CHECKPATCH_SRCS)) files"
	$(Q)for f in $(CHECKPATCH_SRCS); do \
		perl $(CHECKPATCH) --no-tree --terse --file --strict $$f | \
		grep -v '^total: 0 errors, 0 warnings, 0 checks' && exit 1; \
	done; true

lint: driver-lint
