"""Item 4: saved versions, thinned to one per few minutes (about 20 kept), viewable and restorable."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse

from reflections.models import ReflectionVersion
from reflections.services import LARGE_DELETION, VERSION_INTERVAL, VERSIONS_KEPT, StaleVersion, reflection_save
from tests.factories import make_reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(practitioner, gibbs):
    return make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Start"})


def save(reflection, text, page="", **more):
    reflection.refresh_from_db()
    return reflection_save(
        reflection=reflection,
        by=reflection.author,
        version=reflection.version,
        values={"answer_1": text, **more},
        page=page,
    )


def later():
    """Move every snapshot back past the interval, as if the writer had paused."""
    ReflectionVersion.objects.update(started=F("started") - VERSION_INTERVAL - timedelta(seconds=1))


def texts(reflection):
    return [version.fields["answer_1"] for version in reflection.versions.all()]


def test_saves_within_a_few_minutes_share_one_snapshot_that_follows_the_text(draft):
    for word in ("Start.", "Start. More.", "Start. More. Most."):
        save(draft, word)

    assert texts(draft) == ["Start. More. Most."]


def test_after_a_pause_a_new_snapshot_begins_and_the_old_one_stays(draft):
    save(draft, "Morning text")
    later()
    save(draft, "Afternoon text")

    assert texts(draft) == ["Afternoon text", "Morning text"]


def test_a_large_deletion_always_keeps_the_text_before_it(draft):
    long_text = "A paragraph I worked on. " * (LARGE_DELETION // 10)
    save(draft, long_text)

    save(draft, "")  # a slip: select all, delete, within the same minute

    assert texts(draft) == ["", long_text]


def test_a_save_from_another_tab_starts_a_new_snapshot_so_neither_tabs_text_is_lost(draft):
    save(draft, "From the first tab", page="tab-one")
    save(draft, "From the second tab", page="tab-two")
    save(draft, "From the first tab, kept over the second", page="tab-one")

    assert texts(draft) == [
        "From the first tab, kept over the second",
        "From the second tab",
        "From the first tab",
        "Start",  # made by the factory, from no page
    ]


def test_only_the_newest_versions_are_kept(draft):
    for number in range(VERSIONS_KEPT + 5):
        later()
        save(draft, f"Version {number}")

    kept = texts(draft)
    assert len(kept) == VERSIONS_KEPT
    assert kept[0] == f"Version {VERSIONS_KEPT + 4}"


def test_restoring_makes_an_old_version_the_text_and_keeps_the_text_it_replaced(author_client, draft):
    save(draft, "Morning text", title="Morning")
    later()
    save(draft, "Afternoon text", title="Afternoon")
    morning = draft.versions.get(fields__answer_1="Morning text")
    draft.refresh_from_db()

    response = author_client.post(
        reverse("reflections:version_restore", args=[draft.public_id, morning.pk]),
        {"version": draft.version},
        follow=True,
    )

    assert "Restored the version saved on" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Morning" and draft.answers.get(position=1).body == "Morning text"
    assert texts(draft)[:2] == ["Morning text", "Afternoon text"]


def test_a_restore_from_a_stale_page_restores_nothing(author_client, draft):
    save(draft, "Morning text")
    later()
    save(draft, "Afternoon text")
    morning = draft.versions.get(fields__answer_1="Morning text")

    response = author_client.post(
        reverse("reflections:version_restore", args=[draft.public_id, morning.pk]), {"version": 1}, follow=True
    )

    assert "nothing was restored" in response.content.decode()
    assert draft.answers.get(position=1).body == "Afternoon text"


def test_the_version_pages_list_and_show_the_saved_text(author_client, draft):
    save(draft, "Morning <b>text</b>")
    later()
    save(draft, "Afternoon text")
    morning = draft.versions.get(fields__answer_1="Morning <b>text</b>")

    listing = author_client.get(reverse("reflections:version_list", args=[draft.public_id])).content.decode()
    page = author_client.get(reverse("reflections:version_detail", args=[draft.public_id, morning.pk]))

    assert listing.count("Saved ") >= 2 and "The text now" in listing
    assert "Morning &lt;b&gt;text&lt;/b&gt;" in page.content.decode()
    assert "Restore this version" in page.content.decode()


def test_another_reflections_version_is_not_found(author_client, practitioner, gibbs, draft):
    other = make_reflection(author=practitioner, reflective_model=gibbs)
    foreign = other.versions.get()

    assert (
        author_client.get(reverse("reflections:version_detail", args=[draft.public_id, foreign.pk])).status_code == 404
    )


def test_a_save_from_an_old_version_raises_and_changes_nothing(draft):
    with pytest.raises(StaleVersion):
        reflection_save(reflection=draft, by=draft.author, version=0, values={"answer_1": "Old page"})

    assert draft.answers.get(position=1).body == "Start"
    assert texts(draft) == ["Start"]
