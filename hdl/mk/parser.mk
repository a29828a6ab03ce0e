# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The packet parser (mcnic_parser and its mcnic_parse_* parts) and its test
# against the firmware's mcnic_parse().
PARSER_RTL	:= hdl/rtl/mcnic_parser.sv $(sort $(wildcard hdl/rtl/mcnic_parse_*.sv))
$(eval $(call hdl_model,mcnic_parser,$(PARSER_RTL),hdl/tb/parser_shim.cpp))
