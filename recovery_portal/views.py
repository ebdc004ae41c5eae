"""Pages that span the apps: home, tags, search, health."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from reflections.models import Exercise, TaggedExercise
from research.models import Publication, Status, TaggedPublication
from themes.models import RecoveryMeaning, TaggedTheme, Theme

from . import search as site_search
from .cache import cache_status
from .forms import SearchForm
from .models import SiteDetails

RECENT_RESEARCH = 5
TAG_PAGE_SIZE = 20


def home(request):
    return render(
        request,
        "home.html",
        {
            "meanings": RecoveryMeaning.objects.all(),
            "themes": Theme.objects.published().with_research_count(),
            "recent_publications": Publication.objects.published()
            .for_listing()
            .order_by("-created")[:RECENT_RESEARCH],
        },
    )


def about(request):
    return render(request, "about.html", {"details": SiteDetails.current()})


def _published_counts(through_model):
    """{tag id: how many published items of one kind carry it}, in one grouped query."""
    rows = (
        through_model.objects.filter(content_object__status=Status.PUBLISHED)
        .order_by()
        .values_list("tag")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


def tag_list(request):
    # Grouped counts then one fetch of the tags: a correlated count per tag
    # took seconds with 100,000 publications.
    theme_counts = _published_counts(TaggedTheme)
    publication_counts = _published_counts(TaggedPublication)
    exercise_counts = _published_counts(TaggedExercise)
    carried = theme_counts.keys() | publication_counts.keys() | exercise_counts.keys()
    tags = list(Tag.objects.filter(pk__in=carried).order_by("name"))
    for tag in tags:
        tag.theme_count = theme_counts.get(tag.pk, 0)
        tag.publication_count = publication_counts.get(tag.pk, 0)
        tag.exercise_count = exercise_counts.get(tag.pk, 0)
    return render(request, "tags/tag_list.html", {"tags": tags})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    themes = list(Theme.objects.published().filter(tags=tag).prefetch_related("tags"))
    exercises = list(Exercise.objects.published().filter(tags=tag).select_related("reflective_model"))
    publications = Publication.objects.published().filter(tags=tag).for_cards().order_by("-created", "-id")
    page = Paginator(publications, per_page=TAG_PAGE_SIZE).get_page(request.GET.get("page"))
    if not themes and not exercises and not page.paginator.count:
        # A tag only drafts carry (or nothing) has no public page: its name alone would tell of them.
        raise Http404("No published content has this tag.")
    return render(
        request, "tags/tag_detail.html", {"tag": tag, "themes": themes, "exercises": exercises, "page": page}
    )


@never_cache
def healthz(request):
    """For load balancers: 503 when the database does not answer, else 200.

    A cache (Redis) that does not answer makes the status "degraded" but still
    200: pages are served uncached, so the instance can take traffic, and
    taking every instance out because the shared cache is down would turn a
    slower site into no site.
    """
    cache = cache_status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable", "database": "unreachable", "cache": cache}, status=503)
    status = "degraded" if cache == "unreachable" else "ok"
    return JsonResponse({"status": status, "database": "ok", "cache": cache})


def favicon(request):
    # Resolved per request: the hashed name is known only once collectstatic has run.
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Allow: /reflections/exercises/",
        "Disallow: /reflections/",
        "Disallow: /trainer/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def search(request):
    tags = site_search.tag_choices()
    form = SearchForm(request.GET, tags=tags)
    form.is_valid()  # an unknown kind or tag is ignored, not an error
    # The raw query: search.clean_query cuts and cleans it (the form would refuse a NUL outright).
    raw_query = request.GET.get("q", "")
    chosen = {"q": raw_query}
    chosen.update({name: form.cleaned_data.get(name) or "" for name in ("kind", "tag")})
    tag_ids = {slug: pk for pk, slug, _ in tags}
    results = site_search.search(
        query=chosen["q"],
        kind=chosen["kind"],
        tag_id=tag_ids.get(chosen["tag"]),
        page=request.GET.get("page"),
    )
    chosen["q"] = results.query

    def search_url(**changes):
        params = {key: value for key, value in {**chosen, **changes}.items() if value}
        return f"?{urlencode(params)}" if params else "?"

    facets = [
        {
            "label": "Everything",
            "count": sum(f.count for f in results.facets),
            "more": any(f.more for f in results.facets),
            "url": search_url(kind=""),
            "current": not results.kind,
        },
        *[
            {
                "label": f.kind.label,
                "count": f.count,
                "more": f.more,
                "url": search_url(kind=f.kind.name),
                "current": results.kind == f.kind.name,
            }
            for f in results.facets
        ],
    ]
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "results": results,
            "facets": facets,
            "tag_name": next((name for pk, _, name in tags if pk == results.tag_id), ""),
            "tag_slug": next((slug for pk, slug, _ in tags if pk == results.tag_id), ""),
            "query_string": search_url()[1:],
            "suggestion_url": search_url(q=results.suggestion) if results.suggestion else "",
            # A pasted or linked address can carry more than the search box allows; say that it was cut.
            "query_was_cut": len(" ".join(raw_query.split())) > site_search.MAX_QUERY_LENGTH,
            "max_query_length": site_search.MAX_QUERY_LENGTH,
        },
    )


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check, explained in plain words (Django's own page is for developers)."""
    return render(request, "403_csrf.html", status=403)


def bench_plain(request):
    """A trivial Django view for `make bench` to compare pages against (only routed when BENCH is on)."""
    return HttpResponse("ok", content_type="text/plain")


def bench_signed_in(request):
    """As trivial, but for whoever is signed in: what signing in alone costs a request (their session and user)."""
    return HttpResponse(f"Signed in as {request.user.get_username()}", content_type="text/plain")
