"""The research list's filters and sorting, read from the query string.

Everything lives in the URL, so a filtered list can be bookmarked and shared,
and the same function feeds the page and its RIS/BibTeX export.
"""

from django import forms
from django.db.models import Exists, F, OuterRef
from taggit.models import Tag

from publishing import fragments

from . import extensions
from .models import Publication, Status, TaggedPublication

SORTS = {
    # By year of publication; undated work last, on every database (index: research migration 0006).
    "newest": ("Newest first", [F("year").desc(nulls_last=True), "title", "id"]),
    "added": ("Recently added", ["-created", "-id"]),
    "title": ("Title (A to Z)", ["title", "id"]),
}
DEFAULT_SORT = "newest"


class PublicationFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Publication.Kind.choices])
    design = forms.ChoiceField(
        label="Study design",
        required=False,
        choices=[("", "Any design"), *[(value, label) for value, label in Publication.StudyDesign.choices if value]],
    )
    year_from = forms.IntegerField(label="From year", required=False, min_value=1800, max_value=2100)
    year_to = forms.IntegerField(label="To year", required=False, min_value=1800, max_value=2100)
    tag = forms.ChoiceField(required=False)
    sort = forms.ChoiceField(
        required=False, choices=[(key, label) for key, (label, _) in SORTS.items()], initial=DEFAULT_SORT
    )

    def __init__(self, data, *, tag_choices, more_filters=()):
        """`more_filters`: [(extensions.ListFilter, its choices)], shown before the sort order."""
        super().__init__(data)
        self.fields["tag"].choices = [("", "Any tag"), *tag_choices]
        for list_filter, choices in more_filters:
            self.fields[list_filter.name] = forms.ChoiceField(
                label=list_filter.label, required=False, choices=[("", list_filter.any_label), *choices]
            )
        self.order_fields([name for name in self.fields if name != "sort"])

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", "The end year must not be before the start year.")
        return cleaned


def query_names():
    """The query parameters the research list reads besides the page, in the form's order (sort last)."""
    base = [name for name in PublicationFilterForm.base_fields if name != "sort"]
    return [*base, *(each.name for each in extensions.list_filters()), "sort"]


def tag_choices():
    """Tags that at least one published publication carries, as (slug, name).

    One EXISTS per tag rather than a DISTINCT over every tagged row, which
    stays cheap however large the library grows.
    """
    carried = TaggedPublication.objects.filter(tag=OuterRef("pk"), content_object__status=Status.PUBLISHED)
    return list(Tag.objects.filter(Exists(carried)).order_by("name").values_list("slug", "name"))


def cached(name, choices):
    """A filter's choices, the same for every reader (published content only), computed once per content
    version (publishing.fragments): they cost a scan of every tagged row."""
    return fragments.remembered(f"research-filter:{name}", choices)


def filter_publications(params, *, user):
    """Return (publications, form) for a query string; invalid filters are ignored and reported by the form."""
    more_filters = [(each, cached(each.name, each.choices)) for each in extensions.list_filters()]
    form = PublicationFilterForm(params, tag_choices=cached("tag", tag_choices), more_filters=more_filters)
    publications = Publication.objects.visible_to(user)
    form.is_valid()
    filters = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    if "kind" in filters:
        publications = publications.filter(kind=filters["kind"])
    if "design" in filters:
        publications = publications.filter(study_design=filters["design"])
    if "year_from" in filters:
        publications = publications.filter(year__gte=filters["year_from"])
    if "year_to" in filters:
        publications = publications.filter(year__lte=filters["year_to"])
    if "tag" in filters:
        publications = publications.filter(tags__slug=filters["tag"])
    for list_filter, _ in more_filters:
        if list_filter.name in filters:
            publications = list_filter.apply(publications, filters[list_filter.name])
    sort = filters.get("sort", DEFAULT_SORT)
    return publications.order_by(*SORTS[sort][1]), form
