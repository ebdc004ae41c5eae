from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from research.models import Status

from . import extensions
from .evidence_map import MAX_PUBLICATION_COLUMNS, build_evidence_map
from .models import Evidence, Theme

EVIDENCE_PAGE_SIZE = 20


def theme_list(request):
    themes = Theme.objects.visible_to(request.user).with_research_count()
    return render(request, "themes/theme_list.html", {"themes": themes})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme.objects.visible_to(request.user).prefetch_related("tags"), slug=slug)
    evidence = Evidence.objects.filter(theme=theme).for_theme_page()
    if not request.user.has_perm("research.change_publication"):
        evidence = evidence.filter(publication__status=Status.PUBLISHED)
    page = Paginator(evidence, per_page=EVIDENCE_PAGE_SIZE).get_page(request.GET.get("page"))
    # "Theme 3 of 13", with the themes either side: the themes are few, so one small query.
    sequence = list(Theme.objects.visible_to(request.user).values_list("slug", "title"))
    index = next(i for i, (other, _) in enumerate(sequence) if other == theme.slug)
    neighbours = {
        "number": index + 1,
        "of": len(sequence),
        "previous": sequence[index - 1] if index > 0 else None,
        "next": sequence[index + 1] if index + 1 < len(sequence) else None,
    }
    return render(
        request,
        "themes/theme_detail.html",
        {"theme": theme, "page": page, "sequence": neighbours, **extensions.theme_context(theme, request.user)},
    )


def evidence_map(request):
    return render(
        request,
        "themes/evidence_map.html",
        {"map": build_evidence_map(), "max_columns": MAX_PUBLICATION_COLUMNS},
    )
