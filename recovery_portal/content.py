"""Loading the shipped content (recovery_portal/content/recovery.yaml) into the database.

The loader only ever adds. Anything that already exists (matched by slug, or
by position for the meanings) is left exactly as a curator may have edited it,
so running it again is safe. Evidence links and tags are set only on objects
this run creates, so a link a curator removed does not come back.
"""

from collections import Counter
from pathlib import Path

import yaml
from django.db import transaction

from publishing import services
from reflections.models import Exercise, LanguageGuide, Prompt, ReflectiveModel, ReflectiveStage
from research import records
from research.models import Authorship, Contributor, Publication, Status
from themes.models import Evidence, RecoveryMeaning, Theme

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "recovery.yaml"
LANGUAGE_GUIDE_FILE = CONTENT_FILE.with_name("language-guide.yaml")
REFLECTIVE_MODELS_FILE = CONTENT_FILE.with_name("reflective-models.yaml")
EXERCISES_FILE = CONTENT_FILE.with_name("exercises.yaml")

# What the content file may say of a publication: what an import can carry, and its study design.
PUBLICATION_FIELDS = (*records.PUBLICATION_FIELDS, "study_design")
THEME_FIELDS = ("title", "position", "summary", "body", "question")


def read_content(path=CONTENT_FILE):
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


@transaction.atomic
def load_content(data):
    """Create whatever of `data` is missing; return a Counter of what was created."""
    created = Counter()

    existing = set(RecoveryMeaning.objects.values_list("position", flat=True))
    for position, meaning in enumerate(data.get("meanings", []), start=1):
        if position not in existing:
            RecoveryMeaning.objects.create(position=position, title=meaning["title"], text=meaning["text"])
            created["meanings"] += 1

    new_publications = set()
    for item in data.get("publications", []):
        if Publication.objects.filter(slug=item["slug"]).exists():
            continue
        publication = Publication(
            slug=item["slug"],
            status=Status.PUBLISHED,
            **{field: item[field] for field in PUBLICATION_FIELDS if field in item},
        )
        publication.summary = publication.summary.strip()
        publication.full_clean()
        publication.save()
        for role, key in ((Authorship.Role.AUTHOR, "authors"), (Authorship.Role.EDITOR, "editors")):
            for position, person in enumerate(item.get(key, []), start=1):
                contributor, _ = Contributor.objects.get_or_create(
                    family_name=person["family"], given_names=person.get("given", "")
                )
                Authorship.objects.create(
                    publication=publication, contributor=contributor, role=role, position=position
                )
        publication.tags.set(item.get("tags", []))
        new_publications.add(publication.slug)
        created["publications"] += 1

    new_themes = []
    for item in data.get("themes", []):
        theme = Theme.objects.filter(slug=item["slug"]).first()
        theme_is_new = theme is None
        if theme_is_new:
            theme = Theme(
                slug=item["slug"], status=Status.PUBLISHED, **{f: item[f] for f in THEME_FIELDS if f in item}
            )
            theme.body = theme.body.strip()
            theme.full_clean()
            theme.save()
            theme.tags.set(item.get("tags", []))
            new_themes.append(theme.pk)
            created["themes"] += 1
        for position, link in enumerate(item.get("evidence") or [], start=1):
            if not (theme_is_new or link["publication"] in new_publications):
                continue
            publication = Publication.objects.filter(slug=link["publication"]).first()
            if publication is None:
                raise ValueError(f"Theme {item['slug']!r} links to unknown publication {link['publication']!r}.")
            _, made = Evidence.objects.get_or_create(
                theme=theme, publication=publication, defaults={"note": link["note"].strip(), "position": position}
            )
            created["evidence links"] += made
    # Search covers contributors and tags, so refresh once everything is saved (and move the page cache on).
    if created:
        new_ids = Publication.objects.filter(slug__in=new_publications).values_list("pk", flat=True)
        services.content_changed(model=Publication, ids=new_ids)
        services.content_changed(model=Theme, ids=new_themes)
    return created


@transaction.atomic
def load_language_guide(entries):
    """Add the guide's phrases that are missing (matched in any case); return a Counter of what was created."""
    existing = {phrase.lower() for phrase in LanguageGuide.objects.values_list("phrase", flat=True)}
    created = Counter()
    for item in entries:
        if item["phrase"].lower() in existing:
            continue
        entry = LanguageGuide(phrase=item["phrase"], preferred=item.get("preferred", ""), why=item["why"].strip())
        entry.full_clean()
        entry.save()
        existing.add(entry.phrase.lower())
        created["language guide entries"] += 1
    return created


@transaction.atomic
def load_reflective_models(data):
    """Create the reflective models (with their stages) whose slug is not there yet; return a Counter."""
    created = Counter()
    existing = set(ReflectiveModel.objects.values_list("slug", flat=True))
    for position, item in enumerate(data.get("reflective_models", []), start=1):
        if item["slug"] in existing:
            continue
        model = ReflectiveModel.objects.create(
            slug=item["slug"],
            position=position,
            **{f: item[f].strip() for f in ("name", "source", "summary") if f in item},
        )
        for stage_position, stage in enumerate(item["stages"], start=1):
            ReflectiveStage.objects.create(model=model, position=stage_position, **stage)
        created["reflective models"] += 1
    return created


@transaction.atomic
def load_exercises(data):
    """Create the exercises whose slug is not there yet, published, with their prompts, themes, readings and tags.

    Needs the themes, publications and reflective models they name (load those first); a name that is not
    there is an error, so a typo never ships an exercise without its theme or reading. Returns a Counter.
    """
    created = Counter()
    existing = set(Exercise.objects.values_list("slug", flat=True))
    new_ids = []
    for item in data.get("exercises", []):
        if item["slug"] in existing:
            continue
        exercise = Exercise(
            slug=item["slug"],
            status=Status.PUBLISHED,
            title=item["title"],
            summary=item.get("summary", "").strip(),
            instructions=item.get("instructions", "").strip(),
            estimated_minutes=item.get("estimated_minutes"),
            reflective_model=_named(ReflectiveModel, item["reflective_model"], item),
        )
        exercise.full_clean()
        exercise.save()
        exercise.themes.set([_named(Theme, slug, item) for slug in item.get("themes", [])])
        exercise.readings.set([_named(Publication, slug, item) for slug in item.get("readings", [])])
        exercise.tags.set(item.get("tags", []))
        for position, prompt in enumerate(item.get("prompts", []), start=1):
            Prompt.objects.create(
                exercise=exercise, position=position, text=prompt["text"].strip(), guidance=prompt.get("guidance", "")
            )
        new_ids.append(exercise.pk)
        created["exercises"] += 1
    if new_ids:
        services.content_changed(model=Exercise, ids=new_ids)
    return created


def _named(model, slug, item):
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise ValueError(f"Exercise {item['slug']!r} names unknown {model._meta.verbose_name} {slug!r}.")
    return found
