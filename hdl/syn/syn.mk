# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Generic synthesis of the HDL pipeline with Debian's yosys (hdl/syn/synth.sh):
# fails on a latch, prints the cell count and the longest logic path.  Part
# of `make lint`.  A run takes about 6 CPU minutes and 3.3 GB (16 minutes
# wall-clock on a busy 2-core machine), so its result is kept until
# the RTL, the package or hdl/syn/ changes; `make hdl-synth` then prints the
# kept summary line.
HDL_SYN_DIR	:= $(BUILD)/hdl/syn
HDL_SYN_DEPS	:= hdl/gen/mcnic_pkg.sv $(wildcard hdl/rtl/*.sv) \
		   hdl/syn/synth.sh hdl/syn/synth.ys hdl/syn/prep.py

$(HDL_SYN_DIR)/summary.txt: $(HDL_SYN_DEPS)
	hdl/syn/synth.sh $(HDL_SYN_DIR)
	@touch $(HDL_SYN_DIR)/.printed

.PHONY: hdl-synth
hdl-synth: $(HDL_SYN_DIR)/summary.txt
	@if [ -e $(HDL_SYN_DIR)/.printed ]; then rm -f $(HDL_SYN_DIR)/.printed; \
	else printf 'hdl-synth: unchanged since the last run\n'; cat $<; fi

lint: hdl-synth
