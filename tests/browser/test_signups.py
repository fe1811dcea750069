"""Sign-up and cancel flows in real Chromium: axe-core clean, and working with JavaScript off."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.mail.models import OutboxMessage
from estafette.signups.models import Signup
from tests.browser.conftest import assert_accessible
from tests.factories import ActivityFactory, at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.SIGNUP_MIN_SECONDS = 0


def _activity(**kwargs):
    starts = at(timezone.localdate() + dt.timedelta(days=7), 14)
    return ActivityFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **kwargs)


def _personal_path(email):
    message = OutboxMessage.objects.filter(to=[email]).order_by("-id").first()
    return re.search(r"(/aanmelding/[^/\s]+/)", message.body_text).group(1)


def _sign_up_and_cancel(page, activity, email):
    page.goto(f"/activiteit/{activity.pk}/aanmelden/")
    page.locator("#id_name").fill("Anna de Vries")
    page.locator("#id_email").fill(email)
    page.locator("#id_role").select_option("citizen")
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_sign_up_confirm_and_cancel_pass_axe(page, live_server):
    activity = _activity(capacity=5)
    page.goto(f"/activiteit/{activity.pk}/aanmelden/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()  # empty form: errors
    page.wait_for_load_state()
    assert page.get_by_text("Vul uw naam in.").is_visible()
    assert_accessible(page)
    _sign_up_and_cancel(page, activity, "anna@example.nl")
    assert page.get_by_role("heading", name="Bijna klaar: kijk in uw e-mail").is_visible()
    assert_accessible(page)
    page.goto(_personal_path("anna@example.nl"))
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelding bevestigen").click()
    page.wait_for_load_state()
    assert page.get_by_text("U bent aangemeld voor 1 plaats").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Afmelden").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld mij af").click()
    page.wait_for_load_state()
    assert page.locator("#status").get_by_text("U bent afgemeld.").is_visible()
    assert_accessible(page)
    assert Signup.objects.get().status == Signup.Status.CANCELLED


def test_sign_up_and_cancel_work_without_javascript(chromium, live_server):
    activity = _activity(capacity=1, signup_confirmation=Activity.Confirmation.INSTANT)
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    try:
        # The form answers every address alike; the personal link in the e-mail tells more.
        _sign_up_and_cancel(page, activity, "een@example.nl")
        assert page.get_by_role("heading", name="Bijna klaar: kijk in uw e-mail").is_visible()
        page.goto(_personal_path("een@example.nl"))
        assert page.get_by_text("U bent aangemeld voor 1 plaats").is_visible()
        _sign_up_and_cancel(page, activity, "twee@example.nl")
        page.goto(_personal_path("twee@example.nl"))
        assert page.get_by_text("U staat op de wachtlijst, op plaats 1.").is_visible()
        page.goto(_personal_path("een@example.nl") + "afmelden/")
        page.get_by_role("button", name="Ja, meld mij af").click()
        page.wait_for_load_state()
        assert page.locator("#status").get_by_text("U bent afgemeld.").is_visible()
        assert Signup.objects.get(email="twee@example.nl").status == Signup.Status.CONFIRMED
    finally:
        context.close()


def test_participant_list_and_attendance_work_without_javascript_and_pass_axe(
    chromium, live_server
):
    from estafette.signups import services
    from tests.factories import MembershipFactory, VerifiedUserFactory

    user = VerifiedUserFactory(email="organisator@example.nl")
    activity = _activity(
        capacity=1,
        signup_confirmation=Activity.Confirmation.INSTANT,
        lead_organisation=MembershipFactory(user=user).organisation,
    )
    services.sign_up(activity=activity, name="Een Eerste", email="een@example.nl")
    services.sign_up(activity=activity, name="Twee Tweede", email="twee@example.nl")
    context = chromium.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        java_script_enabled=False,
        viewport={"width": 375, "height": 740},  # a phone
    )
    page = context.new_page()
    try:
        page.goto("/account/login/")
        page.get_by_label("E-mailadres").fill("organisator@example.nl")
        page.get_by_label("Wachtwoord").fill("Geheim-wachtwoord-123")
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"/mijn/activiteit/{activity.pk}/deelnemers/")
        assert page.get_by_text("Twee Tweede").is_visible()
        page.get_by_role("button", name="Aanwezig Een Eerste").click()
        page.wait_for_load_state()
        assert Signup.objects.get(email="een@example.nl").attended is True
        assert (
            page.get_by_role("button", name="Aanwezig Een Eerste").get_attribute("aria-pressed")
            == "true"
        )
    finally:
        context.close()
    axe_page = chromium.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    try:
        axe_page.goto("/account/login/")
        axe_page.get_by_label("E-mailadres").fill("organisator@example.nl")
        axe_page.get_by_label("Wachtwoord").fill("Geheim-wachtwoord-123")
        axe_page.locator("main button[type=submit]").click()
        axe_page.wait_for_load_state()
        axe_page.goto(f"/mijn/activiteit/{activity.pk}/deelnemers/")
        assert_accessible(axe_page)
        axe_page.goto(f"/mijn/activiteit/{activity.pk}/deelnemers/bericht/")
        assert_accessible(axe_page)
    finally:
        axe_page.context.close()
