"""Items 7 to 9: my page, the JSON export, deleting my account, and what curators and the admin never see."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from reflections.models import Answer, Reflection, ReflectionVersion
from tests.factories import make_reflection

pytestmark = pytest.mark.django_db


def test_my_page_lists_my_drafts_and_submitted_reflections_and_my_cpd_progress(
    author_client, practitioner, other_practitioner, gibbs
):
    make_reflection(author=practitioner, reflective_model=gibbs, title="Still writing")
    make_reflection(author=practitioner, reflective_model=gibbs, title="All done", submit=True)
    make_reflection(author=other_practitioner, reflective_model=gibbs, title="Someone else's")

    html = author_client.get(reverse("reflections:reflection_list")).content.decode()
    drafts = author_client.get(reverse("reflections:reflection_list"), {"status": "draft"}).content.decode()

    assert "Still writing" in html and "All done" in html and "Someone else" not in html
    assert "Still writing" in drafts and "All done" not in drafts
    assert "pieces of CPD ready" in html
    assert 'href="/reflections/export.json"' in html and 'href="/accounts/delete/"' in html


def test_the_export_holds_everything_i_wrote_and_nothing_of_anyone_else(
    author_client, practitioner, other_practitioner, gibbs
):
    make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        title="Mine",
        answers={1: "My words"},
        is_cpd=True,
        cpd_learning="Learnt",
    )
    make_reflection(author=other_practitioner, reflective_model=gibbs, title="Theirs", answers={1: "Their words"})

    response = author_client.get(reverse("reflections:export_json"))

    data = json.loads(response.content)
    assert "attachment" in response["Content-Disposition"]
    assert data["account"]["username"] == "pat"
    [reflection] = data["reflections"]
    assert reflection["title"] == "Mine" and reflection["status"] == "draft"
    assert reflection["answers"][0] == {"heading": "Description", "question": "What happened?", "text": "My words"}
    assert reflection["cpd"]["is_cpd"] is True and reflection["cpd"]["cpd_learning"] == "Learnt"
    assert reflection["saved_versions"][0]["fields"]["answer_1"] == "My words"
    assert data["feedback_received"] == []
    assert "Their words" not in response.content.decode()


def test_deleting_the_account_offers_the_export_first_and_asks_for_the_password(author_client):
    html = author_client.get(reverse("accounts:account_delete")).content.decode()

    assert html.index('href="/reflections/export.json"') < html.index('type="password"')


def test_a_wrong_password_deletes_nothing(author_client, practitioner, gibbs):
    make_reflection(author=practitioner, reflective_model=gibbs)

    response = author_client.post(reverse("accounts:account_delete"), {"password": "not it"})

    assert response.status_code == 400
    assert "That is not your password. Nothing has been deleted." in response.content.decode()
    assert Reflection.objects.filter(author=practitioner).exists()


def test_deleting_the_account_removes_it_and_everything_written_and_logs_out(
    author_client, practitioner, other_practitioner, gibbs
):
    make_reflection(author=practitioner, reflective_model=gibbs)
    kept = make_reflection(author=other_practitioner, reflective_model=gibbs)

    response = author_client.post(reverse("accounts:account_delete"), {"password": "pw"}, follow=True)

    assert "Your account and everything you wrote here have been deleted." in response.content.decode()
    assert not get_user_model().objects.filter(username="pat").exists()
    assert list(Reflection.objects.all()) == [kept]
    assert Answer.objects.filter(reflection__author=other_practitioner).count() == Answer.objects.count()
    assert ReflectionVersion.objects.filter(reflection=kept).count() == ReflectionVersion.objects.count()
    assert author_client.get(reverse("reflections:reflection_list")).status_code == 302  # logged out


def test_the_admin_never_shows_reflection_text(admin_client, practitioner, gibbs):
    make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Private words"})

    index = admin_client.get("/admin/").content.decode()

    assert "Reflective models" in index and "Exercises" in index
    assert "/admin/reflections/reflection/" not in index
    for path in ("reflection", "answer", "reflectionversion"):
        assert admin_client.get(f"/admin/reflections/{path}/").status_code == 404


def test_deleting_a_user_in_the_admin_lists_no_reflection_titles(admin_client, practitioner, gibbs):
    make_reflection(author=practitioner, reflective_model=gibbs, title="About Mr Jones", answers={1: "Private words"})

    page = admin_client.get(f"/admin/accounts/user/{practitioner.pk}/delete/").content.decode()

    assert "Reflection " in page  # the summary counts what goes
    assert "About Mr Jones" not in page and "Private words" not in page


def test_curators_may_edit_reflective_models_but_have_no_permission_on_reflections(curator):
    codenames = set(curator.groups.get().permissions.values_list("codename", flat=True))

    assert {"change_reflectivemodel", "change_reflectivestage", "change_exercise", "add_prompt"} <= codenames
    assert not {code for code in codenames if code.endswith(("_reflection", "_answer", "_reflectionversion"))}
