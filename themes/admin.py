from django.contrib import admin
from django.db.models import Count

from research.admin import publish, unpublish
from research.history import HistoryAdmin
from research.tagging import TagVocabularyMixin

from .models import Evidence, RecoveryMeaning, Theme
from .search import refresh_theme_search_vectors


class EvidenceInline(admin.TabularInline):
    model = Evidence
    autocomplete_fields = ["publication"]
    extra = 1
    fields = ["position", "publication", "note"]


@admin.register(Theme)
class ThemeAdmin(TagVocabularyMixin, HistoryAdmin):
    list_display = ["title", "position", "status", "evidence_count", "updated"]
    list_editable = ["position"]
    list_filter = ["status", "tags"]
    search_fields = ["title", "summary", "body", "question"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EvidenceInline]
    actions = [publish, unpublish]
    fields = ["title", "slug", "position", "status", "summary", "body", "question", "tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_total=Count("evidence"))

    @admin.display(description="research linked", ordering="evidence_total")
    def evidence_count(self, theme):
        return theme.evidence_total

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search vector includes the tags, saved only now.
        refresh_theme_search_vectors([form.instance.pk])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST":  # a restored version: its save does not go through save_related
            refresh_theme_search_vectors([object_id])
        return response


@admin.register(Evidence)
class EvidenceAdmin(HistoryAdmin):
    list_display = ["theme", "publication", "position"]
    list_filter = ["theme"]
    search_fields = ["theme__title", "publication__title", "note"]
    autocomplete_fields = ["theme", "publication"]
    list_select_related = ["theme", "publication"]


@admin.register(RecoveryMeaning)
class RecoveryMeaningAdmin(HistoryAdmin):
    list_display = ["title", "position"]
    list_editable = ["position"]
