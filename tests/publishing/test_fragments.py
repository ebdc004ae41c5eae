"""Kept pieces of pages for logged-in readers (publishing.fragments): fast, yet never a draft for a non-curator,
and never an old version after a write."""

import pytest
from django.urls import reverse

from publishing import services
from research.models import Publication, Status
from tests.factories import link, make_publication, make_theme

pytestmark = pytest.mark.django_db


def titles_on(client, url, **params):
    return client.get(url, params).content.decode()


def test_unpublished_publication_leaves_a_practitioners_theme_page_at_once(client, practitioner, curator):
    theme = make_theme()
    kept = make_publication(title="Kept on the page")
    going = make_publication(title="Leaving the page")
    link(theme, kept)
    link(theme, going)
    client.force_login(practitioner)
    assert "Leaving the page" in titles_on(client, theme.get_absolute_url())

    services.unpublish(items=Publication.objects.filter(pk=going.pk), by=curator)

    page = titles_on(client, theme.get_absolute_url())
    assert "Leaving the page" not in page
    assert "Kept on the page" in page


def test_edited_title_shows_at_once_on_the_research_list(client, practitioner):
    publication = make_publication(title="The first wording")
    client.force_login(practitioner)
    assert "The first wording" in titles_on(client, reverse("research:publication_list"))

    publication.title = "The corrected wording"
    publication.save()
    services.content_changed(model=Publication, ids=[publication.pk])

    page = titles_on(client, reverse("research:publication_list"))
    assert "The corrected wording" in page
    assert "The first wording" not in page


@pytest.mark.parametrize("reader", ["anonymous", "practitioner"])
def test_a_curators_preview_of_a_draft_is_never_shown_to_others(client, curator, practitioner, reader):
    theme = make_theme(tags=["hope"])
    link(theme, make_publication(title="Published work", tags=["hope"]))
    link(theme, make_publication(title="Draft work", status=Status.DRAFT, tags=["hope"]))
    previewed = [theme.get_absolute_url(), reverse("research:publication_list")]
    client.force_login(curator)
    for url in previewed:
        assert "Draft work" in titles_on(client, url)
    client.logout()
    if reader == "practitioner":
        client.force_login(practitioner)

    for url in [*previewed, "/tags/hope/"]:  # the tag page shows only published work, to curators too
        page = titles_on(client, url)
        assert "Published work" in page
        assert "Draft work" not in page
        assert "Draft: only curators see this" not in page


def test_research_total_is_right_for_each_filter_and_after_a_publish(client, practitioner, curator):
    for _ in range(3):
        make_publication(tags=["hope"])
    make_publication(tags=["housing"])
    draft = make_publication(status=Status.DRAFT, tags=["hope"])
    client.force_login(practitioner)
    url = reverse("research:publication_list")
    assert "<strong>4</strong> publications" in titles_on(client, url)
    assert "<strong>3</strong> publications match" in titles_on(client, url, tag="hope")

    services.publish(items=Publication.objects.filter(pk=draft.pk), by=curator)

    assert "<strong>5</strong> publications" in titles_on(client, url)
    assert "<strong>4</strong> publications match" in titles_on(client, url, tag="hope")


def test_a_deep_page_of_the_research_list_shows_the_right_publications_in_order(client, practitioner):
    for number in range(45):
        make_publication(title=f"Title {number:02d}")
    client.force_login(practitioner)

    page = titles_on(client, reverse("research:publication_list"), sort="title", page=3)

    assert "Page 3 of 3" in page
    shown = [f"Title {number:02d}" for number in range(45) if f">Title {number:02d}<" in page]
    assert shown == [f"Title {number:02d}" for number in range(40, 45)]
    assert page.index("Title 40") < page.index("Title 44")


def test_the_kept_filter_form_shows_each_query_its_own_choices_and_errors(client, practitioner):
    make_publication(tags=["hope"])
    make_publication(tags=["housing"])
    client.force_login(practitioner)
    url = reverse("research:publication_list")
    titles_on(client, url, tag="hope")

    page = titles_on(client, url, tag="housing", year_from="2010", year_to="2000")

    assert '<option value="housing" selected>' in page
    assert '<option value="hope" selected>' not in page
    assert "The end year must not be before the start year." in page
