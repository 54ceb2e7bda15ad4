#!/usr/bin/env bash
# Builds dist/launcher/vmbench-launcher from harness/process/launcher/vmbench-launcher.c with the
# system C compiler, when the source is newer than the binary. Without a compiler the harness
# falls back to Node's child_process.spawn and says so (doctor, env.json, report).
set -euo pipefail
cd "$(dirname "$0")/.."
# Also lean-launch, the minimal reference launcher `vmbench calibrate` compares the harness with.
cc=$(command -v cc || command -v gcc || true)
build() { # SOURCE OUTPUT [EXTRA CC FLAGS...]
  [ -x "$2" ] && [ "$2" -nt "$1" ] && return 0
  if [ -z "$cc" ]; then
    printf 'vmbench setup: no C compiler: not building %s (timings use the slower Node launch path)\n' "$2" >&2
    return 0
  fi
  mkdir -p "$(dirname "$2")"
  printf 'vmbench setup: building %s\n' "$2" >&2
  "$cc" -O2 -Wall -Wextra -Werror "${@:3}" -o "$2.tmp" "$1"
  mv "$2.tmp" "$2"
}
build harness/process/launcher/vmbench-launcher.c dist/launcher/vmbench-launcher
build harness/measure/lean-launch.c dist/launcher/lean-launch
# The copy-on-write first-write probe of the provisioning scenario (claim C8).
build harness/provisioning/cowprobe.c dist/launcher/vmbench-cowprobe
# ... and its timer: each clone command timed from a small C parent, not from Node.
build harness/provisioning/timed-exec.c dist/launcher/vmbench-timed
# The UDP echo of the network workload: static, since it runs inside every image (VM, container, gVisor).
build harness/plumbing/udp-echo.c dist/launcher/vmbench-echo -static
