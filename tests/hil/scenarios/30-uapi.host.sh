#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Host side of 30-uapi: once the guest has applied examples/multicloud.yaml
# through /dev/mcnic0, the NIC holds it: mcnic-sim's own socket (no driver
# in the way) shows the same routes and VTEPs.
. "$(dirname "$0")/../host-lib.sh"
ctl=$BUILD/bin/mcnicctl

hil_wait_guest 'uapi tables applied' 120 || exit 1
routes=$("$ctl" route show) || exit 1
echo "$routes"
grep -q '10\.1\.1\.0/24' <<<"$routes" || { echo "route 10.1.1.0/24 missing"; exit 1; }
vteps=$("$ctl" vtep show) || exit 1
echo "$vteps"
grep -q '192\.0\.2\.1' <<<"$vteps" || { echo "VTEP 192.0.2.1 missing"; exit 1; }
echo "host: the guest's tables are in the NIC"
