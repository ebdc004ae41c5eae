"""Edit history in admin: every change recorded (django-simple-history), any version restorable,
and deleted items listed so they can be brought back the same way."""

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import render
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin plus a "Recover deleted" page linked from the changelist."""

    change_list_template = "admin/history_change_list.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{opts.app_label}_{opts.model_name}_deleted",
            ),
            *super().get_urls(),
        ]

    def deleted_view(self, request):
        """The last recorded state of each object that no longer exists, newest deletion first."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        history = self.model.history
        existing = self.model._default_manager.values("pk")
        last_versions = history.exclude(id__in=existing).values("id").annotate(last=Max("history_id")).values("last")
        deleted = history.filter(history_id__in=last_versions, history_type="-").select_related("history_user")
        restorable = {
            row["id"]: row["history_id"]
            for row in history.filter(id__in=deleted.values("id"))
            .exclude(history_type="-")
            .values("id")
            .annotate(history_id=Max("history_id"))
        }
        rows = [(record, restorable.get(record.id)) for record in deleted.order_by("-history_date")[:200]]
        return render(
            request,
            "admin/history_deleted.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Recover deleted {self.model._meta.verbose_name_plural}",
                "opts": self.model._meta,
                "rows": rows,
            },
        )
