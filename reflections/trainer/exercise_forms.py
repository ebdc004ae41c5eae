"""The trainer's exercise form: the exercise's own fields, its questions (a formset), and finding readings."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from taggit.models import Tag

from publishing.models import Status
from research.models import Publication
from themes.models import Theme

from ..forms import WritingField
from ..models import Exercise, ReflectiveModel

TITLE_MAX = 200
SUMMARY_MAX = 500
INSTRUCTIONS_MAX = 20_000
QUESTION_MAX = 1_000
GUIDANCE_MAX = 1_000
MAX_QUESTIONS = 20
MAX_MINUTES = 600
# Readings offered per search: enough to pick from, never the whole library (there may be 100,000).
READINGS_FOUND = 10
READING_QUERY_MAX = 200


def matching_readings(text, *, limit=READINGS_FOUND):
    """Published publications whose title holds every word of `text` (at most six words), by title."""
    words = text.split()[:6]
    if not words:
        return []
    found = Publication.objects.published()
    for word in words:
        found = found.filter(title__icontains=word)
    return list(found.order_by("title", "pk").only("pk", "slug", "title", "year", "status")[:limit])


class ExerciseForm(forms.ModelForm):
    """Everything but the questions. Readings are validated against all published publications, but the page
    only ever lists the chosen ones and a search's matches."""

    title = WritingField(
        max_length=TITLE_MAX,
        required=True,
        label="Title",
        help_text="Its web address is made from the title when the exercise is first saved.",
    )
    summary = WritingField(
        max_length=SUMMARY_MAX,
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two sentences for lists and search results.",
    )
    instructions = WritingField(
        max_length=INSTRUCTIONS_MAX,
        label="Instructions",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What to do, in Markdown: a blank line between paragraphs, *emphasis*, **strong**, "
        "lists starting with “1.” or “-”, links as [words](https://…).",
    )
    reflective_model = forms.ModelChoiceField(
        queryset=ReflectiveModel.objects.all(),
        label="Reflective model",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a reflective model."},
    )
    estimated_minutes = forms.IntegerField(
        label="Estimated minutes",
        required=False,
        min_value=1,
        max_value=MAX_MINUTES,
        help_text="About how long it takes to read and write, in minutes.",
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Themes"
    )
    readings = forms.ModelMultipleChoiceField(
        queryset=Publication.objects.none(),
        required=False,
        label="Readings",
        error_messages={"invalid_choice": "One of the readings is no longer published; untick it and save again."},
    )
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple, label="Tags"
    )
    status = forms.ChoiceField(
        choices=[
            (Status.DRAFT, "Draft: only you can see it"),
            (Status.PUBLISHED, "Published: on the exercise pages and in search, for anyone to do"),
        ],
        widget=forms.RadioSelect,
        label="Status",
        initial=Status.DRAFT,
    )
    # When the exercise was last saved as this form was opened: a save made from an older one is refused.
    updated = forms.CharField(widget=forms.HiddenInput, required=False)
    reading_q = forms.CharField(
        label="Find readings by words in their title", required=False, max_length=READING_QUERY_MAX
    )

    class Meta:
        model = Exercise
        fields = ["title", "summary", "instructions", "reflective_model", "estimated_minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        exercise = self.instance
        linked_themes = exercise.themes.values("pk") if exercise.pk else []
        linked_readings = exercise.readings.values("pk") if exercise.pk else []
        # What is already linked stays offered even if it is no longer published; anything else must be.
        self.fields["themes"].queryset = Theme.objects.filter(
            Q(status=Status.PUBLISHED) | Q(pk__in=linked_themes)
        ).order_by("position", "title")
        self.fields["readings"].queryset = Publication.objects.filter(
            Q(status=Status.PUBLISHED) | Q(pk__in=linked_readings)
        )
        self.fields["tags"].label_from_instance = lambda tag: tag.name
        if exercise.pk and not self.is_bound:
            self.initial.setdefault("themes", [theme.pk for theme in exercise.themes.all()])
            self.initial.setdefault("readings", [reading.pk for reading in exercise.readings.all()])
            self.initial.setdefault("tags", [tag.pk for tag in exercise.tags.all()])
            self.initial.setdefault("status", exercise.status)
            self.initial.setdefault("updated", exercise.updated.isoformat())

    def chosen_reading_ids(self):
        """The ids of the readings ticked (posted) or linked (not posted yet), as numbers."""
        values = self["readings"].value() or []
        return [int(value) for value in values if str(value).isdigit()]

    def posted_values(self):
        """The form's values as posted, to fill in an unbound copy (a preview or a search saves nothing, so
        it shows no errors either)."""
        return {name: self[name].value() for name in self.fields}


class QuestionForm(forms.Form):
    """One question practitioners answer: one of the model's (reworded or not), or the trainer's own."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    stage = forms.IntegerField(required=False, widget=forms.HiddenInput)
    position = forms.IntegerField(
        label="Position",
        required=False,
        min_value=1,
        max_value=99,
    )
    text = WritingField(
        max_length=QUESTION_MAX,
        required=True,
        label="Question",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write the question, or tick “Delete” to leave it out."},
    )
    guidance = WritingField(
        max_length=GUIDANCE_MAX,
        label="Guidance (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BaseQuestionFormSet(forms.BaseFormSet):
    """The questions, in the order of their position numbers (ties keep the page's order).

    Set `reflective_model` (the model chosen, with its stages) before validating: a question can only reword
    one of its stages, and at least one must, or the model's questions would all come back in front.
    """

    reflective_model = None

    def clean(self):
        if any(self.errors):
            return
        kept = self._kept()
        if not kept:
            raise ValidationError("An exercise needs at least one question.")
        if len(kept) > MAX_QUESTIONS:
            raise ValidationError(f"An exercise asks at most {MAX_QUESTIONS} questions; delete some.")
        model = self.reflective_model
        if model is None:
            return
        stage_ids = {stage.pk for stage in model.stages.all()}
        if any(row["stage"] is not None and row["stage"] not in stage_ids for row in kept):
            raise ValidationError(
                "Some of the questions came from another reflective model than the one chosen. Press "
                "“Fill in this model's questions” to use the chosen model's, or choose the other model again."
            )
        if stage_ids and not any(row["stage"] is not None for row in kept):
            raise ValidationError(
                f"Keep at least one of the questions of {model.name} (you can reword it): without any, "
                "practitioners would get all of the model's questions in front of yours."
            )

    def questions(self):
        """The valid formset's questions in order: dicts of id (an existing prompt's, or None), stage (a stage
        of the chosen model, or None), text and guidance."""
        stages = {stage.pk: stage for stage in self.reflective_model.stages.all()}
        return [{**row, "stage": stages.get(row["stage"])} for row in self._kept()]

    def _kept(self):
        rows = [
            (form.cleaned_data.get("position"), index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not self._should_delete_form(form) and form.cleaned_data.get("text")
        ]
        return in_order(rows)


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=1, can_delete=True, max_num=MAX_QUESTIONS + 5, absolute_max=100
)
QUESTIONS_PREFIX = "questions"


def posted_question_rows(formset):
    """The questions as posted, in the order of their position numbers, without validating them: the rows of a
    form shown again after a preview or a search. Deleted and empty rows are left out."""
    rows = []
    for index, form in enumerate(formset.forms):
        values = {name: form[name].value() for name in ("id", "stage", "position", "text", "guidance")}
        if form["DELETE"].value() or not (values["text"] or "").strip():
            continue
        rows.append((as_id(values["position"]), index, values))
    return in_order(rows)


def in_order(rows):
    """The values of (position number, index on the page, values) rows, by their numbers. The page numbers
    its rows 1, 2, 3 ...: a row given another row's number goes before it (it was moved there); rows with
    no number go last."""

    def key(row):
        position, index, _ = row
        if position is None:
            return (float("inf"), 1, index)
        return (position, 0 if position != index + 1 else 1, index)

    return [values for _, _, values in sorted(rows, key=key)]


def question_rows_for(*, model, rows):
    """The questions a model fills in, then the trainer's own among `rows` (those rewording no stage)."""
    stage_rows = [
        {"stage": stage.pk, "text": stage.prompt, "guidance": stage.guidance} for stage in model.stages.all()
    ]
    own_rows = [row for row in rows if not as_id(row.get("stage"))]
    return stage_rows + own_rows


def numbered(rows):
    """Rows with their position numbers set to 1, 2, 3 ... in their order."""
    return [{**row, "position": position} for position, row in enumerate(rows, start=1)]


def as_id(value):
    value = str(value or "").strip()
    return int(value) if value.isdigit() else None


def stage_of(form, stages_by_id):
    """The stage a question form rewords, if any (posted or initial), for its label."""
    return stages_by_id.get(as_id(form["stage"].value()))
