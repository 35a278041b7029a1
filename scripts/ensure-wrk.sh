#!/usr/bin/env bash
# The benchmark and its load generator's test need Debian's wrk, at WRK_PATH or on PATH (see
# bench/wrk.ts for why not a Node tool).
exec bash "$(dirname "$0")/ensure-debian-package.sh" "${WRK_PATH:-wrk}" wrk "the benchmark and its tests" WRK_PATH
