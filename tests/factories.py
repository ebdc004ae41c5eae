"""Small functions that make test data: make_publication(**overrides) and friends."""

from itertools import count

from research.models import Authorship, Contributor, Publication, Status
from themes.models import Evidence, Theme

_numbers = count(1)


def make_publication(*, authors=(), editors=(), tags=(), **overrides):
    number = next(_numbers)
    fields = {
        "kind": Publication.Kind.JOURNAL_ARTICLE,
        "title": f"A study of recovery number {number}",
        "slug": f"study-{number}",
        "year": 2008,
        "status": Status.PUBLISHED,
        "summary": "What this study is about.",
    }
    fields.update(overrides)
    publication = Publication.objects.create(**fields)
    for role, people in ((Authorship.Role.AUTHOR, authors), (Authorship.Role.EDITOR, editors)):
        for position, (family, given) in enumerate(people, start=1):
            contributor, _ = Contributor.objects.get_or_create(family_name=family, given_names=given)
            Authorship.objects.create(publication=publication, contributor=contributor, role=role, position=position)
    if tags:
        publication.tags.set(list(tags))
    return publication


def make_theme(*, tags=(), **overrides):
    number = next(_numbers)
    fields = {
        "title": f"Theme number {number}",
        "slug": f"theme-{number}",
        "position": number,
        "summary": "A short summary of the theme.",
        "body": "The theme in a few *plain* words.",
        "question": "What does this mean for your practice?",
        "status": Status.PUBLISHED,
    }
    fields.update(overrides)
    theme = Theme.objects.create(**fields)
    if tags:
        theme.tags.set(list(tags))
    return theme


def link(theme, publication, note="Why it bears on the theme.", position=0):
    return Evidence.objects.create(theme=theme, publication=publication, note=note, position=position)


def refresh_search():
    """Bring search up to date with everything (stored vectors on PostgreSQL, "did you mean" words everywhere),
    as the admin, the content loader and the importer do after they write. The factories above write rows
    directly, so tests that search call this once their data is made."""
    from publishing import search_index

    search_index.rebuild()
