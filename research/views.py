import hashlib
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from publishing import fragments, page_cache

from . import bibtex, extensions, ris
from .citations import references
from .coins import coins_title, highwire_meta
from .filters import filter_publications, query_names
from .models import Publication

PER_PAGE = 20


class DeepPaginator(Paginator):
    """Finds a page's rows by their ids first, an index-only walk to the page however deep it is, then loads
    only those rows: with a plain OFFSET the database reads every full row before the page (?page=2000)."""

    def _get_page(self, object_list, number, paginator):
        rows = self.object_list.filter(pk__in=object_list.values("pk"))
        return super()._get_page(rows, number, paginator)


def publication_list(request):
    """Below the header, the page is kept per content version and query (publishing.fragments.Block): when it is,
    the page costs no query and no form of its own."""
    # The filters the form reads (the last of each, as the form does) in its order: kept when paging and
    # exporting, and with the page number, the name of the kept block.
    given = [(name, request.GET[name]) for name in query_names() if request.GET.get(name)]
    query = urlencode(given)
    page_number = request.GET.get("page", "")
    block = fragments.Block(f"research:{query}&page={page_number}", user=request.user, shows=[Publication])
    if block.kept is not None:
        return render(request, "research/publication_list.html", {"kept_block": block})

    publications, form = filter_publications(request.GET, user=request.user)
    paginator = DeepPaginator(publications.for_cards(), per_page=PER_PAGE)
    if not fragments.sees_drafts(request.user, Publication):
        # Counting every matching row costs more than the page itself; once per content version and filter.
        filters = sorted((name, str(value)) for name, value in form.cleaned_data.items() if name != "sort")
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        paginator.count = fragments.remembered(f"research-count:{digest}", publications.count)
    page = paginator.get_page(page_number)
    # Kept only as the valid queries name it (not ?year_from=02010, nor ?page=999 for the last page), so that
    # made-up queries cannot fill the cache; a mistyped filter's block repeats what was typed.
    block.keep = (
        not form.errors
        and all(value == str(form.cleaned_data[name]) for name, value in given)
        and page_number in ("", str(page.number))
    )
    active_filters = sum(1 for name, _ in given if name != "sort")
    response = render(
        request,
        "research/publication_list.html",
        {
            "page": page,
            "form": form,
            "query_string": query,
            "filtered": bool(active_filters),
            "active_filters": active_filters,
            "content_version": page_cache.current(),
            "fragment_seconds": fragments.SECONDS,
            "kept_block": block,
        },
    )
    block.store()
    return response


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
