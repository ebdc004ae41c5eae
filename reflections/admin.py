from django.contrib import admin

from publishing.history import HistoryAdmin

from .models import LanguageGuide


@admin.register(LanguageGuide)
class LanguageGuideAdmin(HistoryAdmin):
    list_display = ["phrase", "preferred", "active"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["phrase", "preferred", "why"]
    fields = ["phrase", "preferred", "why", "active"]
