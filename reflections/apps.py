from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reflections"

    def ready(self):
        from publishing import search_index
        from themes import extensions

        from .models import Exercise
        from .search import EXERCISES

        search_index.register(EXERCISES)
        extensions.add_theme_context("exercises", Exercise.objects.for_theme, model=Exercise)
