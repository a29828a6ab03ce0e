# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The HDL pipeline: generated constants, Verilator models, lint.
#
# hdl/gen/mcnic_pkg.sv is generated from include/mcnic/ by hdl/gen/hdlgen.c
# and committed; `make hdl-gen` rewrites it, and the test hdl/gen-check
# fails when the committed file and the headers drift apart.
#
# Each module (or the whole pipeline) that a test drives is a Verilator
# model plus an extern "C" shim (hdl/tb/<top>_shim.cpp), so tests written
# in C can run the native firmware beside it.  $(call hdl_model,TOP,SRCS)
# declares one: it builds $(BUILD)/hdl/TOP/libTOP.a, holding the model,
# Verilator's runtime and the shim.  Link it with $(HDL_LDLIBS) and g++.
# Parts add their models from hdl/mk/*.mk.

VERILATOR	:= verilator
HDL_PKG		:= hdl/gen/mcnic_pkg.sv
HDL_GEN		:= $(BUILD)/hdl/hdlgen
HDL_LDLIBS	:= -lstdc++ -lm -pthread
# -O3: Verilator's default -Os halves simulation speed (DESIGN.md).
HDL_VFLAGS	:= --cc -O3 -MAKEFLAGS OPT_FAST=-O3 --x-assign unique \
		   --x-initial unique -Wall -Wno-fatal -Ihdl/rtl \
		   -CFLAGS "-std=c++17 -I$(CURDIR)/include -I$(CURDIR)/hdl/tb"
HDL_RTL		:= $(sort $(wildcard hdl/rtl/*.sv))
HDL_MODELS	:=

$(HDL_GEN): hdl/gen/hdlgen.c $(wildcard include/mcnic/*.h)
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) $< -o $@

.PHONY: hdl-gen
hdl-gen: $(HDL_GEN)
	$(Q)$(HDL_GEN) > $(HDL_PKG)

# $(call hdl_model,TOP,RTL_SOURCES,SHIM_SOURCES)
define hdl_model
HDL_MODELS += $(BUILD)/hdl/$(1)/lib$(1).a
$(BUILD)/hdl/$(1)/V$(1)__ALL.a: $(HDL_PKG) $(2)
	@mkdir -p $$(@D)
	$$(call quiet_cmd,VERILATE,$(1))
	$$(Q)$(VERILATOR) $(HDL_VFLAGS) --Mdir $(BUILD)/hdl/$(1) \
		--top-module $(1) $(HDL_PKG) $(2) >$(BUILD)/hdl/$(1).log 2>&1 || \
		{ cat $(BUILD)/hdl/$(1).log; exit 1; }
	$$(Q)$(MAKE) -s -C $(BUILD)/hdl/$(1) -f V$(1).mk OPT_FAST=-O3 \
		V$(1)__ALL.a verilated.o verilated_threads.o >>$(BUILD)/hdl/$(1).log 2>&1 || \
		{ cat $(BUILD)/hdl/$(1).log; exit 1; }
$(BUILD)/hdl/$(1)/lib$(1).a: $(BUILD)/hdl/$(1)/V$(1)__ALL.a $(3)
	$$(call quiet_cmd,AR,$$@)
	$$(Q)for s in $(3); do \
		g++ -std=c++17 -O2 -Wall -Werror -Iinclude -Ihdl/tb \
		    -I$(BUILD)/hdl/$(1) -I/usr/share/verilator/include \
		    -I/usr/share/verilator/include/vltstd \
		    -c $$$$s -o $(BUILD)/hdl/$(1)/$$$$(basename $$$$s .cpp).o || exit 1; \
	done
	$$(Q)rm -f $$@ && cd $(BUILD)/hdl/$(1) && \
		cp V$(1)__ALL.a lib$(1).a && \
		ar rcs lib$(1).a verilated.o verilated_threads.o \
		   $(foreach s,$(3),$(notdir $(s:.cpp=.o)))
endef

include $(sort $(wildcard hdl/mk/*.mk))

ALL_TARGETS	+= $(HDL_MODELS)
include hdl/syn/syn.mk
