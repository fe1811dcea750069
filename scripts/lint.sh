#!/usr/bin/env bash
# `make lint` and CI: formatting, lint rules, Django idioms, template layout and types. Fast (no
# database, no tests); each tool is the venv's pinned one, the same the pre-commit hooks run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"

echo "== ruff format --check"
"$BIN/ruff" format --check --quiet .
echo "== ruff check"
"$BIN/ruff" check --quiet .
echo "== django-upgrade --check (target 5.2)"
git ls-files -z '*.py' | xargs -0 "$BIN/django-upgrade" --target-version 5.2 --check
echo "== djade --check (templates, target 5.2)"
git ls-files -z '*.html' | xargs -0 "$BIN/djade" --target-version 5.2 --check
echo "== mypy (services, queries, permissions)"
"$BIN/mypy"
