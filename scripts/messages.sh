#!/usr/bin/env bash
# Refresh the English catalogue from the Dutch message ids in code and templates, then compile it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY manage.py makemessages -l en --no-obsolete --no-location --no-wrap \
  --ignore='.venv/*' --ignore='var/*' --ignore='staticfiles/*' --ignore='tests/*' --ignore='bench/*' --ignore='docs/*' "$@"
$PY manage.py compilemessages -l en --ignore='.venv/*'
