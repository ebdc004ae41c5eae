"""The curators' import page: upload, preview, confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from research.models import Authorship, Contributor, PendingImport, Publication, Status
from tests.factories import make_publication

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:research_publication_import")

REFERENCES = """\
TY  - JOUR
AU  - Stanhope, Victoria
TI  - Getting to the heart of recovery
DO  - 10.1093/bjsw/bcm113
PY  - 2008
ER  - 

TY  - BOOK
A3  - Hall, Angela
TI  - Care planning in mental health
PY  - 2008
PB  - Blackwell
ER  - 

TY  - RPRT
AU  - Ó Súilleabháin, Aoife
TI  - Recovering mental health in Scotland
PB  - Scottish Recovery Network
ER  - 

TY  - RPRT
TI  - Recovering mental health in Scotland
ER  - 
"""


def upload(client, text, name="references.ris"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def section(content, table_id):
    return re.search(rf'<table id="{table_id}">(.*?)</table>', content, re.DOTALL).group(1)


def confirmation_token(preview):
    return re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)


def counts():
    return [model.objects.count() for model in (Publication, Contributor, Authorship)]


@pytest.fixture
def library():
    make_publication(title="Getting to the heart of recovery", doi="10.1093/bjsw/bcm113", year=2008)
    make_publication(
        kind=Publication.Kind.BOOK, title="Care planning in mental health", year=2008, status=Status.DRAFT
    )


def test_the_publication_list_in_admin_links_to_the_import_page(client, curator):
    client.force_login(curator)

    response = client.get(reverse("admin:research_publication_changelist"))

    assert f'<a href="{IMPORT_URL}">Import references</a>' in response.content.decode()
    assert "Recover deleted" in response.content.decode()


def test_the_upload_form_has_a_labelled_file_input(client, curator):
    client.force_login(curator)

    response = client.get(IMPORT_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_file">RIS or BibTeX file:</label>' in content
    assert 'type="file" name="file"' in content and 'id="id_file"' in content


def test_upload_previews_what_would_be_created_updated_and_skipped_without_writing(client, curator, library):
    client.force_login(curator)
    before = counts()

    response = upload(client, REFERENCES, name="export.txt")

    content = response.content.decode()
    assert response.status_code == 200
    assert "4 RIS records: 1 to create, 2 to update, 1 skipped." in content
    assert "Recovering mental health in Scotland" in section(content, "to-create")
    assert "Ó Súilleabháin, Aoife" in section(content, "to-create")
    to_update = section(content, "to-update")
    assert "Same title and year as ‘Care planning in mental health’ already in the library" in to_update
    assert "publisher, editors" in to_update
    assert "Repeats record 3 in this file (same title)" in section(content, "skipped")
    assert 'name="token"' in content
    assert counts() == before


def test_confirm_creates_drafts_fills_in_the_rest_and_shows_the_drafts(client, curator, library):
    client.force_login(curator)
    preview = upload(client, REFERENCES)

    response = client.post(IMPORT_URL, {"token": confirmation_token(preview)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:research_publication_changelist") + "?status__exact=draft"
    content = response.content.decode()
    assert "Imported 1 reference(s) as drafts and filled in 2 existing publication(s); 1 skipped." in content
    report = Publication.objects.get(title="Recovering mental health in Scotland")
    assert report.status == Status.DRAFT
    assert [c.family_name for c in report.authors] == ["Ó Súilleabháin"]
    assert Publication.objects.get(title="Care planning in mental health").publisher == "Blackwell"
    assert report.history.get().history_user == curator


def test_confirm_plans_again_so_a_change_since_the_preview_is_accounted_for(client, curator):
    client.force_login(curator)
    preview = upload(client, REFERENCES)
    make_publication(title="Recovering mental health in Scotland", year=None, authors=[("Somebody", "Else")])

    client.post(IMPORT_URL, {"token": confirmation_token(preview)})

    assert Publication.objects.filter(title="Recovering mental health in Scotland").count() == 1
    assert Publication.objects.count() == 3


def test_a_malformed_upload_shows_the_error_and_writes_nothing(client, curator, library):
    client.force_login(curator)
    before = counts()

    response = upload(client, REFERENCES.replace("PB  - Blackwell\nER  - ", "PB  - Blackwell"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported. Record 2 (line 8): there is no “ER  -” line" in content
    assert 'class="errorlist' in content
    assert counts() == before


def test_a_tampered_confirmation_is_refused_and_writes_nothing(client, curator):
    client.force_login(curator)

    response = client.post(IMPORT_URL, {"token": "not-signed"}, follow=True)

    assert "Nothing was imported. The previewed file could not be found" in response.content.decode()
    assert not Publication.objects.exists()


def test_the_import_page_is_for_curators_only(client, practitioner, django_user_model):
    assert client.get(IMPORT_URL).status_code == 302  # to the admin login
    assert upload(client, REFERENCES).status_code == 302

    client.force_login(practitioner)
    assert client.get(IMPORT_URL).status_code == 302
    assert upload(client, REFERENCES).status_code == 302

    staff_without_permission = django_user_model.objects.create_user("sam", password="pw", is_staff=True)
    client.force_login(staff_without_permission)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, REFERENCES).status_code == 403
    assert not Publication.objects.exists()


def test_fill_ins_of_published_publications_are_listed_as_going_live(client, curator, library):
    client.force_login(curator)

    content = upload(client, REFERENCES).content.decode()

    goes_live = section(content, "goes-live")
    assert "these changes show on the site as soon as you confirm" in content
    assert "Getting to the heart of recovery" in goes_live
    assert "<li>Authors: Stanhope, Victoria</li>" in goes_live
    assert "Care planning in mental health" not in goes_live  # a draft: listed with the drafts
    assert "Care planning in mental health" in section(content, "to-update")


def test_confirming_twice_imports_once(client, curator):
    client.force_login(curator)
    token = confirmation_token(upload(client, REFERENCES))

    client.post(IMPORT_URL, {"token": token})
    second = client.post(IMPORT_URL, {"token": token}, follow=True)

    assert "Nothing was imported. This file has been imported already" in second.content.decode()
    assert Publication.objects.filter(title="Recovering mental health in Scotland").count() == 1


def test_a_preview_is_confirmed_only_by_the_curator_who_uploaded_it(client, curator, django_user_model):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("olu", password="pw", is_staff=True)
    other.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    token = confirmation_token(upload(client, REFERENCES))
    client.force_login(other)

    response = client.post(IMPORT_URL, {"token": token}, follow=True)

    assert "Nothing was imported." in response.content.decode()
    assert not Publication.objects.exists()


def test_a_file_too_big_for_a_request_is_refused_up_front_pointing_to_the_command(client, curator, settings):
    settings.IMPORT_UPLOAD_MAX_MB = 1
    client.force_login(curator)
    too_big = REFERENCES * (2 * 1024 * 1024 // len(REFERENCES))

    response = upload(client, too_big)

    content = response.content.decode()
    assert response.status_code == 200
    assert "imports here take files up to 1 MB" in content
    assert "manage.py import_research FILE" in content
    assert not PendingImport.objects.exists()
    assert not Publication.objects.exists()


def bulk_bibtex(records):
    """About 500 bytes a record, as a reference manager writes them."""
    return "\n".join(
        f"""@article{{bulk{n},
  author = {{Family{n % 3000}, Given A. and Other{n % 700}, B. and Third{n % 50}, C. D.}},
  title = {{[Bulk] A study of recovery, hope and social inclusion in community practice, number {n}}},
  journal = {{Journal of Mental Health and Social Work Studies}},
  year = {{{1990 + n % 35}}},
  volume = {{{n % 60}}},
  number = {{{n % 12 + 1}}},
  pages = {{{n % 500}--{n % 500 + 17}}},
  doi = {{10.9999/bulk.{n}}},
  keywords = {{recovery, hope}},
  abstract = {{What the study found about recovery, hope, agency and inclusion, in a sentence or two, as its summary.}}
}}
"""
        for n in range(records)
    )


def test_a_5_mb_file_of_10000_records_imports_from_admin(client, curator):
    client.force_login(curator)
    text = bulk_bibtex(10_000)
    assert len(text.encode()) > 5_000_000

    preview = upload(client, text, name="bulk.bib")
    assert "10000 BibTeX records: 10000 to create, 0 to update, 0 skipped." in preview.content.decode()
    assert "… and 9500 more, not listed here." in preview.content.decode()
    # The confirmation carries a token, not the file: far below Django's limit on a request's form data.
    response = client.post(IMPORT_URL, {"token": confirmation_token(preview)}, follow=True)

    assert response.status_code == 200
    assert "Imported 10000 reference(s) as drafts" in response.content.decode()
    assert Publication.objects.filter(title__startswith="[Bulk]", status=Status.DRAFT).count() == 10_000
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "@misc{a, title={Linked}}\n@misc{b, title={A link to \\href{https://example.org}}}",
            "Record 2 (line 2): this entry cannot be read: its title: its LaTeX cannot be read",
        ),
        (
            "@string{r = r # p}\n@misc{a, title=r}",
            "Record 1 (line 2): this entry cannot be read: its title: the @string “r” is defined in terms of itself",
        ),
        (
            "@misc{a, title=nowhere}",
            "Record 1 (line 1): this entry cannot be read: its title: “nowhere” is not text in braces or quotes",
        ),
        ("@misc{a, title={Open}", "Record 1 (line 1): this entry cannot be read: a “{” is never closed"),
        ("TY  - JOUR\nTI  - No end\n", "Record 1 (line 1): the file ends before this record"),
    ],
)
def test_a_file_the_readers_reject_gets_a_message_naming_the_record_and_writes_nothing(client, curator, text, message):
    client.force_login(curator)

    response = upload(client, text)

    assert response.status_code == 200
    assert f"Nothing was imported. {message}" in response.content.decode()
    assert not Publication.objects.exists()
    assert not PendingImport.objects.exists()
