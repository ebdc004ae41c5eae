"""What every publishable kind of content shares: publications, themes, and exercises to come.

A new kind subclasses `Publishable` (status, times, search vector, edit history),
registers its search fields with `publishing.search_index`, and gives its admin
`PublishableAdmin`; publishing, unpublishing, deleting, search and the page
cache then work for it as for the others.
"""

from django.contrib.auth import get_permission_codename
from django.db import models
from simple_history.models import HistoricalRecords

from .fields import SearchVectorField


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def permission(action, model):
    """The permission for an action on a model: ("change", Publication) -> "research.change_publication"."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for people who may change this kind (curators preview drafts); published items for others."""
        if user.has_perm(permission("change", self.model)):
            return self
        return self.published()


class Publishable(models.Model):
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # The weighted words of the kind's search fields (publishing.search_index), kept fresh by
    # search_index.refresh; GIN-indexed on PostgreSQL (each kind's migration), unused elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)
    # Each subclass gets its own history table (research.HistoricalPublication, ...).
    history = HistoricalRecords(inherit=True, excluded_fields=["search_vector"])

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class SearchWord(models.Model):
    """A word of published content and how many published items hold it: "did you mean" offers these.

    Kept exact by `search_index.refresh`, so a word found only in drafts or deleted items is never offered.
    PostgreSQL finds near words with a trigram index (migration 0001); SQLite compares in Python.
    """

    word = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class SearchEntry(models.Model):
    """The words one published item has counted into SearchWord, so that unpublishing, deleting or editing
    it takes back exactly those."""

    kind = models.CharField(max_length=100, help_text="The model's label, e.g. research.publication.")
    object_id = models.PositiveBigIntegerField()
    words = models.TextField(help_text="Distinct words, separated by spaces.")

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry_per_item"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class PageCacheVersion(models.Model):
    """One row, whose number every write to public content moves on (see publishing.page_cache)."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return str(self.number)
