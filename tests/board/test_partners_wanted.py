"""Partners wanted: post a call before the week, answer it, accept (a partner invitation),
filters, closing by itself, moderation, rate limits, no links from free text."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from estafette.board import services
from estafette.board.models import Answer, Call
from estafette.core.dates import local_date
from estafette.core.models import AuditEntry
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def today():
    return local_date(timezone.now())


def post(caller, stage, **changes):
    data = {
        "organisation": caller.memberships.get().organisation,
        "by": caller,
        "stage": stage,
        "title": "Bibliotheek gezocht voor een digicafé",
        "plan": "Een middag waarop inwoners oefenen met zorg-apps. Zie www.example.nl",
        "kinds": [Organisation.Kind.LIBRARY],
        **changes,
    }
    return services.post_call(**data)


def test_an_organiser_posts_a_call_from_the_form_and_it_shows_on_the_board(
    client, caller, oost_week
):
    client.force_login(caller)
    form = client.get("/partners-gezocht/nieuw/")
    assert form.status_code == 200
    response = client.post(
        "/partners-gezocht/nieuw/",
        {
            "organisation": caller.memberships.get().organisation_id,
            "stage": oost_week.pk,
            "title": "Bibliotheek gezocht",
            "plan": "Een digicafé over zorg-apps.",
            "kinds": ["library", "municipality"],
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/partners-gezocht/{call.pk}/"
    client.logout()
    board = client.get("/partners-gezocht/").content.decode()
    assert "Bibliotheek gezocht" in board
    assert "Bibliotheek, Gemeente" in board


def test_a_call_is_posted_before_the_regions_week_not_during_it(caller, coming_edition):
    week = coming_edition.stages.get(region__slug="oost")
    week.starts_on = today()
    week.save()
    with pytest.raises(ValidationError, match="vóór de week van de regio"):
        post(caller, week)


def test_filters_by_region_and_kind(client, caller, coming_edition):
    oost = coming_edition.stages.get(region__slug="oost")
    west = coming_edition.stages.get(region__slug="west")
    post(caller, oost, title="Oost zoekt bieb")
    post(caller, west, title="West zoekt gemeente", kinds=["municipality"])

    by_region = client.get("/partners-gezocht/?region=west").content.decode()
    assert "West zoekt gemeente" in by_region and "Oost zoekt bieb" not in by_region
    by_kind = client.get("/partners-gezocht/?kind=library").content.decode()
    assert "Oost zoekt bieb" in by_kind and "West zoekt gemeente" not in by_kind
    assert client.get("/partners-gezocht/?kind=spaceship").status_code == 400


def test_calls_close_by_themselves_after_the_week(client, caller, oost_week):
    call = post(caller, oost_week)
    oost_week.starts_on = today() - dt.timedelta(days=9)
    oost_week.ends_on = today() - dt.timedelta(days=1)
    oost_week.save()
    assert call.title not in client.get("/partners-gezocht/").content.decode()
    assert "Deze oproep is gesloten." in client.get(call.get_absolute_url()).content.decode()


def test_another_organisation_answers_and_the_caller_is_mailed(
    client, caller, partner_admin, oost_week, mailoutbox
):
    from estafette.mail.services import deliver_outbox

    call = post(caller, oost_week)
    client.force_login(partner_admin)
    library = partner_admin.memberships.get().organisation
    response = client.post(
        f"/partners-gezocht/{call.pk}/reageren/",
        {"organisation": library.pk, "message": "Wij doen graag mee: onze digicoaches helpen."},
    )
    assert response.status_code == 302
    assert Answer.objects.get().organisation == library
    assert "Bibliotheek Arnhem heeft gereageerd" in client.get(call.get_absolute_url()).text
    deliver_outbox()
    assert mailoutbox[-1].to == ["zorg@example.nl"]
    assert mailoutbox[-1].subject == "Bibliotheek Arnhem wil met u samenwerken"

    again = client.post(
        f"/partners-gezocht/{call.pk}/reageren/",
        {"organisation": library.pk, "message": "Nog een keer"},
    )
    assert again.status_code == 400
    assert Answer.objects.count() == 1


def test_an_accepted_answer_becomes_a_partner_invitation_on_the_activity(
    client, caller, partner_admin, oost_week
):
    organisation = caller.memberships.get().organisation
    activity = ActivityFactory(lead_organisation=organisation, stage=oost_week, status="submitted")
    call = post(caller, oost_week, activity=activity)
    library = partner_admin.memberships.get().organisation
    answer = services.answer_call(call=call, organisation=library, by=partner_admin, message="Ja")

    client.force_login(caller)
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Ja" in page and "Accepteren en uitnodigen" in page
    response = client.post(
        f"/partners-gezocht/{call.pk}/reactie/{answer.pk}/accepteren/", {"activity": activity.pk}
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == "accepted"
    invitation = Partner.objects.get(activity=activity, organisation=library)
    assert invitation.status == "invited" and answer.invitation == invitation
    assert AuditEntry.objects.filter(action="board.answer_accepted").exists()


def test_only_the_caller_decides_on_answers(client, caller, partner_admin, oost_week):
    call = post(caller, oost_week)
    library = partner_admin.memberships.get().organisation
    answer = services.answer_call(call=call, organisation=library, by=partner_admin, message="Ja")
    client.force_login(partner_admin)
    response = client.post(f"/partners-gezocht/{call.pk}/reactie/{answer.pk}/accepteren/")
    assert response.status_code == 404
    assert "Accepteren en uitnodigen" not in client.get(call.get_absolute_url()).content.decode()


def test_the_coordinator_hides_a_call_with_a_reason_in_the_audit_trail(
    coordinator_client, client, caller, oost_week
):
    call = post(caller, oost_week, title="Koop onze pillen")
    response = coordinator_client.post(
        f"/partners-gezocht/{call.pk}/verbergen/", {"reason": "Reclame."}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.is_hidden
    assert AuditEntry.objects.get(action="board.call_hidden").message == "Reclame."
    coordinator_client.logout()
    assert "Koop onze pillen" not in client.get("/partners-gezocht/").content.decode()
    assert client.get(call.get_absolute_url()).status_code == 404


def test_posting_is_rate_limited(caller, oost_week):
    for _ in range(services.CALLS_PER_DAY):
        post(caller, oost_week)
    with pytest.raises(ValidationError, match="te vaak"):
        post(caller, oost_week)
    assert Call.objects.count() == services.CALLS_PER_DAY


def test_free_text_is_escaped_and_never_turned_into_links(client, caller, oost_week):
    call = post(
        caller,
        oost_week,
        plan='Kijk op https://phish.example/login <a href="https://x.example">hier</a>',
    )
    for url in ("/partners-gezocht/", call.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "https://phish.example/login" in page
        assert 'href="https://phish.example' not in page
        assert 'href="https://x.example"' not in page
