# Exercises, cohorts and reflections arrive with their own issue.

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

# Recovery language: the phrases the writing checks (checks.py) point out.


class LanguageGuideQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class LanguageGuide(models.Model):
    """A phrase the writing checks point out, with the wording to prefer and why."""

    phrase = models.CharField(
        max_length=100,
        help_text="The words to point out, e.g. “suffering from”. Matched on whole words, in any case, "
        "with simple endings (suffers, suffered, suffering).",
    )
    preferred = models.CharField(
        "preferred wording",
        max_length=200,
        blank=True,
        help_text="What to write instead, e.g. “living with”. Leave empty where no one phrase fits; "
        "then say what to do in “why”.",
    )
    why = models.TextField(help_text="A sentence or two, in plain words, shown to the writer.")
    active = models.BooleanField(
        default=True,
        help_text="Untick to stop pointing this phrase out. (A shipped phrase that is deleted comes back "
        "the next time the shipped content is loaded; unticking keeps it off.)",
    )
    history = HistoricalRecords()

    objects = LanguageGuideQuerySet.as_manager()

    class Meta:
        ordering = ["phrase"]
        verbose_name = "language guide entry"
        verbose_name_plural = "language guide"
        constraints = [
            models.UniqueConstraint(
                Lower("phrase"),
                name="languageguide_unique_phrase",
                violation_error_message="This phrase is already in the language guide.",
            )
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        self.phrase = " ".join(self.phrase.split())
        if not any(character.isalpha() for character in self.phrase):
            raise ValidationError({"phrase": "A phrase needs at least one word."})
