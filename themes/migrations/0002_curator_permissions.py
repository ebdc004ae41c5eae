from django.db import migrations

from accounts.roles import grant_role_permissions


def grant_roles(apps, schema_editor):
    grant_role_permissions(apps, app_label="themes")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("themes", "0001_initial")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
