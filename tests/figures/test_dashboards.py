"""Coordinators see and export their own region only; national staff see all; every export is
in the audit trail."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from estafette.activities.models import Activity
from estafette.core.models import AuditEntry
from estafette.relay.models import Region
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    VerifiedUserFactory,
    force_login_with_two_factor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_oost(client, relay):
    user = VerifiedUserFactory(email="coordinator-oost@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="oost"))
    force_login_with_two_factor(client, user)
    return user


@pytest.fixture
def staff(client, relay):
    user = VerifiedUserFactory(email="landelijk@example.nl", is_staff=True)
    force_login_with_two_factor(client, user)
    return user


def test_the_coordinator_sees_the_funnel_waiting_times_and_sign_ups_of_their_region(
    client, coordinator_oost, relay
):
    Activity.objects.filter(status="submitted").update(
        submitted_at=timezone.now() - dt.timedelta(days=3)
    )
    response = client.get("/cijfers/regio/oost/", {"edition": 2023})
    assert response.status_code == 200
    funnel = dict(response.context["funnel_chart"].rows)
    assert funnel == {
        "Concept": 1,
        "Ingediend": 1,
        "Aanpassing gevraagd": 1,
        "Gepubliceerd": 4,
        "Afgewezen": 1,
        "Geannuleerd": 1,
    }
    waiting = response.context["waiting"]
    assert (waiting.waiting, waiting.longest_waiting_days) == (1, 3)
    rows = {a.pk: a for a in response.context["activities_page"]}
    first = rows[relay["oost"][0].pk]
    assert (first.signup_count, first.waiting_count) == (3, 2)
    assert relay["west"][0].pk not in rows


def test_a_coordinator_of_one_region_cannot_see_or_export_another(client, coordinator_oost):
    assert client.get("/cijfers/regio/west/").status_code == 404
    for file_format in ("csv", "xlsx"):
        response = client.get(f"/cijfers/regio/west/2023/activiteiten.{file_format}")
        assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="figures.region_exported").exists()
    assert client.get("/cijfers/landelijk/").status_code == 403
    assert client.get("/cijfers/landelijk/2023/evaluatie.xlsx").status_code == 403


def test_without_two_factors_a_coordinator_sees_nothing(client, relay):
    user = VerifiedUserFactory(email="zonder-totp@example.nl")
    user.coordinated_regions.add(Region.objects.get(slug="oost"))
    client.force_login(user)
    response = client.get("/cijfers/regio/oost/2023/activiteiten.csv")
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_an_organiser_who_coordinates_nothing_is_refused(client, relay):
    client.force_login(VerifiedUserFactory(email="organisator@example.nl"))
    assert client.get("/cijfers/regio/").status_code == 403
    assert client.get("/cijfers/regio/oost/").status_code == 404


def test_the_region_export_lists_the_regions_activities_with_contact_persons_and_is_logged(
    client, coordinator_oost, relay
):
    lead = relay["oost"][0].lead_organisation
    admin = MembershipFactory(organisation=lead).user
    Activity.objects.filter(pk=relay["oost"][0].pk).update(created_by=admin)
    response = client.get("/cijfers/regio/oost/2023/activiteiten.csv")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 8  # oost's activities of 2023 in every state but draft
    titles = {row[1] for row in body}
    assert relay["west"][0].title not in titles
    first = next(row for row in body if row[0] == str(relay["oost"][0].pk))
    assert first[header.index("E-mail contactpersoon")] == admin.email
    assert admin.email in first[header.index("E-mail beheerders organisatie")]
    assert first[header.index("Partners")] == "Bibliotheek Enschede"
    entry = AuditEntry.objects.get(action="figures.region_exported")
    assert entry.actor == coordinator_oost
    assert entry.data == {"edition": 2023, "format": "csv", "rows": 8}


def test_the_xlsx_export_holds_the_same_rows_and_is_logged(client, coordinator_oost, relay):
    response = client.get("/cijfers/regio/oost/2023/activiteiten.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "oost"
    assert sheet.max_row == 9
    assert (
        AuditEntry.objects.filter(action="figures.region_exported", data__format="xlsx").count()
        == 1
    )


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, coordinator_oost, relay):
    Activity.objects.filter(pk=relay["oost"][0].pk).update(title='=HYPERLINK("x")')
    response = client.get("/cijfers/regio/oost/2023/activiteiten.csv")
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_organisations_from_last_edition_not_back_yet(client, coordinator_oost, relay):
    old_lead = relay["old"].lead_organisation  # took part in 2022 and partners in 2023
    gone = OrganisationFactory(name="Huisartsenpraktijk Oldenzaal")
    ActivityFactory(year=2022, lead_organisation=gone)
    response = client.get("/cijfers/regio/oost/", {"edition": 2023})
    names = {organisation.name for organisation in response.context["not_back_yet"]}
    assert names == {"Huisartsenpraktijk Oldenzaal"}
    assert old_lead.name not in names
    assert "Huisartsenpraktijk Oldenzaal" in response.content.decode()


def test_staff_see_every_region_and_download_the_evaluation_workbook(client, staff, relay):
    page = client.get("/cijfers/landelijk/", {"edition": 2023})
    assert page.status_code == 200
    assert client.get("/cijfers/regio/west/", {"edition": 2023}).status_code == 200
    response = client.get("/cijfers/landelijk/2023/evaluatie.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Totaal",
        "Regio's",
        "Weken",
        "Dagen",
        "Edities",
        "Thema's",
        "Soorten activiteit",
        "Soorten organisatie",
        "Vormen",
        "Samenwerking tussen sectoren",
        "Beoordeling",
    ]
    pairs = list(workbook["Samenwerking tussen sectoren"].iter_rows(values_only=True))
    assert pairs == [("Naam", "Activiteiten"), ("Zorgaanbieder en bibliotheek", 1)]
    regions = {row[0]: row for row in workbook["Regio's"].iter_rows(values_only=True)}
    header = list(workbook["Regio's"].iter_rows(values_only=True))[0]
    assert regions["oost"][header.index("Activiteiten (gaan door)")] == 4
    review = {row[0]: row for row in workbook["Beoordeling"].iter_rows(values_only=True)}
    assert review["oost"][1:] == (1, 1, 1, 4, 1, 1)
    entry = AuditEntry.objects.get(action="figures.evaluation_exported")
    assert entry.actor == staff and entry.data["edition"] == 2023


def test_old_dutch_parameter_names_still_open_the_same_page(client, coordinator_oost, relay):
    """?edition= and ?page= are the names we write; ?editie= and ?pagina= of old links work."""
    new = client.get("/cijfers/regio/oost/", {"edition": 2022, "page": 1})
    old = client.get("/cijfers/regio/oost/", {"editie": 2022, "pagina": 1})
    assert new.status_code == old.status_code == 200
    assert new.context["edition"].year == old.context["edition"].year == 2022
    assert "editie=" not in new.content.decode() and "pagina=" not in new.content.decode()
