"""What both backends share: every kind's matches ranked in one query, counted and paged in Python, and
only the shown page's items loaded and marked.

Ranking is bounded: at most CANDIDATE_LIMIT matches of each kind are ranked (and counted), so a word
found in every item costs no more than one found in a few thousand; beyond it the page says "more than"
and asks for another word.
"""

from django.db import connection
from django.db.models import Exists, OuterRef

from publishing import search_index

from . import suggestions
from .results import Facet, Hit

CANDIDATE_LIMIT = 2000


class Backend:
    name = ""

    def __init__(self, query, *, tag_id=None):
        self.query, self.tag_id = query, tag_id
        self.kinds = search_index.indexes()
        self._ranked = None

    # What each backend provides ----------------------------------------------------------------

    def matches(self, items, index):
        """`items` (published, of one kind) that match the query, annotated with `rank`, ordered for taking
        the first CANDIDATE_LIMIT."""
        raise NotImplementedError

    def load(self, index, ids):
        """The items of one kind with these ids, with what a result shows."""
        return index.for_results(index.model._default_manager.defer("search_vector").filter(pk__in=ids))

    def mark(self, index, item):
        """(title_html, snippet_html) of a loaded item: its text with the searched words marked."""
        raise NotImplementedError

    def closest_words(self, words):
        """{word: the closest published word} for those of `words` no published item holds."""
        raise NotImplementedError

    # Shared ------------------------------------------------------------------------------------

    def candidates(self, index):
        items = index.model._default_manager.published()
        if self.tag_id:
            tagged = index.tagged_model.objects.filter(content_object=OuterRef("pk"), tag_id=self.tag_id)
            items = items.filter(Exists(tagged))
        return self.matches(items, index).values_list("pk", "rank")[: CANDIDATE_LIMIT + 1]

    def ranked(self):
        """{kind name: [(pk, rank), ...]}, best first, up to CANDIDATE_LIMIT + 1 of each kind (one query)."""
        if self._ranked is None:
            parts, params = [], []
            for index in self.kinds:
                sql, candidate_params = self.candidates(index).query.sql_with_params()
                parts.append(f"SELECT %s, c.* FROM ({sql}) AS c")
                params += [index.name, *candidate_params]
            self._ranked = {index.name: [] for index in self.kinds}
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                for name, pk, rank in cursor.fetchall():
                    self._ranked[name].append((pk, rank))
            for rows in self._ranked.values():
                rows.sort(key=lambda row: (-row[1], -row[0]))
        return self._ranked

    def facets(self):
        ranked = self.ranked()
        return [
            Facet(
                kind=index,
                count=min(len(ranked[index.name]), CANDIDATE_LIMIT),
                more=len(ranked[index.name]) > CANDIDATE_LIMIT,
            )
            for index in self.kinds
        ]

    def hits(self, kinds, *, offset, limit):
        """One page of hits across `kinds`, best first: loaded with what a result shows, then marked."""
        ranked = self.ranked()
        merged = sorted(
            ((rank, kind.name, pk) for kind in kinds for pk, rank in ranked[kind.name][:CANDIDATE_LIMIT]),
            key=lambda row: (-row[0], row[1], -row[2]),
        )[offset : offset + limit]
        loaded = {}
        for index in self.kinds:
            ids = [pk for _, name, pk in merged if name == index.name]
            if ids:
                loaded.update({(index.name, item.pk): (index, item) for item in self.load(index, ids)})
        hits = []
        for rank, name, pk in merged:
            if (name, pk) in loaded:
                index, item = loaded[name, pk]
                title_html, snippet_html = self.mark(index, item)
                hits.append(Hit(kind=index, object=item, rank=rank, title_html=title_html, snippet_html=snippet_html))
        return hits

    def suggestion(self):
        return suggestions.suggestion(self.query, self.closest_words)
