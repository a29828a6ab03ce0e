#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnic-fwimage from the command line: keygen, build from the real
# firmware's payload and capability FDT, info --json, verify with the
# right and a wrong key, and the clear refusals of tampered images and
# malformed key files.  Ends with "N passed, N failed".
set -u
BUILD=${BUILD:-build}
TOOL=$BUILD/bin/mcnic-fwimage
RAW=$BUILD/firmware/mcnic-fw.raw
DTB=$BUILD/firmware/caps.dtb
FW_BIN=$BUILD/firmware/mcnic-fw.bin
PUB=${FW_PUBKEY:-$BUILD/keys/mcnic-dev.pub}
PY=/usr/bin/python3
pass=0
fail=0
dir=$(mktemp -d /tmp/mcnic-fwtool.XXXXXX)
trap 'rm -rf "$dir"' EXIT

ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# expect NAME STATUS PATTERN CMD...: exit status and a line of its output.
expect() {
	local name=$1 want=$2 pat=$3 out rc
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: exit $rc, want $want: $out"
	elif ! grep -qF -- "$pat" <<<"$out"; then
		bad "$name: no '$pat' in: $out"
	else
		ok "$name"
	fi
}

for f in "$TOOL" "$RAW" "$DTB" "$FW_BIN"; do
	[ -e "$f" ] || { bad "missing $f (make firmware)"; echo "$pass passed, $fail failed"; exit 1; }
done

for c in "" keygen build info verify; do
	out=$($TOOL $c --help)
	rc=$?
	miss=
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES; do
		grep -q "^$s" <<<"$out" || miss="$miss $s"
	done
	if [ $rc -eq 0 ] && [ -z "$miss" ]; then ok "help ${c:-top}"; else bad "help ${c:-top}: rc $rc, missing$miss"; fi
done
expect "no command" 2 SYNOPSIS $TOOL
expect "unknown option" 2 SYNOPSIS $TOOL info --bogus x

# Keys
expect "keygen" 0 "key id" $TOOL keygen --out "$dir/a.key"
expect "keygen --pub" 0 "key id" $TOOL keygen --out "$dir/b.key" --pub "$dir/other.pub"
expect "keygen no overwrite" 1 "File exists" $TOOL keygen --out "$dir/a.key"
[ "$(stat -c %a "$dir/a.key")" = 600 ] && ok "secret key mode 0600" || bad "secret key mode $(stat -c %a "$dir/a.key")"
[ "$(head -n1 "$dir/a.pub")" = mcnic-fwimage-ed25519-public-v1 ] && ok "public key header" || bad "public key header"

# Build, info, verify
expect "build" 0 "version 1.2.3" $TOOL build --payload "$RAW" --fdt "$DTB" --key "$dir/a.key" --version 1.2.3 -o "$dir/fw.bin"
json=$($TOOL info "$dir/fw.bin" --json)
if $PY - "$json" "$(stat -c %s "$RAW")" "$(stat -c %s "$DTB")" "$(sed -n 3p "$dir/a.pub")" <<'EOF'
import json, sys
j = json.loads(sys.argv[1])
raw, dtb, pub = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
want = {"magic": "0x57464e4d", "format": 1, "hdr_len": 200,
        "version": "1.2.3", "fw_version": 0x010203, "payload_off": 256,
        "payload_len": raw, "fdt_len": dtb, "flags": 0,
        "key_id": pub[:16], "sha256_ok": True}
bad = {k: (j.get(k), v) for k, v in want.items() if j.get(k) != v}
assert not bad, bad
assert j["fdt_off"] % 8 == 0 and j["fdt_off"] >= 256 + raw
assert j["total_len"] == j["fdt_off"] + dtb
assert len(j["build_id"]) == 40 and len(j["sig"]) == 128
EOF
then ok "info --json fields"; else bad "info --json fields: $json"; fi
expect "info text" 0 "(matches)" $TOOL info "$dir/fw.bin"
expect "verify ok" 0 "OK, version 1.2.3" $TOOL verify "$dir/fw.bin" --pubkey "$dir/a.pub"
expect "verify wrong key" 1 "image.sig: not signed by the trusted key" $TOOL verify "$dir/fw.bin" --pubkey "$dir/other.pub"
expect "verify make firmware's image" 0 "OK" $TOOL verify "$FW_BIN" --pubkey "$PUB"

# Tampered and truncated images
cp "$dir/fw.bin" "$dir/payload.bin"
printf '\x55' | dd of="$dir/payload.bin" bs=1 seek=1000 conv=notrunc status=none
expect "tampered payload" 1 "image.sha256: mismatch" $TOOL verify "$dir/payload.bin" --pubkey "$dir/a.pub"
expect "tampered payload info" 1 "(MISMATCH)" $TOOL info "$dir/payload.bin"
cp "$dir/fw.bin" "$dir/version.bin"
printf '\x09' | dd of="$dir/version.bin" bs=1 seek=10 conv=notrunc status=none
expect "tampered version" 1 "image.sig: invalid" $TOOL verify "$dir/version.bin" --pubkey "$dir/a.pub"
head -c 1000 "$dir/fw.bin" >"$dir/short.bin"
expect "truncated" 1 "truncated at 1000" $TOOL verify "$dir/short.bin" --pubkey "$dir/a.pub"
head -c 5000 /dev/urandom >"$dir/junk.bin"
expect "garbage" 1 "image.magic=" $TOOL info "$dir/junk.bin"

# Refused inputs
expect "bad version" 1 "--version 1.2: not MAJOR.MINOR.PATCH" $TOOL build --payload "$RAW" --fdt "$DTB" --key "$dir/a.key" --version 1.2 -o "$dir/x.bin"
expect "not an fdt" 1 "not a flattened device tree" $TOOL build --payload "$RAW" --fdt "$RAW" --key "$dir/a.key" --version 1.2.3 -o "$dir/x.bin"
expect "missing option" 2 SYNOPSIS $TOOL build --payload "$RAW" -o "$dir/x.bin"
expect "public key as secret" 1 "not a secret key file" $TOOL build --payload "$RAW" --fdt "$DTB" --key "$dir/a.pub" --version 1.2.3 -o "$dir/x.bin"
expect "secret key as public" 1 "not a public key file" $TOOL verify "$dir/fw.bin" --pubkey "$dir/a.key"
sed '3s/^./z/' "$dir/a.pub" >"$dir/hex.pub"
expect "key bad hex" 1 "hex.pub:3:1: 'z' is not a hex digit" $TOOL verify "$dir/fw.bin" --pubkey "$dir/hex.pub"
sed '3s/..$//' "$dir/a.pub" >"$dir/len.pub"
expect "key short" 1 "len.pub:3: 62 hex digits, a public key has 64" $TOOL verify "$dir/fw.bin" --pubkey "$dir/len.pub"
echo hello >"$dir/hello.pub"
expect "not a key" 1 "hello.pub:1: not an mcnic key file" $TOOL verify "$dir/fw.bin" --pubkey "$dir/hello.pub"
[ ! -e "$dir/x.bin" ] && ok "no image left by refused builds" || bad "x.bin written by a refused build"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
