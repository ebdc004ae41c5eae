"""The probes of `make chaos`, run by chaos/run.sh once it has started two gunicorn instances.

Instance A and instance B share one PostgreSQL database and one Redis (a
private redis-server this script starts and stops). In order:

  burst       wrk against both instances at once: no errors
  sessions    a curator logged in on A is logged in on B
  unpublish   unpublished on A: gone at once from A and B, page and list
  long search a 6 KB search address answers with the site's own message
  redis down  Redis stopped mid-run: every public page still answers, the
              outage is logged once per worker, /healthz says "degraded";
              Redis back: /healthz says "ok"
  kill        instance B killed mid-import: nothing of the import written,
              the file still waiting to be imported; A still serves

Prints one table (probe, expected, seen) and exits 1 when any probe fails.
"""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402

from research.models import PendingImport, Publication, Status  # noqa: E402

PORT_A, PORT_B = int(os.environ["CHAOS_PORT_A"]), int(os.environ["CHAOS_PORT_B"])
PID_B = int(os.environ["CHAOS_PID_B"])
REDIS_PORT = int(os.environ["CHAOS_REDIS_PORT"])
OUT = ROOT / "chaos" / "out"
PUBLIC_PAGES = ["/", "/themes/", "/research/", "/tags/", "/themes/map/", "/search/?q=hope", "/feeds/research/"]
IMPORT_RECORDS = int(os.environ.get("CHAOS_IMPORT_RECORDS", "3000"))
MARK = "[Chaos]"
OUTAGE_LOGGED = "The cache (Redis) is unreachable"

results = []


def record(probe, expected, seen, ok):
    results.append((probe, expected, seen, ok))


class Browser:
    """HTTP to one instance, keeping its own cookies. The site marks its cookies Secure, which a cookie jar
    would not send over the plain HTTP used here, so they are kept and sent by hand."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for cookie in response.msg.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return response.status, content

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, form, **kwargs):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, urlencode(form, doseq=True), headers, **kwargs)

    def upload(self, path, fields, file_field, file_name, content):
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
            f"Content-Type: application/x-bibtex\r\n\r\n{content}\r\n--{boundary}--\r\n"
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, "".join(parts).encode(), headers, timeout=120)

    def csrf_token(self, path):
        status, content = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if not match:
            raise RuntimeError(f"no CSRF token on {path} (status {status})")
        return match.group(1)

    def log_in(self, username, password):
        token = self.csrf_token("/admin/login/")
        status, _ = self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
        )
        return status == 302


def anonymous_get(port, path, timeout=30):
    """A visitor with no cookies, as the page cache serves them."""
    try:
        return Browser(port).get(path, timeout=timeout)
    except OSError as error:
        return 0, str(error)


# Redis, privately ---------------------------------------------------------------


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis():
    server = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=(OUT / "redis.log").open("a"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        if redis_answers():
            return server
        time.sleep(0.05)
    server.kill()
    raise RuntimeError(f"redis-server did not start on port {REDIS_PORT}")


def stop_redis(server):
    server.terminate()
    server.wait(timeout=10)


def health(port):
    import json

    status, content = anonymous_get(port, "/healthz")
    try:
        return status, json.loads(content)
    except ValueError:
        return status, {}


# Setting up ---------------------------------------------------------------------


def curator_password():
    """A curator of our own, with a fresh password each run."""
    password = secrets.token_urlsafe(16)
    user, _ = get_user_model().objects.get_or_create(username="chaos-curator", defaults={"is_staff": True})
    user.is_staff, user.is_active = True, True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name="Curators"))
    return password


def target_publication():
    """The shipped publication the unpublish probe uses, published again in case an earlier run stopped midway."""
    publication = Publication.objects.exclude(title__startswith=MARK).order_by("pk").first()
    Publication.objects.filter(pk=publication.pk).update(status=Status.PUBLISHED)
    return Publication.objects.get(pk=publication.pk)


def chaos_bibtex(records):
    run = uuid.uuid4().hex[:8]
    return "\n".join(
        f"@article{{chaos{n},\n  author = {{Chaos{n % 500}, Probe and Other{n % 90}, A.}},\n"
        f"  title = {{{MARK} A study written by the fault-and-load check, {run} number {n}}},\n"
        f"  journal = {{Journal of Probes}},\n  year = {{2020}},\n  doi = {{10.9999/chaos.{run}.{n}}},\n"
        f"  abstract = {{Synthetic: made by make chaos and never kept.}}\n}}\n"
        for n in range(records)
    )


# The probes ----------------------------------------------------------------------


def burst():
    script = ROOT / "chaos" / "pages.lua"
    runs = [
        subprocess.Popen(
            ["wrk", "-t1", "-c8", "-d5s", "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for port in (PORT_A, PORT_B)
    ]
    requests = errors = 0
    for run in runs:
        output = run.communicate(timeout=60)[0]
        requests += int(re.search(r"(\d+) requests in", output).group(1))
        errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
        if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
            errors += sum(int(n) for n in m.groups())
    record(
        "burst: wrk, 16 connections, 5 s, A and B",
        "0 errors",
        f"{errors} errors in {requests} requests",
        errors == 0 and requests > 0,
    )


def shared_sessions(curator):
    other = Browser(PORT_B)
    other.cookies = dict(curator.cookies)
    status, _ = other.get("/admin/")
    record("sessions: log in on A, open admin on B", "200 on B", f"{status} on B", status == 200)


def unpublish(curator, publication):
    page = f"/research/{publication.slug}/"
    before = [anonymous_get(port, page)[0] for port in (PORT_A, PORT_B)]
    for port in (PORT_A, PORT_B):
        anonymous_get(port, "/research/")  # cached now, as a visitor left it
    token = curator.csrf_token("/admin/research/publication/")
    status, _ = curator.post(
        "/admin/research/publication/",
        {
            "action": "unpublish",
            "_selected_action": publication.pk,
            "index": 0,
            "select_across": 0,
            "csrfmiddlewaretoken": token,
        },
    )
    after = [anonymous_get(port, page)[0] for port in (PORT_A, PORT_B)]
    listed = [name for name, port in (("A", PORT_A), ("B", PORT_B)) if page in anonymous_get(port, "/research/")[1]]
    record(
        "unpublish on A: the page at once",
        "404 on A and B",
        f"before {before[0]}/{before[1]}; action {status}; after A {after[0]}, B {after[1]}",
        before == [200, 200] and after == [404, 404],
    )
    record(
        "unpublish on A: the research list at once",
        "listed on neither",
        f"listed on {', '.join(listed)}" if listed else "listed on neither",
        not listed,
    )


def long_search():
    query = "recovery " * 700
    status, content = anonymous_get(PORT_A, f"/search/?q={quote(query)}")
    cut = "Your search was longer than" in content
    record(
        f"long search: a {len(quote(query)) // 1000} KB address",
        "200, the site says it was cut",
        f"{status}, {'says it was cut' if cut else 'no message'}",
        status == 200 and cut,
    )


def redis_down(redis):
    statuses = []
    slowest = 0.0
    for n in range(60):
        if n == 20:
            stop_redis(redis)
        port = (PORT_A, PORT_B)[n % 2]
        started = time.monotonic()
        statuses.append(anonymous_get(port, PUBLIC_PAGES[n % len(PUBLIC_PAGES)])[0])
        slowest = max(slowest, time.monotonic() - started)
    failed = [status for status in statuses if not 200 <= status < 400]
    record(
        "redis down mid-run: public pages, A and B",
        "0 errors in 60",
        f"{len(failed)} errors ({sorted(set(failed)) or 'none'}); slowest {slowest:.2f} s",
        not failed,
    )
    logged = sum(path.read_text(errors="replace").count(OUTAGE_LOGGED) for path in OUT.glob("app-*.log"))
    record("redis down: outage logged", "once per worker (at most 4)", f"{logged} lines", 1 <= logged <= 4)
    healths = [health(port) for port in (PORT_A, PORT_B)]
    seen = ", ".join(f"{status} {body.get('status')}/{body.get('cache')}" for status, body in healths)
    record(
        "redis down: /healthz on A and B",
        "200 degraded/unreachable",
        seen,
        all(status == 200 and body.get("status") == "degraded" for status, body in healths),
    )
    redis = start_redis()
    healths = [health(port) for port in (PORT_A, PORT_B)]
    seen = ", ".join(f"{status} {body.get('status')}/{body.get('cache')}" for status, body in healths)
    record(
        "redis back: /healthz on A and B",
        "200 ok/ok",
        seen,
        all(status == 200 and body.get("status") == "ok" for status, body in healths),
    )
    return redis


def import_in_progress():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND state IN ('active', 'idle in transaction') AND query LIKE 'INSERT INTO \"research_%%'"
        )
        return cursor.fetchone()[0] > 0


def kill_mid_import(password):
    curator = Browser(PORT_B)
    curator.log_in("chaos-curator", password)
    token = curator.csrf_token("/admin/research/publication/import/")
    status, preview = curator.upload(
        "/admin/research/publication/import/",
        {"csrfmiddlewaretoken": token},
        "file",
        "chaos.bib",
        chaos_bibtex(IMPORT_RECORDS),
    )
    confirm = re.search(r'name="token" value="([^"]+)"', preview)
    if status != 200 or not confirm:
        record("kill B mid-import", "no partial import", f"the preview failed ({status})", False)
        return
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview).group(1)
    answer = {}

    def confirm_import():
        try:
            answer["status"] = curator.post(
                "/admin/research/publication/import/",
                {"token": confirm.group(1), "csrfmiddlewaretoken": csrf},
                timeout=120,
            )[0]
        except OSError as error:
            answer["error"] = type(error).__name__

    thread = threading.Thread(target=confirm_import)
    thread.start()
    deadline = time.monotonic() + 60
    while not import_in_progress() and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    writing = import_in_progress()
    os.killpg(PID_B, signal.SIGKILL)
    thread.join(timeout=30)
    for _ in range(200):  # PostgreSQL notices the closed connection and rolls the transaction back
        if not import_in_progress():
            break
        time.sleep(0.05)
    written = Publication.objects.filter(title__startswith=MARK).count()
    waiting = PendingImport.objects.count()
    record(
        f"kill B mid-import ({IMPORT_RECORDS} records)",
        "0 written, file still waiting",
        f"{'killed while writing' if writing else 'NOT killed while writing'}; "
        f"{written} written; {waiting} file waiting; client saw {answer.get('error') or answer.get('status')}",
        writing and written == 0 and waiting == 1,
    )
    statuses = [anonymous_get(PORT_A, path)[0] for path in ("/research/", "/healthz")]
    record("kill B: A still serves", "200, 200", ", ".join(map(str, statuses)), statuses == [200, 200])


def print_table():
    headers = ("probe", "expected", "seen", "")
    rows = [(probe, expected, seen, "ok" if ok else "FAIL") for probe, expected, seen, ok in results]
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(4)]
    for row in [headers, tuple("-" * width for width in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def main():
    PendingImport.objects.all().delete()
    Publication.objects.filter(title__startswith=MARK).delete()
    password = curator_password()
    publication = target_publication()
    redis = start_redis()
    try:
        for port in (PORT_A, PORT_B):
            for path in PUBLIC_PAGES:
                anonymous_get(port, path)  # warm: the pages come from the shared cache from now on
        burst()
        curator = Browser(PORT_A)
        record(
            "curator logs in on A",
            "logged in",
            "logged in" if curator.log_in("chaos-curator", password) else "refused",
            bool(curator.cookies.get("sessionid")),
        )
        shared_sessions(curator)
        unpublish(curator, publication)
        long_search()
        redis = redis_down(redis)
        kill_mid_import(password)
    finally:
        stop_redis(redis)
        Publication.objects.filter(pk=publication.pk).update(status=Status.PUBLISHED)
        Publication.objects.filter(title__startswith=MARK).delete()
        PendingImport.objects.all().delete()
    print_table()
    failed = [probe for probe, _, _, ok in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
