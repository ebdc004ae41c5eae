"""Item 8: a reflection is its author's. Every private URL, tried by everyone who might try it."""

import re
import uuid

import pytest
from django.urls import reverse

from tests.factories import make_reflection

pytestmark = pytest.mark.django_db

SECRET = "Words only the author may read"

# (name, method, URL name, URL arguments ("reflection" or "version" stand for the author's), data)
REFLECTION_URLS = [
    ("read", "get", "reflections:reflection_detail", ["reflection"], None),
    ("edit", "get", "reflections:reflection_edit", ["reflection"], None),
    ("save", "post", "reflections:reflection_edit", ["reflection"], {"version": 1, "answer_1": "Changed"}),
    ("autosave", "post", "reflections:reflection_autosave", ["reflection"], {"version": 1, "answer_1": "Changed"}),
    ("review", "get", "reflections:reflection_submit", ["reflection"], None),
    ("submit", "post", "reflections:reflection_submit", ["reflection"], {"version": 1, "confirm": "1"}),
    ("versions", "get", "reflections:version_list", ["reflection"], None),
    ("version", "get", "reflections:version_detail", ["reflection", "version"], None),
    ("restore", "post", "reflections:version_restore", ["reflection", "version"], {"version": 1}),
]
# What the author gets; anyone else logged in gets 404, exactly as for a reflection that does not exist.
AUTHOR_GETS = {
    "read": 200,
    "edit": 200,
    "save": 302,
    "autosave": 200,
    "review": 200,
    "submit": 302,
    "versions": 200,
    "version": 200,
    "restore": 302,
}
# Nobody logged in: the login page, except for the script's autosave, which gets 403 JSON.
ANONYMOUS_GETS = {name: 302 for name in AUTHOR_GETS} | {"autosave": 403}

# Pages about "my" things: each logged-in person gets their own.
OWN_PAGES = [
    "reflections:reflection_list",
    "reflections:reflection_new",
    "reflections:cpd_record",
    "reflections:cpd_csv",
    "reflections:export_json",
    "accounts:account_delete",
]

WHO = ["anonymous", "author", "another practitioner", "trainer with no cohort", "curator"]


@pytest.fixture
def people(practitioner, other_practitioner, trainer, curator):
    return {
        "anonymous": None,
        "author": practitioner,
        "another practitioner": other_practitioner,
        "trainer with no cohort": trainer,
        "curator": curator,
    }


@pytest.fixture
def written(practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, answers={1: SECRET})
    return {"reflection": reflection.public_id, "version": reflection.versions.get().pk}


def without_tokens(response):
    """The page as a reader sees it: the CSRF token in the logout form differs on every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def expected(who, name):
    if who == "anonymous":
        return ANONYMOUS_GETS[name]
    return AUTHOR_GETS[name] if who == "author" else 404


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    "name, method, url_name, args, data", REFLECTION_URLS, ids=[row[0] for row in REFLECTION_URLS]
)
def test_a_reflection_is_its_authors_alone(client, people, written, who, name, method, url_name, args, data):
    if people[who]:
        client.force_login(people[who])
    url = reverse(url_name, args=[written[arg] for arg in args])

    response = getattr(client, method)(url, data or {})

    assert response.status_code == expected(who, name), f"{who} {method.upper()} {url}"
    assert response.status_code != 403 or (who == "anonymous" and name == "autosave")
    if who != "author":
        assert SECRET not in response.content.decode()
    if who == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    if who == "author":
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", WHO[2:])
def test_someone_elses_reflection_looks_exactly_like_one_that_does_not_exist(client, people, written, who):
    client.force_login(people[who])

    theirs = client.get(reverse("reflections:reflection_detail", args=[written["reflection"]]))
    nobodys = client.get(reverse("reflections:reflection_detail", args=[uuid.uuid4()]))

    assert theirs.status_code == nobodys.status_code == 404
    assert without_tokens(theirs) == without_tokens(nobodys)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("url_name", OWN_PAGES)
def test_my_own_pages_need_a_login_and_never_show_anyone_elses_writing(client, people, written, who, url_name):
    if people[who]:
        client.force_login(people[who])

    response = client.get(reverse(url_name))

    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
        return
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert (SECRET in response.content.decode()) == (who == "author" and url_name == "reflections:export_json")


def test_private_pages_are_never_served_from_the_page_cache(client, settings, practitioner, gibbs):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Before"})
    client.force_login(practitioner)
    client.get(reflection.get_absolute_url())
    client.post(
        reverse("reflections:reflection_autosave", args=[reflection.public_id]), {"version": 1, "answer_1": "After"}
    )

    response = client.get(reflection.get_absolute_url())

    assert "After" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
