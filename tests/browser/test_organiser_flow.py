"""The main path in real Chromium: sign up, organisation, activity with a wrong date, submit,
a coordinator with TOTP asks a change, the organiser fixes it, approval, public page; axe on
every page."""

import re

import pytest
from playwright.sync_api import expect

from estafette.activities.models import Activity, ActivityType, Audience, Theme
from estafette.mail.models import OutboxMessage
from estafette.relay.models import Region
from tests.browser.conftest import assert_accessible
from tests.factories import OrganisationFactory, VerifiedUserFactory, add_totp, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Zorg-estafette-2024!"


def submit(page):
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()


def sign_up_and_verify(page):
    page.goto("/account/signup/")
    assert_accessible(page)
    page.get_by_label("Uw naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.nl")
    page.get_by_label("Wachtwoord", exact=False).first.fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    assert_accessible(page)
    message = OutboxMessage.objects.get(to=["anna@example.nl"])
    link = re.search(r"(/account/confirm-email/[^\s]+/)", message.body_text).group(1)
    page.goto(link)
    assert_accessible(page)
    submit(page)
    page.wait_for_url(re.compile(r"/account/$"))


def fill_activity(page, day):
    page.locator("#id_title").fill("Beeldbellen in de bibliotheek")
    page.locator("#id_summary").fill("Oefen met beeldbellen, samen met de wijkverpleging.")
    page.locator("#id_description").fill("Een middag proberen, vragen stellen en koffie drinken.")
    for name, model in (("types", ActivityType), ("themes", Theme), ("audiences", Audience)):
        page.locator(f"input[name={name}][value='{model.objects.first().pk}']").check()
    page.locator("#id_venue_name").fill("Centrale Bibliotheek")
    page.locator("#id_street_address").fill("Pijpenstraat 15")
    page.locator("#id_postcode").fill("7511 GM")
    page.locator("#id_town").fill("Enschede")
    page.locator("#id_starts_at").fill(f"2027-02-{day:02d}T14:00")
    page.locator("#id_ends_at").fill(f"2027-02-{day:02d}T16:00")
    page.locator("#id_capacity").fill("25")


def log_in(page, email, password, secret=None):
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    submit(page)
    if secret:
        assert_accessible(page)
        page.locator("input[name=code]").fill(totp_code(secret))
        submit(page)


def test_organiser_submits_coordinator_asks_change_then_approves(
    page,
    chromium,
    live_server,
    open_edition,
):
    OrganisationFactory(name="Gemeente Enschede")
    coordinator = VerifiedUserFactory(email="coord-oost@example.nl")
    coordinator.coordinated_regions.add(Region.objects.get(slug="oost"))
    secret = add_totp(coordinator)

    sign_up_and_verify(page)
    page.goto("/organisaties/nieuw/")
    page.get_by_label("Naam van de organisatie").fill("Bibliotheek Twente")
    page.get_by_label("Soort organisatie").select_option("library")
    page.get_by_label("Postcode").fill("7511 AA")
    submit(page)
    page.wait_for_url(re.compile(r"/organisatie/bibliotheek-twente/leden/$"))

    # A wrong date: a clear message naming the week, and nothing typed is lost.
    page.goto("/mijn/activiteit/nieuw/")
    assert_accessible(page)
    fill_activity(page, day=10)
    # With JavaScript the region shows at once (without it, after saving).
    expect(page.locator("#postcode-region")).to_contain_text("Deze locatie ligt in regio oost")
    page.get_by_role("button", name="Indienen bij de coördinator").click()
    page.wait_for_load_state()
    alert = page.locator("#form-errors")
    assert "Regio oost is aan zet van 1 t/m 5 februari 2027" in alert.inner_text()
    assert page.locator("#id_title").input_value() == "Beeldbellen in de bibliotheek"
    assert page.locator("#id_postcode").input_value() == "7511 GM"
    assert page.locator("#id_starts_at").input_value() == "2027-02-10T14:00"
    assert_accessible(page)
    assert not Activity.objects.exists()
    assert "Organisator" not in alert.inner_text()  # the only organisation is chosen for you

    # Save as a draft first, then submit with the right date, then invite a partner
    # (invitations are e-mails: only for activities a coordinator will see).
    page.locator("#id_starts_at").fill("2027-02-03T14:00")
    page.locator("#id_ends_at").fill("2027-02-03T16:00")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_url(re.compile(r"/mijn/activiteit/\d+/bewerken/$"))
    activity = Activity.objects.get()
    assert "Deze locatie ligt in regio oost." in page.content()
    page.goto(f"/mijn/activiteit/{activity.pk}/bewerken/")
    page.get_by_role("button", name="Indienen bij de coördinator").click()
    # The next step after submitting: invite partners (skippable).
    page.wait_for_url(re.compile(r"/partners/\?stap=partners$"))
    assert_accessible(page)
    expect(page.get_by_role("link", name="Overslaan: naar mijn activiteiten")).to_be_visible()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.SUBMITTED
    assert OutboxMessage.objects.filter(to=["coord-oost@example.nl"]).exists()
    page.get_by_label("Zoek").first.fill("Gemeente")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"stap=partners"))
    assert_accessible(page)
    page.get_by_role("button", name="Uitnodigen Gemeente Enschede").click()
    page.wait_for_load_state()
    assert activity.partners.filter(organisation__name="Gemeente Enschede").exists()

    # The coordinator logs in with TOTP and asks for a change.
    other = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    coord = other.new_page()
    log_in(coord, "coord-oost@example.nl", "Geheim-wachtwoord-123", secret)
    coord.goto("/beoordelen/")
    assert_accessible(coord)
    coord.get_by_role("link", name="Beeldbellen in de bibliotheek").click()
    coord.wait_for_load_state()
    assert_accessible(coord)
    coord.get_by_label("Wat moet de organisator aanpassen?").fill("Begin om 15:00, graag.")
    coord.get_by_role("button", name="Terugsturen met deze vraag").click()
    coord.wait_for_url(re.compile(r"/beoordelen/$"))
    assert_accessible(coord)

    # The organiser reads the question and fixes it.
    page.goto("/mijn/")
    assert "Begin om 15:00, graag." in page.content()
    assert_accessible(page)
    page.goto(f"/mijn/activiteit/{activity.pk}/bewerken/")
    page.locator("#id_starts_at").fill("2027-02-03T15:00")
    page.get_by_role("button", name="Indienen bij de coördinator").click()
    page.wait_for_url(re.compile(r"/partners/\?stap=partners$"))
    page.get_by_role("link", name="Overslaan: naar mijn activiteiten").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    expect(page.locator(f"main a[href='/activiteit/{activity.pk}/partners/']")).to_be_visible()

    # Approved, and public.
    coord.goto(f"/beoordelen/{activity.pk}/")
    assert "Geschiedenis" in coord.content()
    coord.get_by_role("button", name="Goedkeuren en publiceren").click()
    coord.wait_for_url(re.compile(r"/beoordelen/$"))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED
    other.close()
    public = chromium.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    public.goto(activity.get_absolute_url())
    assert public.get_by_role("heading", level=1).inner_text() == "Beeldbellen in de bibliotheek"
    assert_accessible(public)
    public.context.close()


def test_other_regions_coordinator_gets_404_in_the_browser(page, open_edition):
    from tests.factories import ActivityFactory

    activity = ActivityFactory(region="oost", status=Activity.Status.SUBMITTED)
    west = VerifiedUserFactory(email="coord-west@example.nl")
    west.coordinated_regions.add(Region.objects.get(slug="west"))
    secret = add_totp(west)
    log_in(page, "coord-west@example.nl", "Geheim-wachtwoord-123", secret)
    response = page.goto(f"/beoordelen/{activity.pk}/")
    assert response.status == 404


def test_import_cancel_and_duplicate_pages_pass_axe(page, open_edition, tmp_path):
    from estafette.activities import importer
    from tests.factories import ActivityFactory, MembershipFactory

    user = VerifiedUserFactory(email="groot@example.nl")
    organisation = MembershipFactory(user=user).organisation
    old = ActivityFactory(lead_organisation=organisation, year=2023)
    log_in(page, "groot@example.nl", "Geheim-wachtwoord-123")
    page.goto("/mijn/")
    assert_accessible(page)
    page.goto("/mijn/importeren/")
    assert_accessible(page)
    bad = tmp_path / "lijst.csv"
    bad.write_bytes(importer.template_csv() + "Café;x\n".encode("cp1252"))
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Alleen controleren").click()
    page.wait_for_load_state()
    assert "Regel 3 is geen UTF-8" in page.content()
    assert_accessible(page)
    page.goto(f"/mijn/activiteit/{old.pk}/annuleren/")
    assert_accessible(page)
    page.get_by_role("button", name="Activiteit annuleren").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").first.is_visible()
    assert_accessible(page)
    page.goto("/mijn/")
    page.get_by_role("button", name=re.compile("Kopiëren naar")).click()
    page.wait_for_url(re.compile(r"/mijn/activiteit/\d+/bewerken/$"))
    assert "Kies nieuwe datums" in page.content()
    assert_accessible(page)
