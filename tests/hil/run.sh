#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Hardware-in-the-loop suite: the real kernel driver in a QEMU guest
# against mcnic-sim, which QEMU sees as a PCI device (ivshmem-doorbell
# 1af4:1110, include/mcnic/pci.h) and whose DMA goes to the guest's RAM,
# a file both map.
#
# Usage: BUILD=build tests/hil/run.sh [SCENARIO ...]
# SCENARIO is NAME or NN-NAME of tests/hil/scenarios/NN-NAME.sh; without
# any, all run, in order, in one boot.  /init (tests/hil/init) runs them;
# each prints "HIL PASS name" or "HIL FAIL name: why" on the serial
# console, which is all this script reads.  A scenario may have a host
# side, NN-NAME.host.sh (see host-lib.sh).  One line per scenario, one
# for the guest as a whole (it must reach "HIL DONE" with no panic), then
# "N passed, N failed".
#
# Environment: HIL_TIMEOUT (s, the watchdog on QEMU, default 300),
# HIL_SCENARIO_TIMEOUT (s, each scenario in the guest, default 120),
# HIL_SMP (guest CPUs, default 2), HIL_APPEND (more kernel parameters),
# HIL_RAM (guest RAM, default 512M), HIL_KVM (1: KVM if /dev/kvm is
# writable; default TCG), HIL_LOGS (default $BUILD/hil/logs: console.log,
# qemu.log, sim.log, *.host.log).
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=$(mkdir -p "${BUILD:-build}" && cd "${BUILD:-build}" && pwd)
HIL=$B/hil
LOGS=${HIL_LOGS:-$HIL/logs}
SIM=$B/bin/mcnic-sim
CONSOLE=$LOGS/console.log
HIL_TIMEOUT=${HIL_TIMEOUT:-300}
HIL_SCENARIO_TIMEOUT=${HIL_SCENARIO_TIMEOUT:-120}
HIL_SMP=${HIL_SMP:-2}
RAM=${HIL_RAM:-512M}	# from 2.75G on, q35 puts RAM above 4 GiB too
PASS=0
FAIL=0
WORK=
SIM_PID=
SIM_WHY=
QEMU_PID=
HOST_PIDS=()
NAMES=()

ok() {
	PASS=$((PASS + 1))
	echo "ok   $*"
}

bad() {
	FAIL=$((FAIL + 1))
	echo "FAIL $*"
}

report() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}

# Nothing ran: every scenario asked for fails with the reason.
setup_failed() {
	local n

	echo "hil: $*" >&2
	for n in "${NAMES[@]:-setup}"; do
		bad "$n: not run: $*"
	done
	report
	exit 1
}

cleanup() {
	local p

	[ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null
	for p in "${HOST_PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	if [ -n "$SIM_PID" ]; then
		kill -TERM "$SIM_PID" 2>/dev/null
		wait "$SIM_PID" 2>/dev/null
	fi
	[ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT

# Scenario names from the arguments (NAME, NN-NAME or the file's name).
select_scenarios() {
	local a f

	if [ $# -eq 0 ]; then
		for f in "$SRC"/tests/hil/scenarios/[0-9]*.sh; do
			case $f in *.host.sh) continue ;; esac
			f=${f##*/}
			f=${f%.sh}
			NAMES+=("${f#*-}")
		done
		return
	fi
	for a in "$@"; do
		a=${a##*/}
		a=${a%.sh}
		a=${a#[0-9][0-9]-}
		f=$(ls "$SRC"/tests/hil/scenarios/[0-9][0-9]-"$a".sh 2>/dev/null)
		[ -n "$f" ] || { echo "hil: no scenario $a in tests/hil/scenarios" >&2; exit 2; }
		NAMES+=("$a")
	done
}

# The sim must be listening before QEMU connects; --pidfile is written
# once it is.  Its uplink 0 is a UDP underlay link to 127.0.0.1:UNDERLAY+1,
# where a scenario's host side may start the far NIC (40-traffic does);
# its uplink 1 is one to the guest's own second NIC (UNDERLAY+2 <->
# UNDERLAY+3: run_qemu), for the guest kernel's tunnels (80-kernel-tunnels).
# It boots from a flash holding the build's signed image, so devlink can
# write and activate another (50-devlink).
start_sim() {
	"$SIM" run --ivshmem "$WORK/ivshmem.sock" --guest-ram "$WORK/guest.ram" \
		--name cloud-a --socket "$WORK/sim.sock" --pidfile "$WORK/sim.pid" \
		--port "0=udp:127.0.0.1:$UNDERLAY:127.0.0.1:$((UNDERLAY + 1))" \
		--port "1=udp:127.0.0.1:$((UNDERLAY + 2)):127.0.0.1:$((UNDERLAY + 3))" \
		--flash "$WORK/nic.flash" --factory-image "$B/firmware/mcnic-fw.bin" \
		--log "$LOGS/sim.log" >"$LOGS/sim.err" 2>&1 &
	SIM_PID=$!
	for _ in $(seq 100); do
		[ -s "$WORK/sim.pid" ] && [ -S "$WORK/ivshmem.sock" ] && return 0
		kill -0 "$SIM_PID" 2>/dev/null || break
		sleep 0.1
	done
	tail -n 20 "$LOGS/sim.log" "$LOGS/sim.err" >&2
	setup_failed "mcnic-sim run --ivshmem did not come up (log above)"
}

start_host_sides() {
	local n f

	for n in "${NAMES[@]}"; do
		f=$(ls "$SRC"/tests/hil/scenarios/[0-9][0-9]-"$n".host.sh 2>/dev/null) || continue
		HIL_NAME=$n HIL_CONSOLE=$CONSOLE HIL_SIM_SOCK=$WORK/sim.sock \
			HIL_WORK=$WORK HIL_UNDERLAY=$UNDERLAY BUILD=$B MCNIC_DEVICE=sim:$WORK/sim.sock \
			bash "$f" >"$LOGS/$n.host.log" 2>&1 &
		HOST_PIDS+=($!)
		HOST_NAME[$!]=$n
	done
}

# Waits up to 10 s for the companions; sets HOST_RC[name].
finish_host_sides() {
	local p

	for _ in $(seq 100); do
		for p in "${HOST_PIDS[@]}"; do
			kill -0 "$p" 2>/dev/null && break
			p=
		done
		[ -z "${p:-}" ] && break
		sleep 0.1
	done
	for p in "${HOST_PIDS[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p"
		HOST_RC[${HOST_NAME[$p]}]=$?
	done
	HOST_PIDS=()
}

run_qemu() {
	local append ivshmem=() underlay accel=(-accel tcg) cpu=max t0 now

	append="console=ttyS0,115200 panic=-1 oops=panic panic_on_warn=1"
	append+=" loglevel=5 hil.run=$(IFS=,; echo "${NAMES[*]}")"
	append+=" hil.timeout=$HIL_SCENARIO_TIMEOUT ${HIL_APPEND:-}"
	if [ -n "$SIM_PID" ]; then
		ivshmem=(-chardev "socket,path=$WORK/ivshmem.sock,id=iv"
			 -device "ivshmem-doorbell,chardev=iv,vectors=32")
	fi
	# An ordinary NIC on the sim's uplink 1: raw frames in UDP datagrams,
	# as mcnic-sim's udp ports carry them.  Its MAC is the one
	# tests/hil/kernel-tunnels.yaml's templates send to.
	underlay="dgram,id=ul1,local.type=inet,local.host=127.0.0.1"
	underlay+=",local.port=$((UNDERLAY + 3)),remote.type=inet"
	underlay+=",remote.host=127.0.0.1,remote.port=$((UNDERLAY + 2))"
	# TCG unless HIL_KVM=1.  -cpu max: mcnicctl and libmcnic are built
	# with SSE4.2 (CRC32C), which qemu64 lacks.  These VMs' nested KVM
	# refused the ARCH_CAPABILITIES MSR (QEMU aborts: "failed to set MSR
	# 0x10a"), and without it stopped the guest's boot on an emulation
	# failure (a lock cmpxchg16b), so a /dev/kvm is no promise.
	if [ "${HIL_KVM:-0}" = 1 ] && [ -w /dev/kvm ]; then
		accel=(-accel kvm)
		cpu=max,-arch-capabilities
	fi
	t0=$(date +%s%N)
	timeout -k 5 "$HIL_TIMEOUT" qemu-system-x86_64 \
		-nodefaults -no-user-config -display none -no-reboot \
		-machine q35,memory-backend=mem "${accel[@]}" -cpu "$cpu" -smp "$HIL_SMP" \
		-m "$RAM" -object "memory-backend-file,id=mem,size=$RAM,mem-path=$WORK/guest.ram,share=on" \
		-kernel "$KERNEL" -initrd "$INITRD" -append "$append" \
		-serial "file:$CONSOLE" "${ivshmem[@]}" -netdev "$underlay" \
		-device virtio-net-pci,netdev=ul1,mac=52:54:00:4d:43:01,romfile= \
		>"$LOGS/qemu.log" 2>&1 &
	QEMU_PID=$!
	BOOT_MS=
	while kill -0 "$QEMU_PID" 2>/dev/null; do
		if [ -z "$BOOT_MS" ] && grep -aq 'HIL BOOT' "$CONSOLE"; then
			now=$(date +%s%N)
			BOOT_MS=$(( (now - t0) / 1000000 ))
		fi
		sleep 0.1
	done
	wait "$QEMU_PID"
	QEMU_RC=$?
	QEMU_PID=
	TOTAL_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

# Sets SIM_WHY when mcnic-sim died during the run or did not stop cleanly
# on SIGTERM.
stop_sim() {
	local rc

	SIM_WHY=
	[ -n "$SIM_PID" ] || return
	if kill -0 "$SIM_PID" 2>/dev/null; then
		kill -TERM "$SIM_PID"
		for _ in $(seq 100); do
			kill -0 "$SIM_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "$SIM_PID" 2>/dev/null && kill -KILL "$SIM_PID"
		wait "$SIM_PID"
		rc=$?
		[ "$rc" -eq 0 ] ||
			SIM_WHY="mcnic-sim exit status $rc on SIGTERM: $(tail -n 2 "$LOGS/sim.err" | tr '\n' ' ')"
	else
		wait "$SIM_PID"
		SIM_WHY="mcnic-sim died during the run (exit status $?): $(tail -q -n 2 "$LOGS/sim.log" "$LOGS/sim.err" | tr '\n' ' ')"
	fi
	SIM_PID=
}

secs() {
	printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100))
}

# One line per scenario from the console, with its output when it failed.
judge() {
	local n why txt=$LOGS/console.txt

	tr -d '\r' <"$CONSOLE" >"$txt"
	for n in "${NAMES[@]}"; do
		why=$(grep -a -m 1 "HIL FAIL $n: " "$txt" | sed "s/.*HIL FAIL $n: //")
		if [ -z "$why" ] && ! grep -aq "HIL PASS $n\$" "$txt"; then
			if grep -aq "HIL START $n\$" "$txt"; then
				why="no result: the guest died while it ran"
			else
				why="never started"
			fi
		fi
		if [ -z "$why" ] && [ -n "${HOST_RC[$n]:-}" ] && [ "${HOST_RC[$n]}" -ne 0 ]; then
			why="host side (exit ${HOST_RC[$n]}): $(tail -n 3 "$LOGS/$n.host.log" | tr '\n' ' ')"
		fi
		if [ -z "$why" ]; then
			ok "$n"
			continue
		fi
		bad "$n: $why"
		sed -n "/HIL START $n\$/,/HIL \(PASS\|FAIL\) $n/p" "$txt" |
			tail -n 40 | sed 's/^/    | /'
	done
}

judge_guest() {
	local txt=$LOGS/console.txt why='' panic

	panic=$(grep -a -m 1 -E 'Kernel panic|BUG:|Oops|WARNING:' "$txt")
	if [ "$QEMU_RC" -eq 124 ] || [ "$QEMU_RC" -eq 137 ]; then
		why="watchdog: QEMU killed after $HIL_TIMEOUT s"
	elif [ -n "$panic" ]; then
		why="kernel: $panic"
	elif ! grep -aq '^HIL DONE' "$txt"; then
		why="no HIL DONE (QEMU exit status $QEMU_RC: $(tail -n 2 "$LOGS/qemu.log" | tr '\n' ' '))"
	elif [ "$QEMU_RC" -ne 0 ]; then
		why="QEMU exit status $QEMU_RC: $(tail -n 2 "$LOGS/qemu.log" | tr '\n' ' ')"
	fi
	why=${why:-$SIM_WHY}
	if [ -z "$why" ]; then
		ok "guest: linux $KVER, /init after $(secs "${BOOT_MS:-0}") s, HIL DONE after $(secs "$TOTAL_MS") s"
		return
	fi
	bad "guest: $why"
	echo "---- last 30 lines of $CONSOLE"
	tail -n 30 "$txt"
	[ -e "$LOGS/sim.log" ] && { echo "---- last 10 lines of $LOGS/sim.log"; tail -n 10 "$LOGS/sim.log"; }
}

declare -A HOST_RC HOST_NAME
select_scenarios "$@"
rm -rf "$LOGS"
mkdir -p "$LOGS"
command -v qemu-system-x86_64 >/dev/null ||
	setup_failed "no qemu-system-x86_64 (apt-get install qemu-system-x86)"
"$SRC/tests/hil/guest.sh" 2>"$LOGS/guest.log" || {
	cat "$LOGS/guest.log" >&2
	setup_failed "building the guest failed: $(tail -n 1 "$LOGS/guest.log")"
}
tail -n 1 "$LOGS/guest.log"
# shellcheck source=/dev/null
. "$HIL/guest.env"
# /dev/shm: guest RAM is a file; on disk its pages would be written back.
WORK=$(mktemp -d /dev/shm/mcnic-hil.XXXXXX 2>/dev/null || mktemp -d /tmp/mcnic-hil.XXXXXX)
# Four UDP ports per run (UNDERLAY..UNDERLAY+3), so that two runs on one
# machine do not meet.
UNDERLAY=$((30000 + $$ % 10000 / 4 * 4))

[ -x "$SIM" ] || setup_failed "$SIM not built (make all)"
start_sim

: >"$CONSOLE"
start_host_sides
run_qemu
finish_host_sides
stop_sim
judge
judge_guest
report
