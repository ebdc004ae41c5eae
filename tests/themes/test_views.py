import pytest
from django.urls import reverse

from research.models import Status
from tests.factories import link, make_publication, make_theme

pytestmark = pytest.mark.django_db


def test_theme_list_shows_published_themes_in_order(client):
    make_theme(title="Second", position=2)
    make_theme(title="First", position=1)
    make_theme(title="Hidden draft", position=3, status=Status.DRAFT)

    response = client.get(reverse("themes:theme_list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("First") < content.index("Second")
    assert "Hidden draft" not in content


def test_theme_page_lists_its_research_with_each_links_note(client):
    theme = make_theme(title="Hope at the heart of recovery", question="Where does hope come from?", tags=["hope"])
    publication = make_publication(title="Recovering mental health in Scotland", authors=[("Fox", "Joanna")])
    link(theme, publication, note="People in recovery tell their own stories.")

    response = client.get(theme.get_absolute_url())

    assert response.status_code == 200
    assert b"<h1>Hope at the heart of recovery</h1>" in response.content
    assert b"Where does hope come from?" in response.content
    assert b"Recovering mental health in Scotland" in response.content
    assert b"People in recovery tell their own stories." in response.content
    assert b'href="/tags/hope/"' in response.content


def test_theme_without_research_says_so(client):
    theme = make_theme()

    response = client.get(theme.get_absolute_url())

    assert b"No research linked yet" in response.content


def test_theme_page_hides_draft_research_from_the_public(client):
    theme = make_theme()
    link(theme, make_publication(title="Unpublished study", status=Status.DRAFT))

    response = client.get(theme.get_absolute_url())

    assert b"Unpublished study" not in response.content
    assert b"No research linked yet" in response.content


def test_theme_body_markdown_is_rendered_and_sanitised(client):
    theme = make_theme(body="Some *care*.\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1))")

    response = client.get(theme.get_absolute_url())

    assert b"<em>care</em>" in response.content
    assert b"<script>alert" not in response.content
    assert b"javascript:" not in response.content


def test_draft_theme_is_404_for_the_public_and_a_practitioner(client, practitioner):
    theme = make_theme(status=Status.DRAFT)

    assert client.get(theme.get_absolute_url()).status_code == 404
    client.force_login(practitioner)
    assert client.get(theme.get_absolute_url()).status_code == 404


def test_curator_can_preview_a_draft_theme(client, curator):
    theme = make_theme(title="Work in progress", status=Status.DRAFT)
    client.force_login(curator)

    response = client.get(theme.get_absolute_url())

    assert response.status_code == 200
    assert b"Draft: only curators see this" in response.content


def test_unknown_theme_is_404_with_a_friendly_page(client):
    response = client.get(reverse("themes:theme_detail", args=["no-such-theme"]))

    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


@pytest.mark.parametrize("linked", [3, 60])
def test_theme_page_costs_the_same_queries_for_3_or_60_publications(client, django_assert_max_num_queries, linked):
    theme = make_theme(tags=["hope", "peer-support"])
    for _ in range(linked):
        link(theme, make_publication(authors=[("Stanhope", "Victoria"), ("Solomon", "Phyllis")], tags=["hope"]))

    # 9: the themes either side ("Theme 3 of 13") cost one small query, the theme's exercises another,
    # the content version (kept cards) a third
    with django_assert_max_num_queries(9):
        response = client.get(theme.get_absolute_url())

    assert response.content.count(b"Why it bears on this theme") == min(linked, 20)
    assert f"The research behind this theme ({linked})".encode() in response.content


@pytest.mark.parametrize("themes", [3, 30])
def test_theme_list_costs_the_same_queries_whatever_the_number_of_themes(
    client, django_assert_max_num_queries, themes
):
    for _ in range(themes):
        make_theme(tags=["hope"])

    with django_assert_max_num_queries(2):
        response = client.get(reverse("themes:theme_list"))

    assert response.status_code == 200


def test_theme_page_pages_through_its_research(client):
    theme = make_theme()
    for _ in range(25):
        link(theme, make_publication())

    second = client.get(theme.get_absolute_url(), {"page": 2})

    assert second.content.count(b"Why it bears on this theme") == 5
    assert b"Page 2 of 2" in second.content


def test_a_theme_cannot_take_the_evidence_maps_address(db):
    from django.core.exceptions import ValidationError

    from themes.models import Theme

    theme = Theme(title="Map", slug="map", summary="s", body="b")
    with pytest.raises(ValidationError, match="address of another page"):
        theme.full_clean()


def test_themes_page_claims_research_only_for_themes_that_have_it(client):
    linked = make_theme(title="Linked theme", position=1)
    make_theme(title="Unlinked theme", position=2)
    link(linked, make_publication())
    link(linked, make_publication(status=Status.DRAFT))  # not counted for the public

    content = client.get(reverse("themes:theme_list")).content.decode()

    assert "Each one links to the research" not in content
    linked_card = content[content.index("Linked theme") : content.index("Unlinked theme")]
    assert "1 publication linked" in linked_card
    assert "No research linked yet" in content[content.index("Unlinked theme") :]


def test_a_theme_page_says_where_it_sits_and_links_the_themes_either_side(client):
    first = make_theme(title="First theme", position=1)
    second = make_theme(title="Second theme", position=2)
    third = make_theme(title="Third theme", position=3)
    make_theme(title="Draft theme", position=4, status=Status.DRAFT)

    content = client.get(second.get_absolute_url()).content.decode()

    assert '<p class="kind">Theme 2 of 3</p>' in content
    label = '<span class="sequence-label">{}</span>'
    assert (
        f'<a href="{first.get_absolute_url()}" rel="prev">{label.format("Previous theme")} First theme</a>' in content
    )
    assert f'<a href="{third.get_absolute_url()}" rel="next">{label.format("Next theme")} Third theme</a>' in content
    last = client.get(third.get_absolute_url()).content.decode()
    assert "Theme 3 of 3" in last and 'rel="next"' not in last


def test_each_evidence_note_sits_inside_its_publication_card(client):
    theme = make_theme()
    publication = make_publication(title="A study of hope")
    link(theme, publication, note="Why: it is about hope.")

    content = client.get(theme.get_absolute_url()).content.decode()
    card = content[content.index('<article class="card card-evidence">') :]
    card = card[: card.index("</article>")]

    assert "A study of hope" in card and "Why: it is about hope." in card
