"""Full-text search: a stored search vector on publications and a word list for "did you mean".

The column exists on every database (a nullable text column where there is no
`tsvector`), so these migrations apply on SQLite too. The GIN index, the pg_trgm
extension, the trigram index on the words and the first fill of the vectors are
PostgreSQL only. The SQL is frozen here on purpose: research.search may change
later, and this migration must keep doing what it did.
"""

from django.db import migrations, models

import publishing.fields

FILL_VECTORS = """
UPDATE research_publication AS target
SET search_vector =
    setweight(to_tsvector('english', coalesce(src.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(src.people, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.tag_names, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.container, '')), 'C')
    || setweight(to_tsvector('english', coalesce(src.summary, '')), 'D')
FROM (
    SELECT p.id, p.title, people.names AS people, tags.names AS tag_names,
           concat_ws(' ', p.container_title, p.series, p.publisher) AS container, p.summary
    FROM research_publication AS p
    LEFT JOIN (
        SELECT a.publication_id, string_agg(concat_ws(' ', c.given_names, c.family_name), ' ') AS names
        FROM research_authorship AS a JOIN research_contributor AS c ON c.id = a.contributor_id
        GROUP BY a.publication_id
    ) AS people ON people.publication_id = p.id
    LEFT JOIN (
        SELECT tp.content_object_id, string_agg(tag.name, ' ') AS names
        FROM research_taggedpublication AS tp JOIN taggit_tag AS tag ON tag.id = tp.tag_id
        GROUP BY tp.content_object_id
    ) AS tags ON tags.content_object_id = p.id
) AS src
WHERE target.id = src.id
"""

FILL_WORDS = """
INSERT INTO research_searchword (word, documents)
SELECT word, count(*)
FROM research_publication AS p,
     unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ', p.title, p.container_title, p.summary)))) AS word
WHERE p.status = 'published' AND word ~ '^[[:alpha:]]{3,40}$'
GROUP BY word
ON CONFLICT (word) DO NOTHING
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS research_publication_search_vector_gin "
        "ON research_publication USING gin (search_vector)"
    )
    schema_editor.execute(
        # fastupdate off: the words arrive in bulk, and a long pending list would hide
        # the index from the planner until the next vacuum.
        "CREATE INDEX IF NOT EXISTS research_searchword_word_trgm "
        "ON research_searchword USING gin (word gin_trgm_ops) WITH (fastupdate = off)"
    )
    schema_editor.execute(FILL_VECTORS)
    schema_editor.execute(FILL_WORDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS research_searchword_word_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS research_publication_search_vector_gin")


class Migration(migrations.Migration):

    dependencies = [
        ('research', '0003_study_design_and_history'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('word', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('documents', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name='publication',
            name='search_vector',
            field=publishing.fields.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
