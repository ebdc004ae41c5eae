"""Tags shared by every kind of content: merging, renaming and deleting them, with search kept up to date."""

from django.db import models, transaction
from taggit.models import Tag, TaggedItemBase

from publishing import services


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


def _carrying(tags):
    """[(model, ids)] of everything that carries any of `tags`, kind by kind."""
    return [
        (
            through._meta.get_field("content_object").related_model,
            list(through.objects.filter(tag__in=tags).values_list("content_object_id", flat=True)),
        )
        for through in tagged_item_models()
    ]


def _content_changed(carriers):
    for model, ids in carriers:
        if ids:  # a tag nothing carries is on no public page
            services.content_changed(model=model, ids=ids)


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
    tag_changed(tag=survivor)
    return moved


def tag_changed(*, tag):
    """After a tag is saved (renamed, say): tags are part of what search matches, so refresh everything carrying it."""
    _content_changed(_carrying([tag]))


@transaction.atomic
def delete_tags(*, tags):
    """Delete `tags`; what carried them is searched without their names from now on."""
    tags = list(tags)
    carriers = _carrying(tags)
    Tag.objects.filter(pk__in=[tag.pk for tag in tags]).delete()
    _content_changed(carriers)
