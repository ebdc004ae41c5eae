"""RIS, the tagged format of EndNote, Zotero, Mendeley and most research databases.

rispy reads and writes the lines. This module decides which tag carries
which field, following the RIS specification as Zotero reads it, so that a
reference survives a trip through a reference manager:

- TY: journal article JOUR, book BOOK, chapter CHAP, report RPRT, guide GEN,
  web page ELEC (other types are read as the nearest kind; unknown ones as a guide).
- AU authors in order (for an organisation's report, guide or web page that
  names no person, its publisher, as the site's references show it).
  Editors: A3 for a book (as Zotero reads it), A2 otherwise; ED and EndNote's
  EDBOOK (whose AU are the editors) are read too.
- TI title. T2 the journal, book or website (JF, JO, BT, JA, J2 are read too);
  T3 the series; for a book or report T2 is the series.
- PY year, DA "YYYY/MM//" when the month is known.
- VL volume, IS issue, SP/EP first and last page, PB publisher, CY place.
- SN one line: ISBN, print ISSN, online ISSN, separated by "; " (an online ISSN
  alone is labelled "(online)"). Repeated SN lines are read too.
- DO DOI (without https://doi.org/), UR URL, KW one tag per line, AB our summary.

RIS has no paragraphs, so the summary's line breaks become spaces: every value
is written on one line, whitespace collapsed, so that none can start a tag line
of its own (see research.exports).
"""

import logging
import re

import rispy

from .models import Publication
from .records import (
    ImportFileError,
    Record,
    clean_doi,
    collapse_spaces,
    identifiers_text,
    join_pages,
    read_identifiers,
    record_from_publication,
    split_pages,
)

Kind = Publication.Kind
logger = logging.getLogger(__name__)

TYPES = {
    Kind.JOURNAL_ARTICLE: "JOUR",
    Kind.BOOK: "BOOK",
    Kind.CHAPTER: "CHAP",
    Kind.REPORT: "RPRT",
    Kind.GUIDE: "GEN",
    Kind.WEB_PAGE: "ELEC",
}
KINDS = {
    **{ris_type: kind for kind, ris_type in TYPES.items()},
    **dict.fromkeys(["EJOUR", "JFULL", "MGZN", "NEWS", "ABST", "INPR"], Kind.JOURNAL_ARTICLE),
    **dict.fromkeys(["EBOOK", "EDBOOK", "CLSWK", "SER"], Kind.BOOK),
    **dict.fromkeys(["ECHAP", "CPAPER", "CONF", "ENCYC", "DICT"], Kind.CHAPTER),
    **dict.fromkeys(["GOVDOC", "STAND", "THES", "UNPB"], Kind.REPORT),
    **dict.fromkeys(["WEB", "BLOG", "ICOMM"], Kind.WEB_PAGE),
    "PAMP": Kind.GUIDE,
}
# Types whose T2 is a series rather than the journal or book it appeared in.
SERIES_IN_T2 = {Kind.BOOK, Kind.REPORT}

# rispy's names for the tags, plus two it does not know that other exporters write.
MAPPING = {**rispy.TAG_KEY_MAPPING, "ED": "editors", "BT": "book_title"}
LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED", "SN"]

CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
_LOOKS_LIKE_A_TAG = re.compile(r"^\s*[A-Z][A-Z0-9]\s*-(?:\s|$)")


class _Writer(rispy.RisWriter):
    DEFAULT_MAPPING = MAPPING

    def set_header(self, count):
        # rispy numbers each record ("1."); reference managers do not expect it.
        return ""


# Writing ----------------------------------------------------------------------


def _name(person):
    family, given = person
    return f"{family}, {given}" if given else family


def _reference(record):
    """A record as the dict rispy writes."""
    ris_type = TYPES.get(record.kind, "GEN")
    reference = {"type_of_reference": ris_type}

    def put(key, value):
        if isinstance(value, list):
            value = [collapse_spaces(item) for item in value if collapse_spaces(item)]
        elif value is not None:
            value = collapse_spaces(str(value))
        if value:
            reference[key] = value

    put("authors", [_name(person) for person in record.authors])
    put("tertiary_authors" if ris_type == "BOOK" else "secondary_authors", [_name(p) for p in record.editors])
    put("title", record.title)
    if record.kind in SERIES_IN_T2:
        put("secondary_title", record.series)
        put("book_title", record.container_title)
    else:
        put("secondary_title", record.container_title)
        put("tertiary_title", record.series)
    if record.year:
        put("year", record.year)
        if record.month:
            put("date", f"{record.year}/{record.month:02d}//")
    put("volume", record.volume)
    put("number", record.issue)
    start, end = split_pages(record.pages)
    put("start_page", start)
    put("end_page", end)
    put("publisher", record.publisher)
    put("place_published", record.place)
    put("issn", identifiers_text(record))
    put("doi", record.doi)
    # rispy splits UR on ";", so a URL must not carry a bare one.
    put("urls", [record.url.replace(";", "%3B")] if record.url else [])
    put("keywords", list(record.tags))
    put("abstract", record.summary)
    return reference


def dumps(records):
    return rispy.dumps([_reference(record) for record in records], implementation=_Writer)


def publications_to_ris(publications):
    """RIS for publications loaded with `.for_listing()`."""
    return dumps([record_from_publication(publication) for publication in publications])


# Reading ----------------------------------------------------------------------


def _checked_lines(text):
    """The lines of the records in `text`, each tag line in rispy's exact form, and each record's first line.

    rispy reads whatever it is given without complaint, so the structure is
    checked here first: every record runs from TY to ER, and no line looks
    like a tag without being one.
    """
    lines, starts = [], []
    record_start = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        match = _TAG_LINE.match(line)
        if record_start is None:
            if not line.strip():
                continue
            if match and match.group(1) == "TY":
                if not (match.group(2) or "").strip():
                    raise ImportFileError(
                        f"Record {len(starts) + 1} (line {number}): the TY line does not say what type of reference "
                        "this is (for example “TY  - JOUR”)."
                    )
                record_start = number
                starts.append(number)
                lines.append(f"TY  - {match.group(2).strip()}")
            elif match or _LOOKS_LIKE_A_TAG.match(line):
                raise ImportFileError(
                    f"Record {len(starts) + 1} (line {number}): “{line.strip()[:60]}” comes before the record's "
                    "TY line; every record must start with a line like “TY  - JOUR”."
                )
            # Anything else between records (a header, a record number) is not part of any reference.
            continue
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                raise ImportFileError(
                    f"Record {len(starts)} (line {record_start}): there is no “ER  -” line to end this record "
                    f"before the next one starts on line {number}."
                )
            lines.append(f"{tag}  - {value}")
            if tag == "ER":
                record_start = None
        elif _LOOKS_LIKE_A_TAG.match(line):
            raise ImportFileError(
                f"Record {len(starts)} (line {number}): “{line.strip()[:60]}” is not a valid RIS line; "
                "a tag line has two capitals, two spaces and a hyphen, like “AU  - Surname, Given”."
            )
        elif line.strip():
            lines.append(line.strip())  # a long value carried on to the next line
    if record_start is not None:
        raise ImportFileError(
            f"Record {len(starts)} (line {record_start}): the file ends before this record's “ER  -” line."
        )
    if not starts:
        raise ImportFileError("The file has no RIS records in it (no line like “TY  - JOUR”).")
    return lines, starts


def _values(reference, *keys):
    values = []
    for key in keys:
        value = reference.get(key) or []
        values.extend([value] if isinstance(value, str) else value)
    return [collapse_spaces(value) for value in values if value and value.strip()]


def _first(reference, *keys):
    return next(iter(_values(reference, *keys)), "")


def _people(values):
    people = []
    for value in values:
        family, _, given = value.partition(",")
        # "Family, Given, Jr." keeps the suffix with the family name.
        given, _, suffix = given.partition(",")
        family = collapse_spaces(f"{family} {suffix}")
        if family:
            people.append((family, given.strip()))
    return people


def _year_and_month(reference):
    year = month = None
    for value in _values(reference, "year", "publication_year", "date"):
        match = re.match(r"^\s*(\d{4})?(?:\s*[/-]\s*(\d{1,2}))?", value)
        if match and match.group(1) and year is None:
            year = int(match.group(1))
        if match and match.group(2) and month is None and 1 <= int(match.group(2)) <= 12:
            month = int(match.group(2))
    return year, month


def _record(reference, line):
    ris_type = reference.get("type_of_reference", "").strip().upper()
    kind = KINDS.get(ris_type, Kind.GUIDE)
    authors = _people(_values(reference, "authors", "first_authors"))
    if ris_type == "EDBOOK":
        authors, editors = [], authors + _people(_values(reference, "tertiary_authors", "editors"))
    elif kind == Kind.BOOK:
        # A book's A2 are series editors, which the library does not keep.
        editors = _people(_values(reference, "tertiary_authors", "editors"))
    else:
        editors = _people(_values(reference, "secondary_authors", "editors"))
    title = _first(reference, "title", "primary_title", "short_title")
    if kind in SERIES_IN_T2:
        series = _first(reference, "secondary_title", "tertiary_title")
        container = _first(reference, "book_title")
        title = title or container
        container = "" if container == title else container
    else:
        container = _first(
            reference,
            "secondary_title",
            "alternate_title3",
            "journal_name",
            "book_title",
            "alternate_title2",
            "alternate_title1",
        )
        series = _first(reference, "tertiary_title")
    year, month = _year_and_month(reference)
    start, end = _first(reference, "start_page"), _first(reference, "end_page")
    pages = start if (start and not end and split_pages(start)[1]) else join_pages(start, end)
    isbn, issn_print, issn_online, _ = read_identifiers(_values(reference, "issn"))
    tags = [tag.strip() for value in _values(reference, "keywords") for tag in value.split(";") if tag.strip()]
    return Record(
        kind=kind,
        title=title,
        year=year,
        month=month,
        container_title=container,
        volume=_first(reference, "volume"),
        issue=_first(reference, "number"),
        pages=pages,
        publisher=_first(reference, "publisher"),
        place=_first(reference, "place_published"),
        series=series,
        issn_print=issn_print,
        issn_online=issn_online,
        isbn=isbn,
        doi=clean_doi(_first(reference, "doi")),
        url=_first(reference, "urls"),
        summary=_first(reference, "abstract", "notes_abstract"),
        tags=tags,
        authors=authors,
        editors=editors,
        line=line,
    )


def loads(text):
    """Records from RIS text with "\\n" line endings; raises ImportFileError naming the record and line."""
    lines, starts = _checked_lines(text)
    references = rispy.loads("\n".join(lines), mapping=MAPPING, list_tags=LIST_TAGS)
    if len(references) != len(starts):  # cannot happen once the lines are checked; never import a misread file
        raise ImportFileError("The file could not be read as RIS records.")
    records = []
    for number, (reference, line) in enumerate(zip(references, starts, strict=True), start=1):
        try:
            records.append(_record(reference, line))
        except Exception:  # noqa: BLE001 - rispy hands over whatever it read; name the record it was
            logger.exception("RIS record %s (line %s) could not be read", number, line)
            raise ImportFileError(f"Record {number} (line {line}): this record cannot be read.") from None
    return records
