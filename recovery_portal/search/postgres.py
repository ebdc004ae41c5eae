"""Search on PostgreSQL: full-text search over the stored, GIN-indexed search vectors.

The query becomes a `to_tsquery` with English stemming that also finds other forms of a word (see
`tsquery_text`). Matches are ranked with `ts_rank` over the weights each kind registered
(publishing.search_index), the shown page is highlighted with `ts_headline`, and "did you mean"
asks pg_trgm's index for the published word most like each unknown one.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from publishing.models import SearchWord

from .backend import Backend
from .query import clauses, stem
from .snippets import START, STOP, marked_html

SNIPPET_OPTIONS = (
    f'StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"


def tsquery_text(terms):
    """PostgreSQL `to_tsquery` input for the terms (words are letters and digits only, so quoting is safe).

    A word is matched by its English stem, or by the stem of its crude stem as a prefix, because
    PostgreSQL's English stemmer makes "recovering" 'recov' but "recovery" 'recoveri': with the
    prefix 'recov':* each finds the other.
    """

    def operand(term):
        words = term.text.split()
        if len(words) > 1:
            text = "(" + " <-> ".join(f"'{word}'" for word in words) + ")"
        else:
            word, root = words[0], stem(words[0])
            text = f"('{word}' | '{root}':*)" if root != word and len(root) >= 5 else f"'{word}'"
        return f"!{text}" if term.exclude else text

    parts = []
    for clause in clauses(terms):
        operands = [operand(term) for term in clause]
        parts.append(operands[0] if len(operands) == 1 else "(" + " | ".join(operands) + ")")
    return " & ".join(parts)


class PostgresBackend(Backend):
    name = "postgresql"

    def __init__(self, query, *, tag_id=None):
        super().__init__(query, tag_id=tag_id)
        self.tsquery = tsquery_text(query.terms)

    def matches(self, items, index):
        """In the index's order, unsorted: only the candidates taken are ranked."""
        tsquery = SearchQuery(self.tsquery, search_type="raw", config="english")
        return items.filter(search_vector=tsquery).annotate(rank=SearchRank(F("search_vector"), tsquery)).order_by()

    def highlight(self, items):
        if not items:
            return []
        titles, texts = zip(*items, strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT ts_headline('english', shown.title, q, %s), ts_headline('english', shown.text, q, %s)
                FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS shown(title, text, n),
                     to_tsquery('english', %s) AS q
                ORDER BY shown.n
                """,
                [TITLE_OPTIONS, SNIPPET_OPTIONS, list(titles), list(texts), self.tsquery],
            )
            return [(marked_html(title), marked_html(text)) for title, text in cursor.fetchall()]

    def closest_words(self, words):
        table = SearchWord._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT asked.word, (
                    SELECT known.word FROM {table} AS known
                    WHERE known.word %% asked.word
                    ORDER BY similarity(known.word, asked.word) DESC, known.documents DESC, known.word
                    LIMIT 1
                )
                FROM unnest(%s::text[]) AS asked(word)
                WHERE NOT EXISTS (SELECT 1 FROM {table} AS exact WHERE exact.word = asked.word)
                """,
                [words],
            )
            return {word: better for word, better in cursor.fetchall() if better}
