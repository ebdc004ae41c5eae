"""Item 3: the writing pages, without JavaScript (a plain form and a "Save draft" button)."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils.html import escape

from reflections.forms import ANSWER_MAX_CHARS
from reflections.models import Answer, Reflection
from research.models import Status
from tests.factories import make_exercise, make_publication, make_reflection

pytestmark = pytest.mark.django_db

NEW = reverse("reflections:reflection_new")


def new_page_fields(response):
    """What the browser would post from a new writing page: its hidden fields and empty boxes."""
    html = response.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(public_id|exercise|model|version)" value="([^"]*)"', html))
    fields.update({name: "" for name in re.findall(r'<textarea name="(answer_\d+)"', html)})
    return fields


def test_a_free_entry_has_a_title_and_one_labelled_box(author_client, reflective_models):
    response = author_client.get(NEW)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_title">' in html
    assert html.count('<textarea name="answer_') == 1
    assert "What happened, and what do you make of it now?" in html
    assert "Up to 20,000 characters." in html  # the limit is stated on the page
    assert 'aria-describedby="id_answer_1_helptext"' in html  # the guidance is tied to its box


def test_a_model_gives_one_labelled_box_per_stage_with_its_guidance(author_client, gibbs):
    response = author_client.get(NEW, {"model": "gibbs"})

    html = response.content.decode()
    assert html.count('<textarea name="answer_') == 6
    for position, stage in enumerate(gibbs.stages.all(), start=1):
        assert f'<label for="id_answer_{position}">' in html
        assert escape(stage.title) in html and escape(stage.guidance) in html


def test_an_exercise_page_shows_its_prompts_instructions_and_readings(author_client, reflective_models):
    reading = make_publication(title="Getting to the heart of recovery", slug="heart-of-recovery")
    exercise = make_exercise(
        reflective_model=reflective_models["rolfe"],
        prompts=["Which of the readings changed your mind?"],
        readings=[reading],
        instructions="Read *one* piece first. <script>alert(1)</script> [Click](javascript:alert(1))",
    )

    response = author_client.get(NEW, {"exercise": exercise.slug})

    html = response.content.decode()
    assert html.count('<textarea name="answer_') == 3 + 1  # Rolfe's three stages, then the exercise's own
    assert "Which of the readings changed your mind?" in html
    assert '<a href="/research/heart-of-recovery/">Getting to the heart of recovery</a>' in html
    assert "<em>one</em>" in html
    assert "<script>alert" not in html and "javascript:" not in html


def test_an_unknown_or_draft_exercise_is_not_found(author_client, reflective_models):
    draft = make_exercise(reflective_model=reflective_models["free"], status=Status.DRAFT)

    assert author_client.get(NEW, {"exercise": "no-such-exercise"}).status_code == 404
    assert author_client.get(NEW, {"exercise": draft.slug}).status_code == 404
    assert author_client.get(NEW, {"model": "no-such-model"}).status_code == 404


def test_save_draft_without_javascript_makes_the_reflection_and_opens_it_for_editing(
    author_client, practitioner, gibbs
):
    fields = new_page_fields(author_client.get(NEW, {"model": "gibbs"}))
    fields.update(title="A home visit", answer_1="We met at the day centre.", answer_2="I was nervous.")

    response = author_client.post(NEW, fields, follow=True)

    reflection = Reflection.objects.get(author=practitioner)
    assert response.redirect_chain[-1][0] == reverse("reflections:reflection_edit", args=[reflection.public_id])
    assert "Draft saved at" in response.content.decode()
    assert str(reflection.public_id) == fields["public_id"]
    assert reflection.reflective_model == gibbs and reflection.version == 1
    assert [answer.body for answer in reflection.answers.all()][:3] == [
        "We met at the day centre.",
        "I was nervous.",
        "",
    ]
    assert [answer.heading for answer in reflection.answers.all()] == [stage.title for stage in gibbs.stages.all()]


def test_posting_the_new_page_twice_never_makes_two_reflections(author_client, practitioner, reflective_models):
    fields = new_page_fields(author_client.get(NEW))
    fields.update(title="Once", answer_1="First words")

    author_client.post(NEW, fields)
    second = author_client.post(NEW, {**fields, "answer_1": "First words, then more"})

    assert Reflection.objects.filter(author=practitioner).count() == 1
    # The second post was made from version 0, now stale: refused, shown with both texts, nothing lost.
    assert second.status_code == 409
    assert "First words, then more" in second.content.decode()
    assert Answer.objects.get().body == "First words"


def test_the_edit_page_saves_and_shows_the_saved_text(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Old words"})
    edit = reverse("reflections:reflection_edit", args=[reflection.public_id])
    assert "Old words" in author_client.get(edit).content.decode()

    response = author_client.post(edit, {"version": 1, "title": "Renamed", "answer_1": "New words"}, follow=True)

    assert "New words" in response.content.decode()
    reflection.refresh_from_db()
    assert reflection.title == "Renamed" and reflection.version == 2
    assert reflection.answers.get(position=1).body == "New words"


def test_the_reading_page_escapes_what_was_written(author_client, practitioner, reflective_models):
    reflection = make_reflection(
        author=practitioner,
        reflective_model=reflective_models["free"],
        answers={1: "<script>alert('x')</script> [link](javascript:alert(1))\nSecond line"},
    )

    html = author_client.get(reflection.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<br>Second line" in html


def test_an_over_long_answer_is_refused_in_plain_words_and_kept_on_the_page(author_client, practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Short"})
    too_long = "x" * (ANSWER_MAX_CHARS + 1)

    response = author_client.post(
        reverse("reflections:reflection_edit", args=[reflection.public_id]), {"version": 1, "answer_1": too_long}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Your draft was not saved" in html
    assert f"the limit is {ANSWER_MAX_CHARS}" in html
    assert too_long in html  # nothing lost
    assert reflection.answers.get(position=1).body == "Short"


def test_control_characters_are_dropped_and_line_endings_kept(author_client, practitioner, reflective_models):
    reflection = make_reflection(author=practitioner, reflective_model=reflective_models["free"])

    author_client.post(
        reverse("reflections:reflection_edit", args=[reflection.public_id]),
        {"version": 1, "answer_1": "One\x00 line\r\nTwo\x07 lines\x1b", "title": "Bell\x07"},
    )

    reflection.refresh_from_db()
    assert reflection.title == "Bell"
    assert reflection.answers.get().body == "One line\nTwo lines"


def test_a_version_that_is_not_a_number_is_refused(author_client, practitioner, reflective_models):
    reflection = make_reflection(author=practitioner, reflective_model=reflective_models["free"])

    response = author_client.post(
        reverse("reflections:reflection_edit", args=[reflection.public_id]), {"version": "two", "answer_1": "Words"}
    )

    assert response.status_code == 400
    assert "The version sent with the text was not a number" in response.content.decode()
    assert reflection.answers.get().body == "What happened."


def test_an_address_that_is_not_a_uuid_is_not_found(author_client):
    assert author_client.get("/reflections/not-a-uuid/").status_code == 404
    assert author_client.get("/reflections/12345/edit/").status_code == 404
    assert author_client.get(f"/reflections/{uuid.uuid4()}/").status_code == 404


def test_a_new_page_without_its_id_says_what_went_wrong(author_client, reflective_models):
    response = author_client.post(NEW, {"version": 0, "answer_1": "Words", "public_id": "nonsense"})

    assert response.status_code == 400
    assert "Reload it; your text is still on it." in response.content.decode()
    assert not Reflection.objects.exists()


def test_the_header_offers_my_reflections_to_anyone_logged_in(client, curator):
    assert "My reflections" not in client.get("/").content.decode()

    client.force_login(curator)

    assert '<a href="/reflections/">My reflections</a>' in client.get("/").content.decode()
