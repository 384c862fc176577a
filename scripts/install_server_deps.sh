#!/usr/bin/env bash
# What the suite needs besides Python and PostgreSQL when the browser tests are left out
# (make test-fast): the front-cache and deployment tests start Debian's Varnish
# (tests/varnish.py); the page benchmark's smoke test loads nginx, gunicorn and Varnish with wrk.
set -euo pipefail

missing=()
[ -x /usr/sbin/varnishd ] || missing+=(varnish)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages (${missing[*]}): install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "Installing ${missing[*]} for the front-cache tests and the page benchmark..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
