"""A reader's permissions come in one query (accounts.permissions), with the answers Django's own backend gives."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_a_curator_may_change_content_through_their_group_and_a_practitioner_may_not(practitioner, curator):
    assert fresh(curator).has_perm("research.change_publication")
    assert fresh(curator).has_perm("themes.change_theme")
    assert not fresh(practitioner).has_perm("research.change_publication")
    assert not fresh(practitioner).has_perm("reflections.change_exercise")


def test_a_permission_given_to_the_user_alone_counts(practitioner):
    practitioner.user_permissions.add(Permission.objects.get(codename="change_exercise"))

    assert fresh(practitioner).has_perm("reflections.change_exercise")
    assert not fresh(practitioner).has_perm("research.change_publication")


@pytest.mark.parametrize("role", ["Curators", "Trainers", "Practitioners"])
def test_every_role_has_the_permissions_djangos_backend_gives(role):
    user = make_user(f"someone-{role.lower()}", role=role)
    user.user_permissions.add(Permission.objects.get(codename="view_contributor"))

    assert fresh(user).get_all_permissions() == ModelBackend().get_all_permissions(fresh(user))


def test_an_inactive_curator_may_do_nothing_and_a_superuser_everything(curator):
    curator.is_active = False
    curator.save()
    boss = get_user_model().objects.create_superuser("boss", password="pw")

    assert not fresh(curator).has_perm("research.change_publication")
    assert fresh(boss).has_perm("research.change_publication")
    assert fresh(boss).has_perm("reflections.teach")


def test_permissions_cost_one_query_per_request(curator, django_assert_num_queries):
    user = fresh(curator)
    with django_assert_num_queries(1):
        assert user.has_perm("research.change_publication")
        assert user.has_perm("themes.change_theme")
        assert not user.has_perm("reflections.change_reflection")


def test_a_session_still_names_djangos_backend_so_logging_in_works(client, practitioner):
    response = client.post("/accounts/login/", {"username": "pat", "password": "pw"})

    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert "Signed in as" in client.get("/").content.decode()
