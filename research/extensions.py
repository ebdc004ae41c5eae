"""What apps above research add to its pages, registered from their AppConfig.ready().

research imports nothing from themes (or reflections); instead they tell research what to show: a filter
for the research list (themes adds "theme") and what a publication's page says of them (themes adds the
themes it supports, each with the reason).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ListFilter:
    """One more choice on the research list, read from ?<name>=<value>."""

    name: str
    label: str
    any_label: str  # the empty choice, "Any theme"
    choices: object  # () -> [(value, label)]; kept as long as a public page
    apply: object  # (publications, value) -> the publications that match


_list_filters = {}
_publication_context = {}


def add_list_filter(list_filter):
    _list_filters[list_filter.name] = list_filter


def list_filters():
    return list(_list_filters.values())


def add_publication_context(name, provider):
    """`provider(publication, user)` gives the publication page's context variable `name`."""
    _publication_context[name] = provider


def publication_context(publication, user):
    return {name: provider(publication, user) for name, provider in _publication_context.items()}
