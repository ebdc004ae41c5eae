from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from publishing import fragments
from research.citations import is_range, join_names, page_range
from research.models import Publication, load_for_cards

register = template.Library()
CARD = "research/includes/publication_card.html"


@register.filter
def names(people):
    """ "Angela Hall, Mark Wren and Stephan Kirby": contributors as a sentence names them."""
    return join_names([f"{person.given_names} {person.family_name}".strip() for person in people], last_joiner=" and ")


@register.filter
def cited_pages(pages):
    """ "pp. 885–899", or "p. 12" for a single page."""
    return f"{'pp' if is_range(pages) else 'p'}. {page_range(pages)}"


register.filter("page_range", page_range)


@register.simple_tag(takes_context=True)
def publication_cards(context, items, level=3):
    """The list items of a card list: publications, or links to them with a note (a theme's research).

    Cards are kept per content version (publishing.fragments) for everyone but curators, who see drafts.
    """

    def render(items):
        load_for_cards([getattr(item, "publication", item) for item in items])
        return [
            "<li>{}</li>".format(
                render_to_string(
                    CARD,
                    {
                        "publication": getattr(item, "publication", item),
                        "level": level,
                        "note": getattr(item, "note", ""),
                    },
                )
            )
            for item in items
        ]

    items = list(items)
    if fragments.sees_drafts(context["request"].user, Publication):
        cards = render(items)
    else:
        cards = fragments.rendered_each(
            list(items), name=lambda item: f"card:{item._meta.label_lower}:{item.pk}:{level}", render=render
        )
    return mark_safe("".join(cards))  # noqa: S308 - each card is rendered by the template engine, which escapes
