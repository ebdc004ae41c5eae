"""Importing references: real-world-shaped files, duplicates, malformed files, and a large file."""

import time

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag

from research import importing
from research.importing import ImportFileError, apply_import, parse_references, plan_import, read_text
from research.models import Authorship, Contributor, Publication, Status, TaggedPublication
from tests.factories import make_publication

pytestmark = pytest.mark.django_db

Kind = Publication.Kind

CHAPTER_RIS = """\
TY  - CHAP
AU  - Ó Súilleabháin, Aoife
AU  - Müller, Hans
A2  - Hall, Angela
A2  - Wren, Mark
A2  - Kirby, Stephan
TI  - Recovery in care planning
T2  - Care planning in mental health: promoting recovery
PY  - 2008
SP  - 45
EP  - 67
PB  - Blackwell
CY  - Oxford
SN  - 978-1-4051-4922-8
DO  - https://doi.org/10.1002/9780470691977.ch3
KW  - Care planning
KW  - hope
AB  - How care plans can
  support recovery.
ER  - 

TY  - GEN
TI  - A leaflet with almost nothing known about it
ER  - 
"""

ARTICLE_BIBTEX = r"""
% Exported from a reference manager
@article{OSuilleabhain2019,
  author  = {{\'O} S{\'u}illeabh{\'a}in, Aoife and M{\"u}ller, Hans and {Scottish Recovery Network}},
  editor  = {van der Berg, Jan},
  title   = {Hope \& recovery: {A} qualitative study},
  journal = {British Journal of Social Work},
  year    = 2019,
  month   = jul,
  volume  = {49},
  number  = {3},
  pages   = {885--899},
  issn    = {0045-3102, 1468-263X},
  doi     = {10.1093/bjsw/bcz001},
  url     = {https://example.org/article_1?a=50%},
  keywords = {hope; qualitative research},
  abstract = {First paragraph.

Second paragraph.}
}
"""


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Publication, Contributor, Authorship, TaggedPublication, Tag, Publication.history.model)
    }


def import_text(data):
    _, records = parse_references(read_text(data))
    plan = plan_import(records=records)
    apply_import(plan=plan)
    return plan


def people(publication, role):
    return [(c.family_name, c.given_names) for c in publication.people(role)]


def test_ris_with_a_bom_windows_line_endings_non_ascii_names_and_editors_imports_as_drafts():
    data = ("\ufeff" + CHAPTER_RIS.replace("\n", "\r\n")).encode("utf-8")

    plan = import_text(data)

    assert len(plan.create) == 2
    chapter = Publication.objects.get(title="Recovery in care planning")
    assert chapter.status == Status.DRAFT
    assert chapter.kind == Kind.CHAPTER
    assert people(chapter, Authorship.Role.AUTHOR) == [("Ó Súilleabháin", "Aoife"), ("Müller", "Hans")]
    assert people(chapter, Authorship.Role.EDITOR) == [("Hall", "Angela"), ("Wren", "Mark"), ("Kirby", "Stephan")]
    assert chapter.container_title == "Care planning in mental health: promoting recovery"
    assert (chapter.year, chapter.pages, chapter.publisher, chapter.place) == (2008, "45-67", "Blackwell", "Oxford")
    assert chapter.isbn == "978-1-4051-4922-8"
    assert chapter.doi == "10.1002/9780470691977.ch3"
    assert chapter.summary == "How care plans can support recovery."
    assert sorted(chapter.tags.names()) == ["Care planning", "hope"]
    assert chapter.slug == "recovery-in-care-planning-2008"


def test_a_utf16_file_with_its_byte_order_mark_is_read_too():
    plan = import_text(CHAPTER_RIS.encode("utf-16"))

    assert len(plan.create) == 2
    assert Contributor.objects.filter(family_name="Ó Súilleabháin").exists()


def test_a_record_with_only_a_type_and_title_imports_with_its_other_fields_empty():
    import_text(CHAPTER_RIS.encode())

    leaflet = Publication.objects.get(title="A leaflet with almost nothing known about it")
    assert leaflet.kind == Kind.GUIDE
    assert (leaflet.year, leaflet.publisher, leaflet.doi, leaflet.summary) == (None, "", "", "")
    assert not leaflet.authorships.exists()
    assert leaflet.slug == "a-leaflet-with-almost-nothing-known-about-it"


def test_bibtex_with_latex_accents_braces_and_a_month_macro_imports_every_field():
    plan = import_text(ARTICLE_BIBTEX.encode())

    (article,) = [item.record for item in plan.create]
    publication = Publication.objects.get(doi="10.1093/bjsw/bcz001")
    assert publication.title == "Hope & recovery: A qualitative study"
    assert people(publication, Authorship.Role.AUTHOR) == [
        ("Ó Súilleabháin", "Aoife"),
        ("Müller", "Hans"),
        ("Scottish Recovery Network", ""),
    ]
    assert people(publication, Authorship.Role.EDITOR) == [("van der Berg", "Jan")]
    assert (publication.year, publication.month, publication.volume, publication.issue) == (2019, 7, "49", "3")
    assert publication.pages == "885-899"
    assert (publication.issn_print, publication.issn_online) == ("0045-3102", "1468-263X")
    assert publication.url == "https://example.org/article_1?a=50%"
    assert sorted(publication.tags.names()) == ["hope", "qualitative research"]
    assert publication.summary == "First paragraph.\n\nSecond paragraph."
    assert article.line == 3


def test_bibtex_strings_and_concatenation_are_worked_out_and_links_read_as_their_text():
    text = """\
@STRING{jmh = "Journal of " # {Mental Health}}
@article{one,
  title = "Recovery: " # {see \\href{https://example.org/recovery}{the briefing}},
  journal = JMH,
  year = 2008,
  month = jul,
}
"""
    (record,) = parse_references(text)[1]

    assert record.title == "Recovery: see the briefing"
    assert record.container_title == "Journal of Mental Health"
    assert (record.year, record.month) == (2008, 7)


def test_the_format_is_told_from_the_content_not_the_name():
    assert parse_references(read_text(CHAPTER_RIS.encode()))[0] == "RIS"
    assert parse_references(read_text(ARTICLE_BIBTEX.encode()))[0] == "BibTeX"
    with pytest.raises(ImportFileError, match="neither RIS"):
        parse_references("Title,Author\nHope,Smith\n")


def test_existing_contributors_and_tags_are_reused_whatever_the_tag_case():
    make_publication(authors=[("Müller", "Hans")], tags=["Hope"])

    import_text(CHAPTER_RIS.encode())

    assert Contributor.objects.filter(family_name="Müller").count() == 1
    assert Tag.objects.filter(name__iexact="hope").count() == 1
    chapter = Publication.objects.get(title="Recovery in care planning")
    assert "Hope" in chapter.tags.names()


DUPLICATES_RIS = """\
TY  - JOUR
TI  - A different title for the same DOI
DO  - https://doi.org/10.1093/BJSW/BCM113
PY  - 2008
ER  - 

TY  - BOOK
A3  - Hall, Angela
TI  - Care Planning in Mental Health!
PY  - 2008
PB  - Blackwell
SN  - 1-4051-4922-1
ER  - 

TY  - JOUR
AU  - Fox, Joanna
TI  - Experience of mental health recovery
DO  - 10.1080/17496530701450372
PY  - 2007
ER  - 

TY  - JOUR
TI  - Experience of mental health recovery (repeated)
DO  - 10.1080/17496530701450372
ER  - 

TY  - JOUR
TI  - Experience of mental health recovery.
PY  - 2007
ER  - 

TY  - JOUR
TI  - Editorial
T2  - Another journal
PY  - 2008
SN  - 0045-3102
ER  - 
"""


def test_duplicates_in_the_file_and_the_library_are_skipped_or_fill_in_only_what_is_missing():
    make_publication(title="Getting to the heart of recovery", doi="10.1093/bjsw/bcm113", year=2008)
    book = make_publication(
        kind=Kind.BOOK,
        title="Care planning in mental health",
        isbn="978-1-4051-4922-8",
        year=2008,
        summary="Our own words.",
        editors=[("Hall", "Angela")],
    )
    make_publication(title="Editorial", year=2008, issn_print="1234-5679")
    before = counts()

    plan = plan_import(records=parse_references(DUPLICATES_RIS)[1])

    assert [item.number for item in plan.create] == [3, 6]
    assert [(item.number, item.match, item.change_labels) for item in plan.update] == [
        (2, "same ISBN, title and year as ‘Care planning in mental health’ already in the library", ["publisher"])
    ]
    assert [(item.number, item.reason) for item in plan.skip] == [
        (1, "same DOI as ‘Getting to the heart of recovery’ already in the library, and adds nothing to it"),
        (4, "repeats record 3 in this file (same DOI)"),
        (5, "repeats record 3 in this file (same title and year)"),
    ]
    assert counts() == before, "planning writes nothing"

    apply_import(plan=plan)

    book.refresh_from_db()
    assert book.publisher == "Blackwell"
    assert (book.title, book.summary, book.isbn) == (
        "Care planning in mental health",
        "Our own words.",
        "978-1-4051-4922-8",
    )
    assert book.history.first().history_type == "~"
    assert Publication.objects.count() == before["Publication"] + 2
    assert Publication.objects.filter(title="Experience of mental health recovery", status=Status.DRAFT).exists()


def test_a_library_match_that_lacks_authors_and_tags_gets_them_from_the_file():
    publication = make_publication(title="Recovery in care planning", year=2008, tags=[])

    plan = import_text(CHAPTER_RIS.encode())

    assert plan.update[0].change_labels[-3:] == ["authors", "editors", "tags"]
    assert people(publication, Authorship.Role.AUTHOR) == [("Ó Súilleabháin", "Aoife"), ("Müller", "Hans")]
    assert sorted(publication.tags.names()) == ["Care planning", "hope"]
    publication.refresh_from_db()
    assert publication.status == Status.PUBLISHED, "an update never changes what a curator decided"


def test_imported_slugs_never_collide_with_existing_ones():
    make_publication(slug="recovery-in-care-planning-2008")
    make_publication(slug="recovery-in-care-planning-2008-2", title="Something else", year=1999)

    import_text(CHAPTER_RIS.encode())

    assert Publication.objects.get(title="Recovery in care planning").slug == "recovery-in-care-planning-2008-3"


def test_imported_publications_have_their_creation_in_the_edit_history():
    import_text(CHAPTER_RIS.encode())

    chapter = Publication.objects.get(title="Recovery in care planning")
    (created,) = chapter.history.all()
    assert created.history_type == "+"
    assert created.history_change_reason == "Imported from a file"
    assert Authorship.history.filter(publication_id=chapter.pk).count() == 5


MALFORMED = {
    "RIS record missing ER": (
        CHAPTER_RIS.replace("  support recovery.\nER  - \n", "  support recovery.\n"),
        "Record 1 (line 1): there is no “ER  -” line to end this record before the next one starts on line 21.",
    ),
    "RIS bad tag line": (
        CHAPTER_RIS.replace("TI  - A leaflet", "TI- A leaflet"),
        "Record 2 (line 23): “TI- A leaflet with almost nothing known about it” is not a valid RIS line",
    ),
    "RIS ends inside a record": (
        CHAPTER_RIS.rstrip().removesuffix("ER  -"),
        "Record 2 (line 22): the file ends before this record's “ER  -” line.",
    ),
    "BibTeX unbalanced braces": (
        ARTICLE_BIBTEX.replace("title   = {Hope", "title   = {{Hope") + "\n@book{two, title = {Fine}}\n",
        "Record 1 (line 3): this entry cannot be read: a “{” is never closed, so the braces do not balance.",
    ),
    "BibTeX unbalanced braces in the last entry": (
        "@book{one, title = {Fine}}\n\n" + ARTICLE_BIBTEX.replace("title   = {Hope", "title   = {{Hope"),
        "Record 2 (line 5): this entry cannot be read: a “{” is never closed",
    ),
    "BibTeX LaTeX the decoder cannot read": (
        "@book{one, title = {Fine}}\n@misc{two, title = {A link to \\href{https://example.org}}}\n",
        "Record 2 (line 2): this entry cannot be read: its title: its LaTeX cannot be read (“A link to \\href",
    ),
    "BibTeX @string defined in terms of itself": (
        "@string{r = r # p}\n@misc{one, title = r}\n",
        "Record 1 (line 2): this entry cannot be read: its title: the @string “r” is defined in terms of itself.",
    ),
    "BibTeX @strings defined in terms of each other": (
        "@string{a = b}\n@string{b = {x} # a}\n@misc{one, title = {Fine}, journal = a}\n",
        "Record 1 (line 3): this entry cannot be read: its journal: the @string “a” is defined in terms of itself.",
    ),
    "BibTeX name no @string defines": (
        "@misc{one, title = {Fine}, journal = jmh}\n",
        "Record 1 (line 1): this entry cannot be read: its journal: “jmh” is not text in braces or quotes, nor an "
        "@string defined in the file.",
    ),
    "not UTF-8": (
        CHAPTER_RIS.encode("utf-8").replace("Müller".encode(), "Müller".encode("latin-1")),
        "Line 3: the file is not UTF-8 text",
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_names_the_record_and_line_and_writes_nothing(name):
    make_publication(authors=[("Stanhope", "Victoria")], tags=["hope"])
    data, message = MALFORMED[name]
    before = counts()

    with pytest.raises(ImportFileError) as error:
        import_text(data.encode() if isinstance(data, str) else data)

    assert str(error.value).startswith(message)
    assert counts() == before


def test_an_error_while_writing_leaves_nothing_behind(monkeypatch):
    plan = plan_import(records=parse_references(CHAPTER_RIS)[1])
    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importing, "refresh_search_vectors", fail)
    with pytest.raises(RuntimeError):
        apply_import(plan=plan)

    assert counts() == before


def test_values_the_library_cannot_keep_are_left_out_with_a_note():
    text = (
        "TY  - JOUR\nTI  - Long volume\nVL  - "
        + "9" * 30
        + "\nUR  - not a web address\nER  - \n\nTY  - JOUR\nER  - \n"
    )

    plan = plan_import(records=parse_references(text)[1])

    assert plan.create[0].warnings == [
        "volume left out: longer than the 20 characters the library keeps",
        "URL “not a web address” left out: not a web address",
    ]
    assert plan.skip[0].reason == "cannot be imported: it has no title"


def make_ris(count):
    journals = ["British Journal of Social Work", "Journal of Mental Health", "Ethics and Social Welfare"]
    return "".join(
        f"TY  - JOUR\nAU  - Family{n % 997}, Given{n % 13}\nAU  - Coauthor{n % 101}, Sam\n"
        f"TI  - Recovery study number {n}\nT2  - {journals[n % 3]}\nPY  - {2000 + n % 25}\n"
        f"VL  - {n % 40}\nIS  - {n % 4 + 1}\nSP  - {n % 300}\nEP  - {n % 300 + 12}\n"
        f"DO  - 10.5555/recovery.{n}\nKW  - tag{n % 40}\nAB  - An abstract for study {n}.\nER  - \n\n"
        for n in range(count)
    )


def test_five_thousand_records_import_in_seconds_with_their_authors():
    make_publication(title="Already here", doi="10.5555/other")
    data = make_ris(5000).encode()

    started = time.perf_counter()
    plan = import_text(data)
    elapsed = time.perf_counter() - started

    print(f"\nImported 5,000 RIS records in {elapsed:.2f} s")
    assert len(plan.create) == 5000
    assert Publication.objects.filter(status=Status.DRAFT).count() == 5000
    assert Authorship.objects.filter(publication__status=Status.DRAFT).count() == 10000
    assert Publication.history.filter(history_type="+").count() == 5001
    sample = Publication.objects.get(doi="10.5555/recovery.4321")
    assert people(sample, Authorship.Role.AUTHOR) == [("Family333", "Given5"), ("Coauthor79", "Sam")]
    assert sample.tags.names()[0] == "tag1"


def test_the_command_dry_run_reports_the_plan_and_writes_nothing(tmp_path, capsys):
    make_publication(title="Getting to the heart of recovery", doi="10.1093/bjsw/bcm113", year=2008)
    path = tmp_path / "references.txt"
    path.write_text(DUPLICATES_RIS, encoding="utf-8")
    before = counts()

    call_command("import_research", str(path), "--dry-run")

    out = capsys.readouterr().out
    assert "6 RIS record(s): 3 to create, 0 to update, 3 skipped." in out
    assert "1 skipped: already in the library" in out
    assert "2 skipped: repeated in the file" in out
    assert "record 4 (line 22) “Experience of mental health recovery (repeated)”: repeats record 3" in out
    assert "Dry run: nothing was written." in out
    assert counts() == before


def test_the_command_imports_with_a_progress_bar(tmp_path, capsys):
    path = tmp_path / "references.bib"
    path.write_bytes(ARTICLE_BIBTEX.encode())

    call_command("import_research", str(path))

    captured = capsys.readouterr()
    assert "Created 1 draft publication(s); filled in 0 existing one(s)." in captured.out
    assert "Importing: 100%" in captured.err
    assert Publication.objects.filter(status=Status.DRAFT).count() == 1


def test_the_command_refuses_a_malformed_file_naming_record_and_line(tmp_path):
    path = tmp_path / "broken.ris"
    path.write_text(MALFORMED["RIS bad tag line"][0], encoding="utf-8")

    with pytest.raises(CommandError, match=r"Nothing imported\. Record 2 \(line 23\)"):
        call_command("import_research", str(path))

    assert not Publication.objects.exists()
