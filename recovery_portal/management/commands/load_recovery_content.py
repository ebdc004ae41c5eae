import yaml
from django.core.management.base import BaseCommand, CommandError

from recovery_portal.content import (
    CONTENT_FILE,
    EXERCISES_FILE,
    LANGUAGE_GUIDE_FILE,
    REFLECTIVE_MODELS_FILE,
    load_content,
    load_exercises,
    load_language_guide,
    load_reflective_models,
    read_content,
)


class Command(BaseCommand):
    help = (
        "Load the shipped themes, meanings, publications, evidence links, tags, reflective models and exercises. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(CONTENT_FILE), help="Content file (YAML).")

    def handle(self, *args, file, **options):
        created = load_content(self.read(file))
        created += load_language_guide(self.read(LANGUAGE_GUIDE_FILE))
        created.update(load_reflective_models(self.read(REFLECTIVE_MODELS_FILE)))
        created.update(load_exercises(self.read(EXERCISES_FILE)))
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        else:
            self.stdout.write("Everything in the content file is already here; nothing changed.")

    def read(self, file):
        try:
            return read_content(file)
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Could not read {file}: {error}") from None
