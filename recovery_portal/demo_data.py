"""Synthetic publications for benchmarks and demonstrations, clearly marked and removable.

Every synthetic publication has a title starting "[Synthetic]", a slug starting
"synthetic-" and the tag "synthetic-demo"; its contributors' given names start
"Synthetic"; its links to themes have a note starting "[Synthetic]". Real
content is never changed: `delete_synthetic()` removes only rows carrying
those marks.

The words follow a shape a search benchmark needs: a few words in nearly every
record (COMMON_WORDS), words and phrases in about a tenth (TENTH_WORDS,
TENTH_PHRASES), everyday filler, and a long Zipf-distributed tail of made-up
rare words (RARE_WORDS, most frequent first).
"""

import io
import itertools
import random

from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from publishing import services
from publishing.models import SearchEntry, SearchWord
from research.models import Authorship, Contributor, Publication, Status, TaggedPublication
from themes.models import Evidence, Theme

from .tags import tagged_item_models

TITLE_PREFIX = "[Synthetic] "
SLUG_PREFIX = "synthetic-"
TAG = "synthetic-demo"
GIVEN_NAME_PREFIX = "Synthetic"
NOTE_PREFIX = "[Synthetic] "
BATCH = 5000

# In nearly every record (probability per summary).
COMMON_WORDS = {
    "recovery": 0.97,
    "health": 0.95,
    "people": 0.93,
    "practice": 0.92,
    "support": 0.9,
    "services": 0.9,
    "workers": 0.88,
    "evidence": 0.86,
}
# Each in about a tenth of the records.
TENTH_WORDS = (
    "housing employment stigma medication carers crisis loneliness resilience spirituality trauma advocacy "
    "education benefits friendship psychosis depression anxiety volunteering sleep parenting"
).split()
TENTH_PHRASES = [
    "peer support",
    "social inclusion",
    "shared decision making",
    "personal budgets",
    "early intervention",
]
FILLER = (
    "approach service services study studies worker workers social care community support experience experiences "
    "research evidence findings review report guide training team teams local national policy change outcomes "
    "quality user users family families professional professionals relationship relationships needs choice "
    "control hope meaning identity strengths goals plan planning assessment risk safety rights values voice "
    "story stories life lives work group groups network networks model models method methods interview "
    "interviews survey data analysis themes understanding learning skills role roles culture attitudes "
    "language listening trust time money home school college hospital ward clinic primary secondary "
    "young older adults women men staff managers commissioners partnership leadership culture wellbeing"
).split()
JOURNALS = [
    f"Synthetic Journal of {topic}"
    for topic in (
        "Social Work",
        "Mental Health Practice",
        "Community Care",
        "Recovery Studies",
        "Psychiatric Rehabilitation",
        "Health and Social Care",
        "Peer Work",
        "Service Evaluation",
    )
]
SURNAMES = (
    "Adams Ahmed Ali Baker Bell Brown Campbell Chen Clarke Cooper Davies Edwards Evans Fisher Green Hall Harris "
    "Hughes Jackson James Jones Kaur Khan Lee Lewis Martin Mitchell Morgan Murphy Patel Phillips Roberts "
    "Robinson Scott Shah Singh Smith Taylor Thomas Thompson Turner Walker Ward Watson White Williams Wilson "
    "Wood Wright Young Okafor Nowak Kowalski Murray Kelly Byrne Doyle Quinn"
).split()
TOPIC_TAGS = [f"synthetic-{word}" for word in TENTH_WORDS[:12]]
KIND_WEIGHTS = {
    Publication.Kind.JOURNAL_ARTICLE: 70,
    Publication.Kind.REPORT: 10,
    Publication.Kind.CHAPTER: 8,
    Publication.Kind.BOOK: 5,
    Publication.Kind.GUIDE: 4,
    Publication.Kind.WEB_PAGE: 3,
}


def _rare_words(count=20000):
    """Made-up words (three syllables), in a fixed order: the first is the most frequent."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words = ["".join(parts) for parts in itertools.product(syllables, repeat=3)]
    random.Random(4).shuffle(words)
    return words[:count]


RARE_WORDS = _rare_words()
_RARE_CUMULATIVE = list(itertools.accumulate(1 / (rank**1.1) for rank in range(1, len(RARE_WORDS) + 1)))


def synthetic_publications():
    return Publication.objects.filter(slug__startswith=SLUG_PREFIX, title__startswith=TITLE_PREFIX)


class _Writer:
    """Made-up but plausible text, reproducible from a seed."""

    def __init__(self, rng):
        self.rng = rng

    def rare(self, k):
        return self.rng.choices(RARE_WORDS, cum_weights=_RARE_CUMULATIVE, k=k)

    def title(self):
        rng = self.rng
        words = rng.sample(FILLER, rng.randint(3, 6))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words) + 1), "recovery")
        if rng.random() < 0.03 * len(TENTH_WORDS) / 4:
            words.insert(rng.randrange(len(words) + 1), rng.choice(TENTH_WORDS))
        if rng.random() < 0.2:
            words.append(self.rare(1)[0])
        return TITLE_PREFIX + " ".join(words).capitalize()

    def summary(self):
        rng = self.rng
        words = rng.choices(FILLER, k=rng.randint(25, 45))
        words += [word for word, chance in COMMON_WORDS.items() if rng.random() < chance]
        words += [word for word in TENTH_WORDS if rng.random() < 0.1]
        words += self.rare(rng.randint(2, 4))
        rng.shuffle(words)
        # Phrases go in whole, so "quoted" searches find them.
        for phrase in TENTH_PHRASES:
            if rng.random() < 0.1:
                words.insert(rng.randrange(len(words) + 1), phrase)
        if "health" in words and rng.random() < 0.9:
            words[words.index("health")] = "mental health"
        sentences, start = [], 0
        while start < len(words):
            length = rng.randint(8, 16)
            sentences.append(" ".join(words[start : start + length]).capitalize() + ".")
            start += length
        return " ".join(sentences)


def _contributors(rng, count):
    """Get or make `count` synthetic contributors (given names start "Synthetic")."""
    letters = "ABCDEFGHJKLMNPRSTW"
    wanted = []
    for family, first, second in itertools.product(SURNAMES, letters, letters):
        wanted.append(Contributor(family_name=family, given_names=f"{GIVEN_NAME_PREFIX} {first}. {second}."))
        if len(wanted) >= count:
            break
    Contributor.objects.bulk_create(wanted, ignore_conflicts=True, batch_size=BATCH)
    return list(Contributor.objects.filter(given_names__startswith=f"{GIVEN_NAME_PREFIX} ").order_by("pk")[:count])


def _csv_value(value):
    """For COPY's CSV format: NULL unquoted, numbers bare, everything else quoted (so '' stays a string)."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def _insert(model, rows):
    """Insert rows (dicts of column values) and return their ids, in order.

    PostgreSQL: COPY, with ids taken from the table's sequence first; at 100,000
    rows that is about ten times faster than bulk_create, most of whose time goes
    into building SQL. Elsewhere: bulk_create.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return [obj.pk for obj in objects]
    table = model._meta.db_table
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = {field.column: field.get_default() for field in fields}
    columns = ["id", *(field.column for field in fields)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        ids = [row[0] for row in cursor.fetchall()]
        buffer = io.StringIO()
        for pk, row in zip(ids, rows, strict=True):
            values = {**defaults, **row}
            buffer.write(",".join([str(pk), *(_csv_value(values[field.column]) for field in fields)]) + "\n")
        buffer.seek(0)
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)", buffer)
    return ids


def generate(*, count, seed=0, progress=None):
    """Add `count` synthetic publications with contributors, tags and some links to themes. Returns their ids."""
    start = synthetic_publications().count()
    rng = random.Random(f"{seed}:{start}")
    writer = _Writer(rng)
    kinds, kind_weights = zip(*KIND_WEIGHTS.items(), strict=True)
    article = Publication.Kind.JOURNAL_ARTICLE
    now = timezone.now()
    new_ids = []
    with transaction.atomic():
        people = [person.pk for person in _contributors(rng, min(3000, max(10, count // 20)))]
        demo_tag = Tag.objects.get_or_create(name=TAG, defaults={"slug": TAG})[0].pk
        topic_tags = [Tag.objects.get_or_create(name=name, defaults={"slug": name})[0].pk for name in TOPIC_TAGS]
        for batch_start in range(0, count, BATCH):
            publications = []
            for number in range(start + batch_start, start + min(count, batch_start + BATCH)):
                kind = rng.choices(kinds, weights=kind_weights)[0]
                publications.append(
                    {
                        "kind": kind,
                        "title": writer.title(),
                        "slug": f"{SLUG_PREFIX}{seed}-{number}",
                        "summary": writer.summary(),
                        "year": rng.randint(1990, 2025),
                        "container_title": rng.choice(JOURNALS) if kind == article else "",
                        "publisher": "Synthetic Press" if kind != article else "",
                        "status": Status.PUBLISHED if rng.random() < 0.95 else Status.DRAFT,
                        "created": now,
                        "updated": now,
                    }
                )
            ids = _insert(Publication, publications)
            authorships, tagged = [], []
            for pk in ids:
                for position, person in enumerate(rng.sample(people, rng.randint(1, min(4, len(people)))), 1):
                    authorships.append(
                        {"publication_id": pk, "contributor_id": person, "role": "author", "position": position}
                    )
                for tag in [demo_tag, *rng.sample(topic_tags, rng.randint(0, 2))]:
                    tagged.append({"content_object_id": pk, "tag_id": tag})
            _insert(Authorship, authorships)
            _insert(TaggedPublication, tagged)
            new_ids += ids
            if progress:
                progress(len(new_ids))
        _link_to_themes(rng, new_ids)
        services.content_changed(model=Publication, ids=new_ids)
    return new_ids


def _link_to_themes(rng, publication_ids):
    """About one link per thousand publications, skewed so some themes stay thin, as in a real library."""
    themes = list(Theme.objects.published().order_by("position", "pk"))
    if not themes or not publication_ids:
        return
    total = min(300, max(1, len(publication_ids) // 1000))
    weights = [1 / (rank + 1) ** 1.5 for rank in range(len(themes))]
    published = list(
        Publication.objects.filter(pk__in=publication_ids, status=Status.PUBLISHED).values_list("pk", flat=True)
    )
    pairs = set()
    for _ in range(total * 3):
        if len(pairs) >= total or not published:
            break
        pairs.add((rng.choices(themes, weights=weights)[0].pk, rng.choice(published)))
    Evidence.objects.bulk_create(
        [
            Evidence(
                theme_id=theme_id,
                publication_id=publication_id,
                note=f"{NOTE_PREFIX}A made-up link for demonstrations and benchmarks.",
                position=1000 + position,
            )
            for position, (theme_id, publication_id) in enumerate(sorted(pairs))
        ],
        ignore_conflicts=True,
    )


def delete_synthetic():
    """Remove every synthetic publication and what hangs off it (and only that). Returns how many went.

    Set-based deletes rather than QuerySet.delete(), which would load each row
    and write a history record for each of 100,000 deletions.
    """
    ids = list(synthetic_publications().values_list("pk", flat=True))
    ids_sql, params = synthetic_publications().values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        for model, column in (
            (Authorship, "publication_id"),
            (TaggedPublication, "content_object_id"),
            (Evidence, "publication_id"),
        ):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} IN ({ids_sql})", params)
        cursor.execute(f"DELETE FROM {Publication._meta.db_table} WHERE id IN ({ids_sql})", params)
        deleted = cursor.rowcount
        orphans = Contributor.objects.filter(
            given_names__startswith=f"{GIVEN_NAME_PREFIX} ", authorships__isnull=True
        ).values("pk")
        orphans_sql, orphan_params = orphans.query.sql_with_params()
        cursor.execute(
            f"DELETE FROM {Contributor._meta.db_table} WHERE id IN (SELECT * FROM ({orphans_sql}) AS o)",
            orphan_params,
        )
        unused = Tag.objects.filter(slug__in=[TAG, *TOPIC_TAGS])
        for through in tagged_item_models():
            unused = unused.exclude(pk__in=through.objects.values("tag_id"))
        unused.delete()
        services.content_changed(model=Publication, ids=ids)
    return deleted


def vacuum_analyze():
    """After a bulk load on PostgreSQL: reclaim the rows the vector UPDATE replaced and refresh statistics."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (Publication, Authorship, TaggedPublication, Evidence, Theme, SearchWord, SearchEntry):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
