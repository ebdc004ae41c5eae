"""A trainer reads a submitted reflection, gives feedback (drafted, then released) or sends it back for revision.

Every URL here answers 404 to anyone but a trainer of the reflection's cohort (another trainer, a
practitioner, a curator, a superuser), exactly as for a UUID that does not exist (`trainer_only` answers
404 to non-trainers on a page about one object), because a different answer would tell that it exists.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from ..access import trainer_only
from ..checks import reflection_findings
from ..feedback import (
    FEEDBACK_MAX_CHARS,
    REOPEN_NOTE_MAX_CHARS,
    FeedbackReleased,
    ReflectionChanged,
    ReflectionNotSubmitted,
    feedback_save,
    name_of,
    reflection_reopen,
)
from ..forms import WritingField
from ..models import Answer, Feedback, Reflection


class FeedbackForm(forms.Form):
    body = WritingField(
        max_length=FEEDBACK_MAX_CHARS,
        required=True,
        label="Your feedback",
        help_text=f"Markdown: *emphasis*, **bold**, lists and links. Up to {FEEDBACK_MAX_CHARS:,} characters.",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Write some feedback first."},
    )
    # The draft this form edits (none: a new one), and the reflection's version the trainer read.
    feedback = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    note = WritingField(
        max_length=REOPEN_NOTE_MAX_CHARS,
        required=True,
        label="What to revise",
        help_text="Shown to the author on the reflection and its writing page.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what to revise: the note is shown to the author."},
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _in_my_cohorts(request, public_id):
    """A reflection written for an assignment of a cohort this trainer runs, in any state; else 404."""
    reflection = (
        Reflection.objects.filter(assignment__cohort__trainers=request.user)
        .select_related("author", "exercise", "reflective_model", "assignment__cohort")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by("position")),
            Prefetch("feedback", queryset=Feedback.objects.select_related("author").order_by("created", "id")),
        )
        .filter(public_id=public_id)
        .first()
    )
    if reflection is None:
        raise Http404
    return reflection


def _readable(request, public_id):
    """What a trainer may read: submitted, in a cohort they run. A draft (even one they reopened) is a 404."""
    reflection = _in_my_cohorts(request, public_id)
    if reflection.is_draft:
        raise Http404
    return reflection


def _my_draft(reflection, user):
    return next(
        (item for item in reflection.feedback.all() if item.author_id == user.pk and not item.is_released), None
    )


def _page(request, reflection, *, form=None, reopen_form=None, problem="", status=200):
    draft = _my_draft(reflection, request.user)
    if form is None:
        form = FeedbackForm(
            initial={
                "body": draft.body if draft else "",
                "feedback": draft.pk if draft else None,
                "version": reflection.version,
            }
        )
    if reopen_form is None:
        reopen_form = ReopenForm(initial={"version": reflection.version})
    return render(
        request,
        "trainer/reflection_detail.html",
        {
            "reflection": reflection,
            "author_name": name_of(reflection.author),
            "findings": reflection_findings(reflection),
            "feedback_list": list(reflection.feedback.all()),
            "draft": draft,
            "form": form,
            "reopen_form": reopen_form,
            "problem": problem,
        },
        status=status,
    )


@trainer_only
def reflection_detail(request, public_id):
    return _page(request, _readable(request, public_id))


def _day(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _reopened_problem(reflection):
    return (
        f"“{reflection.display_title}” was sent back to {name_of(reflection.author)} for revision on "
        f"{_day(reflection.reopened_at)}, so it is a draft again: nothing was saved. You can give feedback "
        "once it is submitted again."
    )


def _kept_text(request, reflection, form, problem):
    """The reflection became a draft again: nothing to read, but the trainer's text is given back (409)."""
    return render(
        request,
        "trainer/feedback_not_saved.html",
        {"reflection": reflection, "form": form, "problem": problem},
        status=409,
    )


def _retry_form(posted, reflection, *, feedback=None):
    """The posted text in a form based on the reflection as it is now, so saving again keeps it."""
    return FeedbackForm(
        initial={
            "body": posted.data.get("body", ""),
            "feedback": feedback.pk if feedback else None,
            "version": reflection.version,
        }
    )


@trainer_only
@require_POST
def feedback_save_view(request, public_id):
    reflection = _in_my_cohorts(request, public_id)
    form = FeedbackForm(request.POST)
    if reflection.is_draft:
        if reflection.reopened_at is None:  # never submitted: nothing a trainer may know of
            raise Http404
        return _kept_text(request, reflection, form, _reopened_problem(reflection))
    if not form.is_valid():
        return _page(request, reflection, form=form, status=400)
    feedback = None
    if form.cleaned_data["feedback"]:
        feedback = get_object_or_404(
            Feedback, pk=form.cleaned_data["feedback"], reflection=reflection, author=request.user
        )
    release = request.POST.get("action") == "release"
    try:
        saved = feedback_save(
            reflection=reflection,
            by=request.user,
            body=form.cleaned_data["body"],
            release=release,
            feedback=feedback,
            version=form.cleaned_data["version"],
        )
    except ReflectionNotSubmitted:
        reflection = _in_my_cohorts(request, public_id)
        return _kept_text(request, reflection, form, _reopened_problem(reflection))
    except ReflectionChanged:
        reflection = _readable(request, public_id)
        problem = (
            "This reflection was sent back for revision and submitted again after you opened the page, so "
            "your feedback was not saved. Read it again below; your text is still in the box."
        )
        return _page(
            request,
            reflection,
            form=_retry_form(form, reflection, feedback=_my_draft(reflection, request.user)),
            problem=problem,
            status=409,
        )
    except FeedbackReleased as refused:
        reflection = _readable(request, public_id)
        problem = (
            f"That feedback was already released on {_day(refused.feedback.released_at)} (perhaps from another "
            "tab), and released feedback cannot change, so nothing was saved. Your text is in the box below as "
            "new feedback: save or release it if you want to add it."
        )
        return _page(request, reflection, form=_retry_form(form, reflection), problem=problem, status=409)
    except ValidationError as error:
        form.add_error("body", error)
        return _page(request, reflection, form=form, status=400)
    if release:
        messages.success(request, f"Feedback released to {name_of(reflection.author)}, who has been told.")
    else:
        messages.success(request, f"Draft saved at {formats.time_format(timezone.localtime(saved.updated), 'H:i')}.")
    return redirect(reverse("trainer:reflection_detail", args=[reflection.public_id]) + "#feedback")


@trainer_only
@require_POST
def reflection_reopen_view(request, public_id):
    reflection = _in_my_cohorts(request, public_id)
    if reflection.is_draft:
        if reflection.reopened_at is None:
            raise Http404
        messages.info(request, _already_reopened(reflection))
        return redirect("trainer:dashboard")
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _page(request, reflection, reopen_form=form, status=400)
    try:
        reflection_reopen(
            reflection=reflection,
            by=request.user,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
        )
    except ReflectionNotSubmitted:
        messages.info(request, _already_reopened(_in_my_cohorts(request, public_id)))
        return redirect("trainer:dashboard")
    except ReflectionChanged:
        reflection = _readable(request, public_id)
        problem = (
            "This reflection was sent back and submitted again after you opened the page, so it was not sent "
            "back now. Read it again below; your note is still in the box."
        )
        retry = ReopenForm(initial={"note": form.cleaned_data["note"], "version": reflection.version})
        return _page(request, reflection, reopen_form=retry, problem=problem, status=409)
    except ValidationError as error:
        form.add_error("note", error)
        return _page(request, reflection, reopen_form=form, status=400)
    messages.success(
        request,
        f"“{reflection.display_title}” was sent back to {name_of(reflection.author)} for revision, with your "
        "note. It is a draft again until they submit it.",
    )
    return redirect("trainer:dashboard")


def _already_reopened(reflection):
    return (
        f"“{reflection.display_title}” was already sent back for revision on {_day(reflection.reopened_at)}; "
        "it is a draft again until it is submitted."
    )
