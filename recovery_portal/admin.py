from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from .models import SiteDetails
from .tags import delete_tags, merge_tags, tag_changed, tagged_item_models

admin.site.unregister(Tag)


class MergeTagsForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        label="Keep this tag",
        help_text="Everything tagged with any of the selected tags will carry this one; the others are deleted.",
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = tags


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "usage"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        usage = {
            f"uses_{through._meta.model_name}": Count(through.tag.field.related_query_name(), distinct=True)
            for through in tagged_item_models()
        }
        return queryset.annotate(**usage)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        tag_changed(tag=obj)

    def delete_model(self, request, obj):
        delete_tags(tags=[obj])

    def delete_queryset(self, request, queryset):
        delete_tags(tags=queryset)

    @admin.display(description="used by")
    def usage(self, tag):
        return sum(getattr(tag, f"uses_{through._meta.model_name}") for through in tagged_item_models())

    @admin.action(description="Merge selected tags into one", permissions=["change"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeTagsForm(request.POST if "survivor" in request.POST else None, tags=queryset)
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            others = [tag for tag in queryset if tag.pk != survivor.pk]
            moved = merge_tags(survivor=survivor, others=others)
            names = ", ".join(f"“{tag.name}”" for tag in others)
            self.message_user(
                request, f"Merged {names} into “{survivor.name}” ({moved} item(s) moved).", messages.SUCCESS
            )
            return redirect(request.get_full_path())
        return render(
            request,
            "admin/taggit/tag/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge tags",
                "opts": self.model._meta,
                "form": form,
                "tags": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(SiteDetails)
class SiteDetailsAdmin(SimpleHistoryAdmin):
    """One row: the list goes straight to it (or to adding it, the first time)."""

    fields = ["content_reviewed_on", "report_email"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        details = SiteDetails.objects.order_by("pk").first()
        if details is None:
            return redirect(reverse("admin:recovery_portal_sitedetails_add"))
        return redirect(reverse("admin:recovery_portal_sitedetails_change", args=[details.pk]))
