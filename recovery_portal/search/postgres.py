"""Search on PostgreSQL: full-text search over the stored, GIN-indexed search vectors.

The query becomes a `to_tsquery` with English stemming that also finds other forms of a word (see
`tsquery_text`). Matches are ranked with `ts_rank` over the weights each kind registered
(publishing.search_index), the shown page is highlighted with `ts_headline`, and "did you mean"
asks pg_trgm's index for the published word most like each unknown one.
"""

from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, TextField, Value

from publishing.models import SearchWord

from .backend import Backend
from .query import clauses, stem
from .snippets import START, STOP, PlainText, marked_html, unmarked_sql

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


def _headline(text, tsquery, options):
    return Func(
        SearchConfig("english"), text, tsquery, Value(options), function="ts_headline", output_field=TextField()
    )


class PostgresBackend(Backend):
    name = "postgresql"

    def __init__(self, query, *, tag_id=None):
        super().__init__(query, tag_id=tag_id)
        self.tsquery = tsquery_text(query.terms)

    def matches(self, items, index):
        """In the index's order, unsorted: only the candidates taken are ranked."""
        tsquery = SearchQuery(self.tsquery, search_type="raw", config="english")
        return items.filter(search_vector=tsquery).annotate(rank=SearchRank(F("search_vector"), tsquery)).order_by()

    def load(self, index, ids):
        """With highlighted titles and snippets: ts_headline runs on the shown page's rows only."""
        tsquery = SearchQuery(self.tsquery, search_type="raw", config="english")
        return (
            super()
            .load(index, ids)
            .annotate(
                title_marked=_headline(unmarked_sql(F("title")), tsquery, TITLE_OPTIONS),
                snippet_marked=_headline(PlainText(index.snippet_expression()), tsquery, SNIPPET_OPTIONS),
            )
        )

    def mark(self, index, item):
        return marked_html(item.title_marked), marked_html(item.snippet_marked)

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
