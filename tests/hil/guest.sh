#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The hardware-in-the-loop guest: Debian's kernel, the very one mcnic.ko
# is built against (linux-headers-*-amd64, as driver/driver.mk finds it),
# and an initramfs of busybox, /init (tests/hil/init), the scenarios, the
# kernel modules they need, mcnic.ko when it is built, and host tools
# with their shared libraries.
#
# Usage: BUILD=build tests/hil/guest.sh
# Writes $BUILD/hil/guest.env (KVER, KERNEL, INITRD, MCNIC_KO) for run.sh.
# The kernel package is fetched once into $BUILD/hil/cache and unpacked
# once into $BUILD/hil/kernel/KVER; the initramfs is rebuilt every time,
# since mcnic.ko, the tools and the scenarios change between runs.
#
# Environment: HIL_KVER overrides the kernel version; HIL_MODULES lists
# the modules to take (their dependencies come along).
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=$(mkdir -p "${BUILD:-build}" && cd "${BUILD:-build}" && pwd)
HIL=$B/hil
# The tunnels a scenario may put beside the NIC, veth/dummy for peers,
# and virtio-net for the guest's second NIC (run.sh: the sim's uplink 1).
HIL_MODULES=${HIL_MODULES:-vxlan geneve ip_gre gre ip6_gre ip6_tunnel \
	udp_tunnel ip6_udp_tunnel veth dummy tun virtio_pci virtio_net}
# Host tools in the guest: full iproute2 ip (busybox's has no vxlan,
# geneve or gretap), ethtool, devlink; mcnicctl when built.
TOOLS="/usr/sbin/ip /usr/sbin/ethtool /usr/sbin/devlink"

die() {
	echo "hil/guest: $*" >&2
	exit 1
}

# driver/driver.mk builds against the first /usr/src/linux-headers-*-amd64;
# the guest must run that kernel, whatever the host runs (uname -r).
kernel_version() {
	local d

	if [ -n "${HIL_KVER:-}" ]; then
		echo "$HIL_KVER"
		return
	fi
	for d in /usr/src/linux-headers-*-amd64; do
		[ -d "$d" ] || break
		echo "${d#/usr/src/linux-headers-}"
		return
	done
	die "no /usr/src/linux-headers-*-amd64: apt-get install linux-headers-amd64 (make deps)"
}

# The image package, downloaded once.  apt-get download needs package
# lists; a fresh machine may have none yet.
fetch_kernel() {
	local deb

	mkdir -p "$HIL/cache"
	deb=$(ls "$HIL/cache/linux-image-${KVER}_"*.deb 2>/dev/null | head -n 1)
	if [ -z "$deb" ]; then
		echo "hil/guest: apt-get download linux-image-$KVER" >&2
		( cd "$HIL/cache" &&
		  { apt-get -q -o APT::Sandbox::User=root download \
			"linux-image-$KVER" ||
		    { apt-get -q -o DPkg::Lock::Timeout=900 update &&
		      apt-get -q -o APT::Sandbox::User=root download \
			"linux-image-$KVER"; }; } ) >&2 ||
			die "cannot download linux-image-$KVER"
		deb=$(ls "$HIL/cache/linux-image-${KVER}_"*.deb | head -n 1)
	fi
	echo "$deb"
}

# vmlinuz and the module tree, with a modules.dep of our own: the
# package ships none (its postinst runs depmod).
unpack_kernel() {
	local deb=$1 tmp

	KTREE=$HIL/kernel/$KVER
	[ -e "$KTREE/.unpacked" ] && return
	rm -rf "$KTREE"
	tmp=$KTREE.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$tmp" "./boot/vmlinuz-$KVER" "./lib/modules/$KVER" ||
		die "unpacking $deb"
	depmod -b "$tmp" "$KVER" || die "depmod on $deb's modules"
	extract_vmlinux "$tmp/boot/vmlinuz-$KVER" "$tmp/boot/vmlinux-$KVER"
	mv "$tmp" "$KTREE"
	touch "$KTREE/.unpacked"
}

# The ELF kernel inside the bzImage.  QEMU boots it through its PVH entry
# point, and the TCG guest is spared decompressing it (xz: some 6 s).
# The payload is the first stream with a known magic that unpacks to ELF
# (what the kernel's scripts/extract-vmlinux does).
extract_vmlinux() {
	local in=$1 out=$2 magic cmd off

	for magic in '\xfd7zXZ\x00:xz -dc --single-stream' \
		     '\x28\xb5\x2f\xfd:zstd -dcq' '\x1f\x8b\x08:gzip -dcq'; do
		cmd=${magic#*:}
		for off in $(LC_ALL=C grep -obUaP "${magic%%:*}" "$in" | cut -d: -f1); do
			tail -c +$((off + 1)) "$in" | $cmd >"$out" 2>/dev/null
			[ "$(head -c 4 "$out")" = $'\x7fELF' ] && return 0
		done
	done
	die "no ELF kernel found inside $in"
}

# modules.dep paths (relative to lib/modules/KVER) of NAME and all it
# needs: depmod lists every dependency, not only the direct ones.
module_closure() {
	local name=$1 line

	line=$(awk -v n="$name" '{
		f = $1; sub(/:$/, "", f); b = f; sub(/.*\//, "", b)
		sub(/\.ko(\.xz|\.zst|\.gz)?$/, "", b); gsub(/-/, "_", b)
		m = n; gsub(/-/, "_", m)
		if (b == m) { print; exit }
	}' "$KTREE/lib/modules/$KVER/modules.dep")
	if [ -z "$line" ]; then
		# A built-in one needs nothing from us.
		grep -q "/${name//_/[-_]}\.ko" \
			"$KTREE/lib/modules/$KVER/modules.builtin" && return
		die "module $name is neither in linux-image-$KVER nor built in"
	fi
	echo "${line%%:*}"
	echo "${line#*:}" | tr ' ' '\n' | sed '/^$/d'
}

# Copies a program and the shared libraries ldd finds for it.  The
# guest's /lib is /usr/lib; a library from outside the system's
# directories (libmcnic, from $B/lib) goes to /usr/lib, where an
# $ORIGIN/../lib runpath from /usr/bin finds it.
copy_program() {
	local prog=$1 dest=$2 lib

	install -D -m 755 "$prog" "$STAGE$dest"
	for lib in $(ldd "$prog" | awk '/=>/ { print $3 } !/=>/ && /^\t\// { print $1 }'); do
		[ -e "$lib" ] || die "$prog needs $lib, which is missing"
		case $lib in
		/lib/*|/lib64/*) install -D -m 755 "$(realpath "$lib")" "$STAGE/usr$lib" ;;
		/usr/lib/*) install -D -m 755 "$(realpath "$lib")" "$STAGE$lib" ;;
		*) install -D -m 755 "$(realpath "$lib")" "$STAGE/usr/lib/${lib##*/}" ;;
		esac
	done
}

# For devlink flash: the build's image signed again as version 1.2.3 (what
# the guest flashes and activates), and a copy with one payload byte
# flipped (refused).  request_firmware() finds them in /lib/firmware.
firmware_images() {
	local fw=$STAGE/usr/lib/firmware/mcnic

	[ -x "$B/bin/mcnic-fwimage" ] && [ -f "$B/firmware/mcnic-fw.raw" ] ||
		die "no firmware image tool or payload in $B (make all)"
	mkdir -p "$fw"
	"$B/bin/mcnic-fwimage" build --payload "$B/firmware/mcnic-fw.raw" \
		--fdt "$B/firmware/caps.dtb" --key "$B/keys/mcnic-dev.key" \
		--version 1.2.3 -o "$fw/fw-1.2.3.bin" >/dev/null ||
		die "mcnic-fwimage build"
	cp "$fw/fw-1.2.3.bin" "$fw/fw-tampered.bin"
	printf '\xff' | dd of="$fw/fw-tampered.bin" bs=1 seek=4096 conv=notrunc status=none
}

build_initramfs() {
	local a m mods deps ko=$B/driver/mcnic.ko

	STAGE=$HIL/initramfs
	rm -rf "$STAGE"
	mkdir -p "$STAGE"/{usr/bin,usr/sbin,usr/lib,usr/lib64,proc,sys,dev,tmp,run,etc,root,hil/scenarios}
	# merged /usr, as on Debian 12: /sbin/ip is iproute2's.
	ln -s usr/bin "$STAGE/bin"
	ln -s usr/sbin "$STAGE/sbin"
	ln -s usr/lib "$STAGE/lib"
	ln -s usr/lib64 "$STAGE/lib64"

	for a in $TOOLS; do
		[ -x "$a" ] || die "$a is missing (make deps: iproute2, ethtool)"
		copy_program "$a" "/usr/sbin/${a##*/}"
	done
	MCNICCTL=
	if [ -x "$B/bin/mcnicctl" ]; then
		copy_program "$B/bin/mcnicctl" /usr/bin/mcnicctl
		MCNICCTL=$B/bin/mcnicctl
	fi
	[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 ||
		die "need a static /bin/busybox: apt-get install busybox-static"
	install -m 755 /bin/busybox "$STAGE/usr/bin/busybox"
	# Every applet, unless a real tool of that name is there already.
	for a in $(/bin/busybox --list); do
		[ -e "$STAGE/usr/bin/$a" ] || [ -e "$STAGE/usr/sbin/$a" ] ||
			ln -s busybox "$STAGE/usr/bin/$a"
	done

	# Kernel modules, with a modules.dep for busybox modprobe.
	mods=
	for m in $HIL_MODULES; do
		mods="$mods $(module_closure "$m")"
	done
	MCNIC_KO=
	: >"$STAGE/mcnic.deps"
	if [ -e "$ko" ]; then
		check_vermagic "$ko"
		install -m 644 "$ko" "$STAGE/mcnic.ko"
		MCNIC_KO=$ko
		deps=$(modinfo -F depends "$ko" | tr ',' ' ')
		for m in $deps; do
			mods="$mods $(module_closure "$m")"
			echo "$m" >>"$STAGE/mcnic.deps"
		done
	fi
	for m in $(echo "$mods" | tr ' ' '\n' | sort -u); do
		install -D -m 644 "$KTREE/lib/modules/$KVER/$m" \
			"$STAGE/lib/modules/$KVER/$m"
	done
	cp "$KTREE/lib/modules/$KVER/modules.builtin" \
		"$KTREE/lib/modules/$KVER/modules.order" \
		"$KTREE/lib/modules/$KVER/modules.builtin.modinfo" \
		"$STAGE/lib/modules/$KVER/"
	depmod -b "$STAGE" "$KVER" || die "depmod on the initramfs"

	[ -x "$B/hil/ioctl_check" ] &&
		install -m 755 "$B/hil/ioctl_check" "$STAGE/usr/bin/ioctl_check"
	[ -x "$B/tests/bench/tblbench" ] &&
		copy_program "$B/tests/bench/tblbench" /usr/bin/tblbench
	install -D -m 644 -t "$STAGE/hil/examples" "$SRC"/examples/*.yaml
	install -m 644 -t "$STAGE/hil" "$SRC"/tests/hil/*.yaml
	firmware_images
	install -m 755 "$SRC/tests/hil/init" "$STAGE/init"
	install -m 644 "$SRC/tests/hil/guest-lib.sh" "$STAGE/hil/lib.sh"
	for a in "$SRC"/tests/hil/scenarios/[0-9]*.sh; do
		case $a in *.host.sh) continue ;; esac
		install -m 755 "$a" "$STAGE/hil/scenarios/"
	done
	{
		echo "KVER=$KVER"
		echo "MCNIC_KO_HOST='${MCNIC_KO:-$ko (not built: make driver)}'"
	} >"$STAGE/hil/info"
	printf 'root:x:0:0:root:/root:/bin/sh\n' >"$STAGE/etc/passwd"
	printf 'root:x:0:\n' >"$STAGE/etc/group"

	# Uncompressed: the TCG guest would spend longer unpacking gzip than
	# QEMU spends loading the extra bytes.
	( cd "$STAGE" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --quiet ) >"$HIL/initramfs.cpio.tmp" ||
		die "cpio"
	mv "$HIL/initramfs.cpio.tmp" "$HIL/initramfs.cpio"
}

# A module built for another kernel fails in the guest's insmod anyway;
# saying so here names the cause.
check_vermagic() {
	local v

	v=$(modinfo -F vermagic "$1")
	case $v in
	"$KVER "*) ;;
	*) echo "hil/guest: warning: $1 is for '$v', the guest runs $KVER" >&2 ;;
	esac
}

KVER=$(kernel_version)
DEB=$(fetch_kernel)
unpack_kernel "$DEB"
build_initramfs
KERNEL=$KTREE/boot/vmlinux-$KVER
INITRD=$HIL/initramfs.cpio
cat >"$HIL/guest.env" <<EOF
KVER=$KVER
KERNEL=$KERNEL
INITRD=$INITRD
MCNIC_KO=$MCNIC_KO
MCNICCTL=$MCNICCTL
EOF
echo "hil/guest: linux $KVER, initramfs $(du -h "$INITRD" | cut -f1)," \
	"mcnic.ko: ${MCNIC_KO:-none}, mcnicctl: ${MCNICCTL:-none}" >&2
