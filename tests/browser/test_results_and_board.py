"""In real Chromium: an organiser reports results, adds a handout, and the public sees them on
the activity page and the week's hand-over; the partners wanted board; axe-core on every page,
and no sideways scrolling at 320 px."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from estafette.board import services as board_services
from estafette.core.dates import local_date
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Region, Stage
from tests.browser.conftest import assert_accessible
from tests.factories import ActivityFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Geheim-wachtwoord-123"  # the factories' password
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def log_in(page, email):
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()


def assert_fits_320(page, part=None):
    """WCAG 1.4.10 reflow: at 320 CSS pixels nothing makes the page (or our part of a page
    another app owns) scroll sideways."""
    if part is None:
        width = page.evaluate("document.documentElement.scrollWidth")
    else:
        width = page.evaluate(
            "(selector) => { const e = document.querySelector(selector);"
            " return Math.max(e.getBoundingClientRect().right, e.scrollWidth); }",
            part,
        )
    assert width <= 320, f"{part or 'the page'} on {page.url} is {width}px wide at 320px"


def check(page, part=None):
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_fits_320(page, part)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_organiser_reports_results_and_the_public_reads_them(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    organiser = VerifiedUserFactory(email="organisator@example.nl")
    activity = ActivityFactory(title="Beeldbellen met de wijkverpleging", created_by=organiser)
    MembershipFactory(user=organiser, organisation=activity.lead_organisation)
    handout = tmp_path / "handout.pdf"
    handout.write_bytes(PDF)

    log_in(page, organiser.email)
    page.goto("/mijn/")
    page.get_by_role("link", name=re.compile("Terugblik invullen")).first.click()
    page.wait_for_load_state()
    check(page)

    page.get_by_label("Hoeveel deelnemers waren er in totaal?").fill("20")
    page.get_by_label("Hoeveel van hen waren zorgprofessionals?").fill("15")
    page.get_by_label("Hoeveel van hen waren burgers").fill("10")
    page.get_by_label("Wat heeft de activiteit opgeleverd?").fill("Twee nieuwe samenwerkingen.")
    page.get_by_role("button", name="Terugblik opslaan").click()
    page.wait_for_load_state()
    assert "meer dan het totale aantal deelnemers" in page.content()  # 25 > 20: nothing lost
    assert page.get_by_label("Wat heeft de activiteit opgeleverd?").input_value() == (
        "Twee nieuwe samenwerkingen."
    )
    check(page)

    page.get_by_label("Hoeveel deelnemers waren er in totaal?").fill("30")
    page.get_by_label("Wat geeft u mee aan de volgende regio?").fill("Laat mensen zelf oefenen.")
    page.get_by_role("button", name="Terugblik opslaan").click()
    page.wait_for_load_state()
    assert "Dank u wel" in page.content()

    page.get_by_label("Bestand (presentatie of hand-out)").check()
    page.get_by_label("Titel").fill("Dia's van de middag")
    page.locator("#id_upload").set_input_files(str(handout))
    page.get_by_role("button", name="Materiaal toevoegen").click()
    page.wait_for_load_state()
    assert "Het materiaal is toegevoegd." in page.content()
    check(page)

    page.get_by_role("link", name="Bekijk de openbare pagina van de activiteit").click()
    page.wait_for_load_state()
    results = page.locator("section.activity-results")
    assert "Er waren 30 deelnemers." in results.inner_text()
    assert "Laat mensen zelf oefenen." in results.inner_text()
    assert results.get_by_role("link", name="Dia's van de middag").is_visible()
    check(page)

    page.goto("/editie/2023/regio/oost/")
    assert "Het stokje: van regio oost naar regio west" in page.content()
    assert "Laat mensen zelf oefenen." in page.content()
    check(page)
    page.goto("/editie/2023/")
    assert "Terugblik op de hele estafette" in page.content()
    # The edition page is relay's; its programme list does not reflow yet. Our summary does.
    check(page, part="section.edition-summary")


def test_the_partners_wanted_board_on_a_phone(page):
    first = local_date(timezone.now()) + dt.timedelta(days=30)
    edition = Edition.objects.create(year=2090, starts_on=first, ends_on=first + dt.timedelta(7))
    stage = Stage.objects.create(
        edition=edition,
        region=Region.objects.get(slug="oost"),
        order=1,
        starts_on=first,
        ends_on=first + dt.timedelta(days=4),
    )
    caller = VerifiedUserFactory(email="zorg@example.nl")
    organisation = MembershipFactory(user=caller).organisation
    call = board_services.post_call(
        organisation=organisation,
        by=caller,
        stage=stage,
        title="Bibliotheek gezocht voor een digicafé over zorg-apps in de wijk",
        plan="Inwoners oefenen met zorg-apps; zie https://een-heel-lange-link.example/pad",
        kinds=[Organisation.Kind.LIBRARY, Organisation.Kind.MUNICIPALITY],
    )
    library_admin = VerifiedUserFactory(email="bieb@example.nl")
    MembershipFactory(user=library_admin, organisation__kind=Organisation.Kind.LIBRARY)

    page.goto("/partners-gezocht/")
    check(page)
    page.goto(call.get_absolute_url())
    check(page)

    log_in(page, library_admin.email)
    page.goto(call.get_absolute_url())
    page.get_by_label("Wat wil uw organisatie bijdragen?").fill("Wij doen mee met digicoaches.")
    page.get_by_role("button", name="Reactie versturen").click()
    page.wait_for_load_state()
    assert "Uw reactie is verstuurd" in page.content()
    check(page)
    page.goto("/partners-gezocht/nieuw/")
    check(page)
    page.goto("/partners-gezocht/wekelijkse-mail/")
    check(page)
