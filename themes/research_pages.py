"""What themes add to research's pages (registered in ThemesConfig.ready; research imports nothing from themes):
the research list's theme filter and, on a publication's page, the themes it supports with the reasons."""

from django.db.models import Exists, OuterRef

from publishing.models import Status
from research.extensions import ListFilter

from .models import Evidence, Theme


def theme_choices():
    """Published themes with published research, as (slug, title)."""
    linked = Evidence.objects.filter(theme=OuterRef("pk"), publication__status=Status.PUBLISHED)
    return list(Theme.objects.published().filter(Exists(linked)).order_by("position").values_list("slug", "title"))


def linked_to_theme(publications, slug):
    return publications.filter(evidence__theme__slug=slug, evidence__theme__status=Status.PUBLISHED)


THEME_FILTER = ListFilter(
    name="theme", label="Theme", any_label="Any theme", choices=theme_choices, apply=linked_to_theme
)


def supported_themes(publication, user):
    """The links from this publication to the themes it supports (curators also see draft themes)."""
    return (
        Evidence.objects.filter(publication=publication, theme__in=Theme.objects.visible_to(user))
        .select_related("theme")
        .order_by("theme__position")
    )
