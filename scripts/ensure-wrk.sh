#!/usr/bin/env bash
# The benchmark loads the server with wrk (Debian's package; see bench/wrk.ts for why not a Node tool).
# Finds it at WRK_PATH or on PATH; installs it when missing and running as root;
# otherwise stops with one line saying what to install.
set -euo pipefail
if command -v "${WRK_PATH:-wrk}" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's wrk for the benchmark…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  exit 0
fi
echo "The benchmark needs wrk: install Debian's wrk (sudo apt-get install wrk) or set WRK_PATH." >&2
exit 1
