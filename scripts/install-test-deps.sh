#!/usr/bin/env bash
# Installs what `bun test` needs on a fresh Debian machine that has Node.js and npm. The
# README's test command and .ci/run both run it, so they cannot drift apart.
#
#   scripts/install-test-deps.sh [bun|packages|dependencies]…   (no argument: all three)
#
#   bun           Bun 1.4.5 from npm, unless that version is on PATH already.
#   packages      The Debian packages of the programs in scripts/test-tools.txt that are
#                 missing (Chromium, Xvfb, openbox, xterm, wmctrl, xdotool, x11-utils …):
#                 apt-get update, then apt-get install of those only; through sudo when not
#                 root. Nothing runs when every program is there.
#   dependencies  bun install --frozen-lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

BUN_VERSION=1.4.5

install_bun() {
  if command -v bun >/dev/null 2>&1 && [ "$(bun --version)" = "$BUN_VERSION" ]; then return 0; fi
  # --allow-scripts lets npm 11+ run Bun's postinstall; older npm does not know the flag.
  npm install -g --allow-scripts=bun "bun@${BUN_VERSION}" >/dev/null 2>&1 || npm install -g "bun@${BUN_VERSION}"
  hash -r
  echo "bun $(bun --version)"
}

missing_packages() {
  local tool package
  while read -r tool package; do
    case "$tool" in
      '' | '#'*) continue ;;
      # A file, e.g. the arm64 loader qemu runs binaries with (looked for under $TOOLS_ROOT, / by default).
      /*) [ -e "${TOOLS_ROOT:-}$tool" ] || echo "$package" ;;
      *) command -v "$tool" >/dev/null 2>&1 || echo "$package" ;;
    esac
  done <scripts/test-tools.txt | sort -u
}

install_packages() {
  local missing
  missing=$(missing_packages)
  if [ -z "$missing" ]; then return 0; fi
  echo "installing Debian packages:" $missing
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is not available: install these packages yourself:" $missing >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq
  # `env` sets the variable for apt-get itself (sudo would drop one set before it); one word per package.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
}

install_dependencies() {
  bun install --frozen-lockfile
}

if [ $# -eq 0 ]; then set -- bun packages dependencies; fi
for part in "$@"; do
  case "$part" in
    bun) install_bun ;;
    packages) install_packages ;;
    dependencies) install_dependencies ;;
    *)
      echo "unknown part: $part (bun, packages or dependencies)" >&2
      exit 2
      ;;
  esac
done
