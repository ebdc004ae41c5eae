#!/usr/bin/env bash
# `make chaos`: two gunicorn instances on one PostgreSQL database sharing a Redis
# cache, then faults and load (chaos/probes.py). Prints one table: probe,
# expected, seen; exits non-zero when any probe fails. About a minute.
#
# Everything it starts is its own: a private redis-server (not the one on 6379),
# two gunicorns on their own ports, and its own database (reused between runs).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
DB=${CHAOS_DATABASE:-recovery_portal_chaos}
export CHAOS_PORT_A=${CHAOS_PORT_A:-8113}
export CHAOS_PORT_B=${CHAOS_PORT_B:-8123}
export CHAOS_REDIS_PORT=${CHAOS_REDIS_PORT:-6403}
OUT=chaos/out
mkdir -p "$OUT"

# Production settings, as `make serve` runs them; only the secret, the hosts and
# the HTTPS redirect (gunicorn speaks plain HTTP here) are set for the run.
unset DJANGO_DEBUG
export DJANGO_SECRET_KEY="chaos-$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=0
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export REDIS_URL=redis://127.0.0.1:$CHAOS_REDIS_PORT/0
export PUBLIC_PAGE_CACHE_SECONDS=60

step() { printf '=== %s (%ss)\n' "$*" "$SECONDS"; }

for tool in redis-server wrk setsid; do
    command -v "$tool" >/dev/null || { echo "chaos needs $tool (apt-get install redis-server wrk)"; exit 2; }
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "chaos needs PostgreSQL on 127.0.0.1:5432"; exit 2; }
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres "$DB"

step "Database $DB: migrate, shipped content, static files"
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_recovery_content -v0
$BIN/python manage.py collectstatic --noinput -v0

step "Two gunicorn instances (ports $CHAOS_PORT_A and $CHAOS_PORT_B), each in its own process group"
# setsid: a probe kills instance B, workers and all, by its process group.
setsid $BIN/gunicorn recovery_portal.wsgi:application --bind "127.0.0.1:$CHAOS_PORT_A" --workers 2 \
    >"$OUT/app-a.log" 2>&1 &
export CHAOS_PID_A=$!
setsid $BIN/gunicorn recovery_portal.wsgi:application --bind "127.0.0.1:$CHAOS_PORT_B" --workers 2 \
    >"$OUT/app-b.log" 2>&1 &
export CHAOS_PID_B=$!
# Not the shell's jobs: a probe kills B on purpose, and the shell would report it.
disown "$CHAOS_PID_A" "$CHAOS_PID_B"
stop() {
    for pid in "$CHAOS_PID_A" "$CHAOS_PID_B"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for _ in $(seq 100); do
        kill -0 "$CHAOS_PID_A" 2>/dev/null || kill -0 "$CHAOS_PID_B" 2>/dev/null || break
        sleep 0.1
    done
}
trap stop EXIT
for port in "$CHAOS_PORT_A" "$CHAOS_PORT_B"; do
    # robots.txt, not /healthz: nothing may touch the cache before the probes start Redis.
    for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/robots.txt" && break; sleep 0.2; done
done

step "Probes"
$BIN/python chaos/probes.py
