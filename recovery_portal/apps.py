from django.apps import AppConfig


class RecoveryPortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recovery_portal"
    verbose_name = "Site"
