"""Writing a reflection in a real browser: autosave, two tabs, a lost connection, an ended session, no JavaScript."""

import re
import time

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Session
from reflections.models import Reflection
from tests.factories import make_reflection

pytestmark = pytest.mark.browser

SAVED = re.compile(r"^Saved \d\d:\d\d")
# Each box is labelled by its stage and its question.
DESCRIPTION = "Description What happened?"
FEELINGS = "Feelings What were you thinking and feeling at the time?"


def log_in(context, site, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])


def collect_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def typing_stops(page):
    """The writer stops typing: the autosave's wait (2 s) passes on the page's clock instead of the test's.

    Needs the clock installed on the page's context before the page opens (the `writer` fixture does).
    """
    page.clock.fast_forward(2000)


def stored_answer(position=1):
    return Reflection.objects.get().answers.get(position=position).body


@pytest.fixture
def writer(site, context, practitioner):
    log_in(context, site, practitioner)
    context.clock.install()  # the pages' own clock, which typing_stops and the retries below move on
    return practitioner


@pytest.fixture
def draft(writer):
    from reflections.models import ReflectiveModel

    return make_reflection(
        author=writer, reflective_model=ReflectiveModel.objects.get(slug="gibbs"), answers={1: "We met at the cafe."}
    )


def edit_url(site, reflection):
    return f"{site}/reflections/{reflection.public_id}/edit/"


def test_a_new_reflection_saves_itself_and_says_so(site, page, writer):
    errors = collect_errors(page)
    page.goto(site + "/reflections/new/?model=gibbs")

    page.get_by_label("Title", exact=True).fill("A home visit")
    page.get_by_label(DESCRIPTION, exact=True).fill("We met at the day centre. He emailed me from sam@example.org.")
    typing_stops(page)

    expect(page.get_by_role("status").filter(has_text="Saved")).to_have_text(
        re.compile(r"^Saved \d\d:\d\d\. 1 detail")
    )
    reflection = Reflection.objects.get(author=writer)
    expect(page).to_have_url(edit_url(site, reflection))
    assert reflection.title == "A home visit"
    assert stored_answer() == "We met at the day centre. He emailed me from sam@example.org."
    expect(page.locator('[data-findings-for="answer_1"]')).to_contain_text("Could identify someone: “sam@example.org”")

    page.get_by_label(FEELINGS, exact=True).fill("Nervous, then relieved.")
    typing_stops(page)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.wait_for_function("() => document.querySelector('input[name=version]').value === '2'")
    assert stored_answer(2) == "Nervous, then relieved."
    assert Reflection.objects.count() == 1
    assert errors == []


def test_a_save_from_a_second_tab_shows_both_texts_in_the_first_and_keeps_the_writers_choice(
    site, page, context, draft
):
    page.goto(edit_url(site, draft))
    second = context.new_page()
    second.goto(edit_url(site, draft))

    second.get_by_label(DESCRIPTION, exact=True).fill("Written in the second tab.")
    typing_stops(second)
    expect(second.locator("#save-status")).to_have_text(SAVED)

    # Back to the first tab, as the writer would: Chromium hardly runs a tab in the background (each action
    # there waits seconds for an animation frame).
    page.bring_to_front()
    page.get_by_label(DESCRIPTION, exact=True).fill("Written in the first tab.")
    typing_stops(page)

    panel = page.get_by_role("region", name="Saved somewhere else as well")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Your text on this page")
    expect(panel).to_contain_text("Written in the first tab.")
    expect(panel).to_contain_text("Written in the second tab.")
    expect(page.locator("#save-status")).to_contain_text("Choose which text to keep")
    assert stored_answer() == "Written in the second tab."  # nothing overwritten while the writer chooses

    panel.get_by_role("button", name="Keep my text").click()

    expect(panel).to_be_hidden()
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.wait_for_function("() => document.querySelector('input[name=version]').value === '3'")
    assert stored_answer() == "Written in the first tab."
    # The second tab's text is not lost either: it is a saved version.
    assert any(v.fields["answer_1"] == "Written in the second tab." for v in Reflection.objects.get().versions.all())


def test_the_writer_can_take_the_text_saved_elsewhere_instead(site, page, context, draft):
    page.goto(edit_url(site, draft))
    second = context.new_page()
    second.goto(edit_url(site, draft))
    second.get_by_label(DESCRIPTION, exact=True).fill("The better text, from the other tab.")
    typing_stops(second)
    expect(second.locator("#save-status")).to_have_text(SAVED)

    page.bring_to_front()  # back to the first tab (see above)
    page.get_by_label(DESCRIPTION, exact=True).fill("A worse text.")
    typing_stops(page)
    page.get_by_role("button", name="Use the text saved elsewhere").click()

    expect(page.get_by_label(DESCRIPTION, exact=True)).to_have_value("The better text, from the other tab.")
    page.get_by_label(FEELINGS, exact=True).fill("Calm.")
    typing_stops(page)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert stored_answer() == "The better text, from the other tab."
    assert stored_answer(2) == "Calm."


def test_offline_the_text_stays_in_the_browser_and_is_saved_when_the_connection_is_back(site, page, context, draft):
    page.goto(edit_url(site, draft))
    page.get_by_label(DESCRIPTION, exact=True).fill("Online words.")
    typing_stops(page)
    expect(page.locator("#save-status")).to_have_text(SAVED)

    context.set_offline(True)
    page.get_by_label(DESCRIPTION, exact=True).fill("Online words. Offline words.")
    typing_stops(page)
    expect(page.locator("#save-problem")).to_contain_text("there is no connection")
    kept = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('reflection-draft:')).map(k => localStorage[k])"
    )
    assert any("Online words. Offline words." in entry for entry in kept)
    assert stored_answer() == "Online words."

    context.set_offline(False)

    expect(page.locator("#save-problem")).to_be_hidden(timeout=20000)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert stored_answer() == "Online words. Offline words."


def test_when_the_session_ends_the_page_says_how_to_log_in_and_saves_afterwards(site, page, context, draft, writer):
    page.goto(edit_url(site, draft))
    Session.objects.all().delete()

    page.get_by_label(DESCRIPTION, exact=True).fill("Written after my session ended.")
    typing_stops(page)

    problem = page.locator("#save-problem")
    expect(problem).to_contain_text("you are no longer logged in")
    expect(problem.get_by_role("link", name="Log in again in a new tab")).to_have_attribute("target", "_blank")
    assert stored_answer() == "We met at the cafe."

    login = context.new_page()
    login.goto(site + "/accounts/login/")
    login.get_by_label("Username").fill("pat")
    login.get_by_label("Password").fill("pw")
    login.get_by_role("button", name="Log in").click()
    page.bring_to_front()
    page.clock.fast_forward("00:10")  # while logged out, the page tries again every 10 seconds

    expect(problem).to_be_hidden(timeout=20000)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert stored_answer() == "Written after my session ended."


def test_text_never_saved_is_offered_back_when_the_page_is_opened_again(site, page, draft):
    page.route("**/autosave/", lambda route: route.abort())
    page.goto(edit_url(site, draft))
    page.get_by_label(DESCRIPTION, exact=True).fill("Words the server never got.")
    typing_stops(page)
    expect(page.locator("#save-problem")).to_contain_text("no connection")

    page.unroute("**/autosave/")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page with unsaved text?"
    page.reload()

    offer = page.locator("#save-problem")
    expect(offer).to_contain_text("was kept in this browser but never saved")
    offer.get_by_role("button", name="Put that text back").click()
    typing_stops(page)
    expect(page.get_by_label(DESCRIPTION, exact=True)).to_have_value("Words the server never got.")
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert stored_answer() == "Words the server never got."


def test_leaving_with_unsaved_text_asks_first_and_saves_it_on_the_way_out(site, page, draft):
    page.goto(edit_url(site, draft))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    page.get_by_label(DESCRIPTION, exact=True).type("Unsaved")
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    page.close()  # dismissed, the page stayed open: now closed for good, it saves the text as it goes (pagehide)

    assert dialogs == ["beforeunload"]
    # Waiting for that save also keeps it from reaching the server while the test's database is emptied
    # (on SQLite, a save arriving then locked the flush and failed the next test).
    deadline = time.monotonic() + 10
    while "Unsaved" not in stored_answer() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Unsaved" in stored_answer()


def test_without_javascript_a_reflection_can_be_written_checked_and_submitted(site, browser, practitioner):
    context = browser.new_context(java_script_enabled=False)
    log_in(context, site, practitioner)
    page = context.new_page()

    page.goto(site + "/reflections/new/?model=rolfe")
    page.get_by_label("Title", exact=True).fill("Working with hope")
    page.get_by_label("What? What happened, and what was your part in it?", exact=True).fill(
        "I wrote to pat@example.org about the plan."
    )
    page.get_by_label("So what? What does it mean for you, for the person and for your practice?", exact=True).fill(
        "Hope can be lent."
    )
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messages")).to_contain_text("Draft saved at")
    expect(page.get_by_text("Could identify someone:")).to_be_visible()
    page.get_by_text("CPD record for Social Work England").click()
    page.get_by_label("Record this as CPD").check()
    page.get_by_role("button", name="Use the suggestion for “What I learnt”").click()
    expect(page.get_by_label("What I learnt", exact=True)).to_have_value("Hope can be lent.")

    page.get_by_role("button", name="Review and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check, then submit")
    page.get_by_role("button", name="Submit reflection").click()
    expect(page.get_by_text("Tick each detail once you have checked it").first).to_be_visible()
    page.get_by_label("I have checked “pat@example.org” and it identifies nobody").check()
    page.get_by_role("button", name="Submit reflection").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Working with hope")
    expect(page.get_by_text("can no longer change").first).to_be_visible()
    reflection = Reflection.objects.get()
    assert reflection.status == "submitted" and reflection.is_cpd
    assert reflection.cpd_learning == "Hope can be lent."
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_detail_named_twice_is_confirmed_once_before_submit(site, browser, practitioner, javascript):
    from reflections.models import ReflectiveModel

    reflection = make_reflection(
        author=practitioner,
        reflective_model=ReflectiveModel.objects.get(slug="gibbs"),
        answers={1: "Sam was quiet.", 2: "Later Sam smiled."},
    )
    context = browser.new_context(java_script_enabled=javascript)
    log_in(context, site, practitioner)
    page = context.new_page()

    page.goto(f"{site}/reflections/{reflection.public_id}/submit/")
    expect(page.get_by_role("checkbox")).to_have_count(1)
    expect(page.get_by_text("Found 2 times, in “Description” and “Feelings”.")).to_be_visible()
    page.get_by_role("button", name="Submit reflection").click()
    expect(page.get_by_text("Tick each detail once you have checked it").first).to_be_visible()
    assert Reflection.objects.get().status == "draft"
    page.get_by_label("I have checked “Sam” and it identifies nobody").check()
    page.get_by_role("button", name="Submit reflection").click()

    expect(page.get_by_text("can no longer change").first).to_be_visible()
    assert Reflection.objects.get().status == "submitted"
    context.close()


def test_the_copy_buttons_put_a_cpd_field_on_the_clipboard(site, page, context, draft):
    from reflections.services import reflection_save

    reflection_save(
        reflection=draft, by=draft.author, version=1, values={"is_cpd": True, "cpd_learning": "Listen first."}
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + f"/reflections/cpd/?year={draft.created.year + (1 if draft.created.month == 12 else 0)}")

    page.get_by_role("button", name=re.compile("^Copy What I learnt")).click()

    expect(page.locator(".copy-status")).to_have_text("Copied: paste it into SWE's form.")
    assert page.evaluate("() => navigator.clipboard.readText()") == "Listen first."
