"""The evidence map: which published research backs which published theme.

Themes down the side; across, each publication (named by author and year, as a
reference cites it) while the library is small, or each kind of publication
(with counts) once it is larger, so the table stays readable at 100,000
publications. It shows the research linked so far: a theme with none yet is
where the library is thin, not a theme without support. A fixed number of
queries either way: the links are read as (theme, publication) pairs or counted
per (theme, kind) in the database, never one query per theme.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse

from research.models import Authorship, Publication

from .models import Evidence, Theme

# More published publications than this and the columns become publication kinds.
MAX_PUBLICATION_COLUMNS = 15


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
    bar: float = 0  # the bar's length in the picture, as a percentage of the longest


@dataclass
class EvidenceMap:
    by_kind: bool
    columns: list
    rows: list

    @property
    def unlinked_rows(self):
        return [row for row in self.rows if not row.total]

    @property
    def column_totals(self):
        return [sum(row.cells[i].count for row in self.rows) for i in range(len(self.columns))]


def _organisation(name):
    """An organisation as people cite it in short: "SCIE" for the Social Care Institute for Excellence."""
    capitalised = [word for word in name.split() if word[:1].isupper()]
    return "".join(word[0] for word in capitalised) if len(capitalised) >= 3 else name


def _family_names(first, second, count):
    if count > 2:
        return f"{first} et al."
    return f"{first} & {second}" if count == 2 else first


def _who(publication):
    """The authors; else the editors, marked so; else the organisation that published it; else the title's start."""
    if publication.author_count:
        return _family_names(publication.first_author, publication.second_author, publication.author_count)
    if publication.editor_count:
        eds = "(ed.)" if publication.editor_count == 1 else "(eds)"
        return f"{_family_names(publication.first_editor, publication.second_editor, publication.editor_count)} {eds}"
    if publication.publisher:
        return _organisation(publication.publisher)
    return " ".join(publication.title.split()[:3]) + "…"


def _short_labels(publications):
    """ "Stanhope & Solomon 2008", "NIMHE n.d.": author and year for every column, as a reference cites them.

    Where two come out the same (three SCIE reports, all undated), each adds its series, or a letter.
    """
    labels = [f"{_who(p)} {p.year or 'n.d.'}" for p in publications]
    repeated = {label for label in labels if labels.count(label) > 1}
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    for index, (label, publication) in enumerate(zip(labels, publications, strict=True)):
        if label in repeated:
            who = _who(publication)
            series = publication.series.removeprefix(f"{who} ")
            labels[index] = f"{label} ({series})" if series else f"{label}{next(letters)}"
    return labels


def _people(role, position):
    people = Authorship.objects.filter(publication=OuterRef("pk"), role=role)
    return Subquery(people.order_by("position", "pk").values("contributor__family_name")[position : position + 1])


def _people_count(role):
    return Subquery(
        Authorship.objects.filter(publication=OuterRef("pk"), role=role)
        .order_by()
        .values("publication")
        .annotate(n=Count("pk"))
        .values("n")
    )


def build_evidence_map():
    """Three queries whatever the size: themes, up to MAX + 1 publications, then the links (or their counts)."""
    themes = list(Theme.objects.published().order_by("position", "title"))
    author, editor = Authorship.Role.AUTHOR, Authorship.Role.EDITOR
    # Unordered with a limit, so the database stops after a few rows however large the library.
    listed = list(
        Publication.objects.published()
        .order_by()
        .annotate(
            first_author=_people(author, 0),
            second_author=_people(author, 1),
            author_count=_people_count(author),
            first_editor=_people(editor, 0),
            second_editor=_people(editor, 1),
            editor_count=_people_count(editor),
        )[: MAX_PUBLICATION_COLUMNS + 1]
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
                label=label,
                full_label=publication.title,
                url=publication.get_absolute_url(),
                publication_id=publication.pk,
            )
            for label, publication in zip(_short_labels(listed), listed, strict=True)
        ]
        links = set(Evidence.objects.public().values_list("theme_id", "publication_id"))
        for row in rows:
            for column in columns:
                linked = (row.theme.pk, column.publication_id) in links
                row.cells.append(Cell(column=column, count=int(linked), url=column.url if linked else ""))

    largest = 1
    for row in rows:
        row.total = sum(cell.count for cell in row.cells)
        largest = max(largest, row.total)
    for row in rows:
        row.bar = round(100 * row.total / largest, 1)
    return EvidenceMap(by_kind=by_kind, columns=columns, rows=rows)
