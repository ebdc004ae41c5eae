# Reflections, their answers and saved versions are their authors' alone: they are not in the admin.
from django.contrib import admin

from research.admin import publish, unpublish
from research.tagging import TagVocabularyMixin

from .models import Exercise, Prompt, ReflectiveModel, ReflectiveStage


class ReflectiveStageInline(admin.StackedInline):
    model = ReflectiveStage
    extra = 0
    fields = ["position", "title", "prompt", "guidance", "cpd_use"]


@admin.register(ReflectiveModel)
class ReflectiveModelAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "source", "summary", "position"]
    inlines = [ReflectiveStageInline]


class PromptInline(admin.TabularInline):
    model = Prompt
    extra = 1
    fields = ["position", "text", "guidance"]


@admin.register(Exercise)
class ExerciseAdmin(TagVocabularyMixin, admin.ModelAdmin):
    list_display = ["title", "reflective_model", "status", "updated"]
    list_filter = ["status", "reflective_model", "themes"]
    search_fields = ["title", "instructions"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["readings"]
    filter_horizontal = ["themes"]
    inlines = [PromptInline]
    actions = [publish, unpublish]
    fields = [
        "title",
        "slug",
        "status",
        "reflective_model",
        "instructions",
        "estimated_minutes",
        "themes",
        "readings",
        "tags",
        "author",
    ]
    raw_id_fields = ["author"]
