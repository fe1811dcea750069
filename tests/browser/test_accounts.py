"""Accounts and organisations in real Chromium: the pages work by keyboard-free clicks and pass axe."""

import re

import pytest
from playwright.sync_api import expect

from estafette.mail.models import OutboxMessage
from tests.browser.conftest import assert_accessible
from tests.factories import ActivityFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Zorg-estafette-2024!"


def test_sign_up_verify_and_create_an_organisation(page, live_server):
    page.goto("/account/signup/")
    assert_accessible(page)
    page.get_by_label("Uw naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.nl")
    page.get_by_label("Wachtwoord", exact=False).first.fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert_accessible(page)  # "check your e-mail" page

    message = OutboxMessage.objects.get(to=["anna@example.nl"])
    link = re.search(r"(/account/confirm-email/[^\s]+/)", message.body_text).group(1)
    page.goto(link)
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/$"))
    assert page.get_by_role("heading", name="Mijn account").is_visible()
    assert_accessible(page)

    page.goto("/organisaties/nieuw/")
    assert_accessible(page)
    page.locator("main button[type=submit]").click()  # empty form: errors, accessible too
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Naam van de organisatie").fill("Bibliotheek Twente")
    page.get_by_label("Soort organisatie").select_option("library")
    page.get_by_label("Postcode").fill("7511 AA")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/organisatie/bibliotheek-twente/leden/$"))
    assert_accessible(page)


def test_log_in_page_with_an_error_and_the_account_pages_pass_axe(page):
    user = VerifiedUserFactory(email="org@example.nl")
    organisation = MembershipFactory(user=user).organisation
    activity = ActivityFactory(lead_organisation=organisation)
    page.goto("/account/login/")
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("org@example.nl")
    page.get_by_label("Wachtwoord").fill("fout")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill("Geheim-wachtwoord-123")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/$"))
    for url in [
        "/account/",
        "/account/verwijderen/",
        "/account/2fa/",
        "/account/email/",
        f"/activiteit/{activity.pk}/partners/?q=zorg",
        "/uitnodigingen/",
    ]:
        page.goto(url)
        assert_accessible(page)


def test_public_organisation_pages_pass_axe(page):
    organisation = ActivityFactory().lead_organisation
    page.goto("/organisaties/?q=zorggroep")
    assert page.get_by_role("link", name=organisation.name).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=organisation.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    assert_accessible(page)
    page.goto("/account/password/reset/")
    assert_accessible(page)


def test_coordinator_sets_up_totp_in_pages_that_pass_axe(page):
    from estafette.relay.models import Region

    coordinator = VerifiedUserFactory(email="coord@example.nl")
    coordinator.coordinated_regions.add(Region.objects.get(slug="oost"))
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill("coord@example.nl")
    page.get_by_label("Wachtwoord").fill("Geheim-wachtwoord-123")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/$"))
    assert page.get_by_text("Stel tweestapsverificatie in").is_visible()
    page.goto("/account/2fa/totp/activate/")  # asks for the password again first
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill("Geheim-wachtwoord-123")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/2fa/totp/activate/"))
    assert_accessible(page)  # QR code and secret
    page.goto("/account/logout/")
    assert_accessible(page)
