"""Tag fields in admin: picked from the agreed vocabulary with autocomplete."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from taggit.models import Tag


class TagVocabularyMixin:
    """For a ModelAdmin whose model has `tags`.

    With TAG_VOCABULARY_CLOSED (the default) the tags field offers the existing
    tags with autocomplete, and the "+" beside it (a new tag) only to people
    allowed to add tags, the curators, so near-duplicates do not creep in.
    Otherwise it is taggit's free-text field.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name != "tags" or not settings.TAG_VOCABULARY_CLOSED:
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        tag_admin = self.admin_site.get_model_admin(Tag)
        widget = RelatedFieldWidgetWrapper(
            AutocompleteSelectMultiple(db_field, self.admin_site),
            db_field.remote_field,
            self.admin_site,
            can_add_related=tag_admin.has_add_permission(request),
            can_change_related=False,
            can_delete_related=False,
            can_view_related=False,
        )
        return forms.ModelMultipleChoiceField(
            queryset=Tag.objects.order_by("name"),
            required=False,
            widget=widget,
            help_text="Type to find a tag. Curators can add a new one with the + button.",
        )
