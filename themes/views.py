from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render

from publishing import fragments
from research.models import Publication, Status

from . import extensions
from .evidence_map import MAX_PUBLICATION_COLUMNS, build_evidence_map
from .models import Evidence, Theme

EVIDENCE_PAGE_SIZE = 20


def theme_list(request):
    themes = Theme.objects.visible_to(request.user).with_research_count()
    return render(request, "themes/theme_list.html", {"themes": themes})


def theme_detail(request, slug):
    """Kept per content version below the header (publishing.fragments.Block): then the page costs no query."""
    page_number = request.GET.get("page", "")
    block = fragments.Block(
        f"theme:{slug}:{page_number}", user=request.user, shows=[Theme, Publication, *extensions.shown()]
    )
    if block.kept is not None:
        return render(request, "themes/theme_detail.html", {"kept_block": block})
    theme = get_object_or_404(Theme.objects.visible_to(request.user), slug=slug)
    prefetch_related_objects([theme], "tags")
    evidence = Evidence.objects.filter(theme=theme).for_theme_page()
    if not fragments.sees_drafts(request.user, Publication):
        evidence = evidence.filter(publication__status=Status.PUBLISHED)
    page = Paginator(evidence, per_page=EVIDENCE_PAGE_SIZE).get_page(page_number)
    # Only the pages there are, each under one name (not ?page=02, nor ?page=999 for the last).
    block.keep = page_number in ("", str(page.number))
    # "Theme 3 of 13", with the themes either side: the themes are few, so one small query.
    sequence = list(Theme.objects.visible_to(request.user).values_list("slug", "title"))
    index = next(i for i, (other, _) in enumerate(sequence) if other == theme.slug)
    neighbours = {
        "number": index + 1,
        "of": len(sequence),
        "previous": sequence[index - 1] if index > 0 else None,
        "next": sequence[index + 1] if index + 1 < len(sequence) else None,
    }
    response = render(
        request,
        "themes/theme_detail.html",
        {
            "theme": theme,
            "page": page,
            "sequence": neighbours,
            "kept_block": block,
            **extensions.theme_context(theme, request.user),
        },
    )
    block.store()
    return response


def evidence_map(request):
    return render(
        request,
        "themes/evidence_map.html",
        {"map": build_evidence_map(), "max_columns": MAX_PUBLICATION_COLUMNS},
    )
