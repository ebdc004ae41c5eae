"""References built from a publication's stored fields.

Harvard follows Cite Them Right, the style UK social work courses teach. A
reference is a list of segments, some italic, so that one builder gives both
the HTML shown on the page and the plain text a reader copies.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

from .models import Publication

NO_DATE = "no date"


@dataclass(frozen=True)
class Reference:
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


def join_names(names):
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def harvard_name(contributor):
    return f"{contributor.family_name}, {contributor.initials}" if contributor.initials else contributor.family_name


def harvard_names(contributors):
    return join_names([harvard_name(c) for c in contributors])


def editors_label(editors):
    return "(ed.)" if len(editors) == 1 else "(eds)"


def harvard(publication: Publication) -> Reference:
    p = publication
    authors, editors = p.authors, p.editors
    kind = Publication.Kind
    segments = []

    def add(text, italic=False):
        segments.append((text, italic))

    # Who: authors; else the editors of a whole book; else the publishing body
    # (Cite Them Right treats an organisation as the author); else the title leads.
    corporate = False
    if authors:
        add(harvard_names(authors))
    elif editors and p.kind != kind.CHAPTER:
        add(f"{harvard_names(editors)} {editors_label(editors)}")
    elif p.publisher and p.kind in (kind.REPORT, kind.GUIDE, kind.WEB_PAGE):
        add(p.publisher)
        corporate = True

    year = f"({p.year})" if p.year else f"({NO_DATE})"
    in_quotes = p.kind in (kind.JOURNAL_ARTICLE, kind.CHAPTER)
    if segments:
        add(f" {year} ")
        if in_quotes:
            add(f"‘{p.title}’")
        else:
            add(p.title, italic=True)
    else:
        add(p.title, italic=not in_quotes)
        add(f" {year}")

    if p.kind == kind.JOURNAL_ARTICLE:
        if p.container_title:
            add(", ")
            add(p.container_title, italic=True)
        if p.volume:
            add(f", {p.volume}" + (f"({p.issue})" if p.issue else ""))
        elif p.issue:
            add(f", ({p.issue})")
        if p.pages:
            add(f", {page_label(p.pages)} {p.pages}")
        add(".")
    elif p.kind == kind.CHAPTER:
        add(", in ")
        if editors:
            add(f"{harvard_names(editors)} {editors_label(editors)} ")
        add(p.container_title, italic=True)
        imprint = _imprint(p)
        if imprint:
            add(f". {imprint}")
        if p.pages:
            add(f", {page_label(p.pages)} {p.pages}")
        add(".")
    else:
        if not p.title.endswith((".", "?", "!")):
            add(".")
        if p.series:
            add(f" ({p.series}).")
        imprint = _imprint(p, skip_publisher=corporate)
        if imprint:
            add(f" {imprint}.")

    if p.doi:
        add(f" Available at: https://doi.org/{p.doi}")
    elif p.url:
        add(f" Available at: {p.url}")

    return Reference(tuple(segments))


def page_label(pages):
    return "pp." if any(dash in pages for dash in "-–") else "p."


def _imprint(p, *, skip_publisher=False):
    """'Place: Publisher', with whatever of the two we have."""
    publisher = "" if skip_publisher else p.publisher
    return ": ".join(part for part in (p.place, publisher) if part)
