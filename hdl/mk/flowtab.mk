# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The flow key, flow hash, key hash and flow table units, each behind a
# test top in hdl/tb (the table in two geometries).
FLOWKEY_RTL	:= hdl/tb/mcnic_flow_key_tb.sv hdl/rtl/mcnic_flow_key.sv \
		   hdl/rtl/mcnic_flow_hash.sv hdl/rtl/mcnic_key_hash.sv \
		   hdl/rtl/mcnic_crc32c.sv
FLOWTAB_RTL	:= hdl/tb/mcnic_flow_table_tb.sv hdl/rtl/mcnic_flow_table.sv
$(eval $(call hdl_model,mcnic_flow_key_tb,$(FLOWKEY_RTL),hdl/tb/flowkey_shim.cpp))
$(eval $(call hdl_model,mcnic_flow_table_tb,$(FLOWTAB_RTL),hdl/tb/flowtab_shim.cpp))
