"""django-taggit under the name curators know it by: its admin section reads "Tags", not "Taggit"."""

from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"
