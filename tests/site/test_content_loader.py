import pytest
from django.core.management import call_command

from recovery_portal.content import load_content, read_content
from research.models import Authorship, Contributor, Publication, Status
from themes.models import Evidence, RecoveryMeaning, Theme

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Publication, Contributor, Authorship, Theme, Evidence, RecoveryMeaning)
    }


def test_loader_creates_the_thirteen_themes_and_eight_publications(shipped_content):
    assert Theme.objects.published().count() == 13
    assert Publication.objects.published().count() == 8
    assert RecoveryMeaning.objects.count() == 3
    assert list(Theme.objects.values_list("position", flat=True)) == list(range(1, 14))


def test_journal_article_facts_are_exact(shipped_content):
    article = Publication.objects.get(title__startswith="Getting to the heart of recovery")

    assert article.title == (
        "Getting to the heart of recovery: methods for studying recovery and their "
        "implications for evidence-based practice"
    )
    assert article.kind == Publication.Kind.JOURNAL_ARTICLE
    assert (article.container_title, article.volume, article.issue, article.pages) == (
        "British Journal of Social Work",
        "38",
        "5",
        "885-899",
    )
    assert (article.year, article.month) == (2008, 7)
    assert (article.issn_print, article.issn_online) == ("0045-3102", "1468-263X")
    assert article.study_design == Publication.StudyDesign.DISCUSSION
    assert [(c.family_name, c.given_names) for c in article.authors] == [
        ("Stanhope", "Victoria"),
        ("Solomon", "Phyllis"),
    ]


def test_second_article_and_book_facts_are_exact(shipped_content):
    fox = Publication.objects.get(title="Experience of mental health recovery and the service user researcher")
    assert (fox.container_title, fox.volume, fox.issue, fox.pages, fox.year, fox.month) == (
        "Ethics and Social Welfare",
        "1",
        "2",
        "219-223",
        2007,
        7,
    )
    assert [c.family_name for c in fox.authors] == ["Fox"]

    book = Publication.objects.get(title="Care planning in mental health: promoting recovery")
    assert book.kind == Publication.Kind.BOOK
    assert book.publisher == "Blackwell"
    assert book.year is None  # the article gives none: never guessed
    assert book.authors == []
    assert [(c.given_names, c.family_name) for c in book.editors] == [
        ("Angela", "Hall"),
        ("Mark", "Wren"),
        ("Stephan", "Kirby"),
    ]


@pytest.mark.parametrize(
    "title, kind, publisher, series",
    [
        (
            "Emerging best practices in mental health recovery",
            "guide",
            "National Institute for Mental Health in England",
            "",
        ),
        (
            "Recovering mental health in Scotland: report on narrative investigation of mental health recovery",
            "report",
            "Scottish Recovery Network",
            "",
        ),
        (
            "Supporting People in Accessing Meaningful Work: Recovery Approaches in Community-based Adult Mental "
            "Health Services",
            "report",
            "Social Care Institute for Excellence",
            "SCIE Knowledge review 21",
        ),
        (
            "A Common Purpose: Recovery in Future Mental Health Services",
            "report",
            "Social Care Institute for Excellence",
            "SCIE Position paper 08",
        ),
        (
            "The Recovery Approach in Community-based Vocational and Training Adult Mental Health Day Services",
            "report",
            "Social Care Institute for Excellence",
            "SCIE Research resource 03",
        ),
    ],
)
def test_unauthored_publications_are_exact(shipped_content, title, kind, publisher, series):
    publication = Publication.objects.get(title=title)

    assert (publication.kind, publication.publisher, publication.series) == (kind, publisher, series)
    assert publication.year is None
    assert publication.authors == [] and publication.editors == []


def test_every_evidence_link_has_a_note_and_some_themes_honestly_have_none(shipped_content):
    assert Evidence.objects.exists()
    assert not Evidence.objects.filter(note="").exists()
    assert Theme.objects.filter(evidence__isnull=True).exists()


def test_second_run_changes_nothing(shipped_content):
    before = counts()

    created = load_content(read_content())

    assert not created
    assert counts() == before


def test_curator_edits_survive_a_rerun(shipped_content):
    theme = Theme.objects.get(slug="hope")
    theme.title = "Hope, as our curator puts it"
    theme.status = Status.DRAFT
    theme.save()
    theme.tags.set(["curated"])
    Evidence.objects.filter(theme=theme).first().delete()
    links_left = Evidence.objects.filter(theme=theme).count()
    publication = Publication.objects.get(slug="fox-2007-experience-of-mental-health-recovery")
    publication.summary = "Rewritten by a curator."
    publication.save()

    call_command("load_recovery_content")

    theme.refresh_from_db()
    assert theme.title == "Hope, as our curator puts it"
    assert theme.status == Status.DRAFT
    assert list(theme.tags.names()) == ["curated"]
    assert Evidence.objects.filter(theme=theme).count() == links_left
    publication.refresh_from_db()
    assert publication.summary == "Rewritten by a curator."


def test_command_reports_what_it_did(db, capsys):
    call_command("load_recovery_content")
    call_command("load_recovery_content")

    out = capsys.readouterr().out
    assert "Created 3 meanings, 8 publications, 13 themes" in out
    assert "nothing changed" in out


def test_command_explains_an_unreadable_file(db, tmp_path):
    from django.core.management.base import CommandError

    broken = tmp_path / "broken.yaml"
    broken.write_text("themes: [unclosed\n")

    with pytest.raises(CommandError, match="Could not read"):
        call_command("load_recovery_content", file=str(broken))
    assert Theme.objects.count() == 0
