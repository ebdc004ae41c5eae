import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from research.importing import ImportFileError, apply_import, parse_references, plan_import, read_text

SHOW_AT_MOST = 50


class Command(BaseCommand):
    help = (
        "Import references from a RIS or BibTeX file as draft publications. Duplicates of the library or of "
        "earlier records are skipped, or fill in what the library lacks. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .ris or .bib file (told apart by its content), UTF-8.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        try:
            file_format, records = parse_references(read_text(data))
        except ImportFileError as error:
            raise CommandError(f"Nothing imported. {error}") from None

        plan = plan_import(records=records)
        self.stdout.write(f"{file}: {len(records)} {file_format} record(s): {plan.summary}.")
        for why, count in plan.skipped_by_why().most_common():
            self.stdout.write(f"  {count} skipped: {why}")
        for item in plan.skip[:SHOW_AT_MOST]:
            self.stdout.write(f"    record {item.number} (line {item.line}) “{item.record.title[:60]}”: {item.reason}")
        if len(plan.skip) > SHOW_AT_MOST:
            self.stdout.write(f"    … and {len(plan.skip) - SHOW_AT_MOST} more")
        if plan.new_tags:
            more = f" … and {len(plan.new_tags) - SHOW_AT_MOST} more" if len(plan.new_tags) > SHOW_AT_MOST else ""
            self.stdout.write(f"  New tags ({len(plan.new_tags)}): {', '.join(plan.new_tags[:SHOW_AT_MOST])}{more}")
        if plan.update_published:
            self.stdout.write(f"  {len(plan.update_published)} published publication(s) change on the site at once:")
            for item in plan.update_published[:SHOW_AT_MOST]:
                fill_ins = "; ".join(f"{label}: {value}" for label, value in item.fill_ins)
                self.stdout.write(
                    f"    record {item.number} (line {item.line}) fills in “{item.publication}”: {fill_ins}"
                )
        warnings = [(item, warning) for item in plan.create + plan.update for warning in item.warnings]
        for item, warning in warnings[:SHOW_AT_MOST]:
            self.stdout.write(f"  record {item.number} (line {item.line}): {warning}")

        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        to_write = len(plan.create) + len(plan.update)
        with tqdm(
            total=to_write, unit="record", desc="Importing", file=sys.stderr, disable=options["verbosity"] == 0
        ) as bar:
            result = apply_import(plan=plan, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(result.created)} draft publication(s); filled in {len(result.updated)} existing one(s)."
            )
        )
