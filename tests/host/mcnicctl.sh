#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnicctl end to end against mcnic-sim run --socket: apply the example,
# read it back, apply again (nothing), apply an edited copy (exactly the
# edits), a config the device refuses part-way (nothing changes), the
# read-only commands and the usage errors.
set -u
. "$(dirname "$0")/lib.sh"

YAML=$SRC/examples/multicloud.yaml
OBJS="vrf port vtep vni peer tunnel nexthop group route rule"

# Everything the device holds, in a stable order.
snapshot() {
	local o

	for o in $OBJS; do
		echo "== $o"
		"$CTL" "$o" show | sort
	done
	"$CTL" -d "$MCNIC_DEVICE" port show --json >/dev/null
}

count() {
	"$CTL" "$1" show | wc -l
}

sim_start || { echo "0 passed, 1 failed"; exit 1; }

# Device information.
expect_rc "info" 0 "$CTL" info
has "mcnic-sim" || bad "info names the board: $OUT"
expect_rc "info --json" 0 "$CTL" --json info
check "info --json parses" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["ports"] > 0' "$OUT"
expect_rc "caps" 0 "$CTL" caps
has "routes" && has "vxlan" || bad "caps lists tables and features: $OUT"
expect_rc "caps --json" 0 "$CTL" caps --json
check "caps --json: routes table" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["tables"]["routes"] > 0 and "vxlan" in d["features"]' "$OUT"
expect_rc "heartbeat" 0 "$CTL" heartbeat
has "alive" || bad "heartbeat says alive: $OUT"

# The example, applied and read back.
expect_rc "apply --dry-run" 0 "$CTL" apply --dry-run "$YAML"
has "dry run: nothing applied" || bad "dry run says so: $OUT"
check "dry run changed nothing" test "$(count route)" -eq 0
expect_rc "apply multicloud.yaml" 0 "$CTL" apply "$YAML"
has "plan: 47 to add, 1 to change, 0 to remove" || bad "plan counts: $OUT"
check "routes: 7" test "$(count route)" -eq 7
check "rules: 6" test "$(count rule)" -eq 6
check "tunnels: 5" test "$(count tunnel)" -eq 5
check "peers: 5" test "$(count peer)" -eq 5
check "vteps: 3" test "$(count vtep)" -eq 3
check "ports: 4" test "$(count port)" -eq 4
expect_rc "vrf show" 0 "$CTL" vrf show
has "id 1 default deny" && has "id 2 default allow" || bad "vrfs as in the file: $OUT"
expect_rc "route show" 0 "$CTL" route show
has "vrf 1 prefix 10.2.0.0/16 group 0 segment 10" &&
	has "vrf 1 prefix 10.66.0.0/16 group 0 blackhole" &&
	has "vrf 2 prefix 0.0.0.0/0 group 1" || bad "routes as in the file: $OUT"
expect_rc "rule show" 0 "$CTL" rule show
has "vrf 2 id 30 priority 100 action deny ingress proto 6 dport 22 count" ||
	bad "rule 30 as in the file: $OUT"
expect_rc "tunnel show" 0 "$CTL" tunnel show
has "index 4 type geneve local 2001:db8:a::1 remote 2001:db8:c::1 vni 2001" ||
	bad "tunnel c-red as in the file: $OUT"
expect_rc "route show --json" 0 "$CTL" route show --json
check "route show --json parses" python3 -c 'import json,sys; assert len(json.loads(sys.argv[1])) == 7' "$OUT"

# Again: nothing to do.
expect_rc "re-apply" 0 "$CTL" apply "$YAML"
has "no changes" || bad "re-apply makes no changes: $OUT"

# An edited copy: exactly the edits.
sed -e 's/prefix: 0.0.0.0\/0, group: red-remote/prefix: 0.0.0.0\/0, group: cloud-b-blue/' \
    -e '/prefix: 10.66.0.0\/16, blackhole: true/d' \
    -e 's/proto: tcp, dport: 22,/proto: tcp, dport: 2222,/' \
    -e 's/{name: red, id: 2, default: allow}/{name: red, id: 2, default: deny}/' \
    "$YAML" >"$TMP/edited.yaml"
expect_rc "apply --dry-run edited" 0 "$CTL" apply --dry-run "$TMP/edited.yaml"
has "plan: 0 to add, 3 to change, 1 to remove" || bad "edited plan counts: $OUT"
has "~ vrf id 2 default deny  (was: id 2 default allow)" &&
	has "~ route vrf 2 prefix 0.0.0.0/0 group 0  (was: vrf 2 prefix 0.0.0.0/0 group 1)" &&
	has "- route vrf 1 prefix 10.66.0.0/16 group 0 blackhole" &&
	has "~ rule vrf 2 id 30 priority 100 action deny ingress proto 6 dport 2222 count" ||
	bad "edited plan lists the edits: $OUT"
expect_rc "apply edited" 0 "$CTL" apply "$TMP/edited.yaml"
check "edited: 6 routes" test "$(count route)" -eq 6
expect_rc "edited rule show" 0 "$CTL" rule show
has "id 30 priority 100 action deny ingress proto 6 dport 2222" || bad "rule 30 changed: $OUT"
expect_rc "re-apply edited" 0 "$CTL" apply "$TMP/edited.yaml"
has "no changes" || bad "re-apply edited makes no changes: $OUT"

# Table commands one by one.
expect_rc "vrf add" 0 "$CTL" vrf add id 7 default allow
expect_rc "route add" 0 "$CTL" route add vrf 7 prefix 10.7.0.0/16 blackhole
expect_rc "route del" 0 "$CTL" route del vrf 7 prefix 10.7.0.0/16
expect_rc "vrf del" 0 "$CTL" vrf del id 7
expect_rc "route add in a missing vrf" 1 "$CTL" route add vrf 9 prefix 10.9.0.0/16 group 0
has "vrf" || bad "refusal names the field: $OUT"
expect_rc "route add bad prefix" 2 "$CTL" route add vrf 1 prefix 10.0.0.1/8
expect_rc "rule unknown key" 2 "$CTL" rule add vrf 1 id 5 bogus 1
# Integers are decimal ("010" is ten), or hex after 0x; nothing wraps.
expect_rc "vrf add id 010" 0 "$CTL" vrf add id 010 default allow
expect_rc "vrf show after id 010" 0 "$CTL" vrf show
has "id 10 default allow" || bad "010 is ten, not octal 8: $OUT"
expect_rc "vrf del id 0xa" 0 "$CTL" vrf del id 0xa
expect_rc "vrf show after del 0xa" 0 "$CTL" vrf show
! has "id 10 " || bad "0xa is ten: $OUT"
expect_rc "vrf add id 09" 0 "$CTL" vrf add id 09
expect_rc "vrf del id 9" 0 "$CTL" vrf del id 9
expect_rc "vrf id with a sign" 2 "$CTL" vrf add id +5
expect_rc "group member past 32 bits" 2 "$CTL" group add index 9 \
	members 4294967297:4294967297
has "group.members=4294967297:4294967297: expected" ||
	bad "names the field and value: $OUT"
expect_rc "group weight 0" 2 "$CTL" group add index 9 members 1:0
expect_rc "group trailing comma" 2 "$CTL" group add index 9 members 1,
expect_rc "nexthop down 010" 1 "$CTL" nexthop down 010
has "nh.idx=10" || bad "the index is ten: $OUT"
# MACs: the config file's rule (unicast, not zero, two digits per group).
expect_rc "port multicast mac" 2 "$CTL" port set id 16 mac 01:00:5e:00:00:01
has "expected unicast MAC" || bad "says what a MAC must be: $OUT"
expect_rc "port zero mac" 2 "$CTL" port set id 16 mac 00:00:00:00:00:00
expect_rc "port short mac groups" 2 "$CTL" port set id 16 mac 2:0:a:0:1:10
check "apply after manual edits: no changes" \
	bash -c '"$0" apply "$1" | grep -q "no changes"' "$CTL" "$TMP/edited.yaml"

# Counters and flows.
expect_rc "stats" 0 "$CTL" stats
has "flow cache:" && has "tables (used/capacity):" || bad "stats sections: $OUT"
expect_rc "stats --json" 0 "$CTL" stats --json
check "stats --json: ports and tables" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["ports"] and d["tables"]["routes"]["used"] == 6' "$OUT"
expect_rc "stats watch" 0 "$CTL" stats watch --interval 0.2 --count 2
check "stats watch: two intervals" test "$(grep -c '^over ' <<<"$OUT")" -eq 2
expect_rc "flows" 0 "$CTL" flows
has "flows" || bad "flows count: $OUT"
expect_rc "flows --json" 0 "$CTL" flows --json
check "flows --json parses" python3 -c 'import json,sys; json.loads(sys.argv[1])' "$OUT"

# A GRE tunnel has no UDP ports: none shown.
expect_rc "apply kernel-tunnels.yaml" 0 "$CTL" apply "$SRC/tests/hil/kernel-tunnels.yaml"
expect_rc "tunnel show (gre)" 0 "$CTL" tunnel show
grep -q "type gre .*vni 8003" <<<"$OUT" && ! grep "type gre" <<<"$OUT" | grep -q "port" &&
	has "type vxlan local 192.0.2.1 remote 198.51.100.1 vni 8001 dport 4789 sport 49152-65535" ||
	bad "gre without ports, vxlan with them: $OUT"

# A config the device refuses part-way: nothing changes.
sim_start --board "$SRC/tests/host/small-routes.dts" || bad "small board"
expect_rc "apply edited (6 routes) on the small board" 0 "$CTL" apply "$TMP/edited.yaml"
snapshot >"$TMP/before"
expect_rc "apply 7 routes on a 6-route board fails" 1 "$CTL" apply "$YAML"
has "multicloud.yaml:141:" || bad "error names the refused route's line: $OUT"
has "nothing changed" || bad "error says nothing changed: $OUT"
snapshot >"$TMP/after"
check "device state unchanged after the refusal" cmp -s "$TMP/before" "$TMP/after"

# Usage and device errors.
expect_rc "no command" 2 "$CTL"
expect_rc "unknown command" 2 "$CTL" frobnicate
expect_rc "--help" 0 "$CTL" --help
has "EXIT STATUS" || bad "--help is man-style"
expect_rc "route --help" 0 "$CTL" route --help
has "SYNOPSIS" || bad "route --help is man-style"
expect_rc "kernel name" 1 "$CTL" -d mcnic0 info
has "mcnic0: no kernel driver (mcnic.ko not loaded)" || bad "mcnic0 message: $OUT"
expect_rc "bad device name" 1 "$CTL" -d nonsense info
expect_rc "missing file" 1 "$CTL" apply "$TMP/missing.yaml"

sim_stop
report
