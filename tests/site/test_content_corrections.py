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


# The shipped content, against the source briefing (/work/shared/source/) -----------------------------


def test_personal_recovery_shapes_some_current_thinking_not_much(shipped_content):
    personal = RecoveryMeaning.objects.get(position=3)

    assert "some current thinking" in personal.text
    assert "much" not in personal.text


def test_theme_13_speaks_of_creative_risk_taking_as_the_briefing_does(shipped_content):
    theme = Theme.objects.get(position=13)

    assert "creative risk-taking" in theme.summary
    assert "positive risk" not in " ".join([theme.summary, theme.body, theme.question])


def test_theme_12_lists_the_staff_qualities_the_briefing_names_care_included(shipped_content):
    summary = Theme.objects.get(position=12).summary

    assert "hope, creativity, care and compassion, acceptance and resilience" in summary


@pytest.mark.parametrize(
    "slug, unsupported",
    [
        ("scie-kr21-supporting-people-in-accessing-meaningful-work", ["find and keep"]),
        ("scie-pp08-a-common-purpose", ["purpose that services share", "purpose services share"]),
    ],
)
def test_title_only_publications_say_only_what_the_title_says(shipped_content, slug, unsupported):
    publication = Publication.objects.get(slug=slug)
    notes = " ".join(publication.evidence.values_list("note", flat=True))

    for claim in unsupported:
        assert claim not in publication.summary and claim not in notes
    assert "only" in publication.summary and "title" in publication.summary


def test_hall_wren_and_kirby_is_labelled_an_edited_book(client, shipped_content):
    book = Publication.objects.for_listing().get(slug="hall-wren-kirby-care-planning-in-mental-health")

    assert book.kind_label == "Edited book"
    content = client.get(book.get_absolute_url()).content.decode()
    assert '<p class="kind">Edited book</p>' in content
    assert "Edited by Angela Hall, Mark Wren and Stephan Kirby" in content


def test_every_scie_title_has_a_study_design(shipped_content):
    designs = dict(
        Publication.objects.filter(publisher="Social Care Institute for Excellence").values_list(
            "series", "study_design"
        )
    )

    assert designs == {
        "SCIE Knowledge review 21": "knowledge_review",
        "SCIE Position paper 08": "policy",
        "SCIE Research resource 03": "research_resource",
    }


def test_staff_qualities_links_stanhope_and_solomon_with_its_reason(shipped_content):
    link = Evidence.objects.get(theme__position=12)

    assert link.publication.slug == "stanhope-solomon-2008-getting-to-the-heart-of-recovery"
    assert "therapeutic relationship" in link.note
    assert "research methods rather than staff qualities" in link.note  # honest about how far it bears


def test_shipped_tags_read_as_words_and_each_gathers_more_than_one_item(shipped_content):
    tags = Tag.objects.all()
    uses = {
        tag.name: Publication.objects.filter(tags=tag).count() + Theme.objects.filter(tags=tag).count() for tag in tags
    }

    assert "lived experience" in uses and "evidence-based practice" in uses and "care planning" in uses
    assert not [name for name in uses if "-" in name and name != "evidence-based practice" and name != "self-advocacy"]
    assert not [name for name, count in uses.items() if count < 2]


def test_shipped_prose_has_no_hard_line_breaks_inside_a_paragraph(shipped_content):
    texts = [*Publication.objects.values_list("summary", flat=True), *Theme.objects.values_list("body", flat=True)]

    for text in texts:
        for paragraph in text.split("\n\n"):
            lines = paragraph.split("\n")
            assert len(lines) == 1 or all(line.startswith("- ") for line in lines), paragraph[:60]


def test_practice_pointers_are_a_heading_on_every_theme_page(client, shipped_content):
    for theme in Theme.objects.all():
        assert "<h2>Practice pointers</h2>" in client.get(theme.get_absolute_url()).content.decode(), theme.slug
