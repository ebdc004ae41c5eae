"""The shared search words ("did you mean"), each item's counted words, and the page cache's version.

On PostgreSQL the words get a trigram index (pg_trgm) for finding near words. The words themselves
are filled by research 0006 and themes 0006, from the content already there.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    apps.get_model("publishing", "PageCacheVersion").objects.get_or_create(pk=1)
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        # fastupdate off: words can arrive in bulk, and a long pending list would hide
        # the index from the planner until the next vacuum.
        "CREATE INDEX IF NOT EXISTS publishing_searchword_word_trgm "
        "ON publishing_searchword USING gin (word gin_trgm_ops) WITH (fastupdate = off)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publishing_searchword_word_trgm")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='PageCacheVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('word', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('documents', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(help_text="The model's label, e.g. research.publication.", max_length=100)),
                ('object_id', models.PositiveBigIntegerField()),
                ('words', models.TextField(help_text='Distinct words, separated by spaces.')),
            ],
            options={
                'verbose_name_plural': 'search entries',
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='one_search_entry_per_item')],
            },
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
