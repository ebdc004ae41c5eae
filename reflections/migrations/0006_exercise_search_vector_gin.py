"""Full-text search on exercises: the GIN index on their stored search vector and its first fill.

PostgreSQL only, as themes 0004 does; the SQL is frozen here on purpose. The "did you mean" words of
exercises published before this migration arrive with the next save or `manage.py refresh_search`.
"""

from django.db import migrations

FILL_VECTORS = """
UPDATE reflections_exercise AS target
SET search_vector =
    setweight(to_tsvector('english', coalesce(src.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(src.tag_names, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.summary, '')), 'C')
    || setweight(to_tsvector('english', coalesce(src.instructions, '')), 'D')
    || setweight(to_tsvector('english', coalesce(src.prompt_texts, '')), 'D')
FROM (
    SELECT e.id, e.title, tags.names AS tag_names, e.summary, e.instructions, prompts.texts AS prompt_texts
    FROM reflections_exercise AS e
    LEFT JOIN (
        SELECT te.content_object_id, string_agg(tag.name, ' ') AS names
        FROM reflections_taggedexercise AS te JOIN taggit_tag AS tag ON tag.id = te.tag_id
        GROUP BY te.content_object_id
    ) AS tags ON tags.content_object_id = e.id
    LEFT JOIN (
        SELECT p.exercise_id, string_agg(p.text, ' ') AS texts
        FROM reflections_prompt AS p
        GROUP BY p.exercise_id
    ) AS prompts ON prompts.exercise_id = e.id
) AS src
WHERE target.id = src.id
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS reflections_exercise_search_vector_gin "
        "ON reflections_exercise USING gin (search_vector)"
    )
    schema_editor.execute(FILL_VECTORS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS reflections_exercise_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("reflections", "0005_exercise_publishable"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
