import time

from django.core.management.base import BaseCommand, CommandError

from recovery_portal import demo_data


class Command(BaseCommand):
    help = (
        "Add clearly marked synthetic publications (title “[Synthetic] …”, slug “synthetic-…”, tag "
        "“synthetic-demo”) with contributors, tags and links to the existing themes, for benchmarks and demos. "
        "Never changes real content; --delete removes only the synthetic rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--publications", type=int, default=0, help="How many synthetic publications to add.")
        parser.add_argument("--seed", type=int, default=0, help="Seed for reproducible text (default 0).")
        parser.add_argument(
            "--delete", action="store_true", help="Remove every synthetic publication first (or only, without N)."
        )
        parser.add_argument(
            "--total",
            action="store_true",
            help="Treat N as the number wanted in all: add only what is missing (for make bench).",
        )

    def handle(self, *args, publications, seed, delete, total, verbosity, **options):
        self.verbosity = verbosity
        if publications < 0:
            raise CommandError("--publications must be 0 or more.")
        if not publications and not delete and not total:
            raise CommandError("Give --publications N to add synthetic publications, or --delete to remove them.")
        if delete:
            started = time.monotonic()
            deleted = demo_data.delete_synthetic()
            self.stdout.write(f"Deleted {deleted} synthetic publications in {time.monotonic() - started:.1f} s.")
        if total:
            existing = demo_data.synthetic_publications().count()
            publications = max(0, publications - existing)
            if not publications:
                self.stdout.write(f"Already {existing} synthetic publications; nothing to add.")
                return
        if publications:
            started = time.monotonic()
            ids = demo_data.generate(count=publications, seed=seed, progress=self._progress(publications))
            demo_data.vacuum_analyze()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {len(ids)} synthetic publications in {time.monotonic() - started:.1f} s "
                    "(search vectors refreshed)."
                )
            )

    def _progress(self, wanted):
        def report(done):
            if self.verbosity >= 2 or (self.verbosity >= 1 and wanted >= 20000):
                self.stdout.write(f"  {done} / {wanted}")

        return report
