import hashlib

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve

from publishing import page_cache


def security_headers(get_response):
    """Send the Content-Security-Policy and related headers Django does not set itself."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    return middleware


# Public pages anonymous visitors may be served from the cache, by URL name.
CACHED_PAGES = {
    "home",
    "themes:theme_list",
    "themes:theme_detail",
    "themes:evidence_map",
    "research:publication_list",
    "research:publication_detail",
    "tag_list",
    "tag_detail",
    "search",
    "research_feed",
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
        if not seconds or not _cacheable(request):
            return get_response(request)
        key = _with_content_version("public-page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest())
        response = cache.get(key)
        if response is None:
            response = get_response(request)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, response, seconds)
        return response

    return middleware


def _with_content_version(key):
    """Every write to public content moves the version on, on every app instance (publishing.page_cache),
    so a page cached before an item was edited, unpublished or deleted is never served again."""
    return f"{key}:{page_cache.current()}"


def _cacheable(request):
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated or "messages" in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in CACHED_PAGES
