from django.apps import AppConfig


class PublishingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"

    def ready(self):
        from django.core.signals import request_started

        from . import page_cache

        request_started.connect(page_cache.start_request, dispatch_uid="publishing.page_cache.start_request")
