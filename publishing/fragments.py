"""Pieces of public pages kept between requests, for everyone who is not a curator: rendered cards, a filter's
choices, a list's total.

Logged-in readers get rendered pages (the page cache is for anonymous visitors), and rendering the same
cards and choices on every request is most of a page's cost. Every key carries the content version
(publishing.page_cache), which moves on with every write to public content, so an edit, an unpublish or a
delete shows at once and nothing older is ever served. Only published content is kept: curators, who see
drafts, always get fresh pieces and never store any.
"""

import hashlib

from django.core.cache import cache
from django.utils.functional import cached_property

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


class Block:
    """What a page shows below the header and in its title, kept per content version, so that a logged-in
    reader's request renders only base.html's header around it.

    The template wraps each part in {% kept kept_block "name" %} (publishing.templatetags.kept): the page's
    title, its description, breadcrumbs and the main block ("content"). The view, finding `kept`, renders the
    template with only the block, skipping every query for what the parts show; else it renders the page in
    full, which records the parts, then calls store().

    `name` must say everything the parts depend on besides the content (the page, its object, its query).
    Readers who see drafts of any kind of content the page `shows` get it rendered afresh, never stored. A view
    sets `keep = False` for a page it must not store (one repeating a mistyped filter, say), so that made-up
    queries cannot fill the cache. Nothing one reader's may be inside: the header and messages are outside
    the parts, and parts holding a CSRF token (a POST form) are never stored.
    """

    def __init__(self, name, *, user, shows):
        digest = hashlib.sha256(name.encode()).hexdigest()  # a query string may be long
        self.key = None if any(sees_drafts(user, model) for model in shows) else key(f"block:{digest}")
        self.keep = True
        self.parts = {}

    @cached_property
    def kept(self):
        """The parts kept for this content version, {name: html}, or None."""
        return cache.get(self.key) if self.key else None

    def part(self, name, render):
        if self.kept is not None:
            return self.kept[name]
        self.parts[name] = html = render()
        return html

    def store(self):
        if self.key and self.keep and not any(CSRF_FIELD in html for html in self.parts.values()):
            cache.set(self.key, self.parts, SECONDS)


CSRF_FIELD = "csrfmiddlewaretoken"
