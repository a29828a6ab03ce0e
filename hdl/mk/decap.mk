# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The decap engine (with its stream realigner) and its test against the
# firmware's mcnic_decap().
DECAP_RTL	:= hdl/rtl/mcnic_decap.sv hdl/rtl/mcnic_decap_fifo.sv \
		   hdl/rtl/mcnic_axis_strip.sv
$(eval $(call hdl_model,mcnic_decap,$(DECAP_RTL),hdl/tb/decap_shim.cpp))
