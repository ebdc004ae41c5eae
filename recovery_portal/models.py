from django.db import models
from simple_history.models import HistoricalRecords


class SiteDetails(models.Model):
    """What the About page tells readers about the content's upkeep. One row, edited by curators in admin."""

    content_reviewed_on = models.DateField(
        "content last reviewed",
        null=True,
        blank=True,
        help_text="The day a curator last checked the themes and research against the source briefing.",
    )
    report_email = models.EmailField(
        "address for reporting mistakes",
        blank=True,
        help_text="Shown on the About page, so readers can tell the curators about a mistake.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "about page details"

    def __str__(self):
        return "About page details"

    @classmethod
    def current(cls):
        """The one row, or an unsaved blank one before a curator has filled it in."""
        return cls.objects.order_by("pk").first() or cls()
