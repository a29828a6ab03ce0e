# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The CRC32C unit and its test against the firmware's mcnic_crc32c().
$(eval $(call hdl_model,mcnic_crc32c,hdl/rtl/mcnic_crc32c.sv,hdl/tb/crc32c_shim.cpp))
