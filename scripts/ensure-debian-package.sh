#!/usr/bin/env bash
# Makes sure a tool from Debian's packages is there (never one downloaded by a test tool): found as
# the given command or path; installed with apt-get when missing and running as root; otherwise
# stops with one line saying what to install.
# Usage: ensure-debian-package.sh <command or path> <package> <who needs it> <variable that points elsewhere>
set -euo pipefail
tool="$1" package="$2" needed_by="$3" variable="$4"
if command -v "$tool" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's $package for $needed_by…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  exit 0
fi
echo "$needed_by need $package: install Debian's $package (sudo apt-get install $package) or set $variable." >&2
exit 1
