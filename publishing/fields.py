"""Model fields that differ by database."""

from django.contrib.postgres.search import SearchVectorField as PostgresSearchVectorField


class SearchVectorField(PostgresSearchVectorField):
    """A stored `tsvector` on PostgreSQL; elsewhere an unused nullable text column.

    The column exists on every database so that one set of migrations applies
    everywhere; only the PostgreSQL search backend reads it. It is filled by
    `publishing.search_index.refresh`, never by `save()`.
    """

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"
