from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .citations import harvard
from .models import Publication, Status

PER_PAGE = 20


def publication_list(request):
    publications = Publication.objects.visible_to(request.user).for_listing()
    page = Paginator(publications, per_page=PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "research/publication_list.html", {"page": page})


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
        {"publication": publication, "reference": harvard(publication), "evidence": evidence},
    )
