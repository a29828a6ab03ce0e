# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The whole pipeline (every module in hdl/rtl) with its C shim: what
# mcnic-sim's HDL engine and the pipeline tests drive.
$(eval $(call hdl_model,mcnic_pipeline,$(HDL_RTL),hdl/tb/pipeline_shim.cpp))
