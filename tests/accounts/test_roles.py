import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_migrations_create_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Curators", "Trainers", "Practitioners"}


def test_curators_may_edit_the_public_content():
    assert {
        "add_publication",
        "change_publication",
        "delete_publication",
        "view_publication",
        "change_theme",
        "change_evidence",
        "add_contributor",
        "change_recoverymeaning",
        "add_tag",
        "change_tag",
        "delete_tag",
    } <= codenames("Curators")


def test_practitioners_may_not_edit_content():
    assert not {code for code in codenames("Practitioners") if code.startswith(("add_", "change_", "delete_"))}


def test_demo_accounts_are_created_once_with_their_roles(settings, capsys, django_user_model):
    settings.DEBUG = True

    call_command("create_demo_accounts")
    call_command("create_demo_accounts")

    curator = django_user_model.objects.get(username="curator")
    assert curator.is_staff and curator.check_password("curator-demo-password")
    assert list(curator.groups.values_list("name", flat=True)) == ["Curators"]
    assert django_user_model.objects.get(username="practitioner").groups.get().name == "Practitioners"
    assert django_user_model.objects.count() == 3
    out = capsys.readouterr().out
    assert "username curator" in out and "password curator-demo-password" in out
    assert "already existed; password left as it was" in out


def test_demo_accounts_are_refused_outside_debug(django_user_model):
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("create_demo_accounts")
    assert not django_user_model.objects.exists()
