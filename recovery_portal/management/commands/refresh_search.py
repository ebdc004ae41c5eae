import time

from django.core.management.base import BaseCommand

from recovery_portal.search import rebuild_search_words
from research.search import refresh_search_vectors, uses_postgres_search
from themes.search import refresh_theme_search_vectors


class Command(BaseCommand):
    help = (
        "Recompute every stored search vector and the “did you mean” word list (PostgreSQL; nothing to do on "
        "SQLite). For after changes made outside the admin, the loader and the importer, such as renaming a tag."
    )

    def handle(self, *args, **options):
        if not uses_postgres_search():
            self.stdout.write("Nothing to refresh: on this database search reads the fields themselves.")
            return
        started = time.monotonic()
        publications = refresh_search_vectors()
        themes = refresh_theme_search_vectors()
        rebuild_search_words()
        self.stdout.write(
            f"Refreshed {publications} publications and {themes} themes in {time.monotonic() - started:.1f} s."
        )
