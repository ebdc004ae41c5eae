"""Machine-readable references on a publication page, for reference managers' browser connectors.

Zotero, Mendeley and EndNote read Highwire-style `citation_*` meta tags and
COinS (an OpenURL ContextObject in a span's title attribute).
"""

from urllib.parse import urlencode

from .models import Publication

Kind = Publication.Kind


def _person(contributor):
    return f"{contributor.family_name}, {contributor.given_names}".strip(", ")


def highwire_meta(publication):
    """(name, content) pairs for <meta> tags; empty fields are left out."""
    p = publication
    first_page, _, last_page = p.pages.replace("–", "-").partition("-")
    container_field = {
        Kind.JOURNAL_ARTICLE: "citation_journal_title",
        Kind.CHAPTER: "citation_inbook_title",
    }.get(p.kind)
    pairs = [("citation_title", p.title)]
    pairs += [("citation_author", _person(person)) for person in p.authors]
    pairs += [("citation_editor", _person(person)) for person in p.editors]
    pairs += [
        ("citation_publication_date", str(p.year) if p.year else ""),
        (container_field or "", p.container_title),
        ("citation_volume", p.volume),
        ("citation_issue", p.issue),
        ("citation_firstpage", first_page.strip()),
        ("citation_lastpage", last_page.strip()),
        ("citation_publisher", p.publisher),
        ("citation_technical_report_institution", p.publisher if p.kind == Kind.REPORT else ""),
        ("citation_series_title", p.series),
        ("citation_issn", p.issn_print),
        ("citation_issn", p.issn_online),
        ("citation_isbn", p.isbn),
        ("citation_doi", p.doi),
        ("citation_public_url", p.url),
        ("citation_language", "en"),
    ]
    return [(name, content) for name, content in pairs if name and content]


def coins_title(publication):
    """The title attribute of a COinS span (Z39.88-2004 ContextObject)."""
    p = publication
    first_author = (p.authors or [None])[0]
    if p.kind == Kind.JOURNAL_ARTICLE:
        fields = [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
            ("rft.genre", "article"),
            ("rft.atitle", p.title),
            ("rft.jtitle", p.container_title),
        ]
    elif p.kind == Kind.CHAPTER:
        fields = [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", "bookitem"),
            ("rft.atitle", p.title),
            ("rft.btitle", p.container_title),
        ]
    elif p.kind == Kind.BOOK:
        fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "book"), ("rft.btitle", p.title)]
    elif p.kind == Kind.REPORT:
        fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "report"), ("rft.btitle", p.title)]
    else:
        fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.type", "document"), ("rft.title", p.title)]
    fields = [("ctx_ver", "Z39.88-2004"), *fields]
    if first_author:
        fields += [("rft.aulast", first_author.family_name), ("rft.aufirst", first_author.given_names)]
    fields += [("rft.au", _person(person)) for person in p.authors]
    fields += [
        ("rft.date", str(p.year) if p.year else ""),
        ("rft.volume", p.volume),
        ("rft.issue", p.issue),
        ("rft.pages", p.pages),
        ("rft.pub", p.publisher),
        ("rft.place", p.place),
        ("rft.series", p.series),
        ("rft.issn", p.issn_print or p.issn_online),
        ("rft.eissn", p.issn_online if p.issn_print else ""),
        ("rft.isbn", p.isbn),
        ("rft_id", f"info:doi/{p.doi}" if p.doi else p.url),
    ]
    return urlencode([(key, value) for key, value in fields if value])
