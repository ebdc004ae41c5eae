from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reflections"
