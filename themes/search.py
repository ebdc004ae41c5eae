"""Keeping the themes' stored search vectors up to date (see research.search for the why).

Weights: title A, tags B, summary C, body and question D. Call
`refresh_theme_search_vectors(theme_ids)` after saving themes with their tags.
"""

from django.db import connection
from taggit.models import Tag

from research.search import add_search_words, distinct_ids, update_vectors, uses_postgres_search

from .models import TaggedTheme, Theme

THEME_WORD_COLUMNS = ("title", "tag_names", "summary", "body")

THEME_VECTOR_SQL = """
    setweight(to_tsvector('english', coalesce(src.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(src.tag_names, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.summary, '')), 'C')
    || setweight(to_tsvector('english', coalesce(src.body, '')), 'D')
"""


def _theme_source_sql(theme_ids):
    def where(column):
        return "TRUE" if theme_ids is None else f"{column} = ANY(%s)"

    sql = f"""
        SELECT t.id, t.status, t.title, tags.names AS tag_names, t.summary,
               concat_ws(' ', t.body, t.question) AS body
        FROM {Theme._meta.db_table} AS t
        LEFT JOIN (
            SELECT tt.content_object_id, string_agg(tag.name, ' ') AS names
            FROM {TaggedTheme._meta.db_table} AS tt
            JOIN {Tag._meta.db_table} AS tag ON tag.id = tt.tag_id
            WHERE {where("tt.content_object_id")}
            GROUP BY tt.content_object_id
        ) AS tags ON tags.content_object_id = t.id
        WHERE {where("t.id")}
    """
    return sql, [] if theme_ids is None else [list(theme_ids)] * 2


def refresh_theme_search_vectors(theme_ids=None):
    """Recompute the stored search vector of these themes (all when None); one UPDATE. Returns rows updated."""
    theme_ids = distinct_ids(theme_ids)
    if not uses_postgres_search() or theme_ids == []:
        return 0
    source, params = _theme_source_sql(theme_ids)
    with connection.cursor() as cursor:
        updated = update_vectors(
            cursor, table=Theme._meta.db_table, vector_sql=THEME_VECTOR_SQL, source=source, params=params
        )
        add_search_words(cursor, source, params, columns=THEME_WORD_COLUMNS)
    return updated


def rebuild_theme_words():
    """Add every published theme's words, counting documents exactly (after the list was emptied)."""
    source, params = _theme_source_sql(None)
    with connection.cursor() as cursor:
        add_search_words(cursor, source, params, columns=THEME_WORD_COLUMNS, exact=True)
