"""BibTeX (and biblatex), for people who write in LaTeX or keep references in JabRef or Zotero.

bibtexparser (v2) splits a file into entries and names into their parts, and
writes entries out. This module decides which field carries what:

- Entry types: journal article @article, book @book, chapter @incollection,
  report @techreport, guide @misc, web page @online (biblatex; BibTeX styles
  treat it as @misc). Read back: @inbook and @inproceedings as chapters,
  @phdthesis and @report as reports, @electronic and @www as web pages, and
  anything else as a guide.
- author, editor: "Family, Given and Family, Given", in order; a name with no
  given names (an organisation) is written in braces so it stays whole. An
  organisation's report, guide or web page that names no person has its
  publisher as author, as the site's references show it.
- journal for an article, booktitle otherwise (journaltitle is read too);
  series; volume; number (the issue); pages "885--899".
- publisher; institution for a report; organization for a web page; address
  (the place; location is read too).
- year; month as BibTeX's three-letter macro (month = jul).
- isbn; issn (print; online, as in RIS); doi; url; keywords, comma-separated;
  abstract (our summary, paragraphs kept).

The file is UTF-8. Every value is written as data (see research.exports): LaTeX's
special characters (\\ { } & % $ # _ ~ ^) are escaped in text, and a DOI or URL
is percent-encoded where it would end its field. When read, @string names and
“#” are worked out (a name no @string defines, or one defined in terms of
itself, is an error naming the record), LaTeX accents ({\\"u}) are decoded, and
\\href{url}{text} reads as its text; LaTeX the decoder cannot read is an error
naming the record, never a crash.

Cite keys are the first author's (or editor's) family name, or an
organisation's initials, the year and the first word of the title that
matters, e.g. stanhope2008getting or scie2009supporting; where two share one,
the later publication (by id) gets a, b, c.
"""

import re
import unicodedata
from collections import defaultdict

import bibtexparser
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, Field, ParsingFailedBlock, String

# bibtexparser's own dependency for LaTeX decoding; used directly so that
# decoding can skip URLs and DOIs, where % and _ are plain characters.
from pylatexenc import latex2text, latexwalker, macrospec

from .models import Publication
from .records import (
    ImportFileError,
    Record,
    clean_doi,
    collapse_spaces,
    issn_text,
    read_identifiers,
    record_from_publication,
)

Kind = Publication.Kind

TYPES = {
    Kind.JOURNAL_ARTICLE: "article",
    Kind.BOOK: "book",
    Kind.CHAPTER: "incollection",
    Kind.REPORT: "techreport",
    Kind.GUIDE: "misc",
    Kind.WEB_PAGE: "online",
}
KINDS = {
    **{entry_type: kind for kind, entry_type in TYPES.items()},
    **dict.fromkeys(["book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings"], Kind.BOOK),
    **dict.fromkeys(["incollection", "inbook", "inproceedings", "conference", "bookinbook", "suppbook"], Kind.CHAPTER),
    **dict.fromkeys(["techreport", "report", "phdthesis", "mastersthesis", "thesis"], Kind.REPORT),
    **dict.fromkeys(["online", "electronic", "www", "webpage"], Kind.WEB_PAGE),
}
PUBLISHER_FIELD = {Kind.REPORT: "institution", Kind.WEB_PAGE: "organization"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
KEY_STOPWORDS = {"a", "an", "the", "on", "of", "in", "and", "for", "to", "at", "by", "with", "from", "is"}

CONTENT_TYPE = "application/x-bibtex; charset=utf-8"

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_CHARACTERS = re.compile(r"[\\{}&%$#_~^]")
# BibTeX counts \{ and \} as braces too, so in text whose braces do not pair up
# they would end the field early; there, the braces are written as LaTeX's
# named characters, which fewer readers know but which cannot end anything.
_UNPAIRED_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
# DOI and URL are verbatim fields: styles print them as typed (LaTeX's escapes
# would show), so what could end the field or start a command is
# percent-encoded instead, as a URL would have it.
_VERBATIM_ESCAPES = {"\\": "%5C", "{": "%7B", "}": "%7D", " ": "%20"}
_NEEDS_DECODING = re.compile(r"[\\{}$~]")
# pylatexenc knows how to print \\href but not that it takes two arguments, and fails on it; a link in a
# title or an abstract reads as its text.
_parsing_macros = latexwalker.get_default_latex_context_db()
_parsing_macros.add_context_category("links", prepend=True, macros=[macrospec.MacroSpec("href", "{{")])
_text_macros = latex2text.get_default_latex_context_db()
_text_macros.add_context_category(
    "links and escapes",
    prepend=True,
    macros=[
        latex2text.MacroTextSpec("href", simplify_repl="%(2)s"),
        # As latex_escape writes them (pylatexenc drops the first two and prints ^ as a modifier letter).
        latex2text.MacroTextSpec("textbraceleft", simplify_repl="{"),
        latex2text.MacroTextSpec("textbraceright", simplify_repl="}"),
        latex2text.MacroTextSpec("textasciicircum", simplify_repl="^"),
    ],
)
_decoder = latex2text.LatexNodes2Text(math_mode="verbatim", latex_context=_text_macros)


def latex_escape(text):
    """Text as data in a BibTeX field: every character LaTeX or BibTeX reads as markup is escaped."""
    escapes = _LATEX_SPECIALS if _braces_pair_up(text) else {**_LATEX_SPECIALS, **_UNPAIRED_BRACES}
    return _SPECIAL_CHARACTERS.sub(lambda match: escapes[match.group()], text)


def _braces_pair_up(text):
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for character in text:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def verbatim_escape(text):
    """A DOI or URL as data in a BibTeX field: on one line, with no brace or backslash left to read as markup."""
    return re.sub(r"[\\{} ]", lambda match: _VERBATIM_ESCAPES[match.group()], collapse_spaces(text))


def latex_to_text(value):
    if not _NEEDS_DECODING.search(value):
        return value  # most values are plain text, and decoding is slow
    # A bare % in a .bib value means a percent sign, not a LaTeX comment.
    return _decoder.latex_to_text(re.sub(r"(?<!\\)%", r"\\%", value), latex_context=_parsing_macros)


# Writing ----------------------------------------------------------------------


def _name(person):
    family, given = (latex_escape(part) for part in person)
    if not given:
        return f"{{{family}}}"  # an organisation, or one name: kept whole
    if re.search(r"\band\b|,", family, re.IGNORECASE):
        family = f"{{{family}}}"
    if re.search(r"\band\b|,", given, re.IGNORECASE):
        given = f"{{{given}}}"
    return f"{family}, {given}"


def _ascii_word(text):
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _organisation(name):
    """'Social Care Institute for Excellence' -> 'scie'; one word stays whole."""
    words = name.split()
    if len(words) == 1:
        return _ascii_word(name)
    return _ascii_word("".join(word[0] for word in words if word[0].isupper()))


def cite_key(record):
    """stanhope2008getting: the first person's family name (an organisation's initials), the year (or nd),
    and the first word of the title that matters."""
    people = record.authors or record.editors
    if people and people[0][1]:
        name = _ascii_word(people[0][0])
    else:
        name = _organisation(people[0][0] if people else record.publisher)
    words = [word for word in (_ascii_word(word) for word in record.title.split()) if word]
    word = next((word for word in words if word not in KEY_STOPWORDS), words[0] if words else "")
    return f"{name[:24] or 'anon'}{record.year or 'nd'}{word[:20]}"


def _unique_keys(records, ids):
    """Cite keys in record order. Among records sharing a key, the lowest id keeps it plain and the others
    get a, b, c..., so a publication keeps its key whichever way the list is sorted."""
    groups = defaultdict(list)
    for index, record in enumerate(records):
        groups[cite_key(record)].append(index)
    keys, used = [None] * len(records), set()
    for base, indexes in groups.items():
        for n, index in enumerate(sorted(indexes, key=lambda i: ids[i])):
            key = base + ("" if n == 0 else chr(ord("a") + n - 1) if n <= 26 else str(n))
            while key in used:
                key += "x"
            keys[index] = key
            used.add(key)
    return keys


def _entry(record, key):
    fields = []

    def put(name, value, escape=True):
        value = str(value or "").strip()
        if value:
            fields.append(Field(name, latex_escape(value) if escape else value))

    put("author", " and ".join(_name(person) for person in record.authors), escape=False)
    put("editor", " and ".join(_name(person) for person in record.editors), escape=False)
    put("title", collapse_spaces(record.title))
    put("journal" if record.kind == Kind.JOURNAL_ARTICLE else "booktitle", collapse_spaces(record.container_title))
    put("series", record.series)
    put("volume", record.volume)
    put("number", record.issue)
    put("pages", latex_escape(re.sub(r"\s*(?:-+|–|—)\s*", "--", record.pages)), escape=False)
    put(PUBLISHER_FIELD.get(record.kind, "publisher"), record.publisher)
    put("address", record.place)
    put("year", record.year)
    if record.month:
        # A macro, not text: styles print it in their own language and format.
        fields.append(Field("month", MONTHS[record.month - 1], enclosing="no-enclosing"))
    put("isbn", record.isbn)
    put("issn", issn_text(record))
    put("doi", verbatim_escape(record.doi), escape=False)
    put("url", verbatim_escape(record.url), escape=False)
    put("keywords", ", ".join(record.tags))
    put("abstract", record.summary.replace("\r\n", "\n"))
    return Entry(TYPES.get(record.kind, "misc"), key, fields)


def dumps(records, *, ids=None):
    """BibTeX for records; `ids` (one per record) keep cite keys stable when two records share one."""
    ids = list(range(len(records))) if ids is None else list(ids)
    library = bibtexparser.Library(
        [_entry(record, key) for record, key in zip(records, _unique_keys(records, ids), strict=True)]
    )
    bibtex_format = bibtexparser.BibtexFormat()
    bibtex_format.indent = "  "
    bibtex_format.block_separator = "\n"
    text = bibtexparser.write_string(
        library, unparse_stack=default_unparse_stack(allow_inplace_modification=True), bibtex_format=bibtex_format
    )
    return text if text.endswith("\n") else text + "\n"


def publications_to_bibtex(publications):
    """BibTeX for publications loaded with `.for_listing()`."""
    publications = list(publications)
    return dumps([record_from_publication(p) for p in publications], ids=[p.pk for p in publications])


# Reading ----------------------------------------------------------------------

# BibTeX's predefined month macros (month = jul).
MONTH_NAMES = dict(
    zip(
        MONTHS,
        "January February March April May June July August September October November December".split(),
        strict=True,
    )
)


class _Unreadable(ValueError):
    """A value in an entry that cannot be read; the message says why, and the caller names the record."""


_GROUPING = re.compile(r'[{}"#]')


def _pieces(value):
    """A raw field value split at its top-level “#” (BibTeX's concatenation)."""
    if "#" not in value:
        return [value.strip()]
    pieces, depth, quoted, start = [], 0, False, 0
    for match in _GROUPING.finditer(value):
        character = match.group()
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
        elif character == '"' and depth == 0:
            quoted = not quoted
        elif character == "#" and depth == 0 and not quoted:
            pieces.append(value[start : match.start()].strip())
            start = match.end()
    pieces.append(value[start:].strip())
    return pieces


def _enclosed(piece):
    """The text inside {…} or "…" when the whole piece is one such group, else None."""
    if len(piece) < 2 or piece[0] + piece[-1] not in ("{}", '""'):
        return None
    inner = piece[1:-1]
    depth = 0
    for match in _GROUPING.finditer(inner):
        depth += {"{": 1, "}": -1}.get(match.group(), 0)
        if depth < 0:
            return None  # {a} x {b}: two groups, not one
    return inner


def _resolve(value, strings, using=()):
    """A raw field value as text: braces and quotes taken off, @string names and “#” worked out.

    bibtexparser leaves these to us: it neither joins “#” nor follows one
    @string into another, and it keeps a name it does not know as literal text.
    """
    parts = []
    for piece in _pieces(value):
        name = piece.lower()
        if (text := _enclosed(piece)) is not None:
            parts.append(text)
        elif piece.isdigit():
            parts.append(piece)
        elif name in strings:
            if name in using:
                raise _Unreadable(f"the @string “{piece}” is defined in terms of itself")
            parts.append(_resolve(strings[name], strings, (*using, name)))
        elif name in MONTH_NAMES:
            parts.append(MONTH_NAMES[name])
        elif not piece:
            raise _Unreadable("a “#” has nothing to join on one side")
        else:
            raise _Unreadable(f"“{piece[:40]}” is not text in braces or quotes, nor an @string defined in the file")
    return "".join(parts)


def _failure(block, number, line):
    if isinstance(block, DuplicateFieldKeyBlock):
        problem = f"the field “{', '.join(sorted(block.duplicate_keys))}” appears twice"
    else:
        reason = getattr(block.error, "abort_reason", None) or str(block.error)
        if "`}`" in reason or "end of file" in reason:
            problem = "a “{” is never closed, so the braces do not balance"
        else:
            problem = reason.strip().rstrip(".")
    return ImportFileError(f"Record {number} (line {line}): this entry cannot be read: {problem}.")


def _decoded(value):
    try:
        return latex_to_text(value)
    except Exception:  # noqa: BLE001 - pylatexenc fails in many ways on LaTeX it does not know
        raise _Unreadable(f"its LaTeX cannot be read (“{collapse_spaces(value)[:60]}”)") from None


def _people(value):
    people = []
    for name in split_multiple_persons_names(value):
        parts = parse_single_name_into_parts(name, strict=False)
        family = collapse_spaces(_decoded(" ".join([*parts.von, *parts.last, *parts.jr])))
        given = collapse_spaces(_decoded(" ".join(parts.first)))
        if family and family.lower() != "others":
            people.append((family, given))
    return people


def _year_and_month(year, date, month):
    found_year = found_month = None
    for value in (year, date):
        match = re.search(r"(\d{4})(?:-(\d{1,2}))?", value)
        if match:
            found_year = found_year or int(match.group(1))
            found_month = found_month or (int(match.group(2)) if match.group(2) else None)
    month = month.lower()
    if month.isdigit():
        found_month = int(month)
    elif month[:3] in MONTHS:
        found_month = MONTHS.index(month[:3]) + 1
    return found_year, (found_month if found_month and 1 <= found_month <= 12 else None)


def _verbatim(value):
    """A URL or DOI: \\url{} and braces taken off, nothing else decoded."""
    value = re.sub(r"^\\url\{(.*)\}$", r"\1", value.strip())
    return value.replace("\\_", "_").replace("\\%", "%").replace("{", "").replace("}", "").strip()


def _record(entry, line, strings):
    fields = {}
    for field in entry.fields:
        key = field.key.lower()
        if key in fields:
            raise _Unreadable(f"the field “{key}” appears twice")
        fields[key] = field.value

    def read(name, convert):
        """A field's value through `convert`; an unreadable value is reported with the field's name."""
        value = fields.get(name)
        if not isinstance(value, str):
            return convert("")
        try:
            return convert(_resolve(value, strings))
        except _Unreadable as problem:
            raise _Unreadable(f"its {name}: {problem}") from None

    def text(*names):
        values = (read(name, lambda value: collapse_spaces(_decoded(value))) for name in names)
        return next((value for value in values if value), "")

    kind = KINDS.get(entry.entry_type.lower(), Kind.GUIDE)
    year, month = _year_and_month(text("year"), text("date"), text("month"))
    isbn, issn_print, issn_online, _ = read_identifiers([text("isbn"), text("issn")])
    abstract = read("abstract", _decoded)
    url = read("url", _verbatim)
    if not url and (link := re.search(r"\\url\{[^}]*\}", read("howpublished", str))):
        url = _verbatim(link.group())
    return Record(
        kind=kind,
        title=text("title"),
        year=year,
        month=month,
        container_title=text("journal", "journaltitle", "booktitle"),
        volume=text("volume"),
        issue=text("number", "issue"),
        pages=re.sub(r"\s*(?:-{1,3}|–|—)\s*", "-", text("pages")),
        publisher=text("publisher", "institution", "organization", "school"),
        place=text("address", "location"),
        series=text("series"),
        issn_print=issn_print,
        issn_online=issn_online,
        isbn=isbn,
        doi=clean_doi(read("doi", _verbatim)),
        url=url,
        summary="\n\n".join(collapse_spaces(part) for part in re.split(r"\n\s*\n", abstract) if part.strip()),
        tags=[tag.strip() for tag in re.split(r"[,;]", text("keywords")) if tag.strip()],
        authors=read("author", _people),
        editors=read("editor", _people),
        line=line,
    )


def _blocks(text):
    """(line, block) for the file's blocks; an entry or @string whose key repeats an earlier one is read as itself."""
    for block in bibtexparser.parse_string(text, parse_stack=[]).blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            # Two entries with one key: read both; duplicates are found by what they hold, not their keys.
            inner = bibtexparser.parse_string(block.raw, parse_stack=[]).blocks
            block = next((b for b in inner if isinstance(b, Entry | String | ParsingFailedBlock)), block)
        yield line, block


def loads(text):
    """Records from BibTeX text; raises ImportFileError naming the record and line of an entry it cannot read."""
    blocks = list(_blocks(text))
    # BibTeX's names are case-insensitive; where one is defined twice, the later definition counts.
    strings = {block.key.lower(): block.value for _, block in blocks if isinstance(block, String)}
    records = []
    for line, block in blocks:
        if isinstance(block, ParsingFailedBlock):
            raise _failure(block, len(records) + 1, line)
        if isinstance(block, Entry):
            try:
                records.append(_record(block, line, strings))
            except _Unreadable as problem:
                raise ImportFileError(
                    f"Record {len(records) + 1} (line {line}): this entry cannot be read: {problem}."
                ) from None
    if not records:
        raise ImportFileError("The file has no BibTeX entries in it (no line like “@article{key,”).")
    return records
