"""References built from a publication's stored fields, in the two styles UK social work uses.

Harvard follows Cite Them Right; APA follows the 7th edition. A reference is a
list of segments, some italic, so that one builder gives both the HTML shown
on the page and the plain text a reader copies. Titles are printed as stored:
our facts are exact, so we never re-case them.
"""

import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

from .models import Publication

Kind = Publication.Kind
CORPORATE_KINDS = (Kind.REPORT, Kind.GUIDE, Kind.WEB_PAGE)


@dataclass(frozen=True)
class Reference:
    style: str
    segments: tuple  # (text, italic) pairs

    @property
    def text(self):
        return "".join(text for text, _ in self.segments)

    @property
    def html(self):
        return format_html_join(
            "", "{}", ((format_html("<i>{}</i>", text) if italic else text,) for text, italic in self.segments)
        )

    def __str__(self):
        return self.text


class _Builder:
    def __init__(self):
        self.segments = []

    def add(self, text, italic=False):
        if text:
            self.segments.append((text, italic))

    def stop(self):
        """End a sentence, unless the last words already end with a stop, question or exclamation mark."""
        if not self.segments[-1][0].endswith((".", "?", "!")):
            self.add(".")


def join_names(names, *, last_joiner):
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])}{last_joiner}{names[-1]}"


# A hyphen, a doubled hyphen (BibTeX) or a dash of another width between two page numbers.
_PAGE_DASH = re.compile(r"\s*(?:--|[-‐‑‒—])\s*")


def page_range(pages):
    """Pages as references print them: a range with an en dash, "885–899"."""
    return _PAGE_DASH.sub("–", pages.strip())


def is_range(pages):
    return any(dash in pages for dash in "-–")


# Harvard (Cite Them Right) ------------------------------------------------------


def _harvard_name(contributor):
    return f"{contributor.family_name}, {contributor.initials}" if contributor.initials else contributor.family_name


def _harvard_names(people):
    return join_names([_harvard_name(person) for person in people], last_joiner=" and ")


def _imprint(publication, *, skip_publisher=False):
    """'Place: Publisher', with whatever of the two we have."""
    publisher = "" if skip_publisher else publication.publisher
    return ": ".join(part for part in (publication.place, publisher) if part)


def harvard(publication: Publication) -> Reference:
    p, out = publication, _Builder()
    authors, editors = p.authors, p.editors
    eds = "(ed.)" if len(editors) == 1 else "(eds)"
    year = f"({p.year})" if p.year else "(no date)"
    quoted = p.kind in (Kind.JOURNAL_ARTICLE, Kind.CHAPTER)

    # Who: authors; else the editors of a whole book; else the publishing
    # organisation as author; else the title leads.
    corporate = False
    if authors:
        out.add(_harvard_names(authors))
    elif editors and p.kind != Kind.CHAPTER:
        out.add(f"{_harvard_names(editors)} {eds}")
    elif p.publisher and p.kind in CORPORATE_KINDS:
        out.add(p.publisher)
        corporate = True

    if out.segments:
        out.add(f" {year} ")
        out.add(f"‘{p.title}’" if quoted else p.title, italic=not quoted)
    else:
        out.add(f"‘{p.title}’" if quoted else p.title, italic=not quoted)
        out.add(f" {year}")

    if p.kind == Kind.JOURNAL_ARTICLE:
        if p.container_title:
            out.add(", ")
            out.add(p.container_title, italic=True)
        if p.volume or p.issue:
            out.add(f", {p.volume}" + (f"({p.issue})" if p.issue else ""))
        if p.pages:
            out.add(f", {'pp' if is_range(p.pages) else 'p'}. {page_range(p.pages)}")
        out.add(".")
    elif p.kind == Kind.CHAPTER:
        out.add(", in ")
        if editors:
            out.add(f"{_harvard_names(editors)} {eds} ")
        out.add(p.container_title, italic=True)
        out.stop()
        if imprint := _imprint(p):
            out.add(f" {imprint}")
        if p.pages:
            out.add(f", {'pp' if is_range(p.pages) else 'p'}. {page_range(p.pages)}")
        out.stop()
    else:
        if p.series:
            out.add(f" ({p.series})")
        out.stop()
        if imprint := _imprint(p, skip_publisher=corporate):
            out.add(f" {imprint}.")

    if p.doi:
        out.add(f" Available at: https://doi.org/{p.doi}")
    elif p.url:
        out.add(f" Available at: {p.url}")
    return Reference("Harvard", tuple(out.segments))


# APA 7th edition ----------------------------------------------------------------


def _apa_initials(contributor):
    return contributor.initials.replace(".", ". ").replace(". -", ".-").strip()


def _apa_name(contributor):
    initials = _apa_initials(contributor)
    return f"{contributor.family_name}, {initials}" if initials else contributor.family_name


def _apa_names(people):
    names = [_apa_name(person) for person in people]
    return names[0] if len(names) == 1 else join_names(names, last_joiner=", & ")


def _apa_names_in_order(people):
    """Editors of a book a chapter is in: initials first, as APA prints them after "In"."""
    names = [f"{_apa_initials(person)} {person.family_name}".strip() for person in people]
    return join_names(names, last_joiner=" & ") if len(names) <= 2 else join_names(names, last_joiner=", & ")


def apa(publication: Publication) -> Reference:
    p, out = publication, _Builder()
    authors, editors = p.authors, p.editors
    eds = "(Ed.)" if len(editors) == 1 else "(Eds.)"
    date = f"({p.year})." if p.year else "(n.d.)."

    corporate = False
    if authors:
        out.add(_apa_names(authors))
    elif editors and p.kind != Kind.CHAPTER:
        out.add(f"{_apa_names(editors)} {eds}")
    elif p.publisher and p.kind in CORPORATE_KINDS:
        out.add(p.publisher)
        corporate = True

    if out.segments:
        out.stop()
        out.add(f" {date} ")
        title_first = False
    else:
        title_first = True

    if p.kind == Kind.JOURNAL_ARTICLE:
        out.add(p.title)
        out.stop()
        if title_first:
            out.add(f" {date}")
        if p.container_title:
            out.add(" ")
            out.add(p.container_title, italic=True)
        if p.volume:
            out.add(", ")
            out.add(p.volume, italic=True)
        if p.issue:
            out.add(f"({p.issue})" if p.volume else f", ({p.issue})")
        if p.pages:
            out.add(f", {page_range(p.pages)}")
        out.stop()
    elif p.kind == Kind.CHAPTER:
        out.add(p.title)
        out.stop()
        if title_first:
            out.add(f" {date}")
        out.add(" In ")
        if editors:
            out.add(f"{_apa_names_in_order(editors)} {eds}, ")
        out.add(p.container_title, italic=True)
        if p.pages:
            out.add(f" ({'pp' if is_range(p.pages) else 'p'}. {page_range(p.pages)})")
        out.stop()
        if p.publisher:
            out.add(f" {p.publisher}.")
    else:
        out.add(p.title, italic=True)
        if p.series:
            out.add(f" ({p.series})")
        out.stop()
        if title_first:
            out.add(f" {date}")
        if p.publisher and not corporate:
            out.add(f" {p.publisher}.")

    if p.doi:
        out.add(f" https://doi.org/{p.doi}")
    elif p.url:
        out.add(f" {p.url}")
    return Reference("APA 7", tuple(out.segments))


def references(publication):
    """Every style we offer, in the order the page shows them."""
    return [harvard(publication), apa(publication)]
