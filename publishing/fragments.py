"""Pieces of public pages kept between requests, for everyone who is not a curator: rendered cards, a filter's
choices, a list's total.

Logged-in readers get rendered pages (the page cache is for anonymous visitors), and rendering the same
cards and choices on every request is most of a page's cost. Every key carries the content version
(publishing.page_cache), which moves on with every write to public content, so an edit, an unpublish or a
delete shows at once and nothing older is ever served. Only published content is kept: curators, who see
drafts, always get fresh pieces and never store any.
"""

from django.core.cache import cache

from . import page_cache
from .models import permission

# The version moves on with every write, so age only bounds the memory an idle entry holds.
SECONDS = 60 * 60


def sees_drafts(user, model):
    return user.has_perm(permission("change", model))


def key(name):
    return f"fragment:{page_cache.current()}:{name}"


def remembered(name, compute):
    """compute(), once per content version. Only for what is the same for every reader who is not a curator."""
    return cache.get_or_set(key(name), compute, SECONDS)


def rendered_each(items, *, name, render):
    """render(items) (a list of HTML, one per item), rendering only those not kept for this content version.

    `name(item)` names an item's piece; one cache round trip fetches them all.
    """
    keys = [key(name(item)) for item in items]
    found = cache.get_many(keys)
    missing = [(k, item) for k, item in zip(keys, items, strict=True) if k not in found]
    missing = dict(zip([k for k, _ in missing], render([item for _, item in missing]), strict=True))
    if missing:
        cache.set_many(missing, SECONDS)
    found.update(missing)
    return [found[k] for k in keys]
