import hashlib

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from publishing import fragments, page_cache

from . import bibtex, extensions, ris
from .citations import references
from .coins import coins_title, highwire_meta
from .filters import filter_publications
from .models import Publication

PER_PAGE = 20


class DeepPaginator(Paginator):
    """Finds a page's rows by their ids first, an index-only walk to the page however deep it is, then loads
    only those rows: with a plain OFFSET the database reads every full row before the page (?page=2000)."""

    def _get_page(self, object_list, number, paginator):
        rows = self.object_list.filter(pk__in=object_list.values("pk"))
        return super()._get_page(rows, number, paginator)


def publication_list(request):
    publications, form = filter_publications(request.GET, user=request.user)
    paginator = DeepPaginator(publications.for_cards(), per_page=PER_PAGE)
    if not fragments.sees_drafts(request.user, Publication):
        # Counting every matching row costs more than the page itself; once per content version and filter.
        filters = sorted((name, str(value)) for name, value in form.cleaned_data.items() if name != "sort")
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        paginator.count = fragments.remembered(f"research-count:{digest}", publications.count)
    page = paginator.get_page(request.GET.get("page"))
    # Keep the filters when paging, without the page number itself.
    query = request.GET.copy()
    query.pop("page", None)
    active_filters = sum(1 for key, value in query.items() if value and key != "sort")
    return render(
        request,
        "research/publication_list.html",
        {
            "page": page,
            "form": form,
            "query_string": query.urlencode(),
            "filtered": bool(active_filters),
            "active_filters": active_filters,
            "content_version": page_cache.current(),
            "fragment_seconds": fragments.SECONDS,
        },
    )


def publication_detail(request, slug):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).for_listing(), slug=slug)
    return render(
        request,
        "research/publication_detail.html",
        {
            "publication": publication,
            "references": references(publication),
            "meta_tags": highwire_meta(publication),
            "coins": coins_title(publication),
            # What the apps above research show here, such as the themes this work supports.
            **extensions.publication_context(publication, request.user),
        },
    )


EXPORT_NAME = "recovery-portal-research"


def _download(text, *, content_type, filename):
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def publication_ris(request, slug):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).for_listing(), slug=slug)
    return _download(ris.publications_to_ris([publication]), content_type=ris.CONTENT_TYPE, filename=f"{slug}.ris")


def publication_bibtex(request, slug):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).for_listing(), slug=slug)
    return _download(
        bibtex.publications_to_bibtex([publication]), content_type=bibtex.CONTENT_TYPE, filename=f"{slug}.bib"
    )


def export_ris(request):
    publications, _ = filter_publications(request.GET, user=request.user)
    return _download(
        ris.publications_to_ris(publications.for_listing()),
        content_type=ris.CONTENT_TYPE,
        filename=f"{EXPORT_NAME}.ris",
    )


def export_bibtex(request):
    publications, _ = filter_publications(request.GET, user=request.user)
    return _download(
        bibtex.publications_to_bibtex(publications.for_listing()),
        content_type=bibtex.CONTENT_TYPE,
        filename=f"{EXPORT_NAME}.bib",
    )
