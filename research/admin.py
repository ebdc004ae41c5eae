from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models
from django.shortcuts import redirect, render
from django.urls import path, reverse

from publishing import services
from publishing.admin import PublicContentAdmin, PublishableAdmin

from .importing import (
    ImportFileError,
    hold_upload,
    import_held_upload,
    parse_references,
    plan_import,
    read_text,
)
from .models import Authorship, Contributor, Publication


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["contributor"]
    extra = 1
    fields = ["position", "role", "contributor"]
    ordering = ["role", "position"]


PREVIEW_ROWS = 500


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="RIS or BibTeX file",
        help_text="A .ris or .bib file saved as UTF-8, such as an export from Zotero, EndNote or a database.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_UPLOAD_MAX_MB
        if upload.size > limit * 1024 * 1024:
            # Refused before it is read: a larger import would not finish within one web request.
            raise forms.ValidationError(
                f"This file is {upload.size / 1024 / 1024:.1f} MB; imports here take files up to {limit} MB, "
                "so that they finish within one web request. Ask whoever runs the server to import it with "
                "“manage.py import_research FILE” (add --dry-run first to see what it would do)."
            )
        return upload


class ImportConfirmForm(forms.Form):
    """Names the previewed file, which waits in the database (see importing.hold_upload)."""

    token = forms.CharField(widget=forms.HiddenInput)


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    change_list_template = "admin/research/publication/change_list.html"
    list_display = ["title", "kind", "year", "status", "updated"]
    list_filter = ["status", "kind", "year", "tags"]
    search_fields = ["title", "container_title", "publisher", "series", "doi", "isbn", "contributors__family_name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AuthorshipInline]
    date_hierarchy = "created"
    readonly_fields = ["created", "updated"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "study_design", "title", "slug", "status", "summary", "tags"]}),
        (
            "Where it appeared",
            {
                "fields": [
                    "year",
                    "month",
                    "container_title",
                    "volume",
                    "issue",
                    "pages",
                    "publisher",
                    "place",
                    "series",
                ]
            },
        ),
        ("Identifiers", {"fields": ["issn_print", "issn_online", "isbn", "doi", "url"]}),
        ("History", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="research_publication_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a file, see what it would do, confirm. The confirm step plans again from the file's text,
        so a change to the library in between is taken into account."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": "Import references", "opts": self.model._meta}
        form = ImportUploadForm()
        if request.method == "POST" and "token" in request.POST:
            try:
                plan, result = import_held_upload(token=request.POST["token"], user=request.user)
            except ImportFileError as error:
                messages.error(request, f"Nothing was imported. {error}")
            except IntegrityError:
                messages.error(
                    request, "The library changed while importing, so nothing was imported. Please try again."
                )
            else:
                messages.success(
                    request,
                    f"Imported {len(result.created)} reference(s) as drafts and filled in "
                    f"{len(result.updated)} existing publication(s); {len(plan.skip)} skipped. "
                    "Check the drafts, then publish them.",
                )
                return redirect(f"{reverse('admin:research_publication_changelist')}?status__exact=draft")
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    text = read_text(upload.read())
                    file_format, records = parse_references(text)
                except ImportFileError as error:
                    form.add_error("file", f"Nothing was imported. {error}")
                else:
                    token = hold_upload(text=text, file_name=upload.name, user=request.user)
                    plan = plan_import(records=records)
                    # Every published publication that changes is listed; of the rest, enough to check.
                    lists = {"create": plan.create, "update_drafts": plan.update_drafts, "skip": plan.skip}
                    return render(
                        request,
                        "admin/research/publication/import.html",
                        {
                            **context,
                            "title": "Import references: check and confirm",
                            "plan": plan,
                            "shown": {name: items[:PREVIEW_ROWS] for name, items in lists.items()},
                            "hidden": {name: max(0, len(items) - PREVIEW_ROWS) for name, items in lists.items()},
                            "file_name": upload.name,
                            "file_format": file_format,
                            "form": ImportConfirmForm(initial={"token": token}),
                        },
                    )
        return render(request, "admin/research/publication/import.html", {**context, "form": form})


@admin.register(Contributor)
class ContributorAdmin(PublicContentAdmin):
    list_display = ["family_name", "given_names"]
    search_fields = ["family_name", "given_names"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # a renamed person (or a restored name): their publications' search text carries it
            services.content_changed(model=Publication, ids=obj.authorships.values_list("publication_id", flat=True))
