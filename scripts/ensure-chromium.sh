#!/usr/bin/env bash
# The browser tests need Debian's Chromium, at CHROME_PATH or /usr/bin/chromium.
exec bash "$(dirname "$0")/ensure-debian-package.sh" "${CHROME_PATH:-/usr/bin/chromium}" chromium "the browser tests" CHROME_PATH
