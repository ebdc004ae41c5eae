from django.db import migrations

# The roles as they were when this migration was written (copied, not imported from accounts.roles,
# so this migration keeps doing what it did when the roles change).
ROLES = ("Curators", "Trainers", "Practitioners")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
