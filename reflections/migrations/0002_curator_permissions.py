from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied from accounts/roles.py as they stand now: a migration must not change when that file does.
CURATORS = "Curators"
CURATOR_MODELS = ["languageguide"]
ACTIONS = ("add", "change", "delete", "view")


def grant_curators(apps, schema_editor):
    # Permissions are normally created after migrate finishes; make sure they exist now.
    app_config = apps.get_app_config("reflections")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _ = Group.objects.get_or_create(name=CURATORS)
    codenames = [f"{action}_{model}" for model in CURATOR_MODELS for action in ACTIONS]
    curators.permissions.add(*Permission.objects.filter(content_type__app_label="reflections", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("reflections", "0001_initial")]

    operations = [migrations.RunPython(grant_curators, migrations.RunPython.noop)]
