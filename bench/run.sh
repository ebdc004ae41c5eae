#!/usr/bin/env bash
# `make bench`: search latency, throughput and query counts on PostgreSQL with 100,000
# synthetic publications, against gunicorn with production settings. Prints one table.
# Reuses the bench databases between runs (delete them with dropdb to start afresh).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

BIN=.venv/bin
PORT=${BENCH_PORT:-8077}
N=${BENCH_PUBLICATIONS:-100000}
PG=postgres://postgres@127.0.0.1:5432
LARGE_DB=${BENCH_DB:-recovery_portal_bench}
SMALL_DB=${LARGE_DB}_small
OUT=bench/out
mkdir -p "$OUT"

# Production settings: DEBUG off; only the secret, the hosts and the HTTPS redirect
# (gunicorn speaks plain HTTP here) are set for the bench. DJANGO_BENCH routes /bench/plain.
unset DJANGO_DEBUG
export DJANGO_SECRET_KEY="bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=0
export CONN_MAX_AGE=60
export DJANGO_BENCH=1

step() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }

step "PostgreSQL"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
for db in "$LARGE_DB" "$SMALL_DB"; do
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
        || createdb -h 127.0.0.1 -U postgres "$db"
done

step "wrk"
if ! command -v wrk >/dev/null; then
    apt-get install -y -q wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk >/dev/null; }
fi

# Pages render {% static %} through the manifest, which collectstatic writes: on a fresh
# clone the query counts below would otherwise fail with "Missing staticfiles manifest entry".
step "collectstatic"
$BIN/python manage.py collectstatic --noinput -v0

step "Small database: the shipped content plus synthetic publications up to 10"
export DATABASE_URL=$PG/$SMALL_DB
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_recovery_content -v0
real=$($BIN/python manage.py shell -v0 -c "from research.models import Publication; print(Publication.objects.exclude(slug__startswith='synthetic-').count())" | tail -n 1)
$BIN/python manage.py generate_demo_data --publications $((10 > real ? 10 - real : 0)) --total -v0
PUBLIC_PAGE_CACHE_SECONDS=0 $BIN/python bench/query_counts.py "$OUT/counts-small.json"

step "Large database: the shipped content plus $N synthetic publications (reused when already there)"
export DATABASE_URL=$PG/$LARGE_DB
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_recovery_content -v0
$BIN/python manage.py generate_demo_data --publications "$N" --total
PUBLIC_PAGE_CACHE_SECONDS=0 $BIN/python bench/query_counts.py "$OUT/counts-large.json"

CACHED_PORT=$((PORT + 1))
step "gunicorn (2 workers each): port $PORT renders every request, $CACHED_PORT as in production"
# Not `cd X && gunicorn &`: then $! would be a subshell and killing it would leave gunicorn running.
PUBLIC_PAGE_CACHE_SECONDS=0 $BIN/gunicorn recovery_portal.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
    --error-logfile "$OUT/gunicorn.err" &
RENDERING_PID=$!
$BIN/gunicorn recovery_portal.wsgi:application --bind "127.0.0.1:$CACHED_PORT" --workers 2 \
    --error-logfile "$OUT/gunicorn-cached.err" &
CACHED_PID=$!
trap 'kill "$RENDERING_PID" "$CACHED_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT
for port in "$PORT" "$CACHED_PORT"; do
    for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/bench/plain" && break; sleep 0.2; done
    curl -sf -o /dev/null "http://127.0.0.1:$port/bench/plain"
done

step "Measuring"
$BIN/python bench/measure.py "http://127.0.0.1:$PORT" "http://127.0.0.1:$CACHED_PORT" \
    "$OUT/counts-small.json" "$OUT/counts-large.json" | tee "$OUT/table.txt"

kill "$RENDERING_PID" "$CACHED_PID"
wait 2>/dev/null || true
trap - EXIT
step "Done"
