from django import template

from research.citations import is_range, join_names, page_range

register = template.Library()


@register.filter
def names(people):
    """ "Angela Hall, Mark Wren and Stephan Kirby": contributors as a sentence names them."""
    return join_names([f"{person.given_names} {person.family_name}".strip() for person in people], last_joiner=" and ")


@register.filter
def cited_pages(pages):
    """ "pp. 885–899", or "p. 12" for a single page."""
    return f"{'pp' if is_range(pages) else 'p'}. {page_range(pages)}"


register.filter("page_range", page_range)
