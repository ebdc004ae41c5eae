"""Search on other databases (SQLite, the embedded default): the same fields and weights, matched in place.

A word is matched by a crude English stem anywhere in a field, a quoted phrase by its words in order.
An item's rank adds the score of every part (publishing.search_index) a term was found in. Snippets
are marked in Python, and "did you mean" measures trigram similarity here as pg_trgm would.
"""

import operator
import re
from functools import reduce

from django.db.models import Case, FloatField, Q, Value, When

from publishing.models import SearchWord

from .backend import Backend
from .query import clauses, stem
from .snippets import WORDS_AROUND, highlight, plain_text
from .suggestions import closest


def _lookup(term):
    """(value, lookup): a word's crude stem anywhere; a phrase's words in order, with any separators."""
    if term.phrase:
        return r"[\W_]+".join(re.escape(word) for word in term.text.split()), "iregex"
    return stem(term.text), "icontains"


def _sharing_a_trigram(word):
    """Words with at least one of `word`'s trigrams: the only ones that can be similar at all."""
    inner = [Q(word__contains=word[start : start + 3]) for start in range(len(word) - 2)]
    return reduce(operator.or_, [Q(word__startswith=word[0]), Q(word__endswith=word[-2:]), *inner])


def _balanced_sum(expressions):
    """a + b + c + … nested as a balanced tree: summed one by one, a long query's score nests deeper than
    SQLite's parser allows ("parser stack overflow" at about 15 words)."""
    if not expressions:
        return Value(0.0, output_field=FloatField())
    if len(expressions) == 1:
        return expressions[0]
    middle = len(expressions) // 2
    return _balanced_sum(expressions[:middle]) + _balanced_sum(expressions[middle:])


class SimpleBackend(Backend):
    name = "simple"

    def matches(self, items, index):
        scores = []
        for clause in clauses(self.query.terms):
            accepted = None
            for term in clause:
                conditions = index.conditions(*_lookup(term))
                anywhere = reduce(operator.or_, (condition for condition, _ in conditions))
                if term.exclude:
                    anywhere = ~anywhere
                else:
                    scores += [
                        Case(When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField())
                        for condition, weight in conditions
                    ]
                accepted = anywhere if accepted is None else accepted | anywhere
            items = items.filter(accepted)
        return items.annotate(rank=_balanced_sum(scores)).order_by("-rank", "-pk")

    def mark(self, index, item):
        terms = self.query.terms
        snippet = plain_text(index.snippet_source(item))
        return highlight(item.title, terms), highlight(snippet, terms, words_around=WORDS_AROUND)

    def closest_words(self, words):
        near = reduce(operator.or_, (_sharing_a_trigram(word) for word in words))
        known = dict(SearchWord.objects.filter(near).values_list("word", "documents"))
        return {word: better for word in words if word not in known and (better := closest(word, known))}
