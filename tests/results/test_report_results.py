"""Organisers report results from the day the activity ends; the public sees them at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from estafette.core.models import AuditEntry
from estafette.results import services
from estafette.results.models import Material, Result
from tests.factories import ActivityFactory, MembershipFactory, UserFactory, at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64

REPORT = {
    "participants": "42",
    "professionals": "30",
    "citizens": "10",
    "summary": "Drie zorgorganisaties gaan samen een pilot met beeldbellen doen.",
    "lessons": "Begin met een korte demonstratie; laat mensen daarna zelf oefenen.",
}


def report_url(activity):
    return f"/mijn/activiteit/{activity.pk}/terugblik/"


def test_organiser_reports_results_and_they_show_on_the_activity_page(
    organiser_client, held_activity, client
):
    public = held_activity.get_absolute_url()
    assert "Terugblik" not in client.get(public).content.decode()  # cached without results

    response = organiser_client.post(report_url(held_activity), REPORT)

    assert response.status_code == 302
    result = Result.objects.get(activity=held_activity)
    assert (result.participants, result.professionals, result.citizens) == (42, 30, 10)
    client.logout()
    page = client.get(public).content.decode()
    assert "Terugblik" in page
    assert "Drie zorgorganisaties gaan samen een pilot" in page
    assert "Begin met een korte demonstratie" in page
    assert AuditEntry.objects.filter(action="result.reported", target_id=result.pk).exists()


def test_results_can_be_reported_from_the_day_the_activity_ends_not_before(
    organiser_client, organiser
):
    future = ActivityFactory(
        year=2023, starts_at=at(dt.date(2099, 1, 5), 14), ends_at=at(dt.date(2099, 1, 5), 16)
    )
    MembershipFactory(user=organiser, organisation=future.lead_organisation)

    response = organiser_client.post(report_url(future), REPORT)

    assert response.status_code == 400
    assert "vanaf 5 januari 2099" in response.content.decode()
    assert not Result.objects.exists()
    with pytest.raises(ValidationError, match="vanaf de dag waarop"):
        services.report_result(activity=future, by=organiser, participants=3, summary="x")


def test_someone_outside_the_organisers_cannot_report(client, held_activity):
    client.force_login(UserFactory())
    assert client.post(report_url(held_activity), REPORT).status_code == 404
    assert not Result.objects.exists()


def test_a_partner_organisation_that_accepted_may_report(client, held_activity):
    from estafette.partners.models import Partner

    partner_member = UserFactory()
    partner = MembershipFactory(user=partner_member).organisation
    Partner.objects.create(activity=held_activity, organisation=partner, status="accepted")
    client.force_login(partner_member)
    assert client.post(report_url(held_activity), REPORT).status_code == 302


def test_professionals_and_citizens_above_the_total_get_a_clear_message_and_nothing_is_lost(
    organiser_client, held_activity
):
    response = organiser_client.post(report_url(held_activity), {**REPORT, "participants": "20"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "samen zijn meer dan het totale aantal deelnemers" in page
    assert "Drie zorgorganisaties gaan samen een pilot" in page  # what was typed stays
    assert not Result.objects.exists()


def test_free_text_is_never_turned_into_a_link(organiser_client, held_activity, client):
    organiser_client.post(
        report_url(held_activity),
        {**REPORT, "summary": "Zie https://evil.example/x en <script>alert(1)</script>"},
    )
    client.logout()
    page = client.get(held_activity.get_absolute_url()).content.decode()
    assert "https://evil.example/x" in page
    assert 'href="https://evil.example/x"' not in page
    assert "<script>alert(1)</script>" not in page


def _result(activity, by):
    return services.report_result(activity=activity, by=by, participants=10, summary="Goed.")


def test_a_pdf_handout_is_stored_with_its_type_and_size_and_listed_for_download(
    organiser_client, organiser, held_activity, client
):
    _result(held_activity, organiser)
    response = organiser_client.post(
        f"{report_url(held_activity)}materiaal/",
        {
            "kind": "file",
            "title": "Dia's van de workshop",
            "upload": SimpleUploadedFile("dias.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.content_type, material.size) == ("application/pdf", len(PDF))
    client.logout()
    page = client.get(held_activity.get_absolute_url()).content.decode()
    assert "Dia&#x27;s van de workshop" in page
    assert "(PDF, " in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan niet"),
        ("nep.pdf", b"MZ\x90\x00 not a pdf", "past niet bij .pdf"),
        ("groot.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "hoogstens 20,0"),
    ],
)
def test_uploads_of_the_wrong_type_or_too_large_are_refused_with_a_reason(
    organiser_client, organiser, held_activity, name, content, message
):
    _result(held_activity, organiser)
    response = organiser_client.post(
        f"{report_url(held_activity)}materiaal/",
        {"kind": "file", "title": "Bestand", "upload": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Material.objects.exists()


def test_a_photo_needs_the_confirmation_that_the_people_shown_agreed(
    organiser_client, organiser, held_activity, client
):
    _result(held_activity, organiser)
    photo = {"kind": "photo", "title": "De groep", "alt_text": "Twaalf mensen oefenen met tablets"}
    url = f"{report_url(held_activity)}materiaal/"

    refused = organiser_client.post(url, {**photo, "upload": SimpleUploadedFile("a.jpg", JPEG)})
    assert refused.status_code == 400
    assert "alleen als de mensen die erop staan dat goed vinden" in refused.content.decode()
    assert not Material.objects.exists()

    accepted = organiser_client.post(
        url, {**photo, "people_agreed": "on", "upload": SimpleUploadedFile("a.jpg", JPEG)}
    )
    assert accepted.status_code == 302
    client.logout()
    page = client.get(held_activity.get_absolute_url()).content.decode()
    assert 'alt="Twaalf mensen oefenen met tablets"' in page


def test_a_link_to_a_recording_is_shown_without_passing_on_search_ranking(
    organiser, held_activity, client
):
    result = _result(held_activity, organiser)
    services.add_material(
        result=result, by=organiser, kind="link", title="Opname", url="https://video.example/1"
    )
    page = client.get(held_activity.get_absolute_url()).content.decode()
    assert '<a href="https://video.example/1" rel="nofollow noopener">Opname</a>' in page


def test_removing_material_takes_it_off_the_page(organiser_client, organiser, held_activity):
    result = _result(held_activity, organiser)
    material = services.add_material(
        result=result, by=organiser, kind="link", title="Opname", url="https://video.example/1"
    )
    response = organiser_client.post(
        f"{report_url(held_activity)}materiaal/{material.pk}/verwijderen/"
    )
    assert response.status_code == 302
    assert not Material.objects.exists()


def test_the_organisers_dashboard_offers_the_results_form_for_activities_that_took_place(
    organiser_client, held_activity
):
    page = organiser_client.get("/mijn/").content.decode()
    assert report_url(held_activity) in page
