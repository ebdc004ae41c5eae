"""Notifications, email choices and the peer's confirmation page in a real browser: axe, no JavaScript needed."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from reflections import peer
from reflections.models import Notification, NotificationKind, PeerConfirmation, ReflectiveModel
from tests.browser.test_reflections import log_in
from tests.factories import make_reflection

pytestmark = pytest.mark.browser

_axe = Axe()


def assert_no_violations(page, where):
    violations = _axe.run(page).response["violations"]
    summary = [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in violations]
    assert violations == [], f"{where}: {summary}"


@pytest.fixture
def record(practitioner):
    return make_reflection(
        author=practitioner,
        reflective_model=ReflectiveModel.objects.get(slug="gibbs"),
        answers={1: "What happened on the visit."},
        is_cpd=True,
        cpd_type="Supervision",
        cpd_title="Hope in a home visit",
        cpd_date=date(2026, 3, 14),
        cpd_description="A visit I reflected on with my supervisor.",
        peer_reflection="My supervisor helped me see it differently.",
    )


@pytest.fixture
def notified(practitioner):
    for number in range(3):
        Notification.objects.create(
            recipient=practitioner,
            kind=NotificationKind.FEEDBACK,
            message=f"Feedback is ready on “Exercise {number}”",
            link="/reflections/",
        )
    Notification.objects.filter(message__endswith="0”").update(read_at="2026-01-01T00:00Z")


def test_the_notification_pages_have_no_violations_and_mark_read_without_javascript(
    site, browser, practitioner, notified
):
    context = browser.new_context(java_script_enabled=False)
    log_in(context, site, practitioner)
    page = context.new_page()

    page.goto(site + "/notifications/")
    expect(page.get_by_role("link", name="Notifications, 2 unread")).to_be_visible()
    page.get_by_role("button", name="Mark as read: Feedback is ready on “Exercise 2”").click()
    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("Nothing unread.")).to_be_visible()
    page.get_by_role("link", name="choose which emails you get").click()
    page.get_by_label("A reminder before work is due").uncheck()
    page.get_by_role("button", name="Save email choices").click()
    expect(page.get_by_text("Your email choices are saved.")).to_be_visible()
    expect(page.get_by_label("A reminder before work is due")).not_to_be_checked()
    context.close()


def test_axe_after_saving_email_choices(site, page, context, practitioner):
    log_in(context, site, practitioner)
    page.goto(site + "/notifications/settings/")
    page.get_by_role("button", name="Save email choices").click()
    expect(page.get_by_text("Your email choices are saved.")).to_be_visible()
    assert_no_violations(page, "email choices saved")


def test_axe_on_the_notification_pages(site, page, context, practitioner, notified):
    log_in(context, site, practitioner)
    for path in ("/notifications/", "/notifications/settings/"):
        page.goto(site + path)
        assert_no_violations(page, path)
    page.set_viewport_size({"width": 375, "height": 812})
    for path in ("/notifications/", "/notifications/settings/"):
        page.goto(site + path)
        assert_no_violations(page, f"{path} at 375px")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, path


def test_axe_on_the_reflection_page_with_the_peer_form(site, page, context, practitioner, record):
    log_in(context, site, practitioner)
    page.goto(site + record.get_absolute_url())
    page.get_by_label("The peer's email address").fill("sam.peer@example.org")
    page.get_by_role("button", name="Ask the peer to confirm").click()
    expect(page.get_by_text("We have emailed sam.peer@example.org a link")).to_be_visible()
    expect(page.get_by_text("Waiting for a peer to confirm")).to_be_visible()
    assert_no_violations(page, "reflection page with a peer request")


def test_the_peer_confirms_with_no_account_and_the_pages_have_no_violations(site, page, record):
    token = peer.make_token(PeerConfirmation.objects.create(reflection=record, email="sam@example.org"))
    url = f"{site}/reflections/peer/{token}/"

    page.goto(url)
    expect(page.get_by_role("heading", name="Confirm a CPD discussion")).to_be_visible()
    expect(page.get_by_text("Hope in a home visit")).to_be_visible()
    assert_no_violations(page, "peer page")
    page.set_viewport_size({"width": 375, "height": 812})
    assert_no_violations(page, "peer page at 375px")

    page.get_by_role("button", name="Yes, we discussed this").click()
    expect(page.get_by_text("You have confirmed that you discussed this")).to_be_visible()
    assert_no_violations(page, "peer page, confirmed")
    assert PeerConfirmation.objects.get().confirmed_at is not None

    page.goto(f"{site}/reflections/peer/{token}x/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    assert_no_violations(page, "peer page, bad link")
