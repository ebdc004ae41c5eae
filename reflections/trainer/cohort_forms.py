"""Forms of the cohort pages: people found by username or email, due dates entered in UK time."""

from datetime import datetime, time

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from accounts.roles import TRAINERS

from ..cohorts import UK, uk_time
from ..models import Cohort, Exercise

DEFAULT_DUE_TIME = time(17, 0)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name"]
        help_texts = {"name": "For example “Social work MA, year 2, 2026”. Members see it with their assignments."}


def find_person(text):
    """The account named by a username or an email address, or (for an email with no account) the address.

    Returns (user, email): exactly one of the two is set. Raises ValidationError in plain words.
    """
    text = text.strip()
    users = get_user_model().objects.filter(is_active=True)
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(f"“{text}” is not an email address.", code="not_email") from None
        found = list(users.filter(email__iexact=text)[:2])
        if len(found) > 1:
            raise ValidationError("More than one account uses that email address: add them by username.")
        return (found[0], None) if found else (None, text)
    user = users.filter(username=text).first() or users.filter(username__iexact=text).first()
    if user is None:
        raise ValidationError(
            f"No account has the username “{text}”. To invite someone new, enter their email address.",
            code="unknown",
        )
    return user, None


def _name(user):
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class MemberAddForm(forms.Form):
    prefix = "member"
    person = forms.CharField(
        label="Username or email address",
        max_length=254,
        help_text="Someone with an account is added at once. An email address with no account gets an invitation "
        "link, valid for 14 days, that makes their account and adds them.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean_person(self):
        user, email = find_person(self.cleaned_data["person"])
        if user is not None and self.cohort.members.filter(pk=user.pk).exists():
            raise ValidationError(f"{_name(user)} is already a member of this cohort.", code="member")
        self.user, self.email = user, email
        return self.cleaned_data["person"]


class TrainerAddForm(forms.Form):
    prefix = "trainer"
    person = forms.CharField(
        label="Username or email address of a trainer",
        max_length=254,
        help_text="They must have a trainer's account. They will see this cohort and its submissions, as you do.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean_person(self):
        user, email = find_person(self.cleaned_data["person"])
        if user is None:
            raise ValidationError(f"No account uses the email address {email}.", code="unknown")
        if not user.groups.filter(name=TRAINERS).exists():
            raise ValidationError(f"{_name(user)} does not have a trainer's account.", code="not_trainer")
        if self.cohort.trainers.filter(pk=user.pk).exists():
            raise ValidationError(f"{_name(user)} already runs this cohort.", code="trainer")
        self.user = user
        return self.cleaned_data["person"]


class DueFields(forms.Form):
    """A date and a time, read as UK time (Europe/London), giving `cleaned_data["due_at"]`."""

    due_date = forms.DateField(label="Due date", widget=forms.DateInput(attrs={"type": "date"}))
    due_time = forms.TimeField(
        label="Due time (UK time)",
        initial=DEFAULT_DUE_TIME,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="UK time (Europe/London): GMT in winter, BST in summer.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("due_date") and cleaned.get("due_time"):
            cleaned["due_at"] = timezone.make_aware(datetime.combine(cleaned["due_date"], cleaned["due_time"]), UK)
        return cleaned


class AssignmentForm(DueFields):
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.none(),
        help_text="Published exercises only: members open the exercise's own page as they write.",
    )
    note = forms.CharField(
        label="Note to the cohort (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the members with the assignment, e.g. “Bring it to the session on 4 December.”",
    )
    field_order = ["exercise", "due_date", "due_time", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = Exercise.objects.published().order_by("title")

    @property
    def due_in_past(self):
        due_at = getattr(self, "cleaned_data", {}).get("due_at")
        return due_at is not None and due_at <= timezone.now()


class ExtensionForm(DueFields):
    person = forms.CharField(
        label="Username or email address of the member",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    field_order = ["person", "due_date", "due_time"]

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.fields["due_date"].label = "New due date"
        self.fields["due_date"].help_text = f"After the cohort's due date, {uk_time(assignment.due_at)} UK time."

    def clean_person(self):
        user, email = find_person(self.cleaned_data["person"])
        if user is None or not self.assignment.cohort.members.filter(pk=user.pk).exists():
            raise ValidationError(
                f"{_name(user) if user else email} is not a member of this cohort.", code="not_member"
            )
        self.member = user
        return self.cleaned_data["person"]

    def clean(self):
        cleaned = super().clean()
        due_at = cleaned.get("due_at")
        if due_at is not None and due_at <= self.assignment.due_at:
            self.add_error(
                "due_date",
                ValidationError(
                    f"An extension must end after the due date ({uk_time(self.assignment.due_at)} UK time). "
                    "Choose a later date or time.",
                    code="too_early",
                ),
            )
        return cleaned


class InvitationAcceptForm(UserCreationForm):
    """The account an invitation makes: username, name and password; the email is the invitation's."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name", "last_name"]

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, instance=get_user_model()(email=email), **kwargs)
        self.fields["first_name"].required = True
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
