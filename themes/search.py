"""Themes in site search: the fields searched and their weights, defined once (see publishing.search_index)."""

from publishing.search_index import SearchIndex

from .models import Theme

THEMES = SearchIndex(
    model=Theme,
    name="theme",
    label="Themes",
    hit_label="Theme",
    fields={
        "A": ["title"],
        "B": ["tags__name"],
        "C": ["summary"],
        "D": [("body", "question")],
    },
    snippet_fields=("summary", "body"),
    position=1,
)
