"""The corrected shipped content, and how it reaches a database that loaded the first version."""

import importlib
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from taggit.models import Tag

from recovery_portal.content import load_content, read_content
from research.models import Publication
from themes.models import Evidence, RecoveryMeaning, Theme

pytestmark = pytest.mark.django_db

FIRST_VERSION = Path(__file__).resolve().parent / "data" / "recovery-first-version.yaml"
MIGRATION = "0003_correct_shipped_content"


def run_correction_migration():
    """The data migration's function, with the models as they were when it was written."""
    state = MigrationLoader(connection).project_state(("recovery_portal", MIGRATION))
    importlib.import_module(f"recovery_portal.migrations.{MIGRATION}").correct(state.apps, None)


def tag_names(obj):
    return sorted(obj.tags.names())


def snapshot():
    """What a reader sees of the shipped content, field by field."""
    return {
        "meanings": list(RecoveryMeaning.objects.values_list("title", "text")),
        "publications": {
            p.slug: (p.summary, p.study_design, tag_names(p)) for p in Publication.objects.prefetch_related("tags")
        },
        "themes": {
            t.slug: (t.title, t.summary, t.body, t.question, tag_names(t))
            for t in Theme.objects.prefetch_related("tags")
        },
        "links": {
            (e.theme.slug, e.publication.slug): e.note for e in Evidence.objects.select_related("theme", "publication")
        },
        "tags": sorted(Tag.objects.values_list("slug", "name")),
    }


@pytest.fixture
def first_version(db):
    load_content(read_content(FIRST_VERSION))


def test_an_existing_site_ends_up_with_exactly_the_corrected_content(first_version):
    run_correction_migration()
    migrated = snapshot()

    for model in (Evidence, Publication, Theme, RecoveryMeaning, Tag):
        model.objects.all().delete()
    load_content(read_content())

    assert migrated == snapshot()


def test_what_a_curator_changed_is_left_as_the_curator_left_it(first_version):
    fox = Publication.objects.get(slug="fox-2007-experience-of-mental-health-recovery")
    fox.summary = "Our curator's own summary of Fox."
    fox.save()
    theme = Theme.objects.get(slug="beyond-risk-avoidance")
    theme.tags.set(["risk", "curated"])
    housing_theme = Theme.objects.get(slug="social-inclusion")
    housing_theme.tags.add("extra")

    run_correction_migration()

    fox.refresh_from_db()
    assert fox.summary == "Our curator's own summary of Fox."
    assert tag_names(Theme.objects.get(slug="beyond-risk-avoidance")) == ["curated", "risk"]
    assert Tag.objects.filter(slug="risk").exists()  # still carried, so kept
    assert "housing" in tag_names(Theme.objects.get(slug="social-inclusion"))
    # Fields the curator did not touch are corrected all the same.
    theme.refresh_from_db()
    assert "creative risk-taking" in theme.summary


def test_each_correction_is_in_the_item_history(first_version):
    run_correction_migration()

    kr21 = Publication.objects.get(slug="scie-kr21-supporting-people-in-accessing-meaningful-work")
    latest = kr21.history.order_by("-history_id").first()
    assert latest.history_change_reason.startswith("Shipped content corrected")
    assert "find and keep" in latest.prev_record.summary
    assert "find and keep" not in latest.summary
    new_link = Evidence.objects.get(theme__slug="staff-qualities")
    assert new_link.history.get().history_type == "+"


def test_running_it_again_or_on_an_empty_database_changes_nothing(first_version):
    run_correction_migration()
    once = snapshot()

    run_correction_migration()

    assert snapshot() == once
    for model in (Evidence, Publication, Theme, RecoveryMeaning, Tag):
        model.objects.all().delete()
    run_correction_migration()
    assert not Publication.objects.exists() and not Tag.objects.exists()
