"""Who may open what: every /reflections/, /trainer/ and /notifications/ URL × everyone who might try it.

The one place the whole access matrix is stated (issue 10 "Access, stated as a matrix", issue 9 item 8).
The rules it holds the site to:

- Nobody logged in is sent to the login page (the autosave script gets 403 JSON {"error": "login"}).
- A reflection is its author's. A trainer reads it only at /trainer/reflections/<uuid>/, and only once it is
  submitted for an assignment of a cohort they run. Anyone else gets 404, the same page as for an id or UUID
  that does not exist (never 403), so that ids and UUIDs reveal nothing.
- Someone who is not a trainer gets the 403 "For trainers only" page on the trainer pages that are about no
  one object (home, cohorts, new cohort, exercises, new exercise, the readings search), and 404 on the rest.
- A refused request changes nothing and sends no email; the pages people may see send Cache-Control: no-store.

Each test builds the world afresh, then tries one URL as each person: first those refused, then those
allowed, so that an allowed change (a submit, a release) never hides what a refusal did.
"""

import json
import re
import uuid
from datetime import date, timedelta
from typing import NamedTuple
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from reflections import peer
from reflections.models import Invitation, Notification, NotificationKind, ReflectiveModel
from tests.factories import make_assignment, make_cohort, make_exercise, make_reflection, make_user

pytestmark = pytest.mark.django_db

# The people who try each URL (the columns of the matrix).
ANON = "anonymous"
AUTHOR = "the author"  # a practitioner in the cohort, who wrote the reflections
PEER = "a classmate"  # another practitioner in the same cohort
ALONE = "a practitioner in no cohort"
TRAINER = "the cohort's trainer"
OTHER = "a trainer of another cohort"  # who runs a cohort of their own
IDLE = "a trainer with no cohort"
CURATOR = "a curator"  # staff, in Curators
SUPER = "a superuser"  # holds every permission (so passes as a trainer), runs no cohort
PEOPLE = (ANON, AUTHOR, PEER, ALONE, TRAINER, OTHER, IDLE, CURATOR, SUPER)

# What a cell expects, besides a plain status (200, or a 302 that is not to the login page).
LOGIN = "login"  # 302 to /accounts/login/?next=<this URL>
JSON_LOGIN = "json login"  # 403 JSON {"error": "login"}: the autosave script keeps the text and says so
TRAINERS_ONLY = 403  # the "For trainers only" page
GONE = 404  # exactly the page (or JSON) for an id or UUID that does not exist

DRAFT_TEXT = "Words of a draft that only its author may read"
SUBMITTED_TEXT = "Words submitted for the cohort's trainer to read"


class Request(NamedTuple):
    method: str
    url_name: str
    args: tuple = ()  # names of the world's objects, e.g. "submitted" (a UUID) or "cohort" (an id)
    query: tuple = ()  # (parameter, name of the world's object)
    data: object = None  # a function of the world: the form posted
    private: bool = True  # never kept by a browser or a cache: no-store for those who may see it


def _later():
    return (timezone.localdate() + timedelta(days=30)).isoformat()


REQUESTS = {
    # /reflections/: my own pages, then the public ones, then one reflection (the author's)
    "my reflections": Request("get", "reflections:reflection_list"),
    "new reflection": Request("get", "reflections:reflection_new"),
    "new, for an exercise": Request("get", "reflections:reflection_new", query=(("exercise", "exercise_slug"),)),
    "new, for an assignment": Request("get", "reflections:reflection_new", query=(("assignment", "open"),)),
    "save a new page onto a UUID": Request(
        "post",
        "reflections:reflection_new",
        data=lambda w: {"public_id": w["draft"], "version": w["draft_version"], "answer_1": "Taken over"},
    ),
    "CPD record": Request("get", "reflections:cpd_record"),
    "CPD as CSV": Request("get", "reflections:cpd_csv"),
    "export.json": Request("get", "reflections:export_json"),
    "exercises": Request("get", "reflections:exercise_list", private=False),
    "an exercise": Request("get", "reflections:exercise_detail", ("exercise_slug",), private=False),
    "a draft exercise": Request("get", "reflections:exercise_detail", ("draft_exercise_slug",), private=False),
    "peer's link": Request("get", "reflections:peer_confirm", ("peer_token",)),
    "invitation link": Request("get", "reflections:invitation_accept", ("invitation_token",)),
    "reflection page": Request("get", "reflections:reflection_detail", ("submitted",)),
    "draft page": Request("get", "reflections:reflection_detail", ("draft",)),
    "edit page": Request("get", "reflections:reflection_edit", ("draft",)),
    "save draft": Request(
        "post",
        "reflections:reflection_edit",
        ("draft",),
        data=lambda w: {"version": w["draft_version"], "answer_1": "Changed"},
    ),
    "autosave": Request(
        "post",
        "reflections:reflection_autosave",
        ("draft",),
        data=lambda w: {"version": w["draft_version"], "answer_1": "Changed"},
    ),
    "submit page": Request("get", "reflections:reflection_submit", ("draft",)),
    "submit": Request(
        "post",
        "reflections:reflection_submit",
        ("draft",),
        data=lambda w: {"version": w["draft_version"], "confirm": "1"},
    ),
    "versions": Request("get", "reflections:version_list", ("draft",)),
    "a version": Request("get", "reflections:version_detail", ("draft", "version")),
    "restore a version": Request(
        "post", "reflections:version_restore", ("draft", "version"), data=lambda w: {"version": w["draft_version"]}
    ),
    "ask a peer": Request(
        "post", "reflections:peer_request", ("submitted",), data=lambda w: {"email": "peer@example.org"}
    ),
    # /trainer/: the pages about no one object
    "trainer home": Request("get", "trainer:dashboard"),
    "cohorts": Request("get", "trainer:cohort_list"),
    "new cohort": Request("get", "trainer:cohort_create"),
    "make a cohort": Request("post", "trainer:cohort_create", data=lambda w: {"name": "A cohort of my own"}),
    "my exercises": Request("get", "trainer:exercise_list"),
    "new exercise": Request("get", "trainer:exercise_create"),
    "write an exercise": Request("post", "trainer:exercise_create", data=lambda w: exercise_form(w, title="Mine")),
    "readings search": Request("get", "trainer:reading_autocomplete", query=(("q", "reading_query"),)),
    # /trainer/: one cohort (the trainer's), one exercise (the trainer's), one reflection (the author's)
    "progress grid": Request("get", "trainer:cohort_detail", ("cohort",)),
    "progress CSV": Request("get", "trainer:cohort_csv", ("cohort",)),
    "members": Request("get", "trainer:cohort_members", ("cohort",)),
    "add a member": Request(
        "post", "trainer:cohort_member_add", ("cohort",), data=lambda w: {"member-person": w["alone_username"]}
    ),
    "remove a member": Request("post", "trainer:cohort_member_remove", ("cohort", "peer_id")),
    "add a trainer": Request(
        "post", "trainer:cohort_trainer_add", ("cohort",), data=lambda w: {"trainer-person": w["idle_username"]}
    ),
    "assign page": Request("get", "trainer:assignment_create", ("cohort",)),
    "assign": Request(
        "post",
        "trainer:assignment_create",
        ("cohort",),
        data=lambda w: {"exercise": w["exercise_id"], "due_date": _later(), "due_time": "17:00"},
    ),
    "an assignment": Request("get", "trainer:assignment_detail", ("cohort", "assignment")),
    "give an extension": Request(
        "post",
        "trainer:assignment_extension",
        ("cohort", "assignment"),
        data=lambda w: {"person": w["author_username"], "due_date": _later(), "due_time": "17:00"},
    ),
    "exercise edit page": Request("get", "trainer:exercise_edit", ("draft_exercise",)),
    "edit an exercise": Request(
        "post",
        "trainer:exercise_edit",
        ("draft_exercise",),
        data=lambda w: exercise_form(w, title="Renamed", editing=True),
    ),
    "read a submission": Request("get", "trainer:reflection_detail", ("submitted",)),
    "read a draft": Request("get", "trainer:reflection_detail", ("draft",)),
    "save feedback": Request(
        "post",
        "trainer:feedback_save",
        ("submitted",),
        data=lambda w: {"body": "A draft.", "version": w["submitted_version"], "action": "save"},
    ),
    "release feedback": Request(
        "post",
        "trainer:feedback_save",
        ("submitted",),
        data=lambda w: {"body": "Well done.", "version": w["submitted_version"], "action": "release"},
    ),
    "feedback on a draft": Request(
        "post",
        "trainer:feedback_save",
        ("draft",),
        data=lambda w: {"body": "Too soon.", "version": w["draft_version"], "action": "release"},
    ),
    "send back": Request(
        "post",
        "trainer:reflection_reopen",
        ("submitted",),
        data=lambda w: {"note": "Please revise.", "version": w["submitted_version"]},
    ),
    "send back a draft": Request(
        "post",
        "trainer:reflection_reopen",
        ("draft",),
        data=lambda w: {"note": "Please revise.", "version": w["draft_version"]},
    ),
    # /notifications/: everyone's own, and one of the author's
    "notifications": Request("get", "notifications:notification_list"),
    "email settings": Request("get", "notifications:email_settings"),
    "save email settings": Request("post", "notifications:email_settings", data=lambda w: {"email": ["feedback"]}),
    "mark all read": Request("post", "notifications:notification_read_all"),
    "open a notification": Request("get", "notifications:notification_open", ("notification",)),
    "mark one read": Request("post", "notifications:notification_read", ("notification",)),
}

# fmt: off
MATRIX = [
    # request                      ANON        AUTHOR PEER   ALONE  TRAINER OTHER  IDLE   CURATOR SUPER
    ("my reflections",             LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("new reflection",             LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("new, for an exercise",       LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("new, for an assignment",     LOGIN,      200,   200,   GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("save a new page onto a UUID", LOGIN,     302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("CPD record",                 LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("CPD as CSV",                 LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("export.json",                LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("exercises",                  200,        200,   200,   200,   200,    200,   200,   200,    200),
    ("an exercise",                200,        200,   200,   200,   200,    200,   200,   200,    200),
    # Drafts of exercises are previewed by those who may change exercises (curators); trainers on their own pages.
    ("a draft exercise",           GONE,       GONE,  GONE,  GONE,  GONE,   GONE,  GONE,  200,    200),
    # The links are the keys: a peer and an invited person need no account.
    ("peer's link",                200,        200,   200,   200,   200,    200,   200,   200,    200),
    ("invitation link",            200,        200,   200,   200,   200,    200,   200,   200,    200),
    ("reflection page",            LOGIN,      200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("draft page",                 LOGIN,      200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("edit page",                  LOGIN,      200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("save draft",                 LOGIN,      302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("autosave",                   JSON_LOGIN, 200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("submit page",                LOGIN,      200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("submit",                     LOGIN,      302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("versions",                   LOGIN,      200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("a version",                  LOGIN,      200,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("restore a version",          LOGIN,      302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("ask a peer",                 LOGIN,      302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    # Trainer pages about no one object: the "For trainers only" page for anyone without the permission.
    ("trainer home",               LOGIN,      403,   403,   403,   200,    200,   200,   403,    200),
    ("cohorts",                    LOGIN,      403,   403,   403,   200,    200,   200,   403,    200),
    ("new cohort",                 LOGIN,      403,   403,   403,   200,    200,   200,   403,    200),
    ("make a cohort",              LOGIN,      403,   403,   403,   302,    302,   302,   403,    302),
    ("my exercises",               LOGIN,      403,   403,   403,   200,    200,   200,   403,    200),
    ("new exercise",               LOGIN,      403,   403,   403,   200,    200,   200,   403,    200),
    ("write an exercise",          LOGIN,      403,   403,   403,   302,    302,   302,   403,    302),
    ("readings search",            LOGIN,      403,   403,   403,   200,    200,   200,   403,    200),
    # The trainer's cohort and exercise: theirs alone.
    ("progress grid",              LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("progress CSV",               LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("members",                    LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("add a member",               LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("remove a member",            LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("add a trainer",              LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("assign page",                LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("assign",                     LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("an assignment",              LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("give an extension",          LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("exercise edit page",         LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("edit an exercise",           LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    # The author's reflections on the trainer pages: the submitted one for its cohort's trainer, never a draft.
    ("read a submission",          LOGIN,      GONE,  GONE,  GONE,  200,    GONE,  GONE,  GONE,   GONE),
    ("read a draft",               LOGIN,      GONE,  GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("save feedback",              LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("release feedback",           LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("feedback on a draft",        LOGIN,      GONE,  GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("send back",                  LOGIN,      GONE,  GONE,  GONE,  302,    GONE,  GONE,  GONE,   GONE),
    ("send back a draft",          LOGIN,      GONE,  GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    # Notifications: everyone's own; one of the author's is theirs alone.
    ("notifications",              LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("email settings",             LOGIN,      200,   200,   200,   200,    200,   200,   200,    200),
    ("save email settings",        LOGIN,      302,   302,   302,   302,    302,   302,   302,    302),
    ("mark all read",              LOGIN,      302,   302,   302,   302,    302,   302,   302,    302),
    ("open a notification",        LOGIN,      302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
    ("mark one read",              LOGIN,      302,   GONE,  GONE,  GONE,   GONE,  GONE,  GONE,   GONE),
]
# fmt: on

# What stands in for each of the world's objects in the URL of one that does not exist.
MISSING = {
    "submitted": uuid.UUID("00000000-0000-4000-8000-000000000000"),
    "draft": uuid.UUID("00000000-0000-4000-8000-000000000001"),
    "version": 999_999_999,
    "cohort": 999_999_999,
    "peer_id": 999_999_999,
    "assignment": 999_999_999,
    "draft_exercise": 999_999_999,
    "draft_exercise_slug": "no-such-exercise",
    "notification": 999_999_999,
    "open": 999_999_999,
}

# Every row that changes state, so that a refusal can be shown to change nothing.
WATCHED_MODELS = [
    "reflections.Reflection",
    "reflections.Answer",
    "reflections.ReflectionVersion",
    "reflections.Feedback",
    "reflections.PeerConfirmation",
    "reflections.Cohort",
    "reflections.Invitation",
    "reflections.Assignment",
    "reflections.Extension",
    "reflections.Notification",
    "reflections.EmailOptOut",
    "reflections.Exercise",
    "reflections.Prompt",
]


def snapshot():
    from reflections.models import Cohort

    tables = [list(apps.get_model(name).objects.order_by("pk").values()) for name in WATCHED_MODELS]
    memberships = [
        sorted(through.objects.values_list("cohort_id", "user_id"))
        for through in (Cohort.members.through, Cohort.trainers.through)
    ]
    return tables + memberships


def exercise_form(world, *, title, editing=False):
    """The trainer's exercise form as the page posts it, with one question: a new exercise's, or the draft's."""
    return {
        "action": "save",
        "title": title,
        "summary": "A short summary.",
        "instructions": "Think of a recent visit.",
        "reflective_model": world["model_id"],
        "estimated_minutes": "20",
        "status": "draft",
        "updated": world["draft_exercise_updated"] if editing else "",
        "reading_q": "",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "1" if editing else "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "25",
        "questions-0-id": world["draft_exercise_prompt"] if editing else "",
        "questions-0-stage": "",
        "questions-0-position": "1",
        "questions-0-text": "What happened?",
        "questions-0-guidance": "",
    }


@pytest.fixture
def world():
    """The author and a classmate in the trainer's cohort, with a submitted reflection and a draft; a trainer
    running another cohort; a trainer, a practitioner, a curator and a superuser belonging to none."""
    author = make_user("pat", role="Practitioners", first_name="Pat", last_name="Jones", email="pat@example.org")
    classmate = make_user("sam", role="Practitioners", email="sam@example.org")
    alone = make_user("oz", role="Practitioners", email="oz@example.org")
    trainer = make_user("tess", role="Trainers", email="tess@example.org")
    other = make_user("olga", role="Trainers", email="olga@example.org")
    idle = make_user("ivy", role="Trainers", email="ivy@example.org")
    curator = make_user("cora", role="Curators", is_staff=True, email="cora@example.org")
    superuser = get_user_model().objects.create_superuser("root", email="root@example.org", password="pw")

    model = ReflectiveModel.objects.get_or_create(slug="plain", defaults={"name": "Plain"})[0]
    exercise = make_exercise(reflective_model=model, prompts=["What happened?"], author=trainer)
    draft_exercise = make_exercise(
        reflective_model=model, prompts=["What happened?"], author=trainer, status="draft", title="Not yet"
    )
    cohort = make_cohort(trainers=[trainer], members=[author, classmate])
    handed_in = make_assignment(exercise=exercise, cohort=cohort)
    writing = make_assignment(exercise=exercise, cohort=cohort)
    open_ = make_assignment(exercise=exercise, cohort=cohort)
    theirs = make_cohort(trainers=[other], members=[make_user("mia", role="Practitioners")])
    make_assignment(exercise=exercise, cohort=theirs)

    submitted = make_reflection(
        author=author,
        reflective_model=model,
        exercise=exercise,
        assignment=handed_in,
        answers={1: SUBMITTED_TEXT},
        submit=True,
        is_cpd=True,
        cpd_type="Reflection on practice",
        cpd_title="A home visit",
        cpd_date=date(2026, 3, 14),
        peer_reflection="My supervisor helped me see it.",
    )
    draft = make_reflection(
        author=author, reflective_model=model, exercise=exercise, assignment=writing, answers={1: DRAFT_TEXT}
    )
    confirmation = submitted.peer_confirmations.create(email="peer@example.org")
    invitation = Invitation.objects.create(
        cohort=cohort, email="new@example.org", invited_by=trainer, expires_at=timezone.now() + timedelta(days=7)
    )
    notification = Notification.objects.create(
        recipient=author,
        kind=NotificationKind.FEEDBACK,
        message="You have feedback.",
        link=submitted.get_absolute_url(),
    )
    return {
        "people": {
            ANON: None,
            AUTHOR: author,
            PEER: classmate,
            ALONE: alone,
            TRAINER: trainer,
            OTHER: other,
            IDLE: idle,
            CURATOR: curator,
            SUPER: superuser,
        },
        "submitted": submitted.public_id,
        "submitted_version": submitted.version,
        "draft": draft.public_id,
        "draft_version": draft.version,
        "version": draft.versions.get().pk,
        "cohort": cohort.pk,
        "assignment": handed_in.pk,
        "open": open_.pk,
        "peer_id": classmate.pk,
        "exercise_id": exercise.pk,
        "exercise_slug": exercise.slug,
        "draft_exercise": draft_exercise.pk,
        "draft_exercise_slug": draft_exercise.slug,
        "draft_exercise_updated": draft_exercise.updated.isoformat(),
        "draft_exercise_prompt": draft_exercise.prompts.get().pk,
        "model_id": model.pk,
        "notification": notification.pk,
        "peer_token": peer.make_token(confirmation),
        "invitation_token": invitation.token,
        "reading_query": "recovery",
        "author_username": author.username,
        "alone_username": alone.username,
        "idle_username": idle.username,
    }


def url_of(request, values):
    url = reverse(request.url_name, args=[values[name] for name in request.args])
    if request.query:
        url += "?" + "&".join(f"{parameter}={values[name]}" for parameter, name in request.query)
    return url


def send(client, request, url, world):
    data = request.data(world) if request.data else {}
    return getattr(client, request.method)(url, data)


def as_seen(response):
    """The page as its reader sees it: the CSRF token in the logout form differs on every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def allowed(expected):
    return expected in (200, 302)


def in_order(row):
    """The people refused first, then those allowed, so that a change allowed cannot hide a refusal's."""
    cells = dict(zip(PEOPLE, row[1:], strict=True))
    return sorted(cells.items(), key=lambda cell: allowed(cell[1]))


def may_read(who, text):
    return who == AUTHOR or (who == TRAINER and text == SUBMITTED_TEXT)


def check_gone(client, request, response, world, who):
    """The 404 is the very page (or JSON) given for an object that does not exist."""
    assert response.status_code == 404, who
    if any(name in MISSING for name in (*request.args, *(name for _, name in request.query))):
        missing_url = url_of(request, {**world, **MISSING})
        nobodys = send(client, request, missing_url, world)
    else:  # what identifies the object is in the form posted (a new page's UUID)
        nobodys = client.get(reverse("reflections:reflection_detail", args=[MISSING["draft"]]))
    assert nobodys.status_code == 404, who
    assert as_seen(response) == as_seen(nobodys), who


@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_the_access_matrix(client, world, row, django_capture_on_commit_callbacks, mailoutbox):
    request = REQUESTS[row[0]]
    url = url_of(request, world)

    before = snapshot()  # refusals come first and change nothing, so this stays the state until the first allowed
    for who, expected in in_order(row):
        client.cookies.clear()  # a new visitor (quicker than logging out)
        if world["people"][who] is not None:
            client.force_login(world["people"][who])
        sent = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = send(client, request, url, world)

        cell = f"{row[0]}: {who} {request.method.upper()} {url}"
        body = response.content.decode()
        if expected == LOGIN:
            assert response.status_code == 302, cell
            assert response["Location"] == f"/accounts/login/?next={quote(url, safe='/')}", cell
        elif expected == JSON_LOGIN:
            assert response.status_code == 403, cell
            assert json.loads(body)["error"] == "login", cell
        elif expected == TRAINERS_ONLY:
            assert response.status_code == 403, cell
            assert "For trainers only" in body, cell
        elif expected == GONE:
            check_gone(client, request, response, world, cell)
        else:
            assert response.status_code == expected, cell
            if expected == 302:
                assert not response["Location"].startswith("/accounts/login/"), cell
        if request.private and expected not in (LOGIN, JSON_LOGIN, GONE):
            assert "no-store" in response["Cache-Control"], cell
        for text in (DRAFT_TEXT, SUBMITTED_TEXT):
            assert text not in body or may_read(who, text), cell
        if not allowed(expected):  # a refusal changes nothing and sends nothing
            assert snapshot() == before, cell
            assert len(mailoutbox) == sent and callbacks == [], cell


def test_the_matrix_states_every_url_for_every_person():
    assert [row[0] for row in MATRIX] == list(REQUESTS)
    assert all(len(row) == 1 + len(PEOPLE) for row in MATRIX)
    stated = {request.url_name for request in REQUESTS.values()}
    resolver = get_resolver()
    every = set()
    for prefix in ("reflections", "trainer", "notifications"):
        every |= {f"{prefix}:{name}" for name in _names(resolver.namespace_dict[prefix][1])}
    assert every == stated


def _names(resolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name
