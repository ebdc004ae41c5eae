"""Admin bases: every save, restore and delete of public content goes through publishing.services."""

from django.contrib import admin, messages

from . import services
from .history import HistoryAdmin
from .tagging import TagVocabularyMixin


class PublicContentAdmin(HistoryAdmin):
    """For anything the public pages show (themes, research, evidence links, reflective models, ...).

    After a save (with its inlines and tags, also from the changelist's editable columns), a restore from
    history or a delete, search and the page cache follow at once (services.content_changed); deletes are
    recorded with who made them.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.content_changed(model=self.model, ids=[form.instance.pk])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:  # restored: this save skips save_related
            services.content_changed(model=self.model, ids=[object_id])
        return response

    def delete_model(self, request, obj):
        services.delete(items=self.model._default_manager.filter(pk=obj.pk), by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete(items=queryset, by=request.user)


class PublishableAdmin(TagVocabularyMixin, PublicContentAdmin):
    """For a `Publishable` kind: publish and unpublish actions for people who may change it."""

    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected items", permissions=["change"])
    def publish(self, request, queryset):
        count = services.publish(items=queryset, by=request.user)
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = services.unpublish(items=queryset, by=request.user)
        self.message_user(request, f"Moved {count} item(s) back to draft.", messages.SUCCESS)
