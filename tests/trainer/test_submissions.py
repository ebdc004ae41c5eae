"""Issue 10 item 5: trainers read their cohorts' submissions, give feedback and reopen; nobody else can."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from reflections.feedback import WAITING_SHOWN, reflection_reopen
from reflections.models import Feedback, LanguageGuide, Notification, NotificationKind, Reflection
from reflections.services import reflection_submit
from tests.factories import make_cohort, make_reflection, make_user
from tests.trainer.feedback_data import SECRET, give_feedback, make_submission

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "author",
    "another practitioner",
    "the cohort's trainer",
    "another cohort's trainer",
    "curator",
    "superuser",
]
# (name, method, URL name, data)
URLS = [
    ("read", "get", "trainer:reflection_detail", None),
    ("save draft", "post", "trainer:feedback_save", {"body": "A draft.", "version": "{version}", "action": "save"}),
    ("release", "post", "trainer:feedback_save", {"body": "Released.", "version": "{version}", "action": "release"}),
    ("reopen", "post", "trainer:reflection_reopen", {"note": "Please revise.", "version": "{version}"}),
]
TRAINER_GETS = {"read": 200, "save draft": 302, "release": 302, "reopen": 302}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for commit (emails are queued on commit) as each block ends, as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def author(practitioner):
    practitioner.first_name, practitioner.last_name, practitioner.email = "Pat", "Jones", "pat@example.org"
    practitioner.save()
    return practitioner


@pytest.fixture
def people(author, trainer, curator):
    other_practitioner = make_user("sam", role="Practitioners")
    other_trainer = make_user("olga", role="Trainers")
    make_cohort(trainers=[other_trainer], members=[other_practitioner])
    return {
        "anonymous": None,
        "author": author,
        "another practitioner": other_practitioner,
        "the cohort's trainer": trainer,
        "another cohort's trainer": other_trainer,
        "curator": curator,
        "superuser": get_user_model().objects.create_superuser("root", password="pw"),
    }


@pytest.fixture
def submitted(people, author, trainer):
    reflection = make_submission(trainer=trainer, author=author, title="My visit")
    # The other practitioner is in the same cohort: a classmate cannot read it either.
    reflection.assignment.cohort.members.add(people["another practitioner"])
    return reflection


def request_as(client, person, method, url_name, reflection, data):
    if person is not None:
        client.force_login(person)
    url = reverse(url_name, args=[reflection.public_id])
    if method == "get":
        return client.get(url)
    return client.post(url, {key: value.format(version=reflection.version) for key, value in data.items()})


def expected(who, name):
    if who == "anonymous":
        return 302
    return TRAINER_GETS[name] if who == "the cohort's trainer" else 404


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("name", "method", "url_name", "data"), URLS, ids=[url[0] for url in URLS])
def test_access_to_a_submission(client, people, submitted, who, name, method, url_name, data):
    response = request_as(client, people[who], method, url_name, submitted, data)

    assert response.status_code == expected(who, name), (who, name)
    if who == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if response.status_code == 404:
        assert SECRET not in response.content.decode()
    if who != "the cohort's trainer":  # nothing changes
        submitted.refresh_from_db()
        assert submitted.status == Reflection.Status.SUBMITTED
        assert submitted.version == 2
        assert not Feedback.objects.exists()
        assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["author", "another cohort's trainer", "curator", "superuser"])
def test_a_submission_that_is_not_yours_looks_exactly_like_one_that_does_not_exist(client, people, submitted, who):
    client.force_login(people[who])
    mine = client.get(reverse("trainer:reflection_detail", args=[submitted.public_id]))
    missing = client.get(reverse("trainer:reflection_detail", args=[uuid.uuid4()]))
    assert mine.status_code == missing.status_code == 404
    assert without_tokens(mine) == without_tokens(missing)


def without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_trainer_reads_only_submitted_reflections_of_assignments_in_their_cohorts(client, trainer, author):
    draft = make_submission(trainer=trainer, author=author, submit=False)
    free_entry = make_reflection(author=author, submit=True)
    other_trainer = make_user("olga", role="Trainers")
    elsewhere = make_submission(trainer=other_trainer, author=author)
    client.force_login(trainer)
    for reflection in (draft, free_entry, elsewhere):
        response = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id]))
        assert response.status_code == 404
        assert SECRET not in response.content.decode()


def test_the_read_page_shows_the_reflection_as_submitted(client, trainer, author):
    LanguageGuide.objects.create(phrase="suffering from", preferred="living with", why="Recovery language.")
    reflection = make_submission(
        trainer=trainer,
        author=author,
        prompts=2,
        title="A <b>visit</b>",
        answers={1: "He emailed me from sam@example.org.\nThen we talked.", 2: "She is suffering from anxiety."},
        is_cpd=True,
        cpd_type="Reflection on practice",
    )
    Reflection.objects.filter(pk=reflection.pk).update(submitted_late=True)
    client.force_login(trainer)

    response = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id]))

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert "<h1>A &lt;b&gt;visit&lt;/b&gt;</h1>" in html
    assert "<dt>Written by</dt><dd>Pat Jones</dd>" in html
    assert "<dt>Exercise</dt><dd>Hope in practice</dd>" in html
    assert "(UK time)" in html and '<span class="badge badge-late">Late</span>' in html
    assert "He emailed me from sam@example.org.<br>Then we talked." in html
    assert "Reflection on practice" in html
    assert "In “Question 1”: He emailed me from <mark>sam@example.org</mark>" in html
    assert "This looks like an email address." in html
    assert "In “Question 2”: She is <mark>suffering from</mark> anxiety." in html
    assert "Release to Pat Jones" in html and "Save draft" in html


def test_the_read_page_shows_each_detail_once_with_every_occurrence_as_the_author_saw_it(client, trainer, author):
    reflection = make_submission(
        trainer=trainer,
        author=author,
        prompts=2,
        title="Seeing Sam",
        answers={
            1: "Sam was quiet. Later Sam wrote from Ann@Example.org and from ann@example.org.",
            2: "Sam felt heard.",
        },
        is_cpd=True,
        cpd_description="Sam asked for help.",
    )
    client.force_login(trainer)

    html = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id])).content.decode()

    assert "Details that could identify someone (2)" in html
    assert '<p class="finding-kind">“Sam”</p>' in html and '<p class="finding-kind">“Ann@Example.org”</p>' in html
    assert "Found 5 times, in “Title”, “Question 1”, “Question 2” and “Description and why it is relevant”." in html
    assert "In “Title”: Seeing <mark>Sam</mark>" in html
    assert "In “Question 1”: Sam was quiet. Later <mark>Sam</mark> wrote from Ann@Example.org" in html
    assert "In “Question 2”: <mark>Sam</mark> felt heard." in html
    assert "In “Description and why it is relevant”: <mark>Sam</mark> asked for help." in html
    assert "Found 2 times, in “Question 1”." in html
    assert html.count("This looks like a person&#x27;s name.") == 1
    assert html.count("This looks like an email address.") == 1
    assert 'type="checkbox"' not in html  # read-only: the author confirmed each when submitting


def test_the_submitted_time_is_shown_in_uk_time(client, trainer, author):
    from datetime import UTC, datetime

    reflection = make_submission(trainer=trainer, author=author)
    Reflection.objects.filter(pk=reflection.pk).update(submitted_at=datetime(2026, 7, 1, 13, 5, tzinfo=UTC))
    client.force_login(trainer)
    html = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id])).content.decode()
    assert "1 July 2026, 14:05 (UK time)" in html


def test_a_non_trainer_still_gets_the_trainer_pages_403(client, author):
    client.force_login(author)
    assert client.get(reverse("trainer:dashboard")).status_code == 403


# Feedback: drafted, then released


def detail(client, reflection):
    return client.get(reverse("reflections:reflection_detail", args=[reflection.public_id])).content.decode()


def post_feedback(client, reflection, body, action="save", **more):
    return client.post(
        reverse("trainer:feedback_save", args=[reflection.public_id]),
        {"body": body, "version": reflection.version, "action": action, **more},
    )


def test_draft_feedback_is_never_shown_to_the_author(client, trainer, author, mailoutbox):
    reflection = make_submission(trainer=trainer, author=author)
    client.force_login(trainer)

    response = post_feedback(client, reflection, "Think about **hope**.")

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.author, feedback.body, feedback.released_at) == (trainer, "Think about **hope**.", None)
    trainer_page = client.get(response["Location"]).content.decode()
    assert "Draft saved at" in trainer_page
    assert "Think about <strong>hope</strong>." in trainer_page  # the preview
    client.force_login(author)
    assert "hope" not in detail(client, reflection)
    assert "feedback-marker" not in client.get(reverse("reflections:reflection_list")).content.decode()
    assert client.get(reverse("reflections:export_json")).json()["feedback_received"] == []
    assert not Notification.objects.exists() and mailoutbox == []


def test_a_draft_is_edited_then_released_and_the_author_told_once(client, trainer, author, mailoutbox, committed):
    reflection = make_submission(trainer=trainer, author=author, title="My visit")
    client.force_login(trainer)
    post_feedback(client, reflection, "First go.")
    draft = Feedback.objects.get()

    with committed():
        post_feedback(client, reflection, "Second go.", feedback=draft.pk)
        response = post_feedback(client, reflection, "Well done: *keep going*.", action="release", feedback=draft.pk)

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.pk == draft.pk and feedback.released_at is not None
    assert "Feedback released to Pat Jones" in client.get(response["Location"]).content.decode()
    notification = Notification.objects.get()
    assert notification.kind == NotificationKind.FEEDBACK and notification.recipient == author
    assert notification.message == "tess gave feedback on your reflection “My visit”"
    assert notification.link == reflection.get_absolute_url() + "#feedback"
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["pat@example.org"]
    assert "keep going" not in email.body + email.subject and SECRET not in email.body + email.subject
    assert reflection.get_absolute_url() in email.body

    client.force_login(author)
    page = detail(client, reflection)
    assert "Feedback from your trainer" in page
    assert "Well done: <em>keep going</em>." in page
    assert "From tess, " in page
    listing = client.get(reverse("reflections:reflection_list")).content.decode()
    assert f'href="{reflection.get_absolute_url()}#feedback">Feedback' in listing


def test_released_feedback_cannot_change_and_the_text_sent_is_kept(client, trainer, author, mailoutbox, committed):
    reflection = make_submission(trainer=trainer, author=author)
    client.force_login(trainer)
    with committed():
        post_feedback(client, reflection, "Released once.", action="release")
    released = Feedback.objects.get()

    # The same form, sent again from another tab.
    with committed():
        response = post_feedback(client, reflection, "Released twice?", action="release", feedback=released.pk)

    html = response.content.decode()
    assert response.status_code == 409
    assert "That feedback was already released on" in html
    assert ">\nReleased twice?</textarea>" in html
    assert list(Feedback.objects.values_list("body", flat=True)) == ["Released once."]
    assert Notification.objects.count() == 1 and len(mailoutbox) == 1
    # The kept text goes in as further feedback.
    assert 'name="feedback" id="id_feedback"' in html and f'value="{released.pk}"' not in html


def test_a_trainer_may_add_further_feedback_after_releasing(client, trainer, author, mailoutbox, committed):
    reflection = make_submission(trainer=trainer, author=author)
    client.force_login(trainer)
    with committed():
        post_feedback(client, reflection, "First.", action="release")
    html = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id])).content.decode()
    assert "Further feedback" in html

    with committed():
        post_feedback(client, reflection, "And another thing.", action="release")

    assert Feedback.objects.filter(released_at__isnull=False).count() == 2
    assert Notification.objects.count() == 2 and len(mailoutbox) == 2


def test_empty_feedback_is_refused(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    client.force_login(trainer)
    response = post_feedback(client, reflection, "   ", action="release")
    assert response.status_code == 400
    assert "Write some feedback first." in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_markdown_is_sanitised_for_both_readers(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    body = "<script>alert('x')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> **ok**"
    give_feedback(reflection, trainer, body, release=True)
    for reader, url in (
        (trainer, reverse("trainer:reflection_detail", args=[reflection.public_id])),
        (author, reflection.get_absolute_url()),
    ):
        client.force_login(reader)
        html = client.get(url).content.decode()
        assert "<strong>ok</strong>" in html
        assert "<script>alert" not in html
        assert "javascript:" not in html
        assert "onerror" not in html


def test_feedback_on_a_draft_reflection_is_refused(client, trainer, author):
    never_submitted = make_submission(trainer=trainer, author=author, submit=False)
    client.force_login(trainer)
    assert post_feedback(client, never_submitted, "Too early.").status_code == 404
    assert not Feedback.objects.exists()


# Reopening for revision


def test_reopening_sends_the_reflection_back_with_a_note(client, trainer, author, mailoutbox, committed):
    reflection = make_submission(trainer=trainer, author=author, title="My visit")
    client.force_login(trainer)

    with committed():
        response = client.post(
            reverse("trainer:reflection_reopen", args=[reflection.public_id]),
            {"note": "Please take out the <b>email</b> address.", "version": reflection.version},
        )

    assert response.status_code == 302 and response["Location"] == reverse("trainer:dashboard")
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.DRAFT
    assert reflection.version == 3 and reflection.reopened_at is not None and reflection.submitted_at is not None
    assert reflection.reopen_note == "Please take out the <b>email</b> address."
    assert "was sent back to Pat Jones for revision" in client.get(response["Location"]).content.decode()
    # The trainer cannot read a draft, even one they reopened.
    assert client.get(reverse("trainer:reflection_detail", args=[reflection.public_id])).status_code == 404
    notification = Notification.objects.get()
    assert notification.kind == NotificationKind.REOPENED
    assert notification.key == f"reopened:{reflection.pk}:3"
    assert notification.link == reverse("reflections:reflection_edit", args=[reflection.public_id])
    assert len(mailoutbox) == 1 and SECRET not in mailoutbox[0].body and "email" not in mailoutbox[0].subject

    client.force_login(author)
    for url in (reflection.get_absolute_url(), reverse("reflections:reflection_edit", args=[reflection.public_id])):
        html = client.get(url).content.decode()
        assert "Sent back for revision" in html
        assert "Please take out the &lt;b&gt;email&lt;/b&gt; address." in html
    listing = client.get(reverse("reflections:reflection_list")).content.decode()
    assert "Draft, sent back for revision" in listing


def test_a_reopened_reflection_is_submitted_again_and_read_again(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    give_feedback(reflection, trainer, "Released before.", release=True)
    reflection_reopen(reflection=reflection, by=trainer, note="Revise the plan.")

    reflection_submit(reflection=reflection, by=author, version=reflection.version)

    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.SUBMITTED and reflection.reopened_at is not None
    client.force_login(trainer)
    html = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id])).content.decode()
    assert "then submitted again" in html and "Released before." in html
    client.force_login(author)
    page = detail(client, reflection)
    assert "It was sent back for revision" in page and "Released before." in page
    assert "sent back for revision</td>" not in client.get(reverse("reflections:reflection_list")).content.decode()


def test_reopening_needs_a_note(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    client.force_login(trainer)
    response = client.post(
        reverse("trainer:reflection_reopen", args=[reflection.public_id]), {"note": "  ", "version": 2}
    )
    assert response.status_code == 400
    assert "Say what to revise" in response.content.decode()
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.SUBMITTED and not Notification.objects.exists()


def test_reopening_twice_says_it_was_already_sent_back(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    client.force_login(trainer)
    url = reverse("trainer:reflection_reopen", args=[reflection.public_id])
    client.post(url, {"note": "First.", "version": 2})
    response = client.post(url, {"note": "Second.", "version": 2}, follow=True)
    assert "was already sent back for revision on" in response.content.decode()
    reflection.refresh_from_db()
    assert reflection.reopen_note == "First." and Notification.objects.count() == 1


# Stale forms: nothing lost


def test_feedback_posted_after_the_reflection_was_reopened_keeps_the_text(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    version = reflection.version
    reflection_reopen(reflection=reflection, by=trainer, note="Revise.")
    client.force_login(trainer)

    response = client.post(
        reverse("trainer:feedback_save", args=[reflection.public_id]),
        {"body": "My careful feedback.", "version": version, "action": "release"},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "was sent back to Pat Jones for revision on" in html
    assert ">\nMy careful feedback.</textarea>" in html
    assert SECRET not in html
    assert not Feedback.objects.exists()


def test_feedback_posted_after_a_resubmission_keeps_the_text_and_shows_the_new_text(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    old_version = reflection.version
    reflection_reopen(reflection=reflection, by=trainer, note="Revise.")
    reflection_submit(reflection=reflection, by=author, version=reflection.version)
    reflection.refresh_from_db()
    client.force_login(trainer)

    response = client.post(
        reverse("trainer:feedback_save", args=[reflection.public_id]),
        {"body": "Written for the old text.", "version": old_version, "action": "save"},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "submitted again after you opened the page" in html
    assert ">\nWritten for the old text.</textarea>" in html
    assert f'name="version" value="{reflection.version}"' in html
    assert not Feedback.objects.exists()


# Practitioner's side: export and account deletion


def test_export_json_has_released_feedback_only(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author, title="My visit")
    give_feedback(reflection, trainer, "Released words.", release=True)
    co_trainer = make_user("ted", role="Trainers")
    reflection.assignment.cohort.trainers.add(co_trainer)
    give_feedback(reflection, co_trainer, "Draft words.")
    client.force_login(author)

    exported = client.get(reverse("reflections:export_json")).json()["feedback_received"]

    assert len(exported) == 1
    assert exported[0]["reflection"] == str(reflection.public_id)
    assert exported[0]["reflection_title"] == "My visit"
    assert exported[0]["from"] == "tess" and exported[0]["text"] == "Released words."
    assert exported[0]["released_at"]


def test_deleting_the_authors_account_deletes_the_feedback_they_received(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    give_feedback(reflection, trainer, "Gone with it.", release=True)
    client.force_login(author)
    response = client.post(reverse("accounts:account_delete"), {"password": "pw"})
    assert response.status_code == 302
    assert not Reflection.objects.exists() and not Feedback.objects.exists()


def test_a_trainer_leaving_keeps_their_feedback_on_others_reflections(client, trainer, author):
    reflection = make_submission(trainer=trainer, author=author)
    give_feedback(reflection, trainer, "Still useful.", release=True)
    client.force_login(trainer)
    client.post(reverse("accounts:account_delete"), {"password": "pw"})

    feedback = Feedback.objects.get()
    assert feedback.author is None and feedback.body == "Still useful."
    client.force_login(author)
    page = detail(client, reflection)
    assert "Still useful." in page and "From a trainer who has since left" in page


# Query counts


@pytest.mark.parametrize("size", [1, 30])
def test_the_read_page_costs_the_same_with_1_or_30_answers_and_feedback(
    client, trainer, author, django_assert_num_queries, size
):
    reflection = make_submission(
        trainer=trainer,
        author=author,
        prompts=size,
        answers=dict.fromkeys(range(1, size + 1), "Text sent to sam@example.org, suffering from it."),
    )
    LanguageGuide.objects.create(phrase="suffering from", preferred="living with", why="Recovery language.")
    for number in range(size):
        Feedback.objects.create(
            reflection=reflection, author=trainer, body=f"Note {number}", released_at="2026-01-01T10:00Z"
        )
    client.force_login(trainer)
    client.get(reverse("trainer:dashboard"))  # sessions and permissions warm up the same way for both sizes

    with django_assert_num_queries(5):  # the session with the trainer (recovery_portal.signed_in) among them
        response = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id]))

    assert response.status_code == 200
    assert response.content.decode().count('class="answer"') == size
    assert response.content.decode().count('class="feedback-item') == size
    assert "Details that could identify someone (1)" in response.content.decode()
    assert response.content.decode().count('class="finding finding-language"') == 1  # one piece of advice


@pytest.mark.parametrize("size", [1, 30])
def test_the_authors_reflection_page_costs_the_same_with_1_or_30_feedback(
    client, trainer, author, django_assert_num_queries, size
):
    reflection = make_submission(trainer=trainer, author=author)
    for number in range(size):
        Feedback.objects.create(
            reflection=reflection, author=trainer, body=f"Note {number}", released_at="2026-01-01T10:00Z"
        )
    client.force_login(author)

    # With the header's permissions (for its "Trainer pages" link) and unread notifications count.
    with django_assert_num_queries(4):
        response = client.get(reflection.get_absolute_url())

    assert response.content.decode().count('class="feedback-item') == size


# The dashboard's "Waiting for feedback"


def test_the_dashboard_lists_submissions_waiting_for_feedback(client, trainer, author):
    waiting = make_submission(trainer=trainer, author=author, title="Waiting one")
    answered = make_submission(trainer=trainer, author=author, title="Answered one")
    give_feedback(answered, trainer, "Done.", release=True)
    drafted = make_submission(trainer=trainer, author=author, title="Drafted one")
    give_feedback(drafted, trainer, "Not yet released.")
    make_submission(trainer=trainer, author=author, title="Still a draft", submit=False)
    make_submission(trainer=make_user("olga", role="Trainers"), author=author, title="Elsewhere")
    client.force_login(trainer)

    html = client.get(reverse("trainer:dashboard")).content.decode()

    assert f'href="{reverse("trainer:reflection_detail", args=[waiting.public_id])}">Waiting one</a>' in html
    assert "Drafted one" in html
    for title in ("Answered one", "Still a draft", "Elsewhere"):
        assert title not in html
    assert html.index("Drafted one") < html.index("Waiting one")  # newest first


@pytest.mark.parametrize("size", [1, WAITING_SHOWN + 5])
def test_the_waiting_list_costs_the_same_and_stops_at_20(client, trainer, author, django_assert_num_queries, size):
    cohort = make_cohort(trainers=[trainer], members=[author])
    for _ in range(size):
        make_submission(trainer=trainer, author=author, cohort=cohort)
    client.force_login(trainer)
    client.get(reverse("trainer:dashboard"))

    with django_assert_num_queries(4):  # the session with the trainer (recovery_portal.signed_in) among them
        response = client.get(reverse("trainer:dashboard"))

    assert response.content.decode().count("Hope in practice; submitted") == min(size, WAITING_SHOWN)


def test_answers_are_shown_as_plain_text_escaped(client, trainer, author):
    reflection = make_submission(
        trainer=trainer, author=author, answers={1: "<script>alert(1)</script> *not markdown*\n\nNext part."}
    )
    client.force_login(trainer)
    html = client.get(reverse("trainer:reflection_detail", args=[reflection.public_id])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *not markdown*</p>\n\n<p>Next part.</p>" in html
    assert "<script>alert(1)" not in html
