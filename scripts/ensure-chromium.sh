#!/usr/bin/env bash
# The browser tests need Debian's Chromium (never a browser downloaded by a test tool).
# Finds it at CHROME_PATH or /usr/bin/chromium; installs it when missing and running as root;
# otherwise stops with one line saying what to install.
set -euo pipefail
chrome="${CHROME_PATH:-/usr/bin/chromium}"
if [ -x "$chrome" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium: install Debian's chromium (sudo apt-get install chromium) or set CHROME_PATH." >&2
exit 1
