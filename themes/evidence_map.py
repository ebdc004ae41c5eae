"""The evidence map: which published research backs which published theme.

Themes down the side; across, each publication while the library is small, or
each kind of publication (with counts) once it is larger, so the table stays
readable at 100,000 publications. A fixed number of queries either way: the
links are read as (theme, publication) pairs or counted per (theme, kind) in
the database, never one query per theme.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse

from research.models import Authorship, Publication

from .models import Evidence, Theme

# More published publications than this and the columns become publication kinds.
MAX_PUBLICATION_COLUMNS = 15
# A theme with this many links or fewer is thin on evidence.
THIN = 1

# The bar picture, in SVG user units (it scales to the width it is given).
CHART_WIDTH = 480
CHART_ROW = 44
CHART_LABEL = 17
CHART_BAR = 16


@dataclass
class Column:
    label: str  # short, visible
    full_label: str  # for screen readers and the picture's text
    url: str
    kind: str = ""
    publication_id: int | None = None


@dataclass
class Cell:
    column: Column
    count: int  # 0 or 1 for a publication column
    url: str = ""


@dataclass
class Row:
    theme: Theme
    cells: list = field(default_factory=list)
    total: int = 0

    @property
    def is_thin(self):
        return self.total <= THIN


@dataclass
class Bar:
    row: Row
    y_label: int
    y_bar: int
    width: float
    x_count: float


@dataclass
class EvidenceMap:
    by_kind: bool
    columns: list
    rows: list
    chart_height: int = 0
    bars: list = field(default_factory=list)

    @property
    def thin_rows(self):
        return [row for row in self.rows if row.is_thin]

    @property
    def column_totals(self):
        return [sum(row.cells[i].count for row in self.rows) for i in range(len(self.columns))]


def _short_label(publication):
    """ "Stanhope & Solomon 2008": the authors (or publisher, or first words of the title) and year."""
    first, second, count = publication.first_author, publication.second_author, publication.author_count or 0
    if count > 2:
        who = f"{first} et al."
    elif first:
        who = f"{first} & {second}" if second else first
    else:  # no authors (a report, a web page): the first words of the title tell it apart
        who = " ".join(publication.title.split()[:3]) + "…"
    return f"{who} {publication.year}" if publication.year else who


def _authors(position):
    authors = Authorship.objects.filter(publication=OuterRef("pk"), role=Authorship.Role.AUTHOR)
    return Subquery(authors.order_by("position", "pk").values("contributor__family_name")[position : position + 1])


def build_evidence_map():
    """Three queries whatever the size: themes, up to MAX + 1 publications, then the links (or their counts)."""
    themes = list(Theme.objects.published().order_by("position", "title"))
    author_count = (
        Authorship.objects.filter(publication=OuterRef("pk"), role=Authorship.Role.AUTHOR)
        .order_by()
        .values("publication")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Unordered with a limit, so the database stops after a few rows however large the library.
    listed = list(
        Publication.objects.published()
        .order_by()
        .annotate(first_author=_authors(0), second_author=_authors(1), author_count=Subquery(author_count))[
            : MAX_PUBLICATION_COLUMNS + 1
        ]
    )
    by_kind = len(listed) > MAX_PUBLICATION_COLUMNS
    rows = [Row(theme=theme) for theme in themes]
    research_url = reverse("research:publication_list")

    if by_kind:
        counts = {
            (item["theme_id"], item["publication__kind"]): item["links"]
            for item in Evidence.objects.public()
            .order_by()
            .values("theme_id", "publication__kind")
            .annotate(links=Count("id"))
        }
        used_kinds = {kind for _, kind in counts}
        columns = [
            Column(label=label, full_label=label, url=f"{research_url}?kind={value}", kind=value)
            for value, label in Publication.Kind.choices
            if value in used_kinds
        ]
        for row in rows:
            for column in columns:
                count = counts.get((row.theme.pk, column.kind), 0)
                url = f"{research_url}?theme={row.theme.slug}&kind={column.kind}" if count else ""
                row.cells.append(Cell(column=column, count=count, url=url))
    else:
        listed.sort(key=lambda publication: (-(publication.year or 0), publication.title))
        columns = [
            Column(
                label=_short_label(publication),
                full_label=publication.title,
                url=publication.get_absolute_url(),
                publication_id=publication.pk,
            )
            for publication in listed
        ]
        links = set(Evidence.objects.public().values_list("theme_id", "publication_id"))
        for row in rows:
            for column in columns:
                linked = (row.theme.pk, column.publication_id) in links
                row.cells.append(Cell(column=column, count=int(linked), url=column.url if linked else ""))

    for row in rows:
        row.total = sum(cell.count for cell in row.cells)
    evidence_map = EvidenceMap(by_kind=by_kind, columns=columns, rows=rows)
    _lay_out_bars(evidence_map)
    return evidence_map


def _lay_out_bars(evidence_map):
    """Positions for the SVG bars: a label above each bar, the count after it, scaled to the largest."""
    largest = max((row.total for row in evidence_map.rows), default=0) or 1
    count_room = 70
    for index, row in enumerate(evidence_map.rows):
        top = index * CHART_ROW
        width = round((CHART_WIDTH - count_room) * row.total / largest, 1)
        evidence_map.bars.append(
            Bar(row=row, y_label=top + CHART_LABEL, y_bar=top + CHART_LABEL + 6, width=width, x_count=width + 6)
        )
    evidence_map.chart_height = len(evidence_map.rows) * CHART_ROW + 4
