# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnic top-level build.  Each part adds its rules from its own .mk file;
# everything lands under build/.  `make help` lists the targets.

BUILD		:= build
CC		:= gcc
CLANG		:= clang
PY		:= /usr/bin/python3
ARCH		:= $(shell uname -m)
# The firmware's version (MAJOR.MINOR.PATCH): in the image and DEV_INFO.
MCNIC_VERSION	:= 0.4.0

CFLAGS_COMMON	:= -std=gnu11 -g -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
		   -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
		   -Iinclude -Ifirmware
ifeq ($(ARCH),x86_64)
CFLAGS_COMMON	+= -msse4.2
endif
CFLAGS		?= $(CFLAGS_COMMON)

# Quiet by default, like Kbuild; V=1 shows every command.
ifeq ($(V),1)
Q		:=
else
Q		:= @
MAKEFLAGS	+= --no-print-directory
endif
quiet_cmd	= $(if $(Q),@printf '  %-8s %s\n' $(1) $(2))

.DEFAULT_GOAL	:= all
.PHONY: all help deps firmware test demo bench fuzz lint clean

help:
	@echo "make deps      install the Debian packages mcnic needs (idempotent)"
	@echo "make           build everything (native firmware, tools, tests, RISC-V image)"
	@echo "make firmware  cross-build build/firmware/mcnic-fw.elf for the NIC cores"
	@echo "make demo      two simulated NICs, programmed by mcnicctl, tenants across them"
	@echo "make demo-netns   the same with Linux hosts in namespaces (root)"
	@echo "make demo-replay  the offline demo: encap/decap and a NIC replaying captures"
	@echo "make test      build and run every test; ends with 'N passed, N failed'"
	@echo "make bench     data-plane benchmarks (ns/packet, Mpps, instructions/packet)"
	@echo "make bench-hdl the HDL pipeline's cycles per frame from its Verilator model"
	@echo "make hdl-gen   rewrite hdl/gen/mcnic_pkg.sv from include/mcnic/"
	@echo "make hdl-synth generic yosys synthesis of the HDL pipeline (part of make lint)"
	@echo "make driver    the kernel module build/driver/mcnic.ko (Debian's 6.1 headers)"
	@echo "make fuzz      run the libFuzzer targets (FUZZ_SECONDS=N each)"
	@echo "make lint      static checks"

include mk/deps.mk
include mk/lint.mk
include firmware/firmware.mk
include host-lib/host-lib.mk
include sim/sim.mk
include tools/tools.mk
include hdl/hdl.mk
include driver/driver.mk
include tests/tests.mk

all: $(ALL_TARGETS)

clean:
	rm -rf $(BUILD)
include mk/hil.mk
