import uuid
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from research.models import Publication
from themes.models import Theme

from . import cpd, peer, progress
from .access import asks_for_json, login_needed, private
from .checks import reflection_findings, run_checks
from .export import export_for
from .feedback import released, with_feedback_marker
from .forms import (
    ReflectionForm,
    SubmitForm,
    bind_reflection_form,
    checked_text,
    reflection_values,
    stored_values,
)
from .models import Assignment, Exercise, Reflection, ReflectiveModel, new_answers
from .services import (
    ReflectionSubmitted,
    StaleVersion,
    reflection_create,
    reflection_restore,
    reflection_save,
    reflection_submit,
    submit_problems,
)

PER_PAGE = 20
FREE_MODEL = "free"


def _own_reflection(request, public_id):
    # Anyone but the author gets the same 404 as for a reflection that does not exist.
    return get_object_or_404(Reflection.objects.owned_by(request.user).for_page(), public_id=public_id)


def _when(moment):
    return formats.time_format(timezone.localtime(moment), "H:i")


def _submitted_message(reflection):
    day = formats.date_format(timezone.localtime(reflection.submitted_at), "j F Y")
    return f"This reflection was submitted on {day}, so it can no longer be changed."


def exercise_list(request):
    """Public: the exercises anyone can read before logging in to write."""
    exercises = Exercise.objects.visible_to(request.user).for_listing()
    page = Paginator(exercises, per_page=PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reflections/exercise_list.html", {"page": page})


def exercise_detail(request, slug):
    """Public: one exercise with its instructions, its model's stages and its own prompts, themes and readings."""
    exercise = get_object_or_404(
        Exercise.objects.visible_to(request.user)
        .for_writing()
        .prefetch_related(
            "tags",
            Prefetch("themes", queryset=Theme.objects.visible_to(request.user).order_by("position")),
            Prefetch("readings", queryset=Publication.objects.visible_to(request.user).order_by("title")),
        ),
        slug=slug,
    )
    return render(request, "reflections/exercise_detail.html", {"exercise": exercise})


@private
def reflection_list(request):
    reflections = with_feedback_marker(Reflection.objects.owned_by(request.user).select_related("exercise"))
    status = request.GET.get("status", "")
    if status in Reflection.Status.values:
        reflections = reflections.filter(status=status)
    else:
        status = ""
    page = Paginator(reflections, per_page=PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reflections/reflection_list.html",
        {
            "page": page,
            "status": status,
            "query_string": f"status={status}" if status else "",
            "progress": cpd.progress(request.user, cpd.RegistrationYear.current()),
            "reflective_models": ReflectiveModel.objects.all(),
            "assignments": progress.assignments_for_member(request.user),
        },
    )


def _assignment(request, params):
    """?assignment=<id>: one of the assignments set for my cohorts (anything else is a 404)."""
    if "assignment" not in params:
        return None
    if not params["assignment"].isdigit():
        raise Http404("There is no such assignment.")
    return get_object_or_404(
        Assignment.objects.for_member(request.user)
        .select_related("cohort", "exercise__reflective_model")
        .prefetch_related("exercise__reflective_model__stages", "exercise__prompts"),
        pk=params["assignment"],
    )


def _started(request, assignment):
    """The reflection I already began for an assignment, if any: starting it again opens that one."""
    return Reflection.objects.owned_by(request.user).filter(assignment=assignment).first()


def _what_to_write(request, params):
    """The reflective model and exercise a new reflection follows: ?exercise=<slug>, else ?model=<slug> (Free)."""
    if params.get("exercise"):
        exercise = get_object_or_404(
            Exercise.objects.visible_to(request.user).for_writing(),
            slug=params["exercise"],
        )
        return exercise.reflective_model, exercise
    model = ReflectiveModel.objects.prefetch_related("stages").filter(slug=params.get("model") or FREE_MODEL).first()
    if model is None and params.get("model"):
        raise Http404("There is no reflective model by that name.")
    return model, None


@private
def reflection_new(request):
    if request.method == "POST":
        return _create(request)
    assignment = _assignment(request, request.GET)
    if assignment is not None:
        started = _started(request, assignment)
        if started is not None:
            if started.is_draft:
                return redirect("reflections:reflection_edit", started.public_id)
            return redirect(started)
        model, exercise = assignment.exercise.reflective_model, assignment.exercise
    else:
        model, exercise = _what_to_write(request, request.GET)
    form = ReflectionForm(initial={"version": 0}, answers=new_answers(reflective_model=model, exercise=exercise))
    return _writing_page(
        request,
        form=form,
        public_id=uuid.uuid4(),
        reflective_model=model,
        exercise=exercise,
        assignment=assignment,
    )


def _create(request):
    """The first save of a new page (its "Save draft", or its first autosave). The page carries the new
    reflection's id, so saving it twice (a retried request, two clicks) saves, never makes two."""
    try:
        public_id = uuid.UUID(request.POST.get("public_id", ""))
    except ValueError:
        return _bad_request(request, "The page was missing part of itself. Reload it; your text is still on it.")
    existing = Reflection.objects.for_page().filter(public_id=public_id).first()
    if existing is not None:
        if existing.author_id != request.user.pk:
            raise Http404
        return _save(request, existing)
    assignment = _assignment(request, request.POST)
    if assignment is not None:
        started = _started(request, assignment)
        if started is not None:  # begun in another tab: a save onto it (a stale one, so both texts are kept)
            return _save(request, _own_reflection(request, started.public_id))
        model, exercise = assignment.exercise.reflective_model, assignment.exercise
    else:
        model, exercise = _what_to_write(request, request.POST)
    answers = new_answers(reflective_model=model, exercise=exercise)
    form = bind_reflection_form(reflection=None, answers=answers, data=_with_suggestion(request.POST, answers))
    if not form.is_valid():
        return _invalid(
            request, form, public_id=public_id, reflective_model=model, exercise=exercise, assignment=assignment
        )
    try:
        reflection = reflection_create(
            author=request.user,
            public_id=public_id,
            reflective_model=model,
            exercise=exercise,
            assignment=assignment,
            values=form.cleaned_data,
            page=_page(request),
        )
    except IntegrityError:  # the same page saved twice at the same moment: this one is an ordinary save
        started = _started(request, assignment) if assignment is not None else None
        return _save(request, _own_reflection(request, started.public_id if started else public_id))
    return _saved(request, reflection, form=form, version=reflection.version, saved_at=reflection.updated)


@private
def reflection_edit(request, public_id):
    reflection = _own_reflection(request, public_id)
    if request.method == "POST":
        return _save(request, reflection)
    if not reflection.is_draft:
        messages.info(request, _submitted_message(reflection))
        return redirect(reflection)
    answers = reflection.answers.all()
    values = reflection_values(reflection)
    form = ReflectionForm(initial={**values, "version": reflection.version}, answers=answers)
    return _writing_page(
        request,
        form=form,
        reflection=reflection,
        findings=run_checks(checked_text(values, answers)),
    )


@never_cache
@require_POST
def reflection_autosave(request, public_id):
    # A script calls this: it gets JSON, never a redirect to the login page.
    if not request.user.is_authenticated:
        return login_needed()
    reflection = Reflection.objects.owned_by(request.user).for_page().filter(public_id=public_id).first()
    if reflection is None:
        return JsonResponse({"error": "not_found", "message": "There is no such reflection."}, status=404)
    return _save(request, reflection, wants_json=True)


def _page(request):
    """Which writing page (tab) a save came from: each page carries its own random name."""
    return request.POST.get("page", "")[:32]


def _with_suggestion(data, answers, stored=None):
    """The "Use the suggestion" buttons (they work without JavaScript): add the suggested text to the field.

    `stored` (field name -> text) stands in for fields the post left out.
    """
    field = data.get("suggest")
    if field not in cpd.SUGGESTED_FIELDS:
        return data
    stored = stored or {}
    data = data.copy()
    texts = {answer.field_name: data.get(answer.field_name, answer.body) for answer in answers}
    suggested = cpd.suggestion(answers, cpd.SUGGESTED_FIELDS[field], texts=texts)
    written = data.get(field, stored.get(field, "")).strip()
    data[field] = "\n\n".join(part for part in (written, suggested) if part)
    return data


def _save(request, reflection, *, wants_json=None):
    """Save the writing form posted for `reflection`: JSON for the page's script, a redirect or page otherwise."""
    wants_json = asks_for_json(request) if wants_json is None else wants_json
    if not reflection.is_draft:
        return _refuse_submitted(request, reflection, wants_json)
    if wants_json and not request.POST.get("version", "").isdigit():
        return JsonResponse(
            {"error": "version", "message": "The version sent with the text was not a number. Reload the page."},
            status=400,
        )
    answers = reflection.answers.all()
    data = _with_suggestion(request.POST, answers, stored_values(reflection))
    form = bind_reflection_form(reflection=reflection, answers=answers, data=data)
    if not form.is_valid():
        return _invalid(request, form, reflection=reflection, wants_json=wants_json)
    try:
        saved = reflection_save(
            reflection=reflection,
            by=request.user,
            version=form.cleaned_data["version"],
            values=form.cleaned_data,
            page=_page(request),
        )
    except ReflectionSubmitted:
        return _refuse_submitted(request, _own_reflection(request, reflection.public_id), wants_json)
    except StaleVersion:
        return _stale(request, _own_reflection(request, reflection.public_id), form, wants_json)
    return _saved(
        request, reflection, form=form, version=saved.version, saved_at=saved.saved_at, wants_json=wants_json
    )


def _saved(request, reflection, *, form, version, saved_at, wants_json=None):
    wants_json = asks_for_json(request) if wants_json is None else wants_json
    if wants_json:
        return JsonResponse(
            {
                "version": version,
                "saved_at": timezone.localtime(saved_at).isoformat(),
                "findings": [finding.as_dict() for finding in run_checks(form.text_values())],
                # A new page moves to these once its first save has made the reflection.
                "edit_url": reverse("reflections:reflection_edit", args=[reflection.public_id]),
                "autosave_url": reverse("reflections:reflection_autosave", args=[reflection.public_id]),
            }
        )
    if request.POST.get("action") == "submit":
        return redirect("reflections:reflection_submit", reflection.public_id)
    messages.success(request, f"Draft saved at {_when(saved_at)}.")
    edit_url = reverse("reflections:reflection_edit", args=[reflection.public_id])
    suggested = request.POST.get("suggest")
    return redirect(f"{edit_url}#id_{suggested}" if suggested in cpd.SUGGESTED_FIELDS else edit_url)


def _refuse_submitted(request, reflection, wants_json):
    message = _submitted_message(reflection)
    if wants_json:
        return JsonResponse({"error": "submitted", "message": message}, status=409)
    messages.error(request, message)
    return redirect(reflection)


def _stale(request, current, form, wants_json):
    """Someone saved from another tab or device: nothing was written. Show both texts and let the writer choose."""
    stored = stored_values(current)
    if wants_json:
        return JsonResponse(
            {
                "version": current.version,
                "saved_at": timezone.localtime(current.updated).isoformat(),
                "fields": stored,
            },
            status=409,
        )
    # Without JavaScript: the form keeps the writer's text, now based on the stored version, so saving
    # again keeps it; the stored text is shown beside each field that differs.
    data = form.data.copy()
    data["version"] = current.version
    mine = bind_reflection_form(reflection=current, answers=current.answers.all(), data=data)
    mine.is_valid()
    conflict = {name: text for name, text in stored.items() if text != mine.data.get(name, text)}
    if not conflict:  # what was saved elsewhere is exactly this text: nothing to choose
        return _saved(request, current, form=mine, version=current.version, saved_at=current.updated)
    return _writing_page(
        request,
        form=mine,
        reflection=current,
        findings=run_checks(mine.text_values()),
        conflict={"fields": conflict, "saved_at": current.updated},
        status=409,
    )


def _invalid(request, form, *, reflection=None, wants_json=None, **page):
    wants_json = asks_for_json(request) if wants_json is None else wants_json
    if wants_json:
        errors = {name: [str(error) for error in field_errors] for name, field_errors in form.errors.items()}
        return JsonResponse(
            {"error": "invalid", "message": "Not saved: " + " ".join(sum(errors.values(), [])), "errors": errors},
            status=400,
        )
    return _writing_page(request, form=form, reflection=reflection, status=400, **page)


def _bad_request(request, message):
    if asks_for_json(request):
        return JsonResponse({"error": "invalid", "message": message}, status=400)
    return render(request, "reflections/problem.html", {"message": message}, status=400)


def _writing_page(
    request,
    *,
    form,
    reflection=None,
    public_id=None,
    reflective_model=None,
    exercise=None,
    assignment=None,
    findings=(),
    **extra,
):
    """The writing page, for a new reflection or a draft: one labelled box per prompt, the readings beside it.

    Each field comes with what the checks found in it and, after a clash with a save made elsewhere, the
    text saved there (`conflict`).
    """
    status = extra.pop("status", 200)
    conflict = extra.pop("conflict", None)
    if reflection is not None:
        public_id, reflective_model, exercise = reflection.public_id, reflection.reflective_model, reflection.exercise
    found = defaultdict(list)
    for finding in findings:
        found[finding.field].append(finding)
    theirs = conflict["fields"] if conflict else {}
    texts = {answer.field_name: form[answer.field_name].value() or "" for answer in form.answers}

    def row(field, **more):
        return {"field": field, "findings": found.get(field.name, []), "theirs": theirs.get(field.name), **more}

    readings = (
        Publication.objects.visible_to(request.user).filter(exercises=exercise).order_by("title")
        if exercise is not None
        else Publication.objects.none()
    )
    context = {
        "form": form,
        "page": uuid.uuid4().hex,
        "reflection": reflection,
        "public_id": public_id,
        "reflective_model": reflective_model,
        "exercise": exercise,
        "assignment": assignment,
        "other_models": ReflectiveModel.objects.all() if reflection is None and exercise is None else [],
        "readings": readings,
        "title_row": row(form["title"]),
        "answer_rows": [row(field, answer=answer) for answer, field in form.answer_fields()],
        "cpd_rows": [
            row(field, suggestion=cpd.suggestion(form.answers, cpd.SUGGESTED_FIELDS[field.name], texts=texts))
            if field.name in cpd.SUGGESTED_FIELDS
            else row(field)
            for field in form.cpd_fields()
        ],
        "identifiable_count": sum(finding.check == "identifiable" for finding in findings),
        "conflict": conflict,
        "stale_fields": sorted(theirs),
    }
    return render(request, "reflections/reflection_form.html", context, status=status)


@private
def reflection_detail(request, public_id):
    reflection = _own_reflection(request, public_id)
    # Released feedback only: a trainer's draft is never shown to the author.
    feedback = released(reflection.feedback.all())
    return render(
        request,
        "reflections/reflection_detail.html",
        {"reflection": reflection, "feedback": feedback, "peer": peer.status(reflection)},
    )


@private
def reflection_submit_page(request, public_id):
    """Submitting: the writing checks first; while identifiable details remain, each must be confirmed."""
    reflection = _own_reflection(request, public_id)
    if not reflection.is_draft:
        messages.info(request, _submitted_message(reflection))
        return redirect(reflection)
    findings = reflection_findings(reflection)
    problems = submit_problems(reflection)
    form = SubmitForm(initial={"version": reflection.version}, details=findings.details)
    status = 200
    if request.method == "POST" and "confirm" in request.POST:
        form, problems = _submit(request, reflection, findings.details)
        if form is None:
            return redirect(reflection)
        status = 400
    return render(
        request,
        "reflections/reflection_submit.html",
        {"reflection": reflection, "form": form, "findings": findings, "problems": problems},
        status=status,
    )


def _submit(request, reflection, details):
    """Submit if every identifiable detail is confirmed; otherwise the form and problems to show again."""
    posted = SubmitForm(request.POST, details=details)
    fresh = SubmitForm(initial={"version": reflection.version}, details=details)
    stale = [
        "The reflection changed after you opened this page (perhaps in another tab). "
        "Check it again below, then submit."
    ]
    # The ticks were given for the text as it was shown: a newer text must be checked again.
    if not posted.is_valid():
        if posted.cleaned_data.get("version") != reflection.version:
            return fresh, stale
        return posted, submit_problems(reflection)
    try:
        reflection_submit(reflection=reflection, by=request.user, version=posted.cleaned_data["version"])
    except StaleVersion:
        return fresh, stale
    except ReflectionSubmitted:
        return None, []
    except ValidationError as error:
        return fresh, error.messages
    messages.success(request, "Submitted. Your reflection is kept as it is now and can no longer change.")
    return None, []


@private
def version_list(request, public_id):
    reflection = _own_reflection(request, public_id)
    versions = reflection.versions.defer("fields")
    return render(request, "reflections/version_list.html", {"reflection": reflection, "versions": versions})


@private
def version_detail(request, public_id, pk):
    reflection = _own_reflection(request, public_id)
    snapshot = get_object_or_404(reflection.versions, pk=pk)
    newest = reflection.versions.values_list("pk", flat=True).first()
    answers = [(answer, snapshot.fields.get(answer.field_name, "")) for answer in reflection.answers.all()]
    return render(
        request,
        "reflections/version_detail.html",
        {"reflection": reflection, "snapshot": snapshot, "answers": answers, "is_current": snapshot.pk == newest},
    )


@private
@require_POST
def version_restore(request, public_id, pk):
    reflection = _own_reflection(request, public_id)
    snapshot = get_object_or_404(reflection.versions, pk=pk)
    if not request.POST.get("version", "").isdigit():
        messages.error(request, "The page was missing part of itself; nothing was restored. Please try again.")
        return redirect("reflections:version_detail", reflection.public_id, snapshot.pk)
    try:
        reflection_restore(
            reflection=reflection, by=request.user, snapshot=snapshot, version=int(request.POST["version"])
        )
    except ReflectionSubmitted:
        messages.error(request, _submitted_message(reflection))
        return redirect(reflection)
    except StaleVersion:
        messages.error(
            request,
            "The reflection was saved somewhere else after you opened this page, so nothing was restored. "
            "Look at the versions again, then restore the one you want.",
        )
        return redirect("reflections:version_list", reflection.public_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reflections:version_detail", reflection.public_id, snapshot.pk)
    saved = formats.date_format(timezone.localtime(snapshot.saved_at), "j F Y, H:i")
    messages.success(
        request, f"Restored the version saved on {saved}. The text it replaced is kept as a saved version too."
    )
    return redirect("reflections:reflection_edit", reflection.public_id)


def _registration_year(request):
    current = cpd.RegistrationYear.current()
    try:
        return cpd.RegistrationYear(int(request.GET["year"])), current
    except (KeyError, ValueError):
        return current, current


@private
def cpd_record(request):
    year, current = _registration_year(request)
    records = list(
        cpd.in_year(cpd.cpd_records(request.user), year)
        .annotate(peer_confirmed_at=peer.confirmed_at())
        .order_by("cpd_on", "id")
    )
    for record in records:
        record.missing = cpd.missing_fields(record)
    dates = cpd.cpd_records(request.user).values_list("cpd_on", flat=True)
    years = sorted({cpd.RegistrationYear.containing(day) for day in dates} | {current}, reverse=True)
    template = "reflections/cpd_print.html" if request.GET.get("print") else "reflections/cpd_record.html"
    return render(
        request,
        template,
        {
            "year": year,
            "is_current": year == current,
            "years": years,
            "records": records,
            "progress": cpd.progress(request.user, year),
        },
    )


@private
def cpd_csv(request):
    records = cpd.cpd_records(request.user).annotate(peer_confirmed_at=peer.confirmed_at()).order_by("cpd_on", "id")
    name = "cpd-record"
    if "year" in request.GET:
        year, _ = _registration_year(request)
        records, name = cpd.in_year(records, year), f"cpd-record-{year.label.replace('–', '-')}"
    response = HttpResponse(cpd.records_csv(records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@private
def export_json(request):
    response = JsonResponse(export_for(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="recovery-portal-export-{day}.json"'
    return response
