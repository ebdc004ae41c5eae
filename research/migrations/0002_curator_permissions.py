from django.db import migrations

from accounts.roles import CURATORS, grant_model_permissions


def grant_curators(apps, schema_editor):
    grant_model_permissions(
        apps,
        group_name=CURATORS,
        app_label="research",
        model_names=["publication", "contributor", "authorship", "taggedpublication"],
    )
    grant_model_permissions(apps, group_name=CURATORS, app_label="taggit", model_names=["tag"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("research", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(grant_curators, migrations.RunPython.noop)]
