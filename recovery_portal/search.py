"""Site search across the kinds of content: one interface, two backends.

`search(query=..., kind=..., tag_id=..., page=...)` is all a view needs. The
backend follows the database vendor:

- PostgreSQL: full-text search over the stored, GIN-indexed `search_vector`
  columns (kept fresh by research.search and themes.search). The query is read
  as `websearch_to_tsquery` reads it ("quoted phrases", -exclusions, or) and
  turned into a `to_tsquery` with English stemming that also finds other forms
  of a word (see `tsquery_text`); results are ranked with `ts_rank` (title
  above contributors and tags, above container, above summary), highlighted
  with `ts_headline` for the shown page only, and "did you mean" from pg_trgm
  over the published words (research.SearchWord).
  Ranking is bounded: at most CANDIDATE_LIMIT matches of each kind, taken in
  the index's order, are ranked, so a word found in every record costs no more
  than a word found in a few thousand.
- Anything else (SQLite, the embedded default): `icontains` over the same
  fields, with a crude English stemmer and quoted phrases, ranked by where the
  words were found, and highlighted in Python.

Both return the same `SearchResults`. To make a new kind searchable (exercises),
give its model a `search_vector` refreshed like the others and add a
`SearchKind` to KINDS.
"""

import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, Exists, FloatField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag

from research.models import Authorship, Publication, SearchWord, Status, TaggedPublication
from research.search import rebuild_publication_words
from themes.models import TaggedTheme, Theme
from themes.search import rebuild_theme_words

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
# At most this many matches of each kind are ranked (and counted); beyond it the
# page says "more than" and asks for another word.
CANDIDATE_LIMIT = 2000
MAX_SUGGESTED_WORDS = 8

# ts_headline marks matches with these control characters, which cannot come
# from the source text (they are removed first); the text is then escaped and
# only the marks become HTML.
START, STOP = "\x02", "\x03"
# Markdown syntax left out of snippets; the same pattern works in Python and PostgreSQL.
MARKDOWN_NOISE = r"[*_`#>\x02\x03]+|\]\([^)]*\)|\["
SNIPPET_OPTIONS = (
    f'StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"

STOPWORDS = frozenset(
    "a an and are as at be but by for from has have in into is it its not of on or that the their then there "
    "these they this to was were will with".split()
)


@dataclass(frozen=True)
class Term:
    """One part of a query: a word (matched by its stem) or a quoted phrase.

    `exclude` for a leading minus; `either` when "or" joins it to the term before.
    """

    text: str
    phrase: bool = False
    exclude: bool = False
    either: bool = False

    @property
    def pattern(self):
        """A regular expression for where this term appears in text (for the simple backend's highlighting)."""
        if self.phrase:
            return r"[\W_]+".join(re.escape(word) for word in self.text.split())
        return r"\b" + re.escape(stem(self.text)) + r"\w*"


_SUFFIXES = ("ings", "ing", "ies", "ied", "ers", "es", "ed", "er", "s", "y")


def stem(word):
    """A crude English stem for substring matching: recovering, recovered, recovery -> recover."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as searched: control characters removed, spaces collapsed, cut to MAX_QUERY_LENGTH."""
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip()


def has_words(query):
    return bool(re.search(r"[^\W_]", query))


def parse_terms(query):
    """Words and "quoted phrases", lower-cased, as websearch_to_tsquery reads them: a leading minus
    excludes, "or" between two terms accepts either. Stopwords are dropped; a hyphenated word is a phrase."""
    terms, either = [], False
    for match in _TOKENS.finditer(query.lower()):
        minus, phrase, token = match.groups()
        if phrase is not None:
            words = _PART.findall(phrase)
            if words:
                terms.append(Term(" ".join(words), phrase=len(words) > 1, exclude=bool(minus), either=either))
            either = False
            continue
        if token == "or":
            either = bool(terms)
            continue
        exclude = token.startswith("-")
        for word in _WORD.findall(token):
            parts = _PART.findall(word)
            if len(parts) == 1 and parts[0] in STOPWORDS:
                continue
            terms.append(Term(" ".join(parts), phrase=len(parts) > 1, exclude=exclude, either=either))
            either = False
    return terms


def clauses(terms):
    """Terms grouped for AND: [[a], [b, c]] means a AND (b OR c)."""
    grouped = []
    for term in terms:
        if term.either and grouped:
            grouped[-1].append(term)
        else:
            grouped.append([term])
    return grouped


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


def plain_text(markdown):
    return re.sub(MARKDOWN_NOISE, "", markdown or "")


def marked_html(text):
    """Escape text that carries START/STOP marks, then turn only the marks into <mark>."""
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))


def highlight(text, terms, *, words_around=None):
    """Mark where `terms` appear in `text`; with `words_around`, only a window around the first match."""
    text = text or ""
    patterns = [term.pattern for term in terms if not term.exclude]
    if not patterns:
        return marked_html(text if words_around is None else " ".join(text.split()[: words_around * 2]))
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    if words_around is not None:
        first = regex.search(text)
        words = text.split()
        if first:
            index = len(text[: first.start()].split())
            start = max(0, index - words_around)
            window = words[start : index + words_around]
            text = ("… " if start else "") + " ".join(window) + (" …" if index + words_around < len(words) else "")
        else:
            text = " ".join(words[: words_around * 2]) + (" …" if len(words) > words_around * 2 else "")
    return marked_html(regex.sub(lambda m: f"{START}{m.group(0)}{STOP}", text.replace(START, "").replace(STOP, "")))


# The kinds of content search covers -------------------------------------------------------------


def _matching(value, lookup, *fields):
    return reduce(operator.or_, (Q(**{f"{name}__{lookup}": value}) for name in fields))


def _publication_conditions(value, lookup):
    """(condition, weight) pairs for the simple backend; weights mirror PostgreSQL's A, B, C, D."""
    people = Authorship.objects.filter(
        _matching(value, lookup, "contributor__family_name", "contributor__given_names"), publication=OuterRef("pk")
    )
    tags = TaggedPublication.objects.filter(_matching(value, lookup, "tag__name"), content_object=OuterRef("pk"))
    return [
        (_matching(value, lookup, "title"), 1.0),
        (Q(Exists(people)), 0.4),
        (Q(Exists(tags)), 0.4),
        (_matching(value, lookup, "container_title", "series", "publisher"), 0.2),
        (_matching(value, lookup, "summary"), 0.1),
    ]


def _theme_conditions(value, lookup):
    tags = TaggedTheme.objects.filter(_matching(value, lookup, "tag__name"), content_object=OuterRef("pk"))
    return [
        (_matching(value, lookup, "title"), 1.0),
        (Q(Exists(tags)), 0.4),
        (_matching(value, lookup, "summary"), 0.2),
        (_matching(value, lookup, "body", "question"), 0.1),
    ]


@dataclass(frozen=True)
class SearchKind:
    name: str
    label: str  # for the filter: "Research"
    hit_label: str  # on each result: "Research"
    model: type
    tagged_model: type
    # SQL for the text a snippet is cut from; {table} is the model's table.
    snippet_sql: str
    snippet_text: object  # obj -> the same text, for the simple backend
    simple_conditions: object  # (value, lookup) -> [(condition, weight)]
    prepare: object  # queryset -> queryset with what a result shows loaded

    def published(self):
        return self.model.objects.published()


KINDS = [
    SearchKind(
        name="theme",
        label="Themes",
        hit_label="Theme",
        model=Theme,
        tagged_model=TaggedTheme,
        snippet_sql="concat_ws(' ', {table}.summary, {table}.body)",
        snippet_text=lambda theme: f"{theme.summary} {theme.body}",
        simple_conditions=_theme_conditions,
        prepare=lambda queryset: queryset.prefetch_related("tags"),
    ),
    SearchKind(
        name="publication",
        label="Research",
        hit_label="Research",
        model=Publication,
        tagged_model=TaggedPublication,
        snippet_sql="{table}.summary",
        snippet_text=lambda publication: publication.summary,
        simple_conditions=_publication_conditions,
        prepare=lambda queryset: queryset.for_listing(),
    ),
]
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


def tag_choices():
    """[(id, slug, name)] of the tags that at least one published item of a searchable kind carries."""
    carried = reduce(
        operator.or_,
        (
            Q(Exists(kind.tagged_model.objects.filter(tag=OuterRef("pk"), content_object__status=Status.PUBLISHED)))
            for kind in KINDS
        ),
    )
    return list(Tag.objects.filter(carried).order_by("name").values_list("id", "slug", "name"))


def rebuild_search_words():
    """Refill the "did you mean" words from every published item (PostgreSQL), after deletions or bulk changes."""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SearchWord._meta.db_table}")
        rebuild_publication_words()
        rebuild_theme_words()
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchWord._meta.db_table}")


# Results ----------------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: SearchKind
    object: object
    rank: float
    title_html: str
    snippet_html: str


@dataclass
class Facet:
    kind: SearchKind
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


class _RankedHits:
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


def search(*, query, kind="", tag_id=None, page=1, per_page=PER_PAGE):
    """Search published content. `kind` narrows to one of KINDS; `tag_id` to one tag."""
    query = clean_query(query)
    kind = kind if kind in KINDS_BY_NAME else ""
    results = SearchResults(query=query, kind=kind, tag_id=tag_id)
    if not has_words(query):
        return results
    results.searched = True
    if not parse_terms(query):
        results.only_common_words = True
        results.facets = [Facet(kind=k, count=0, more=False) for k in KINDS]
        return results
    backend_class = PostgresBackend if connection.vendor == "postgresql" else SimpleBackend
    backend = backend_class(query, tag_id=tag_id)
    counts = backend.counts(KINDS)
    results.backend = backend_class.name
    results.facets = [
        Facet(kind=k, count=min(counts[k.name], CANDIDATE_LIMIT), more=counts[k.name] > CANDIDATE_LIMIT) for k in KINDS
    ]
    selected = [k for k in KINDS if not kind or k.name == kind]
    results.page = Paginator(_RankedHits(backend, selected, results.total), per_page).get_page(page)
    if results.total == 0:
        results.suggestion = backend.suggestion()
    return results


class _Backend:
    """What both backends share: one ranking pass (`_rank`), counting and paging in Python, loading a page."""

    name = ""

    def __init__(self, query, *, tag_id=None):
        self.query, self.tag_id = query, tag_id
        self.terms = parse_terms(query)
        self._ranked = None

    def ranked(self):
        """{kind name: [(pk, rank), ...]}, best first, up to CANDIDATE_LIMIT + 1 of each kind (one query)."""
        if self._ranked is None:
            self._ranked = {kind.name: [] for kind in KINDS}
            for name, pk, rank in self._rank(KINDS):
                self._ranked[name].append((pk, rank))
            for rows in self._ranked.values():
                rows.sort(key=lambda row: (-row[1], -row[0]))
        return self._ranked

    def counts(self, kinds):
        return {kind.name: len(self.ranked()[kind.name]) for kind in kinds}

    def hits(self, kinds, *, offset, limit):
        ranked = self.ranked()
        merged = sorted(
            ((rank, kind.name, pk) for kind in kinds for pk, rank in ranked[kind.name][:CANDIDATE_LIMIT]),
            key=lambda row: (-row[0], row[1], -row[2]),
        )[offset : offset + limit]
        loaded = {}
        for kind in KINDS:
            ids = [pk for _, name, pk in merged if name == kind.name]
            if ids:
                loaded.update({(kind.name, obj.pk): obj for obj in self._load(kind, ids)})
        return [
            self._hit(KINDS_BY_NAME[name], loaded[name, pk], rank) for rank, name, pk in merged if (name, pk) in loaded
        ]

    def _load(self, kind, ids):
        return kind.prepare(kind.model.objects.filter(pk__in=ids))

    def suggestion(self):
        return ""


# PostgreSQL -------------------------------------------------------------------------------------


class PostgresBackend(_Backend):
    name = "postgresql"

    def __init__(self, query, *, tag_id=None):
        super().__init__(query, tag_id=tag_id)
        self.tsquery = tsquery_text(self.terms)

    def _candidates(self, kind, index):
        """Up to CANDIDATE_LIMIT + 1 published matches of one kind, in the index's order, with their rank."""
        table = kind.model._meta.db_table
        tag_filter = ""
        if self.tag_id:
            tagged = kind.tagged_model._meta
            owner = tagged.get_field("content_object").column
            tag_filter = (
                f"AND EXISTS (SELECT 1 FROM {tagged.db_table} AS tagged "
                f"WHERE tagged.{owner} = t.id AND tagged.tag_id = %(tag)s)"
            )
        return f"""
            SELECT %(kind_{index})s, c.id, ts_rank(c.search_vector, to_tsquery('english', %(q)s))
            FROM (
                SELECT t.id, t.search_vector FROM {table} AS t
                WHERE t.status = %(published)s
                  AND t.search_vector @@ to_tsquery('english', %(q)s) {tag_filter}
                LIMIT {CANDIDATE_LIMIT + 1}
            ) AS c
        """

    def _rank(self, kinds):
        sql = " UNION ALL ".join(self._candidates(kind, index) for index, kind in enumerate(kinds))
        params = {"q": self.tsquery, "published": Status.PUBLISHED, "tag": self.tag_id}
        params.update({f"kind_{index}": kind.name for index, kind in enumerate(kinds)})
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _load(self, kind, ids):
        """The page's rows with highlighted titles and snippets: ts_headline runs on these rows only."""
        table = kind.model._meta.db_table
        tsquery = "to_tsquery('english', %s)"
        source = f"regexp_replace({kind.snippet_sql.format(table=table)}, %s, '', 'g')"
        return (
            super()
            ._load(kind, ids)
            .annotate(
                title_marked=RawSQL(
                    f"ts_headline('english', translate({table}.title, %s, ''), {tsquery}, %s)",
                    [START + STOP, self.tsquery, TITLE_OPTIONS],
                ),
                snippet_marked=RawSQL(
                    f"ts_headline('english', {source}, {tsquery}, %s)",
                    [MARKDOWN_NOISE, self.tsquery, SNIPPET_OPTIONS],
                ),
            )
        )

    def _hit(self, kind, obj, rank):
        return Hit(
            kind=kind,
            object=obj,
            rank=rank,
            title_html=marked_html(obj.title_marked),
            snippet_html=marked_html(obj.snippet_marked),
        )

    def suggestion(self):
        """The query with each word the library does not contain replaced by the closest word it does."""
        words = []
        for term in self.terms:
            for word in term.text.split():
                if len(word) >= 3 and word.isalpha() and word not in words:
                    words.append(word)
        words = words[:MAX_SUGGESTED_WORDS]
        if not words:
            return ""
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
            replacements = {word: better for word, better in cursor.fetchall() if better}
        if not replacements:
            return ""
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in replacements) + r")\b", re.IGNORECASE)
        return pattern.sub(lambda m: replacements[m.group(0).lower()], self.query)


# Everything else (SQLite) -----------------------------------------------------------------------


def _simple_lookup(term):
    """(value, lookup): a word's crude stem anywhere; a phrase's words in order, with any separators."""
    if term.phrase:
        return r"[\W_]+".join(re.escape(word) for word in term.text.split()), "iregex"
    return stem(term.text), "icontains"


def _balanced_sum(expressions):
    """a + b + c + … nested as a balanced tree: summed one by one, a long query's score nests deeper than
    SQLite's parser allows ("parser stack overflow" at about 15 words)."""
    if not expressions:
        return Value(0.0, output_field=FloatField())
    if len(expressions) == 1:
        return expressions[0]
    middle = len(expressions) // 2
    return _balanced_sum(expressions[:middle]) + _balanced_sum(expressions[middle:])


class SimpleBackend(_Backend):
    name = "simple"

    def _rank(self, kinds):
        """(kind, pk, rank) of up to CANDIDATE_LIMIT + 1 matches of each kind: one query per kind."""
        rows = []
        for kind in kinds:
            rows += [(kind.name, pk, rank) for pk, rank in self._ranked_kind(kind)]
        return rows

    def _ranked_kind(self, kind):
        queryset = kind.published()
        if self.tag_id:
            queryset = queryset.filter(
                Exists(kind.tagged_model.objects.filter(content_object=OuterRef("pk"), tag_id=self.tag_id))
            )
        scores = []
        for clause in clauses(self.terms):
            accepted = None
            for term in clause:
                conditions = kind.simple_conditions(*_simple_lookup(term))
                anywhere = reduce(operator.or_, (condition for condition, _ in conditions))
                if term.exclude:
                    anywhere = ~anywhere
                else:
                    scores += [
                        Case(When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField())
                        for condition, weight in conditions
                    ]
                accepted = anywhere if accepted is None else accepted | anywhere
            queryset = queryset.filter(accepted)
        ranked = queryset.annotate(rank=_balanced_sum(scores)).order_by("-rank", "-pk").values_list("pk", "rank")
        return list(ranked[: CANDIDATE_LIMIT + 1])

    def _hit(self, kind, obj, rank):
        return Hit(
            kind=kind,
            object=obj,
            rank=rank,
            title_html=highlight(obj.title, self.terms),
            snippet_html=highlight(plain_text(kind.snippet_text(obj)), self.terms, words_around=15),
        )
