import time

from django.core.management.base import BaseCommand

from publishing import page_cache, search_index
from publishing.models import SearchWord


class Command(BaseCommand):
    help = (
        "Recompute search from the content: every stored search vector (PostgreSQL) and the “did you mean” word "
        "list. For after changes made behind the application's back, such as rows edited in SQL."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        vectors = search_index.rebuild()
        page_cache.bump()
        words = SearchWord.objects.count()
        if search_index.full_text_search():
            counts = ", ".join(f"{name}: {count}" for name, count in vectors.items())
            done = f"Refreshed the stored search vectors ({counts}) and the “did you mean” list ({words} words)"
        else:
            done = f"Rebuilt the “did you mean” list ({words} words; this database's search reads the fields)"
        self.stdout.write(f"{done} in {time.monotonic() - started:.1f} s.")
