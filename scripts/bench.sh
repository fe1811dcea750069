#!/usr/bin/env bash
# `make bench`: installs the load tools when missing, then measures (see bench/agenda.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
.venv/bin/python bench/agenda.py
.venv/bin/python bench/imports.py  # import of the largest allowed file: time and peak memory
.venv/bin/python bench/figures.py  # uncached /cijfers/ and /api/v1/figures on PostgreSQL
.venv/bin/python bench/version_check.py  # a cached hit checking 3 and 23 versions in Redis
