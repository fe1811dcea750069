"""The campaign's mails (result reminder, the baton, the board's answers and weekly mail) go out
in each recipient's language: the language they last acted in on the site, Dutch otherwise;
links in an English mail lead to the English pages."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from estafette.accounts.models import User
from estafette.board import services as board
from estafette.mail.services import deliver_outbox
from estafette.organisations.models import Organisation
from estafette.relay.models import Region
from estafette.results import services as results
from estafette.results.handover import send_handover_mails
from tests.factories import ActivityFactory, MembershipFactory, VerifiedUserFactory, at

pytestmark = pytest.mark.django_db

PASSWORD = "Geheim-wachtwoord-123"  # the factories' password


def speaks(user, language):
    User.objects.filter(pk=user.pk).update(language=language)


def delivered() -> dict[str, object]:
    deliver_outbox()
    return {address: message for message in mail.outbox for address in message.to}


def test_acting_on_the_english_site_makes_later_mails_english(client):
    user = VerifiedUserFactory(email="visitor@example.nl")
    assert user.language == "nl"
    response = client.post("/en/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})  # Dutch site
    user.refresh_from_db()
    assert user.language == "nl"
    client.get("/en/")  # reading is not acting: nothing changes
    client.post("/api/v1/activities")  # nor does a language-neutral address
    user.refresh_from_db()
    assert user.language == "nl"


def test_the_result_reminder_speaks_each_organisers_language():
    end = dt.date(2023, 2, 7)
    english = VerifiedUserFactory(email="creator@example.nl")
    activity = ActivityFactory(created_by=english, starts_at=at(end, 14), ends_at=at(end, 16))
    dutch = MembershipFactory(organisation=activity.lead_organisation).user
    speaks(english, "en")

    assert results.send_result_reminders(now=at(end + dt.timedelta(days=1), 9)) == 1
    sent = delivered()

    assert sent[english.email].subject == f"How did it go? Report the results of {activity.title}"
    assert "Report results:" in sent[english.email].body
    assert f"/en/mijn/activiteit/{activity.pk}/terugblik/" in sent[english.email].body
    assert sent[dutch.email].subject.startswith("Hoe ging het?")
    assert f"/mijn/activiteit/{activity.pk}/terugblik/" in sent[dutch.email].body
    assert "/en/" not in sent[dutch.email].body
    assert len(mail.outbox) == 2


def test_the_baton_speaks_each_recipients_language():
    coordinator = VerifiedUserFactory(email="coordinator-west@example.nl")
    coordinator.coordinated_regions.add(Region.objects.get(slug="west"))
    organiser = VerifiedUserFactory(email="bieb-leiden@example.nl")
    ActivityFactory(region="west", status="submitted", created_by=organiser)
    ActivityFactory(title="Beeldbellen met de wijkverpleging")  # oost, 2023
    speaks(coordinator, "en")

    assert send_handover_mails(now=at(dt.date(2023, 2, 11), 9)) == 1
    sent = delivered()

    assert sent[coordinator.email].subject == "The baton is yours, region west"
    assert "/en/editie/2023/regio/oost/" in sent[coordinator.email].body
    assert sent[organiser.email].subject == "Het stokje is aan u, regio west"
    assert "/en/" not in sent[organiser.email].body


def test_the_boards_answer_and_weekly_mail_speak_the_recipients_language(
    client,
    caller,
    partner_admin,
    coming_edition,
    oost_week,
):
    speaks(caller, "en")
    speaks(partner_admin, "en")
    call = board.post_call(
        organisation=caller.memberships.get().organisation,
        by=caller,
        stage=oost_week,
        title="Bibliotheek gezocht voor een digicafé",
        plan="Een middag met zorg-apps.",
        kinds=[Organisation.Kind.LIBRARY],
    )
    library = partner_admin.memberships.get().organisation
    board.answer_call(call=call, organisation=library, by=partner_admin, message="Wij doen mee.")
    answer = delivered()[caller.email]
    assert answer.subject == "Bibliotheek Arnhem would like to work with you"
    assert f"/en/partners-gezocht/{call.pk}/" in answer.body

    mail.outbox.clear()
    subscription = board.set_subscription(organisation=library, by=partner_admin, wanted=True)
    subscription.last_sent_at = timezone.now() - dt.timedelta(days=7)
    subscription.save()
    assert board.send_board_digests() == 1
    digest = delivered()[partner_admin.email]
    assert digest.subject == "1 new call for a partner in your region"
    assert "All calls:" in digest.body
    assert "/en/partners-gezocht/" in digest.body
