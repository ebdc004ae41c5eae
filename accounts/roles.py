"""The three roles, as Django groups, and the helpers migrations use to give them permissions.

Each app's own data migration grants the permissions on its models, so the
groups grow with the apps and no app reaches up the dependency chain.
"""

from django.contrib.auth.management import create_permissions

CURATORS = "Curators"
TRAINERS = "Trainers"
PRACTITIONERS = "Practitioners"
ROLES = (CURATORS, TRAINERS, PRACTITIONERS)

ALL_ACTIONS = ("add", "change", "delete", "view")


def grant_model_permissions(apps, *, group_name, app_label, model_names, actions=ALL_ACTIONS):
    """For data migrations: give a group permissions on some models (historical `apps`)."""
    # Permissions are normally created after migrate finishes; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    codenames = [f"{action}_{model}" for model in model_names for action in actions]
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*permissions)
