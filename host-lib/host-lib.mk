# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The host library (libmcnic) and mcnicctl.
#
# Every host-lib/*.c is one object of the library, with the data-plane
# objects it shares: drop reason names, and what the config loader checks
# against (parser defaults, template build).  Built twice: plain objects
# for the static library (HOST_LIB, which mcnic-sim and the tests link),
# and PIC objects with hidden visibility for the shared library, which
# exports only what host-lib/mcnic.h marks MCNIC_API.  mcnicctl
# (host-lib/ctl/) links the shared library, so it can use nothing else.

PREFIX		?= /usr/local
HOST_LIB_SRCS	:= $(sort $(wildcard host-lib/*.c))
HOST_LIB_DP_SRCS := firmware/dp/drop.c firmware/dp/parse.c firmware/dp/tmpl.c
HOST_LIB_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(HOST_LIB_SRCS)) \
		   $(patsubst %.c,$(BUILD)/native/%.o,$(HOST_LIB_DP_SRCS))
HOST_LIB_PIC_OBJS := $(patsubst %.c,$(BUILD)/pic/%.o,$(HOST_LIB_SRCS) \
		     $(HOST_LIB_DP_SRCS))
HOST_LIB_LDLIBS	:= -lyaml -lfdt -lpci
HOST_LIB	:= $(BUILD)/lib/libmcnic.a
HOST_LIBS	:= $(HOST_LIB) $(DP_LIB) $(HOST_LIB_LDLIBS)
LIBMCNIC_SO	:= $(BUILD)/lib/libmcnic.so.0
LIBMCNIC_LINK	:= $(BUILD)/lib/libmcnic.so
LIBMCNIC_PC	:= $(BUILD)/lib/pkgconfig/libmcnic.pc

$(BUILD)/host-lib/%.o: host-lib/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -MMD -MP -c $< -o $@

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -I. -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

$(HOST_LIB): $(HOST_LIB_OBJS)
	@mkdir -p $(@D)
	$(call quiet_cmd,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(LIBMCNIC_SO): $(HOST_LIB_PIC_OBJS)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) -shared -Wl,-soname,libmcnic.so.0 -Wl,--no-undefined \
		$^ $(HOST_LIB_LDLIBS) -o $@

$(LIBMCNIC_LINK): $(LIBMCNIC_SO)
	$(Q)ln -sf libmcnic.so.0 $@

$(LIBMCNIC_PC): host-lib/host-lib.mk Makefile
	@mkdir -p $(@D)
	$(call quiet_cmd,GEN,$@)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
		'includedir=$${prefix}/include' '' 'Name: libmcnic' \
		'Description: program and read mcnic SmartNICs from the host' \
		'Version: $(MCNIC_VERSION)' 'Libs: -L$${libdir} -lmcnic' \
		'Libs.private: $(HOST_LIB_LDLIBS)' 'Cflags: -I$${includedir}' >$@

# mcnicctl: one file per group of subcommands.
MCNICCTL	:= $(BUILD)/bin/mcnicctl
MCNICCTL_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard host-lib/ctl/*.c)))

$(BUILD)/host-lib/ctl/%.o: host-lib/ctl/%.c
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$@)
	$(Q)$(CC) $(CFLAGS) -Ihost-lib -MMD -MP -c $< -o $@

$(MCNICCTL): $(MCNICCTL_OBJS) $(LIBMCNIC_SO) $(LIBMCNIC_LINK)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(MCNICCTL_OBJS) -L$(BUILD)/lib -lmcnic \
		-Wl,-rpath,'$$ORIGIN/../lib' -lm -o $@

ALL_TARGETS	+= $(HOST_LIB) $(LIBMCNIC_SO) $(LIBMCNIC_LINK) $(LIBMCNIC_PC) \
		   $(MCNICCTL)

-include $(HOST_LIB_OBJS:.o=.d) $(HOST_LIB_PIC_OBJS:.o=.d) \
	 $(MCNICCTL_OBJS:.o=.d)
