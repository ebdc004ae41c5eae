"""Keeping the publications' stored search vectors (and the "did you mean" words) up to date.

On PostgreSQL every publication has a stored `tsvector` (see `Publication.search_vector`)
with weights: title A, contributors and tags B, container (journal or book, series,
publisher) C, summary D. It is never computed at query time. Whatever writes
publications calls `refresh_search_vectors(publication_ids)` afterwards, once, with
every id it touched: the curators' admin (after the inlines and tags are saved), the
content loader, the reference importer and the demo-data generator. It is one
set-based UPDATE, so it costs the same number of queries for 1 or 100,000 rows.

On other databases (SQLite) there is nothing to refresh: that search reads the
fields themselves.
"""

from django.db import connection
from taggit.models import Tag

from .models import Authorship, Contributor, Publication, SearchWord, Status, TaggedPublication

# After this many rows, refresh the planner's statistics too (the GIN index's
# selectivity estimates come from ANALYZE).
ANALYZE_AFTER = 1000

WORD_PATTERN = "^[[:alpha:]]{3,40}$"
# Created by migration 0004 (PostgreSQL only).
VECTOR_INDEX = "research_publication_search_vector_gin"


def uses_postgres_search():
    return connection.vendor == "postgresql"


def _publication_source_sql(publication_ids):
    """(sql, params): one row per publication with the text of each weighted part; all rows when ids is None."""

    def where(column):
        return "TRUE" if publication_ids is None else f"{column} = ANY(%s)"

    sql = f"""
        SELECT p.id, p.status, p.title, people.names AS people, tags.names AS tag_names,
               concat_ws(' ', p.container_title, p.series, p.publisher) AS container, p.summary
        FROM {Publication._meta.db_table} AS p
        LEFT JOIN (
            SELECT a.publication_id, string_agg(concat_ws(' ', c.given_names, c.family_name), ' ') AS names
            FROM {Authorship._meta.db_table} AS a
            JOIN {Contributor._meta.db_table} AS c ON c.id = a.contributor_id
            WHERE {where("a.publication_id")}
            GROUP BY a.publication_id
        ) AS people ON people.publication_id = p.id
        LEFT JOIN (
            SELECT tp.content_object_id, string_agg(tag.name, ' ') AS names
            FROM {TaggedPublication._meta.db_table} AS tp
            JOIN {Tag._meta.db_table} AS tag ON tag.id = tp.tag_id
            WHERE {where("tp.content_object_id")}
            GROUP BY tp.content_object_id
        ) AS tags ON tags.content_object_id = p.id
        WHERE {where("p.id")}
    """
    params = [] if publication_ids is None else [list(publication_ids)] * 3
    return sql, params


PUBLICATION_VECTOR_SQL = """
    setweight(to_tsvector('english', coalesce(src.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(src.people, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.tag_names, '')), 'B')
    || setweight(to_tsvector('english', coalesce(src.container, '')), 'C')
    || setweight(to_tsvector('english', coalesce(src.summary, '')), 'D')
"""


def refresh_search_vectors(publication_ids=None):
    """Recompute the stored search vector of these publications (all of them when None).

    Call it after saving a publication together with its contributors and tags,
    after an import, and after any bulk change; it also adds the new words of
    published ones to the "did you mean" list. Returns the number of rows updated
    (0 where the database has no full-text search).
    """
    publication_ids = distinct_ids(publication_ids)
    if not uses_postgres_search() or publication_ids == []:
        return 0
    source, params = _publication_source_sql(publication_ids)
    with connection.cursor() as cursor:
        updated = update_vectors(
            cursor, table=Publication._meta.db_table, vector_sql=PUBLICATION_VECTOR_SQL, source=source, params=params
        )
        add_search_words(cursor, source, params, columns=PUBLICATION_WORD_COLUMNS)
        if publication_ids is None or len(publication_ids) >= ANALYZE_AFTER:
            # After a bulk change: move the new index entries out of GIN's pending list
            # (which every search would otherwise scan) and refresh the planner's statistics.
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [VECTOR_INDEX])
            cursor.execute(f"ANALYZE {Publication._meta.db_table}")
            cursor.execute(f"ANALYZE {SearchWord._meta.db_table}")
    return updated


def distinct_ids(ids):
    """None stays None (meaning every row); anything else becomes a sorted list of distinct ints."""
    return None if ids is None else sorted({int(pk) for pk in ids})


def update_vectors(cursor, *, table, vector_sql, source, params):
    """One set-based UPDATE of `table`'s search_vector from `source` (SQL giving id and the text columns)."""
    cursor.execute(
        f"""
        UPDATE {table} AS target
        SET search_vector = {vector_sql}
        FROM ({source}) AS src
        WHERE target.id = src.id
        """,
        params,
    )
    return cursor.rowcount


def add_search_words(cursor, source, params, *, columns, exact=False):
    """Upsert the words of the published rows of `source` (SQL with `status` and `columns`) into the word list.

    `exact` adds document counts up (for a rebuild from an empty list); otherwise a
    word's count only grows, so saving one publication again does not inflate it.
    """
    table = SearchWord._meta.db_table
    merge = f"{table}.documents + EXCLUDED.documents" if exact else f"GREATEST({table}.documents, EXCLUDED.documents)"
    text = ", ".join(f"src.{column}" for column in columns)
    # ts_stat counts words in C, faster than unnest + GROUP BY; it takes its query as text,
    # so the parameters are bound into it first.
    documents = cursor.mogrify(
        f"SELECT to_tsvector('simple', concat_ws(' ', {text})) FROM ({source}) AS src WHERE src.status = %s",
        [*params, Status.PUBLISHED],
    )
    cursor.execute(
        f"""
        INSERT INTO {table} (word, documents)
        SELECT word, ndoc FROM ts_stat(%s) WHERE word ~ %s
        ON CONFLICT (word) DO UPDATE SET documents = {merge}
        """,
        [documents.decode() if isinstance(documents, bytes) else documents, WORD_PATTERN],
    )


PUBLICATION_WORD_COLUMNS = ("title", "people", "tag_names", "container", "summary")


def rebuild_publication_words():
    """Add every published publication's words, counting documents exactly (after the list was emptied)."""
    source, params = _publication_source_sql(None)
    with connection.cursor() as cursor:
        add_search_words(cursor, source, params, columns=PUBLICATION_WORD_COLUMNS, exact=True)
