from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from reflections.models import Exercise
from research.models import Publication, Status
from themes.models import Theme


class PageSitemap(Sitemap):
    def items(self):
        return ["home", "themes:theme_list", "research:publication_list", "tag_list", "reflections:exercise_list"]

    def location(self, name):
        return reverse(name)


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.published().order_by("position")

    def lastmod(self, theme):
        return theme.updated


class PublicationSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Publication.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, publication):
        return publication.updated


class ExerciseSitemap(Sitemap):
    def items(self):
        return Exercise.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, exercise):
        return exercise.updated


class TagSitemap(Sitemap):
    def items(self):
        return (
            Tag.objects.filter(research_taggedpublication_items__content_object__status=Status.PUBLISHED)
            .union(Tag.objects.filter(themes_taggedtheme_items__content_object__status=Status.PUBLISHED))
            .union(Tag.objects.filter(reflections_taggedexercise_items__content_object__status=Status.PUBLISHED))
            .order_by("slug")
        )

    def location(self, tag):
        return reverse("tag_detail", args=[tag.slug])


SITEMAPS = {
    "pages": PageSitemap,
    "themes": ThemeSitemap,
    "research": PublicationSitemap,
    "exercises": ExerciseSitemap,
    "tags": TagSitemap,
}
