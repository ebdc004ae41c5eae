"""A reference as plain data, between a Publication and a file format.

RIS and BibTeX both read into and write from a `Record`, so the two formats
share one idea of what a reference holds, and importing never has to know
which format a record came from.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .citations import CORPORATE_KINDS
from .models import Publication

# The fields a record and a Publication share, one to one.
PUBLICATION_FIELDS = (
    "kind",
    "title",
    "year",
    "month",
    "container_title",
    "volume",
    "issue",
    "pages",
    "publisher",
    "place",
    "series",
    "issn_print",
    "issn_online",
    "isbn",
    "doi",
    "url",
    "summary",
)


class ImportFileError(ValueError):
    """A file that cannot be read as references; the message says where and why, in plain words."""


@dataclass
class Record:
    kind: str = Publication.Kind.JOURNAL_ARTICLE
    title: str = ""
    year: int | None = None
    month: int | None = None
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    place: str = ""
    series: str = ""
    issn_print: str = ""
    issn_online: str = ""
    isbn: str = ""
    doi: str = ""
    url: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    authors: list[tuple[str, str]] = field(default_factory=list)  # (family, given), in order
    editors: list[tuple[str, str]] = field(default_factory=list)
    line: int | None = None  # where the record starts in the file it was read from


def record_from_publication(publication):
    """Uses the prefetched authorships and tags of `.for_listing()` when there are some.

    An organisation's report, guide or web page that names no person has its
    publisher as author, as the site's references show it (SCIE, NIMHE), so
    that a reference manager does not file it without one.
    """
    authors = [(person.family_name, person.given_names) for person in publication.authors]
    editors = [(person.family_name, person.given_names) for person in publication.editors]
    if not authors and not editors and publication.publisher and publication.kind in CORPORATE_KINDS:
        authors = [(publication.publisher, "")]
    return Record(
        **{name: getattr(publication, name) for name in PUBLICATION_FIELDS},
        tags=sorted((tag.name for tag in publication.tags.all()), key=str.casefold),
        authors=authors,
        editors=editors,
    )


def is_corporate_author(record):
    """True when the record's one author is its publisher: how exports (ours too) name an organisation
    as author. The library keeps such a work with its publisher and no people."""
    return record.authors == [(record.publisher, "")] and not record.editors


# Pages ---------------------------------------------------------------------

_PAGE_RANGE = re.compile(r"^\s*([^\s\-–—]+)\s*(?:-{1,3}|–|—)\s*([^\s\-–—]+)\s*$")


def split_pages(pages):
    """'885-899' -> ('885', '899'); a single page or anything odder stays whole as the start."""
    match = _PAGE_RANGE.match(pages or "")
    if match:
        return match.group(1), match.group(2)
    return (pages or "").strip(), ""


def join_pages(start, end):
    start, end = (start or "").strip(), (end or "").strip()
    if start and end and start != end:
        return f"{start}-{end}"
    return start or end


# Identifiers ----------------------------------------------------------------

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ONLINE_LABEL = re.compile(r"\(?\b(?:online|electronic|e-?issn|ejournal)\b\)?", re.IGNORECASE)
_PRINT_LABEL = re.compile(r"\(?\b(?:print|p-?issn)\b\)?", re.IGNORECASE)
ONLINE_ONLY_LABEL = " (online)"


def clean_doi(doi):
    """A DOI as stored: without the https://doi.org/ or doi: prefix."""
    return _DOI_PREFIX.sub("", (doi or "").strip()).strip()


def normalise_doi(doi):
    return clean_doi(doi).casefold()


def format_issn(value):
    """'0045 3102' or '00453102' -> '0045-3102'; '' when it is not an ISSN."""
    digits = re.sub(r"[^0-9Xx]", "", value or "").upper()
    if len(digits) == 8 and digits[:7].isdigit():
        return f"{digits[:4]}-{digits[4:]}"
    return ""


def isbn_digits(value):
    """An ISBN's digits, as ISBN-13 so that the 10- and 13-digit forms of one book compare equal."""
    digits = re.sub(r"[^0-9Xx]", "", value or "").upper()
    if len(digits) == 10 and digits[:9].isdigit():
        stem = "978" + digits[:9]
        check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(stem)) % 10) % 10
        return f"{stem}{check}"
    if len(digits) == 13 and digits.isdigit():
        return digits
    return ""


def issn_text(record):
    """Both ISSNs in one value, print first, as reference managers keep one ISSN field.

    An online ISSN without a print one is labelled, so that it reads back as online.
    """
    if record.issn_online and not record.issn_print:
        return record.issn_online + ONLINE_ONLY_LABEL
    return "; ".join(value for value in [record.issn_print, record.issn_online] if value)


def identifiers_text(record):
    """ISBN, print ISSN, online ISSN in one value, for RIS's single SN tag."""
    return "; ".join(value for value in [record.isbn, issn_text(record)] if value)


def read_identifiers(values):
    """Sort ISBN/ISSN strings into (isbn, issn_print, issn_online, not_understood).

    Accepts one value per line or several in one, separated by ';' or ','. A
    value labelled online/electronic is the online ISSN; otherwise the first
    ISSN is the print one and the second the online one.
    """
    isbn, printed, online, unknown = "", "", "", []
    tokens = []
    for value in values:
        for token in re.split(r"[;,]", value or ""):
            token = token.strip()
            if not token:
                continue
            bare = re.sub(r"\b(?:ISSN|ISBN)\b:?", "", token, flags=re.IGNORECASE)
            is_online = bool(_ONLINE_LABEL.search(bare))
            bare = _PRINT_LABEL.sub("", _ONLINE_LABEL.sub("", bare)).strip()
            # Two ISSNs separated by a space only.
            parts = bare.split() if len(re.sub(r"[^0-9Xx]", "", bare)) == 16 else [bare]
            tokens.extend((part, is_online, token) for part in parts)
    for bare, is_online, token in tokens:
        if issn := format_issn(bare):
            if is_online or (printed and not online):
                online = online or issn
            elif not printed:
                printed = issn
        elif isbn_digits(bare):
            isbn = isbn or bare
        else:
            unknown.append(token)
    return isbn, printed, online, unknown


# Titles ---------------------------------------------------------------------


def normalise_title(title):
    """For finding duplicates: casefolded, punctuation and extra spaces removed."""
    text = unicodedata.normalize("NFKC", title or "").casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def collapse_spaces(text):
    return " ".join((text or "").split())
