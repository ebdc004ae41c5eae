"""Importing references from a RIS or BibTeX file: read it, plan it, then write it all at once.

    text = read_text(uploaded_bytes)             # UTF-8, BOM and Windows line endings handled
    file_format, records = parse_references(text) # RIS or BibTeX, told apart by the content
    plan = plan_import(records=records)           # to create / to update / skipped, with reasons
    apply_import(plan=plan, user=curator)         # one transaction; new publications are drafts

A file that cannot be read raises ImportFileError, whose message names the
record and line, before anything is written.

Duplicates, against the library and within the file (an earlier record wins):
1. the same DOI (compared without https://doi.org/ and case);
2. else the same ISBN (10 and 13 digits compare equal) or a shared ISSN,
   with the same normalised title (casefolded, punctuation and extra spaces
   removed) and year;
3. else the same normalised title and year ("same title" when one has no year).
A missing year matches any year; identifiers that both sides have and that
differ (DOI, ISBN, ISSNs) mean two different works, whatever the title says.

A match in the library is "to update" when the file has something the
library's publication lacks: only empty fields are filled (and authors,
editors or tags only where it has none), so nothing a curator wrote is
overwritten. A match that adds nothing is skipped, with the reason.
"""

import codecs
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from taggit.models import Tag

from . import bibtex, ris
from .models import Authorship, Contributor, PendingImport, Publication, Status, TaggedPublication
from .records import (
    PUBLICATION_FIELDS,
    ImportFileError,
    Record,
    format_issn,
    is_corporate_author,
    isbn_digits,
    normalise_doi,
    normalise_title,
)
from .search import refresh_search_vectors

logger = logging.getLogger(__name__)

__all__ = [
    "ImportFileError",
    "ImportPlan",
    "apply_import",
    "hold_upload",
    "import_held_upload",
    "parse_references",
    "plan_import",
    "read_text",
]

BATCH_SIZE = 500
CHANGE_REASON = "Imported from a file"
# Fields an import may fill in on a publication the library already has.
FILLABLE_FIELDS = tuple(name for name in PUBLICATION_FIELDS if name not in ("kind", "title"))
LABELS = {
    **{name: str(Publication._meta.get_field(name).verbose_name) for name in FILLABLE_FIELDS},
    "authors": "authors",
    "editors": "editors",
    "tags": "tags",
}

MONTH_NAMES = dict(Publication._meta.get_field("month").choices)
# An uploaded file waits this long for the curator to confirm its import.
HOLD_SECONDS = 24 * 60 * 60
HOLD_SALT = "research.import"

_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9] {1,2}-(?: |$)", re.MULTILINE)
_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)
_url_validator = URLValidator(schemes=["http", "https"])


# Reading ----------------------------------------------------------------------


def read_text(data):
    """An uploaded file's text: UTF-8 with or without a BOM, any line endings, as str with "\\n".

    UTF-16 is read too when it starts with its byte order mark, as some EndNote exports do.
    """
    if isinstance(data, bytes) and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError("The file claims to be UTF-16 but is not. Save it as UTF-8 and try again.") from None
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImportFileError(
                f"Line {line}: the file is not UTF-8 text (it has the byte {data[error.start]:#04x}, which UTF-8 "
                "does not allow). Save or export it as UTF-8 (“Unicode”) and try again."
            ) from None
    return data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_references(text):
    """(format name, records) for RIS or BibTeX text, told apart by what the text holds, not the file's name."""
    ris_line, bibtex_entry = _RIS_LINE.search(text), _BIBTEX_ENTRY.search(text)
    if ris_line and not (bibtex_entry and bibtex_entry.start() < ris_line.start()):
        return "RIS", _read(ris, "RIS", text)
    if bibtex_entry:
        return "BibTeX", _read(bibtex, "BibTeX", text)
    if not text.strip():
        raise ImportFileError("The file is empty.")
    raise ImportFileError(
        "This file is neither RIS (records start with a line like “TY  - JOUR”) nor BibTeX "
        "(entries start like “@article{key,”)."
    )


def _read(module, name, text):
    """The format's records. Its own checks name the record and line; a failure they did not foresee
    (the parsers are other people's code) still becomes a plain message, never a server error."""
    try:
        return module.loads(text)
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("Reading a %s file failed unexpectedly", name)
        raise ImportFileError(
            f"The file looks like {name} but could not be read. Check that it opens in a reference manager, "
            "or import it in smaller parts to find the record that stops it."
        ) from None


# Planning ---------------------------------------------------------------------


@dataclass
class PlanItem:
    number: int  # the record's place in the file, from 1
    record: Record
    publication: Publication | None = None  # the library's publication it matches
    match: str = ""  # how it matches, e.g. "same DOI as ‘…’ already in the library"
    changes: dict = field(default_factory=dict)  # for an update: what it fills in
    reason: str = ""  # why it is skipped
    why: str = ""  # the reason in a word or two, for counting
    warnings: list = field(default_factory=list)  # values left out, and why

    @property
    def line(self):
        return self.record.line

    @property
    def change_labels(self):
        return [LABELS[name] for name in self.changes]

    @property
    def goes_live(self):
        """True when the publication it fills in is published: the change shows on the site at once."""
        return self.publication is not None and self.publication.status == Status.PUBLISHED

    @property
    def fill_ins(self):
        """(label, value as text) for each field it fills in."""
        return [(LABELS[name], _as_text(name, value)) for name, value in self.changes.items()]


@dataclass
class ImportPlan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    skip: list = field(default_factory=list)
    new_tags: list = field(default_factory=list)  # tags the import would add to the vocabulary

    @property
    def records(self):
        return len(self.create) + len(self.update) + len(self.skip)

    @property
    def summary(self):
        return f"{len(self.create)} to create, {len(self.update)} to update, {len(self.skip)} skipped"

    @property
    def update_published(self):
        return [item for item in self.update if item.goes_live]

    @property
    def update_drafts(self):
        return [item for item in self.update if not item.goes_live]

    def skipped_by_why(self):
        return Counter(item.why for item in self.skip)


def _as_text(name, value):
    if name == "month":
        return MONTH_NAMES[value]
    if name in ("authors", "editors"):
        return "; ".join(", ".join(part for part in person if part) for person in value)
    if name == "tags":
        return ", ".join(value)
    return str(value)


@dataclass(frozen=True)
class _Keys:
    doi: str
    isbn: str
    issns: frozenset
    title: str
    year: int | None

    @classmethod
    def of(cls, *, doi, isbn, issn_print, issn_online, title, year):
        issns = frozenset(filter(None, (format_issn(issn_print), format_issn(issn_online))))
        return cls(normalise_doi(doi), isbn_digits(isbn), issns, normalise_title(title), year)

    def differs_from(self, other):
        """True when an identifier (or the year) that both have is different: two different works."""
        return (
            (self.doi and other.doi and self.doi != other.doi)
            or (self.isbn and other.isbn and self.isbn != other.isbn)
            or (self.issns and other.issns and not self.issns & other.issns)
            or (self.year and other.year and self.year != other.year)
        )


class _Index:
    """Known references (the library's, or earlier records in the file) found by DOI or by title."""

    def __init__(self):
        self.by_doi = {}
        self.by_title = defaultdict(list)

    def add(self, keys, value):
        if keys.doi:
            self.by_doi.setdefault(keys.doi, value)
        if keys.title:
            self.by_title[keys.title].append((keys, value))

    def find(self, keys):
        """(value, how) for the best match, how being e.g. "same DOI"; (None, "") when there is none."""
        if keys.doi and keys.doi in self.by_doi:
            return self.by_doi[keys.doi], "same DOI"
        best, best_rank = None, 3
        for known, value in self.by_title.get(keys.title, ()):
            if known.differs_from(keys):
                continue
            rank = 0 if keys.isbn and keys.isbn == known.isbn else 1 if keys.issns & known.issns else 2
            if rank < best_rank:
                best, best_rank, best_keys = value, rank, known
        if best is None:
            return None, ""
        if best_rank == 0:
            return best, "same ISBN, title and year"
        if best_rank == 1:
            return best, "same ISSN, title and year"
        if keys.year and best_keys.year:
            return best, "same title and year"
        return best, "same title"  # one of them has no year to tell them apart


def _library_index():
    index = _Index()
    rows = Publication.objects.values_list("pk", "title", "year", "doi", "isbn", "issn_print", "issn_online")
    for pk, title, year, doi, isbn, issn_print, issn_online in rows.iterator(chunk_size=5000):
        keys = _Keys.of(doi=doi, isbn=isbn, issn_print=issn_print, issn_online=issn_online, title=title, year=year)
        index.add(keys, (pk, title))
    return index


def _keys(record):
    return _Keys.of(
        doi=record.doi,
        isbn=record.isbn,
        issn_print=record.issn_print,
        issn_online=record.issn_online,
        title=record.title,
        year=record.year,
    )


def _fit(record):
    """Fit a record to the library's fields, in place. Returns (problem, warnings); a problem means it is skipped."""
    warnings = []
    record.title = record.title.strip()
    if not record.title:
        return "it has no title", warnings
    if len(record.title) > Publication._meta.get_field("title").max_length:
        return "its title is longer than the library keeps (500 characters)", warnings
    if record.url and not re.match(r"^[a-z][a-z0-9+.-]*://", record.url, re.IGNORECASE):
        record.url = f"https://{record.url}" if record.url.startswith("www.") else record.url
    for name in FILLABLE_FIELDS:
        value = getattr(record, name)
        max_length = Publication._meta.get_field(name).max_length
        if isinstance(value, str) and max_length and len(value) > max_length:
            warnings.append(f"{LABELS[name]} left out: longer than the {max_length} characters the library keeps")
            setattr(record, name, "")
    if record.year is not None and not 1000 <= record.year <= 2100:
        warnings.append(f"year {record.year} left out: not a year of publication")
        record.year = None
    if record.url:
        try:
            _url_validator(record.url)
        except ValidationError:
            warnings.append(f"URL “{record.url[:80]}” left out: not a web address")
            record.url = ""
    if is_corporate_author(record):
        record.authors = []
    for role in ("authors", "editors"):
        people = []
        for family, given in getattr(record, role):
            if len(family) > 200 or len(given) > 200:
                warnings.append(f"a name in {role} left out: longer than the library keeps")
            elif (family, given) not in people:
                people.append((family, given))
        setattr(record, role, people)
    tags = {}
    for tag in record.tags:
        if len(tag) > 100:
            warnings.append(f"keyword “{tag[:40]}…” left out: longer than a tag may be")
        else:
            tags.setdefault(tag.casefold(), tag)
    record.tags = list(tags.values())
    return None, warnings


def _fill_ins(record, publication):
    """What `record` would fill in on `publication`: only what is empty there."""
    changes = {}
    for name in FILLABLE_FIELDS:
        value = getattr(record, name)
        if value in (None, "") or getattr(publication, name) not in (None, ""):
            continue
        if name.startswith("issn_") and value in (publication.issn_print, publication.issn_online):
            continue  # the same ISSN, filed under the other label
        changes[name] = value
    if record.authors and not publication.authors:
        changes["authors"] = record.authors
    if record.editors and not publication.editors:
        changes["editors"] = record.editors
    if record.tags and not publication.tags.all():
        changes["tags"] = record.tags
    return changes


def plan_import(*, records):
    """Decide, without writing anything, what importing `records` would do to the library."""
    plan = ImportPlan()
    library, in_file = _library_index(), _Index()
    matched = {}  # library publication pk -> the record number that matches it
    pending = []  # (item, pk): library matches, sorted into update or skip once the publications are loaded
    for number, record in enumerate(records, start=1):
        item = PlanItem(number=number, record=record)
        problem, item.warnings = _fit(record)
        if problem:
            item.reason, item.why = f"cannot be imported: {problem}", "cannot be imported"
            plan.skip.append(item)
            continue
        keys = _keys(record)
        earlier, how = in_file.find(keys)
        in_file.add(keys, number)
        if earlier:
            item.reason, item.why = f"repeats record {earlier} in this file ({how})", "repeated in the file"
            plan.skip.append(item)
            continue
        found, how = library.find(keys)
        if not found:
            plan.create.append(item)
            continue
        pk, title = found
        item.match = f"{how} as ‘{title}’ already in the library"
        if pk in matched:
            item.reason = f"{item.match}, which record {matched[pk]} in this file already matches"
            item.why = "already in the library"
            plan.skip.append(item)
            continue
        matched[pk] = number
        pending.append((item, pk))

    publications = Publication.objects.for_listing().in_bulk([pk for _, pk in pending])
    for item, pk in pending:
        item.publication = publications.get(pk)
        if item.publication is None:  # deleted while planning
            plan.create.append(item)
            continue
        item.changes = _fill_ins(item.record, item.publication)
        if item.changes:
            plan.update.append(item)
        else:
            item.reason, item.why = f"{item.match}, and adds nothing to it", "already in the library"
            plan.skip.append(item)
    plan.create.sort(key=lambda item: item.number)
    plan.skip.sort(key=lambda item: item.number)

    known_tags = {name.casefold() for name in Tag.objects.values_list("name", flat=True)}
    wanted = [tag for item in plan.create for tag in item.record.tags]
    wanted += [tag for item in plan.update for tag in item.changes.get("tags", [])]
    plan.new_tags = sorted({tag.casefold(): tag for tag in wanted if tag.casefold() not in known_tags}.values())
    return plan


# Writing ----------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list
    updated: list


def _chunks(items, size=BATCH_SIZE):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _contributors(names, *, user):
    """{(family, given): Contributor} for every name, creating the ones the library lacks."""
    names = set(names)
    found = {}
    for families in _chunks(sorted({family for family, _ in names})):
        for person in Contributor.objects.filter(family_name__in=families):
            found[(person.family_name, person.given_names)] = person
    missing = [Contributor(family_name=family, given_names=given) for family, given in sorted(names - found.keys())]
    created = bulk_create_with_history(
        missing, Contributor, batch_size=BATCH_SIZE, default_user=user, default_change_reason=CHANGE_REASON
    )
    found.update({(person.family_name, person.given_names): person for person in created})
    return found


def _tags(names):
    """{casefolded name: Tag} for every name, matching existing tags whatever their case, creating the rest."""
    tags = list(Tag.objects.only("pk", "name", "slug"))
    found = {tag.name.casefold(): tag for tag in tags}
    slugs = {tag.slug for tag in tags}
    missing = []
    for name in names:
        if name.casefold() in found:
            continue
        base = Tag().slugify(name)[:90] or "tag"
        slug, n = base, 0
        while slug in slugs:
            n += 1
            slug = f"{base}_{n}"  # as taggit numbers a clash
        slugs.add(slug)
        found[name.casefold()] = tag = Tag(name=name, slug=slug)
        missing.append(tag)
    Tag.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    return found


def _unique_slug(record, taken):
    base = slugify(record.title)[:80].strip("-") or "publication"
    if record.year:
        base = f"{base}-{record.year}"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _people_rows(publication, people, role, contributors):
    return [
        Authorship(publication=publication, contributor=contributors[person], role=role, position=position)
        for position, person in enumerate(people, start=1)
    ]


def _write_people_and_tags(pairs, *, contributors, tags, user):
    """Authorships and tags for (publication, {"authors": [...], "editors": [...], "tags": [...]}) pairs."""
    authorships, tagged = [], []
    for publication, values in pairs:
        authorships += _people_rows(publication, values.get("authors", []), Authorship.Role.AUTHOR, contributors)
        authorships += _people_rows(publication, values.get("editors", []), Authorship.Role.EDITOR, contributors)
        tagged += [
            TaggedPublication(content_object=publication, tag=tags[name.casefold()]) for name in values.get("tags", [])
        ]
    bulk_create_with_history(
        authorships, Authorship, batch_size=BATCH_SIZE, default_user=user, default_change_reason=CHANGE_REASON
    )
    TaggedPublication.objects.bulk_create(tagged, batch_size=BATCH_SIZE)


def apply_import(*, plan, user=None, progress=None):
    """Write `plan` in one transaction: new publications as drafts with unique slugs, and the empty fields of
    matched ones filled in, all with edit history. `progress(n)` is called as each batch of n is written.

    Contributors and tags are looked up and created in bulk, so the number of queries grows with the
    number of batches, not of records. The search vectors of every publication touched are refreshed, and
    on PostgreSQL the publication table is analysed afterwards, so that the planner knows about the new rows.
    """
    progress = progress or (lambda n: None)
    updates = [item for item in plan.update if item.publication is not None]
    with transaction.atomic():
        names = [p for item in plan.create for p in (*item.record.authors, *item.record.editors)]
        names += [p for item in updates for p in (*item.changes.get("authors", []), *item.changes.get("editors", []))]
        contributors = _contributors(names, user=user)
        tag_names = [t for item in plan.create for t in item.record.tags]
        tag_names += [t for item in updates for t in item.changes.get("tags", [])]
        tags = _tags(tag_names)

        taken = set(Publication.objects.values_list("slug", flat=True))
        created = []
        for batch in _chunks(plan.create):
            publications = [
                Publication(
                    **{name: getattr(item.record, name) for name in PUBLICATION_FIELDS},
                    slug=_unique_slug(item.record, taken),
                    status=Status.DRAFT,
                )
                for item in batch
            ]
            publications = bulk_create_with_history(
                publications, Publication, default_user=user, default_change_reason=CHANGE_REASON
            )
            pairs = [(publication, vars(item.record)) for publication, item in zip(publications, batch, strict=True)]
            _write_people_and_tags(pairs, contributors=contributors, tags=tags, user=user)
            created += publications
            progress(len(batch))

        for batch in _chunks(updates):
            now = timezone.now()
            by_fields = defaultdict(list)
            for item in batch:
                names = tuple(name for name in item.changes if name in FILLABLE_FIELDS)
                for name in names:
                    setattr(item.publication, name, item.changes[name])
                item.publication.updated = now
                by_fields[names].append(item.publication)
            for names, publications in by_fields.items():
                bulk_update_with_history(
                    publications,
                    Publication,
                    [*names, "updated"],
                    default_user=user,
                    default_change_reason=CHANGE_REASON,
                )
            pairs = [(item.publication, item.changes) for item in batch]
            _write_people_and_tags(pairs, contributors=contributors, tags=tags, user=user)
            progress(len(batch))

        refresh_search_vectors([publication.pk for publication in created] + [item.publication.pk for item in updates])

    if connection.vendor == "postgresql" and (created or updates):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Publication._meta.db_table)}")
    return ImportResult(created=created, updated=[item.publication for item in updates])


# Between preview and confirmation ----------------------------------------------


def hold_upload(*, text, file_name, user):
    """Keep an uploaded file's text until its importer confirms, and return the signed token that names it.

    The text waits in the database, not in the confirming form: a large file
    would exceed the request size Django accepts, and any app instance may
    receive the confirmation. Files held longer than HOLD_SECONDS are dropped.
    """
    PendingImport.objects.filter(uploaded__lt=timezone.now() - timedelta(seconds=HOLD_SECONDS)).delete()
    held = PendingImport.objects.create(text=text, file_name=file_name[:255], uploaded_by=user)
    return signing.dumps(str(held.token), salt=HOLD_SALT)


def import_held_upload(*, token, user):
    """Plan again from the held file (the library may have changed since the preview) and import it, once.

    Returns (plan, result). Raises ImportFileError when the token is not one
    this user was given, has expired, or its file was imported already: the
    held row is locked while importing and deleted in the same transaction,
    so a second click on "Confirm" finds nothing to import.
    """
    try:
        key = signing.loads(token, salt=HOLD_SALT, max_age=HOLD_SECONDS)
    except signing.BadSignature:
        raise ImportFileError(
            "The previewed file could not be found: the preview is more than a day old or was changed. "
            "Please upload the file again."
        ) from None
    with transaction.atomic():
        held = PendingImport.objects.select_for_update().filter(token=key, uploaded_by=user).first()
        if held is None:
            raise ImportFileError(
                "This file has been imported already, or its preview has expired. Upload it again to see what "
                "importing it would do now."
            )
        _, records = parse_references(held.text)
        plan = plan_import(records=records)
        result = apply_import(plan=plan, user=user)
        held.delete()
    return plan, result
