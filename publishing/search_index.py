"""The search index: what each kind of content puts into site search, defined once, and keeping it fresh.

Each searchable kind registers one `SearchIndex` from its app's `ready()` (see research.search and
themes.search): the fields searched and their weights (A, the strongest, to D), the fields a result's
snippet is cut from, and how results are labelled. Everything else reads that one definition:

- on PostgreSQL, `refresh` stores a weighted `tsvector` per item (`Publishable.search_vector`), in one
  UPDATE however many items changed; search never computes one at query time;
- the SQLite search (recovery_portal.search.simple) matches the same fields with the same weights;
- the words of published items make the "did you mean" list (`SearchWord`), counted exactly: each
  item's words are remembered (`SearchEntry`), so unpublishing, deleting or editing it takes back
  exactly what it added, and a word found only in drafts or deleted items is never offered.

`refresh` runs through `publishing.services.content_changed` after every write to searchable content.
`full_text_search()` is the one switch for what the database can do.
"""

import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Aggregate, Case, Exists, F, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Concat

from .models import SearchEntry, SearchWord, Status

WEIGHTS = ("A", "B", "C", "D")
# The SQLite search's score for a match in each weight, in the proportions of ts_rank's defaults.
SCORES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# After a change to this many items, also clean the GIN index's pending list (which every search
# would otherwise scan) and refresh the planner's statistics.
ANALYZE_AFTER = 1000
# Ids per statement, where the database sets no lower limit on parameters (SQLite's is 999),
# less a few for the statement's other parameters.
CHUNK = 20000
OTHER_PARAMETERS = 20
# Word rows per INSERT (two parameters each).
WORD_ROWS = 400

_TOKEN = re.compile(r"[^\W_]+")


def full_text_search():
    """Whether the database searches for us: PostgreSQL's tsvector, GIN, ts_rank, ts_headline and pg_trgm."""
    return connection.vendor == "postgresql"


def words_of(text):
    """The distinct words of a text that "did you mean" may offer: letters only, 3 to 40 of them, lower case."""
    return {token for token in _TOKEN.findall((text or "").lower()) if 3 <= len(token) <= 40 and token.isalpha()}


class JoinedText(Aggregate):
    """The texts of several related rows joined with spaces (STRING_AGG; GROUP_CONCAT on SQLite)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def _with_tags(queryset):
    return queryset.prefetch_related("tags")


@dataclass(frozen=True)
class SearchIndex:
    """One kind of content in site search.

    `fields` maps a weight to what is searched with it: a field name, a path through relations
    ("tags__name"), or a tuple of paths read together, row by row, such as a person's given and
    family names: {"A": ["title"], "B": [("people__given", "people__family"), "tags__name"]}.
    """

    model: type
    name: str  # in URLs: /search/?kind=publication
    label: str  # the kind filter's choice: "Research"
    hit_label: str  # above each result: "Research"
    fields: dict
    snippet_fields: tuple = ()  # the Markdown a result's snippet is cut from
    for_results: object = _with_tags  # queryset -> queryset loading what a result shows
    position: int = 0  # the kinds' order on the search page

    @property
    def key(self):
        """How SearchEntry names this kind: "research.publication"."""
        return self.model._meta.label_lower

    @property
    def tagged_model(self):
        return self.model._meta.get_field("tags").remote_field.through

    def parts(self):
        """(weight, paths) of each searched part, strongest first."""
        for weight in WEIGHTS:
            for part in self.fields.get(weight, ()):
                yield weight, (part,) if isinstance(part, str) else tuple(part)

    def text(self, paths):
        """An expression for one part's text of each item."""
        expressions = [F(path) for path in paths]
        if len(expressions) > 1:
            spaced = [item for expression in expressions for item in (expression, Value(" "))][:-1]
            text = Concat(*spaced, output_field=TextField())
        else:
            text = expressions[0]
        if not any("__" in path for path in paths):
            return text
        # Through a relation: the related rows' texts, joined into one value per item.
        related = (
            self.model._base_manager.filter(pk=OuterRef("pk"))
            .order_by()
            .values("pk")
            .annotate(text=JoinedText(text))
            .values("text")
        )
        return Subquery(related, output_field=TextField())

    def vector(self):
        """Each item's weighted tsvector, for PostgreSQL."""
        return reduce(
            operator.add,
            (SearchVector(self.text(paths), config="english", weight=weight) for weight, paths in self.parts()),
        )

    def conditions(self, value, lookup):
        """[(condition, score)]: where `value` matches each part with `lookup` ("icontains", "iregex"), for SQLite."""
        result = []
        for weight, paths in self.parts():
            condition = reduce(operator.or_, (Q(**{f"{path}__{lookup}": value}) for path in paths))
            if any("__" in path for path in paths):
                # One EXISTS rather than a join, which would repeat an item once per related row.
                condition = Q(Exists(self.model._base_manager.filter(condition, pk=OuterRef("pk"))))
            result.append((condition, SCORES[weight]))
        return result

    def snippet_source(self, item):
        """The Markdown a result's snippet is cut from, of a loaded item."""
        return "\n\n".join(getattr(item, name) or "" for name in self.snippet_fields)

    def snippet_expression(self):
        """The same, as a database expression."""
        fields = [F(name) for name in self.snippet_fields]
        if len(fields) == 1:
            return fields[0]
        spaced = [item for field in fields for item in (field, Value("\n\n"))][:-1]
        return Concat(*spaced, output_field=TextField())


_indexes = {}


def register(index):
    _indexes[index.model] = index


def indexes():
    """Every searchable kind, in the order the search page lists them."""
    return sorted(_indexes.values(), key=lambda index: index.position)


def distinct_ids(ids):
    """None stays None (meaning every item); anything else becomes a sorted list of distinct ints."""
    return None if ids is None else sorted({int(pk) for pk in ids})


def refresh(model, ids=None):
    """Bring these items of `model` (every item when None) up to date in search.

    Their stored vectors (PostgreSQL), and their words in the "did you mean" list: the words of the
    published ones counted in, those of items now deleted, unpublished or edited counted out. Call it
    after the item, its relations and its tags are all saved. A model that is not searchable is
    ignored. Returns the number of vectors updated (0 without full-text search).
    """
    index = _indexes.get(model)
    ids = distinct_ids(ids)
    if index is None or ids == []:
        return 0
    with transaction.atomic():
        _lock(index, ids)
        updated = _refresh_vectors(index, ids) if full_text_search() else 0
        _count_words(index, ids)
        if full_text_search() and (ids is None or len(ids) >= ANALYZE_AFTER):
            _tidy_after_bulk_change(index)
    return updated


def rebuild():
    """Compute every stored vector and the whole "did you mean" list again from the content.

    For after changes made behind the application's back. Returns {kind name: vectors updated}.
    """
    with transaction.atomic():
        SearchWord.objects.all().delete()
        SearchEntry.objects.all().delete()
        return {index.name: refresh(index.model) for index in indexes()}


def _chunks(items, size=None):
    items = list(items)
    size = size or min(CHUNK, (connection.features.max_query_params or CHUNK) - OTHER_PARAMETERS)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lock(index, ids):
    """Two refreshes of one item at once (a save and a tag rename, say) take turns, locking in one order."""
    if not connection.features.has_select_for_update:  # SQLite: one writer at a time anyway
        return
    items = index.model._base_manager.order_by("pk").select_for_update()
    for chunk in [None] if ids is None else _chunks(ids):
        list((items if chunk is None else items.filter(pk__in=chunk)).values_list("pk"))


def _refresh_vectors(index, ids):
    manager, vector = index.model._base_manager, index.vector()
    if ids is None:
        return manager.update(search_vector=vector)
    return sum(manager.filter(pk__in=chunk).update(search_vector=vector) for chunk in _chunks(ids))


def _tidy_after_bulk_change(index):
    table = index.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(c) FROM to_regclass(%s) AS c WHERE c IS NOT NULL",
            [f"{table}_search_vector_gin"],
        )
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        cursor.execute(f"ANALYZE {connection.ops.quote_name(SearchWord._meta.db_table)}")


def _published_words(index, items):
    """{pk: words} of the published items of a queryset."""
    parts = {f"search_part_{number}": index.text(paths) for number, (_, paths) in enumerate(index.parts())}
    rows = items.filter(status=Status.PUBLISHED).order_by().annotate(**parts).values_list("pk", *parts)
    return {pk: words_of(" ".join(text for text in texts if text)) for pk, *texts in rows}


def _count_words(index, ids):
    """Count the items' words in or out of SearchWord by what changed since SearchEntry last saw them."""
    delta = Counter()
    for chunk in [None] if ids is None else _chunks(ids):
        items, entries = index.model._base_manager.all(), SearchEntry.objects.filter(kind=index.key)
        if chunk is not None:
            items, entries = items.filter(pk__in=chunk), entries.filter(object_id__in=chunk)
        now = _published_words(index, items)
        before = {
            pk: set(words.split()) for pk, words in entries.select_for_update().values_list("object_id", "words")
        }
        changed = sorted(pk for pk in now.keys() | before.keys() if now.get(pk, set()) != before.get(pk, set()))
        for pk in changed:
            delta.update(now.get(pk, set()) - before.get(pk, set()))
            delta.subtract(before.get(pk, set()) - now.get(pk, set()))
        for part in _chunks(changed):
            SearchEntry.objects.filter(kind=index.key, object_id__in=part).delete()
        SearchEntry.objects.bulk_create(
            [
                SearchEntry(kind=index.key, object_id=pk, words=" ".join(sorted(now[pk])))
                for pk in changed
                if now.get(pk)
            ],
            batch_size=1000,
        )
    _apply_word_counts(delta)


def _apply_word_counts(delta):
    """Add `delta` ({word: change in documents}) to SearchWord, dropping words no published item holds."""
    table = connection.ops.quote_name(SearchWord._meta.db_table)
    added = sorted((word, change) for word, change in delta.items() if change > 0)
    with connection.cursor() as cursor:
        for rows in _chunks(added, WORD_ROWS):
            cursor.execute(
                f"INSERT INTO {table} (word, documents) VALUES {', '.join(['(%s, %s)'] * len(rows))} "
                f"ON CONFLICT (word) DO UPDATE SET documents = {table}.documents + excluded.documents",
                [value for row in rows for value in row],
            )
    taken = defaultdict(list)
    for word, change in sorted(delta.items()):
        if change < 0:
            taken[-change].append(word)
    for change, words in taken.items():
        for part in _chunks(words):
            SearchWord.objects.filter(word__in=part).update(
                documents=Case(When(documents__gt=change, then=F("documents") - change), default=Value(0))
            )
    for part in _chunks(sorted(word for words in taken.values() for word in words)):
        SearchWord.objects.filter(word__in=part, documents=0).delete()
