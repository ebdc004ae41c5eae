"""Count the SQL queries each public page runs, through Django's test client against the current DATABASE_URL.

Usage: python bench/query_counts.py OUT.json   (with the bench's environment: production settings)
Each page is requested once to warm up, then counted with CaptureQueriesContext as an anonymous visitor.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from research.models import Publication, Status  # noqa: E402
from themes.models import Theme  # noqa: E402


def pages():
    """The public pages, with the heaviest theme (most published research) and a real publication."""
    theme = (
        Theme.objects.published()
        .annotate(links=Count("evidence", filter=Q(evidence__publication__status=Status.PUBLISHED)))
        .order_by("-links", "position")
        .first()
    )
    publication = Publication.objects.published().exclude(slug__startswith="synthetic-").order_by("pk").first()
    return {
        "home": "/",
        "theme list": "/themes/",
        "theme page": theme.get_absolute_url(),
        "evidence map": "/themes/map/",
        "research list": "/research/",
        "publication page": publication.get_absolute_url(),
        "tag list": "/tags/",
        "tag page": "/tags/hope/",
        "search (common word)": "/search/?q=recovery",
        "search (themes and research)": "/search/?q=hope",
        "search (misspelt)": "/search/?q=recovary",
        "search (empty)": "/search/",
        "research feed": "/feeds/research/",
        "sitemap": "/sitemap.xml",
    }


def main(out):
    client = Client(HTTP_HOST="127.0.0.1")
    result = {"publications": Publication.objects.count(), "pages": {}}
    for name, url in pages().items():
        client.get(url)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        result["pages"][name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
    Path(out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
