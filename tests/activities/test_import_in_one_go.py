"""Import without friction: the template's example passes against the running edition, a clean
dry run imports with one click (the file kept on the server), and the imported drafts are
submitted together, each with its normal check."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from estafette.activities import importer
from estafette.activities.models import Activity, ImportBatch
from estafette.relay.models import Province
from tests.factories import MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("activities:import")


def template(client, kind="csv") -> bytes:
    response = client.get(reverse("activities:import_template", args=[kind]))
    assert response.status_code == 200
    return response.content


def dry_run(user, organisation, data, filename="activiteiten.csv"):
    from estafette.activities.services import open_edition

    return importer.import_activities(
        data=data, filename=filename, edition=open_edition(), lead_organisation=organisation,
        by=user, dry_run=True,
    )  # fmt: skip


def example_values(data: bytes) -> dict:
    lines = data.decode("utf-8-sig").splitlines()
    return dict(zip(lines[0].split(";"), lines[1].split(";"), strict=True))


# The template --------------------------------------------------------------------------------


def test_the_templates_example_passes_against_the_running_edition(
    organiser_client, organiser, organisation, coming_edition
):
    """The edition open now is not 2027: the example row is dated in its week, not in 2027."""
    csv_data = template(organiser_client)
    result = dry_run(organiser, organisation, csv_data)
    assert result.errors == [] and len(result.activities) == 1
    xlsx = dry_run(organiser, organisation, template(organiser_client, "xlsx"), "v.xlsx")
    assert xlsx.errors == [] and len(xlsx.activities) == 1
    oost = coming_edition.stages.get(region__slug="oost")
    begint = example_values(csv_data)["begint"]
    day = dt.datetime.strptime(begint, "%d-%m-%Y %H:%M").date()
    assert oost.contains(day)


@pytest.mark.parametrize(
    ("province", "region"),
    [("NL-OV", "oost"), ("NL-NH", "west"), ("NL-GR", "noord"), ("NL-LI", "zuid")],
)
def test_the_example_lies_in_the_week_of_the_organisers_region(
    client, coming_edition, province, region
):
    organisation = OrganisationFactory(province=Province.objects.get(code=province))
    user = MembershipFactory(user=VerifiedUserFactory(), organisation=organisation).user
    client.force_login(user)
    data = template(client)
    result = dry_run(user, organisation, data)
    assert result.errors == []
    activity, _relations = result.activities[0]
    assert activity.stage.region.slug == region


def test_the_column_help_dates_its_examples_in_the_running_edition(
    organiser_client, coming_edition
):
    page = organiser_client.get(IMPORT).content.decode()
    first = coming_edition.stages.get(region__slug="oost").starts_on
    assert f"-{first.year} 14:00" in page or f"-{first.year + 1} 14:00" in page
    assert "3-2-2027" not in page


# One click after a clean dry run ---------------------------------------------------------------


def check(client, organisation, data=None):
    upload = SimpleUploadedFile("lijst.csv", data or importer.template_csv(), "text/csv")
    return client.post(IMPORT, {"file": upload, "lead_organisation": organisation.pk, "check": "1"})


def checked_token(page: str) -> str:
    match = re.search(r'name="checked" value="([0-9a-f-]+)"', page)
    assert match, "no one-click import after a clean dry run"
    return match.group(1)


def test_after_a_clean_dry_run_one_click_imports_the_same_file(
    organiser_client, organisation, open_edition
):
    response = check(organiser_client, organisation)
    page = response.content.decode()
    assert response.status_code == 200 and "Alles klopt" in page
    assert "niet opnieuw te kiezen" in page
    assert not Activity.objects.exists()
    token = checked_token(page)
    response = organiser_client.post(reverse("activities:import_checked"), {"checked": token})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("activities:import_batch", args=[batch.token])
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.DRAFT and activity.lead_organisation == organisation
    assert list(batch.activities.all()) == [activity] and bytes(batch.data) == b""
    # The same check imports once: a second click (or tab) adds nothing.
    again = organiser_client.post(reverse("activities:import_checked"), {"checked": token})
    assert again.url == IMPORT
    assert Activity.objects.count() == 1
    page = organiser_client.get(IMPORT).content.decode()
    assert "al geïmporteerd" in page


def test_a_checked_file_is_only_its_checkers(
    organiser_client, organisation, open_edition, client, partner_admin
):
    token = checked_token(check(organiser_client, organisation).content.decode())
    client.force_login(partner_admin)
    response = client.post(reverse("activities:import_checked"), {"checked": token})
    assert response.url == IMPORT
    assert not Activity.objects.exists()


def test_a_checked_file_expires(organiser_client, organisation, open_edition):
    token = checked_token(check(organiser_client, organisation).content.decode())
    ImportBatch.objects.update(created_at=timezone.now() - dt.timedelta(hours=2))
    response = organiser_client.post(reverse("activities:import_checked"), {"checked": token})
    assert response.url == IMPORT and not Activity.objects.exists()
    check(organiser_client, organisation)  # keeping a new file forgets the expired one
    assert ImportBatch.objects.count() == 1


def test_a_forged_token_imports_nothing(organiser_client, open_edition):
    for token in ("", "../../etc/passwd", "0b3e0a4e-7a8e-4c55-9a58-2f3c2f6a0000"):
        response = organiser_client.post(reverse("activities:import_checked"), {"checked": token})
        assert response.url == IMPORT
    assert not Activity.objects.exists()


def test_importing_with_the_file_still_works(organiser_client, organisation, open_edition):
    upload = SimpleUploadedFile("lijst.csv", importer.template_csv(), "text/csv")
    response = organiser_client.post(
        IMPORT, {"file": upload, "lead_organisation": organisation.pk, "import": "1"}
    )
    batch = ImportBatch.objects.get()
    assert response.url == reverse("activities:import_batch", args=[batch.token])
    assert batch.activities.count() == 1


# Submitting the imported drafts together -------------------------------------------------------


SECOND_ROW = (
    "Tweede workshop;Kort.;Lang.;Workshop;Zorg op afstand;Mantelzorgers;op locatie;Bieb;"
    "Markt 1;8011 AA;Zwolle;;;4-2-2027 10:00;4-2-2027 12:00;platform;20;;ja;\n"
)


def import_two(client, organisation):
    two = importer.template_csv() + SECOND_ROW.encode()
    token = checked_token(check(client, organisation, two).content.decode())
    response = client.post(reverse("activities:import_checked"), {"checked": token})
    return response.url


def test_imported_drafts_are_submitted_together_and_refusals_say_why(
    organiser_client, organisation, open_edition, coordinator_oost,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    batch_url = import_two(organiser_client, organisation)
    page = organiser_client.get(batch_url).content.decode()
    assert "Alle 2 concepten indienen" in page
    # Someone moved the second one out of oost's week after the import.
    second = Activity.objects.get(title="Tweede workshop")
    second.starts_at = timezone.make_aware(dt.datetime(2027, 2, 10, 10))
    second.ends_at = second.starts_at + dt.timedelta(hours=2)
    second.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(batch_url + "indienen/")
    page = response.content.decode()
    assert response.status_code == 200
    assert Activity.objects.get(title="Workshop beeldbellen").status == Activity.Status.SUBMITTED
    second.refresh_from_db()
    assert second.status == Activity.Status.DRAFT
    assert "1 activiteit ingediend" in page
    assert "1 activiteit is nog niet ingediend" in page
    assert "Tweede workshop" in page
    assert "Regio oost is aan zet van 1 t/m 5 februari 2027." in page
    assert "Begint om: Deze datum valt buiten de week van de regio." in page
    assert [m.to for m in mail.outbox] == [[coordinator_oost.email]]
    # What is left is one draft to submit once it is fixed.
    assert "Dit concept indienen" in page


def test_someone_elses_import_is_not_found(organiser_client, organisation, open_edition, client):
    batch_url = import_two(organiser_client, organisation)
    stranger = VerifiedUserFactory()
    MembershipFactory(user=stranger, organisation=organisation)  # even a colleague
    client.force_login(stranger)
    assert client.get(batch_url).status_code == 404
    assert client.post(batch_url + "indienen/").status_code == 404
    assert not Activity.objects.filter(status=Activity.Status.SUBMITTED).exists()
