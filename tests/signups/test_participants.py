"""The organiser's participant list: list, exports, attendance, message, close, capacity; 404 for others."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from estafette.activities.models import Activity
from estafette.signups.models import Signup
from tests.factories import MembershipFactory, VerifiedUserFactory
from tests.signups.conftest import future_activity, last_mail_to, personal_link, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT


@pytest.fixture
def activity():
    activity = future_activity(capacity=2, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl", name="Een Eerste")
    sign_up(activity, "twee@example.nl", name="=Twee Tweede")
    sign_up(activity, "drie@example.nl", name="Drie Derde")
    return activity


@pytest.fixture
def organiser(client, activity):
    user = VerifiedUserFactory()
    MembershipFactory(user=user, organisation=activity.lead_organisation)
    client.force_login(user)
    return user


def url(activity, rest=""):
    return f"/mijn/activiteit/{activity.pk}/deelnemers/{rest}"


def test_list_shows_confirmed_waiting_with_position_and_cancelled(client, organiser, activity):
    from estafette.signups import services

    services.cancel_signup(signup=Signup.objects.get(email="een@example.nl"))  # drie moves up
    sign_up(activity, "vier@example.nl", name="Vier Vierde")
    html = client.get(url(activity)).content.decode()
    assert "Twee Tweede" in html and "Drie Derde" in html
    assert "Vier Vierde</strong> (plaats 1)" in html
    assert "Een Eerste</strong> – Afgemeld" in html
    assert "2 van de 2 plaatsen bezet" in html


def test_csv_export_has_every_sign_up_and_defuses_formulas(client, organiser, activity):
    response = client.get(url(activity, "export.csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Naam", "E-mailadres"]
    assert len(rows) == 4
    assert "'=Twee Tweede" in [row[0] for row in rows]
    assert {row[5] for row in rows[1:]} == {"Bevestigd", "Op de wachtlijst"}


def test_xlsx_export_opens_with_the_same_rows(client, organiser, activity):
    response = client.get(url(activity, "export.xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Naam" and len(values) == 4
    assert "drie@example.nl" in [row[1] for row in values]


def test_attendance_is_one_post_per_person_without_javascript(client, organiser, activity):
    signup = Signup.objects.get(email="een@example.nl")
    response = client.post(url(activity, f"{signup.pk}/aanwezig/"), {"attended": "true"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#deelnemer-{signup.pk}")
    signup.refresh_from_db()
    assert signup.attended is True
    client.post(url(activity, f"{signup.pk}/aanwezig/"), {"attended": "false"})
    signup.refresh_from_db()
    assert signup.attended is False
    # The Dutch words of old forms still count, quietly.
    client.post(url(activity, f"{signup.pk}/aanwezig/"), {"attended": "ja"})
    signup.refresh_from_db()
    assert signup.attended is True


def test_message_goes_to_every_confirmed_participant(client, organiser, activity):
    response = client.post(
        url(activity, "bericht/"), {"subject": "Parkeren", "body": "Parkeer achter het gebouw."}
    )
    assert response.status_code == 302
    message = last_mail_to("een@example.nl")
    assert "Parkeren" in message.subject and "Parkeer achter het gebouw." in message.body
    assert message.reply_to == [organiser.email]
    assert "Parkeren" in last_mail_to("twee@example.nl").subject
    from django.core import mail

    assert not any(
        "drie@example.nl" in m.to and "Parkeren" in m.subject for m in mail.outbox
    )  # waiting, not confirmed


def test_empty_message_gets_a_dutch_error(client, organiser, activity):
    response = client.post(url(activity, "bericht/"), {"subject": "", "body": ""})
    assert "Vul een onderwerp in." in response.content.decode()


def test_close_sign_up_early_and_reopen(client, organiser, activity):
    client.post(url(activity, "sluiten/"))
    activity.refresh_from_db()
    assert activity.signup_closed
    client.post(url(activity, "sluiten/"), {"closed": "false"})
    activity.refresh_from_db()
    assert not activity.signup_closed


def test_change_capacity_and_refusal_below_places_taken(client, organiser, activity):
    response = client.post(url(activity, "plaatsen/"), {"capacity": "1"}, follow=True)
    assert "Er zijn al 2 plaatsen bezet" in response.content.decode()
    client.post(url(activity, "plaatsen/"), {"capacity": "3"})
    activity.refresh_from_db()
    assert activity.capacity == 3 and activity.places_taken == 3
    assert Signup.objects.get(email="drie@example.nl").status == Signup.Status.CONFIRMED


@pytest.mark.parametrize(
    "path, method",
    [
        ("", "get"),
        ("export.csv", "get"),
        ("export.xlsx", "get"),
        ("bericht/", "get"),
        ("sluiten/", "post"),
        ("plaatsen/", "post"),
    ],
)
def test_other_users_get_404(client, activity, path, method):
    client.force_login(VerifiedUserFactory())
    assert getattr(client, method)(url(activity, path)).status_code == 404
    activity.refresh_from_db()
    assert not activity.signup_closed


def test_anonymous_visitors_are_sent_to_log_in(client, activity):
    response = client.get(url(activity))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_other_users_cannot_mark_attendance(client, activity):
    client.force_login(VerifiedUserFactory())
    signup = Signup.objects.first()
    assert (
        client.post(url(activity, f"{signup.pk}/aanwezig/"), {"attended": "true"}).status_code
        == 404
    )
    signup.refresh_from_db()
    assert signup.attended is None
    assert timezone.now()


def test_a_subject_with_a_line_break_is_refused_in_the_form(client, organiser, activity):
    response = client.post(
        url(activity, "bericht/"), {"subject": "Parkeren\nBcc: iedereen", "body": "Tekst"}
    )
    assert response.status_code == 200
    assert "Schrijf het onderwerp op één regel." in response.content.decode()
    from estafette.mail.models import OutboxMessage

    assert not OutboxMessage.objects.filter(subject__contains="Parkeren").exists()


def test_personal_pages_and_exports_are_private_and_not_stored(client, organiser, activity):
    for rest in ("", "export.csv", "export.xlsx"):
        cache_control = client.get(url(activity, rest))["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, rest
    client.logout()
    personal = client.get(personal_link(last_mail_to("een@example.nl")))
    assert personal.status_code == 200
    assert "no-store" in personal["Cache-Control"] and "private" in personal["Cache-Control"]
