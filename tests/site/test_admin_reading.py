"""What a curator sees in admin: sections by name, long titles in full, an import preview without empty parts."""

import datetime
import re

import pytest
from django.urls import reverse

from recovery_portal.models import SiteDetails
from tests.factories import make_publication

pytestmark = pytest.mark.django_db


def test_the_tags_section_is_called_tags_not_taggit(client, curator):
    client.force_login(curator)

    content = client.get(reverse("admin:index")).content.decode()

    assert 'title="Models in the Tags application">Tags</a>' in content
    assert "Taggit" not in content  # the admin prints section names in capitals: it would read "TAGGIT"


def test_the_change_form_loads_the_styles_that_widen_the_title(client, curator):
    publication = make_publication(title="A very long title " * 12)
    client.force_login(curator)

    content = client.get(reverse("admin:research_publication_change", args=[publication.pk])).content.decode()

    assert re.search(r'<link rel="stylesheet" href="/static/css/admin\.[0-9a-f]+\.css">', content)
    assert 'id="id_title"' in content


RIS_NEW_ONLY = "TY  - JOUR\nTI  - Loneliness among carers\nAU  - Okafor, Ada\nPY  - 2019\nER  - \n"


def test_the_import_preview_leaves_out_sections_with_nothing_in_them(client, curator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(curator)

    response = client.post(
        reverse("admin:research_publication_import"),
        {
            "file": SimpleUploadedFile(
                "new.ris", RIS_NEW_ONLY.encode(), content_type="application/x-research-info-systems"
            )
        },
    )

    content = response.content.decode()
    assert 'id="to-create"' in content and "Loneliness among carers" in content
    assert 'id="to-update"' not in content and 'id="skipped"' not in content
    assert "None." not in content


def test_curators_set_the_review_date_and_report_address_once(client, curator):
    client.force_login(curator)
    changelist = reverse("admin:recovery_portal_sitedetails_changelist")

    assert client.get(changelist)["Location"] == reverse("admin:recovery_portal_sitedetails_add")
    client.post(
        reverse("admin:recovery_portal_sitedetails_add"),
        {"content_reviewed_on": "2026-03-12", "report_email": "content@example.org"},
    )

    details = SiteDetails.objects.get()
    assert details.content_reviewed_on == datetime.date(2026, 3, 12)
    assert client.get(changelist)["Location"] == reverse("admin:recovery_portal_sitedetails_change", args=[details.pk])
    assert client.get(reverse("admin:recovery_portal_sitedetails_add")).status_code == 403  # only ever one


def test_a_practitioner_cannot_reach_the_site_details(client, practitioner):
    practitioner.is_staff = True  # even with admin access, no permission on it
    practitioner.save()
    client.force_login(practitioner)

    assert client.get(reverse("admin:recovery_portal_sitedetails_changelist")).status_code == 403
