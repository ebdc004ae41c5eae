# Reflections, their answers and saved versions are their authors' alone: they are not in the admin.
from django.contrib import admin

from publishing.admin import PublicContentAdmin, PublishableAdmin
from publishing.history import HistoryAdmin

from .models import Exercise, LanguageGuide, Prompt, ReflectiveModel, ReflectiveStage


class ReflectiveStageInline(admin.StackedInline):
    model = ReflectiveStage
    extra = 0
    fields = ["position", "title", "prompt", "guidance", "cpd_use"]


# Exercise pages and cards show a model's name and stages: edits (and restores from history) move the content
# version on.
@admin.register(ReflectiveModel)
class ReflectiveModelAdmin(PublicContentAdmin):
    list_display = ["name", "source", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "source", "summary", "position"]
    inlines = [ReflectiveStageInline]


class PromptInline(admin.TabularInline):
    model = Prompt
    extra = 1
    fields = ["position", "text", "guidance", "stage"]
    # Set on the trainer pages (a prompt rewording one of the model's stages); shown here so curators see why
    # such an exercise asks its prompts in place of the model's stages.
    readonly_fields = ["stage"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("stage__model")


@admin.register(Exercise)
class ExerciseAdmin(PublishableAdmin):
    list_display = ["title", "reflective_model", "status", "updated"]
    list_filter = ["status", "reflective_model", "themes"]
    search_fields = ["title", "summary", "instructions"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["readings"]
    filter_horizontal = ["themes"]
    inlines = [PromptInline]
    fields = [
        "title",
        "slug",
        "status",
        "reflective_model",
        "summary",
        "instructions",
        "estimated_minutes",
        "themes",
        "readings",
        "tags",
        "author",
    ]
    raw_id_fields = ["author"]


@admin.register(LanguageGuide)
class LanguageGuideAdmin(HistoryAdmin):
    list_display = ["phrase", "preferred", "active"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["phrase", "preferred", "why"]
    fields = ["phrase", "preferred", "why", "active"]
