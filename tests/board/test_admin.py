"""Calls in the Django admin: hidden only through the service (an action with a reason), which
checks who may, keeps the reason and writes the audit trail."""

import pytest

from estafette.board import services
from estafette.board.models import Call
from estafette.core.models import AuditEntry
from estafette.organisations.models import Organisation

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/board/call/"


@pytest.fixture
def call(caller, oost_week):
    return services.post_call(
        organisation=caller.memberships.get().organisation,
        by=caller,
        stage=oost_week,
        title="Bibliotheek gezocht voor een digicafé",
        plan="Een middag waarop inwoners oefenen met zorg-apps.",
        kinds=[Organisation.Kind.LIBRARY],
    )


def test_hidden_and_closed_are_shown_not_edited(site_admin_client, call):
    form = site_admin_client.get(f"{CHANGELIST}{call.pk}/change/").context["adminform"].form
    assert not {"is_hidden", "hidden_reason", "closed_at"} & set(form.fields)


def test_hiding_a_call_in_the_admin_goes_through_the_service(site_admin_client, site_admin, call):
    response = site_admin_client.post(
        CHANGELIST,
        {"action": "hide", "_selected_action": [call.pk], "reason": "Reclame."},
        follow=True,
    )
    assert "1 oproepen verborgen." in response.content.decode()
    call = Call.objects.get(pk=call.pk)
    assert call.is_hidden and call.hidden_reason == "Reclame."
    entry = AuditEntry.objects.get(action="board.call_hidden")
    assert (entry.actor, entry.message) == (site_admin, "Reclame.")
