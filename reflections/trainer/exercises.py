"""The trainer's own exercises: list, write, edit (with a Markdown preview and a readings search that work
without JavaScript), and the readings autocomplete that enhances the search when JavaScript runs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html

from ..access import trainer_only
from ..models import Exercise, ReflectiveModel
from .exercise_forms import (
    QUESTIONS_PREFIX,
    READING_QUERY_MAX,
    READINGS_FOUND,
    ExerciseForm,
    QuestionFormSet,
    as_id,
    matching_readings,
    numbered,
    posted_question_rows,
    question_rows_for,
    stage_of,
)
from .exercise_services import StaleExercise, exercise_save

PER_PAGE = 50
# What the form's buttons ask for; anything else (pressing Enter in a text box included) saves nothing.
SAVE, PREVIEW, FIND, FILL = "save", "preview", "find", "fill"


@trainer_only
def exercise_list(request):
    exercises = (
        Exercise.objects.filter(author=request.user).select_related("reflective_model").order_by("-updated", "-pk")
    )
    page = Paginator(exercises, per_page=PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "trainer/exercise_list.html", {"page": page})


@trainer_only
def exercise_create(request):
    return _form_page(request, Exercise())


@trainer_only
def exercise_edit(request, pk):
    # Another trainer's exercise is a 404, the same as one that does not exist.
    exercise = get_object_or_404(Exercise.objects.filter(author=request.user), pk=pk)
    return _form_page(request, exercise)


@trainer_only
def reading_autocomplete(request):
    """JSON for the readings search as the trainer types: at most a few published publications."""
    found = matching_readings(request.GET.get("q", "")[:READING_QUERY_MAX], limit=READINGS_FOUND + 1)
    return JsonResponse(
        {
            "results": [
                {"id": reading.pk, "title": reading.title, "year": reading.year} for reading in found[:READINGS_FOUND]
            ],
            "more": len(found) > READINGS_FOUND,
        }
    )


def _models():
    return list(ReflectiveModel.objects.prefetch_related("stages"))


def _form_page(request, exercise):
    models = _models()
    if request.method != "POST":
        initial = {"reflective_model": models[0].pk} if models and exercise.pk is None else {}
        form = ExerciseForm(instance=exercise, initial=initial)
        return _render(request, exercise, form=form, rows=_starting_rows(exercise, models), models=models)

    form = ExerciseForm(request.POST, instance=exercise)
    formset = QuestionFormSet(request.POST, prefix=QUESTIONS_PREFIX)
    action = request.POST.get("action")
    if action != SAVE:
        return _shown_again(request, exercise, form=form, formset=formset, action=action, models=models)

    model = _chosen(form, models)
    formset.reflective_model = model
    if not (form.is_valid() and formset.is_valid()):
        return _render(request, exercise, form=form, formset=formset, models=models, status=400)
    edited = form.save(commit=False)
    try:
        saved = exercise_save(
            exercise=edited,
            by=request.user,
            status=form.cleaned_data["status"],
            questions=formset.questions(),
            themes=form.cleaned_data["themes"],
            readings=form.cleaned_data["readings"],
            tags=form.cleaned_data["tags"],
            seen=form.cleaned_data["updated"] if exercise.pk else None,
        )
    except StaleExercise as stale:
        return _stale(request, exercise, form=form, formset=formset, models=models, updated=stale.updated)
    if saved.is_published:
        messages.success(
            request,
            format_html(
                '“{}” is saved and published: <a href="{}">see it as practitioners do</a>.',
                saved.title,
                saved.get_absolute_url(),
            ),
        )
    else:
        messages.success(request, f"“{saved.title}” is saved as a draft: only you can see it.")
    return redirect("trainer:exercise_list")


def _chosen(form, models):
    """The reflective model the posted form names, if it is one."""
    value = str(form["reflective_model"].value() or "")
    return next((model for model in models if str(model.pk) == value), None)


def _starting_rows(exercise, models):
    """The questions a form opens with: a new exercise's model's; else the exercise's prompts, led by its
    model's stages when none of its prompts rewords one (as practitioners get them)."""
    if exercise.pk is None:
        return question_rows_for(model=models[0], rows=[]) if models else []
    prompts = [
        {"id": prompt.pk, "stage": prompt.stage_id, "text": prompt.text, "guidance": prompt.guidance}
        for prompt in exercise.prompts.all()
    ]
    if any(row["stage"] for row in prompts):
        return prompts
    model = next((model for model in models if model.pk == exercise.reflective_model_id), None)
    return question_rows_for(model=model, rows=prompts) if model else prompts


def _shown_again(request, exercise, *, form, formset, action, models):
    """The form again after Preview, Find readings or Fill in, with what was posted and nothing saved."""
    rows = posted_question_rows(formset)
    model = _chosen(form, models)
    if action == FILL and model is not None:
        rows = question_rows_for(model=model, rows=rows)
    values = form.posted_values()
    again = ExerciseForm(instance=exercise, initial=values)
    extra = {}
    if action == PREVIEW:
        extra["preview"] = {"instructions": values.get("instructions") or "", "rows": rows}
    if action == FILL and model is not None:
        messages.info(request, f"The questions of {model.name} are filled in below, followed by your own.")
    query = (values.get("reading_q") or "").strip()
    if query:
        found = matching_readings(query, limit=READINGS_FOUND + 1)
        extra["search"] = {"query": query, "found": found[:READINGS_FOUND], "more": len(found) > READINGS_FOUND}
    return _render(request, exercise, form=again, rows=rows, models=models, **extra)


def _stale(request, exercise, *, form, formset, models, updated):
    """Refuse a save made from an old form: the form again, as posted, ready to save over the newer one."""
    values = {**form.posted_values(), "updated": updated.isoformat() if updated else ""}
    again = ExerciseForm(instance=exercise, initial=values)
    return _render(
        request,
        exercise,
        form=again,
        rows=posted_question_rows(formset),
        models=models,
        stale={"updated": timezone.localtime(updated) if updated else None},
        status=409,
    )


def _render(request, exercise, *, form, models, rows=None, formset=None, status=200, **extra):
    if formset is None:
        formset = QuestionFormSet(initial=numbered(rows or []), prefix=QUESTIONS_PREFIX)
    stages = {stage.pk: stage for model in models for stage in model.stages.all()}
    for question in formset.forms:
        question.stage_shown = stage_of(question, stages)
    if "preview" in extra:
        extra["preview"]["rows"] = [
            {**row, "stage_shown": stages.get(as_id(row.get("stage")))} for row in extra["preview"]["rows"]
        ]
    chosen_ids = form.chosen_reading_ids()
    readings_chosen = list(
        form.fields["readings"].queryset.filter(pk__in=chosen_ids).only("pk", "slug", "title", "year", "status")
    )
    search = extra.pop("search", None)
    if search:
        shown = {reading.pk for reading in readings_chosen}
        search["found"] = [reading for reading in search["found"] if reading.pk not in shown]
    context = {
        "exercise": exercise if exercise.pk else None,
        # The title as saved: binding a form to the exercise sets the posted one on it.
        "saved_title": exercise.pk and Exercise.objects.filter(pk=exercise.pk).values_list("title", flat=True).first(),
        "form": form,
        "formset": formset,
        "models": models,
        "readings_chosen": sorted(readings_chosen, key=lambda reading: reading.title),
        "search": search,
        **extra,
    }
    return render(request, "trainer/exercise_form.html", context, status=status)
