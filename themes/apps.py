from django.apps import AppConfig


class ThemesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "themes"

    def ready(self):
        from publishing import search_index
        from research import extensions

        from .research_pages import THEME_FILTER, supported_themes
        from .search import THEMES

        search_index.register(THEMES)
        extensions.add_list_filter(THEME_FILTER)
        extensions.add_publication_context("evidence", supported_themes)
