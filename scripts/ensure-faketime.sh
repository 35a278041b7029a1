#!/usr/bin/env bash
# The suite runs a second time with the clock a year ahead (npm run test:future), under Debian's
# faketime, so a test that mixes a fixed date with the real clock fails the day it is written.
exec bash "$(dirname "$0")/ensure-debian-package.sh" "${FAKETIME_PATH:-faketime}" faketime "the clock-ahead tests" FAKETIME_PATH
