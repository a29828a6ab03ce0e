#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite bench/help: every benchmark program's --help.  Each must
# print a man-style page to stdout and exit 0, its section titles NAME,
# SYNOPSIS, DESCRIPTION, OPTIONS and EXIT STATUS on lines of their own,
# in that order; and a wrong invocation (an unknown option, or for
# tblbench no DEV) must still fail, with a short usage on stderr that
# names --help.  Nothing is timed.  Ends with "N passed, N failed".
set -u
dir=${BUILD:-build}/tests/bench
pass=0
fail=0
out=$(mktemp /tmp/mcnic-help.XXXXXX)
err=$(mktemp /tmp/mcnic-help.XXXXXX)
trap 'rm -f "$out" "$err"' EXIT

ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# A program that ignored its arguments would start a benchmark: cap it.
run() { timeout 30 "$@" >"$out" 2>"$err"; }

# wrong WHAT CMD...: CMD is a usage error.
wrong() {
	local what=$1 rc
	shift
	run "$@"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		bad "$what: exit 0, want non-zero"
	elif [ "$rc" -eq 124 ]; then
		bad "$what: still running after 30 s"
	elif ! grep -q -- --help "$err"; then
		bad "$what: exit $rc, but its usage does not name --help"
	else
		ok "$what: exit $rc, usage names --help"
	fi
}

for prog in pktbench flowbench lpmbench polbench pipebench hdlbench \
	    tblbench; do
	bin=$dir/$prog
	if [ ! -x "$bin" ]; then
		bad "$prog: $bin not built"
		continue
	fi
	run "$bin" --help
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "$prog --help: exit 0"
	else
		bad "$prog --help: exit $rc, want 0"
	fi
	last=0
	for title in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS"; do
		line=$(grep -nx -m 1 -- "$title" "$out" | cut -d: -f1)
		if [ -z "$line" ]; then
			bad "$prog --help: no line \"$title\" on stdout"
		elif [ "$line" -le "$last" ]; then
			bad "$prog --help: \"$title\" out of order (line $line)"
		else
			ok "$prog --help: $title"
			last=$line
		fi
	done
	# tblbench's first argument is a device, whatever it is called.
	if [ "$prog" = tblbench ]; then
		wrong "$prog with no arguments" "$bin"
	else
		wrong "$prog --no-such-option" "$bin" --no-such-option
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
