"""Exercises in site search: the fields searched and their weights, defined once (see publishing.search_index)."""

from publishing.search_index import SearchIndex

from .models import Exercise

EXERCISES = SearchIndex(
    model=Exercise,
    name="exercise",
    label="Exercises",
    hit_label="Exercise",
    fields={
        "A": ["title"],
        "B": ["tags__name"],
        "C": ["summary"],
        "D": ["instructions", "prompts__text"],
    },
    snippet_fields=("summary", "instructions"),
    position=3,
)
