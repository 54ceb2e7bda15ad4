#!/usr/bin/env bash
# Builds dist/launcher/vmbench-launcher from harness/process/launcher/vmbench-launcher.c with the
# system C compiler, when the source is newer than the binary. Without a compiler the harness
# falls back to Node's child_process.spawn and says so (doctor, env.json, report).
set -euo pipefail
cd "$(dirname "$0")/.."
src=harness/process/launcher/vmbench-launcher.c
out=dist/launcher/vmbench-launcher
[ -x "$out" ] && [ "$out" -nt "$src" ] && exit 0
cc=$(command -v cc || command -v gcc || true)
if [ -z "$cc" ]; then
  printf 'vmbench setup: no C compiler: not building the native launcher (timings use the slower Node launch path)\n' >&2
  exit 0
fi
mkdir -p dist/launcher
printf 'vmbench setup: building the native launcher (%s)\n' "$out" >&2
"$cc" -O2 -Wall -Wextra -Werror -o "$out.tmp" "$src"
mv "$out.tmp" "$out"
