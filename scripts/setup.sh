#!/usr/bin/env bash
# Installs what vmbench needs, only what is missing, and says what it does. Run as root on
# Debian or Ubuntu (npm runs it before `npm run suite` and `npm test`).
#   scripts/setup.sh            the suite: QEMU, a guest kernel, busybox-static, runc, crun, runsc, sysbench, fio, iperf3, btrfs-progs, qemu-utils, hyperfine, npm packages, build
#   scripts/setup.sh --tests    the same plus Debian's chromium (browser tests of the report)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'vmbench setup: %s\n' "$*" >&2; }

want_browser=0
[ "${1:-}" = "--tests" ] && want_browser=1

# Node.js comes first: everything else is driven by it.
if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  say "Node.js >= 20.19 with npm is required (found: $(node --version 2>/dev/null || echo none)). Install it first, e.g. from your distribution or nodejs.org."
  exit 1
fi

missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || missing+=("$1"); }
command -v qemu-system-x86_64 >/dev/null || need_pkg qemu-system-x86
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || need_pkg busybox-static
command -v runc >/dev/null || need_pkg runc
command -v crun >/dev/null || need_pkg crun
# gVisor (the runsc runtime): a user-space kernel between the container and the host.
command -v runsc >/dev/null || need_pkg runsc
command -v unshare >/dev/null || need_pkg util-linux
# The native launcher (timestamps without Node in the timed window) is built from C source.
command -v cc >/dev/null || need_pkg gcc
need_pkg libc6-dev
# The performance workloads (cpu, memory, syscall) run Debian's sysbench in every runtime.
command -v sysbench >/dev/null || need_pkg sysbench
# The disk and network workloads: fio and iperf3 in every runtime; ip makes the taps, veth pairs
# and network namespaces (nsenter, from util-linux, starts a namespaces container in one).
command -v fio >/dev/null || need_pkg fio
command -v iperf3 >/dev/null || need_pkg iperf3
command -v ip >/dev/null || need_pkg iproute2
# The provisioning scenario (claims C7, C8): btrfs snapshots on a loop-mounted btrfs, qcow2
# overlays (qemu-img) and the qcow2 first-write test (qemu-io).
command -v mkfs.btrfs >/dev/null || need_pkg btrfs-progs
command -v qemu-img >/dev/null || need_pkg qemu-utils
# `vmbench calibrate` times its launch paths against hyperfine too: an independent third figure.
command -v hyperfine >/dev/null || need_pkg hyperfine
if [ -z "${VMBENCH_KERNEL:-}" ] && ! ls /boot/vmlinuz-* >/dev/null 2>&1; then
  # A guest kernel for the VMs. Debian's cloud kernel is small and boots fast; Ubuntu's is "virtual".
  if grep -qi ubuntu /etc/os-release 2>/dev/null; then need_pkg linux-image-virtual; else need_pkg linux-image-cloud-amd64; fi
fi
if [ "$want_browser" = 1 ]; then
  # Browser tests of the report: Debian's chromium (never a browser download) and a font to draw with.
  [ -x /usr/bin/chromium ] || need_pkg chromium
  need_pkg fonts-liberation
fi
# The tests check for leaked processes with pgrep.
if [ "$want_browser" = 1 ] && ! command -v pgrep >/dev/null; then need_pkg procps; fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "missing Debian packages: ${missing[*]}. Run as root (or: sudo apt-get install ${missing[*]})."
    exit 1
  fi
  say "installing Debian packages: ${missing[*]} (apt-get update && apt-get install)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm ci: exactly the lock file's versions, and a lock file out of step with package.json is an
  # error here rather than a silent re-resolve (test/unit/package-lock.test.ts checks it too).
  say "installing npm packages (npm ci, from package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "building (tsc)"
npx --no-install tsc -p tsconfig.json
# The report page's script: TypeScript for the browser (DOM, no Node), compiled on its own.
node scripts/build-page-script.mjs
bash scripts/build-launcher.sh
