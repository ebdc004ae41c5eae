import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.urls import Resolver404, resolve

from publishing import page_cache
from research.filters import query_names

from .forms import SearchForm


def security_headers(get_response):
    """Send the Content-Security-Policy and related headers Django does not set itself."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    return middleware


PAGE = ("page",)
# Public pages anonymous visitors may be served from the cache, by URL name, with
# the query parameters each one reads. Any other parameter (and an empty one) is
# dropped before the page is rendered, so it neither changes the page nor makes
# a cache entry of its own: junk parameters cannot fill the cache.
CACHED_PAGES = {
    "home": (),
    "themes:theme_list": (),
    "themes:theme_detail": PAGE,
    "themes:evidence_map": (),
    # The research list's filters include those apps above research add (the theme), known once apps are ready.
    "research:publication_list": lambda: (*query_names(), *PAGE),
    "research:publication_detail": (),
    "tag_list": (),
    "tag_detail": PAGE,
    "search": (*SearchForm.base_fields, *PAGE),
    "research_feed": (),
    "reflections:exercise_list": PAGE,
    "reflections:exercise_detail": (),
}


def public_page_cache(get_response):
    """Serve the public pages to anonymous visitors from the cache for a short while.

    Rendering a page costs far more than serving it, and the public pages are
    the same for everyone who is not logged in. Anyone logged in (a curator
    previewing a draft, say) always gets a fresh page, and a visitor sees an
    edit at once (see _with_content_version). With REDIS_URL set, every app
    instance shares one cache. This sits innermost, so the security headers
    are added to cached responses as to fresh ones.
    """

    def middleware(request):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        params = _cached_page_params(request) if seconds else None
        if params is None:
            return get_response(request)
        _keep_only(request, params)
        key = page_cache_key(request)
        response = cache.get(key)
        if response is None:
            response = get_response(request)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, response, seconds)
        return response

    return middleware


def page_cache_key(request):
    """One entry per scheme, host, path and (already cleaned) query: an HTTPS page never carries http:// links,
    and one host's absolute URLs (feeds, canonical links) are never served on another. The content version
    moves on with every write to public content, on every app instance (publishing.page_cache), so a page
    cached before an item was edited, unpublished or deleted is never served again."""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
    return f"public-page:{hashlib.sha256(url.encode()).hexdigest()}:{page_cache.current()}"


def _cached_page_params(request):
    """The query parameters the page reads, or None when the request is not served from the cache."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated or "messages" in request.COOKIES:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    params = CACHED_PAGES.get(match.view_name)
    return params() if callable(params) else params


def _keep_only(request, params):
    """Drop the query parameters the page does not read, and empty ones, in a fixed order."""
    query = urlencode(
        [
            (name, value)
            for name in sorted(set(params) & set(request.GET))
            for value in request.GET.getlist(name)
            if value
        ]
    )
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
