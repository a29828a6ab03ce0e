# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The encap engine and its test against the firmware's mcnic_encap().
HDL_ENCAP_RTL	:= hdl/rtl/mcnic_encap.sv hdl/rtl/mcnic_encap_prep.sv \
		   hdl/rtl/mcnic_encap_buf.sv hdl/rtl/mcnic_fifo.sv \
		   hdl/rtl/mcnic_axis_insert.sv
$(eval $(call hdl_model,mcnic_encap,$(HDL_ENCAP_RTL),hdl/tb/encap_shim.cpp))
