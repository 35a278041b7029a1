#!/usr/bin/env bash
# The reverse-proxy test (test/nginx.test.ts) puts Debian's nginx in front of a real server, at
# NGINX_PATH or on PATH (/usr/sbin is where Debian puts it).
PATH="$PATH:/usr/sbin"
exec bash "$(dirname "$0")/ensure-debian-package.sh" "${NGINX_PATH:-nginx}" nginx "the reverse-proxy test" NGINX_PATH
