from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied, not imported from accounts.roles, so this migration keeps working when the roles change.
CURATORS = "Curators"
CODENAMES = [f"{action}_sitedetails" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate finishes; make sure they exist now.
    app_config = apps.get_app_config("recovery_portal")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _ = Group.objects.get_or_create(name=CURATORS)
    curators.permissions.add(
        *Permission.objects.filter(content_type__app_label="recovery_portal", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("recovery_portal", "0001_site_details"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
