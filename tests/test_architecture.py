"""The shape DESIGN.md fixes: dependencies run one way, and migrations keep doing what they did."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts.roles import ALL_ACTIONS, ROLE_EXTRA_PERMISSIONS, ROLE_PERMISSIONS

ROOT = Path(__file__).resolve().parent.parent
# Each app, and the apps it must not import: accounts <- publishing <- research <- themes <- reflections.
ORDER = ["accounts", "publishing", "research", "themes", "reflections", "recovery_portal"]
# What migrations may import besides Django and third-party packages: the field classes and
# validators their models name, which Django needs to rebuild the fields.
MIGRATION_IMPORTS = {"publishing.fields", "themes.models"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_of(module):
    return module.split(".")[0] if module.split(".")[0] in ORDER else None


@pytest.mark.parametrize("app", ORDER[:-1])
def test_apps_import_only_the_apps_below_them(app):
    above = set(ORDER[ORDER.index(app) + 1 :])
    wrong = {
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if app_of(module) in above
    }
    assert wrong == set()


def test_migrations_import_no_live_code():
    wrong = {
        f"{path.relative_to(ROOT)} imports {module}"
        for app in ORDER
        for path in (ROOT / app).glob("migrations/*.py")
        for module in imported_modules(path)
        if app_of(module) and module not in MIGRATION_IMPORTS
    }
    assert wrong == set()


@pytest.mark.django_db
def test_the_migrated_roles_hold_what_accounts_roles_lists():
    for role, apps in ROLE_PERMISSIONS.items():
        held = set(Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename"))
        listed = {
            (app, f"{action}_{model}") for app, models in apps.items() for model in models for action in ALL_ACTIONS
        }
        listed |= {
            (app, codename) for app, codenames in ROLE_EXTRA_PERMISSIONS[role].items() for codename in codenames
        }
        assert listed <= held, role
