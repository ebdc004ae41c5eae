"""Items 5 and 6: the checks on the page and at submit; a submitted reflection is read-only."""

import pytest
from django.urls import reverse

from reflections.models import LanguageGuide, Reflection
from tests.factories import make_reflection

pytestmark = pytest.mark.django_db


def submit_url(reflection):
    return reverse("reflections:reflection_submit", args=[reflection.public_id])


@pytest.fixture
def with_email(practitioner, gibbs):
    return make_reflection(
        author=practitioner, reflective_model=gibbs, answers={1: "I emailed ann@example.org and bob@example.org"}
    )


def test_the_edit_page_shows_the_checks_beside_the_text(author_client, with_email):
    html = author_client.get(reverse("reflections:reflection_edit", args=[with_email.public_id])).content.decode()

    assert "Could identify someone:</span> “ann@example.org”" in html
    assert "2 details to check" in html


def test_submitting_shows_the_checks_first_and_asks_about_each_detail(author_client, with_email):
    response = author_client.post(submit_url(with_email))

    html = response.content.decode()
    assert response.status_code == 200
    assert "I have checked “ann@example.org” and it identifies nobody" in html
    assert "I have checked “bob@example.org” and it identifies nobody" in html
    assert "In “Description”: I emailed <mark>ann@example.org</mark> and bob@example.org" in html
    assert Reflection.objects.get().status == "draft"


def test_a_detail_left_unconfirmed_stops_the_submit(author_client, with_email):
    response = author_client.post(submit_url(with_email), {"confirm": "1", "version": 1, "checked_1": "on"})

    assert response.status_code == 400
    assert "Tick each detail once you have checked it" in response.content.decode()
    assert Reflection.objects.get().status == "draft"


def test_with_every_detail_confirmed_the_reflection_is_submitted_and_its_time_kept(author_client, with_email):
    response = author_client.post(
        submit_url(with_email), {"confirm": "1", "version": 1, "checked_1": "on", "checked_2": "on"}, follow=True
    )

    reflection = Reflection.objects.get()
    assert reflection.status == "submitted" and reflection.submitted_at is not None
    assert "can no longer change" in response.content.decode()


def test_a_reflection_without_identifiable_details_submits_at_once(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs)

    review = author_client.get(submit_url(reflection)).content.decode()
    author_client.post(submit_url(reflection), {"confirm": "1", "version": 1})

    assert "The checks found no details that could identify someone." in review
    assert Reflection.objects.get().status == "submitted"


def test_an_empty_or_untitled_reflection_cannot_be_submitted(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, title="", answers={1: "  "})

    response = author_client.post(submit_url(reflection), {"confirm": "1", "version": 1})

    html = response.content.decode()
    assert "Give the reflection a title before submitting it." in html
    assert "There is nothing written yet." in html
    assert Reflection.objects.get().status == "draft"


def test_a_submit_from_a_page_older_than_the_text_asks_to_check_again(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs)
    author_client.post(
        reverse("reflections:reflection_autosave", args=[reflection.public_id]),
        {"version": 1, "answer_1": "Now with carol@example.org"},
    )

    response = author_client.post(submit_url(reflection), {"confirm": "1", "version": 1})

    assert "changed after you opened this page" in response.content.decode()
    assert Reflection.objects.get().status == "draft"


def test_a_submitted_reflection_is_read_only(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, submit=True)
    edit = reverse("reflections:reflection_edit", args=[reflection.public_id])

    page = author_client.get(edit, follow=True)
    posted = author_client.post(edit, {"version": reflection.version, "answer_1": "Rewritten"}, follow=True)

    assert page.redirect_chain[-1][0] == reflection.get_absolute_url()
    assert "can no longer be changed" in page.content.decode()
    assert "can no longer be changed" in posted.content.decode()
    assert reflection.answers.get(position=1).body == "What happened."
    detail = author_client.get(reflection.get_absolute_url()).content.decode()
    assert "Submitted" in detail and 'href="' + edit not in detail


@pytest.fixture
def naming_sam_three_times(practitioner, gibbs):
    return make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        answers={
            1: "Sam was quiet at first. Later Sam wrote from Ann@Example.org and from ann@example.org.",
            2: "Sam felt hopeful.",
        },
    )


def test_each_distinct_detail_is_asked_about_once_saying_how_often_and_where(author_client, naming_sam_three_times):
    html = author_client.get(submit_url(naming_sam_three_times)).content.decode()

    assert html.count('type="checkbox"') == 2
    assert html.count("I have checked “Sam” and it identifies nobody") == 1
    assert html.count("I have checked “Ann@Example.org” and it identifies nobody") == 1
    assert "The checks found 2 details that might." in html
    assert "Found 3 times, in “Description” and “Feelings”." in html
    assert "Found 2 times, in “Description”." in html
    assert "In “Feelings”: <mark>Sam</mark> felt hopeful." in html


def test_each_piece_of_language_advice_is_listed_once_with_every_form_and_place(author_client, practitioner, gibbs):
    LanguageGuide.objects.create(phrase="refuse", preferred="decline", why="It blames the person.")
    LanguageGuide.objects.create(phrase="suffering from", preferred="living with", why="Recovery language.")
    reflection = make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        answers={1: "They refused the visit. Then they refused again.", 2: "I felt they were refusing help."},
    )

    html = author_client.get(submit_url(reflection)).content.decode()

    assert html.count('class="finding finding-language"') == 1
    assert '<p class="finding-kind">“refused” and “refusing”</p>' in html
    assert "Found 3 times, in “Description” and “Feelings”." in html
    assert "In “Description”: They <mark>refused</mark> the visit." in html
    assert "In “Feelings”: I felt they were <mark>refusing</mark> help." in html
    assert html.count("It blames the person. Try: decline.") == 1
    assert "Recovery language" not in html  # advice only for what was written


def test_each_distinct_detail_must_be_confirmed_before_submit(author_client, naming_sam_three_times):
    refused = author_client.post(submit_url(naming_sam_three_times), {"confirm": "1", "version": 1, "checked_1": "on"})

    assert refused.status_code == 400
    assert "Tick each detail once you have checked it" in refused.content.decode()
    assert Reflection.objects.get().status == "draft"

    author_client.post(
        submit_url(naming_sam_three_times), {"confirm": "1", "version": 1, "checked_1": "on", "checked_2": "on"}
    )

    assert Reflection.objects.get().status == "submitted"


def test_each_occurrence_is_shown_in_its_words_under_the_name_the_writer_knows_the_field_by(
    author_client, practitioner, gibbs
):
    LanguageGuide.objects.create(phrase="suffering from", preferred="living with", why="Recovery language.")
    reflection = make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        answers={1: "I met Sam at the day centre."},
        is_cpd=True,
        cpd_description="Sam is suffering from low mood and asked me to write about it.",
    )

    html = author_client.get(submit_url(reflection)).content.decode()

    assert html.count('type="checkbox"') == 1
    assert "Found 2 times, in “Description” and “Description and why it is relevant”." in html
    assert "In “Description”: I met <mark>Sam</mark> at the day centre." in html
    assert "In “Description and why it is relevant”: <mark>Sam</mark> is suffering from low mood" in html
    assert html.count("This looks like a person&#x27;s name.") == 1
    # Language is advice: listed where it occurs, with no box to tick.
    assert (
        "In “Description and why it is relevant”: Sam is <mark>suffering from</mark> low mood and asked me to write"
        in html
    )
    assert "Recovery language. Try: living with." in html
