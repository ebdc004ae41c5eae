"""Item 4: the autosave contract (POST /reflections/<uuid>/autosave/, form-encoded, JSON back)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Reflection
from tests.factories import make_reflection

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def autosave_url(reflection):
    return reverse("reflections:reflection_autosave", args=[reflection.public_id])


@pytest.fixture
def draft(practitioner, gibbs):
    return make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "First words"})


def test_a_save_answers_with_the_new_version_the_time_and_the_findings(author_client, draft):
    response = author_client.post(
        autosave_url(draft), {"version": 1, "answer_1": "I phoned her at jo.b@example.org", "title": "A call"}
    )

    body = response.json()
    assert response.status_code == 200
    assert body["version"] == 2
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", body["saved_at"])
    assert body["findings"] == [
        {
            "check": "identifiable",
            "kind": "email",
            "field": "answer_1",
            "start": 16,
            "end": 32,
            "text": "jo.b@example.org",
            "message": body["findings"][0]["message"],
            "suggestion": body["findings"][0]["suggestion"],
        }
    ]
    draft.refresh_from_db()
    assert draft.version == 2 and draft.title == "A call"
    assert draft.answers.get(position=1).body == "I phoned her at jo.b@example.org"


def test_every_save_goes_up_one_version(author_client, draft):
    for version in (1, 2, 3):
        assert (
            author_client.post(autosave_url(draft), {"version": version, "answer_1": f"Take {version}"}).json()[
                "version"
            ]
            == version + 1
        )


def test_a_save_from_an_older_version_is_refused_with_the_stored_text_and_writes_nothing(author_client, draft):
    author_client.post(autosave_url(draft), {"version": 1, "answer_1": "Saved in the other tab"})

    response = author_client.post(autosave_url(draft), {"version": 1, "answer_1": "Typed in this tab", "title": "X"})

    body = response.json()
    assert response.status_code == 409
    assert body["version"] == 2
    assert body["saved_at"]
    assert body["fields"]["answer_1"] == "Saved in the other tab"
    assert body["fields"]["title"] == "A home visit"
    assert set(body["fields"]) >= {"title", "answer_1", "answer_6", "is_cpd", "cpd_learning", "peer_date"}
    draft.refresh_from_db()
    assert draft.version == 2 and draft.title == "A home visit"
    assert draft.answers.get(position=1).body == "Saved in the other tab"


def test_without_a_session_an_autosave_gets_403_json_never_a_login_redirect(client, draft):
    response = client.post(autosave_url(draft), {"version": 1, "answer_1": "Lost?"}, **JSON)

    assert response.status_code == 403
    assert response.json()["error"] == "login"
    assert "Location" not in response
    assert draft.answers.get(position=1).body == "First words"


def test_an_autosave_for_a_submitted_reflection_is_refused_in_plain_words(author_client, practitioner, gibbs):
    submitted = make_reflection(author=practitioner, reflective_model=gibbs, submit=True)

    response = author_client.post(autosave_url(submitted), {"version": submitted.version, "answer_1": "Changed"})

    assert response.status_code == 409
    assert response.json()["error"] == "submitted"
    assert "submitted on" in response.json()["message"]
    assert submitted.answers.get(position=1).body == "What happened."


@pytest.mark.parametrize("version", ["", "two", "1.5", "-1"])
def test_a_version_that_is_not_a_number_is_refused(author_client, draft, version):
    response = author_client.post(autosave_url(draft), {"version": version, "answer_1": "Words"})

    assert response.status_code == 400
    assert response.json()["error"] == "version"
    assert Reflection.objects.get().version == 1


def test_an_invalid_date_is_refused_with_its_reason_and_nothing_is_written(author_client, draft):
    response = author_client.post(autosave_url(draft), {"version": 1, "answer_1": "Words", "cpd_date": "31/02/2026"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"cpd_date": ["Enter a date such as 2026-03-14."]}
    assert draft.answers.get(position=1).body == "First words"


def test_fields_a_save_leaves_out_keep_their_text(author_client, practitioner, gibbs):
    reflection = make_reflection(
        author=practitioner, reflective_model=gibbs, answers={1: "One", 2: "Two"}, is_cpd=True, cpd_type="Course"
    )

    author_client.post(autosave_url(reflection), {"version": 1, "answer_2": "Two, revised"})

    reflection.refresh_from_db()
    assert [answer.body for answer in reflection.answers.all()][:2] == ["One", "Two, revised"]
    assert reflection.is_cpd and reflection.cpd_type == "Course"


def test_the_cpd_switch_can_be_turned_off_by_the_form_and_stays_put_when_not_sent(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, is_cpd=True)

    author_client.post(autosave_url(reflection), {"version": 1, "answer_1": "More"})
    assert Reflection.objects.get().is_cpd

    # The page sends a hidden "false" and, when ticked, the box's own value after it.
    author_client.post(autosave_url(reflection), {"version": 2, "is_cpd": ["false"]})
    assert not Reflection.objects.get().is_cpd
    author_client.post(autosave_url(reflection), {"version": 3, "is_cpd": ["false", "on"]})
    assert Reflection.objects.get().is_cpd


def test_someone_elses_reflection_answers_404_json(client, other_practitioner, draft):
    client.force_login(other_practitioner)

    response = client.post(autosave_url(draft), {"version": 1, "answer_1": "Not mine"})

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert draft.answers.get(position=1).body == "First words"


def test_the_first_autosave_of_a_new_page_makes_the_reflection_and_says_where_it_lives(
    author_client, practitioner, gibbs
):
    page = author_client.get(reverse("reflections:reflection_new"), {"model": "gibbs"}).content.decode()
    public_id = re.search(r'name="public_id" value="([^"]+)"', page).group(1)
    fields = {"public_id": public_id, "model": "gibbs", "version": 0, "answer_1": "Started"}

    first = author_client.post(reverse("reflections:reflection_new"), fields, **JSON)
    again = author_client.post(
        reverse("reflections:reflection_new"), {**fields, "version": 1, "answer_1": "More"}, **JSON
    )

    assert first.status_code == 200 and again.status_code == 200
    assert first.json()["autosave_url"] == f"/reflections/{public_id}/autosave/"
    assert first.json()["edit_url"] == f"/reflections/{public_id}/edit/"
    assert again.json()["version"] == 2
    assert Reflection.objects.get(author=practitioner).answers.get(position=1).body == "More"


def test_autosave_needs_the_csrf_token_in_the_header(practitioner, draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(practitioner)
    page = browser.get(reverse("reflections:reflection_edit", args=[draft.public_id]))
    token = page.cookies["csrftoken"].value

    refused = browser.post(autosave_url(draft), {"version": 1, "answer_1": "No token"})
    saved = browser.post(autosave_url(draft), {"version": 1, "answer_1": "With token"}, HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert saved.status_code == 200
    assert draft.answers.get(position=1).body == "With token"


def test_autosave_only_takes_posts(author_client, draft):
    assert author_client.get(autosave_url(draft)).status_code == 405


def test_the_first_save_of_a_new_page_without_a_session_gets_403_json(client, reflective_models):
    response = client.post(
        reverse("reflections:reflection_new"),
        {"public_id": "9d7f5e2c-4a57-4a0e-9f55-1b2f6f1f0c11", "version": 0, "answer_1": "Words"},
        **JSON,
    )

    assert response.status_code == 403
    assert response.json()["error"] == "login"
    assert not Reflection.objects.exists()
