"""Exports are data, never code: a hostile record leaves as values, read back by parsers we did not write."""

import csv
import io
import re

import pytest
from pybtex.database.input.bibtex import Parser as PybtexParser

from research import bibtex, ris
from research.exports import csv_cell, csv_text
from research.models import Publication
from tests.factories import make_publication

pytestmark = pytest.mark.django_db

# Closes a BibTeX field and entry, then opens new ones, if written as it is.
BREAKOUT = '}} @preamble{"\\immediate\\write18{rm -rf ~}"} @misc{injected, note={'
# Every line break Python (and so many readers) knows, each followed by a line that looks like a RIS tag.
LINE_BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
FAKE_TAGS = "".join(f"{brk}ER  - {brk}TY  - JOUR{brk}TI  - Injected {n}" for n, brk in enumerate(LINE_BREAKS))
SHORT_FAKE_TAGS = "".join(f"{brk}ER  - {brk}TI  - X{n}" for n, brk in enumerate(LINE_BREAKS))  # fits 300 characters


def paragraphs(text):
    return [" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text)]


@pytest.fixture
def hostile():
    return make_publication(
        kind=Publication.Kind.CHAPTER,
        slug="hostile",
        title=f"Recovery {BREAKOUT} \\input{{/etc/passwd}} ^ ~ % # & $ _ {{ }} \\",
        container_title=f"A book{SHORT_FAKE_TAGS}",
        volume="1}{",
        issue="@x",
        pages="1}–2{",
        publisher=f"Press {BREAKOUT}",
        place="Line\nbreak",
        series="Series\n@misc{z,",
        issn_print="}0{1",
        isbn="978}{",
        doi='10.1/x}} @preamble{"\\x"} @misc{y, note={',
        url="https://example.org/a}b{c\\d e?x=1&y=%7B#top",
        summary=f"First paragraph.\n\n@misc{{evil, title={{x}}}}\n\n\\input{{/etc/passwd}} {BREAKOUT}{FAKE_TAGS}",
        authors=[("O'Brien} and {Evil", "J{"), ("Smith, Jr", "Ann and Bob")],
        editors=[("Editor\nER  - ", "")],
        tags=["}@misc{t,", "=cmd|' /C calc'!A0"],
    )


def test_bibtex_export_reads_back_in_pybtex_as_exactly_the_fields_we_wrote(hostile):
    text = bibtex.publications_to_bibtex(Publication.objects.for_listing())

    parsed = PybtexParser(person_fields=()).parse_string(text)

    assert list(parsed.entries) == [bibtex.cite_key(bibtex.record_from_publication(hostile))]
    assert not parsed.preamble_list
    (entry,) = parsed.entries.values()
    fields = dict(entry.fields.items())
    assert set(fields) == {
        "author",
        "editor",
        "title",
        "booktitle",
        "series",
        "volume",
        "number",
        "pages",
        "publisher",
        "address",
        "isbn",
        "issn",
        "doi",
        "url",
        "keywords",
        "abstract",
        "year",
    }
    # BibTeX reads any run of whitespace as one space.
    text_fields = {
        "title": hostile.title,
        "booktitle": hostile.container_title,
        "series": hostile.series,
        "volume": hostile.volume,
        "number": hostile.issue,
        "publisher": hostile.publisher,
        "address": hostile.place,
        "isbn": hostile.isbn,
        "issn": hostile.issn_print,
        "abstract": hostile.summary,
        "keywords": "=cmd|' /C calc'!A0, }@misc{t,",
    }
    for name, value in text_fields.items():
        assert " ".join(bibtex.latex_to_text(fields[name]).split()) == " ".join(value.split()), name
    # Verbatim fields: percent-encoded where they would end the field, as in a URL.
    assert fields["doi"] == '10.1/x%7D%7D%20@preamble%7B"%5Cx"%7D%20@misc%7By,%20note=%7B'
    assert fields["url"] == "https://example.org/a%7Db%7Bc%5Cd%20e?x=1&y=%7B#top"


def test_bibtex_export_reads_back_in_our_importer_as_the_same_values(hostile):
    text = bibtex.publications_to_bibtex(Publication.objects.for_listing())

    (record,) = bibtex.loads(text)

    assert record.title == " ".join(hostile.title.split())
    assert record.publisher == hostile.publisher
    assert paragraphs(record.summary) == paragraphs(hostile.summary)
    assert record.authors == [("O'Brien} and {Evil", "J{"), ("Smith, Jr", "Ann and Bob")]


def ris_records(text):
    """RIS read as its specification has it, by splitting on every line break there is: tag lines and
    blank lines only, each record from TY to ER."""
    records, record = [], None
    for line in text.splitlines():
        if not line.strip():
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not a tag line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            assert record is None, "a record starts inside another"
            record = [(tag, value)]
        elif tag == "ER":
            records.append(record)
            record = None
        else:
            record.append((tag, value))
    assert record is None, "the last record has no ER line"
    return records


def test_ris_export_keeps_every_value_on_its_own_line(hostile):
    text = ris.publications_to_ris(Publication.objects.for_listing())

    (record,) = ris_records(text)

    values = {}
    for tag, value in record:
        values.setdefault(tag, []).append(value)
    assert values["TI"] == [" ".join(hostile.title.split())]
    assert values["T2"] == [" ".join(hostile.container_title.split())]
    assert values["AB"] == [" ".join(hostile.summary.split())]
    assert values["A2"] == ["Editor ER -"]
    assert values["AU"] == ["O'Brien} and {Evil, J{", "Smith, Jr, Ann and Bob"]
    assert not any("Injected" in value for tag, value in record if tag == "TI")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Hope, and = recovery", "Hope, and = recovery"),
        (-5, -5),
        (None, ""),
    ],
)
def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(value, cell):
    assert csv_cell(value) == cell


def test_csv_text_reads_back_as_the_same_cells_with_formulas_neutralised():
    rows = [["=1+1", "Line one\nline two", 'Say "hello", then -5'], [3, None, "@me"]]

    text = csv_text(["Title", "Note", "More"], rows)

    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["Title", "Note", "More"],
        ["'=1+1", "Line one\nline two", 'Say "hello", then -5'],
        ["3", "", "'@me"],
    ]
