"""Publishing, unpublishing and deleting are real edits: permission, history, modified time (issue 8.5)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from publishing import services
from research.models import Publication, Status
from tests.factories import make_publication, make_theme
from themes.models import Theme

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:research_publication_changelist")


@pytest.fixture
def viewer(django_user_model):
    """Staff who may look at research in admin but not change it."""
    user = django_user_model.objects.create_user("vera", password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_publication", "view_theme"]))
    return user


def act(client, action, *items, changelist=CHANGELIST):
    return client.post(changelist, {"action": action, "_selected_action": [item.pk for item in items]}, follow=True)


def test_a_view_only_staff_user_cannot_publish(client, viewer):
    draft = make_publication(status=Status.DRAFT)
    client.force_login(viewer)

    page = client.get(CHANGELIST)
    act(client, "publish", draft)

    assert b'value="publish"' not in page.content  # the action is not offered
    assert Publication.objects.get(pk=draft.pk).status == Status.DRAFT
    assert draft.history.count() == 1  # only its creation
    with pytest.raises(PermissionDenied):
        services.publish(items=Publication.objects.filter(pk=draft.pk), by=viewer)


def test_a_view_only_staff_user_cannot_unpublish_or_delete(viewer):
    publication = make_publication()
    items = Publication.objects.filter(pk=publication.pk)

    with pytest.raises(PermissionDenied):
        services.unpublish(items=items, by=viewer)
    with pytest.raises(PermissionDenied):
        services.delete(items=items, by=viewer)

    assert Publication.objects.get(pk=publication.pk).status == Status.PUBLISHED


def test_the_publish_action_records_who_when_and_the_old_and_new_status(client, curator):
    draft = make_publication(status=Status.DRAFT, title="Narratives of recovery")
    client.force_login(curator)

    response = act(client, "publish", draft)

    assert "Published 1 item(s)." in response.content.decode()
    latest, before = draft.history.order_by("-history_id")[:2]
    assert latest.history_user == curator
    assert latest.history_change_reason == "Published"
    change = latest.diff_against(before).changes
    assert [(c.field, c.old, c.new) for c in change if c.field == "status"] == [
        ("status", Status.DRAFT, Status.PUBLISHED)
    ]
    history_page = client.get(reverse("admin:research_publication_history", args=[draft.pk])).content.decode()
    assert "cora" in history_page and "Published" in history_page


def test_the_unpublish_action_records_history_for_themes_too(client, curator):
    theme = make_theme(title="Hope")
    client.force_login(curator)

    act(client, "unpublish", theme, changelist=reverse("admin:themes_theme_changelist"))

    latest = theme.history.latest("history_id")
    assert (latest.status, latest.history_user, latest.history_change_reason) == (Status.DRAFT, curator, "Unpublished")
    assert Theme.objects.get(pk=theme.pk).status == Status.DRAFT


def test_publishing_updates_the_modified_time(client, curator):
    draft = make_publication(status=Status.DRAFT)
    before = Publication.objects.get(pk=draft.pk).updated
    client.force_login(curator)

    act(client, "publish", draft)

    assert Publication.objects.get(pk=draft.pk).updated > before


def test_publishing_what_is_already_published_changes_nothing(client, curator):
    publication = make_publication()
    client.force_login(curator)

    response = act(client, "publish", publication)

    assert "Published 0 item(s)." in response.content.decode()
    assert publication.history.count() == 1


def test_deleting_in_admin_records_who_deleted_one_item_or_many(client, curator):
    one, two, three = make_publication(), make_publication(), make_publication()
    client.force_login(curator)

    client.post(reverse("admin:research_publication_delete", args=[one.pk]), {"post": "yes"})
    client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"})

    assert not Publication.objects.exists()
    deletions = Publication.history.filter(history_type="-")
    assert sorted(deletions.values_list("id", flat=True)) == sorted([one.pk, two.pk, three.pk])
    assert {record.history_user for record in deletions} == {curator}


def test_drafts_are_visible_to_those_who_may_change_that_kind_only(django_user_model):
    make_publication(status=Status.DRAFT)
    make_theme(status=Status.DRAFT)
    theme_editor = django_user_model.objects.create_user("theo", password="pw", is_staff=True)
    theme_editor.user_permissions.add(Permission.objects.get(codename="change_theme"))

    assert Theme.objects.visible_to(theme_editor).count() == 1
    assert Publication.objects.visible_to(theme_editor).count() == 0
