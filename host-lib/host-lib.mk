# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The host library (libmcnic): every host-lib/*.c, one object each, built
# with the repository's CFLAGS plus -I. (for "host-lib/..." and "dp/..."
# includes).  Programs link $(HOST_LIBS): the library, the native data
# plane it validates against, and libyaml for the configuration loader.

HOST_LIB_SRCS	:= $(sort $(wildcard host-lib/*.c))
HOST_LIB_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(HOST_LIB_SRCS))
HOST_LIB	:= $(BUILD)/lib/libmcnic-host.a
HOST_LIBS	:= $(HOST_LIB) $(DP_LIB) -lyaml

$(BUILD)/host-lib/%.o: host-lib/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -MMD -MP -c $< -o $@

$(HOST_LIB): $(HOST_LIB_OBJS)
	@mkdir -p $(@D)
	$(call quiet_cmd,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

ALL_TARGETS	+= $(HOST_LIB)

-include $(HOST_LIB_OBJS:.o=.d)
