"""Tags shared by every kind of content."""

from django.db import models, transaction
from taggit.models import Tag, TaggedItemBase

from research.models import TaggedPublication
from research.search import refresh_search_vectors
from themes.models import TaggedTheme
from themes.search import refresh_theme_search_vectors


def tagged_item_models():
    """Every through model that attaches a Tag to one model by a real foreign key.

    Publications and themes today, and whatever is added later; taggit's own
    generic TaggedItem is unused here.
    """
    return [
        relation.related_model
        for relation in Tag._meta.related_objects
        if issubclass(relation.related_model, TaggedItemBase)
        and isinstance(relation.related_model._meta.get_field("content_object"), models.ForeignKey)
    ]


@transaction.atomic
def merge_tags(*, survivor, others):
    """Move everything tagged with any of `others` onto `survivor`, then delete `others`.

    An item that already carries the survivor just loses the duplicate, so
    nothing ends up tagged twice and nothing loses a tag. Returns how many
    items were moved onto the survivor.
    """
    others = [tag for tag in others if tag.pk != survivor.pk]
    moved = 0
    for other in others:
        for through in tagged_item_models():
            carries_survivor = through.objects.filter(tag=survivor).values("content_object_id")
            through.objects.filter(tag=other, content_object_id__in=carries_survivor).delete()
            moved += through.objects.filter(tag=other).update(tag=survivor)
    Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
    refresh_search_for_tag(survivor)
    return moved


def refresh_search_for_tag(tag):
    """Tags are part of what search matches: recompute the vectors of everything carrying this one."""
    refresh_search_vectors(TaggedPublication.objects.filter(tag=tag).values_list("content_object_id", flat=True))
    refresh_theme_search_vectors(TaggedTheme.objects.filter(tag=tag).values_list("content_object_id", flat=True))
