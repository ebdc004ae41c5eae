from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from publishing.models import Publishable, PublishableQuerySet, Status
from research.models import Publication


class ThemeQuerySet(PublishableQuerySet):
    def with_research_count(self):
        """Each theme's number of published publications, for cards that say how much research is linked so far."""
        published = models.Q(evidence__publication__status=Status.PUBLISHED)
        # An aggregate drops Meta.ordering, so the order is given again.
        return self.annotate(research_count=models.Count("evidence", filter=published)).order_by("position", "title")


class EvidenceQuerySet(models.QuerySet):
    def public(self):
        """Links whose two ends are both published."""
        return self.filter(theme__status=Status.PUBLISHED, publication__status=Status.PUBLISHED)

    def for_theme_page(self):
        """The links with their publications; the cards' tags and authors load only for the cards drawn afresh
        (research.templatetags.publications)."""
        return self.select_related("publication").defer("publication__search_vector")


class RecoveryMeaning(models.Model):
    """One of the three meanings of recovery the home page explains."""

    title = models.CharField(max_length=200)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


# /themes/map/ is the evidence map, so no theme may take its address.
RESERVED_THEME_SLUGS = {"map"}


def not_a_themes_page(slug):
    if slug in RESERVED_THEME_SLUGS:
        raise ValidationError(f"“{slug}” is the address of another page; choose a different slug.")


class Theme(Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, validators=[not_a_themes_page])
    position = models.PositiveSmallIntegerField(default=0, help_text="Themes are listed in this order.")
    summary = models.TextField(help_text="One or two sentences.")
    body = models.TextField(help_text="Markdown, in our own words.")
    question = models.TextField("question for reflection", blank=True)
    tags = TaggableManager(through="TaggedTheme", blank=True)
    publications = models.ManyToManyField(Publication, through="Evidence", related_name="themes")
    # From Publishable: status, created, updated, search_vector (of the fields themes.search names), history.

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("themes:theme_detail", args=[self.slug])


class Evidence(models.Model):
    """A link saying that a publication bears on a theme, and why."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="evidence")
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="evidence")
    note = models.TextField(help_text="Why this research bears on this theme, in a sentence or two.")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "evidence links"
        verbose_name = "evidence link"
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "publication"], name="one_evidence_link_per_theme_and_publication"
            ),
        ]

    def __str__(self):
        return f"{self.theme} ← {self.publication}"


class TaggedTheme(TaggedItemBase):
    """A theme's tag, with a real foreign key (see research.TaggedPublication)."""

    content_object = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_tag_per_theme"),
        ]
