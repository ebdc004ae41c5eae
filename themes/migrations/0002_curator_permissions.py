from django.contrib.auth.management import create_permissions
from django.db import migrations

# What the roles could do with the themes' models when this migration was written. Copied, not
# imported from accounts.roles, so this migration keeps doing what it did when the roles change.
GRANTS = {"Curators": {"themes": ["theme", "evidence", "recoverymeaning", "taggedtheme"]}}
ACTIONS = ("add", "change", "delete", "view")


def grant_roles(apps, schema_editor):
    # Permissions are normally created after migrate finishes; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, models in by_app.items():
            codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("themes", "0001_initial")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
