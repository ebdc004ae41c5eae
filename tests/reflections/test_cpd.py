"""Item 7: the CPD record in Social Work England's order: year, progress, copy, print, CSV, suggestions."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from reflections.cpd import RegistrationYear, neutralise
from tests.factories import make_reflection

pytestmark = pytest.mark.django_db

CPD_PAGE = reverse("reflections:cpd_record")
SWE_ORDER = [
    "Type of CPD",
    "Title",
    "Date",
    "Description and why it is relevant",
    "What I learnt",
    "Impact on my practice and the people I work with",
    "What I learnt from discussing this with a peer",
    "Peer's role",
    "Date of the peer discussion",
]


def complete(day, **more):
    """A CPD record with every field SWE needs."""
    return {
        "is_cpd": True,
        "cpd_type": "Reading",
        "cpd_title": "Hope in practice",
        "cpd_date": day,
        "cpd_description": "I read about hope.",
        "cpd_learning": "Hope can be lent.",
        "cpd_impact": "I ask about hopes first.",
        **more,
    }


@pytest.mark.parametrize(
    "day, ends",
    [
        (date(2025, 11, 30), 2025),
        (date(2025, 12, 1), 2026),
        (date(2026, 1, 1), 2026),
        (date(2026, 11, 30), 2026),
    ],
)
def test_a_registration_year_runs_from_1_december_to_30_november(day, ends):
    year = RegistrationYear.containing(day)

    assert year.ends == ends
    assert (year.first_day, year.last_day) == (date(ends - 1, 12, 1), date(ends, 11, 30))
    assert year.label == f"{ends - 1}–{str(ends)[2:]}"


def test_days_left_count_down_to_30_november_and_stop_at_nothing():
    year = RegistrationYear(2026)

    assert year.days_left(date(2026, 11, 1)) == 29
    assert year.days_left(date(2026, 11, 30)) == 0
    assert year.days_left(date(2026, 12, 5)) == 0
    assert year.deadline.hour == 23 and year.deadline.minute == 59


def test_progress_counts_complete_records_and_those_with_peer_reflection(author_client, practitioner, gibbs):
    today = RegistrationYear.current().first_day + timedelta(days=10)
    make_reflection(author=practitioner, reflective_model=gibbs, **complete(today))
    first = author_client.get(CPD_PAGE).content.decode()
    make_reflection(author=practitioner, reflective_model=gibbs, **complete(today, peer_reflection="We talked."))
    make_reflection(author=practitioner, reflective_model=gibbs, is_cpd=True, cpd_date=today)  # not complete

    second = author_client.get(CPD_PAGE).content.decode()

    assert "<strong>1</strong> piece of CPD ready" in first
    assert "None includes peer reflection yet" in first
    assert "<strong>2</strong> pieces of CPD ready" in second
    assert "1 more not complete yet" in second
    assert "At least one includes peer reflection." in second
    assert "days left" in second


def test_each_record_shows_swes_fields_in_order_with_a_copy_button_each(author_client, practitioner, gibbs):
    day = RegistrationYear.current().first_day
    record = make_reflection(author=practitioner, reflective_model=gibbs, **complete(day, peer_reflection="Talked"))

    html = author_client.get(CPD_PAGE).content.decode()

    labels = [
        "Type of CPD",
        "Title",
        "Date",
        "Description and why it is relevant",
        "What I learnt",
        "The impact on my practice and on the people I work with",
        "What I learnt from discussing this with a peer",
    ]
    positions = [html.index(f"<dt>{label}</dt>") for label in labels]
    assert positions == sorted(positions)
    assert html.count('class="copy-button') == 7  # every filled field; the peer's role and date are empty
    assert f'data-copy-target="cpd-{record.public_id}-learning"' in html
    assert f'id="cpd-{record.public_id}-learning">Hope can be lent.</div>' in html
    assert "Ready to copy" in html


def test_an_incomplete_record_says_what_it_still_needs(author_client, practitioner, gibbs):
    make_reflection(author=practitioner, reflective_model=gibbs, is_cpd=True, cpd_type="Course")

    html = author_client.get(CPD_PAGE).content.decode()

    assert "Still needed: title, date, description and why it is relevant, what I learnt" in html


def test_earlier_years_are_one_click_away_and_show_their_own_records(author_client, practitioner, gibbs):
    current = RegistrationYear.current()
    make_reflection(author=practitioner, reflective_model=gibbs, **complete(current.first_day, cpd_title="Now"))
    make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        **complete(current.first_day - timedelta(days=1), cpd_title="Then"),
    )

    page = author_client.get(CPD_PAGE).content.decode()
    earlier = author_client.get(CPD_PAGE, {"year": current.ends - 1}).content.decode()

    assert f'href="?year={current.ends - 1}"' in page
    assert "Now</h3>" in page and "Then</h3>" not in page
    assert "Then</h3>" in earlier and "Now</h3>" not in earlier
    assert "days left" not in earlier


def test_the_print_view_has_the_records_without_buttons_or_navigation(author_client, practitioner, gibbs):
    make_reflection(author=practitioner, reflective_model=gibbs, **complete(RegistrationYear.current().first_day))

    html = author_client.get(CPD_PAGE, {"print": 1}).content.decode()

    assert "<h2>Hope in practice</h2>" in html
    assert "copy-button" not in html and "site-header" not in html


def test_the_csv_has_swes_columns_in_order_and_neutralises_formulas(author_client, practitioner, gibbs):
    make_reflection(
        author=practitioner,
        reflective_model=gibbs,
        **complete(date(2026, 3, 14), cpd_title='=HYPERLINK("http://evil")', cpd_learning="@SUM(A1)"),
    )

    response = author_client.get(reverse("reflections:cpd_csv"))

    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="cpd-record.csv"' in response["Content-Disposition"]
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][: len(SWE_ORDER)] == SWE_ORDER
    assert rows[1][:5] == ["Reading", '\'=HYPERLINK("http://evil")', "2026-03-14", "I read about hope.", "'@SUM(A1)"]


@pytest.mark.parametrize(
    "cell, safe",
    [("=1+1", "'=1+1"), ("+44", "'+44"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"), ("ok = fine", "ok = fine")],
)
def test_cells_a_spreadsheet_would_run_start_with_an_apostrophe(cell, safe):
    assert neutralise(cell) == safe


def test_learning_and_impact_are_suggested_from_gibbs_conclusion_and_action_plan(author_client, practitioner, gibbs):
    reflection = make_reflection(
        author=practitioner, reflective_model=gibbs, answers={1: "A visit", 5: "Listen first.", 6: "Ask, then plan."}
    )
    edit = reverse("reflections:reflection_edit", args=[reflection.public_id])

    html = author_client.get(edit).content.decode()

    assert '<blockquote id="suggestion-cpd_learning">Listen first.</blockquote>' in html
    assert '<blockquote id="suggestion-cpd_impact">Ask, then plan.</blockquote>' in html


def test_rolfe_suggests_from_so_what_and_now_what(author_client, practitioner, reflective_models):
    reflection = make_reflection(
        author=practitioner, reflective_model=reflective_models["rolfe"], answers={1: "What", 2: "Meaning", 3: "Next"}
    )

    html = author_client.get(reverse("reflections:reflection_edit", args=[reflection.public_id])).content.decode()

    assert '<blockquote id="suggestion-cpd_learning">Meaning</blockquote>' in html
    assert '<blockquote id="suggestion-cpd_impact">Next</blockquote>' in html


def test_the_suggestion_button_fills_the_field_without_javascript_and_never_replaces_text(
    author_client, practitioner, gibbs
):
    reflection = make_reflection(
        author=practitioner, reflective_model=gibbs, answers={5: "Listen first."}, cpd_learning="My own words."
    )
    edit = reverse("reflections:reflection_edit", args=[reflection.public_id])

    author_client.post(edit, {"version": 1, "suggest": "cpd_learning", "answer_5": "Listen first, always."})

    reflection.refresh_from_db()
    assert reflection.cpd_learning == "My own words.\n\nListen first, always."
    assert reflection.answers.get(position=5).body == "Listen first, always."
