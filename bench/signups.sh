#!/usr/bin/env bash
# Sign-up figures on PostgreSQL: two granian processes behind nginx, then bench/signups.py
# measures sign-ups per second and the contention test (500 at once for the last 10 seats).
# Rate limits and the minimum-time check are switched off with SIGNUP_LIMITS=false: bench only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VAR="$ROOT/var/bench/signups"
mkdir -p "$VAR/logs"
PY="$ROOT/.venv/bin/python"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
APP1=$(free_port); APP2=$(free_port); FRONT=$(free_port)

export DEBUG=false HTTPS=false TESTING=false ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/est_bench_signups"
export REDIS_URL="redis://127.0.0.1:6379/3"
export SIGNUP_LIMITS=false MAIL_DELIVERY=worker LOG_LEVEL=ERROR CONN_MAX_AGE=60
export EMAIL_URL="file://$VAR/mail"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$PY" - <<'PYEOF'
import psycopg
with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
    conn.execute("DROP DATABASE IF EXISTS est_bench_signups WITH (FORCE)")
    conn.execute("CREATE DATABASE est_bench_signups")
PYEOF
"$PY" manage.py migrate --noinput -v0
redis-cli -n 3 FLUSHDB >/dev/null 2>&1 || "$PY" -c 'import redis; redis.Redis(db=3).flushdb()'

for port in "$APP1" "$APP2"; do
  # 8 threads per process: 16 PostgreSQL connections in all (max_connections is 100 and shared).
  "$ROOT/.venv/bin/granian" --interface wsgi --workers 1 --host 127.0.0.1 --port "$port" \
    --blocking-threads 8 --log-level warning estafette.wsgi:application >"$VAR/logs/granian-$port.log" 2>&1 &
  PIDS+=($!)
done

cat >"$VAR/nginx.conf" <<NGINX
worker_processes 2;
pid $VAR/nginx.pid;
error_log $VAR/logs/error.log;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path $VAR/tmp;
  proxy_temp_path $VAR/tmp;
  upstream estafette { server 127.0.0.1:$APP1; server 127.0.0.1:$APP2; keepalive 32; }
  server {
    listen 127.0.0.1:$FRONT;
    location / {
      proxy_pass http://estafette;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
    }
  }
}
NGINX
mkdir -p "$VAR/tmp"
nginx -c "$VAR/nginx.conf" -p "$VAR" -g "daemon off;" &
PIDS+=($!)

"$PY" bench/signups.py --base "http://127.0.0.1:$FRONT" --apps "$APP1,$APP2"
