from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied from accounts.roles.ROLE_PERMISSIONS as it stood when this migration was written: a migration
# must not change because live code did. Reflections, answers and saved versions are for no role.
CURATORS = "Curators"
CURATOR_MODELS = ["reflectivemodel", "reflectivestage", "exercise", "prompt", "taggedexercise"]
ACTIONS = ("add", "change", "delete", "view")


def grant_curators(apps, schema_editor):
    app_config = apps.get_app_config("reflections")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CURATORS)
    codenames = [f"{action}_{model}" for model in CURATOR_MODELS for action in ACTIONS]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="reflections", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("reflections", "0003_writing")]

    operations = [migrations.RunPython(grant_curators, migrations.RunPython.noop)]
