"""Measure a running server and print the `make bench` table.

Usage: python bench/measure.py BASE_URL SMALL_COUNTS.json LARGE_COUNTS.json

1. Search latency: the 50 queries of bench/queries.py, one warm-up round, then
   ROUNDS rounds, each request timed on its own (sequential HTTP requests, a new
   connection each, so the time includes the whole server: gunicorn, Django,
   PostgreSQL and the network stack).
2. Throughput: wrk against the theme page, the research list, a search, the
   trivial view (/bench/plain, routed only with DJANGO_BENCH=1) and a static
   file, all against the same server in the same run; then the theme page, the
   research list and a trivial view that loads the reader (/bench/signed-in) as
   a logged-in practitioner (a session cookie).
3. Query counts per public page at the two data sizes (from bench/query_counts.py).
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings")

import django  # noqa: E402

django.setup()

from bench.queries import GROUPS, QUERIES  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "16"))
SEARCH_P95_TARGET_MS = 100
THEME_RATIO_TARGET = 0.5
# DESIGN's budgets for logged-in readers, who always get rendered pages (the page cache is for anonymous visitors).
RENDERED_TARGETS = {"theme page": 0.25, "research list": 0.15}


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status, body


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def search_latency(base):
    """{group: [ms, ...]}, {query: [ms, ...]} and any failures, over ROUNDS rounds after a warm-up round."""
    timings = {group: [] for group in GROUPS}
    by_query = {query: [] for _, query in QUERIES}
    failures = []
    for round_number in range(ROUNDS + 1):
        for group, query in QUERIES:
            ms, status, _ = fetch(f"{base}/search/?{urllib.parse.urlencode({'q': query})}")
            if status != 200:
                failures.append((query, status))
            if round_number:  # round 0 warms caches and both workers
                timings[group].append(ms)
                by_query[query].append(ms)
    return timings, by_query, failures


def reader_session():
    """The cookies of a logged-in practitioner ("bench-reader"), whose pages are always rendered: their session,
    and the CSRF cookie a browser has kept since the login page."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.models import Group
    from django.utils.crypto import get_random_string

    user, _ = get_user_model().objects.get_or_create(
        username="bench-reader", defaults={"first_name": "Bench", "last_name": "Reader"}
    )
    user.groups.add(Group.objects.get(name="Practitioners"))
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.SIGNED_IN_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(32)
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def fetch_as(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def wrk(url, cookie=None):
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    note = []
    if non_2xx:
        note.append(f"non-2xx={non_2xx.group(1)}")
    if errors:
        note.append(errors.group(0))
    return rps, " ".join(note)


def main(base, cached_base, small_path, large_path):
    """`base` renders every request (page cache off); `cached_base` runs the production default."""
    small, large = (json.loads(Path(path).read_text()) for path in (small_path, large_path))
    theme_url = large["pages"]["theme page"]["url"]
    _, _, theme_html = fetch(base + theme_url)
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', theme_html)
    static_url = css.group(1).decode() if css else "/static/css/site.css"

    timings, by_query, failures = search_latency(base)
    everything = [ms for values in timings.values() for ms in values]

    targets = [
        ("theme page", theme_url),
        ("research list", "/research/"),
        ("search", "/search/?q=housing"),
        ("trivial view", "/bench/plain"),
        ("static file", static_url),
    ]
    rps, cached_rps = {}, {}
    for name, path in targets:
        fetch(base + path)
        rps[name] = wrk(base + path)
    # Logged-in readers (the header names them) always get rendered pages, whatever the page cache.
    cookie = reader_session()
    logged_in = [(f"{name}, logged in", path) for name, path in targets[:2]]
    # What signing in alone costs: a trivial view that loads the reader (session and user), as all their pages do.
    logged_in.append(("trivial view, signed in", "/bench/signed-in"))
    for name, path in logged_in:
        if not re.search(rb"Bench Reader|bench-reader", fetch_as(base + path, cookie)):
            sys.exit(f"The bench reader's session did not log in on {path}.")
        rps[name] = wrk(base + path, cookie)
    for name, path in targets[:3]:
        fetch(cached_base + path)
        cached_rps[name] = wrk(cached_base + path)

    rows = []

    def section(title, *headers):
        rows.append(("section", title, *headers))

    def row(*cells):
        rows.append(("row", *cells))

    section(f"Search latency, ms ({len(QUERIES)} queries x {ROUNDS} rounds, sequential HTTP)", "p50", "p95", "max")
    for group, values in timings.items():
        row(f"  {group} ({len(values) // ROUNDS} queries)", *(f"{v:.1f}" for v in _stats(values)))
    row("  all 50 queries", *(f"{v:.1f}" for v in _stats(everything)))
    trivial = rps["trivial view"][0]
    section(
        f"Requests/second, production settings (wrk -t2 -c{WRK_CONNECTIONS} -d{WRK_SECONDS}s)",
        "req/s",
        "x trivial",
        "",
    )
    for name, path in targets[:3]:
        value, note = cached_rps[name]
        row(f"  {name} {path}"[:64], f"{value:.0f}", f"{value / trivial:.2f}", note)
    section("Requests/second, page cache off: every request rendered", "req/s", "x trivial", "")
    for name, path in [*targets, *logged_in]:
        value, note = rps[name]
        row(f"  {name} {path}"[:64], f"{value:.0f}", f"{value / trivial:.2f}", note)
    section(
        "SQL queries per page (anonymous visitor)",
        f"{small['publications']:,} pubs",
        f"{large['publications']:,} pubs",
        "same?",
    )
    for name, page in large["pages"].items():
        before = small["pages"].get(name, {}).get("queries", "?")
        after = page["queries"]
        flag = "yes" if before == after else "no"
        if page["status"] != 200:
            flag += f" (HTTP {page['status']})"
        row(f"  {name} {page['url']}"[:64], before, after, flag)

    _print_table(rows)

    p95 = _stats(everything)[1]
    ratio = cached_rps["theme page"][0] / trivial
    rendered_ratio = rps["theme page"][0] / trivial
    worst_queries = max(
        max(p["queries"] for p in small["pages"].values()), max(p["queries"] for p in large["pages"].values())
    )
    same = all(small["pages"].get(n, {}).get("queries") == p["queries"] for n, p in large["pages"].items())
    print()
    verdict = {True: "MET", False: "MISSED"}
    print(f"Target: search p95 < {SEARCH_P95_TARGET_MS} ms: {verdict[p95 < SEARCH_P95_TARGET_MS]} ({p95:.1f} ms)")
    theme_met = verdict[ratio >= THEME_RATIO_TARGET]
    print(
        f"Target: theme page >= {THEME_RATIO_TARGET} x trivial view: {theme_met} ({ratio:.2f} as served;"
        f" {rendered_ratio:.2f} when every request is rendered)"
    )
    signed_in = rps["trivial view, signed in"][0]
    for name, target in RENDERED_TARGETS.items():
        rendered = rps[name][0] / trivial
        reader = rps[f"{name}, logged in"][0]
        print(
            f"Target: {name} rendered >= {target} x trivial view: {verdict[rendered >= target]} ({rendered:.2f});"
            f" logged in {reader / trivial:.2f} x trivial view, {verdict[reader / trivial >= target]}"
            f" ({reader / signed_in:.2f} x the trivial view signed in, which is {signed_in / trivial:.2f})"
        )
    print(f"Target: same query count at both sizes: {verdict[same]} (at most {worst_queries} per page)")
    slowest = sorted(by_query.items(), key=lambda item: -sorted(item[1])[len(item[1]) // 2])[:3]
    print("Slowest searches (median ms): " + ", ".join(f"{q} {sorted(ms)[len(ms) // 2]:.0f}" for q, ms in slowest))
    if failures:
        print(f"Search failures: {failures[:5]}")


def _stats(values):
    return percentile(values, 0.5), percentile(values, 0.95), max(values)


def _print_table(rows):
    widths = [64, 12, 12, 30]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    for kind, *cells in rows:
        cells = [str(cell) for cell in cells] + [""] * (4 - len(cells))
        if kind == "section":
            print(line)
        text = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:3], widths[1:3], strict=True)]
        text.append(cells[3].ljust(widths[3]))
        print("| " + " | ".join(text) + " |")
        if kind == "section":
            print(line)
    print(line)


if __name__ == "__main__":
    main(*sys.argv[1:5])
