"""Item 2: the reflective models, shipped as data and editable by curators."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from recovery_portal.content import REFLECTIVE_MODELS_FILE, load_reflective_models, read_content
from reflections.models import ReflectiveModel, ReflectiveStage
from tests.factories import make_exercise, make_theme

pytestmark = pytest.mark.django_db

STAGES = {
    "free": ["Your reflection"],
    "gibbs": ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"],
    "kolb": ["Concrete experience", "Reflective observation", "Abstract conceptualisation", "Active experimentation"],
    "rolfe": ["What?", "So what?", "Now what?"],
    "schon": ["Reflection-in-action", "Reflection-on-action"],
}


def test_the_five_models_ship_with_their_stages_in_order_each_with_a_prompt_and_guidance(reflective_models):
    assert {slug: [stage.title for stage in model.stages.all()] for slug, model in reflective_models.items()} == STAGES
    assert reflective_models["rolfe"].source == "Rolfe, Freshwater and Jasper (2001), after Borton (1970)"
    assert reflective_models["schon"].source == "Schön (1983)"
    for stage in ReflectiveStage.objects.all():
        assert stage.prompt.strip() and stage.guidance.strip(), stage


def test_the_stages_that_feed_the_cpd_record(reflective_models):
    feeds = {
        (stage.model.slug, stage.title): stage.cpd_use
        for stage in ReflectiveStage.objects.select_related("model").exclude(cpd_use="")
    }

    assert feeds[("gibbs", "Conclusion")] == "learning" and feeds[("gibbs", "Action plan")] == "impact"
    assert feeds[("rolfe", "So what?")] == "learning" and feeds[("rolfe", "Now what?")] == "impact"


def test_loading_again_adds_nothing_and_keeps_a_curators_edits(reflective_models):
    gibbs = reflective_models["gibbs"]
    gibbs.name = "Gibbs (edited by a curator)"
    gibbs.save()
    gibbs.stages.filter(title="Feelings").delete()

    created = load_reflective_models(read_content(REFLECTIVE_MODELS_FILE))

    assert not created
    assert ReflectiveModel.objects.get(slug="gibbs").name == "Gibbs (edited by a curator)"
    assert not ReflectiveStage.objects.filter(model__slug="gibbs", title="Feelings").exists()


def test_the_content_command_loads_them(capsys):
    call_command("load_recovery_content")

    assert "5 reflective models" in capsys.readouterr().out
    assert ReflectiveModel.objects.count() == 5


def test_curators_edit_a_model_and_its_stages_in_admin(client, curator, reflective_models):
    client.force_login(curator)

    page = client.get(f"/admin/reflections/reflectivemodel/{reflective_models['kolb'].pk}/change/")

    assert page.status_code == 200
    assert "Abstract conceptualisation" in page.content.decode()


def stages_formset(model, **changed_titles):
    """The change form's stage rows as they are, with some titles changed: {old title: new title}."""
    stages = list(model.stages.all())
    data = {
        "stages-TOTAL_FORMS": str(len(stages)),
        "stages-INITIAL_FORMS": str(len(stages)),
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
    }
    for index, stage in enumerate(stages):
        row = {
            "id": stage.pk,
            "model": model.pk,
            "position": stage.position,
            "title": changed_titles.get(stage.title, stage.title),
            "prompt": stage.prompt,
            "guidance": stage.guidance,
            "cpd_use": stage.cpd_use,
        }
        data.update({f"stages-{index}-{field}": value for field, value in row.items()})
    return data


def test_a_model_renamed_in_admin_shows_at_once_on_exercise_pages_and_cards(
    client, settings, curator, practitioner, gibbs
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    theme = make_theme()
    exercise = make_exercise(reflective_model=gibbs, themes=[theme], title="What gives hope")
    client.force_login(practitioner)
    assert "Gibbs&#x27; reflective cycle" in client.get(theme.get_absolute_url()).content.decode()  # now kept
    client.logout()
    for url in (exercise.get_absolute_url(), "/reflections/exercises/"):  # now in the anonymous page cache
        assert "Gibbs&#x27; reflective cycle" in client.get(url).content.decode()
    assert "Feelings" in client.get(exercise.get_absolute_url()).content.decode()

    client.force_login(curator)
    response = client.post(
        reverse("admin:reflections_reflectivemodel_change", args=[gibbs.pk]),
        {
            "name": "The Gibbs cycle",
            "slug": gibbs.slug,
            "source": gibbs.source,
            "summary": gibbs.summary,
            "position": gibbs.position,
            **stages_formset(gibbs, Feelings="Reactions"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    client.force_login(practitioner)
    html = client.get(theme.get_absolute_url()).content.decode()
    assert "The Gibbs cycle" in html and "Gibbs&#x27; reflective cycle" not in html
    client.logout()
    for url in (exercise.get_absolute_url(), "/reflections/exercises/"):
        html = client.get(url).content.decode()
        assert "The Gibbs cycle" in html and "Gibbs&#x27; reflective cycle" not in html
    assert "Reactions" in client.get(exercise.get_absolute_url()).content.decode()


def test_a_models_edits_are_in_its_history_and_a_restore_shows_at_once(client, curator, practitioner, gibbs):
    theme = make_theme()
    make_exercise(reflective_model=gibbs, themes=[theme], title="What gives hope")
    form = {
        "slug": gibbs.slug,
        "source": gibbs.source,
        "summary": gibbs.summary,
        "position": gibbs.position,
        **stages_formset(gibbs),
    }
    client.force_login(curator)
    client.post(
        reverse("admin:reflections_reflectivemodel_change", args=[gibbs.pk]), {**form, "name": "The Gibbs cycle"}
    )
    history = client.get(reverse("admin:reflections_reflectivemodel_history", args=[gibbs.pk])).content.decode()
    assert "The Gibbs cycle" in history and "cora" in history
    client.force_login(practitioner)
    assert "The Gibbs cycle" in client.get(theme.get_absolute_url()).content.decode()  # kept for this version

    first = gibbs.history.order_by("history_id").first()
    client.force_login(curator)
    response = client.post(
        reverse("admin:reflections_reflectivemodel_simple_history", args=[gibbs.pk, first.history_id]),
        {**form, "name": first.name},
    )

    assert response.status_code == 302
    client.force_login(practitioner)
    html = client.get(theme.get_absolute_url()).content.decode()
    assert "Gibbs&#x27; reflective cycle" in html and "The Gibbs cycle" not in html
