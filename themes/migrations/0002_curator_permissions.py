from django.db import migrations

from accounts.roles import CURATORS, grant_model_permissions


def grant_curators(apps, schema_editor):
    grant_model_permissions(
        apps,
        group_name=CURATORS,
        app_label="themes",
        model_names=["theme", "evidence", "recoverymeaning", "taggedtheme"],
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("themes", "0001_initial")]

    operations = [migrations.RunPython(grant_curators, migrations.RunPython.noop)]
