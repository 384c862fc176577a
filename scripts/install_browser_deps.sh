#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (never `playwright install`:
# there is no internet); page checks use the npm packages vnu-jar (with Java) and axe-core;
# front-cache tests start Debian's Varnish (tests/varnish.py).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing system packages ($*): install them with: sudo apt-get install -y $*" >&2
        exit 1
    fi
    if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

[ -x /usr/bin/chromium ] || { echo "Installing Debian's Chromium..."; apt_install chromium; }
command -v java >/dev/null || { echo "Installing Java for the Nu HTML Checker..."; apt_install default-jre-headless; }
[ -x /usr/sbin/varnishd ] || { echo "Installing Varnish for the front-cache tests..."; apt_install varnish; }
# make bench-pages (and its smoke test) loads nginx, gunicorn and Varnish with wrk.
[ -x /usr/sbin/nginx ] || { echo "Installing nginx for the page benchmark..."; apt_install nginx; }
command -v wrk >/dev/null || { echo "Installing wrk for the page benchmark..."; apt_install wrk; }
command -v npm >/dev/null || { echo "Installing Node.js and npm..."; apt_install nodejs npm; }

if [ ! -f node_modules/.installed ] || [ package.json -nt node_modules/.installed ]; then
    npm install --no-audit --no-fund --no-package-lock --loglevel=error
    touch node_modules/.installed
fi
