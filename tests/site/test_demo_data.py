import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

from recovery_portal import demo_data
from research.models import Authorship, Contributor, Publication, Status
from themes.models import Evidence

pytestmark = pytest.mark.django_db


def real_content():
    """Everything that is not synthetic, as it stands."""
    return {
        "publications": sorted(
            Publication.objects.exclude(slug__startswith="synthetic-").values_list("slug", "title", "updated")
        ),
        "contributors": sorted(
            Contributor.objects.exclude(given_names__startswith="Synthetic").values_list("pk", flat=True)
        ),
        "authorships": Authorship.objects.exclude(publication__slug__startswith="synthetic-").count(),
        "evidence": sorted(Evidence.objects.exclude(note__startswith="[Synthetic]").values_list("pk", "note")),
    }


def test_generated_publications_are_clearly_marked(shipped_content):
    call_command("generate_demo_data", publications=40, seed=3, verbosity=0)

    synthetic = Publication.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 40
    assert all(title.startswith("[Synthetic] ") for title in synthetic.values_list("title", flat=True))
    assert set(synthetic.values_list("tags__name", flat=True)) >= {"synthetic-demo"}
    assert all(tag.startswith("synthetic-") for tag in synthetic.values_list("tags__name", flat=True))
    people = Contributor.objects.filter(authorships__publication__in=synthetic).distinct()
    assert people.exists()
    assert all(person.given_names.startswith("Synthetic ") for person in people)
    links = Evidence.objects.filter(publication__in=synthetic)
    assert links.count() >= 1
    assert all(note.startswith("[Synthetic] ") for note in links.values_list("note", flat=True))


def test_generating_and_deleting_never_touches_real_content(shipped_content):
    before = real_content()

    call_command("generate_demo_data", publications=30, verbosity=0)
    assert real_content() == before
    call_command("generate_demo_data", delete=True, verbosity=0)

    assert real_content() == before
    assert not Publication.objects.filter(slug__startswith="synthetic-").exists()
    assert not Contributor.objects.filter(given_names__startswith="Synthetic").exists()
    assert not Tag.objects.filter(slug__startswith="synthetic-").exists()
    assert not Evidence.objects.filter(note__startswith="[Synthetic]").exists()


def test_total_adds_only_what_is_missing(db):
    call_command("generate_demo_data", publications=12, verbosity=0)
    call_command("generate_demo_data", publications=20, total=True, verbosity=0)
    call_command("generate_demo_data", publications=20, total=True, verbosity=0)

    assert demo_data.synthetic_publications().count() == 20
    assert Publication.objects.values("slug").distinct().count() == 20


def test_the_command_needs_a_number_or_delete(db):
    with pytest.raises(CommandError, match="--publications N"):
        call_command("generate_demo_data", verbosity=0)


def test_the_words_have_the_shape_a_search_benchmark_needs(db):
    demo_data.generate(count=400, seed=1)

    summaries = [summary.lower() for summary in Publication.objects.values_list("summary", flat=True)]
    share = {word: sum(word in summary for summary in summaries) / len(summaries) for word in ("recovery", "housing")}
    assert share["recovery"] > 0.85  # nearly all
    assert 0.04 < share["housing"] < 0.2  # about a tenth
    rare = demo_data.RARE_WORDS[15000]
    assert sum(rare in summary for summary in summaries) <= 2  # rare
    assert any("peer support" in summary for summary in summaries)  # phrases go in whole
    assert Publication.objects.filter(status=Status.DRAFT).exists()  # some drafts, as in a real library


def test_generated_publications_are_searchable_at_once(client, db):
    demo_data.generate(count=50, seed=2)

    response = client.get(reverse("search"), {"q": "recovery", "tag": "synthetic-demo"})

    assert response.status_code == 200
    assert response.context["results"].total > 0
    if connection.vendor == "postgresql":
        assert not Publication.objects.filter(search_vector__isnull=True).exists()
