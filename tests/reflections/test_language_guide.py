"""The language guide: shipped entries, curators' edits kept, and the admin curators use."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from recovery_portal.content import LANGUAGE_GUIDE_FILE, load_language_guide, read_content
from reflections.checks import run_checks
from reflections.models import LanguageGuide

pytestmark = pytest.mark.django_db


def shipped_entries():
    return read_content(LANGUAGE_GUIDE_FILE)


def test_loader_ships_about_twenty_entries_each_with_a_reason():
    created = load_language_guide(shipped_entries())

    assert created["language guide entries"] == LanguageGuide.objects.count() == 20
    assert not LanguageGuide.objects.filter(why="").exists()
    assert LanguageGuide.objects.get(phrase="suffering from").preferred == "living with, or experiencing"
    assert LanguageGuide.objects.get(phrase="attention seeking").preferred == "connection seeking"
    assert LanguageGuide.objects.get(phrase="committed suicide").preferred == "died by suicide, or took their own life"
    assert LanguageGuide.objects.get(phrase="non-compliant").active


@pytest.mark.parametrize("item", read_content(LANGUAGE_GUIDE_FILE), ids=lambda item: item["phrase"])
def test_every_shipped_phrase_is_found_in_a_sentence_that_uses_it(item):
    load_language_guide(shipped_entries())

    findings = run_checks({"answer": f"The notes said {item['phrase']} twice."})

    assert [(f.check, f.text, f.suggestion) for f in findings] == [
        ("language", item["phrase"], item.get("preferred", ""))
    ]


def test_rerunning_the_command_keeps_curators_edits_and_adds_nothing_twice(capsys):
    call_command("load_recovery_content")
    entry = LanguageGuide.objects.get(phrase="relapse")
    entry.preferred = "a setback"
    entry.active = False
    entry.save()
    LanguageGuide.objects.filter(phrase="refused").update(phrase="Refused")

    call_command("load_recovery_content")

    entry.refresh_from_db()
    assert (entry.preferred, entry.active) == ("a setback", False)
    assert LanguageGuide.objects.count() == 20
    assert "20 language guide entries" in capsys.readouterr().out


def test_a_phrase_is_unique_in_any_case_and_needs_a_word():
    LanguageGuide.objects.create(phrase="Suffering from", why="Because.")

    with pytest.raises(ValidationError, match="already in the language guide"):
        LanguageGuide(phrase="suffering FROM", why="Again.").full_clean()
    with pytest.raises(ValidationError, match="needs at least one word"):
        LanguageGuide(phrase=" -- ", why="Nothing.").full_clean()


def test_curators_may_edit_the_language_guide_and_practitioners_may_not():
    curators = set(Group.objects.get(name="Curators").permissions.values_list("codename", flat=True))
    practitioners = set(Group.objects.get(name="Practitioners").permissions.values_list("codename", flat=True))

    assert {"add_languageguide", "change_languageguide", "delete_languageguide", "view_languageguide"} <= curators
    assert not {code for code in practitioners if code.endswith("languageguide")}


def test_a_curator_adds_a_phrase_in_admin_and_the_next_check_uses_it(client, curator):
    client.force_login(curator)
    assert client.get(reverse("admin:reflections_languageguide_changelist")).status_code == 200

    response = client.post(
        reverse("admin:reflections_languageguide_add"),
        {"phrase": "  service   user ", "preferred": "person", "why": "Say who they are.", "active": "on"},
    )

    assert response.status_code == 302
    assert LanguageGuide.objects.get().phrase == "service user"
    findings = run_checks({"answer": "One service user said it helped."})
    assert [(f.text, f.suggestion, f.message) for f in findings] == [("service user", "person", "Say who they are.")]


def test_a_curators_change_is_kept_in_the_history(client, curator):
    entry = LanguageGuide.objects.create(phrase="relapse", preferred="recurrence", why="Not failure.")
    client.force_login(curator)

    client.post(
        reverse("admin:reflections_languageguide_change", args=[entry.pk]),
        {"phrase": "relapse", "preferred": "a setback", "why": "Not failure.", "active": "on"},
    )

    assert [h.preferred for h in entry.history.order_by("history_date")] == ["recurrence", "a setback"]
    assert entry.history.latest().history_user == curator


def test_a_practitioner_cannot_open_the_language_guide_admin(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("admin:reflections_languageguide_changelist"))

    assert response.status_code == 302  # to the admin login: not staff
