"""Issue 13.9: every participant mail carries the personal link, speaks the language the person
used, a cancelled place leaves the calendar, and a visitor can ask for all their sign-ups."""

import re

import pytest
from django.core import mail
from icalendar import Calendar

from estafette.activities.models import Activity
from estafette.signups import services
from estafette.signups.models import Signup
from tests.signups.conftest import delivered, form_data, future_activity, last_mail_to, sign_up

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/(?:en/)?aanmelding/[^/\s]+/)")


def _link(message) -> str:
    return LINK.search(message.body).group(1)


def test_the_final_confirmation_after_double_opt_in_carries_the_same_personal_link(client):
    activity = future_activity(signup_confirmation=Activity.Confirmation.EMAIL)
    sign_up(activity)
    first = last_mail_to("anna@example.nl")
    link = _link(first)
    mail.outbox.clear()
    client.get(link)  # the personal page
    client.post(link + "bevestigen/")
    confirmed = last_mail_to("anna@example.nl")
    assert confirmed is not first and "activiteit.ics" in [a[0] for a in confirmed.attachments]
    assert _link(confirmed) == link
    assert client.get(link).status_code == 200


def test_mails_without_a_request_carry_the_link_too():
    activity = future_activity(capacity=1, signup_confirmation=Activity.Confirmation.INSTANT)
    sign_up(activity, email="anna@example.nl")
    link = _link(last_mail_to("anna@example.nl"))
    signup = sign_up(activity, email="bram@example.nl")[0]
    services.message_participants(activity=activity, subject="Parkeren", body="Parkeer achter.")
    assert _link(last_mail_to("anna@example.nl")) == link
    services.cancel_signup(signup=Signup.objects.get(email="anna@example.nl"))
    promoted = last_mail_to("bram@example.nl")  # from the waiting list, no request involved
    assert _link(promoted).startswith("/aanmelding/")
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED


def test_an_english_sign_up_gets_english_mails_with_english_links(client):
    activity = future_activity()
    data = form_data(client, activity)
    response = client.post(f"/en/activiteit/{activity.pk}/aanmelden/", data)
    assert response.status_code == 302
    assert Signup.objects.get().language == "en"
    message = last_mail_to("anna@example.nl")
    assert "Dear" in message.body or "signed up" in message.body
    assert "/en/aanmelding/" in message.body and "Beste" not in message.body
    services.message_participants(activity=activity, subject="Parking", body="Park behind.")
    assert "Beste" not in last_mail_to("anna@example.nl").body


def test_cancelling_a_place_sends_the_calendar_cancellation():
    activity = future_activity(signup_confirmation=Activity.Confirmation.INSTANT)
    signup, _token = sign_up(activity)
    mail.outbox.clear()
    services.cancel_signup(signup=signup)
    message = last_mail_to("anna@example.nl")
    [ics] = [a for a in message.attachments if a[0].endswith(".ics")]
    calendar = Calendar.from_ical(ics[1])
    assert str(calendar["method"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"activity-{activity.pk}@slimmezorgestafette.nl"


def test_a_visitor_asks_for_all_their_sign_ups_in_one_mail(client):
    first, second, past = future_activity(), future_activity(), future_activity()
    links = []
    for activity in (first, second):
        sign_up(activity)
        links.append(_link(last_mail_to("anna@example.nl")))
    Activity.objects.filter(pk=past.pk).update(title="Voorbij")
    mail.outbox.clear()
    page = client.get("/mijn-aanmeldingen/")
    assert page.status_code == 200 and 'autocomplete="email"' in page.content.decode()
    answer = client.post("/mijn-aanmeldingen/", {"email": "Anna@Example.nl"})
    assert answer.status_code == 200
    overview = last_mail_to("anna@example.nl")
    assert first.title in overview.body and second.title in overview.body
    assert set(LINK.findall(overview.body)) == set(links)
    unknown = client.post("/mijn-aanmeldingen/", {"email": "niemand@example.nl"})
    assert unknown.content.decode().count("Kijk in uw e-mail") == answer.content.decode().count(
        "Kijk in uw e-mail"
    )
    delivered()
    assert not [m for m in mail.outbox if "niemand@example.nl" in m.to]
    bad = client.post("/mijn-aanmeldingen/", {"email": "geen adres"})
    assert bad.status_code == 400 and "Vul een geldig e-mailadres in" in bad.content.decode()
