from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied from accounts.roles.ROLE_EXTRA_PERMISSIONS as it stood when this migration was written.
TRAINERS = "Trainers"
TRAINER_PERMISSIONS = ["teach"]


def grant_trainers(apps, schema_editor):
    app_config = apps.get_app_config("reflections")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=TRAINERS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="reflections", codename__in=TRAINER_PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("reflections", "0007_trainers")]

    operations = [migrations.RunPython(grant_trainers, migrations.RunPython.noop)]
