"""Pages that span the apps: home, tags, health."""

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from research.models import Publication, Status, TaggedPublication
from themes.models import RecoveryMeaning, TaggedTheme, Theme

RECENT_RESEARCH = 5


def home(request):
    return render(
        request,
        "home.html",
        {
            "meanings": RecoveryMeaning.objects.all(),
            "themes": Theme.objects.published(),
            "recent_publications": Publication.objects.published()
            .for_listing()
            .order_by("-created")[:RECENT_RESEARCH],
        },
    )


def _published_count(through_model):
    """A subquery counting the published items of one kind that carry the outer tag."""
    counts = (
        through_model.objects.filter(tag=OuterRef("pk"), content_object__status=Status.PUBLISHED)
        .order_by()
        .values("tag")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts), 0)


def tag_list(request):
    tags = (
        Tag.objects.annotate(
            theme_count=_published_count(TaggedTheme),
            publication_count=_published_count(TaggedPublication),
        )
        .filter(Q(theme_count__gt=0) | Q(publication_count__gt=0))
        .order_by("name")
    )
    return render(request, "tags/tag_list.html", {"tags": tags})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    themes = Theme.objects.published().filter(tags=tag).prefetch_related("tags")
    publications = Publication.objects.published().filter(tags=tag).for_listing()
    return render(
        request,
        "tags/tag_detail.html",
        {"tag": tag, "themes": themes, "publications": publications},
    )


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /reflections/",
        "Disallow: /trainer/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
