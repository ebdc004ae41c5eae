"""Site search across every searchable kind of content: one interface, two backends.

`search(query=..., kind=..., tag_id=..., page=...)` is all a view needs. The kinds, their fields and
weights come from the registry in publishing.search_index; the query is read once (query.py); the
database decides the backend (publishing.search_index.full_text_search):

- postgres.py: full-text search over stored, GIN-indexed vectors, ts_rank, ts_headline, pg_trgm;
- simple.py: elsewhere (SQLite), the same fields matched in place, highlighted in Python.

Both share ranking and paging (backend.py), snippets without Markdown (snippets.py) and "did you
mean" over the published words (suggestions.py), and return the same SearchResults (results.py).
"""

import operator
from functools import reduce

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from taggit.models import Tag

from publishing import search_index
from publishing.models import Status

from .postgres import PostgresBackend
from .query import MAX_QUERY_LENGTH, Query  # noqa: F401  (the search form and page state the limit)
from .results import Facet, RankedHits, SearchResults
from .simple import SimpleBackend

PER_PAGE = 20


def search(*, query, kind="", tag_id=None, page=1, per_page=PER_PAGE):
    """Search published content. `kind` narrows to one kind's name; `tag_id` to one tag."""
    query = Query.read(query)
    kinds = search_index.indexes()
    kind = kind if kind in {index.name for index in kinds} else ""
    results = SearchResults(query=query.text, kind=kind, tag_id=tag_id)
    if not query.has_words:
        return results
    results.searched = True
    if not query.terms:
        results.only_common_words = True
        results.facets = [Facet(kind=index, count=0, more=False) for index in kinds]
        return results
    backend_class = PostgresBackend if search_index.full_text_search() else SimpleBackend
    backend = backend_class(query, tag_id=tag_id)
    results.backend = backend.name
    results.facets = backend.facets()
    selected = [index for index in kinds if not kind or index.name == kind]
    results.page = Paginator(RankedHits(backend, selected, results.total), per_page).get_page(page)
    if results.total == 0:
        results.suggestion = backend.suggestion()
    return results


def tag_choices():
    """[(id, slug, name)] of the tags that at least one published item of a searchable kind carries."""
    carried = reduce(
        operator.or_,
        (
            Q(Exists(index.tagged_model.objects.filter(tag=OuterRef("pk"), content_object__status=Status.PUBLISHED)))
            for index in search_index.indexes()
        ),
    )
    return list(Tag.objects.filter(carried).order_by("name").values_list("id", "slug", "name"))
