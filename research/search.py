"""Publications in site search: the fields searched and their weights, defined once (see publishing.search_index)."""

from publishing import services
from publishing.search_index import SearchIndex

from .models import Publication

PUBLICATIONS = SearchIndex(
    model=Publication,
    name="publication",
    label="Research",
    hit_label="Research",
    fields={
        "A": ["title"],
        "B": [("authorships__contributor__given_names", "authorships__contributor__family_name"), "tags__name"],
        "C": [("container_title", "series", "publisher")],
        "D": ["summary"],
    },
    snippet_fields=("summary",),
    for_results=lambda publications: publications.for_listing(),
    position=2,
)


def refresh_search_vectors(publication_ids=None):
    """After writing publications (all when None) with their contributors and tags, outside the admin:
    the content loader, the importer, the demo-data generator. Brings search and the public pages up to
    date; returns the number of stored vectors updated (0 where the database has no full-text search)."""
    return services.content_changed(model=Publication, ids=publication_ids)
