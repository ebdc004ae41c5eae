from django.db import migrations

from accounts.roles import grant_role_permissions


def grant_roles(apps, schema_editor):
    grant_role_permissions(apps, app_label="research")
    grant_role_permissions(apps, app_label="taggit")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("research", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
