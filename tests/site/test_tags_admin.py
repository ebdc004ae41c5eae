import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from research.models import Publication
from tests.factories import make_publication, make_theme
from themes.models import Theme

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:taggit_tag_changelist")


def tag_names(obj):
    return sorted(obj.tags.names())


def test_merge_moves_everything_to_the_survivor_and_loses_nothing(client, curator):
    both = make_publication(tags=["peer support", "peer-support"])
    only_old = make_publication(tags=["peer support", "hope"])
    theme = make_theme(tags=["Peer Supports"])
    survivor = Tag.objects.get(name="peer-support")
    others = Tag.objects.filter(name__in=["peer support", "Peer Supports"])
    client.force_login(curator)

    response = client.post(
        CHANGELIST,
        {
            "action": "merge",
            ACTION_CHECKBOX_NAME: [survivor.pk, *others.values_list("pk", flat=True)],
            "survivor": survivor.pk,
        },
        follow=True,
    )

    assert "Merged" in response.content.decode()
    assert tag_names(Publication.objects.get(pk=both.pk)) == ["peer-support"]
    assert tag_names(Publication.objects.get(pk=only_old.pk)) == ["hope", "peer-support"]
    assert tag_names(Theme.objects.get(pk=theme.pk)) == ["peer-support"]
    assert not Tag.objects.filter(name__in=["peer support", "Peer Supports"]).exists()


def test_merge_asks_which_tag_to_keep_first(client, curator):
    make_publication(tags=["a", "b"])
    client.force_login(curator)

    response = client.post(
        CHANGELIST, {"action": "merge", ACTION_CHECKBOX_NAME: list(Tag.objects.values_list("pk", flat=True))}
    )

    assert response.status_code == 200
    assert b"Keep this tag" in response.content
    assert Tag.objects.count() == 2


def test_rename_a_tag_keeps_its_items(client, curator):
    publication = make_publication(tags=["housing"])
    tag = Tag.objects.get(name="housing")
    client.force_login(curator)

    response = client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "Housing and home", "slug": "housing-and-home"}
    )

    assert response.status_code == 302
    assert tag_names(Publication.objects.get(pk=publication.pk)) == ["Housing and home"]
    assert client.get("/tags/housing-and-home/").status_code == 200


def test_tag_changelist_shows_usage(client, curator):
    make_publication(tags=["hope"])
    make_theme(tags=["hope"])
    client.force_login(curator)

    response = client.get(CHANGELIST)

    assert b'<td class="field-usage">2</td>' in response.content
