from django.contrib import admin, messages
from django.db import models

from .history import HistoryAdmin
from .models import Authorship, Contributor, Publication, Status
from .tagging import TagVocabularyMixin


@admin.action(description="Publish selected items")
def publish(modeladmin, request, queryset):
    count = queryset.update(status=Status.PUBLISHED)
    modeladmin.message_user(request, f"Published {count} item(s).", messages.SUCCESS)


@admin.action(description="Unpublish selected items (back to draft)")
def unpublish(modeladmin, request, queryset):
    count = queryset.update(status=Status.DRAFT)
    modeladmin.message_user(request, f"Moved {count} item(s) back to draft.", messages.SUCCESS)


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["contributor"]
    extra = 1
    fields = ["position", "role", "contributor"]
    ordering = ["role", "position"]


@admin.register(Publication)
class PublicationAdmin(TagVocabularyMixin, HistoryAdmin):
    list_display = ["title", "kind", "year", "status", "updated"]
    list_filter = ["status", "kind", "year", "tags"]
    search_fields = ["title", "container_title", "publisher", "series", "doi", "isbn", "contributors__family_name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AuthorshipInline]
    actions = [publish, unpublish]
    date_hierarchy = "created"
    readonly_fields = ["created", "updated"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "status", "summary", "tags"]}),
        (
            "Where it appeared",
            {
                "fields": [
                    "year",
                    "month",
                    "container_title",
                    "volume",
                    "issue",
                    "pages",
                    "publisher",
                    "place",
                    "series",
                ]
            },
        ),
        ("Identifiers", {"fields": ["issn_print", "issn_online", "isbn", "doi", "url"]}),
        ("History", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")


@admin.register(Contributor)
class ContributorAdmin(HistoryAdmin):
    list_display = ["family_name", "given_names"]
    search_fields = ["family_name", "given_names"]
