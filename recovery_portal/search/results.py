"""What a search gives the page: the results, counted by kind, a page at a time."""

from dataclasses import dataclass, field


@dataclass
class Hit:
    kind: object  # publishing.search_index.SearchIndex
    object: object
    rank: float
    title_html: str
    snippet_html: str


@dataclass
class Facet:
    kind: object
    count: int
    more: bool  # more matches than were counted


@dataclass
class SearchResults:
    query: str
    kind: str = ""
    tag_id: int | None = None
    searched: bool = False
    page: object = None
    facets: list = field(default_factory=list)
    suggestion: str = ""
    backend: str = ""
    only_common_words: bool = False  # every word was too common to search for ("the", "and")

    @property
    def total(self):
        return sum(facet.count for facet in self.facets if not self.kind or facet.kind.name == self.kind)

    @property
    def more(self):
        return any(facet.more for facet in self.facets if not self.kind or facet.kind.name == self.kind)


class RankedHits:
    """What Paginator pages over: counted up front, each page fetched (and highlighted) on demand."""

    def __init__(self, backend, kinds, total):
        self.backend, self.kinds, self.total = backend, kinds, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, bounds):
        if not isinstance(bounds, slice):
            raise TypeError("Search results are only read a page at a time.")
        start, stop = bounds.start or 0, min(bounds.stop, self.total)
        if stop <= start:
            return []
        return self.backend.hits(self.kinds, offset=start, limit=stop - start)
