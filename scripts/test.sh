#!/usr/bin/env bash
# The whole suite: SQLite always; PostgreSQL too when CI=true (mandatory) or when it answers.
# The two runs go side by side (one core each); the PostgreSQL run's output follows SQLite's.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export TESTING=true
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/estafette}"
mkdir -p var

pg_answers() {
  $PY - "$PG_URL" <<'PYEOF'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
except Exception as error:
    print(f"PostgreSQL does not answer: {error}", file=sys.stderr)
    sys.exit(1)
PYEOF
}

echo "== Migrations match the models"
DATABASE_URL="sqlite:///$(pwd)/var/test.sqlite3" $PY manage.py makemigrations --check --dry-run

if [ "${CI:-}" = "true" ]; then
  pg_answers || { echo "CI=true: the PostgreSQL tests are mandatory and PostgreSQL does not answer." >&2; exit 1; }
  run_pg=yes
elif pg_answers 2>/dev/null; then
  run_pg=yes
else
  echo "== PostgreSQL does not answer at ${PG_URL}: its run is left out (mandatory with CI=true)."
  run_pg=no
fi

pg_status=0
if [ "$run_pg" = yes ]; then
  echo "== Suite on PostgreSQL started in the background (output: var/test-postgres.log)"
  DATABASE_URL="$PG_URL" REQUIRE_POSTGRES=true $PY -m pytest -m "not browser" -p no:cacheprovider "$@" \
    >var/test-postgres.log 2>&1 &
  pg_pid=$!
fi

echo "== Suite on SQLite"
sqlite_status=0
DATABASE_URL="sqlite:///$(pwd)/var/test.sqlite3" $PY -m pytest -m "not postgres" -p no:cacheprovider "$@" \
  || sqlite_status=$?

if [ "$run_pg" = yes ]; then
  wait "$pg_pid" || pg_status=$?
  echo "== Suite on PostgreSQL"
  cat var/test-postgres.log
fi
echo "== SQLite: exit ${sqlite_status}; PostgreSQL: $([ "$run_pg" = yes ] && echo "exit ${pg_status}" || echo "not run")"
[ "$sqlite_status" = 0 ] && [ "$pg_status" = 0 ]
