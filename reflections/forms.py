import re

from django import forms

ANSWER_MAX_CHARS = 20_000
CPD_TEXT_MAX_CHARS = 5_000
SHORT_TEXT_MAX_CHARS = 200

# The CPD record's fields, in the order of Social Work England's form.
CPD_FIELDS = (
    "cpd_type",
    "cpd_title",
    "cpd_date",
    "cpd_description",
    "cpd_learning",
    "cpd_impact",
    "peer_reflection",
    "peer_role",
    "peer_date",
)
# Fields the writing checks read (the others are dates and the CPD switch).
CPD_TEXT_FIELDS = tuple(name for name in CPD_FIELDS if not name.endswith("_date"))

# Control characters other than tab and line breaks: invisible, and nothing a writer means to keep.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class WritingField(forms.CharField):
    """Text someone writes: one kind of line ending, no control characters, then the length check.

    Long answers get no `maxlength` attribute: a browser would silently cut
    pasted text, whereas the server refuses the save and says why, and the
    text stays on the page.
    """

    def __init__(self, *, max_length, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {}).setdefault(
            "max_length", "This is %(show_value)s characters long; the limit is %(limit_value)s. Please shorten it."
        )
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return CONTROL_CHARACTERS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Textarea):
            attrs.pop("maxlength", None)
        return attrs


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date such as 2026-03-14."},
    )


class ReflectionForm(forms.Form):
    """The writing page: a title, one answer per prompt, the CPD record. Autosave posts the same names."""

    title = WritingField(max_length=SHORT_TEXT_MAX_CHARS, label="Title")
    # The page puts a hidden "false" before the checkbox, so that "unticked" and "not sent" differ.
    is_cpd = forms.BooleanField(label="Record this as CPD", required=False)
    cpd_type = WritingField(
        max_length=SHORT_TEXT_MAX_CHARS, label="Type of CPD", help_text="As you will choose it on SWE's form."
    )
    cpd_title = WritingField(max_length=SHORT_TEXT_MAX_CHARS, label="CPD title")
    cpd_date = _date_field("Date of the CPD")
    cpd_description = WritingField(
        max_length=CPD_TEXT_MAX_CHARS, label="Description and why it is relevant", widget=forms.Textarea
    )
    cpd_learning = WritingField(max_length=CPD_TEXT_MAX_CHARS, label="What I learnt", widget=forms.Textarea)
    cpd_impact = WritingField(
        max_length=CPD_TEXT_MAX_CHARS,
        label="The impact on my practice and on the people I work with",
        widget=forms.Textarea,
    )
    peer_reflection = WritingField(
        max_length=CPD_TEXT_MAX_CHARS,
        label="What I learnt from discussing this with a peer",
        widget=forms.Textarea,
        help_text="At least one piece of CPD each year needs this.",
    )
    peer_role = WritingField(
        max_length=SHORT_TEXT_MAX_CHARS,
        label="The peer's role",
        help_text="For example a social worker, your supervisor, or another professional who knows your practice.",
    )
    peer_date = _date_field("Date of the discussion")
    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The version sent with the text was not a number. Reload the page to continue."},
    )

    def __init__(self, *args, answers, **kwargs):
        """`answers`: the Answer rows (or unsaved ones, on a new page) whose text the form edits."""
        super().__init__(*args, **kwargs)
        for name in CPD_TEXT_FIELDS:
            field = self.fields[name]
            if field.max_length == CPD_TEXT_MAX_CHARS:
                field.help_text = " ".join(
                    filter(None, [field.help_text, f"Up to {CPD_TEXT_MAX_CHARS:,} characters."])
                )
        self.answers = list(answers)
        for answer in self.answers:
            self.fields[answer.field_name] = WritingField(
                max_length=ANSWER_MAX_CHARS,
                label=answer.label,
                help_text=" ".join(filter(None, [answer.guidance, f"Up to {ANSWER_MAX_CHARS:,} characters."])),
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def answer_fields(self):
        return [(answer, self[answer.field_name]) for answer in self.answers]

    def cpd_fields(self):
        return [self[name] for name in CPD_FIELDS]

    def text_values(self):
        """The cleaned text the writing checks read, by field name."""
        return checked_text(self.cleaned_data, self.answers)


def as_text(value):
    """One form value as the text the autosave contract and the snapshots carry."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def reflection_values(reflection):
    """A reflection's stored values by form field name (uses the prefetched answers)."""
    values = {"title": reflection.title, "is_cpd": reflection.is_cpd}
    values.update({answer.field_name: answer.body for answer in reflection.answers.all()})
    values.update({name: getattr(reflection, name) for name in CPD_FIELDS})
    return values


def stored_values(reflection):
    """The same as text, as the autosave contract and the snapshots carry it."""
    return {name: as_text(value) for name, value in reflection_values(reflection).items()}


def checked_text(values, answers):
    """The fields the writing checks read, from values by field name."""
    names = ["title", *(answer.field_name for answer in answers), *CPD_TEXT_FIELDS]
    return {name: as_text(values.get(name)) for name in names}


def field_labels(answers):
    """Each field by its label on the writing page, the name the writer knows it by."""
    labels = {name: field.label for name, field in ReflectionForm.base_fields.items()}
    labels.update({answer.field_name: answer.label for answer in answers})
    return labels


def bind_reflection_form(*, reflection, answers, data):
    """The writing form bound to what was posted; fields not posted keep their stored text.

    A save that sends only some fields (another client, an old page) must not
    wipe the others.
    """
    merged = stored_values(reflection) if reflection is not None else {}
    names = {"title", "is_cpd", "version", *CPD_FIELDS, *(answer.field_name for answer in answers)}
    merged.update({name: data.get(name) for name in data if name in names})
    return ReflectionForm(merged, answers=answers)


class SubmitForm(forms.Form):
    """Submitting: one tick per distinct identifiable detail the checks found, each saying it identifies nobody."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, details, **kwargs):
        """`details`: the identifiable details, each once however often it occurs (checks.reflection_findings)."""
        super().__init__(*args, **kwargs)
        self.details = details
        for number, detail in enumerate(self.details, start=1):
            self.fields[f"checked_{number}"] = forms.BooleanField(
                label=f"I have checked “{detail.text}” and it identifies nobody",
                error_messages={"required": "Tick this once you have checked it, or go back and change the text."},
                widget=forms.CheckboxInput(attrs={"aria-describedby": f"checked_{number}_context"}),
            )

    def confirmations(self):
        return [(detail, self[f"checked_{number}"]) for number, detail in enumerate(self.details, start=1)]
