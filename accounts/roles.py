"""The three roles, as Django groups, and the permissions each one holds.

The permissions are listed here, by app label and model name (strings, so
accounts imports nothing from the apps above it). Each app's data migration
grants its own models' share, from a copy of these lists frozen in the
migration (so old migrations keep doing what they did when roles change);
a test checks that the migrated groups hold what is listed here. A new
grant needs a new data migration.
"""

from django.contrib.auth.management import create_permissions

CURATORS = "Curators"
TRAINERS = "Trainers"
PRACTITIONERS = "Practitioners"
ROLES = (CURATORS, TRAINERS, PRACTITIONERS)

ALL_ACTIONS = ("add", "change", "delete", "view")

# role -> app label -> models the role may add, change, delete and view.
ROLE_PERMISSIONS = {
    CURATORS: {
        "research": ["publication", "contributor", "authorship", "taggedpublication"],
        "taggit": ["tag"],
        "themes": ["theme", "evidence", "recoverymeaning", "taggedtheme"],
        # Never reflection, answer or reflectionversion: those are their authors' alone.
        "reflections": ["languageguide", "reflectivemodel", "reflectivestage", "exercise", "prompt", "taggedexercise"],
        "recovery_portal": ["sitedetails"],
    },
    TRAINERS: {},
    PRACTITIONERS: {},
}

# role -> app label -> permissions of their own (Meta.permissions), beyond add/change/delete/view.
ROLE_EXTRA_PERMISSIONS = {
    CURATORS: {},
    # The trainer pages (not the admin): write exercises, run cohorts, read what their cohorts submit.
    TRAINERS: {"reflections": ["teach"]},
    PRACTITIONERS: {},
}


def grant_all_role_permissions(apps):
    """Create the role groups and give them every permission listed here: for a database emptied after
    migrating (browser tests). Takes the real registry or a migration's `apps`; safe to run again.
    """
    # Permissions are normally created after migrate finishes; make sure they exist now. Once for all the
    # grants: each app's create_permissions costs a few queries, and browser tests run this before each test.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        for app_label in {*ROLE_PERMISSIONS[role], *ROLE_EXTRA_PERMISSIONS[role]}:
            models = ROLE_PERMISSIONS[role].get(app_label, [])
            codenames = [f"{action}_{model}" for model in models for action in ALL_ACTIONS]
            codenames += ROLE_EXTRA_PERMISSIONS[role].get(app_label, [])
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
