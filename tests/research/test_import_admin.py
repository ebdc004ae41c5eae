"""The curators' import page: upload, preview, confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from research.models import Authorship, Contributor, Publication, Status
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


def counts():
    return [model.objects.count() for model in (Publication, Contributor, Authorship)]


@pytest.fixture
def library():
    make_publication(title="Getting to the heart of recovery", doi="10.1093/bjsw/bcm113", year=2008)
    make_publication(kind=Publication.Kind.BOOK, title="Care planning in mental health", year=2008)


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
    assert "Same DOI as ‘Getting to the heart of recovery’ already in the library" in to_update
    assert "authors" in to_update
    assert "Same title and year as ‘Care planning in mental health’ already in the library" in to_update
    assert "publisher, editors" in to_update
    assert "Repeats record 3 in this file (same title)" in section(content, "skipped")
    assert 'name="payload"' in content
    assert counts() == before


def test_confirm_creates_drafts_fills_in_the_rest_and_shows_the_drafts(client, curator, library):
    client.force_login(curator)
    preview = upload(client, REFERENCES)
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)

    response = client.post(IMPORT_URL, {"payload": payload}, follow=True)

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
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)
    make_publication(title="Recovering mental health in Scotland", year=None, authors=[("Somebody", "Else")])

    client.post(IMPORT_URL, {"payload": payload})

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

    response = client.post(IMPORT_URL, {"payload": "not-signed"}, follow=True)

    assert "The previewed file could not be read back. Please upload it again." in response.content.decode()
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
