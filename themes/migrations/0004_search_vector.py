"""Full-text search: a stored search vector on themes (see research 0004 for the approach).

The GIN index and the first fill are PostgreSQL only; the SQL is frozen here on purpose.
"""

from django.db import migrations

import publishing.fields

FILL_VECTORS = """
UPDATE themes_theme AS target
SET search_vector =
    setweight(to_tsvector('english', coalesce(src.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(src.tag_names, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.summary, '')), 'C')
    || setweight(to_tsvector('english', coalesce(src.body, '')), 'D')
FROM (
    SELECT t.id, t.title, tags.names AS tag_names, t.summary, concat_ws(' ', t.body, t.question) AS body
    FROM themes_theme AS t
    LEFT JOIN (
        SELECT tt.content_object_id, string_agg(tag.name, ' ') AS names
        FROM themes_taggedtheme AS tt JOIN taggit_tag AS tag ON tag.id = tt.tag_id
        GROUP BY tt.content_object_id
    ) AS tags ON tags.content_object_id = t.id
) AS src
WHERE target.id = src.id
"""

FILL_WORDS = """
INSERT INTO research_searchword (word, documents)
SELECT word, count(*)
FROM themes_theme AS t,
     unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ', t.title, t.summary, t.body)))) AS word
WHERE t.status = 'published' AND word ~ '^[[:alpha:]]{3,40}$'
GROUP BY word
ON CONFLICT (word) DO UPDATE SET documents = research_searchword.documents + EXCLUDED.documents
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS themes_theme_search_vector_gin ON themes_theme USING gin (search_vector)"
    )
    schema_editor.execute(FILL_VECTORS)
    schema_editor.execute(FILL_WORDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS themes_theme_search_vector_gin")


class Migration(migrations.Migration):

    dependencies = [
        ('research', '0004_search_vector'),
        ('themes', '0003_history'),
    ]
    # FILL_WORDS writes to research_searchword, which research 0008 replaces with publishing's list.
    run_before = [
        ('research', '0008_words_move_to_publishing'),
    ]

    operations = [
        migrations.AddField(
            model_name='theme',
            name='search_vector',
            field=publishing.fields.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
