#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# libmcnic's typed C API (tests/host/test_api.c) against a running
# mcnic-sim: every public table call once, its effect read back.
set -u
. "$(dirname "$0")/lib.sh"

sim_start || { echo "0 passed, 1 failed"; exit 1; }
"$B/tests/host/test_api"
rc=$?
sim_stop
exit $rc
