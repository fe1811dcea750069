"""Organisations opt in to a weekly mail of new calls in their region asking for their kind."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from estafette.board import services
from estafette.board.models import DigestSubscription
from estafette.mail.services import deliver_outbox
from estafette.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def post(caller, stage, title, kinds):
    return services.post_call(
        organisation=caller.memberships.get().organisation,
        by=caller,
        stage=stage,
        title=title,
        plan="Plan",
        kinds=kinds,
    )


def test_an_admin_opts_in_from_the_board(client, partner_admin):
    library = partner_admin.memberships.get().organisation
    client.force_login(partner_admin)
    client.post("/partners-gezocht/wekelijkse-mail/", {"organisation": library.pk, "wanted": "1"})
    assert DigestSubscription.objects.filter(organisation=library).exists()
    client.post("/partners-gezocht/wekelijkse-mail/", {"organisation": library.pk, "wanted": "0"})
    assert not DigestSubscription.objects.exists()


def test_the_weekly_mail_lists_new_calls_in_the_region_for_the_kind_once(
    caller, partner_admin, coming_edition, mailoutbox
):
    library = partner_admin.memberships.get().organisation
    subscription = services.set_subscription(organisation=library, by=partner_admin, wanted=True)
    subscription.last_sent_at = timezone.now() - dt.timedelta(days=7)
    subscription.save()
    oost = coming_edition.stages.get(region__slug="oost")
    west = coming_edition.stages.get(region__slug="west")
    post(caller, oost, "Bieb gezocht in oost", [Organisation.Kind.LIBRARY])
    post(caller, oost, "Gemeente gezocht in oost", [Organisation.Kind.MUNICIPALITY])
    post(caller, west, "Bieb gezocht in west", [Organisation.Kind.LIBRARY])

    assert services.send_board_digests() == 1
    assert services.send_board_digests() == 0  # a second run the same week sends nothing
    deliver_outbox()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["bieb@example.nl"]
    assert message.subject == "1 nieuwe oproep voor een partner in uw regio"
    assert "Bieb gezocht in oost" in message.body
    assert "Gemeente gezocht" not in message.body and "in west" not in message.body


def test_organisations_that_did_not_opt_in_get_nothing(caller, partner_admin, oost_week):
    post(caller, oost_week, "Bieb gezocht", [Organisation.Kind.LIBRARY])
    assert services.send_board_digests(now=timezone.now() + dt.timedelta(days=8)) == 0


def test_the_scheduled_command(partner_admin, capsys):
    library = partner_admin.memberships.get().organisation
    services.set_subscription(organisation=library, by=partner_admin, wanted=True)
    call_command("send_board_digests")
    assert "send_board_digests: 0" in capsys.readouterr().out
