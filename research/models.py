import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

# Status is imported from here by code that deals in publications (views, filters, the importer).
from publishing.models import Publishable, PublishableQuerySet, Status  # noqa: F401


class PublicationQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Load what a publication card shows, so a page costs a fixed number of queries.

        The stored search vector is left behind: pages never show it, and it is
        the largest column.
        """
        return self.for_cards().prefetch_related(*card_prefetches())

    def for_cards(self):
        """What a card list needs before its cards are drawn: the cards kept from earlier requests
        (publishing.fragments) need no more, and those drawn afresh load the rest (load_for_cards)."""
        return self.defer("search_vector")


def card_prefetches(through=""):
    """The related rows a publication card shows, reached from publications, or `through` a relation."""
    return [
        f"{through}tags",
        models.Prefetch(f"{through}authorships", queryset=Authorship.objects.select_related("contributor")),
    ]


def load_for_cards(publications):
    """Load what the cards of `publications` show, in a fixed number of queries."""
    models.prefetch_related_objects(publications, *card_prefetches())


class Contributor(models.Model):
    family_name = models.CharField(max_length=200)
    given_names = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_names"]
        constraints = [
            models.UniqueConstraint(fields=["family_name", "given_names"], name="unique_contributor_name"),
        ]

    def __str__(self):
        return f"{self.family_name}, {self.given_names}" if self.given_names else self.family_name

    @property
    def initials(self):
        """'Victoria Anne' -> 'V.A.', as Harvard references print given names."""
        parts = self.given_names.replace("-", " -").split()
        return "".join(f"{part[0]}." if not part.startswith("-") else f"-{part[1]}." for part in parts)


class Publication(Publishable):
    class StudyDesign(models.TextChoices):
        NOT_STATED = "", "Not stated"
        QUALITATIVE = "qualitative", "Qualitative study"
        NARRATIVE = "narrative", "Narrative investigation"
        QUANTITATIVE = "quantitative", "Quantitative study"
        MIXED_METHODS = "mixed_methods", "Mixed methods study"
        SYSTEMATIC_REVIEW = "systematic_review", "Systematic review"
        KNOWLEDGE_REVIEW = "knowledge_review", "Knowledge review"
        DISCUSSION = "discussion", "Discussion paper"
        GUIDANCE = "guidance", "Guidance"
        POLICY = "policy", "Policy or position paper"
        TEXTBOOK = "textbook", "Textbook"
        RESEARCH_RESOURCE = "research_resource", "Research resource"

    class Kind(models.TextChoices):
        JOURNAL_ARTICLE = "journal_article", "Journal article"
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Book chapter"
        REPORT = "report", "Report"
        GUIDE = "guide", "Guide"
        WEB_PAGE = "web_page", "Web page"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.JOURNAL_ARTICLE)
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=100, unique=True)
    study_design = models.CharField(
        max_length=20,
        choices=StudyDesign.choices,
        blank=True,
        help_text="What kind of evidence this is, as the publication itself describes it.",
    )
    summary = models.TextField(blank=True, help_text="Markdown, in our own words.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[
            (number, name)
            for number, name in enumerate(
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December",
                ],
                start=1,
            )
        ],
    )
    container_title = models.CharField(
        "journal or book title",
        max_length=300,
        blank=True,
        help_text="The journal for an article; the book for a chapter.",
    )
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=30, blank=True, help_text="For example 885-899.")
    publisher = models.CharField(max_length=200, blank=True)
    place = models.CharField("place of publication", max_length=100, blank=True)
    series = models.CharField(max_length=200, blank=True, help_text="For example “SCIE Knowledge review 21”.")
    issn_print = models.CharField("ISSN (print)", max_length=9, blank=True)
    issn_online = models.CharField("ISSN (online)", max_length=9, blank=True)
    isbn = models.CharField("ISBN", max_length=17, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, help_text="Without https://doi.org/.")
    url = models.URLField("URL", max_length=500, blank=True)
    contributors = models.ManyToManyField(Contributor, through="Authorship", related_name="publications")
    tags = TaggableManager(through="TaggedPublication", blank=True)
    # From Publishable: status, created, updated, search_vector (of the fields research.search names), history.

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="publication_month_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "year"]),
            # "Newest first" (home page, research list): read from the index, not a sort of the whole table.
            models.Index(fields=["status", "created", "id"], name="research_pub_newest_idx"),
            # "Newest first" by year of publication, undated last, has its index in migration 0006
            # (written per database: SQLite has no NULLS LAST in an index, and needs none).
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:publication_detail", args=[self.slug])

    @property
    def kind_label(self):
        """The kind as a reader names it: a book with editors and no authors is an edited book."""
        if self.kind == self.Kind.BOOK and self.editors and not self.authors:
            return "Edited book"
        return self.get_kind_display()

    def people(self, role):
        """Contributors in one role, in order; uses the prefetched authorships when there are some."""
        return [a.contributor for a in self.authorships.all() if a.role == role]

    @property
    def authors(self):
        return self.people(Authorship.Role.AUTHOR)

    @property
    def editors(self):
        return self.people(Authorship.Role.EDITOR)


class Authorship(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        EDITOR = "editor", "Editor"

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authorships")
    contributor = models.ForeignKey(Contributor, on_delete=models.PROTECT, related_name="authorships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "contributor", "role"], name="unique_contributor_role_per_publication"
            ),
        ]

    def __str__(self):
        return f"{self.contributor} ({self.get_role_display()}) – {self.publication}"


class TaggedPublication(TaggedItemBase):
    """A publication's tag, with a real foreign key so tag pages and counts join, not scan."""

    content_object = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_tag_per_publication"),
        ]


class PendingImport(models.Model):
    """An uploaded reference file between its preview and the curator's confirmation.

    The app keeps nothing of its own between requests (the confirmation may
    reach another instance), and a large file is too big to travel back in
    the confirming form, so its text waits here, found by a signed token,
    until it is imported or expires.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    text = models.TextField()
    uploaded = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.file_name}, uploaded {self.uploaded:%Y-%m-%d %H:%M}"
