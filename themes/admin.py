from django.contrib import admin
from django.db.models import Count

from publishing.admin import PublicContentAdmin, PublishableAdmin

from .models import Evidence, RecoveryMeaning, Theme


class EvidenceInline(admin.TabularInline):
    model = Evidence
    autocomplete_fields = ["publication"]
    extra = 1
    fields = ["position", "publication", "note"]


@admin.register(Theme)
class ThemeAdmin(PublishableAdmin):
    list_display = ["title", "position", "status", "evidence_count", "updated"]
    list_editable = ["position"]
    list_filter = ["status", "tags"]
    search_fields = ["title", "summary", "body", "question"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EvidenceInline]
    fields = ["title", "slug", "position", "status", "summary", "body", "question", "tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_total=Count("evidence"))

    @admin.display(description="research linked", ordering="evidence_total")
    def evidence_count(self, theme):
        return theme.evidence_total


@admin.register(Evidence)
class EvidenceAdmin(PublicContentAdmin):
    list_display = ["theme", "publication", "position"]
    list_filter = ["theme"]
    search_fields = ["theme__title", "publication__title", "note"]
    autocomplete_fields = ["theme", "publication"]
    list_select_related = ["theme", "publication"]


@admin.register(RecoveryMeaning)
class RecoveryMeaningAdmin(PublicContentAdmin):
    list_display = ["title", "position"]
    list_editable = ["position"]
