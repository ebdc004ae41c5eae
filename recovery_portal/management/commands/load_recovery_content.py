import yaml
from django.core.management.base import BaseCommand, CommandError

from recovery_portal.content import CONTENT_FILE, LANGUAGE_GUIDE_FILE, load_content, load_language_guide, read_content


class Command(BaseCommand):
    help = "Load the shipped themes, meanings, publications, evidence links and tags. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(CONTENT_FILE), help="Content file (YAML).")

    def handle(self, *args, file, **options):
        try:
            data = read_content(file)
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Could not read {file}: {error}") from None
        created = load_content(data)
        created += load_language_guide(read_content(LANGUAGE_GUIDE_FILE))
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        else:
            self.stdout.write("Everything in the content file is already here; nothing changed.")
