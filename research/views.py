from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .citations import references
from .coins import coins_title, highwire_meta
from .filters import filter_publications
from .models import Publication, Status

PER_PAGE = 20


def publication_list(request):
    publications, form = filter_publications(request.GET, user=request.user)
    page = Paginator(publications.for_listing(), per_page=PER_PAGE).get_page(request.GET.get("page"))
    # Keep the filters when paging, without the page number itself.
    query = request.GET.copy()
    query.pop("page", None)
    filtered = any(value for key, value in query.items() if key != "sort")
    return render(
        request,
        "research/publication_list.html",
        {"page": page, "form": form, "query_string": query.urlencode(), "filtered": filtered},
    )


def publication_detail(request, slug):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).for_listing(), slug=slug)
    # The themes this work supports, through the reverse relation themes adds
    # (research imports nothing from themes). Curators also see draft themes.
    evidence = publication.evidence.select_related("theme").order_by("theme__position")
    if not request.user.has_perm("themes.change_theme"):
        evidence = evidence.filter(theme__status=Status.PUBLISHED)
    return render(
        request,
        "research/publication_detail.html",
        {
            "publication": publication,
            "references": references(publication),
            "evidence": evidence,
            "meta_tags": highwire_meta(publication),
            "coins": coins_title(publication),
        },
    )
